"""``cchc-plan import``: a Word file back into a plan, what it says kept in the right fields."""

from __future__ import annotations

import hashlib
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_plan import import_docx, load_plan
from cchc_plan.cli.app import main
from cchc_plan.model.plan import Appendix, AppendixGroup, AppendixItem, Area, AreaKind, Assignment, Output, Plan, \
    Target, Unit
from cchc_plan.model.deadline import Deadline
from cchc_plan.problems import InputError
from cchc_plan.render import layout, render

from office_fixtures import SEED, clauses, office_docx, resaved, score, soffice

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = [ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml", ROOT / "examples" / "mau-xa-2027" / "ke-hoach.yaml"]


def _round_trip(plan: Plan, tmp: Path) -> Plan:
    out = tmp / "ke-hoach.docx"
    render(plan, out, force=True)
    imported = import_docx(out)
    assert isinstance(imported.document, Plan)
    return imported.document


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda p: p.parent.name)
def test_a_rendered_plan_imports_to_the_same_plan(source: Path, tmp_path: Path) -> None:
    plan = load_plan(source)
    again = _round_trip(plan, tmp_path)
    # Everything the document prints is the same: header, title, every paragraph and its emphasis,
    # the end block and every appendix cell.
    assert layout(again) == layout(plan)
    # And each printed clause is in the same field.
    assert clauses(again) == clauses(plan)
    assert [a.kind for a in again.areas] == [a.kind for a in plan.areas]


def test_measures_are_read_from_the_targets_sentences(tmp_path: Path) -> None:
    plan = load_plan(EXAMPLES[0])
    again = _round_trip(plan, tmp_path)
    want = [[(m.comparator, m.value, m.unit) for m in t.measures] for a in plan.areas for t in a.targets]
    got = [[(m.comparator, m.value, m.unit) for m in t.measures] for a in again.areas for t in a.targets]
    assert got == want
    procedures = again.areas[1].targets[1].measures
    assert procedures[0].scope == "trong từng lĩnh vực"
    assert procedures[0].value == Decimal(98)


