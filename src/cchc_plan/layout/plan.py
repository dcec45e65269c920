"""A plan laid out as an ND30 document: :class:`~cchc_plan.model.plan.Plan` → :class:`~cchc_plan.layout.Document`."""

from __future__ import annotations

from .blocks import (
    Align,
    AppendixPart,
    Block,
    Cell,
    Column,
    Document,
    Meta,
    Paragraph,
    Row,
    RowKind,
    Table,
    Title,
)
import attrs

from ..markup import escape
from ..model.outline import Include, ListStyle, Node, Part, Text
from ..model.plan import Appendix, Area, Plan, Unit
from ..model.presets import PLAN_PRESETS, resolve
from ..vnformat import roman
from . import components
from .decision import cited_decision, layout_decision, reference_line
from .outline import Expand, Head, Item, expand_nodes, lay_out, list_items, spans

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


def _italic(text: str) -> Paragraph:
    return Paragraph(spans=tuple(attrs.evolve(s, italic=True) for s in spans(text)))


def _implementation(plan: Plan, part: Part, style: ListStyle | None, start: int) -> list[Item]:
    """*Tổ chức thực hiện*: ``1.`` general duties, ``2.`` … one paragraph per unit, the closing sentence."""
    impl = plan.implementation
    out: list[Item] = []
    n = start
    if part in (Part.IMPLEMENTATION, Part.GENERAL) and impl.general is not None:
        numbered = (style or ListStyle.NUMBER) is ListStyle.NUMBER
        out.append(Text(text=impl.general, style=ListStyle.NUMBER, label=f"{n}.") if numbered
                   else Text(text=impl.general, style=style or ListStyle.PARAGRAPH))
        out += list_items(impl.general_items, ListStyle.DASH)
        n += 1
    if part in (Part.IMPLEMENTATION, Part.DUTIES):
        units = plan.unit_map()
        for duty in impl.duties:
            label = escape(duty.label or f"{units[duty.unit].name}:")
            number = f"{n}. " if (style or ListStyle.NUMBER) is ListStyle.NUMBER else ""
            lead = f"**{number}{label}**"
            out.append(Text(text=f"{lead} {duty.text}" if duty.text else lead))
            out += list_items(duty.items, ListStyle.DASH)
            n += 1
    if part in (Part.IMPLEMENTATION, Part.IMPLEMENTATION_CLOSING) and impl.closing:
        out.append(Text(text=impl.closing))
    return out


def _expander(plan: Plan, area_body: tuple[Node, ...], empty: str | None) -> Expand:
    areas = plan.area_by_ref()

    def pick(texts: tuple[str, ...], only: tuple[int, ...]) -> tuple[str, ...]:
        return tuple(texts[i - 1] for i in only) if only else texts

    def expand(node: Include, scope: object) -> list[Item]:
        part, style = node.part, node.style
        area = areas[node.key] if node.key is not None else scope if isinstance(scope, Area) else None
        if part is Part.OPENING:
            return [Text(text=escape(p)) for p in plan.opening.paragraphs()]
        if part is Part.OBJECTIVES:
            return list_items(plan.objectives, style or ListStyle.DASH, start=node.start)
        if part is Part.REQUIREMENTS:
            return list_items(plan.requirements, style or ListStyle.DASH, start=node.start)
        if part in (Part.AREAS, Part.AREA):
            chosen = [area] if part is Part.AREA and area is not None else list(plan.areas)
            return [Head(title=a.title, label=None,
                         items=tuple(expand_nodes(a.body or area_body, a, expand, empty))) for a in chosen]
        if part is Part.TARGETS and area is not None:
            return list_items(pick(tuple(t.sentence for t in area.targets), node.only), style or ListStyle.DASH,
                              start=node.start)
        if part is Part.TASKS and area is not None:
            return list_items(pick(area.tasks, node.only), style or ListStyle.DASH, start=node.start)
        if part is Part.TASKS_NOTE:
            return [_italic(plan.tasks_note)] if plan.tasks_note else []
        if part in (Part.IMPLEMENTATION, Part.GENERAL, Part.DUTIES, Part.IMPLEMENTATION_CLOSING):
            return _implementation(plan, part, style, node.start)
        return []

    return expand


def _body(plan: Plan) -> list[Block]:
    outline = resolve(plan.outline, PLAN_PRESETS, plan.headings)
    expand = _expander(plan, outline.area_body, outline.empty)
    items = expand_nodes(outline.body, None, expand, outline.empty)
    return lay_out(items, outline.numbering)


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


def layout_plan(plan: Plan, *, electronic: bool = False) -> Document:
    """The whole plan as ND30 blocks (Mẫu 1.4 with a landscape appendix).

    A plan issued by a decision (``issued_by``) is laid out as that decision (Mẫu 1.3)
    with the plan attached: its header without a number or date, the line
    ``(Ban hành kèm theo Quyết định số …)`` under its subject, no end block of its own.
    With ``electronic``, the number and the day and month (in the header and in the
    appendix's "Kèm theo" line) are left blank for the signing tool to fill.
    """
    if plan.issued_by is None:
        return _plan_document(plan, electronic=electronic)
    attached = _plan_document(plan, electronic=electronic, issued_with=reference_line(plan, electronic=electronic))
    return layout_decision(plan, attached, electronic=electronic)


def _appendix_reference(plan: Plan, *, electronic: bool, issued_with: str | None) -> str:
    if issued_with is not None:  # "(Kèm theo Kế hoạch ban hành kèm theo Quyết định số …)"
        return f"(Kèm theo {plan.number.type.title} ban hành kèm theo {cited_decision(plan, electronic=electronic)})"
    if electronic:
        year = plan.date.year if plan.date is not None else plan.year
        return f"(Kèm theo {components.blank_reference(plan.number, year, plan.issuer)})"
    return f"(Kèm theo {components.reference(plan.number, plan.date, plan.issuer)})"


def _plan_document(plan: Plan, *, electronic: bool, issued_with: str | None = None) -> Document:
    appendices: tuple[AppendixPart, ...] = ()
    if plan.appendix is not None:
        appendices = (AppendixPart(
            heading=plan.appendix.heading,
            title=tuple(plan.appendix.title.split("\n")),
            reference=_appendix_reference(plan, electronic=electronic, issued_with=issued_with),
            body=(appendix_table(plan.appendix, plan.unit_map()),),
        ),)
    number, date = plan.number, plan.date
    if electronic:
        number, date = components.blank_number(number), None
    year = plan.date.year if plan.date is not None else plan.year
    if issued_with is not None:
        header = attrs.evolve(components.header(plan.issuer, number, None, year), number="", place_date="")
    else:
        header = components.header(plan.issuer, number, date, year)
    return Document(
        header=header,
        title=Title(doc_type=plan.title, subject=tuple(plan.subject.split("\n")), issued_with=issued_with),
        body=tuple(_body(plan)),
        end=None if issued_with is not None else components.end_block(plan.recipients, plan.archive, plan.signer),
        appendices=appendices,
        meta=Meta(title=f"{plan.number.type.title}: {' '.join(plan.subject.split())}",
                  author=plan.issuer.short_name, date=plan.issued_on),
    )
