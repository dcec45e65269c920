"""The domain model: every object checks its own fields and lists all problems at once."""

from __future__ import annotations

import datetime as dt
import operator
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cchc_plan.model.deadline import Deadline
from cchc_plan.model import (
    Agency,
    AppendixItem,
    Area,
    AreaKind,
    Assignment,
    Authority,
    Basis,
    Budget,
    CitedDocument,
    Comparator,
    DateStyle,
    DocType,
    DocumentNumber,
    Level,
    Measure,
    Output,
    Signer,
    Target,
    Unit,
)
from cchc_plan.problems import InvalidModel

NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
NFC = lambda s: unicodedata.normalize("NFC", s)  # noqa: E731


def problems(exc: pytest.ExceptionInfo[InvalidModel]) -> dict[str, str]:
    """Path → rule of every problem reported."""
    return {p.path: p.rule for p in exc.value.problems}


# --------------------------------------------------------------------------- strategies

_WORDS = ["Tỷ lệ", "hồ sơ", "giải quyết", "đúng hạn", "mức độ", "hài lòng", "người dân",
          "doanh nghiệp", "thủ tục", "hành chính", "trực tuyến", "số hóa", "đất đai", "lĩnh vực"]
texts = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6).map(" ".join)
NUMERIC = [c for c in Comparator if not c.against_previous]
PREVIOUS = [c for c in Comparator if c.against_previous]


def decimals(low: int, high: int, places: int = 6) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=low, max_value=high, places=places,
                       allow_nan=False, allow_infinity=False)


@st.composite
def measures(draw: st.DrawFn, unit: str | None = None) -> Measure:
    comparator = draw(st.sampled_from(list(Comparator)))
    value = None if comparator.against_previous else draw(decimals(0, 100))
    return Measure(metric=draw(texts), comparator=comparator, value=value,
                   unit=unit or draw(st.sampled_from(["%", "%", "hồ sơ", "ngày"])),
                   scope=draw(st.none() | texts))


targets = st.builds(lambda text, ms: Target(text=text, measures=ms),
                    texts, st.lists(measures(), max_size=3))
budgets = st.one_of(
    st.builds(lambda t: Budget(text=t), texts),
    st.builds(lambda n: Budget(amount=n), st.integers(min_value=0, max_value=10**12)),
)


@settings(max_examples=60)
@given(targets)
def test_valid_targets_build_and_keep_their_fields(target: Target) -> None:
    assert isinstance(target.measures, tuple)
    for m in target.measures:
        if m.comparator.against_previous:
            assert m.value is None
        else:
            assert m.value is not None and 0 <= m.value <= 100


@given(budgets)
def test_budget_label(budget: Budget) -> None:
    if budget.text is not None:
        assert budget.label() == budget.text
    else:
        assert budget.amount is not None
        assert budget.label() == f"{budget.amount:,} đồng".replace(",", ".")


# --------------------------------------------------------------------------- percentages


@given(st.sampled_from(NUMERIC), decimals(-1000, 1000, 4))
@example(Comparator.AT_LEAST, Decimal("100.000001"))
@example(Comparator.AT_LEAST, Decimal("-0.0001"))
@example(Comparator.MORE_THAN, Decimal("100"))
@example(Comparator.MORE_THAN, Decimal("0"))
def test_percentages_outside_0_100_are_refused(comparator: Comparator, value: Decimal) -> None:
    if 0 <= value <= 100:
        m = Measure(metric="Tỷ lệ hồ sơ đúng hạn", comparator=comparator, value=value)
        assert m.value == value
        return
    with pytest.raises(InvalidModel) as info:
        Measure(metric="Tỷ lệ hồ sơ đúng hạn", comparator=comparator, value=value)
    (p,) = info.value.problems
    assert p.path == "value"
    assert p.value == value
    assert ("0–100" in p.rule) if value > 100 else ("không được âm" in p.rule)


def test_values_above_100_are_fine_when_not_a_percentage() -> None:
    m = Measure(metric="Số hồ sơ được số hóa", comparator=Comparator.AT_LEAST,
                value=Decimal(1500), unit="hồ sơ")
    assert m.value == 1500


