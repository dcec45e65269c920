"""PDF through LibreOffice (``soffice --headless --convert-to pdf``), when it is installed.

LibreOffice runs in its own process group — *nhóm tiến trình riêng* — which is killed
whole on a timeout, on Ctrl-C and on any error, so no ``soffice.bin`` is left running;
on Linux it also dies with the program that started it, even one killed with ``kill -9``
(``PR_SET_PDEATHSIG``, and a process namespace of its own where ``unshare`` allows).
Where the system allows it (``unshare -rn``) it runs without network access, so a
document's links are never fetched. The PDF is published through
:func:`cchc_plan.io.outputs.atomic_write`: whole or not at all, never through a link.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from ..io.outputs import atomic_write

__all__ = ["LibreOfficeMissing", "clear_stale_work_folders", "convert_to_pdf", "find_soffice", "no_network_prefix",
           "run_isolated", "work_folder"]


class LibreOfficeMissing(RuntimeError):
    """LibreOffice is not installed (or failed), so no PDF can be made."""


def find_soffice() -> str | None:
    """The LibreOffice program, or ``None``."""
    return shutil.which("soffice") or shutil.which("libreoffice")


@functools.cache
def no_network_prefix() -> tuple[str, ...]:
    """How to start a program here without network access, its helpers dying with it; ``()`` when not possible.

    ``unshare -rn --pid --fork --kill-child``: a new network namespace (no interface but a
    loopback of its own) and a new process namespace whose every process is killed when
    ``unshare`` ends; plain ``unshare -rn`` where process namespaces are not allowed.
    """
    program = shutil.which("unshare")
    if program is None:
        return ()
    for flags in (("-rn", "--pid", "--fork", "--kill-child"), ("-rn",)):
        try:
            done = subprocess.run([program, *flags, "true"], capture_output=True, timeout=10, check=False)
        except (OSError, subprocess.SubprocessError):
            return ()
        if done.returncode == 0:
            return (program, *flags)
    return ()


def _die_with_parent() -> None:  # pragma: no cover - runs in the child, between fork and exec
    """Linux: this process gets SIGKILL when the one that started it dies, even by ``kill -9``."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        elif process.poll() is None:  # pragma: no cover - Windows: no process groups to kill
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def run_isolated(command: Sequence[str], *, timeout: float) -> subprocess.CompletedProcess[bytes]:
    """Run ``command`` in a new session without network (when possible); its whole group dies with it.

    Raises :class:`subprocess.TimeoutExpired` after ``timeout`` seconds, the group killed.
    """
    process = subprocess.Popen([*no_network_prefix(), *command], stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                               preexec_fn=_die_with_parent if sys.platform == "linux" else None)
    try:
        out, err = process.communicate(timeout=timeout)
    except BaseException:  # the timeout, Ctrl-C, anything: no LibreOffice left behind
        _kill_group(process)
        raise
    _kill_group(process)  # helpers it left in its group
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


_WORK = re.compile(r"^cchc-(?:pdf|preview)-[A-Za-z0-9_]+$")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def clear_stale_work_folders(parent: str | os.PathLike[str] | None = None) -> list[Path]:
    """Remove the working folders (``cchc-pdf-…``, ``cchc-preview-…``) that runs killed with ``kill -9`` left.

    Only folders of that name, owned by this user, not links, whose lock no live run holds.
    """
    if fcntl is None:  # pragma: no cover - Windows
        return []
    where = Path(parent or tempfile.gettempdir())
    removed = []
    try:
        names = [n for n in os.listdir(where) if _WORK.match(n)]
    except OSError:
        return []
    for name in names:
        folder = where / name
        try:
            info = os.lstat(folder)
            if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
                continue
            fd = os.open(folder / ".lock", os.O_RDONLY | _NOFOLLOW)
        except OSError:
            continue  # no lock yet (a run just starting), or not ours
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a live run
        finally:
            os.close(fd)
        shutil.rmtree(folder, ignore_errors=True)  # never follows links inside it
        removed.append(folder)
    return removed


@contextlib.contextmanager
def work_folder(prefix: str) -> Iterator[Path]:
    """A private working folder in the temporary directory, locked while in use and removed after.

    A run killed before it can remove it leaves it unlocked: :func:`clear_stale_work_folders`
    (called by the next conversion) removes it.
    """
    clear_stale_work_folders()
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    lock = os.open(folder / ".lock", os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    try:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os.close(lock)


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
    with work_folder("cchc-pdf-") as work:
        profile = Path(work, "profile").as_uri()
        source = Path(work, "in.docx")
        shutil.copyfile(docx, source)
        try:
            done = run_isolated(
                [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                 "--convert-to", f"pdf:writer_pdf_Export:{filter_options}" if filter_options else "pdf",
                 "--outdir", str(work), str(source)], timeout=timeout)
        except subprocess.TimeoutExpired:
            raise LibreOfficeMissing(f"LibreOffice không xuất xong PDF sau {timeout:g} giây") from None
        produced = Path(work, "in.pdf")
        if done.returncode != 0 or not produced.is_file():
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[:300]
            raise LibreOfficeMissing(f"LibreOffice không xuất được PDF ({detail or done.returncode})")
        return atomic_write(pdf, produced.read_bytes(), force=force)
