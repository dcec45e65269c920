"""The ``cchc-plan`` command: check and render plans from the command line.

Each sub-command imports only what it needs, so ``cchc-plan --help`` starts fast.
Exit status: 0 done, 1 the input has problems (every one is listed), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .. import __version__
from .taken import taken

if TYPE_CHECKING:
    from pathlib import Path

    from ..model.plan import Plan
    from ..model.report import Report

__all__ = ["main"]


def _validate(args: argparse.Namespace) -> int:
    from ..io.documents import load_document
    from ..model.plan import Plan

    document = load_document(args.file)
    if isinstance(document, Plan):
        _print_plan(args.file, document)
    else:
        _print_report(args.file, document)
    return 0


def _print_report(source: str, report: Report) -> None:
    from ..model.plan import Plan
    from ..vnformat import count, short_date

    start, end = report.period.window
    date = short_date(report.date) if report.date else "(chưa có ngày — bản dự thảo)"
    print(f"{source}: hợp lệ.")
    print(f"  Báo cáo số {report.number} ngày {date} của {report.agency.short_name}")
    print(f"  Kỳ báo cáo: {report.period.phrase} (số liệu từ {short_date(start)} đến {short_date(end)})")
    if not isinstance(report.plan, Plan):
        print(f"  Kế hoạch: {report.plan.text()} (chỉ trích dẫn: không tính kết quả chỉ tiêu, tiến độ)")
    outcomes = report.outcomes()
    met = sum(1 for o in outcomes if o.met is True)
    missed = sum(1 for o in outcomes if o.met is False)
    print(f"  Chỉ tiêu có số đo: {len(outcomes)}; đạt {met}, không đạt {missed}, "
          f"chưa có số liệu {len(outcomes) - met - missed}")
    progress = report.progress()
    done = sum(1 for p in progress if p.status.value == "done")
    overdue = [p for p in progress if p.overdue]
    print(f"  Sản phẩm phụ lục: {len(progress)}; đã hoàn thành {done}, quá hạn {len(overdue)}")
    for p in overdue:
        print(f"    quá hạn: nhiệm vụ {p.item_number}, sản phẩm {p.output_index} ({p.deadline.text})")
    if report.one_stop is not None:
        t = report.one_stop.total
        rate = report.rate_text(report.one_stop.on_time_rate(t))
        print(f"  Một cửa: tiếp nhận {count(t.received)}, đã giải quyết {count(t.resolved)}, "
              + ", ".join([f"đúng hạn {rate}",
                           *([f"{len(report.one_stop.fields)} lĩnh vực"] if report.one_stop.fields else []),
                           *([f"{len(report.one_stop.units)} đơn vị"] if report.one_stop.units else [])]))
        warnings = report.one_stop.warnings()
        if warnings:
            print(f"  Cảnh báo: số liệu lấy từ {report.one_stop.source} không khớp nhau "
                  f"({len(warnings)} chỗ; báo cáo vẫn in đúng như nguồn):")
            for w in warnings:
                print(f"    - one_stop.{w.path}: {w.rule}" if w.path else f"    - one_stop: {w.rule}")


def _print_plan(source: str, plan: Plan) -> None:
    from .summary import summarize
    from ..vnformat import short_date

    s = summarize(plan)
    subject = " ".join(plan.subject.split())
    print(f"{source}: hợp lệ.")
    decision = plan.issued_by
    if decision is not None:
        issued = (f"số {decision.number} ngày {short_date(decision.date)}" if decision.date is not None
                  else "(bản dự thảo, chưa có số và ngày)")
        print(f"  Quyết định {issued} của {plan.issuer.short_name} ban hành kèm theo "
              f"{plan.number.type.title.lower()} năm {plan.year}")
    elif plan.date is None:
        print(f"  {plan.number.type.title} (bản dự thảo, chưa có số và ngày) năm {plan.year} "
              f"của {plan.issuer.short_name}")
    else:
        print(f"  {plan.number.type.title} số {plan.number} ngày {short_date(plan.date)} "
              f"của {plan.issuer.short_name}")
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


def _render(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..render import load_profile, render

    source = Path(args.file)
    out = Path(args.output) if args.output else Path(source.stem + ".docx")
    if out.suffix.lower() != ".docx":
        print(f"Lỗi: tệp kết quả phải có đuôi .docx: {out}", file=sys.stderr)
        return 1
    pdf = out.with_suffix(".pdf")
    if args.pdfa and not args.pdf:
        print("Lỗi: --pdfa đi cùng --pdf (PDF/A-2b là một dạng PDF).", file=sys.stderr)
        return 1
    if args.pdf:
        from ..docx.pdf import find_soffice

        if find_soffice() is None:
            print("Lỗi: không tìm thấy LibreOffice để xuất PDF; hãy cài đặt "
                  "(Debian/Ubuntu: apt-get install libreoffice-writer-nogui) hoặc bỏ --pdf.",
                  file=sys.stderr)
            return 1
        if (why := taken(pdf, force=args.force)) is not None:
            print(f"Lỗi: {why}.", file=sys.stderr)
            return 1
    metadata = Path(args.metadata) if args.metadata else None
    if metadata is not None:
        if metadata.suffix.lower() not in (".json", ".xml"):
            print(f"Lỗi: tệp dữ liệu đặc tả phải có đuôi .json hoặc .xml: {metadata}", file=sys.stderr)
            return 1
        if (why := taken(metadata, force=args.force)) is not None:
            print(f"Lỗi: {why}.", file=sys.stderr)
            return 1
    profile = load_profile(args.profile) if args.profile else None
    document: Path | Report = source
    book, workbook = None, None
    if args.progress or args.xlsx:
        from ..io.report_sheets import report_workbook
        from .sheet import report_with_progress, xlsx_target

        document = report_with_progress(source, args.progress)
        if args.xlsx:  # made before anything is written, so bad input leaves no file
            workbook = xlsx_target(out, force=args.force)
            book = report_workbook(document)
    plan_meta = None
    if metadata is not None:  # every field's length checked before anything is written
        plan_meta = _metadata_plan(source, args.electronic)
    attachment = Path(args.attachment) if args.attachment else None
    appendix_file = Path(args.appendix_file) if args.appendix_file else None
    for extra, what in ((attachment, "văn bản kèm theo"), (appendix_file, "phụ lục")):
        if extra is not None and extra.suffix.lower() != ".docx":
            print(f"Lỗi: tệp {what} phải có đuôi .docx: {extra}", file=sys.stderr)
            return 1
    pages: int | None = None
    written = render(document, out, profile=profile, template=args.template, force=args.force,
                     electronic=args.electronic, attachment=attachment, appendix_file=appendix_file)
    if appendix_file is not None:
        print(f"Đã ghi {appendix_file} (phụ lục" + (", bản điện tử" if args.electronic else "") + ")")
    if attachment is not None:
        print(f"Đã ghi {attachment} (văn bản ban hành kèm theo)")
    print(f"Đã ghi {written}" + (" (bản điện tử: số, ngày để trống cho công cụ ký số)" if args.electronic else ""))
    if book is not None and workbook is not None:
        from ..io.files import atomic_write
        from ..io.outputs import saved_bytes

        saved = book
        print(f"Đã ghi {atomic_write(workbook, saved_bytes(saved), force=args.force)}")
    if args.pdf:
        from ..docx.pdf import LibreOfficeMissing
        from ..docx.pdfa import export_pdf

        try:
            made = export_pdf(written, pdf, pdfa=args.pdfa, force=args.force)
        except LibreOfficeMissing as e:
            print(f"Lỗi: {e}, hoặc bỏ --pdf", file=sys.stderr)
            return 1
        for warning in made.warnings:
            print(f"Cảnh báo: {warning}", file=sys.stderr)
        print(f"Đã ghi {made.path}" + (" (PDF/A-2b)" if made.pdfa else ""))
        pages = made.pages
    if plan_meta is not None and metadata is not None:
        from ..io.metadata import write_metadata
        from ..model.metadata import outgoing_metadata

        meta = outgoing_metadata(plan_meta, page_amount=pages, electronic=args.electronic)
        write_metadata(meta, metadata, force=args.force)
        print(f"Đã ghi {metadata} (dữ liệu đặc tả văn bản đi, Phụ lục VI"
              + (f"; {pages} trang" if pages else "; số trang: chưa có, cần --pdf") + ")")
    return 0


def _metadata_plan(source: Path, electronic: bool) -> Plan | Report:
    """The plan or report whose outgoing-document metadata is asked for, its fields' lengths already checked."""
    from ..io.documents import load_document
    from ..model.metadata import outgoing_metadata
    from ..problems import InputError, InvalidModel

    plan = load_document(source)
    try:
        outgoing_metadata(plan, electronic=electronic)
    except InvalidModel as e:
        raise InputError(str(source), list(e.problems)) from None
    return plan


