"""How offices count, as data: pending-in-time inside on time or not, returned inside on time or
separate, a dossier counted where received or where resolved. Under each convention the identities
hold (figures consistent under it are accepted, and refused under the other), ``stats`` counts as
the mapping says, and the report states the convention.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_plan.cli import main
from cchc_plan.io.dossiers import compute_stats, load_mapping
from cchc_plan.model.figures import (
    Conventions,
    FieldFigures,
    OneStopFigures,
    PendingInTime,
    Place,
    Returned,
)
from cchc_plan.problems import InvalidModel

from conftest import ROOT
from docx_reading import DocxReader


def accepted(f: dict[str, int], conventions: Conventions) -> bool:
    try:
        OneStopFigures(fields=[FieldFigures(field="Hộ tịch", **f)], conventions=conventions)
    except InvalidModel:
        return False
    return True


@st.composite
def dossiers(draw: st.DrawFn) -> dict[str, int]:
    """What happened to the dossiers, each counted once (the real buckets)."""
    n = st.integers(0, 400)
    return {k: draw(n) for k in ("carried_over", "online", "in_person", "post", "early", "real_on_time", "late",
                                  "pending_in_time", "pending_overdue")}


def as_counted(d: dict[str, int], conventions: Conventions) -> dict[str, int]:
    """The office's counts of ``d`` under ``conventions`` (received = channels; returned fills the gap)."""
    accounted = d["early"] + d["real_on_time"] + d["late"] + d["pending_in_time"] + d["pending_overdue"]
    received = d["carried_over"] + d["online"] + d["in_person"] + d["post"]
    extra = max(0, accounted - received)
    returned = received + extra - accounted
    on_time = d["real_on_time"]
    if conventions.pending_in_time is PendingInTime.IN_ON_TIME:
        on_time += d["pending_in_time"]
    if conventions.returned is Returned.IN_ON_TIME:
        on_time += returned
    return {"carried_over": d["carried_over"] + extra, "online": d["online"], "in_person": d["in_person"],
            "post": d["post"], "early": d["early"], "on_time": on_time, "late": d["late"],
            "pending_in_time": d["pending_in_time"], "pending_overdue": d["pending_overdue"],
            "returned": returned, "apologies": 0}


CONVENTIONS = [Conventions(pending_in_time=p, returned=r)
               for p, r in itertools.product(PendingInTime, Returned)]


@settings(max_examples=80, deadline=None)
@given(dossiers(), st.sampled_from(CONVENTIONS), st.sampled_from(CONVENTIONS))
def test_counts_made_under_a_convention_hold_under_it_only(d: dict[str, int], made: Conventions,
                                                           read: Conventions) -> None:
    counts = as_counted(d, made)
    assert accepted(counts, made)
    f = FieldFigures(field="Hộ tịch", **counts)
    pending_inside = made.pending_in_time is PendingInTime.IN_ON_TIME
    returned_inside = made.returned is Returned.IN_ON_TIME
    expected = (f.resolved or 0) + (f.pending_overdue if pending_inside else f.pending or 0) \
        + (0 if returned_inside else f.returned or 0)
    assert f.received == expected
    # read under another convention, the same counts contradict it unless the difference is empty
    difference = ((d["pending_in_time"] if made.pending_in_time is not read.pending_in_time else 0)
                  + (counts["returned"] if made.returned is not read.returned else 0))
    assert accepted(counts, read) is (difference == 0)


def test_pending_inside_on_time_cannot_exceed_it() -> None:
    with pytest.raises(InvalidModel) as e:
        OneStopFigures(fields=[FieldFigures(field="Hộ tịch", online=10, carried_over=0, in_person=0, post=0,
                                            early=2, on_time=3, late=0, pending_in_time=5, pending_overdue=0,
                                            returned=0)],
                       conventions=Conventions(pending_in_time=PendingInTime.IN_ON_TIME))
    rules = [p.rule for p in e.value.problems]
    assert any(r.startswith("3 đúng hạn < 5 = 5 (đang giải quyết trong hạn") for r in rules), rules


# --------------------------------------------------------------------------- stats


HEADER = ["Mã hồ sơ", "Lĩnh vực", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày trả kết quả", "Kênh nộp",
          "Trạng thái", "Đơn vị tiếp nhận", "Đơn vị giải quyết", "Cấp"]
ROWS = [
    # received at Xã A, resolved by Xã B (a dossier received regardless of boundary)
    ["1", "Hộ tịch", "02/01/2024", "10/01/2024", "05/01/2024", "Trực tuyến", "Đã giải quyết", "Xã A", "Xã B", "Cấp xã"],
    ["2", "Hộ tịch", "02/01/2024", "10/01/2024", "10/01/2024", "Trực tiếp", "Đã giải quyết", "Xã A", "Xã A", "Cấp xã"],
    ["3", "Đất đai", "03/01/2024", "30/01/2024", "", "Trực tiếp", "Đang giải quyết", "Xã B", "Xã B", "Cấp xã"],
    ["4", "Đất đai", "03/01/2024", "08/01/2024", "", "Trực tiếp", "Đang giải quyết", "Sở TN&MT", "Sở TN&MT",
     "Cấp tỉnh"],
    ["5", "Hộ tịch", "04/01/2024", "12/01/2024", "06/01/2024", "Trực tuyến", "Trả lại", "Xã B", "Xã B", "Cấp xã"],
]
START, END = dt.date(2024, 1, 1), dt.date(2024, 1, 15)


