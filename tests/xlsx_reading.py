"""Read a generated workbook back, and have LibreOffice Calc recompute it, the way a user would check it.

Not a test module: helpers for the workbook and summary tests. A workbook is
recalculated by converting it with ``soffice --headless --convert-to xlsx``
(a fresh user profile each time); the values LibreOffice stored for every
formula are then read with openpyxl (``data_only=True``).
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl

__all__ = ["calc_missing", "number_of", "recalculated", "values"]


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@functools.cache
def calc_missing() -> str | None:
    """Why workbooks cannot be recalculated here (``None`` when LibreOffice Calc works)."""
    program = _soffice()
    if program is None:
        return "LibreOffice is not installed (apt-get install libreoffice-calc-nogui)"
    with tempfile.TemporaryDirectory() as work:
        book = openpyxl.Workbook()
        book.active["A1"] = 2
        book.active["A2"] = "=A1*21"
        source = Path(work, "probe.xlsx")
        book.save(source)
        try:
            out = recalculated(source, Path(work, "out"))
        except RuntimeError as e:
            return f"LibreOffice Calc cannot open workbooks here ({e}); apt-get install libreoffice-calc-nogui"
        if openpyxl.load_workbook(out, data_only=True).active["A2"].value != 42:
            return "LibreOffice Calc did not recalculate the probe workbook"
    return None


def recalculated(path: Path, out_dir: Path) -> Path:
    """``path`` opened, recalculated and saved again by LibreOffice Calc; returns the new file."""
    program = _soffice()
    assert program is not None
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cchc-calc-") as profile:
        done = subprocess.run(
            [program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
             "--convert-to", "xlsx:Calc Office Open XML", "--outdir", str(out_dir), str(path)],
            capture_output=True, timeout=180, check=False)
    produced = out_dir / (path.stem + ".xlsx")
    if done.returncode != 0 or not produced.is_file():
        raise RuntimeError((done.stderr or done.stdout).decode("utf-8", "replace").strip()[-200:])
    return produced


def values(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    """Every row of ``sheet`` as stored values (the results of formulas, as last computed)."""
    return [tuple(r) for r in openpyxl.load_workbook(path, data_only=True)[sheet].iter_rows(values_only=True)]


def number_of(text: str) -> Decimal:
    """A number as a .docx prints it: ``65.201`` → 65201, ``99,40%`` → 99.40."""
    cleaned = re.sub(r"[%\s]", "", text).replace(".", "").replace(",", ".")
    return Decimal(cleaned)
