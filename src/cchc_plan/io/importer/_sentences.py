"""Sentences read into fields — *đọc câu*: the cited documents of the opening, the measures of a target.

A citation ``Quyết định số 3134/QĐ-UBND ngày 24/12/2022 của UBND tỉnh Thừa Thiên Huế
về việc …`` gives its kind, number, date, issuer and subject; what does not parse is
kept word for word as the citation's ``kind`` (printed as written) and said in the
review. A target's sentence gives one measure per percentage it names, with the
comparator its words say (``trên`` → more than, ``tối thiểu``/``ít nhất``/``từ`` →
at least, ``không quá``/``tối đa`` → at most, ``dưới`` → less than, ``giảm … so với``
→ lower than the previous period) and the scope words after it.
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal
from typing import Any

from ...vnformat import long_date, short_date

__all__ = ["measures_of", "parse_basis", "parse_citation", "split_run_on"]

_KINDS = ("Nghị quyết liên tịch", "Thông tư liên tịch", "Nghị quyết", "Nghị định", "Quyết định", "Chỉ thị",
          "Thông tư", "Kế hoạch", "Chương trình hành động", "Chương trình", "Công văn", "Hướng dẫn", "Đề án",
          "Thông báo", "Văn bản", "Báo cáo", "Quy định", "Quy chế", "Luật", "Pháp lệnh", "Hiến pháp",
          "Kết luận", "Công điện", "Lệnh", "Nghị quyết số")
_KIND = "|".join(re.escape(k) for k in sorted(set(_KINDS), key=len, reverse=True))
_SPLIT = re.compile(rf"(?P<sep>[,;])\s+(?=(?:{_KIND})\b|\d+/[A-ZĐ])")
_HEADS = ("Thủ tướng Chính phủ", "Chính phủ", "Bộ Chính trị", "Ban Chấp hành Trung ương Đảng",
          "Ban Chấp hành Trung ương", "BCH Trung ương Đảng", "Quốc hội", "Ủy ban Thường vụ Quốc hội",
          "Ủy ban nhân dân", "UBND", "Hội đồng nhân dân", "HĐND", "Chủ tịch Ủy ban nhân dân", "Chủ tịch UBND",
          "Tỉnh ủy", "Huyện ủy", "Thành ủy", "Đảng ủy", "Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Huyện ủy",
          "Văn phòng Chính phủ", "Ban Chỉ đạo")
_LEVEL = ("thành phố", "thị trấn", "thị xã", "phường", "huyện", "quận", "tỉnh", "xã")
_NUMBER = r"(?P<number>[0-9][0-9A-Za-zĐđ]*/[0-9A-Za-zĐđ/-]*[0-9A-Za-zĐđ]|[0-9]+-[A-ZĐ]+/[A-ZĐ]+)"
_DATE = r"(?P<date>\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
_WITH_NUMBER = re.compile(rf"^(?:(?P<kind>.+?)\s+số\s+|(?P<bare>)){_NUMBER}(?:\s+ngày\s+{_DATE})?(?P<rest>.*)$", re.S)
_WITHOUT = re.compile(r"^(?P<kind>.+?)(?P<rest>\s+của\s+.*)?$", re.S)


def _date(text: str) -> tuple[_dt.date, str] | None:
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    style = "short"
    if m is None:
        m = re.fullmatch(r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", text)
        style = "long"
    if m is None:
        return None
    try:
        return _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))), style
    except ValueError:
        return None


def _issuer(text: str) -> tuple[str | None, str]:
    """The issuer at the start of ``text`` (after "của") and the rest."""
    words = text.split(" ")
    taken = 0
    for head in sorted(_HEADS, key=len, reverse=True):
        if text == head or text.startswith(head + " "):
            taken = len(head.split(" "))
            break
    else:
        if words and words[0][:1].isupper():
            taken = 1
            while taken < len(words) and words[taken][:1].isupper():
                taken += 1
        else:
            return None, text
    if taken < len(words):
        for level in _LEVEL:
            parts = level.split(" ")
            if words[taken:taken + len(parts)] == parts:
                taken += len(parts)
                while taken < len(words) and words[taken][:1].isupper():
                    taken += 1
                break
    return " ".join(words[:taken]), " ".join(words[taken:])


def parse_citation(text: str) -> dict[str, Any] | None:
    """A cited document's fields from its phrase, or ``None`` when the phrase does not parse."""
    text = " ".join(text.split())
    data: dict[str, Any] = {}
    m = _WITH_NUMBER.match(text)
    if m:
        if m["kind"]:
            data["kind"] = m["kind"]
        data["number"] = m["number"]
        if m["date"]:
            found = _date(m["date"])
            if found is None:
                return None
            data["date"] = found[0]
            if found[1] == "long":
                data["date_style"] = "long"
        rest = m["rest"]
    else:
        w = _WITHOUT.match(text)
        if w is None or not re.match(rf"(?:{_KIND})\b", text):
            return None
        data["kind"] = w["kind"]
        rest = w["rest"] or ""
    rest = rest.strip()
    if rest.startswith("của "):
        issuer, rest = _issuer(rest[4:])
        if issuer is None:
            return None
        data["issuer"] = issuer
    if rest:
        data["subject"] = rest
    return data


