"""Every bundled example, and the roll-over of the real plan, renders to a .docx the checker finds no fault in."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_plan.checker import check_docx
from cchc_plan.cli import main
from cchc_plan.io import load_plan
from cchc_plan.render import render

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "examples").glob("*/*.yaml"))


def test_all_examples_are_covered() -> None:
    assert EXAMPLES == ["examples/loc-binh-2023/bao-cao-nam-2023.yaml", "examples/loc-binh-2023/bao-cao-quy-1.yaml",
                        "examples/loc-binh-2023/ke-hoach.yaml", "examples/loc-binh-2023/quyet-dinh.yaml",
                        "examples/mau-xa-2027/ke-hoach.yaml",
                        "examples/so-lieu-mot-cua/bao-cao-huyen-nam-2024.yaml",
                        "examples/so-lieu-mot-cua/bao-cao-tinh-nam-2025.yaml"]


@pytest.mark.parametrize("example", EXAMPLES)
def test_rendered_example_has_no_finding(example: str, tmp_path: Path) -> None:
    out = render(ROOT / example, tmp_path / "van-ban.docx")
    report = check_docx(out)
    assert report.findings == (), [f"{f.rule} {f.location}: {f.found} → {f.expected}" for f in report.findings]


def test_next_years_plan_renders_and_passes_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan_2024 = tmp_path / "ke-hoach-2024.yaml"
    assert main(["new", str(ROOT / "examples/loc-binh-2023/ke-hoach.yaml"), "--year", "2024",
                 "-o", str(plan_2024)]) == 0
    assert load_plan(plan_2024).year == 2024
    docx = tmp_path / "ke-hoach-2024.docx"
    assert main(["render", str(plan_2024), "-o", str(docx)]) == 0
    capsys.readouterr()
    assert main(["check", str(docx)]) == 0
    assert "0 lỗi" in capsys.readouterr().out


def test_next_years_decision_and_plan_render_and_pass_the_check(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """The roll-over of a plan issued by a decision moves both: the new file renders, and passes the check."""
    rolled = tmp_path / "quyet-dinh-2024.yaml"
    assert main(["new", str(ROOT / "examples/loc-binh-2023/quyet-dinh.yaml"), "--year", "2024",
                 "-o", str(rolled)]) == 0
    plan = load_plan(rolled)
    assert plan.year == 2024 and plan.issued_by is not None
    assert str(plan.issued_by.number) == "/QĐ-UBND" and plan.issued_by.date is None
    docx = tmp_path / "quyet-dinh-2024.docx"
    assert main(["render", str(rolled), "-o", str(docx)]) == 0
    capsys.readouterr()
    assert main(["check", str(docx)]) == 0
    out = capsys.readouterr().out
    assert "0 lỗi, 0 cảnh báo" in out and "2 văn bản" in out
