"""Any real outline: each shape offices write is expressible, prints exactly as written, and passes check.

For each shape (numbering schemes, section I, section II, content blocks, the opening, reports,
the signer) a plan or report is written as YAML data and built in Python, rendered, and the
.docx read back: the exact paragraphs in order, their labels and emphasis, and ``check`` with
nothing to report. The texts are illustrative, written for these tests.
"""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import minimal_plan
from docx_reading import DocxReader, ParaInfo
from lxml import etree

from cchc_plan import Plan, plan_from_data
from cchc_plan.checker import check_docx
from cchc_plan.io import report_from_data, to_yaml
from cchc_plan.model.outline import Include, LevelStyle, ListStyle, Outline, Part, Scheme, Section, Text
from cchc_plan.model.plan import Authority, Signer
from cchc_plan.problems import InputError
from cchc_plan.render import render

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def body_of(path: Path) -> list[ParaInfo]:
    """The body paragraphs between the subject rule and the end block (tables excluded)."""
    reader = DocxReader(path)
    paras = [b for b in reader.blocks if isinstance(b, ParaInfo)]
    texts = [p.text for p in paras]
    start = next(i for i, p in enumerate(paras) if p.bottom_border is not None) + 1
    end = next(i for i, t in enumerate(texts) if i > start and t.startswith("Phụ lục")) \
        if any(t.startswith("Phụ lục") for t in texts) else len(paras)
    return [p for p in paras[start:end] if p.text.strip()]


def rendered(tmp_path: Path, document: Any, name: str = "out.docx") -> tuple[list[ParaInfo], Path]:
    out = tmp_path / name
    render(document, out, force=True)
    return body_of(out), out


def clean(path: Path) -> None:
    report = check_docx(path)
    assert report.findings == (), [f"{f.rule} {f.location}: {f.found} → {f.expected}" for f in report.findings]


def with_outline(outline: Any, **changes: Any) -> dict[str, Any]:
    data = minimal_plan()
    data["outline"] = outline
    data.update(changes)
    return data


def from_yaml(data: dict[str, Any]) -> Plan:
    """The plan as a person writes it: through YAML text, not Python objects."""
    return plan_from_data(yaml.safe_load(yaml.safe_dump(data, allow_unicode=True, sort_keys=False)))


def lines(paras: list[ParaInfo]) -> list[str]:
    return [p.text for p in paras]


# --------------------------------------------------------------------------- 1. numbering


DECIMAL = {
    "numbering": ["roman", "arabic", "decimal", "decimal"],
    "body": [
        "opening",
        {"section": "Mục tiêu, yêu cầu", "body": ["objectives", "requirements"]},
        {"section": "Nhiệm vụ", "body": ["areas"]},
        {"section": "Tổ chức thực hiện", "body": ["implementation"]},
    ],
    "area_body": [
        {"section": "Chỉ tiêu", "body": ["targets"]},
        {"section": "Nhiệm vụ", "body": [
            {"section": "Nhiệm vụ trọng tâm", "body": [{"tasks": {"only": [1]}}]},
            {"section": "Nhiệm vụ thường xuyên", "body": [
                {"lettered": "Rà soát thủ tục hành chính hằng quý."},
                {"lettered": "Công khai kết quả giải quyết hồ sơ."},
                {"lettered": "Đánh giá việc giải quyết thủ tục hành chính."},
                {"lettered": "Báo cáo kết quả định kỳ."},
            ]},
        ]},
    ],
}


def test_decimal_numbering_four_levels_and_lettered_content(tmp_path: Path) -> None:
    paras, out = rendered(tmp_path, from_yaml(with_outline(DECIMAL)))
    heads = [p.text for p in paras if p.bold or p.italic]
    assert heads[:2] == ["I. MỤC TIÊU, YÊU CẦU", "II. NHIỆM VỤ"]
    assert heads[2:7] == ["1. Cải cách thủ tục hành chính", "1.1. Chỉ tiêu", "1.2. Nhiệm vụ",
                          "1.2.1. Nhiệm vụ trọng tâm", "1.2.2. Nhiệm vụ thường xuyên"]
    at = lines(paras).index("1.2.2. Nhiệm vụ thường xuyên")
    assert lines(paras)[at + 1:at + 5] == [
        "a) Rà soát thủ tục hành chính hằng quý.", "b) Công khai kết quả giải quyết hồ sơ.",
        "c) Đánh giá việc giải quyết thủ tục hành chính.", "d) Báo cáo kết quả định kỳ."]
    assert not any(p.bold or p.italic for p in paras[at + 1:at + 5])  # content, not headings
    clean(out)


