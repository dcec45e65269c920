"""The domain model of a plan — *kế hoạch cải cách hành chính*.

Frozen, slotted, keyword-only value classes. Each checks its own fields when it
is built and raises :class:`~cchc_plan.problems.InvalidModel` listing every
problem at once; :class:`Plan` adds the rules that span the whole document
(units referenced, appendix numbers, deadlines inside the plan year …).
Reading and writing files lives in :mod:`cchc_plan.io.documents`, not here.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from .._text import (
    check_subject, check_text, check_texts, check_whole, is_archive_line, is_caps, lower_first, nfc, nfc_tuple,
    text, texts,
)
from .deadline import Deadline, DeadlineKind
from .registry import Registry
from .outline import Include, Node, Outline, Part, _Checked, check_key, walk
from ..problems import InvalidModel, Problem
from ..vnformat import long_date, number, rate, serial as _serial, short_date, upper

__all__ = [
    "Agency",
    "Appendix",
    "AppendixGroup",
    "AppendixItem",
    "Area",
    "AreaKind",
    "Assignment",
    "Authority",
    "Basis",
    "Budget",
    "CitedDocument",
    "Comparator",
    "DateStyle",
    "Decision",
    "DocType",
    "DocumentNumber",
    "Headings",
    "Implementation",
    "Level",
    "Measure",
    "Opening",
    "OpeningStyle",
    "Output",
    "Plan",
    "Signer",
    "Target",
    "Unit",
    "UnitDuty",
    "TWO_TIER_SINCE",
    "draft_date_rule",
]

PLAN_PARTS = frozenset({
    Part.OPENING, Part.OBJECTIVES, Part.REQUIREMENTS, Part.AREAS, Part.AREA, Part.TARGETS, Part.TASKS,
    Part.TASKS_NOTE, Part.IMPLEMENTATION, Part.GENERAL, Part.DUTIES, Part.IMPLEMENTATION_CLOSING,
})
"""The parts a plan's outline may place (the others are a report's)."""

TWO_TIER_SINCE = _dt.date(2025, 7, 1)
"""From this day local government has two tiers (province, commune): no district level."""



def _tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


# Converters of the required lists of values, typed for the constructor (a list is accepted too).
def _appendixgroup_tuple(value: tuple[AppendixGroup, ...]) -> tuple[AppendixGroup, ...]:
    return _tuple(value)  # type: ignore[no-any-return]


def _appendixitem_tuple(value: tuple[AppendixItem, ...]) -> tuple[AppendixItem, ...]:
    return _tuple(value)  # type: ignore[no-any-return]


def _area_tuple(value: tuple[Area, ...]) -> tuple[Area, ...]:
    return _tuple(value)  # type: ignore[no-any-return]


def _basis_tuple(value: tuple[Basis, ...]) -> tuple[Basis, ...]:
    return _tuple(value)  # type: ignore[no-any-return]


def _citeddocument_tuple(value: tuple[CitedDocument, ...]) -> tuple[CitedDocument, ...]:
    return _tuple(value)  # type: ignore[no-any-return]


def _output_tuple(value: tuple[Output, ...]) -> tuple[Output, ...]:
    return _tuple(value)  # type: ignore[no-any-return]


def _text(*, default: Any = attrs.NOTHING) -> Any:
    return attrs.field(converter=nfc, default=default)


def _texts(*, default: Any = attrs.NOTHING) -> Any:
    return attrs.field(converter=nfc_tuple, default=default)


def _items(*, default: Any = attrs.NOTHING) -> Any:
    return attrs.field(converter=_tuple, default=default)


# --------------------------------------------------------------------------- agency


class Level(enum.Enum):
    """Level of local government — *cấp chính quyền*."""

    PROVINCE = "province"
    """*Cấp tỉnh*: tỉnh, thành phố trực thuộc trung ương."""
    DISTRICT = "district"
    """*Cấp huyện*: huyện, thị xã, quận, thành phố thuộc tỉnh (until 30/6/2025)."""
    COMMUNE = "commune"
    """*Cấp xã*: xã, phường, thị trấn, đặc khu."""


_CODE = re.compile(r"[A-ZĐ][A-Za-zĐđ]*(?:-[A-ZĐ][A-Za-zĐđ]*)*")


@attrs.frozen(kw_only=True)
class Agency(_Checked):
    """The issuing agency — *cơ quan ban hành*.

    ``header`` holds the lines printed at the top left, in capitals, as the agency
    prints them (a commune: ``ỦY BAN NHÂN DÂN`` / ``XÃ LỘC BÌNH``); ``parent`` the
    line of the agency directly above it, if any (*cơ quan chủ quản*).
    """

    name: str = attrs.field(converter=text)
    """Official full name: ``Ủy ban nhân dân xã Lộc Bình``."""
    short_name: str = attrs.field(converter=text)
    """Name as cited in text: ``UBND xã Lộc Bình``."""
    code: str = attrs.field(converter=text)
    """Abbreviation used in the ký hiệu: ``UBND``."""
    level: Level
    place: str = attrs.field(converter=text)
    """Place name of the date line: ``Lộc Bình``."""
    header: tuple[str, ...] = _texts(default=())
    parent: str | None = _text(default=None)
    district: str | None = _text(default=None)
    """The district it belongs to, before 1/7/2025 (``huyện Phú Lộc``)."""
    province: str | None = _text(default=None)
    """The province it belongs to (``tỉnh Thừa Thiên Huế``)."""

    def _problems(self) -> Iterator[Problem]:
        yield from check_text("name", self.name)
        yield from check_text("short_name", self.short_name)
        yield from check_text("code", self.code)
        if isinstance(self.code, str) and self.code.strip() and not _CODE.fullmatch(self.code):
            yield Problem(path="code", value=self.code, code="key.invalid",
                          rule="chữ viết tắt tên cơ quan viết in hoa, không dấu cách (ví dụ UBND)")
        yield from check_text("place", self.place)
        if isinstance(self.place, str) and self.place[:1].islower():
            yield Problem(path="place", value=self.place, rule="địa danh viết hoa chữ cái đầu (Nghị định 30/2020, ô 4)")
        yield from check_texts("header", self.header)
        for i, line in enumerate(self.header):
            if isinstance(line, str) and line != upper(line):
                yield Problem(path=f"header[{i}]", value=line, code="text.caps",
                              rule="tên cơ quan ban hành viết in hoa (Nghị định 30/2020, Phụ lục I)")
        for name in ("parent", "district", "province"):
            yield from check_text(name, getattr(self, name), required=False)
        if isinstance(self.parent, str) and self.parent != upper(self.parent):
            yield Problem(path="parent", value=self.parent, code="text.caps",
                          rule="tên cơ quan chủ quản viết in hoa (Nghị định 30/2020, Phụ lục I)")
        if not isinstance(self.level, Level):
            yield Problem(path="level", value=self.level, code="enum.invalid",
                          rule="cấp phải là province, district hoặc commune")

    @property
    def header_lines(self) -> tuple[str, ...]:
        """The agency's own lines of the header (``header``, or the name in capitals)."""
        return self.header or (upper(self.name),)


# --------------------------------------------------------------------------- numbers


class DocType(enum.Enum):
    """Document types and their codes — Nghị định 30/2020, Phụ lục III."""

    RESOLUTION = "NQ"
    DECISION = "QĐ"
    DIRECTIVE = "CT"
    STATUTE = "QC"
    REGULATION = "QyĐ"
    COMMUNIQUE = "TC"
    NOTICE = "TB"
    GUIDANCE = "HD"
    PROGRAMME = "CTr"
    PLAN = "KH"
    OPTION = "PA"
    SCHEME = "ĐA"
    PROJECT = "DA"
    REPORT = "BC"
    MINUTES = "BB"
    SUBMISSION = "TTr"
    CONTRACT = "HĐ"
    TELEGRAM = "CĐ"
    MEMORANDUM = "BGN"
    AGREEMENT = "BTT"
    AUTHORISATION = "GUQ"
    INVITATION = "GM"
    INTRODUCTION = "GGT"
    LEAVE = "GNP"
    SENDING_SLIP = "PG"
    TRANSFER_SLIP = "PC"
    NOTICE_SLIP = "PB"
    TRUE_COPY = "SY"
    EXTRACT_COPY = "TrS"
    TRANSCRIPT_COPY = "SL"

    @property
    def title(self) -> str:
        """The type's name as printed under the header: ``Kế hoạch``."""
        return _DOC_TITLES[self]


