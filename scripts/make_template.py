"""Write templates/docx/nd30.docx: python-docx's default template made to follow ND30.

A4 and the decree's margins, Times New Roman on all four font slots, language
vi-VN, no theme fonts, no thumbnail, and only the styles a document needs (none of them
linked to a style that is gone). The writer uses the stored parts as they are when the
profile's body size is the default one (a test checks that normalising them again
changes nothing). Run after changing the style defaults:

    python scripts/make_template.py [TARGET]
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm

from cchc_plan.docx import _oxml
from cchc_plan.docx._package import fixed_zip
from cchc_plan.docx.profile import StyleProfile
from cchc_plan.docx.writer import FONT, LANGUAGE

# Styles a generated document uses, or that an office user editing it expects to find.
KEEP = {"Normal", "Header", "Footer", "Table Grid", "Heading 1", "Heading 2", "Heading 3", "Title",
        "List Paragraph", "Hyperlink"}


def _keep_only_needed_styles(styles: Any) -> None:
    """Drop the default template's 150 unused style definitions: a smaller file, read faster."""
    for style in styles.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if style.get(qn("w:default")) == "1" or (name is not None and name.get(qn("w:val")) in KEEP):
            continue
        styles.remove(style)


def _drop_dangling_style_links(styles: Any) -> None:
    """Remove ``w:link``, ``w:basedOn`` and ``w:next`` that name a style the part does not define."""
    ids = {s.get(qn("w:styleId")) for s in styles.findall(qn("w:style"))}
    for style in styles.findall(qn("w:style")):
        for tag in ("w:link", "w:basedOn", "w:next"):
            for ref in style.findall(qn(tag)):
                if ref.get(qn("w:val")) not in ids:
                    style.remove(ref)


def main() -> None:
    profile = StyleProfile()
    doc = Document()
    for rid, rel in list(doc.part.package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            doc.part.package.rels.pop(rid)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.rels.pop(rid)
    styles_part = doc.part._styles_part
    styles_part._element = parse_xml(_oxml.normalised_styles(
        _oxml.serialized(styles_part.element), font=FONT, lang=LANGUAGE, body_pt=profile.body_pt))
    _keep_only_needed_styles(styles_part.element)
    _drop_dangling_style_links(styles_part.element)
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(profile.margin_top_mm), Mm(profile.margin_bottom_mm)
        section.left_margin, section.right_margin = Mm(profile.margin_left_mm), Mm(profile.margin_right_mm)
        section.header_distance = section.footer_distance = Mm(10)
    props = doc.core_properties
    stamp = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    props.author = props.last_modified_by = "cchc_plan"
    props.title = "Mẫu văn bản theo Nghị định 30/2020/NĐ-CP"
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    props.language = LANGUAGE
    props.comments = props.keywords = props.subject = props.category = ""
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else \
        Path(__file__).resolve().parents[1] / "templates" / "docx" / "nd30.docx"
    target.parent.mkdir(parents=True, exist_ok=True)
    import io

    stream = io.BytesIO()
    doc.save(stream)
    target.write_bytes(fixed_zip(stream.getvalue()))
    print(f"wrote {target} ({target.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
