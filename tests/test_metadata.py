"""``render --metadata``: every outgoing-document field of Nghị định 30/2020, Phụ lục VI, filled from the model."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from conftest import ROOT
from docx_reading import missing_pdf_tools, pdf_page_count

from cchc_plan.cli import main
from cchc_plan.io import load_plan
from cchc_plan.model.metadata import OUTGOING_FIELDS, outgoing_metadata
from cchc_plan.problems import InvalidModel

DECISION = ROOT / "examples" / "loc-binh-2023" / "quyet-dinh.yaml"
PLAN = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"

# The decree's table (Phụ lục VI, Phần II, I. Văn bản đi): number, English name, type, length.
DECREE_TABLE = [
    ("1.1", "FileCode.OrganId", "String", 13), ("1.2", "FileCode.FileCatalog", "Number", 4),
    ("1.3", "FileCode.FileNotation", "String", 20), ("2", "DocOrdinal", "Number", 3),
    ("3", "TypeName", "String", 100), ("4", "CodeNumber", "String", 11), ("5", "CodeNotation", "String", 30),
    ("6", "IssuedDate", "Date", 10), ("7", "OrganName", "String", 200), ("8", "Subject", "String", 500),
    ("9", "Language", "String", 30), ("10", "PageAmount", "Number", 3), ("11", "Description", "String", 500),
    ("12.1", "SignerInfo.Position", "String", 100), ("12.2", "SignerInfo.FullName", "String", 50),
    ("13.1", "To.OrganId", "String", 13), ("13.2", "To.OrganName", "String", 200),
    ("14", "Priority", "Number", 1), ("15", "IssuedAmount", "Number", 3), ("16", "DueDate", "Date", 10),
]
AUTOMATIC = {"1.1", "1.2", "2", "4", "6", "10", "13.1"}  # "Tự động cập nhật các trường" of the decree


def test_the_field_list_is_the_decrees() -> None:
    assert [(f.number, f.key, f.type, f.length) for f in OUTGOING_FIELDS] == DECREE_TABLE
    assert {f.number for f in OUTGOING_FIELDS if f.automatic} == AUTOMATIC
    assert all(f.name and f.name[0].isupper() for f in OUTGOING_FIELDS)


def _json(tmp_path: Path, source: Path, *extra: str) -> dict[str, Any]:
    out = tmp_path / "dac-ta.json"
    assert main(["render", str(source), "-o", str(tmp_path / "van-ban.docx"), "--metadata", str(out), *extra]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_json_lists_every_field_with_its_name_and_limit(tmp_path: Path) -> None:
    data = _json(tmp_path, DECISION)
    assert data["source"].startswith("Nghị định 30/2020/NĐ-CP, Phụ lục VI")
    fields = data["fields"]
    seen = [(f["number"], f["key"], f["type"], f["length"]) for f in fields]
    assert sorted(set(seen), key=DECREE_TABLE.index) == DECREE_TABLE  # every field, To once per recipient
    values = {f["key"]: f["value"] for f in fields if not f["key"].startswith("To.")}
    assert values == {
        "FileCode.OrganId": "000.00.15.H57", "FileCode.FileCatalog": 2023, "FileCode.FileNotation": "03.CCHC",
        "DocOrdinal": 1, "TypeName": "Quyết định", "CodeNumber": "05", "CodeNotation": "QĐ-UBND",
        "IssuedDate": "06/01/2023", "OrganName": "Ủy ban nhân dân xã Lộc Bình",
        "Subject": "Về việc ban hành Kế hoạch cải cách hành chính gắn với chính quyền số, dịch vụ đô thị thông "
                   "minh xã Lộc Bình năm 2023",
        "Language": "Tiếng Việt", "PageAmount": None, "Description": None,
        "SignerInfo.Position": "CHỦ TỊCH", "SignerInfo.FullName": "Dương Quang Hùng",
        "Priority": None, "IssuedAmount": 14, "DueDate": None,
    }
    to = [f["value"] for f in fields if f["key"] == "To.OrganName"]
    # "- Như Điều 3;" stands for the units of article 3, then the other recipients.
    assert to[:2] == ["Văn phòng HĐND và UBND xã", "Bộ phận Văn phòng - Thống kê"]
    assert to[-1] == "CT, các PCT UBND xã" and len(to) == 11
    assert data["document"]["FileCode"] == {"OrganId": "000.00.15.H57", "FileCatalog": 2023,
                                            "FileNotation": "03.CCHC"}
    assert data["document"]["To"][0] == {"OrganId": None, "OrganName": "Văn phòng HĐND và UBND xã"}
    for f in fields:  # every value within its limit
        if f["value"] is not None:
            assert len(str(f["value"])) <= f["length"]


def test_a_plan_of_its_own_is_its_own_outgoing_document(tmp_path: Path) -> None:
    fields = _json(tmp_path, PLAN)["fields"]
    values = {f["key"]: f["value"] for f in fields}
    assert (values["TypeName"], values["CodeNumber"], values["CodeNotation"], values["IssuedDate"]) == (
        "Kế hoạch", "07", "KH-UBND", "06/01/2023")
    assert [f["value"] for f in fields if f["key"] == "To.OrganName"][:2] == ["UBND huyện", "Phòng Nội vụ"]
    assert values["FileCode.OrganId"] is None and values["DocOrdinal"] is None  # no registry: left to the system


def test_the_electronic_form_leaves_number_and_date_to_the_signing_tool(tmp_path: Path) -> None:
    values = {f["key"]: f["value"] for f in _json(tmp_path, DECISION, "--electronic")["fields"]}
    assert values["CodeNumber"] is None and values["IssuedDate"] is None and values["CodeNotation"] == "QĐ-UBND"


def test_the_xml_has_an_element_per_field(tmp_path: Path) -> None:
    out = tmp_path / "dac-ta.xml"
    assert main(["render", str(DECISION), "-o", str(tmp_path / "qd.docx"), "--metadata", str(out)]) == 0
    root = ET.parse(out).getroot()
    assert root.tag == "OutgoingDocument"
    found = {(e.get("stt"), e.tag, e.get("kieu"), e.get("do_dai")) for e in root.iter() if e.get("stt")}
    assert found == {(n, k.rpartition(".")[2], t, str(length)) for n, k, t, length in DECREE_TABLE}
    assert root.findtext("CodeNotation") == "QĐ-UBND" and root.findtext("SignerInfo/FullName") == "Dương Quang Hùng"
    assert len(root.findall("To/Recipient")) == 11


@pytest.mark.skipif(bool(missing_pdf_tools()), reason=f"needs {', '.join(missing_pdf_tools())}")
def test_the_page_count_comes_from_the_pdf(tmp_path: Path) -> None:
    data = _json(tmp_path, DECISION, "--pdf")
    pages = {f["key"]: f["value"] for f in data["fields"]}["PageAmount"]
    assert pages == pdf_page_count(tmp_path / "van-ban.pdf") and pages > 2


def _write(tmp_path: Path, change: Any) -> Path:
    data = yaml.safe_load(DECISION.read_text(encoding="utf-8"))
    change(data)
    source = tmp_path / "qd.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return source


@pytest.mark.parametrize(("change", "path", "limit"), [
    (lambda d: d["registry"].update(file_notation="03.CCHC-VĂN-PHÒNG-2023"), "metadata.FileCode.FileNotation", 20),
    (lambda d: d["registry"].update(organ_id="000.00.15.H57.01"), "metadata.FileCode.OrganId", 13),
    (lambda d: d["issued_by"].update(subject="Về việc ban hành Kế hoạch " + "rất dài " * 70), "metadata.Subject",
     500),
    (lambda d: d["issued_by"]["recipients"].append("Ban " * 60), "metadata.To[11].OrganName", 200),
])
def test_a_value_too_long_for_its_field_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         change: Any, path: str, limit: int) -> None:
    source = _write(tmp_path, change)
    out, meta = tmp_path / "qd.docx", tmp_path / "qd.json"
    assert main(["render", str(source), "-o", str(out), "--metadata", str(meta)]) == 1
    err = capsys.readouterr().err
    assert str(source) in err and path in err and f"tối đa {limit}" in err and "Phụ lục VI" in err, err
    assert "Traceback" not in err
    assert not out.exists() and not meta.exists()  # nothing written


def test_a_report_is_an_outgoing_document_too(tmp_path: Path) -> None:
    source = ROOT / "examples" / "loc-binh-2023" / "bao-cao-quy-1.yaml"
    text = source.read_text(encoding="utf-8")
    with_registry = tmp_path / source.name
    with_registry.write_text(text + "\nregistry:\n  ordinal: 4\n  due_date: 31/03/2023\n", encoding="utf-8")
    for name in ("ke-hoach.yaml", "ho-so-2023.csv"):  # what the report reads beside it
        (tmp_path / name).write_bytes((source.parent / name).read_bytes())
    fields = _json(tmp_path, with_registry)["fields"]
    values = {f["key"]: f["value"] for f in fields}
    assert (values["TypeName"], values["CodeNumber"], values["CodeNotation"], values["IssuedDate"]) == (
        "Báo cáo", "15", "BC-UBND", "16/03/2023")
    assert values["Subject"] == "Kết quả thực hiện công tác cải cách hành chính quý I năm 2023"
    assert values["DocOrdinal"] == 4 and values["DueDate"] == "31/03/2023"
    to = [f["value"] for f in fields if f["key"] == "To.OrganName"]
    assert to[0] == "Phòng Nội vụ huyện Phú Lộc"  # "Kính gửi", for which "- Như trên;" stands
    assert not any(t.startswith("Như trên") for t in to)


def test_the_api_gives_the_same_values() -> None:
    meta = outgoing_metadata(load_plan(DECISION), page_amount=15)
    assert meta.value("PageAmount") == 15 and meta.value("CodeNumber") == "05"
    assert meta.recipients[0] == (None, "Văn phòng HĐND và UBND xã")


@settings(max_examples=40, deadline=None)
@given(length=st.integers(min_value=1, max_value=40), letter=st.sampled_from("aăâđêôơưAĐ0"))
def test_a_file_notation_is_accepted_exactly_up_to_its_limit(length: int, letter: str) -> None:
    plan = load_plan(DECISION)
    assert plan.registry is not None
    changed = attrs.evolve(plan, registry=attrs.evolve(plan.registry, file_notation=letter * length))
    if length <= 20:
        assert outgoing_metadata(changed).value("FileCode.FileNotation") == letter * length
    else:
        with pytest.raises(InvalidModel) as e:
            outgoing_metadata(changed)
        assert [p.path for p in e.value.problems] == ["metadata.FileCode.FileNotation"]
        assert f"dài {length} ký tự, tối đa 20" in e.value.problems[0].rule


def test_a_decision_issued_plan_in_the_task_workbook_cites_the_decision(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "nhiem-vu.xlsx"
    assert main(["sheet", str(DECISION), "-o", str(out)]) == 0
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A2"].value == ("(Kèm theo Kế hoạch ban hành kèm theo Quyết định số 05/QĐ-UBND ngày 06/01/2023 "
                                 "của UBND xã Lộc Bình)")
