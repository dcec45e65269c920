"""The ``cchc-plan stats`` command: one-stop figures from an export of dossiers.

*Tổng hợp kết quả giải quyết TTHC* from a CSV or XLSX file with one row per
dossier (:mod:`cchc_plan.dossiers`): prints the table per field and in total,
lists the bad rows, and writes the figures as YAML for a report (``-o``).
Exit status: 0 done, 1 the input has problems (bad rows without
``--skip-bad``, a missing column, an unreadable file), 2 wrong usage.
Everything is imported inside the command, so registering it costs nothing.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from .taken import taken

if TYPE_CHECKING:
    from ..io.dossiers import StatsResult
    from ..model.figures import FieldFigures

__all__ = ["add_parser", "parse_day", "render_table", "render_units_table", "terminal_width"]

SHOWN_BAD_ROWS = 20
"""Bad rows listed on the terminal; the rest are counted."""

PROGRESS_FROM_BYTES = 5 * 1024 * 1024
"""A file from this size shows a progress bar on a terminal (always with ``--progress``)."""

_COLUMNS = ("Lĩnh vực", "Tiếp nhận", "Kỳ trước", "Trực tuyến", "Trực tiếp", "BCCI", "Đã giải quyết",
            "Trước hạn", "Đúng hạn", "Trễ hạn", "Đang giải quyết", "Quá hạn", "Trả lại",
            "Tỷ lệ đúng hạn", "Tỷ lệ trực tuyến")


def parse_day(text: str) -> _dt.date:
    """A day given on the command line: ``15/12/2022`` or ``2022-12-15``."""
    value = text.strip()
    try:
        if "/" in value:
            day, month, year = (int(p) for p in value.split("/"))
        else:
            year, month, day = (int(p) for p in value.split("-"))
        if year < 1000:
            raise ValueError
        return _dt.date(year, month, day)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'"{text}" không phải ngày; ghi dạng 15/12/2022 (ngày/tháng/năm) hoặc 2022-12-15') from None


def _row(f: FieldFigures, thresholds: tuple[Decimal, ...]) -> list[str]:
    from ..vnformat import count, rate as shown

    def rate(value: Any) -> str:
        return "—" if value is None else shown(value, thresholds=thresholds)

    return [f.field, *(count(v) for v in (
        f.received, f.carried_over, f.online, f.in_person, f.post, f.resolved, f.early, f.on_time, f.late,
        f.pending, f.pending_overdue, f.returned)), rate(f.on_time_rate), rate(f.online_share)]


def render_table(result: StatsResult, thresholds: tuple[Decimal, ...] = (), width: int | None = None) -> str:
    """The figures per field and in total, as an aligned text table no wider than ``width``.

    Rates are printed as a report prints them (:func:`~cchc_plan.vnformat.rate`), kept on their
    side of ``thresholds`` — a plan's (``--plan``), so the table reads as the report will.
    Without ``width`` every column is on one line. When the table is wider, its columns are
    wrapped into blocks one under the other, each led by the first column (*Lĩnh vực*), as
    many columns to a block as fit; a name is shortened with "…" only when even one column
    beside it would not fit.
    """
    return _table(list(result.figures.fields), result.figures.total, thresholds, width=width)


def render_units_table(result: StatsResult, thresholds: tuple[Decimal, ...] = (), width: int | None = None) -> str:
    """The figures per unit, a subtotal per level (when the file gives levels), and the total."""
    from ..model.figures import FieldFigures

    figures = result.figures
    rows: list[FieldFigures] = []
    groups = figures.levels()
    for level, units in groups:
        if level is not None and len(groups) > 1:
            rows.append(FieldFigures.total(units, name=level.upper()))
        rows += units
    return _table(rows, FieldFigures.total(figures.units), thresholds, first="Đơn vị", width=width)


def _table(body_rows: list[FieldFigures], total_row: FieldFigures, thresholds: tuple[Decimal, ...],
           first: str = "Lĩnh vực", width: int | None = None) -> str:
    body = [_row(f, thresholds) for f in body_rows]
    total = _row(total_row, thresholds)
    rows = [[first, *_COLUMNS[1:]], *body, total]
    widths = [max(len(r[i]) for r in rows) for i in range(len(_COLUMNS))]
    gap = 2
    blocks: list[list[int]] = []
    if width is None or sum(widths) + gap * (len(widths) - 1) <= width:
        blocks.append(list(range(1, len(widths))))
        lead = widths[0]
    else:
        lead = max(min(widths[0], width - gap - max(widths[1:])), 4)
        current: list[int] = []
        used = lead
        for i in range(1, len(widths)):
            if current and used + gap + widths[i] > width:
                blocks.append(current)
                current, used = [], lead
            current.append(i)
            used += gap + widths[i]
        blocks.append(current)

    def name(text: str) -> str:
        return text if len(text) <= lead else text[: lead - 1] + "…"

    def line(cells: list[str], columns: list[int]) -> str:
        return "  ".join([name(cells[0]).ljust(lead), *(cells[i].rjust(widths[i]) for i in columns)]).rstrip()

    out: list[str] = []
    for columns in blocks:
        rule = "  ".join(["-" * lead, *("-" * widths[i] for i in columns)])
        if out:
            out.append("")
        out += [line(rows[0], columns), rule, *(line(r, columns) for r in body), rule, line(total, columns)]
    return "\n".join(out)


def terminal_width() -> int | None:
    """The width to fit printed tables to: the terminal's (or ``COLUMNS``); ``None`` when printing to a file."""
    import os
    import shutil

    if os.environ.get("COLUMNS", "").strip().isdigit() or sys.stdout.isatty():
        return max(shutil.get_terminal_size().columns, 20)
    return None


