"""A report read from its document — *đọc báo cáo*: header, period, outline, results and figures.

The standard outline of a report (I. direction, II. results per area, III.
assessment, IV. next period, V. proposals, the closing sentence) is read into its
fields; the sentences the renderer writes from the data (attainment of targets,
the one-stop summary, task progress) are recognised and not kept as text. The
appendix tables are read back: the one-stop table into the figures of each field
(its columns matched by their titles), and — when the plan is given — the targets
table into results and the task table into progress. Without the plan the report
cites its plan by what the document says, and area narratives keep their titles.
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ...model.plan import Plan
from ...model.report import PeriodKind, ReportHeadings, TaskStatus
from ...problems import InputError, Problem
from ._appendix import _grid
from ._body import Head, Leaf, build_tree
from ._document import Parts, _appendix_front
from ._front import agency_data, read_end, signer_data
from ._plan import _leaf_text
from ._reader import Para, Table
from ._sentences import parse_basis
from ._words import Review, key

__all__ = ["report_data"]

_PERIODS = (
    (PeriodKind.NINE_MONTHS, r"9 tháng(?: đầu)? năm (\d{4})"),
    (PeriodKind.HALF_YEAR, r"6 tháng(?: đầu)? năm (\d{4})"),
    (PeriodKind.Q1, r"quý I năm (\d{4})"),
    (PeriodKind.Q3, r"quý III năm (\d{4})"),
    (PeriodKind.YEAR, r"năm (\d{4})"),
)
_DERIVED = ("ket qua thuc hien chi tieu", "tong so ho so tiep nhan", "tien do cac nhiem vu cu the tai phu luc")


def _period(subject: str, review: Review, where: str) -> dict[str, Any]:
    for kind, pattern in _PERIODS:
        m = re.search(pattern, subject, re.I)
        if m:
            return {"kind": kind.value, "year": int(m.group(1))}
    review.add(where, "không đọc được kỳ báo cáo trong trích yếu; ghi kỳ năm, hãy xem lại period")
    years = re.findall(r"\d{4}", subject)
    return {"kind": "year", "year": int(years[-1]) if years else _dt.date.today().year}


def _number(text: str) -> Decimal | None:
    one = text.strip().split(" (")[0].rstrip("%").strip()
    one = re.sub(r"\s*(?:ngày|giờ|hồ sơ|đồng)$", "", one)
    if not one or one == "—":
        return None
    try:
        return Decimal(one.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def _count(text: str) -> int:
    digits = text.strip().replace(".", "")
    return int(digits) if digits.isdigit() else 0


def _derived(leaf: Leaf) -> bool:
    return key(leaf.para.text).startswith(_DERIVED)


class _ReportBody:
    def __init__(self, paras: list[Para], plan: Plan | None, review: Review) -> None:
        self.plan = plan
        self.review = review
        self.data: dict[str, Any] = {}
        self.headings: dict[str, str] = {}
        self.root = build_tree(paras, flat_under=("khong co",))
        self.previous: dict[str, Decimal] = {}

    def _list(self, head: Head) -> list[str]:
        out = []
        for child in head.children:
            if isinstance(child, Leaf):
                out.append(child.text)
            else:
                self.review.add(child.first_where(), f'mục con "{child.title}": đọc như các ý của mục trên')
                out.extend(self._list(child))
        return out

    def _figures_sentence(self, leaf: Leaf) -> None:
        text = leaf.para.text
        for name, label in (("online_share", "tỷ lệ tiếp nhận trực tuyến"), ("on_time_rate", "tỷ lệ giải quyết "
                                                                                              "đúng hạn")):
            m = re.search(re.escape(label) + r" ([\d,]+)% \((tăng|giảm) ([\d,]+) điểm phần trăm", text)
            if m:
                now = Decimal(m.group(1).replace(",", "."))
                diff = Decimal(m.group(3).replace(",", "."))
                self.previous[name] = now - diff if m.group(2) == "tăng" else now + diff
            m = re.search(re.escape(label) + r" ([\d,]+)% \(bằng kỳ trước\)", text)
            if m:
                self.previous[name] = Decimal(m.group(1).replace(",", "."))

    def _results(self, head: Head) -> None:
        areas = {key(a.title): a for a in self.plan.areas} if self.plan else {}
        narratives: list[dict[str, Any]] = []
        for child in head.children:
            if isinstance(child, Leaf):
                if key(child.para.text).startswith("tong so ho so tiep nhan"):
                    self._figures_sentence(child)
                elif not _derived(child):
                    narratives.append({"paragraphs": [child.text], "title": "Kết quả khác"})
                    self.review.add(child.para.where, "đoạn trong phần kết quả không thuộc lĩnh vực nào")
                continue
            paragraphs = []
            for leaf in child.children:
                if isinstance(leaf, Leaf) and key(leaf.para.text).startswith("tong so ho so tiep nhan"):
                    self._figures_sentence(leaf)
                elif isinstance(leaf, Leaf) and not _derived(leaf):
                    paragraphs.append(leaf.text if leaf.style == "paragraph" else _leaf_text(leaf))
                elif isinstance(leaf, Head):
                    paragraphs.extend(self._list(leaf))
            area = areas.get(child.key)
            if area is not None:
                if paragraphs:
                    narratives.append({"area": area.ref, "paragraphs": paragraphs})
            elif paragraphs:
                narratives.append({"title": child.title, "paragraphs": paragraphs})
                if self.plan is not None:
                    self.review.add(child.first_where(), f'mục "{child.title}" không phải lĩnh vực của kế hoạch; '
                                                         "giữ làm phần kết quả riêng")
        self.data["areas"] = narratives

    def read(self) -> dict[str, Any]:
        children = self.root.children
        first = next((i for i, c in enumerate(children) if isinstance(c, Head)), len(children))
        opening = [c for c in children[:first] if isinstance(c, Leaf)]
        if opening:
            bases = []
            closing = None
            for leaf in opening:
                parsed = parse_basis(leaf.para.text)
                if parsed is not None:
                    bases.append(parsed[0])
                    for note in parsed[1]:
                        self.review.add(leaf.para.where, note)
                elif closing is None:
                    closing = leaf.text
                else:
                    closing += " " + leaf.text
            self.data["opening"] = {"bases": bases, "closing": closing or "…"}
        tail = children[first:]
        self.closing = ""
        holder: Head = self.root
        while holder.children and isinstance(holder.children[-1], Head):
            holder = holder.children[-1]
        last = holder.children[-1] if holder.children else None
        if isinstance(last, Leaf) and last.style == "paragraph" and (
                holder is self.root or key(last.para.text).startswith("tren day")
                or any(isinstance(c, Leaf) and c.style != "paragraph" for c in holder.children)):
            holder.children.pop()  # the closing sentence, after the last section's items
            self.closing = last.text
            tail = [c for c in tail if c is not last]
        for child in tail:
            if isinstance(child, Leaf):
                self.review.add(child.para.where, "đoạn nằm ngoài các mục của báo cáo; đã bỏ qua, hãy xem lại")
                continue
            k = child.key
            if "chi dao" in k and "direction" not in self.data:
                self.headings["direction"] = child.title
                self.data["direction"] = self._list(child)
            elif k.startswith("ket qua") and "areas" not in self.data:
                self.headings["results"] = child.title
                self._results(child)
            elif "danh gia" in k:
                self.headings["assessment"] = child.title
                assessment: dict[str, list[str]] = {}
                for sub in child.heads():
                    if "uu diem" in sub.key or "ket qua dat duoc" in sub.key:
                        self.headings["strengths"] = sub.title
                        assessment["strengths"] = self._list(sub)
                    elif "han che" in sub.key or "ton tai" in sub.key:
                        self.headings["weaknesses"] = sub.title
                        weak: list[str] = []
                        causes: list[str] = []
                        target = weak
                        for node in sub.children:
                            if isinstance(node, Leaf) and key(node.para.text).startswith("nguyen nhan") \
                                    and node.para.italic:
                                self.headings["causes"] = node.para.text
                                target = causes
                            elif isinstance(node, Leaf):
                                target.append(node.text)
                        assessment["weaknesses"] = weak
                        if causes:
                            assessment["causes"] = causes
                    else:
                        self.review.add(sub.first_where(), f'mục "{sub.title}" trong phần đánh giá: chưa đọc')
                self.data["assessment"] = assessment
            elif "phuong huong" in k or "nhiem vu" in k:
                self.headings["next_steps"] = child.title
                self.data["next_steps"] = self._list(child)
            elif "de xuat" in k or "kien nghi" in k:
                self.headings["proposals"] = child.title
                self.data["proposals"] = self._list(child)
            else:
                self.review.add(child.first_where(), f'mục "{child.title}" không ứng với phần nào của báo cáo; '
                                                     "chưa đọc")
        defaults = ReportHeadings()
        chosen = {k: v for k, v in self.headings.items() if getattr(defaults, k) != v}
        if chosen:
            self.data["headings"] = chosen
        return self.data


def _kind_of_table(table: Table) -> str | None:
    text = key(" ".join(c.text for row in table.rows[:2] for c in row))
    if "ket qua dat duoc" in text:
        return "targets"
    if "tien do" in text:
        return "tasks"
    if "truc tuyen" in text and "linh vuc" in text:
        return "figures"
    return None


_FIGURE_TITLES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    # field, words its header holds, words it must not hold
    ("field", ("linh vuc",), ()),
    ("carried_over", ("ky truoc",), ()),
    ("online", ("truc tuyen",), ("ty le",)),
    ("in_person", ("truc tiep",), ()),
    ("post", ("buu chinh",), ()),
    ("early", ("truoc han",), ()),
    ("on_time", ("dung han",), ("ty le",)),
    ("late", ("tre han",), ()),
    ("pending_in_time", ("dang giai quyet", "trong han"), ()),
    ("pending_overdue", ("qua han",), ()),
    ("returned", ("tra lai",), ()),
    ("apologies", ("xin loi",), ()),
    ("received", ("tiep nhan", "tong so"), ()),
    ("resolved", ("da giai quyet", "tong so"), ()),
)


def _figure_columns(grid: list[list[tuple[str, bool, Any]]]) -> tuple[int, dict[str, int]] | None:
    """The rows of the header and the grid column of each figure, found by the columns' titles."""
    def wordy(row: list[tuple[str, bool, Any]]) -> bool:
        texts = [t for t, cont, _ in row if t.strip() and not cont]
        return bool(texts) and sum(1 for t in texts if _count(t) == 0 and not t.strip().isdigit()) > len(texts) / 2

    rows = 0
    while rows < min(3, len(grid)) and wordy(grid[rows]):
        rows += 1
    for depth in ([rows] if rows else []):
        width = len(grid[0])
        titles = [key(" ".join(grid[r][c][0] for r in range(depth) if not (r and grid[r][c][1])))
                  for c in range(width)]
        found: dict[str, int] = {}
        for name, words, never in _FIGURE_TITLES:
            for c, title in enumerate(titles):
                if c in found.values() or name in found:
                    continue
                if all(w in title for w in words) and not any(n in title for n in never):
                    found[name] = c
        if {"field", "online", "in_person", "on_time"} <= set(found):
            if "pending_in_time" not in found:  # "Trong hạn" under "Đang giải quyết", beside "Quá hạn"
                for c, title in enumerate(titles):
                    if "trong han" in title and c not in found.values():
                        found["pending_in_time"] = c
            return depth, found
    return None


