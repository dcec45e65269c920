"""The units table built from the names a document uses — *bảng bộ phận*.

Duties give units' full names (``Bộ phận Văn phòng - Thống kê``); appendix cells
give the names used in the table (``Văn phòng - Thống kê``, ``Bộ phận TC-KT``,
``Văn phòng - TK``). A cell's name is matched to a unit when it is the same name,
the end of the full name, or the same parts with some written as initials
(``TC-KT`` for ``Tài chính - Kế toán``); a cell naming several units is split at
its commas where each part names a unit. What matches nothing becomes a unit of
its own, and is said in the review.
"""

from __future__ import annotations

import re
from typing import Any

from ._words import Review, key, slug

__all__ = ["Units"]


def _initials(part: str) -> str:
    return "".join(w[0] for w in part.split())


def _segments(name: str) -> list[str]:
    """The name's parts between dashes, without "Bộ phận": ``["tai chinh", "ke toan"]``."""
    bare = re.sub(r"^Bộ phận\s+", "", name.strip(), flags=re.I)
    return [key(s) for s in re.split(r"\s*-\s*", bare) if key(s)]


def _same(a: str, b: str) -> bool:
    """Two names of one unit: equal, one the end of the other, or equal parts with initials for some."""
    ka, kb = key(a), key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    sa, sb = _segments(a), _segments(b)
    if len(sa) == len(sb) and all(x == y or x.replace(" ", "") == _initials(y) or y.replace(" ", "") == _initials(x)
                                  for x, y in zip(sa, sb, strict=True)):
        return True
    ja = " ".join(sa)
    return len(ja) >= 6 and f" {ja} " in f" {kb} "  # the part is the end or the middle of the full name


class Units:
    """The units found so far, each with its full name and the name used in the table."""

    def __init__(self, review: Review) -> None:
        self.review = review
        self.units: list[dict[str, Any]] = []
        self._found: dict[str, dict[str, Any] | None] = {}

    def _new_key(self, name: str) -> str:
        base = slug(name)
        taken = {u["key"] for u in self.units}
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def from_duty(self, name: str) -> str:
        for u in self.units:
            if key(u["name"]) == key(name):
                return str(u["key"])
        unit = {"key": self._new_key(name), "name": name}
        self.units.append(unit)
        self._found.clear()
        return str(unit["key"])

    def _match(self, part: str) -> dict[str, Any] | None:
        k = key(part)
        if k not in self._found:
            self._found[k] = self._search(part)
        return self._found[k]

    def _search(self, part: str) -> dict[str, Any] | None:
        for u in self.units:
            if key(u.get("short", "")) == key(part) or key(u["name"]) == key(part):
                return u
        for u in self.units:
            if _same(part, u["name"]) or ("short" in u and _same(part, u["short"])):
                return u
        return None

    def label(self, unit: dict[str, Any]) -> str:
        return str(unit.get("short") or unit["name"])

    def assignment(self, text: str, where: str) -> dict[str, Any]:
        """An appendix cell as units (and the words, when they differ from the units' table names)."""
        parts = []
        for part in (p.strip() for p in re.split(r"\s*[;,]\s*|\s*\n\s*", text) if p.strip()):
            pieces = [q.strip() for q in re.split(r"\.\s+(?=[A-ZĐÀ-Ỹ])", part)]
            if len(pieces) > 1 and all(self._match(q) for q in pieces):  # "Văn hóa - Xã hội. Văn phòng - …"
                parts.extend(pieces)
            else:
                parts.append(part)
        keys: list[str] = []
        i = 0
        made: list[str] = []
        while i < len(parts):
            for j in range(len(parts), i, -1):
                joined = ", ".join(parts[i:j])
                unit = self._match(joined)
                if unit is not None:
                    if "short" not in unit and key(joined) != key(unit["name"]):
                        unit["short"] = joined
                        self._found.clear()
                    keys.append(unit["key"])
                    i = j
                    break
            else:  # up to the next part that names a unit: one new unit ("Các ban, ngành")
                j = i + 1
                while j < len(parts) and not any(self._match(", ".join(parts[j:k])) for k in range(j + 1,
                                                                                                 len(parts) + 1)):
                    j += 1
                name = ", ".join(parts[i:j])
                unit = {"key": self._new_key(name), "name": name}
                self.units.append(unit)
                self._found.clear()
                made.append(name)
                keys.append(unit["key"])
                i = j
        for name in made:
            self.review.add(where, f'"{name}" không khớp bộ phận nào trong phần tổ chức thực hiện; '
                                   "đã thêm vào bảng bộ phận (units), hãy xem lại tên và mã")
        joined_labels = ", ".join(self.label(next(u for u in self.units if u["key"] == k)) for k in keys)
        if joined_labels == " ".join(text.split()):
            return {"units": keys}
        return {"units": keys, "text": " ".join(text.split())}
