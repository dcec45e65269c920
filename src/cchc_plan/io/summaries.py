"""Reading many units' reports for a summary, and the summary's own document file.

Reports are read one at a time and reduced at once to a
:class:`~cchc_plan.model.summary.UnitResult`, so memory grows with the number
of units, not with the size of their reports; a plan file that several reports
share (the template of a batch) is read once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..model.plan import Plan
from ..model.summary import SummaryDocument, UnitResult
from ..problems import InputError, Problem
from .documents import kind_of, load_plan, report_from_data
from .files import build, read_data

__all__ = ["load_summary_document", "read_unit_results", "unit_names"]


def load_summary_document(path: str | os.PathLike[str]) -> SummaryDocument:
    """Read ``tong-hop.yaml``: issuer, number, date, period, expected units, signer, recipients."""
    data, lines = read_data(path)
    if isinstance(data, dict) and isinstance(data.get("units"), str):  # a units table (as for batch)
        data = dict(data, units=unit_names(Path(path).parent / data["units"]))
    return build(data, SummaryDocument, str(path), lines)


def unit_names(path: str | os.PathLike[str]) -> list[str]:
    """The ``name`` column of a units table (CSV, UTF-8), as ``cchc-plan batch`` reads it."""
    import csv
    import io

    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(source, [Problem(path="", rule="không tìm thấy tệp")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        rule = f"tệp không ở bảng mã UTF-8 (byte 0x{raw[e.start]:02X}); hãy lưu lại tệp CSV với bảng mã UTF-8"
        raise InputError(source, [Problem(path="", line=line, rule=rule)]) from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or "name" not in [h.strip() for h in rows[0]]:
        raise InputError(source, [Problem(path="", line=1, rule='bảng đơn vị cần cột "name" (tên đơn vị)')])
    column = [h.strip() for h in rows[0]].index("name")
    return [r[column].strip() for r in rows[1:] if len(r) > column and r[column].strip()]


def read_unit_results(paths: Iterable[str | os.PathLike[str]], *,
                      tick: Callable[[int], None] | None = None) -> Iterator[UnitResult]:
    """Each report file read and reduced to what a summary keeps; a bad file stops with its problems."""
    plans: dict[tuple[Path, int, int], Plan] = {}
    for n, path in enumerate(paths, start=1):
        source = str(path)
        data, lines = read_data(path)
        if kind_of(data) != "report":
            raise InputError(source, [Problem(path="", rule=(
                "tệp này là kế hoạch, không phải báo cáo; tổng hợp chỉ nhận các tệp báo cáo (có period:)"))])
        base = Path(path).parent
        plan: Any = data.get("plan")
        if isinstance(plan, str):
            where = (base / plan).resolve()
            try:
                stat = where.stat()
                key = (where, stat.st_mtime_ns, stat.st_size)
            except OSError:
                key = None
            if key is not None:
                if key not in plans:
                    plans[key] = load_plan(base / plan)
                data = dict(data, plan=plans[key])
        report = report_from_data(data, base, source, lines)
        yield UnitResult.of(report, source)
        if tick is not None:
            tick(n)
