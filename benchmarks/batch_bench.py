"""A batch of 1,000 plans (``cchc-plan batch``) in one process and in two.

A units table of ``--units`` communes (name, place, number, date, signer and an overridden target)
is generated in a temporary folder; the template is ``examples/mau-xa-2027/ke-hoach.yaml``. Each
run is a fresh process (``run_batch`` called from ``python -c``), timed from outside, and its CPU
time — its own and that of its worker processes — is read with
``resource.getrusage(RUSAGE_CHILDREN)`` around it. CPU utilisation is that CPU time over the
wall time and the number of cores: 1.0 means every core busy all the time.

Runs, in this order:

- **jobs=1** into an empty folder — the baseline;
- **jobs=2** into another empty folder;
- **jobs=2 again** over the full folder: everything is up to date, so everything is skipped;
- **plain loop**: ``plan_for_unit`` + ``write_docx`` for the first ``--loop-units`` units in one
  process, no fingerprints, no skipping, no pool — what one document costs without the batch.

Because the machine may be shared, its capacity is probed in the same run, before and after the
batches: as many pure-Python busy loops as there are cores, side by side for ``--probe`` seconds,
measured the same way. Their CPU utilisation is the most any program could get at that time; the
batch's utilisation is judged against it as well as against 1.0.

Then the two ratios of the goal, interleaved over ``--rounds`` rounds (at least 10) of three fresh
processes on a table of ``--round-units`` units: **render jobs=1** (``force=True``: every document
made again), **render jobs=2** (the same, two workers) and **skip jobs=1** (every document up to date).
Each reports the seconds ``run_batch`` itself took (reading the template and the table, checking
the units, deciding and writing; not the interpreter's start-up) and the wall time of the whole
process; medians, spread (IQR / median) and the ratios of medians, in the same run:

- skipped-unit cost / rendered-unit cost = skip jobs=1 / render jobs=1 (goal ≤ 0.1);
- speed-up = render jobs=1 / render jobs=2 (goal ≥ 1.9 on an idle machine).

    python benchmarks/batch_bench.py [--units 1000] [--loop-units 200] [--rounds 10] [--round-units 100]

Goal: jobs=2 about twice as fast as jobs=1, both cores busy; a skipped unit ≤ 0.1× a rendered one.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _harness as h  # benchmarks/ is the folder of these scripts
from _machine import machine

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "examples" / "mau-xa-2027" / "ke-hoach.yaml"

RUN = """\
import json, sys
from cchc_plan.cli.batch import run_batch
r = run_batch(sys.argv[1], sys.argv[2], sys.argv[3], jobs=int(sys.argv[4]), force=sys.argv[5:] == ["force"])
print(json.dumps({"written": len(r.written), "skipped": len(r.skipped), "failed": len(r.failed),
                  "seconds": r.seconds}))
"""

LOOP = """\
import json, sys, time
from pathlib import Path
from cchc_plan.cli.batch import load_template, plan_for_unit, read_units
from cchc_plan.docx.writer import write_docx
from cchc_plan.io.template import placeholders_in
from cchc_plan.layout.plan import layout_plan
template = load_template(sys.argv[1])
units = read_units(sys.argv[2], placeholders_in(template.data))[: int(sys.argv[4])]
out = Path(sys.argv[3])
out.mkdir()
start = time.perf_counter()
for i, unit in enumerate(units):
    write_docx(layout_plan(plan_for_unit(template, unit)), out / f"{i}.docx")
print(json.dumps({"written": len(units), "skipped": 0, "failed": 0, "seconds": time.perf_counter() - start}))
"""


PROBE = """\
import sys, time
end = time.perf_counter() + float(sys.argv[1])
n = 0
while time.perf_counter() < end:
    n += 1
"""


def probe(seconds: float, cores: int) -> float:
    """CPU utilisation reached by ``cores`` busy loops side by side for ``seconds``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-c", PROBE, str(seconds)]) for _ in range(cores)]
    for p in procs:
        p.wait()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) / wall / cores


def write_units(path: Path, n: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["name", "place", "province", "number", "date", "signer", "2.1.1"])
        for i in range(1, n + 1):
            w.writerow([f"Ủy ban nhân dân xã Thử Nghiệm {i:04d}", f"Thử Nghiệm {i:04d}", "tỉnh Thử Nghiệm",
                        str(i % 90 + 1),
                        f"{i % 20 + 1:02d}/01/2027", f"Người Ký {i:04d}", f"{95 + i % 5}"])


