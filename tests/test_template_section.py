"""A user template's page setup (its last ``w:sectPr``), however its XML is spelled, gives a document Word opens.

A ``w:sectPr`` is XML: a template may name the WordprocessingML namespace with another
prefix or as the default namespace, and carry attributes of other namespaces. The
document written with it must be well-formed and keep the template's page setup.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from cchc_plan.render import render_bytes

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _template(edit_section: object) -> bytes:
    """python-docx's template with its body's ``w:sectPr`` rewritten by ``edit_section``."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    section = re.search(r"<w:sectPr\b.*?</w:sectPr>", xml, re.S)
    assert section is not None
    new = edit_section(section.group(0))  # type: ignore[operator]
    parts["word/document.xml"] = (xml[:section.start()] + new + xml[section.end():]).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _document(made: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(made)) as z:
        return etree.fromstring(z.read("word/document.xml"))  # raises on a document Word cannot open


def _default_namespace(section: str) -> str:
    """``<w:sectPr>…`` as ``<sectPr xmlns="…main">…`` (elements in the default namespace, attributes ``w:``)."""
    return re.sub(r"<(/?)w:", r"<\1", section).replace("<sectPr", f'<sectPr xmlns="{W}"', 1)


def _other_prefix(section: str) -> str:
    return re.sub(r"<(/?)w:", r"<\1ns0:", section).replace("<ns0:sectPr", f'<ns0:sectPr xmlns:ns0="{W}"', 1)


def _foreign_attribute(section: str) -> str:
    return section.replace("<w:pgMar ", '<w:pgMar xmlns:x="urn:example:x" x:note="1" ', 1)


def _two_columns(section: str) -> str:
    assert "<w:cols " in section
    return section.replace("<w:cols ", '<w:cols w:num="2" ', 1)


@pytest.mark.parametrize("edit", [_default_namespace, _other_prefix], ids=["default-namespace", "prefix-ns0"])
def test_a_template_spelling_the_namespace_otherwise_gives_its_page_setup(edit: object) -> None:
    made = render_bytes(EXAMPLE, template=_template(lambda s: edit(_two_columns(s))))  # type: ignore[operator]
    body = _document(made).find(f"{{{W}}}body")
    assert body is not None
    last = body[-1]
    assert last.tag == f"{{{W}}}sectPr"
    cols = last.find(f"{{{W}}}cols")
    assert cols is not None and cols.get(f"{{{W}}}num") == "2"  # the template's own setting, kept
    size = last.find(f"{{{W}}}pgSz")
    assert size is not None  # A4 from the profile (the last section: a landscape appendix)
    assert {size.get(f"{{{W}}}w"), size.get(f"{{{W}}}h")} == {"11906", "16838"}


def test_an_attribute_of_another_namespace_in_the_page_setup_leaves_the_document_well_formed() -> None:
    made = render_bytes(EXAMPLE, template=_template(_foreign_attribute))
    body = _document(made).find(f"{{{W}}}body")
    assert body is not None
    margins = body[-1].find(f"{{{W}}}pgMar")
    assert margins is not None and margins.get(f"{{{W}}}left") is not None
