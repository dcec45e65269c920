"""The ``cchc-plan check`` command: check a .docx against the ND30 layout — *kiểm tra thể thức*.

``cchc-plan check VĂN_BẢN.docx [--format text|json]`` lists every departure
from the rules of Nghị định 30/2020/NĐ-CP, grouped by severity; ``--format
json`` prints one JSON object for tools. Exit status: 0 when there is no error
(warnings only are fine), 1 when there is an error, 2 when the file could not be read
(or the command was called wrongly): "could not check" is never mistaken for "has errors".
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..checker import CheckReport

__all__ = ["COULD_NOT_READ", "add_parser", "format_text", "main", "run"]

COULD_NOT_READ = 2
"""Exit status when the file could not be read at all (1 means: read, and it has errors)."""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Register the ``check`` sub-command on ``commands`` (``set_defaults(run=run)``)."""
    check = commands.add_parser(
        "check", help="kiểm tra thể thức một văn bản Word (.docx) theo Nghị định 30/2020",
        description="Kiểm tra thể thức văn bản Word (.docx) — do chương trình này tạo hoặc gõ tay — "
                    "theo Nghị định 30/2020/NĐ-CP: khổ giấy, lề, phông chữ, Quốc hiệu, Tiêu ngữ, số "
                    "và ký hiệu, ngày tháng, đường kẻ, nội dung, nơi nhận, chữ ký, số trang, phụ lục. "
                    "Mã thoát 0 khi không có lỗi (chỉ có cảnh báo), 1 khi có lỗi, 2 khi không đọc "
                    "được tệp.")
    _arguments(check)
    return check


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="VĂN_BẢN.docx", help="văn bản Word cần kiểm tra (- : đọc từ đầu vào chuẩn)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="cách in kết quả: text (mặc định, cho người đọc) hoặc json (cho công cụ)")
    parser.set_defaults(run=run)


_FORMS = {
    "paper": "bản giấy (đã có số và ngày ban hành)",
    "electronic": "bản điện tử (số, ngày và tháng để trống cho công cụ ký số điền)",
}


def format_text(report: CheckReport) -> str:
    """The findings grouped by severity, then a line with the counts."""
    from ..docx.rules import Severity

    lines: list[str] = []
    for severity, title in ((Severity.ERROR, "LỖI"), (Severity.WARNING, "CẢNH BÁO")):
        group = [f for f in report.findings if f.severity is severity]
        if not group:
            continue
        lines.append(f"{title} ({len(group)}):")
        for f in group:
            lines.append(f"  [{f.rule}] {f.location}")
            lines.append(f"      thấy: {f.found}")
            lines.append(f"      cần:  {f.expected}")
            lines.append(f"      căn cứ: {f.clause}")
    if not report.findings:
        lines.append("Không thấy sai sót nào về thể thức.")
    form = _FORMS.get(report.form or "")
    if form is not None or report.documents > 1:
        shown = form or "chưa rõ bản giấy hay bản điện tử"
        lines.append(f"Hình thức: {shown}" + (f"; {report.documents} văn bản (văn bản ban hành kèm theo)"
                                              if report.documents > 1 else "") + ".")
    lines.append(f"{report.file}: {report.errors} lỗi, {report.warnings} cảnh báo.")
    return "\n".join(lines)


def _print(text: str, stream: TextIO) -> None:
    try:
        try:
            print(text, file=stream)
        except UnicodeEncodeError:  # a console that cannot show Vietnamese
            stream.write(text.encode("ascii", "backslashreplace").decode("ascii") + "\n")
        stream.flush()
    except BrokenPipeError:  # the reader went away (``| head``): say nothing more
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        except (OSError, ValueError, io.UnsupportedOperation):
            pass


def run(args: argparse.Namespace) -> int:
    """Check ``args.file``; print the findings (``args.format``); 1 when there is an error, 2 when
    the file could not be read."""
    from ..checker import UnreadableDocument, check_docx

    as_json = getattr(args, "format", "text") == "json"
    try:
        if args.file == "-":  # the document piped in: ... | cchc-plan check -
            report = check_docx(sys.stdin.buffer, name="<đầu vào chuẩn>")
        else:
            report = check_docx(args.file)
    except UnreadableDocument as e:
        message = f"không kiểm tra được {e.path}: {e.reason}"
        if as_json:
            _print(json.dumps({"file": e.path, "error": message}, ensure_ascii=False), sys.stdout)
        else:
            _print(f"Lỗi: {message}", sys.stderr)
        return COULD_NOT_READ
    except MemoryError:
        _print(f"Lỗi: không kiểm tra được {args.file}: văn bản quá lớn so với bộ nhớ", sys.stderr)
        return COULD_NOT_READ
    if as_json:
        _print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2), sys.stdout)
    else:
        _print(format_text(report), sys.stdout)
    return 1 if report.errors else 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m cchc_plan.check_cli VĂN_BẢN.docx``: the check command on its own."""
    parser = argparse.ArgumentParser(prog="cchc-plan check",
                                     description="Kiểm tra thể thức văn bản Word theo Nghị định 30/2020.")
    _arguments(parser)
    args = parser.parse_args(argv)
    try:
        return run(args)
    except KeyboardInterrupt:
        _print("Đã dừng.", sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
