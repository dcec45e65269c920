"""A report laid out as an ND30 document: :class:`~cchc_plan.report.Report` → :class:`~cchc_plan.layout.Document`.

Body in the common outline (I–V), Kính gửi, recipients starting "- Như trên;",
and three appendices each numbered from page 1: targets, task progress, one-stop figures.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import components
from ..model.figures import FieldFigures, OneStopFigures, PreviousRates, TableLayout
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
from ..markup import escape
from ..model.outline import Include, ListStyle, Node, Part, Text
from ..model.plan import Area, AreaKind, Measure
from ..model.presets import REPORT_PRESETS, resolve
from ..model.report import MeasureOutcome, OutputProgress, Report
from ..vnformat import change, count, number, rate, roman, short_date, upper
from .outline import Expand, Head, Item, expand_nodes, lay_out, list_items

__all__ = ["figures_summary", "layout_report", "planned_text", "reached_text"]

def planned_text(measure: Measure) -> str:
    """What the plan asks: ``Trên 98% (trong từng lĩnh vực)``, ``Giảm so với kỳ trước``."""
    return measure.requirement()


def reached_text(outcome: MeasureOutcome) -> str:
    """The value reached, never rounded across the target's threshold; ``—`` when not measured."""
    return outcome.reached_text


def _rate(value: Decimal | None, thresholds: tuple[Decimal, ...]) -> str:
    return "—" if value is None else rate(value, thresholds=thresholds)


def _change(now: Decimal | None, before: Decimal | None, figures: OneStopFigures) -> str:
    if now is None or before is None:
        return ""
    return f" ({change(now, before, unit=figures.change.value, since=figures.since)})"


def _parts(pairs: tuple[tuple[str, int | None], ...]) -> str:
    """``trước hạn 370, đúng hạn 15`` — only the counts given."""
    return ", ".join(f"{word} {number(v)}" for word, v in pairs if v is not None)


def figures_summary(figures: OneStopFigures, thresholds: tuple[Decimal, ...] = ()) -> str:
    """One paragraph with the period's one-stop figures, as reports quote them.

    Only what is given or computed from what is given is told: an absent count is left out
    of the sentence, never said to be zero. Rates are printed by
    :func:`~cchc_plan.vnformat.rate` against ``thresholds`` (a report's
    :attr:`~cchc_plan.report.Report.rate_thresholds`), so they read as in the appendices.
    """
    t = figures.total
    previous = figures.previous
    sentences = []

    def clause(head: str, total: int | None, inner: str, tail: str = "") -> str:
        amount = f" {number(total)} hồ sơ" if total is not None else ""
        return f"{head}{amount}" + (f" ({inner})" if inner else "") + tail

    channels = _parts((("trực tuyến", t.online), ("trực tiếp", t.in_person), ("qua bưu chính công ích", t.post)))
    received_parts = _parts((("kỳ trước chuyển sang", t.carried_over), ("mới tiếp nhận", t.new)))
    if channels:
        received_parts += ("; trong đó " if received_parts else "") + channels
    share = t.online_share
    tail = (f"; tỷ lệ tiếp nhận trực tuyến {_rate(share, thresholds)}"
            f"{_change(share, previous.online_share if previous else None, figures)}") if share is not None else ""
    if t.received is not None or received_parts:
        sentences.append(clause("Tổng số hồ sơ tiếp nhận:", t.received, received_parts, tail))
    on_time = figures.on_time_rate(t)
    base = " (tính trên tổng số hồ sơ tiếp nhận)" if figures.rate_base.value == "received" else ""
    tail = (f"; tỷ lệ giải quyết đúng hạn{base} {_rate(on_time, thresholds)}"
            f"{_change(on_time, previous.on_time_rate if previous else None, figures)}") if on_time is not None else ""
    resolved_parts = _parts((("trước hạn", t.early), ("đúng hạn", t.on_time), ("trễ hạn", t.late)))
    if t.resolved is not None or resolved_parts:
        sentences.append(clause("Đã giải quyết", t.resolved, resolved_parts, tail))
    pending_parts = _parts((("trong hạn", t.pending_in_time), ("quá hạn", t.pending_overdue)))
    rest = []
    if t.pending is not None or pending_parts:
        rest.append(clause("Đang giải quyết", t.pending, pending_parts))
    if t.returned is not None:
        rest.append(f"trả lại, rút hồ sơ {number(t.returned)}")
    if t.apologies is not None:
        rest.append(f"đã gửi {number(t.apologies)} thư xin lỗi")
    if rest:
        sentences.append("; ".join(rest))
    return ". ".join(s[0].upper() + s[1:] for s in sentences) + "."


