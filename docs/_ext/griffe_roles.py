"""Griffe extension for this site: the reST of cchc_plan's docstrings as Markdown.

The library's docstrings cite other objects the Sphinx way (``:class:`~cchc_plan.problems.InvalidModel```,
``:func:`load_plan```). mkdocstrings reads Markdown, so each role becomes an inline code span, linked
(``[`InvalidModel`][cchc_plan.problems.InvalidModel]``) when the target is rendered on this site — an
object of one of the ``documented`` modules, with a docstring, whose path has no private part — and left as plain code
otherwise, so that ``mkdocs build --strict`` never meets a dangling cross-reference. Doctest
blocks become fenced ``pycon`` code, and the ``::`` that opens a reST literal block a plain colon.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_DOCTEST = re.compile(r"^>>> .*(?:\n(?!\s*$).*)*", re.M)
"""A doctest block: from a ``>>>`` line to the next blank line."""
_LITERAL = re.compile(r"::\n\n")
"""reST's ``text::`` before an indented literal block (Markdown shows the block as code already)."""
_ROLE = re.compile(r":(?:class|func|meth|data|mod|attr|exc|obj|const):`(?P<tilde>~?)(?P<target>[^`<>]+)`")


class SphinxRoles(griffe.Extension):
    """Rewrite the roles of every docstring when the object is loaded."""

    def __init__(self, documented: list[str] | None = None) -> None:
        super().__init__()
        self.documented = tuple(documented or ())

    def _linkable(self, path: str, loader: griffe.GriffeLoader) -> bool:
        if any(part.startswith("_") for part in path.split(".")):
            return False
        if not any(path == m or path.startswith(m + ".") for m in self.documented):
            return False
        try:  # rendered only when it exists and (but for a module) has a docstring
            target = loader.modules_collection[path]
        except (KeyError, griffe.AliasResolutionError, griffe.CyclicAliasError):
            return False
        return bool(target.is_module or target.docstring)

    def _resolve(self, obj: griffe.Object, target: str) -> str | None:
        """The full path of ``target`` as seen from ``obj``'s module (or class), or ``None``."""
        if target.startswith("cchc_plan"):
            return target
        head, _, rest = target.partition(".")
        scopes: list[Any] = []
        if isinstance(obj, griffe.Class):
            scopes.append(obj)
        if obj.parent is not None and isinstance(obj.parent, griffe.Class):
            scopes.append(obj.parent)
        scopes.append(obj.module)
        for scope in scopes:
            member = scope.members.get(head)
            if member is None:
                continue
            path = member.target_path if isinstance(member, griffe.Alias) else member.path
            return f"{path}.{rest}" if rest else path
        return None

    def _rewrite(self, obj: griffe.Object, text: str, loader: griffe.GriffeLoader) -> str:
        def replace(m: re.Match[str]) -> str:
            target = m["target"].strip()
            shown = target.rsplit(".", 1)[-1] if m["tilde"] else target
            path = self._resolve(obj, target)
            if path is not None and self._linkable(path, loader):
                return f"[`{shown}`][{path}]"
            return f"`{shown}`"

        text = _DOCTEST.sub(lambda m: f"```pycon\n{m.group()}\n```", text)
        text = _LITERAL.sub(":\n\n", text)
        return _ROLE.sub(replace, text)

    def on_package(self, *, pkg: griffe.Module, loader: griffe.GriffeLoader, **kwargs: Any) -> None:  # noqa: ARG002
        """Once the whole package is loaded (so that imported names resolve), rewrite every docstring."""
        seen: set[int] = set()

        def walk(obj: griffe.Object) -> None:
            if id(obj) in seen:
                return
            seen.add(id(obj))
            if obj.docstring is not None:
                obj.docstring.value = self._rewrite(obj, obj.docstring.value, loader)
            for member in obj.members.values():
                if not isinstance(member, griffe.Alias):
                    walk(member)

        walk(pkg)
