"""The whole text of the real plan (the seed) is in the rendered document, in order.

The expected text is built from the seed file itself — the plan as published,
in markdown with a tab-separated appendix — not from the YAML the document is
rendered from, so a word lost or changed anywhere between the two shows up.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from cchc_plan.render import render_plan

from docx_reading import DocxReader, ParaInfo, RowInfo, TableInfo, normalise_space

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_996a7f7def285a8b.txt"

BUDGET = "Theo dự toán ngân sách hàng năm"


# --------------------------------------------------------------------------- the seed


def strip_markup(text: str) -> str:
    """Markdown and HTML emphasis removed: ``**``, ``*``, heading ``#``, ``<b>…</b>``."""
    text = re.sub(r"</?(b|i|strong|em)>", "", text)
    text = re.sub(r"^\s*#+\s*", "", text)
    text = text.replace("**", "").replace("*", "")
    return normalise_space(text)


def _is_markup_heading(raw: str) -> bool:
    s = raw.strip()
    return s.startswith("#") or (s.startswith("**") and s.endswith("**"))


def seed_body_paragraphs(lines: list[str]) -> list[str]:
    """The body's paragraphs, markup stripped, page-break splits joined again.

    A page break in the source left a paragraph cut mid-sentence: the piece ends
    without final punctuation and the next piece starts in lower case or with a
    digit (``… đô thị thông`` / ``minh, xây dựng …``).
    """
    start = next(i for i, line in enumerate(lines) if line.startswith("Thực hiện Quyết định số 3134"))
    end = next(i for i, line in enumerate(lines) if line.rstrip().endswith("để theo dõi ./."))
    blocks: list[list[str]] = [[]]
    for line in lines[start:end + 1]:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    raw = [" ".join(b) for b in blocks if b]
    out: list[str] = []
    previous_raw = ""
    for piece in raw:
        text = strip_markup(piece)
        if (out and not _is_markup_heading(previous_raw)
                and not re.search(r"[.;:!?)”\"]$", out[-1])
                and re.match(r"[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ0-9]",
                             text)):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
        previous_raw = piece
    return out


def sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;:!?])\s+", paragraph) if s]


def seed_recipients(lines: list[str]) -> list[str]:
    i = next(i for i, line in enumerate(lines) if "Nơi nhận:" in line)
    out = []
    for line in lines[i + 1:]:
        if line.strip().startswith("- "):
            out.append(strip_markup(line))
        elif out:
            break
    return out


def seed_signer(lines: list[str]) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("- Lưu:"))
    end = next(i for i, line in enumerate(lines) if strip_markup(line) == "PHỤ LỤC")
    return [strip_markup(line) for line in lines[start + 1:end] if strip_markup(line)]


def seed_appendix_heading(lines: list[str]) -> list[str]:
    start = next(i for i, line in enumerate(lines) if strip_markup(line) == "PHỤ LỤC")
    end = next(i for i, line in enumerate(lines) if line.startswith("TT\t"))
    return [strip_markup(line) for line in lines[start:end] if strip_markup(line)]


def seed_table(lines: list[str]) -> list[tuple[str, list[list[str]]]]:
    """The appendix as (group title, items), each item its rows of 7 cells, splits joined."""
    start = next(i for i, line in enumerate(lines) if line.startswith("TT\t"))
    groups: list[tuple[str, list[list[list[str]]]]] = []
    for line in lines[start + 1:]:
        if "\t" not in line:
            continue  # a blank line: a page break in the source
        cells = [strip_markup(c) for c in line.split("\t")]
        cells = (cells + [""] * 7)[:7]
        if re.fullmatch(r"[IVX]+\. .+", cells[0]) and not any(cells[1:]):
            groups.append((cells[0], []))
        elif cells[0]:
            groups[-1][1].append([cells])
        elif cells[1]:  # a row cut by a page break: its pieces continue the row above
            above = groups[-1][1][-1][-1]
            for k, piece in enumerate(cells):
                if piece:
                    above[k] = f"{above[k]} {piece}".strip()
        else:  # the item's next output
            groups[-1][1][-1].append(cells)
    return groups


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    if not SEED.is_file():
        pytest.skip(f"the seed plan {SEED} is not available on this machine")
    text = SEED.read_text(encoding="utf-8")
    return unicodedata.normalize("NFC", text).splitlines()


