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
from .csvfile import csv_reader, header_key
from .documents import kind_of, load_plan, report_from_data
from .files import build, read_data
from .inputs import open_input

__all__ = ["load_summary_document", "read_unit_results", "unit_names"]


def load_summary_document(path: str | os.PathLike[str]) -> SummaryDocument:
    """Read ``tong-hop.yaml``: issuer, number, date, period, expected units, signer, recipients."""
    data, lines = read_data(path)
    if isinstance(data, dict) and isinstance(data.get("units"), str):  # a units table (as for batch)
        data = dict(data, units=unit_names(Path(path).parent / data["units"]))
    return build(data, SummaryDocument, str(path), lines)


def unit_names(path: str | os.PathLike[str]) -> list[str]:
    """The ``name`` column of a units table (CSV, UTF-8, ``,`` ``;`` or tab), as ``cchc-plan batch`` reads it."""
    source = str(path)
    raw = open_input(path, 20 * 1024 * 1024, source=source, kind="bảng đơn vị")  # a regular file, capped
    with raw, csv_reader(raw, path, ("name",)) as reader:
        rows = list(reader)
    header = [header_key(h) for h in rows[0]] if rows else []
    if "name" not in header:
        raise InputError(source, [Problem(path="", line=1, rule='bảng đơn vị cần cột "name" (tên đơn vị)')])
    column = header.index("name")
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