def appendix_names(report: Report) -> dict[str, str]:
    """The heading of each appendix the report has: ``targets``, ``tasks``, ``figures`` → ``Phụ lục II`` …

    An appendix is printed only when it holds something; with one alone it is ``Phụ lục``.
    """
    present = [name for name, has in (("targets", bool(report.outcomes())), ("tasks", bool(report.progress())),
                                      ("figures", report.one_stop is not None)) if has]
    if len(present) == 1:
        return {present[0]: "Phụ lục"}
    return {name: f"Phụ lục {roman(i)}" for i, name in enumerate(present, start=1)}


def _results(report: Report, area: Area, placed: list[bool], names: dict[str, str]) -> list[Item]:
    """What the report says of one area: its narrative, its targets' attainment, the one-stop figures."""
    out: list[Item] = []
    narrative = next((n for n in report.areas if n.area == area.ref), None)
    if narrative:
        out += [Text(text=p) for p in narrative.paragraphs]
    mine = [o for o in report.outcomes() if o.area is area]
    judged = [o for o in mine if o.met is not None]
    if mine:
        met = sum(1 for o in judged if o.met)
        out.append(Paragraph.of(
            f"Kết quả thực hiện chỉ tiêu: đạt {met}/{len(mine)} chỉ tiêu có số đo"
            + (f", {len(mine) - len(judged)} chỉ tiêu chưa có số liệu" if len(judged) < len(mine) else "")
            + f" (chi tiết tại {names['targets']}).", italic=True))
    if report.one_stop is not None and area.kind is AreaKind.PROCEDURES and not placed[0]:
        out.append(_figures_paragraph(report, names))
        placed[0] = True
    return out


def _figures_paragraph(report: Report, names: dict[str, str]) -> Paragraph:
    assert report.one_stop is not None
    return Paragraph.of(figures_summary(report.one_stop, report.rate_thresholds)
                        + f" (Chi tiết tại {names['figures']}).")


def _progress(report: Report, names: dict[str, str]) -> list[Item]:
    progress = report.progress()
    if not progress:
        return []
    done = sum(1 for p in progress if p.status.value == "done")
    overdue = sum(1 for p in progress if p.overdue)
    return [Paragraph.of(
        f"Tiến độ các nhiệm vụ cụ thể tại Phụ lục Kế hoạch: đã hoàn thành {done}/{len(progress)} sản phẩm"
        + (f", {overdue} sản phẩm quá hạn" if overdue else ", không có sản phẩm quá hạn")
        + f" (chi tiết tại {names['tasks']}).", italic=True)]


def _expander(report: Report, area_body: tuple[Node, ...], empty: str | None, names: dict[str, str]) -> Expand:
    plan = report.full_plan
    placed = [False]  # the one-stop figures are told once, under the first procedures area

    def expand(node: Include, scope: object) -> list[Item]:
        part, style = node.part, node.style
        if part is Part.OPENING:
            return [Text(text=escape(p)) for p in report.opening.paragraphs()] if report.opening else []
        if part is Part.DIRECTION:
            return list_items(report.direction, style or ListStyle.PARAGRAPH, start=node.start)
        if part is Part.RESULTS:
            if isinstance(scope, Area):
                return _results(report, scope, placed, names)
            heads: list[Item] = []
            if plan is not None:
                chosen = [plan.area_by_ref()[node.key]] if node.key else list(plan.areas)
                heads += [Head(title=a.title, label=None,
                               items=tuple(expand_nodes(area_body, a, expand, empty)))
                          for a in chosen]
            heads += [Head(title=n.title, label=None, items=tuple(Text(text=p) for p in n.paragraphs))
                      for n in report.areas if n.area is None and n.title is not None and not node.key]
            if report.one_stop is not None and not placed[0] and not node.key:
                heads.append(_figures_paragraph(report, names))
                placed[0] = True
            return heads
        if part is Part.FIGURES:
            if report.one_stop is None or placed[0]:
                return []
            placed[0] = True
            return [_figures_paragraph(report, names)]
        if part is Part.PROGRESS:
            return _progress(report, names)
        if part is Part.STRENGTHS:
            return list_items(report.assessment.strengths, style or ListStyle.DASH, start=node.start)
        if part is Part.WEAKNESSES:
            return list_items(report.assessment.weaknesses, style or ListStyle.DASH, start=node.start)
        if part is Part.CAUSES:
            causes = report.assessment.causes
            if not causes:
                return []
            return [Paragraph.of(report.headings.causes, italic=True),
                    *list_items(causes, style or ListStyle.DASH, start=node.start)]
        if part is Part.NEXT_STEPS:
            return list_items(report.next_steps, style or ListStyle.DASH, start=node.start)
        if part is Part.PROPOSALS:
            return list_items(report.proposals, style or ListStyle.DASH, start=node.start)
        if part is Part.CLOSING:
            sentence = report.closing_sentence
            return [Text(text=escape(sentence))] if sentence else []
        return []

    return expand


