"""cchc_plan against docxtpl, from the seed's size to 50,000 appendix rows: time and peak memory.

For each size, the Lộc Bình plan is given an appendix of that many table rows (its 27 tasks
repeated, ``scaling_bench.plan_with_rows``), and two ways make the same document:

- **cchc_plan**: ``write_docx(layout_plan(plan))`` — the ND30 layout, the .docx bytes;
- **docxtpl**: a template made with python-docx (a paragraph loop and a table-row loop in Jinja
  tags, ``render_bench.make_docxtpl_template``) rendered with the same texts, saved to memory.

Each measurement is a fresh process that builds its input first (not timed), resets its peak
memory mark (``/proc/self/clear_refs``), then renders once: the time of the render, and its peak
resident memory over what the process held before it (``VmHWM`` − ``VmRSS``). The processes of
the two ways alternate round by round. Memory per row is the peak over the number of rows.

    python benchmarks/docxtpl_bench.py [--sizes 27 1000 10000 50000] [--rounds 10]

Goals: faster than docxtpl at every size (≤ 0.8 × at the seed's size); peak memory ≤ docxtpl's at
every size and ≤ 8 KiB per appendix row.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _harness as h  # benchmarks/ is the folder of these scripts

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
SIZES = (27, 1_000, 10_000, 50_000)


def _status(key: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])  # KiB
    raise KeyError(key)


def child(way: str, rows: int, template: str) -> None:
    """One measurement, printed as JSON: seconds, peak KiB over the start, rows, output bytes."""
    sys.path.insert(0, str(ROOT / "src"))
    from render_bench import docxtpl_render, texts_of  # noqa: F401
    from scaling_bench import plan_with_rows

    from cchc_plan.docx.writer import write_docx
    from cchc_plan.io import load_plan, plan_to_data
    from cchc_plan.layout.plan import layout_plan

    plan = plan_with_rows(plan_to_data(load_plan(EXAMPLE)), rows)
    if way == "docxtpl":
        from docxtpl import DocxTemplate

        data = texts_of(layout_plan(plan))
        table_rows = len(data["rows"])  # type: ignore[arg-type]
    else:
        table_rows = rows
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # the peak mark back to the present
    before = _status("VmRSS")
    start = time.perf_counter()
    if way == "docxtpl":
        tpl = DocxTemplate(template)
        tpl.render(data, autoescape=True)
        out = io.BytesIO()
        tpl.save(out)
        size = len(out.getvalue())
    else:
        size = len(write_docx(layout_plan(plan)))
    seconds = time.perf_counter() - start
    peak = _status("VmHWM") - before
    print(json.dumps({"seconds": seconds, "peak_kib": peak, "rows": table_rows, "bytes": size}))


def _run(way: str, rows: int, template: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, "--child", way, str(rows), str(template)],
                          capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{way} {rows}: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def measure(rounds: int, sizes: tuple[int, ...] = SIZES) -> list[tuple[str, str, h.Ratio]]:
    """(suite, what, ratio) for each size: cchc_plan's render time over docxtpl's, with both peaks."""
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(HERE))
    from render_bench import make_docxtpl_template

    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "template.docx"
        make_docxtpl_template(template, 7)
        for rows in sizes:
            times: dict[str, list[float]] = {"cchc_plan": [], "docxtpl": []}
            peaks: dict[str, list[float]] = {"cchc_plan": [], "docxtpl": []}
            for _ in range(rounds):
                for way in times:
                    got = _run(way, rows, template)
                    times[way].append(got["seconds"])
                    peaks[way].append(got["peak_kib"])
            ours = h.Sample("cchc_plan", tuple(times["cchc_plan"]))
            theirs = h.Sample("docxtpl", tuple(times["docxtpl"]))
            peak_ours = sorted(peaks["cchc_plan"])[len(peaks["cchc_plan"]) // 2]
            peak_theirs = sorted(peaks["docxtpl"])[len(peaks["docxtpl"]) // 2]
            what = (f"`write_docx(layout_plan)` vs docxtpl, same texts, {rows:,} appendix rows; peak memory "
                    f"{peak_ours / 1024:.1f} MiB vs {peak_theirs / 1024:.1f} MiB "
                    f"({peak_ours / rows:.1f} KiB vs {peak_theirs / rows:.1f} KiB per row)")
            lines.append(("docxtpl", what, h.ratio(ours, theirs)))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--rounds", type=int, default=h.MIN_ROUNDS)
    parser.add_argument("--child", nargs=3, metavar=("WAY", "ROWS", "TEMPLATE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.child[2])
        return 0
    print(h.environment(), flush=True)
    for suite, what, r in measure(args.rounds, tuple(args.sizes)):
        print(f"{suite}: {what}: {h.row(r.case)} against {h.row(r.baseline)} — {r.text()}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
