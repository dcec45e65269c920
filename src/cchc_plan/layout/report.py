"""A report laid out as an ND30 document: :class:`~cchc_plan.report.Report` → :class:`~cchc_plan.layout.Document`.

Body in the common outline (I–V), Kính gửi, recipients starting "- Như trên;",
and three appendices each numbered from page 1: targets, task progress, one-stop figures.
"""

from __future__ import annotations

from decimal import Decimal

from . import components
from ..model.figures import FieldFigures, OneStopFigures
from .blocks import (
    Addressees,
    Align,
    AppendixPart,
    Block,
    Cell,
    Column,
    Document,
    Heading,
    Meta,
    Paragraph,
    Row,
    RowKind,
    Table,
    Title,
)
from ..model.plan import AreaKind, Measure
from ..model.report import MeasureOutcome, OutputProgress, Report
from ..vnformat import number, percent, roman, short_date, upper

__all__ = ["figures_summary", "layout_report", "planned_text", "reached_text"]

def planned_text(measure: Measure) -> str:
    """What the plan asks: ``Trên 98% (trong từng lĩnh vực)``, ``Giảm so với kỳ trước``."""
    return measure.requirement()


def reached_text(outcome: MeasureOutcome) -> str:
    """The value reached, never rounded across the target's threshold; ``—`` when not measured."""
    result = outcome.result
    if result is None or result.reached is None:
        return "—"
    measure = outcome.measure
    threshold = result.previous if measure.comparator.against_previous else measure.value
    text = measure.format_value(result.reached, threshold)
    if measure.comparator.against_previous and result.previous is not None:
        text += f" (kỳ trước: {measure.format_value(result.previous)})"
    return text


def _rate(value: Decimal | None) -> str:
    return "—" if value is None else percent(value, 2)


def _points(now: Decimal | None, before: Decimal | None) -> str:
    if now is None or before is None:
        return ""
    diff = now.quantize(Decimal("0.01")) - before.quantize(Decimal("0.01"))
    if diff == 0:
        return " (bằng kỳ trước)"
    word = "tăng" if diff > 0 else "giảm"
    return f" ({word} {number(abs(diff), 2)} điểm phần trăm so với kỳ trước)"


def figures_summary(figures: OneStopFigures) -> str:
    """One paragraph with the period's one-stop figures, as reports quote them."""
    t = figures.total
    previous = figures.previous
    return (
        f"Tổng số hồ sơ tiếp nhận: {number(t.received)} hồ sơ (kỳ trước chuyển sang {number(t.carried_over)}, "
        f"mới tiếp nhận {number(t.new)}; trong đó trực tuyến {number(t.online)}, trực tiếp {number(t.in_person)}, "
        f"qua bưu chính công ích {number(t.post)}); tỷ lệ tiếp nhận trực tuyến {_rate(t.online_share)}"
        f"{_points(t.online_share, previous.online_share if previous else None)}. "
        f"Đã giải quyết {number(t.resolved)} hồ sơ (trước hạn {number(t.early)}, đúng hạn {number(t.on_time)}, "
        f"trễ hạn {number(t.late)}); tỷ lệ giải quyết đúng hạn {_rate(t.on_time_rate)}"
        f"{_points(t.on_time_rate, previous.on_time_rate if previous else None)}. "
        f"Đang giải quyết {number(t.pending)} hồ sơ (trong hạn {number(t.pending_in_time)}, "
        f"quá hạn {number(t.pending_overdue)}); trả lại, rút hồ sơ {number(t.returned)}; "
        f"đã gửi {number(t.apologies)} thư xin lỗi."
    )


def _items(texts: tuple[str, ...]) -> list[Block]:
    return [Paragraph.of(f"- {t}") for t in texts]


def _paragraphs(texts: tuple[str, ...]) -> list[Block]:
    return [Paragraph.of(t) for t in texts]


