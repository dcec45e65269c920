"""``check`` against a bare lxml parse of the same document, at several sizes.

Documents are the Lộc Bình plan with its appendix grown to about 100, 1,000 and 5,000 table rows
(as ``scaling_bench.py`` builds them), rendered once to bytes before the clock starts. For each
size, interleaved over ``--rounds`` rounds (``_harness.interleave``):

- **baseline**: ``lxml.etree.fromstring`` of the document's ``word/document.xml`` (read from the
  zip each time, as ``check`` must);
- **check**: ``cchc_plan.checker.check_docx`` of the same bytes.

Linear means the time of ``check`` per table row stays about the same from size to size.

    python benchmarks/check_bench.py [--sizes 100 1000 5000] [--rounds 10]
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from pathlib import Path

import _harness as h  # benchmarks/ is the folder of these scripts

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
SIZES = (100, 1000, 5000)


def documents(sizes: tuple[int, ...]) -> dict[int, tuple[bytes, int]]:
    """Size asked → (.docx bytes, table rows it has)."""
    from scaling_bench import plan_with_rows, table_of

    from cchc_plan.docx.writer import write_docx
    from cchc_plan.io import load_plan, plan_to_data
    from cchc_plan.layout.plan import layout_plan

    base = plan_to_data(load_plan(EXAMPLE))
    out = {}
    for size in sizes:
        plan = plan_with_rows(base, size)
        out[size] = (write_docx(layout_plan(plan)), len(table_of(plan)[1]))
    return out


def measure(rounds: int, sizes: tuple[int, ...] = SIZES) -> list[tuple[str, h.Ratio]]:
    from lxml import etree

    from cchc_plan.checker import check_docx

    def parse(data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            etree.fromstring(z.read("word/document.xml"))

    lines = []
    for data, rows in documents(sizes).values():
        samples = h.interleave({
            "lxml parse": lambda data=data: parse(data),
            "check": lambda data=data: check_docx(data),
        }, rounds)
        lines.append((f"`check_docx` vs bare lxml parse of document.xml, {rows:,} table rows "
                      f"({len(data) // 1024:,} KiB zipped); check per row "
                      f"{samples['check'].median / rows * 1e6:.0f} µs",
                      h.ratio(samples["check"], samples["lxml parse"])))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--rounds", type=int, default=h.MIN_ROUNDS)
    args = parser.parse_args()
    print(h.environment())
    for what, r in measure(args.rounds, tuple(args.sizes)):
        print(f"{what}: {h.row(r.case)} against {h.row(r.baseline)} — {r.text()}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