_words = st.text(alphabet="abcdeghiklmnopqrstuvxyàáảãạăắâấđêếôốơớưứ", min_size=2, max_size=8)
_sentence = st.lists(_words, min_size=2, max_size=9).map(lambda ws: " ".join(ws).capitalize() + ".")
_deadline = st.sampled_from(["Năm 2023", "Tháng 01/2023", "Quý II/2023", "Trước 15/01/2023",
                             "Trước ngày 31/12 hàng năm", "Thường xuyên", "Quý II - III/2023"])


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """The seed plan with its lists, areas and appendix drawn anew."""
    seed = load_plan(EXAMPLES[0])
    kinds = draw(st.lists(st.sampled_from([k for k in AreaKind if k is not AreaKind.OTHER]), min_size=1,
                          max_size=4, unique=True))
    areas = []
    for kind in kinds:
        targets = tuple(Target(text=t) for t in draw(st.lists(_sentence, max_size=3)))
        tasks = tuple(draw(st.lists(_sentence, min_size=0 if targets else 1, max_size=3)))
        areas.append(Area(kind=kind, title=kind.title, targets=targets, tasks=tasks))
    units = tuple(Unit(key=f"bo-phan-{i}", name=f"Bộ phận {name}", short=name) for i, name in
                  enumerate(draw(st.lists(st.sampled_from(["Văn phòng - Thống kê", "Tư pháp - Hộ tịch",
                                                           "Địa chính - Xây dựng", "Văn hóa - Xã hội"]),
                                          min_size=1, max_size=4, unique=True))))
    items = []
    for n in range(1, draw(st.integers(1, 5)) + 1):
        outputs = [Output(text=draw(_sentence), deadline=Deadline(draw(_deadline)))]
        outputs += [Output(text=draw(_sentence), deadline=draw(st.none() | _deadline.map(Deadline)))
                    for _ in range(draw(st.integers(0, 2)))]
        lead = draw(st.sampled_from(units)).key
        items.append(AppendixItem(number=n, content=draw(_sentence), outputs=tuple(outputs),
                                  lead=Assignment(units=(lead,))))
    groups = (AppendixGroup(title=areas[0].title.upper(), items=tuple(items), kind=areas[0].kind),)
    duties = tuple(attrs.evolve(seed.implementation.duties[0], unit=u.key, label=None, text=draw(_sentence))
                   for u in units[:draw(st.integers(0, len(units)))])
    from cchc_plan.model.outline import Outline
    from cchc_plan.model.plan import Authority, Budget, DocumentNumber, Signer

    signer = draw(st.sampled_from([
        Signer(position="CHỦ TỊCH", name="Nguyễn Văn A", authority=Authority.TM, on_behalf_of="ỦY BAN NHÂN DÂN"),
        Signer(position="PHÓ CHỦ TỊCH", name="Trần Thị B", authority=Authority.KT, on_behalf_of="CHỦ TỊCH"),
        Signer(position="PHÓ CHỦ TỊCH", name="Lê Văn C", authority=Authority.TM, on_behalf_of="ỦY BAN NHÂN DÂN",
               deputy_for="CHỦ TỊCH"),
        Signer(position="CHỦ TỊCH", name="Phạm D", authority=Authority.Q),
        Signer(position="CHỦ TỊCH", name="Hoàng E")]))
    budgets = st.none() | st.builds(Budget, amount=st.integers(1, 10**9)) | st.just(Budget(text="Ngân sách xã"))
    items = [attrs.evolve(i, budget=draw(budgets)) for i in items]
    groups = (attrs.evolve(groups[0], items=tuple(items)),)
    preset = draw(st.sampled_from([None, "decimal", "no-purpose"]))
    draft = draw(st.booleans())
    plan = attrs.evolve(
        seed, outline=Outline(preset=preset) if preset else None, signer=signer,
        number=DocumentNumber.parse("/KH-UBND") if draft else seed.number, date=None if draft else seed.date,
        objectives=tuple(draw(st.lists(_sentence, min_size=1, max_size=3))),
        requirements=tuple(draw(st.lists(_sentence, min_size=1, max_size=3))), areas=tuple(areas),
        units=units, implementation=attrs.evolve(seed.implementation, duties=duties),
        recipients=tuple(draw(st.lists(_sentence.map(lambda s: s.rstrip(".")), min_size=1, max_size=4))),
        appendix=Appendix(title=seed.appendix.title if seed.appendix else "PHỤ LỤC", groups=groups))
    if preset == "no-purpose":  # that outline prints no objectives and requirements
        plan = attrs.evolve(plan, objectives=(), requirements=())
    return plan


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(plan=plans())
def test_generated_plans_round_trip(plan: Plan, tmp_path: Path) -> None:
    again = _round_trip(plan, tmp_path)
    assert layout(again) == layout(plan)
    assert clauses(again) == clauses(plan)


# --------------------------------------------------------------------------- office-made files


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return office_docx(tmp_path_factory.mktemp("office") / "ke-hoach-van-phong.docx")


