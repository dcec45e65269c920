"""A plan read from its document — *đọc kế hoạch*: every part of the body into its field.

The outline found (:mod:`._body`) is matched part by part: the opening's bases
and closing sentence; a section "Mục tiêu, yêu cầu" with its objectives and
requirements; the tasks section with one sub-section per area (its kind told by
its title), each area's targets (under "Chỉ tiêu" / "Mục tiêu", with the measures
their sentences name) and tasks; the tasks note; the implementation (general
duties, one paragraph per unit with its bold lead-in, the closing sentence). Any
other section or paragraph is kept word for word in the outline (``text``,
``section``) and named in the review. When the outline is one of the presets it
is written as that preset's name, or left out for the standard one.
"""

from __future__ import annotations

import re
from typing import Any

from ...model.outline import DEFAULT_NUMBERING
from ...model.plan import AreaKind, Headings
from ...model.presets import PLAN_PRESETS, resolve
from ...vnformat import upper
from ._body import Head, Leaf, build_tree
from ._reader import Para
from ._sentences import measures_of, parse_basis, split_run_on
from ._words import Review, key, label_of, markup, slug

__all__ = ["AREA_WORDS", "area_kind", "read_plan_body"]

AREA_WORDS: tuple[tuple[AreaKind, tuple[str, ...]], ...] = (
    (AreaKind.PROCEDURES, ("thu tuc hanh chinh",)),
    (AreaKind.INSTITUTIONS, ("the che",)),
    (AreaKind.ORGANISATION, ("to chuc bo may",)),
    (AreaKind.CIVIL_SERVICE, ("che do cong vu", "doi ngu can bo", "can bo cong chuc", "cong chuc vien chuc")),
    (AreaKind.PUBLIC_FINANCE, ("tai chinh cong",)),
    (AreaKind.DIGITAL_GOVERNMENT, ("chinh phu dien tu", "chinh quyen dien tu", "chinh quyen so",
                                   "chinh phu so", "chuyen doi so")),
    (AreaKind.DIRECTION, ("chi dao dieu hanh", "chi dao, dieu hanh", "tuyen truyen")),
)


def area_kind(title: str) -> AreaKind | None:
    """The standard kind an area's title names (``None``: not one of them)."""
    k = key(title)
    for kind, words in AREA_WORDS:
        if any(w in k for w in words):
            return kind
    return None


def _is_purpose(k: str) -> bool:
    return ("muc tieu" in k or "muc dich" in k) and "yeu cau" in k or k in ("muc tieu", "muc dich")


def _is_tasks(k: str) -> bool:
    return ("nhiem vu" in k or "giai phap" in k) and "to chuc thuc hien" not in k


def _is_impl(k: str) -> bool:
    return k.startswith("to chuc thuc hien") or k == "trach nhiem thuc hien"


def _leaf_text(leaf: Leaf) -> str:
    """A free paragraph's text with its emphasis (a wholly italic paragraph stays italic)."""
    text, bold, italic = markup(leaf.para, None)
    if italic and bold:
        return f"***{text}***"
    if bold:
        return f"**{text}**"
    if italic:
        return f"*{text}*"
    return text


def _free(node: Head | Leaf, review: Review, why: str) -> dict[str, Any]:
    """A part not recognised, kept as written in the outline."""
    if isinstance(node, Leaf):
        style = {"dash": "item", "plus": "sub", "number": "numbered", "letter": "lettered"}.get(node.style, "text")
        return {style: node.text if style != "text" else _leaf_text(node)}
    review.add(node.first_where(), f'mục "{node.label} {node.title}" không ứng với phần nào của kế hoạch ({why}); '
                                   "giữ nguyên trong bố cục (outline)")
    out: dict[str, Any] = {"section": node.title}
    body = [_free(c, review, why) for c in node.children]
    if body:
        out["body"] = body
    return out


