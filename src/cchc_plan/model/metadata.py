"""The metadata of an outgoing document — *dữ liệu đặc tả văn bản đi* (Nghị định 30/2020, Phụ lục VI).

:data:`OUTGOING_FIELDS` is the decree's list of input fields for an outgoing document
(Phụ lục VI, Phần II, mục I): number, Vietnamese name, English name, type and length.
:func:`outgoing_metadata` fills them from a plan — or, for a plan issued by a decision,
from the decision, the outgoing document — and its ``registry`` (the file, the ordinal,
urgency, copies, reply date), and refuses a value longer than its field allows. Fields
the office's system fills itself are marked :attr:`MetadataField.automatic`.
"""

from __future__ import annotations

import datetime as _dt
import attrs

from ..problems import InvalidModel, Problem
from ..vnformat import serial
from .._text import is_as_above_line
from .plan import DocumentNumber, Plan, Signer
from .registry import Registry
from .report import Report

__all__ = ["OUTGOING_FIELDS", "MetadataField", "OutgoingMetadata", "SOURCE", "outgoing_metadata"]

SOURCE = "Nghị định 30/2020/NĐ-CP, Phụ lục VI, Phần II, mục I (văn bản đi)"
"""Where the field list comes from."""


@attrs.frozen(kw_only=True)
class MetadataField:
    """One field of the list: ``1.1`` ``Mã định danh cơ quan, tổ chức lập danh mục hồ sơ`` ``OrganId`` String 13."""

    number: str
    """Its number in the decree's table: ``1.1``, ``12.2``."""
    name: str
    """*Tên trường thông tin*, as the decree writes it."""
    key: str
    """The English name, with its group: ``FileCode.OrganId``, ``SignerInfo.FullName``."""
    type: str
    """``String``, ``Number`` or ``Date`` (dd/mm/yyyy)."""
    length: int
    """Maximum length (characters; digits for a number)."""
    automatic: bool = False
    """Filled in by the office's system itself ("tự động cập nhật")."""

    @property
    def tag(self) -> str:
        """The element name without its group: ``OrganId``."""
        return self.key.rpartition(".")[2]


def _f(number: str, name: str, key: str, type_: str, length: int, automatic: bool = False) -> MetadataField:
    return MetadataField(number=number, name=name, key=key, type=type_, length=length, automatic=automatic)


OUTGOING_FIELDS: tuple[MetadataField, ...] = (
    _f("1.1", "Mã định danh của cơ quan, tổ chức lập danh mục hồ sơ", "FileCode.OrganId", "String", 13, True),
    _f("1.2", "Năm hình thành hồ sơ", "FileCode.FileCatalog", "Number", 4, True),
    _f("1.3", "Số và ký hiệu hồ sơ", "FileCode.FileNotation", "String", 20),
    _f("2", "Số thứ tự văn bản trong hồ sơ", "DocOrdinal", "Number", 3, True),
    _f("3", "Tên loại văn bản", "TypeName", "String", 100),
    _f("4", "Số của văn bản", "CodeNumber", "String", 11, True),
    _f("5", "Ký hiệu của văn bản", "CodeNotation", "String", 30),
    _f("6", "Ngày, tháng, năm văn bản", "IssuedDate", "Date", 10, True),
    _f("7", "Tên cơ quan, tổ chức ban hành văn bản", "OrganName", "String", 200),
    _f("8", "Trích yếu nội dung", "Subject", "String", 500),
    _f("9", "Ngôn ngữ", "Language", "String", 30),
    _f("10", "Số trang của văn bản", "PageAmount", "Number", 3, True),
    _f("11", "Ghi chú", "Description", "String", 500),
    _f("12.1", "Chức vụ của người ký", "SignerInfo.Position", "String", 100),
    _f("12.2", "Họ và tên người ký", "SignerInfo.FullName", "String", 50),
    _f("13.1", "Mã định danh cơ quan, tổ chức nhận", "To.OrganId", "String", 13, True),
    _f("13.2", "Tên cơ quan, tổ chức, cá nhân nhận", "To.OrganName", "String", 200),
    _f("14", "Mức độ khẩn, độ mật", "Priority", "Number", 1),
    _f("15", "Số lượng bản phát hành", "IssuedAmount", "Number", 3),
    _f("16", "Hạn trả lời văn bản", "DueDate", "Date", 10),
)
"""The decree's fields of an outgoing document, in its order; ``To`` repeats for each recipient."""

