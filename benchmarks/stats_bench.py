"""Time and peak memory of ``cchc-plan stats`` over big generated exports, against polars, DuckDB and pandas.

For each size (100,000 and 1,000,000 dossiers by default) the script writes an
illustrative CSV with ``scripts/make_dossiers.py`` into a temporary folder, then
runs, each in a fresh process, interleaved round after round (``--rounds``, at least 10):

- **csv.reader**: a plain ``csv.reader`` loop that only reads every row of the file;
- **stats**: ``cchc-plan stats FILE --from 15/12/2022 --to 14/12/2023``;
- **polars**, **duckdb**, **pandas** (each when installed): a script that computes the same
  counters as ``stats`` from the same file — per field: carried over, online, in person, post,
  early, on time, late, pending in time, pending overdue, returned, apology letters — with the
  same classification (:mod:`cchc_plan.io.dossiers`): received after the end or closed before the
  start not counted, received before the start carried over, returned / resolved / pending by
  the finished date against the end and the due date.

The peers only count: they do none of the checks ``stats`` makes on every row (dates that do not
exist, a finished date before the received date, unknown channels and statuses, damaged CSV
records, each reported with its line), they match values exactly (no NFC, no case folding) and
they read the file with their own multi-threaded readers (2 cores here); ``stats`` is one thread.
Before timing, the counters of every peer are compared with those of ``compute_stats`` on the
file: a peer that disagrees is reported and left out.

Each run is measured from outside (wall time, including the interpreter's start and imports) by
a small wrapper process whose only child is the run, so the wrapper's
``getrusage(RUSAGE_CHILDREN).ru_maxrss`` is the run's peak memory. Medians, spread (IQR / median)
and ratios of medians are of the same run (``benchmarks/_harness.py``); peak RSS is the highest.

    python benchmarks/stats_bench.py [--sizes 100000 1000000] [--rounds 10] [--engines polars duckdb pandas]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import _harness as h  # benchmarks/ is the folder of these scripts

ROOT = Path(__file__).resolve().parents[1]
MAKE = ROOT / "scripts" / "make_dossiers.py"

WRAPPER = """\
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
if done.returncode:
    sys.stderr.write(done.stderr.decode("utf-8", "replace"))
    sys.exit(done.returncode)
