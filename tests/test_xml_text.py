"""The writer's XML is written as text: it must be exactly what lxml gives for the same elements.

The golden test pins whole documents; these check the pieces over many inputs, and that the
bundled template is stored in the form the writer relies on.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from cchc_plan.docx import _oxml, _xml
from cchc_plan.docx._package import Package
from cchc_plan.docx.profile import StyleProfile
from cchc_plan.docx.writer import FONT, LANGUAGE, default_template

W = _xml.W_NS
XML_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff",
                          codec="utf-8").filter(lambda c: c in "\t\n\r" or ord(c) >= 0x20)


def _lxml_run(text: str) -> str:
    root = etree.Element(f"{{{W}}}r", nsmap={"w": W})
    t = etree.SubElement(root, f"{{{W}}}t")
    t.text = text
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    xml: str = etree.tostring(root, encoding="unicode")
    return xml.replace(f' xmlns:w="{W}"', "")


@given(st.text(XML_CHARS, min_size=1, max_size=60))
def test_a_run_of_any_text_is_what_lxml_writes(text: str) -> None:
    assert _xml.run("", text) == _lxml_run(text)


@given(st.text(XML_CHARS, max_size=60))
def test_an_attribute_of_any_text_is_what_lxml_writes(value: str) -> None:
    element = etree.Element("x")
    element.set("v", value)
    assert f'<x v="{_xml.attr(value)}"/>' == etree.tostring(element, encoding="unicode")


@pytest.mark.parametrize("bad", ["\x00", "a\x01b", "\x0b", "\ufffe"])
def test_a_character_xml_cannot_hold_is_refused_as_lxml_refuses_it(bad: str) -> None:
    with pytest.raises(ValueError, match="XML compatible"):
        _xml.run("", bad)
    element = etree.Element("x")
    with pytest.raises(ValueError, match="XML compatible"):
        element.text = bad


def test_a_lone_surrogate_is_refused() -> None:
    with pytest.raises(ValueError, match="XML compatible"):
        _xml.attr("x\ud800")


def _parts() -> dict[str, bytes]:
    with zipfile.ZipFile(default_template()) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_the_bundled_template_is_stored_normalised_for_the_default_profile() -> None:
    """The writer uses the stored styles as they are for the default body size: normalising changes nothing."""
    styles = _parts()["word/styles.xml"]
    again = _oxml.normalised_styles(styles, font=FONT, lang=LANGUAGE, body_pt=StyleProfile().body_pt)
    assert again == styles
    other = _oxml.normalised_styles(styles, font=FONT, lang=LANGUAGE, body_pt=13)
    assert b'<w:sz w:val="26"/>' in other and other != styles


def test_the_parts_a_user_template_replaces_are_stored_as_lxml_writes_them() -> None:
    """Styles, numbering and settings: the bundled ones and a user's (parsed, then written) have one form."""
    parts = _parts()
    for name in ("word/document.xml", "word/styles.xml", "word/numbering.xml", "word/settings.xml"):
        assert _oxml.reserialized(parts[name]) == parts[name], name


def test_the_template_package_written_back_unchanged_has_the_same_parts() -> None:
    parts = _parts()
    again = zipfile.ZipFile(io.BytesIO(Package(default_template().read_bytes()).save()))
    assert again.namelist() == list(parts)
    for name in parts:
        assert again.read(name) == parts[name], name


TEXT = st.text(XML_CHARS.filter(lambda c: c not in "\t\n\r"), min_size=1, max_size=25).filter(str.strip)


@given(agency=st.lists(TEXT, min_size=1, max_size=3), subject=TEXT, body=st.lists(TEXT, min_size=1, max_size=4),
       note=TEXT, cells=st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=5), signer=TEXT)
@settings(max_examples=40, deadline=None)
def test_any_texts_come_back_from_the_written_package(agency: list[str], subject: str, body: list[str], note: str,
                                                      cells: list[tuple[str, str]], signer: str) -> None:
    """The package written as text is well-formed XML holding every text given, as given."""
    from cchc_plan.docx.writer import write_docx
    from cchc_plan.layout.blocks import (
        AppendixPart, Cell, Column, Document, EndBlock, Header, Meta, Paragraph, Row, RowKind, Span, Table, Title)

    table = Table(columns=(Column(title="A", weight=1), Column(title="B", weight=2)),
                  rows=(Row(cells=(Cell(lines=("A",)), Cell(lines=("B",))), kind=RowKind.HEADER),
                        *(Row(cells=(Cell(lines=(a,)), Cell(lines=(b,)))) for a, b in cells)))
    doc = Document(header=Header(agency=tuple(agency), number="Số: 1/KH-UBND", place_date="ngày 1 tháng 1 năm 2026"),
                   title=Title(doc_type="KẾ HOẠCH", subject=(subject,)),
                   body=(*(Paragraph(spans=(Span(text=t),)) for t in body),
                         Paragraph(spans=(Span(text="x"), Span(text="", note=(Span(text=note),))))),
                   end=EndBlock(recipients=("- Lưu: VT.",), authority=("CHỦ TỊCH",), name=signer),
                   appendices=(AppendixPart(heading="Phụ lục", title=("T",), reference="(kèm theo)", body=(table,)),),
                   meta=Meta(title=subject, author=agency[0]))
    package = zipfile.ZipFile(io.BytesIO(write_docx(doc)))
    texts = []
    for part in ("word/document.xml", "word/footnotes.xml"):
        root = etree.fromstring(package.read(part))
        texts += ["".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in root.iter(f"{{{W}}}p")]
    for expected in (*agency, subject, *body, signer, *(c for pair in cells for c in pair)):
        assert expected in texts
    assert f" {note}" in texts or note in texts  # a note's text follows its mark after a space
    core = etree.fromstring(package.read("docProps/core.xml"))
    assert core.findtext("{http://purl.org/dc/elements/1.1/}title") == subject