def test_numeric_comparator_needs_a_value_and_direction_takes_none() -> None:
    with pytest.raises(InvalidModel) as info:
        Measure(metric="Tỷ lệ", comparator=Comparator.AT_LEAST)
    assert "thiếu giá trị" in problems(info)["value"]
    with pytest.raises(InvalidModel) as info:
        Measure(metric="Tỷ lệ trễ hạn", comparator=Comparator.DECREASE, value=Decimal(5))
    assert "so với kỳ trước" in problems(info)["value"]


# --------------------------------------------------------------------------- is_met


def _m(comparator: Comparator, value: str | None) -> Measure:
    return Measure(metric="Tỷ lệ hồ sơ giải quyết đúng hạn", comparator=comparator,
                   value=None if value is None else Decimal(value))


@pytest.mark.parametrize(
    ("comparator", "value", "reached", "met"),
    [
        (Comparator.MORE_THAN, "98", "98", False),  # 98,0% does not meet "trên 98%"
        (Comparator.MORE_THAN, "98", "98.01", True),
        (Comparator.MORE_THAN, "98", "97.99", False),
        (Comparator.MORE_THAN, "98", "98.0000001", True),
        (Comparator.AT_LEAST, "50", "50", True),
        (Comparator.AT_LEAST, "50", "49.99", False),
        (Comparator.AT_LEAST, "100", "100", True),
        (Comparator.AT_LEAST, "100", "99.99", False),
        (Comparator.EXACTLY, "100", "100.00", True),
        (Comparator.EXACTLY, "100", "99.9", False),
        (Comparator.AT_MOST, "5", "5", True),
        (Comparator.AT_MOST, "5", "5.01", False),
        (Comparator.LESS_THAN, "5", "5", False),
        (Comparator.LESS_THAN, "5", "4.99", True),
    ],
)
def test_is_met_at_the_boundary(comparator: Comparator, value: str, reached: str, met: bool) -> None:
    assert _m(comparator, value).is_met(Decimal(reached)) is met


def test_is_met_against_the_previous_period() -> None:
    down = _m(Comparator.DECREASE, None)
    assert down.is_met(Decimal("1.5"), previous=Decimal("2")) is True
    assert down.is_met(Decimal("2"), previous=Decimal("2")) is False
    assert down.is_met(Decimal("2.5"), previous=Decimal("2")) is False
    assert down.is_met(Decimal("1.5")) is None  # no previous value: cannot tell
    up = _m(Comparator.INCREASE, None)
    assert up.is_met(Decimal("60"), previous=Decimal("55")) is True
    assert up.is_met(Decimal("55"), previous=Decimal("55")) is False
    assert up.is_met(Decimal("60")) is None


def test_is_met_not_measured() -> None:
    assert _m(Comparator.MORE_THAN, "98").is_met(None) is None
    assert _m(Comparator.DECREASE, None).is_met(None, previous=Decimal(3)) is None


_OPS = {
    Comparator.MORE_THAN: operator.gt, Comparator.AT_LEAST: operator.ge,
    Comparator.EXACTLY: operator.eq, Comparator.AT_MOST: operator.le,
    Comparator.LESS_THAN: operator.lt, Comparator.DECREASE: operator.lt,
    Comparator.INCREASE: operator.gt,
}


@settings(max_examples=300)
@given(st.sampled_from(list(Comparator)), decimals(0, 100, 3), decimals(0, 100, 3))
@example(Comparator.MORE_THAN, Decimal(98), Decimal(98))
@example(Comparator.AT_LEAST, Decimal(50), Decimal(50))
def test_is_met_agrees_with_the_comparator(comparator: Comparator, target: Decimal,
                                           reached: Decimal) -> None:
    if comparator.against_previous:
        m = Measure(metric="Tỷ lệ", comparator=comparator)
        assert m.is_met(reached, previous=target) is _OPS[comparator](reached, target)
    else:
        m = Measure(metric="Tỷ lệ", comparator=comparator, value=target)
        assert m.is_met(reached) is _OPS[comparator](reached, target)


# --------------------------------------------------------------------------- document numbers


@settings(max_examples=300)
@given(st.integers(min_value=1, max_value=999), st.sampled_from(list(DocType)),
       st.sampled_from(["UBND", "UBND-VP", "HĐND", "VP-TK"]))