def _body(report: Report) -> list[Block]:
    plan = report.plan
    body: list[Block] = []
    body.append(Heading(level=1, label="I.", text="CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"))
    body += _paragraphs(report.direction) or [Paragraph.of("Không có nội dung báo cáo trong kỳ.")]

    body.append(Heading(level=1, label="II.", text="KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH"))
    narratives = {n.area: n for n in report.areas}
    outcomes = report.outcomes()
    placed_figures = False
    for a, area in enumerate(plan.areas, start=1):
        body.append(Heading(level=2, label=f"{a}.", text=area.title))
        narrative = narratives.get(a)
        if narrative:
            body += _paragraphs(narrative.paragraphs)
        mine = [o for o in outcomes if o.area is area]
        judged = [o for o in mine if o.met is not None]
        if mine:
            met = sum(1 for o in judged if o.met)
            body.append(Paragraph.of(
                f"Kết quả thực hiện chỉ tiêu: đạt {met}/{len(mine)} chỉ tiêu có số đo"
                + (f", {len(mine) - len(judged)} chỉ tiêu chưa có số liệu" if len(judged) < len(mine) else "")
                + " (chi tiết tại Phụ lục I).", italic=True))
        if report.one_stop is not None and area.kind is AreaKind.PROCEDURES and not placed_figures:
            body.append(Paragraph.of(figures_summary(report.one_stop) + " (Chi tiết tại Phụ lục III)."))
            placed_figures = True
    if report.one_stop is not None and not placed_figures:
        body.append(Paragraph.of(figures_summary(report.one_stop) + " (Chi tiết tại Phụ lục III)."))
    progress = report.progress()
    if progress:
        done = sum(1 for p in progress if p.status.value == "done")
        overdue = sum(1 for p in progress if p.overdue)
        body.append(Paragraph.of(
            f"Tiến độ các nhiệm vụ cụ thể tại Phụ lục Kế hoạch: đã hoàn thành {done}/{len(progress)} sản phẩm"
            + (f", {overdue} sản phẩm quá hạn" if overdue else ", không có sản phẩm quá hạn")
            + " (chi tiết tại Phụ lục II).", italic=True))

    body.append(Heading(level=1, label="III.", text="ĐÁNH GIÁ CHUNG"))
    body.append(Heading(level=2, label="1.", text="Ưu điểm"))
    body += _items(report.assessment.strengths) or [Paragraph.of("- Không có.")]
    body.append(Heading(level=2, label="2.", text="Hạn chế, nguyên nhân"))
    body += _items(report.assessment.weaknesses) or [Paragraph.of("- Không có.")]
    if report.assessment.causes:
        body.append(Paragraph.of("Nguyên nhân:", italic=True))
        body += _items(report.assessment.causes)
    body.append(Heading(level=1, label="IV.", text="PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"))
    body += _items(report.next_steps) or [Paragraph.of("- Tiếp tục thực hiện các nhiệm vụ theo Kế hoạch.")]
    body.append(Heading(level=1, label="V.", text="ĐỀ XUẤT, KIẾN NGHỊ"))
    body += _items(report.proposals) or [Paragraph.of("- Không có.")]
    body.append(Paragraph.of(
        f"Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính {report.period.phrase} "
        f"của {report.agency.short_name}."))
    return body


def _header_cells(titles: list[str]) -> Row:
    return Row(kind=RowKind.HEADER,
               cells=tuple(Cell(lines=(t,), align=Align.CENTER, bold=True) for t in titles))


def _targets_table(report: Report) -> Table:
    columns = (Column(title="TT", weight=5), Column(title="Chỉ tiêu", weight=45),
               Column(title="Kế hoạch", weight=18), Column(title="Kết quả đạt được", weight=17),
               Column(title="Đánh giá", weight=15))
    rows = [_header_cells([c.title for c in columns])]
    outcomes = report.outcomes()
    for a, area in enumerate(report.plan.areas, start=1):
        mine = [o for o in outcomes if o.area is area]
        if not mine:
            continue
        rows.append(Row(kind=RowKind.SECTION, cells=(Cell(lines=(f"{roman(a)}. {upper(area.title)}",)),)))
        for n, o in enumerate(mine, start=1):
            label = o.measure.metric + (f" ({o.measure.scope})" if o.measure.scope else "")
            rows.append(Row(cells=(
                Cell(lines=(str(n),), align=Align.CENTER),
                Cell(lines=(label,)),
                Cell(lines=(planned_text(o.measure),), align=Align.CENTER),
                Cell(lines=(reached_text(o),), align=Align.CENTER),
                Cell(lines=(o.verdict,), align=Align.CENTER, bold=o.met is False),
            )))
    return Table(columns=columns, rows=tuple(rows))


def _status(p: OutputProgress) -> str:
    if p.overdue:
        return f"{p.status.label} (quá hạn)"
    if p.late:
        return f"{p.status.label} (chậm so với thời hạn)"
    return p.status.label


def _tasks_table(report: Report) -> Table:
    columns = (Column(title="TT", weight=4), Column(title="Nội dung, nhiệm vụ", weight=27),
               Column(title="Sản phẩm", weight=18), Column(title="Thời gian hoàn thành", weight=12),
               Column(title="Tiến độ", weight=14), Column(title="Kết quả, văn bản đã ban hành", weight=25))
    rows = [_header_cells([c.title for c in columns])]
    appendix = report.plan.appendix
    if appendix is None:
        return Table(columns=columns, rows=tuple(rows))
    progress = {(p.item_number, p.output_index): p for p in report.progress()}
    for g, group in enumerate(appendix.groups, start=1):
        rows.append(Row(kind=RowKind.SECTION, cells=(Cell(lines=(f"{roman(g)}. {group.title}",)),)))
        for item in group.items:
            for i, output in enumerate(item.outputs, start=1):
                p = progress[(item.number, i)]
                first = i == 1
                evidence: tuple[str, ...] = (p.evidence or "",)
                if p.done_on is not None:
                    evidence = (*([p.evidence] if p.evidence else []), f"Hoàn thành ngày {short_date(p.done_on)}")
                rows.append(Row(cells=(
                    Cell(lines=(str(item.number),), align=Align.CENTER) if first else Cell(merge_up=True),
                    Cell(lines=tuple(item.content.split("\n"))) if first else Cell(merge_up=True),
                    Cell(lines=tuple(output.text.split("\n"))),
                    Cell(lines=(p.deadline.text,), align=Align.CENTER),
                    Cell(lines=(_status(p),), align=Align.CENTER, bold=p.overdue),
                    Cell(lines=tuple(e for e in evidence if e)),
                )))
    return Table(columns=columns, rows=tuple(rows))


