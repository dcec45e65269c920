"""A plan issued by a decision (Mẫu 1.3): the decision and the attached plan, read back and checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from docx_reading import DocxReader, ParaInfo, TableInfo

from cchc_plan.checker import check_docx
from cchc_plan.cli import main
from cchc_plan.docx.writer import write_docx
from cchc_plan.io import load_plan
from cchc_plan.layout.blocks import Document, Header, Paragraph, Span
from cchc_plan.render import layout, render

EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "quyet-dinh.yaml"
ISSUED_WITH = ("(Ban hành kèm theo Quyết định số 05/QĐ-UBND ngày 06 tháng 01 năm 2023 "
               "của UBND xã Lộc Bình)")


def _texts(blocks: list[Any]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, ParaInfo):
            out.append(b.text)
        else:
            out += [p.text for row in b.rows for cell in row.cells for p in cell.paragraphs]
    return out


def _para(blocks: list[Any], start: str) -> ParaInfo:
    return next(b for b in blocks if isinstance(b, ParaInfo) and b.text.startswith(start))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render(EXAMPLE, tmp_path_factory.mktemp("qd") / "quyet-dinh.docx")


def test_the_decision_is_laid_out_as_form_1_3(rendered: Path) -> None:
    doc = DocxReader(rendered)
    decision = doc.sections[0].blocks
    texts = _texts(decision)
    assert "Số: 05/QĐ-UBND" in texts and "Lộc Bình, ngày 06 tháng 01 năm 2023" in texts
    i = texts.index("QUYẾT ĐỊNH")
    assert texts[i + 1].startswith("Về việc ban hành Kế hoạch cải cách hành chính gắn với chính quyền số")
    authority = _para(decision, "ỦY BAN NHÂN DÂN XÃ LỘC BÌNH")
    assert authority.bold and authority.align == "center"
    grounds = [b for b in decision if isinstance(b, ParaInfo) and b.text.startswith(("Căn cứ", "Theo đề nghị"))]
    assert len(grounds) == 4 and all(g.italic for g in grounds)
    assert grounds[0].text.startswith("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    assert grounds[-1].text == "Theo đề nghị của Bộ phận Văn phòng - Thống kê."
    ruling = _para(decision, "QUYẾT ĐỊNH:")
    assert ruling.bold and ruling.align == "center"
    articles = [b for b in decision if isinstance(b, ParaInfo) and b.text.startswith("Điều ")]
    assert [a.text[:7] for a in articles] == ["Điều 1.", "Điều 2.", "Điều 3."]
    for article in articles:
        lead = article.text_runs[0]
        assert lead.text.strip() == article.text[:7] and lead.bold
        assert not any(r.bold for r in article.text_runs[1:])
    assert articles[0].text == ("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính gắn với "
                                "chính quyền số, dịch vụ đô thị thông minh xã Lộc Bình năm 2023.")
    assert articles[1].text == "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."
    # Article 3 names the units by their full names (keys in the file), and closes the text.
    assert articles[2].text == (
        "Điều 3. Văn phòng HĐND và UBND xã, Bộ phận Văn phòng - Thống kê, Bộ phận Tư pháp - Hộ tịch, "
        "Bộ phận Tài chính - Kế toán, Bộ phận Văn hóa - Xã hội và Thủ trưởng các ban, ngành, đoàn thể xã "
        "chịu trách nhiệm thi hành Quyết định này./.")
    end = [b for b in decision if isinstance(b, TableInfo)][-1]
    recipients = [p.text for p in end.rows[0].cells[0].paragraphs]
    assert recipients[:3] == ["Nơi nhận:", "- Như Điều 3;", "- UBND huyện;"]
    assert recipients[-1] == "- Lưu: VT, VP."
    assert [p.text for p in end.rows[0].cells[1].paragraphs if p.text] == [
        "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Dương Quang Hùng"]


def test_the_plan_follows_as_an_issued_with_document(rendered: Path) -> None:
    doc = DocxReader(rendered)
    attached = doc.sections[1]
    assert not attached.landscape and attached.pgnum_start == 1 and attached.title_pg
    texts = [t for t in _texts(attached.blocks) if t]
    header = [b for b in attached.blocks if isinstance(b, TableInfo)][0]
    header_text = [p.text for row in header.rows for cell in row.cells for p in cell.paragraphs if p.text]
    assert header_text == ["ỦY BAN NHÂN DÂN", "XÃ LỘC BÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                           "Độc lập - Tự do - Hạnh phúc"]  # no Số, no date: the decision has them
    assert not any(t.startswith("Số:") or ", ngày " in t for t in header_text)
    i = texts.index("KẾ HOẠCH")
    assert texts[i + 1:i + 4] == ["Cải cách hành chính gắn với chính quyền số,",
                                  "dịch vụ đô thị thông minh xã Lộc Bình năm 2023", ISSUED_WITH]
    line = _para(attached.blocks, "(Ban hành kèm theo")
    assert line.italic and not line.bold and line.align == "center"
    rule = attached.blocks[attached.blocks.index(line) + 1]
    assert isinstance(rule, ParaInfo) and rule.bottom_border is not None and not rule.text
    assert texts[-1].endswith("./.")
    assert "Nơi nhận:" not in texts  # the decision carries the recipients and the signature
    appendix = doc.sections[2]
    assert appendix.landscape and appendix.pgnum_start == 1
    assert ("(Kèm theo Kế hoạch ban hành kèm theo Quyết định số 05/QĐ-UBND ngày 06 tháng 01 năm 2023 "
            "của UBND xã Lộc Bình)") in _texts(appendix.blocks)


def test_the_pair_passes_the_check(rendered: Path) -> None:
    report = check_docx(rendered)
    assert report.findings == (), [f"{f.rule} {f.location}: {f.found}" for f in report.findings]
    assert report.documents == 2 and report.form == "paper"


def test_the_plan_in_a_file_of_its_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    decision, plan = tmp_path / "quyet-dinh.docx", tmp_path / "ke-hoach.docx"
    assert main(["render", str(EXAMPLE), "-o", str(decision), "--attachment", str(plan)]) == 0
    assert f"Đã ghi {plan} (văn bản ban hành kèm theo)" in capsys.readouterr().out
    main_doc, attached = DocxReader(decision), DocxReader(plan)
    assert len(main_doc.sections) == 1 and "KẾ HOẠCH" not in _texts(main_doc.blocks)
    texts = _texts(attached.blocks)
    assert ISSUED_WITH in texts and not any(t.startswith("Số:") for t in texts)
    for path in (decision, plan):
        report = check_docx(path)
        assert report.findings == (), [f"{f.rule} {f.location}: {f.found}" for f in report.findings]
    assert check_docx(plan).documents == 1


def test_an_attachment_file_for_a_plan_without_a_decision_is_refused(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["render", str(ROOT / "examples/loc-binh-2023/ke-hoach.yaml"), "-o", str(tmp_path / "a.docx"),
                 "--attachment", str(tmp_path / "b.docx")])
    assert code == 1 and "issued_by" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- the checker's own rules


def _rewrite(tmp_path: Path, change: Any) -> Path:
    """The example's layout changed by ``change(document) -> document``, written out."""
    document = change(layout(load_plan(EXAMPLE)))
    out = tmp_path / "changed.docx"
    write_docx(document, out)
    return out