def citation_text(data: dict[str, Any]) -> str:
    """The phrase the fields print (as :meth:`CitedDocument.text` writes it)."""
    parts = [data["kind"]] if data.get("kind") else []
    if data.get("number"):
        parts.append(f"số {data['number']}" if data.get("kind") else data["number"])
    if data.get("date") is not None:
        d = data["date"]
        parts.append("ngày " + (short_date(d) if data.get("date_style") != "long" else long_date(d)[5:]))
    if data.get("issuer"):
        parts.append(f"của {data['issuer']}")
    if data.get("subject"):
        parts.append(data["subject"])
    return " ".join(parts)


_LEADS = ("Căn cứ", "Thực hiện", "Triển khai", "Theo")


def parse_basis(text: str) -> tuple[dict[str, Any], list[str]] | None:
    """A basis sentence (``Thực hiện …;``) as data, with what to review; ``None`` if it is not one."""
    text = " ".join(text.split())
    for lead in _LEADS:
        if text.startswith(lead + " "):
            break
    else:
        return None
    body = text[len(lead) + 1:]
    end = body[-1] if body and body[-1] in ";.," else ""
    if end:
        body = body[:-1].rstrip()
    notes: list[str] = []
    documents: list[dict[str, Any]] = []
    pos = 0
    chunks: list[tuple[str, str]] = []
    for m in _SPLIT.finditer(body):
        chunks.append((body[pos:m.start()], m["sep"]))
        pos = m.end()
    chunks.append((body[pos:], ","))
    for chunk, sep in chunks:
        data = parse_citation(chunk)
        written = " ".join(chunk.split())
        if data is not None and citation_text(data) != written:
            dm = re.search(_DATE, written)
            printed = citation_text(data)
            if data.get("date") is not None and dm is not None:
                d = data["date"]
                shown = short_date(d) if data.get("date_style") != "long" else long_date(d)[5:]
                if printed == written.replace(dm.group(0), shown, 1):
                    notes.append(f'ngày "{dm.group(0)}" sẽ in là "{shown}" (Nghị định 30: tháng 1, 2 có số 0 '
                                 "phía trước, các tháng khác không)")
                else:
                    data = None
            else:
                data = None
        if data is None:
            notes.append(f'không tách được số, ngày, cơ quan của "{written[:60]}"; giữ nguyên câu chữ')
            data = {"kind": written}
        if sep != ",":
            data["separator"] = sep
        documents.append(data)
    basis: dict[str, Any] = {"lead": lead, "documents": documents}
    if end != ";":
        if not end:
            notes.append(f'câu căn cứ "{text[:40]}…" không kết thúc bằng dấu chấm phẩy; đã thêm khi in lại')
        else:
            basis["end"] = end
    return basis, notes


