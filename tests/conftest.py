"""Shared helpers: a minimal valid plan (as plain data) and writers of input files."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
"""The repository root (``/work/main``), found from this file, never from the CWD."""

SRC = ROOT / "src"
if str(SRC) not in sys.path:  # the suite also runs without PYTHONPATH=src
    sys.path.insert(0, str(SRC))

EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED = SEEDS / "000_996a7f7def285a8b.txt"


_MINIMAL_PLAN: dict[str, Any] = {
    "issuer": {
        "name": "Ủy ban nhân dân xã Lộc Bình",
        "short_name": "UBND xã Lộc Bình",
        "code": "UBND",
        "level": "commune",
        "place": "Lộc Bình",
        "header": ["ỦY BAN NHÂN DÂN", "XÃ LỘC BÌNH"],
        "district": "huyện Phú Lộc",
        "province": "tỉnh Thừa Thiên Huế",
    },
    "number": "07/KH-UBND",
    "date": "06/01/2023",
    "year": 2023,
    "subject": "Cải cách hành chính gắn với chính quyền số xã Lộc Bình năm 2023",
    "opening": {
        "bases": [
            {
                "lead": "Thực hiện",
                "documents": [
                    {
                        "kind": "Quyết định",
                        "number": "3134/QĐ-UBND",
                        "date": "24/12/2022",
                        "issuer": "UBND tỉnh Thừa Thiên Huế",
                        "subject": "về việc phê duyệt Kế hoạch cải cách hành chính năm 2023",
                    },
                    {
                        "kind": "Kế hoạch",
                        "number": "264/KH-UBND",
                        "date": "30/12/2022",
                        "date_style": "long",
                        "issuer": "Ủy ban nhân dân huyện Phú Lộc",
                        "subject": "về cải cách hành chính huyện Phú Lộc năm 2023",
                    },
                ],
            }
        ],
        "closing": "Ủy ban nhân dân xã Lộc Bình ban hành kế hoạch cải cách hành chính năm 2023 cụ thể như sau:",
    },
    "objectives": [
        "Giữ vững kỷ cương, kỷ luật hành chính, thực hiện tốt đạo đức công vụ và văn hóa công sở.",
    ],
    "requirements": [
        "Thường xuyên theo dõi, tổng kết, đánh giá kết quả thực hiện các nhiệm vụ CCHC xã.",
    ],
    "units": [
        {"key": "van-phong", "name": "Bộ phận Văn phòng - Thống kê", "short": "Văn phòng - Thống kê"},
        {"key": "tu-phap", "name": "Bộ phận Tư pháp - Hộ tịch", "short": "Tư pháp - Hộ tịch"},
    ],
    "areas": [
        {
            "kind": "procedures",
            "title": "Cải cách thủ tục hành chính",
            "targets": [
                {
                    "text": "Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98% trong từng lĩnh vực.",
                    "key": "t1",
                    "measures": [
                        {
                            "metric": "Tỷ lệ hồ sơ giải quyết đúng hạn",
                            "comparator": "more_than",
                            "value": 98,
                            "scope": "trong từng lĩnh vực",
                        }
                    ],
                },
                {
                    "text": "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết TTHC đạt tối thiểu 95%.",
                    "key": "t2",
                    "measures": [
                        {
                            "metric": "Mức độ hài lòng về giải quyết TTHC",
                            "comparator": "at_least",
                            "value": 95,
                        }
                    ],
                },
            ],
            "tasks": [
                "Tổ chức tốt việc tiếp nhận, giải quyết hồ sơ TTHC thuộc phạm vi quản lý của địa phương.",
            ],
        }
    ],
    "implementation": {
        "general": "Các ban, ngành cần nghiêm túc thực hiện kế hoạch này.",
        "duties": [
            {
                "unit": "van-phong",
                "label": "Bộ phận Văn phòng - Thống kê:",
                "text": "Tham mưu UBND xã các văn bản chỉ đạo, điều hành về cải cách hành chính.",
            }
        ],
    },
    "recipients": ["UBND huyện", "Phòng Nội vụ"],
    "archive": "VT, CCHC",
    "signer": {
        "authority": "TM",
        "on_behalf_of": "ỦY BAN NHÂN DÂN",
        "position": "CHỦ TỊCH",
        "name": "Dương Quang Hùng",
    },
    "appendix": {
        "title": "NHIỆM VỤ CỤ THỂ TRIỂN KHAI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2023",
        "groups": [
            {
                "title": "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
                "kind": "procedures",
                "items": [
                    {
                        "number": 1,
                        "content": "Xây dựng kế hoạch kiểm soát TTHC năm 2023",
                        "outputs": [
                            {"text": "Kế hoạch", "deadline": "Tháng 01/2023"},
                            {"text": "Báo cáo", "deadline": "Năm 2023"},
                        ],
                        "lead": ["van-phong"],
                        "partners": ["tu-phap"],
                        "budget": "Theo dự toán ngân sách hàng năm",
                    },
                    {
                        "number": 2,
                        "content": "Kiểm tra, rà soát văn bản QPPL",
                        "outputs": [
                            {"text": "Kế hoạch kiểm tra văn bản QPPL",
                             "deadline": "Trước ngày 31/12 hàng năm"},
                        ],
                        "lead": ["tu-phap"],
                    },
                ],
            }
        ],
    },
}


def minimal_plan() -> dict[str, Any]:
    """A fresh deep copy of the minimal valid plan, ready to be mutated by a test."""
    return copy.deepcopy(_MINIMAL_PLAN)


def yaml_text(data: Any) -> str:
    """YAML for ``data``, written with PyYAML directly (not with the code under test)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def write_yaml(path: Path, data: Any) -> Path:
    path.write_text(yaml_text(data), encoding="utf-8")
    return path


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def line_of(text: str, needle: str, start: int = 1) -> int:
    """1-based number of the first line (from line ``start``) that contains ``needle``."""
    for n, line in enumerate(text.splitlines(), start=1):
        if n >= start and needle in line:
            return n
    raise AssertionError(f"{needle!r} not found in the text")


@pytest.fixture
def plan_data() -> dict[str, Any]:
    return minimal_plan()