class _PlanBody:
    def __init__(self, paras: list[Para], review: Review) -> None:
        self.review = review
        self.data: dict[str, Any] = {}
        self.headings: dict[str, str] = {}
        self.root = build_tree(paras)
        self.levels: dict[int, tuple[str, bool, bool, bool]] = {}
        self.area_bodies: list[list[Any]] = []
        self.pending_note: Leaf | None = None

    # ------------------------------------------------------------------ numbering seen

    def _seen(self, head: Head, depth: int) -> None:
        if depth not in self.levels and head.scheme not in ("none",):
            caps = head.title == upper(head.title)
            self.levels[depth] = (head.scheme, head.bold, head.italic, caps)

    def _walk_levels(self, head: Head, depth: int) -> None:
        for child in head.heads():
            self._seen(child, depth)
            self._walk_levels(child, depth + 1)

    # ------------------------------------------------------------------ parts

    def opening(self, leaves: list[Leaf]) -> list[Any]:
        nodes: list[Any] = []
        bases: list[dict[str, Any]] = []
        closing: str | None = None
        style = None
        joiner = None
        for i, leaf in enumerate(leaves):
            text = " ".join(leaf.para.text.split())
            last = i == len(leaves) - 1
            parsed = parse_basis(text) if leaf.style == "paragraph" else None
            if parsed is not None and not (last and text.rstrip().endswith("như sau:")):
                basis, notes = parsed
                bases.append(basis)
                for n in notes:
                    self.review.add(leaf.para.where, n)
                continue
            run_on = split_run_on(text) if text.endswith(":") and not bases else None
            if run_on is not None and len(run_on[0]) >= 1 and last:
                for b in run_on[0]:
                    parsed = parse_basis(b)
                    assert parsed is not None
                    bases.append(parsed[0])
                    for n in parsed[1]:
                        self.review.add(leaf.para.where, n)
                closing, joiner, style = run_on[2], run_on[1], "run_on"
                continue
            if closing is None and (last or text.endswith(":")):
                closing = text
                continue
            nodes.append({"text": _leaf_text(leaf)})
            self.review.add(leaf.para.where, "đoạn mở đầu không phải câu căn cứ hay câu kết "
                                             "(\"… như sau:\"); giữ nguyên trong bố cục (outline)")
        if closing is None:
            where = leaves[-1].para.where if leaves else "đầu văn bản"
            self.review.add(where, 'không thấy câu kết của phần mở đầu ("… cụ thể như sau:"); hãy điền opening.closing')
            closing = "…"
        opening: dict[str, Any] = {"bases": bases, "closing": closing}
        if style:
            opening["style"] = style
            if joiner != ",":
                opening["joiner"] = joiner
        self.data["opening"] = opening
        return nodes

    def _items(self, head: Head, field: str) -> list[str]:
        out = []
        for child in head.children:
            if isinstance(child, Leaf) and child.para.italic and child.text.startswith("(") \
                    and field in ("nhiệm vụ", "chỉ tiêu") and child is head.children[-1]:
                self.pending_note = child  # the tasks note, under the last area's last heading
            elif isinstance(child, Leaf):
                out.append(child.text)
            else:
                self.review.add(child.first_where(), f'mục con "{child.title}" trong {field}: đọc nội dung của nó '
                                                     "như các ý của mục trên")
                out.extend(self._items(child, field))
        return out

    def purpose(self, head: Head) -> list[Any]:
        self.headings["purpose"] = head.title
        body: list[Any] = []
        for child in head.children:
            if isinstance(child, Head) and key(child.title) in ("muc tieu", "muc dich") or (
                    isinstance(child, Head) and key(child.title).startswith(("muc tieu", "muc dich"))):
                self.headings["objectives"] = child.title
                self.data["objectives"] = self._items(child, "mục tiêu")
                body.append({"section": child.title, "body": [self._list_include("objectives", child)]})
            elif isinstance(child, Head) and key(child.title).startswith("yeu cau"):
                self.headings["requirements"] = child.title
                self.data["requirements"] = self._items(child, "yêu cầu")
                body.append({"section": child.title, "body": [self._list_include("requirements", child)]})
            elif isinstance(child, Leaf):
                self.data.setdefault("objectives", []).append(child.text)
                if len(self.data["objectives"]) == 1:
                    body.append(self._list_include("objectives", head))
                    self.review.add(child.para.where, "mục đích, yêu cầu không chia tiểu mục: đã đưa cả vào "
                                                      "objectives; hãy chuyển các yêu cầu sang requirements")
            else:
                body.append(_free(child, self.review, "trong phần mục tiêu, yêu cầu"))
        self.data.setdefault("objectives", [])
        self.data.setdefault("requirements", [])
        return [{"section": head.title, "body": body}]

    @staticmethod
    def _list_include(part: str, head: Head) -> Any:
        styles = {leaf.style for leaf in head.leaves()}
        if styles == {"number"}:
            return {part: {"style": "number"}}
        if styles == {"paragraph"}:
            return {part: {"style": "paragraph"}}
        if styles == {"plus"}:
            return {part: {"style": "plus"}}
        return part

    def _area(self, head: Head, index: int) -> tuple[dict[str, Any], list[Any]]:
        kind = area_kind(head.title)
        if kind is None:
            self.review.add(head.first_where(), f'lĩnh vực "{head.title}" không ứng với lĩnh vực chuẩn nào: '
                                                "kind = other; hãy xem lại")
            kind = AreaKind.OTHER
        area: dict[str, Any] = {"kind": kind.value, "title": head.title}
        body: list[Any] = []
        targets: list[dict[str, Any]] = []
        tasks: list[str] = []
        measured: list[str] = []
        for child in head.children:
            k = key(child.title) if isinstance(child, Head) else ""
            if isinstance(child, Head) and (k.startswith("chi tieu") or k.startswith("muc tieu")):
                self.headings.setdefault("targets", child.title)
                for text in self._items(child, "chỉ tiêu"):
                    target: dict[str, Any] = {"text": text}
                    found = measures_of(text)
                    if found:
                        target["measures"] = found
                        measured.append(f"{len(targets) + 1}")
                    targets.append(target)
                body.append({"section": child.title, "body": [self._list_include("targets", child)]})
            elif isinstance(child, Head) and (k.startswith("nhiem vu") or k.startswith("giai phap")):
                self.headings.setdefault("area_tasks", child.title)
                tasks.extend(self._items(child, "nhiệm vụ"))
                body.append({"section": child.title, "body": [self._list_include("tasks", child)]})
            elif isinstance(child, Leaf) and child.style in ("dash", "plus", "number", "letter", "paragraph") \
                    and not any(isinstance(c, Head) for c in head.children):
                tasks.append(child.text)
                if len(tasks) == 1:
                    body.append(self._list_include("tasks", head))
            else:
                body.append(_free(child, self.review, f"trong lĩnh vực {head.title}"))
        if targets:
            area["targets"] = targets
        if tasks:
            area["tasks"] = tasks
        if measured:
            self.review.add(head.first_where(), f'lĩnh vực "{head.title}": đã đọc số đo từ câu của chỉ tiêu '
                                                f'{", ".join(measured)} (tên số đo là đề xuất); hãy xem lại')
        return area, body

    def tasks(self, head: Head) -> list[Any]:
        self.headings["tasks"] = head.title
        areas: list[dict[str, Any]] = []
        bodies: list[list[Any]] = []
        body: list[Any] = []
        placed = False
        for child in head.children:
            if isinstance(child, Head):
                area, own = self._area(child, len(areas))
                areas.append(area)
                bodies.append(own)
                if not placed:
                    body.append("areas")
                    placed = True
            elif isinstance(child, Leaf) and areas and child.text.startswith("(") and "tasks_note" not in self.data:
                self.data["tasks_note"] = child.text if not child.para.italic else markup(child.para)[0]
                body.append("tasks_note")
            else:
                body.append(_free(child, self.review, "trong phần nhiệm vụ"))
        note = self.pending_note
        if note is not None and "tasks_note" not in self.data:
            self.data["tasks_note"] = note.text
            body.append("tasks_note")
        elif note is not None:
            body.append(_free(note, self.review, "trong phần nhiệm vụ"))
        kinds = [a["kind"] for a in areas]
        for a in areas:
            if kinds.count(a["kind"]) > 1:
                a["key"] = f"{a['kind'].replace('_', '-')}-{slug(a['title'])}"[:60].strip("-")
        self.data["areas"] = areas
        self.area_bodies = bodies
        return [{"section": head.title, "body": body}]

    def implementation(self, head: Head) -> list[Any]:
        self.headings["implementation"] = head.title
        impl: dict[str, Any] = {}
        duties: list[dict[str, Any]] = []
        extra: list[Any] = []
        current: dict[str, Any] | None = None
        leaves = [c for c in head.children]
        for i, child in enumerate(leaves):
            if isinstance(child, Head):
                extra.append(_free(child, self.review, "trong phần tổ chức thực hiện"))
                continue
            para = child.para
            lead = _bold_lead(para)
            if child.style == "number" and lead is not None:
                label, rest = lead
                name = label.rstrip(":").strip()
                duty: dict[str, Any] = {"unit": name}
                if label != f"{name}:":
                    duty["label"] = label
                if rest:
                    duty["text"] = rest
                duties.append(duty)
                current = duty
            elif child.style == "number" and not duties and "general" not in impl:
                impl["general"] = child.text
                current = impl
            elif child.style == "dash" and current is not None:
                current.setdefault("items" if current is not impl else "general_items", []).append(child.text)
            elif child.style == "paragraph" and i == len(leaves) - 1 and (duties or "general" in impl):
                impl["closing"] = child.text
            else:
                extra.append(_free(child, self.review, "trong phần tổ chức thực hiện"))
                if isinstance(child, Leaf):
                    self.review.add(para.where, "đoạn trong phần tổ chức thực hiện không ứng với nhiệm vụ chung "
                                                "hay nhiệm vụ của một bộ phận; giữ nguyên trong bố cục (outline)")
        if duties:
            impl["duties"] = duties
        if "general" not in impl and not duties:
            impl["general"] = "…"
            self.review.add(head.first_where(), "không đọc được nhiệm vụ chung hay của bộ phận nào; hãy điền")
        self.data["implementation"] = impl
        return [{"section": head.title, "body": ["implementation", *extra]}]

    # ------------------------------------------------------------------ whole body

    def read(self) -> dict[str, Any]:
        root = self.root
        self._walk_levels(root, 0)
        first_head = next((i for i, c in enumerate(root.children) if isinstance(c, Head)), len(root.children))
        opening_leaves = [c for c in root.children[:first_head] if isinstance(c, Leaf)]
        body: list[Any] = [*self.opening(opening_leaves), "opening"]
        self.area_bodies = []
        for child in root.children[first_head:]:
            if isinstance(child, Leaf):
                body.append(_free(child, self.review, "ngoài các mục"))
                self.review.add(child.para.where, "đoạn nằm ngoài các mục đánh số; giữ nguyên trong bố cục")
                continue
            k = child.key
            if _is_purpose(k) and "objectives" not in self.data:
                body.extend(self.purpose(child))
            elif _is_impl(k) and "implementation" not in self.data:
                body.extend(self.implementation(child))
            elif _is_tasks(k) and "areas" not in self.data:
                body.extend(self.tasks(child))
            else:
                body.append(_free(child, self.review, "không phải mục tiêu, nhiệm vụ hay tổ chức thực hiện"))
        self.data.setdefault("objectives", [])
        self.data.setdefault("requirements", [])
        if "areas" not in self.data:
            self.review.add("", "không thấy phần nhiệm vụ với các lĩnh vực; hãy xem lại")
            self.data["areas"] = []
        if "implementation" not in self.data:
            self.review.add("", "không thấy phần tổ chức thực hiện; hãy điền implementation")
            self.data["implementation"] = {"general": "…"}
        self._outline(body)
        return self.data

    def _outline(self, body: list[Any]) -> None:
        from ...io.convert import structure, unstructure
        from ...model.outline import LevelStyle, Outline, Scheme

        headings = Headings(**{k: v for k, v in self.headings.items() if k in Headings.__annotations__})
        defaults = Headings()
        chosen = {k: v for k, v in self.headings.items() if getattr(defaults, k) != v}
        if chosen:
            self.data["headings"] = chosen
        numbering = []
        for depth in range(len(self.levels)):
            scheme, bold, italic, caps = self.levels.get(depth, ("none", True, False, False))
            if scheme not in {s.value for s in Scheme}:
                break
            if scheme == "roman" and not (bold and caps):
                bold, caps = True, True  # the decree's rule; what the document shows is printed so
            level = LevelStyle(scheme=Scheme(scheme), bold=bold, italic=italic, caps=caps and scheme == "roman")
            numbering.append(level)
        base = DEFAULT_NUMBERING
        same_numbering = all(i < len(base) and (base[i].scheme, base[i].bold, base[i].italic) ==
                             (n.scheme, n.bold, n.italic) for i, n in enumerate(numbering))
        area_body = max(self.area_bodies, key=len) if self.area_bodies else []
        for i, own in enumerate(self.area_bodies):
            if own != area_body and not _pruned_form(own, area_body, self.data["areas"][i]):
                self.data["areas"][i]["body"] = own
        candidate = structure({"body": body, "area_body": area_body}, Outline)
        for name in PLAN_PRESETS:
            preset = resolve(None if name == "standard" else Outline(preset=name), PLAN_PRESETS, headings)
            preset_area = preset.area_body
            same_area = tuple(candidate.area_body) == tuple(preset_area) or not area_body
            numbering_ok = same_numbering if name != "decimal" else all(
                i < len(preset.numbering) and (preset.numbering[i].scheme, preset.numbering[i].bold,
                                               preset.numbering[i].italic) == (n.scheme, n.bold, n.italic)
                for i, n in enumerate(numbering))
            if tuple(candidate.body) == tuple(preset.body) and same_area and numbering_ok:
                if name != "standard":
                    self.data["outline"] = name
                for i, own in enumerate(self.area_bodies):
                    if own and tuple(structure({"area_body": own}, Outline).area_body) == tuple(preset_area):
                        self.data["areas"][i].pop("body", None)
                return
        outline: dict[str, Any] = {"body": body}
        if area_body:
            outline["area_body"] = area_body
        if not same_numbering and numbering:
            outline["numbering"] = unstructure(Outline(numbering=tuple(numbering)))["numbering"]
        self.data["outline"] = outline
        self.review.add("", "bố cục văn bản khác các bố cục mẫu: đã ghi bố cục riêng (outline); hãy xem lại")


