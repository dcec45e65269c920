"""How fast ``import_docx`` reads a Word plan, against python-docx merely reading it, and how it scales.

1. **Seed-size plan**: the Lộc Bình plan typed as an office would (``tests/office_fixtures.py``:
   Word numbering, a header table, split runs, a tracked change, merged appendix cells — 27 items,
   34 outputs). Timed in CPU time of the process (the machine is shared with other jobs, so wall
   time swings by a factor of two), best and median of ``--repeat`` runs, from the bytes in memory:

   - **baseline**: python-docx opening the file and reading the text of every paragraph and of
     every cell of every table (``doc.paragraphs``, ``table.rows`` → ``row.cells`` → ``cell.text``);
   - **import_docx**: the whole import — reading, recognising every part, building and
     validating the plan, the review list.

2. **Appendix size**: plans rendered by cchc_plan with appendices of 500 to 5,000 table rows
   (the seed's tasks repeated, as in ``scaling_bench.py``), imported. The *marginal* time per row
   subtracts the import of the same plan with a one-item appendix; the import is linear when it
   stays within 25 % across the sizes.

    python benchmarks/import_bench.py [--sizes 500 1000 2500 5000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import gc
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import docx  # noqa: E402

from _machine import machine  # noqa: E402
from cchc_plan.docx.writer import write_docx  # noqa: E402
from cchc_plan.io import load_plan, plan_to_data  # noqa: E402
from cchc_plan.io.importer import import_docx  # noqa: E402
from cchc_plan.layout.plan import layout_plan  # noqa: E402
from office_fixtures import office_docx  # noqa: E402
from scaling_bench import plan_with_rows  # noqa: E402

EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
FLAT = 0.25


def python_docx_read(data: bytes) -> int:
    """The baseline: open with python-docx, read every paragraph's and every cell's text."""
    d = docx.Document(io.BytesIO(data))
    total = sum(len(p.text) for p in d.paragraphs)
    for table in d.tables:
        for row in table.rows:
            total += sum(len(cell.text) for cell in row.cells)
    return total


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best and median CPU time of ``run`` (process time: the machine is shared, wall time is not steady)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times), statistics.median(times)


def rendered(rows: int, base: dict) -> bytes:
    plan = plan_with_rows(base, rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.docx"
        write_docx(layout_plan(plan), path)
        return path.read_bytes()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2500, 5000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        data = office_docx(Path(tmp) / "ke-hoach.docx").read_bytes()
    import_docx(data)  # imports and caches warmed
    base_best, base_median = timed(lambda: python_docx_read(data), args.repeat)
    imp_best, imp_median = timed(lambda: import_docx(data), args.repeat)
    print(f"\nSeed-size plan ({len(data):,} bytes), best / median of {args.repeat}:")
    print(f"  python-docx reading paragraphs and cells: {base_best * 1000:7.1f} / {base_median * 1000:7.1f} ms")
    print(f"  import_docx (whole import):               {imp_best * 1000:7.1f} / {imp_median * 1000:7.1f} ms")
    print(f"  ratio import / baseline (best): {imp_best / base_best:.2f}")

    base = plan_to_data(load_plan(EXAMPLE))
    blobs = {3: rendered(3, base)}  # the header, a group row and one output
    blobs |= {rows: rendered(rows, base) for rows in args.sizes}
    best: dict[tuple[str, int], float] = {}
    for _ in range(args.repeat):  # round robin over the sizes: a busy moment of the machine hits all alike
        for rows, blob in blobs.items():
            for name, run in (("python-docx", python_docx_read), ("import", import_docx)):
                gc.collect()
                t, _ = timed(lambda run=run, blob=blob: run(blob), 1)
                best[(name, rows)] = min(best.get((name, rows), t), t)
    print(f"\nAppendix size (rows of the table), CPU time, best of {args.repeat} (round robin)")
    print(f"  {'rows':>6} {'python-docx':>12} {'import_docx':>12} {'ratio':>6} {'marginal/row':>13}")
    marginals = []
    for rows in args.sizes:
        b, i = best[("python-docx", rows)], best[("import", rows)]
        marginal = (i - best[("import", 3)]) / (rows - 3)
        marginals.append(marginal)
        print(f"  {rows:>6} {b:>10.3f} s {i:>10.3f} s {i / b:>6.2f} {marginal * 1e6:>10.1f} µs")
    spread = max(marginals) / min(marginals) - 1
    verdict = "linear" if spread <= FLAT else "NOT linear"
    print(f"  marginal time per row varies by {spread:.0%} across sizes: {verdict} (limit {FLAT:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
