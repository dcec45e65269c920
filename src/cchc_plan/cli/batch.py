"""One plan per unit from a template plan and a table of units — *lập kế hoạch hàng loạt*.

Each row of the units table (CSV, UTF-8) names a unit and what differs from the
template: ``name`` (``Ủy ban nhân dân xã Vinh Hiền``), ``place``, optionally
``short_name``, ``level``, ``province``, ``signer`` (name), ``position``,
``number`` (serial), ``date`` (dd/mm/yyyy), ``file`` (output name), and target
values to override in columns named ``area.target.measure`` (``2.2.1`` = area 2,
its 2nd target, 1st measure). The template's issuer names and place are replaced
by the unit's in every free text. Documents are written in parallel processes;
a unit whose row is wrong is reported and the others go on; a document already
up to date (same inputs, same library version) is skipped, so an interrupted run
resumes where it stopped.

Up to date means: the document's identifier is the fingerprint of the library version,
the template's data and the unit's row, and its seal (the zip comment, a digest of the
identifier and of every member's CRC-32 and size) still matches — a document changed since,
even keeping its identifier, is made again. Deciding it reads the zip directory and
``docProps/core.xml`` only; the unit's plan is not built.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import os
import re
import stat
import threading
import time
import unicodedata
import zipfile
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import attrs

from .. import __version__
from ..io.convert import Bad, read_decimal, structure, unstructure
from ..io.csvfile import DamagedRecord, csv_reader
from ..io.files import atomic_write
from ..io.inputs import open_input
from ..io.outputs import clear_stale
from ..io.files import build, read_data
from ..io.template import (LEVEL_WORDS, PLACEHOLDER, expand_presets, fill, level_word, placeholders_in, prepare,
                           split_template, texts_of, unit_values)
from ..model.plan import Plan
from ..problems import InputError, InvalidModel, Problem
from ..model.textmap import map_texts
from ..vnformat import percent, upper

__all__ = ["BatchResult", "PlanTemplate", "UnitFailure", "UnitRow", "check_units", "load_template", "plan_for_unit",
           "read_units", "run_batch"]

_OVERRIDE = re.compile(r"(\d+)\.(\d+)\.(\d+)")
_AUTHORITY = re.compile(r"^(?:Ủy ban nhân dân|UBND)\s+")
_BUILT_IN = {"cấp", "tên", "tỉnh", "địa danh", "người ký"}
MAX_UNITS_BYTES = 20 * 1024 * 1024
"""A units table has a row per unit (a few hundred); larger input is refused before it is read."""
_COLUMNS = {"name", "place", "short_name", "level", "province", "signer", "position", "number", "date", "file"}


@attrs.frozen(kw_only=True)
class UnitRow:
    """One unit of the table: who issues the plan and what differs from the template."""

    row: int
    """Line in the table (the header is line 1)."""
    name: str
    place: str
    short_name: str | None = None
    level: str | None = None
    province: str | None = None
    signer: str | None = None
    position: str | None = None
    number: str | None = None
    date: str | None = None
    file: str | None = None
    overrides: tuple[tuple[str, str], ...] = ()
    """``("2.2.1", "99")`` pairs."""
    extra: tuple[tuple[str, str], ...] = ()
    """Values of the template's own placeholders: ``("chủ tịch", "Nguyễn Văn A")`` pairs."""


@attrs.frozen(kw_only=True)
class PlanTemplate:
    """A template plan with explicit placeholders (:mod:`cchc_plan.io.template`).

    ``data`` is the plan as read, its ``{placeholders}`` in place; ``samples`` their
    sample values; ``plan`` the sample plan (every placeholder at its sample value).
    """

    data: Any
    samples: dict[str, str]
    plan: Plan
    source: str = "<mẫu>"


def load_template(path: str | os.PathLike[str]) -> PlanTemplate:
    """Read a template plan; a plan file without ``placeholders:`` is a template with none."""
    source = str(path)
    data, lines = read_data(path)
    rest, samples = split_template(data, source, lines)
    plan = build(prepare(data, source, lines), Plan, source, lines)
    return PlanTemplate(data=rest if samples else unstructure(plan), samples=samples, plan=plan, source=source)


