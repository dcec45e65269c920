"""The appendix table read into items — *bảng nhiệm vụ cụ thể*.

The header row is found by its titles in any column order (names close to TT,
Nội dung, Sản phẩm, Cơ quan chủ trì, phối hợp, Thời gian, Kinh phí; a two-row
header and a row of column numbers under it are read too); header rows repeated
on later pages are skipped. Merged cells are resolved on the table's grid: a
cell continued down (``vMerge``) belongs to the rows below it, a cell across
columns (``gridSpan``) covers them all, so an item's rows give its several
outputs and a row across the table (``I. CẢI CÁCH THỂ CHẾ``) starts a group.
"""

from __future__ import annotations

import re
from typing import Any

from ...model.deadline import Deadline
from ...problems import InvalidModel
from ._reader import Cell, Table
from ._words import Review, key

__all__ = ["COLUMNS", "find_header", "read_appendix_tables"]

COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("tt", "stt", "so tt", "so thu tu"),
    "content": ("noi dung", "nhiem vu", "ten nhiem vu", "noi dung nhiem vu", "noi dung cong viec"),
    "output": ("san pham", "ket qua", "hinh thuc san pham", "ket qua san pham"),
    "lead": ("chu tri", "co quan chu tri", "don vi chu tri", "bo phan chu tri"),
    "partners": ("phoi hop", "co quan phoi hop", "don vi phoi hop", "bo phan phoi hop"),
    "deadline": ("thoi gian", "thoi han", "thoi gian hoan thanh", "thoi han hoan thanh", "thoi gian thuc hien"),
    "budget": ("kinh phi", "nguon kinh phi", "kinh phi thuc hien"),
}


def _column_of(text: str) -> str | None:
    k = key(text)
    if not k:
        return None
    best: tuple[int, str] | None = None
    for name, forms in COLUMNS.items():
        for form in forms:
            if k == form or k.startswith(form + " ") or (len(form) > 3 and form in k):
                score = len(form) + (100 if k == form else 0)
                if best is None or score > best[0]:
                    best = (score, name)
    return best[1] if best else None


def _grid(table: Table) -> list[list[tuple[str, bool, Cell | None]]]:
    """Every row as one entry per grid column: (text, continued from above, the cell)."""
    width = max((c.column + c.span for row in table.rows for c in row), default=0)
    above: dict[int, str] = {}
    rows: list[list[tuple[str, bool, Cell | None]]] = []
    for row in table.rows:
        out: list[tuple[str, bool, Cell | None]] = [("", False, None)] * width
        for cell in row:
            text = above.get(cell.column, "") if cell.continues else cell.text
            for col in range(cell.column, cell.column + cell.span):
                out[col] = (text, cell.continues, cell)
                if not cell.continues:
                    above[col] = text
        rows.append(out)
    return rows


def find_header(table: Table) -> tuple[int, dict[str, int]] | None:
    """The last header row and the grid column of each field found."""
    grid = _grid(table)
    for r, row in enumerate(grid[:6]):
        found: dict[str, int] = {}
        for col, (text, _, _) in enumerate(row):
            name = _column_of(text)
            if name and name not in found:
                found[name] = col
        if {"content", "output"} <= set(found) or len({"number", "content", "lead", "deadline"} & set(found)) >= 3:
            last = r
            if r + 1 < len(grid):  # a second header row ("Chủ trì" | "Phối hợp" under "Cơ quan thực hiện")
                below = {}
                for col, (text, cont, _) in enumerate(grid[r + 1]):
                    name = _column_of(text) if not cont else None
                    if name:
                        below[name] = col
                if below and all(not t or not t.strip().isdigit() for t, _, _ in grid[r + 1]) and \
                        not any(t and re.match(r"^\d+$", t.strip()) for t, _, _ in grid[r + 1][:1]):
                    for name, col in below.items():
                        found[name] = col
                    last = r + 1
            return last, found
    return None


def _is_numbering_row(row: list[tuple[str, bool, Cell | None]]) -> bool:
    texts = [t.strip() for t, _, _ in row if t.strip()]
    return len(texts) >= 3 and all(re.fullmatch(r"\(?\d+\)?", t) for t in texts)


_GROUP = re.compile(r"^(?P<roman>[IVXLC]+)\s*[.)/-]?\s+(?P<title>\S.*)$", re.S)
_AMOUNT = re.compile(r"^(?P<n>\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:đồng|đ|VNĐ|VND)?$", re.I)
_MILLION = re.compile(r"^(?P<n>\d+(?:[.,]\d+)?)\s*triệu(?: đồng)?$", re.I)


def budget_of(text: str) -> dict[str, Any]:
    """A budget cell: an amount in đồng when it is one, the words otherwise."""
    one = " ".join(text.split())
    m = _AMOUNT.match(one)
    if m and ("." in m["n"] or "," in m["n"] or re.search(r"đồng|đ\b", one, re.I)):
        return {"amount": int(re.sub(r"[.,]", "", m["n"]))}
    return {"text": one}


def deadline_of(text: str, year: int | None, where: str, review: Review) -> str:
    """A deadline cell in one of the model's forms; a guess is said in the review."""
    one = " ".join(text.split())
    try:
        return Deadline(one).text
    except InvalidModel:
        pass
    fixes = [
        (r"^quý\s+([IV]+)\s*(?:năm\s*)?(\d{4})$", r"Quý \1/\2"),
        (r"^tháng\s+(\d{1,2})\s*(?:năm\s*)?(\d{4})$", r"Tháng \1/\2"),
        (r"^(?:trước|chậm nhất)\s+(?:ngày\s+)?(\d{1,2}/\d{1,2}/\d{4})$", r"Trước \1"),
        (r"^(?:cả năm|năm|trong năm|hàng năm)$", f"Năm {year}" if year else ""),
        (r"^(?:thường xuyên|liên tục|hằng ngày|hàng ngày|hàng tháng|hàng quý)$", "Thường xuyên"),
    ]
    for pattern, replacement in fixes:
        if replacement and re.match(pattern, one, re.I):
            guess = re.sub(pattern, replacement, one, flags=re.I)
            try:
                fixed = Deadline(guess).text
            except InvalidModel:
                continue
            review.add(where, f'thời hạn "{one}" được đọc là "{fixed}"')
            return fixed
    fallback = f"Năm {year}" if year else "Thường xuyên"
    review.add(where, f'thời hạn "{one}" không thuộc dạng nào đã biết; tạm ghi "{fallback}", hãy sửa')
    return fallback


