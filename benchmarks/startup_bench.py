"""Start-up of ``cchc-plan --help`` against a bare ``python -c pass``, and what it imports.

Each command is run ``--runs`` times as a fresh process (interleaved, so a change in the
machine's load hits all alike); the median wall time is shown. ``cchc-plan`` is the installed
console script when there is one on PATH; otherwise the same thing the console script does — a
small script that calls ``cchc_plan.cli:main`` — is written to a temporary folder and run with
``PYTHONPATH=src``. ``python -m cchc_plan --help`` is timed too.

Then ``--help`` is run once more to list the modules it imports: ``sys.modules`` after
``main(["--help"])`` in a fresh process, checked for the heavy libraries (docx, babel, cattrs,
yaml, openpyxl, lxml), and ``python -X importtime`` for the slowest imports.

    python benchmarks/startup_bench.py [--runs 20]

Goals: under 300 ms; none of the heavy libraries imported by ``--help``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import _harness as h  # benchmarks/ is the folder of these scripts

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("docx", "babel", "cattrs", "yaml", "openpyxl", "lxml")
GOAL_MS = 300

CONSOLE_SCRIPT = """\
import re, sys
from cchc_plan.cli import main
if __name__ == "__main__":
    sys.argv[0] = re.sub(r"(-script\\.pyw|\\.exe)?$", "", sys.argv[0])
    sys.exit(main())
"""

MODULES = """\
import json, sys
from cchc_plan.cli import main
try:
    main(["--help"])
except SystemExit:
    pass
heavy = {name: sorted(m for m in sys.modules if m == name or m.startswith(name + "."))
         for name in json.loads(sys.argv[1])}
cchc = sorted(m for m in sys.modules if m.startswith("cchc_plan"))
print(json.dumps({"heavy": heavy, "cchc_plan": cchc, "count": len(sys.modules)}))
"""


def importtime(argv: list[str], env: dict[str, str], top: int = 8) -> list[tuple[int, str]]:
    """The slowest imports (cumulative µs, module) of ``argv`` under ``-X importtime``."""
    done = subprocess.run([sys.executable, "-X", "importtime", *argv], env=env, capture_output=True, text=True)
    rows = []
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)", line)
        if m and len(m.group(3)) <= 2:  # top-level imports only
            rows.append((int(m.group(2)), m.group(4)))
    return sorted(rows, reverse=True)[:top]




def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="rounds, at least 10")
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    env.pop("PYTHONPROFILEIMPORTTIME", None)

    with tempfile.TemporaryDirectory() as tmp_name:
        installed = shutil.which("cchc-plan")
        if installed:
            script = [installed]
            how = f"installed console script {installed}"
        else:
            path = Path(tmp_name) / "cchc-plan"
            path.write_text(CONSOLE_SCRIPT, encoding="utf-8")
            script = [sys.executable, str(path)]
            how = "no console script on PATH: an equivalent entry-point script, PYTHONPATH=src"
        commands = {
            "python -c pass (baseline)": [sys.executable, "-c", "pass"],
            "cchc-plan --help": [*script, "--help"],
            "python -m cchc_plan --help": [sys.executable, "-m", "cchc_plan", "--help"],
        }
        samples = h.interleave({name: h.process(argv, env) for name, argv in commands.items()}, args.runs)
        done = subprocess.run([sys.executable, "-c", MODULES, json.dumps(HEAVY)], env=env,
                              capture_output=True, text=True, check=True)
        modules = json.loads(done.stdout.strip().splitlines()[-1])  # after the help text
        slowest = importtime(["-c", "from cchc_plan.cli import main\ntry:\n    main(['--help'])\n"
                              "except SystemExit:\n    pass"], env)

    print(h.environment())
    print(f"Children: {h.bytecode_mode(env)}")
    print(f"cchc-plan: {how}; {args.runs} rounds, interleaved; spread = IQR / median")
    print()
    print("| command | median | spread | over baseline | ratio to baseline |")
    print("|---|---:|---:|---:|---|")
    base = samples["python -c pass (baseline)"]
    for name, sample in samples.items():
        print(f"| {name} | {sample.median * 1000:.0f} ms | {sample.spread * 100:.0f} % | "
              f"{(sample.median - base.median) * 1000:+.0f} ms | {h.ratio(sample, base).text()} |")
    print()
    ours = samples["cchc-plan --help"].median
    print(f"Goal cchc-plan --help under {GOAL_MS} ms: {ours * 1000:.0f} ms — "
          f"{'met' if ours * 1000 < GOAL_MS else 'NOT met'}")
    imported = {name: mods for name, mods in modules["heavy"].items() if mods}
    print(f"Modules loaded by --help: {modules['count']} in all; cchc_plan's own: "
          f"{', '.join(m.removeprefix('cchc_plan.') for m in modules['cchc_plan'])}")
    for name in HEAVY:
        mods = modules["heavy"][name]
        print(f"  {name}: {'imported (' + str(len(mods)) + ' modules)' if mods else 'not imported'}")
    print(f"Goal no heavy module imported by --help: "
          f"{'met' if not imported else 'NOT met (' + ', '.join(imported) + ')'}")
    print("Slowest top-level imports (-X importtime, cumulative):")
    for us, name in slowest:
        print(f"  {us / 1000:6.1f} ms  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
