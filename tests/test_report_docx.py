"""The quarter I report rendered to .docx and read back as a user would check it, and its
PDF through LibreOffice.

Expectations (verdicts, statuses, sums, rates, percentage points) are computed here from
the example's YAML and its plan, with this module's own arithmetic and formatting, never
with the library's. The example is rendered once per module; a variant with counts over
a thousand and values just beside their thresholds once more; the PDF is converted once.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import operator
import re
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from cchc_plan.io import report_from_data
from cchc_plan.render import render

from conftest import ROOT
from docx_reading import (
    DocxReader,
    ParaInfo,
    RowInfo,
    SectionInfo,
    TableInfo,
    first_line,
    missing_pdf_tools,
    pdf_page_sizes,
    pdf_pages_text,
    to_pdf,
)

EXAMPLES = ROOT / "examples" / "loc-binh-2023"
REPORT = EXAMPLES / "bao-cao-quy-1.yaml"
PLAN = EXAMPLES / "ke-hoach.yaml"
TNR = "Times New Roman"
D = Decimal


def read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


REPORT_DATA = read(REPORT)
PLAN_DATA = read(PLAN)
WINDOW_END = dt.date(2023, 3, 14)  # quarter I: data to 14/3
REFERENCE = "(Kèm theo Báo cáo số 15/BC-UBND ngày 16 tháng 3 năm 2023 của UBND xã Lộc Bình)"
HEADINGS = [
    "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
    "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
    "III. ĐÁNH GIÁ CHUNG",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
    "V. ĐỀ XUẤT, KIẾN NGHỊ",
]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


# --------------------------------------------------------------------------- independent arithmetic


def count(n: int) -> str:
    """Vietnamese grouping: 65201 → 65.201."""
    return f"{n:,}".replace(",", ".")


def two_places(value: Decimal) -> Decimal:
    return value.quantize(D("0.01"), rounding=ROUND_HALF_EVEN)


def rate_text(value: Decimal | None, thresholds: tuple[Decimal, ...] = ()) -> str:
    """Two decimals as offices print a rate; a whole rate without them (``100%``); more where
    two decimals would put it on the other side of one of ``thresholds`` (or of 0 or 100)."""
    if value is None:
        return "—"
    if value == value.to_integral_value():
        return f"{int(value)}%"
    places = 2
    while True:
        shown = value.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
        if all((shown > t) == (value > t) and (shown < t) == (value < t) for t in (*thresholds, D(0), D(100))):
            return f"{shown:.{places}f}".replace(".", ",") + "%"
        places += 1


def parse_number(text: str) -> Decimal:
    """The first number in a cell: ``93,75%`` → 93.75; ``1.234`` → 1234."""
    m = re.search(r"\d[\d.]*(?:,\d+)?", text)
    assert m, text
    return D(m.group(0).replace(".", "").replace(",", "."))


def side(a: Decimal, b: Decimal) -> int:
    return (a > b) - (a < b)


def counts_of(f: dict[str, Any]) -> dict[str, int]:
    c = {k: int(f.get(k, 0)) for k in ("carried_over", "online", "in_person", "post", "early", "on_time",
                                        "late", "pending_in_time", "pending_overdue", "returned", "apologies")}
    c["new"] = c["online"] + c["in_person"] + c["post"]
    c["received"] = c["carried_over"] + c["new"]
    c["resolved"] = c["early"] + c["on_time"] + c["late"]
    return c


def on_time_rate(c: dict[str, int]) -> Decimal | None:
    return None if c["resolved"] == 0 else D(c["early"] + c["on_time"]) * 100 / D(c["resolved"])


def online_share(c: dict[str, int]) -> Decimal | None:
    return None if c["new"] == 0 else D(c["online"]) * 100 / D(c["new"])


def totals(fields: list[dict[str, Any]]) -> dict[str, int]:
    parts = [counts_of(f) for f in fields]
    return {k: sum(p[k] for p in parts) for k in parts[0]}


# The Phụ lục III columns after TT and Lĩnh vực, in order.
FIGURE_COLUMNS = ("received", "carried_over", "online", "in_person", "post", "resolved", "early", "on_time",
                  "late", "pending_in_time", "pending_overdue", "returned", "apologies")

_WORDS = {"more_than": "Trên", "at_least": "Tối thiểu", "exactly": "Bằng", "at_most": "Tối đa",
          "less_than": "Dưới"}
_HOLDS = {"more_than": operator.gt, "at_least": operator.ge, "exactly": operator.eq,
          "at_most": operator.le, "less_than": operator.lt}


def planned(measure: dict[str, Any]) -> str:
    if measure["comparator"] == "decrease":
        text = "Giảm so với kỳ trước"
    elif measure["comparator"] == "increase":
        text = "Tăng so với kỳ trước"
    else:
        text = f"{_WORDS[measure['comparator']]} {measure['value']}{measure.get('unit', '%')}"
    return f"{text} ({measure['scope']})" if measure.get("scope") else text


def figure_rate(name: str, fields: list[dict[str, Any]]) -> Decimal | None:
    if name == "on_time_rate":
        return on_time_rate(totals(fields))
    if name == "online_share":
        return online_share(totals(fields))
    rates = [r for f in fields if (r := on_time_rate(counts_of(f))) is not None]
    return min(rates) if rates else None


def expected_targets(report: dict[str, Any], plan: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Per plan area with measures: its section title and, per measure, label, planned, reached, verdict."""
    results = {(r["target"], r.get("measure", 1)): r for r in report.get("targets", [])}
    out = []
    for a, area in enumerate(plan["areas"], start=1):
        rows = []
        for target in area.get("targets", []):
            for m, measure in enumerate(target.get("measures", []), start=1):
                r = results.get((target.get("key"), m), {})
                if "from_figures" in r:
                    reached = figure_rate(r["from_figures"], report["one_stop"]["fields"])
                else:
                    reached = D(str(r["reached"])) if "reached" in r else None
                previous = D(str(r["previous"])) if "previous" in r else None
                comparator = measure["comparator"]
                threshold = previous if comparator in ("decrease", "increase") else D(str(measure["value"]))
                if reached is None:
                    verdict = "Chưa có số liệu"
                else:
                    assert threshold is not None
                    ok = {"decrease": operator.lt, "increase": operator.gt, **_HOLDS}[comparator](reached, threshold)
                    verdict = "Đạt" if ok else "Không đạt"
                label = measure["metric"] + (f" ({measure['scope']})" if measure.get("scope") else "")
                rows.append({"label": label, "planned": planned(measure), "reached": reached,
                             "threshold": threshold, "verdict": verdict})
        if rows:
            out.append((f"{ROMAN[a - 1]}. {area['title'].upper()}", rows))
    return out