# --------------------------------------------------------------------------- the document


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> DocxReader:
    out = tmp_path_factory.mktemp("text") / "ke-hoach.docx"
    render_plan(EXAMPLE, out)
    return DocxReader(out)


@pytest.fixture(scope="module")
def body(doc: DocxReader) -> list[str]:
    """The document's body paragraphs: after the subject's rule, before the end block."""
    blocks = doc.sections[0].blocks
    rule = next(i for i, b in enumerate(blocks)
                if isinstance(b, ParaInfo) and b.bottom_border is not None and i > 1)
    end = max(i for i, b in enumerate(blocks) if isinstance(b, TableInfo))
    return [normalise_space(b.text) for b in blocks[rule + 1:end]
            if isinstance(b, ParaInfo) and b.text.strip()]


@pytest.fixture(scope="module")
def end_cells(doc: DocxReader) -> tuple[list[str], list[str]]:
    end = [b for b in doc.sections[0].blocks if isinstance(b, TableInfo)][-1]
    left, right = end.rows[0].cells
    return ([normalise_space(p.text) for p in left.paragraphs if p.text.strip()],
            [normalise_space(p.text) for p in right.paragraphs if p.text.strip()])


@pytest.fixture(scope="module")
def appendix_table(doc: DocxReader) -> TableInfo:
    return [b for b in doc.sections[1].blocks if isinstance(b, TableInfo)][0]


def doc_items(table: TableInfo) -> list[tuple[str, list[list[RowInfo]]]]:
    """The rendered appendix as (group title, items), each item its rows."""
    groups: list[tuple[str, list[list[RowInfo]]]] = []
    for row in table.rows[1:]:
        if len(row.cells) == 1:
            groups.append((normalise_space(row.cells[0].text), []))
        elif row.cells[0].is_continuation:
            groups[-1][1][-1].append(row)
        else:
            groups[-1][1].append([row])
    return groups


def printed_cells(rows: list[RowInfo]) -> list[str]:
    """The cells an item prints, row by row: merged continuations and empty cells left out."""
    return [normalise_space(c.text) for r in rows for c in r.cells
            if not c.is_continuation and c.text.strip()]


def find_in_order(haystack: str, needles: list[str]) -> list[str]:
    """The needles not found in ``haystack`` after the previous one (greedy, in order)."""
    missing = []
    pos = 0
    for needle in needles:
        at = haystack.find(needle, pos)
        if at < 0:
            missing.append(needle)
        else:
            pos = at + len(needle)
    return missing


# --------------------------------------------------------------------------- tests


def test_seed_parsing_finds_the_whole_plan(seed_lines: list[str]) -> None:
    # The parser of the seed is part of the test: check it found what the plan has.
    paragraphs = seed_body_paragraphs(seed_lines)
    assert paragraphs[0].startswith("Thực hiện Quyết định số 3134/QĐ-UBND")
    assert paragraphs[-1].endswith("để theo dõi ./.")
    assert any("đô thị thông minh, xây dựng nền hành chính phục vụ Nhân dân" in p for p in paragraphs)
    assert any("Nghị định số 143/2020/NĐ-CP của Chính phủ" in p for p in paragraphs)
    assert len(seed_recipients(seed_lines)) == 8
    groups = seed_table(seed_lines)
    assert len(groups) == 7 and sum(len(items) for _, items in groups) == 27


def test_every_sentence_of_the_body_is_in_the_document_in_order(
        seed_lines: list[str], body: list[str]) -> None:
    expected = [s for p in seed_body_paragraphs(seed_lines) for s in sentences(p)]
    assert len(expected) > 150
    missing = find_in_order(" ".join(body), expected)
    assert not missing, f"{len(missing)} sentences missing or out of order, first: {missing[:3]}"


def test_body_paragraphs_match_the_seed_one_for_one(seed_lines: list[str], body: list[str]) -> None:
    expected = seed_body_paragraphs(seed_lines)
    for n, (want, got) in enumerate(zip(expected, body, strict=False)):
        assert got == want, f"paragraph {n}"
    assert len(body) == len(expected)


def test_recipients(seed_lines: list[str], end_cells: tuple[list[str], list[str]]) -> None:
    left, _ = end_cells
    assert left[0] == "Nơi nhận:"
    assert left[1:] == seed_recipients(seed_lines)