def test_document_number_round_trip(serial: int, doc_type: DocType, issuer: str) -> None:
    text = f"{serial:02d}/{doc_type.value}-{issuer}"
    number = DocumentNumber.parse(text)
    assert (number.serial, number.type, number.issuer_code) == (serial, doc_type, issuer)
    assert str(number) == text
    assert DocumentNumber.parse(str(number)) == number
    assert number.symbol == f"{doc_type.value}-{issuer}"


@pytest.mark.parametrize(("text", "serial", "printed"), [
    ("07/KH-UBND", 7, "07/KH-UBND"),
    ("7/KH-UBND", 7, "07/KH-UBND"),
    ("164/CTr-UBND", 164, "164/CTr-UBND"),
    ("3134/QĐ-UBND", 3134, "3134/QĐ-UBND"),
])
def test_document_number_examples(text: str, serial: int, printed: str) -> None:
    n = DocumentNumber.parse(text)
    assert n.serial == serial
    assert str(n) == printed


def test_draft_number() -> None:
    n = DocumentNumber.parse("/KH-UBND")
    assert n.serial is None
    assert n.type is DocType.PLAN
    assert str(n) == "/KH-UBND"


@pytest.mark.parametrize(("text", "path", "phrase"), [
    ("0/KH-UBND", "serial", "bắt đầu từ 1"),
    ("07/XX-UBND", "", "Phụ lục III"),
    ("07/GN-UBND", "", "Phụ lục III"),  # an old code, superseded
    ("07KH-UBND", "", "07/KH-UBND"),
    ("07/KH-ubnd", "issuer_code", "in hoa"),
])
def test_bad_document_numbers(text: str, path: str, phrase: str) -> None:
    with pytest.raises(InvalidModel) as info:
        DocumentNumber.parse(text)
    found = problems(info)
    assert path in found
    assert phrase in found[path]


def test_doc_type_codes_are_those_of_appendix_iii() -> None:
    codes = {t.value for t in DocType}
    assert {"QyĐ", "CTr", "TTr", "TrS", "KH", "BC", "QĐ", "HĐ"} <= codes
    assert not {"GN", "TTh", "UQ", "NP"} & codes  # Thông tư 01/2011, superseded
    assert len(codes) == 30


# --------------------------------------------------------------------------- NFC


def test_text_fields_are_nfc() -> None:
    text = "Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98% trong từng lĩnh vực"
    assert NFD(text) != text  # the test really feeds decomposed text
    t = Target(text=NFD(text), measures=[Measure(metric=NFD("Tỷ lệ hồ sơ"),
                                                 comparator=Comparator.MORE_THAN,
                                                 value=Decimal(98), scope=NFD("từng lĩnh vực"))])
    assert t.text == text
    assert t.measures[0].metric == "Tỷ lệ hồ sơ"
    assert t.measures[0].scope == "từng lĩnh vực"
    area = Area(kind=AreaKind.PROCEDURES, title=NFD("Cải cách thủ tục hành chính"),
                tasks=[NFD("Đẩy mạnh số hóa hồ sơ")])
    assert area.title == "Cải cách thủ tục hành chính"
    assert area.tasks == ("Đẩy mạnh số hóa hồ sơ",)
    agency = Agency(name=NFD("Ủy ban nhân dân xã Lộc Bình"), short_name="UBND xã Lộc Bình",
                    code="UBND", level=Level.COMMUNE, place=NFD("Lộc Bình"),
                    header=[NFD("ỦY BAN NHÂN DÂN"), NFD("XÃ LỘC BÌNH")])
    assert agency.name == "Ủy ban nhân dân xã Lộc Bình"
    assert agency.header == ("ỦY BAN NHÂN DÂN", "XÃ LỘC BÌNH")


@given(st.text(alphabet="aăâeêioôơuưyAĂÂEÊIOÔƠUƯY dđĐ\u0300\u0301\u0303\u0309\u0323", min_size=1,
               max_size=30).filter(lambda s: s.strip()))
def test_any_target_text_is_stored_nfc(text: str) -> None:
    t = Target(text=NFD(text))
    assert unicodedata.is_normalized("NFC", t.text)
    assert t.text == NFC(text)


# --------------------------------------------------------------------------- all problems at once