def measured(argv: list[str]) -> dict[str, float]:
    """Run ``argv``; its result, wall time and the CPU time of it and its children."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"failed: {argv}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {**result, "wall": wall, "cpu": cpu}




def ratios(tmp: Path, units: int, rounds: int) -> list[str]:
    """The two ratios of the goal, interleaved rounds of fresh processes (see the module's docstring)."""
    table = tmp / "don-vi-rounds.csv"
    write_units(table, units)
    py = sys.executable
    cases = {
        "render jobs=1": [py, "-c", RUN, str(TEMPLATE), str(table), str(tmp / "r1"), "1", "force"],
        "render jobs=2": [py, "-c", RUN, str(TEMPLATE), str(table), str(tmp / "r2"), "2", "force"],
        "skip jobs=1": [py, "-c", RUN, str(TEMPLATE), str(table), str(tmp / "r1"), "1"],
    }
    inner: dict[str, list[float]] = {name: [] for name in cases}
    wall: dict[str, list[float]] = {name: [] for name in cases}
    for round_ in range(rounds + 1):  # the first round is a warm-up (and fills the folders)
        for name, argv in cases.items():
            r = measured(argv)
            expected = ("skipped" if name.startswith("skip") else "written")
            assert r[expected] == units and r["failed"] == 0, (name, r)
            if round_:
                inner[name].append(r["seconds"])
                wall[name].append(r["wall"])
    s_in = {name: h.Sample(name, tuple(v)) for name, v in inner.items()}
    s_wall = {name: h.Sample(name, tuple(v)) for name, v in wall.items()}
    lines = [f"Interleaved: {rounds} rounds of {units} units, each run a fresh process; load average "
             f"{h.load_average()} after", "",
             "| case | run_batch seconds (median, spread) | ms per unit | whole process |", "|---|---:|---:|---:|"]
    for name in cases:
        lines.append(f"| {name} | {s_in[name].median:.2f} s ({s_in[name].spread * 100:.0f} %) | "
                     f"{s_in[name].median / units * 1000:.1f} | {s_wall[name].median:.2f} s "
                     f"({s_wall[name].spread * 100:.0f} %) |")
    skip = h.ratio(s_in["skip jobs=1"], s_in["render jobs=1"])
    skip_wall = h.ratio(s_wall["skip jobs=1"], s_wall["render jobs=1"])
    lines += ["", f"Skipped-unit cost / rendered-unit cost (run_batch): {skip.text()} — goal ≤ 0.1: "
              f"{'met' if skip.value is not None and skip.value <= 0.1 else 'NOT met'}; whole process "
              f"(start-up of {units} units' run included): {skip_wall.text()}"]
    # speed-up: jobs=1 over jobs=2, i.e. the inverse ratio, with jobs=2 as the baseline of the division
    up = h.ratio(s_in["render jobs=1"], s_in["render jobs=2"])
    up_wall = h.ratio(s_wall["render jobs=1"], s_wall["render jobs=2"])
    lines.append(f"Speed-up jobs=2 / jobs=1 (run_batch): {up.text()} — goal ≥ 1.9 on an idle machine: "
                 f"{'met' if up.value is not None and up.value >= 1.9 else 'NOT met'}; whole process: "
                 f"{up_wall.text()}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--loop-units", type=int, default=200)
    parser.add_argument("--probe", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=h.MIN_ROUNDS)
    parser.add_argument("--round-units", type=int, default=100)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    capacity_before = probe(args.probe, cores)

    print(f"Machine: {machine()} (before)")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        units = tmp / "don-vi.csv"
        write_units(units, args.units)
        py = sys.executable
        runs = {
            "jobs=1": measured([py, "-c", RUN, str(TEMPLATE), str(units), str(tmp / "j1"), "1"]),
            "jobs=2": measured([py, "-c", RUN, str(TEMPLATE), str(units), str(tmp / "j2"), "2"]),
            "jobs=2, all up to date (skipped)": measured(
                [py, "-c", RUN, str(TEMPLATE), str(units), str(tmp / "j2"), "2"]),
            f"plain loop, {args.loop_units} units, no batch": measured(
                [py, "-c", LOOP, str(TEMPLATE), str(units), str(tmp / "loop"), str(args.loop_units)]),
        }
        count = len(list((tmp / "j2").glob("*.docx")))
        assert count == args.units, count
        interleaved = ratios(tmp, args.round_units, args.rounds) if args.rounds else []
    capacity_after = probe(args.probe, cores)
    print(f"Machine: {machine()} (after)")
    print(f"{args.units} units; template {TEMPLATE.relative_to(ROOT)}; wall time of the whole process "
          f"(start-up included)")
    print()
    print("| run | written | skipped | wall | plans/s | ms per plan | CPU (user+sys) | CPU utilisation "
          f"({cores} cores) | speed-up vs jobs=1 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    base = runs["jobs=1"]["wall"]
    for name, r in runs.items():
        n = r["written"] + r["skipped"]
        speedup = f"{base / r['wall']:.2f}" if name == "jobs=2" or name == "jobs=1" else ""
        print(f"| {name} | {r['written']:.0f} | {r['skipped']:.0f} | {r['wall']:.1f} s | {n / r['wall']:.1f} | "
              f"{r['wall'] / n * 1000:.1f} | {r['cpu']:.1f} s | {r['cpu'] / r['wall'] / cores:.2f} | {speedup} |")
    one, two = runs["jobs=1"], runs["jobs=2"]
    speedup = one["wall"] / two["wall"]
    print()
    print(f"Speed-up jobs=2 / jobs=1: {speedup:.2f} (goal about 2 on 2 free cores, ≥ 1.6 counted as met) — "
          f"{'met' if speedup >= 1.6 else 'NOT met'}")
    util = two["cpu"] / two["wall"] / cores
    capacity = (capacity_before + capacity_after) / 2
    print(f"Machine capacity ({cores} busy loops side by side, {args.probe:.0f} s): utilisation "
          f"{capacity_before:.2f} before, {capacity_after:.2f} after the batches")
    print(f"CPU utilisation with jobs=2: {util:.2f} of {cores} cores (goal: both busy, ≥ 0.8) — "
          f"{'met' if util >= 0.8 else 'NOT met'}; {util / capacity:.2f} of what the busy loops got")
    loop = runs[f"plain loop, {args.loop_units} units, no batch"]
    print(f"jobs=1 per plan vs the plain loop per plan: "
          f"{(one['wall'] / args.units) / (loop['wall'] / args.loop_units):.2f}")
    if interleaved:
        print()
        print("\n".join(interleaved))
    return 0


if __name__ == "__main__":
    sys.exit(main())