def _body(document: Document, fn: Any) -> Document:
    return attrs.evolve(document, body=tuple(fn(b) for b in document.body))


def _upright_grounds(b: Any) -> Any:
    if isinstance(b, Paragraph) and b.text.startswith("Căn cứ"):
        return attrs.evolve(b, spans=tuple(attrs.evolve(s, italic=False) for s in b.spans))
    return b


def _last_ground_with_semicolon(b: Any) -> Any:
    if isinstance(b, Paragraph) and b.text.startswith("Theo đề nghị"):
        return attrs.evolve(b, spans=(attrs.evolve(b.spans[0], text=b.text.rstrip(".") + ";"),))
    return b


def _plain_article(b: Any) -> Any:
    if isinstance(b, Paragraph) and b.text.startswith("Điều 2."):
        return attrs.evolve(b, spans=(Span(text=b.text),))
    return b


def _attachment(document: Document, **changes: Any) -> Document:
    attached = document.attachments[0]
    if "title" in changes:
        changes["title"] = attrs.evolve(attached.title, **changes["title"])
    return attrs.evolve(document, attachments=(attrs.evolve(attached, **changes),))


CASES = {
    "căn cứ upright": (lambda d: _body(d, _upright_grounds), "ND30-DECISION-GROUNDS", "nghiêng"),
    "Điều 2. not bold": (lambda d: _body(d, _plain_article), "ND30-DECISION-ARTICLE", "Điều 2."),
    "last ground ends with ;": (lambda d: _body(d, _last_ground_with_semicolon), "ND30-DECISION-GROUNDS",
                                "thay cho “.”"),
    "no QUYẾT ĐỊNH: line": (lambda d: attrs.evolve(d, body=tuple(
        b for b in d.body if not (isinstance(b, Paragraph) and b.text == "QUYẾT ĐỊNH:"))),
        "ND30-DECISION-RULING", "QUYẾT ĐỊNH:"),
    "attachment without its line": (lambda d: _attachment(d, title={"issued_with": None}),
                                    "ND30-ISSUED-WITH", "Ban hành kèm theo"),
    "attachment citing another number": (
        lambda d: _attachment(d, title={"issued_with": ISSUED_WITH.replace("05/QĐ", "06/QĐ")}),
        "ND30-ISSUED-WITH", "06/QĐ-UBND"),
    "attachment with a number of its own": (
        lambda d: _attachment(d, header=Header(agency=("ỦY BAN NHÂN DÂN", "XÃ LỘC BÌNH"), number="Số: 07/KH-UBND",
                                               place_date="Lộc Bình, ngày 06 tháng 01 năm 2023")),
        "ND30-ISSUED-WITH", "số riêng"),
}
ALSO = {"attachment with a number of its own": {"ND30-APPENDIX-REFERENCE-MATCH"}}
"""Other findings a case rightly brings: its appendix cites the decision's number, not the one now printed."""


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_checker_finds_what_breaks_the_decisions_rules(tmp_path: Path, case: str) -> None:
    change, rule, words = CASES[case]
    report = check_docx(_rewrite(tmp_path, change))
    found = [f for f in report.findings if f.rule == rule]
    assert len(found) == 1, [f"{f.rule}: {f.found}" for f in report.findings]
    assert words in found[0].found or words in found[0].expected
    assert report.rule_ids == {rule, *ALSO.get(case, ())}


