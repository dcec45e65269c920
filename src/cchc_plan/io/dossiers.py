"""One-stop figures computed from an export of dossiers — *danh sách hồ sơ TTHC*.

An office often gets, instead of totals, a file with one row per dossier (*hồ
sơ*): code, field (*lĩnh vực*), procedure, received date, due date, finished
date, channel and status. :func:`compute_stats` reads such a CSV or XLSX file in
one pass, keeping only counters per field, and returns the
:class:`~cchc_plan.figures.OneStopFigures` of a window ``[start, end]`` (both
days included). The columns and their values are named by a
:class:`ColumnMapping`, shipped as YAML in ``data/mappings/`` or written by the
user (:func:`load_mapping`).

Classification of a dossier for the window (dates only; a time of day is ignored):

- received after ``end``: not counted;
- received before ``start`` and finished (or returned) before ``start``: not counted;
- received before ``start`` and still open at ``start``: *kỳ trước chuyển sang* (``carried_over``);
- received within the window: *mới tiếp nhận*, by channel (``online``, ``in_person``, ``post``).

Each counted dossier then ends in exactly one bucket:

- status "returned" with its date (the finished column) on or before ``end``, or with no date:
  *trả lại, rút hồ sơ* (``returned``);
- finished on or before ``end``: *đã giải quyết* — ``early`` if finished before the due date,
  ``on_time`` if on the due date, ``late`` if after it;
- otherwise (not finished by ``end``, whatever the status says now): *đang giải quyết* —
  ``pending_in_time`` if the due date is on or after ``end``, else ``pending_overdue``.

So *tiếp nhận* = *đã giải quyết* + *đang giải quyết* + *trả lại* in every field by
construction. An apology letter (*thư xin lỗi*) is counted where the apology
column says yes (``x``, ``có``, ``1``, ``yes``, ``true``); it belongs to a dossier
that is late or overdue at ``end``.

A row that cannot be counted is never dropped silently: it becomes a
:class:`BadRow` (line in the file, column, value, rule) — an unreadable or
impossible date, a date before the received date, an unknown channel or status,
a missing value, a status contradicting the dates. Rows outside the window are
checked only as far as needed to know that they are outside. A column missing
from the header is an error of the whole file (:class:`~cchc_plan.problems.InputError`).
"""

from __future__ import annotations

import datetime as _dt
import difflib
import itertools
import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any, cast

import attrs

from .._text import check_text, nfc, nfc_tuple
from ..model.figures import Conventions, FieldFigures, OneStopFigures, PendingInTime, Place, PreviousRates, Returned
from ..problems import InputError, InvalidModel, Problem
from ..vnformat import number, short_date
from ._xlsx import DOSSIER_LIMITS, check_workbook
from .csvfile import DamagedRecord, csv_reader
from .inputs import ENCRYPTED_SHEET, check_input, encrypted_office_file

__all__ = [
    "BadRow",
    "ChannelValues",
    "ColumnMapping",
    "Columns",
    "DossierSource",
    "MAX_BAD_ROWS",
    "StatsResult",
    "StatusValues",
    "compute_stats",
    "compute_stats_from_rows",
    "figures_for_report",
    "load_mapping",
    "mapping_names",
]

MAX_BAD_ROWS = 1000
"""Bad rows kept in memory (the first ones); the rest are only counted."""

_HEADER_SEARCH = 20
"""The header is looked for in the first rows (an export may start with a title)."""

_CACHE_LIMIT = 50_000
"""Entries of each cache of cell values; past it, new values are looked up without being kept."""
_YEARS = (1990, 2099)

# Counter slots, in the order of FieldFigures' counts.
_CARRIED, _ONLINE, _IN_PERSON, _POST, _EARLY, _ON_TIME, _LATE, _IN_TIME, _OVERDUE, _RETURNED, _APOLOGIES = range(11)
_SLOTS = ("carried_over", "online", "in_person", "post", "early", "on_time", "late",
          "pending_in_time", "pending_overdue", "returned", "apologies")
_RESOLVED, _PENDING, _RETURN = 0, 1, 2


def _key(text: str) -> str:
    """How headers and values are compared: NFC, single spaces, no case."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _text(value: object) -> str:
    """A cell as text: ``None`` → ``""``, ``3.0`` → ``"3"``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _values(path: str, values: tuple[str, ...]) -> Iterator[Problem]:
    if not values:
        yield Problem(path=path, rule="cần ít nhất một giá trị")
    for i, v in enumerate(values):
        yield from check_text(f"{path}[{i}]", v)


def _duplicates(groups: dict[str, tuple[str, ...]], what: str) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for name, values in groups.items():
        for i, v in enumerate(values):
            if not isinstance(v, str):
                continue
            k = _key(v)
            if k in seen and seen[k] != name:
                yield Problem(path=f"{name}[{i}]", value=v,
                              rule=f"giá trị này đã dùng cho {what} {seen[k]}")
            seen.setdefault(k, name)