_CLOSING = re.compile(r"(?P<joiner>[,;:])\s+(?P<closing>(?:Ủy ban nhân dân|UBND|Hội đồng nhân dân|HĐND|Chủ tịch|"
                      r"Sở|Phòng|Ban|Văn phòng)\b[^;]*)$")


def split_run_on(text: str) -> tuple[list[str], str, str] | None:
    """A run-on opening (``Căn cứ …; căn cứ …, UBND xã … như sau:``): its bases, joiner and closing."""
    m = _CLOSING.search(text)
    if m is None:
        return None
    head = text[:m.start()]
    parts = [p.strip() for p in re.split(r";\s+(?=(?:căn cứ|thực hiện|triển khai|theo)\s)", head)]
    bases = [p[:1].upper() + p[1:] + ";" for p in parts if p]
    if not all(parse_basis(b) for b in bases):
        return None
    return bases, m["joiner"], m["closing"]


# --------------------------------------------------------------------------- measures

_PERCENT = re.compile(r"(?P<value>\d+(?:[,.]\d+)?)\s*%")
_BEFORE = (
    ("more_than", re.compile(r"(?:trên|hơn|vượt)\s*$", re.I)),
    ("at_most", re.compile(r"(?:tối đa|không quá|không vượt quá|dưới hoặc bằng)\s*(?:là\s*)?$", re.I)),
    ("less_than", re.compile(r"dưới\s*$", re.I)),
    ("at_least", re.compile(r"(?:tối thiểu|ít nhất|từ|đạt|trở lên|bảo đảm|đảm bảo)(?:\s+(?:là|đạt|tỷ lệ))*\s*$",
                            re.I)),
)
_CLAUSE = re.compile(r"[.;]\s+|;\s*$|\.\s*$")


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<=[.;])\s+", text) if c.strip()]


def measures_of(text: str) -> list[dict[str, Any]]:
    """The measures a target's sentence names (metric proposed from its words)."""
    out: list[dict[str, Any]] = []
    for clause in _clauses(text):
        clause = clause.rstrip(".;")
        low = clause.lower()
        if low.startswith("giảm ") and "%" not in clause:
            metric = clause[5:].split(" trên ")[0].split(" so với ")[0]
            scope = clause.split(" trên ", 1)[1] if " trên " in clause else None
            entry: dict[str, Any] = {"metric": metric[:1].upper() + metric[1:], "comparator": "decrease"}
            if scope:
                entry["scope"] = scope
            out.append(entry)
            continue
        for m in _PERCENT.finditer(clause):
            before = clause[:m.start()]
            comparator = "at_least"
            for name, pattern in _BEFORE:
                if pattern.search(before):
                    comparator = name
                    break
            value = Decimal(m["value"].replace(",", "."))
            if value > 100:
                continue
            head = re.sub(r"\s*(?:đạt|là|trên|hơn|tối thiểu|ít nhất|từ|tối đa|không quá|dưới|phấn đấu|phần đầu|"
                          r"đảm bảo|bảo đảm|tỷ lệ)(?:\s+(?:đạt|là|trên|tối thiểu|ít nhất|từ|tỷ lệ))*\s*$", "",
                          before, flags=re.I).strip()
            head = re.sub(r"^(?:trong đó,?\s*)", "", head.split("; ")[-1], flags=re.I).strip()
            if len(head.split()) <= 2 or head.endswith(","):
                after = clause[m.end():].strip()
                words = re.split(r";|\s+(?:được|phải|khi|đã|trên cơ sở)\s+", after)[0].split()
                metric = "Tỷ lệ " + " ".join(words[:12]).rstrip(",")
            else:
                metric = head[:1].upper() + head[1:]
            entry = {"metric": metric, "comparator": comparator, "value": value}
            tail = clause[m.end():].strip()
            scope = None
            if tail.startswith("trong "):
                scope = re.split(r"[,;.]", tail)[0]
            elif tail.startswith("(") and ")" in tail:
                scope = tail[1:tail.index(")")]
            if scope:
                entry["scope"] = scope
            out.append(entry)
    return out
