"""Run the summary benchmarks and regenerate the summary table of ``benchmarks/README.md``.

Each line of the table is one measurement against its baseline, both as whole processes (or
both in this process), interleaved over ``--rounds`` rounds (at least 10) by
``_harness.interleave``: median, spread (IQR / median) and the ratio of medians — or, when the
baseline's own spread is over 30 %, no ratio and the reason.

- **startup**: ``cchc-plan --help`` against ``python -c pass``, in both bytecode modes:
  *cached* (.pyc files written to a temporary ``PYTHONPYCACHEPREFIX`` on the warm-up round and
  reused) and *not written* (``PYTHONDONTWRITEBYTECODE=1`` as on this machine, over a copy of the
  package without any .pyc: its own modules are compiled at every start).
- **render**: ``cchc-plan render examples/loc-binh-2023/ke-hoach.yaml -o … --force`` against a
  plain python-docx script writing the same paragraphs and appendix table (the *floor*, texts
  prepared beforehand), both whole processes, in both modes.
- **check**: ``check_docx`` on documents of several sizes against a bare ``lxml`` parse of the
  same ``word/document.xml`` (in this process).
- **docxtpl**: ``write_docx(layout_plan(plan))`` against docxtpl rendering the same texts, at the
  seed's size, 1,000 and 10,000 appendix rows, each render a fresh process, with the peak memory
  of both (``benchmarks/docxtpl_bench.py``, which also measures 50,000 rows when asked: about 10
  minutes; skipped when docxtpl is not installed).

    python benchmarks/run.py [--rounds 10] [--only startup render check docxtpl] [--no-write]

The table goes between ``<!-- summary:begin -->`` and ``<!-- summary:end -->`` of the README,
with the machine, its load average before and after, and the date.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import _harness as h  # benchmarks/ is the folder of these scripts

ROOT = Path(__file__).resolve().parents[1]
README = Path(__file__).resolve().parent / "README.md"
EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"

CONSOLE_SCRIPT = """\
import sys
from cchc_plan.cli import main
sys.exit(main())
"""

FLOOR_SCRIPT = """\
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from _floor import floor
floor(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")), Path(sys.argv[2]))
"""


def modes(tmp: Path) -> dict[str, dict[str, str]]:
    """The two bytecode modes, as environments of the child processes.

    *Not written* runs a copy of ``src/`` (and ``templates/``) without any ``__pycache__``, with
    ``PYTHONDONTWRITEBYTECODE=1``: the package is compiled at every start while the standard
    library and the installed libraries use their .pyc files — an editable install on a machine
    that sets the variable. *Cached* gives every module a .pyc in a private cache folder.
    """
    base = {k: v for k, v in os.environ.items()
            if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME", "PYTHONPYCACHEPREFIX")}
    fresh = tmp / "no-pyc"
    if not fresh.exists():
        for part in ("src", "templates"):
            shutil.copytree(ROOT / part, fresh / part, ignore=shutil.ignore_patterns("__pycache__"))
    cached = dict(base, PYTHONPATH=str(ROOT / "src"), PYTHONPYCACHEPREFIX=str(tmp / "pycache"))
    not_written = dict(base, PYTHONPATH=str(fresh / "src"), PYTHONDONTWRITEBYTECODE="1")
    return {"cached": cached, "not written": not_written}


def entry_point(tmp: Path) -> list[str]:
    installed = shutil.which("cchc-plan")
    if installed:
        return [installed]
    path = tmp / "cchc-plan"
    path.write_text(CONSOLE_SCRIPT, encoding="utf-8")
    return [sys.executable, str(path)]


Line = tuple[str, str, h.Ratio]


def startup(tmp: Path, rounds: int) -> list[Line]:
    script = entry_point(tmp)
    lines: list[Line] = []
    for mode, env in modes(tmp).items():
        samples = h.interleave({
            "python -c pass": h.process([sys.executable, "-c", "pass"], env),
            "cchc-plan --help": h.process([*script, "--help"], env),
        }, rounds)
        lines.append(("startup", f"`cchc-plan --help` vs `python -c pass`, bytecode {mode}",
                      h.ratio(samples["cchc-plan --help"], samples["python -c pass"])))
    return lines


def render(tmp: Path, rounds: int) -> list[Line]:
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from render_bench import texts_of

    from cchc_plan.io import load_plan
    from cchc_plan.layout.plan import layout_plan

    texts = tmp / "texts.json"
    texts.write_text(json.dumps(texts_of(layout_plan(load_plan(EXAMPLE))), ensure_ascii=False), encoding="utf-8")
    floor_script = tmp / "floor.py"
    floor_script.write_text(FLOOR_SCRIPT, encoding="utf-8")
    script = entry_point(tmp)
    lines: list[Line] = []
    for mode, env in modes(tmp).items():
        samples = h.interleave({
            "floor": h.process([sys.executable, str(floor_script), str(texts), str(tmp / "floor.docx"),
                                str(Path(__file__).resolve().parent)], env),
            "render": h.process([*script, "render", str(EXAMPLE), "-o", str(tmp / "x.docx"), "--force"], env),
        }, rounds)
        lines.append(("render", f"`cchc-plan render` Lộc Bình vs plain python-docx script (whole processes), "
                                f"bytecode {mode}", h.ratio(samples["render"], samples["floor"])))
    return lines


def check(tmp: Path, rounds: int) -> list[Line]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from check_bench import measure

    return [("check", text, r) for text, r in measure(rounds)]


def docxtpl(tmp: Path, rounds: int) -> list[Line]:
    try:
        import docxtpl  # noqa: F401
    except ImportError:
        print("docxtpl is not installed (pip install docxtpl): its comparison is skipped", flush=True)
        return []
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from docxtpl_bench import measure

    return measure(rounds, (27, 1_000, 10_000))


SUITES: dict[str, Callable[[Path, int], list[Line]]] = {"startup": startup, "render": render, "check": check,
                                                        "docxtpl": docxtpl}


def table(lines: list[Line], rounds: int, load_before: str, load_after: str) -> str:
    out = [
        f"Regenerated by `python benchmarks/run.py` on {datetime.date.today():%d/%m/%Y}: "
        f"{h.machine().split(';')[0]}; load average {load_before} before, {load_after} after. "
        f"{rounds} interleaved rounds; spread = IQR / median; no ratio when the baseline's "
        f"spread is over {h.MAX_BASELINE_SPREAD * 100:.0f} %.",
        "",
        "| benchmark | what against what | measured (median, spread) | baseline (median, spread) | ratio |",
        "|---|---|---:|---:|---|",
    ]
    for suite, what, r in lines:
        out.append(f"| {suite} | {what} | {h.row(r.case)} | {h.row(r.baseline)} | {h.short(r)} |")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=h.MIN_ROUNDS)
    parser.add_argument("--only", nargs="+", choices=list(SUITES), default=list(SUITES))
    parser.add_argument("--no-write", action="store_true", help="print the table, leave the README alone")
    args = parser.parse_args()
    print(h.environment(), flush=True)
    load_before = h.load_average()
    lines: list[Line] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        for name in args.only:
            found = SUITES[name](Path(tmp_name), args.rounds)
            for suite, what, r in found:
                print(f"{suite}: {what}: {h.row(r.case)} against {h.row(r.baseline)} — {r.text()}", flush=True)
            lines += found
    text = table(lines, args.rounds, load_before, h.load_average())
    print()
    print(text)
    if not args.no_write:
        README.write_text(h.replace_between_markers(README.read_text(encoding="utf-8"), "summary", text),
                          encoding="utf-8")
        print(f"\nWritten between the summary markers of {README.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