def read_appendix_tables(tables: list[Table], year: int | None, review: Review) -> list[dict[str, Any]] | None:
    """Groups of items (as data, lead and partners as the cells' words) from the appendix tables."""
    groups: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    item: dict[str, Any] | None = None
    previous_budget: dict[str, Any] | None = None
    header_texts: list[list[str]] = []
    columns: dict[str, int] | None = None
    found_any = False
    for table in tables:
        header = find_header(table)
        grid = _grid(table)
        start = 0
        if header is not None:
            last, found = header
            columns = found
            header_texts = [[key(t) for t, _, _ in row] for row in grid[:last + 1]]
            start = last + 1
        if columns is None:
            continue
        found_any = True
        for r in range(start, len(grid)):
            row = grid[r]
            texts = [t for t, _, _ in row]
            if [key(t) for t in texts] in header_texts or _is_numbering_row(row):
                continue  # a header repeated on a later page
            if not any(t.strip() for t in texts):
                continue
            where = f"bảng {table.number}, dòng {r + 1}"
            cells = {name: row[col] for name, col in columns.items() if col < len(row)}
            first_cell = row[0][2]
            spans_all = first_cell is not None and first_cell.span >= len(row) - 1 and len(
                {id(c) for _, _, c in row if c is not None}) <= 2
            group_match = _GROUP.match(" ".join(texts[0].split())) if texts[0] else None
            first_text = " ".join(texts[0].split())
            no_output = not cells.get("output", ("", False, None))[0].strip()
            content_text = " ".join(cells["content"][0].split()) if "content" in cells else ""
            if re.fullmatch(r"[IVXLC]+\.?", first_text) and no_output and content_text:
                group_match = _GROUP.match(f"{first_text.rstrip('.')}. {content_text}")
                texts = [f"{first_text.rstrip('.')}. {content_text}", *texts[1:]]
            if spans_all or (group_match and no_output):
                title = " ".join(texts[0].split())
                m = _GROUP.match(title)
                current = {"title": m["title"] if m else title, "items": []}
                if m is None:
                    review.add(where, f'dòng nhóm "{title}" không có số La Mã; đã đọc là tên nhóm')
                groups.append(current)
                item = None
                previous_budget = None
                continue

            def value(name: str, cells: dict[str, tuple[str, bool, Cell | None]] = cells) -> tuple[str, bool]:
                if name not in cells:
                    return "", False
                text, cont, _ = cells[name]
                return text, cont

            tt, tt_cont = value("number")
            new_item = bool(tt.strip()) and not tt_cont and (item is None or tt.strip() != str(item["number"]))
            if item is None and not new_item:
                if not tt.strip() and value("content")[0].strip():
                    new_item = True
                else:
                    review.add(where, "dòng không thuộc nhiệm vụ nào (không có TT); đã bỏ qua: "
                               + " | ".join(t for t in texts if t.strip())[:80])
                    continue
            output_text, _ = value("output")
            deadline_text, deadline_cont = value("deadline")
            if new_item:
                if current is None:
                    current = {"title": "NHIỆM VỤ", "items": []}
                    groups.append(current)
                    review.add(where, 'bảng không có dòng nhóm ("I. …"): đặt các nhiệm vụ vào nhóm "NHIỆM VỤ"')
                number = int(tt.strip().rstrip(".")) if tt.strip().rstrip(".").isdigit() else None
                if number is None:
                    number = (item["number"] + 1) if item else 1
                    review.add(where, f'TT "{tt}" không phải số; đánh số {number}')
                content, _ = value("content")
                lead, _ = value("lead")
                partners, _ = value("partners")
                budget, budget_cont = value("budget")
                item = {"number": number, "content": content or "…", "outputs": [],
                        "lead": " ".join(lead.split()) or "…", "where": where}
                if not content:
                    review.add(where, "nhiệm vụ không có nội dung; hãy điền")
                if not lead.strip():
                    review.add(where, "nhiệm vụ không có cơ quan chủ trì; hãy điền")
                if partners.strip():
                    item["partners"] = " ".join(partners.split())
                if budget_cont and previous_budget is not None:
                    item["budget"] = previous_budget
                elif budget.strip():
                    item["budget"] = budget_of(budget)
                previous_budget = item.get("budget")
                current["items"].append(item)
                tt_cont = False
            assert item is not None
            output: dict[str, Any] = {"text": output_text.strip() or "…"}
            if not output_text.strip():
                review.add(where, "dòng không có sản phẩm; hãy điền")
            if deadline_text.strip() and not (deadline_cont and not new_item):
                output["deadline"] = deadline_of(deadline_text, year, where, review)
            elif new_item:
                output["deadline"] = deadline_of(deadline_text or "", year, where, review) \
                    if deadline_text.strip() else f"Năm {year}"
                if not deadline_text.strip():
                    review.add(where, f'nhiệm vụ không có thời hạn; tạm ghi "Năm {year}"')
            item["outputs"].append(output)
    if not found_any:
        return None
    return [g for g in groups if g["items"]]