_DOC_TITLES = {
    DocType.RESOLUTION: "Nghị quyết", DocType.DECISION: "Quyết định",
    DocType.DIRECTIVE: "Chỉ thị", DocType.STATUTE: "Quy chế", DocType.REGULATION: "Quy định",
    DocType.COMMUNIQUE: "Thông cáo", DocType.NOTICE: "Thông báo", DocType.GUIDANCE: "Hướng dẫn",
    DocType.PROGRAMME: "Chương trình", DocType.PLAN: "Kế hoạch", DocType.OPTION: "Phương án",
    DocType.SCHEME: "Đề án", DocType.PROJECT: "Dự án", DocType.REPORT: "Báo cáo",
    DocType.MINUTES: "Biên bản", DocType.SUBMISSION: "Tờ trình", DocType.CONTRACT: "Hợp đồng",
    DocType.TELEGRAM: "Công điện", DocType.MEMORANDUM: "Bản ghi nhớ",
    DocType.AGREEMENT: "Bản thỏa thuận", DocType.AUTHORISATION: "Giấy ủy quyền",
    DocType.INVITATION: "Giấy mời", DocType.INTRODUCTION: "Giấy giới thiệu",
    DocType.LEAVE: "Giấy nghỉ phép", DocType.SENDING_SLIP: "Phiếu gửi",
    DocType.TRANSFER_SLIP: "Phiếu chuyển", DocType.NOTICE_SLIP: "Phiếu báo",
    DocType.TRUE_COPY: "Bản sao y", DocType.EXTRACT_COPY: "Bản trích sao",
    DocType.TRANSCRIPT_COPY: "Bản sao lục",
}

_DISTRICT_BODY = re.compile(r"\b(?:UBND|Ủy ban nhân dân) huyện\b", re.I)
_OFFICE = re.compile(r"\bPhòng ", re.I)
_DISTRICT_WORD = re.compile(r" huyện\b", re.I)


def _names_district(recipient: str) -> bool:
    """``UBND huyện …``, or a ``Phòng … huyện`` office (in one part between semicolons).

    Worked out part by part, from the first "Phòng " of each: a single pattern
    ``Phòng [^;]* huyện`` would rescan the rest of the text from every "Phòng ".
    """
    if _DISTRICT_BODY.search(recipient):
        return True
    for part in recipient.split(";"):
        office = _OFFICE.search(part)
        if office is not None and _DISTRICT_WORD.search(part, office.end()):
            return True
    return False


_NUMBER = re.compile(r"(?P<serial>\d+)?\s*/(?P<type>[^-/\s]+)-(?P<issuer>\S+)")
"""Matched on the stripped text: no run of spaces next to another that could share it."""


@attrs.frozen(kw_only=True)
class DocumentNumber(_Checked):
    """Số, ký hiệu: ``07/KH-UBND``. A draft has no serial and prints ``Số:      /KH-UBND``."""

    serial: int | None
    """Serial per issuer per calendar year, from 1 (``None`` for a draft)."""
    type: DocType
    issuer_code: str = attrs.field(converter=text)
    """The issuer's part of the ký hiệu: ``UBND``, ``UBND-VP``."""

    def _problems(self) -> Iterator[Problem]:
        if self.serial is not None and (not isinstance(self.serial, int) or self.serial < 1):
            yield Problem(path="serial", value=self.serial, code="number.serial",
                          rule="số văn bản bắt đầu từ 1 (số thứ tự trong năm)")
        yield from check_text("issuer_code", self.issuer_code)
        if isinstance(self.issuer_code, str) and self.issuer_code.strip() \
                and not _CODE.fullmatch(self.issuer_code):
            yield Problem(path="issuer_code", value=self.issuer_code, code="number.issuer",
                          rule="ký hiệu viết in hoa, không dấu cách (ví dụ UBND)")

    @property
    def symbol(self) -> str:
        """The ký hiệu: ``KH-UBND``."""
        return f"{self.type.value}-{self.issuer_code}"

    def __str__(self) -> str:
        if self.serial is None:
            return f"/{self.symbol}"
        return f"{_serial(self.serial)}/{self.symbol}"

    @classmethod
    def parse(cls, text: str) -> DocumentNumber:
        """Read ``07/KH-UBND`` (or a draft's ``/KH-UBND``)."""
        m = _NUMBER.fullmatch(text.strip())
        if not m:
            raise InvalidModel([Problem(path="", value=text, code="number.serial",
                                        rule='số, ký hiệu phải có dạng "07/KH-UBND" (bản dự thảo: "/KH-UBND")')])
        try:
            doc_type = DocType(m["type"])
        except ValueError:
            codes = ", ".join(t.value for t in DocType)
            raise InvalidModel([Problem(
                path="", value=text, code="number.doc_type",
                rule=f'"{m["type"]}" không phải chữ viết tắt tên loại văn bản theo Phụ lục III '
                     f"Nghị định 30/2020 ({codes})")]) from None
        serial = int(m["serial"]) if m["serial"] else None
        return cls(serial=serial, type=doc_type, issuer_code=m["issuer"])


# --------------------------------------------------------------------------- bases


class DateStyle(enum.Enum):
    """How a cited date is written."""

    SHORT = "short"
    """``24/12/2022``."""
    LONG = "long"
    """``30 tháng 12 năm 2022``."""


def draft_date_rule(number: DocumentNumber) -> str:
    """The rule broken by a draft (no serial yet) that carries a date of issue.

    The serial and the date of issue are given together when the document is signed and
    registered (*đăng ký, cấp số, ghi ngày*); a draft prints ``Số:      /KH-UBND`` and
    ``…, ngày      tháng      năm 2024``, the blanks left for that day.
    """
    return (f'bản dự thảo (số "/{number.symbol}", chưa có số thứ tự) để trống ngày, tháng ban hành: '
            "số và ngày ban hành được cấp cùng lúc, sau khi văn bản được ký (Nghị định 30/2020/NĐ-CP, "
            f'Điều 15); hãy bỏ date, hoặc ghi cả số văn bản (ví dụ "01/{number.symbol}")')


@attrs.frozen(kw_only=True)
class CitedDocument(_Checked):
    """A document the plan cites — *văn bản căn cứ*.

    Renders as ``Quyết định số 3134/QĐ-UBND ngày 24/12/2022 của UBND tỉnh Thừa Thiên
    Huế về việc …``: type, number, date, issuer and subject, each optional but the type.
    """

    kind: str | None = _text(default=None)
    """The type as written: ``Quyết định``, ``Kế hoạch``, ``Luật Ban hành văn bản QPPL``;
    absent when the plan cites a number alone (``Thực hiện 263/KH-UBND ngày …``)."""
    number: str | None = _text(default=None)
    """``3134/QĐ-UBND``; never changed by a roll-over."""
    date: _dt.date | None = None
    issuer: str | None = _text(default=None)
    """``UBND tỉnh Thừa Thiên Huế`` (printed after "của")."""
    subject: str | None = _text(default=None)
    """What follows, as written: ``về việc phê duyệt …``."""
    date_style: DateStyle = DateStyle.SHORT
    separator: str = ","
    """Punctuation after this document when another follows in the same sentence."""

    def _problems(self) -> Iterator[Problem]:
        yield from check_text("kind", self.kind, required=self.number is None)
        for name in ("number", "issuer", "subject"):
            yield from check_text(name, getattr(self, name), required=False)
        if isinstance(self.number, str) and re.search(r"\s", self.number):
            yield Problem(path="number", value=self.number,
                          rule='số, ký hiệu không có dấu cách quanh "/" và "-"')
        if self.separator not in (",", ";"):
            yield Problem(path="separator", value=self.separator, rule='chỉ dùng "," hoặc ";"')

    def text(self) -> str:
        """The citation as one phrase."""
        parts = [self.kind] if self.kind else []
        if self.number:
            parts.append(f"số {self.number}" if self.kind else self.number)
        if self.date is not None:
            written = short_date(self.date) if self.date_style is DateStyle.SHORT \
                else long_date(self.date).removeprefix("ngày ")
            parts.append(f"ngày {written}")
        if self.issuer:
            parts.append(f"của {self.issuer}")
        if self.subject:
            parts.append(self.subject)
        return " ".join(parts)


