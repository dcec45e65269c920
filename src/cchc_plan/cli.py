"""The ``cchc-plan`` command: check and render plans from the command line.

Each sub-command imports only what it needs, so ``cchc-plan --help`` starts fast.
Exit status: 0 done, 1 the input has problems (every one is listed), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__

__all__ = ["main"]


def _validate(args: argparse.Namespace) -> int:
    from .io import load_plan
    from .summary import summarize
    from .vnformat import short_date

    plan = load_plan(args.file)
    s = summarize(plan)
    date = short_date(plan.date) if plan.date else "(chưa có ngày — bản dự thảo)"
    subject = " ".join(plan.subject.split())
    print(f"{args.file}: hợp lệ.")
    print(f"  {plan.number.type.title} số {plan.number} ngày {date} của {plan.issuer.short_name}")
    print(f"  Trích yếu: {subject}")
    print(f"  {s.areas} lĩnh vực, {s.targets} chỉ tiêu ({s.measured_targets} chỉ tiêu có số đo, "
          f"{s.measures} số đo), {s.tasks} nhiệm vụ")
    print(f"  Phụ lục: {s.appendix_items} nhiệm vụ cụ thể, {s.outputs} sản phẩm")
    if s.due_by_month or s.ongoing:
        print("  Sản phẩm đến hạn theo tháng:")
        for month, count in s.due_by_month:
            print(f"    tháng {month}: {count}")
        if s.ongoing:
            print(f"    thường xuyên: {s.ongoing}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cchc-plan",
        description="Lập và kiểm tra kế hoạch, báo cáo cải cách hành chính "
                    "theo thể thức Nghị định 30/2020/NĐ-CP.",
        epilog="Ví dụ: cchc-plan validate examples/loc-binh-2023/ke-hoach.yaml",
    )
    parser.add_argument("--version", action="version", version=f"cchc-plan {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="LỆNH")
    validate = commands.add_parser(
        "validate", help="kiểm tra tệp kế hoạch (YAML/JSON) và tóm tắt nội dung",
        description="Kiểm tra tệp kế hoạch; liệt kê mọi lỗi (tệp, dòng, trường, giá trị, quy tắc).")
    validate.add_argument("file", metavar="TỆP", help="tệp kế hoạch .yaml hoặc .json")
    validate.set_defaults(run=_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    from .problems import InputError

    try:
        return int(args.run(args))
    except InputError as e:
        print(e.format(), file=sys.stderr)
        return 1
    except FileExistsError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
