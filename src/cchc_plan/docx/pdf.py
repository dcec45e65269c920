"""PDF through LibreOffice (``soffice --headless --convert-to pdf``), when it is installed.

LibreOffice runs in its own process group — *nhóm tiến trình riêng* — which is killed
whole on a timeout, on Ctrl-C and on any error, so no ``soffice.bin`` is left running;
and, where the system allows it (``unshare -rn``), without network access, so a
document's links are never fetched. The PDF is published through
:func:`cchc_plan.io.outputs.atomic_write`: whole or not at all, never through a link.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..io.outputs import atomic_write

__all__ = ["LibreOfficeMissing", "convert_to_pdf", "find_soffice", "no_network_prefix", "run_isolated"]


class LibreOfficeMissing(RuntimeError):
    """LibreOffice is not installed (or failed), so no PDF can be made."""


def find_soffice() -> str | None:
    """The LibreOffice program, or ``None``."""
    return shutil.which("soffice") or shutil.which("libreoffice")


@functools.cache
def no_network_prefix() -> tuple[str, ...]:
    """``("unshare", "-rn")`` when a program can be started here without network access, else ``()``."""
    program = shutil.which("unshare")
    if program is None:
        return ()
    try:
        done = subprocess.run([program, "-rn", "true"], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ()
    return (program, "-rn") if done.returncode == 0 else ()


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def run_isolated(command: Sequence[str], *, timeout: float) -> subprocess.CompletedProcess[bytes]:
    """Run ``command`` in a new session without network (when possible); its whole group dies with it.

    Raises :class:`subprocess.TimeoutExpired` after ``timeout`` seconds, the group killed.
    """
    process = subprocess.Popen([*no_network_prefix(), *command], stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
    except BaseException:  # the timeout, Ctrl-C, anything: no LibreOffice left behind
        _kill_group(process)
        raise
    _kill_group(process)  # helpers it left in its group
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def convert_to_pdf(docx: str | os.PathLike[str], pdf: str | os.PathLike[str], *,
                   timeout: float = 180, filter_options: str = "", force: bool = True) -> Path:
    """Convert ``docx`` to ``pdf`` with LibreOffice; the PDF appears whole or not at all.

    ``filter_options`` are the PDF export filter's options (JSON, as LibreOffice takes
    them after ``pdf:writer_pdf_Export:``); :mod:`cchc_plan.docx.pdfa` uses them for PDF/A.
    An existing ``pdf`` is replaced only when ``force`` (:class:`FileExistsError` otherwise).
    """
    program = find_soffice()
    if program is None:
        raise LibreOfficeMissing(
            "không tìm thấy LibreOffice để xuất PDF; hãy cài đặt "
            "(Debian/Ubuntu: apt-get install libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory(prefix="cchc-pdf-") as work:
        profile = Path(work, "profile").as_uri()
        source = Path(work, "in.docx")
        shutil.copyfile(docx, source)
        try:
            done = run_isolated(
                [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                 "--convert-to", f"pdf:writer_pdf_Export:{filter_options}" if filter_options else "pdf",
                 "--outdir", work, str(source)], timeout=timeout)
        except subprocess.TimeoutExpired:
            raise LibreOfficeMissing(f"LibreOffice không xuất xong PDF sau {timeout:g} giây") from None
        produced = Path(work, "in.pdf")
        if done.returncode != 0 or not produced.is_file():
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[:300]
            raise LibreOfficeMissing(f"LibreOffice không xuất được PDF ({detail or done.returncode})")
        return atomic_write(pdf, produced.read_bytes(), force=force)