def _new(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..io.documents import dump_plan, load_plan, load_report
    from ..model.rollover import next_year

    plan = load_plan(args.file)
    year = args.year if args.year is not None else plan.year + 1
    if year <= plan.year:
        print(f"Lỗi: năm mới ({year}) phải sau năm của kế hoạch ({plan.year}).", file=sys.stderr)
        return 1
    report = load_report(args.report) if args.report else None
    out = Path(args.output) if args.output else Path(f"ke-hoach-{year}.yaml")
    if (why := taken(out, force=args.force)) is not None:
        print(f"Lỗi: {why}.", file=sys.stderr)
        return 1
    result = next_year(plan, year, report=report)
    edited = _edited_file(Path(args.file), out, plan, result.plan)
    if edited is None:
        dump_plan(result.plan, out, force=args.force)
        notes = []
        if out.suffix.lower() in (".yaml", ".yml") and Path(args.file).suffix.lower() in (".yaml", ".yml"):
            notes = ["tệp mới được viết lại từ đầu: không giữ được ghi chú và cách viết của tệp cũ"]
    else:
        from ..io.files import atomic_write

        text, notes = edited
        atomic_write(out, text, force=args.force)
    issued = " và quyết định ban hành kế hoạch" if result.plan.issued_by is not None else ""
    print(f"Đã ghi {out}: kế hoạch năm {year}{issued} (bản dự thảo, chưa có số và ngày).")
    if edited is not None:
        print("Ghi chú, thứ tự các trường và cách viết của tệp cũ được giữ nguyên; chỉ đổi các chỗ dưới đây.")
    print(f"Đã thay đổi {len(result.changes)} chỗ:")
    for change in result.changes:
        before = " ".join(change.before.split())
        after = " ".join(change.after.split())
        if len(before) > 70:
            before, after = _around_difference(before, after)
        print(f"  - {change.path}: {before} → {after}")
    review = [*notes, *result.review]
    if review:
        print(f"Cần người xem lại ({len(review)}):")
        for line in review:
            print(f"  - {line}")
    return 0


def _edited_file(source: Path, out: Path, old: Plan, new: Plan) -> tuple[str, list[str]] | None:
    """The source YAML edited into ``new`` (comments, order, quoting kept), if that gives ``new`` back."""
    from ..io.convert import unstructure
    from ..io.files import _parse_yaml, build
    from ..io.roundtrip import edit_yaml
    from ..io.template import prepare
    from ..model.plan import Plan as PlanClass
    from ..problems import InputError

    if source.suffix.lower() not in (".yaml", ".yml") or out.suffix.lower() not in (".yaml", ".yml"):
        return None
    text = source.read_text(encoding="utf-8-sig")
    edited = edit_yaml(text, unstructure(old), unstructure(new))
    if edited is None:
        return None
    try:
        data, lines = _parse_yaml(edited[0], str(out))
        again = build(prepare(data, str(out), lines), PlanClass, str(out), lines)
    except InputError:
        return None
    return edited if again == new else None


def _around_difference(before: str, after: str, width: int = 30) -> tuple[str, str]:
    """The part of two long texts around where they first differ."""
    i = next((k for k, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), min(len(before), len(after)))
    start = max(0, i - width)
    return ("…" if start else "") + before[start:i + width] + "…", ("…" if start else "") + after[start:i + width] + "…"


def _batch(args: argparse.Namespace) -> int:
    from ..io.template import placeholders_in
    from .batch import load_template, read_units, run_batch
    from .progress import progress_bar
    from ..vnformat import number

    template = load_template(args.plan)
    units = read_units(args.units, placeholders=placeholders_in(template.data))
    show = args.progress or sys.stderr.isatty()
    result = run_batch(template, units, args.output, jobs=args.jobs, force=args.force,
                       progress=progress_bar(sys.stderr) if show else None, source=args.units)
    rate = len(result.written) / result.seconds if result.seconds and result.written else 0
    print(f"{len(units)} đơn vị: đã tạo {len(result.written)}, bỏ qua {len(result.skipped)} (đã cập nhật), "
          f"lỗi {len(result.failed)} — {number(Decimal(str(round(result.seconds, 1))), 1)} giây"
          + (f" ({number(Decimal(str(round(rate, 1))), 1)} văn bản/giây)" if rate else ""))
    for failure in sorted(result.failed, key=lambda f: f.unit.row):
        print(f"  - {args.units}:{failure.unit.row} ({failure.unit.name}): {failure.message}", file=sys.stderr)
    return 0 if result.ok else 1


def _preview(args: argparse.Namespace) -> int:
    from ..docx.preview import PreviewToolMissing, preview

    try:
        pages = preview(args.file, args.output, dpi=args.dpi, first=args.first, last=args.last)
    except PreviewToolMissing as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 1
    print(f"Đã ghi {len(pages)} trang vào {args.output}: " + ", ".join(p.name for p in pages[:5])
          + (" …" if len(pages) > 5 else ""))
    return 0


_ARGPARSE_VI = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
    "show this help message and exit": "in hướng dẫn này rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không có: %(value)r (chọn một trong: %(choices)s)",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn %(option)s chưa rõ: có thể là %(matches)s",
    "not allowed with argument %s": "không dùng cùng với %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ignored explicit argument %r": "tùy chọn này không nhận giá trị: %r",
    "unexpected option string: %s": "tùy chọn không mong đợi: %s",
}
"""argparse's own messages, in Vietnamese (argparse looks them up through gettext when it prints them)."""


