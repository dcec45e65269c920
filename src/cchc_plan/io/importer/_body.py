"""The body read into an outline — *bố cục*: headings by their labels, content by its marks.

Headings are found by their label (``I.``, ``1.``, ``1.1.``, ``a)``, ``-``, ``+``,
typed or from Word's numbering) and their emphasis (a heading is bold or italic
as a whole); each is placed under the nearest open heading of another scheme, as
a reader nests them. Content paragraphs keep their mark (``- ``, ``+ ``, ``1.``,
``a)``) as a list style.
"""

from __future__ import annotations

import attrs

from ._reader import Para
from ._words import Label, key, label_of, markup

__all__ = ["Head", "Leaf", "build_tree"]

_STYLE = {"dash": "dash", "plus": "plus", "arabic": "number", "letter": "letter", "none": "paragraph",
          "decimal": "number", "roman": "paragraph"}


@attrs.define
class Leaf:
    """A content paragraph: its list style, its label and its text as markup."""

    para: Para
    style: str
    label: str
    text: str


@attrs.define
class Head:
    """A heading and what it holds."""

    para: Para | None
    scheme: str
    label: str
    title: str
    bold: bool
    italic: bool
    children: list[Head | Leaf] = attrs.field(factory=list)

    @property
    def key(self) -> str:
        return key(self.title)

    def heads(self) -> list[Head]:
        return [c for c in self.children if isinstance(c, Head)]

    def leaves(self) -> list[Leaf]:
        return [c for c in self.children if isinstance(c, Leaf)]

    def first_where(self) -> str:
        if self.para is not None:
            return self.para.where
        for c in self.children:
            return c.para.where if isinstance(c, Leaf) else c.first_where()
        return ""


def _is_heading(para: Para, found: Label, flat: bool) -> bool:
    if found.scheme == "none" or "\n" in found.rest:
        return False
    _, bold, italic = markup(para, found.rest)
    if found.scheme == "roman":
        return bold or found.rest == found.rest.upper()
    if flat:
        return False
    if found.scheme in ("arabic", "decimal"):
        return bold and len(found.rest) < 200 and not found.rest.rstrip().endswith(":")
    return (bold or italic) and len(found.rest) < 120 and not found.rest.rstrip().endswith((".", ";", ":"))


def build_tree(paras: list[Para], *, flat_under: tuple[str, ...] = ("to chuc thuc hien",)) -> Head:
    """The paragraphs as a tree of headings; inside a section whose title starts with ``flat_under``
    (the implementation) only Roman headings open a new section."""
    root = Head(para=None, scheme="root", label="", title="", bold=False, italic=False)
    stack: list[Head] = [root]
    for para in paras:
        found = label_of(para.text)
        flat = any(h.key.startswith(flat_under) for h in stack[1:])
        if _is_heading(para, found, flat):
            text, bold, italic = markup(para, found.rest)
            head = Head(para=para, scheme=found.scheme, label=found.label, title=text, bold=bold, italic=italic)
            schemes = [h.scheme for h in stack]
            if found.scheme in schemes:
                del stack[schemes.index(found.scheme):]
            stack[-1].children.append(head)
            stack.append(head)
            continue
        text, _, _ = markup(para, found.rest if found.scheme != "none" else None)
        stack[-1].children.append(Leaf(para=para, style=_STYLE[found.scheme], label=found.label, text=text))
    return root