def _body(report: Report, names: dict[str, str]) -> list[Block]:
    outline = resolve(report.outline, REPORT_PRESETS, report.headings)
    expand = _expander(report, outline.area_body, outline.empty, names)
    return lay_out(expand_nodes(outline.body, None, expand, outline.empty), outline.numbering)


def _header_cells(titles: list[str]) -> Row:
    return Row(kind=RowKind.HEADER,
               cells=tuple(Cell(lines=(t,), align=Align.CENTER, bold=True) for t in titles))


def _targets_table(report: Report) -> Table:
    columns = (Column(title="TT", weight=5), Column(title="Chỉ tiêu", weight=45),
               Column(title="Kế hoạch", weight=18), Column(title="Kết quả đạt được", weight=17),
               Column(title="Đánh giá", weight=15))
    rows = [_header_cells([c.title for c in columns])]
    outcomes = report.outcomes()
    plan = report.full_plan
    for a, area in enumerate(plan.areas if plan else (), start=1):
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
    appendix = report.full_plan.appendix if report.full_plan else None
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


def _row_change(f: FieldFigures, figures: OneStopFigures, previous: PreviousRates | None) -> str:
    now = figures.on_time_rate(f)
    if now is None or previous is None or previous.on_time_rate is None:
        return ""
    return change(now, previous.on_time_rate, unit=figures.change.value, since=None)


def _figure_row(n: str, f: FieldFigures, figures: OneStopFigures, thresholds: tuple[Decimal, ...], *,
                bold: bool = False, compare: bool = False, previous: PreviousRates | None = None) -> Row:
    counts = (f.received, f.carried_over, f.online, f.in_person, f.post, f.resolved, f.early, f.on_time,
              f.late, f.pending_in_time, f.pending_overdue, f.returned, f.apologies)
    extra = (Cell(lines=(_row_change(f, figures, previous or f.previous),), align=Align.CENTER, bold=bold),) \
        if compare else ()
    return Row(cells=(
        Cell(lines=(n,), align=Align.CENTER, bold=bold),
        Cell(lines=(f.field,), bold=bold),
        *(Cell(lines=(count(c),), align=Align.CENTER, bold=bold) for c in counts),
        Cell(lines=(_rate(figures.on_time_rate(f), thresholds),), align=Align.CENTER, bold=bold),
        *extra,
    ))


def _compares(figures: OneStopFigures) -> bool:
    """Whether the tables get a column with the change against the previous period."""
    rows = (*figures.fields, *figures.units)
    return any(f.previous is not None and f.previous.on_time_rate is not None for f in rows) or \
        any(lp.previous.on_time_rate is not None for lp in figures.level_previous)


def _grouped(figures: OneStopFigures, rows: tuple[FieldFigures, ...], make: Any) -> list[Row]:
    """Rows per unit under a subtotal row per level (Roman-numbered), or rows per field, then the total."""
    out: list[Row] = []
    if rows is figures.units and any(u.level for u in rows):
        for i, (level, units) in enumerate(figures.levels(), start=1):
            name = level or "Khác"
            out.append(make(roman(i), FieldFigures.total(units, name=upper(name)), bold=True,
                            previous=figures.previous_of_level(level)))
            out += [make(str(n), u) for n, u in enumerate(units, start=1)]
    else:
        out += [make(str(i), f) for i, f in enumerate(rows, start=1)]
    out.append(make("", FieldFigures.total(rows), bold=True, previous=figures.previous))
    return out