def _figures(table: Table, previous: dict[str, Decimal], review: Review) -> dict[str, Any] | None:
    grid = _grid(table)
    header = _figure_columns(grid)
    if header is None:
        review.add(table.where, "bảng số liệu một cửa không có đủ các cột (lĩnh vực, trực tuyến, trực tiếp, "
                                "đúng hạn); chưa đọc")
        return None
    depth, columns = header
    missing = [n for n, _, _ in _FIGURE_TITLES if n not in columns and n not in ("received", "resolved")]
    if missing:
        review.add(table.where, "bảng số liệu một cửa thiếu cột " + ", ".join(missing) + "; ghi là 0")
    fields = []
    for r in range(depth, len(grid)):
        row = grid[r]
        name = " ".join(row[columns["field"]][0].split())
        if not name or key(name) in ("tong", "tong cong", "cong") or (
                "number" not in columns and not row[0][0].strip().isdigit() and row[0][0].strip()):
            continue
        if columns["field"] > 0 and not row[0][0].strip().isdigit():
            continue  # the total row (no TT)
        counts = {n: _count(row[c][0]) for n, c in columns.items() if n != "field"}
        entry: dict[str, Any] = {"field": name}
        entry |= {k: v for k, v in counts.items() if k not in ("received", "resolved")}
        if "received" in counts and counts["received"] != sum(
                counts.get(k, 0) for k in ("carried_over", "online", "in_person", "post")):
            review.add(f"{table.where}, dòng {r + 1}", "tổng số hồ sơ tiếp nhận không bằng tổng các cột thành phần")
        fields.append(entry)
    data: dict[str, Any] = {"fields": fields}
    if previous:
        data["previous"] = previous
    return data