def _check_import(path: Path, tmp: Path) -> None:
    seed = load_plan(SEED)
    imported = import_docx(path)
    plan = imported.document
    assert isinstance(plan, Plan)
    share, missed = score(seed, plan)
    assert share >= 0.98, missed
    assert len(plan.areas) == 7
    assert [a.kind for a in plan.areas] == [a.kind for a in seed.areas]
    assert plan.appendix is not None and seed.appendix is not None
    assert len(plan.appendix.items) == 27
    units, seed_units = plan.unit_map(), seed.unit_map()
    for got, want in zip(plan.appendix.items, seed.appendix.items, strict=True):
        assert [o.text for o in got.outputs] == [o.text for o in want.outputs]
        assert got.deadlines() == want.deadlines()
        assert got.lead.label(units) == want.lead.label(seed_units)
    assert len(imported.review) <= 20
    # The YAML it writes validates, renders and passes the checker.
    out = tmp / "ke-hoach.yaml"
    assert main(["import", str(path), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Kế hoạch nhập từ")
    assert main(["validate", str(out)]) == 0
    assert main(["render", str(out), "-o", str(tmp / "lai.docx")]) == 0
    assert main(["check", str(tmp / "lai.docx")]) == 0


def test_an_office_typed_plan_imports(office: Path, tmp_path: Path) -> None:
    _check_import(office, tmp_path)
    review = import_docx(office).review
    assert any("Track Changes" in line and "1 chỗ chèn, bỏ 1 chỗ xóa" in line for line in review)


def test_the_tracked_change_is_read_as_accepted(office: Path) -> None:
    plan = import_docx(office).document
    first = plan.opening.bases[0].documents[0]
    assert first.issuer == "UBND tỉnh Thừa Thiên Huế"  # "cửa" deleted, "của" inserted
    assert first.number == "3134/QĐ-UBND"  # in a hyperlink, after a non-breaking space
    assert "phê duyệt" in (first.subject or "")  # a soft hyphen inside the word


@pytest.mark.parametrize("header", ["tabs", "boxes"])
def test_a_header_in_tab_aligned_paragraphs_or_text_boxes_imports(header: str, tmp_path: Path) -> None:
    _check_import(office_docx(tmp_path / f"ke-hoach-{header}.docx", header=header), tmp_path)


def test_decomposed_letters_and_comments_do_not_change_the_text(office: Path) -> None:
    seed = load_plan(SEED)
    plan = import_docx(office).document
    assert plan.objectives == seed.objectives  # the second one was typed in NFD, the first one has a comment


def test_a_run_on_opening_is_split_into_its_bases(tmp_path: Path) -> None:
    from cchc_plan.model.plan import OpeningStyle

    plan = load_plan(EXAMPLES[1])
    plan = attrs.evolve(plan, opening=attrs.evolve(plan.opening, style=OpeningStyle.RUN_ON))
    again = _round_trip(plan, tmp_path)
    assert again.opening == plan.opening
    assert layout(again) == layout(plan)


needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


@needs_soffice
def test_the_plan_resaved_by_libreoffice_imports(office: Path, tmp_path: Path) -> None:
    _check_import(resaved(office, tmp_path / "resaved.docx"), tmp_path)


@needs_soffice
def test_the_plan_through_odt_and_back_imports(office: Path, tmp_path: Path) -> None:
    _check_import(resaved(office, tmp_path / "via-odt.docx", via="odt"), tmp_path)


# --------------------------------------------------------------------------- bad input


def _docx_with(document_xml: str, tmp: Path, name: str = "x.docx") -> Path:
    path = tmp / name
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types xmlns='http://schemas.openxmlformats.org/package/2006/"
                                          "content-types'/>")
        z.writestr("word/document.xml", document_xml)
    return path


_W = "xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'"


def _bomb(tmp: Path) -> Path:
    path = tmp / "bom.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", f"<w:document {_W}><w:body>" + " " * (80 * 1024 * 1024) + "</w:body>"
                                        "</w:document>")
    return path