@contextlib.contextmanager
def _vietnamese_argparse() -> Iterator[None]:
    """argparse's messages in Vietnamese while the command line is built and read, then as before."""
    module: Any = argparse
    saved = module._, module.ngettext

    def plural(one: str, many: str, n: int) -> str:
        text = one if n == 1 else many
        return _ARGPARSE_VI.get(text, text)

    module._ = lambda text: _ARGPARSE_VI.get(text, text)
    module.ngettext = plural
    try:
        yield
    finally:
        module._, module.ngettext = saved


def _whole(text: str) -> int:
    """A whole number given on the command line."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" không phải số nguyên') from None


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line; with ``only`` (a command's name), the modules of the other commands are not loaded."""
    parser = argparse.ArgumentParser(
        prog="cchc-plan",
        description="Lập và kiểm tra kế hoạch, báo cáo cải cách hành chính "
                    "theo thể thức Nghị định 30/2020/NĐ-CP.",
        epilog="Ví dụ: cchc-plan render examples/loc-binh-2023/ke-hoach.yaml -o ke-hoach.docx",
    )
    parser.add_argument("--version", action="version", version=f"cchc-plan {__version__}",
                        help="in phiên bản của chương trình rồi thoát")
    commands = parser.add_subparsers(dest="command", metavar="LỆNH")
    validate = commands.add_parser(
        "validate", help="kiểm tra tệp kế hoạch hoặc báo cáo (YAML/JSON) và tóm tắt nội dung",
        description="Kiểm tra tệp kế hoạch hoặc báo cáo; liệt kê mọi lỗi (tệp, dòng, trường, giá trị, quy tắc).")
    validate.add_argument("file", metavar="TỆP", help="tệp kế hoạch hoặc báo cáo .yaml hoặc .json")
    validate.set_defaults(run=_validate)
    render = commands.add_parser(
        "render", help="xuất kế hoạch hoặc báo cáo ra văn bản Word (.docx) theo Nghị định 30/2020",
        description="Xuất tệp kế hoạch hoặc báo cáo ra .docx theo thể thức Nghị định 30/2020/NĐ-CP. "
                    "Không ghi đè tệp đã có (trừ khi có --force); không bao giờ để lại tệp dở dang.")
    render.add_argument("file", metavar="TỆP", help="tệp kế hoạch hoặc báo cáo .yaml hoặc .json")
    render.add_argument("-o", "--output", metavar="KẾT_QUẢ.docx",
                        help="tệp .docx cần ghi (mặc định: tên tệp vào, đuôi .docx)")
    render.add_argument("--force", action="store_true", help="ghi đè tệp kết quả đã có")
    render.add_argument("--pdf", action="store_true",
                        help="xuất thêm PDF (cùng tên, đuôi .pdf) bằng LibreOffice")
    render.add_argument("--pdfa", action="store_true",
                        help="PDF theo chuẩn lưu trữ PDF/A-2b (cùng --pdf)")
    render.add_argument("--electronic", action="store_true",
                        help="bản điện tử: để trống số, ngày và tháng (cả dòng “Kèm theo” của phụ lục) "
                             "cho công cụ ký số điền")
    render.add_argument("--attachment", metavar="KÈM_THEO.docx",
                        help="kế hoạch ban hành kèm theo quyết định: ghi kế hoạch ra tệp riêng này "
                             "(mặc định: cùng tệp, sau quyết định, từ trang mới)")
    render.add_argument("--appendix-file", metavar="PHỤ_LỤC.docx",
                        help="ghi các phụ lục ra tệp riêng này (bản điện tử: phụ lục không cùng tệp, Mẫu 2.2)")
    render.add_argument("--metadata", metavar="ĐẶC_TẢ.json|.xml",
                        help="ghi dữ liệu đặc tả văn bản đi (Nghị định 30/2020, Phụ lục VI) ra JSON hoặc XML; "
                             "số trang lấy từ PDF khi có --pdf")
    render.add_argument("--profile", metavar="CỠ_CHỮ.yaml",
                        help="cỡ chữ, giãn dòng, lề trang (trong giới hạn của Nghị định 30)")
    render.add_argument("--template", metavar="MẪU.docx",
                        help="văn bản Word mẫu (kiểu chữ, thiết lập) thay cho mẫu mặc định")
    render.add_argument("--progress", metavar="NHIỆM_VỤ.xlsx",
                        help="báo cáo: đọc tiến độ nhiệm vụ từ bảng đã ghi (cchc-plan sheet)")
    render.add_argument("--xlsx", action="store_true",
                        help="báo cáo: ghi thêm các bảng phụ lục ra Excel (cùng tên, đuôi .xlsx)")
    render.set_defaults(run=_render)
    new = commands.add_parser(
        "new", help="lập kế hoạch năm sau từ kế hoạch năm nay (bản dự thảo)",
        description="Chuyển năm kế hoạch và thời hạn sang năm mới, xóa số và ngày (bản dự thảo), "
                    "giữ chỉ tiêu; in ra các thay đổi và những chỗ cần người xem lại.")
    new.add_argument("file", metavar="TỆP", help="kế hoạch năm nay (.yaml/.json)")
    new.add_argument("--year", type=_whole, metavar="NĂM", help="năm của kế hoạch mới (mặc định: năm sau)")
    new.add_argument("-o", "--output", metavar="KẾT_QUẢ.yaml", help="tệp kế hoạch mới (mặc định ke-hoach-NĂM.yaml)")
    new.add_argument("--report", metavar="BÁO_CÁO.yaml",
                     help="báo cáo năm của kế hoạch này: liệt kê các chỉ tiêu đã đạt để cân nhắc nâng mức")
    new.add_argument("--force", action="store_true", help="ghi đè tệp kết quả đã có")
    new.set_defaults(run=_new)
    batch = commands.add_parser(
        "batch", help="lập kế hoạch cho nhiều đơn vị từ một kế hoạch mẫu và bảng đơn vị",
        description="Mỗi dòng của bảng đơn vị (CSV) cho một văn bản .docx; chạy song song; "
                    "đơn vị lỗi được báo và không làm dừng các đơn vị khác; văn bản đã cập nhật được bỏ qua.")
    batch.add_argument("plan", metavar="KẾ_HOẠCH_MẪU", help="kế hoạch mẫu .yaml/.json")
    batch.add_argument("units", metavar="ĐƠN_VỊ.csv",
                       help="bảng đơn vị: name, place, [short_name, level, province, signer, position, "
                            "number, date, file], cột chỉ tiêu dạng 2.2.1")
    batch.add_argument("-o", "--output", metavar="THƯ_MỤC", required=True, help="thư mục ghi các văn bản")
    batch.add_argument("-j", "--jobs", type=_whole, metavar="N", help="số tiến trình song song (mặc định: số lõi CPU)")
    batch.add_argument("--force", action="store_true", help="tạo lại cả văn bản đã cập nhật")
    batch.add_argument("--progress", action="store_true", help="luôn hiện thanh tiến độ")
    batch.set_defaults(run=_batch)
    preview = commands.add_parser(
        "preview", help="xuất ảnh PNG từng trang (kế hoạch, báo cáo hoặc tệp .docx)",
        description="Tạo ảnh PNG từng trang qua LibreOffice và pdftoppm để xem trước văn bản.")
    preview.add_argument("file", metavar="TỆP", help="tệp kế hoạch/báo cáo .yaml, .json hoặc văn bản .docx")
    preview.add_argument("-o", "--output", metavar="THƯ_MỤC", required=True, help="thư mục ghi ảnh trang-01.png …")
    preview.add_argument("--dpi", type=_whole, default=80, help="độ phân giải (mặc định 80)")
    preview.add_argument("--first", type=_whole, metavar="N", help="từ trang N")
    preview.add_argument("--last", type=_whole, metavar="N", help="đến trang N")
    preview.set_defaults(run=_preview)
    _add_more_commands(commands, only)
    return parser


