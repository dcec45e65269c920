"""``.ci/run``'s checks of the PDF tools, run with stand-in commands on ``PATH`` (no real apt-get).

The functions are those of ``.ci/tools.sh``, sourced under ``set -euo pipefail`` as ``.ci/run``
does. The stand-ins: an ``fc-list`` whose list is long enough that a reader which stops early
kills it with SIGPIPE, and an ``apt-get`` that finds its lock held a given number of times.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

BASH = shutil.which("bash")
pytestmark = [pytest.mark.skipif(BASH is None, reason="bash is not installed"),
              pytest.mark.skipif(not (ROOT / ".ci" / "tools.sh").is_file(),
                                 reason=".ci/ is not in this copy of the project (an sdist)")]


def tool(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)


@pytest.fixture
def sandbox(tmp_path: Path) -> Path:
    """A bin folder with the system commands the script uses, and nothing of LibreOffice or poppler."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("grep", "cat", "sleep", "head", "tail", "rm", "touch", "wc", "sh", "chmod", "readlink", "ln",
                 "mkdir"):
        found = shutil.which(name)
        assert found, name
        (bin_dir / name).symlink_to(found)
    tool(bin_dir, "id", 'echo 0\n')
    big = tmp_path / "fonts.txt"
    big.write_text("DejaVu Sans\n" * 200_000, encoding="utf-8")
    tool(bin_dir, "fc-list", f'echo "Liberation Serif"\nexec cat {big}\n')
    return bin_dir


def libreoffice(sandbox: Path, *, calc: bool = True) -> None:
    """A LibreOffice as Debian installs it: ``soffice`` on PATH a link into its program folder,
    Calc's library there when ``calc``."""
    program = sandbox.parent / "libreoffice" / "program"
    program.mkdir(parents=True, exist_ok=True)
    tool(program, "soffice", "exit 0\n")
    if calc:
        (program / "libsclo.so").write_bytes(b"")
    (sandbox / "soffice").unlink(missing_ok=True)
    (sandbox / "soffice").symlink_to(program / "soffice")


def run(sandbox: Path, commands: str, **env: str) -> subprocess.CompletedProcess[str]:
    assert BASH is not None
    return subprocess.run([BASH, "-c", f"set -euo pipefail\n. .ci/tools.sh\n{commands}"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60,
                          env={"PATH": str(sandbox), "HOME": os.environ.get("HOME", "/tmp"), **env})


def test_the_font_check_survives_sigpipe(sandbox: Path) -> None:
    libreoffice(sandbox)
    tool(sandbox, "pdftotext", "exit 0\n")
    old = run(sandbox, 'fc-list 2>/dev/null | grep -qi "Liberation Serif"')
    assert old.returncode != 0  # the stand-in does what the real fc-list did: SIGPIPE under pipefail
    for _ in range(5):
        done = run(sandbox, 'find_missing; echo "need=[${need[*]:-}]"; report_tools')
        assert done.returncode == 0, done.stderr
        assert "need=[]" in done.stdout
        assert "will run" in done.stdout and "skipped" not in done.stdout
        assert "Liberation Serif not found" not in done.stdout


def fake_apt(sandbox: Path, tmp_path: Path, busy: int, installs: bool = True) -> Path:
    """An apt-get that reports its lock held ``busy`` times, then installs LibreOffice (or cannot)."""
    calls = tmp_path / "calls"
    program = sandbox.parent / "libreoffice" / "program"
    on_install = (f'mkdir -p {program}; printf "#!/bin/sh\\nexit 0\\n" > {program}/soffice; '
                  f'chmod 755 {program}/soffice; ln -sf {program}/soffice {sandbox}/soffice\n'
                  f'  case "$*" in *libreoffice-calc-nogui*) touch {program}/libsclo.so;; esac'
                  if installs else 'echo "E: Unable to locate package libreoffice-writer-nogui" >&2; exit 100')
    tool(sandbox, "apt-get", f"""echo "$*" >> {calls}
n=$(cat {calls} | wc -l)
if [ "$n" -le {busy} ]; then
  echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)" >&2
  exit 100
fi
if [ "$1" = install ]; then
  {on_install}
fi
exit 0
""")
    return calls


def test_a_held_apt_lock_is_waited_for(sandbox: Path, tmp_path: Path) -> None:
    calls = fake_apt(sandbox, tmp_path, busy=2)
    tool(sandbox, "pdftotext", "exit 0\n")
    done = run(sandbox, "install_missing; report_tools", APT_LOCK_POLL="0")
    assert done.returncode == 0, done.stderr
    assert "installing: libreoffice-writer-nogui libreoffice-calc-nogui" in done.stdout
    assert "waiting for its lock" in done.stdout
    lines = calls.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and lines[-1].startswith("install ")  # twice busy, then update, install
    assert all("DPkg::Lock::Timeout=" in line for line in lines)
    assert "could not install" not in done.stdout
    assert "LibreOffice and poppler found: the tests that read back the PDF will run" in done.stdout
    assert "Calc not found" not in done.stdout


def test_a_failed_install_is_reported_from_what_is_there(sandbox: Path, tmp_path: Path) -> None:
    fake_apt(sandbox, tmp_path, busy=0, installs=False)
    tool(sandbox, "pdftotext", "exit 0\n")
    done = run(sandbox, "install_missing; report_tools", APT_LOCK_POLL="0")
    assert done.returncode == 0, done.stderr
    assert "could not install libreoffice-writer-nogui" in done.stdout
    assert "not found: LibreOffice (soffice): the tests that read back the PDF will be skipped" in done.stdout
    assert "poppler" not in done.stdout.split("not found:")[1].splitlines()[0]
    assert "waiting" not in done.stdout


def test_a_libreoffice_without_calc_gets_calc(sandbox: Path, tmp_path: Path) -> None:
    libreoffice(sandbox, calc=False)
    tool(sandbox, "pdftotext", "exit 0\n")
    done = run(sandbox, 'find_missing; echo "need=[${need[*]:-}]"; report_tools')
    assert done.returncode == 0, done.stderr
    assert "need=[libreoffice-calc-nogui]" in done.stdout
    assert "LibreOffice Calc not found: the tests that recalculate workbooks will be skipped" in done.stdout
    calls = fake_apt(sandbox, tmp_path, busy=0)
    done = run(sandbox, "install_missing; report_tools", APT_LOCK_POLL="0")
    assert done.returncode == 0, done.stderr
    assert "installing: libreoffice-calc-nogui" in done.stdout
    assert " --no-install-recommends libreoffice-calc-nogui " in calls.read_text(encoding="utf-8").splitlines()[-1]
    assert "Calc not found" not in done.stdout and "will run" in done.stdout


def test_ci_run_uses_the_checks() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ". .ci/tools.sh" in script
    for name in ("run", "tools.sh"):
        code = [line for line in (ROOT / ".ci" / name).read_text(encoding="utf-8").splitlines()
                if not line.lstrip().startswith("#")]
        assert not any("| grep -q" in line for line in code), name
