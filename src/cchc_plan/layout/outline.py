"""An outline laid out as blocks: sections numbered from their position, content as paragraphs.

:func:`lay_out` walks an :class:`~cchc_plan.model.outline.Outline`'s nodes in two
passes. First every :class:`~cchc_plan.model.outline.Include` is replaced by what
it stands for (through the ``expand`` function the plan or report layout gives),
and sections that hold nothing are dropped (or filled with ``empty``). Then the
sections are labelled from their position and the level's scheme — so that
``1.1.`` follows its parent's number and a dropped section leaves no gap — and
everything becomes :class:`~cchc_plan.layout.blocks.Heading` and
:class:`~cchc_plan.layout.blocks.Paragraph` blocks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence


import attrs

from ..markup import Piece, parse, plain
from ..model.outline import Include, LevelStyle, ListStyle, Node, Section, Text
from ..vnformat import point_letter, upper
from .blocks import Block, Heading, Paragraph, Span

__all__ = ["Head", "Item", "expand_nodes", "lay_out", "list_items", "paragraph", "spans"]


@attrs.frozen
class Head:
    """A section with its content already expanded (the first pass's result)."""

    title: str
    label: str | None
    items: tuple[Item, ...]


Item = Head | Text | Block
"""What a section holds once its includes are expanded."""

Expand = Callable[[Include, object], list[Item]]
"""Replaces an include (in the scope of an area, or ``None``) by what it stands for."""


def _span(piece: Piece) -> Span:
    return Span(text=piece.text, bold=piece.bold, italic=piece.italic,
                note=tuple(_span(p) for p in piece.note))


def spans(text: str, prefix: str = "") -> tuple[Span, ...]:
    """The spans of a text with inline markup, ``prefix`` (``- ``, ``1. ``) joined to a plain first span."""
    pieces = [_span(p) for p in parse(text)]
    if not prefix:
        return tuple(pieces) or (Span(text=""),)
    if pieces and not (pieces[0].bold or pieces[0].italic or pieces[0].note):
        return (Span(text=prefix + pieces[0].text), *pieces[1:])
    return (Span(text=prefix), *pieces)


_PREFIX = {ListStyle.PARAGRAPH: "", ListStyle.DASH: "- ", ListStyle.PLUS: "+ "}


def paragraph(text: str, style: ListStyle = ListStyle.PARAGRAPH, label: str | None = None) -> Paragraph:
    """One block of content: its label or mark, then the text."""
    if label is not None:
        prefix = f"{label} " if label else ""
    else:
        prefix = _PREFIX.get(style, "")
    return Paragraph(spans=spans(text, prefix))


def list_items(texts: Sequence[str], style: ListStyle, *, start: int = 1) -> list[Item]:
    """Texts as items of one style; number and letter styles labelled from ``start``.

    From 1 they are left to be counted with the items of the same style before them,
    so that two lists in a row (objectives, then requirements) number on.
    """
    if start == 1:
        return [Text(text=t, style=style) for t in texts]
    if style is ListStyle.NUMBER:
        return [Text(text=t, style=style, label=f"{start + i}.") for i, t in enumerate(texts)]
    if style is ListStyle.LETTER:
        return [Text(text=t, style=style, label=f"{point_letter(start - 1 + i)})") for i, t in enumerate(texts)]
    return [Text(text=t, style=style) for t in texts]


def expand_nodes(nodes: Sequence[Node], scope: object, expand: Expand, empty: str | None) -> list[Item]:
    """First pass: includes replaced, sections that hold nothing dropped (or given ``empty``)."""
    out: list[Item] = []
    for node in nodes:
        if isinstance(node, Include):
            out.extend(_pruned(expand(node, scope), empty))
        elif isinstance(node, Section):
            head = Head(title=node.title, label=node.label,
                        items=tuple(expand_nodes(node.body, scope, expand, empty)))
            out.extend(_pruned([head], empty))
        else:
            out.append(node)
    return out


def _pruned(items: list[Item], empty: str | None) -> list[Item]:
    kept: list[Item] = []
    for item in items:
        if isinstance(item, Head) and not item.items:
            if empty is None:
                continue
            item = attrs.evolve(item, items=(Text(text=empty),))
        kept.append(item)
    return kept


def _level(numbering: Sequence[LevelStyle], depth: int) -> LevelStyle:
    return numbering[min(depth, len(numbering) - 1)]


def lay_out(items: Sequence[Item], numbering: Sequence[LevelStyle], *, depth: int = 0,
            numbers: tuple[int, ...] = ()) -> list[Block]:
    """Second pass: headings labelled from their position, content as paragraphs."""
    blocks: list[Block] = []
    heads = 0
    run_style: ListStyle | None = None
    run = 0
    for item in items:
        if isinstance(item, Head):
            heads += 1
            style = _level(numbering, depth)
            label = item.label if item.label is not None else style.scheme.label(heads, numbers)
            title = plain(item.title)
            blocks.append(Heading(level=depth + 1, label=label, text=upper(title) if style.caps else title,
                                  bold=style.bold, italic=style.italic))
            below = (*numbers, heads) if style.scheme.numeric else ()
            blocks.extend(lay_out(item.items, numbering, depth=depth + 1, numbers=below))
            run_style = None
        elif isinstance(item, Text):
            if item.style in (ListStyle.NUMBER, ListStyle.LETTER) and item.label is None:
                run = run + 1 if run_style is item.style else 1
                run_style = item.style
                label = f"{run}." if item.style is ListStyle.NUMBER else f"{point_letter(run - 1)})"
                blocks.append(paragraph(item.text, item.style, label))
            else:
                run_style = None
                blocks.append(paragraph(item.text, item.style, item.label))
        else:
            run_style = None
            blocks.append(item)
    return blocks
