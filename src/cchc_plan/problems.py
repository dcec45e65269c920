"""Problems found in a plan: what is wrong, where, and which rule it breaks.

Every check of the library reports a :class:`Problem`; the model raises
:class:`InvalidModel` with all of an object's problems at once, and the file
loader turns them into one :class:`InputError` that names the file and line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

__all__ = ["InputError", "InvalidModel", "Problem", "join_path"]


@attrs.frozen(kw_only=True)
class Problem:
    """One problem — *một lỗi*: the field path, the bad value and the rule it breaks."""

    path: str
    """Field path from the document root, e.g. ``areas[1].targets[3].measures[0].value``."""
    rule: str
    """The rule that is broken, in Vietnamese, for the office user."""
    value: object = attrs.field(default=None)
    """The offending value (``None`` when the value is missing)."""
    line: int | None = None
    """1-based line in the input file, where known."""

    def at(self, prefix: str) -> Problem:
        """The same problem seen from a parent object whose field is ``prefix``."""
        return attrs.evolve(self, path=join_path(prefix, self.path))

    def describe(self) -> str:
        """One line: ``path = value: rule`` (the value shortened when long)."""
        where = self.path or "(tài liệu)"
        if self.value is None:
            return f"{where}: {self.rule}"
        if isinstance(self.value, str):
            shown = '"' + "".join(c if c.isprintable() else repr(c)[1:-1] for c in self.value) + '"'
        elif isinstance(self.value, Decimal):
            shown = format(self.value, "f")
        elif isinstance(self.value, float):
            shown = f"{self.value:g}"
        else:
            shown = repr(self.value)
        if len(shown) > 80:
            shown = shown[:77] + "…"
        return f"{where} = {shown}: {self.rule}"


def join_path(prefix: str, path: str) -> str:
    """Join two field paths: ``join_path("areas[0]", "title") == "areas[0].title"``."""
    if not prefix:
        return path
    if not path:
        return prefix
    if path.startswith("["):
        return prefix + path
    return f"{prefix}.{path}"


class InvalidModel(ValueError):
    """A value object was built with invalid fields; ``problems`` lists all of them.

    Paths in ``problems`` are relative to the object that raised.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(p.describe() for p in self.problems))


class InputError(Exception):
    """A user's input cannot be used; the message lists every problem found.

    ``source`` is the file (or ``"<dữ liệu>"`` for data passed in Python).
    """

    def __init__(self, source: str, problems: Iterable[Problem]) -> None:
        self.source = source
        found = list(problems)
        # In file order; problems without a line (cross-checks) keep their order at the end.
        found.sort(key=lambda p: p.line if p.line is not None else float("inf"))
        self.problems: tuple[Problem, ...] = tuple(found)
        super().__init__(self.format())

    def format(self) -> str:
        """The report shown to the user: a heading line, then one line per problem."""
        count = len(self.problems)
        lines = [f"{self.source}: có {count} lỗi, chưa thể dùng tệp này." if count > 1
                 else f"{self.source}: có 1 lỗi, chưa thể dùng tệp này."]
        for p in self.problems:
            where = f"{self.source}:{p.line}" if p.line else self.source
            lines.append(f"  - {where}: {p.describe()}")
        return "\n".join(lines)