def test_decimal_then_letters(tmp_path: Path) -> None:
    outline = copy.deepcopy(DECIMAL)
    outline["numbering"] = ["roman", "arabic", "decimal", "letter"]
    paras, out = rendered(tmp_path, from_yaml(with_outline(outline)))
    heads = [p.text for p in paras if p.bold or p.italic]
    assert "a) Nhiệm vụ trọng tâm" in heads and "b) Nhiệm vụ thường xuyên" in heads
    assert "1.2. Nhiệm vụ" in heads
    clean(out)


def test_the_same_outline_built_in_python(tmp_path: Path) -> None:
    built = Outline(
        numbering=(LevelStyle(scheme=Scheme.ROMAN, caps=True), LevelStyle(scheme=Scheme.ARABIC),
                   LevelStyle(scheme=Scheme.DECIMAL), LevelStyle(scheme=Scheme.DECIMAL)),
        body=(Include(part=Part.OPENING),
              Section(title="Mục tiêu, yêu cầu", body=(Include(part=Part.OBJECTIVES), Include(part=Part.REQUIREMENTS))),
              Section(title="Nhiệm vụ", body=(Include(part=Part.AREAS),)),
              Section(title="Tổ chức thực hiện", body=(Include(part=Part.IMPLEMENTATION),))),
        area_body=(Section(title="Chỉ tiêu", body=(Include(part=Part.TARGETS),)),
                   Section(title="Nhiệm vụ", body=(
                       Section(title="Nhiệm vụ trọng tâm", body=(Include(part=Part.TASKS, only=(1,)),)),
                       Section(title="Nhiệm vụ thường xuyên", body=tuple(
                           Text(text=t, style=ListStyle.LETTER) for t in (
                               "Rà soát thủ tục hành chính hằng quý.", "Công khai kết quả giải quyết hồ sơ.",
                               "Đánh giá việc giải quyết thủ tục hành chính.", "Báo cáo kết quả định kỳ.")))))),
    )
    import attrs

    plan = attrs.evolve(from_yaml(minimal_plan()), outline=built)
    assert plan == from_yaml(with_outline(DECIMAL))
    assert plan_from_data(yaml.safe_load(to_yaml(plan))) == plan  # and back through YAML


# --------------------------------------------------------------------------- 2. section I


def test_muc_dich_yeu_cau_with_numbered_items_and_no_subheads(tmp_path: Path) -> None:
    data = with_outline("numbered-purpose", headings={"purpose": "MỤC ĐÍCH, YÊU CẦU"})
    plan = from_yaml(data)
    paras, out = rendered(tmp_path, plan)
    texts = lines(paras)
    at = texts.index("I. MỤC ĐÍCH, YÊU CẦU")
    expected = [f"{n}. {t}" for n, t in enumerate((*plan.objectives, *plan.requirements), start=1)]
    assert texts[at + 1:at + 1 + len(expected)] == expected
    assert texts[at + 1 + len(expected)].startswith("II. ")
    clean(out)


def test_muc_dich_and_yeu_cau_subheads_and_plain_paragraph_objectives(tmp_path: Path) -> None:
    outline = {"body": [
        "opening",
        {"section": "MỤC ĐÍCH, YÊU CẦU", "body": [
            {"section": "Mục đích", "body": [{"objectives": {"style": "paragraph"}}]},
            {"section": "Yêu cầu", "body": ["requirements"]}]},
        {"section": "NHIỆM VỤ", "body": ["areas"]},
        {"section": "TỔ CHỨC THỰC HIỆN", "body": ["implementation"]}]}
    plan = from_yaml(with_outline(outline))
    paras, out = rendered(tmp_path, plan)
    texts = lines(paras)
    at = texts.index("1. Mục đích")
    assert texts[at + 1:at + 1 + len(plan.objectives)] == list(plan.objectives)  # no dash
    assert texts[at + 1 + len(plan.objectives)] == "2. Yêu cầu"
    clean(out)