# --------------------------------------------------------------------------- the file


def _example_data() -> dict[str, Any]:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize(("change", "path", "words"), [
    (lambda d: d.update(number="07/KH-UBND"), "number", "không có số riêng"),
    (lambda d: d.update(date="06/01/2023"), "date", "không có ngày riêng"),
    (lambda d: d["issued_by"].update(number="05/KH-UBND"), "issued_by.number", "QĐ"),
    (lambda d: d["issued_by"].update(number="/QĐ-UBND"), "issued_by.date", "bản dự thảo"),
    (lambda d: d["issued_by"].update(date="06/01/2025"), "issued_by.date", "ban hành trong năm 2022 hoặc 2023"),
    (lambda d: d["issued_by"]["executors"].append("van-thu"), "issued_by.executors[6]", "units"),
    (lambda d: d["issued_by"]["recipients"].insert(0, "Như Điều 3"), "issued_by.recipients[0]", "in sẵn"),
])
def test_a_mistake_in_the_decision_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      change: Any, path: str, words: str) -> None:
    data = _example_data()
    change(data)
    source = tmp_path / "quyet-dinh.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    before = source.read_bytes()
    assert main(["render", str(source), "-o", str(tmp_path / "out.docx")]) == 1
    err = capsys.readouterr().err
    assert f"{path}" in err and words in err and "Traceback" not in err, err
    assert source.read_bytes() == before and not (tmp_path / "out.docx").exists()


