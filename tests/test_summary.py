"""The summary across units: the bundled reports and 100 illustrative communes, read back.

The numbers in the .docx are checked against the reports they come from
(loaded one by one here), the charts against the PNG files written beside it,
and the workbook — recomputed by LibreOffice Calc — against the .docx.
"""

from __future__ import annotations

import importlib.util
import shutil
import unicodedata
import warnings
import zipfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, ROOT
from cchc_plan.checker import check_docx
from cchc_plan.cli import main
from cchc_plan.io import load_report
from cchc_plan.layout.charts import channel_chart, on_time_chart
from cchc_plan.model.figures import FieldFigures
from cchc_plan.model.plan import Agency, Level
from cchc_plan.model.report import Period, PeriodKind
from cchc_plan.model.summary import MeasureKey, Summary, UnitResult, summarize
from cchc_plan.problems import InputError
from docx_reading import DocxReader, TableInfo
from xlsx_reading import calc_missing, number_of, recalculated, values

BUNDLED = sorted(EXAMPLE.parent.glob("bao-cao-*.yaml"))
_spec = importlib.util.spec_from_file_location("make_commune_reports", ROOT / "scripts" / "make_commune_reports.py")
assert _spec is not None and _spec.loader is not None
communes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(communes)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return communes.write(100, tmp_path_factory.mktemp("xa"))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def written(generated: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tong-hop") / "tong-hop.docx"
    assert main(["summary", *map(str, BUNDLED), *map(str, generated), "-o", str(out), "--xlsx"]) == 0
    return out


@pytest.fixture(scope="module")
def doc(written: Path) -> DocxReader:
    return DocxReader(written)


def appendix_tables(doc: DocxReader, n: int) -> list[TableInfo]:
    return [b for b in doc.sections[n].blocks if isinstance(b, TableInfo)]


def test_the_summary_passes_the_layout_check(written: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = check_docx(written)
    assert report.findings == ()
    capsys.readouterr()
    assert main(["check", str(written)]) == 0
    assert "tong-hop.docx: 0 lỗi, 0 cảnh báo." in capsys.readouterr().out


def test_per_unit_figures_and_totals_are_the_reports_own(doc: DocxReader, generated: list[Path]) -> None:
    year = [load_report(p) for p in [*BUNDLED, *generated]]
    year = [r for r in year if r.period.kind is PeriodKind.YEAR]
    assert len(year) == 101  # the bundled year report and the 100 communes; the quarter report is not
    (table,) = appendix_tables(doc, 1)
    body = table.rows[2:]
    assert len(body) == 102  # a row per unit, then the total
    by_name = {r.texts[1]: r.texts for r in body}
    for r in year:
        t = r.one_stop.total  # type: ignore[union-attr]
        row = by_name[r.agency.short_name]
        assert [number_of(x) for x in row[2:8]] == [t.received, t.carried_over, t.online, t.in_person, t.post,
                                                   t.resolved]
    total = body[-1].texts
    assert total[1] == "Tổng cộng"
    assert number_of(total[2]) == sum(r.one_stop.total.received for r in year)  # type: ignore[union-attr]
    assert number_of(total[7]) == sum(r.one_stop.total.resolved for r in year)  # type: ignore[union-attr]


def test_the_quarter_report_is_listed_not_counted(doc: DocxReader) -> None:
    texts = [p.text for p in doc.sections[0].blocks if hasattr(p, "runs")]
    assert "Báo cáo không đúng kỳ năm 2023, không tổng hợp (1 báo cáo): UBND xã Lộc Bình (báo cáo quý I " \
           "năm 2023, số 15/BC-UBND)." in texts
    assert any(t.startswith("Đã tổng hợp 101 báo cáo kết quả") for t in texts)


def test_ranking_by_on_time_rate_with_the_change_in_points(doc: DocxReader, generated: list[Path]) -> None:
    (table,) = appendix_tables(doc, 2)
    rows = [r.texts for r in table.rows[1:]]
    rates = [number_of(r[4]) for r in rows]
    assert rates == sorted(rates, reverse=True)
    ranks = [int(r[0]) for r in rows]
    assert ranks[0] == 1
    for i in range(1, len(rows)):  # equal rates share a rank; the next rank counts the tied units
        # (rates equal as printed may still differ past the second decimal)
        assert ranks[i] in ((ranks[i - 1], i + 1) if rates[i] == rates[i - 1] else (i + 1,))
    report = load_report(generated[0])
    row = next(r for r in rows if r[1] == report.agency.short_name)
    rate = report.one_stop.total.on_time_rate  # type: ignore[union-attr]
    previous = report.one_stop.previous.on_time_rate  # type: ignore[union-attr]
    assert number_of(row[5]) == previous
    change = (rate - previous).quantize(Decimal("0.01"))  # type: ignore[operator]
    assert number_of(row[6]) == change and row[6].startswith("+" if change > 0 else "-" if change < 0 else "0")


def test_attainment_counts_and_matrix(doc: DocxReader, generated: list[Path]) -> None:
    counts, *matrices = appendix_tables(doc, 3)
    first = counts.rows[1].texts
    assert first[1] == "Tỷ lệ VBQPPL ban hành đúng quy định, đúng thẩm quyền, nội dung, trình tự, thể thức"
    verdicts = Counter()
    for path in [*BUNDLED, *generated]:
        report = load_report(path)
        if report.period.kind is not PeriodKind.YEAR:
            continue
        outcome = report.outcomes()[0]
        verdicts[outcome.verdict if outcome.met is not None else "Chưa đánh giá"] += 1
    assert [int(x) for x in first[2:]] == [verdicts["Đạt"], verdicts["Không đạt"], verdicts["Chưa đánh giá"], 0]
    assert len(matrices) == -(-(len(counts.rows) - 1) // 14)
    assert matrices[0].rows[0].texts[2:4] == ["1", "2"]
    column = [r.texts[2] for r in matrices[0].rows[1:]]
    marks = {"Đạt": "Đ", "Không đạt": "KĐ", "Chưa đánh giá": "CĐG"}
    assert Counter(column) == {marks[k]: v for k, v in verdicts.items() if v}


def test_overdue_outputs_by_unit(doc: DocxReader, generated: list[Path]) -> None:
    (table,) = appendix_tables(doc, 4)
    year = [r for r in (load_report(p) for p in [*BUNDLED, *generated]) if r.period.kind is PeriodKind.YEAR]
    overdue = {r.agency.short_name: [p for p in r.progress() if p.overdue] for r in year}
    rows = {r.texts[1]: r for r in table.rows[1:-1]}
    assert set(rows) == {name for name, late in overdue.items() if late}
    for name, row in rows.items():
        late = overdue[name]
        assert number_of(row.texts[2]) == len(late)
        assert [p.text for p in row.cells[3].paragraphs] == [
            f"TT {p.item_number}: {p.text} ({p.deadline.text})" for p in late]
    assert table.rows[-1].texts[1] == "Tổng cộng"
    assert number_of(table.rows[-1].texts[2]) == sum(len(v) for v in overdue.values())


def test_the_charts_are_in_the_docx_and_beside_it(written: Path) -> None:
    pngs = sorted(written.parent.glob("tong-hop-*.png"))
    assert [p.name for p in pngs] == ["tong-hop-kenh-tiep-nhan.png", "tong-hop-ty-le-dung-han.png"]
    with zipfile.ZipFile(written) as z:
        media = {z.read(n) for n in z.namelist() if n.startswith("word/media/")}
    assert {p.read_bytes() for p in pngs} == media
    assert all(p.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") for p in pngs)
    captions = [p.text for p in DocxReader(written).sections[5].blocks if hasattr(p, "runs")]
    assert "Biểu đồ 1. Tỷ lệ giải quyết hồ sơ đúng hạn" in captions


def test_every_vietnamese_letter_of_the_charts_has_a_glyph() -> None:
    report = load_report(BUNDLED[0])
    unit = UnitResult.of(report, "x")
    letters = "Ủy ban nhân dân xã Đắk Rơ Wơn, Hưng Yên, Quảng Ngãi, Thừa Thiên Huế, ỷ ỹ ợ ữ ự ẵ ặ ẩ ậ ể ễ ệ"
    named = UnitResult(agency=Agency(name=letters, short_name=letters, code="UBND", level=Level.COMMUNE,
                                     place="Huế"), source="y", period=unit.period, report_number="1/BC-UBND",
                       figures=unit.figures)
    summary = summarize([unit, named])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)"
        on_time_chart(summary)
        channel_chart(summary)


def test_the_same_reports_give_the_same_files(written: Path, generated: list[Path], tmp_path: Path) -> None:
    again = tmp_path / "tong-hop.docx"
    assert main(["summary", *map(str, BUNDLED), *map(str, generated), "-o", str(again)]) == 0
    assert again.read_bytes() == written.read_bytes()
    for name in ("tong-hop-kenh-tiep-nhan.png", "tong-hop-ty-le-dung-han.png"):
        assert (tmp_path / name).read_bytes() == (written.parent / name).read_bytes()


@pytest.mark.skipif(calc_missing() is not None, reason=str(calc_missing()))
def test_the_workbook_recomputes_to_the_docx_numbers(written: Path, doc: DocxReader, tmp_path: Path) -> None:
    book = recalculated(written.with_suffix(".xlsx"), tmp_path)
    (figures,) = appendix_tables(doc, 1)
    sheet = [r for r in values(book, "PL I - Một cửa")[5:] if r[1] is not None]
    assert len(sheet) == len(figures.rows) - 2
    for row, texts in zip(sheet, (r.texts for r in figures.rows[2:]), strict=True):
        assert row[1] == texts[1]
        assert [Decimal(v) for v in row[2:15]] == [number_of(t) for t in texts[2:15]]
        assert Decimal(str(row[15] * 100)).quantize(Decimal("0.01")) == number_of(texts[15])
    (ranking,) = appendix_tables(doc, 2)
    sheet = values(book, "PL II - Xếp hạng")[4:]
    for row, texts in zip(sheet, (r.texts for r in ranking.rows[1:]), strict=True):
        assert (row[0], row[1]) == (int(texts[0]), texts[1])
        assert Decimal(str(row[4] * 100)).quantize(Decimal("0.01")) == number_of(texts[4])
        assert Decimal(str(row[6])).quantize(Decimal("0.01")) == number_of(texts[6].lstrip("+"))
    counts = appendix_tables(doc, 3)[0]
    sheet = values(book, "PL III - Chỉ tiêu")
    totals = {r[1]: r[2:] for r in sheet if r[1] in ("Số đơn vị đạt", "Số đơn vị không đạt",
                                                      "Số đơn vị chưa đánh giá")}
    for i, texts in enumerate(r.texts for r in counts.rows[1:]):
        assert (totals["Số đơn vị đạt"][i], totals["Số đơn vị không đạt"][i],
                totals["Số đơn vị chưa đánh giá"][i]) == (int(texts[2]), int(texts[3]), int(texts[4]))
    (overdue,) = appendix_tables(doc, 4)
    sheet = values(book, "PL IV - Quá hạn")
    assert sheet[-1][1] == "Tổng cộng" and sheet[-1][2] == number_of(overdue.rows[-1].texts[2])


# --------------------------------------------------------------------------- units missing, bad input


def info_file(tmp_path: Path, units: list[str]) -> Path:
    info = {"issuer": {"name": "Ủy ban nhân dân huyện Phú Lộc", "short_name": "UBND huyện Phú Lộc",
                       "code": "UBND", "level": "district", "place": "Phú Lộc",
                       "header": ["ỦY BAN NHÂN DÂN", "HUYỆN PHÚ LỘC"], "province": "tỉnh Thừa Thiên Huế"},
            "number": "25/BC-UBND", "date": "18/03/2023", "period": {"kind": "q1", "year": 2023},
            "units": units, "signer": {"position": "CHỦ TỊCH", "name": "Nguyễn Văn A"},
            "recipients": ["UBND tỉnh", "Sở Nội vụ"], "data_note": "Số liệu minh họa"}
    path = tmp_path / "tong-hop.yaml"
    path.write_text(yaml.safe_dump(info, allow_unicode=True), encoding="utf-8")
    return path


def test_expected_units_without_a_report_are_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    info = info_file(tmp_path, ["Ủy ban nhân dân xã Lộc Bình", "UBND xã Lộc Trì", "UBND xã Vinh Hưng"])
    out = tmp_path / "q1.docx"
    assert main(["summary", *map(str, BUNDLED), "-o", str(out), "--info", str(info)]) == 0
    printed = capsys.readouterr().out
    assert "chưa gửi báo cáo: UBND xã Lộc Trì" in printed and "khác kỳ:" in printed
    body = [p.text for p in DocxReader(out).sections[0].blocks if hasattr(p, "runs")]
    assert "Đơn vị chưa gửi báo cáo (2 đơn vị): UBND xã Lộc Trì, UBND xã Vinh Hưng." in body
    assert any(t.startswith("Đã tổng hợp 1/3 báo cáo") for t in body)
    assert check_docx(out).findings == ()


def test_two_reports_of_one_unit_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(EXAMPLE, tmp_path / "ke-hoach.yaml")
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(BUNDLED[1], tmp_path / name)
    out = tmp_path / "t.docx"
    assert main(["summary", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "-o", str(out), "--xlsx"]) == 1
    err = capsys.readouterr().err
    assert "hai báo cáo quý I năm 2023 của cùng một đơn vị" in err and "Traceback" not in err
    assert list(tmp_path.glob("t*")) == []


def test_a_plan_among_the_reports_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "t.docx"
    assert main(["summary", str(BUNDLED[0]), str(EXAMPLE), "-o", str(out)]) == 1
    assert f"{EXAMPLE}: có 1 lỗi" in capsys.readouterr().err and not out.exists()


@pytest.mark.parametrize(("encoding", "said"), [
    ("utf-16", "don-vi.csv: (tài liệu): tệp ở bảng mã UTF-16; hãy lưu lại với bảng mã UTF-8"),
    ("cp1258", "don-vi.csv:3: (tài liệu): tệp không ở bảng mã UTF-8 (byte 0x"),
])
def test_a_units_table_in_another_encoding_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    encoding: str, said: str) -> None:
    (tmp_path / "don-vi.csv").write_bytes(windows_text("name;place\nUBND xa Loc Binh;x\nUBND xã Lộc Trì;y\n",
                                                       encoding))
    info = info_file(tmp_path, [])
    data = yaml.safe_load(info.read_text(encoding="utf-8"))
    data["units"] = "don-vi.csv"
    info.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "t.docx"
    assert main(["summary", str(BUNDLED[0]), "-o", str(out), "--info", str(info)]) == 1
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["don-vi.csv", "tong-hop.yaml"]


def test_a_units_table_saved_by_excel_with_semicolons(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "don-vi.csv").write_text("STT;name;place\n1;Ủy ban nhân dân xã Lộc Bình;Lộc Bình\n"
                                         "2;UBND xã Lộc Trì;Lộc Trì\n", encoding="utf-8-sig")
    info = info_file(tmp_path, [])
    data = yaml.safe_load(info.read_text(encoding="utf-8"))
    data["units"] = "don-vi.csv"
    info.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["summary", *map(str, BUNDLED), "-o", str(tmp_path / "t.docx"), "--info", str(info)]) == 0
    assert "chưa gửi báo cáo: UBND xã Lộc Trì" in capsys.readouterr().out


def test_a_period_no_report_is_for_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    info = info_file(tmp_path, [])
    data = yaml.safe_load(info.read_text(encoding="utf-8"))
    data["period"] = {"kind": "q3", "year": 2023}
    info.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "t.docx"
    assert main(["summary", *map(str, BUNDLED), "-o", str(out), "--info", str(info), "--xlsx"]) == 1
    err = capsys.readouterr().err
    assert f'{info}: có 3 lỗi, chưa thể dùng tệp này.' in err
    assert f'{info}: period = "quý III năm 2023": không có báo cáo nào của kỳ này để tổng hợp (2 báo cáo khác kỳ' \
        in err
    for path, phrase in zip(BUNDLED, ("năm 2023", "quý I năm 2023"), strict=True):
        assert f"{path}: báo cáo {phrase} của UBND xã Lộc Bình, không phải quý III năm 2023" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tong-hop.yaml"]


@pytest.mark.parametrize(("encoding", "said"), [
    ("utf-16", "ho-so-2023.csv: (tài liệu): tệp ở bảng mã UTF-16; hãy lưu lại với bảng mã UTF-8"),
    ("cp1258", "ho-so-2023.csv:1: (tài liệu): tệp không ở bảng mã UTF-8 (byte 0x"),
])
def test_a_report_whose_dossiers_are_in_another_encoding(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        encoding: str, said: str) -> None:
    folder = tmp_path / "xa"
    folder.mkdir()
    for name in ("ke-hoach.yaml", "bao-cao-nam-2023.yaml"):
        shutil.copy(EXAMPLE.parent / name, folder / name)
    text = (EXAMPLE.parent / "ho-so-2023.csv").read_text(encoding="utf-8-sig")
    (folder / "ho-so-2023.csv").write_bytes(windows_text(text, encoding))
    out = tmp_path / "t.docx"
    assert main(["summary", str(folder / "bao-cao-nam-2023.yaml"), *map(str, generated_few(tmp_path)),
                 "-o", str(out), "--xlsx"]) == 1
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err, err
    assert not list(tmp_path.glob("t*"))


def windows_text(text: str, encoding: str) -> bytes:
    """``text`` as a Windows program saves it: UTF-16 ("Unicode text") or Windows-1258 (letters decomposed)."""
    if encoding == "cp1258":
        return unicodedata.normalize("NFD", text).encode("cp1258", errors="replace")
    return text.encode(encoding)


def generated_few(tmp_path: Path) -> list[Path]:
    return communes.write(3, tmp_path / "khac")  # type: ignore[no-any-return]


def test_existing_outputs_are_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "t.docx"
    (tmp_path / "t-ty-le-dung-han.png").write_bytes(b"mine")
    assert main(["summary", str(BUNDLED[0]), "-o", str(out)]) == 1
    assert "đã có" in capsys.readouterr().err and not out.exists()
    assert (tmp_path / "t-ty-le-dung-han.png").read_bytes() == b"mine"


# --------------------------------------------------------------------------- the model, any units


_PERIOD = Period(kind=PeriodKind.Q1, year=2023)
_KEYS = [MeasureKey(metric="Tỷ lệ A"), MeasureKey(metric="Tỷ lệ B", scope="trong từng lĩnh vực")]


@st.composite
def unit_results(draw: st.DrawFn, n: int) -> UnitResult:
    early, on_time, late = (draw(st.integers(0, 400)) for _ in range(3))
    figures = FieldFigures(field=f"UBND xã {n}", online=early + on_time + late, early=early, on_time=on_time,
                           late=late) if draw(st.booleans()) else None
    verdicts = tuple((k, draw(st.sampled_from(["Đạt", "Không đạt", "Chưa đánh giá"])))
                     for k in _KEYS if draw(st.booleans()))
    return UnitResult(agency=Agency(name=f"Ủy ban nhân dân xã {n}", short_name=f"UBND xã {n}", code="UBND",
                                    level=Level.COMMUNE, place=str(n)), source=f"{n}.yaml", period=_PERIOD,
                      report_number="1/BC-UBND", figures=figures, verdicts=verdicts)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 25).flatmap(lambda k: st.tuples(*(unit_results(i) for i in range(k)))))
def test_any_units_add_up(units: tuple[UnitResult, ...]) -> None:
    summary: Summary = summarize(units, expected=["UBND xã 0", "UBND xã 999"])
    assert summary.missing == ("UBND xã 999",)
    with_figures = [u.figures for u in units if u.figures is not None]
    assert summary.total.resolved == sum(f.resolved for f in with_figures)
    ranking = summary.ranking()
    assert len(ranking) == len(units)
    rates = [u.on_time_rate for _, u in ranking if u.on_time_rate is not None]
    assert rates == sorted(rates, reverse=True)
    assert all(r is None for r, u in ranking if u.on_time_rate is None)
    for key in _KEYS:
        assert sum(summary.attainment(key).values()) == len(units)


def test_no_report_at_all_is_refused() -> None:
    with pytest.raises(InputError):
        summarize([])
