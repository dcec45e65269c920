"""How the checker reads: fonts resolved per run with the per-character rule's answers, formatting
worked out per document, rows of one pattern each read with their own text, and the garbage
collector paused for a check and given back as it was."""

from __future__ import annotations

import gc
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cchc_plan.checker as checker
from cchc_plan import render_bytes
from cchc_plan.checker import UnreadableDocument, check_docx
from cchc_plan.checker._document import read_document
from cchc_plan.checker._package import open_package
from cchc_plan.checker._styles import RunProps

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
FONTS = st.one_of(st.none(), st.sampled_from(["Times New Roman", "Arial", ".VnTime", "SimSun"]))
# ASCII, Vietnamese letters, general punctuation, CJK, full-width forms, spaces.
CHARS = st.sampled_from(list("aZ 9\t\nàệỹĐ–“”…中文，ＡΩ\u00a0"))


def props(fonts: dict[str, str | None], hint: str | None, complex_: bool) -> RunProps:
    return RunProps(fonts=fonts, hint=hint, complex=complex_, size_pt=13.0, size_declared=True, bold=False,
                    italic=False, caps=False, underline=None, color=None, hidden=False)


@given(ascii_=FONTS, hansi=FONTS, east=FONTS, cs=FONTS, hint=st.sampled_from([None, "eastAsia", "cs"]),
       complex_=st.booleans(), text=st.text(CHARS, max_size=30))
def test_fonts_of_a_run_are_those_of_its_characters(ascii_: str | None, hansi: str | None, east: str | None,
                                                    cs: str | None, hint: str | None, complex_: bool,
                                                    text: str) -> None:
    p = props({"ascii": ascii_, "hAnsi": hansi, "eastAsia": east, "cs": cs}, hint, complex_)
    assert p.fonts_of(text) == {p.font_for(ch) for ch in text if not ch.isspace()}


def _with_arial_run() -> bytes:
    d = docx.Document(io.BytesIO(render_bytes(EXAMPLE)))
    run = d.paragraphs[-1].add_run("Thêm một câu chữ Arial.")
    run.font.name = "Arial"
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_a_wrong_font_is_still_found_once_with_its_count() -> None:
    found = [f for f in check_docx(_with_arial_run()).findings if f.rule == "ND30-FONT"]
    assert len(found) == 1
    assert "Arial" in found[0].found and found[0].count == 1


@pytest.mark.parametrize("was_on", [True, False])
def test_the_collector_is_paused_during_a_check_and_given_back(was_on: bool, monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    seen: list[bool] = []
    read = checker.read_document

    def spy(*args: object) -> object:
        seen.append(gc.isenabled())
        return read(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(checker, "read_document", spy)
    data = render_bytes(EXAMPLE)
    (gc.enable if was_on else gc.disable)()
    try:
        check_docx(data)
        after = gc.isenabled()
        with pytest.raises(UnreadableDocument):
            check_docx(b"PK\x03\x04 not a document")
        after_error = gc.isenabled()
    finally:
        gc.enable()
    assert seen == [False]
    assert after is was_on and after_error is was_on


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _package(document_xml: str, styles_xml: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>")
        z.writestr("_rels/.rels", "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
                   "<Relationship Id='r1' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                   "officeDocument' Target='word/document.xml'/></Relationships>")
        z.writestr("word/document.xml", document_xml)
        rels = "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
        if styles_xml is not None:
            z.writestr("word/styles.xml", styles_xml)
            rels += ("<Relationship Id='s1' Type='http://schemas.openxmlformats.org/officeDocument/2006/"
                     "relationships/styles' Target='styles.xml'/>")
        z.writestr("word/_rels/document.xml.rels", rels + "</Relationships>")
    return out.getvalue()


def _styles(font: str) -> str:
    return (f"<w:styles xmlns:w='{W}'><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii='{font}' "
            f"w:hAnsi='{font}' w:eastAsia='{font}' w:cs='{font}'/><w:sz w:val='28'/></w:rPr></w:rPrDefault>"
            "</w:docDefaults></w:styles>")


def _fonts_found(data: bytes) -> list[str]:
    return [f.found for f in check_docx(data).findings if f.rule.startswith("ND30-FONT")]


def test_two_documents_with_the_same_text_and_other_styles_each_get_their_own_fonts() -> None:
    """Formatting is worked out once per distinct combination: for one document, not for the next."""
    body = "".join(f"<w:p><w:r><w:t>Đoạn {i} chữ thường.</w:t></w:r></w:p>" for i in range(30))
    document = f"<w:document xmlns:w='{W}'><w:body>{body}</w:body></w:document>"
    times, arial = _package(document, _styles("Times New Roman")), _package(document, _styles("Arial"))
    assert _fonts_found(times) == []
    assert _fonts_found(arial) == ["phông “Arial” ở 30 đoạn chữ (run)"]
    assert _fonts_found(times) == []
    assert _fonts_found(_package(document)) == ["30 đoạn chữ (run) không khai báo phông ở đâu cả"]


ROW_TEXTS = st.lists(st.tuples(st.text(st.sampled_from(list("ab Đệ\t\n&<>")), max_size=6),
                               st.sampled_from(["", "<w:b/>", "<w:vanish/>"])), min_size=1, max_size=12)


def _row(text: str, rpr: str) -> str:
    parts = "".join("<w:tab/>" if ch == "\t" else "<w:br/>" if ch == "\n" else
                    f"<w:t xml:space='preserve'>{escape(ch)}</w:t>" for ch in text)
    return (f"<w:tr><w:tc><w:tcPr><w:tcW w:w='2000' w:type='dxa'/></w:tcPr><w:p><w:r><w:t>cố định</w:t></w:r>"
            f"</w:p></w:tc><w:tc><w:p><w:pPr><w:jc w:val='center'/></w:pPr><w:r><w:rPr>{rpr}</w:rPr>{parts}</w:r>"
            "</w:p></w:tc></w:tr>")


@settings(max_examples=40, deadline=None)
@given(rows=ROW_TEXTS)
def test_rows_of_one_pattern_are_read_each_with_its_own_text(rows: list[tuple[str, str]]) -> None:
    """A long table repeats a few row patterns: each row still reads as its own text, formatting and row."""
    table = "<w:tbl><w:tblGrid><w:gridCol w:w='2000'/><w:gridCol w:w='4000'/></w:tblGrid>" + \
        "".join(_row(text, rpr) for text, rpr in rows) * 3 + "</w:tbl>"
    data = _package(f"<w:document xmlns:w='{W}'><w:body>{table}<w:p/></w:body></w:document>")
    doc = read_document(open_package(data))
    cells = [p for p in doc.paras if p.cell is not None and p.cell.column == 1]
    assert len(cells) == 3 * len(rows)
    for para, (text, rpr) in zip(cells, rows * 3, strict=True):
        shown = "" if rpr == "<w:vanish/>" else text
        assert "".join(piece.text for piece in para.pieces) == shown
        assert all(piece.props.bold is (rpr == "<w:b/>") for piece in para.pieces)
        assert para.props.jc == "center" and para.avail_pt == (4000 - 2 * 108) / 20
    assert [p.cell.row for p in cells] == list(range(1, 3 * len(rows) + 1))  # type: ignore[union-attr]
    assert [p.index for p in doc.paras] == list(range(1, len(doc.paras) + 1))
