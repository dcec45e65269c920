"""The parts around the body — *phần đầu và phần cuối*: header, title, end block.

The header may be a borderless table of any shape, tab-aligned paragraphs or
text boxes: its lines are recognised by what they say (Quốc hiệu, Tiêu ngữ,
``Số: …``, the place and date line), whatever cell they sit in; the agency's
lines are what is left, in capitals. The end block is read the same way: the
``Nơi nhận:`` lines, the ``Lưu:`` line, the authority lines and the name.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import attrs

from ...model.plan import DocType
from ...vnformat import upper
from ._reader import Block, Para, Table
from ._words import Review, key, title_case

__all__ = ["EndPart", "HeaderPart", "read_end", "read_header", "title_index"]

_TITLES = {key(t.title): t for t in DocType}
_NATIONAL = re.compile(r"C[ỘO]NG\s+H(?:ÒA|OÀ|OA)\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM", re.I)
_MOTTO = re.compile(r"Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc", re.I)
_NUMBER = re.compile(r"Số\s*:?\s*(?P<number>\d*\s*/\s*[^\s,;]+)", re.I)
_PLACE_DATE = re.compile(
    r"(?P<place>[^\t,]+?)\s*,\s*ngày\s*(?P<day>\d{1,2}|[. …]*?)\s*tháng\s*(?P<month>\d{1,2}|[. …]*?)\s*"
    r"năm\s*(?P<year>\d{4})", re.I)
_LEVELS = {"xa": "commune", "phuong": "commune", "thi tran": "commune", "dac khu": "commune",
           "huyen": "district", "quan": "district", "thi xa": "district", "thanh pho": "district",
           "tinh": "province"}


@attrs.frozen
class HeaderPart:
    """What the header says."""

    agency: tuple[str, ...]
    parent: str | None
    number: str | None
    place: str | None
    date: _dt.date | None
    year: int | None
    where: str


def _segments(block: Block) -> list[tuple[str, bool, str]]:
    """The header's lines: (text, bold, where), tab-aligned paragraphs split at their tabs."""
    out: list[tuple[str, bool, str]] = []
    paras = list(block.paragraphs()) if isinstance(block, Table) else [block]
    for p in paras:
        for line in p.raw.split("\n"):
            for part in re.split(r"\t+", line):
                text = " ".join(part.split())
                if text:
                    out.append((text, p.bold, p.where))
    return out


def title_index(blocks: tuple[Block, ...], limit: int = 25) -> int | None:
    """The index of the title line (``KẾ HOẠCH``, ``BÁO CÁO`` …) among the first blocks."""
    for i, block in enumerate(blocks[:limit]):
        if isinstance(block, Para):
            first = block.text.split("\n")[0]
            if key(first) in _TITLES and first == upper(first):
                return i
    return None


def doc_type(title: str) -> DocType | None:
    return _TITLES.get(key(title.split("\n")[0]))


def read_header(blocks: tuple[Block, ...], review: Review) -> HeaderPart:
    lines: list[tuple[str, bool, str]] = []
    for block in blocks:
        lines.extend(_segments(block))
    agency: list[tuple[str, bool]] = []
    number = place = None
    date = None
    year = None
    where = lines[0][2] if lines else "đầu văn bản"
    for text, bold, at in lines:
        rest = text
        m = _NUMBER.search(rest)
        if m and number is None:
            number = "".join(m["number"].split())
            rest = (rest[:m.start()] + " " + rest[m.end():]).strip()
        m = _PLACE_DATE.search(rest)
        if m and place is None:
            place = " ".join(m["place"].split())
            year = int(m["year"])
            if m["day"].isdigit() and m["month"].isdigit():
                try:
                    date = _dt.date(year, int(m["month"]), int(m["day"]))
                except ValueError:
                    review.add(at, f'ngày "{m.group(0)}" không tồn tại; để trống ngày ban hành')
            rest = (rest[:m.start()] + " " + rest[m.end():]).strip()
        rest = _NATIONAL.sub(" ", rest)
        rest = _MOTTO.sub(" ", rest)
        rest = " ".join(rest.split()).strip("-–—_=. ")
        if not any(c.isalpha() for c in rest):
            continue  # a rule under the agency's name or the motto
        if rest == upper(rest):
            agency.append((rest, bold))
        elif rest:
            review.add(at, f'dòng "{rest}" ở phần đầu văn bản không nhận ra (không phải tên cơ quan, số, ngày); '
                           "đã bỏ qua")
    parent = None
    if len(agency) >= 2 and not agency[0][1] and all(b for _, b in agency[1:]):
        parent = agency[0][0]
        agency = agency[1:]
    return HeaderPart(agency=tuple(t for t, _ in agency), parent=parent, number=number, place=place,
                      date=date, year=year, where=where)