def test_no_section_i(tmp_path: Path) -> None:
    paras, out = rendered(tmp_path, from_yaml(with_outline("no-purpose")))
    heads = [p.text for p in paras if p.bold and p.text[:2] in ("I.", "II")]
    assert heads == ["I. NHIỆM VỤ", "II. TỔ CHỨC THỰC HIỆN"]
    clean(out)


# --------------------------------------------------------------------------- 3. section II


def nine_groups() -> dict[str, Any]:
    data = minimal_plan()
    kinds = ["direction", "institutions", "procedures", "organisation", "civil_service", "public_finance",
             "digital_government", "other", "other"]
    titles = ["Công tác chỉ đạo, điều hành", "Cải cách thể chế", "Cải cách thủ tục hành chính",
              "Cải cách tổ chức bộ máy", "Cải cách chế độ công vụ", "Cải cách tài chính công",
              "Xây dựng chính quyền số", "Chuyển đổi số", "Công tác thông tin, tuyên truyền"]
    areas = []
    for i, (kind, title) in enumerate(zip(kinds, titles, strict=True), start=1):
        area: dict[str, Any] = {"kind": kind, "title": title, "tasks": [f"Nhiệm vụ {i}.1 của nhóm {title.lower()}."]}
        if kind == "other":
            area["key"] = f"nhom-{i}"
        areas.append(area)
    areas[2]["targets"] = data["areas"][0]["targets"]
    areas[2]["tasks"] = ["Nhiệm vụ thứ nhất.", "Nhiệm vụ thứ hai."]
    # targets and tasks interleaved
    areas[2]["body"] = [{"targets": {"only": [1]}}, {"tasks": {"only": [1]}}, {"targets": {"only": [2]}},
                        {"tasks": {"only": [2]}}]
    # prose only
    areas[8] = {"kind": "other", "key": "tuyen-truyen", "title": "Công tác thông tin, tuyên truyền",
                "body": [{"text": "Đẩy mạnh tuyên truyền bằng nhiều hình thức phù hợp."}]}
    data["areas"] = areas
    data["outline"] = {"body": [
        "opening",
        {"section": "NỘI DUNG, MỤC TIÊU, NHIỆM VỤ CỤ THỂ", "body": [
            # direction last, although the plan lists it first
            *({"area": a.get("key") or a["kind"]} for a in areas[1:]), {"area": "direction"}]},
        {"section": "TỔ CHỨC THỰC HIỆN", "body": ["implementation"]}]}
    return data


def test_nine_groups_in_their_own_order_with_interleaved_and_prose_only_parts(tmp_path: Path) -> None:
    data = nine_groups()
    paras, out = rendered(tmp_path, from_yaml(data))
    texts = lines(paras)
    part = paras[texts.index("I. NỘI DUNG, MỤC TIÊU, NHIỆM VỤ CỤ THỂ") + 1:texts.index("II. TỔ CHỨC THỰC HIỆN")]
    assert [p.text for p in part if p.bold] == [
        "1. Cải cách thể chế", "2. Cải cách thủ tục hành chính", "3. Cải cách tổ chức bộ máy",
        "4. Cải cách chế độ công vụ", "5. Cải cách tài chính công", "6. Xây dựng chính quyền số",
        "7. Chuyển đổi số", "8. Công tác thông tin, tuyên truyền", "9. Công tác chỉ đạo, điều hành"]
    at = texts.index("2. Cải cách thủ tục hành chính")
    targets = data["areas"][2]["targets"]
    assert texts[at + 1:at + 5] == [f"- {targets[0]['text']}", "- Nhiệm vụ thứ nhất.",
                                    f"- {targets[1]['text']}", "- Nhiệm vụ thứ hai."]
    at = texts.index("8. Công tác thông tin, tuyên truyền")
    assert texts[at + 1] == "Đẩy mạnh tuyên truyền bằng nhiều hình thức phù hợp."
    clean(out)