BAD = {
    "not-a-zip": (lambda tmp: (tmp / "a.docx").write_bytes(b"PK? not really a zip") and tmp / "a.docx",
                  "không phải văn bản Word .docx"),
    "encrypted": (lambda tmp: (tmp / "mat-khau.docx").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512)
        and tmp / "mat-khau.docx", "mật khẩu"),
    "zip-bomb": (_bomb, "bom zip"),
    "entities": (lambda tmp: _docx_with(
        f"<?xml version='1.0'?><!DOCTYPE d [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;'>]>"
        f"<w:document {_W}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>", tmp),
                 "DOCTYPE"),
    "no-body": (lambda tmp: _docx_with(f"<w:document {_W}/>", tmp), "không có nội dung"),
    "not-a-plan": (lambda tmp: _docx_with(
        f"<w:document {_W}><w:body><w:p><w:r><w:t>Thư mời họp lớp</w:t></w:r></w:p></w:body></w:document>", tmp),
                   "không phải kế hoạch"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_input_one_clear_message(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make, words = BAD[case]
    path = make(tmp_path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    out = tmp_path / "ke-hoach.yaml"
    assert main(["import", str(path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert str(path) in err and words in err
    assert "Traceback" not in err
    assert err.count("\n") <= 3
    assert not out.exists() and not list(tmp_path.glob(".ke-hoach.yaml.*"))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_bytes_and_files_import_like_paths(tmp_path: Path) -> None:
    render(load_plan(EXAMPLES[1]), tmp_path / "a.docx")
    data = (tmp_path / "a.docx").read_bytes()
    by_path = import_docx(tmp_path / "a.docx").document
    assert import_docx(data).document == by_path
    assert import_docx(io.BytesIO(data)).document == by_path
    with pytest.raises(InputError):
        import_docx(b"")


def test_an_existing_output_is_not_replaced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    render(load_plan(EXAMPLES[1]), tmp_path / "a.docx")
    out = tmp_path / "ke-hoach.yaml"
    out.write_text("# của tôi\n", encoding="utf-8")
    assert main(["import", str(tmp_path / "a.docx"), "-o", str(out)]) == 1
    assert "--force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "# của tôi\n"
    assert main(["import", str(tmp_path / "a.docx"), "-o", str(out), "--force"]) == 0


# --------------------------------------------------------------------------- reports

REPORTS = [ROOT / "examples" / "loc-binh-2023" / "bao-cao-quy-1.yaml",
           ROOT / "examples" / "loc-binh-2023" / "bao-cao-nam-2023.yaml"]


@pytest.mark.parametrize("source", REPORTS, ids=lambda p: p.stem)
def test_a_rendered_report_imports_to_the_same_report(source: Path, tmp_path: Path) -> None:
    from cchc_plan import load_report
    from cchc_plan.model.report import Report

    report = load_report(source)
    render(report, tmp_path / "bao-cao.docx")
    imported = import_docx(tmp_path / "bao-cao.docx", plan=report.full_plan)
    again = imported.document
    assert isinstance(again, Report)
    assert layout(again) == layout(report)
    assert again.one_stop is not None and report.one_stop is not None
    assert again.one_stop.fields == report.one_stop.fields  # the one-stop table read into figures
    assert again.one_stop.total == report.one_stop.total
    assert [(o.measure, o.met) for o in again.outcomes()] == [(o.measure, o.met) for o in report.outcomes()]
    assert [(p.status, p.done_on, p.overdue) for p in again.progress()] == \
        [(p.status, p.done_on, p.overdue) for p in report.progress()]
    assert (again.direction, again.assessment, again.next_steps, again.proposals) == \
        (report.direction, report.assessment, report.next_steps, report.proposals)


def test_a_report_without_its_plan_cites_it_and_says_so(tmp_path: Path) -> None:
    render(load_plan(EXAMPLES[0]), tmp_path / "unused.docx")
    from cchc_plan import load_report

    report = load_report(REPORTS[0])
    render(report, tmp_path / "bao-cao.docx")
    out = tmp_path / "bao-cao.yaml"
    assert main(["import", str(tmp_path / "bao-cao.docx"), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "--plan" in text.split("\n\n")[0] or "--plan" in text[:2000]
    assert main(["validate", str(out)]) == 0
    plan_copy = tmp_path / "ke-hoach.yaml"
    plan_copy.write_text(EXAMPLES[0].read_text(encoding="utf-8"), encoding="utf-8")
    out2 = tmp_path / "bao-cao-2.yaml"
    assert main(["import", str(tmp_path / "bao-cao.docx"), "-o", str(out2), "--plan", str(plan_copy)]) == 0
    assert "plan: ke-hoach.yaml" in out2.read_text(encoding="utf-8")
    assert main(["validate", str(out2)]) == 0


def test_what_is_not_recognised_is_kept_word_for_word_and_listed(tmp_path: Path) -> None:
    from cchc_plan.io.convert import structure
    from cchc_plan.model.outline import Outline

    plan = load_plan(EXAMPLES[1])
    outline = structure({"body": [
        "opening",
        {"section": "MỤC TIÊU, YÊU CẦU", "body": [{"section": "Mục tiêu", "body": ["objectives"]},
                                                 {"section": "Yêu cầu", "body": ["requirements"]}]},
        {"section": "NHIỆM VỤ", "body": ["areas", "tasks_note"]},
        {"section": "KINH PHÍ THỰC HIỆN", "body": [{"text": "Kinh phí từ **ngân sách** xã năm 2027."},
                                                  {"item": "Nguồn xã hội hóa (nếu có)."}]},
        {"section": "TỔ CHỨC THỰC HIỆN", "body": ["implementation"]}]}, Outline)
    plan = attrs.evolve(plan, outline=outline)
    render(plan, tmp_path / "a.docx")
    out = tmp_path / "a.yaml"
    assert main(["import", str(tmp_path / "a.docx"), "-o", str(out)]) == 0
    imported = import_docx(tmp_path / "a.docx")
    assert layout(imported.document) == layout(plan)
    listed = [line for line in imported.review if "KINH PHÍ THỰC HIỆN" in line]
    assert len(listed) == 1 and listed[0].startswith("đoạn ")
    text = out.read_text(encoding="utf-8")
    head = text[:text.index("\nissuer:")]
    assert all(line.startswith("#") for line in head.splitlines())
    assert listed[0] in head
    assert "text: Kinh phí từ **ngân sách** xã năm 2027." in text


@st.composite
def reports(draw: st.DrawFn) -> object:
    """The quarterly report with its narrative, results and progress drawn anew."""
    from cchc_plan import load_report
    from cchc_plan.model.report import Assessment, TargetResult, TaskProgress, TaskStatus

    report = load_report(REPORTS[0])
    plan = report.full_plan
    assert plan is not None and plan.appendix is not None
    keyed = [(t.key, n) for a in plan.areas for t in a.targets if t.key for n in range(1, len(t.measures) + 1)]
    chosen = draw(st.lists(st.sampled_from(keyed), unique=True, max_size=6))
    results = tuple(TargetResult(target=k, measure=n, reached=Decimal(draw(st.integers(0, 100))))
                    for k, n in chosen if plan.targets_by_key()[k][1].measures[n - 1].comparator.value
                    not in ("decrease", "increase"))
    items = [(i.number, o) for i in plan.appendix.items for o in range(1, len(i.outputs) + 1)]
    progress = tuple(TaskProgress(item=n, output=o, status=draw(st.sampled_from([TaskStatus.DONE,
                                                                                 TaskStatus.IN_PROGRESS])))
                     for n, o in draw(st.lists(st.sampled_from(items), unique=True, max_size=6)))
    lists = st.lists(_sentence, max_size=3)
    return attrs.evolve(
        report, direction=tuple(draw(st.lists(_sentence, min_size=1, max_size=3))),
        assessment=Assessment(strengths=tuple(draw(lists)), weaknesses=tuple(draw(st.lists(_sentence, min_size=1,
                                                                                            max_size=2))),
                              causes=tuple(draw(lists))),
        next_steps=tuple(draw(lists)), proposals=tuple(draw(lists)), targets=results, tasks=progress)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(report=reports())
def test_generated_reports_round_trip(report: object, tmp_path: Path) -> None:
    from cchc_plan.model.report import Report

    assert isinstance(report, Report)
    render(report, tmp_path / "bao-cao.docx", force=True)
    again = import_docx(tmp_path / "bao-cao.docx", plan=report.full_plan).document
    assert layout(again) == layout(report)


def test_an_office_report_s_one_stop_table_is_read_by_its_column_titles(tmp_path: Path) -> None:
    """A report typed in Word, its one-stop table in the office's own column order, one header row."""
    import docx as python_docx

    from cchc_plan import load_report

    figures = load_report(REPORTS[0]).one_stop
    assert figures is not None
    d = python_docx.Document()
    header = d.add_table(rows=2, cols=2)
    for cell, text in zip((c for row in header.rows for c in row.cells),
                          ("ỦY BAN NHÂN DÂN\nXÃ LỘC BÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - "
                           "Hạnh phúc", "Số: 15/BC-UBND", "Lộc Bình, ngày 16 tháng 3 năm 2023"), strict=True):
            cell.text = text
    for text in ("BÁO CÁO", "Kết quả thực hiện công tác cải cách hành chính quý I năm 2023"):
        d.add_paragraph().add_run(text).bold = True
    d.add_paragraph("Kính gửi: Phòng Nội vụ huyện Phú Lộc.")
    d.add_paragraph().add_run("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH").bold = True
    d.add_paragraph("Ngay từ đầu năm, UBND xã đã ban hành kế hoạch cải cách hành chính.")
    d.add_paragraph().add_run("II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH").bold = True
    d.add_paragraph().add_run("1. Cải cách thủ tục hành chính").bold = True
    d.add_paragraph("Niêm yết công khai đầy đủ các thủ tục hành chính tại Bộ phận Một cửa.")
    d.add_paragraph("Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính quý I năm 2023 của "
                    "UBND xã Lộc Bình.")
    end = d.add_table(rows=1, cols=2)
    end.rows[0].cells[0].text = "Nơi nhận:\n- Phòng Nội vụ huyện;\n- Lưu: VT."
    end.rows[0].cells[1].text = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\nDương Quang Hùng"
    d.add_paragraph("Phụ lục").runs[0].bold = True
    d.add_paragraph("KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH").runs[0].bold = True
    order = [("TT", None), ("Lĩnh vực", "field"), ("Trực tuyến", "online"), ("Trực tiếp", "in_person"),
             ("Qua bưu chính công ích", "post"), ("Kỳ trước chuyển sang", "carried_over"),
             ("Giải quyết đúng hạn", "on_time"), ("Giải quyết trước hạn", "early"), ("Giải quyết trễ hạn", "late"),
             ("Đang giải quyết trong hạn", "pending_in_time"), ("Đang giải quyết quá hạn", "pending_overdue"),
             ("Trả lại, rút hồ sơ", "returned"), ("Thư xin lỗi", "apologies")]
    table = d.add_table(rows=1, cols=len(order))
    for cell, (title, _) in zip(table.rows[0].cells, order, strict=True):
        cell.text = title
    for n, f in enumerate(figures.fields, start=1):
        cells = table.add_row().cells
        for cell, (_, name) in zip(cells, order, strict=True):
            cell.text = str(n) if name is None else f.field if name == "field" else f"{getattr(f, name):,}".replace(
                ",", ".")
    path = tmp_path / "bao-cao-van-phong.docx"
    d.save(str(path))
    imported = import_docx(path)
    report = imported.document
    assert report.one_stop is not None
    assert report.one_stop.fields == figures.fields
    assert report.period.phrase == "quý I năm 2023"
    assert report.addressees == ("Phòng Nội vụ huyện Phú Lộc",)
    assert report.direction == ("Ngay từ đầu năm, UBND xã đã ban hành kế hoạch cải cách hành chính.",)
    assert [n.paragraphs for n in report.areas] == [("Niêm yết công khai đầy đủ các thủ tục hành chính tại Bộ phận "
                                                     "Một cửa.",)]
    assert report.signer.name == "Dương Quang Hùng"


@pytest.mark.parametrize(("cell", "budget"), [
    ("50.000.000 đồng", {"amount": 50_000_000}), ("12.500.000", {"amount": 12_500_000}),
    ("Theo dự toán ngân sách hàng năm", {"text": "Theo dự toán ngân sách hàng năm"}),
    ("2023", {"text": "2023"}),
])
def test_budget_cells_are_amounts_or_words(cell: str, budget: dict[str, object]) -> None:
    from cchc_plan.io.importer._appendix import budget_of

    assert budget_of(cell) == budget


@pytest.mark.parametrize(("cell", "deadline", "guessed"), [
    ("Tháng 01/2023", "Tháng 01/2023", False), ("Quý II - III/2023", "Quý II - III/2023", False),
    ("Quý I năm 2023", "Quý I/2023", True), ("Cả năm", "Năm 2023", True), ("Hàng tháng", "Thường xuyên", True),
    ("Khi có yêu cầu", "Năm 2023", True),
])
def test_deadline_cells_are_read_into_their_forms_and_guesses_listed(cell: str, deadline: str,
                                                                     guessed: bool) -> None:
    from cchc_plan.io.importer._appendix import deadline_of
    from cchc_plan.io.importer._words import Review

    review = Review()
    assert deadline_of(cell, 2023, "bảng 2, dòng 5", review) == deadline
    assert bool(review.notes) == guessed
    assert all(n.where == "bảng 2, dòng 5" and cell in n.text for n in review.notes)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98% trong từng lĩnh vực.", [("more_than", 98, "trong từng lĩnh vực")]),
    ("Ít nhất 80% người dân hài lòng.", [("at_least", 80, None)]),
    ("Tỷ lệ hồ sơ trễ hạn không quá 2%.", [("at_most", 2, None)]),
    ("Tỷ lệ hồ sơ trễ hạn dưới 1,5%.", [("less_than", Decimal("1.5"), None)]),
    ("Giảm tỷ lệ hồ sơ trễ hạn so với năm trước.", [("decrease", None, None)]),
    ("Đảm bảo 100% văn bản ban hành đúng quy định; tối thiểu 50% hồ sơ trực tuyến.",
     [("at_least", 100, None), ("at_least", 50, None)]),
])
def test_measures_from_sentences(sentence: str, expected: list[tuple[str, object, str | None]]) -> None:
    from cchc_plan.io.importer._sentences import measures_of

    got = [(m["comparator"], m.get("value"), m.get("scope")) for m in measures_of(sentence)]
    assert got == [(c, Decimal(v) if isinstance(v, int) else v, s) for c, v, s in expected]


_LINES = st.sampled_from([
    "KẾ HOẠCH", "BÁO CÁO", "Số: 12/KH-UBND", "Số: 3/BC-UBND", "ỦY BAN NHÂN DÂN", "XÃ AN BÌNH",
    "An Bình, ngày 05 tháng 3 năm 2024", "Cải cách hành chính năm 2024", "Căn cứ Quyết định số 1/QĐ-UBND ngày "
    "02/01/2024 của UBND tỉnh;", "Thực hiện Kế hoạch năm 2024", "UBND xã ban hành kế hoạch như sau:",
    "I. MỤC TIÊU, YÊU CẦU", "1. Mục tiêu", "2. Yêu cầu", "II. NHIỆM VỤ", "1. Cải cách thể chế", "a) Chỉ tiêu",
    "b) Nhiệm vụ", "- 100% văn bản đúng quy định.", "- Giảm hồ sơ trễ hạn.", "+ ý nhỏ", "III. TỔ CHỨC THỰC HIỆN",
    "1. Các bộ phận thực hiện.", "2. Bộ phận Văn phòng: tham mưu.", "Nơi nhận:", "- UBND huyện;", "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A", "Phụ lục", "(Kèm theo Kế hoạch số 12)",
    "I. KINH PHÍ", "", "(Các nhiệm vụ tại Phụ lục)", "Trên đây là báo cáo."])
_CELLS = st.sampled_from(["TT", "Nội dung", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian", "Kinh phí", "1", "2",
                          "I. CẢI CÁCH THỂ CHẾ", "Kế hoạch", "Năm 2024", "Quý I năm 2024", "Văn phòng", "",
                          "50.000.000", "Lĩnh vực", "Trực tuyến", "Trực tiếp", "Đúng hạn", "Nơi nhận:",
                          "Kết quả đạt được"])


_BLOCKS = st.lists(st.one_of(
    st.tuples(st.just("p"), _LINES, st.booleans(), st.booleans()),
    st.tuples(st.just("t"), st.lists(st.lists(_CELLS, min_size=1, max_size=7), min_size=1, max_size=5),
              st.booleans(), st.booleans())), max_size=40)


def _document(spec: list[tuple[object, ...]]) -> bytes:
    """A Word file from a list of paragraphs (text, bold, italic) and tables (rows, merged first cell)."""
    import docx as python_docx

    d = python_docx.Document()
    for kind, content, a, b in spec:
        if kind == "t":
            rows = content
            assert isinstance(rows, list)
            width = max(len(r) for r in rows)
            table = d.add_table(rows=len(rows), cols=width)
            for row, texts in zip(table.rows, rows, strict=True):
                for cell, text in zip(row.cells, texts, strict=False):
                    cell.text = text
            if a and len(rows) > 1:
                table.cell(0, 0).merge(table.cell(1, 0))
        else:
            run = d.add_paragraph().add_run(str(content))
            run.bold, run.italic = a, b
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


_START = [("p", "Số: 12/KH-UBND", False, False), ("p", "KẾ HOẠCH", True, False),
          ("p", "Cải cách hành chính năm 2024", True, False)]


@settings(max_examples=40, deadline=None)
@given(start=st.booleans(), spec=_BLOCKS)
def test_any_document_imports_or_gets_a_clear_message(start: bool, spec: list[tuple[object, ...]]) -> None:
    try:
        imported = import_docx(_document([*(_START if start else []), *spec]))
    except InputError as e:
        assert e.problems and all(p.rule for p in e.problems)
    else:
        assert imported.yaml().startswith("#")


def test_common_office_variants_of_header_signature_and_group_rows(tmp_path: Path) -> None:
    """"CỘNG HOÀ" with the old accent, a rule of underscores, "(Đã ký)", a group row split over two cells,
    a subject not in bold."""
    import docx as python_docx

    d = python_docx.Document()
    header = d.add_table(rows=2, cols=2)
    for cell, text in zip((c for row in header.rows for c in row.cells),
                          ("ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\n________",
                           "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n_______________",
                           "Số: 12/KH-UBND", "An Bình, ngày 05 tháng 01 năm 2024"),
                          strict=True):
        cell.text = text
    d.add_paragraph().add_run("KẾ HOẠCH").bold = True
    d.add_paragraph("Cải cách hành chính năm 2024").alignment = 1
    d.add_paragraph("Ủy ban nhân dân xã An Bình ban hành kế hoạch như sau:")
    for text in ("I. MỤC TIÊU, YÊU CẦU", "1. Mục tiêu"):
        d.add_paragraph().add_run(text).bold = True
    d.add_paragraph("- Nâng cao chất lượng phục vụ.")
    d.add_paragraph().add_run("II. NHIỆM VỤ").bold = True
    d.add_paragraph().add_run("1. Cải cách thủ tục hành chính").bold = True
    d.add_paragraph("- Niêm yết công khai thủ tục hành chính.")
    d.add_paragraph().add_run("III. TỔ CHỨC THỰC HIỆN").bold = True
    d.add_paragraph("1. Các bộ phận tổ chức thực hiện.")
    end = d.add_table(rows=1, cols=2)
    end.rows[0].cells[0].text = "Nơi nhận:\n- UBND huyện;\n- Lưu: VT."
    end.rows[0].cells[1].text = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n(Đã ký)\nTrần Văn B"
    d.add_paragraph("PHỤ LỤC")
    d.add_paragraph().add_run("NHIỆM VỤ CỤ THỂ NĂM 2024").bold = True
    table = d.add_table(rows=3, cols=5)
    for row, texts in zip(table.rows, (["TT", "Nội dung", "Sản phẩm", "Chủ trì", "Thời gian"],
                                       ["I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", ""],
                                       ["1", "Kiểm soát TTHC", "Kế hoạch", "Văn phòng", "Quý I năm 2024"]),
                          strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    d.save(str(tmp_path / "a.docx"))
    imported = import_docx(tmp_path / "a.docx")
    plan = imported.document
    assert isinstance(plan, Plan)
    assert plan.issuer.header == ("ỦY BAN NHÂN DÂN", "XÃ AN BÌNH")
    assert plan.subject == "Cải cách hành chính năm 2024"
    assert plan.signer.name == "Trần Văn B"
    assert plan.appendix is not None
    assert [g.title for g in plan.appendix.groups] == ["CẢI CÁCH THỦ TỤC HÀNH CHÍNH"]
    assert plan.appendix.items[0].outputs[0].deadline == Deadline("Quý I/2024")
    assert not [line for line in imported.review if "không nhận ra" in line]
    assert any("Quý I năm 2024" in line for line in imported.review)


@needs_soffice
@pytest.mark.parametrize("via", [None, "odt"], ids=["resaved", "via-odt"])
@pytest.mark.parametrize("source", [EXAMPLES[0], REPORTS[0]], ids=lambda p: p.stem)
def test_rendered_documents_resaved_by_libreoffice_import_the_same(source: Path, via: str | None,
                                                                    tmp_path: Path) -> None:
    from cchc_plan import load_document

    document = load_document(source)
    render(document, tmp_path / "a.docx")
    again = import_docx(resaved(tmp_path / "a.docx", tmp_path / "b.docx", via=via),
                        plan=getattr(document, "full_plan", None)).document
    assert layout(again) == layout(document)
