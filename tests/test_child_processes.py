"""Child processes die with their parent: LibreOffice on a timeout or Ctrl-C, batch workers on ``kill -9``.

Processes are found in ``/proc`` by what their command line holds (the private folder
LibreOffice works in) or by their parent; a process that has exited but not been
reaped yet (a zombie) counts as gone.
"""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from cchc_plan.cli import main
from cchc_plan.docx.pdf import LibreOfficeMissing, convert_to_pdf

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
TEMPLATE = ROOT / "examples" / "mau-xa-2027" / "ke-hoach.yaml"
ENV = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def mentioning(text: str) -> list[int]:
    """Live processes whose command line contains ``text``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if text in command and _alive(int(entry.name)):
            found.append(int(entry.name))
    return found


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.fixture(scope="module")
def docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "ke-hoach.docx"
    assert main(["render", str(EXAMPLE), "-o", str(out)]) == 0
    return out


@needs_soffice
def test_libreoffice_is_killed_whole_on_a_timeout(docx: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "tam"
    work.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(work))
    with pytest.raises(LibreOfficeMissing, match="sau 1 giây"):
        convert_to_pdf(docx, tmp_path / "k.pdf", timeout=1)
    assert wait_for(lambda: not mentioning(str(work)), 10), "no LibreOffice left running"
    assert not (tmp_path / "k.pdf").exists() and list(work.iterdir()) == []


@needs_soffice
def test_libreoffice_is_killed_when_the_render_is_interrupted(tmp_path: Path) -> None:
    work = tmp_path / "tam"
    work.mkdir()
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "cchc_plan", "render", str(EXAMPLE), "-o", str(out / "k.docx"),
                             "--pdf"], env=dict(ENV, TMPDIR=str(work)), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: bool(mentioning(f"{work}/cchc-pdf-")), 60), "LibreOffice started"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130 and "Đã dừng" in err and "Traceback" not in err
    assert wait_for(lambda: not mentioning(str(work)), 10), "no LibreOffice left running"
    assert not (out / "k.pdf").exists()
    assert [p.name for p in out.iterdir()] == ["k.docx"]


@needs_soffice
@pytest.mark.skipif(sys.platform != "linux", reason="PR_SET_PDEATHSIG is Linux's")
def test_libreoffice_dies_with_a_render_killed_with_kill_9(tmp_path: Path) -> None:
    work = tmp_path / "tam"
    work.mkdir()
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "cchc_plan", "render", str(EXAMPLE), "-o", str(out / "k.docx"),
                             "--pdf"], env=dict(ENV, TMPDIR=str(work)), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: bool(mentioning(f"{work}/cchc-pdf-")), 60), "LibreOffice started"
        for pid in mentioning(str(work)):  # frozen, as a hung LibreOffice: it will not end by itself
            os.kill(pid, signal.SIGSTOP)
        proc.kill()
        proc.wait(timeout=30)
        assert wait_for(lambda: not mentioning(str(work)), 15), "no LibreOffice left running"
    finally:
        for pid in mentioning(str(work)):
            os.kill(pid, signal.SIGKILL)
    assert not (out / "k.pdf").exists()
    left = [p.name for p in work.iterdir()]
    assert len(left) == 1 and left[0].startswith("cchc-pdf-"), "the killed run's working folder is left"
    done = subprocess.run([sys.executable, "-m", "cchc_plan", "render", str(EXAMPLE), "-o", str(out / "k.docx"),
                           "--pdf", "--force"], env=dict(ENV, TMPDIR=str(work)), capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert list(work.iterdir()) == [], "the next conversion removed it"
    assert (out / "k.pdf").read_bytes().startswith(b"%PDF")


def test_a_working_folder_in_use_is_not_removed(tmp_path: Path) -> None:
    import fcntl

    from cchc_plan.docx.pdf import clear_stale_work_folders

    live, dead, other = tmp_path / "cchc-pdf-live", tmp_path / "cchc-pdf-dead", tmp_path / "cchc-pdf-link"
    for folder in (live, dead):
        folder.mkdir()
        (folder / ".lock").touch()
        (folder / "in.docx").write_bytes(b"x")
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (outside / ".lock").touch()
    other.symlink_to(outside)
    with open(live / ".lock", "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert clear_stale_work_folders(tmp_path) == [dead]
    assert live.is_dir() and not dead.exists() and other.is_symlink() and (outside / ".lock").exists()


def test_batch_workers_end_when_the_batch_is_killed(tmp_path: Path) -> None:
    units = tmp_path / "don-vi.csv"
    with open(units, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["name", "place", "province", "signer"])
        for n in range(1, 201):
            w.writerow([f"Ủy ban nhân dân xã Thử Nghiệm {n:03d}", f"Thử Nghiệm {n:03d}", "tỉnh Mẫu", "Nguyễn Văn A"])
    out = tmp_path / "OUT"
    proc = subprocess.Popen([sys.executable, "-m", "cchc_plan", "batch", str(TEMPLATE), str(units), "-o", str(out),
                             "-j", "2"], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        assert wait_for(lambda: out.exists() and any(p.suffix == ".docx" for p in out.iterdir()), 120)
        workers = children(proc.pid)
        assert len(workers) >= 2, "the batch runs worker processes"
        proc.kill()  # kill -9 of the parent only: the workers are not signalled
        proc.wait(timeout=30)
        assert wait_for(lambda: not any(_alive(w) for w in workers), 20), "the workers ended with their parent"
    finally:
        for w in workers:
            if _alive(w):
                os.kill(w, signal.SIGKILL)
    done = subprocess.run([sys.executable, "-m", "cchc_plan", "batch", str(TEMPLATE), str(units), "-o", str(out),
                           "-j", "2"], env=ENV, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir() if not p.name.endswith(".docx")) == [], "no staging file left"
    assert len(list(out.iterdir())) == 200
