"""The bundled examples render to the same bytes, release after release.

A change of the layout engine must not move a single byte of the documents the
examples already produce; when a change is meant to alter them, the new hashes
are written here in the same commit, with the reason in its message.
"""

from __future__ import annotations

import hashlib

import pytest
from conftest import ROOT

from cchc_plan.docx.writer import write_docx
from cchc_plan.io import load_document
from cchc_plan.render import layout

GOLDEN = {
    "examples/loc-binh-2023/ke-hoach.yaml": "4500d6b1638c83b01a5fe8eeaa0c0cf0edcd7c79cf4956ab90535b3d3391fa60",
    "examples/loc-binh-2023/bao-cao-quy-1.yaml": "0b02f6335e1e179af826b87a4cb61362c7c7c89592c1df7d4f04f8a861074486",
    "examples/loc-binh-2023/bao-cao-nam-2023.yaml": "ddd6b56faf713a8dcdfcfb7c5637d1541f91f4bf77f9056ed48da52d72d0952f",
    "examples/mau-xa-2027/ke-hoach.yaml": "e322140859b16d6567f9eaf422dd51bbcfa79238cb2d7d69da9639d6ccc0c341",
}


@pytest.mark.parametrize("example", sorted(GOLDEN))
def test_example_renders_to_the_same_bytes(example: str) -> None:
    data = write_docx(layout(load_document(ROOT / example)))
    assert hashlib.sha256(data).hexdigest() == GOLDEN[example]