def due_date(text: str, year: int) -> dt.date | None:
    """The last day of a deadline as the plan writes it."""
    text = " ".join(text.split())
    if m := re.fullmatch(r"Năm (\d{4})", text):
        return dt.date(int(m[1]), 12, 31)
    if m := re.fullmatch(r"Tháng (\d{1,2})/(\d{4})", text):
        y, mo = int(m[2]), int(m[1])
        return dt.date(y, mo, calendar.monthrange(y, mo)[1])
    if m := re.fullmatch(r"Trước (?:ngày )?(\d{1,2})/(\d{1,2})/(\d{4})", text):
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    if m := re.fullmatch(r"Trước ngày (\d{1,2})/(\d{1,2}) hàng năm", text):
        return dt.date(year, int(m[2]), int(m[1]))
    if m := re.fullmatch(r"Quý (?:[IV]+ - )?([IV]+)/(\d{4})", text):
        last = {"I": 3, "II": 6, "III": 9, "IV": 12}[m[1]]
        return dt.date(int(m[2]), last, calendar.monthrange(int(m[2]), last)[1])
    assert text == "Thường xuyên", text
    return None


_LABELS = {"done": "Đã hoàn thành", "in_progress": "Đang thực hiện", None: "Chưa thực hiện"}


def expected_outputs(report: dict[str, Any], plan: dict[str, Any]) -> list[dict[str, Any]]:
    """Every appendix output: item, index, text, deadline, status text, evidence, overdue."""
    by_item = {t["item"]: t for t in report.get("tasks", []) if "output" not in t}
    by_output = {(t["item"], t["output"]): t for t in report.get("tasks", []) if "output" in t}
    out = []
    for group in plan["appendix"]["groups"]:
        for it in group["items"]:
            deadline = None
            for i, o in enumerate(it["outputs"], start=1):
                deadline = o.get("deadline", deadline)
                entry = by_output.get((it["number"], i)) or by_item.get(it["number"]) or {}
                status = entry.get("status")
                due = due_date(deadline, plan["year"])
                overdue = status != "done" and due is not None and due < WINDOW_END
                done_on = entry.get("done_on")
                if done_on is not None:
                    d, m, y = (int(x) for x in done_on.split("/"))
                    assert due is None or dt.date(y, m, d) <= due, "the example has no late output"
                out.append({"item": it["number"], "index": i, "count": len(it["outputs"]),
                            "content": it["content"], "text": o["text"], "deadline": deadline,
                            "status": _LABELS[status] + (" (quá hạn)" if overdue else ""),
                            "evidence": entry.get("evidence"), "overdue": overdue})
    return out


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "bao-cao.docx"
    assert render(REPORT, out) == out
    return out