_FIGURE_COLUMNS = (
    Column(title="TT", weight=3), Column(title="Lĩnh vực", weight=15),
    Column(title="Tổng số", weight=6), Column(title="Kỳ trước chuyển sang", weight=6),
    Column(title="Trực tuyến", weight=6), Column(title="Trực tiếp", weight=6),
    Column(title="Bưu chính công ích", weight=6),
    Column(title="Tổng số", weight=6), Column(title="Trước hạn", weight=6),
    Column(title="Đúng hạn", weight=6), Column(title="Trễ hạn", weight=5),
    Column(title="Trong hạn", weight=5), Column(title="Quá hạn", weight=5),
    Column(title="Trả lại, rút hồ sơ", weight=5), Column(title="Thư xin lỗi", weight=5),
    Column(title="Tỷ lệ đúng hạn", weight=7),
)


def _figure_row(n: str, f: FieldFigures, *, bold: bool = False) -> Row:
    counts = (f.received, f.carried_over, f.online, f.in_person, f.post, f.resolved, f.early, f.on_time,
              f.late, f.pending_in_time, f.pending_overdue, f.returned, f.apologies)
    return Row(cells=(
        Cell(lines=(n,), align=Align.CENTER, bold=bold),
        Cell(lines=(f.field,), bold=bold),
        *(Cell(lines=(number(c),), align=Align.CENTER, bold=bold) for c in counts),
        Cell(lines=(_rate(f.on_time_rate),), align=Align.CENTER, bold=bold),
    ))


def _figures_table(figures: OneStopFigures) -> Table:
    def top(title: str, span: int = 1) -> Cell:
        return Cell(lines=(title,), align=Align.CENTER, bold=True, span=span)

    down = Cell(merge_up=True)
    first = Row(kind=RowKind.HEADER, cells=(
        top("TT"), top("Lĩnh vực"), top("Số hồ sơ tiếp nhận", 5), top("Số hồ sơ đã giải quyết", 4),
        top("Đang giải quyết", 2), top("Trả lại, rút hồ sơ"), top("Thư xin lỗi"), top("Tỷ lệ đúng hạn"),
    ))
    second = Row(kind=RowKind.HEADER, cells=(
        down, down, *(top(c.title) for c in _FIGURE_COLUMNS[2:13]), down, down, down,
    ))
    rows = [first, second]
    rows += [_figure_row(str(i), f) for i, f in enumerate(figures.fields, start=1)]
    rows.append(_figure_row("", figures.total, bold=True))
    return Table(columns=_FIGURE_COLUMNS, rows=tuple(rows))


def layout_report(report: Report) -> Document:
    """The whole report as ND30 blocks, with its three appendices."""
    agency = report.agency
    reference = f"(Kèm theo {components.reference(report.number, report.date, agency)})"
    note = (Paragraph.of(f"({report.data_note})", italic=True, align=Align.CENTER, indent=False),) \
        if report.data_note else ()
    period = upper(report.period.phrase)
    appendices = [
        AppendixPart(heading="Phụ lục I", title=(f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH {period}",),
                     reference=reference, body=(*note, _targets_table(report))),
        AppendixPart(heading="Phụ lục II", title=(f"TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH {period}",),
                     reference=reference, body=(*note, _tasks_table(report))),
    ]
    if report.one_stop is not None:
        start, end = report.period.window
        window = Paragraph.of(f"(Số liệu từ ngày {short_date(start)} đến ngày {short_date(end)}"
                              + (f"; nguồn: {report.one_stop.source}" if report.one_stop.source else "") + ")",
                              italic=True, align=Align.CENTER, indent=False)
        appendices.append(AppendixPart(
            heading="Phụ lục III",
            title=("KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", f"TẠI BỘ PHẬN MỘT CỬA {period}"),
            reference=reference, body=(*note, window, _figures_table(report.one_stop))))
    subject = report.title_subject
    return Document(
        header=components.header(agency, report.number, report.date, report.period.year),
        title=Title(doc_type="BÁO CÁO", subject=tuple(subject.split("\n"))),
        addressees=Addressees(names=report.addressees) if report.addressees else None,
        body=tuple(_body(report)),
        end=components.end_block(report.recipients, report.archive, report.signer,
                                 as_above=bool(report.addressees)),
        appendices=tuple(appendices),
        meta=Meta(title=f"Báo cáo: {' '.join(subject.split())}", author=agency.short_name, date=report.date),
    )