def _as_template(template: Plan | PlanTemplate) -> PlanTemplate:
    if isinstance(template, PlanTemplate):
        return template
    return PlanTemplate(data=unstructure(template), samples={}, plan=template)


@attrs.frozen(kw_only=True)
class UnitFailure:
    """A unit whose document could not be made, and why."""

    unit: UnitRow
    message: str


@attrs.frozen(kw_only=True)
class BatchResult:
    """What a batch did: documents written, skipped as up to date, failed; and how long it took."""

    written: tuple[Path, ...]
    skipped: tuple[Path, ...]
    failed: tuple[UnitFailure, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        """True when no unit failed."""
        return not self.failed


def read_units(path: str | os.PathLike[str], placeholders: Collection[str] = ()) -> list[UnitRow]:
    """Read the units table; a missing column or an unknown one is an :class:`InputError`.

    ``placeholders`` are the template's own placeholders: a column of that name fills them.

    The separator (``,``, ``;`` as Excel writes on a Vietnamese Windows, or tab) is
    found from the header, as ``cchc-plan stats`` does (:mod:`cchc_plan.io.csvfile`).
    """
    source = str(path)
    raw = open_input(path, MAX_UNITS_BYTES, source=source, kind="bảng đơn vị")
    extra = {unicodedata.normalize("NFC", p) for p in placeholders} - _BUILT_IN - _COLUMNS
    with raw, csv_reader(raw, path, sorted(_COLUMNS | extra)) as reader:
        header = [unicodedata.normalize("NFC", h.strip()) for h in next(reader, [])]
        rows = list(reader)
    also = f", {', '.join(sorted(extra))} (chỗ cần điền của kế hoạch mẫu)" if extra else ""
    problems = [Problem(path=h, line=1, rule=f"cột không có trong mẫu; các cột: {', '.join(sorted(_COLUMNS))}"
                                             f"{also} và cột chỉ tiêu dạng 2.2.1")
                for h in header if h not in _COLUMNS and h not in extra and not _OVERRIDE.fullmatch(h)]
    problems += [Problem(path=c, line=1, rule="thiếu cột bắt buộc") for c in ("name", "place") if c not in header]
    if problems:
        raise InputError(source, problems)
    damaged = [Problem(path="", line=r.line, code="file.unreadable", rule=r.rule)
               for r in rows if isinstance(r, DamagedRecord)]
    if damaged:
        raise InputError(source, damaged)
    units = []
    for n, values in enumerate(rows, start=2):
        if not any(v.strip() for v in values):
            continue
        cells = {h: unicodedata.normalize("NFC", v.strip()) for h, v in zip(header, values, strict=False)}
        known = {k: (cells.get(k) or None) for k in _COLUMNS}
        units.append(UnitRow(
            row=n, name=known.pop("name") or "", place=known.pop("place") or "",
            overrides=tuple((h, cells[h]) for h in header if _OVERRIDE.fullmatch(h) and cells.get(h)),
            extra=tuple((h, cells[h]) for h in header if h in extra and cells.get(h)),
            **known))
    if not units:
        raise InputError(source, [Problem(path="", rule="bảng đơn vị không có dòng nào")])
    return units


def _file_name(unit: UnitRow) -> str:
    if unit.file:
        return unit.file if unit.file.lower().endswith(".docx") else unit.file + ".docx"
    own = _AUTHORITY.sub("", unit.name)
    return f"ke-hoach-{_slug(own)}.docx"


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "don-vi"


def _whole_word(old: str, new: str) -> Callable[[str], str]:
    pattern = re.compile(rf"(?<!\w){re.escape(old)}(?!\w)")
    return lambda text: pattern.sub(new, text)


def _columns(unit: UnitRow) -> dict[str, str | None]:
    return {"name": unit.name, "place": unit.place, "short_name": unit.short_name, "level": unit.level,
            "province": unit.province, "signer": unit.signer, "position": unit.position, "number": unit.number,
            "date": unit.date, **dict(unit.extra)}


def _filled(template: PlanTemplate, unit: UnitRow) -> Plan:
    """The template with the unit's placeholder values, built (a problem is told by its field)."""
    data, missing = fill(template.data, unit_values(unit.name, unit.place, _columns(unit)))
    if missing:
        raise InvalidModel([_missing_problem(name, [p for p, n in missing if n == name])
                            for name in dict.fromkeys(n for _, n in missing)])
    data = expand_presets(data, template.source)
    return _in_column("", lambda: structure(data, Plan))  # type: ignore[no-any-return]


def plan_for_unit(template: Plan | PlanTemplate, unit: UnitRow) -> Plan:
    """The template plan issued by ``unit``; raises :class:`InvalidModel` naming the bad column.

    A :class:`PlanTemplate` has its placeholders filled from the unit first; one left
    unfilled is a problem naming the column that would fill it.
    """
    if isinstance(template, PlanTemplate):
        template = _filled(template, unit) if template.samples else template.plan
    old = template.issuer
    short = unit.short_name or re.sub(r"^Ủy ban nhân dân", "UBND", unit.name)
    if not unit.name or not unit.place:
        raise InvalidModel([Problem(path="name" if not unit.name else "place", rule="không được để trống")])
    replacements = [_whole_word(old.name, unit.name), _whole_word(old.short_name, short),
                    _whole_word(_AUTHORITY.sub("", old.name), _AUTHORITY.sub("", unit.name)),  # xã Mẫu
                    _whole_word(old.place, unit.place)]

    def text(_: str, value: str) -> str:
        for replace in replacements:
            value = replace(value)
        return value

    header: tuple[str, ...] = ()
    m = re.match(r"(Ủy ban nhân dân)\s+(.+)", unit.name)
    if m:
        header = (upper(m.group(1)), upper(m.group(2)))
    issuer_data = unstructure(old) | {"name": unit.name, "short_name": short, "place": unit.place,
                                      "header": list(header)}
    if unit.level:
        issuer_data["level"] = unit.level
    if unit.province:
        issuer_data["province"] = unit.province
    issuer = _in_column("name, place, level, province", lambda: structure(issuer_data, type(old)))
    signer = attrs.evolve(template.signer, name=unit.signer or template.signer.name,
                          position=unit.position or template.signer.position)
    number = template.number
    date = template.date
    if unit.number:
        if not unit.number.isdigit():
            raise InvalidModel([Problem(path="cột number", value=unit.number, rule="số văn bản là số nguyên từ 1")])
        number = attrs.evolve(number, serial=int(unit.number))
    if unit.date:
        day = unit.date
        date = _in_column("date", lambda: structure(day, _dt.date))
    areas = _override_targets(template, unit.overrides)
    plan = attrs.evolve(template, areas=areas)
    changes: dict[str, Any] = {"number": number, "date": date}
    if template.issued_by is not None:  # the unit's number and date are those of the decision issuing its plan
        decision = template.issued_by
        changes = {"issued_by": attrs.evolve(
            decision, number=attrs.evolve(decision.number, serial=number.serial) if unit.number else decision.number,
            date=date if unit.date else decision.date)}
    built: Plan = _in_column("", lambda: map_texts(plan, text, issuer=issuer, signer=signer, **changes))
    return built


_COLUMN_OF = (("number", "number"), ("date", "date"), ("issuer", "name, place"), ("signer", "signer, position"))


def _in_column(column: str, build: Callable[[], Any]) -> Any:
    """Run ``build``; its problems are told by the units-table column they come from."""
    try:
        return build()
    except InvalidModel as e:
        named = []
        for p in e.problems:
            where = column or next((col for field, col in _COLUMN_OF if p.path.startswith(field)), p.path)
            named.append(Problem(path=f"cột {where}" if where else p.path, value=p.value, rule=p.rule))
        raise InvalidModel(named) from None


def _override_targets(plan: Plan, overrides: tuple[tuple[str, str], ...]) -> Any:
    areas = list(plan.areas)
    for key, raw in overrides:
        a, t, m = (int(x) for x in key.split("."))
        try:
            value = read_decimal(raw)
        except Bad as e:
            raise InvalidModel([Problem(path=f"cột {key}", value=raw, rule=f"giá trị chỉ tiêu {e.rule}")]) from None
        if not (1 <= a <= len(areas) and 1 <= t <= len(areas[a - 1].targets)
                and 1 <= m <= len(areas[a - 1].targets[t - 1].measures)):
            raise InvalidModel([Problem(path=f"cột {key}", rule="kế hoạch mẫu không có chỉ tiêu, số đo này")])
        area = areas[a - 1]
        target = area.targets[t - 1]
        measure = target.measures[m - 1]
        if measure.value is None:
            raise InvalidModel([Problem(path=f"cột {key}",
                                        rule="chỉ tiêu tăng/giảm so với kỳ trước không có giá trị để thay")])
        old_text = percent(measure.value) if measure.unit == "%" else str(measure.value)
        new_text = (percent(value, max(0, -value.normalize().as_tuple().exponent))  # type: ignore[operator]
                    if measure.unit == "%" else str(value))
        if target.text.count(old_text) != 1:
            raise InvalidModel([Problem(path=f"cột {key}", value=raw,
                                        rule=f'không tìm thấy đúng một chỗ "{old_text}" trong chỉ tiêu để thay')])
        measures = list(target.measures)
        measures[m - 1] = _in_column(key, lambda: attrs.evolve(measure, value=value))  # noqa: B023
        targets = list(area.targets)
        targets[t - 1] = attrs.evolve(target, text=target.text.replace(old_text, new_text), measures=tuple(measures))
        areas[a - 1] = attrs.evolve(area, targets=tuple(targets))
    return tuple(areas)


def _template_digest(template: PlanTemplate) -> str:
    """What of the template makes the documents: its data (placeholders in place) and sample values.

    Computed once per batch. The data is what the file was read into, so an edit of a comment
    changes nothing while any change of a value does (``repr`` keeps order, types and every digit).
    """
    return hashlib.sha256(repr((template.data, sorted(template.samples.items()))).encode()).hexdigest()


def _fingerprint(template_digest: str, unit: UnitRow) -> str:
    """The inputs of one unit's document: library version, template and the unit's row.

    The row's line number is left out (moving a row does not change its document); every
    value of the row is in. It is computed without building the plan, so that a document
    already up to date costs a look at its zip directory and nothing more.
    """
    row = attrs.asdict(unit, recurse=False)
    del row["row"]
    inputs = repr((_STAMP_FORMAT, __version__, template_digest, sorted(row.items())))
    return hashlib.sha256(inputs.encode()).hexdigest()


_STAMP_FORMAT = 2
"""Changed when what the fingerprint covers changes: every document is then made again."""
_SEAL = re.compile(rb"cchc-plan batch ([0-9a-f]{64})")


def _seal(identifier: str, members: list[zipfile.ZipInfo]) -> bytes:
    """The zip comment that ties a document to its fingerprint and to its members as written.

    Any change of a member (Word saving it again, a tool rewriting a part) changes its
    CRC-32 or size in the zip directory, and the seal no longer matches.
    """
    digest = hashlib.sha256(identifier.encode())
    for m in sorted(members, key=lambda m: m.filename):
        digest.update(f"{m.filename}\0{m.CRC:08x}\0{m.file_size}\n".encode())
    return b"cchc-plan batch " + digest.hexdigest().encode()


def _sealed(data: bytes, identifier: str) -> bytes:
    """``data`` (a .docx) with its seal as the zip comment."""
    stream = io.BytesIO(data)
    with zipfile.ZipFile(stream, "a") as z:
        z.comment = _seal(identifier, z.infolist())
    return stream.getvalue()


def _stamp_of(path: Path) -> tuple[str | None, bool]:
    """The fingerprint stored in a document we wrote (its core property ``identifier``), and
    whether the document is still as written (its seal matches its members).

    ``(None, False)`` for anything else: a link, a folder, a FIFO, a file that is not such a document.
    """
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None, False
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("docProps/core.xml")
            if info.file_size > 64 * 1024:
                return None, False
            core = z.read(info).decode("utf-8", "replace")
            members = z.infolist()
            comment = z.comment
    except (OSError, KeyError, zipfile.BadZipFile, ValueError, NotImplementedError, EOFError):
        return None, False
    m = re.search(r"<dc:identifier>([0-9a-f]{64})</dc:identifier>", core)
    if not m:
        return None, False
    return m.group(1), _SEAL.fullmatch(comment) is not None and comment == _seal(m.group(1), members)


def _outside(outdir: Path, rows: list[UnitRow], names: list[str]) -> list[Problem]:
    """Problems of the rows whose ``file`` would put the document outside ``outdir``."""
    root = outdir.resolve()
    problems = []
    for unit, name in zip(rows, names, strict=True):
        if unit.file is None:
            continue
        why = None
        parts = re.split(r"[\\/]", name)
        if os.path.isabs(name) or name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
            why = "là một đường dẫn tuyệt đối"
        elif ".." in parts:
            why = 'có ".." (đi ra ngoài thư mục)'
        elif any(ord(c) < 32 for c in name):
            why = "có ký tự điều khiển"
        else:
            try:
                resolved = (outdir / name).resolve()
            except (OSError, RuntimeError):
                resolved = None
            if resolved is None or resolved == root or not resolved.is_relative_to(root):
                why = "đi ra ngoài thư mục qua một liên kết tượng trưng"
        if why is not None:
            problems.append(Problem(
                path="cột file", line=unit.row, value=unit.file,
                rule=f"{unit.name}: tên tệp kết quả {why}; văn bản chỉ được ghi trong thư mục {outdir} "
                     "(ghi tên tệp, ví dụ ke-hoach-xa-an-hoa.docx)"))
    return problems


# --------------------------------------------------------------------------- worker side

_TEMPLATE: PlanTemplate | None = None
_DIGEST = ""
_WATCH_SECONDS = 0.5


def _watch_parent(parent: int) -> None:
    """End this worker as soon as the batch that started it is gone (even killed with ``kill -9``)."""
    def watch() -> None:
        while True:
            time.sleep(_WATCH_SECONDS)
            if os.getppid() != parent:
                os._exit(1)  # a staging file left open is cleared by the next run

    threading.Thread(target=watch, name="cchc-batch-watchdog", daemon=True).start()


def _init(template_data: Any, samples: dict[str, str], source: str, digest: str, parent: int | None = None) -> None:
    global _TEMPLATE, _DIGEST
    if parent is not None:
        _watch_parent(parent)
    plan = structure(expand_presets(fill(template_data, samples)[0], source) if samples else template_data, Plan)
    _TEMPLATE = PlanTemplate(data=template_data, samples=samples, plan=plan, source=source)
    _DIGEST = digest


def _one(unit: UnitRow, outdir: str, force: bool) -> tuple[str, str, str]:
    """Make one unit's document: ``("written" | "skipped" | "failed", path or "", message)``."""
    from ..docx.writer import write_docx
    from ..layout.plan import layout_plan

    assert _TEMPLATE is not None
    target = Path(outdir) / _file_name(unit)
    try:
        stamp = _fingerprint(_DIGEST, unit)
        replace = force
        if not force and os.path.lexists(target):
            there, intact = _stamp_of(target)
            if there == stamp and intact:
                return "skipped", str(target), ""
            if there is None:
                return "failed", str(target), (f"{target} đã có và không phải văn bản do lệnh batch tạo; "
                                               "không ghi đè (dùng --force để ghi đè)")
            replace = True  # an earlier document of ours, made from other inputs or changed since
        plan = plan_for_unit(_TEMPLATE, unit)
        document = layout_plan(plan)
        document = attrs.evolve(document, meta=attrs.evolve(document.meta, identifier=stamp))
        atomic_write(target, _sealed(write_docx(document), stamp), force=replace)
        return "written", str(target), ""
    except InvalidModel as e:
        return "failed", str(target), "; ".join(p.describe() for p in e.problems)
    except (OSError, ValueError) as e:
        return "failed", str(target), str(e)


_HOW = {"cấp": "cột name ghi đủ tên: Ủy ban nhân dân xã/phường/đặc khu …",
        "tên": "cột name ghi đủ tên: Ủy ban nhân dân xã/phường/đặc khu …",
        "tỉnh": "thêm cột province", "địa danh": "cột place không được để trống",
        "người ký": "thêm cột signer"}


def _missing_problem(name: str, paths: list[str], line: int | None = None, unit: str = "") -> Problem:
    how = _HOW.get(name.lower(), f"thêm cột {name} vào bảng đơn vị")
    shown = ", ".join(paths[:3]) + (f" và {len(paths) - 3} chỗ khác" if len(paths) > 3 else "")
    return Problem(path=f"{{{name}}}", line=line,
                   rule=f"{unit + ': ' if unit else ''}chỗ cần điền chưa có giá trị (ở {shown}); {how}")


_QUOTED = ("opening.bases",)  # cited documents: their own words
_FROM_UNIT = ("issuer", "signer", "number", "date")  # replaced from the unit's columns


def _level_pattern(word: str) -> re.Pattern[str]:
    first, rest = word[0], word[1:]
    return re.compile(rf"(?<!\w)[{first}{upper(first)}]{re.escape(rest)}(?!\w)(?!\s+hội)")


def _leftovers(strings: list[tuple[str, str]], samples: dict[str, str],
               mine: dict[str, str]) -> Iterator[tuple[str, str, str]]:
    """``(path, placeholder, sample)`` of the template's sample values left in a unit's texts.

    A longer sample is looked for first and its words taken out, so "tỉnh Mẫu" is not also
    reported as the sample name "Mẫu".
    """
    patterns = []
    for name, sample in sorted(samples.items(), key=lambda kv: -len(kv[1])):
        if not sample or mine.get(name) == sample:
            continue
        if sample.lower() in LEVEL_WORDS:
            if mine.get(name) is None:
                continue
            patterns.append((name, sample, _level_pattern(sample.lower())))
        else:
            patterns.append((name, sample, re.compile(rf"(?<!\w){re.escape(sample)}(?!\w)")))
    for path, text in strings:
        if path.startswith(_QUOTED):
            continue
        rest = PLACEHOLDER.sub(" ", text)
        for name, sample, pattern in patterns:
            if pattern.search(rest):
                yield path, name, sample
                rest = pattern.sub(" ", rest)


def check_units(template: Plan | PlanTemplate, rows: list[UnitRow], source: str = "<đơn vị>") -> None:
    """Refuse, before anything is written, units that would leave a placeholder or a sample value.

    For each unit: every placeholder of the template must get a value from its row, and
    no sample value of the template (its own name, province, level word …) may remain
    written out in the unit's plan. Raises one :class:`InputError` naming the units (line)
    and the fields.
    """
    t = _as_template(template)
    used = placeholders_in(t.data)
    problems: list[Problem] = []
    left: dict[tuple[str, str, str], list[UnitRow]] = {}
    own = level_word(t.plan.issuer.name)
    raw = list(texts_of(t.data))
    for unit in rows:
        mine = unit_values(unit.name, unit.place, _columns(unit))
        if t.samples:
            _, missing = fill(t.data, mine)
            for name in dict.fromkeys(n for _, n in missing):
                problems.append(_missing_problem(name, used.get(name, []), unit.row, unit.name))
            found = _leftovers(raw, t.samples, mine)
        elif own is not None:
            old = t.plan.issuer
            replace = [_whole_word(old.name, unit.name),
                       _whole_word(_AUTHORITY.sub("", old.name), _AUTHORITY.sub("", unit.name)),
                       _whole_word(old.short_name, ""), _whole_word(old.place, "")]
            strings = []
            for path, value in raw:
                if path.split(".")[0].split("[")[0] in _FROM_UNIT:
                    continue
                for r in replace:
                    value = r(value)
                strings.append((path, value))
            found = _leftovers(strings, {"cấp": own[0], "tên": own[1]}, mine)
        else:
            continue
        for key in found:
            left.setdefault(key, []).append(unit)
    for (path, name, sample), units in left.items():
        more = f" và {len(units) - 1} đơn vị khác" if len(units) > 1 else ""
        problems.append(Problem(
            path=path, line=units[0].row, value=sample,
            rule=f'còn giá trị mẫu của {{{name}}} trong văn bản của {units[0].name}{more}; '
                 f"trong kế hoạch mẫu {t.source} hãy viết {{{name}}} ở chỗ này"
                 + ("" if t.samples else f" và khai báo giá trị mẫu trong placeholders: ({name}: {sample})")))
    if problems:
        raise InputError(source, problems)


def run_batch(template: Plan | PlanTemplate | str | os.PathLike[str], units: list[UnitRow] | str | os.PathLike[str],
              outdir: str | os.PathLike[str], *, jobs: int | None = None, force: bool = False,
              progress: Callable[[float], None] | None = None, source: str | None = None) -> BatchResult:
    """Write one .docx per unit into ``outdir``, ``jobs`` processes at a time (default: all cores).

    ``source`` names the units table in messages when ``units`` are rows already read.
    """
    started = time.perf_counter()
    t = _as_template(template) if isinstance(template, (Plan, PlanTemplate)) else load_template(template)
    rows = units if isinstance(units, list) else read_units(units, placeholders=placeholders_in(t.data))
    source = source or (str(units) if not isinstance(units, list) else "<đơn vị>")
    check_units(t, rows, source)
    names = [_file_name(r) for r in rows]
    escaping = _outside(Path(outdir), rows, names)
    if escaping:
        raise InputError(source, escaping)
    Path(outdir).mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(Path(outdir))
    clashes = {n for n in names if names.count(n) > 1}
    if clashes:
        raise InputError(source, [
            Problem(path="file", line=r.row, value=n, rule="hai đơn vị trùng tên tệp kết quả; thêm cột file")
            for r, n in zip(rows, names, strict=True) if n in clashes])
    written: list[Path] = []
    skipped: list[Path] = []
    failed: list[UnitFailure] = []
    workers = max(1, min(jobs or os.cpu_count() or 1, len(rows)))
    init = (t.data, t.samples, t.source, _template_digest(t))
    for done, (unit, (status, path, message)) in enumerate(_results(rows, init, str(outdir), force, workers), 1):
        if status == "written":
            written.append(Path(path))
        elif status == "skipped":
            skipped.append(Path(path))
        else:
            failed.append(UnitFailure(unit=unit, message=message))
        if progress is not None:
            progress(done / len(rows))
    return BatchResult(written=tuple(written), skipped=tuple(skipped), failed=tuple(failed),
                       seconds=time.perf_counter() - started)


def _remove_stale_temporaries(outdir: Path) -> None:
    """Remove what a killed run left half-written (staging files of :mod:`cchc_plan.io.outputs`)."""
    clear_stale(outdir)


def _results(rows: list[UnitRow], init: tuple[Any, dict[str, str], str, str], outdir: str, force: bool,
             workers: int) -> Iterator[tuple[UnitRow, tuple[str, str, str]]]:
    if workers == 1:
        _init(*init)
        for unit in rows:
            yield unit, _one(unit, outdir, force)
        return
    from ..docx import writer  # noqa: F401  # imported once here, not in every worker (forked workers share it)
    from ..layout import plan  # noqa: F401

    with ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=(*init, os.getpid())) as pool:
        futures = {pool.submit(_one, unit, outdir, force): unit for unit in rows}
        try:
            for future in as_completed(futures):
                yield futures[future], future.result()
        except BaseException:  # Ctrl-C, or a progress callback that raised: stop soon
            pool.shutdown(wait=True, cancel_futures=True)
            raise

