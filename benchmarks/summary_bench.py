"""The summary of 3,321 commune reports (``cchc-plan summary``) against loading the same reports alone.

3,321 illustrative commune reports (``scripts/make_commune_reports.py``, the number of communes
nationwide from 1/7/2025) are written into a temporary folder, with the first 830 and 1,660 of
them as smaller sets. Each run is a fresh process started by a wrapper process that reports the
run's wall time and its peak RSS (``ru_maxrss`` of its only child). Runs, interleaved round by
round:

- **load**: every report read and built (:func:`cchc_plan.io.report_from_data`, the shared plan
  read once, as the summary reads it), nothing kept — the baseline;
- **summary**: ``cchc-plan summary REPORTS… -o tong-hop.docx --xlsx`` — reading, the summary,
  the .docx with its appendices and charts, the two PNG files and the workbook;
- **load_report** (smallest set only): :func:`cchc_plan.io.load_report` per file, which reads the
  plan again for every report — what the summary avoids by reading a shared plan once.

Linear growth is judged on the cost per added report between consecutive sizes: equal costs
(a ratio near 1) mean time grows linearly.

    python benchmarks/summary_bench.py [--sizes 830 1660 3321] [--repeat 1]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from _machine import machine  # benchmarks/ is the folder of these scripts

ROOT = Path(__file__).resolve().parents[1]

WRAP = """\
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "rc": done.returncode}))
"""

LOAD = """\
import sys
from pathlib import Path
from cchc_plan.io import load_plan, report_from_data
from cchc_plan.io.files import read_data
folder = Path(sys.argv[1])
plan = load_plan(folder / "ke-hoach.yaml")
for path in sorted(folder.glob("xa-*.yaml"))[: int(sys.argv[2])]:
    data, lines = read_data(path)
    report_from_data(dict(data, plan=plan), folder, str(path), lines)
"""

LOAD_REPORT = """\
import sys
from pathlib import Path
from cchc_plan.io import load_report
for path in sorted(Path(sys.argv[1]).glob("xa-*.yaml"))[: int(sys.argv[2])]:
    load_report(path)
"""


def _run(command: list[str]) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", WRAP, *command], capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(out.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"failed: {' '.join(command[:4])} …")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[830, 1660, 3321])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("make_commune_reports", ROOT / "scripts" / "make_commune_reports.py")
    assert spec is not None and spec.loader is not None
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    sizes = sorted(args.sizes)
    print(machine())
    with tempfile.TemporaryDirectory(prefix="cchc-summary-bench-") as work:
        folder = Path(work, "xa")
        paths = maker.write(sizes[-1], folder)
        best: dict[tuple[str, int], dict[str, float]] = {}

        def keep(name: str, n: int, result: dict[str, float]) -> None:
            old = best.get((name, n))
            if old is None or result["seconds"] < old["seconds"]:
                best[(name, n)] = result

        for _ in range(args.repeat):
            for n in sizes:
                keep("load", n, _run([sys.executable, "-c", LOAD, str(folder), str(n)]))
                out = Path(work, f"out-{n}", "tong-hop.docx")
                keep("summary", n, _run([sys.executable, "-c", "import sys; from cchc_plan.cli import main; "
                                         "sys.exit(main(sys.argv[1:]))", "summary",
                                         *map(str, paths[:n]), "-o", str(out), "--xlsx", "--force"]))
            keep("load_report", sizes[0], _run([sys.executable, "-c", LOAD_REPORT, str(folder), str(sizes[0])]))
    print("\n| reports | load (s) | summary (s) | ratio | per report: load | per report: summary "
          "| peak RSS load | peak RSS summary |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        load, summary = best[("load", n)], best[("summary", n)]
        print(f"| {n:,} | {load['seconds']:.1f} | {summary['seconds']:.1f} | "
              f"{summary['seconds'] / load['seconds']:.2f} | {load['seconds'] / n * 1000:.1f} ms | "
              f"{summary['seconds'] / n * 1000:.1f} ms | {load['rss_mb']:.0f} MB | {summary['rss_mb']:.0f} MB |")
    print("\nCost per added report between consecutive sizes (linear growth: equal costs):")
    for a, b in zip(sizes, sizes[1:], strict=False):
        for name in ("load", "summary"):
            cost = (best[(name, b)]["seconds"] - best[(name, a)]["seconds"]) / (b - a) * 1000
            memory = (best[(name, b)]["rss_mb"] - best[(name, a)]["rss_mb"]) / (b - a) * 1024
            print(f"  {name:8} {a:>5,} → {b:>5,}: {cost:.2f} ms and {memory:.0f} kB per added report")
    naive = best[("load_report", sizes[0])]
    print(f"\nload_report per file at {sizes[0]:,} (the plan read again for each report): "
          f"{naive['seconds']:.1f} s, {naive['seconds'] / best[('load', sizes[0])]['seconds']:.2f} × the load "
          f"baseline; peak RSS {naive['rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