@pytest.fixture(scope="module")
def doc(rendered: Path) -> DocxReader:
    return DocxReader(rendered)


@pytest.fixture(scope="module")
def main(doc: DocxReader) -> SectionInfo:
    return doc.sections[0]


@pytest.fixture(scope="module")
def appendices(doc: DocxReader) -> list[SectionInfo]:
    assert len(doc.sections) == 4, "the report and its three appendices"
    return doc.sections[1:]


def top_paragraphs(section: SectionInfo) -> list[ParaInfo]:
    return [b for b in section.blocks if isinstance(b, ParaInfo)]


def only_table(section: SectionInfo) -> TableInfo:
    tables = [b for b in section.blocks if isinstance(b, TableInfo)]
    assert len(tables) == 1
    return tables[0]


@pytest.fixture(scope="module")
def end_table(main: SectionInfo) -> TableInfo:
    return [b for b in main.blocks if isinstance(b, TableInfo)][-1]


@pytest.fixture(scope="module")
def body(main: SectionInfo, end_table: TableInfo) -> list[ParaInfo]:
    """Non-empty paragraphs from heading I to the end block."""
    blocks = main.blocks[:main.blocks.index(end_table)]
    paragraphs = [b for b in blocks if isinstance(b, ParaInfo) and b.text.strip()]
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("I. "))
    return paragraphs[start:]


_ZERO = dict.fromkeys(("carried_over", "online", "in_person", "post", "early", "on_time", "late",
                       "pending_in_time", "pending_overdue", "returned", "apologies"), 0)
VARIANT_FIGURES = {
    "source": "Số liệu thử",
    "previous": {"on_time_rate": 99.9, "online_share": 50},
    "fields": [  # every count stated (an absent one would be printed "—", not 0)
        {**_ZERO, "field": "Chứng thực", "online": 18000, "in_person": 20500, "early": 37000, "on_time": 1500},
        # on time 4901 / 5001 = 98,0004%: just above "trên 98%"
        {**_ZERO, "field": "Đất đai", "online": 1000, "in_person": 4001, "early": 4000, "on_time": 901,
         "late": 100, "apologies": 100},
        {**_ZERO, "field": "Hộ tịch", "carried_over": 3200, "online": 9500, "in_person": 8800, "post": 200,
         "early": 16000, "on_time": 2000, "late": 100, "pending_in_time": 3000, "pending_overdue": 100,
         "returned": 500, "apologies": 150},
    ],
}
VARIANT_TARGETS = [
    {"target": "vbqppl-ban-hanh", "reached": 99.999},                    # tối thiểu 100%: not 100,00%
    {"target": "ho-so-dung-han", "measure": 1, "from_figures": "lowest_on_time_rate"},  # trên 98%: 98,0004
    {"target": "ho-so-dung-han", "measure": 2, "reached": 7.5, "previous": 7.5},        # giảm: equal, not met
    {"target": "mot-cua", "measure": 2, "reached": 49.996},      # tối thiểu 50%: not 50,00%
    {"target": "dvc-truc-tuyen", "measure": 2, "from_figures": "online_share"},
    {"target": "chung-thuc-dien-tu", "measure": 1, "reached": 35.004},      # tối thiểu 35%: met, not 35,00%
    {"target": "hai-long-tthc", "measure": 1, "reached": 95},
]


@pytest.fixture(scope="module")
def variant_data() -> dict[str, Any]:
    data = json.loads(json.dumps(REPORT_DATA))
    data["one_stop"] = VARIANT_FIGURES
    data["targets"] = VARIANT_TARGETS
    return data


