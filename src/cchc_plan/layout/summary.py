"""A summary of units' reports laid out as an ND30 report — *báo cáo tổng hợp*.

Body: which reports came in (and which did not, or are for another period),
the one-stop results, the targets, the overdue tasks. Appendices, each from
page 1: I one-stop figures per unit with totals; II ranking by on-time rate
with the change against the previous period; III attainment of each target
by unit; IV overdue outputs by unit; V the charts.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from . import components
from ..model.figures import FieldFigures
from ..model.summary import NOT_JUDGED, NOT_PLANNED, Summary, SummaryDocument
from ..vnformat import count, number, rate, short_date, upper
from .blocks import (
    Addressees,
    Align,
    AppendixPart,
    Block,
    Cell,
    Column,
    Document,
    Figure,
    Heading,
    Meta,
    Paragraph,
    Row,
    RowKind,
    Table,
    Title,
)

__all__ = ["MATRIX_COLUMNS", "Chart", "layout_summary", "points_text", "rate_text"]

MATRIX_COLUMNS = 14
"""Targets per attainment table (a wider table would not fit the page)."""
MARKS = {"Đạt": "Đ", "Không đạt": "KĐ", NOT_JUDGED: "CĐG", NOT_PLANNED: NOT_PLANNED}
"""The matrix's marks: one row per unit stays short enough for 3,000 units."""


@attrs.frozen(kw_only=True)
class Chart:
    """A chart of the summary: its file name stem, caption and PNG bytes."""

    name: str
    caption: str
    png: bytes = attrs.field(repr=False)
    width_cm: float = 16.0
    height_cm: float = 9.0


def rate_text(value: Decimal | None) -> str:
    """``99,40%``, ``100%``; ``—`` when there is no rate (:func:`~cchc_plan.vnformat.rate`)."""
    return "—" if value is None else rate(value)


def points_text(value: Decimal | None) -> str:
    """``+0,55``, ``-1,20``, ``0,00``; ``—`` when there is nothing to compare."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else "-" if value < 0 else ""
    return sign + number(abs(value), 2)


def _header(titles: Sequence[str]) -> Row:
    return Row(kind=RowKind.HEADER, cells=tuple(Cell(lines=(t,), align=Align.CENTER, bold=True) for t in titles))


def _c(text: str, *, bold: bool = False, left: bool = False) -> Cell:
    return Cell(lines=(text,), align=Align.LEFT if left else Align.CENTER, bold=bold)


_FIGURE_TITLES = ("Tổng số", "Kỳ trước chuyển sang", "Trực tuyến", "Trực tiếp", "Bưu chính công ích",
                  "Tổng số", "Trước hạn", "Đúng hạn", "Trễ hạn", "Trong hạn", "Quá hạn")


def _figure_row(n: str, f: FieldFigures, *, bold: bool = False) -> Row:
    counts = (f.received, f.carried_over, f.online, f.in_person, f.post, f.resolved, f.early, f.on_time,
              f.late, f.pending_in_time, f.pending_overdue, f.returned, f.apologies)
    return Row(cells=(_c(n, bold=bold), _c(f.field, bold=bold, left=True),
                      *(_c(count(c), bold=bold) for c in counts), _c(rate_text(f.on_time_rate), bold=bold)))


def figures_table(summary: Summary) -> Table:
    """Appendix I: one row per unit with figures, then the total."""
    columns = (Column(title="TT", weight=3), Column(title="Đơn vị", weight=15),
               *(Column(title=t, weight=6) for t in _FIGURE_TITLES),
               Column(title="Trả lại, rút hồ sơ", weight=5), Column(title="Thư xin lỗi", weight=5),
               Column(title="Tỷ lệ đúng hạn", weight=7))

    def top(title: str, span: int = 1) -> Cell:
        return Cell(lines=(title,), align=Align.CENTER, bold=True, span=span)

    down = Cell(merge_up=True)
    rows = [Row(kind=RowKind.HEADER, cells=(
        top("TT"), top("Đơn vị"), top("Số hồ sơ tiếp nhận", 5), top("Số hồ sơ đã giải quyết", 4),
        top("Đang giải quyết", 2), top("Trả lại, rút hồ sơ"), top("Thư xin lỗi"), top("Tỷ lệ đúng hạn"))),
        Row(kind=RowKind.HEADER, cells=(down, down, *(top(t) for t in _FIGURE_TITLES), down, down, down))]
    with_figures = [u for u in summary.units if u.figures is not None]
    rows += [_figure_row(str(i), u.figures) for i, u in enumerate(with_figures, start=1) if u.figures]
    rows.append(_figure_row("", summary.total, bold=True))
    return Table(columns=columns, rows=tuple(rows))


def ranking_table(summary: Summary) -> Table:
    """Appendix II: units by on-time rate, the previous period's rate and the change in points."""
    columns = (Column(title="Hạng", weight=5), Column(title="Đơn vị", weight=25),
               Column(title="Đã giải quyết", weight=10), Column(title="Trước hạn và đúng hạn", weight=11),
               Column(title="Tỷ lệ đúng hạn", weight=10), Column(title="Tỷ lệ đúng hạn kỳ trước", weight=11),
               Column(title="Tăng (+), giảm (-) so với kỳ trước (điểm %)", weight=14),
               Column(title="Tỷ lệ tiếp nhận trực tuyến", weight=11))
    rows = [_header([c.title for c in columns])]
    for rank, u in summary.ranking():
        f = u.figures
        rows.append(Row(cells=(
            _c(str(rank) if rank is not None else "—"), _c(u.name, left=True),
            _c(count(f.resolved) if f else "—"), _c(count(f.in_time) if f else "—"),
            _c(rate_text(u.on_time_rate)), _c(rate_text(u.previous_on_time)), _c(points_text(u.change)),
            _c(rate_text(u.online_share)))))
    return Table(columns=columns, rows=tuple(rows))