def test_validate_names_the_decision(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "Quyết định số 05/QĐ-UBND ngày 06/01/2023 của UBND xã Lộc Bình ban hành kèm theo kế hoạch năm 2023" in out


def test_roll_over_moves_the_decision_and_the_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rolled = tmp_path / "quyet-dinh-2024.yaml"
    assert main(["new", str(EXAMPLE), "--year", "2024", "-o", str(rolled)]) == 0
    out = capsys.readouterr().out
    assert "issued_by.number: 05/QĐ-UBND → /QĐ-UBND (dự thảo)" in out
    assert "issued_by.date: 06/01/2023 → (chưa có)" in out
    assert "issued_by.bases[1].documents[0]: căn cứ của quyết định năm 2023" in out
    text = rolled.read_text(encoding="utf-8")
    assert "# Quyết định ban hành kế hoạch (Nghị định 30/2020, Mẫu 1.3)" in text  # the file edited, comments kept
    plan = load_plan(rolled)
    assert plan.year == 2024 and plan.issued_by is not None and plan.issued_by.is_draft
    docx = render(plan, tmp_path / "quyet-dinh-2024.docx")
    texts = _texts(DocxReader(docx).sections[0].blocks)
    assert "Số:      /QĐ-UBND" in texts and "Lộc Bình, ngày      tháng      năm 2024" in texts
    assert any(t.startswith("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch") and t.endswith("năm 2024.")
               for t in texts)
    attached = _texts(DocxReader(docx).sections[1].blocks)
    assert ("(Ban hành kèm theo Quyết định số      /QĐ-UBND ngày      tháng      năm 2024 "
            "của UBND xã Lộc Bình)") in attached


def test_a_batch_of_decisions_numbers_each_decision(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """In a batch, a unit's number and date are those of the decision that issues its plan."""
    units = tmp_path / "don-vi.csv"
    units.write_text("name,place,number,date\nỦy ban nhân dân xã Lộc Trì,Lộc Trì,12,09/01/2023\n"
                     "Ủy ban nhân dân xã Lộc Sơn,Lộc Sơn,,\n", encoding="utf-8")
    out = tmp_path / "bo"
    assert main(["batch", str(EXAMPLE), str(units), "-o", str(out), "-j", "1"]) == 0
    capsys.readouterr()
    tri = DocxReader(out / "ke-hoach-xa-loc-tri.docx")
    texts = _texts(tri.sections[0].blocks)
    assert "Số: 12/QĐ-UBND" in texts and "Lộc Trì, ngày 09 tháng 01 năm 2023" in texts
    assert "ỦY BAN NHÂN DÂN XÃ LỘC TRÌ" in texts
    assert ("(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 09 tháng 01 năm 2023 của UBND xã Lộc Trì)"
            in _texts(tri.sections[1].blocks))
    son = _texts(DocxReader(out / "ke-hoach-xa-loc-son.docx").sections[0].blocks)
    assert "Số: 05/QĐ-UBND" in son  # no number in the table: the template's
    for name in ("ke-hoach-xa-loc-tri.docx", "ke-hoach-xa-loc-son.docx"):
        report = check_docx(out / name)
        assert report.findings == () and report.documents == 2, [f.rule for f in report.findings]


def test_the_decision_survives_a_json_round_trip(tmp_path: Path) -> None:
    from cchc_plan import dump_plan, plan_from_data, plan_to_data

    plan = load_plan(EXAMPLE)
    assert plan_from_data(plan_to_data(plan)) == plan
    assert load_plan(dump_plan(plan, tmp_path / "quyet-dinh.json")) == plan


UNIT_KEYS = ["van-phong", "tu-phap", "tai-chinh", "van-hoa", "cntt"]


@settings(max_examples=30, deadline=None)
@given(executors=st.lists(st.sampled_from([*UNIT_KEYS, "Thủ trưởng các ban, ngành, đoàn thể xã",
                                           "Công chức Văn phòng - Thống kê"]), min_size=1, max_size=6, unique=True))
def test_article_3_names_every_executor_in_order(executors: list[str]) -> None:
    plan = load_plan(EXAMPLE)
    assert plan.issued_by is not None
    changed = attrs.evolve(plan, issued_by=attrs.evolve(plan.issued_by, executors=tuple(executors)))
    units = changed.unit_map()
    names = [units[e].name if e in units else e for e in executors]
    article = next(b for b in layout(changed).body if isinstance(b, Paragraph) and b.text.startswith("Điều 3."))
    text = article.text
    assert text.endswith(" chịu trách nhiệm thi hành Quyết định này.")
    positions = [text.index(name) for name in names]
    assert positions == sorted(positions)
    if len(names) > 1:
        assert f" và {names[-1]} chịu trách nhiệm" in text
    else:
        assert text == f"Điều 3. {names[0]} chịu trách nhiệm thi hành Quyết định này."


def test_the_decisions_problems_carry_their_codes(tmp_path: Path) -> None:
    from cchc_plan import CODES, InputError

    data = _example_data()
    data["number"] = "07/KH-UBND"
    data["issued_by"]["executors"].append("van-thu")
    data["issued_by"]["recipients"].append("Như Điều 3")
    source = tmp_path / "qd.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_plan(source)
    codes = {p.path: p.code for p in e.value.problems}
    assert codes == {"number": "decision.own_number", "issued_by.executors[6]": "unit.undefined",
                     "issued_by.recipients[5]": "recipients.as_article"}
    assert all(code in CODES for code in codes.values())