@attrs.frozen(kw_only=True)
class Basis(_Checked):
    """One opening sentence — *căn cứ*: ``Thực hiện`` + the documents it cites."""

    lead: str = _text(default="Căn cứ")
    """``Căn cứ`` or ``Thực hiện``."""
    documents: tuple[CitedDocument, ...] = attrs.field(converter=_citeddocument_tuple)
    end: str = ";"
    """Punctuation that ends the sentence."""

    def _problems(self) -> Iterator[Problem]:
        yield from check_text("lead", self.lead)
        if not self.documents:
            yield Problem(path="documents", rule="cần ít nhất một văn bản được trích dẫn")

    def text(self) -> str:
        """The whole sentence: ``Thực hiện Quyết định số …, Chương trình số …;``."""
        out = [self.lead, " "]
        last = len(self.documents) - 1
        for i, doc in enumerate(self.documents):
            out.append(doc.text())
            out.append(self.end if i == last else doc.separator + " ")
        return "".join(out)


class OpeningStyle(enum.Enum):
    """How the opening is printed."""

    SEPARATE = "separate"
    """Each basis its own paragraph, then the closing sentence as a paragraph."""
    RUN_ON = "run_on"
    """One sentence: ``Căn cứ …; căn cứ …, UBND tỉnh xây dựng Kế hoạch … như sau:``."""


@attrs.frozen(kw_only=True)
class Opening(_Checked):
    """The opening: the bases, then the sentence that ends "… cụ thể như sau:"."""

    bases: tuple[Basis, ...] = attrs.field(converter=_basis_tuple)
    closing: str = attrs.field(converter=text)
    """``Ủy ban nhân dân xã … ban hành kế hoạch … cụ thể như sau:``."""
    style: OpeningStyle = OpeningStyle.SEPARATE
    joiner: str = ","
    """In a run-on opening, what stands between the last basis and the closing sentence."""

    def _problems(self) -> Iterator[Problem]:
        yield from check_text("closing", self.closing)
        if self.joiner not in (",", ";", ":"):
            yield Problem(path="joiner", value=self.joiner, rule='chỉ dùng ",", ";" hoặc ":"')

    def paragraphs(self) -> tuple[str, ...]:
        """The opening as printed: one paragraph per basis and the closing, or one run-on sentence."""
        if self.style is OpeningStyle.SEPARATE:
            return (*(b.text() for b in self.bases), self.closing)
        parts = []
        for i, basis in enumerate(self.bases):
            text = basis.text().rstrip(basis.end)
            if i:  # "…; căn cứ …": the later leads in lower case
                text = text[:1].lower() + text[1:]
            parts.append(text)
        sentence = "; ".join(parts)
        return (f"{sentence}{self.joiner} {self.closing}" if sentence else self.closing,)

    @property
    def documents(self) -> tuple[CitedDocument, ...]:
        """Every cited document, in order."""
        return tuple(doc for basis in self.bases for doc in basis.documents)


# --------------------------------------------------------------------------- targets


class Comparator(enum.Enum):
    """How a target's number is to be reached — decided by the target's wording."""

    MORE_THAN = "more_than"
    """``trên 98%``: strictly greater."""
    AT_LEAST = "at_least"
    """``tối thiểu 50%``, ``từ 35%``, ``đạt 100%``: greater or equal."""
    EXACTLY = "exactly"
    """``bằng``: equal."""
    AT_MOST = "at_most"
    """``tối đa``, ``không quá``: less or equal."""
    LESS_THAN = "less_than"
    """``dưới``: strictly less."""
    DECREASE = "decrease"
    """``giảm``: lower than the previous period (no number)."""
    INCREASE = "increase"
    """``tăng``: higher than the previous period (no number)."""

    @property
    def against_previous(self) -> bool:
        """True for *giảm* / *tăng*, judged against the previous period's value."""
        return self in (Comparator.DECREASE, Comparator.INCREASE)

    def holds(self, reached: Decimal, reference: Decimal) -> bool:
        """Whether ``reached`` meets the target against ``reference``.

        ``reference`` is the target value, or the previous period's value for
        *giảm* / *tăng*.
        """
        return {
            Comparator.MORE_THAN: reached > reference,
            Comparator.AT_LEAST: reached >= reference,
            Comparator.EXACTLY: reached == reference,
            Comparator.AT_MOST: reached <= reference,
            Comparator.LESS_THAN: reached < reference,
            Comparator.DECREASE: reached < reference,
            Comparator.INCREASE: reached > reference,
        }[self]


_COMPARATOR_WORDS = {
    Comparator.MORE_THAN: "Trên", Comparator.AT_LEAST: "Tối thiểu", Comparator.EXACTLY: "Bằng",
    Comparator.AT_MOST: "Tối đa", Comparator.LESS_THAN: "Dưới", Comparator.DECREASE: "Giảm",
    Comparator.INCREASE: "Tăng",
}


@attrs.frozen(kw_only=True)
class Measure(_Checked):
    """The measurable part of a target: metric, comparator, value, unit and scope."""

    metric: str = attrs.field(converter=text)
    """What is measured: ``Tỷ lệ hồ sơ giải quyết đúng hạn``."""
    comparator: Comparator
    value: Decimal | None = None
    """The threshold (``None`` for *giảm* / *tăng*)."""
    unit: str = _text(default="%")
    scope: str | None = _text(default=None)
    """``trong từng lĩnh vực``, ``lĩnh vực đất đai``."""

    def _problems(self) -> Iterator[Problem]:
        yield from check_text("metric", self.metric)
        yield from check_text("unit", self.unit)
        yield from check_text("scope", self.scope, required=False)
        if not isinstance(self.comparator, Comparator):
            yield Problem(path="comparator", value=self.comparator, code="enum.invalid",
                          rule="phép so sánh không hợp lệ")
            return
        if self.comparator.against_previous:
            if self.value is not None:
                yield Problem(path="value", value=self.value,
                              rule=f"chỉ tiêu '{self.comparator.value}' so với kỳ trước, không có giá trị")
            return
        if self.value is None:
            yield Problem(path="value", code="field.required", rule="thiếu giá trị của chỉ tiêu")
        elif not isinstance(self.value, Decimal) or not self.value.is_finite():
            yield Problem(path="value", value=self.value, code="type.number", rule="giá trị phải là một số")
        elif self.value < 0:
            yield Problem(path="value", value=self.value, code="number.negative", rule="giá trị không được âm")
        elif self.unit == "%" and self.value > 100:
            yield Problem(path="value", value=self.value, code="percent.range",
                          rule="tỷ lệ phần trăm phải nằm trong khoảng 0–100")

    def format_value(self, value: Decimal, threshold: Decimal | None = None, *,
                     thresholds: tuple[Decimal, ...] = (), given: bool = False) -> str:
        """A value of this measure in Vietnamese: ``98,5%``, ``12 ngày``; never rounded across a threshold.

        A percentage follows :func:`~cchc_plan.vnformat.rate`: a typed value or threshold
        (``given``) keeps the decimals it was written with (``97,995%``), a computed one has two
        (``99,62%``), a whole number none (``100%``); ``threshold`` and ``thresholds`` are kept
        on their side.
        """
        if self.unit == "%":
            limits = (*thresholds, *((threshold,) if threshold is not None else ()))
            return rate(value, thresholds=limits, given=given)
        places = max(0, -value.normalize().as_tuple().exponent)  # type: ignore[operator]
        return f"{number(value, places)} {self.unit}"

    def requirement(self) -> str:
        """What the plan asks, in words: ``Trên 98% (trong từng lĩnh vực)``, ``Giảm so với kỳ trước``."""
        if self.comparator.against_previous:
            text = f"{_COMPARATOR_WORDS[self.comparator]} so với kỳ trước"
        else:
            assert self.value is not None
            text = f"{_COMPARATOR_WORDS[self.comparator]} {self.format_value(self.value, given=True)}"
        return f"{text} ({self.scope})" if self.scope else text

    def sentence(self) -> str:
        """The measure as a target's sentence: ``Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98% trong từng lĩnh vực``."""
        if self.comparator.against_previous:
            words = f"{_COMPARATOR_WORDS[self.comparator].lower()} so với kỳ trước"
        else:
            assert self.value is not None
            verb = {Comparator.MORE_THAN: "đạt trên", Comparator.AT_LEAST: "đạt tối thiểu",
                    Comparator.EXACTLY: "đạt", Comparator.AT_MOST: "tối đa", Comparator.LESS_THAN: "dưới"}
            words = f"{verb[self.comparator]} {self.format_value(self.value, given=True)}"
        return f"{self.metric} {words}" + (f" {self.scope}" if self.scope else "")

    def is_met(self, reached: Decimal | None, previous: Decimal | None = None) -> bool | None:
        """Met or not; ``None`` when it cannot be told (not measured, or no previous value)."""
        if reached is None:
            return None
        if self.comparator.against_previous:
            return None if previous is None else self.comparator.holds(reached, previous)
        assert self.value is not None
        return self.comparator.holds(reached, self.value)