def _verdict_cell(verdict: str) -> Cell:
    return Cell(lines=(MARKS[verdict],), align=Align.CENTER, bold=verdict == "Không đạt")


def attainment_blocks(summary: Summary) -> list[Block]:
    """Appendix III: per target, how many units met it; then the matrix unit × target, a few targets a table."""
    measures = summary.measures
    if not measures:
        return [Paragraph.of("Kế hoạch của các đơn vị không có chỉ tiêu có số đo.", indent=False)]
    columns = (Column(title="TT", weight=4), Column(title="Chỉ tiêu", weight=46), Column(title="Đạt", weight=10),
               Column(title="Không đạt", weight=10), Column(title=NOT_JUDGED, weight=14),
               Column(title="Không có trong kế hoạch", weight=16))
    rows = [_header([c.title for c in columns])]
    for i, key in enumerate(measures, start=1):
        counts = summary.attainment(key)
        rows.append(Row(cells=(_c(str(i)), _c(key.label, left=True), _c(number(counts["Đạt"])),
                               _c(number(counts["Không đạt"])), _c(number(counts[NOT_JUDGED])),
                               _c(number(counts[NOT_PLANNED])))))
    blocks: list[Block] = [
        Paragraph.of("1. Số đơn vị đạt từng chỉ tiêu", bold=True, indent=False),
        Table(columns=columns, rows=tuple(rows)),
        Paragraph.of("2. Đánh giá từng chỉ tiêu theo đơn vị", bold=True, indent=False),
        Paragraph.of(f"(Chỉ tiêu đánh số theo mục 1. Đ: đạt; KĐ: không đạt; CĐG: chưa đánh giá; "
                     f"{NOT_PLANNED}: kế hoạch của đơn vị không có chỉ tiêu này)",
                     italic=True, align=Align.CENTER, indent=False),
    ]
    for start in range(0, len(measures), MATRIX_COLUMNS):
        chunk = list(enumerate(measures, start=1))[start:start + MATRIX_COLUMNS]
        cols = (Column(title="TT", weight=4), Column(title="Đơn vị", weight=22),
                *(Column(title=str(i), weight=74 / MATRIX_COLUMNS) for i, _ in chunk))
        matrix = [_header([c.title for c in cols])]
        for n, u in enumerate(summary.units, start=1):
            matrix.append(Row(cells=(_c(str(n)), _c(u.name, left=True),
                                     *(_verdict_cell(u.verdict(key)) for _, key in chunk))))
        if start:
            blocks.append(Paragraph.of("", indent=False))
        blocks.append(Table(columns=cols, rows=tuple(matrix)))
    return blocks


def overdue_lines(summary: Summary) -> list[tuple[str, int, tuple[str, ...]]]:
    """``(unit, count, lines)`` for each unit with overdue outputs: ``TT 5: Kế hoạch (Tháng 01/2023)``."""
    return [(u.name, len(u.overdue), tuple(
        f"TT {o.item}: {' '.join(o.text.split())} ({o.deadline})" for o in u.overdue))
        for u in summary.units if u.overdue]