def mapping_file(folder: Path, counting: dict[str, str]) -> Path:
    data = yaml.safe_load((ROOT / "src/cchc_plan/data/mappings/default.yaml").read_text(encoding="utf-8"))
    data["columns"].pop("procedure")
    data["columns"].pop("apology")
    data["columns"].update(unit="Đơn vị tiếp nhận", resolved_by="Đơn vị giải quyết", level="Cấp")
    data["counting"] = counting
    path = folder / f"mau-{len(list(folder.iterdir()))}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "ho-so.csv"
    path.write_text("\n".join(",".join(r) for r in [HEADER, *ROWS]) + "\n", encoding="utf-8")
    return path


def units(figures: OneStopFigures) -> dict[str, FieldFigures]:
    return {u.field: u for u in figures.units}


def typed(figures: OneStopFigures) -> OneStopFigures:
    """The same figures as if typed by the office: every identity is checked (raises if one fails)."""
    return OneStopFigures(fields=figures.fields, units=figures.units, conventions=figures.conventions)


@pytest.mark.parametrize("place", ["received_here", "resolved_here"])
def test_a_dossier_is_counted_at_the_unit_the_mapping_says(export: Path, tmp_path: Path, place: str) -> None:
    mapping = load_mapping(mapping_file(tmp_path, {"place": place}))
    figures = typed(compute_stats(export, START, END, mapping).figures)
    u = units(figures)
    if place == "received_here":
        assert (u["Xã A"].received, u["Xã B"].received) == (2, 2)
        assert (u["Xã A"].early, u["Xã B"].early) == (1, 0)
    else:
        assert (u["Xã A"].received, u["Xã B"].received) == (1, 3)
        assert (u["Xã A"].early, u["Xã B"].early) == (0, 1)
    assert u["Sở TN&MT"].level == "Cấp tỉnh" and u["Xã A"].level == "Cấp xã"
    assert u["Sở TN&MT"].pending_overdue == 1
    # the same dossiers whichever unit counts them: the totals do not move
    assert FieldFigures.total(figures.units).received == figures.total.received == 5
    assert figures.conventions == Conventions(place=Place(place))


def test_pending_and_returned_inside_on_time_as_the_mapping_says(export: Path, tmp_path: Path) -> None:
    separate = typed(compute_stats(export, START, END, load_mapping(mapping_file(tmp_path, {}))).figures)
    inside = typed(compute_stats(export, START, END, load_mapping(mapping_file(
        tmp_path, {"pending_in_time": "in_on_time", "returned": "in_on_time"}))).figures)
    s, i = separate.total, inside.total
    assert (s.on_time, s.pending_in_time, s.returned) == (1, 1, 1)
    assert i.on_time == 1 + 1 + 1, "on time, plus the pending-in-time one, plus the returned one"
    assert i.received == s.received == 5


def test_stats_prints_units_levels_and_the_convention(export: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    mapping = mapping_file(tmp_path, {"place": "resolved_here"})
    out_file = tmp_path / "so-lieu.yaml"
    assert main(["stats", str(export), "--from", "01/01/2024", "--to", "15/01/2024", "--mapping", str(mapping),
                 "-o", str(out_file)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    head = lines.index("Theo đơn vị:")
    names = [line.split("  ")[0].strip() for line in lines[head + 1:] if line and not line.startswith("-")]
    assert names[:6] == ["Đơn vị", "CẤP TỈNH", "Sở TN&MT", "CẤP XÃ", "Xã A", "Xã B"]
    assert "hồ sơ được tính tại nơi giải quyết" in out
    written: dict[str, Any] = yaml.safe_load(out_file.read_text(encoding="utf-8"))
    assert written["conventions"] == {"place": "resolved_here"}
    assert {u["field"]: u.get("level") for u in written["units"]} == {
        "Sở TN&MT": "Cấp tỉnh", "Xã A": "Cấp xã", "Xã B": "Cấp xã"}


def test_the_report_states_its_conventions(tmp_path: Path) -> None:
    from cchc_plan.render import render

    figures = {"conventions": {"pending_in_time": "in_on_time", "returned": "separate", "place": "received_here"},
               "fields": [{"field": "Hộ tịch", "carried_over": 0, "online": 10, "in_person": 0, "post": 0,
                           "early": 4, "on_time": 5, "late": 1, "pending_in_time": 2, "pending_overdue": 0,
                           "returned": 0}]}
    data = {"plan": str(ROOT / "examples/loc-binh-2023/ke-hoach.yaml"), "number": "98/BC-UBND",
            "date": "15/12/2023", "period": {"kind": "year", "year": 2023}, "one_stop": figures,
            "recipients": ["Phòng Nội vụ huyện"],
            "signer": {"authority": "TM", "on_behalf_of": "ỦY BAN NHÂN DÂN", "position": "CHỦ TỊCH",
                       "name": "Dương Quang Hùng"}}
    path = tmp_path / "bao-cao.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    text = "\n".join(p.text for p in DocxReader(render(path, tmp_path / "r.docx")).paragraphs())
    assert ("Cách tính: hồ sơ đang giải quyết trong hạn được tính vào số hồ sơ đúng hạn; hồ sơ trả lại, rút hồ "
            "sơ được tính riêng; hồ sơ được tính tại nơi tiếp nhận (tiếp nhận không phụ thuộc địa giới hành "
            "chính theo Nghị định số 118/2025/NĐ-CP).") in text
