"""Edit a plan's YAML file in place of rewriting it — *giữ nguyên cách viết của tệp*.

Next year's plan (``cchc-plan new``) is written from this year's *file*, not from
the model: the file is read with ruamel.yaml's round-trip loader, only the values
that differ between the two plans are changed, and everything else — comments,
key order, quoting, block or flow style, line breaks of long texts — stays as the
author wrote it. A value whose form in the file differs from the model's (a long
form written short, a template placeholder) is replaced whole and named in the
notes, so that nothing changes silently. The result is read back and must give
the new plan; otherwise :func:`edit_yaml` returns ``None`` and the caller writes
the model instead.
"""

from __future__ import annotations

import difflib
import io
import re
from decimal import Decimal
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import ScalarString

__all__ = ["edit_yaml"]

_KEY_LINE = re.compile(r"( *)[^\s#-]")
_ENDS_KEY = re.compile(r":[ \t]*(?:#|$)")
_ITEM_LINE = re.compile(r"( *)- ")


def _item_offset(text: str) -> int | None:
    """How far the file indents a list's dashes past its key (``None``: no list under a key).

    The first line ``key:`` (a comment may follow) whose next line with content is an item
    ``- …`` gives it. Read line by line: one pattern over the whole text would try every
    colon of a long line against the rest of that line.
    """
    key_indent: int | None = None
    for line in text.split("\n"):
        stripped = line.strip(" \t")
        if key_indent is not None:
            if not stripped or stripped.startswith("#"):
                continue
            item = _ITEM_LINE.match(line)
            if item is not None:
                return max(0, len(item.group(1)) - key_indent)
            key_indent = None
        key = _KEY_LINE.match(line)
        if key is not None and _ENDS_KEY.search(line, key.end()):
            key_indent = len(key.group(1))
    return None


def _yaml(text: str) -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap a long line
    found = _item_offset(text)
    offset = found if found is not None else 2
    y.indent(mapping=2, sequence=offset + 2, offset=offset)
    return y


def _plain(value: Any) -> Any:
    """A model value as ruamel writes it (no Decimal)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _comment(tokens: Any) -> str:
    """The text of the comment ruamel.yaml keeps for a key or an item (``""`` if none)."""
    found: list[str] = []

    def walk(t: Any) -> None:
        if isinstance(t, list):
            for x in t:
                walk(x)
        elif t is not None and hasattr(t, "value") and isinstance(t.value, str):
            found.extend(line.strip() for line in t.value.splitlines() if line.strip().startswith("#"))

    walk(tokens)
    return " ".join(found)


class _Editor:
    def __init__(self) -> None:
        self.notes: list[str] = []

    def scalar(self, path: str, node: Any, new: Any) -> Any:
        """``new`` in the style of the file's scalar ``node`` (quoted, literal block …)."""
        if isinstance(node, ScalarString) and isinstance(new, str):
            return type(node)(new)
        if isinstance(node, (dict, list)) or isinstance(new, (dict, list)):
            self.notes.append(f"{path}: viết lại cả giá trị (cách viết trong tệp khác cách viết của mô hình)")
        return _plain(new)

    def mapping(self, path: str, tree: CommentedMap, old: dict[str, Any], new: dict[str, Any]) -> None:
        for key in list(tree):
            child = f"{path}.{key}" if path else str(key)
            if key not in old:  # not part of the model's data (a preset, placeholders): kept
                continue
            if key not in new:
                comment = _comment(tree.ca.items.get(key))
                del tree[key]
                if comment:
                    self.notes.append(f"{child}: đã bỏ trường cùng ghi chú đi kèm ({comment})")
                continue
            self.value(child, tree, key, old[key], new[key])
        for key in new:
            if key not in old and key not in tree:
                tree[key] = _plain(new[key])
                self.notes.append(f"{path + '.' if path else ''}{key}: đã thêm trường")

    def value(self, path: str, parent: Any, key: Any, old: Any, new: Any) -> None:
        if old == new:
            return
        node = parent[key]
        if isinstance(node, CommentedMap) and isinstance(old, dict) and isinstance(new, dict):
            self.mapping(path, node, old, new)
        elif isinstance(node, CommentedSeq) and isinstance(old, list) and isinstance(new, list):
            self.sequence(path, node, old, new)
        else:
            parent[key] = self.scalar(path, node, new)

    def sequence(self, path: str, tree: CommentedSeq, old: list[Any], new: list[Any]) -> None:
        if len(tree) != len(old):
            tree[:] = _plain(new)
            self.notes.append(f"{path}: viết lại cả danh sách")
            return
        if len(old) == len(new):
            for i, (a, b) in enumerate(zip(old, new, strict=True)):
                self.value(f"{path}[{i}]", tree, i, a, b)
            return
        matcher = difflib.SequenceMatcher(a=[repr(x) for x in old], b=[repr(x) for x in new], autojunk=False)
        for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
            if tag == "equal":
                continue
            if tag == "replace" and i2 - i1 == j2 - j1:
                for k in range(i2 - i1):
                    self.value(f"{path}[{i1 + k}]", tree, i1 + k, old[i1 + k], new[j1 + k])
                continue
            for i in range(i2 - 1, i1 - 1, -1):
                comment = _comment(tree.ca.items.get(i))
                if comment:
                    self.notes.append(f"{path}[{i}]: đã bỏ mục cùng ghi chú đi kèm ({comment})")
                del tree[i]
            for k, item in enumerate(new[j1:j2]):
                tree.insert(i1 + k, _plain(item))


def edit_yaml(text: str, old: dict[str, Any], new: dict[str, Any]) -> tuple[str, list[str]] | None:
    """``text`` (a plan's YAML) changed from plan data ``old`` to ``new``; and notes on what was rewritten.

    ``None`` when the file cannot be edited this way (not a mapping, not readable by ruamel.yaml).
    """
    y = _yaml(text)
    try:
        tree = y.load(text)
    except YAMLError:
        return None
    if not isinstance(tree, CommentedMap):
        return None
    editor = _Editor()
    editor.mapping("", tree, old, new)
    out = io.StringIO()
    y.dump(tree, out)
    return out.getvalue(), editor.notes