def agency_data(header: HeaderPart, code: str, short_name: str | None, review: Review) -> dict[str, Any]:
    """The issuer's fields from its header lines: name, short name, level, place."""
    lines = list(header.agency) or ["ỦY BAN NHÂN DÂN"]
    words = [title_case(line, first=i == 0) for i, line in enumerate(lines)]
    name = " ".join(words)
    level = "commune"
    tail = key(" ".join(lines[1:])) if len(lines) > 1 else key(lines[0])
    for word, value in sorted(_LEVELS.items(), key=lambda kv: -len(kv[0])):
        if tail.startswith(word + " ") or f" {word} " in f" {tail} ":
            level = value
            break
    if short_name is None:
        short_name = name.replace("Ủy ban nhân dân", "UBND").replace("Hội đồng nhân dân", "HĐND")
        review.add(header.where, f'tên viết tắt của cơ quan "{short_name}" suy ra từ tên đầy đủ; hãy xem lại')
    place = header.place
    if place is None:
        place = words[-1].split(" ", 1)[-1] if len(words) > 1 else "…"
        review.add(header.where, f'không thấy dòng địa danh, ngày tháng; lấy địa danh "{place}" từ tên cơ quan')
    data: dict[str, Any] = {"name": name, "short_name": short_name, "code": code, "level": level, "place": place}
    if tuple(lines) != (upper(name),):
        data["header"] = lines
    if header.parent:
        data["parent"] = header.parent
    return data


@attrs.frozen
class EndPart:
    recipients: tuple[str, ...]
    archive: str
    authority: tuple[str, ...]
    name: str | None
    as_above: bool
    where: str


def is_end(block: Block) -> bool:
    """The end block starts here: ``Nơi nhận:`` (in a table cell or a paragraph)."""
    paras = list(block.paragraphs()) if isinstance(block, Table) else [block]
    return any(key(p.text).startswith("noi nhan") for p in paras)


def read_end(blocks: list[Block], review: Review) -> EndPart:
    left: list[str] = []
    right: list[tuple[str, bool]] = []
    where = ""
    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    paras = list(cell.paras)
                    side_left = any(key(p.text).startswith("noi nhan") for p in paras) or \
                        any(p.text.startswith("-") for p in paras)
                    for p in paras:
                        where = where or p.where
                        for line in p.text.split("\n"):
                            (left.append(line) if side_left else right.append((line, p.bold)))
        else:
            where = where or block.where
            for line in block.raw.split("\n"):
                for part in re.split(r"\t+", line):
                    text = " ".join(part.split())
                    if not text:
                        continue
                    if key(text).startswith("noi nhan") or text.startswith(("-", "–", "+")):
                        left.append(text)
                    else:
                        right.append((text, block.bold))
    recipients: list[str] = []
    archive = "VT"
    as_above = False
    for line in left:
        k = key(line)
        if k.startswith("noi nhan"):
            rest = line.split(":", 1)[1].strip() if ":" in line else ""
            if rest:
                left.append(rest)
            continue
        text = line.lstrip("-–+ ").rstrip(";.,").strip()
        if not text:
            continue
        if k.startswith("luu"):
            archive = text.split(":", 1)[1].strip().rstrip(".") if ":" in text else text[3:].strip()
        elif key(text) == "nhu tren":
            as_above = True
        else:
            recipients.append(text)
    lines = [t for t, _ in right if t.strip() and not re.fullmatch(r"\(?(?:đã ký|đã ký và đóng dấu|ký tên, đóng dấu|"
                                                                   r"chữ ký số|ký số)[^)]*\)?", t.strip(), re.I)]
    name = None
    if lines:
        name = lines[-1]
        lines = lines[:-1]
        if name == upper(name) and len(lines) == 0:
            review.add(where, f'không thấy họ tên người ký dưới "{name}"')
            lines, name = [name], None
    return EndPart(recipients=tuple(recipients), archive=archive or "VT", authority=tuple(lines), name=name,
                   as_above=as_above, where=where)


_AUTH = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s*(.+)$")


def signer_data(end: EndPart, review: Review) -> dict[str, Any]:
    """Authority, the collective or head signed for, the position and the name."""
    lines = list(end.authority)
    data: dict[str, Any] = {"name": end.name or "…"}
    if end.name is None:
        review.add(end.where, "không đọc được họ tên người ký; hãy điền signer.name")
    if not lines:
        review.add(end.where, "không đọc được chức vụ người ký; hãy điền signer.position")
        data["position"] = "CHỦ TỊCH"
        return data
    first = _AUTH.match(lines[0])
    if first is None:
        data["position"] = " ".join(lines)
        return data
    auth, what = first.group(1), first.group(2)
    if auth == "Q" and len(lines) == 1:
        data |= {"authority": "Q", "position": what}
        return data
    data |= {"authority": auth, "on_behalf_of": what}
    rest = lines[1:]
    if rest and (m := _AUTH.match(rest[0])) and m.group(1) == "KT" and len(rest) > 1:
        data["deputy_for"] = m.group(2)
        rest = rest[1:]
    if rest and (m := _AUTH.match(rest[0])) and m.group(1) == "Q":
        data["acting"] = True
        rest = [m.group(2), *rest[1:]]
    if not rest:
        review.add(end.where, f'sau "{lines[0]}" không có dòng chức vụ; hãy điền signer.position')
        rest = ["CHỦ TỊCH"]
    data["position"] = " ".join(rest)
    return data