Value = str | int | None


@attrs.frozen(kw_only=True)
class OutgoingMetadata:
    """The fields filled in: ``values`` by key (``To.*`` absent: see ``recipients``)."""

    values: dict[str, Value]
    recipients: tuple[tuple[str | None, str], ...]
    """``(OrganId, OrganName)`` of each recipient (the id is left to the office's system)."""

    def value(self, key: str) -> Value:
        """The value of one field (``None`` when the model does not know it)."""
        return self.values.get(key)


def _check(field: MetadataField, value: Value, path: str) -> list[Problem]:
    if value is None:
        return []
    text = str(value)
    if len(text) > field.length:
        unit = "chữ số" if field.type == "Number" else "ký tự"
        return [Problem(path=path, value=text, code="metadata.too_long",
                        rule=f"{field.name} ({field.key}) dài {len(text)} {unit}, tối đa {field.length} "
                             f"(Nghị định 30/2020, Phụ lục VI, trường {field.number})")]
    return []


def _recipients(plan: Plan | Report) -> tuple[str, ...]:
    if isinstance(plan, Report):  # "- Như trên;" stands for those of "Kính gửi"
        return (*plan.addressees, *(r for r in plan.recipients if not is_as_above_line(r)))
    decision = plan.issued_by
    if decision is None:
        return plan.recipients
    # "- Như Điều 3;" stands for those the decision's article 3 names.
    executors = decision.executor_names(plan.unit_map())
    return (*executors, *(plan.recipients if decision.recipients is None else decision.recipients))


def _document(doc: Plan | Report) -> tuple[DocumentNumber, _dt.date | None, Signer, str, str, int]:
    """Number, date, signer, subject, issuer's name and year of the outgoing document."""
    if isinstance(doc, Report):
        return doc.number, doc.date, doc.signer, doc.title_subject, doc.agency.name, doc.period.year
    decision = doc.issued_by
    if decision is None:
        return doc.number, doc.date, doc.signer, doc.subject, doc.issuer.name, doc.year
    return (decision.number, decision.date, decision.signer or doc.signer, decision.subject_for(doc.subject),
            doc.issuer.name, doc.year)


def outgoing_metadata(plan: Plan | Report, *, page_amount: int | None = None,
                      electronic: bool = False) -> OutgoingMetadata:
    """The Phụ lục VI fields of the outgoing document: a report, a plan, or the decision issuing a plan.

    ``page_amount`` is the page count of the PDF when one was made. With ``electronic`` the
    number and date are left to the signing tool (empty). Raises
    :class:`~cchc_plan.problems.InvalidModel` naming each field whose value is too long.
    """
    registry = plan.registry or Registry()
    number, date, signer, subject, organ, year = _document(plan)
    if electronic:
        date = None
    code_number = serial(number.serial) if number.serial is not None and not electronic else None
    values: dict[str, Value] = {
        "FileCode.OrganId": registry.organ_id,
        "FileCode.FileCatalog": registry.file_catalog or (date.year if date is not None else year),
        "FileCode.FileNotation": registry.file_notation,
        "DocOrdinal": registry.ordinal,
        "TypeName": number.type.title,
        "CodeNumber": code_number,
        "CodeNotation": number.symbol,
        "IssuedDate": date.strftime("%d/%m/%Y") if date is not None else None,
        "OrganName": organ,
        "Subject": " ".join(subject.split()),
        "Language": registry.language,
        "PageAmount": page_amount,
        "Description": registry.description,
        "SignerInfo.Position": signer.position,
        "SignerInfo.FullName": signer.name,
        "Priority": registry.priority,
        "IssuedAmount": registry.issued_amount,
        "DueDate": registry.due_date.strftime("%d/%m/%Y") if registry.due_date is not None else None,
    }
    by_key = {f.key: f for f in OUTGOING_FIELDS}
    problems: list[Problem] = []
    for key, value in values.items():
        problems += _check(by_key[key], value, f"metadata.{key}")
    recipients = tuple((None, name) for name in _recipients(plan))
    for i, (_, name) in enumerate(recipients):
        problems += _check(by_key["To.OrganName"], name, f"metadata.To[{i}].OrganName")
    if problems:
        raise InvalidModel(problems)
    return OutgoingMetadata(values=values, recipients=recipients)
