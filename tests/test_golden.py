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
    "examples/loc-binh-2023/ke-hoach.yaml": "b7e1f76384b7af08487b1932af3c2786e6eb2eef29ab99c9aac8567e39af9b25",
    "examples/loc-binh-2023/bao-cao-quy-1.yaml": "d41b7462b6270c56d45bdcb6b56318fcc72d8a29523e3d117bff7098e05695b7",
    "examples/loc-binh-2023/bao-cao-nam-2023.yaml": "2457f7a0a42b6c3062d185f58793dbe09342ce90d0e619905de05b99905540af",
    "examples/mau-xa-2027/ke-hoach.yaml": "48fcbe17760f7e64425bce3c7513acb06b9659ce7696c1d40a45952f054c705c",
}


@pytest.mark.parametrize("example", sorted(GOLDEN))
def test_example_renders_to_the_same_bytes(example: str) -> None:
    data = write_docx(layout(load_document(ROOT / example)))
    assert hashlib.sha256(data).hexdigest() == GOLDEN[example]
