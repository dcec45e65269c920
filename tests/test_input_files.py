"""Inputs must be regular files: devices, FIFOs and sockets are refused before a byte is read.

Every command is run as a user would (a separate process, so a blocking read would show
as a hang, caught by the timeout) with ``/dev/zero``, ``/dev/urandom``, a FIFO or a
socket where a file is expected; the message must say what the path is, in Vietnamese,
with no traceback, and nothing may be written. The messages that used to blame the
output ("không ghi được") for an input problem are checked here too.
"""

from __future__ import annotations

import os
import socket
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_plan.cli import main
from cchc_plan.io.inputs import read_input

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
TEMPLATE = ROOT / "examples" / "mau-xa-2027" / "ke-hoach.yaml"
UNITS = ROOT / "examples" / "mau-xa-2027" / "don-vi.csv"
ENV = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
WINDOW = ["--from", "01/01/2024", "--to", "31/12/2024"]


def cli(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cchc_plan", *map(str, args)], cwd=cwd, env=ENV,
                          capture_output=True, text=True, timeout=60, check=False)


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "ong-dan.yaml"
    os.mkfifo(path)
    return path


def _commands(bad: Path) -> list[list[object]]:
    return [
        ["validate", bad],
        ["render", bad, "-o", "ke-hoach.docx"],
        ["render", EXAMPLE, "-o", "ke-hoach.docx", "--profile", bad],
        ["new", bad, "-o", "moi.yaml"],
        ["new", EXAMPLE, "--report", bad, "-o", "moi.yaml"],
        ["stats", bad, *WINDOW, "-o", "so-lieu.yaml"],
        ["check", bad],
        ["preview", bad, "-o", "anh"],
        ["batch", bad, UNITS, "-o", "bo"],
        ["batch", TEMPLATE, bad, "-o", "bo"],
    ]


def _refused(done: subprocess.CompletedProcess[str], bad: Path, what: str, folder: Path) -> None:
    assert done.returncode in (1, 2), done
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    assert str(bad) in done.stderr and what in done.stderr, done.stderr
    assert "không ghi được" not in done.stderr
    assert sorted(p.name for p in folder.iterdir() if p != bad) == [], "nothing written"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize("index", range(10))
def test_a_device_as_input_is_refused_before_it_is_read(tmp_path: Path, device: str, index: int) -> None:
    command = _commands(Path(device))[index]
    done = cli(*command, cwd=tmp_path)
    _refused(done, Path(device), "thiết bị", tmp_path)


@pytest.mark.parametrize("index", range(10))
def test_a_fifo_as_input_is_refused_without_blocking(tmp_path: Path, fifo: Path, index: int) -> None:
    command = _commands(fifo)[index]
    done = cli(*command, cwd=tmp_path)
    _refused(done, fifo, "ống dẫn" if command[0] != "check" else "không phải một tệp thông thường", tmp_path)


def test_a_fifo_named_docx_in_preview_is_an_input_error(tmp_path: Path) -> None:
    pipe = tmp_path / "van-ban.docx"
    os.mkfifo(pipe)
    done = cli("preview", pipe, "-o", "anh", cwd=tmp_path)
    _refused(done, pipe, "ống dẫn (FIFO)", tmp_path)


def test_a_socket_as_input_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        done = cli("validate", path, cwd=tmp_path)
    finally:
        server.close()
    assert done.returncode == 1 and "socket" in done.stderr and "Traceback" not in done.stderr


def test_a_template_docx_that_is_a_device_or_fifo_is_refused(tmp_path: Path, fifo: Path) -> None:
    for bad in (Path("/dev/zero"), fifo):
        done = cli("render", EXAMPLE, "-o", "ke-hoach.docx", "--template", bad, cwd=tmp_path)
        assert done.returncode == 1 and str(bad) in done.stderr and "Traceback" not in done.stderr
        assert "thiết bị" in done.stderr or "ống dẫn" in done.stderr
        assert not (tmp_path / "ke-hoach.docx").exists()