@attrs.frozen(kw_only=True)
class Columns:
    """The header text of each column — *tên cột* — as the export writes it."""

    code: str = attrs.field(converter=nfc)
    """*Mã hồ sơ*."""
    field: str = attrs.field(converter=nfc)
    """*Lĩnh vực*."""
    received: str = attrs.field(converter=nfc)
    """*Ngày tiếp nhận*."""
    due: str = attrs.field(converter=nfc)
    """*Ngày hẹn trả*."""
    finished: str = attrs.field(converter=nfc)
    """*Ngày trả kết quả* (empty while the dossier is open)."""
    channel: str = attrs.field(converter=nfc)
    """*Kênh nộp*."""
    status: str = attrs.field(converter=nfc)
    """*Trạng thái*."""
    procedure: str | None = attrs.field(default=None, converter=nfc)
    """*Thủ tục* (optional; not needed for the figures)."""
    apology: str | None = attrs.field(default=None, converter=nfc)
    """*Thư xin lỗi* (optional; without it the number of letters is unknown)."""
    unit: str | None = attrs.field(default=None, converter=nfc)
    """*Đơn vị tiếp nhận* (optional): with it the figures also have a row per unit."""
    resolved_by: str | None = attrs.field(default=None, converter=nfc)
    """*Đơn vị giải quyết* (optional): where a dossier is counted with ``place: resolved_here``."""
    level: str | None = attrs.field(default=None, converter=nfc)
    """*Cấp* of the unit counted (optional): ``Cấp huyện``, ``Cấp xã`` — rows grouped per level."""

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        seen: dict[str, str] = {}
        for a in attrs.fields(Columns):
            value = getattr(self, a.name)
            required = a.default is attrs.NOTHING
            found = list(check_text(a.name, value, required=required))
            problems += found
            if found or value is None:
                continue
            k = _key(value)
            if k in seen:
                problems.append(Problem(path=a.name, value=value, rule=f"trùng tên cột với {seen[k]}"))
            seen.setdefault(k, a.name)
        if problems:
            raise InvalidModel(problems)

    @property
    def required(self) -> tuple[str, ...]:
        """The attribute names of the columns a file must have."""
        return ("code", "field", "received", "due", "finished", "channel", "status")


@attrs.frozen(kw_only=True)
class ChannelValues:
    """The values of the channel column — *kênh nộp hồ sơ*."""

    online: tuple[str, ...] = attrs.field(converter=nfc_tuple)
    """*Trực tuyến*."""
    in_person: tuple[str, ...] = attrs.field(converter=nfc_tuple)
    """*Trực tiếp*."""
    post: tuple[str, ...] = attrs.field(converter=nfc_tuple)
    """*Bưu chính công ích*."""

    def __attrs_post_init__(self) -> None:
        groups = {"online": self.online, "in_person": self.in_person, "post": self.post}
        problems = [p for name, values in groups.items() for p in _values(name, values)]
        problems += _duplicates(groups, "kênh")
        if problems:
            raise InvalidModel(problems)


@attrs.frozen(kw_only=True)
class StatusValues:
    """The values of the status column — *trạng thái hồ sơ*."""

    resolved: tuple[str, ...] = attrs.field(converter=nfc_tuple)
    """*Đã giải quyết* (the finished date is then required)."""
    pending: tuple[str, ...] = attrs.field(converter=nfc_tuple)
    """*Đang giải quyết* (no finished date)."""
    returned: tuple[str, ...] = attrs.field(converter=nfc_tuple)
    """*Trả lại, rút hồ sơ* (the finished column, if filled, is the day it was returned)."""

    def __attrs_post_init__(self) -> None:
        groups = {"resolved": self.resolved, "pending": self.pending, "returned": self.returned}
        problems = [p for name, values in groups.items() for p in _values(name, values)]
        problems += _duplicates(groups, "trạng thái")
        if problems:
            raise InvalidModel(problems)


_YES = ("x", "có", "1", "yes", "true")
_NO = ("0", "không", "no", "false", "-")


@attrs.frozen(kw_only=True)
class ColumnMapping:
    """How an export names its columns and values — *mẫu cột của tệp danh sách hồ sơ*.

    Headers and values are matched ignoring case and extra spaces (after NFC).
    """

    columns: Columns
    channels: ChannelValues
    statuses: StatusValues
    apology_yes: tuple[str, ...] = attrs.field(default=_YES, converter=nfc_tuple)
    """Values of the apology column meaning "a letter was sent"."""
    apology_no: tuple[str, ...] = attrs.field(default=_NO, converter=nfc_tuple)
    """Values meaning "no letter" (an empty cell also means no letter)."""
    counting: Conventions | None = None
    """How the figures are counted (pending in time inside on time, returned inside on time,
    the unit a dossier is counted at); written with the figures so the report states it."""
    description: str | None = attrs.field(default=None, converter=nfc)
    """What system writes files of this shape."""
    name: str | None = attrs.field(default=None, converter=nfc)
    """The mapping's name (shipped) or file, set by :func:`load_mapping`; used in messages."""

    def __attrs_post_init__(self) -> None:
        groups = {"apology_yes": self.apology_yes, "apology_no": self.apology_no}
        problems = [p for name, values in groups.items() for p in _values(name, values)]
        problems += _duplicates(groups, "thư xin lỗi")
        problems += check_text("description", self.description, required=False)
        problems += check_text("name", self.name, required=False)
        if problems:
            raise InvalidModel(problems)


