"""Apply one change to every free text of a plan — the walk that roll-over and batch share.

Free texts are those the issuer wrote: subject, opening sentence, objectives,
requirements, areas (titles, targets, tasks, their own outline), implementation,
appendix (titles, contents, outputs), and the outline's own titles and texts.
Cited documents, units, recipients and the signer are not free text and are left
alone. Deadlines can be mapped alongside.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from .deadline import Deadline
from .outline import Node, Outline, Section, Text
from .plan import Appendix, AppendixGroup, AppendixItem, Area, Implementation, Output, Plan, UnitDuty

__all__ = ["TextFn", "DeadlineFn", "map_texts"]

TextFn = Callable[[str, str], str]
"""``(field path, text) -> new text``."""
DeadlineFn = Callable[[str, Deadline], Deadline]
"""``(field path, deadline) -> new deadline``."""


def _keep(_: str, value: Deadline) -> Deadline:
    return value


class _Walk:
    def __init__(self, text: TextFn, deadline: DeadlineFn) -> None:
        self.text, self.deadline = text, deadline

    def optional(self, path: str, value: str | None) -> str | None:
        return None if value is None else self.text(path, value)

    def texts(self, path: str, values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self.text(f"{path}[{i}]", v) for i, v in enumerate(values))

    @staticmethod
    def each(path: str, items: tuple[Any, ...], fn: Callable[[str, Any], Any]) -> tuple[Any, ...]:
        return tuple(fn(f"{path}[{i}]", item) for i, item in enumerate(items))

    def area(self, path: str, area: Area) -> Area:
        return attrs.evolve(
            area, title=self.text(f"{path}.title", area.title),
            targets=self.each(f"{path}.targets", area.targets,
                              lambda p, t: attrs.evolve(t, text=self.text(f"{p}.text", t.text))),
            tasks=self.texts(f"{path}.tasks", area.tasks),
            body=self.nodes(f"{path}.body", area.body))

    def nodes(self, path: str, nodes: tuple[Node, ...]) -> tuple[Node, ...]:
        """The free texts of an outline: section titles and text blocks."""
        out: list[Node] = []
        for i, node in enumerate(nodes):
            where = f"{path}[{i}]"
            if isinstance(node, Section):
                node = attrs.evolve(node, title=self.text(f"{where}.title", node.title),
                                    body=self.nodes(f"{where}.body", node.body))
            elif isinstance(node, Text):
                node = attrs.evolve(node, text=self.text(f"{where}.text", node.text))
            out.append(node)
        return tuple(out)

    def outline(self, outline: Outline | None) -> Outline | None:
        if outline is None:
            return None
        return attrs.evolve(outline, body=self.nodes("outline.body", outline.body),
                            area_body=self.nodes("outline.area_body", outline.area_body))

    def output(self, path: str, o: Output) -> Output:
        deadline = None if o.deadline is None else self.deadline(f"{path}.deadline", o.deadline)
        return attrs.evolve(o, text=self.text(f"{path}.text", o.text), deadline=deadline)

    def item(self, path: str, item: AppendixItem) -> AppendixItem:
        return attrs.evolve(item, content=self.text(f"{path}.content", item.content),
                            outputs=self.each(f"{path}.outputs", item.outputs, self.output))

    def group(self, path: str, g: AppendixGroup) -> AppendixGroup:
        return attrs.evolve(g, title=self.text(f"{path}.title", g.title),
                            items=self.each(f"{path}.items", g.items, self.item))

    def appendix(self, appendix: Appendix | None) -> Appendix | None:
        if appendix is None:
            return None
        return attrs.evolve(appendix, title=self.text("appendix.title", appendix.title),
                            groups=self.each("appendix.groups", appendix.groups, self.group))

    def duty(self, path: str, d: UnitDuty) -> UnitDuty:
        return attrs.evolve(d, text=self.optional(f"{path}.text", d.text), items=self.texts(f"{path}.items", d.items))

    def implementation(self, impl: Implementation) -> Implementation:
        return attrs.evolve(
            impl, general=self.optional("implementation.general", impl.general),
            general_items=self.texts("implementation.general_items", impl.general_items),
            duties=self.each("implementation.duties", impl.duties, self.duty),
            closing=self.optional("implementation.closing", impl.closing))


def map_texts(plan: Plan, text: TextFn, deadline: DeadlineFn = _keep, **changes: Any) -> Plan:
    """``plan`` with ``text`` applied to every free text and ``deadline`` to every deadline.

    ``changes`` are other fields to set at the same time (``year=2024``), so that the
    new plan is checked once, whole.
    """
    w = _Walk(text, deadline)
    return attrs.evolve(
        plan,
        subject=w.text("subject", plan.subject),
        opening=attrs.evolve(plan.opening, closing=w.text("opening.closing", plan.opening.closing)),
        objectives=w.texts("objectives", plan.objectives),
        requirements=w.texts("requirements", plan.requirements),
        areas=w.each("areas", plan.areas, w.area),
        tasks_note=w.optional("tasks_note", plan.tasks_note),
        implementation=w.implementation(plan.implementation),
        appendix=w.appendix(plan.appendix),
        outline=w.outline(plan.outline),
        **changes,
    )
