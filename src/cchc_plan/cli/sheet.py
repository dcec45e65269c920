"""The ``cchc-plan sheet`` command: a plan's task table as an Excel workbook, and back.

``cchc-plan sheet PLAN.yaml -o nhiem-vu.xlsx`` writes the task workbook
(:mod:`cchc_plan.io.sheets`); ``--import BẢNG.xlsx -o ke-hoach-moi.yaml``
reads a task table typed by an office into the plan's appendix and writes the
plan with it. Exit status: 0 done, 1 bad input (every problem named by its
cell), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from .taken import taken

if TYPE_CHECKING:
    from ..model.report import Report

__all__ = ["add_parser", "report_with_progress", "xlsx_target"]


def _error(message: str) -> int:
    print(f"Lỗi: {message}", file=sys.stderr)
    return 1


def _run(args: argparse.Namespace) -> int:
    import attrs

    from ..io.documents import dump_plan, load_plan
    from ..io.sheets import import_appendix, write_task_workbook

    out = Path(args.output)
    source = Path(args.plan)
    if args.import_from:
        if out.suffix.lower() not in (".yaml", ".yml", ".json"):
            return _error(f"tệp kế hoạch kết quả phải có đuôi .yaml (hoặc .json): {out}")
    elif out.suffix.lower() != ".xlsx":
        return _error(f"tệp kết quả phải có đuôi .xlsx: {out}")
    if (why := taken(out, force=args.force)) is not None:
        return _error(why)
    for given in (source, Path(args.import_from) if args.import_from else None):
        if given is not None and given.exists() and out.resolve() == given.resolve():
            return _error(f"tệp kết quả trùng với tệp đầu vào: {out}")
    plan = load_plan(source)
    if args.import_from:
        appendix = import_appendix(args.import_from, plan)
        written = dump_plan(attrs.evolve(plan, appendix=appendix), out, force=args.force)
        outputs = sum(len(i.outputs) for i in appendix.items)
        print(f"Đã ghi {written}: phụ lục {len(appendix.groups)} nhóm, {len(appendix.items)} nhiệm vụ, "
              f"{outputs} sản phẩm từ {args.import_from}.")
        return 0
    if plan.appendix is None:
        return _error(f"{source}: kế hoạch không có phụ lục nhiệm vụ cụ thể (appendix)")
    written = write_task_workbook(plan, out, force=args.force)
    outputs = sum(len(i.outputs) for i in plan.appendix.items)
    print(f"Đã ghi {written}: {len(plan.appendix.items)} nhiệm vụ, {outputs} sản phẩm; "
          "ghi tiến độ vào các cột Tiến độ, Ngày hoàn thành, Ghi chú.")
    return 0


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``sheet`` among the sub-commands of ``cchc-plan``."""
    sheet = commands.add_parser(
        "sheet", help="bảng theo dõi nhiệm vụ của kế hoạch ra Excel (.xlsx), hoặc nhập bảng nhiệm vụ từ Excel",
        description="Ghi phụ lục nhiệm vụ của kế hoạch ra bảng Excel (mỗi sản phẩm một dòng, ô gộp, "
                    "danh sách chọn tiến độ, ngày là ngày thật) để các bộ phận ghi tiến độ; báo cáo đọc lại "
                    "bảng bằng --progress hoặc tasks: trong tệp báo cáo. Với --import: đọc bảng nhiệm vụ do "
                    "cơ quan tự lập (thứ tự cột tùy ý) vào phụ lục của kế hoạch.",
        epilog="Ví dụ: cchc-plan sheet ke-hoach.yaml -o nhiem-vu.xlsx")
    sheet.add_argument("plan", metavar="KẾ_HOẠCH", help="tệp kế hoạch .yaml/.json")
    sheet.add_argument("-o", "--output", required=True, metavar="KẾT_QUẢ",
                       help="bảng .xlsx cần ghi (với --import: tệp kế hoạch .yaml cần ghi)")
    sheet.add_argument("--import", dest="import_from", metavar="BẢNG.xlsx",
                       help="đọc bảng nhiệm vụ của cơ quan vào phụ lục kế hoạch")
    sheet.add_argument("--force", action="store_true", help="ghi đè tệp kết quả đã có")
    sheet.set_defaults(run=_run)


def report_with_progress(source: Path, progress: str | None) -> Report:
    """The report in ``source``, its task progress read from the workbook ``progress`` when given."""
    import attrs

    from ..io.documents import load_document
    from ..io.sheets import read_task_progress
    from ..model.plan import Plan
    from ..problems import InputError, Problem

    document = load_document(source)
    if isinstance(document, Plan):
        raise InputError(str(source), [Problem(path="", rule=(
            "--progress và --xlsx chỉ dùng với tệp báo cáo (tệp này là kế hoạch)"))])
    if progress is None:
        return document
    if document.tasks:
        raise InputError(str(source), [Problem(path="tasks", rule=(
            f"báo cáo đã ghi tiến độ (tasks); bỏ tasks trong tệp hoặc bỏ --progress {progress}"))])
    if not isinstance(document.plan, Plan):
        raise InputError(str(source), [Problem(path="plan", rule=(
            "báo cáo chỉ trích dẫn kế hoạch, không có tệp kế hoạch để đối chiếu bảng tiến độ"))])
    tasks = read_task_progress(progress, document.plan, period_end=document.period.window[1])
    return attrs.evolve(document, tasks=tasks)


def xlsx_target(docx: Path, *, force: bool) -> Path:
    """The workbook written beside ``docx``; refused before anything is written when it exists."""
    target = docx.with_suffix(".xlsx")
    if target.exists() and not force:
        raise FileExistsError(f"{target} đã có")
    return target