_MAPPINGS = "data/mappings"


def mapping_names() -> tuple[str, ...]:
    """The names of the shipped mappings (``default``, ``motcua-tinh`` …)."""
    folder = files("cchc_plan").joinpath(_MAPPINGS)
    return tuple(sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml")))


def load_mapping(name_or_path: str | os.PathLike[str] = "default") -> ColumnMapping:
    """A shipped mapping by name (``default``, ``motcua-tinh``) or a user's YAML/JSON file.

    Raises :class:`InputError` naming the file, line and field of each mistake.
    """
    from .files import build, read_data

    text = os.fspath(name_or_path)
    shipped = mapping_names()
    if text in shipped:
        resource = files("cchc_plan").joinpath(f"{_MAPPINGS}/{text}.yaml")
        with as_file(resource) as path:
            data, lines = read_data(path)
        mapping = build(data, ColumnMapping, f"{text}.yaml (mẫu cột có sẵn)", lines)
        return mapping if mapping.name else attrs.evolve(mapping, name=text)
    path = Path(text)
    if not path.exists() and path.suffix.lower() not in (".yaml", ".yml", ".json") and os.sep not in text:
        raise InputError(text, [Problem(
            path="", rule="không có mẫu cột tên này; các mẫu có sẵn: " + ", ".join(shipped)
                          + " (hoặc đưa đường dẫn đến tệp .yaml của mình)")])
    data, lines = read_data(path)
    mapping = build(data, ColumnMapping, text, lines)
    return mapping if mapping.name else attrs.evolve(mapping, name=text)


@attrs.frozen(kw_only=True)
class BadRow:
    """A row that cannot be counted — *dòng lỗi*."""

    row: int
    """1-based line of the file (the header is line 1), or row of the sheet."""
    column: str
    """The header of the offending column, as in the file."""
    value: str
    """The cell as text (``""`` when empty)."""
    rule: str
    """What is wrong, in Vietnamese."""

    def problem(self) -> Problem:
        """The same as a :class:`Problem`, for an :class:`InputError`."""
        return Problem(path=self.column, value=self.value, rule=self.rule, line=self.row)


@attrs.frozen(kw_only=True)
class StatsResult:
    """The figures of an export and what was read — *kết quả tổng hợp*."""

    figures: OneStopFigures
    rows: int
    """Data rows read (blank rows not included)."""
    used: int
    """Rows counted in the figures."""
    bad: tuple[BadRow, ...]
    """The first :data:`MAX_BAD_ROWS` bad rows."""
    bad_count: int
    """All bad rows."""
    absent: tuple[str, ...] = ()
    """Optional columns of the mapping the file does not have (e.g. *Thư xin lỗi*)."""

    @property
    def outside(self) -> int:
        """Rows outside the window (received after it, or closed before it)."""
        return self.rows - self.used - self.bad_count


# --------------------------------------------------------------------------- dates


def _read_date(value: object) -> int | str:
    """A cell as a day ordinal, or the reason it is not a date."""
    if isinstance(value, _dt.date):  # datetime too; its time is ignored
        return value.toordinal()
    if not isinstance(value, str):
        return 'không phải ngày; ghi dạng "06/01/2023" hoặc "2023-01-06"'
    text = value.strip()
    if not text:
        return "thiếu ngày"
    for sep in (" ", "T"):
        cut = text.find(sep)
        if cut > 0:
            text = text[:cut]
    if "/" in text:
        parts = text.split("/")
        d, m, y = 0, 1, 2
    else:
        parts = text.split("-")
        d, m, y = 2, 1, 0
    if (len(parts) != 3 or len(parts[y]) != 4 or len(parts[d]) > 2 or len(parts[m]) > 2
            or not all(p.isdigit() and p.isascii() for p in parts)):
        return 'không đọc được ngày; ghi dạng "06/01/2023" (ngày/tháng/năm) hoặc "2023-01-06"'
    day, month, year = int(parts[d]), int(parts[m]), int(parts[y])
    if not _YEARS[0] <= year <= _YEARS[1]:
        return f"năm {year} không hợp lý (ngoài khoảng {_YEARS[0]}–{_YEARS[1]})"
    try:
        return _dt.date(year, month, day).toordinal()
    except ValueError:
        return f"ngày {day}/{month}/{year} không tồn tại"


def _parse_date(value: object) -> int:
    """A cell as a day ordinal; ``-1`` when it is not a date (:func:`_read_date` says why)."""
    found = _read_date(value)
    return found if isinstance(found, int) else -1


def _date_rule(value: object) -> str:
    found = _read_date(value)
    return found if isinstance(found, str) else "ngày không hợp lệ"


def _sort_key(name: str) -> tuple[str, str]:
    """Vietnamese order, near enough: letters without their marks, đ right after d; then the full text."""
    base = unicodedata.normalize("NFD", name.casefold().replace("đ", "d\x7f"))
    return "".join(c for c in base if not unicodedata.combining(c)), name.casefold()


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_blank_row(cells: Sequence[Any]) -> bool:
    return all(_blank(c) for c in cells)


def _day(ordinal: int) -> str:
    return short_date(_dt.date.fromordinal(ordinal))


# --------------------------------------------------------------------------- counting

_Where = Callable[[int, Sequence[Any]], int]
"""The line of the ``k``-th row given to :meth:`_Tally.run` (called for bad rows only)."""


class _Tally:
    """Counters per field for one pass over the rows; no row is kept."""

    def __init__(self, mapping: ColumnMapping, start: _dt.date, end: _dt.date) -> None:
        self.mapping = mapping
        self.start = start.toordinal()
        self.end = end.toordinal()
        self.counts: dict[str, list[int]] = {}
        self.names: dict[str, str] = {}
        self.unit_counts: dict[str, list[int]] = {}
        self.unit_names: dict[str, str] = {}
        self.unit_levels: dict[str, str | None] = {}
        counting = mapping.counting or Conventions()
        self.pending_in_on_time = counting.pending_in_time is PendingInTime.IN_ON_TIME
        self.returned_in_on_time = counting.returned is Returned.IN_ON_TIME
        self.by_resolver = counting.place is Place.RESOLVED_HERE
        self.rows = 0
        self.apology_known = True
        self.used = 0
        self.bad: list[BadRow] = []
        self.bad_count = 0
        channels, statuses = mapping.channels, mapping.statuses
        self.channels = {_key(v): slot for slot, values in
                         ((_ONLINE, channels.online), (_IN_PERSON, channels.in_person), (_POST, channels.post))
                         for v in values}
        self.statuses = {_key(v): kind for kind, values in
                         ((_RESOLVED, statuses.resolved), (_PENDING, statuses.pending),
                          (_RETURN, statuses.returned))
                         for v in values}
        self.apology = {_key(v): True for v in mapping.apology_yes}
        self.apology.update({_key(v): False for v in mapping.apology_no})
        self.apology[""] = False

    def add_bad(self, row: int, column: str, value: object, rule: str) -> None:
        self.bad_count += 1
        if len(self.bad) < MAX_BAD_ROWS:
            shown = value.isoformat(" ") if isinstance(value, _dt.datetime) else _text(value)
            self.bad.append(BadRow(row=row, column=column, value=shown, rule=rule))

    def _status_rule(self, value: object) -> str:
        if _blank(value):
            return "thiếu trạng thái"
        s = self.mapping.statuses
        return "trạng thái không có trong mẫu cột; các giá trị hợp lệ: " + \
            ", ".join((*s.resolved, *s.pending, *s.returned))

    def _channel_rule(self, value: object) -> str:
        if _blank(value):
            return "thiếu kênh nộp"
        c = self.mapping.channels
        return "kênh nộp không có trong mẫu cột; các giá trị hợp lệ: " + \
            ", ".join((*c.online, *c.in_person, *c.post))

    def run(self, rows: Iterable[Sequence[Any]], index: dict[str, int], header: dict[str, str],
            where: _Where, tick: Callable[[int], None] | None) -> None:
        """Count ``rows`` (those after the header); ``index`` maps a column to its position."""
        i_code, i_field, i_received, i_due, i_finished, i_channel, i_status = (
            index[c] for c in ("code", "field", "received", "due", "finished", "channel", "status"))
        i_apology = index.get("apology", -1)
        self.apology_known = i_apology >= 0
        i_unit, i_resolver, i_level = (index.get(c, -1) for c in ("unit", "resolved_by", "level"))
        if self.by_resolver and i_resolver < 0:
            i_unit = -1  # counted where resolved, but the file does not say where: no rows per unit
        unit_counts, unit_names, unit_levels = self.unit_counts, self.unit_names, self.unit_levels
        pending_in_on_time, returned_in_on_time = self.pending_in_on_time, self.returned_in_on_time
        width = max(index.values()) + 1
        start, end = self.start, self.end
        counts, names = self.counts, self.names
        # Caches, cell value → what it means: dates, fields, channels and statuses repeat.
        dates: dict[object, int] = {}
        days: dict[str, int] = {}

        def parse(value: object) -> int:
            """Parse a date cell, through a cache of the day part (the time of day varies)."""
            if value.__class__ is not str:
                return _parse_date(value)  # a datetime: no parsing to save
            words = value.split(None, 1)
            text = words[0] if words else ""
            found = days.get(text)
            if found is None:
                found = _parse_date(text)
                if len(days) < _CACHE_LIMIT:
                    days[text] = found
            if text == value and len(dates) < _CACHE_LIMIT:  # no time of day: the same text repeats
                dates[value] = found
            return found

        fields: dict[object, str] = {}
        channels: dict[object, int] = {}
        statuses: dict[object, int] = {}
        apologies: dict[object, bool | None] = {}
        bad = self.add_bad
        k = read = used = 0
        for cells in rows:
            k += 1
            if tick is not None and not k & 0x1FFF:
                tick(k)
            if isinstance(cells, DamagedRecord):  # the table's structure is broken here: not data
                read += 1
                bad(cells.line, "(cả dòng)", ",".join(cells)[:80], cells.rule)
                continue
            if len(cells) < width:
                if _is_blank_row(cells):
                    continue
                cells = [*cells, *([None] * (width - len(cells)))]
            value = cells[i_code]
            if value is None or value == "" or (value.__class__ is str and value.isspace()):
                if _is_blank_row(cells):
                    continue
                read += 1
                bad(where(k, cells), header["code"], value, "thiếu mã hồ sơ")
                continue
            read += 1

            value = cells[i_received]
            received = dates.get(value)
            if received is None:
                received = parse(value)
            if received < 0:
                bad(where(k, cells), header["received"], value, _date_rule(value).replace(
                    "thiếu ngày", "thiếu ngày tiếp nhận"))
                continue
            if received > end:
                continue

            value = cells[i_finished]
            finished: int | None = None
            if not (value is None or value == "" or (value.__class__ is str and value.isspace())):
                finished = dates.get(value)
                if finished is None:
                    finished = parse(value)
                if finished < 0:
                    bad(where(k, cells), header["finished"], value, _date_rule(value))
                    continue
                if finished < received:
                    bad(where(k, cells), header["finished"], value,
                        f"ngày trả kết quả trước ngày tiếp nhận ({_day(received)})")
                    continue
                if received < start and finished < start:
                    continue

            value = cells[i_status]
            status = statuses.get(value)
            if status is None:
                status = self.statuses.get(_key(_text(value)), -1)
                if len(statuses) < _CACHE_LIMIT:
                    statuses[value] = status
            if status < 0:
                bad(where(k, cells), header["status"], value, self._status_rule(value))
                continue
            if status == _RESOLVED and finished is None:
                bad(where(k, cells), header["finished"], "", "hồ sơ đã giải quyết nhưng thiếu ngày trả kết quả")
                continue
            if status == _PENDING and finished is not None:
                bad(where(k, cells), header["status"], value, "hồ sơ đang giải quyết nhưng đã có ngày trả kết quả")
                continue

            value = cells[i_field]
            key = fields.get(value)
            if key is None:
                text = " ".join(unicodedata.normalize("NFC", _text(value)).split())
                key = text.casefold()
                names.setdefault(key, text)
                if len(fields) < _CACHE_LIMIT:
                    fields[value] = key
            if not key:
                bad(where(k, cells), header["field"], value, "thiếu lĩnh vực")
                continue

            value = cells[i_due]
            due = dates.get(value)
            if due is None:
                due = parse(value)
            if due < 0:
                bad(where(k, cells), header["due"], value, _date_rule(value).replace(
                    "thiếu ngày", "thiếu ngày hẹn trả"))
                continue
            if due < received:
                bad(where(k, cells), header["due"], value, f"ngày hẹn trả trước ngày tiếp nhận ({_day(received)})")
                continue

            if received < start:
                slot = _CARRIED
            else:
                value = cells[i_channel]
                slot = channels.get(value, 0)  # 0 (= _CARRIED) never names a channel: not cached yet
                if not slot:
                    slot = self.channels.get(_key(_text(value)), -1)
                    if len(channels) < _CACHE_LIMIT:
                        channels[value] = slot
                if slot < 0:
                    bad(where(k, cells), header["channel"], value, self._channel_rule(value))
                    continue

            if status == _RETURN and (finished is None or finished <= end):
                bucket = _RETURNED
            elif finished is not None and finished <= end:
                bucket = _EARLY if finished < due else _ON_TIME if finished == due else _LATE
            else:
                bucket = _IN_TIME if due >= end else _OVERDUE

            apology: bool | None = False
            if i_apology >= 0:
                value = cells[i_apology]
                apology = apologies.get(value)
                if apology is None and value not in apologies:
                    apology = self.apology.get(_key(_text(value)))
                    if len(apologies) < _CACHE_LIMIT:
                        apologies[value] = apology
                if apology is None:
                    bad(where(k, cells), header["apology"], value,
                        "không rõ có thư xin lỗi hay không; ghi " + ", ".join(self.mapping.apology_yes)
                        + " (có) hoặc để trống (không)")
                    continue
                # A letter goes out when a dossier will be late: it may still be pending in time.
                if apology and bucket not in (_LATE, _OVERDUE, _IN_TIME):
                    bad(where(k, cells), header["apology"], value,
                        "có thư xin lỗi nhưng hồ sơ đã giải quyết đúng hạn hoặc đã trả lại trong kỳ")
                    continue

            # Conventions: a pending-in-time or returned dossier may also count as on time.
            also_on_time = (pending_in_on_time and bucket == _IN_TIME) or \
                (returned_in_on_time and bucket == _RETURNED)
            unit_counter = None
            if i_unit >= 0:
                place = cells[i_resolver] if self.by_resolver and not _blank(cells[i_resolver]) else cells[i_unit]
                if _blank(place):
                    bad(where(k, cells), header["resolved_by" if self.by_resolver else "unit"], place,
                        "thiếu đơn vị")
                    continue
                name = " ".join(unicodedata.normalize("NFC", _text(place)).split())
                unit = name.casefold()
                unit_names.setdefault(unit, name)
                if i_level >= 0 and not _blank(cells[i_level]):
                    unit_levels.setdefault(unit, " ".join(_text(cells[i_level]).split()))
                unit_counter = unit_counts.setdefault(unit, [0] * 11)
            counter = counts.get(key)
            if counter is None:
                counter = counts[key] = [0] * 11
            counter[slot] += 1
            counter[bucket] += 1
            if also_on_time:
                counter[_ON_TIME] += 1
            if apology:
                counter[_APOLOGIES] += 1
            if unit_counter is not None:
                unit_counter[slot] += 1
                unit_counter[bucket] += 1
                if also_on_time:
                    unit_counter[_ON_TIME] += 1
                if apology:
                    unit_counter[_APOLOGIES] += 1
            used += 1
        self.rows += read
        self.used += used

    def result(self, name: str, source: str, absent: tuple[str, ...]) -> StatsResult:
        """The figures counted; ``name`` is the file (for errors), ``source`` the figures' source."""
        if not self.counts:
            message = (f"không có hồ sơ nào thuộc kỳ {_day(self.start)}–{_day(self.end)} "
                       f"({number(self.rows)} dòng dữ liệu, {number(self.bad_count)} dòng lỗi)")
            raise InputError(name, [Problem(path="", rule=message), *(b.problem() for b in self.bad[:20])])
        def counts(c: list[int]) -> dict[str, Any]:
            out: dict[str, Any] = dict(zip(_SLOTS, c, strict=True))
            if not self.apology_known:  # no apology column: unknown, not zero
                out["apologies"] = None
            return out

        fields = [FieldFigures(field=self.names[key], **counts(c)) for key, c in self.counts.items()]
        fields.sort(key=lambda f: _sort_key(f.field))
        units = [FieldFigures(field=self.unit_names[key], level=self.unit_levels.get(key), **counts(c))
                 for key, c in self.unit_counts.items()]
        units.sort(key=lambda f: (_sort_key(f.level or ""), _sort_key(f.field)))
        # figures.py converts with a bare ``tuple``, whose element type mypy cannot infer.
        figures = OneStopFigures(fields=cast(Any, fields), units=cast(Any, units), source=source,
                                 conventions=self.mapping.counting)
        return StatsResult(figures=figures, rows=self.rows,
                           used=self.used, bad=tuple(self.bad), bad_count=self.bad_count, absent=absent)


# --------------------------------------------------------------------------- headers


def _find_header(rows: Sequence[tuple[int, Sequence[Any]]], mapping: ColumnMapping,
                 source: str) -> tuple[int, dict[str, int], dict[str, str], tuple[str, ...]]:
    """The header among the first rows: its position, column indexes, texts and absent optional columns."""
    columns = mapping.columns
    wanted = {a.name: _key(getattr(columns, a.name)) for a in attrs.fields(Columns)
              if getattr(columns, a.name) is not None}
    required = columns.required
    best: tuple[int, int, Sequence[Any]] | None = None
    for position, (line, cells) in enumerate(rows):
        keys = [_key(_text(c).lstrip("\ufeff")) for c in cells]
        index: dict[str, int] = {}
        for name, k in wanted.items():
            if k in keys:
                index[name] = keys.index(k)
        hits = sum(1 for name in required if name in index)
        if hits == len(required):
            for name, k in wanted.items():
                if keys.count(k) > 1:
                    raise InputError(source, [Problem(
                        path="dòng tiêu đề", line=line, value=getattr(columns, name),
                        rule="tên cột xuất hiện hai lần trong dòng tiêu đề; không biết dùng cột nào")])
            header = {name: _text(cells[i]).strip().lstrip("\ufeff") for name, i in index.items()}
            absent = tuple(getattr(columns, name) for name in wanted if name not in index)
            return position, index, header, absent
        if best is None or hits > best[1]:
            best = (line, hits, cells)
    mapping_name = mapping.name or "(không tên)"
    if best is None:
        raise InputError(source, [Problem(path="", rule="tệp không có dòng nào")])
    line, _, cells = best
    present = [" ".join(_text(c).split()) for c in cells if _text(c).strip()]
    keys = [_key(c) for c in present]
    problems = []
    for name in required:
        text = getattr(columns, name)
        if wanted[name] in keys:
            continue
        close = difflib.get_close_matches(wanted[name], keys, n=1, cutoff=0.6)
        hint = f'; có phải là cột "{present[keys.index(close[0])]}"?' if close else ""
        problems.append(Problem(
            path="dòng tiêu đề", line=line,
            rule=f'thiếu cột "{text}" mà mẫu cột "{mapping_name}" cần{hint} '
                 f"(các cột có trong tệp: {', '.join(present) or 'không có'}); "
                 "hãy sửa tên cột hoặc chọn mẫu cột khác"))
    raise InputError(source, problems)


# --------------------------------------------------------------------------- files


def _check_window(start: _dt.date, end: _dt.date) -> None:
    if end < start:
        raise ValueError(f"ngày cuối kỳ {short_date(end)} trước ngày đầu kỳ {short_date(start)}")


def _line_breaks(cells: Sequence[Any]) -> int:
    """Line breaks inside the cells of a CSV record (a quoted cell may span lines)."""
    return sum(c.count("\n") + c.count("\r") - c.count("\r\n") for c in cells if isinstance(c, str))


def _count(rows: Iterator[Sequence[Any]], start: _dt.date, end: _dt.date, mapping: ColumnMapping,
           name: str, label: str, tick: Callable[[int], None] | None,
           reader: Any = None) -> StatsResult:
    """Find the header, then count the rows after it.

    Without a CSV ``reader`` the ``n``-th row is line ``n``; with one, the line is
    where the record starts (``reader.line_num`` is where it ends).
    """
    def line_now(n: int, cells: Sequence[Any]) -> int:
        return n if reader is None else int(reader.line_num) - _line_breaks(cells)

    head: list[tuple[int, Sequence[Any]]] = []
    for n, cells in enumerate(rows, start=1):
        head.append((line_now(n, cells), cells))
        if len(head) >= _HEADER_SEARCH:
            break
    position, index, header, absent = _find_header(head, mapping, name)
    after = head[position + 1:]
    read_ahead = [line for line, _ in after]
    last = head[-1][0] if head else 0

    def where(k: int, cells: Sequence[Any]) -> int:
        if k <= len(read_ahead):
            return read_ahead[k - 1]
        return last + (k - len(read_ahead)) if reader is None else line_now(0, cells)

    tally = _Tally(mapping, start, end)
    tally.run(itertools.chain((cells for _, cells in after), rows), index, header, where, tick)
    return tally.result(name, label, absent)


def compute_stats_from_rows(rows: Iterable[Sequence[Any]], start: _dt.date, end: _dt.date,
                            mapping: ColumnMapping | None = None, *,
                            source: str = "<dữ liệu>") -> StatsResult:
    """The figures of rows already in memory, the header among the first rows; row ``n`` is line ``n``."""
    _check_window(start, end)
    return _count(iter(rows), start, end, mapping or load_mapping(), source, source, None)


def _default_source(path: Path, start: _dt.date, end: _dt.date) -> str:
    return f"Tổng hợp từ danh sách hồ sơ {path.name}, kỳ {short_date(start)} – {short_date(end)}"


def compute_stats(path: str | os.PathLike[str], start: _dt.date, end: _dt.date,
                  mapping: ColumnMapping | None = None, *,
                  progress: Callable[[float], None] | None = None,
                  source: str | None = None) -> StatsResult:
    """The one-stop figures of ``[start, end]`` from a CSV or XLSX export of dossiers.

    One pass; memory does not grow with the file. ``progress`` is called with the
    fraction done (0–1) now and then, and with ``1.0`` at the end. ``source`` is
    the figures' source text (default: the file's name and the window). Raises
    :class:`InputError` for a file that cannot be read, a header column missing,
    or no dossier at all in the window; bad rows are in the result.
    """
    _check_window(start, end)
    mapping = mapping or load_mapping()
    p = Path(path)
    name = str(path)
    check_input(p, name)  # a device or a FIFO is refused before it is opened
    try:
        if p.is_dir():
            raise InputError(name, [Problem(path="", rule="đây là thư mục, không phải tệp")])
        size = p.stat().st_size
        with open(p, "rb") as raw:
            magic = raw.read(8)
    except FileNotFoundError:
        raise InputError(name, [Problem(path="", rule="không tìm thấy tệp")]) from None
    except PermissionError:
        raise InputError(name, [Problem(path="", rule="không có quyền đọc tệp")]) from None
    if size == 0:
        raise InputError(name, [Problem(path="", rule="tệp rỗng")])
    suffix = p.suffix.lower()
    if magic.startswith(b"\xd0\xcf\x11\xe0") and encrypted_office_file(p):
        raise InputError(name, [Problem(path="", rule=ENCRYPTED_SHEET)])
    if suffix == ".xls" or magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(name, [Problem(
            path="", rule="tệp Excel đời cũ (.xls); hãy mở bằng Excel và lưu lại thành .xlsx hoặc .csv")])
    label = source if source is not None else _default_source(p, start, end)
    if suffix in (".xlsx", ".xlsm") or magic.startswith(b"PK\x03\x04"):
        result = _from_xlsx(p, name, start, end, mapping, label, progress)
    else:
        result = _from_csv(p, name, size, start, end, mapping, label, progress)
    if progress is not None:
        progress(1.0)
    return result


def _from_xlsx(p: Path, name: str, start: _dt.date, end: _dt.date, mapping: ColumnMapping,
               label: str, progress: Callable[[float], None] | None) -> StatsResult:
    import zipfile
    import zlib

    from openpyxl import load_workbook  # type: ignore[import-untyped]

    check_workbook(p, DOSSIER_LIMITS)
    try:
        book = load_workbook(p, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError, EOFError, zlib.error) as e:
        raise InputError(name, [Problem(path="", rule=f"không đọc được tệp Excel (.xlsx): {e}")]) from None
    except Exception as e:  # an XML parser error of a damaged part
        if type(e).__module__.startswith(("lxml", "xml")):
            raise InputError(name, [Problem(path="", rule=f"tệp Excel (.xlsx) bị hỏng ({e})")]) from None
        raise
    try:
        if not book.worksheets:
            raise InputError(name, [Problem(path="", rule="tệp Excel không có trang tính nào")])
        sheet = book.worksheets[0]
        total = sheet.max_row if isinstance(sheet.max_row, int) and sheet.max_row > 0 else 0
        tick = None
        if progress is not None and total:
            report = progress

            def tick(k: int) -> None:
                report(min(1.0, k / total))

        rows: Iterator[Sequence[Any]] = sheet.iter_rows(values_only=True)
        return _count(rows, start, end, mapping, name, label, tick)
    except (zipfile.BadZipFile, KeyError, OSError, IndexError, EOFError, zlib.error) as e:  # read lazily
        raise InputError(name, [Problem(path="", rule=f"tệp Excel (.xlsx) bị hỏng ({type(e).__name__}: {e})")]) \
            from None
    except Exception as e:
        if type(e).__module__.startswith(("lxml", "xml")):
            raise InputError(name, [Problem(path="", rule=f"tệp Excel (.xlsx) bị hỏng ({e})")]) from None
        raise
    finally:
        book.close()


def _from_csv(p: Path, name: str, size: int, start: _dt.date, end: _dt.date, mapping: ColumnMapping,
              label: str, progress: Callable[[float], None] | None) -> StatsResult:
    columns = mapping.columns
    wanted = [v for a in attrs.fields(Columns) if (v := getattr(columns, a.name)) is not None]
    with open(p, "rb") as raw, csv_reader(raw, p, wanted, source=name, key=_key) as reader:
        tick = None
        if progress is not None:
            report = progress

            def tick(k: int) -> None:
                report(min(1.0, raw.tell() / size))  # the buffered position: a little ahead

        return _count(reader, start, end, mapping, name, label, tick, reader)


# --------------------------------------------------------------------------- reports


@attrs.frozen(kw_only=True)
class DossierSource:
    """A report's one-stop figures given as an export of dossiers — *nguồn số liệu từng hồ sơ*.

    In a report file::

        one_stop:
          dossiers: ho-so-2023.csv      # relative to the report file
          mapping: default              # or a mapping file, relative to the report file
          skip_bad: false               # true: leave bad rows out instead of refusing the file
          previous: {on_time_rate: 98.85, online_share: 41.2}
    """

    dossiers: str = attrs.field(converter=nfc)
    mapping: str = attrs.field(default="default", converter=nfc)
    skip_bad: bool = False
    source: str | None = attrs.field(default=None, converter=nfc)
    previous: PreviousRates | None = None

    def __attrs_post_init__(self) -> None:
        problems = [*check_text("dossiers", self.dossiers), *check_text("mapping", self.mapping),
                    *check_text("source", self.source, required=False)]
        if not isinstance(self.skip_bad, bool):
            problems.append(Problem(path="skip_bad", value=self.skip_bad, rule="ghi true hoặc false"))
        if problems:
            raise InvalidModel(problems)


def figures_for_report(spec: dict[str, Any], base: Path, window: tuple[_dt.date, _dt.date], *,
                       source: str, line: int | None = None) -> OneStopFigures:
    """The figures of a report's ``one_stop: {dossiers: …}`` for the report's data window.

    Bad rows refuse the file (each one listed, as in the CSV) unless ``skip_bad: true``.
    """
    from .convert import structure

    # convert.py has no hook for bool (it would go through the int hook): read skip_bad here.
    rest = {k: v for k, v in spec.items() if k != "skip_bad"}
    skip_bad = spec.get("skip_bad", False)
    try:
        if not isinstance(skip_bad, bool):
            raise InvalidModel([Problem(path="skip_bad", value=skip_bad, rule="ghi true hoặc false")])
        wanted = attrs.evolve(structure(rest, DossierSource), skip_bad=skip_bad)
    except InvalidModel as e:
        raise InputError(source, [Problem(path=p.at("one_stop").path, value=p.value, rule=p.rule, line=line)
                                  for p in e.problems]) from None
    mapping_path = base / wanted.mapping
    mapping = load_mapping(wanted.mapping if wanted.mapping in mapping_names() else mapping_path)
    start, end = window
    result = compute_stats(base / wanted.dossiers, start, end, mapping, source=wanted.source)
    if result.bad_count and not wanted.skip_bad:
        more = result.bad_count - len(result.bad)
        problems = [b.problem() for b in result.bad]
        if more:
            problems.append(Problem(path="", rule=f"và {number(more)} dòng lỗi khác"))
        raise InputError(str(base / wanted.dossiers), problems)
    return attrs.evolve(result.figures, previous=wanted.previous)
