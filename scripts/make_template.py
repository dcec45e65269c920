"""Write templates/docx/nd30.docx: python-docx's default template made to follow ND30.

A4 and the decree's margins, Times New Roman on all four font slots, language
vi-VN, no theme fonts, no thumbnail. Run after changing the style defaults:

    python scripts/make_template.py
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document

from cchc_plan import _oxml
from cchc_plan.docx_writer import normalise_template
from cchc_plan.profile import StyleProfile


def main() -> None:
    doc = Document()
    _oxml.drop_thumbnail(doc.part.package)
    normalise_template(doc, StyleProfile())
    props = doc.core_properties
    stamp = _oxml.fixed_datetime(None)
    props.author = props.last_modified_by = "cchc_plan"
    props.title = "Mẫu văn bản theo Nghị định 30/2020/NĐ-CP"
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    props.language = "vi-VN"
    props.comments = props.keywords = props.subject = props.category = ""
    buffer = io.BytesIO()
    doc.save(buffer)
    target = Path(__file__).resolve().parents[1] / "templates" / "docx" / "nd30.docx"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(_oxml.fixed_zip(buffer.getvalue()))
    print(f"wrote {target} ({target.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