@attrs.frozen(kw_only=True)
class Target(_Checked):
    """A target — *chỉ tiêu*: the official sentence and its measures (zero or more)."""

    text: str = attrs.field(default="", converter=text)
    """The official sentence; left out, it is written from the measures (:attr:`sentence`)."""
    measures: tuple[Measure, ...] = _items(default=())
    key: str | None = None
    """A stable name a report refers to (``dung-han``), unique in the plan."""

    @property
    def sentence(self) -> str:
        """The sentence as printed: :attr:`text`, or one written from the measures."""
        if self.text or not self.measures:
            return self.text
        return "; ".join(m.sentence() for m in self.measures) + "."

    def _problems(self) -> Iterator[Problem]:
        if self.text or not self.measures:
            yield from check_text("text", self.text)
        yield from check_key("key", self.key)
        if isinstance(self.text, str) and self.text and all(isinstance(m, Measure) for m in self.measures):
            yield from self._sentence_problems()

    def _sentence_problems(self) -> Iterator[Problem]:
        """The sentence and the measures must say the same: each measure's number and comparator written."""
        from .sentence import mentions, says_direction

        found = list(mentions(self.text))
        for i, m in enumerate(self.measures):
            where = f"measures[{i}]"
            if any(True for _ in m._problems()):
                continue  # a measure that is wrong in itself is reported for that alone
            if m.comparator.against_previous:
                # A sentence silent on the direction is not compared; one saying only the other is.
                word, other = ("giảm", "tăng") if m.comparator is Comparator.DECREASE else ("tăng", "giảm")
                if says_direction(self.text, other) and not says_direction(self.text, word):
                    yield Problem(path=where, value=m.requirement(), code="target.sentence",
                                  rule=f'câu chỉ tiêu nói "{other}", nhưng số đo là "{m.requirement()}"')
                continue
            if m.unit != "%" or m.value is None or not found:
                continue
            same = [x for x in found if x.value == m.value]
            if not same:
                written = ", ".join(f'"{x.text}"' for x in found)
                yield Problem(path=f"{where}.value", value=m.value, code="target.sentence",
                              rule=f'câu chỉ tiêu ghi {written}, nhưng số đo là "{m.requirement()}"')
            elif not any(_agrees(x.comparator, m.comparator) for x in same):
                written = ", ".join(f'"{x.text}"' for x in same)
                yield Problem(path=f"{where}.comparator", value=m.comparator.value, code="target.sentence",
                              rule=f'câu chỉ tiêu ghi {written}, nhưng số đo là "{m.requirement()}"')


def _agrees(written: str | None, comparator: Comparator) -> bool:
    """Whether the comparator written before a number (``None``: none) fits the measure's."""
    if written is None:  # "Đảm bảo 100%", "đạt 95%": at least, or exactly
        return comparator in (Comparator.AT_LEAST, Comparator.EXACTLY)
    return written == comparator.value


class AreaKind(enum.Enum):
    """The reform areas of Nghị quyết 76/NQ-CP, plus direction and custom ones."""

    INSTITUTIONS = "institutions"
    """*Cải cách thể chế*."""
    PROCEDURES = "procedures"
    """*Cải cách thủ tục hành chính*."""
    ORGANISATION = "organisation"
    """*Cải cách tổ chức bộ máy hành chính nhà nước*."""
    CIVIL_SERVICE = "civil_service"
    """*Cải cách chế độ công vụ* (also "xây dựng … đội ngũ cán bộ, công chức")."""
    PUBLIC_FINANCE = "public_finance"
    """*Cải cách tài chính công*."""
    DIGITAL_GOVERNMENT = "digital_government"
    """*Xây dựng và phát triển Chính phủ điện tử, Chính phủ số* (chính quyền số)."""
    DIRECTION = "direction"
    """*Công tác chỉ đạo, điều hành* (sometimes "… và truyền thông")."""
    OTHER = "other"
    """An area of the plan's own."""

    @property
    def title(self) -> str:
        """The area's standard Vietnamese title."""
        return _AREA_TITLES[self]


_AREA_TITLES = {
    AreaKind.INSTITUTIONS: "Cải cách thể chế",
    AreaKind.PROCEDURES: "Cải cách thủ tục hành chính",
    AreaKind.ORGANISATION: "Cải cách tổ chức bộ máy hành chính nhà nước",
    AreaKind.CIVIL_SERVICE: "Cải cách chế độ công vụ",
    AreaKind.PUBLIC_FINANCE: "Cải cách tài chính công",
    AreaKind.DIGITAL_GOVERNMENT: "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
    AreaKind.DIRECTION: "Công tác chỉ đạo, điều hành",
    AreaKind.OTHER: "Nhiệm vụ khác",
}


@attrs.frozen(kw_only=True)
class Area(_Checked):
    """A reform area — *lĩnh vực cải cách*: its kind, the title as written, targets, tasks."""

    kind: AreaKind
    title: str = attrs.field(converter=text)
    targets: tuple[Target, ...] = _items(default=())
    tasks: tuple[str, ...] = _texts(default=())
    """The area's tasks — *nhiệm vụ* — one "- " item each."""
    key: str | None = None
    """A stable name (default: the kind's, ``procedures``); needed when two areas share a kind."""
    body: tuple[Node, ...] = _items(default=())
    """The area's own sub-outline (default: the outline's ``area_body``: targets, then tasks)."""

    @property
    def ref(self) -> str:
        """The area's key: ``key``, or its kind's value."""
        return self.key or self.kind.value

    def _problems(self) -> Iterator[Problem]:
        yield from check_text("title", self.title)
        yield from check_texts("tasks", self.tasks)
        yield from check_key("key", self.key)
        if not self.targets and not self.tasks and not self.body:
            yield Problem(path="", rule="lĩnh vực cần ít nhất một chỉ tiêu, một nhiệm vụ hoặc nội dung (body)")


# --------------------------------------------------------------------------- units


_KEY = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


@attrs.frozen(kw_only=True)
class Unit(_Checked):
    """A unit of the issuer — *bộ phận, cơ quan* — named once and referenced by ``key``."""

    key: str = attrs.field(converter=text)
    """Short identifier used in references: ``van-phong``."""
    name: str = attrs.field(converter=text)
    """Full name: ``Bộ phận Văn phòng - Thống kê``."""
    short: str | None = _text(default=None)
    """Name in tables: ``Văn phòng - Thống kê`` (default: the full name)."""

    def _problems(self) -> Iterator[Problem]:
        yield from check_text("key", self.key)
        if isinstance(self.key, str) and self.key and not _KEY.fullmatch(self.key):
            yield Problem(path="key", value=self.key,
                          rule="mã bộ phận gồm chữ thường không dấu, số và gạch nối (ví dụ van-phong)")
        yield from check_text("name", self.name)
        yield from check_text("short", self.short, required=False)

    @property
    def label(self) -> str:
        """The name used in the appendix table."""
        return self.short or self.name