def _plan_thresholds(path: str) -> tuple[Decimal, ...]:
    """The thresholds a report on this plan prints its rates against (:attr:`Report.rate_thresholds`)."""
    from ..io.documents import load_document
    from ..model.plan import Plan
    from ..problems import InputError, Problem

    plan = load_document(path)
    if not isinstance(plan, Plan):
        raise InputError(path, [Problem(path="", rule="--plan cần tệp kế hoạch, không phải báo cáo")])
    return plan.rate_thresholds


def _error(message: str) -> int:
    print(f"Lỗi: {message}", file=sys.stderr)
    return 1


def _run(args: argparse.Namespace) -> int:
    import textwrap
    from pathlib import Path

    from ..io.dossiers import compute_stats, load_mapping
    from ..io.files import atomic_write, to_json, to_yaml
    from ..problems import InputError
    from .progress import progress_bar as _progress_bar
    from ..vnformat import number, short_date

    start, end = args.start, args.end
    if end < start:
        print(f"Lỗi: --to {short_date(end)} trước --from {short_date(start)}; kỳ lấy số liệu phải có "
              "ngày kết thúc không trước ngày bắt đầu.", file=sys.stderr)
        return 2
    source = Path(args.file)
    out = Path(args.output) if args.output else None
    if out is not None:
        if out.suffix.lower() not in (".yaml", ".yml", ".json"):
            return _error(f"tệp kết quả phải có đuôi .yaml (hoặc .json): {out}")
        if (why := taken(out, force=args.force)) is not None:
            return _error(why)
        if source.exists() and out.resolve() == source.resolve():
            return _error(f"tệp kết quả trùng với tệp hồ sơ: {out}")
    progress = None
    thresholds: tuple[Decimal, ...] = ()
    try:
        if args.plan:
            thresholds = _plan_thresholds(args.plan)
        mapping = load_mapping(args.mapping)
        show = args.progress or (sys.stderr.isatty() and source.is_file()
                                 and source.stat().st_size >= PROGRESS_FROM_BYTES)
        progress = _progress_bar(sys.stderr) if show else None
        result = compute_stats(source, start, end, mapping, progress=progress)
    except InputError as e:
        if progress is not None:
            progress.interrupt()
        print(e.format(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        if progress is not None:
            progress.interrupt()
        raise

    width = terminal_width()

    def say(text: str) -> None:
        print(text if width is None else textwrap.fill(text, width, break_on_hyphens=False))

    say(f"Kết quả giải quyết TTHC từ {source.name}, kỳ {short_date(start)} – {short_date(end)}:")
    print(render_table(result, thresholds, width))
    if result.figures.units:
        print("Theo đơn vị:")
        print(render_units_table(result, thresholds, width))
    if mapping.counting is not None:
        say(result.figures.counting.sentence())
    say(f"{number(result.rows)} dòng hồ sơ: {number(result.used)} được tính, "
        f"{number(result.outside)} ngoài kỳ, {number(result.bad_count)} dòng lỗi.")
    for column in result.absent:
        say(f'Tệp không có cột "{column}" (không bắt buộc): số liệu của cột này để trống (—), không tính là 0.')

    if result.bad_count:
        print(f"\nCó {number(result.bad_count)} dòng lỗi "
              f"({'đã bỏ qua, không tính vào số liệu' if args.skip_bad else 'chưa tính vào số liệu'}):",
              file=sys.stderr)
        for bad in result.bad[:SHOWN_BAD_ROWS]:
            value = f'"{bad.value}"' if bad.value else "(trống)"
            print(f'  - dòng {bad.row}, cột "{bad.column}" = {value}: {bad.rule}', file=sys.stderr)
        if result.bad_count > SHOWN_BAD_ROWS:
            print(f"  … và {number(result.bad_count - SHOWN_BAD_ROWS)} dòng khác", file=sys.stderr)
        if not args.skip_bad:
            print("Lỗi: sửa các dòng trên trong tệp, hoặc dùng --skip-bad để bỏ qua chúng"
                  + (f"; chưa ghi {out}." if out is not None else "."), file=sys.stderr)
            return 1

    if out is not None:
        text = to_json(result.figures) if out.suffix.lower() == ".json" else to_yaml(result.figures)
        try:
            written = atomic_write(out, text, force=args.force)
        except FileExistsError as e:
            return _error(f"{e}; dùng --force để ghi đè")
        except OSError as e:
            return _error(f"không ghi được {out}: {e.strerror or e}")
        print(f"Đã ghi {written}")
    return 0


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``stats`` among the sub-commands of ``cchc-plan``."""
    stats = commands.add_parser(
        "stats", help="tổng hợp kết quả giải quyết TTHC từ danh sách hồ sơ (CSV/XLSX)",
        description="Tổng hợp kết quả giải quyết TTHC tại Bộ phận Một cửa theo lĩnh vực từ tệp danh sách "
                    "hồ sơ (mỗi dòng một hồ sơ), cho kỳ lấy số liệu từ --from đến --to (tính cả hai ngày). "
                    "Dòng lỗi được liệt kê; không ghi đè tệp đã có (trừ khi có --force).",
        epilog="Ví dụ: cchc-plan stats ho-so-2023.csv --from 15/12/2022 --to 14/12/2023 -o so-lieu.yaml")
    stats.add_argument("file", metavar="HỒ_SƠ.csv", help="tệp danh sách hồ sơ .csv (UTF-8) hoặc .xlsx")
    stats.add_argument("--from", dest="start", required=True, type=parse_day, metavar="NGÀY",
                       help="ngày đầu kỳ: 15/12/2022 hoặc 2022-12-15")
    stats.add_argument("--to", dest="end", required=True, type=parse_day, metavar="NGÀY",
                       help="ngày cuối kỳ (tính cả ngày này)")
    stats.add_argument("--mapping", default="default", metavar="TÊN_HOẶC_TỆP",
                       help="mẫu cột: tên mẫu có sẵn (default, motcua-tinh) hoặc tệp .yaml của mình")
    stats.add_argument("--plan", metavar="KẾ_HOẠCH.yaml",
                       help="kế hoạch mà báo cáo sẽ dùng: tỷ lệ được in như báo cáo in "
                            "(không làm tròn vượt qua ngưỡng chỉ tiêu của kế hoạch)")
    stats.add_argument("--skip-bad", action="store_true",
                       help="bỏ qua các dòng lỗi (vẫn liệt kê) thay vì dừng lại")
    stats.add_argument("-o", "--output", metavar="SỐ_LIỆU.yaml",
                       help="ghi số liệu ra tệp YAML để báo cáo dùng (one_stop:)")
    stats.add_argument("--force", action="store_true", help="ghi đè tệp kết quả đã có")
    stats.add_argument("--progress", action="store_true",
                       help="luôn hiện thanh tiến độ (mặc định: chỉ với tệp lớn trên màn hình)")
    stats.set_defaults(run=_run)
