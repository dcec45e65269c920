"""Time and peak memory of ``cchc-plan stats`` over big generated exports of dossiers.

For each size (100,000 and 1,000,000 dossiers by default) the script writes an
illustrative CSV with ``scripts/make_dossiers.py`` into a temporary folder, then
runs, each in a fresh process:

- the baseline: a plain ``csv.reader`` loop that only reads every row of the file;
- the command: ``cchc-plan stats FILE --from 15/12/2022 --to 14/12/2023``.

Each run is measured from outside (wall time, including the interpreter's
start) by a small wrapper process whose only child is the run, so the
wrapper's ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` is the run's peak memory.
The best time and the highest peak of ``--repeat`` runs are shown.

    python benchmarks/stats_bench.py [--sizes 100000 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _machine import machine  # benchmarks/ is the folder of these scripts

ROOT = Path(__file__).resolve().parents[1]
MAKE = ROOT / "scripts" / "make_dossiers.py"

WRAPPER = """\
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
if done.returncode:
    sys.stderr.write(done.stderr.decode("utf-8", "replace"))
    sys.exit(done.returncode)
print(json.dumps({"seconds": seconds, "maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""

BASELINE = """\
import csv, sys
rows = 0
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    for row in csv.reader(f):
        rows += 1
print(rows)
"""

# ``cchc-plan stats`` through cli.main when it knows the command, else through stats_cli directly.
STATS = """\
import argparse, sys
from cchc_plan.cli import app as cli
from cchc_plan.cli import stats as stats_cli
argv = ["stats", *sys.argv[1:]]
known = any(isinstance(a, argparse._SubParsersAction) and "stats" in a.choices for a in cli._parser()._actions)
if known:
    sys.exit(cli.main(argv))
parser = argparse.ArgumentParser(prog="cchc-plan")
stats_cli.add_parser(parser.add_subparsers(dest="command"))
args = parser.parse_args(argv)
sys.exit(args.run(args))
"""

WINDOW = ["--from", "15/12/2022", "--to", "14/12/2023"]


def measure(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (kB) of one run of ``command`` in a fresh process."""
    done = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr}")
    result = json.loads(done.stdout)
    return float(result["seconds"]), int(result["maxrss_kb"])


def best(command: list[str], env: dict[str, str], repeat: int) -> tuple[float, int]:
    runs = [measure(command, env) for _ in range(repeat)]
    return min(s for s, _ in runs), max(m for _, m in runs)




def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"),
                                                                      os.environ.get("PYTHONPATH")]))}
    print(machine())
    lines = ["| dossiers in file | csv.reader only | cchc-plan stats | stats rows/s | ratio to baseline "
             "| peak RSS csv.reader | peak RSS stats |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"ho-so-{size}.csv"
            subprocess.run([sys.executable, str(MAKE), "--rows", str(size), "--out", str(path)], check=True,
                           capture_output=True)
            with open(path, "rb") as f:
                rows = sum(1 for _ in f) - 1
            base_s, base_kb = best([sys.executable, "-c", BASELINE, str(path)], env, args.repeat)
            stats_s, stats_kb = best([sys.executable, "-c", STATS, str(path), *WINDOW], env, args.repeat)
            lines.append(f"| {rows:,} ({path.stat().st_size / 1e6:.0f} MB) | {base_s:.2f} s | {stats_s:.2f} s "
                         f"| {rows / stats_s:,.0f} | {stats_s / base_s:.2f} | {base_kb / 1024:.1f} MB "
                         f"| {stats_kb / 1024:.1f} MB |")
            print(lines[-1], flush=True)
    print()
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
