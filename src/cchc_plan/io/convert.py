"""Plain data (as read from YAML or JSON) ↔ model objects, with cattrs.

Structuring is strict — text must be text, a number a number, no unknown keys —
and every problem in the data is collected, with its field path, into one list.
The model classes know nothing of this module.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from .._text import check_text
from ..model.deadline import Deadline
from ..model.plan import Assignment, Budget, CitedDocument, DocumentNumber, Plan
from ..problems import GENERIC_CODE, InvalidModel, Problem, join_path
from ..vnformat import short_date
from . import outline_data

__all__ = ["NUMBER_RULE", "Bad", "converter", "problems_of", "read_decimal", "structure",
           "to_data", "unstructure"]

T = TypeVar("T")


class Bad(ValueError):
    """A value that does not fit its field; carries the value and the rule, in Vietnamese."""

    def __init__(self, value: object, rule: str, code: str = GENERIC_CODE) -> None:
        super().__init__(rule)
        self.value = value
        self.rule = rule
        self.code = code


def _kind(value: object) -> str:
    return {str: "văn bản", int: "số nguyên", float: "số", bool: "đúng/sai", list: "danh sách",
            dict: "bảng (các trường)", type(None): "rỗng", Decimal: "số"}.get(type(value), type(value).__name__)


def _str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise Bad(value, f"phải là văn bản, không phải {_kind(value)}; hãy đặt trong dấu ngoặc kép", "type.text")
    return value


def _bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise Bad(value, f"ghi true hoặc false, không phải {_kind(value)}", "type.bool")
    return value


_NUMBER_TEXT = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
NUMBER_RULE = ("viết số như 98, 98.5 hoặc 98,5 (dấu phẩy thập phân), không kèm % hay đơn vị, "
               "không có dấu phân cách hàng nghìn")
"""The one rule for every numeric field of a plan, a report, figures and a style profile."""


def _number_hint(text: str) -> str:
    """Why ``text`` is not a number, and how to write it."""
    bare = text.strip()
    if bare.endswith("%") and _NUMBER_TEXT.fullmatch(bare[:-1].strip()):
        return f"viết số không kèm dấu %: {bare[:-1].strip()}"
    if re.fullmatch(r"[+-]?\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?", bare):
        digits = re.sub(r"[.,](?=\d{3}(?:[.,]|$))", "", bare)
        return f"không dùng dấu phân cách hàng nghìn: viết {digits}"
    return NUMBER_RULE


def read_decimal(value: object) -> Decimal:
    """A number of a numeric field: a YAML/JSON number, or text such as ``"98,5"`` (decimal comma).

    Raises :class:`Bad` with the rule (and a hint for ``97,5%`` or ``87.582``) for anything else.
    """
    if isinstance(value, bool):
        raise Bad(value, f"phải là một số, không phải {_kind(value)}; {NUMBER_RULE}", "type.number")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, (int, float)):
        result = Decimal(str(value))
    elif isinstance(value, str):
        if not _NUMBER_TEXT.fullmatch(value.strip()):
            raise Bad(value, f"phải là một số; {_number_hint(value)}", "type.number")
        result = Decimal(value.strip().replace(",", "."))
    else:
        raise Bad(value, f"phải là một số, không phải {_kind(value)}; {NUMBER_RULE}", "type.number")
    if not result.is_finite():
        raise Bad(value, "phải là một số hữu hạn", "type.number")
    return result


def _int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        rule = f"phải là số nguyên, không phải {_kind(value)}"
        if isinstance(value, str) and not _NUMBER_TEXT.fullmatch(value.strip()):
            rule += f"; {_number_hint(value)}"
        elif isinstance(value, (Decimal, float)):
            shown = format(Decimal(str(value)), "f")
            if re.fullmatch(r"\d+\.\d{3}", shown):
                rule += f"; không dùng dấu chấm phân cách hàng nghìn: viết {shown.replace('.', '')}"
        raise Bad(value, rule, "type.integer")
    return value


def _float(value: object, _: type) -> float:
    return float(read_decimal(value))


def _decimal(value: object, _: type) -> Decimal:
    return read_decimal(value)


_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _date(value: object, _: type) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        m = _DMY.fullmatch(text)
        if m:
            day, month, year = (int(g) for g in m.groups())
        else:
            m = _ISO.fullmatch(text)
            if not m:
                raise Bad(value, 'ngày viết theo dạng "06/01/2023" (ngày/tháng/năm)', "type.date")
            year, month, day = (int(g) for g in m.groups())
        try:
            return _dt.date(year, month, day)
        except ValueError:
            raise Bad(value, f"ngày {day}/{month}/{year} không tồn tại", "date.impossible") from None
    raise Bad(value, f'phải là ngày dạng "06/01/2023", không phải {_kind(value)}', "type.date")


def _enum(value: object, cl: type[enum.Enum]) -> enum.Enum:
    try:
        return cl(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in cl)
        raise Bad(value, f"giá trị không hợp lệ; chọn một trong: {allowed}", "enum.invalid") from None


def _deadline(value: object, _: type) -> Deadline:
    return Deadline(_str(value, str))


def _number(value: object, _: type) -> DocumentNumber:
    if isinstance(value, DocumentNumber):
        return value
    return DocumentNumber.parse(_str(value, str))


def _is_tuple(tp: Any) -> bool:
    return typing.get_origin(tp) is tuple


def _is_attrs(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp)


_TEXT_TYPES = (str, str | None)


def _text_problems(cl: type, raw: dict[str, Any], failure: BaseValidationError) -> Iterator[Problem]:
    """Empty or control-character problems of the text fields that did not fail themselves."""
    failed = {note.name for sub in failure.exceptions for note in getattr(sub, "__notes__", ())
              if isinstance(note, AttributeValidationNote)}
    if not failed:  # every field was built: the object's own checks have run
        return
    for f in attrs.fields(attrs.resolve_types(cl)):
        value = raw.get(f.name)
        if f.name in failed or value is None:
            continue
        if f.type in _TEXT_TYPES and isinstance(value, str):
            yield from check_text(f.name, value, multiline=True)
        elif f.type == tuple[str, ...] and isinstance(value, list):
            for i, v in enumerate(value):
                if isinstance(v, str):
                    yield from check_text(f"{f.name}[{i}]", v, multiline=True)


def _once(make: Callable[[], Callable[..., Any]]) -> Callable[..., Any]:
    """A hook made by ``make`` on its first call, not before: code generation only for what is used."""
    made: list[Callable[..., Any]] = []

    def hook(*args: Any) -> Any:
        if not made:
            made.append(make())
        return made[0](*args)

    return hook


def _make_converter() -> cattrs.Converter:
    """The converter, with its hooks registered; no class's code is generated before it is needed."""
    c = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True,
                         omit_if_default=True)
    c.register_structure_hook(str, _str)
    c.register_structure_hook(bool, _bool)
    c.register_structure_hook(int, _int)
    c.register_structure_hook(float, _float)
    c.register_structure_hook(Decimal, _decimal)
    c.register_structure_hook(_dt.date, _date)
    c.register_structure_hook(Deadline, _deadline)
    c.register_structure_hook(DocumentNumber, _number)
    c.register_structure_hook_func(lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum)

    def tuple_factory(tp: Any) -> Any:
        (item,) = [a for a in typing.get_args(tp) if a is not Ellipsis]
        inner = c.get_structure_hook(item)

        def hook(value: object, _: Any) -> tuple[Any, ...]:
            if not isinstance(value, (list, tuple)):
                raise Bad(value, f"phải là một danh sách (các dòng bắt đầu bằng \"- \"), không phải {_kind(value)}",
                          "type.list")
            out, errors = [], []
            for i, v in enumerate(value):
                try:
                    out.append(inner(v, item))
                except Exception as e:  # collected, as cattrs does
                    e.__notes__ = [*getattr(e, "__notes__", []), IterableValidationNote(
                        f"Structuring {tp} @ index {i}", i, item)]
                    errors.append(e)
            if errors:
                raise cattrs.IterableValidationError(f"While structuring {tp}", errors, tp)
            return tuple(out)

        return hook

    c.register_structure_hook_factory(_is_tuple, tuple_factory)

    def class_factory(cl: type) -> Any:
        generated: Any = make_dict_structure_fn(cl, c, _cattrs_forbid_extra_keys=True)
        name = cl.__name__

        def hook(value: object, _: Any) -> Any:
            if isinstance(value, cl):
                return value
            if not isinstance(value, dict):
                raise Bad(value, f"phải là một bảng các trường ({name}), không phải {_kind(value)}", "type.mapping")
            try:
                return generated(value, cl)
            except BaseValidationError as e:
                # The object cannot be built, so its own checks would not run: check its
                # text fields here, so that every problem is listed at once.
                extra = list(_text_problems(cl, value, e))
                if extra:
                    raise cattrs.ClassValidationError(e.message, [*e.exceptions, InvalidModel(extra)],
                                                      cl) from None
                raise

        return hook

    c.register_structure_hook_factory(_is_attrs, class_factory)

    # Short forms a person writes by hand.
    budget_full = _once(lambda: class_factory(Budget))
    c.register_structure_hook(
        Budget, lambda v, t: Budget(text=v) if isinstance(v, str)
        else Budget(amount=v) if isinstance(v, int) and not isinstance(v, bool) else budget_full(v, t))
    assignment_full = _once(lambda: class_factory(Assignment))

    def assignment(value: object, t: Any) -> Assignment:
        if isinstance(value, str):
            return Assignment(units=(value,))
        if isinstance(value, list):
            return Assignment(units=c.structure(value, tuple[str, ...]))
        return typing.cast(Assignment, assignment_full(value, t))

    c.register_structure_hook(Assignment, assignment)

    # Unstructuring: the same short forms, dates as Vietnamese write them.
    c.register_unstructure_hook(_dt.date, short_date)
    c.register_unstructure_hook(Deadline, lambda d: d.text)
    c.register_unstructure_hook(DocumentNumber, str)
    c.register_unstructure_hook(Decimal, lambda d: d)
    c.register_unstructure_hook(Budget, lambda b: b.text if b.text is not None else b.amount)
    assignment_un = _once(lambda: make_dict_unstructure_fn(Assignment, c, _cattrs_omit_if_default=True,
                                                           units=override(unstruct_hook=list)))
    c.register_unstructure_hook(
        Assignment, lambda a: list(a.units) if a.text is None else assignment_un(a))
    outline_data.register(c, Bad, _kind, class_factory)

    # A report's plan: the whole plan, or only how it is cited.
    plan_full = _once(lambda: class_factory(Plan))
    cited_full = _once(lambda: class_factory(CitedDocument))

    def report_plan(value: object, _: Any) -> Plan | CitedDocument:
        if isinstance(value, (Plan, CitedDocument)):
            return value
        if isinstance(value, dict) and "areas" in value:
            return typing.cast(Plan, plan_full(value, Plan))
        if not isinstance(value, dict):
            raise Bad(value, "kế hoạch là tên tệp (plan: ke-hoach.yaml) hoặc trích dẫn "
                             "(number, date, issuer, subject)", "report.plan")
        return typing.cast(CitedDocument, cited_full({"kind": "Kế hoạch", **value}, CitedDocument))

    c.register_structure_hook_func(lambda t: t == Plan | CitedDocument, report_plan)
    return c