def overdue_table(summary: Summary) -> Table:
    """Appendix IV: one row per unit with overdue outputs, each output on a line of its own."""
    columns = (Column(title="TT", weight=4), Column(title="Đơn vị", weight=22),
               Column(title="Số sản phẩm quá hạn", weight=10),
               Column(title="Sản phẩm quá hạn (nhiệm vụ, sản phẩm, thời gian hoàn thành)", weight=64))
    rows = [_header([c.title for c in columns])]
    late = overdue_lines(summary)
    for n, (name, overdue, lines) in enumerate(late, start=1):
        rows.append(Row(cells=(_c(str(n)), _c(name, left=True), _c(number(overdue)), Cell(lines=lines))))
    rows.append(Row(cells=(_c(""), _c("Tổng cộng", bold=True, left=True),
                           _c(number(sum(c for _, c, _ in late)), bold=True), _c(""))))
    return Table(columns=columns, rows=tuple(rows))


def _listing(names: Sequence[str]) -> str:
    return ", ".join(names) + "."


def _body(summary: Summary, doc: SummaryDocument) -> list[Block]:
    body: list[Block] = []
    period = summary.period.phrase
    start, end = summary.period.window
    got = len(summary.units)
    expected = got + len(summary.missing)
    body.append(Heading(level=1, label="I.", text="TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ"))
    body.append(Paragraph.of(
        f"Đã tổng hợp {number(got)}" + (f"/{number(expected)}" if summary.missing else "")
        + f" báo cáo kết quả thực hiện công tác cải cách hành chính {period} của các đơn vị "
        f"(số liệu từ ngày {short_date(start)} đến ngày {short_date(end)})."))
    if summary.missing:
        body.append(Paragraph.of(f"Đơn vị chưa gửi báo cáo ({number(len(summary.missing))} đơn vị): "
                                 + _listing(summary.missing)))
    else:
        body.append(Paragraph.of("Tất cả các đơn vị đã gửi báo cáo." if doc.units else
                                 "Danh sách đơn vị phải báo cáo chưa được cung cấp (units), "
                                 "nên chưa xác định được đơn vị chưa gửi báo cáo."))
    if summary.other_period:
        body.append(Paragraph.of(
            f"Báo cáo không đúng kỳ {period}, không tổng hợp ({number(len(summary.other_period))} báo cáo): "
            + _listing([f"{u.name} (báo cáo {u.period.phrase}, số {u.report_number})"
                        for u in summary.other_period])))
    body.append(Heading(level=1, label="II.", text="KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"))
    t = summary.total
    with_figures = [u for u in summary.units if u.figures is not None]
    body.append(Paragraph.of(
        f"Tổng số hồ sơ tiếp nhận của {number(len(with_figures))} đơn vị: {count(t.received)} hồ sơ "
        f"(kỳ trước chuyển sang {count(t.carried_over)}, mới tiếp nhận {count(t.new)}; trong đó trực tuyến "
        f"{count(t.online)}, trực tiếp {count(t.in_person)}, qua bưu chính công ích {count(t.post)}); "
        f"tỷ lệ tiếp nhận trực tuyến {rate_text(t.online_share)}. Đã giải quyết {count(t.resolved)} hồ sơ "
        f"(trước hạn {count(t.early)}, đúng hạn {count(t.on_time)}, trễ hạn {count(t.late)}); tỷ lệ giải "
        f"quyết đúng hạn {rate_text(t.on_time_rate)}. Đang giải quyết {count(t.pending)} hồ sơ (quá hạn "
        f"{count(t.pending_overdue)}); đã gửi {count(t.apologies)} thư xin lỗi (chi tiết tại Phụ lục I)."))
    ranked = [(r, u) for r, u in summary.ranking() if r is not None]
    if ranked:
        best, worst = ranked[0][1], ranked[-1][1]
        changes = [u.change for u in summary.units if u.change is not None]
        up = sum(1 for c in changes if c > 0)
        down = sum(1 for c in changes if c < 0)
        body.append(Paragraph.of(
            f"Đơn vị có tỷ lệ giải quyết đúng hạn cao nhất: {best.name} ({rate_text(best.on_time_rate)}); "
            f"thấp nhất: {worst.name} ({rate_text(worst.on_time_rate)}). So với kỳ trước, {number(up)} đơn vị "
            f"tăng, {number(down)} đơn vị giảm, {number(len(changes) - up - down)} đơn vị không đổi"
            + (f"; {number(len(summary.units) - len(changes))} đơn vị không có số liệu kỳ trước"
               if len(changes) < len(summary.units) else "")
            + " (xếp hạng tại Phụ lục II, biểu đồ tại Phụ lục V)."))
    if summary.without_figures:
        body.append(Paragraph.of("Đơn vị chưa có số liệu giải quyết thủ tục hành chính: "
                                 + _listing([u.name for u in summary.without_figures])))
    body.append(Heading(level=1, label="III.", text="KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"))
    measures = summary.measures
    if not measures:
        body.append(Paragraph.of("Kế hoạch của các đơn vị không có chỉ tiêu có số đo."))
    for key in measures:
        counts = summary.attainment(key)
        planned = len(summary.units) - counts[NOT_PLANNED]
        body.append(Paragraph.of(
            f"- {key.label}: {number(counts['Đạt'])}/{number(planned)} đơn vị đạt, "
            f"{number(counts['Không đạt'])} không đạt, {number(counts[NOT_JUDGED])} chưa đánh giá."))
    body.append(Paragraph.of("(Chi tiết tại Phụ lục III).", italic=True))
    body.append(Heading(level=1, label="IV.", text="TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ"))
    late = [u for u in summary.units if u.overdue]
    outputs = sum(u.outputs for u in summary.units)
    done = sum(u.done for u in summary.units)
    body.append(Paragraph.of(
        f"Các đơn vị đã hoàn thành {number(done)}/{number(outputs)} sản phẩm theo phụ lục kế hoạch; "
        + (f"{number(len(late))} đơn vị có {number(sum(len(u.overdue) for u in late))} sản phẩm quá hạn "
           "(chi tiết tại Phụ lục IV)." if late else "không có sản phẩm quá hạn.")))
    body.append(Paragraph.of(
        f"Trên đây là báo cáo tổng hợp kết quả thực hiện công tác cải cách hành chính {period} "
        f"của {doc.issuer.short_name}."))
    return body


