"""The bundled example: Kế hoạch số 07/KH-UBND ngày 06/01/2023 của UBND xã Lộc Bình.

The example must be the seed document, word for word (typos included), in the plan format. The
expected facts below are read from the seed by hand (and, when the seed folder is present, checked
against it), never from the code under test.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE, ROOT, SEED

from cchc_plan.layout import components
from cchc_plan.cli import main
from cchc_plan.model.deadline import DeadlineKind
from cchc_plan.io import load_plan, plan_from_data, to_json, to_yaml
from cchc_plan.model import AreaKind, Comparator, Level, Plan

needs_seed = pytest.mark.skipif(not SEED.is_file(), reason=f"seed file not available: {SEED}")


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(EXAMPLE)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _texts(plan: Plan) -> list[str]:
    """Every text of the plan a reader sees, whitespace flattened."""
    out: list[str] = [plan.subject, plan.opening.closing, *plan.objectives, *plan.requirements,
                      *(b.text() for b in plan.opening.bases)]
    for area in plan.areas:
        out.append(area.title)
        out.extend(t.text for t in area.targets)
        out.extend(area.tasks)
    impl = plan.implementation
    out.extend([impl.general, *impl.general_items, impl.closing or ""])
    for duty in impl.duties:
        out.extend([duty.label or "", duty.text or "", *duty.items])
    if plan.tasks_note:
        out.append(plan.tasks_note)
    assert plan.appendix is not None
    for item in plan.appendix.items:
        out.append(item.content)
        out.extend(o.text for o in item.outputs)
    return [_flat(t) for t in out]


# Sentences of the seed, across all its sections, copied by hand (page breaks joined).
SEED_SENTENCES = [
    # I.1 Mục tiêu
    "Giữ vững kỷ cương, kỷ luật hành chính, thực hiện tốt đạo đức công vụ và văn hóa công sở, tăng "
    "cường ý thức trách nhiệm, tinh thần phục vụ hướng tới nền hành chính kiểu mẫu.",
    # I.2 Yêu cầu — split by a page break in the seed
    "Các ban, ngành, đoàn thể tiếp tục quán triệt sâu sắc chủ trương, đường lối của Đảng về đẩy mạnh "
    "CCHC gắn với chính quyền số, dịch vụ đô thị thông minh, xây dựng nền hành chính phục vụ Nhân "
    "dân, dân chủ, chuyên nghiệp, hiện đại, tinh gọn, hiệu lực, hiệu quả.",
    # II.2 Chỉ tiêu — the target with "trên 98%"
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98% trong từng lĩnh vực. Giảm tỷ lệ giải quyết hồ sơ "
    "TTHC trễ hạn trên lĩnh vực đất đai liên thông cấp huyện.",
    # II.2 Chỉ tiêu — split by a page break in the seed ("đạt tối / thiểu 95%")
    "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết TTHC đạt tối thiểu 95%; trong đó, mức "
    "độ hài lòng về giải quyết các TTHC lĩnh vực đất đai đạt tối thiểu 90%.",
    # II.2 Nhiệm vụ — with the seed's typo "tặc trách"
    "xử lý nghiêm theo quy định của Nhà nước đối với các tổ chức, cá nhân tặc trách, nhũng nhiễu, "
    "gây phiền hà trong giải quyết TTHC cho tổ chức và công dân.",
    "Tích cực triển khai thực hiện Đề án đổi mới việc thực hiện cơ chế một cửa, một cửa liên thông "
    "trong giải quyết thủ tục hành chính theo Quyết định số 468/QĐ-TTg ngày 27/3/2021 của Thủ tướng "
    "Chính phủ.",
    # II.4 Chỉ tiêu
    "Phấn đấu 100% cán bộ, công chức xã phải đạt chuẩn về trình độ chuyên môn từ cao đẳng trở lên; "
    "thiếu các chứng chỉ bồi dưỡng theo tiêu chuẩn chức vụ lãnh đạo, nghiệp vụ phải được bồi dưỡng "
    "theo quy định.",
    # II.6 Chỉ tiêu
    "UBND xã thực hiện quản lý chất lượng theo tiêu chuẩn ISO 9001:2015; tiên tiến ứng dụng công nghệ "
    "thông tin (CNTT), quản lý chất lượng theo hệ thống ISO điện tử.",
    # II.7 Nhiệm vụ
    "Đảm bảo hoàn thành đúng hạn các nhiệm vụ được huyện giao cho xã.",
    # III Tổ chức thực hiện
    "Nghiêm túc thực hiện chế độ thông tin báo cáo; đánh giá, xếp loại CCHC theo quy định của UBND tỉnh.",
    "Tham mưu UBND xã, Chủ tịch UBND xã các văn bản về cải cách thể chế; cải cách thủ tục hành chính, "
    "kiểm tra, rà soát hệ thống văn bản quy phạm pháp luật.",
    "Cải cách hành chính là nhiệm vụ trọng tâm, là tiêu chí đánh giá thi đua hàng năm đối với cơ quan.",
    # Phụ lục — with the seed's typo "TTTC"
    "Xây dựng, ban hành Kế hoạch tự kiểm tra CCHC, kiểm soát TTTC của UBND xã và thực hiện ý kiến chỉ "
    "đạo của huyện",
    "Hệ thống các sản phẩm, ứng dụng phục vụ chính quyền số",
]

SEED_OPENING = (
    "Thực hiện Quyết định số 3134/QĐ-UBND ngày 24/12/2022 của UBND tỉnh Thừa Thiên Huế về việc phê "
    "duyệt Kế hoạch cải cách hành chính gắn với chính quyền số, dịch vụ đô thị thông minh năm 2023, "
    "Chương trình số 164/CTr-UBND ngày 29/6/2022 của UBND huyện về chương trình tổng thể CCHC gắn với "
    "chính quyền số, dịch vụ đô thị thông minh trên địa bàn huyện Phú Lộc giai đoạn 2022-2025, định "
    "hướng đến năm 2030, Kế hoạch số 4592/KH-UBND ngày 20/10/2021 của UBND huyện Phú Lộc triển khai "
    "thực hiện Chương trình cải cách hành chính giai đoạn 2021-2025, định hướng đến năm 2030, Kế hoạch "
    "số 241/KH-UBND ngày 06/12/2022 về chuyển đổi số trên địa bàn huyện giai đoạn 2022-2025, định "
    "hướng đến năm 2030; Kế hoạch số 264/KH-UBND ngày 30 tháng 12 năm 2022 của Ủy ban nhân dân huyện "
    "Phú Lộc về cải cách hành chính gắn với chính quyền số, dịch vụ đô thị thông minh huyện Phú Lộc "
    "năm 2023;"
)


# --------------------------------------------------------------------------- the document


def test_example_file_is_in_the_repository() -> None:
    assert EXAMPLE == ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
    assert EXAMPLE.is_file()


def test_number_date_and_issuer(plan: Plan) -> None:
    assert str(plan.number) == "07/KH-UBND"
    assert plan.date == dt.date(2023, 1, 6)
    assert plan.year == 2023
    assert not plan.is_draft
    assert plan.title == "KẾ HOẠCH"
    assert plan.issuer.header_lines == ("ỦY BAN NHÂN DÂN", "XÃ LỘC BÌNH")
    assert plan.issuer.parent is None
    assert plan.issuer.level is Level.COMMUNE
    assert plan.issuer.place == "Lộc Bình"
    # the appendix's "Kèm theo" line of the seed
    ref = components.reference(plan.number, plan.date, plan.issuer)
    assert ref == "Kế hoạch số 07/KH-UBND ngày 06 tháng 01 năm 2023 của UBND xã Lộc Bình"


def test_subject_and_opening(plan: Plan) -> None:
    assert _flat(plan.subject) == ("Cải cách hành chính gắn với chính quyền số, dịch vụ đô thị thông "
                                   "minh xã Lộc Bình năm 2023")
    assert [b.text() for b in plan.opening.bases] == [SEED_OPENING]
    assert plan.opening.closing == (
        "Ủy ban nhân dân xã Lộc Bình ban hành kế hoạch cải cách hành chính (CCHC) gắn với chính quyền "
        "số, dịch vụ đô thị thông minh xã Lộc Bình năm 2023 cụ thể như sau:")


def test_seven_areas_in_the_seed_order(plan: Plan) -> None:
    assert len(plan.areas) == 7
    assert [a.kind for a in plan.areas] == [
        AreaKind.INSTITUTIONS, AreaKind.PROCEDURES, AreaKind.ORGANISATION, AreaKind.CIVIL_SERVICE,
        AreaKind.PUBLIC_FINANCE, AreaKind.DIGITAL_GOVERNMENT, AreaKind.DIRECTION]
    assert [a.title for a in plan.areas] == [
        "Cải cách thể chế",
        "Cải cách thủ tục hành chính",
        "Cải cách tổ chức bộ máy cơ quan hành chính nhà nước",
        "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức",
        "Cải cách tài chính công",
        "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
        "Tổ chức chỉ đạo, điều hành",
    ]
    # counted in the seed: "- " items under a) Chỉ tiêu and b) Nhiệm vụ of each part
    assert [len(a.targets) for a in plan.areas] == [3, 10, 2, 2, 3, 7, 3]
    assert [len(a.tasks) for a in plan.areas] == [5, 9, 3, 5, 5, 8, 6]


def test_appendix_has_27_items_numbered_in_order(plan: Plan) -> None:
    assert plan.appendix is not None
    assert [item.number for item in plan.appendix.items] == list(range(1, 28))
    assert [[i.number for i in g.items] for g in plan.appendix.groups] == [
        [1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11], [12, 13, 14], [15, 16],
        [17, 18, 19, 20, 21], [22, 23, 24, 25, 26, 27]]
    assert [g.title for g in plan.appendix.groups] == [
        "CẢI CÁCH THỂ CHẾ", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH",
        "XÂY DỰNG VÀ NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC", "CẢI CÁCH TÀI CHÍNH CÔNG",
        "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ", "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH"]
    assert plan.appendix.title == "NHIỆM VỤ CỤ THỂ TRIỂN KHAI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2023"


def test_signer_and_recipients(plan: Plan) -> None:
    assert plan.signer.lines == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert plan.signer.name == "Dương Quang Hùng"
    assert plan.recipients == ("UBND huyện", "Phòng Nội vụ", "TT. Đảng ủy", "TT. HĐND xã",
                               "TT. UBMTTQVN xã", "CT, các PCT UBND xã", "Các ban, ngành, đoàn thể xã")
    assert plan.archive == "VT, CCHC"


@pytest.mark.parametrize("sentence", SEED_SENTENCES, ids=[s[:30] for s in SEED_SENTENCES])
def test_seed_sentences_are_in_the_plan(plan: Plan, sentence: str) -> None:
    texts = _texts(plan)
    assert any(sentence in t for t in texts), sentence


def test_seed_typos_are_kept(plan: Plan) -> None:
    joined = "\n".join(_texts(plan))
    assert "tặc trách" in joined and "tắc trách" not in joined
    assert "kiểm soát TTTC" in joined


def test_the_98_percent_target(plan: Plan) -> None:
    procedures = plan.areas[1]
    (target,) = [t for t in procedures.targets
                 if t.text.startswith("Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98% trong từng lĩnh vực")]
    strict = [m for m in target.measures if m.comparator is Comparator.MORE_THAN]
    assert len(strict) == 1
    (m,) = strict
    assert m.value == Decimal(98)
    assert m.unit == "%"
    assert m.is_met(Decimal("98")) is False  # 98,0% does not meet "trên 98%"
    assert m.is_met(Decimal("98.01")) is True
    # "Giảm tỷ lệ … trễ hạn": a direction, no number
    assert any(x.comparator is Comparator.DECREASE and x.value is None for x in target.measures)


def test_item_2_has_two_outputs_with_their_own_deadlines(plan: Plan) -> None:
    assert plan.appendix is not None
    item = plan.appendix.items[1]
    assert item.number == 2
    assert [o.text for o in item.outputs] == ["Kế hoạch kiểm tra văn bản QPPL", "Tổ chức kiểm tra/báo cáo"]
    assert [o.deadline.text if o.deadline else None for o in item.outputs] == [
        "Trước ngày 31/12 hàng năm", "Năm 2023"]
    assert [d.kind for d in item.deadlines()] == [DeadlineKind.ANNUAL, DeadlineKind.YEAR]
    assert [d.due(plan.year) for d in item.deadlines()] == [dt.date(2023, 12, 31)] * 2


def test_deadline_forms_of_the_seed(plan: Plan) -> None:
    assert plan.appendix is not None
    by_number = {i.number: i for i in plan.appendix.items}
    assert [d.text for d in by_number[3].deadlines()] == ["Trước 15/01/2023", "Trước 15/01/2023"]
    assert by_number[10].deadlines()[0].due() == dt.date(2023, 9, 30)  # Quý II - III/2023
    assert by_number[13].deadlines()[0].due() == dt.date(2023, 11, 30)  # Tháng 11/2023
    assert by_number[19].outputs[0].deadline.text == "Tháng 1/2023"  # as the seed writes it


# --------------------------------------------------------------------------- round trip and CLI


def test_round_trip_yaml(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(to_yaml(plan), encoding="utf-8")
    assert load_plan(path) == plan
    assert plan_from_data(yaml.safe_load(to_yaml(plan))) == plan


def test_round_trip_json(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.json"
    path.write_text(to_json(plan), encoding="utf-8")
    assert load_plan(path) == plan
    assert plan_from_data(json.loads(to_json(plan), parse_float=Decimal)) == plan


def test_validate_command(capsys: pytest.CaptureFixture[str]) -> None:
    before = EXAMPLE.read_bytes()
    status = main(["validate", str(EXAMPLE)])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert err == ""
    assert f"{EXAMPLE}: hợp lệ." in out
    assert "Kế hoạch số 07/KH-UBND ngày 06/01/2023 của UBND xã Lộc Bình" in out
    assert "7 lĩnh vực" in out
    assert "Phụ lục: 27 nhiệm vụ cụ thể" in out
    assert EXAMPLE.read_bytes() == before


# --------------------------------------------------------------------------- against the seed itself


def _seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def _seed_flat() -> str:
    text = re.sub(r"</?b>", "", _seed_text()).replace("*", "")
    return _flat(text)


@needs_seed
def test_hand_copied_sentences_are_really_in_the_seed() -> None:
    seed = _seed_flat()
    for sentence in [*SEED_SENTENCES, SEED_OPENING]:
        assert sentence in seed, sentence


def _seed_bullets() -> list[tuple[list[str], list[str]]]:
    """(targets, tasks) of each numbered part of section II, page breaks joined."""
    body = _seed_text().split("II. NHIỆM VỤ CÔNG TÁC CCHC")[1].split("(Các nhiệm vụ cụ thể")[0]
    parts: list[tuple[list[str], list[str]]] = []
    current: list[str] | None = None
    for para in [p.strip() for p in body.split("\n\n") if p.strip()]:
        plain = para.replace("*", "").lstrip("#").strip()
        if not plain:  # what is left of the heading's markup
            continue
        if re.match(r"\d\. ", plain):
            parts.append(([], []))
            current = None
        elif plain.startswith("a) Chỉ tiêu"):
            current = parts[-1][0]
        elif plain.startswith("b) Nhiệm vụ"):
            current = parts[-1][1]
        elif para.startswith("- "):
            assert current is not None
            current.append(_flat(para[2:].replace("*", "")))
        else:  # the rest of a sentence cut by a page break
            assert current is not None
            current[-1] = _flat(current[-1] + " " + para.replace("*", ""))
    return parts


@needs_seed
def test_every_target_and_task_is_the_seed_word_for_word(plan: Plan) -> None:
    parts = _seed_bullets()
    assert len(parts) == 7
    for area, (targets, tasks) in zip(plan.areas, parts, strict=True):
        assert [_flat(t.text) for t in area.targets] == targets, area.title
        assert [_flat(t) for t in area.tasks] == tasks, area.title


def _seed_appendix() -> dict[int, dict[str, object]]:
    """Rows of the seed's appendix table: content, outputs with deadlines, lead, partners, budget."""
    rows: dict[int, dict[str, object]] = {}
    last: dict[str, object] | None = None
    table = _seed_text().split("Kinh phí\n", 1)[1]
    for line in table.splitlines():
        if not line.strip() or line.startswith("<b>"):
            continue
        cells = (line.split("\t") + [""] * 7)[:7]
        if cells[0].strip():
            last = {"content": cells[1], "outputs": [[cells[2], cells[5] or None]],
                    "lead": cells[3], "partners": cells[4], "budget": cells[6] or None}
            rows[int(cells[0])] = last
            continue
        assert last is not None  # a continuation row: more words, or another output
        outputs = last["outputs"]
        assert isinstance(outputs, list)
        if cells[1].strip():
            last["content"] = f"{last['content']} {cells[1]}"
        if cells[3].strip():
            last["lead"] = f"{last['lead']} {cells[3]}"
        if cells[4].strip():
            last["partners"] = f"{last['partners']} {cells[4]}"
        if cells[2].strip():
            outputs.append([cells[2], cells[5] or None])
        elif cells[5].strip():
            outputs[-1][1] = cells[5]
    for row in rows.values():
        for key in ("content", "lead", "partners"):
            row[key] = _flat(str(row[key]))
        row["outputs"] = [[_flat(t), d and _flat(d)] for t, d in row["outputs"]]  # type: ignore[union-attr]
    return rows


@needs_seed
def test_every_appendix_row_is_the_seed_word_for_word(plan: Plan) -> None:
    seed = _seed_appendix()
    assert sorted(seed) == list(range(1, 28))
    assert plan.appendix is not None
    units = plan.unit_map()
    for item in plan.appendix.items:
        row = seed[item.number]
        assert _flat(item.content) == row["content"], item.number
        assert [[_flat(o.text), o.deadline.text if o.deadline else None] for o in item.outputs] \
            == row["outputs"], item.number
        assert item.lead.label(units) == row["lead"], item.number
        partners = item.partners.label(units) if item.partners else ""
        assert partners == row["partners"], item.number
        budget = item.budget.label() if item.budget else None
        assert budget == row["budget"], item.number
