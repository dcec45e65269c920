"""A whole plan read from a .docx body — *ghép các phần*: header, title, body, end block, appendix."""

from __future__ import annotations

import re
from typing import Any

import attrs

from ...model.plan import DocType, DocumentNumber
from ...problems import InputError, InvalidModel, Problem
from ._appendix import find_header, read_appendix_tables
from ._front import agency_data, doc_type, is_end, read_end, read_header, signer_data, title_index
from ._plan import read_plan_body
from ._reader import Block, Body, Para, Table
from ._units import Units
from ._words import Review, key, label_of

__all__ = ["Parts", "plan_data"]


class Parts:
    """The document cut into its parts."""

    def __init__(self, body: Body, source: str, review: Review) -> None:
        blocks = body.blocks
        t = title_index(blocks)
        if t is None:
            raise InputError(source, [Problem(path="", rule=(
                "không thấy dòng tên loại văn bản (KẾ HOẠCH, BÁO CÁO …) ở đầu văn bản: tệp này không phải "
                "kế hoạch hay báo cáo theo Nghị định 30/2020, chưa thể nhập"))])
        title = blocks[t]
        assert isinstance(title, Para)
        self.doc_type = doc_type(title.text)
        self.header = read_header(blocks[:t], review)
        lines = title.text.split("\n")[1:]
        i = t + 1
        while i < len(blocks):
            b = blocks[i]
            centred_plain = isinstance(b, Para) and not b.bold and b.align == "center" and not lines and i == t + 1
            if not isinstance(b, Para) or not (b.bold or centred_plain) or label_of(b.text).scheme != "none" \
                    or key(b.text).startswith("kinh gui"):
                break
            if centred_plain:
                review.add(b.where, "trích yếu không in đậm: đã đọc đoạn căn giữa dưới tên loại văn bản là trích yếu")
            lines.extend(b.text.split("\n"))
            i += 1
        self.subject = "\n".join(lines)
        self.title_where = title.where
        self.addressees: list[str] = []
        while (p := _para(blocks, i)) is not None and (
                key(p.text).startswith("kinh gui") or (self.addressees and p.text.startswith("-"))):
            rest = p.text.split(":", 1)[1] if key(p.text).startswith("kinh gui") and ":" in p.text else p.text
            self.addressees.append(rest.strip().lstrip("-").strip().rstrip(";.").strip())
            i += 1
        end = next((k for k in range(i, len(blocks)) if is_end(blocks[k])), None)
        self.body: list[Block] = list(blocks[i:end if end is not None else len(blocks)])
        self.end_blocks: list[Block] = []
        self.appendix: list[Block] = []
        if end is not None:
            k = end + 1
            self.end_blocks = [blocks[end]]
            table_end = isinstance(blocks[end], Table)
            while (p := _para(blocks, k)) is not None and not key(p.text).startswith("phu luc") and (
                    not table_end or (p.bold and len(p.text) < 40)):  # after a table: a name typed under it
                self.end_blocks.append(p)
                k += 1
            self.appendix = list(blocks[k:])
        else:
            review.add("", 'không thấy phần "Nơi nhận" và chữ ký; hãy điền recipients và signer')
        self._drop_closing_mark()
        # a task table typed in the body (no separate appendix): read it as the appendix
        if not any(isinstance(b, Table) for b in self.appendix):
            moved = [b for b in self.body if isinstance(b, Table) and find_header(b) is not None]
            if moved:
                self.body = [b for b in self.body if b not in moved]
                self.appendix = [*self.appendix, *moved]


    def _drop_closing_mark(self) -> None:
        """The "./." the writer adds after the last sentence ("… giải quyết./."), taken off again."""
        for n in range(len(self.body) - 1, -1, -1):
            last = self.body[n]
            if isinstance(last, Para):
                text = last.raw.rstrip()
                if text.endswith("./.") and not text.endswith(" ./.") and last.pieces:
                    piece = last.pieces[-1]
                    trimmed = piece.text.rstrip()
                    if trimmed.endswith("/."):
                        pieces = (*last.pieces[:-1], attrs.evolve(piece, text=trimmed[:-2]))
                        self.body[n] = attrs.evolve(last, pieces=pieces)
                return


def _para(blocks: tuple[Block, ...], i: int) -> Para | None:
    """The block at ``i`` when it is a paragraph."""
    if i < len(blocks):
        b = blocks[i]
        return b if isinstance(b, Para) else None
    return None


