"""``cchc-plan schema plan|report``: the JSON Schema of a plan or report file — *lược đồ JSON*."""

from __future__ import annotations

import argparse
import json
import sys

__all__ = ["add_parser"]


def _schema(args: argparse.Namespace) -> int:
    from ..io.schema import json_schema

    sys.stdout.write(json.dumps(json_schema(args.kind), ensure_ascii=False, indent=2) + "\n")
    return 0


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``schema`` among the sub-commands of ``cchc-plan``."""
    schema = commands.add_parser(
        "schema", help="in lược đồ JSON Schema của tệp kế hoạch hoặc báo cáo (cho trình soạn thảo, biểu mẫu)",
        description="In lược đồ JSON Schema (draft 2020-12) của tệp kế hoạch (plan) hoặc báo cáo (report), "
                    "sinh từ mô hình dữ liệu: trình soạn thảo dùng nó để gợi ý và kiểm tra tên trường.",
        epilog="Ví dụ: cchc-plan schema plan > ke-hoach.schema.json")
    schema.add_argument("kind", choices=["plan", "report"], metavar="LOẠI",
                        help="plan (kế hoạch) hoặc report (báo cáo)")
    schema.set_defaults(run=_schema)
