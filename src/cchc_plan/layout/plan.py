"""A plan laid out as an ND30 document: :class:`~cchc_plan.model.plan.Plan` → :class:`~cchc_plan.layout.Document`."""

from __future__ import annotations

from .blocks import (
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
    Span,
    Table,
    Title,
)
from . import components
from ..model.plan import Appendix, Plan, Unit
from ..vnformat import point_letter, roman, upper

__all__ = ["APPENDIX_COLUMNS", "appendix_table", "layout_plan"]

APPENDIX_COLUMNS: tuple[Column, ...] = (
    Column(title="TT", weight=4),
    Column(title="Nội dung, nhiệm vụ", weight=25),
    Column(title="Sản phẩm", weight=19),
    Column(title="Cơ quan chủ trì", weight=14),
    Column(title="Cơ quan phối hợp", weight=13),
    Column(title="Thời gian hoàn thành", weight=13),
    Column(title="Kinh phí", weight=12),
)


def _items(texts: tuple[str, ...]) -> list[Block]:
    return [Paragraph.of(f"- {t}") for t in texts]


def _body(plan: Plan) -> list[Block]:
    h = plan.headings
    body: list[Block] = [Paragraph.of(b.text()) for b in plan.opening.bases]
    body.append(Paragraph.of(plan.opening.closing))

    body.append(Heading(level=1, label="I.", text=upper(h.purpose)))
    body.append(Heading(level=2, label="1.", text=h.objectives))
    body += _items(plan.objectives)
    body.append(Heading(level=2, label="2.", text=h.requirements))
    body += _items(plan.requirements)

    body.append(Heading(level=1, label="II.", text=upper(h.tasks)))
    for n, area in enumerate(plan.areas, start=1):
        body.append(Heading(level=2, label=f"{n}.", text=area.title))
        letter = 0
        if area.targets:
            body.append(Heading(level=3, label=f"{point_letter(letter)})", text=h.targets))
            body += _items(tuple(t.text for t in area.targets))
            letter += 1
        if area.tasks:
            body.append(Heading(level=3, label=f"{point_letter(letter)})", text=h.area_tasks))
            body += _items(area.tasks)
    if plan.tasks_note:
        body.append(Paragraph.of(plan.tasks_note, italic=True))

    impl = plan.implementation
    body.append(Heading(level=1, label="III.", text=upper(h.implementation)))
    body.append(Paragraph.of(f"1. {impl.general}"))
    body += _items(impl.general_items)
    units = plan.unit_map()
    for n, duty in enumerate(impl.duties, start=2):
        label = duty.label or f"{units[duty.unit].name}:"
        spans = [Span(text=f"{n}. {label}", bold=True)]
        if duty.text:
            spans.append(Span(text=f" {duty.text}"))
        body.append(Paragraph(spans=tuple(spans)))
        body += _items(duty.items)
    if impl.closing:
        body.append(Paragraph.of(impl.closing))
    return body


def appendix_table(appendix: Appendix, units: dict[str, Unit]) -> Table:
    """The appendix as a table: one row per output, the item's own cells merged down its rows.

    Deadlines an output shares with the one above, and budget texts repeated on
    consecutive rows, are merged vertically as well.
    """
    rows: list[Row] = [Row(kind=RowKind.HEADER, cells=tuple(
        Cell(lines=(c.title,), align=Align.CENTER, bold=True) for c in APPENDIX_COLUMNS))]
    previous_budget: str | None = None
    for g, group in enumerate(appendix.groups, start=1):
        rows.append(Row(kind=RowKind.SECTION,
                        cells=(Cell(lines=(f"{roman(g)}. {group.title}",), bold=True),)))
        previous_budget = None
        for item in group.items:
            lead = item.lead.label(units)
            partners = item.partners.label(units) if item.partners else ""
            budget = item.budget.label() if item.budget else ""
            for i, output in enumerate(item.outputs):
                first = i == 0
                own_cells = (
                    Cell(lines=(str(item.number),), align=Align.CENTER) if first else Cell(merge_up=True),
                    Cell(lines=tuple(item.content.split("\n"))) if first else Cell(merge_up=True),
                )
                deadline = (Cell(lines=(output.deadline.text,), align=Align.CENTER)
                            if output.deadline is not None else Cell(merge_up=True))
                # The budget belongs to the item; equal texts of consecutive items share one cell.
                if not first or (budget and budget == previous_budget):
                    budget_cell = Cell(merge_up=True)
                else:
                    budget_cell = Cell(lines=(budget,) if budget else (), align=Align.CENTER)
                rows.append(Row(cells=(
                    *own_cells,
                    Cell(lines=tuple(output.text.split("\n"))),
                    Cell(lines=(lead,), align=Align.CENTER) if first else Cell(merge_up=True),
                    Cell(lines=(partners,) if partners else (), align=Align.CENTER)
                    if first else Cell(merge_up=True),
                    deadline,
                    budget_cell,
                )))
            previous_budget = budget or None
    return Table(columns=APPENDIX_COLUMNS, rows=tuple(rows))


def layout_plan(plan: Plan) -> Document:
    """The whole plan as ND30 blocks (Mẫu 1.4 with a landscape appendix)."""
    appendices: tuple[AppendixPart, ...] = ()
    if plan.appendix is not None:
        appendices = (AppendixPart(
            heading=plan.appendix.heading,
            title=tuple(plan.appendix.title.split("\n")),
            reference=f"(Kèm theo {components.reference(plan.number, plan.date, plan.issuer)})",
            body=(appendix_table(plan.appendix, plan.unit_map()),),
        ),)
    return Document(
        header=components.header(plan.issuer, plan.number, plan.date, plan.year),
        title=Title(doc_type=plan.title, subject=tuple(plan.subject.split("\n"))),
        body=tuple(_body(plan)),
        end=components.end_block(plan.recipients, plan.archive, plan.signer),
        appendices=appendices,
        meta=Meta(title=f"{plan.number.type.title}: {' '.join(plan.subject.split())}",
                  author=plan.issuer.short_name, date=plan.date),
    )