def _pruned_form(own: list[Any], full: list[Any], area: dict[str, Any]) -> bool:
    """``own`` is ``full`` with the sections left out that print nothing for this area (no targets …)."""
    rest = iter(full)
    for node in own:
        for candidate in rest:
            if candidate == node:
                break
            parts = {str(b) if isinstance(b, str) else next(iter(b)) for b in candidate.get("body", [])} \
                if isinstance(candidate, dict) else {"?"}
            if not parts <= {"targets", "tasks"} or any(area.get(p) for p in parts):
                return False
        else:
            return False
    return True


def _bold_lead(para: Para) -> tuple[str, str] | None:
    """The bold lead-in of a numbered paragraph (``Bộ phận Văn phòng - Thống kê:``) and what follows it."""
    found = label_of(para.text)
    text, bold, _ = markup(para, found.rest)
    if bold:
        return text.strip(), ""
    m = re.match(r"^\*\*(?P<lead>[^*]+?)\*\*\s*(?P<rest>.*)$", text, re.S)
    if m is None:
        return None
    return m["lead"].strip(), m["rest"].strip()


def read_plan_body(paras: list[Para], review: Review) -> dict[str, Any]:
    """The plan's body fields (opening, objectives, requirements, areas, tasks note, implementation, outline)."""
    return _PlanBody(paras, review).read()