def layout_summary(summary: Summary, doc: SummaryDocument, charts: Sequence[Chart] = ()) -> Document:
    """The summary as ND30 blocks, with its appendices (the charts in the last one)."""
    agency = doc.issuer
    reference = f"(Kèm theo {components.reference(doc.number, doc.date, agency)})"
    note: tuple[Block, ...] = (Paragraph.of(f"({doc.data_note})", italic=True, align=Align.CENTER, indent=False),) \
        if doc.data_note else ()
    period = upper(summary.period.phrase)
    appendices = [
        AppendixPart(heading="Phụ lục I", title=("KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH THEO ĐƠN VỊ", period),
                     reference=reference, body=(*note, figures_table(summary))),
        AppendixPart(heading="Phụ lục II", title=("XẾP HẠNG CÁC ĐƠN VỊ THEO TỶ LỆ GIẢI QUYẾT HỒ SƠ ĐÚNG HẠN",
                                                  period),
                     reference=reference, body=(*note, ranking_table(summary))),
        AppendixPart(heading="Phụ lục III", title=("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU THEO ĐƠN VỊ", period),
                     reference=reference, body=(*note, *attainment_blocks(summary))),
        AppendixPart(heading="Phụ lục IV", title=("SẢN PHẨM QUÁ HẠN THEO ĐƠN VỊ", period),
                     reference=reference, body=(*note, overdue_table(summary))),
    ]
    if charts:
        appendices.append(AppendixPart(
            heading="Phụ lục V", title=("BIỂU ĐỒ", period), reference=reference, landscape=False,
            body=(*note, *(Figure(png=c.png, width_cm=c.width_cm, height_cm=c.height_cm, caption=c.caption)
                           for c in charts))))
    subject = doc.subject or f"Tổng hợp kết quả thực hiện công tác cải cách hành chính {summary.period.phrase}"
    return Document(
        header=components.header(agency, doc.number, doc.date, summary.period.year),
        title=Title(doc_type="BÁO CÁO", subject=tuple(subject.split("\n"))),
        addressees=Addressees(names=doc.addressees) if doc.addressees else None,
        body=tuple(_body(summary, doc)),
        end=components.end_block(doc.recipients, doc.archive, doc.signer, as_above=bool(doc.addressees)),
        appendices=tuple(appendices),
        meta=Meta(title=f"Báo cáo: {' '.join(subject.split())}", author=agency.short_name, date=doc.date),
    )
