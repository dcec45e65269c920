"""Template plans — *kế hoạch mẫu*: explicit placeholders, and the bodies of a commune as a preset.

A plan meant to be filled for many units (``cchc-plan batch``) marks what differs
from unit to unit with a placeholder in braces, in any text of the file, and gives
each placeholder a sample value in a top-level ``placeholders:`` table::

    placeholders:            # giá trị mẫu khi dùng riêng tệp này; batch lấy từ bảng đơn vị
      cấp: xã
      tên: Mẫu
      tỉnh: tỉnh Mẫu
    issuer:
      name: Ủy ban nhân dân {cấp} {tên}
      header: [ỦY BAN NHÂN DÂN, "{CẤP} {TÊN}"]
      province: "{tỉnh}"
    objectives:
      - … xây dựng chính quyền {cấp} phục vụ Nhân dân …

Read on its own (``validate``, ``render``), the template is the sample plan: every
placeholder takes its sample value. In a batch each unit fills them
(:func:`unit_values`): ``{cấp}`` the level word of the unit's name (*xã*,
*phường*, *đặc khu* …), ``{tên}`` its own name, ``{tỉnh}`` the ``province`` column,
``{địa danh}`` the ``place`` column, ``{người ký}`` the ``signer`` column; any other placeholder a column of the same
name. A placeholder written in capitals (``{CẤP}``) takes the value in capitals.

``units_preset: xã`` (or ``phường``, ``đặc khu``) puts the bodies of a commune
under Nghị định 150/2025/NĐ-CP in ``units:`` (:data:`UNIT_PRESETS`, their names with the level
word of the preset: *Văn phòng HĐND và UBND phường*); units listed
in the file are added, or replace a preset unit of the same ``key``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from ..model.units import LEVEL_WORDS, UNIT_PRESETS, level_word
from ..problems import InputError, Problem
from ..vnformat import upper

__all__ = ["LEVEL_WORDS", "PLACEHOLDER", "UNIT_PRESETS", "expand_presets", "fill", "level_word",
           "placeholders_in", "prepare", "split_template", "texts_of", "unit_values"]

PLACEHOLDER = re.compile(r"\{([^{}\n]{1,40})\}")
"""``{name}`` in a text."""

def unit_values(name: str, place: str, columns: dict[str, str | None]) -> dict[str, str]:
    """The placeholder values a unit gives: ``cấp``, ``tên``, ``địa danh``, ``tỉnh``, ``người ký``, other columns."""
    values = {k: v for k, v in columns.items() if v}
    named = level_word(name)
    if named:
        values["cấp"], values["tên"] = named
    if place:
        values["địa danh"] = place
    if columns.get("province"):
        values["tỉnh"] = columns["province"] or ""
    if columns.get("signer"):
        values["người ký"] = columns["signer"] or ""
    return values


def _value(name: str, values: dict[str, str]) -> str | None:
    if name in values:
        return values[name]
    lower = name.lower()
    if name == upper(name) and lower in values:
        return upper(values[lower])
    return None


def texts_of(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every text in plain ``data`` with its field path."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield from texts_of(v, f"{path}.{k}" if path else str(k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from texts_of(v, f"{path}[{i}]")
    elif isinstance(data, str):
        yield path, data


def placeholders_in(data: Any) -> dict[str, list[str]]:
    """Every placeholder used in ``data``, with the field paths that use it (in file order)."""
    found: dict[str, list[str]] = {}
    for path, text in texts_of(data):
        for m in PLACEHOLDER.finditer(text):
            found.setdefault(m.group(1), []).append(path)
    return found


def fill(data: Any, values: dict[str, str]) -> tuple[Any, list[tuple[str, str]]]:
    """``data`` with every placeholder that ``values`` fills replaced; and ``(path, name)`` of the others."""
    missing: list[tuple[str, str]] = []

    def walk(value: Any, path: str) -> Any:
        if isinstance(value, dict):
            return {k: walk(v, f"{path}.{k}" if path else str(k)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, f"{path}[{i}]") for i, v in enumerate(value)]
        if isinstance(value, str) and "{" in value:
            def one(m: re.Match[str]) -> str:
                got = _value(m.group(1), values)
                if got is None:
                    missing.append((path, m.group(1)))
                    return m.group(0)
                return got
            return PLACEHOLDER.sub(one, value)
        return value

    return walk(data, ""), missing


def _line(lines: dict[str, int], path: str) -> int | None:
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


def split_template(data: Any, source: str, lines: dict[str, int] | None = None) -> tuple[Any, dict[str, str]]:
    """``data`` without its ``placeholders:`` table, and the table's sample values (checked)."""
    lines = lines or {}
    if not isinstance(data, dict) or "placeholders" not in data:
        return data, {}
    table = data["placeholders"]
    rest = {k: v for k, v in data.items() if k != "placeholders"}
    line = lines.get("placeholders")
    if not isinstance(table, dict) or not table:
        raise InputError(source, [Problem(
            path="placeholders", line=line, rule="bảng các chỗ cần điền và giá trị mẫu, ví dụ: tên: Mẫu")])
    problems = [Problem(path=f"placeholders.{k}", value=v, line=lines.get(f"placeholders.{k}", line),
                        rule="giá trị mẫu phải là văn bản, không để trống")
                for k, v in table.items() if not isinstance(v, str) or not v.strip()]
    if problems:
        raise InputError(source, problems)
    samples = {str(k): unicodedata.normalize("NFC", v) for k, v in table.items()}
    unknown = [(name, paths[0]) for name, paths in placeholders_in(rest).items() if _value(name, samples) is None]
    if unknown:
        raise InputError(source, [Problem(
            path=path, value="{" + name + "}", line=_line(lines, path),
            rule=f'chỗ cần điền "{name}" chưa có giá trị mẫu trong placeholders: (đã có: {", ".join(samples)})')
            for name, path in unknown])
    return rest, samples


def expand_presets(data: Any, source: str, lines: dict[str, int] | None = None) -> Any:
    """``data`` with ``units_preset:`` replaced by the preset's units (the file's own units win by key)."""
    if not isinstance(data, dict) or "units_preset" not in data:
        return data
    lines = lines or {}
    name = data["units_preset"]
    key = name.strip().lower() if isinstance(name, str) else name
    if key not in UNIT_PRESETS:
        raise InputError(source, [Problem(
            path="units_preset", value=name, line=lines.get("units_preset"),
            rule=f"không có bộ đơn vị mẫu này; chọn một trong: {', '.join(UNIT_PRESETS)}")])
    own = data.get("units") or []
    own_keys = {u.get("key") for u in own if isinstance(u, dict)}
    preset = [{k: v.replace("{cấp}", key) for k, v in u.items()} for u in UNIT_PRESETS[key]
              if u["key"] not in own_keys]
    rest = {k: v for k, v in data.items() if k != "units_preset"}
    rest["units"] = [*preset, *own] if isinstance(own, list) else own
    return rest


def prepare(data: Any, source: str, lines: dict[str, int] | None = None) -> Any:
    """Plan data as read from a file, ready to build: presets expanded, placeholders at their samples."""
    rest, samples = split_template(data, source, lines)
    if samples:
        rest, _ = fill(rest, samples)
    return expand_presets(rest, source, lines)
