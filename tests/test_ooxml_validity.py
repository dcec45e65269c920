"""Every kind of document the library writes passes Microsoft's Open XML SDK validator (Office 2013)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, minimal_plan
from ooxml_validator import validator

from cchc_plan import plan_from_data
from cchc_plan.render import render

EXAMPLES = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("examples/*/*.yaml")
                  if p.name.startswith(("ke-hoach", "bao-cao")))


@pytest.fixture(scope="module")
def validate(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    found, why = validator(tmp_path_factory.getbasetemp())
    if found is None:
        pytest.skip(why)
    return found


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_is_valid_open_xml(validate, tmp_path: Path, example: str) -> None:  # type: ignore[no-untyped-def]
    out = render(ROOT / example, tmp_path / "out.docx")
    assert validate(out) == []


def test_outlines_footnotes_and_a_three_line_signer_are_valid_open_xml(validate, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = minimal_plan()
    data["signer"] = {"authority": "TM", "on_behalf_of": "ỦY BAN NHÂN DÂN", "deputy_for": "CHỦ TỊCH",
                      "position": "PHÓ CHỦ TỊCH", "name": "Nguyễn Văn An"}
    data["outline"] = {"numbering": ["roman", "arabic", "decimal"], "body": [
        "opening",
        {"section": "Nhiệm vụ", "body": [
            {"text": "Theo Nghị định số 118/2025/NĐ-CP^[Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ.]."},
            {"item": "Một ý có **chữ đậm** và *chữ nghiêng*."}, "areas"]},
        {"section": "Tổ chức thực hiện", "body": ["implementation"]}]}
    out = render(plan_from_data(data), tmp_path / "bo-cuc.docx")
    assert validate(out) == []


def test_a_broken_document_is_reported(validate, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The validator does find errors: a run property out of schema order is one."""
    import zipfile

    good = render(plan_from_data(minimal_plan()), tmp_path / "good.docx")
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:b/>", b"<w:bogus/>", 1)
            target.writestr(info, data)
    assert validate(bad) != []


def test_no_style_names_a_style_that_is_not_there(tmp_path: Path) -> None:
    """A careful reading the validator does not do: ``w:link``/``w:basedOn``/``w:next`` resolve."""
    import zipfile

    from lxml import etree

    out = render(ROOT / EXAMPLES[0], tmp_path / "out.docx")
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    styles = etree.fromstring(zipfile.ZipFile(out).read("word/styles.xml"))
    ids = {s.get(f"{w}styleId") for s in styles.iter(f"{w}style")}
    refs = {(s.get(f"{w}styleId"), r.tag.removeprefix(w), r.get(f"{w}val"))
            for s in styles.iter(f"{w}style") for r in s if r.tag in (f"{w}link", f"{w}basedOn", f"{w}next")}
    assert {ref for ref in refs if ref[2] not in ids} == set()


@pytest.mark.parametrize("electronic", [False, True])
def test_a_decision_its_plan_and_its_appendix_files_are_valid_open_xml(validate, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                       electronic: bool) -> None:
    source = ROOT / "examples" / "loc-binh-2023" / "quyet-dinh.yaml"
    together = render(source, tmp_path / "cung-tep.docx", electronic=electronic)
    apart = [tmp_path / "qd.docx", tmp_path / "kh.docx", tmp_path / "pl.docx"]
    render(source, apart[0], electronic=electronic, attachment=apart[1], appendix_file=apart[2])
    for out in (together, *apart):
        assert validate(out) == [], out.name