def _figures_table(figures: OneStopFigures, thresholds: tuple[Decimal, ...],
                   rows: tuple[FieldFigures, ...] | None = None, label: str = "Lĩnh vực") -> Table:
    def top(title: str, span: int = 1) -> Cell:
        return Cell(lines=(title,), align=Align.CENTER, bold=True, span=span)

    compare = _compares(figures)
    down = Cell(merge_up=True)
    first = Row(kind=RowKind.HEADER, cells=(
        top("TT"), top(label), top("Số hồ sơ tiếp nhận", 5), top("Số hồ sơ đã giải quyết", 4),
        top("Đang giải quyết", 2), top("Trả lại, rút hồ sơ"), top("Thư xin lỗi"), top("Tỷ lệ đúng hạn"),
        *((top(f"So với {figures.since}"),) if compare else ()),
    ))
    second = Row(kind=RowKind.HEADER, cells=(
        down, down, *(top(c.title) for c in _FIGURE_COLUMNS[2:13]), down, down, down, *((down,) if compare else ()),
    ))
    columns = (*_FIGURE_COLUMNS, *((Column(title=f"So với {figures.since}", weight=9),) if compare else ()))
    columns = (columns[0], Column(title=label, weight=columns[1].weight), *columns[2:])

    def make(n: str, f: FieldFigures, *, bold: bool = False, previous: PreviousRates | None = None) -> Row:
        return _figure_row(n, f, figures, thresholds, bold=bold, compare=compare, previous=previous)

    return Table(columns=columns, rows=(first, second, *_grouped(figures, rows or figures.fields, make)))


_FORM_LEAVES = ("Tổng số", "Trực tuyến", "Trực tiếp, bưu chính", "Kỳ trước",
                "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn", "Tổng số", "Trong hạn", "Quá hạn")


def form_table(figures: OneStopFigures) -> Table:
    """The one-stop table in the column layout of the official statistics form.

    TT | Đơn vị | Tiếp nhận: Tổng số, Trong kỳ (Trực tuyến; Trực tiếp, bưu chính), Kỳ trước |
    Đã giải quyết: Tổng số, Trước hạn, Đúng hạn, Quá hạn | Đang giải quyết: Tổng số, Trong
    hạn, Quá hạn — three header rows with merged cells; rows per unit under their level (or per
    field), then the total. An absent count is printed "—".
    """
    def top(title: str, span: int = 1) -> Cell:
        return Cell(lines=(title,), align=Align.CENTER, bold=True, span=span)

    down = Cell(merge_up=True)
    label = "Đơn vị" if figures.units else "Lĩnh vực"
    header = (
        Row(kind=RowKind.HEADER, cells=(top("TT"), top(label), top("Số hồ sơ tiếp nhận", 4),
                                        top("Số hồ sơ đã giải quyết", 4), top("Số hồ sơ đang giải quyết", 3))),
        Row(kind=RowKind.HEADER, cells=(down, down, top("Tổng số"), top("Trong kỳ", 2), top("Kỳ trước"),
                                        *(top(t) for t in _FORM_LEAVES[4:]))),
        Row(kind=RowKind.HEADER, cells=(down, down, down, top("Trực tuyến"), top("Trực tiếp, bưu chính"),
                                        *([down] * 8))),
    )
    columns = (Column(title="TT", weight=4), Column(title=label, weight=22),
               *(Column(title=t, weight=7) for t in _FORM_LEAVES))

    def make(n: str, f: FieldFigures, *, bold: bool = False, previous: PreviousRates | None = None) -> Row:
        in_person = None if f.in_person is None or f.post is None else f.in_person + f.post
        values = (f.received, f.online, in_person, f.carried_over, f.resolved, f.early, f.on_time, f.late,
                  f.pending, f.pending_in_time, f.pending_overdue)
        return Row(cells=(Cell(lines=(n,), align=Align.CENTER, bold=bold), Cell(lines=(f.field,), bold=bold),
                          *(Cell(lines=(count(v),), align=Align.CENTER, bold=bold) for v in values)))

    return Table(columns=columns, rows=(*header, *_grouped(figures, figures.units or figures.fields, make)))