def test_an_outline_that_names_a_missing_area_is_refused() -> None:
    data = nine_groups()
    data["outline"]["body"][1]["body"].append({"area": "khong-co"})
    with pytest.raises(InputError) as e:
        from_yaml(data)
    (problem,) = e.value.problems
    assert problem.path == "outline.body[1].body[9].key" and problem.value == "khong-co"


# --------------------------------------------------------------------------- 4. content blocks


CONTENT = {"body": [
    "opening",
    {"section": "Nhiệm vụ", "body": [
        {"text": "Đoạn văn xuôi, hướng tới mục tiêu “*Làm việc không giấy tờ; hội họp không tập trung*”."},
        {"item": "Ý thứ nhất, có một cụm **in đậm** ở giữa."},
        {"sub": "Ý nhỏ của ý thứ nhất."},
        {"lettered": "Điểm thứ nhất."},
        {"lettered": "Điểm thứ hai."},
        {"text": "**3. Bộ phận Tư pháp - Hộ tịch:** Tham mưu UBND xã các văn bản về cải cách thể chế."},
        {"text": "Thực hiện theo Nghị định số 118/2025/NĐ-CP^[Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 "
                 "của Chính phủ về thực hiện thủ tục hành chính theo cơ chế một cửa.] của Chính phủ."},
    ]},
    {"section": "Tổ chức thực hiện", "body": ["implementation"]}]}