@attrs.frozen(kw_only=True)
class Assignment(_Checked):
    """The units in charge of a task (lead or partners): references and, if needed, the words as written."""

    units: tuple[str, ...] = _texts(default=())
    """Keys of :class:`Unit` s."""
    text: str | None = _text(default=None)
    """The cell as the plan writes it, when it differs from the units' names joined."""

    def _problems(self) -> Iterator[Problem]:
        yield from check_texts("units", self.units)
        yield from check_text("text", self.text, required=False)
        if not self.units and self.text is None:
            yield Problem(path="", rule="cần ít nhất một bộ phận (units) hoặc nội dung (text)")

    def label(self, units: dict[str, Unit]) -> str:
        """The cell's text: ``text`` or the units' table names joined by ", "."""
        if self.text is not None:
            return self.text
        return ", ".join(units[k].label if k in units else k for k in self.units)


# --------------------------------------------------------------------------- appendix


@attrs.frozen(kw_only=True)
class Output(_Checked):
    """An output of a task — *sản phẩm* — and its deadline (``None``: the one before it)."""

    text: str = attrs.field(converter=text)
    deadline: Deadline | None = None


@attrs.frozen(kw_only=True)
class Budget(_Checked):
    """Funding — *kinh phí*: a text (``Theo dự toán ngân sách hàng năm``) or an amount in đồng."""

    text: str | None = _text(default=None)
    amount: int | None = None

    def _problems(self) -> Iterator[Problem]:
        if (self.text is None) == (self.amount is None):
            yield Problem(path="", rule="kinh phí là một nội dung hoặc một số tiền (đồng), không cả hai")
        yield from check_text("text", self.text, required=False)
        if self.amount is not None and (isinstance(self.amount, bool)
                                        or not isinstance(self.amount, int) or self.amount < 0):
            yield Problem(path="amount", value=self.amount,
                          rule="số tiền là số nguyên không âm, tính bằng đồng")

    def label(self) -> str:
        """The cell's text: the words, or ``50.000.000 đồng``."""
        from ..vnformat import money

        return self.text if self.text is not None else money(self.amount or 0)


@attrs.frozen(kw_only=True)
class AppendixItem(_Checked):
    """A row of the appendix — *nhiệm vụ cụ thể*: TT, content, outputs, units, budget."""

    number: int
    """TT — the item's number, unique in the appendix."""
    content: str = attrs.field(converter=text)
    """*Nội dung, nhiệm vụ* (may hold line breaks)."""
    outputs: tuple[Output, ...] = attrs.field(converter=_output_tuple)
    lead: Assignment
    """*Cơ quan chủ trì*."""
    partners: Assignment | None = None
    """*Cơ quan phối hợp*."""
    budget: Budget | None = None

    def _problems(self) -> Iterator[Problem]:
        yield from check_whole("number", self.number, "số thứ tự (TT) là số nguyên từ 1", low=1)
        yield from check_text("content", self.content, multiline=True)
        if not self.outputs:
            yield Problem(path="outputs", rule="cần ít nhất một sản phẩm")
        elif self.outputs[0].deadline is None:
            yield Problem(path="outputs[0].deadline",
                          rule="sản phẩm đầu tiên cần thời gian hoàn thành")

    def deadlines(self) -> tuple[Deadline, ...]:
        """Each output's deadline, an output without one taking the one before it."""
        out: list[Deadline] = []
        current: Deadline | None = None
        for o in self.outputs:
            current = o.deadline or current
            assert current is not None
            out.append(current)
        return tuple(out)


@attrs.frozen(kw_only=True)
class AppendixGroup(_Checked):
    """A section of the appendix, one per area: ``I. CẢI CÁCH THỂ CHẾ``."""

    title: str = attrs.field(converter=text)
    """As printed, without the Roman numeral."""
    items: tuple[AppendixItem, ...] = attrs.field(converter=_appendixitem_tuple)
    kind: AreaKind | None = None

    def _problems(self) -> Iterator[Problem]:
        yield from check_text("title", self.title)
        if not self.items:
            yield Problem(path="items", rule="nhóm cần ít nhất một nhiệm vụ")


@attrs.frozen(kw_only=True)
class Appendix(_Checked):
    """The appendix — *phụ lục* — the table of concrete tasks."""

    title: str = attrs.field(converter=text)
    """``NHIỆM VỤ CỤ THỂ TRIỂN KHAI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2023``."""
    groups: tuple[AppendixGroup, ...] = attrs.field(converter=_appendixgroup_tuple)
    heading: str = _text(default="Phụ lục")

    def _problems(self) -> Iterator[Problem]:
        yield from check_text("title", self.title, multiline=True)
        yield from check_text("heading", self.heading)
        if isinstance(self.title, str) and not is_caps(self.title):
            yield Problem(path="title", value=self.title,
                          rule="tên phụ lục in hoa (Nghị định 30/2020, Phụ lục I)")
        if isinstance(self.heading, str) and not re.fullmatch(r"Phụ lục(?: (?:số )?[IVXLC\d]+)?", self.heading):
            yield Problem(path="heading", value=self.heading,
                          rule='từ “Phụ lục” in thường, chữ P hoa, có thể kèm số La Mã: "Phụ lục", "Phụ lục II"')
        if not self.groups:
            yield Problem(path="groups", rule="phụ lục cần ít nhất một nhóm nhiệm vụ")

    @property
    def items(self) -> tuple[AppendixItem, ...]:
        """Every item, in order."""
        return tuple(item for group in self.groups for item in group.items)


# --------------------------------------------------------------------------- implementation


@attrs.frozen(kw_only=True)
class UnitDuty(_Checked):
    """What one unit must do — a paragraph of *tổ chức thực hiện*."""

    unit: str = attrs.field(converter=text)
    """Key of the :class:`Unit`."""
    label: str | None = _text(default=None)
    """The bold lead-in as written (default: the unit's full name and ":")."""
    text: str | None = _text(default=None)
    """Text that follows the lead-in on the same line."""
    items: tuple[str, ...] = _texts(default=())
    """"- " items that follow."""

    def _problems(self) -> Iterator[Problem]:
        yield from check_text("unit", self.unit)
        yield from check_text("label", self.label, required=False)
        yield from check_text("text", self.text, required=False)
        yield from check_texts("items", self.items)
        if self.text is None and not self.items:
            yield Problem(path="", rule="cần nội dung (text) hoặc các ý (items)")


@attrs.frozen(kw_only=True)
class Implementation(_Checked):
    """*Tổ chức thực hiện*: general duties, duties per unit, closing sentence."""

    general: str | None = _text(default=None)
    general_items: tuple[str, ...] = _texts(default=())
    duties: tuple[UnitDuty, ...] = _items(default=())
    closing: str | None = _text(default=None)

    def _problems(self) -> Iterator[Problem]:
        yield from check_text("general", self.general, required=not self.duties)
        yield from check_texts("general_items", self.general_items)
        yield from check_text("closing", self.closing, required=False)


# --------------------------------------------------------------------------- signer


class Authority(enum.Enum):
    """How the signer signs — *thẩm quyền ký*."""

    TM = "TM"
    """*Thay mặt* a collective: ``TM. ỦY BAN NHÂN DÂN``."""
    KT = "KT"
    """*Ký thay* the head: ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH``."""
    Q = "Q"
    """Acting head: ``Q. CHỦ TỊCH``."""
    TL = "TL"
    """*Thừa lệnh*."""
    TUQ = "TUQ"
    """*Thừa ủy quyền*."""


_TITLES = re.compile(r"(?:GS|PGS|TS|ThS|KS|BS|CN|TSKH)\.?(?:\s|$)")