def figures_tables(figures: OneStopFigures, thresholds: tuple[Decimal, ...]) -> list[Block]:
    """The tables of the one-stop appendix: per field, per unit (with levels), or the official form."""
    if figures.layout is TableLayout.OFFICIAL_FORM:
        return [form_table(figures)]
    both = bool(figures.fields and figures.units)
    out: list[Block] = []
    if figures.fields:
        if both:  # a heading keeps with its table, and keeps the two tables apart
            out.append(Heading(level=2, label="1.", text="Theo lĩnh vực"))
        out.append(_figures_table(figures, thresholds))
    if figures.units:
        if both:
            out.append(Heading(level=2, label="2.", text="Theo đơn vị"))
        out.append(_figures_table(figures, thresholds, figures.units, "Đơn vị"))
    return out


def figures_notes(figures: OneStopFigures) -> list[Paragraph]:
    """Under the one-stop table: how the figures are counted, and (if asked) where the source's numbers disagree."""
    out = []
    if figures.conventions is not None or figures.rate_base.value == "received":
        sentence = figures.counting.sentence()
        if figures.rate_base.value == "received":
            sentence = sentence[:-1] + "; tỷ lệ đúng hạn tính trên tổng số hồ sơ tiếp nhận."
        out.append(Paragraph.of(sentence, italic=True, indent=False))
    warnings = figures.warnings() if figures.note_mismatches else []
    if warnings:
        out.append(Paragraph.of(
            f"Ghi chú: số liệu được ghi đúng như {figures.source}; các số không khớp nhau: "
            + "; ".join(f"{_row_name(figures, w.path)}: {w.rule}" for w in warnings) + ".",
            italic=True, indent=False))
    return out


def _row_name(figures: OneStopFigures, path: str) -> str:
    """``fields[1].resolved_total`` → the row's name."""
    group, _, rest = path.partition("[")
    if not rest:
        return "Tổng cộng"
    index = int(rest.split("]")[0])
    rows = figures.fields if group == "fields" else figures.units
    return rows[index].field


def layout_report(report: Report) -> Document:
    """The whole report as ND30 blocks, with its appendices (those that hold something)."""
    agency = report.agency
    reference = f"(Kèm theo {components.reference(report.number, report.date, agency)})"
    note = (Paragraph.of(f"({report.data_note})", italic=True, align=Align.CENTER, indent=False),) \
        if report.data_note else ()
    period = upper(report.period.phrase)
    names = appendix_names(report)
    appendices = []
    if "targets" in names:
        appendices.append(AppendixPart(
            heading=names["targets"], title=(f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH {period}",),
            reference=reference, body=(*note, _targets_table(report))))
    if "tasks" in names:
        appendices.append(AppendixPart(
            heading=names["tasks"], title=(f"TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH {period}",),
            reference=reference, body=(*note, _tasks_table(report))))
    if report.one_stop is not None:
        start, end = report.period.window
        window = Paragraph.of(f"(Số liệu từ ngày {short_date(start)} đến ngày {short_date(end)}"
                              + (f"; nguồn: {report.one_stop.source}" if report.one_stop.source else "") + ")",
                              italic=True, align=Align.CENTER, indent=False)
        appendices.append(AppendixPart(
            heading=names["figures"],
            title=("KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", f"TẠI BỘ PHẬN MỘT CỬA {period}"),
            reference=reference, body=(*note, window, *figures_tables(report.one_stop, report.rate_thresholds),
                                       *figures_notes(report.one_stop))))
    subject = report.title_subject
    return Document(
        header=components.header(agency, report.number, report.date, report.period.year),
        title=Title(doc_type="BÁO CÁO", subject=tuple(subject.split("\n"))),
        addressees=Addressees(names=report.addressees) if report.addressees else None,
        body=tuple(_body(report, names)),
        end=components.end_block(report.recipients, report.archive, report.signer,
                                 as_above=bool(report.addressees)),
        appendices=tuple(appendices),
        meta=Meta(title=f"Báo cáo: {' '.join(subject.split())}", author=agency.short_name, date=report.date),
    )
