"""The README's Python examples run, from the repository root, and print what their comments say."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_the_readme_has_python_examples() -> None:
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_python_block_runs(index: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Outputs go to a temporary folder; the example paths point into the repository.
    code = BLOCKS[index].replace('"examples/', f'"{ROOT.as_posix()}/examples/')
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, f"README.md block {index + 1}", "exec"), {})
    printed = out.getvalue().splitlines()
    # Where a print's comment shows its output literally, the output must be exactly that.
    expected = [m.group(1).strip() for line in code.splitlines()
                if line.startswith("print(") and (m := re.search(r"#\s*(.+)$", line))]
    for shown, comment in zip(printed, expected, strict=True):
        if "…" in comment or "in %" in comment:
            continue
        assert shown == comment