print(json.dumps({"seconds": seconds, "maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "out": done.stdout.decode("utf-8", "replace")}))
"""

BASELINE = """\
import csv, sys
rows = 0
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    for row in csv.reader(f):
        rows += 1
print(rows)
"""

STATS = """\
import sys
from cchc_plan.cli import app as cli
sys.exit(cli.main(["stats", *sys.argv[1:]]))
"""

# The counters of compute_stats, per field, as the peers print them.
REFERENCE = """\
import datetime as dt, json, sys
from cchc_plan.io.dossiers import compute_stats
r = compute_stats(sys.argv[1], dt.date(2022, 12, 15), dt.date(2023, 12, 14))
slots = ("carried_over", "online", "in_person", "post", "early", "on_time", "late", "pending_in_time",
         "pending_overdue", "returned", "apologies")
print(json.dumps({f.field: [getattr(f, s) for s in slots] for f in r.figures.fields}, ensure_ascii=False))
"""

# Values of the default mapping (src/cchc_plan/data/mappings/default.yaml) as the generated file writes them.
_COMMON = """\
import datetime as dt, json, sys
START, END = dt.date(2022, 12, 15), dt.date(2023, 12, 14)
ONLINE, IN_PERSON, POST = ["Trực tuyến"], ["Trực tiếp"], ["Bưu chính công ích", "BCCI"]
RETURNED = ["Trả lại", "Rút hồ sơ"]
YES = ["x", "có", "1", "yes", "true"]
SLOTS = ("carried_over", "online", "in_person", "post", "early", "on_time", "late", "pending_in_time",
         "pending_overdue", "returned", "apologies")
"""

POLARS = _COMMON + """\
import polars as pl
def day(c):
    return pl.col(c).str.slice(0, 10).str.strptime(pl.Date, "%d/%m/%Y", strict=False)
rec, due, fin = pl.col("rec"), pl.col("due"), pl.col("fin")
q = (pl.scan_csv(sys.argv[1], infer_schema=False)
     .select(field=pl.col("Lĩnh vực"), rec=day("Ngày tiếp nhận"), due=day("Ngày hẹn trả"),
             fin=day("Ngày trả kết quả"), ch=pl.col("Kênh nộp"), st=pl.col("Trạng thái"),
             ap=pl.col("Thư xin lỗi").fill_null("").str.to_lowercase())
     .filter((rec <= END) & ~((rec < START) & fin.is_not_null() & (fin < START)))
     .with_columns(
         slot=pl.when(rec < START).then(pl.lit("carried_over"))
         .when(pl.col("ch").is_in(ONLINE)).then(pl.lit("online"))
         .when(pl.col("ch").is_in(IN_PERSON)).then(pl.lit("in_person"))
         .when(pl.col("ch").is_in(POST)).then(pl.lit("post")),
         bucket=pl.when(pl.col("st").is_in(RETURNED) & (fin.is_null() | (fin <= END))).then(pl.lit("returned"))
         .when(fin.is_not_null() & (fin <= END)).then(
             pl.when(fin < due).then(pl.lit("early")).when(fin == due).then(pl.lit("on_time"))
             .otherwise(pl.lit("late")))
         .when(due >= END).then(pl.lit("pending_in_time")).otherwise(pl.lit("pending_overdue")),
         apology=pl.col("ap").is_in(YES).cast(pl.Int64)))
df = q.collect()
out = {}
for name in ("slot", "bucket"):
    for f, v, n in df.group_by("field", name).len().iter_rows():
        out.setdefault(f, dict.fromkeys(SLOTS, 0))[v] = n
for f, n in df.group_by("field").agg(pl.col("apology").sum()).iter_rows():
    out[f]["apologies"] = n
print(json.dumps({f: [c[s] for s in SLOTS] for f, c in out.items()}, ensure_ascii=False))
"""

DUCKDB = _COMMON + """\
import duckdb
def lst(values):
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"
sql = f'''
WITH t AS (
  SELECT "Lĩnh vực" AS field,
         CAST(strptime(substr("Ngày tiếp nhận", 1, 10), '%d/%m/%Y') AS DATE) AS rec,
         CAST(strptime(substr("Ngày hẹn trả", 1, 10), '%d/%m/%Y') AS DATE) AS due,
         CAST(try_strptime(substr("Ngày trả kết quả", 1, 10), '%d/%m/%Y') AS DATE) AS fin,
         "Kênh nộp" AS ch, "Trạng thái" AS st, lower(coalesce("Thư xin lỗi", '')) AS ap
  FROM read_csv(?, all_varchar = true, header = true)
), c AS (
  SELECT field,
    CASE WHEN rec < DATE '{START}' THEN 'carried_over' WHEN ch IN {lst(ONLINE)} THEN 'online'
         WHEN ch IN {lst(IN_PERSON)} THEN 'in_person' WHEN ch IN {lst(POST)} THEN 'post' END AS slot,
    CASE WHEN st IN {lst(RETURNED)} AND (fin IS NULL OR fin <= DATE '{END}') THEN 'returned'
         WHEN fin IS NOT NULL AND fin <= DATE '{END}' THEN
           CASE WHEN fin < due THEN 'early' WHEN fin = due THEN 'on_time' ELSE 'late' END
         WHEN due >= DATE '{END}' THEN 'pending_in_time' ELSE 'pending_overdue' END AS bucket,
    CASE WHEN ap IN {lst(YES)} THEN 1 ELSE 0 END AS apology
  FROM t
  WHERE rec <= DATE '{END}' AND NOT (rec < DATE '{START}' AND fin IS NOT NULL AND fin < DATE '{START}')
)
SELECT field, 'slot', slot, count(*) FROM c GROUP BY field, slot
UNION ALL SELECT field, 'bucket', bucket, count(*) FROM c GROUP BY field, bucket
UNION ALL SELECT field, 'apology', 'apologies', sum(apology) FROM c GROUP BY field
'''
duckdb.execute("SET enable_progress_bar = false")
out = {}
for f, _, v, n in duckdb.execute(sql, [sys.argv[1]]).fetchall():
    out.setdefault(f, dict.fromkeys(SLOTS, 0))[v] = int(n)
print(json.dumps({f: [c[s] for s in SLOTS] for f, c in out.items()}, ensure_ascii=False))
"""

PANDAS = _COMMON + """\
import numpy as np, pandas as pd
cols = ["Lĩnh vực", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày trả kết quả", "Kênh nộp", "Trạng thái", "Thư xin lỗi"]
df = pd.read_csv(sys.argv[1], usecols=cols, dtype=str, keep_default_na=False, encoding="utf-8-sig")
def day(c):
    return pd.to_datetime(df[c].str.slice(0, 10), format="%d/%m/%Y", errors="coerce")
rec, due, fin = day("Ngày tiếp nhận"), day("Ngày hẹn trả"), day("Ngày trả kết quả")
start, end = pd.Timestamp(START), pd.Timestamp(END)
keep = (rec <= end) & ~((rec < start) & fin.notna() & (fin < start))
df, rec, due, fin = df[keep], rec[keep], due[keep], fin[keep]
ch, st = df["Kênh nộp"], df["Trạng thái"]
slot = np.select([rec < start, ch.isin(ONLINE), ch.isin(IN_PERSON), ch.isin(POST)],
                 ["carried_over", "online", "in_person", "post"], default="")
done = fin.notna() & (fin <= end)
bucket = np.select([st.isin(RETURNED) & (fin.isna() | (fin <= end)), done & (fin < due), done & (fin == due), done,
                    due >= end], ["returned", "early", "on_time", "late", "pending_in_time"], default="pending_overdue")
frame = pd.DataFrame({"field": df["Lĩnh vực"].to_numpy(), "slot": slot, "bucket": bucket,
                      "apology": df["Thư xin lỗi"].str.lower().isin(YES).astype(int).to_numpy()})
out = {}
for name in ("slot", "bucket"):
    for (f, v), n in frame.groupby(["field", name]).size().items():
        out.setdefault(f, dict.fromkeys(SLOTS, 0))[v] = int(n)
for f, n in frame.groupby("field")["apology"].sum().items():
    out[f]["apologies"] = int(n)
print(json.dumps({f: [c[s] for s in SLOTS] for f, c in out.items()}, ensure_ascii=False))
"""

PEERS = {"polars": POLARS, "duckdb": DUCKDB, "pandas": PANDAS}
WINDOW = ["--from", "15/12/2022", "--to", "14/12/2023"]


def counters(command: list[str], env: dict[str, str]) -> object:
    """The counters a script prints (its last line, JSON)."""
    return json.loads(str(run(command, env)["out"]).strip().splitlines()[-1])


def run(command: list[str], env: dict[str, str]) -> dict[str, object]:
    """Wall seconds, peak RSS (kB) and output of one run of ``command`` in a fresh process."""
    done = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)[:200]}\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--rounds", type=int, default=h.MIN_ROUNDS)
    parser.add_argument("--engines", nargs="*", default=list(PEERS))
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"),
                                                                      os.environ.get("PYTHONPATH")]))}
    peers = [p for p in args.engines if importlib.util.find_spec(p) is not None]
    missing = [p for p in args.engines if p not in peers]
    print(h.environment())
    if missing:
        print(f"Not installed, left out: {', '.join(missing)}")
    versions = {p: __import__(p).__version__ for p in peers}
    print("Peers: " + (", ".join(f"{p} {v}" for p, v in versions.items()) or "none"))
    table = ["| dossiers in file | case | median (spread) | ratio to stats | stats / case | peak RSS |",
             "|---:|---|---:|---:|---:|---:|"]
    verdicts: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"ho-so-{size}.csv"
            subprocess.run([sys.executable, str(MAKE), "--rows", str(size), "--out", str(path)], check=True,
                           capture_output=True)
            with open(path, "rb") as f:
                rows = sum(1 for _ in f) - 1
            reference = counters([sys.executable, "-c", REFERENCE, str(path)], env)
            cases = {"csv.reader": [sys.executable, "-c", BASELINE, str(path)],
                     "stats": [sys.executable, "-c", STATS, str(path), *WINDOW]}
            for peer in peers:
                got = counters([sys.executable, "-c", PEERS[peer], str(path)], env)
                if got != reference:
                    print(f"{peer}: counters differ from those of compute_stats; left out")
                    continue
                cases[peer] = [sys.executable, "-c", PEERS[peer], str(path)]
            times: dict[str, list[float]] = {name: [] for name in cases}
            peaks: dict[str, int] = dict.fromkeys(cases, 0)
            for round_ in range(args.rounds + 1):  # round 0 warms the page cache and is not counted
                for name, command in cases.items():
                    r = run(command, env)
                    if round_:
                        times[name].append(float(str(r["seconds"])))
                    peaks[name] = max(peaks[name], int(str(r["maxrss_kb"])))
            samples = {name: h.Sample(name, tuple(v)) for name, v in times.items()}
            label = f"{rows:,} ({path.stat().st_size / 1e6:.0f} MB)"
            stats = samples["stats"]
            for name, sample in samples.items():
                to_stats = h.ratio(sample, stats)
                inverse = h.ratio(stats, sample)
                table.append(f"| {label} | {name} | {sample.median:.2f} s ({sample.spread * 100:.0f} %) | "
                             f"{h.short(to_stats)} | {h.short(inverse)} | {peaks[name] / 1024:.0f} MiB |")
                print(table[-1], flush=True)
            fastest = min((n for n in samples if n in PEERS), key=lambda n: samples[n].median, default=None)
            if fastest is not None:
                r = h.ratio(stats, samples[fastest])
                verdicts.append(f"{label}: stats / fastest peer ({fastest}) = {r.text()} — goal ≤ 1.5: "
                                f"{'met' if r.value is not None and r.value <= 1.5 else 'NOT met'}; "
                                f"stats / csv.reader = {h.ratio(stats, samples['csv.reader']).text()}")
    print(f"\nLoad average after: {h.load_average()}; {args.rounds} interleaved rounds, whole processes\n")
    print("\n".join(table))
    print()
    print("\n".join(verdicts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
