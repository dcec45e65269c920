"""Output files are written safely: never through a link, whole or not at all, one writer wins.

Each test plants what an attacker or an unlucky office would (a link at a staging name,
a link as the target, a half-written file of a killed run, a second writer at the same
moment) and then looks at the disk: the file outside the folder is unchanged, the output
is whole, nothing else is left.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from cchc_plan.cli import main
from cchc_plan.io import outputs
from cchc_plan.io.outputs import STAGING, atomic_write, clear_stale

from docx_reading import DocxReader

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
ENV = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


def render(*args: object) -> int:
    return main(["render", *map(str, args)])


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A file outside the output folder that a link points to."""
    outside = tmp_path / "ngoai" / "quan-trong.txt"
    outside.parent.mkdir()
    outside.write_text("nội dung không được ghi đè", encoding="utf-8")
    return outside


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_links_at_the_old_fixed_staging_names_are_never_written_through(
        out: Path, victim: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The names a staging file used to have (.NAME.tmp): a link planted there points outside.
    for name in (".ke-hoach.pdf.tmp", ".ke-hoach.docx.tmp"):
        (out / name).symlink_to(victim)
    argv = [EXAMPLE, "-o", out / "ke-hoach.docx"] + (["--pdf"] if shutil.which("soffice") else [])
    assert render(*argv) == 0
    assert victim.read_text(encoding="utf-8") == "nội dung không được ghi đè"
    assert all((out / n).is_symlink() for n in (".ke-hoach.pdf.tmp", ".ke-hoach.docx.tmp"))
    assert DocxReader(out / "ke-hoach.docx").paragraphs()
    if shutil.which("soffice"):
        assert (out / "ke-hoach.pdf").read_bytes().startswith(b"%PDF")


def test_a_staging_file_is_created_exclusively_at_an_unpredictable_name(
        out: Path, victim: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Even a link planted at the very name the writer draws first is not opened: it draws again.
    drawn = iter(["a" * 16, "b" * 16])
    monkeypatch.setattr(outputs, "_random_hex", lambda: next(drawn))
    (out / f".k.docx.{'a' * 16}.tmp").symlink_to(victim)
    atomic_write(out / "k.docx", b"PK new")
    assert victim.read_text(encoding="utf-8") == "nội dung không được ghi đè"
    assert (out / "k.docx").read_bytes() == b"PK new"
    assert sorted(p.name for p in out.iterdir()) == [f".k.docx.{'a' * 16}.tmp", "k.docx"]


def test_staging_names_differ_from_run_to_run() -> None:
    names = {outputs.staging_name("k.docx") for _ in range(50)}
    assert len(names) == 50 and all(STAGING.match(n) for n in names)


def test_a_link_as_the_target_is_refused_and_with_force_replaced_not_followed(
        out: Path, victim: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = out / "ke-hoach.docx"
    target.symlink_to(victim)
    assert render(EXAMPLE, "-o", target) == 1
    assert "đã có" in capsys.readouterr().err
    assert render(EXAMPLE, "-o", target, "--force") == 0
    assert victim.read_text(encoding="utf-8") == "nội dung không được ghi đè"
    assert not target.is_symlink() and zipfile.ZipFile(target).testzip() is None


def test_a_dangling_link_as_the_target_is_not_created_through(out: Path, tmp_path: Path) -> None:
    missing = tmp_path / "ngoai" / "moi.docx"
    (out / "k.docx").symlink_to(missing)
    assert render(EXAMPLE, "-o", out / "k.docx") == 1
    assert not missing.exists() and not os.path.lexists(missing)


def test_a_writer_that_swaps_its_staging_file_for_a_link_publishes_nothing(out: Path, victim: Path) -> None:
    def swap(staged: Path) -> None:
        staged.unlink()
        staged.symlink_to(victim)

    with pytest.raises(OSError):
        atomic_write(out / "k.docx", swap)
    assert victim.read_text(encoding="utf-8") == "nội dung không được ghi đè"
    assert list(out.iterdir()) == []


# --------------------------------------------------------------------------- killed runs


_KILL_WHILE_WRITING = """
import os, signal, sys
from cchc_plan.io.outputs import atomic_write
def half(path):
    path.write_bytes(b"PK half of a document")
    os.kill(os.getpid(), signal.SIGKILL)
atomic_write(sys.argv[1], half)
"""


def _killed_writer(target: Path) -> None:
    done = subprocess.run([sys.executable, "-c", _KILL_WHILE_WRITING, str(target)], env=ENV, check=False)
    assert done.returncode == -signal.SIGKILL


def test_a_run_killed_while_writing_leaves_a_staging_file_the_next_run_removes(out: Path) -> None:
    target = out / "ke-hoach.docx"
    _killed_writer(target)
    left = [p.name for p in out.iterdir()]
    assert len(left) == 1 and STAGING.match(left[0]), "kill -9 mid-write leaves only a hidden staging file"
    assert render(EXAMPLE, "-o", target) == 0
    assert [p.name for p in out.iterdir()] == ["ke-hoach.docx"]


def test_the_next_run_to_the_folder_clears_what_a_killed_run_left_for_another_file(out: Path) -> None:
    _killed_writer(out / "bao-cao.docx")
    assert render(EXAMPLE, "-o", out / "ke-hoach.docx") == 0
    assert [p.name for p in out.iterdir()] == ["ke-hoach.docx"]


def test_kill_9_during_render_leaves_nothing_the_next_render_does_not_remove(out: Path) -> None:
    target = out / "ke-hoach.docx"
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-m", "cchc_plan", "render", str(EXAMPLE), "-o", str(target)],
                                env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.3)
        proc.kill()
        proc.wait()
        if target.exists():
            target.unlink()
    _killed_writer(target)  # and one killed for certain while its staging file is open
    assert any(STAGING.match(p.name) for p in out.iterdir())
    assert render(EXAMPLE, "-o", target) == 0
    assert [p.name for p in out.iterdir()] == ["ke-hoach.docx"]


_HOLD_WHILE_WRITING = """
import os, signal, sys
from cchc_plan.io.outputs import atomic_write
def slow(path):
    path.write_bytes(b"PK still being written")
    print("staged", flush=True)
    sys.stdin.readline()
atomic_write(sys.argv[1], slow)
"""


def test_the_staging_file_of_a_live_writer_is_not_taken_for_stale(out: Path) -> None:
    target = out / "k.docx"
    proc = subprocess.Popen([sys.executable, "-c", _HOLD_WHILE_WRITING, str(target)], env=ENV,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "staged\n"
        assert clear_stale(out) == []
        assert clear_stale(out, "k.docx") == []
        assert len(list(out.iterdir())) == 1
    finally:
        assert proc.stdin is not None
        proc.stdin.write("\n")
        proc.stdin.close()
        proc.wait(timeout=30)
    assert proc.returncode == 0
    assert [p.name for p in out.iterdir()] == ["k.docx"]
    assert target.read_bytes() == b"PK still being written"


def test_clearing_stale_files_never_follows_a_link_nor_touches_other_names(out: Path, victim: Path) -> None:
    link = out / f".k.docx.{'c' * 16}.tmp"
    link.symlink_to(victim)
    folder = out / f".k.docx.{'d' * 16}.tmp"
    folder.mkdir()
    other = out / ".k.docx.tmp"  # not a staging name of ours (no random part)
    other.write_bytes(b"x")
    mine = out / "k.docx"
    mine.write_bytes(b"y")
    assert clear_stale(out) == []
    assert link.is_symlink() and folder.is_dir() and other.exists() and mine.exists()
    assert victim.read_text(encoding="utf-8") == "nội dung không được ghi đè"


def test_a_writer_killed_between_publishing_and_cleaning_up_leaves_nothing_once_cleared(out: Path) -> None:
    """Killed after the hard link that publishes the file, before its staging name went: both names
    are the one finished file, and the staging name is cleared; the document stays whole."""
    target = out / "k.docx"
    staged = out / f".k.docx.{'e' * 16}.tmp"
    staged.write_bytes(b"PK finished")
    os.link(staged, target)
    assert clear_stale(out) == [staged]
    assert [p.name for p in out.iterdir()] == ["k.docx"] and target.read_bytes() == b"PK finished"


def test_a_staging_name_hard_linked_to_another_file_is_left_alone(out: Path, victim: Path) -> None:
    planted = out / f".k.docx.{'f' * 16}.tmp"
    os.link(victim, planted)  # a second name of a file that is not the staging name's target
    (out / "k.docx").write_bytes(b"y")
    assert clear_stale(out) == []
    assert planted.exists() and victim.read_text(encoding="utf-8") == "nội dung không được ghi đè"


def test_a_full_disk_leaves_no_partial_output(out: Path) -> None:
    # A file-size limit stands in for a full disk: the write fails half-way through.
    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (8 * 1024, 8 * 1024))

    done = subprocess.run([sys.executable, "-m", "cchc_plan", "render", str(EXAMPLE), "-o", str(out / "k.docx")],
                          env=ENV, capture_output=True, text=True, preexec_fn=limited, check=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "Lỗi" in done.stderr
    assert list(out.iterdir()) == []


@needs_soffice
def test_a_full_disk_while_the_pdf_is_published_leaves_no_partial_pdf(out: Path, tmp_path: Path) -> None:
    docx = out / "k.docx"
    assert render(EXAMPLE, "-o", docx) == 0
    size = docx.stat().st_size

    # LibreOffice works in its own folder; the limit bites when the PDF is copied next to the .docx.
    script = ("import resource, signal, sys\n"
              "from cchc_plan.docx.pdf import convert_to_pdf\n"
              "from cchc_plan.io import outputs\n"
              "real = outputs._write_all\n"
              "def limited(fd, data):\n"
              "    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
              f"    resource.setrlimit(resource.RLIMIT_FSIZE, ({size}, {size}))\n"
              "    real(fd, data)\n"
              "outputs._write_all = limited\n"
              "try:\n"
              "    convert_to_pdf(sys.argv[1], sys.argv[2])\n"
              "except OSError as e:\n"
              "    print('OSError', e.errno)\n")
    done = subprocess.run([sys.executable, "-c", script, str(docx), str(out / "k.pdf")], env=ENV,
                          capture_output=True, text=True, check=False)
    assert done.stdout.startswith("OSError"), done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["k.docx"]


# --------------------------------------------------------------------------- two writers


def _racer(target: str, barrier: multiprocessing.synchronize.Barrier, mark: bytes,
           results: multiprocessing.queues.Queue[str]) -> None:
    def write(path: Path) -> None:
        path.write_bytes(mark)
        barrier.wait(timeout=30)  # both are staged before either publishes

    try:
        atomic_write(target, write)
        results.put(f"ok {mark.decode()}")
    except FileExistsError as e:
        results.put(f"exists {e}")


def test_two_writers_to_one_new_target_exactly_one_wins(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    for trial in range(5):
        target = tmp_path / f"k{trial}.docx"
        barrier = context.Barrier(2)
        results: multiprocessing.queues.Queue[str] = context.Queue()
        racers = [context.Process(target=_racer, args=(str(target), barrier, mark, results))
                  for mark in (b"A", b"B")]
        for p in racers:
            p.start()
        for p in racers:
            p.join(timeout=60)
        said = sorted(results.get(timeout=5) for _ in racers)
        assert [s.split()[0] for s in said] == ["exists", "ok"], said
        winner = said[1].split()[1].encode()
        assert target.read_bytes() == winner
        assert "đã có" in said[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"k{n}.docx" for n in range(5)]


def test_two_renders_to_one_new_output_never_both_succeed(tmp_path: Path) -> None:
    for trial in range(4):
        target = tmp_path / f"ke-hoach-{trial}.docx"
        procs = [subprocess.Popen([sys.executable, "-m", "cchc_plan", "render", str(EXAMPLE), "-o", str(target)],
                                  env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
        outcomes = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
        assert sorted(code for code, _ in outcomes) == [0, 1], outcomes
        loser = next(err for code, err in outcomes if code == 1)
        assert "đã có" in loser and "--force" in loser and "Traceback" not in loser
        assert zipfile.ZipFile(target).testzip() is None
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"ke-hoach-{n}.docx" for n in range(4)]


def _many_writes(folder: str, who: int, results: multiprocessing.queues.Queue[str]) -> None:
    failures = []
    for n in range(150):
        try:
            atomic_write(Path(folder) / f"{who}-{n:03d}.docx", b"PK" + bytes(2000))
        except OSError as e:
            failures.append(str(e))
    results.put("\n".join(failures))


def test_writers_in_one_folder_never_take_each_others_staging_files_for_stale(tmp_path: Path) -> None:
    # Each write clears the folder's stale staging files: a file another writer has just
    # created, and not yet locked, must not be one of them.
    context = multiprocessing.get_context("fork")
    results: multiprocessing.queues.Queue[str] = context.Queue()
    writers = [context.Process(target=_many_writes, args=(str(tmp_path), who, results)) for who in range(4)]
    for p in writers:
        p.start()
    failures = [results.get(timeout=300) for _ in writers]
    for p in writers:
        p.join(timeout=60)
    assert failures == ["", "", "", ""]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{w}-{n:03d}.docx" for w in range(4)
                                                                 for n in range(150))


@needs_soffice
def test_a_dangling_link_at_the_pdf_is_refused_before_anything_is_written(
        out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "ngoai" / "k.pdf"
    (out / "k.pdf").symlink_to(missing)
    assert render(EXAMPLE, "-o", out / "k.docx", "--pdf") == 1
    assert "k.pdf đã có" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["k.pdf"] and not os.path.lexists(missing)


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
                    reason="LibreOffice and pdftoppm are needed")
def test_preview_replaces_a_link_at_a_page_picture_without_writing_through_it(out: Path, victim: Path) -> None:
    (out / "trang-01.png").symlink_to(victim)
    assert main(["preview", str(EXAMPLE), "-o", str(out), "--last", "1"]) == 0
    assert victim.read_text(encoding="utf-8") == "nội dung không được ghi đè"
    assert not (out / "trang-01.png").is_symlink()
    assert (out / "trang-01.png").read_bytes().startswith(b"\x89PNG")
