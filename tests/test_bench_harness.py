"""The benchmark harness: its spread rule, its refusal to divide by a noisy baseline, its table.

Nothing here is timed: the times are given, or come from a fake clock.
"""

from __future__ import annotations

import sys
from itertools import count
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import _harness as h  # noqa: E402

README = Path(__file__).resolve().parents[1] / "benchmarks" / "README.md"


def sample(*times: float, name: str = "x") -> h.Sample:
    return h.Sample(name, tuple(times))


def test_spread_is_the_interquartile_range_over_the_median() -> None:
    # 1..11: quartiles 3.5 and 8.5 (inclusive method), median 6 → 5/6.
    s = sample(*range(1, 12))
    assert s.median == 6
    assert s.spread == pytest.approx(5 / 6)


def test_one_stray_slow_run_does_not_make_the_spread() -> None:
    s = sample(*([1.0] * 10), 9.0)
    assert s.spread == 0.0


@given(st.lists(st.floats(0.001, 10), min_size=2, max_size=40), st.floats(0.1, 100))
def test_spread_does_not_depend_on_the_unit(times: list[float], scale: float) -> None:
    assert sample(*(t * scale for t in times)).spread == pytest.approx(sample(*times).spread, rel=1e-6, abs=1e-9)


def test_ratio_of_medians_when_the_baseline_is_steady() -> None:
    base = sample(*([1.0] * 5 + [1.1] * 5), name="base")
    case = sample(*([2.0] * 10), name="case")
    r = h.ratio(case, base)
    assert r.value == pytest.approx(2.0 / 1.05)
    assert r.refused == ""
    assert r.text().startswith("1.90×")


def test_ratio_refused_when_the_baseline_spread_is_over_30_percent() -> None:
    base = sample(*([1.0] * 5 + [1.4] * 5), name="python -c pass")  # IQR 0.4 / median 1.2 = 33 %
    assert base.spread > 0.30
    r = h.ratio(sample(*([1.0] * 10)), base)
    assert r.value is None
    assert "python -c pass" in r.refused and "33 %" in r.refused
    assert r.text().startswith("no ratio: ")


def test_a_noisy_case_with_a_steady_baseline_still_gets_its_ratio() -> None:
    base = sample(*([1.0] * 10))
    case = sample(*([1.0] * 5 + [3.0] * 5))
    assert h.ratio(case, base).value == pytest.approx(2.0)


def test_ratio_refused_on_fewer_than_ten_rounds() -> None:
    r = h.ratio(sample(1.0, 1.0), sample(1.0, 1.0))
    assert r.value is None and "10 rounds" in r.refused


def test_interleave_runs_the_cases_round_by_round() -> None:
    order: list[str] = []
    ticks = count()
    samples = h.interleave({"a": lambda: order.append("a"), "b": lambda: order.append("b")},
                           rounds=10, warmup=1, clock=lambda: float(next(ticks)))
    assert order == ["a", "b"] * 11  # the warm-up round, then 10 timed ones
    assert samples["a"].times == (1.0,) * 10
    with pytest.raises(ValueError):
        h.interleave({"a": lambda: None}, rounds=9)


def test_bytecode_mode_is_named() -> None:
    assert "not written" in h.bytecode_mode({"PYTHONDONTWRITEBYTECODE": "1"})
    assert "cached" in h.bytecode_mode({})


def test_table_replaced_between_markers_only() -> None:
    text = "intro\n<!-- summary:begin -->\nold | table\n<!-- summary:end -->\nrest\n"
    out = h.replace_between_markers(text, "summary", "| new |\n")
    assert out == "intro\n<!-- summary:begin -->\n| new |\n<!-- summary:end -->\nrest\n"
    assert h.replace_between_markers(out, "summary", "| new |") == out  # regenerating is stable


@pytest.mark.parametrize("text", [
    "no markers",
    "<!-- summary:begin -->\n<!-- summary:begin -->\n<!-- summary:end -->",
    "<!-- summary:end -->\n<!-- summary:begin -->",
])
def test_markers_missing_twice_or_out_of_order_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        h.replace_between_markers(text, "summary", "x")


def test_the_benchmarks_readme_has_the_summary_markers() -> None:
    text = README.read_text(encoding="utf-8")
    inside = text.split("<!-- summary:begin -->")[1].split("<!-- summary:end -->")[0]
    assert "| benchmark | what against what |" in inside


def test_a_table_cell_says_why_there_is_no_ratio() -> None:
    steady, noisy = sample(*([1.0] * 10)), sample(*([1.0] * 5 + [2.0] * 5))
    assert h.short(h.ratio(sample(*([2.0] * 10)), steady)) == "**2.00×**"
    assert h.short(h.ratio(steady, noisy)) == "none: baseline spread 67 % > 30 %"
