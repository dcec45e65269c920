"""The ``cchc-plan summary`` command: one report from many units' reports.

``cchc-plan summary REPORTS… -o tong-hop.docx [--xlsx] [--info tong-hop.yaml]``
(:mod:`cchc_plan.rollup`). Exit status: 0 done, 1 bad input (the file and
field named), 2 wrong usage. Nothing is written unless everything could be made.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["add_parser"]


def _run(args: argparse.Namespace) -> int:
    from ..io.summaries import load_summary_document
    from ..rollup import summarize_files, write_summary
    from ..vnformat import number
    from .progress import progress_bar

    out = Path(args.output)
    if out.suffix.lower() != ".docx":
        print(f"Lỗi: tệp kết quả phải có đuôi .docx: {out}", file=sys.stderr)
        return 1
    sources = [Path(p) for p in args.reports]
    for source in sources:
        if source.exists() and source.resolve() == out.resolve():
            print(f"Lỗi: tệp kết quả trùng với tệp báo cáo: {out}", file=sys.stderr)
            return 1
    document = load_summary_document(args.info) if args.info else None
    show = args.progress or (sys.stderr.isatty() and len(sources) >= 200)
    bar = progress_bar(sys.stderr) if show else None
    tick = None
    if bar is not None:
        def tick(n: int) -> None:
            bar(n / len(sources))
    try:
        summary = summarize_files(sources, document, tick=tick, source=args.info)
    except BaseException:
        if bar is not None:
            bar.interrupt()
        raise
    files = write_summary(summary, out, document, xlsx=args.xlsx, force=args.force)
    print(f"Đã ghi {files.docx}: {number(len(summary.units))} đơn vị {summary.period.phrase}"
          + (f", {number(len(summary.missing))} đơn vị chưa gửi báo cáo" if summary.missing else "")
          + (f", {number(len(summary.other_period))} báo cáo khác kỳ (không tổng hợp)"
             if summary.other_period else "") + ".")
    for path in files.charts:
        print(f"Đã ghi {path}")
    if files.xlsx is not None:
        print(f"Đã ghi {files.xlsx}")
    for name in summary.missing:
        print(f"  chưa gửi báo cáo: {name}")
    for u in summary.other_period:
        print(f"  khác kỳ: {u.source} ({u.name}, {u.period.phrase})")
    return 0


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``summary`` among the sub-commands of ``cchc-plan``."""
    summary = commands.add_parser(
        "summary", help="tổng hợp báo cáo CCHC của nhiều đơn vị thành một báo cáo (.docx, biểu đồ, .xlsx)",
        description="Tổng hợp các báo cáo cùng kỳ của các đơn vị: kết quả giải quyết TTHC theo đơn vị và tổng "
                    "cộng, xếp hạng theo tỷ lệ đúng hạn, so sánh với kỳ trước, đánh giá chỉ tiêu theo đơn vị, "
                    "sản phẩm quá hạn, biểu đồ. Đơn vị chưa gửi hoặc gửi báo cáo khác kỳ được liệt kê.",
        epilog="Ví dụ: cchc-plan summary bao-cao/*.yaml -o tong-hop.docx --xlsx --info tong-hop.yaml")
    summary.add_argument("reports", nargs="+", metavar="BÁO_CÁO", help="các tệp báo cáo .yaml/.json")
    summary.add_argument("-o", "--output", required=True, metavar="TỔNG_HỢP.docx", help="tệp .docx cần ghi")
    summary.add_argument("--xlsx", action="store_true",
                         help="ghi thêm các bảng phụ lục ra Excel (cùng tên, đuôi .xlsx)")
    summary.add_argument("--info", metavar="TỔNG_HỢP.yaml",
                         help="cơ quan tổng hợp, số, ngày, kỳ, danh sách đơn vị phải báo cáo, người ký, nơi nhận")
    summary.add_argument("--force", action="store_true", help="ghi đè các tệp kết quả đã có")
    summary.add_argument("--progress", action="store_true", help="luôn hiện thanh tiến độ")
    summary.set_defaults(run=_run)
