"""Two-tier local government (from 01/7/2025: province and commune, no district).

A plan issued on or after 01/07/2025 — or a draft for 2026 on — may not come from a district, name
the district it belongs to, or send to a district body; the same plan dated 30/06/2025 is fine.
The illustrative commune template ``examples/mau-xa-2027`` follows the rule and renders.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, minimal_plan, write_yaml
from docx_reading import DocxReader

from cchc_plan.cli import main
from cchc_plan.io import load_plan, plan_from_data
from cchc_plan.model import Level, Plan
from cchc_plan.problems import InputError

TEMPLATE = ROOT / "examples" / "mau-xa-2027" / "ke-hoach.yaml"
_DISTRICT_BODY = re.compile(r"\b(?:huyện|quận|thị xã)\b", re.I)


def base(year: int, date: str | None) -> dict[str, Any]:
    """The minimal plan moved to ``year`` (deadlines, texts) with nothing of a district left."""
    text = json.dumps(minimal_plan(), ensure_ascii=False)
    data = json.loads(text.replace("2023", str(year)).replace("2022", str(year - 1)))
    data["year"] = year
    data["date"] = date
    if date is None:
        data["number"] = "/KH-UBND"
    del data["issuer"]["district"]
    data["recipients"] = ["UBND tỉnh", "Sở Nội vụ"]
    # The minimal plan cites a district plan; a two-tier plan cites the province only.
    data["opening"]["bases"][0]["documents"] = data["opening"]["bases"][0]["documents"][:1]
    data["opening"]["bases"][0]["documents"][0]["date"] = f"15/06/{year - 1}"  # before any issue date
    return data


def problems_of(data: dict[str, Any]) -> list[str]:
    """The field paths refused (empty when the plan is accepted)."""
    try:
        plan_from_data(data)
    except InputError as e:
        return [p.path for p in e.problems]
    return []


VIOLATIONS = {
    "issuer.level": lambda d: d["issuer"].update(level="district"),
    "issuer.district": lambda d: d["issuer"].update(district="huyện Phú Lộc"),
    "recipients[1]": lambda d: d["recipients"].insert(1, "UBND huyện"),
    "recipients[2]": lambda d: d["recipients"].insert(2, "Phòng Nội vụ huyện"),
}


@pytest.mark.parametrize(("year", "date"), [(2025, "01/07/2025"), (2025, "15/12/2025"), (2026, "15/12/2025"),
                                            (2026, None), (2027, None)])
@pytest.mark.parametrize("field", sorted(VIOLATIONS))
def test_two_tier_plan_with_a_district_is_refused(year: int, date: str | None, field: str) -> None:
    data = base(year, date)
    assert problems_of(data) == []  # the plan is fine without it
    VIOLATIONS[field](data)
    assert problems_of(data) == [field]


@pytest.mark.parametrize(("year", "date"), [(2025, "30/06/2025"), (2025, None), (2024, "20/12/2024")])
@pytest.mark.parametrize("field", sorted(VIOLATIONS))
def test_three_tier_plan_may_name_the_district(year: int, date: str | None, field: str) -> None:
    data = base(year, date)
    VIOLATIONS[field](data)
    assert problems_of(data) == []
    plan = plan_from_data(data)
    assert not plan.two_tier


def test_all_district_traces_are_listed_at_once() -> None:
    data = base(2025, "01/07/2025")
    for change in VIOLATIONS.values():
        change(data)
    assert sorted(problems_of(data)) == sorted(VIOLATIONS)


@pytest.mark.parametrize("recipient", ["UBND huyện Phú Lộc", "Ủy ban nhân dân huyện Phú Lộc",
                                       "Phòng Nội vụ huyện Phú Lộc", "Phòng Tài chính - Kế hoạch huyện"])
def test_named_district_bodies_are_refused(recipient: str) -> None:
    data = base(2026, None)
    data["recipients"].append(recipient)
    assert problems_of(data) == ["recipients[2]"]


def test_validate_names_the_field_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = base(2025, "01/07/2025")
    data["issuer"]["level"] = "district"
    data["recipients"].append("Phòng Nội vụ huyện")
    path = write_yaml(tmp_path / "ke-hoach.yaml", data)
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    text = path.read_text(encoding="utf-8")
    level_line = next(n for n, line in enumerate(text.splitlines(), 1) if "level: district" in line)
    assert f"{path}:{level_line}" in err
    assert "issuer.level" in err and "recipients[2]" in err and "Phòng Nội vụ huyện" in err
    assert "01/7/2025" in err and "huyện" in err

    data["date"] = "30/06/2025"
    write_yaml(path, data)
    assert main(["validate", str(path)]) == 0
    assert "hợp lệ" in capsys.readouterr().out


# --------------------------------------------------------------------------- the commune template


@pytest.fixture(scope="module")
def template() -> Plan:
    return load_plan(TEMPLATE)


def test_template_validates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(TEMPLATE)]) == 0
    out = capsys.readouterr().out
    assert "hợp lệ" in out and "bản dự thảo" in out and "2027" in out


def test_template_is_a_two_tier_commune_draft(template: Plan) -> None:
    assert template.two_tier
    assert template.is_draft and template.date is None and template.year == 2027
    assert template.issuer.level is Level.COMMUNE
    assert template.issuer.district is None
    assert template.issuer.header == ("ỦY BAN NHÂN DÂN", "XÃ MẪU")


def test_template_cites_and_addresses_no_district(template: Plan) -> None:
    docs = template.opening.documents
    assert docs
    for doc in docs:
        assert not _DISTRICT_BODY.search(doc.text()), doc.text()
    assert any((doc.issuer or "").endswith("tỉnh Mẫu") for doc in docs)  # the province's plan
    for r in template.recipients:
        assert "huyện" not in r.lower(), r
    assert "UBND tỉnh" in template.recipients
    raw = TEMPLATE.read_text(encoding="utf-8")
    assert "district:" not in raw


def test_template_renders_with_its_header_and_a_draft_number(tmp_path: Path) -> None:
    out = tmp_path / "mau.docx"
    assert main(["render", str(TEMPLATE), "-o", str(out)]) == 0
    doc = DocxReader(out)
    texts = [p.text for p in doc.paragraphs()]
    header = texts[:texts.index("KẾ HOẠCH")]
    assert "ỦY BAN NHÂN DÂN" in header and "XÃ MẪU" in header
    number = next(t for t in header if t.startswith("Số:"))
    assert re.fullmatch(r"Số:\s{2,}/KH-UBND", number), number
    assert number == "Số:      /KH-UBND"
    assert "Mẫu, ngày      tháng      năm 2027" in header
    assert "xã Mẫu năm 2027" in texts
    body = "\n".join(texts)
    assert not re.search(r"\bhuyện\b", body, re.I)
    assert "- UBND tỉnh;" in texts
    assert "Nguyễn Văn A" in texts
    # The appendix cites the draft the same way.
    assert "(Kèm theo Kế hoạch số      /KH-UBND của UBND xã Mẫu)" in texts