def _targets(table: Table, plan: Plan, review: Review) -> list[dict[str, Any]]:
    measures = [(t.key, n, m) for a in plan.areas for t in a.targets for n, m in enumerate(t.measures, start=1)]
    rows = [row for row in _grid(table) if row and row[0][0].strip().isdigit()]
    out = []
    for (target_key, n, _), row in zip(measures, rows, strict=False):
        reached = _number(row[3][0])
        if reached is None:
            continue
        if target_key is None:
            review.add(table.where, "chỉ tiêu có kết quả nhưng không có mã (key) trong kế hoạch; chưa đọc kết quả")
            continue
        entry: dict[str, Any] = {"target": target_key, "reached": reached}
        if n != 1:
            entry["measure"] = n
        m = re.search(r"\(kỳ trước: ([^)]+)\)", row[3][0])
        if m and (previous := _number(m.group(1))) is not None:
            entry["previous"] = previous
        out.append(entry)
    if len(rows) != len(measures):
        review.add(table.where, f"bảng kết quả có {len(rows)} dòng, kế hoạch có {len(measures)} số đo; "
                                "đã đọc theo thứ tự")
    return out


def _tasks(table: Table, review: Review) -> list[dict[str, Any]]:
    out = []
    item = None
    index = 0
    labels = {s.label: s for s in TaskStatus}
    for row in _grid(table):
        texts = [t for t, _, _ in row]
        if len(texts) < 6:
            continue
        number = texts[0].strip()
        if not number.isdigit():
            continue
        if number != item:
            item, index = number, 0
        index += 1
        status_text = texts[4].split(" (")[0].strip()
        status = labels.get(status_text)
        if status is None:
            continue
        lines = [line for line in texts[5].split("\n") if line.strip()]
        done_on = None
        if lines and (m := re.fullmatch(r"Hoàn thành ngày (\d{1,2})/(\d{1,2})/(\d{4})", lines[-1])):
            done_on = _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            lines = lines[:-1]
        if status is TaskStatus.NOT_STARTED and not lines and done_on is None:
            continue
        entry: dict[str, Any] = {"item": int(number), "output": index, "status": status.value}
        if lines:
            entry["evidence"] = "\n".join(lines)
        if done_on is not None:
            entry["done_on"] = done_on
        out.append(entry)
    return out


