"""Next year's plan from this year's: ``next_year(Plan).plan``, ``rollover.next_year`` and ``cchc-plan new``.

The expectations are read from the Lộc Bình plan (``examples/loc-binh-2023/ke-hoach.yaml``) by
hand, or from its YAML text with a regex in this file — never from the code under test. Every
file the command writes is read back (loaded again, validated, rendered and the .docx read).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLE, ROOT, minimal_plan
from docx_reading import DocxReader
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_plan.cli import main
from cchc_plan.model.deadline import Deadline, DeadlineKind
from cchc_plan.io import load_plan, plan_from_data
from cchc_plan.model import Plan
from cchc_plan.model.rollover import next_year

REPORT = ROOT / "examples" / "loc-binh-2023" / "bao-cao-quy-1.yaml"
SOURCE_TEXT = EXAMPLE.read_text(encoding="utf-8")
_DATED = {DeadlineKind.YEAR, DeadlineKind.MONTH, DeadlineKind.QUARTER, DeadlineKind.BEFORE, DeadlineKind.DATE}


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(EXAMPLE)


@pytest.fixture(scope="module")
def rolled(plan: Plan) -> Plan:
    return next_year(plan).plan


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """The example and its report copied into a folder of their own."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(REPORT, folder / REPORT.name)
    return Path(shutil.copyfile(EXAMPLE, folder / "ke-hoach.yaml"))


def new(*args: object) -> int:
    return main(["new", *map(str, args)])


def item(plan: Plan, number: int) -> Any:
    assert plan.appendix is not None
    return next(i for i in plan.appendix.items if i.number == number)


def outputs(plan: Plan) -> list[tuple[int, int, Deadline | None]]:
    assert plan.appendix is not None
    return [(i.number, k, o.deadline) for i in plan.appendix.items for k, o in enumerate(i.outputs)]


def strings(data: Any) -> list[str]:
    """Every string in plain data (as loaded from YAML), recursively."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in strings(v)]
    return []


def flat(text: str) -> str:
    return " ".join(text.split())


# References to documents in the free texts, as the seed writes them.
_REFERENCE = re.compile(
    r"(?:Nghị định|Nghị quyết|Quyết định|Chỉ thị|Kế hoạch|Chương trình(?: hành động)?|Đề án|Thông tư|Luật)"
    r" số [0-9][^\s,;]*(?: ngày \d{1,2}/\d{1,2}/\d{4})?"
    r"|giai đoạn \d{4}\s*[-–]\s*\d{4}"
    r"|ISO \d+:\d{4}")


def references_in_source() -> set[str]:
    """Citations found in the example's YAML text (comments left out: they are not plan text)."""
    body = "\n".join(line for line in SOURCE_TEXT.splitlines() if not line.lstrip().startswith("#"))
    return {m.group().rstrip(".") for m in _REFERENCE.finditer(body)}


# --------------------------------------------------------------------------- next_year(Plan).plan


def test_subject_and_own_year_move(plan: Plan, rolled: Plan) -> None:
    assert plan.year == 2023
    assert rolled.year == 2024
    assert flat(rolled.subject) == ("Cải cách hành chính gắn với chính quyền số, dịch vụ đô thị thông minh "
                                    "xã Lộc Bình năm 2024")
    assert "năm 2024 cụ thể như sau:" in rolled.opening.closing
    assert rolled.appendix is not None
    assert rolled.appendix.title == "NHIỆM VỤ CỤ THỂ TRIỂN KHAI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2024"
    assert item(rolled, 22).content == "Xây dựng, ban hành Kế hoạch cải cách hành chính năm 2024 của xã"


def test_next_year_takes_an_explicit_year(plan: Plan) -> None:
    later = next_year(plan, 2025).plan
    assert later.year == 2025
    assert "năm 2025" in later.subject
    assert item(later, 5).outputs[0].deadline == Deadline("Tháng 01/2025")


@pytest.mark.parametrize(("number", "index", "before", "after"), [
    (5, 0, "Tháng 01/2023", "Tháng 01/2024"),
    (19, 0, "Tháng 1/2023", "Tháng 1/2024"),  # the plan's own style is kept
    (13, 0, "Tháng 11/2023", "Tháng 11/2024"),
    (10, 0, "Quý II - III/2023", "Quý II - III/2024"),
    (3, 0, "Trước 15/01/2023", "Trước 15/01/2024"),
    (1, 0, "Năm 2023", "Năm 2024"),
    (2, 0, "Trước ngày 31/12 hàng năm", "Trước ngày 31/12 hàng năm"),  # annual: unchanged
])
def test_deadlines_move_in_their_own_words(plan: Plan, rolled: Plan, number: int, index: int,
                                            before: str, after: str) -> None:
    assert item(plan, number).outputs[index].deadline.text == before
    assert item(rolled, number).outputs[index].deadline.text == after