def test_signer(seed_lines: list[str], end_cells: tuple[list[str], list[str]]) -> None:
    _, right = end_cells
    assert right == seed_signer(seed_lines) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                                                 "Dương Quang Hùng"]


def test_appendix_heading_title_reference(seed_lines: list[str], doc: DocxReader) -> None:
    paragraphs = [normalise_space(b.text) for b in doc.sections[1].blocks
                  if isinstance(b, ParaInfo) and b.text.strip()]
    heading, *rest = seed_appendix_heading(seed_lines)
    # The seed prints "PHỤ LỤC"; the decree (nd30 §2) writes the word in lower case.
    assert heading == "PHỤ LỤC" and paragraphs[0] == "Phụ lục"
    assert paragraphs[1:3] == rest


def test_appendix_header_row(seed_lines: list[str], appendix_table: TableInfo) -> None:
    start = next(line for line in seed_lines if line.startswith("TT\t"))
    assert [normalise_space(c.text) for c in appendix_table.rows[0].cells] == \
        [strip_markup(c) for c in start.split("\t")]


def test_appendix_groups_and_items_in_order(seed_lines: list[str],
                                            appendix_table: TableInfo) -> None:
    seed = seed_table(seed_lines)
    rendered = doc_items(appendix_table)
    assert [g for g, _ in rendered] == [g for g, _ in seed]
    for (title, seed_items), (_, doc_rows) in zip(seed, rendered, strict=True):
        assert [i[0][0] for i in seed_items] == \
            [normalise_space(rows[0].cells[0].text) for rows in doc_rows], title


def test_every_appendix_cell_is_in_the_table(seed_lines: list[str],
                                             appendix_table: TableInfo) -> None:
    seed = seed_table(seed_lines)
    rendered = doc_items(appendix_table)
    for (title, seed_items), (_, doc_rows) in zip(seed, rendered, strict=True):
        previous_budget = None
        for rows, rendered_rows in zip(seed_items, doc_rows, strict=True):
            number = rows[0][0]
            expected = [c for r in rows for c in r if c]
            budget = rows[0][6]
            # A budget equal to the item above's is printed once, in a cell merged over both.
            if budget and budget == previous_budget:
                expected.remove(budget)
            previous_budget = budget or None
            assert printed_cells(rendered_rows) == expected, f"{title}, item {number}"
            assert len(rendered_rows) == len(rows), f"item {number}: one row per output"


def test_the_shared_budget_is_one_cell_over_items_1_and_2(seed_lines: list[str],
                                                          appendix_table: TableInfo) -> None:
    seed_items = [i for _, items in seed_table(seed_lines) for i in items]
    with_budget = [i[0][0] for i in seed_items if i[0][6] == BUDGET]
    assert with_budget == ["1", "2"]
    rows = appendix_table.rows
    starts = [k for k, r in enumerate(rows) if len(r.cells) == 7 and
              not r.cells[6].is_continuation and normalise_space(r.cells[6].text) == BUDGET]
    assert len(starts) == 1, "the budget text is printed once"
    span = [rows[starts[0]]]
    k = starts[0] + 1
    while k < len(rows) and len(rows[k].cells) == 7 and rows[k].cells[6].is_continuation:
        span.append(rows[k])
        k += 1
    items = rendered_item_numbers(appendix_table, span)
    assert items == ["1", "2", "2"], "the merged cell covers exactly the rows of items 1 and 2"


def rendered_item_numbers(table: TableInfo, span: list[RowInfo]) -> list[str]:
    """The item number of each row in ``span`` (a continuation row belongs to the item above)."""
    numbers = []
    current = None
    for row in table.rows[1:]:
        if len(row.cells) == 7 and not row.cells[0].is_continuation:
            current = normalise_space(row.cells[0].text)
        if any(row is r for r in span):
            numbers.append(current)
    return numbers


def test_every_text_is_nfc_and_vietnamese(doc: DocxReader) -> None:
    texts = doc.all_text_elements()
    assert len(texts) > 300
    decomposed = [t for t in texts if not unicodedata.is_normalized("NFC", t)]
    assert not decomposed, decomposed[:3]
    joined = "".join(texts)
    assert not any(unicodedata.combining(ch) for ch in joined), "no loose combining marks"
    for word in ("Ủy ban nhân dân", "Độc lập - Tự do - Hạnh phúc", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA",
                 "Dương Quang Hùng", "Thời gian hoàn thành"):
        assert word in joined
