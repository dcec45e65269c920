"""Column widths of the appendix tables, read back from the .docx; what keeps rows and the
signature together (``w:keepNext``, ``w:cantSplit``).

A column is never narrower than the longest word of its title or of one of its cells (plus
the cell margins), so no word breaks inside; the table stays as wide as the text. The
printed result is checked in ``test_printed_page``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cchc_plan.docx.textwidth import text_width_pt
from cchc_plan.io import plan_from_data
from cchc_plan.render import render

from conftest import ROOT, minimal_plan
from docx_reading import DocxReader, ParaInfo, TableInfo, text_width_twips

EXAMPLES = ROOT / "examples" / "loc-binh-2023"
CELL_MARGINS_TWIPS = 2 * 57
TABLE_PT = 12
LONG_PARTNER = "UBND-HĐND-MTTQVN-Đoànthể"
PARTNER_COLUMN = 4  # TT, Nội dung, Sản phẩm, Cơ quan chủ trì, Cơ quan phối hợp, …


def twips(pt: float) -> float:
    return pt * 20


def word_twips(word: str, *, bold: bool = False) -> float:
    return twips(text_width_pt(word, TABLE_PT, bold=bold)) + CELL_MARGINS_TWIPS


def widths_add_up(table: TableInfo, text_twips: int) -> None:
    grid = table.grid_cols
    assert abs(sum(grid) - text_twips) <= 20, "the table is as wide as the text"
    for row in table.rows:
        column = 0
        for cell in row.cells:
            assert abs((cell.width_twips or 0) - sum(grid[column:column + cell.grid_span])) <= 2
            column += cell.grid_span


def _plan_with_partner(name: str) -> dict[str, Any]:
    data = minimal_plan()
    data["units"][1]["short"] = name
    return data


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> DocxReader:
    out = tmp_path_factory.mktemp("widths") / "bao-cao.docx"
    return DocxReader(render(EXAMPLES / "bao-cao-nam-2023.yaml", out))


def _render(data: dict[str, Any], folder: Path) -> DocxReader:
    return DocxReader(render(plan_from_data(data), folder / "ke-hoach.docx"))


def test_the_figures_table_fits_trong_han_on_one_line(report: DocxReader) -> None:
    appendix_iii = report.sections[-1]
    table = report.tables[-1]
    assert "Trong hạn" in [c.text for c in table.rows[1].cells]
    column = [c.text for c in table.rows[1].cells].index("Trong hạn")
    # The second header row starts with two cells continued from the first (TT, Lĩnh vực).
    width = table.grid_cols[column]
    assert width >= word_twips("Trong", bold=True), (width, word_twips("Trong", bold=True))
    widths_add_up(table, text_width_twips(appendix_iii))


def test_every_column_of_every_appendix_holds_its_longest_word(report: DocxReader) -> None:
    for table in report.tables[2:]:  # after the header and the end block
        grid = table.grid_cols
        for row in table.rows:
            column = 0
            for cell in row.cells:
                if cell.grid_span == 1:
                    for p in cell.paragraphs:
                        for word in p.text.split():
                            assert grid[column] >= word_twips(word, bold=p.bold) - 2, (word, grid[column])
                column += cell.grid_span


def test_a_long_unit_name_widens_its_column(tmp_path: Path) -> None:
    doc = _render(_plan_with_partner(LONG_PARTNER), tmp_path)
    table = doc.tables[-1]
    width = table.grid_cols[PARTNER_COLUMN]
    assert width >= word_twips(LONG_PARTNER), (width, word_twips(LONG_PARTNER))
    widths_add_up(table, text_width_twips(doc.sections[-1]))
    plain = _render(minimal_plan(), tmp_path / "plain")
    assert plain.tables[-1].grid_cols[PARTNER_COLUMN] < width, "the column is wider than its share"
    # The other columns gave up the width, none below its own longest word.
    assert all(g >= word_twips("TT", bold=True) for g in table.grid_cols)


def test_a_word_wider_than_the_table_still_leaves_the_table_the_text_width(tmp_path: Path) -> None:
    doc = _render(_plan_with_partner("Đ" * 120), tmp_path)
    table = doc.tables[-1]
    widths_add_up(table, text_width_twips(doc.sections[-1]))
    assert all(g > 0 for g in table.grid_cols)


# --------------------------------------------------------------------------- kept together


def _group_rows(table: TableInfo) -> list[int]:
    return [i for i, row in enumerate(table.rows)
            if len(row.cells) == 1 and row.cells[0].grid_span == len(table.grid_cols)]


def test_group_rows_are_kept_with_the_next_row(report: DocxReader) -> None:
    plan = DocxReader(render(EXAMPLES / "ke-hoach.yaml", report.path.with_name("ke-hoach.docx")))
    for doc in (plan, report):
        for table in doc.tables[2:]:
            groups = _group_rows(table)
            for i, row in enumerate(table.rows):
                paragraphs = [p for c in row.cells for p in c.paragraphs]
                assert all(p.keep_next for p in paragraphs) == (i in groups), (i, row.texts)


def test_the_end_of_the_text_is_kept_with_the_signature_which_never_splits(report: DocxReader) -> None:
    main = report.sections[0]
    end_table = next(b for b in reversed(main.blocks) if isinstance(b, TableInfo))
    assert "Nơi nhận:" in end_table.rows[0].cells[0].text
    assert len(end_table.rows) == 1 and end_table.rows[0].cant_split
    before = main.blocks[main.blocks.index(end_table) - 1]
    assert isinstance(before, ParaInfo) and before.text.endswith("./.") and before.keep_next
    body = [b for b in main.blocks[:main.blocks.index(end_table) - 1] if isinstance(b, ParaInfo)]
    ordinary = [p for p in body if not p.bold and p.text]
    assert ordinary and not any(p.keep_next for p in ordinary), "only the last paragraph is kept"