def test_every_dated_deadline_is_due_one_year_later(plan: Plan, rolled: Plan) -> None:
    pairs = list(zip(outputs(plan), outputs(rolled), strict=True))
    assert len(pairs) == 34
    moved = 0
    for (n, k, old), (n2, k2, new_) in pairs:
        assert (n, k) == (n2, k2)
        if old is None:
            assert new_ is None  # "the one above" stays "the one above"
        elif old.kind in _DATED:
            moved += 1
            due = old.due()
            expected = (dt.date(2024, due.month, calendar.monthrange(2024, due.month)[1])
                        if old.kind in (DeadlineKind.YEAR, DeadlineKind.MONTH, DeadlineKind.QUARTER)
                        else due.replace(year=2024))
            assert new_.due() == expected, (n, k, old.text, new_.text)
            assert new_.kind is old.kind
        else:
            assert new_ == old
    assert moved == 32


def test_number_and_date_are_cleared(rolled: Plan) -> None:
    assert rolled.number.serial is None
    assert rolled.date is None
    assert rolled.is_draft
    assert rolled.number.symbol == "KH-UBND"


def test_targets_are_kept(plan: Plan, rolled: Plan) -> None:
    assert len(rolled.areas) == len(plan.areas) == 7
    for a, b in zip(plan.areas, rolled.areas, strict=True):
        assert [t.measures for t in a.targets] == [t.measures for t in b.targets]
        assert [t.text for t in a.targets] == [t.text for t in b.targets]  # no target names the year


def test_cited_documents_are_unchanged(plan: Plan, rolled: Plan) -> None:
    assert rolled.opening.bases == plan.opening.bases
    first = rolled.opening.bases[0].documents[0]
    assert (first.kind, first.number, first.date) == ("Quyết định", "3134/QĐ-UBND", dt.date(2022, 12, 24))
    assert first.text().startswith("Quyết định số 3134/QĐ-UBND ngày 24/12/2022 của UBND tỉnh Thừa Thiên Huế")
    # The cited decision's own subject keeps "năm 2023": it is that document's title, not our year.
    assert first.subject.endswith("dịch vụ đô thị thông minh năm 2023")
    assert rolled.opening.bases[0].documents[4].text().startswith(
        "Kế hoạch số 264/KH-UBND ngày 30 tháng 12 năm 2022 của Ủy ban nhân dân huyện Phú Lộc")


def test_references_in_free_texts_keep_their_years(rolled: Plan) -> None:
    found = references_in_source()
    for expected in ("Nghị định số 09/2019/NĐ-CP", "Quyết định số 468/QĐ-TTg ngày 27/3/2021",
                     "giai đoạn 2021-2025", "ISO 9001:2015", "Chỉ thị số 03/CT-UBND ngày 20/01/2021",
                     "Nghị định số 130/2005/NĐ-CP ngày 17/10/2005", "giai đoạn 2021 - 2025"):
        assert expected in found, expected  # the regex sees what the seed cites
    assert len(found) >= 20
    from cchc_plan.io import plan_to_data

    texts = " \n ".join(flat(s) for s in strings(plan_to_data(rolled)))
    missing = sorted(r for r in found if r not in texts)
    assert not missing, missing


def test_other_years_are_kept_and_listed_for_review(plan: Plan) -> None:
    result = next_year(plan)
    # "Báo cáo năm 2022" (item 3) speaks of last year's report: kept, and shown to a person.
    assert item(result.plan, 3).outputs[1].text == "Báo cáo năm 2022"
    assert any(line.startswith("appendix.groups[0].items[2].outputs[1].text") and "2022" in line
               for line in result.review)


def test_changes_record_each_move(plan: Plan) -> None:
    result = next_year(plan)
    by_path = {c.path: c for c in result.changes}
    assert by_path["number"].before == "07/KH-UBND"
    assert by_path["date"].before == "06/01/2023"
    c = by_path["appendix.groups[5].items[2].outputs[0].deadline"]
    assert (c.before, c.after) == ("Tháng 1/2023", "Tháng 1/2024")
    assert "appendix.groups[0].items[1].outputs[0].deadline" not in by_path  # annual
    assert not any(p.startswith("opening.bases") for p in by_path)