converter = _make_converter()


def structure(data: object, cl: type[T]) -> T:
    """Build ``cl`` from plain data; raises :class:`InvalidModel` listing every problem."""
    try:
        return converter.structure(data, cl)
    except Exception as exc:  # every failure becomes problems with paths
        raise InvalidModel(list(problems_of(exc))) from None


def unstructure(obj: object) -> Any:
    """Plain data (dicts, lists, text, numbers) for a model object, as a person writes YAML: short forms,
    defaults left out."""
    return converter.unstructure(obj)


def json_number(value: Decimal) -> int | float:
    """A decimal as a JSON number: an ``int`` when whole, else the nearest ``float``."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _make_data_converter() -> cattrs.Converter:
    """The fixed-shape converter: every field written (``None`` as ``null``), each field one shape."""
    c = converter.copy(omit_if_default=False)
    c.register_unstructure_hook(Decimal, json_number)
    c.register_unstructure_hook(Budget, lambda b: {"amount": b.amount, "text": b.text})
    c.register_unstructure_hook(Assignment, lambda a: {"units": list(a.units), "text": a.text})
    from ..model.outline import Include, LevelStyle, Outline, Section, Text

    for cl in (Section, Text, Include, LevelStyle, Outline):
        c.register_unstructure_hook(cl, make_dict_unstructure_fn(cl, c))
    return c


_data_converters: list[cattrs.Converter] = []


def __getattr__(name: str) -> Any:
    if name == "data_converter":  # made on first use: only dumps need it
        return _data_converter()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _data_converter() -> cattrs.Converter:
    if not _data_converters:
        _data_converters.append(_make_data_converter())
    return _data_converters[0]


def to_data(obj: object) -> Any:
    """Plain, JSON-ready data for a model object, one shape per field whatever its content.

    Every field is written (a missing value as ``None``); lists are lists; a number is
    an ``int`` or ``float`` (a JSON number); a date is text ``"06/01/2023"``; a budget is
    always ``{"amount": …, "text": …}``, an assignment ``{"units": […], "text": …}``, an
    outline and its nodes always their full objects (``{"part": …}``, ``{"title": …}``,
    ``{"text": …, "style": …}``). The loader reads it back to the same object.
    """
    return _data_converter().unstructure(obj)


def _note_path(path: str, exc: BaseException) -> str:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return join_path(path, note.name)
        if isinstance(note, IterableValidationNote):
            return f"{path}[{note.index}]"
    return path


def problems_of(exc: BaseException, path: str = "") -> Iterator[Problem]:
    """Flatten a structuring failure into problems with full field paths."""
    if isinstance(exc, BaseValidationError):
        for sub in exc.exceptions:
            yield from problems_of(sub, _note_path(path, sub))
    elif isinstance(exc, ForbiddenExtraKeysError):
        known = [f.name for f in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        for key in sorted(map(str, exc.extra_fields)):
            import difflib  # for a mistake only

            hint = difflib.get_close_matches(key, known, n=1)
            if " " in key.strip():  # field names have no spaces: text cut at a comma
                rule = ('trường không có trong mẫu — có thể do dấu phẩy trong nội dung viết trong {…}; '
                        'hãy đặt nội dung đó trong dấu ngoặc kép')
            elif hint:
                rule = f'trường không có trong mẫu; có phải là "{hint[0]}"?'
            else:
                rule = "trường không có trong mẫu; các trường hợp lệ: " + ", ".join(known)
            yield Problem(path=join_path(path, key), value=None, rule=rule, code="field.unknown")
    elif isinstance(exc, InvalidModel):
        for p in exc.problems:
            yield p.at(path)
    elif isinstance(exc, Bad):
        yield Problem(path=path, value=exc.value, rule=exc.rule, code=exc.code)
    elif isinstance(exc, KeyError):
        yield Problem(path=path, rule="thiếu trường bắt buộc", code="field.required")
    else:
        yield Problem(path=path, rule=f"giá trị không hợp lệ ({exc})")