def test_content_blocks_print_with_their_marks_and_emphasis(tmp_path: Path) -> None:
    paras, out = rendered(tmp_path, from_yaml(with_outline(CONTENT)))
    texts = lines(paras)
    at = texts.index("I. NHIỆM VỤ")
    assert texts[at + 1:at + 8] == [
        "Đoạn văn xuôi, hướng tới mục tiêu “Làm việc không giấy tờ; hội họp không tập trung”.",
        "- Ý thứ nhất, có một cụm in đậm ở giữa.",
        "+ Ý nhỏ của ý thứ nhất.",
        "a) Điểm thứ nhất.",
        "b) Điểm thứ hai.",
        "3. Bộ phận Tư pháp - Hộ tịch: Tham mưu UBND xã các văn bản về cải cách thể chế.",
        "Thực hiện theo Nghị định số 118/2025/NĐ-CP của Chính phủ.",
    ]
    prose, item, _, _, _, run_in, noted = paras[at + 1:at + 8]
    assert [(r.text, r.italic) for r in prose.text_runs if r.italic] == [
        ("Làm việc không giấy tờ; hội họp không tập trung", True)]
    assert [r.text for r in item.text_runs if r.bold] == ["in đậm"]
    assert [r.text for r in run_in.text_runs if r.bold] == ["3. Bộ phận Tư pháp - Hộ tịch:"]
    refs = noted.element.findall(f".//{W}footnoteReference")
    assert [r.get(f"{W}id") for r in refs] == ["1"]
    with zipfile.ZipFile(out) as z:
        notes = etree.fromstring(z.read("word/footnotes.xml"))
        rels = z.read("word/_rels/document.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
    assert "relationships/footnotes" in rels and "footnotes+xml" in types
    (note,) = [n for n in notes.findall(f"{W}footnote") if n.get(f"{W}id") == "1"]
    assert "".join(note.itertext()).strip() == (
        "Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ về thực hiện thủ tục hành chính "
        "theo cơ chế một cửa.")
    clean(out)


def test_escaped_marks_print_as_typed(tmp_path: Path) -> None:
    outline = {"body": [{"section": "Nhiệm vụ", "body": [{"item": r"Tính theo công thức 5 \* 3 (\*)"}]},
                        {"section": "Tổ chức", "body": ["implementation"]}]}
    paras, _ = rendered(tmp_path, from_yaml(with_outline(outline)))
    assert "- Tính theo công thức 5 * 3 (*)" in lines(paras)


# --------------------------------------------------------------------------- 5. the opening


def test_run_on_opening_with_lower_case_can_cu_and_a_bare_number(tmp_path: Path) -> None:
    data = minimal_plan()
    data["opening"] = {
        "style": "run_on",
        "bases": [
            {"lead": "Căn cứ", "documents": [{"kind": "Luật", "subject": "Tổ chức chính quyền địa phương năm 2025"}]},
            {"lead": "Căn cứ", "documents": [{"kind": "Quyết định", "number": "3134/QĐ-UBND", "date": "24/12/2022",
                                              "issuer": "UBND tỉnh", "subject": "về Kế hoạch CCHC năm 2023"}]},
            {"lead": "Thực hiện", "documents": [{"number": "263/KH-UBND", "date": "30/12/2022",
                                                 "issuer": "UBND huyện", "subject": "về CCHC năm 2023"}]},
        ],
        "closing": "UBND xã Lộc Bình xây dựng Kế hoạch cải cách hành chính năm 2023 như sau:",
    }
    data["outline"] = "standard"
    paras, out = rendered(tmp_path, from_yaml(data))
    assert lines(paras)[0] == (
        "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025; căn cứ Quyết định số 3134/QĐ-UBND ngày "
        "24/12/2022 của UBND tỉnh về Kế hoạch CCHC năm 2023; thực hiện 263/KH-UBND ngày 30/12/2022 của "
        "UBND huyện về CCHC năm 2023, UBND xã Lộc Bình xây dựng Kế hoạch cải cách hành chính năm 2023 như sau:")
    assert lines(paras)[1].startswith("I. ")
    clean(out)


def test_can_cu_and_thuc_hien_groups_as_separate_paragraphs(tmp_path: Path) -> None:
    data = minimal_plan()
    data["opening"]["bases"].insert(0, {"lead": "Căn cứ", "documents": [
        {"kind": "Luật", "subject": "Tổ chức chính quyền địa phương ngày 19/6/2015"}]})
    paras, out = rendered(tmp_path, from_yaml(data))
    assert lines(paras)[0] == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;"
    assert lines(paras)[1].startswith("Thực hiện Quyết định số 3134/QĐ-UBND")
    clean(out)


# --------------------------------------------------------------------------- 6. reports


def report_base(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "plan": minimal_plan(), "number": "15/BC-UBND", "date": "16/03/2023",
        "period": {"kind": "q1", "year": 2023}, "recipients": ["TT. Đảng ủy"],
        "signer": minimal_plan()["signer"], "archive": "VT, VP",
    }
    data.update(fields)
    return data


def test_report_with_opening_edited_headings_dash_subheads_and_only_sections_with_content(tmp_path: Path) -> None:
    data = report_base(
        opening={"bases": [{"lead": "Thực hiện", "documents": [
            {"kind": "Công văn", "number": "581/BNV-CCHC", "date": "13/02/2023", "issuer": "Bộ Nội vụ",
             "subject": "về chế độ báo cáo định kỳ"}]}],
            "closing": "UBND xã Lộc Bình báo cáo kết quả thực hiện công tác CCHC quý I năm 2023 như sau:"},
        headings={"direction": "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"},
        direction=["Ban hành kế hoạch ngay từ đầu năm."],
        outline={"numbering": ["roman", "arabic", {"scheme": "dash", "bold": True, "italic": True}],
                 "body": ["opening",
                          {"section": "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "body": ["direction"]},
                          {"section": "KẾT QUẢ THỰC HIỆN", "body": [
                              {"section": "Kết quả nổi bật", "body": [
                                  {"section": "Về cải cách thủ tục hành chính:", "body": [
                                      {"text": "Giải quyết đúng hạn phần lớn hồ sơ."}]}]}]},
                          {"section": "PHƯƠNG HƯỚNG", "body": ["next_steps"]},
                          "closing"]},
        closing="Trên đây là báo cáo của UBND xã Lộc Bình.",
    )
    report = report_from_data(data)
    paras, out = rendered(tmp_path, report)
    assert lines(paras) == [
        "Thực hiện Công văn số 581/BNV-CCHC ngày 13/02/2023 của Bộ Nội vụ về chế độ báo cáo định kỳ;",
        "UBND xã Lộc Bình báo cáo kết quả thực hiện công tác CCHC quý I năm 2023 như sau:",
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "Ban hành kế hoạch ngay từ đầu năm.",
        "II. KẾT QUẢ THỰC HIỆN",
        "1. Kết quả nổi bật",
        "- Về cải cách thủ tục hành chính:",
        "Giải quyết đúng hạn phần lớn hồ sơ.",
        # "PHƯƠNG HƯỚNG" holds nothing: left out
        "Trên đây là báo cáo của UBND xã Lộc Bình./.",
    ]
    dash = paras[6]
    assert dash.bold and dash.italic
    clean(out)


def test_standard_report_leaves_out_empty_sections_unless_filler_is_asked(tmp_path: Path) -> None:
    data = report_base(direction=["Ban hành kế hoạch ngay từ đầu năm."], closing="")
    paras, _ = rendered(tmp_path, report_from_data(data), "a.docx")
    texts = lines(paras)
    assert "- Không có." not in texts and not any(t.startswith("Trên đây") for t in texts)
    assert not any(t.startswith(("III.", "IV.", "V.")) for t in texts)
    data["outline"] = {"empty": "- Không có."}
    paras, out = rendered(tmp_path, report_from_data(data), "b.docx")
    texts = lines(paras)
    assert texts[texts.index("V. ĐỀ XUẤT, KIẾN NGHỊ") + 1] == "- Không có./."
    clean(out)


def test_a_report_that_only_cites_its_plan(tmp_path: Path) -> None:
    plan = minimal_plan()
    data = report_base(
        plan={"number": "07/KH-UBND", "date": "06/01/2023", "issuer": "UBND xã Lộc Bình",
              "subject": "về cải cách hành chính năm 2023"},
        issuer=plan["issuer"],
        areas=[{"title": "Cải cách thủ tục hành chính", "paragraphs": ["Niêm yết công khai đầy đủ TTHC."]}],
    )
    report = report_from_data(data)
    assert report.full_plan is None and report.outcomes() == []
    paras, out = rendered(tmp_path, report)
    texts = lines(paras)
    assert texts[:3] == ["I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
                         "1. Cải cách thủ tục hành chính", "Niêm yết công khai đầy đủ TTHC."]
    assert not any(t.startswith("Phụ lục") for t in lines(DocxReader(out).paragraphs()))
    clean(out)
    data["targets"] = [{"target": "t1", "reached": 99}]
    with pytest.raises(InputError) as e:
        report_from_data(data)
    assert [p.path for p in e.value.problems] == ["targets"]


def test_a_report_whose_plan_lost_an_area_refuses_the_dangling_key() -> None:
    plan = minimal_plan()
    plan["areas"][0]["targets"] = plan["areas"][0]["targets"][1:]  # the target "t1" is gone
    with pytest.raises(InputError) as e:
        report_from_data(report_base(plan=plan, targets=[{"target": "t2", "reached": 96},
                                                         {"target": "t1", "reached": 99}]))
    (problem,) = e.value.problems
    assert problem.path == "targets[1].target" and problem.value == "t1"
    assert "không có chỉ tiêu mang mã này" in problem.rule and "t2" in problem.rule


# --------------------------------------------------------------------------- 7. the signer


@pytest.mark.parametrize(("signer", "lines_above"), [
    ({"authority": "TM", "on_behalf_of": "ỦY BAN NHÂN DÂN", "deputy_for": "CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH"},
     ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ({"authority": "KT", "on_behalf_of": "CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH"}, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ({"authority": "Q", "position": "CHỦ TỊCH"}, ["Q. CHỦ TỊCH"]),
    ({"authority": "TM", "on_behalf_of": "ỦY BAN NHÂN DÂN", "acting": True, "position": "CHỦ TỊCH"},
     ["TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH"]),
    ({"authority": "TL", "on_behalf_of": "CHỦ TỊCH", "position": "CHÁNH VĂN PHÒNG"},
     ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
    ({"authority": "TL", "on_behalf_of": "CHỦ TỊCH", "deputy_for": "CHÁNH VĂN PHÒNG",
      "position": "PHÓ CHÁNH VĂN PHÒNG"}, ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]),
    ({"authority": "TUQ", "on_behalf_of": "CHỦ TỊCH", "position": "CHÁNH VĂN PHÒNG"},
     ["TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
    ({"position": "CHỦ TỊCH"}, ["CHỦ TỊCH"]),
])
def test_every_signer_form(tmp_path: Path, signer: dict[str, Any], lines_above: list[str]) -> None:
    data = minimal_plan()
    data["signer"] = {**signer, "name": "Nguyễn Văn An"}
    plan = from_yaml(data)
    assert plan.signer.lines == tuple(lines_above)
    out = tmp_path / "ky.docx"
    render(plan, out)
    reader = DocxReader(out)
    end = next(t for t in reader.tables if any("Nơi nhận:" in c.text for r in t.rows for c in r.cells))
    right = [p for p in end.rows[0].cells[1].paragraphs if p.text.strip()]
    assert [p.text for p in right] == [*lines_above, "Nguyễn Văn An"]
    assert all(p.bold for p in right)
    clean(out)


def test_signer_forms_in_python_and_their_refusals() -> None:
    three = Signer(authority=Authority.TM, on_behalf_of="ỦY BAN NHÂN DÂN", deputy_for="CHỦ TỊCH",
                   position="PHÓ CHỦ TỊCH", name="Nguyễn Văn An")
    assert three.lines == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    data = minimal_plan()
    data["signer"] = {"authority": "KT", "on_behalf_of": "CHỦ TỊCH", "deputy_for": "CHỦ TỊCH",
                      "position": "PHÓ CHỦ TỊCH", "name": "Nguyễn Văn An"}
    with pytest.raises(InputError) as e:
        from_yaml(data)
    assert [p.path for p in e.value.problems] == ["signer.deputy_for"]


# --------------------------------------------------------------------------- random outlines

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from cchc_plan.vnformat import point_letter, roman, upper  # noqa: E402

_WORDS = ["cải cách", "thủ tục", "hành chính", "chuyển đổi số", "công vụ", "tài chính công", "thể chế",
          "một cửa", "dịch vụ công", "kiểm tra", "tuyên truyền", "đánh giá"]

titles = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3).map(lambda ws: " ".join(ws).capitalize())
item = st.tuples(st.sampled_from(["text", "item", "sub"]), titles.map(lambda t: f"{t} đúng hạn."))


@st.composite
def _tree(draw: st.DrawFn, depth: int = 0) -> list[dict[str, Any]]:
    """1–3 sections; each with 0–2 items and, above depth 4, 0–3 sections of its own (never empty)."""
    out = []
    for _ in range(draw(st.integers(1, 3))):
        children = draw(_tree(depth + 1)) if depth < 3 and draw(st.booleans()) else []
        items_ = draw(st.lists(item, min_size=0 if children else 1, max_size=2))
        out.append({"title": draw(titles), "items": items_, "children": children})
    return out


def _to_nodes(tree: list[dict[str, Any]]) -> list[Any]:
    out: list[Any] = []
    for node in tree:
        body = [{kind: text} for kind, text in node["items"]] + _to_nodes(node.get("children", []))
        if "title" in node:
            out.append({"section": node["title"], "body": body})
        else:
            out.extend(body)
    return out


def _expected(tree: list[dict[str, Any]], schemes: list[str], depth: int = 0,
              numbers: tuple[int, ...] = ()) -> list[str]:
    """The paragraphs as the decree's reader counts them, worked out here independently of the layout."""
    out: list[str] = []
    scheme = schemes[min(depth, len(schemes) - 1)]
    position = 0
    for node in tree:
        if "title" not in node:
            continue
        position += 1
        label = {"roman": f"{roman(position)}.", "arabic": f"{position}.", "letter": f"{point_letter(position - 1)})",
                 "decimal": "".join(f"{n}." for n in (*numbers, position)), "dash": "-", "plus": "+",
                 "none": ""}[scheme]
        title = upper(node["title"]) if scheme == "roman" else node["title"]
        out.append(f"{label} {title}" if label else title)
        out += [{"text": "", "item": "- ", "sub": "+ "}[kind] + text for kind, text in node["items"]]
        below = (*numbers, position) if scheme in ("arabic", "decimal") else ()
        out += _expected(node["children"], schemes, depth + 1, below)
    return out


@st.composite
def _numbering(draw: st.DrawFn) -> list[str]:
    """Four levels in an order real documents use: I. or 1., then 1. or 1.1., then 1.1.1. or a), then a mark."""
    first = draw(st.sampled_from(["roman", "arabic"]))
    second = "decimal" if first == "arabic" else draw(st.sampled_from(["arabic", "decimal"]))
    third = draw(st.sampled_from(["decimal", "letter"]))
    fourth = draw(st.sampled_from(["dash", "plus", "none"] if third == "letter" else ["letter", "dash", "none"]))
    return [first, second, third, fourth]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(schemes=_numbering(), tree=_tree())
def test_random_outlines_print_their_labels_round_trip_and_pass_check(
        tmp_path: Path, schemes: list[str], tree: list[dict[str, Any]]) -> None:
    outline = {"numbering": schemes, "body": [*_to_nodes(tree), {"section": "Tổ chức thực hiện",
                                                                  "body": ["implementation"]}]}
    plan = from_yaml(with_outline(outline))
    assert plan_from_data(yaml.safe_load(to_yaml(plan))) == plan
    out = tmp_path / "random.docx"
    render(plan, out, force=True)
    texts = lines(body_of(out))
    expected = _expected([*tree, {"title": "Tổ chức thực hiện", "items": [], "children": []}], schemes)
    # the last section holds the implementation paragraphs: compare up to its heading
    assert texts[:len(expected)] == expected
    clean(out)


# --------------------------------------------------------------------------- the same shapes in Python


def test_items_2_to_6_built_in_python_equal_their_yaml() -> None:
    import attrs

    from cchc_plan import Headings, Opening, OpeningStyle, Report, ReportHeadings
    from cchc_plan.model.plan import Basis, CitedDocument

    base = from_yaml(minimal_plan())
    # 2. "MỤC ĐÍCH, YÊU CẦU" with numbered items
    plan = attrs.evolve(base, outline=Outline(preset="numbered-purpose"),
                        headings=Headings(purpose="MỤC ĐÍCH, YÊU CẦU"))
    assert plan == from_yaml(with_outline("numbered-purpose", headings={"purpose": "MỤC ĐÍCH, YÊU CẦU"}))
    # 4. content blocks
    blocks = Outline(body=(
        Include(part=Part.OPENING),
        Section(title="Nhiệm vụ", body=(
            Text(text="Đoạn văn xuôi, hướng tới mục tiêu “*Làm việc không giấy tờ; hội họp không tập trung*”."),
            Text(text="Ý thứ nhất, có một cụm **in đậm** ở giữa.", style=ListStyle.DASH),
            Text(text="Ý nhỏ của ý thứ nhất.", style=ListStyle.PLUS),
            Text(text="Điểm thứ nhất.", style=ListStyle.LETTER),
            Text(text="Điểm thứ hai.", style=ListStyle.LETTER),
            Text(text="**3. Bộ phận Tư pháp - Hộ tịch:** Tham mưu UBND xã các văn bản về cải cách thể chế."),
            Text(text=CONTENT["body"][1]["body"][6]["text"]))),
        Section(title="Tổ chức thực hiện", body=(Include(part=Part.IMPLEMENTATION),))))
    assert attrs.evolve(base, outline=blocks) == from_yaml(with_outline(CONTENT))
    # 5. a run-on opening citing a bare number
    opening = Opening(style=OpeningStyle.RUN_ON, closing="UBND xã ban hành Kế hoạch như sau:", bases=(
        Basis(lead="Căn cứ", documents=(CitedDocument(kind="Luật", subject="Tổ chức chính quyền địa phương"),)),
        Basis(lead="Thực hiện", documents=(CitedDocument(number="263/KH-UBND", issuer="UBND huyện"),))))
    assert opening.paragraphs() == ("Căn cứ Luật Tổ chức chính quyền địa phương; thực hiện 263/KH-UBND "
                                    "của UBND huyện, UBND xã ban hành Kế hoạch như sau:",)
    # 6. a report with its own headings and no closing sentence
    report = report_from_data(report_base(headings={"direction": "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"}, closing=""))
    assert report.headings == ReportHeadings(direction="CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH")
    assert isinstance(report, Report) and report.closing_sentence is None
