"""The bodies of a commune under two-tier local government — *cơ quan, đơn vị của xã, phường*.

Since 1/7/2025 a commune, ward or special zone has the specialised offices of Nghị
định 150/2025/NĐ-CP and a Trung tâm Phục vụ hành chính công, instead of the former
*bộ phận* of its officers (Văn phòng - Thống kê, Tư pháp - Hộ tịch, Địa chính - Xây
dựng …). :data:`UNIT_PRESETS` are those bodies as plan units; :func:`proposed_unit`
proposes, for a former unit, the body that took over its work — a proposal for a
person to check against the province's decision, never applied by itself.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["LEVEL_WORDS", "UNIT_PRESETS", "level_word", "proposed_unit"]

LEVEL_WORDS = ("đặc khu", "thị trấn", "thị xã", "thành phố", "phường", "xã", "quận", "huyện", "tỉnh")
"""The words naming the level of a unit, as they follow "Ủy ban nhân dân" (longest first)."""

_NAMED = re.compile(r"^(?:Ủy ban nhân dân|UBND)\s+(" + "|".join(LEVEL_WORDS) + r")\s+(\S.*)$", re.I)

_COMMON = (
    {"key": "van-phong", "name": "Văn phòng HĐND và UBND {cấp}", "short": "Văn phòng HĐND và UBND"},
    {"key": "van-hoa", "name": "Phòng Văn hóa - Xã hội", "short": "Phòng Văn hóa - Xã hội"},
    {"key": "trung-tam", "name": "Trung tâm Phục vụ hành chính công {cấp}",
     "short": "Trung tâm Phục vụ hành chính công"},
)
_ECONOMY = {"key": "kinh-te", "name": "Phòng Kinh tế", "short": "Phòng Kinh tế"}
_ECONOMY_URBAN = {"key": "kinh-te", "name": "Phòng Kinh tế, Hạ tầng và Đô thị",
                  "short": "Phòng Kinh tế, Hạ tầng và Đô thị"}

UNIT_PRESETS: dict[str, tuple[dict[str, str], ...]] = {
    "xã": (_COMMON[0], _ECONOMY, *_COMMON[1:]),
    "đặc khu": (_COMMON[0], _ECONOMY, *_COMMON[1:]),
    "phường": (_COMMON[0], _ECONOMY_URBAN, *_COMMON[1:]),
}
"""The bodies of a commune, ward or special zone under two-tier local government (from 1/7/2025):
the specialised offices of Nghị định 150/2025/NĐ-CP (Văn phòng HĐND và UBND; Phòng Kinh tế — in a
phường Phòng Kinh tế, Hạ tầng và Đô thị; Phòng Văn hóa - Xã hội) and the Trung tâm Phục vụ hành chính
công, keyed ``van-phong``, ``kinh-te``, ``van-hoa``, ``trung-tam``. ``{cấp}`` is the level word."""


def level_word(name: str) -> tuple[str, str] | None:
    """``("phường", "Tân Phú")`` from ``Ủy ban nhân dân phường Tân Phú``; ``None`` if not so named."""
    m = _NAMED.match(" ".join(name.split()))
    if not m:
        return None
    return m.group(1).lower(), m.group(2)




@cache
def _former() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Words of a former commune unit → key of the body that took its work over (compiled when first needed)."""
    return (
        (re.compile(r"một cửa|tiếp nhận và trả kết quả|phục vụ hành chính công", re.I), "trung-tam"),
        (re.compile(r"văn phòng|thống kê|nội vụ|tư pháp|hộ tịch|tổ chức", re.I), "van-phong"),
        (re.compile(r"địa chính|xây dựng|nông nghiệp|tài nguyên|môi trường|tài chính|kế toán|giao thông|"
                    r"kinh tế|đô thị|công thương", re.I), "kinh-te"),
        (re.compile(r"văn hóa|xã hội|thông tin|lao động|thương binh|giáo dục|y tế|dân tộc|tôn giáo", re.I),
         "van-hoa"),
    )


def proposed_unit(name: str, level: str = "xã") -> dict[str, str] | None:
    """The body of :data:`UNIT_PRESETS` that took over the work of a former unit ``name``, if one did.

    ``None`` for a name that is already one of the bodies, or that names no such work
    (Công an, Quân sự, "Các ban, ngành" …).
    """
    preset = UNIT_PRESETS.get(level, UNIT_PRESETS["xã"])
    names = {u["name"].replace("{cấp}", level).casefold() for u in preset} | {u["short"].casefold() for u in preset}
    if " ".join(name.split()).casefold() in names:
        return None
    for pattern, key in _former():
        if pattern.search(name):
            unit = next(u for u in preset if u["key"] == key)
            return {k: v.replace("{cấp}", level) for k, v in unit.items()}
    return None