def test_a_year_not_after_the_plan_is_refused(plan: Plan) -> None:
    for year in (2023, 2022):
        with pytest.raises(ValueError, match="2023"):
            next_year(plan, year)


# --------------------------------------------------------------------------- free texts naming the year


def _with_tasks(*tasks: str) -> Plan:
    data = minimal_plan()
    data["areas"][0]["tasks"] = list(tasks)
    return plan_from_data(data)


def test_references_naming_the_plan_year_are_not_moved() -> None:
    text = ("Thực hiện Quyết định số 12/2023/QĐ-UBND ngày 05/01/2023, Kế hoạch số 07/KH-UBND ngày 06 tháng 01 "
            "năm 2023, Thông tư 01/2023/TT-BNV, giai đoạn 2021 - 2023, TCVN ISO 9001:2023; hoàn thành trong "
            "năm 2023.")
    rolled = next_year(_with_tasks(text), 2024).plan
    assert rolled.areas[0].tasks[0] == text.replace("hoàn thành trong năm 2023", "hoàn thành trong năm 2024")


def test_own_year_dates_in_free_text_move() -> None:
    tasks = ("Báo cáo kết quả về UBND xã trước ngày 15/12/2023.",
             "Ban hành kế hoạch trong tháng 01/2023.",
             "Tổ chức kiểm tra trong quý III/2023.",
             "Tổng kết trước ngày 30 tháng 12 năm 2023.")
    result = next_year(_with_tasks(*tasks), 2024)
    assert result.plan.areas[0].tasks == tuple(t.replace("2023", "2024") for t in tasks)
    changed = {c.path for c in result.changes}
    assert {f"areas[0].tasks[{i}]" for i in range(4)} <= changed


def test_a_citation_with_so_and_a_date_of_the_plan_year_is_kept() -> None:
    text = "Theo Quyết định số 1291/QĐ-UBND ngày 06/6/2023 và Công văn số 123/UBND-VP, ngày 05/01/2023."
    assert next_year(_with_tasks(text), 2024).plan.areas[0].tasks[0] == text


def test_a_citation_without_so_keeps_its_date() -> None:
    # A citation written without "số" keeps its date too (it was moved between 30de7e3 and 288a95b).
    tasks = ("Thực hiện Thông tư 01/2023/TT-BNV ngày 10/01/2023 của Bộ Nội vụ.",
             "Thực hiện Quyết định 1291/QĐ-UBND ngày 06/6/2023 của UBND tỉnh.")
    assert next_year(_with_tasks(*tasks), 2024).plan.areas[0].tasks == tasks


# --------------------------------------------------------------------------- cchc-plan new