def test_the_size_cap_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "lon.yaml"
    with open(big, "wb") as f:
        f.truncate(6 * 1024 * 1024)  # sparse: its size is known without reading it
    assert main(["validate", str(big)]) == 1
    with pytest.raises(Exception) as caught:
        read_input(big, 1024, kind="tệp kế hoạch")
    assert "tệp quá lớn" in str(caught.value) and "tối đa" in str(caught.value)


# --------------------------------------------------------------------------- messages


def test_a_symlink_loop_is_an_input_problem_not_a_write_failure(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    (tmp_path / "c.docx").symlink_to(tmp_path / "c.docx")
    for command in (["validate", "a.yaml"], ["render", "a.yaml", "-o", "k.docx"],
                    ["batch", TEMPLATE, "a.yaml", "-o", "bo"], ["check", "c.docx"], ["preview", "c.docx", "-o", "anh"],
                    ["render", EXAMPLE, "-o", "k.docx", "--template", "c.docx"]):
        done = cli(*command, cwd=tmp_path)
        assert done.returncode in (1, 2), done
        assert "vòng lặp" in done.stderr and ("a.yaml" in done.stderr or "c.docx" in done.stderr)
        assert "không ghi được" not in done.stderr and "Traceback" not in done.stderr


def test_a_directory_as_units_table_is_named_as_such(tmp_path: Path) -> None:
    (tmp_path / "don-vi.csv").mkdir()
    done = cli("batch", TEMPLATE, "don-vi.csv", "-o", "bo", cwd=tmp_path)
    assert done.returncode == 1
    assert "don-vi.csv" in done.stderr and "thư mục, không phải tệp" in done.stderr
    assert "không ghi được" not in done.stderr and not (tmp_path / "bo").exists()


def _compound_file(streams: list[str]) -> bytes:
    """A minimal OLE compound file (512-byte sectors: FAT, directory) with empty ``streams``."""
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
              + struct.pack("<HHHHH6sIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, bytes(6), 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<108I", *([free] * 108)))
    fat = struct.pack("<128I", fat_sector, end, *([free] * 126))

    def entry(name: str, kind: int, right: int = free, child: int = free) -> bytes:
        raw = (name + "\0").encode("utf-16-le")
        return (raw.ljust(64, b"\0") + struct.pack("<HBBIII", len(raw), kind, 1, free, right, child)
                + bytes(16) + bytes(4) + bytes(16) + struct.pack("<IQ", end, 0))

    entries = [entry("Root Entry", 5, child=1)]
    for i, name in enumerate(streams, start=1):
        entries.append(entry(name, 2, right=i + 1 if i < len(streams) else free))
    directory = b"".join(entries).ljust(512, b"\0")
    return header + fat + directory


def test_an_encrypted_docx_is_not_called_an_old_doc(tmp_path: Path) -> None:
    locked = tmp_path / "co-mat-khau.docx"
    locked.write_bytes(_compound_file(["EncryptionInfo", "EncryptedPackage"]))
    done = cli("check", locked, cwd=tmp_path)
    assert done.returncode == 2
    assert "mật khẩu" in done.stderr and "97–2003" not in done.stderr and ".doc)" not in done.stderr
    old = tmp_path / "cu.docx"
    old.write_bytes(_compound_file(["WordDocument", "1Table"]))
    done = cli("check", old, cwd=tmp_path)
    assert done.returncode == 2 and "Word 97–2003 (.doc)" in done.stderr
    done = cli("render", EXAMPLE, "-o", "k.docx", "--template", locked, cwd=tmp_path)
    assert done.returncode == 1 and "mật khẩu" in done.stderr and "Traceback" not in done.stderr


def test_an_encrypted_workbook_is_not_called_an_old_xls(tmp_path: Path) -> None:
    locked = tmp_path / "ho-so.xlsx"
    locked.write_bytes(_compound_file(["EncryptionInfo", "EncryptedPackage"]))
    done = cli("stats", locked, *WINDOW, cwd=tmp_path)
    assert done.returncode == 1 and "mật khẩu" in done.stderr and ".xls)" not in done.stderr
    assert "Traceback" not in done.stderr