@pytest.fixture(scope="module")
def variant(variant_data: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> DocxReader:
    report = report_from_data(variant_data, base=EXAMPLES, source="variant")
    out = tmp_path_factory.mktemp("variant") / "bao-cao.docx"
    render(report, out)
    return DocxReader(out)


# --------------------------------------------------------------------------- header, title, Kính gửi


def test_number_and_date_line(main: SectionInfo) -> None:
    header = main.blocks[0]
    assert isinstance(header, TableInfo)
    texts = [" ".join(c.text.split()) for row in header.rows for c in row.cells]
    assert "Số: 15/BC-UBND" in texts
    assert "Lộc Bình, ngày 16 tháng 3 năm 2023" in texts
    number_row = next(row for row in header.rows if "Số: 15/BC-UBND" in row.texts[0])
    assert " ".join(number_row.texts[1].split()) == "Lộc Bình, ngày 16 tháng 3 năm 2023"


def test_type_subject_and_kinh_gui_right_after_them(main: SectionInfo) -> None:
    paragraphs = top_paragraphs(main)
    texts = [p.text for p in paragraphs]
    i = texts.index("BÁO CÁO")
    assert paragraphs[i].bold and paragraphs[i].align == "center"
    subject = paragraphs[i + 1]
    assert subject.text == "Kết quả thực hiện công tác cải cách hành chính quý I năm 2023"
    assert subject.bold and subject.align == "center"
    following = [p for p in paragraphs[i + 2:] if p.text.strip()]
    assert following[0].text == "Kính gửi: Phòng Nội vụ huyện Phú Lộc."
    assert following[1].text == HEADINGS[0]


def test_headings_i_to_v_in_order(body: list[ParaInfo]) -> None:
    found = [p for p in body if re.match(r"(I|II|III|IV|V|VI|VII|VIII|IX|X)\. ", p.text)]
    assert [p.text for p in found] == HEADINGS
    assert all(p.bold for p in found)


def test_part_i_holds_the_direction_and_part_ii_one_heading_per_area(body: list[ParaInfo]) -> None:
    texts = [p.text for p in body]
    i, ii, iii = (texts.index(h) for h in HEADINGS[:3])
    assert texts[i + 1:ii] == REPORT_DATA["direction"]
    area_headings = [t for t in texts[ii:iii] if re.match(r"\d+\. ", t)]
    assert area_headings == [f"{n}. {a['title']}" for n, a in enumerate(PLAN_DATA["areas"], start=1)]
    position = {(a.get("key") or a["kind"]): n for n, a in enumerate(PLAN_DATA["areas"], start=1)}
    for narrative in REPORT_DATA["areas"]:
        n = position[narrative["area"]]
        title = f"{n}. {PLAN_DATA['areas'][n - 1]['title']}"
        at = texts.index(title)
        assert texts[at + 1:at + 1 + len(narrative["paragraphs"])] == narrative["paragraphs"]


def test_the_body_ends_with_the_closing_mark(body: list[ParaInfo]) -> None:
    last = body[-1]
    assert last.text.startswith("Trên đây là báo cáo")
    assert last.text.endswith("./.")


def test_the_closing_mark_does_not_double_the_full_stop(body: list[ParaInfo]) -> None:
    assert not body[-1].text.endswith("../."), body[-1].text


def test_recipients_start_with_as_above_and_end_with_the_archive(end_table: TableInfo) -> None:
    left = end_table.rows[0].cells[0]
    lines = [p.text for p in left.paragraphs if p.text.strip()]
    assert lines == ["Nơi nhận:", "- Như trên;", *(f"- {r};" for r in REPORT_DATA["recipients"]),
                     "- Lưu: VT, CCHC."]
    right = [p.text for p in end_table.rows[0].cells[1].paragraphs if p.text.strip()]
    assert right == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Dương Quang Hùng"]


# --------------------------------------------------------------------------- the appendix sections


@pytest.mark.parametrize("n", [1, 2, 3])
def test_each_appendix_is_a_landscape_section_numbered_from_one(appendices: list[SectionInfo], n: int) -> None:
    section = appendices[n - 1]
    assert section.landscape and section.orient == "landscape"
    assert abs(section.page_w - 16838) <= 2 and abs(section.page_h - 11906) <= 2
    assert section.pgnum_start == 1
    assert section.title_pg
    default, first = section.headers["default"], section.headers["first"]
    assert default is not None and default.has_page_field
    assert first is None or not first.has_page_field


@pytest.mark.parametrize("n", [1, 2, 3])
def test_each_appendix_heading_reference_and_data_note(appendices: list[SectionInfo], n: int) -> None:
    paragraphs = [p for p in top_paragraphs(appendices[n - 1]) if p.text.strip()]
    heading = paragraphs[0]
    assert heading.text == f"Phụ lục {ROMAN[n - 1]}"
    assert heading.bold and heading.align == "center"
    texts = [p.text for p in paragraphs]
    ref = texts.index(REFERENCE)
    assert paragraphs[ref].italic and paragraphs[ref].align == "center"
    titles = paragraphs[1:ref]
    assert titles and all(p.bold and p.text == p.text.upper() for p in titles)
    assert "QUÝ I NĂM 2023" in titles[-1].text
    note = f"({REPORT_DATA['data_note']})"
    assert note == "(Số liệu minh họa)"
    assert note in texts[ref + 1:], "the data note is printed under the appendix's title"


def test_the_appendices_are_the_targets_the_tasks_and_the_one_stop_figures(
        appendices: list[SectionInfo]) -> None:
    titles = [" ".join(p.text for p in top_paragraphs(s)[1:3]) for s in appendices]
    assert "CHỈ TIÊU" in titles[0]
    assert "NHIỆM VỤ" in titles[1]
    assert "MỘT CỬA" in titles[2]


# --------------------------------------------------------------------------- Phụ lục I: targets


def measure_rows(table: TableInfo) -> list[tuple[str, RowInfo]]:
    """(section title, row) of every measure row."""
    out = []
    section = ""
    for row in table.rows[1:]:
        if len(row.cells) == 1:
            section = row.cells[0].text
        else:
            out.append((section, row))
    return out


def test_targets_table_has_a_row_per_measure_of_the_plan(appendices: list[SectionInfo]) -> None:
    table = only_table(appendices[0])
    assert table.rows[0].texts == ["TT", "Chỉ tiêu", "Kế hoạch", "Kết quả đạt được", "Đánh giá"]
    assert table.rows[0].tbl_header
    measures = sum(len(t.get("measures", [])) for a in PLAN_DATA["areas"] for t in a.get("targets", []))
    assert measures == 30
    assert len(measure_rows(table)) == measures


def test_targets_table_planned_reached_and_verdicts(appendices: list[SectionInfo]) -> None:
    table = only_table(appendices[0])
    expected = [(title, n, m) for title, rows in expected_targets(REPORT_DATA, PLAN_DATA)
                for n, m in enumerate(rows, start=1)]
    actual = measure_rows(table)
    assert len(actual) == len(expected)
    for (section, row), (title, n, m) in zip(actual, expected, strict=True):
        tt, label, plan_text, reached, verdict = row.texts
        assert (section, tt, label) == (title, str(n), m["label"])
        assert plan_text == m["planned"]
        assert verdict == m["verdict"], (label, reached)
        if m["reached"] is None:
            assert reached == "—"
        else:
            shown = parse_number(reached)
            assert abs(shown - m["reached"]) < D("0.006"), (reached, m["reached"])
            assert side(shown, m["threshold"]) == side(m["reached"], m["threshold"]), reached
    verdicts = [m["verdict"] for _, _, m in expected]
    assert (verdicts.count("Đạt"), verdicts.count("Không đạt")) == (6, 3)


def test_a_planned_text_as_the_decree_words_it(appendices: list[SectionInfo]) -> None:
    texts = [row.texts[2] for _, row in measure_rows(only_table(appendices[0]))]
    assert "Trên 98% (trong từng lĩnh vực)" in texts
    assert "Giảm so với kỳ trước (lĩnh vực đất đai liên thông cấp huyện)" in texts


def test_reached_values_are_never_rounded_across_the_threshold(variant: DocxReader,
                                                               variant_data: dict[str, Any]) -> None:
    table = only_table(variant.sections[1])
    expected = [m for _, rows in expected_targets(variant_data, PLAN_DATA) for m in rows]
    actual = [row for _, row in measure_rows(table)]
    checked = 0
    for row, m in zip(actual, expected, strict=True):
        if m["reached"] is None:
            continue
        reached, verdict = row.texts[3], row.texts[4]
        shown = parse_number(reached)
        assert side(shown, m["threshold"]) == side(m["reached"], m["threshold"]), (reached, m)
        assert verdict == m["verdict"], (row.texts[1], reached)
        checked += 1
    assert checked == len(VARIANT_TARGETS)
    shown = {row.texts[3] for row in actual}
    assert {"99,999%", "49,996%", "35,004%"} <= shown
    assert "98,0004%" in shown or "98,00040%" in shown
    assert not {"100,00%", "50,00%", "35,00%", "98,00%"} & shown


# --------------------------------------------------------------------------- Phụ lục II: tasks


def output_rows(table: TableInfo) -> list[RowInfo]:
    return [row for row in table.rows[1:] if len(row.cells) > 1]


def test_tasks_table_has_a_row_per_output(appendices: list[SectionInfo]) -> None:
    table = only_table(appendices[1])
    assert table.rows[0].tbl_header
    expected = expected_outputs(REPORT_DATA, PLAN_DATA)
    assert len(expected) == 34
    assert len(output_rows(table)) == len(expected)
    sections = [row.cells[0].text for row in table.rows[1:] if len(row.cells) == 1]
    assert sections == [f"{ROMAN[g]}. {grp['title']}" for g, grp in enumerate(PLAN_DATA["appendix"]["groups"])]


def test_tasks_table_statuses_and_merged_item_cells(appendices: list[SectionInfo]) -> None:
    rows = output_rows(only_table(appendices[1]))
    for row, o in zip(rows, expected_outputs(REPORT_DATA, PLAN_DATA), strict=True):
        tt, content, product, deadline, status, evidence = row.cells
        assert product.text == o["text"]
        assert deadline.text == o["deadline"]
        assert status.text == o["status"], (o["item"], o["index"])
        if o["evidence"]:
            assert o["evidence"] in evidence.text
        if o["count"] == 1:
            assert (tt.text, tt.v_merge, content.v_merge) == (str(o["item"]), None, None)
        elif o["index"] == 1:
            assert (tt.text, tt.v_merge, content.v_merge) == (str(o["item"]), "restart", "restart")
            assert content.text == o["content"]
        else:
            assert (tt.v_merge, content.v_merge) == ("continue", "continue")
            assert tt.text == "" and content.text == ""


def test_the_overdue_output_is_item_19(appendices: list[SectionInfo]) -> None:
    overdue = [o for o in expected_outputs(REPORT_DATA, PLAN_DATA) if o["overdue"]]
    assert [(o["item"], o["index"]) for o in overdue] == [(19, 1)]
    marked = [row for row in output_rows(only_table(appendices[1])) if "(quá hạn)" in row.cells[4].text]
    assert len(marked) == 1
    assert marked[0].cells[0].text == "19"
    assert marked[0].cells[4].text == "Đang thực hiện (quá hạn)"


# --------------------------------------------------------------------------- Phụ lục III: one-stop figures


def assert_figures_table(table: TableInfo, fields: list[dict[str, Any]],
                         thresholds: tuple[Decimal, ...] = ()) -> None:
    top, second = table.rows[0], table.rows[1]
    assert top.tbl_header and second.tbl_header
    assert [c.grid_span for c in top.cells] == [1, 1, 5, 4, 2, 1, 1, 1]
    assert sum(c.grid_span for c in top.cells) == len(table.grid_cols) == 16
    assert [top.cells[i].text for i in (0, 1)] == ["TT", "Lĩnh vực"]
    assert "tiếp nhận" in top.cells[2].text and "giải quyết" in top.cells[3].text
    assert "Đang giải quyết" in top.cells[4].text
    for i in (0, 1, 5, 6, 7):
        assert top.cells[i].v_merge == "restart", top.cells[i].text
    assert len(second.cells) == 16
    for i in (0, 1, 13, 14, 15):
        assert second.cells[i].v_merge == "continue" and second.cells[i].text == ""
    assert [c.text for c in second.cells[2:13]] == [
        "Tổng số", "Kỳ trước chuyển sang", "Trực tuyến", "Trực tiếp", "Bưu chính công ích",
        "Tổng số", "Trước hạn", "Đúng hạn", "Trễ hạn", "Trong hạn", "Quá hạn"]
    body = table.rows[2:]
    assert len(body) == len(fields) + 1, "one row per field and the total"
    for n, (row, f) in enumerate(zip(body[:-1], fields, strict=True), start=1):
        c = counts_of(f)
        assert row.texts == [str(n), f["field"], *(count(c[k]) for k in FIGURE_COLUMNS),
                             rate_text(on_time_rate(c), thresholds)]
        assert not any(p.bold for cell in row.cells for p in cell.paragraphs if p.text.strip())
    total_row = body[-1]
    t = totals(fields)
    assert "Tổng" in total_row.texts[1]
    assert total_row.texts[2:] == [*(count(t[k]) for k in FIGURE_COLUMNS), rate_text(on_time_rate(t), thresholds)]
    assert all(p.bold for cell in total_row.cells for p in cell.paragraphs if p.text.strip())


def test_figures_table(appendices: list[SectionInfo]) -> None:
    table = only_table(appendices[2])
    assert_figures_table(table, REPORT_DATA["one_stop"]["fields"])
    total = table.rows[-1].texts
    assert total[2] == "688" and total[-1] == "99,40%"  # the example's sums, checked by hand


def test_figures_table_groups_thousands_with_dots(variant: DocxReader) -> None:
    table = only_table(variant.sections[3])
    assert_figures_table(table, VARIANT_FIGURES["fields"], plan_thresholds(PLAN_DATA))
    total = table.rows[-1].texts
    assert total[2] == "65.201" and total[7] == "61.601"
    assert total[-1] == "99,68%"
    land = table.rows[3].texts
    assert land[1] == "Đất đai" and land[2] == "5.001" and land[10] == "100"
    # 98,0004% against "trên 98%": as Phụ lục I prints it, not "98,00%"
    assert land[-1] == "98,0004%"


def plan_thresholds(plan: dict[str, Any]) -> tuple[Decimal, ...]:
    return tuple(D(str(m["value"])) for a in plan["areas"] for t in a.get("targets", [])
                 for m in t.get("measures", []) if m.get("unit", "%") == "%" and "value" in m)


def points(now: Decimal, before: Decimal) -> str:
    diff = two_places(now) - two_places(before)
    word = "tăng" if diff > 0 else "giảm"
    return f"{word} {abs(diff):.2f}".replace(".", ",") + " điểm phần trăm"


def figures_paragraph(paragraphs: list[ParaInfo]) -> str:
    found = [p.text for p in paragraphs if p.text.startswith("Tổng số hồ sơ tiếp nhận")]
    assert len(found) == 1
    return found[0]


def assert_summary(text: str, figures: dict[str, Any]) -> None:
    t = totals(figures["fields"])
    assert f"Tổng số hồ sơ tiếp nhận: {count(t['received'])} hồ sơ" in text
    assert f"kỳ trước chuyển sang {count(t['carried_over'])}" in text
    assert f"mới tiếp nhận {count(t['new'])}" in text
    assert f"trực tuyến {count(t['online'])}, trực tiếp {count(t['in_person'])}" in text
    assert f"Đã giải quyết {count(t['resolved'])} hồ sơ" in text
    assert f"trước hạn {count(t['early'])}, đúng hạn {count(t['on_time'])}, trễ hạn {count(t['late'])}" in text
    previous = figures["previous"]
    rate, share = on_time_rate(t), online_share(t)
    assert rate is not None and share is not None
    assert (f"tỷ lệ giải quyết đúng hạn {rate_text(rate)} "
            f"({points(rate, D(str(previous['on_time_rate'])))} so với kỳ trước)") in text
    assert (f"tỷ lệ tiếp nhận trực tuyến {rate_text(share)} "
            f"({points(share, D(str(previous['online_share'])))} so với kỳ trước)") in text
    assert "Phụ lục III" in text


def test_the_body_quotes_the_same_totals_and_the_change_in_points(body: list[ParaInfo]) -> None:
    text = figures_paragraph(body)
    assert_summary(text, REPORT_DATA["one_stop"])
    assert "tăng 0,55 điểm phần trăm" in text  # 99,40 − 98,85, checked by hand
    texts = [p.text for p in body]
    procedures = next(i for i, a in enumerate(PLAN_DATA["areas"], 1) if a["kind"] == "procedures")
    start = texts.index(f"{procedures}. {PLAN_DATA['areas'][procedures - 1]['title']}")
    end = texts.index(f"{procedures + 1}. {PLAN_DATA['areas'][procedures]['title']}")
    assert start < texts.index(text) < end, "under the area of administrative procedures"


def test_the_variant_body_quotes_grouped_counts_and_a_fall(variant: DocxReader) -> None:
    paragraphs = [b for b in variant.sections[0].blocks if isinstance(b, ParaInfo)]
    text = figures_paragraph(paragraphs)
    assert_summary(text, VARIANT_FIGURES)
    assert "65.201" in text
    assert "giảm 0,22 điểm phần trăm" in text  # 99,68 − 99,90


# --------------------------------------------------------------------------- fonts and stability


def test_every_run_is_times_new_roman(doc: DocxReader) -> None:
    runs = doc.all_runs()
    assert len(runs) > 300
    wrong = [(r.text[:30], r.fonts) for r in runs if set(r.fonts.values()) != {TNR}]
    assert not wrong, wrong[:5]


def test_the_same_report_gives_the_same_bytes(rendered: Path, tmp_path: Path) -> None:
    again = render(REPORT, tmp_path / "lai.docx")
    assert again.read_bytes() == rendered.read_bytes()


# --------------------------------------------------------------------------- PDF

_MISSING = missing_pdf_tools()
needs_pdf = pytest.mark.skipif(bool(_MISSING), reason=f"PDF checks need {', '.join(_MISSING)}, not installed here")


class Pdf:
    def __init__(self, path: Path) -> None:
        self.pages = pdf_pages_text(path)
        self.sizes = pdf_page_sizes(path)
        self.first = [first_line(p) for p in self.pages]


@pytest.fixture(scope="module")
def pdf(rendered: Path, tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    out = to_pdf(rendered, tmp_path_factory.mktemp("pdf") / "bao-cao.pdf")
    assert out.read_bytes().startswith(b"%PDF")
    return Pdf(out)


def landscape(size: tuple[float, float]) -> bool:
    return size[0] > size[1]


def is_a4(size: tuple[float, float]) -> bool:
    w, h = sorted(size)
    return abs(w - 595.3) <= 2 and abs(h - 841.9) <= 2


@needs_pdf
def test_pdf_portrait_pages_then_landscape_appendix_pages(pdf: Pdf) -> None:
    assert all(is_a4(s) for s in pdf.sizes)
    flags = [landscape(s) for s in pdf.sizes]
    k = flags.index(True)
    assert k >= 2, "the report itself takes more than one page"
    assert not any(flags[:k]) and all(flags[k:])
    assert pdf.first[k] == "Phụ lục I"


def appendix_starts(pdf: Pdf) -> list[int]:
    starts = []
    for n in ("I", "II", "III"):
        found = [i for i, line in enumerate(pdf.first) if line == f"Phụ lục {n}"]
        assert len(found) == 1, (n, pdf.first)
        starts.append(found[0])
    assert starts == sorted(starts)
    return starts


@needs_pdf
def test_pdf_each_appendix_starts_a_page_without_a_number_and_numbers_again_from_two(pdf: Pdf) -> None:
    starts = appendix_starts(pdf)
    ends = [*starts[1:], len(pdf.pages)]
    long_ones = 0
    for start, end in zip(starts, ends, strict=True):
        assert landscape(pdf.sizes[start])
        assert not re.fullmatch(r"\d+", pdf.first[start])
        assert REFERENCE.strip("()") in " ".join(pdf.pages[start].split())
        assert pdf.first[start + 1:end] == [str(n) for n in range(2, end - start + 1)]
        long_ones += end - start >= 2
    assert long_ones >= 1, "at least one appendix runs over two pages (Phụ lục II has 34 rows)"


@needs_pdf
def test_pdf_body_page_one_has_no_number_and_page_two_shows_2(pdf: Pdf) -> None:
    k = appendix_starts(pdf)[0]
    assert pdf.first[0].startswith("ỦY BAN NHÂN DÂN")
    assert pdf.first[1] == "2"
    assert pdf.first[1:k] == [str(n) for n in range(2, k + 1)]
    assert "Kính gửi: Phòng Nội vụ huyện Phú Lộc." in pdf.pages[0]
    assert "- Như trên;" in pdf.pages[k - 1] and "- Lưu: VT, CCHC." in pdf.pages[k - 1]


@needs_pdf
def test_pdf_shows_the_overdue_output_and_the_totals(pdf: Pdf) -> None:
    starts = appendix_starts(pdf)
    tasks = " ".join(pdf.pages[starts[1]:starts[2]])
    assert "(quá hạn)" in tasks
    figures = " ".join(pdf.pages[starts[2]:])
    assert "99,40%" in figures and "688" in figures