def test_new_writes_a_valid_draft_that_renders(seed_copy: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "ke-hoach-2024.yaml"
    assert new(seed_copy, "--year", 2024, "-o", out) == 0
    printed = capsys.readouterr().out
    assert sorted(p.name for p in out.parent.iterdir()) == ["ke-hoach-2024.yaml"]

    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["year"] == 2024
    assert data["number"] == "/KH-UBND"
    assert "date" not in data or data["date"] is None
    written = load_plan(out)
    assert written.number.serial is None and written.date is None
    assert written == next_year(load_plan(EXAMPLE), 2024).plan

    # What a user is told: the file, the changes, and what to review.
    assert str(out) in printed and "2024" in printed
    assert "Tháng 01/2023 → Tháng 01/2024" in printed
    assert "Tháng 1/2023 → Tháng 1/2024" in printed
    assert "Quý II - III/2023 → Quý II - III/2024" in printed
    assert "Trước 15/01/2023 → Trước 15/01/2024" in printed
    assert "hàng năm →" not in printed
    changes, _, review = printed.partition("Cần người xem lại")
    assert review, printed
    for cited in ("3134/QĐ-UBND", "164/CTr-UBND", "4592/KH-UBND", "241/KH-UBND", "264/KH-UBND"):
        assert cited in review, cited
        assert cited not in changes, cited  # never changed

    # It validates ...
    assert main(["validate", str(out)]) == 0
    assert "hợp lệ" in capsys.readouterr().out
    # ... and renders: a draft number, a blank day and month, the new year.
    docx_path = tmp_path / "out" / "ke-hoach-2024.docx"
    assert main(["render", str(out), "-o", str(docx_path)]) == 0
    texts = [p.text for p in DocxReader(docx_path).paragraphs()]
    assert "Số:      /KH-UBND" in texts
    assert "Lộc Bình, ngày      tháng      năm 2024" in texts
    assert "dịch vụ đô thị thông minh xã Lộc Bình năm 2024" in texts
    body = "\n".join(texts)
    assert "Quyết định số 3134/QĐ-UBND ngày 24/12/2022" in body
    assert "Quyết định số 468/QĐ-TTg ngày 27/3/2021" in body
    assert "Quý II - III/2024" in body and "Trước ngày 31/12 hàng năm" in body
    assert "Tháng 01/2023" not in body


def test_new_with_last_years_report_lists_targets_met(seed_copy: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ke-hoach-2024.yaml"
    report = seed_copy.parent / REPORT.name
    assert new(seed_copy, "--year", 2024, "-o", out, "--report", report) == 0
    review = capsys.readouterr().out.partition("Cần người xem lại")[2]
    met = [line for line in review.splitlines() if "đã đạt" in line]
    # Read from the report by hand: 97,5% ≥ 95% met; 35% ≥ 35% met; 52% ≥ 50% met;
    # 89,9% < 90% (đất đai) not met; online share and on-time rate are named as missed.
    assert any("Mức độ hài lòng của người dân, doanh nghiệp về giải quyết TTHC" in m for m in met)
    assert any("chứng thực điện tử" in m for m in met)
    assert any("4 tại chỗ" in m for m in met)
    assert not any("Mức độ hài lòng về giải quyết TTHC" in m for m in met)
    assert not any("Tỷ lệ hồ sơ giải quyết đúng hạn" in m for m in met)
    assert not any("trực tuyến mức độ 3 và 4" in m for m in met)
    assert load_plan(out) == next_year(load_plan(EXAMPLE), 2024).plan  # the report changes no value


def test_targets_met_are_described_in_words(seed_copy: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    report = seed_copy.parent / REPORT.name
    assert new(seed_copy, "-o", tmp_path / "x.yaml", "--report", report) == 0
    met = [line for line in capsys.readouterr().out.splitlines() if "đã đạt" in line]
    assert len(met) == 6
    for line in met:
        assert "None" not in line and "at_least" not in line and "decrease" not in line, line
    assert any("(tối thiểu 95%)" in line for line in met)
    assert any("giảm so với kỳ trước" in line for line in met)


def test_new_does_not_overwrite_without_force(seed_copy: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ke-hoach-2024.yaml"
    out.write_text("the office's own draft\n", encoding="utf-8")
    assert new(seed_copy, "--year", 2024, "-o", out) == 1
    assert "--force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "the office's own draft\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "ke-hoach-2024.yaml"]
    assert new(seed_copy, "--year", 2024, "-o", out, "--force") == 0
    assert load_plan(out).year == 2024


@pytest.mark.parametrize("year", [2023, 2020])
def test_new_refuses_a_year_not_after_the_plan(seed_copy: Path, tmp_path: Path, year: int,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.yaml"
    assert new(seed_copy, "--year", year, "-o", out) == 1
    err = capsys.readouterr().err
    assert str(year) in err and "2023" in err and "sau" in err
    assert not out.exists()


def test_new_into_the_two_tier_era_drops_the_district(seed_copy: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ke-hoach-2026.yaml"
    assert new(seed_copy, "--year", 2026, "-o", out) == 0
    printed = capsys.readouterr().out
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert "district" not in data["issuer"] or data["issuer"]["district"] is None
    assert "UBND huyện" not in data["recipients"]
    assert data["recipients"][0] == "Phòng Nội vụ"  # the rest kept, in order
    rolled = load_plan(out)
    assert rolled.two_tier and rolled.issuer.district is None
    # Said so: the two removals and the reason.
    assert "issuer.district: huyện Phú Lộc → (bỏ)" in printed
    assert "UBND huyện → (bỏ)" in printed
    assert "hai cấp" in printed
    assert main(["validate", str(out)]) == 0
    assert "Tháng 01/2026" in out.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- property tests


@st.composite
def deadline_texts(draw: Any, year: int) -> str:
    kind = draw(st.sampled_from(["year", "month", "month1", "quarter", "before", "before_ngay", "date",
                                 "annual", "ongoing", "leap"]))
    day = draw(st.dates(min_value=dt.date(year, 1, 1), max_value=dt.date(year, 12, 31)))
    romans = ["I", "II", "III", "IV"]
    if kind == "year":
        return f"Năm {year}"
    if kind == "month":
        return f"Tháng {day.month:02d}/{year}"
    if kind == "month1":
        return f"Tháng {day.month}/{year}"
    if kind == "quarter":
        q1 = draw(st.integers(1, 4))
        q2 = draw(st.integers(q1, 4))
        return f"Quý {romans[q1 - 1]}/{year}" if q1 == q2 else f"Quý {romans[q1 - 1]} - {romans[q2 - 1]}/{year}"
    if kind == "before":
        return f"Trước {day.day:02d}/{day.month:02d}/{year}"
    if kind == "before_ngay":
        return f"Trước ngày {day.day}/{day.month}/{year}"
    if kind == "date":
        return f"Ngày {day.day:02d}/{day.month:02d}/{year}"
    if kind == "annual":
        return f"Trước ngày {day.day:02d}/{day.month:02d} hàng năm"
    if kind == "leap" and calendar.isleap(year):
        return f"Trước 29/02/{year}"
    return "Thường xuyên"


def _expected_due(old: Deadline, shift: int) -> dt.date:
    due = old.due()
    year = due.year + shift
    if old.kind in (DeadlineKind.YEAR, DeadlineKind.MONTH, DeadlineKind.QUARTER):
        return dt.date(year, due.month, calendar.monthrange(year, due.month)[1])
    if (due.month, due.day) == (2, 29) and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return due.replace(year=year)


@st.composite
def plans_with_deadlines(draw: Any) -> tuple[Plan, int]:
    year = draw(st.sampled_from([2000, 2004, 2019, 2020, 2023, 2024, 2028, 2031, 2048, 2090]))
    shift = draw(st.integers(1, 5))
    texts = draw(st.lists(deadline_texts(year), min_size=1, max_size=12))
    data = minimal_plan()
    data.update(year=year, date=None, number="/KH-UBND", recipients=["UBND tỉnh", "Sở Nội vụ"])
    del data["issuer"]["district"]
    data["appendix"]["groups"][0]["items"] = [
        {"number": n, "content": f"Nhiệm vụ {n}", "outputs": [{"text": "Kế hoạch", "deadline": t}],
         "lead": ["van-phong"]}
        for n, t in enumerate(texts, start=1)]
    data["appendix"]["title"] = f"NHIỆM VỤ NĂM {year}"
    return plan_from_data(data), shift


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans_with_deadlines())
def test_any_shift_moves_every_dated_deadline_by_exactly_that_many_years(case: tuple[Plan, int]) -> None:
    plan, shift = case
    rolled = next_year(plan, plan.year + shift).plan
    assert rolled.year == plan.year + shift
    for (n, _, old), (_, _, moved) in zip(outputs(plan), outputs(rolled), strict=True):
        if old.kind in _DATED:
            assert moved.due() == _expected_due(old, shift), (n, old.text, moved.text)
            assert moved.kind is old.kind
            leap_fix = (old.due().month, old.due().day) == (2, 29) and not calendar.isleap(plan.year + shift)
            expected_text = old.text.replace(str(plan.year), str(plan.year + shift))
            if leap_fix:
                expected_text = expected_text.replace("29/", "28/", 1)
            assert moved.text == expected_text  # written the same way
        else:
            assert moved == old and moved.text == old.text


@st.composite
def any_deadline(draw: Any) -> Deadline:
    year = draw(st.integers(1950, 2150))
    return Deadline(draw(deadline_texts(year)))


@settings(max_examples=400, deadline=None)
@given(any_deadline(), st.integers(-5, 5).filter(bool))
def test_shifted_round_trip(deadline: Deadline, n: int) -> None:
    there = deadline.shifted(n)
    back = there.shifted(-n)
    if deadline.year is None:
        assert there == deadline and back == deadline
        return
    assert there.year == deadline.year + n
    lost_leap_day = (deadline.kind in (DeadlineKind.BEFORE, DeadlineKind.DATE)
                     and (deadline.due().month, deadline.due().day) == (2, 29)
                     and not calendar.isleap(deadline.year + n))
    if lost_leap_day:
        assert there.due() == dt.date(deadline.year + n, 2, 28)
        assert back.due() == dt.date(deadline.year, 2, 28)
    else:
        assert back.text == deadline.text
        assert back.due() == deadline.due()


@pytest.mark.parametrize(("text", "n", "after"), [
    ("Trước 29/02/2024", 1, "Trước 28/02/2025"),
    ("Trước 29/02/2024", 4, "Trước 29/02/2028"),
    ("Ngày 29/2/2024", 3, "Ngày 28/2/2027"),
    ("Tháng 02/2023", 1, "Tháng 02/2024"),
])
def test_leap_day_examples(text: str, n: int, after: str) -> None:
    assert Deadline(text).shifted(n).text == after
