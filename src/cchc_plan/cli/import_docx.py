"""``cchc-plan import``: an office's Word file to a plan or report YAML, with the review list."""

from __future__ import annotations

import argparse
import sys
from typing import Any
from .taken import taken

__all__ = ["add_parser"]


def _run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..io.files import atomic_write
    from ..io.importer.api import import_docx

    source = Path(args.file)
    out = Path(args.output) if args.output else Path(source.stem + ".yaml")
    if out.suffix.lower() not in (".yaml", ".yml"):
        print(f"Lỗi: tệp kết quả phải có đuôi .yaml: {out}", file=sys.stderr)
        return 1
    if (why := taken(out, force=args.force)) is not None:
        print(f"Lỗi: {why}.", file=sys.stderr)
        return 1
    if out.resolve() == source.resolve():
        print("Lỗi: tệp kết quả trùng với tệp vào.", file=sys.stderr)
        return 1
    imported = import_docx(source, plan=args.plan)
    if args.plan and "plan" in imported.data:  # the report names its plan's file from where it is written
        import os

        imported.data["plan"] = os.path.relpath(Path(args.plan).resolve(), out.resolve().parent)
    text = imported.yaml()
    atomic_write(out, lambda tmp: tmp.write_text(text, encoding="utf-8"), force=args.force)
    what = "kế hoạch" if imported.kind == "plan" else "báo cáo"
    print(f"Đã ghi {out}: {what} nhập từ {source}.")
    if imported.review:
        print(f"Cần xem lại ({len(imported.review)}), cũng ghi ở đầu tệp:")
        for line in imported.review:
            print(f"  - {line}")
    else:
        print("Không có chỗ nào cần xem lại.")
    print(f"Tiếp theo: cchc-plan validate {out}")
    return 0


def add_parser(commands: Any) -> None:
    """Register ``import`` on the sub-command parser."""
    parser = commands.add_parser(
        "import", help="nhập kế hoạch hoặc báo cáo từ tệp Word (.docx, .doc) của cơ quan thành tệp YAML",
        description="Đọc văn bản Word (kế hoạch hoặc báo cáo) thành tệp YAML; in danh sách các chỗ cần xem lại "
                    "(cũng ghi thành chú thích ở đầu tệp). Không ghi đè tệp đã có (trừ khi có --force); "
                    "không bao giờ sửa tệp vào.")
    parser.add_argument("file", metavar="TỆP.docx", help="văn bản Word .docx (hoặc .doc, cần LibreOffice)")
    parser.add_argument("-o", "--output", metavar="KẾT_QUẢ.yaml",
                        help="tệp YAML cần ghi (mặc định: tên tệp vào, đuôi .yaml)")
    parser.add_argument("--plan", metavar="KẾ_HOẠCH.yaml",
                        help="báo cáo: kế hoạch mà báo cáo đánh giá, để đọc kết quả chỉ tiêu và tiến độ nhiệm vụ")
    parser.add_argument("--force", action="store_true", help="ghi đè tệp kết quả đã có")
    parser.set_defaults(run=_run)
