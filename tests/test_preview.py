"""`cchc-plan preview`: PNG pages through LibreOffice and pdftoppm, or a clear message."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest

from cchc_plan.docx import pdf
from cchc_plan.docx import preview as preview_module
from cchc_plan.cli import main

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
TOOLS = shutil.which("soffice") and shutil.which("pdftoppm")


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.skipif(not TOOLS, reason="preview needs LibreOffice (soffice) and poppler (pdftoppm)")
def test_preview_of_a_plan_writes_portrait_then_landscape_pages(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "anh"
    assert main(["preview", str(PLAN), "-o", str(out), "--dpi", "40"]) == 0
    pages = sorted(out.glob("trang-*.png"))
    assert [p.name for p in pages[:3]] == ["trang-01.png", "trang-02.png", "trang-03.png"]
    first_w, first_h = _png_size(pages[0])
    last_w, last_h = _png_size(pages[-1])
    assert first_h > first_w  # A4 portrait body
    assert last_w > last_h  # landscape appendix
    assert f"Đã ghi {len(pages)} trang" in capsys.readouterr().out


@pytest.mark.skipif(not TOOLS, reason="preview needs LibreOffice (soffice) and poppler (pdftoppm)")
def test_preview_of_a_docx_and_a_page_range(tmp_path: Path) -> None:
    from cchc_plan.render import render

    docx = render(PLAN, tmp_path / "kh.docx")
    pages = preview_module.preview(docx, tmp_path / "anh", dpi=30, first=2, last=3)
    assert [p.name for p in pages] == ["trang-02.png", "trang-03.png"]


def test_missing_libreoffice_is_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    monkeypatch.setattr(preview_module.shutil, "which", lambda name: "/usr/bin/" + name)
    assert main(["preview", str(PLAN), "-o", str(tmp_path / "anh")]) == 1
    err = capsys.readouterr().err
    assert "LibreOffice" in err and "libreoffice-writer-nogui" in err and "Traceback" not in err
    assert not (tmp_path / "anh").exists()


def test_missing_pdftoppm_is_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(preview_module.shutil, "which", lambda name: None)
    assert main(["preview", str(PLAN), "-o", str(tmp_path / "anh")]) == 1
    err = capsys.readouterr().err
    assert "pdftoppm" in err and "poppler-utils" in err
    assert not (tmp_path / "anh").exists()


def test_a_bad_plan_is_reported_not_previewed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not shutil.which("pdftoppm"):
        pytest.skip("the plan is read after the tools are found; pdftoppm is not installed")
    bad = tmp_path / "sai.yaml"
    bad.write_text("issuer: {}\n", encoding="utf-8")
    assert main(["preview", str(bad), "-o", str(tmp_path / "anh")]) == 1
    err = capsys.readouterr().err
    assert "sai.yaml" in err and "Traceback" not in err
    assert not (tmp_path / "anh").exists()