def test_two_bad_fields_are_both_reported() -> None:
    with pytest.raises(InvalidModel) as info:
        Measure(metric="  ", comparator=Comparator.AT_LEAST, value=Decimal(150))
    found = problems(info)
    assert set(found) == {"metric", "value"}
    assert "không được để trống" in found["metric"]
    assert "0–100" in found["value"]
    message = str(info.value)
    assert "metric" in message and "value = 150" in message


def test_signer_with_several_problems() -> None:
    with pytest.raises(InvalidModel) as info:
        Signer(position="", name="TS. Dương Quang Hùng", authority=Authority.TM)
    found = problems(info)
    assert set(found) == {"position", "name", "on_behalf_of"}
    assert "học hàm, học vị" in found["name"]


def test_unit_with_several_problems() -> None:
    with pytest.raises(InvalidModel) as info:
        Unit(key="Văn phòng", name="", short="a\x07b")
    found = problems(info)
    assert set(found) == {"key", "name", "short"}
    assert "U+0007" in found["short"]


def test_agency_header_must_be_capitals() -> None:
    with pytest.raises(InvalidModel) as info:
        Agency(name="Ủy ban nhân dân xã Lộc Bình", short_name="UBND xã Lộc Bình", code="ubnd",
               level=Level.COMMUNE, place="Lộc Bình", header=["Ủy ban nhân dân", "XÃ LỘC BÌNH"])
    found = problems(info)
    assert set(found) == {"code", "header[0]"}
    assert "in hoa" in found["header[0]"]


def test_budget_is_text_or_amount() -> None:
    with pytest.raises(InvalidModel):
        Budget(text="Theo dự toán", amount=5)
    with pytest.raises(InvalidModel):
        Budget()
    with pytest.raises(InvalidModel) as info:
        Budget(amount=-1)
    assert problems(info)["amount"].startswith("số tiền là số nguyên không âm")
    assert Budget(amount=50_000_000).label() == "50.000.000 đồng"


# --------------------------------------------------------------------------- signer


def test_signer_lines_tm() -> None:
    s = Signer(position="Chủ tịch", name="Dương Quang Hùng", authority=Authority.TM,
               on_behalf_of="Ủy ban nhân dân")
    assert s.lines == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")


def test_signer_lines_kt() -> None:
    s = Signer(position="PHÓ CHỦ TỊCH", name="Nguyễn Văn A", authority=Authority.KT,
               on_behalf_of="CHỦ TỊCH")
    assert s.lines == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def test_signer_lines_without_authority() -> None:
    s = Signer(position="Chủ tịch", name="Dương Quang Hùng")
    assert s.lines == ("CHỦ TỊCH",)


def test_on_behalf_of_needs_an_authority() -> None:
    with pytest.raises(InvalidModel) as info:
        Signer(position="CHỦ TỊCH", name="Dương Quang Hùng", on_behalf_of="ỦY BAN NHÂN DÂN")
    assert "authority" in problems(info)


# --------------------------------------------------------------------------- citations


def test_cited_document_text() -> None:
    doc = CitedDocument(
        kind="Quyết định", number="3134/QĐ-UBND", date=dt.date(2022, 12, 24),
        issuer="UBND tỉnh Thừa Thiên Huế",
        subject="về việc phê duyệt Kế hoạch cải cách hành chính gắn với chính quyền số, "
                "dịch vụ đô thị thông minh năm 2023")
    assert doc.text() == (
        "Quyết định số 3134/QĐ-UBND ngày 24/12/2022 của UBND tỉnh Thừa Thiên Huế về việc phê duyệt "
        "Kế hoạch cải cách hành chính gắn với chính quyền số, dịch vụ đô thị thông minh năm 2023")


def test_cited_document_date_styles_and_optional_parts() -> None:
    short = CitedDocument(kind="Chương trình", number="164/CTr-UBND", date=dt.date(2022, 6, 29),
                          issuer="UBND huyện")
    assert short.text() == "Chương trình số 164/CTr-UBND ngày 29/6/2022 của UBND huyện"
    long = CitedDocument(kind="Kế hoạch", number="264/KH-UBND", date=dt.date(2022, 12, 30),
                         date_style=DateStyle.LONG)
    assert long.text() == "Kế hoạch số 264/KH-UBND ngày 30 tháng 12 năm 2022"
    assert CitedDocument(kind="Luật Ban hành văn bản QPPL").text() == "Luật Ban hành văn bản QPPL"
    with pytest.raises(InvalidModel) as info:
        CitedDocument(kind="Quyết định", number="3134 / QĐ-UBND", separator=".")
    assert set(problems(info)) == {"number", "separator"}


