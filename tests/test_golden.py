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
    "examples/loc-binh-2023/ke-hoach.yaml": "dc271c2c30b89021440213111840d0a64a8a005ad301a25336977b829a430383",
    "examples/loc-binh-2023/bao-cao-quy-1.yaml": "a061dbc206954b200562e2557e65feff52cbe957e1ba27830ef4933fe500b597",
    "examples/loc-binh-2023/bao-cao-nam-2023.yaml": "5e40360cc48bf9d0b543313bd8010ca6b139b8e0660016d1a1286dbfec952393",
    "examples/so-lieu-mot-cua/bao-cao-huyen-nam-2024.yaml":
        "0dac060445d477d0d72b94b9bb35affdea0dbce445f8ecec3ca7953fe15130c4",
    "examples/so-lieu-mot-cua/bao-cao-tinh-nam-2025.yaml":
        "034d4e604dc4bf0c6a8499211aa8b7226174bf73f048b21a6b371ef71d7dfcc3",
    "examples/loc-binh-2023/quyet-dinh.yaml": "92eb5ddbe3a79a88c915b56677555bc0f6df6af41493a57480ad9cb58a63f2fe",
    "examples/mau-xa-2027/ke-hoach.yaml": "2d83b4ec993ccf7f7ede44f3a743fcb7193a206a5a437a650b659d06e87b6ba9",
}


@pytest.mark.parametrize("example", sorted(GOLDEN))
def test_example_renders_to_the_same_bytes(example: str) -> None:
    data = write_docx(layout(load_document(ROOT / example)))
    assert hashlib.sha256(data).hexdigest() == GOLDEN[example]


@pytest.mark.parametrize("batch", [1, 7])
def test_rows_kept_as_text_in_batches_give_the_same_bytes(batch: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer keeps a table's rows as XML text a batch at a time; any batch gives the pinned bytes."""
    from cchc_plan.docx import writer

    monkeypatch.setattr(writer, "_ROWS_PER_BATCH", batch)
    for example in ("examples/loc-binh-2023/ke-hoach.yaml", "examples/loc-binh-2023/bao-cao-nam-2023.yaml"):
        data = write_docx(layout(load_document(ROOT / example)))
        assert hashlib.sha256(data).hexdigest() == GOLDEN[example]
