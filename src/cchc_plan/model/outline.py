"""The outline of a document — *bố cục, đề mục*: how its sections are numbered and what each holds.

A plan or report is printed from an :class:`Outline`: a tree of
:class:`Section` s (headings, labelled from their position by the level's
:class:`Scheme` unless a label is given), :class:`Text` blocks (a paragraph, a
"- " item, a "+ " sub-item, a lettered or numbered item) and :class:`Include`
nodes that place the document's typed parts (its objectives, an area's targets,
the duties per unit, a report's results …). Typed meaning lives in the plan and
report; the outline only says where, and how it is numbered.

Text may carry inline emphasis: ``**bold**``, ``*italic*`` and a footnote
``^[text of the note]`` (see :mod:`cchc_plan.markup`).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator

import attrs

from .._text import check_text, check_whole, items_field, text, text_field
from ..markup import markup_problems
from ..problems import InvalidModel, Problem
from ..vnformat import point_letter, roman

__all__ = [
    "Include",
    "LevelStyle",
    "ListStyle",
    "Node",
    "Outline",
    "Part",
    "Scheme",
    "Section",
    "Text",
    "check_key",
]


_KEY = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")


def check_key(path: str, key: object) -> Iterator[Problem]:
    """The problem of a key (``thu-tuc``, ``dung-han.1``): lower-case ASCII, digits, ``-``, ``_``, ``.``."""
    if key is None:
        return
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        yield Problem(path=path, value=key, code="key.invalid",
                      rule="mã gồm chữ thường không dấu, số, dấu gạch nối hoặc dấu chấm (ví dụ thu-tuc)")


class Scheme(enum.Enum):
    """How the headings of one level are labelled — *cách đánh số đề mục*."""

    ROMAN = "roman"
    """``I.``, ``II.`` …"""
    ARABIC = "arabic"
    """``1.``, ``2.`` …"""
    DECIMAL = "decimal"
    """``1.1.``, ``1.1.1.``: the numbers of the numbered levels above, then its own."""
    LETTER = "letter"
    """``a)``, ``b)`` … in Vietnamese alphabet order (a, b, c, d, đ, e …)."""
    DASH = "dash"
    """``-``: an unnumbered sub-heading."""
    PLUS = "plus"
    """``+``."""
    NONE = "none"
    """No label: the title alone."""

    def label(self, position: int, numbers: tuple[int, ...]) -> str:
        """The label of the ``position``-th heading (1-based); ``numbers``: those of the numbered levels above."""
        if self is Scheme.ROMAN:
            return f"{roman(position)}."
        if self is Scheme.ARABIC:
            return f"{position}."
        if self is Scheme.DECIMAL:
            return "".join(f"{n}." for n in (*numbers, position))
        if self is Scheme.LETTER:
            return f"{point_letter(position - 1)})"
        return {Scheme.DASH: "-", Scheme.PLUS: "+", Scheme.NONE: ""}[self]

    @property
    def numeric(self) -> bool:
        """Whether the level's number is carried into ``1.1.`` labels below it."""
        return self in (Scheme.ARABIC, Scheme.DECIMAL)


@attrs.frozen(kw_only=True)
class LevelStyle:
    """How the headings of one level look: label scheme, emphasis, capitals."""

    scheme: Scheme
    bold: bool = True
    italic: bool = False
    caps: bool = False
    """Print the title in capitals (``I. MỤC TIÊU, YÊU CẦU``)."""


class ListStyle(enum.Enum):
    """How a block of content is printed."""

    PARAGRAPH = "paragraph"
    """A plain paragraph."""
    DASH = "dash"
    """``- item``."""
    PLUS = "plus"
    """``+ sub-item``."""
    NUMBER = "number"
    """``1. item`` (a numbered paragraph, not a heading)."""
    LETTER = "letter"
    """``a) item``."""


class Part(enum.Enum):
    """A typed part of a plan or report that an :class:`Include` places in the outline."""

    OPENING = "opening"
    """The căn cứ / thực hiện lines and the closing sentence of the opening."""
    OBJECTIVES = "objectives"
    REQUIREMENTS = "requirements"
    AREAS = "areas"
    """Every area, each as a section with its own sub-outline."""
    AREA = "area"
    """One area (``key``) as a section."""
    TARGETS = "targets"
    """The targets of the current area (or of ``key``)."""
    TASKS = "tasks"
    """The tasks of the current area (or of ``key``)."""
    TASKS_NOTE = "tasks_note"
    IMPLEMENTATION = "implementation"
    """General duties, duties per unit and the closing sentence, numbered 1., 2. …"""
    GENERAL = "general"
    """The general duties of the implementation."""
    DUTIES = "duties"
    """One paragraph per unit, with its bold lead-in."""
    IMPLEMENTATION_CLOSING = "implementation_closing"
    DIRECTION = "direction"
    """Report: *công tác chỉ đạo, điều hành*."""
    RESULTS = "results"
    """Report: one section per area with what was done and the results of its targets."""
    FIGURES = "figures"
    """Report: the one-stop figures in a paragraph."""
    PROGRESS = "progress"
    """Report: the progress of the appendix tasks in one sentence."""
    STRENGTHS = "strengths"
    WEAKNESSES = "weaknesses"
    CAUSES = "causes"
    NEXT_STEPS = "next_steps"
    PROPOSALS = "proposals"
    CLOSING = "closing"
    """Report: the closing sentence ("Trên đây là báo cáo …")."""


