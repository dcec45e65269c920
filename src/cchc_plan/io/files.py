"""Data files: read YAML or JSON into plain data with the line of every field, write text atomically.

A user's mistake becomes one :class:`~cchc_plan.problems.InputError` naming the
file, the line where the mistake is, the field path, the value and the rule.
"""

from __future__ import annotations

import json
import os
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import attrs
import yaml

from .._text import FORBIDDEN_RULE, forbidden_character
from ..problems import InputError, InvalidModel, Problem, join_path
from ..vnformat import number
from .convert import json_number, structure, to_data, unstructure
from .inputs import read_input
from .outputs import atomic_write
from .validation import all_problems

__all__ = ["MAX_INPUT_BYTES", "atomic_write", "build", "parse_data", "read_data", "to_json", "to_yaml"]

T = TypeVar("T")

MAX_INPUT_BYTES = 5 * 1024 * 1024
"""A plan file is a few hundred kB at most; larger input is refused before it is parsed."""
_MAX_NODES = 500_000
_MAX_DEPTH = 64

_Lines = dict[str, int]

try:  # libyaml when present: same results, faster
    _Loader: type = yaml.CSafeLoader
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader
    _Dumper = yaml.SafeDumper


class _Walk:
    """Turns a composed YAML node tree into plain data and a map ``path → line``."""

    def __init__(self) -> None:
        self.lines: _Lines = {}
        self.problems: list[Problem] = []
        self.nodes = 0
        self._constructor = yaml.constructor.SafeConstructor()

    def value(self, node: yaml.Node, path: str, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > _MAX_NODES or depth > _MAX_DEPTH:
            raise _TooBig()
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                if not isinstance(key, str) or key_node.tag != "tag:yaml.org,2002:str":
                    self.problems.append(Problem(
                        path=path, value=key, line=key_node.start_mark.line + 1, code="type.text",
                        rule="tên trường phải là chữ (ví dụ title:)"))
                    continue
                child = f"{path}.{key}" if path else key
                if key in out:
                    self.problems.append(Problem(
                        path=child, line=key_node.start_mark.line + 1, code="field.duplicate",
                        rule=f"trường bị khai báo hai lần (lần đầu ở dòng {self.lines[child]})"))
                    continue
                self.lines[child] = key_node.start_mark.line + 1
                out[key] = self.value(value_node, child, depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(node.value)]
        tag = node.tag
        if tag == "tag:yaml.org,2002:str" or tag == "tag:yaml.org,2002:timestamp":
            return node.value
        if tag == "tag:yaml.org,2002:float":
            text = node.value.replace("_", "")
            try:
                number = Decimal(text)
            except ArithmeticError:
                return node.value
            return number if number.is_finite() else node.value
        if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"):
            return self._constructor.construct_object(node)
        self.problems.append(Problem(path=path, value=node.value, line=node.start_mark.line + 1,
                                     rule=f"không hỗ trợ kiểu dữ liệu YAML {tag}"))
        return node.value


class _TooBig(Exception):
    pass


_YAML_REASONS = (  # what PyYAML or libyaml says → what to tell the office user
    (r"tab character|'\\t'", 'dòng có ký tự Tab; YAML chỉ thụt lề bằng dấu cách: thay Tab bằng dấu cách'),
    (r"mapping values are not allowed", 'dấu ":" không đúng chỗ: thụt lề sai, hoặc nội dung có dấu ":" '
                                        "thì đặt trong dấu ngoặc kép"),
    (r"expected '-' indicator", 'thụt lề không đều trong danh sách: các dòng "- " cùng cấp phải thẳng cột'),
    (r"expected ',' or '\]'", 'thiếu dấu "]" đóng danh sách […], hoặc nội dung có dấu phẩy, dấu ngoặc thì '
                              "đặt trong dấu ngoặc kép"),
    (r"expected ',' or '\}'", 'thiếu dấu "}" đóng bảng {…}, hoặc nội dung có dấu phẩy, dấu ngoặc thì '
                              "đặt trong dấu ngoặc kép"),
    (r"could not find expected ':'", 'thiếu dấu ":" sau tên trường (hoặc một dòng nội dung bị xuống dòng '
                                     "giữa chừng)"),
    (r"expected <block end>|expected key|expected <document start>",
     "thụt lề không đều: các trường cùng cấp phải thẳng cột"),
    (r"escape", 'ký tự "\\" không hợp lệ trong dấu ngoặc kép; dùng dấu ngoặc đơn \'…\' hoặc viết "\\\\"'),
    (r"quoted scalar|unexpected end of stream", "thiếu dấu ngoặc kép đóng của một nội dung"),
    (r"undefined alias", "bí danh YAML (*…) chưa được khai báo; nội dung bắt đầu bằng * thì đặt trong dấu ngoặc kép"),
    (r"alphabetic or numeric character", "sau dấu & hoặc * phải là một tên; nội dung bắt đầu bằng & hay * thì "
                                         "đặt trong dấu ngoặc kép"),
    (r"cannot start any token", "ký tự này không thể đứng đầu một nội dung; đặt nội dung trong dấu ngoặc kép"),
    (r"duplicate anchor|found duplicate", "bí danh YAML (&…) bị khai báo hai lần"),
)


def _yaml_reason(e: yaml.MarkedYAMLError, text: str) -> tuple[int | None, str]:
    """The line and a Vietnamese explanation of a YAML syntax error."""
    import re

    said = f"{e.context or ''} {e.problem or ''}"
    quoted = ("quoted scalar" in said and "escape" not in said or "simple key" in said) and e.context_mark is not None
    mark = e.context_mark if quoted else (e.problem_mark or e.context_mark)
    line = mark.line + 1 if mark else None
    lines = text.splitlines()
    if mark is not None and mark.line < len(lines):
        own = lines[mark.line]
        if "\t" in own[: len(own) - len(own.lstrip(" \t"))] or own[mark.column:mark.column + 1] == "\t":
            return line, _YAML_REASONS[0][1]
        if "cannot start any token" in said and mark.column < len(own):
            return line, (f'ký tự "{own[mark.column]}" (cột {mark.column + 1}) không thể đứng đầu một nội dung; '
                          "đặt nội dung trong dấu ngoặc kép")
    if mark is not None and not quoted:
        for n, own in enumerate(lines[: mark.line]):
            if own.lstrip().startswith("#") or ("'" in own and '"' not in own):
                continue
            if len(re.findall(r'(?<!\\)"', own)) % 2:  # a quote opened and not closed on its line
                return n + 1, "dấu ngoặc kép mở ở dòng này chưa được đóng trên cùng dòng"
    for pattern, reason in _YAML_REASONS:
        if re.search(pattern, said):
            return line, reason + (f" (cột {mark.column + 1})" if mark is not None and not quoted else "")
    return line, 'cấu trúc YAML không đúng ở đây (thụt lề, dấu ":", dấu ngoặc)'


def _parse_yaml(text: str, source: str) -> tuple[Any, _Lines]:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        line, reason = _yaml_reason(e, text)
        raise InputError(source, [Problem(path="", code="file.unreadable", line=line,
                                          rule=f"không đọc được YAML: {reason}")]) from None
    except yaml.reader.ReaderError as e:
        # libyaml counts the position in UTF-8 bytes, the Python reader in characters.
        if _Loader is yaml.SafeLoader:
            line = text[: e.position].count("\n") + 1
        else:
            line = text.encode("utf-8")[: e.position].count(b"\n") + 1
        raise InputError(source, [Problem(
            path="", code="file.unreadable", line=line,
            rule=f"ký tự điều khiển U+{e.character:04X} không được phép trong tệp YAML")]) from None
    except yaml.YAMLError:
        raise InputError(source, [Problem(path="", code="file.unreadable",
                                          rule='không đọc được YAML: cấu trúc tệp không đúng')]) from None
    if node is None:
        raise InputError(source, [Problem(path="", code="file.unreadable", rule="tệp không có nội dung")])
    walk = _Walk()
    try:
        data = walk.value(node, "", 0)
    except ValueError as e:
        if "integer string conversion" not in str(e):
            raise
        raise _number_too_long(text, source) from None
    except (_TooBig, RecursionError):
        raise InputError(source, [Problem(
            path="", code="file.unreadable",
            rule="tệp lồng quá sâu hoặc quá nhiều mục (có thể do bí danh YAML lặp)")]) from None
    if walk.problems:
        raise InputError(source, walk.problems)
    return data, walk.lines


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


class _Duplicate(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


_JSON_REASONS = (
    ("Expecting property name", "tên trường phải đặt trong dấu ngoặc kép (hoặc thừa dấu phẩy trước })"),
    ("Expecting ',' delimiter", "thiếu dấu phẩy giữa hai mục"),
    ("Expecting ':' delimiter", 'thiếu dấu ":" sau tên trường'),
    ("Expecting value", "thiếu giá trị (hoặc thừa dấu phẩy)"),
    ("Unterminated string", "thiếu dấu ngoặc kép đóng"),
    ("Invalid control character", "xuống dòng hoặc Tab trong nội dung; viết \\n hoặc \\t"),
    ("Invalid \\escape", 'ký tự "\\" không hợp lệ; viết "\\\\"'),
    ("Extra data", "thừa nội dung sau dấu } cuối cùng"),
)


def _parse_json(text: str, source: str) -> tuple[Any, _Lines]:
    try:
        data = json.loads(text, parse_float=Decimal, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as e:
        reason = next((v for k, v in _JSON_REASONS if e.msg.startswith(k)), "cú pháp JSON không đúng ở đây")
        raise InputError(source, [Problem(path="", code="file.unreadable", line=e.lineno,
                                          rule=f"không đọc được JSON: {reason} (cột {e.colno})")]) from None
    except _Duplicate as e:
        raise InputError(source, [Problem(path="", value=e.key, code="field.duplicate",
                                          rule="trường bị khai báo hai lần")]) from None
    except RecursionError:
        raise InputError(source, [Problem(path="", code="file.unreadable", rule="tệp lồng quá sâu")]) from None
    except ValueError as e:
        if "integer string conversion" not in str(e):
            raise
        raise _number_too_long(text, source) from None
    try:  # JSON is YAML: take the line numbers from the YAML reading when it agrees
        _, lines = _parse_yaml(text, source)
    except InputError:
        lines = {}
    return data, lines


def read_data(path: str | os.PathLike[str]) -> tuple[Any, _Lines]:
    """Read a YAML or JSON file into plain data and a map ``field path → line``.

    Refuses, with :class:`InputError`, a missing, empty, oversized, non-UTF-8 or
    unparseable file.
    """
    p = Path(path)
    source = str(path)
    raw = read_input(p, MAX_INPUT_BYTES, source=source, kind="tệp kế hoạch")
    return parse_data(raw, source, p.suffix)


def parse_data(raw: bytes | str, source: str = "<dữ liệu>", suffix: str = "") -> tuple[Any, _Lines]:
    """Parse the content of a YAML or JSON file (bytes or text) into plain data and its lines.

    ``suffix`` (``.json``, ``.yaml``) says the format; without it, content that starts
    with ``{`` is read as JSON, anything else as YAML.
    """
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    if len(raw) > MAX_INPUT_BYTES:
        raise InputError(source, [Problem(path="", code="file.unreadable", rule=(
            f"dữ liệu quá lớn ({number(Decimal(len(raw)) / 1024 / 1024, 1)} MB); "
            f"tối đa {MAX_INPUT_BYTES // 1024 // 1024} MB"))])
    if not raw.strip():
        raise InputError(source, [Problem(path="", code="file.unreadable", rule="tệp rỗng")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise InputError(source, [Problem(
            path="", line=line, code="file.unreadable",
            rule=f"tệp không ở bảng mã UTF-8 (byte 0x{raw[e.start]:02X}); "
                 "hãy lưu lại tệp với bảng mã UTF-8")]) from None
    if suffix.lower() == ".json" or (suffix.lower() not in (".yaml", ".yml")
                                     and text.lstrip().startswith(("{", "["))):
        return _writable(*_parse_json(text, source), source)
    return _writable(*_parse_yaml(text, source), source)


def _writable(data: Any, lines: _Lines, source: str) -> tuple[Any, _Lines]:
    """``data`` and ``lines``, once every text in it (names of fields too) is one Word can hold.

    Every text field of a plan or a report, and every file name in it, is checked here at
    once — those the model checks and those it only passes on to a table or a file name —
    so a control character, U+FFFE/U+FFFF or a lone surrogate is refused by ``validate``
    as by ``render``, at its field and line.
    """
    problems: list[Problem] = []

    def walk(value: Any, path: str) -> None:
        if isinstance(value, str):
            code = forbidden_character(value)
            if code is not None:
                problems.append(Problem(path=path, value=value, line=_line_for(path, lines),
                                        code="text.control", rule=FORBIDDEN_RULE.format(code=code)))
        elif isinstance(value, dict):
            for key, item in value.items():
                where = join_path(path, str(key))
                if isinstance(key, str) and forbidden_character(key) is not None:
                    walk(key, where)
                walk(item, where)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{path}[{i}]")

    walk(data, "")
    if problems:
        raise InputError(source, problems)
    return data, lines


def _number_too_long(text: str, source: str) -> InputError:
    """The error for a number with more digits than Python reads (its message is in English)."""
    limit = sys.get_int_max_str_digits() or 4300
    for m in re.finditer(r"\d+", text):  # each run of digits once: linear
        if len(m.group()) > limit:
            return InputError(source, [Problem(
                path="", line=text.count("\n", 0, m.start()) + 1, code="number.range",
                rule=f"số có {number(len(m.group()))} chữ số, quá dài (tối đa {number(limit)} chữ số)")])
    return InputError(source, [Problem(path="", code="number.range",
                                       rule=f"có số quá dài (tối đa {number(limit)} chữ số)")])


def _line_for(path: str, lines: _Lines) -> int | None:
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return None
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""


def build(data: Any, cl: type[T], source: str, lines: _Lines | None = None) -> T:
    """Structure plain ``data`` into ``cl``; every problem becomes part of one :class:`InputError`."""
    if not isinstance(data, dict):
        raise InputError(source, [Problem(
            path="", code="file.unreadable", rule="nội dung phải là một bảng các trường (issuer:, number:, …)")])
    try:
        return structure(data, cl)
    except InvalidModel as e:
        # Every problem at once: the parts that build are built and their checks run too.
        problems = all_problems(data, cl) or list(e.problems)
        lines = lines or {}
        raise InputError(source, [p if p.line is not None else _placed(p, lines) for p in problems]) from None


def _placed(p: Problem, lines: _Lines) -> Problem:
    """``p`` at its line: a field's own, or for a field not in the file the line of the mapping it belongs in.

    A top-level field that is not in the file belongs to no line: the message says where to add it
    (the first line of the file is often another field, ``issuer:``, which is not wrong).
    """
    if p.path in lines or not p.path or not lines:
        return attrs.evolve(p, line=lines.get(p.path))
    cut = max(p.path.rfind("."), p.path.rfind("["))
    if cut <= 0:
        return attrs.evolve(p, rule=f'{p.rule} (thêm "{p.path}:" ở cấp ngoài cùng của tệp, không thụt lề)')
    return attrs.evolve(p, line=_line_for(p.path, lines))


class _YamlDumper(_Dumper):  # type: ignore[misc]
    pass


def _str_presenter(dumper: Any, value: str) -> Any:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _decimal_presenter(dumper: Any, value: Decimal) -> Any:
    text = format(value, "f")
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


_YamlDumper.add_representer(str, _str_presenter)
_YamlDumper.add_representer(Decimal, _decimal_presenter)


def to_yaml(obj: Any) -> str:
    """A model object (or plain data) as YAML text, keys in the model's order."""
    data = obj if isinstance(obj, (dict, list)) else unstructure(obj)
    return yaml.dump(data, Dumper=_YamlDumper, allow_unicode=True, sort_keys=False,
                     width=100, default_flow_style=False)


def _json_default(value: object) -> Any:
    if isinstance(value, Decimal):
        return json_number(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(obj: Any, *, indent: int | None = 2) -> str:
    """A model object (or plain data) as JSON text (UTF-8, not escaped), in the fixed shape of
    ``cchc_plan.io.convert.to_data``: every field written, one shape per field."""
    data = obj if isinstance(obj, (dict, list)) else to_data(obj)
    return json.dumps(data, ensure_ascii=False, indent=indent, default=_json_default) + "\n"