def _appendix_front(blocks: list[Block], review: Review) -> tuple[dict[str, Any], list[Table], str | None]:
    heading = "Phụ lục"
    title: list[str] = []
    reference = None
    tables: list[Table] = []
    for b in blocks:
        if isinstance(b, Table):
            tables.append(b)
            continue
        text = b.text
        k = key(text)
        if k.startswith("phu luc") and not title and reference is None:
            heading = text[:1].upper() + text[1:].lower() if text == text.upper() else text
            continue
        if text.startswith("(") and "kèm theo" in text.lower():
            reference = text
            continue
        if not tables and reference is None:
            title.extend(text.split("\n"))
        else:
            review.add(b.where, f'đoạn "{text[:50]}" trong phụ lục, ngoài bảng: chưa đọc vào kế hoạch')
    short = None
    if reference:
        m = re.search(r"\bcủa\s+(.+?)\)?\.?$", reference)
        if m:
            short = m.group(1).strip().rstrip(")")
    data = {"heading": heading, "title": "\n".join(title)}
    return data, tables, short


def plan_data(parts: Parts, source: str, review: Review) -> dict[str, Any]:
    """The plan's data (in the YAML format) from its parts."""
    header = parts.header
    if header.number is None:
        review.add(header.where, 'không thấy dòng "Số: …/KH-…"; ghi là bản dự thảo "/KH-UBND"')
        number_text = f"/{(parts.doc_type or DocType.PLAN).value}-UBND"
    else:
        number_text = header.number
    try:
        number = DocumentNumber.parse(number_text)
    except InvalidModel as e:
        raise InputError(source, [Problem(path="number", value=number_text, rule=e.problems[0].rule)]) from None
    if parts.doc_type is not None and number.type is not parts.doc_type:
        review.add(header.where, f'số ký hiệu "{number}" không cùng loại với tên văn bản "{parts.doc_type.title}"')
    code = number.issuer_code.split("-")[0]
    years = re.findall(r"năm (\d{4})", parts.subject)
    year = int(years[-1]) if years else header.year or (header.date.year if header.date else None)
    appendix_front, tables, short_name = _appendix_front(parts.appendix, review)
    if year is None:
        review.add(parts.title_where, "không thấy năm kế hoạch trong trích yếu; hãy điền year")
        year = 2000
    data: dict[str, Any] = {"issuer": agency_data(header, code, short_name, review),
                            "number": str(number) if number.serial is not None else f"/{number.symbol}"}
    if header.date is not None:
        data["date"] = header.date
    data["year"] = year
    data["subject"] = parts.subject or "…"
    if not parts.subject:
        review.add(parts.title_where, "không thấy trích yếu dưới tên loại văn bản; hãy điền subject")
    paras: list[Para] = []
    for b in parts.body:
        if isinstance(b, Table):
            review.add(b.where, "bảng trong thân kế hoạch: đọc từng ô như một đoạn văn; hãy xem lại")
            paras.extend(b.paragraphs())
        else:
            paras.append(b)
    body = read_plan_body(paras, review)
    units = Units(review)
    for duty in body["implementation"].get("duties", []):
        duty["unit"] = units.from_duty(duty["unit"])
    groups = read_appendix_tables(tables, year, review) if tables else None
    if groups:
        for group in groups:
            from ._plan import area_kind

            kind = area_kind(group["title"])
            if kind is not None:
                group["kind"] = kind.value
            for item in group["items"]:
                where = item.pop("where")
                item["lead"] = units.assignment(item["lead"], where)
                if "partners" in item:
                    item["partners"] = units.assignment(item["partners"], where)
        if not appendix_front["title"]:
            appendix_front["title"] = f"NHIỆM VỤ CỤ THỂ TRIỂN KHAI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM {year}"
            review.add(tables[0].where, "phụ lục không có tên; đặt tên mặc định")
    ordered: dict[str, Any] = {**data, "opening": body.pop("opening")}
    if "headings" in body:
        ordered["headings"] = body.pop("headings")
    ordered["objectives"] = body.pop("objectives")
    ordered["requirements"] = body.pop("requirements")
    if units.units:
        ordered["units"] = units.units
    ordered["areas"] = body.pop("areas")
    if "tasks_note" in body:
        ordered["tasks_note"] = body.pop("tasks_note")
    ordered["implementation"] = body.pop("implementation")
    end = read_end(parts.end_blocks, review) if parts.end_blocks else None
    if end is not None:
        ordered["recipients"] = list(end.recipients) or ["…"]
        if not end.recipients:
            review.add(end.where, 'không đọc được dòng "Nơi nhận" nào; hãy điền recipients')
        if end.archive != "VT":
            ordered["archive"] = end.archive
        ordered["signer"] = signer_data(end, review)
    else:
        ordered["recipients"] = ["…"]
        ordered["signer"] = {"position": "CHỦ TỊCH", "name": "…"}
    if groups:
        ordered["appendix"] = {"title": appendix_front["title"], "groups": groups}
        if appendix_front["heading"] != "Phụ lục":
            ordered["appendix"]["heading"] = appendix_front["heading"]
    ordered.update(body)
    return ordered