@attrs.frozen(kw_only=True)
class Signer(_Checked):
    """The signer — *người ký*: authority, position and name, in every form of Nghị định 30.

    ``TM. ỦY BAN NHÂN DÂN`` / ``CHỦ TỊCH``; ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH``; three lines
    ``TM. ỦY BAN NHÂN DÂN`` / ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH`` (``deputy_for``);
    ``Q. CHỦ TỊCH`` (acting head, ``authority: Q``); ``TL.`` and ``TUQ.`` likewise; or the
    position alone, with no collective line.
    """

    position: str = attrs.field(converter=text)
    """``CHỦ TỊCH``, ``PHÓ CHỦ TỊCH``."""
    name: str = attrs.field(converter=text)
    """``Dương Quang Hùng`` (no academic titles)."""
    authority: Authority | None = None
    on_behalf_of: str | None = _text(default=None)
    """The collective or head signed for: ``ỦY BAN NHÂN DÂN`` (TM.), ``CHỦ TỊCH`` (KT., TL., TUQ.)."""
    deputy_for: str | None = _text(default=None)
    """A second line ``KT. <deputy_for>``: a deputy signs for the head under TM., TL. or TUQ."""
    acting: bool = False
    """The position is held in an acting capacity: printed ``Q. CHỦ TỊCH`` under the first line."""

    def _problems(self) -> Iterator[Problem]:
        yield from check_text("position", self.position)
        yield from check_text("name", self.name)
        yield from check_text("on_behalf_of", self.on_behalf_of, required=False)
        yield from check_text("deputy_for", self.deputy_for, required=False)
        if isinstance(self.name, str) and _TITLES.match(self.name):
            yield Problem(path="name", value=self.name,
                          rule="không ghi học hàm, học vị trước tên người ký (Nghị định 30/2020)")
        if self.authority is Authority.Q:
            if self.on_behalf_of is not None:
                yield Problem(path="on_behalf_of", value=self.on_behalf_of,
                              rule="ký Q. (quyền) in “Q.” trước chức vụ (position), không ghi on_behalf_of")
        elif self.authority is not None and self.on_behalf_of is None:
            yield Problem(path="on_behalf_of",
                          rule=f"ký {self.authority.value}. cần ghi tập thể hoặc người đứng đầu được ký thay")
        if self.authority is None and self.on_behalf_of is not None:
            yield Problem(path="authority", rule="có on_behalf_of thì cần thẩm quyền ký (TM, KT, Q, TL, TUQ)")
        if self.deputy_for is not None:
            if self.authority not in (Authority.TM, Authority.TL, Authority.TUQ):
                yield Problem(path="deputy_for", value=self.deputy_for,
                              rule="dòng “KT. …” thứ hai chỉ đi sau TM., TL. hoặc TUQ.")
            if self.acting:
                yield Problem(path="acting", value=True, rule="người ký thay (KT.) không ký với chức vụ quyền (Q.)")
        if self.acting and self.authority in (None, Authority.Q, Authority.KT):
            yield Problem(path="acting", value=True,
                          rule="chức vụ quyền “Q.” dưới dòng TM., TL. hoặc TUQ.; ký Q. một mình thì dùng authority: Q")

    @property
    def lines(self) -> tuple[str, ...]:
        """The block above the name: ``("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")``."""
        position = upper(self.position)
        if self.authority is None:
            return (position,)
        if self.authority is Authority.Q:
            return (f"Q. {position}",)
        assert self.on_behalf_of is not None
        lines = [f"{self.authority.value}. {upper(self.on_behalf_of)}"]
        if self.deputy_for is not None:
            lines.append(f"KT. {upper(self.deputy_for)}")
        lines.append(f"Q. {position}" if self.acting else position)
        return tuple(lines)


# --------------------------------------------------------------------------- decision


_UNIT_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@attrs.frozen(kw_only=True)
class Decision(_Checked):
    """The decision that issues a plan — *Quyết định ban hành kế hoạch* (Nghị định 30/2020,
    Phụ lục III, Mẫu 1.3 "Quyết định (cá biệt) quy định gián tiếp").

    The plan is then its attachment (*văn bản ban hành kèm theo*): printed without a number
    of its own, under the line ``(Ban hành kèm theo Quyết định số … ngày … của …)``.
    Article 1 issues the plan, article 2 says when the decision takes effect, article 3
    names who carries it out; *Nơi nhận* starts with ``- Như Điều 3;``.
    """

    number: DocumentNumber
    """``15/QĐ-UBND``; a draft ``/QĐ-UBND``."""
    date: _dt.date | None = None
    """Date of issue (``None`` for a draft)."""
    bases: tuple[Basis, ...] = _items()
    """*Căn cứ*: one line each, in italics (``Căn cứ Luật Tổ chức chính quyền địa phương …;``)."""
    proposal: str | None = _text(default=None)
    """The last line of the grounds: ``Theo đề nghị của Công chức Văn phòng - Thống kê``."""
    authority: str | None = _text(default=None)
    """*Thẩm quyền ban hành*, in capitals, under the subject (default: the issuer's name,
    or the signer's position and the issuer's name when the head decides alone)."""
    subject: str | None = _text(default=None)
    """*Trích yếu* (default ``Về việc ban hành Kế hoạch`` + the plan's subject)."""
    effect: str = _text(default="Quyết định này có hiệu lực kể từ ngày ký.")
    """Article 2 — *hiệu lực*."""
    executors: tuple[str, ...] = _texts()
    """Article 3 — who carries the decision out: units by key (their names are printed) or as written."""
    recipients: tuple[str, ...] | None = _texts(default=None)
    """*Nơi nhận* after ``- Như Điều 3;``, without the archive line (default: the plan's)."""
    archive: str | None = _text(default=None)
    """What follows ``Lưu:``: ``VT, VP`` (default: the plan's)."""
    signer: Signer | None = None
    """Who signs the decision (default: the plan's signer)."""

    def _problems(self) -> Iterator[Problem]:
        if isinstance(self.number, DocumentNumber) and self.number.type is not DocType.DECISION:
            yield Problem(path="number", value=str(self.number), code="number.doc_type",
                          rule="quyết định mang chữ viết tắt QĐ (ví dụ 15/QĐ-UBND)")
        if self.date is None and isinstance(self.number, DocumentNumber) and self.number.serial is not None:
            yield Problem(path="date", code="date.missing", rule="quyết định đã có số thì phải có ngày ban hành")
        if self.date is not None and isinstance(self.number, DocumentNumber) and self.number.serial is None:
            yield Problem(path="date", value=short_date(self.date), code="date.draft",
                          rule=draft_date_rule(self.number))
        if not self.bases:
            yield Problem(path="bases", code="list.too_short", rule="quyết định cần ít nhất một căn cứ (Căn cứ …)")
        yield from check_text("proposal", self.proposal, required=False)
        yield from check_text("authority", self.authority, required=False)
        if isinstance(self.authority, str) and self.authority != upper(self.authority):
            yield Problem(path="authority", value=self.authority, code="text.caps",
                          rule="thẩm quyền ban hành viết in hoa (Nghị định 30/2020, Mẫu 1.3)")
        yield from check_text("subject", self.subject, required=False, multiline=True)
        yield from check_subject("subject", self.subject)
        yield from check_text("effect", self.effect)
        yield from check_texts("executors", self.executors, min_items=1)
        if self.recipients is not None:
            yield from check_texts("recipients", self.recipients)
        yield from check_text("archive", self.archive, required=False)
        for i, r in enumerate(self.recipients or ()):
            if isinstance(r, str) and is_archive_line(r):
                yield Problem(path=f"recipients[{i}]", value=r, code="recipients.archive",
                              rule='dòng "Lưu: …" ghi ở trường archive, không ghi trong recipients')
            elif isinstance(r, str) and re.match(r"\s*-?\s*như\s+điều\b", r, re.IGNORECASE):
                yield Problem(path=f"recipients[{i}]", value=r, code="recipients.as_article",
                              rule='dòng "- Như Điều 3;" được in sẵn đầu tiên, không ghi trong recipients')

    @property
    def is_draft(self) -> bool:
        """A draft has no serial number yet."""
        return self.number.serial is None

    def subject_for(self, plan_subject: str) -> str:
        """The decision's trích yếu: its own, or ``Về việc ban hành Kế hoạch`` + the plan's subject."""
        if self.subject is not None:
            return self.subject
        return f"Về việc ban hành Kế hoạch {lower_first(' '.join(plan_subject.split()))}"

    def executor_names(self, units: dict[str, Unit]) -> tuple[str, ...]:
        """Article 3's executors as printed: a unit key becomes the unit's name."""
        return tuple(units[e].name if e in units else e for e in self.executors)


