"""Measure a thing and its baseline side by side, and say when the machine is too noisy to tell.

Every benchmark of this folder compares a measurement with a baseline taken in the same run:

- :func:`interleave` runs each case once per round, round after round (at least
  :data:`MIN_ROUNDS`), so that a change in the machine's load hits all of them alike;
- a :class:`Sample` reports the median and the **spread = IQR / median** (the interquartile
  range — third quartile minus first — over the median; robust to one stray slow run, unlike
  (max − min) / median);
- :func:`ratio` gives the ratio of the medians, or refuses — with the reason — when the
  baseline's own spread is over :data:`MAX_BASELINE_SPREAD` (30 %): a baseline that varies
  that much within the run cannot be divided by;
- :func:`environment` names the machine, its load average and whether Python may cache
  bytecode (``PYTHONDONTWRITEBYTECODE``), which changes start-up times a lot;
- :func:`replace_between_markers` puts a regenerated table between two HTML comments of a
  Markdown file, leaving the rest untouched.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from _machine import machine  # benchmarks/ is the folder of these scripts

MIN_ROUNDS = 10
MAX_BASELINE_SPREAD = 0.30


@dataclass(frozen=True)
class Sample:
    """The times (seconds) of one case over the rounds."""

    name: str
    times: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def spread(self) -> float:
        """IQR / median (0.0 for fewer than 2 times)."""
        if len(self.times) < 2:
            return 0.0
        q1, _, q3 = statistics.quantiles(self.times, n=4, method="inclusive")
        return (q3 - q1) / self.median if self.median else float("inf")


@dataclass(frozen=True)
class Ratio:
    """Median of a case over median of its baseline — or why there is none."""

    case: Sample
    baseline: Sample
    value: float | None
    refused: str = ""

    def text(self) -> str:
        """``0.93× (spread 4 %, baseline 3 %)`` or ``no ratio: …``."""
        if self.value is None:
            return f"no ratio: {self.refused}"
        return (f"{self.value:.2f}× (spread {self.case.spread * 100:.0f} %, "
                f"baseline {self.baseline.spread * 100:.0f} %)")


def short(r: Ratio) -> str:
    """The ratio in bold, or why there is none, in a few words (for a table cell)."""
    if r.value is not None:
        return f"**{r.value:.2f}×**"
    if r.baseline.spread > MAX_BASELINE_SPREAD:
        return f"none: baseline spread {r.baseline.spread * 100:.0f} % > {MAX_BASELINE_SPREAD * 100:.0f} %"
    return f"none: {r.refused}"


def ratio(case: Sample, baseline: Sample, max_spread: float = MAX_BASELINE_SPREAD) -> Ratio:
    """The ratio of medians, refused when the baseline's own spread is over ``max_spread``."""
    if baseline.spread > max_spread:
        return Ratio(case, baseline, None,
                     f"the baseline ({baseline.name}) varied by {baseline.spread * 100:.0f} % "
                     f"(IQR/median) within the run, over the {max_spread * 100:.0f} % allowed: "
                     f"the machine is too noisy to tell (load average {load_average()})")
    if len(baseline.times) < MIN_ROUNDS or len(case.times) < MIN_ROUNDS:
        return Ratio(case, baseline, None,
                     f"fewer than {MIN_ROUNDS} rounds ({len(case.times)} and {len(baseline.times)})")
    return Ratio(case, baseline, case.median / baseline.median)


def interleave(cases: Mapping[str, Callable[[], object]], rounds: int = MIN_ROUNDS,
               warmup: int = 1, clock: Callable[[], float] = time.perf_counter) -> dict[str, Sample]:
    """Run every case once per round, in order, ``rounds`` times (after ``warmup`` untimed rounds)."""
    if rounds < MIN_ROUNDS:
        raise ValueError(f"at least {MIN_ROUNDS} rounds, not {rounds}")
    for _ in range(warmup):
        for fn in cases.values():
            fn()
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(rounds):
        for name, fn in cases.items():
            start = clock()
            fn()
            times[name].append(clock() - start)
    return {name: Sample(name, tuple(values)) for name, values in times.items()}


def process(argv: Sequence[str], env: Mapping[str, str] | None = None) -> Callable[[], None]:
    """A case that runs ``argv`` as a fresh process (output discarded, failure raised)."""
    def run() -> None:
        done = subprocess.run(list(argv), env=None if env is None else dict(env),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if done.returncode:
            raise RuntimeError(f"{' '.join(argv)} failed ({done.returncode}):\n"
                               f"{done.stderr.decode('utf-8', 'replace')[-2000:]}")
    return run


def load_average() -> str:
    if not hasattr(os, "getloadavg"):
        return "?"
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def bytecode_mode(env: Mapping[str, str] | None = None) -> str:
    """Whether Python started with ``env`` writes .pyc files, in words."""
    env = os.environ if env is None else env
    if env.get("PYTHONDONTWRITEBYTECODE"):
        return "bytecode not written (PYTHONDONTWRITEBYTECODE set): modules without a .pyc are compiled at every start"
    return "bytecode cached (.pyc written and reused)"


def environment() -> str:
    """Machine, load average, and the bytecode mode of this process."""
    return f"{machine()}\nThis process: {bytecode_mode()}"


def row(sample: Sample) -> str:
    """``12.3 ms (spread 4 %)``."""
    return f"{sample.median * 1000:.1f} ms (spread {sample.spread * 100:.0f} %)"


def replace_between_markers(text: str, name: str, new: str) -> str:
    """``text`` with what lies between ``<!-- name:begin -->`` and ``<!-- name:end -->`` replaced.

    Both markers must be there, once each and in order; the markers themselves are kept.
    """
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    if text.count(begin) != 1 or text.count(end) != 1:
        raise ValueError(f"expected one {begin} and one {end}")
    if text.index(end) < text.index(begin):
        raise ValueError(f"{end} comes before {begin}")
    head, rest = text.split(begin)
    _, tail = rest.split(end)
    return f"{head}{begin}\n{new.strip()}\n{end}{tail}"


if __name__ == "__main__":
    print(environment())
    sys.exit(0)
