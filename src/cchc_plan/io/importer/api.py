"""Import a Word file — *nhập từ tệp Word*: ``import_docx(path | bytes | file) -> Imported``.

The office's .docx (or .doc, through LibreOffice) becomes a plan or a report of the
model, with the review list — *danh sách cần xem lại* — of every guess made and every
part kept as free text, each with where it came from (``đoạn 12``, ``bảng 2, dòng 5``).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import attrs

from ...problems import InputError, InvalidModel, Problem
from ._package import open_package
from ._reader import read_body
from ._words import Review

if TYPE_CHECKING:
    from ...model.plan import Plan
    from ...model.report import Report

__all__ = ["Imported", "import_docx"]

_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_WORD_STREAM = "WordDocument".encode("utf-16-le")


@attrs.frozen
class Imported:
    """What an import gives: the plan or report, its data, and the review list."""

    document: Plan | Report
    data: dict[str, Any] = attrs.field(repr=False)
    """The document as plain data, in the YAML format."""
    review: tuple[str, ...]
    """Each guess and each part kept as free text, with where it came from."""
    source: str

    @property
    def kind(self) -> str:
        """``"plan"`` or ``"report"``."""
        from ...model.plan import Plan

        return "plan" if isinstance(self.document, Plan) else "report"

    def yaml(self) -> str:
        """The document as YAML, the review list as comments at the top."""
        from ..files import to_yaml

        what = "Kế hoạch" if self.kind == "plan" else "Báo cáo"
        head = [f"# {what} nhập từ {Path(self.source).name} (cchc-plan import).",
                "# Đối chiếu với văn bản gốc trước khi dùng: cchc-plan validate, rồi cchc-plan render."]
        if self.review:
            head.append(f"# Cần xem lại ({len(self.review)}):")
            head.extend(f"#   - {line}" for line in self.review)
        else:
            head.append("# Không có chỗ nào cần xem lại.")
        names = [f.name for f in attrs.fields(type(self.document))]
        data = {k: self.data[k] for k in names if k in self.data}
        return "\n".join(head) + "\n" + to_yaml(data)


def _read_source(source: str | os.PathLike[str] | bytes | IO[bytes]) -> tuple[bytes, str, Path | None]:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), "<dữ liệu>", None
    if hasattr(source, "read"):
        data = source.read()
        return bytes(data), str(getattr(source, "name", "<tệp>")), None
    path = Path(source)
    try:
        return path.read_bytes(), str(path), path
    except FileNotFoundError:
        raise InputError(str(path), [Problem(path="", rule="không có tệp này", code="file.unreadable")]) from None
    except IsADirectoryError:
        raise InputError(str(path), [Problem(path="", rule="đây là một thư mục, không phải tệp Word",
                                             code="file.unreadable")]) from None


def _from_doc(data: bytes, name: str) -> bytes:
    """A .doc converted to .docx by LibreOffice (in a temporary folder; the input is not touched)."""
    from ...docx.pdf import find_soffice

    soffice = find_soffice()
    if soffice is None:
        raise InputError(name, [Problem(path="", rule=(
            "tệp .doc (Word 97-2003) cần LibreOffice để chuyển sang .docx, nhưng máy không có; hãy cài "
            "(Debian/Ubuntu: apt-get install libreoffice-writer-nogui) hoặc mở bằng Word và lưu thành .docx"))])
    with tempfile.TemporaryDirectory(prefix="cchc-import-") as tmp:
        src = Path(tmp) / "van-ban.doc"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        try:
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                            "docx", "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=180)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError):
            raise InputError(name, [Problem(path="", rule="LibreOffice không chuyển được tệp .doc sang .docx")]) \
                from None
        out = Path(tmp) / "van-ban.docx"
        if not out.exists():
            raise InputError(name, [Problem(path="", rule="LibreOffice không chuyển được tệp .doc sang .docx")])
        return out.read_bytes()


def import_docx(source: str | os.PathLike[str] | bytes | IO[bytes], *,
                plan: Plan | str | os.PathLike[str] | None = None) -> Imported:
    """Read an office's Word file into a plan or report and the list of what to review.

    For a report, ``plan`` (a :class:`Plan` or its file) is the plan it reports on: with
    it the report's targets table and task table are read back into results and progress.

    Raises :class:`~cchc_plan.problems.InputError` (one clear message) for a file that is
    not a readable Word document, or not a plan or report.
    """
    data, name, _ = _read_source(source)
    notes: list[str] = []
    if data.startswith(_CFB) and _ENCRYPTED not in data[:1 << 20] and _WORD_STREAM in data[:1 << 20]:
        data = _from_doc(data, name)
        notes.append("tệp .doc (Word 97-2003) đã được LibreOffice chuyển sang .docx trước khi đọc")
    package = open_package(data, name)
    body = read_body(package)
    if body is None or not body.blocks:
        raise InputError(name, [Problem(path="", code="file.unreadable", rule=(
            "văn bản không có nội dung (word/document.xml không có phần thân w:body hoặc thân trống)"))])
    review = Review()
    for n in (*notes, *body.notes):
        review.add("", n)

    try:
        return _recognised(body, name, review, plan)
    except InvalidModel as e:  # a part read from the document breaks a rule of the model
        raise InputError(name, [Problem(path=p.path, value=p.value, rule=f"phần đọc được từ văn bản: {p.rule}")
                                for p in e.problems]) from None


def _recognised(body: Any, name: str, review: Review, plan: Plan | str | os.PathLike[str] | None) -> Imported:
    from ._document import Parts, plan_data

    parts = Parts(body, name, review)
    from ...model.plan import DocType

    if parts.doc_type is DocType.REPORT:
        from ._report import report_data

        from ...model.plan import Plan as PlanClass
        from ..documents import load_plan, report_from_data

        the_plan = plan if isinstance(plan, PlanClass) or plan is None else load_plan(plan)
        doc_data = report_data(parts, name, review, the_plan)
        document: Plan | Report = report_from_data(doc_data, ".", name)
    elif parts.doc_type in (DocType.PLAN, DocType.PROGRAMME):
        if plan is not None:
            review.add("", "văn bản là kế hoạch: kế hoạch đi kèm (--plan) chỉ dùng khi nhập báo cáo, đã bỏ qua")
        doc_data = plan_data(parts, name, review)
        from ..documents import plan_from_data

        document = plan_from_data(doc_data, name)
    else:
        what = parts.doc_type.title if parts.doc_type else "?"
        raise InputError(name, [Problem(path="", value=what, rule=(
            "văn bản không phải kế hoạch (KH, CTr) hay báo cáo (BC): chưa thể nhập loại văn bản này"))])
    from ..convert import unstructure

    data_out = unstructure(document)
    if isinstance(plan, (str, os.PathLike)) and "plan" in data_out:
        data_out["plan"] = str(plan)  # the report refers to its plan's file, as a report file does
    return Imported(document=document, data=data_out, review=review.lines(), source=name)