# --------------------------------------------------------------------------- plan


@attrs.frozen(kw_only=True)
class Headings(_Checked):
    """Section titles as the plan writes them (defaults follow common practice)."""

    purpose: str = _text(default="MỤC TIÊU, YÊU CẦU")
    objectives: str = _text(default="Mục tiêu")
    requirements: str = _text(default="Yêu cầu")
    tasks: str = _text(default="NHIỆM VỤ")
    targets: str = _text(default="Chỉ tiêu")
    area_tasks: str = _text(default="Nhiệm vụ")
    implementation: str = _text(default="TỔ CHỨC THỰC HIỆN")

    def _problems(self) -> Iterator[Problem]:
        for f in attrs.fields(type(self)):
            yield from check_text(f.name, getattr(self, f.name))


_PLAN_TYPES = (DocType.PLAN, DocType.PROGRAMME)
_DATED = (DeadlineKind.YEAR, DeadlineKind.MONTH, DeadlineKind.QUARTER,
          DeadlineKind.BEFORE, DeadlineKind.DATE)


@attrs.frozen(kw_only=True)
class Plan(_Checked):
    """An annual administrative-reform plan — *Kế hoạch cải cách hành chính năm N*."""

    issuer: Agency
    number: DocumentNumber
    date: _dt.date | None = None
    """Date of issue (``None`` for a draft)."""
    year: int
    """The year the plan is for."""
    subject: str = attrs.field(converter=text)
    """*Trích yếu*; a line break may be written as a newline."""
    opening: Opening
    objectives: tuple[str, ...] = attrs.field(converter=texts)
    requirements: tuple[str, ...] = attrs.field(converter=texts)
    units: tuple[Unit, ...] = _items(default=())
    areas: tuple[Area, ...] = attrs.field(converter=_area_tuple)
    tasks_note: str | None = _text(default=None)
    """A line closing the tasks section: ``(Các nhiệm vụ cụ thể tại Phụ lục kèm theo)``."""
    implementation: Implementation
    recipients: tuple[str, ...] = attrs.field(converter=texts)
    """*Nơi nhận*, without the "- " and ";" and without the archive line."""
    archive: str = _text(default="VT")
    """What follows ``Lưu:`` in the last recipient line: ``VT, CCHC``."""
    signer: Signer
    appendix: Appendix | None = None
    headings: Headings = attrs.field(factory=Headings)
    outline: Outline | None = None
    """How the body is laid out (default: the ``standard`` preset, Lộc Bình's outline)."""
    issued_by: Decision | None = None
    """The decision that issues the plan (Mẫu 1.3); the plan is then its attachment, with no number
    of its own (``number: /KH-UBND``, no ``date``)."""
    registry: Registry | None = None
    """What the office's register adds to the outgoing document's metadata (Phụ lục VI)."""

    @property
    def is_draft(self) -> bool:
        """A draft has no serial number yet (a plan issued by a decision: the decision has none)."""
        if self.issued_by is not None:
            return self.issued_by.is_draft
        return self.number.serial is None

    @property
    def issued_on(self) -> _dt.date | None:
        """The date of issue: the plan's own, or that of the decision that issues it."""
        return self.issued_by.date if self.issued_by is not None else self.date

    @property
    def title(self) -> str:
        """The type line: ``KẾ HOẠCH``."""
        return upper(self.number.type.title)

    def unit_map(self) -> dict[str, Unit]:
        """Units by key."""
        return {u.key: u for u in self.units}

    def _checks(self) -> tuple[Callable[[], Iterator[Problem]], ...]:
        """The plan's checks, each on its own: a partly built plan (:func:`cchc_plan.validate`)
        runs every one whose fields were built."""
        return (self._field_problems, self._year_problems, self._header_problems, self._two_tier_problems,
                self._unit_problems, self._appendix_problems, self._key_problems, self._outline_problems)

    def _problems(self) -> Iterator[Problem]:
        for check in self._checks():
            yield from check()

    def _field_problems(self) -> Iterator[Problem]:
        yield from check_text("subject", self.subject, multiline=True)
        yield from check_subject("subject", self.subject)
        yield from check_texts("objectives", self.objectives)
        yield from check_texts("requirements", self.requirements)
        yield from check_texts("recipients", self.recipients, min_items=1)
        yield from check_text("archive", self.archive)
        yield from check_text("tasks_note", self.tasks_note, required=False)
        for i, r in enumerate(self.recipients):
            if isinstance(r, str) and is_archive_line(r):
                yield Problem(path=f"recipients[{i}]", value=r, code="recipients.archive",
                              rule='dòng "Lưu: …" ghi ở trường archive, không ghi trong recipients')
        if not self.areas:
            yield Problem(path="areas", code="list.too_short", rule="kế hoạch cần ít nhất một lĩnh vực")

    def _year_problems(self) -> Iterator[Problem]:
        yield from check_whole("year", self.year, "năm kế hoạch là số từ 2000 đến 2100", low=2000, high=2100)

    @property
    def _year_ok(self) -> bool:
        """The year is one the checks that depend on it can use."""
        return not any(self._year_problems())

    def area_by_ref(self) -> dict[str, Area]:
        """Areas by key (:attr:`Area.ref`)."""
        return {a.ref: a for a in self.areas}

    def targets_by_key(self) -> dict[str, tuple[Area, Target]]:
        """Targets that have a key, with their area."""
        return {t.key: (a, t) for a in self.areas for t in a.targets if t.key is not None}

    @property
    def rate_thresholds(self) -> tuple[Decimal, ...]:
        """The values of the plan's percentage measures, in order: what a report's rates are judged against."""
        return tuple(sorted({m.value for a in self.areas for t in a.targets for m in t.measures
                             if m.unit == "%" and m.value is not None}))

    def _key_problems(self) -> Iterator[Problem]:
        areas: dict[str, int] = {}
        targets: dict[str, str] = {}
        for i, area in enumerate(self.areas):
            if not isinstance(area, Area):
                continue
            if area.ref in areas:
                yield Problem(path=f"areas[{i}].key", value=area.ref, code="key.duplicate",
                              rule=f"trùng mã với lĩnh vực areas[{areas[area.ref]}]; "
                                   "hai lĩnh vực cùng loại (kind) cần mã riêng (key)")
            areas.setdefault(area.ref, i)
            for n, target in enumerate(area.targets):
                where = f"areas[{i}].targets[{n}].key"
                if not isinstance(target, Target) or target.key is None:
                    continue
                if target.key in targets:
                    yield Problem(path=where, value=target.key, code="key.duplicate",
                                  rule=f"trùng mã chỉ tiêu với {targets[target.key]}")
                targets.setdefault(target.key, where)

    def _outline_problems(self) -> Iterator[Problem]:
        areas = self.area_by_ref()
        known = ", ".join(areas)

        def check(nodes: tuple[Node, ...], path: str, area: Area | None, template: bool) -> Iterator[Problem]:
            for where, node in walk(nodes, path):
                if not isinstance(node, Include):
                    continue
                part = node.part
                if part not in PLAN_PARTS:
                    yield Problem(path=f"{where}.part", value=part.value, code="outline.part",
                                  rule="phần này chỉ có trong báo cáo, không có trong kế hoạch")
                    continue
                if part not in (Part.AREA, Part.TARGETS, Part.TASKS):
                    continue
                target = area
                if node.key is not None:
                    target = areas.get(node.key)
                    if target is None:
                        yield Problem(path=f"{where}.key", value=node.key, code="key.undefined",
                                      rule=f"không có lĩnh vực mang mã này; các mã đã có: {known}")
                        continue
                elif not template and area is None:
                    yield Problem(path=f"{where}.key", code="field.required",
                                  rule="ngoài một lĩnh vực, cần mã lĩnh vực (key)")
                    continue
                if target is None or part is Part.AREA:
                    continue
                count = len(target.targets if part is Part.TARGETS else target.tasks)
                for k, n in enumerate(node.only):
                    if isinstance(n, int) and n > count:
                        yield Problem(path=f"{where}.only[{k}]", value=n, code="number.range",
                                      rule=f"lĩnh vực {target.ref} có {count} "
                                           + ("chỉ tiêu" if part is Part.TARGETS else "nhiệm vụ"))

        for i, area in enumerate(self.areas):
            if isinstance(area, Area):
                yield from check(area.body, f"areas[{i}].body", area, False)
        if self.outline is not None:
            yield from check(self.outline.body, "outline.body", None, False)
            for area in self.areas:
                if isinstance(area, Area) and not area.body:
                    yield from check(self.outline.area_body, "outline.area_body", area, True)

    @property
    def two_tier(self) -> bool:
        """Issued under two-tier local government (from 1/7/2025; a draft: a plan for 2026 on)."""
        if self.issued_on is not None:
            return self.issued_on >= TWO_TIER_SINCE
        return self.year > TWO_TIER_SINCE.year

    def _two_tier_problems(self) -> Iterator[Problem]:
        if not self._year_ok or not self.two_tier:
            return
        rule = "từ 01/7/2025 chính quyền địa phương hai cấp (tỉnh, xã), không còn cấp huyện"
        if self.issuer.level is Level.DISTRICT:
            yield Problem(path="issuer.level", value=self.issuer.level.value, rule=rule, code="two_tier.district")
        if self.issuer.district is not None:
            yield Problem(path="issuer.district", value=self.issuer.district, rule=rule, code="two_tier.district")
        for i, r in enumerate(self.recipients):
            if _names_district(r) or r.strip().lower() in ("ubnd huyện", "ủy ban nhân dân huyện"):
                yield Problem(path=f"recipients[{i}]", value=r, rule=rule, code="two_tier.district")

    def _header_problems(self) -> Iterator[Problem]:
        if not self._year_ok:
            return
        if self.number.type not in _PLAN_TYPES:
            yield Problem(path="number", value=str(self.number), code="number.doc_type",
                          rule="kế hoạch mang chữ viết tắt KH (hoặc CTr cho chương trình)")
        code = self.issuer.code
        if self.number.issuer_code.split("-")[0] != code:
            yield Problem(path="number", value=str(self.number), code="number.issuer",
                          rule=f'ký hiệu phải theo chữ viết tắt của cơ quan ban hành "{code}"')
        if self.issued_by is not None:
            yield from self._decision_problems()
            return
        if self.date is None:
            if not self.is_draft:
                yield Problem(path="date", code="date.missing", rule="văn bản đã có số thì phải có ngày ban hành")
            return
        if self.is_draft:
            yield Problem(path="date", value=short_date(self.date), code="date.draft",
                          rule=draft_date_rule(self.number))
            return
        if self.date.year not in (self.year - 1, self.year):
            yield Problem(path="date", value=short_date(self.date), code="date.outside_year",
                          rule=f"kế hoạch năm {self.year} ban hành trong năm {self.year - 1} hoặc {self.year}")
        for b, basis in enumerate(self.opening.bases):
            for d, doc in enumerate(basis.documents):
                if doc.date is not None and doc.date > self.date:
                    yield Problem(path=f"opening.bases[{b}].documents[{d}].date", code="date.order",
                                  value=short_date(doc.date),
                                  rule=f"văn bản căn cứ không thể ban hành sau kế hoạch ({short_date(self.date)})")

    def _decision_problems(self) -> Iterator[Problem]:
        """A plan issued by a decision: no number or date of its own; the decision's number and dates."""
        decision = self.issued_by
        assert decision is not None
        if self.number.serial is not None:
            yield Problem(path="number", value=str(self.number), code="decision.own_number",
                          rule=f"kế hoạch ban hành kèm theo quyết định không có số riêng; "
                               f"ghi /{self.number.symbol} (số là của quyết định, issued_by.number)")
        if self.date is not None:
            yield Problem(path="date", value=short_date(self.date), code="decision.own_number",
                          rule="kế hoạch ban hành kèm theo quyết định không có ngày riêng; "
                               "ngày ban hành là của quyết định (issued_by.date)")
        code = self.issuer.code
        if decision.number.issuer_code.split("-")[0] != code:
            yield Problem(path="issued_by.number", value=str(decision.number), code="number.issuer",
                          rule=f'ký hiệu phải theo chữ viết tắt của cơ quan ban hành "{code}"')
        units = self.unit_map()
        for i, e in enumerate(decision.executors):
            if isinstance(e, str) and _UNIT_KEY.fullmatch(e) and e not in units:
                known = ", ".join(sorted(units)) or "(chưa khai báo bộ phận nào)"
                yield Problem(path=f"issued_by.executors[{i}]", value=e, code="unit.undefined",
                              rule=f"bộ phận chưa được khai báo trong units; đã có: {known}")
        if decision.date is None:
            return
        if decision.date.year not in (self.year - 1, self.year):
            yield Problem(path="issued_by.date", value=short_date(decision.date), code="date.outside_year",
                          rule=f"kế hoạch năm {self.year} ban hành trong năm {self.year - 1} hoặc {self.year}")
        for where, bases in (("issued_by.bases", decision.bases), ("opening.bases", self.opening.bases)):
            for b, basis in enumerate(bases):
                for d, doc in enumerate(basis.documents):
                    if doc.date is not None and doc.date > decision.date:
                        yield Problem(path=f"{where}[{b}].documents[{d}].date", value=short_date(doc.date),
                                      code="date.order",
                                      rule=f"văn bản căn cứ không thể ban hành sau quyết định "
                                           f"({short_date(decision.date)})")

    def _unit_problems(self) -> Iterator[Problem]:
        seen: set[str] = set()
        for i, unit in enumerate(self.units):
            if unit.key in seen:
                yield Problem(path=f"units[{i}].key", value=unit.key, code="unit.duplicate", rule="mã bộ phận bị trùng")
            seen.add(unit.key)
        refs: list[tuple[str, str]] = []
        for i, duty in enumerate(self.implementation.duties):
            if isinstance(duty, UnitDuty):  # a duty that did not build is left to its own problems
                refs.append((f"implementation.duties[{i}].unit", duty.unit))
        if self.appendix is not None:
            for g, group in enumerate(self.appendix.groups):
                if not isinstance(group, AppendixGroup):
                    continue
                for n, item in enumerate(group.items):
                    if not isinstance(item, AppendixItem):
                        continue
                    where = f"appendix.groups[{g}].items[{n}]"
                    for role in ("lead", "partners"):
                        a = getattr(item, role)
                        if a is not None:
                            refs.extend((f"{where}.{role}.units[{k}]", key)
                                        for k, key in enumerate(a.units))
        known = ", ".join(sorted(seen)) or "(chưa khai báo bộ phận nào)"
        for path, key in refs:
            if key not in seen:
                yield Problem(path=path, value=key, code="unit.undefined",
                              rule=f"bộ phận chưa được khai báo trong units; đã có: {known}")

    def _appendix_problems(self) -> Iterator[Problem]:
        if self.appendix is None or not self._year_ok:
            return
        first: dict[int, str] = {}
        for g, group in enumerate(self.appendix.groups):
            if not isinstance(group, AppendixGroup):
                continue
            for n, item in enumerate(group.items):
                if not isinstance(item, AppendixItem):  # what did not build is left to its own problems
                    continue
                where = f"appendix.groups[{g}].items[{n}]"
                if item.number in first:
                    yield Problem(path=f"{where}.number", value=item.number, code="appendix.duplicate_number",
                                  rule=f"số thứ tự trùng với {first[item.number]}")
                else:
                    first[item.number] = where
                for o, output in enumerate(item.outputs):
                    if not isinstance(output, Output):
                        continue
                    dl = output.deadline
                    if isinstance(dl, Deadline) and dl.kind in _DATED and dl.year != self.year:
                        yield Problem(path=f"{where}.outputs[{o}].deadline", value=dl.text, code="date.outside_year",
                                      rule=f"thời hạn nằm ngoài năm kế hoạch {self.year}")
