"""Page pictures of a plan, a report or any .docx — *xem trước trang* — via LibreOffice and pdftoppm.

A .docx is converted from a working copy without external references
(:mod:`cchc_plan.io.word_links`), by a LibreOffice without network access where the
system allows it (:func:`cchc_plan.docx.pdf.run_isolated`): previewing an untrusted
document makes no outbound connection.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from ..io.inputs import ENCRYPTED, check_input, encrypted_office_file
from ..io.outputs import atomic_write
from ..problems import InputError, Problem
from ..io.word_links import ExternalReferenceError, without_external_references
from .pdf import LibreOfficeMissing, convert_to_pdf, run_isolated, work_folder

__all__ = ["PreviewToolMissing", "preview"]


class PreviewToolMissing(RuntimeError):
    """LibreOffice or pdftoppm is not installed."""


def preview(source: str | os.PathLike[str], outdir: str | os.PathLike[str], *, dpi: int = 80,
            first: int | None = None, last: int | None = None, timeout: float = 180) -> list[Path]:
    """Write ``trang-01.png`` … for the pages of ``source`` (a plan/report file or a .docx) into ``outdir``.

    Raises :class:`PreviewToolMissing` naming what to install, or
    :class:`~cchc_plan.problems.InputError` for a bad plan or report file.
    """
    if shutil.which("pdftoppm") is None:
        raise PreviewToolMissing("không tìm thấy pdftoppm để tạo ảnh trang; hãy cài đặt "
                                 "(Debian/Ubuntu: apt-get install poppler-utils)")
    src = Path(source)
    out = Path(outdir)
    check_input(src)  # a FIFO or a device is an input mistake, refused before anything is read
    with work_folder("cchc-preview-") as work:
        if src.suffix.lower() == ".docx":  # a copy LibreOffice can open without fetching anything
            if encrypted_office_file(src):
                raise InputError(str(src), [Problem(path="", rule=ENCRYPTED)])
            docx = Path(work, "van-ban.docx")
            try:
                without_external_references(src, docx)
            except ExternalReferenceError as e:
                raise InputError(str(src), [Problem(path="", rule=f"không xem trước được văn bản: {e}")]) from None
        else:
            from ..render import render

            docx = render(src, Path(work, "van-ban.docx"))
        try:
            pdf = convert_to_pdf(docx, Path(work, "van-ban.pdf"), timeout=timeout)
        except LibreOfficeMissing as e:
            raise PreviewToolMissing(str(e)) from None
        stage = Path(work, "png")
        stage.mkdir()
        command = ["pdftoppm", "-png", "-r", str(dpi)]
        if first is not None:
            command += ["-f", str(first)]
        if last is not None:
            command += ["-l", str(last)]
        try:
            done = run_isolated([*command, str(pdf), str(stage / "trang")], timeout=timeout)
        except subprocess.TimeoutExpired:
            raise PreviewToolMissing(f"pdftoppm không tạo xong ảnh sau {timeout:g} giây") from None
        if done.returncode != 0:
            raise PreviewToolMissing(f"pdftoppm không tạo được ảnh: {done.stderr.decode(errors='replace')[:200]}")
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for png in sorted(stage.glob("trang-*.png")):
            number = int(png.stem.rsplit("-", 1)[1])
            target = out / f"trang-{number:02d}.png"
            atomic_write(target, png.read_bytes(), force=True)
            written.append(target)
    return written