class _Checked:
    """Runs ``_problems`` after ``__init__`` and raises them all together (the model's one mechanism)."""

    __slots__ = ()

    def _problems(self) -> Iterator[Problem]:  # pragma: no cover - overridden
        return iter(())

    def __attrs_post_init__(self) -> None:
        found = list(self._problems())
        if found:
            raise InvalidModel(found)


@attrs.frozen(kw_only=True)
class Text(_Checked):
    """A block of content written as it stands: a paragraph or an item."""

    text: str = attrs.field(converter=text)
    style: ListStyle = ListStyle.PARAGRAPH
    label: str | None = text_field(default=None)
    """An explicit item label (``3.``, ``đ)``) instead of the computed one (number and letter styles)."""

    def _problems(self) -> Iterator[Problem]:
        yield from check_text("text", self.text, multiline=True)
        yield from markup_problems("text", self.text)
        yield from check_text("label", self.label, required=False)


@attrs.frozen(kw_only=True)
class Include(_Checked):
    """A typed part of the document placed here (see :class:`Part`)."""

    part: Part
    key: str | None = None
    """Which area, for :attr:`Part.AREA` (required), :attr:`Part.TARGETS` and :attr:`Part.TASKS`."""
    style: ListStyle | None = None
    """How its items are printed (each part has its default)."""
    only: tuple[int, ...] = items_field(default=())
    """Only these items (1-based), to interleave an area's targets and tasks."""
    start: int = 1
    """The number (or letter position) of the first item, for number and letter styles."""

    def _problems(self) -> Iterator[Problem]:
        if not isinstance(self.part, Part):
            yield Problem(path="part", value=self.part, rule="phần không hợp lệ")
            return
        yield from check_key("key", self.key)
        if self.part is Part.AREA and self.key is None:
            yield Problem(path="key", rule="cần mã lĩnh vực (key) của lĩnh vực được đặt ở đây")
        for i, n in enumerate(self.only):
            yield from check_whole(f"only[{i}]", n, "số thứ tự bắt đầu từ 1", low=1)
        yield from check_whole("start", self.start, "số bắt đầu từ 1", low=1)


@attrs.frozen(kw_only=True)
class Section(_Checked):
    """A heading and what it holds; printed only when it holds something (or the outline fills it)."""

    title: str = attrs.field(converter=text)
    body: tuple[Node, ...] = items_field(default=())
    label: str | None = text_field(default=None)
    """An explicit label (``"II."``; ``""`` for none) instead of the one computed from its position."""

    def _problems(self) -> Iterator[Problem]:
        yield from check_text("title", self.title)
        yield from markup_problems("title", self.title)
        if self.label is not None and (not isinstance(self.label, str) or "\n" in self.label):
            yield Problem(path="label", value=self.label, rule="nhãn đề mục là văn bản trên một dòng")


Node = Section | Text | Include
"""A node of an outline."""


def _style(scheme: Scheme, *, bold: bool = True, italic: bool = False, caps: bool = False) -> LevelStyle:
    return LevelStyle(scheme=scheme, bold=bold, italic=italic, caps=caps)


DEFAULT_NUMBERING = (
    _style(Scheme.ROMAN, caps=True),
    _style(Scheme.ARABIC),
    _style(Scheme.LETTER, bold=False, italic=True),
    _style(Scheme.DASH, bold=False, italic=True),
)
"""``I.`` bold capitals → ``1.`` bold → ``a)`` italic → ``-`` italic (Nghị định 30's plans, the seed)."""


@attrs.frozen(kw_only=True)
class Outline(_Checked):
    """The outline of a document: numbering per level, the body, and the sub-outline of an area.

    ``preset`` names a built-in outline (see :mod:`cchc_plan.model.presets`); ``body``
    and ``area_body``, when given, replace the preset's; ``numbering`` replaces its levels.
    """

    preset: str | None = None
    numbering: tuple[LevelStyle, ...] | None = items_field(default=None)
    body: tuple[Node, ...] = items_field(default=())
    area_body: tuple[Node, ...] = items_field(default=())
    """The sub-outline of every area that has none of its own (default: targets, then tasks)."""
    empty: str | None = text_field(default=None)
    """Printed in a section that holds nothing (``- Không có.``); such a section is left out when not given."""

    def _problems(self) -> Iterator[Problem]:
        yield from check_text("preset", self.preset, required=False)
        yield from check_text("empty", self.empty, required=False)
        if self.numbering is not None and not self.numbering:
            yield Problem(path="numbering", rule="cần ít nhất một cấp đề mục")
        for i, level in enumerate(self.numbering or ()):
            if isinstance(level, LevelStyle) and level.scheme is Scheme.ROMAN and not (level.bold and level.caps):
                yield Problem(path=f"numbering[{i}]", value=level.scheme.value,
                              rule="mục đánh số La Mã (I., II. …) in hoa, đậm (Nghị định 30/2020, Phụ lục I)")


def walk(nodes: tuple[Node, ...], path: str) -> Iterator[tuple[str, Node]]:
    """Every node of a tree with its field path (``body[1].body[0]``)."""
    for i, node in enumerate(nodes):
        where = f"{path}[{i}]"
        yield where, node
        if isinstance(node, Section):
            yield from walk(node.body, f"{where}.body")