def test_basis_text_is_the_seed_opening_sentence() -> None:
    docs = [
        CitedDocument(kind="Quyết định", number="3134/QĐ-UBND", date=dt.date(2022, 12, 24),
                      issuer="UBND tỉnh Thừa Thiên Huế",
                      subject="về việc phê duyệt Kế hoạch cải cách hành chính gắn với chính quyền số, "
                              "dịch vụ đô thị thông minh năm 2023"),
        CitedDocument(kind="Chương trình", number="164/CTr-UBND", date=dt.date(2022, 6, 29),
                      issuer="UBND huyện",
                      subject="về chương trình tổng thể CCHC gắn với chính quyền số, dịch vụ đô thị "
                              "thông minh trên địa bàn huyện Phú Lộc giai đoạn 2022-2025, định hướng "
                              "đến năm 2030"),
        CitedDocument(kind="Kế hoạch", number="241/KH-UBND", date=dt.date(2022, 12, 6),
                      subject="về chuyển đổi số trên địa bàn huyện giai đoạn 2022-2025, định hướng "
                              "đến năm 2030", separator=";"),
        CitedDocument(kind="Kế hoạch", number="264/KH-UBND", date=dt.date(2022, 12, 30),
                      date_style=DateStyle.LONG, issuer="Ủy ban nhân dân huyện Phú Lộc",
                      subject="về cải cách hành chính gắn với chính quyền số, dịch vụ đô thị thông "
                              "minh huyện Phú Lộc năm 2023"),
    ]
    basis = Basis(lead="Thực hiện", documents=docs)
    assert basis.text() == (
        "Thực hiện Quyết định số 3134/QĐ-UBND ngày 24/12/2022 của UBND tỉnh Thừa Thiên Huế về việc "
        "phê duyệt Kế hoạch cải cách hành chính gắn với chính quyền số, dịch vụ đô thị thông minh năm "
        "2023, Chương trình số 164/CTr-UBND ngày 29/6/2022 của UBND huyện về chương trình tổng thể "
        "CCHC gắn với chính quyền số, dịch vụ đô thị thông minh trên địa bàn huyện Phú Lộc giai đoạn "
        "2022-2025, định hướng đến năm 2030, Kế hoạch số 241/KH-UBND ngày 06/12/2022 về chuyển đổi "
        "số trên địa bàn huyện giai đoạn 2022-2025, định hướng đến năm 2030; Kế hoạch số 264/KH-UBND "
        "ngày 30 tháng 12 năm 2022 của Ủy ban nhân dân huyện Phú Lộc về cải cách hành chính gắn với "
        "chính quyền số, dịch vụ đô thị thông minh huyện Phú Lộc năm 2023;")


def test_basis_single_document_and_default_lead() -> None:
    basis = Basis(documents=[CitedDocument(kind="Luật Tổ chức chính quyền địa phương")], end=".")
    assert basis.text() == "Căn cứ Luật Tổ chức chính quyền địa phương."
    with pytest.raises(InvalidModel) as info:
        Basis(lead="Căn cứ", documents=[])
    assert "documents" in problems(info)


# --------------------------------------------------------------------------- appendix items


def test_output_without_deadline_takes_the_one_before() -> None:
    item = AppendixItem(
        number=3, content="Rà soát, hệ thống hóa văn bản QPPL",
        outputs=[Output(text="Kế hoạch", deadline=Deadline("Trước 15/01/2023")),
                 Output(text="Báo cáo năm 2022")],
        lead=Assignment(units=["tu-phap"]))
    assert [d.text for d in item.deadlines()] == ["Trước 15/01/2023", "Trước 15/01/2023"]


def test_appendix_item_problems_together() -> None:
    with pytest.raises(InvalidModel) as info:
        AppendixItem(number=0, content="", outputs=[Output(text="Kế hoạch")],
                     lead=Assignment(units=["tu-phap"]))
    assert set(problems(info)) == {"number", "content", "outputs[0].deadline"}