_CORE_COMMANDS = ("validate", "render", "new", "batch", "preview")
_MORE_COMMANDS = ("check", "import", "stats", "sheet", "summary", "schema")


def _add_more_commands(commands: Any, only: str | None) -> None:
    """The commands defined in their own modules; with ``only``, just that one (or none)."""
    if only in (None, "check"):
        from . import check as check_cli

        check_cli.add_parser(commands)
    if only in (None, "import"):
        from . import import_docx as import_cli

        import_cli.add_parser(commands)
    if only in (None, "stats"):
        from . import stats as stats_cli

        stats_cli.add_parser(commands)
    if only in (None, "sheet"):
        from . import sheet as sheet_cli

        sheet_cli.add_parser(commands)
    if only in (None, "summary"):
        from . import rollup as summary_cli

        summary_cli.add_parser(commands)
    if only in (None, "schema"):
        from . import schema as schema_cli

        schema_cli.add_parser(commands)


def _command_of(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names first, when it is one; ``None`` (every command) otherwise."""
    first = argv[0] if argv else None
    return first if first in (*_CORE_COMMANDS, *_MORE_COMMANDS) else None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    with _vietnamese_argparse():
        parser = _parser(_command_of(argv))
        args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        with _vietnamese_argparse():
            parser.print_help()
        return 2
    from ..problems import InputError, InvalidModel

    try:
        return int(args.run(args))
    except InputError as e:
        print(e.format(), file=sys.stderr)
        return 1
    except InvalidModel as e:
        print("Lỗi: dữ liệu không hợp lệ:", file=sys.stderr)
        for problem in e.problems:
            print(f"  - {problem.describe()}", file=sys.stderr)
        return 1
    except ValueError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 1
    except FileExistsError as e:  # the library says the file exists; the way out is the command's
        print(f"Lỗi: {e}; dùng --force để ghi đè", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader of our output went away (| head)
        return 1
    except OSError as e:  # no permission, disk full, a folder that cannot be made
        where = f" {e.filename}" if e.filename else ""
        print(f"Lỗi: không ghi được tệp{where}: {e.strerror or e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
