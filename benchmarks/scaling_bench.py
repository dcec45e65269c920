"""How rendering scales with the size of the appendix: 100, 1,000 and 10,000 table rows.

Plans are built in memory from the Lộc Bình plan (its body kept) with an appendix made by
repeating its 27 tasks (renumbered, spread over its 7 groups) until the table has the wanted
number of rows. For each size the script times, best and median of ``--repeat`` runs:

- **cchc_plan**: ``write_docx(layout_plan(plan))`` — the .docx bytes, nothing written to disk;
- **floor**: plain python-docx writing the same table (same rows, 7 cells each, same texts) and
  the same body paragraphs as text, saved to memory — the baseline, in the same run.

Time per row is the total over the rows; the *marginal* time per row subtracts the time of the
same plan with a one-row appendix, so the fixed cost of the body does not hide the trend. The
renderer is linear when its marginal time per row stays within 20 % across the sizes.

    python benchmarks/scaling_bench.py [--sizes 100 1000 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import copy
import io
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import docx  # noqa: E402

from cchc_plan.docx.writer import write_docx  # noqa: E402
from cchc_plan.io import load_plan, plan_from_data, plan_to_data  # noqa: E402
from cchc_plan.layout import Heading, Table  # noqa: E402
from cchc_plan.model import Plan  # noqa: E402
from cchc_plan.layout.plan import layout_plan  # noqa: E402

EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
FLAT = 0.20


def plan_with_rows(base: dict[str, Any], rows: int) -> Plan:
    """The base plan with an appendix of about ``rows`` table rows (header and group rows included)."""
    data = copy.deepcopy(base)
    groups = data["appendix"]["groups"]
    pool = [(g, item) for g, group in enumerate(groups) for item in group["items"]]
    new_groups = [dict(group, items=[]) for group in groups]
    count, n, k = 1, 0, 0  # the header row
    used: set[int] = set()
    while count < rows:
        g, item = pool[k % len(pool)]
        k += 1
        need = len(item["outputs"]) + (0 if g in used else 1)
        if count + need > rows and count > 1:
            if need == 1 or rows - count < 1:
                break
            continue
        n += 1
        used.add(g)
        new_groups[g]["items"].append(dict(copy.deepcopy(item), number=n))
        count += need
    data["appendix"]["groups"] = [group for group in new_groups if group["items"]]
    return plan_from_data(data)


def table_of(plan: Plan) -> tuple[list[str], list[list[str]]]:
    d = layout_plan(plan)
    body = [f"{b.label} {b.text}" if isinstance(b, Heading) else b.text for b in d.body]  # type: ignore[union-attr]
    table = d.appendices[0].body[0]
    assert isinstance(table, Table)
    width = len(table.columns)
    rows = [["\n".join(c.lines) for c in r.cells] for r in table.rows]
    return body, [r + [""] * (width - len(r)) for r in rows]


def floor(body: list[str], rows: list[list[str]]) -> bytes:
    d = docx.Document()
    for text in body:
        d.add_paragraph(text)
    d.add_section()
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def ours(plan: Plan) -> bytes:
    return write_docx(layout_plan(plan))


def timed(fn: Any, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    base = plan_to_data(load_plan(EXAMPLE))
    one = plan_with_rows(base, 3)  # header, one group, one row
    body1, rows1 = table_of(one)
    ours(one), floor(body1, rows1)  # warm-up
    t_one = statistics.median(timed(lambda: ours(one), max(5, args.repeat)))
    f_one = statistics.median(timed(lambda: floor(body1, rows1), max(5, args.repeat)))
    print(f"Base: the plan with a {len(rows1)}-row appendix: cchc_plan {t_one * 1000:.0f} ms, "
          f"floor {f_one * 1000:.0f} ms")
    print()
    print("| table rows | cchc_plan median | floor median | ratio to floor | cchc_plan per row | "
          "cchc_plan marginal per row | floor marginal per row |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    marginals = []
    points: list[tuple[int, float]] = []
    for size in args.sizes:
        plan = plan_with_rows(base, size)
        body, rows = table_of(plan)
        # Small tables are quick and noisy: time them more often.
        repeat = max(args.repeat, 30) if size <= 100 else max(args.repeat, 10) if size <= 1000 else args.repeat
        t = statistics.median(timed(lambda plan=plan: ours(plan), repeat))
        f = statistics.median(timed(lambda body=body, rows=rows: floor(body, rows), repeat))
        marginal = (t - t_one) / (len(rows) - len(rows1))
        f_marginal = (f - f_one) / (len(rows) - len(rows1))
        marginals.append(marginal)
        points.append((len(rows), t))
        print(f"| {len(rows):,} | {t:.2f} s | {f:.2f} s | {t / f:.2f} | {t / len(rows) * 1000:.2f} ms | "
              f"{marginal * 1000:.2f} ms | {f_marginal * 1000:.2f} ms |", flush=True)
    # Linear means a constant cost per added row: the slope between consecutive sizes.
    slopes = [(t2 - t1) / (n2 - n1) for (n1, t1), (n2, t2) in zip(points, points[1:], strict=False)]
    print()
    for (n1, _), (n2, _), slope in zip(points, points[1:], slopes, strict=False):
        print(f"Cost per added row from {n1:,} to {n2:,} rows: {slope * 1000:.3f} ms")
    spread = max(slopes) / min(slopes) - 1 if len(slopes) > 1 else 0.0
    print(f"The cost per added row varies by {spread * 100:.0f} % across the sizes "
          f"(goal: flat within {FLAT * 100:.0f} %, i.e. linear) — {'met' if spread <= FLAT else 'NOT met'}")
    base_spread = max(marginals) / min(marginals) - 1
    print(f"(Per row over the 3-row base, the noisier measure: varies by {base_spread * 100:.0f} %.)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