def report_data(parts: Parts, source: str, review: Review, plan: Plan | None = None) -> dict[str, Any]:
    """The report's data (in the YAML format) from its parts; ``plan`` is the plan it reports on, if known."""
    header = parts.header
    if header.number is None:
        raise InputError(source, [Problem(path="number", rule='không thấy dòng "Số: …/BC-…" của báo cáo')])
    data: dict[str, Any] = {"number": header.number}
    if header.date is not None:
        data["date"] = header.date
    period = _period(parts.subject, review, parts.title_where)
    data["period"] = period
    appendix_blocks = parts.appendix
    paras = [b for b in parts.body if isinstance(b, Para)]
    body = _ReportBody(paras, plan, review)
    fields = body.read()
    fronts: list[list[Any]] = []
    for b in appendix_blocks:
        if isinstance(b, Para) and key(b.text).startswith("phu luc"):
            fronts.append([b])
        elif fronts:
            fronts[-1].append(b)
    tables: dict[str, Table] = {}
    note = None
    source_text = None
    for front in fronts:
        for b in front:
            if isinstance(b, Table) and (kind := _kind_of_table(b)):
                tables[kind] = b
            elif isinstance(b, Para) and b.text.startswith("(Số liệu từ ngày"):
                m = re.search(r"; nguồn: (.+)\)$", b.text)
                source_text = m.group(1) if m else None
            elif isinstance(b, Para) and b.italic and b.text.startswith("(") and "Kèm theo" not in b.text:
                note = b.text[1:-1] if b.text.endswith(")") else b.text
    short = None
    if fronts:
        short = _appendix_front(fronts[0], Review())[2]
    code = header.number.split("-", 1)[1].split("-")[0] if "-" in header.number else "UBND"
    issuer = agency_data(header, code, short or (plan.issuer.short_name if plan else None), Review())
    if plan is not None:
        data["plan"] = plan
        if issuer["name"] != plan.issuer.name or issuer.get("header") != list(plan.issuer.header or ()) or None:
            if issuer["name"] != plan.issuer.name:
                data["issuer"] = issuer
    else:
        data["issuer"] = agency_data(header, code, short, review)
        cited = None
        for basis in fields.get("opening", {}).get("bases", []):
            for doc in basis["documents"]:
                if (doc.get("kind") or "").startswith("Kế hoạch"):
                    cited = doc
        data["plan"] = cited or {"kind": "Kế hoạch", "subject": f"cải cách hành chính năm {period['year']}"}
        if cited is None:
            review.add(parts.title_where, "báo cáo không nêu số kế hoạch; hãy ghi plan: ke-hoach.yaml (tệp kế hoạch) "
                                          "hoặc số, ngày của kế hoạch")
        review.add("", "nhập không kèm kế hoạch: kết quả chỉ tiêu và tiến độ nhiệm vụ chưa được đọc "
                       "(dùng --plan ke-hoach.yaml)")
    default_subject = f"Kết quả thực hiện công tác cải cách hành chính {_phrase(period)}"
    if parts.subject and parts.subject != default_subject:
        data["subject"] = parts.subject
    if parts.addressees:
        data["addressees"] = parts.addressees
    if note:
        data["data_note"] = note
    data.update({k: v for k, v in fields.items() if k != "headings"})
    agency_short = data["issuer"]["short_name"] if "issuer" in data else plan.issuer.short_name if plan else ""
    default_closing = (f"Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính {_phrase(period)} "
                       f"của {agency_short}.")
    if body.closing != default_closing:
        data["closing"] = body.closing
    if plan is not None and "targets" in tables:
        data["targets"] = _targets(tables["targets"], plan, review)
    if plan is not None and "tasks" in tables:
        data["tasks"] = _tasks(tables["tasks"], review)
    if "figures" in tables:
        figures = _figures(tables["figures"], body.previous, review)
        if figures is not None:
            if source_text:
                figures["source"] = source_text
            data["one_stop"] = figures
    end = read_end(parts.end_blocks, review) if parts.end_blocks else None
    if end is None:
        raise InputError(source, [Problem(path="signer", rule='không thấy phần "Nơi nhận" và chữ ký của báo cáo')])
    data["recipients"] = list(end.recipients) or ["…"]
    if end.archive != "VT":
        data["archive"] = end.archive
    data["signer"] = signer_data(end, review)
    if "headings" in fields:
        data["headings"] = fields["headings"]
    return data


def _phrase(period: dict[str, Any]) -> str:
    from ...model.report import Period

    return Period(kind=PeriodKind(period["kind"]), year=period["year"]).phrase
