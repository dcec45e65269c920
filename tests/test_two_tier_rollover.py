"""Rolling a three-tier plan into two-tier years: what still names the district, and the commune's bodies.

``cchc-plan new examples/loc-binh-2023/ke-hoach.yaml --year 2026``: every text of the written file
that still names the district level is listed with its field path (found here by walking the
written YAML with PyYAML, not by the code under test); the units named as before 1/7/2025 get a
proposal for the body of Nghị định 150/2025/NĐ-CP that took their work over, and stay as they are.
The units preset (``units_preset:``) is checked through ``validate`` and ``render``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLE, ROOT, minimal_plan
from docx_reading import DocxReader

from cchc_plan.cli import main
from cchc_plan.io import load_plan, plan_from_data

TEMPLATE = ROOT / "examples" / "mau-xa-2027" / "ke-hoach.yaml"


def texts(data: Any, path: str = "") -> list[tuple[str, str]]:
    if isinstance(data, dict):
        return [t for k, v in data.items() for t in texts(v, f"{path}.{k}" if path else k)]
    if isinstance(data, list):
        return [t for i, v in enumerate(data) for t in texts(v, f"{path}[{i}]")]
    return [(path, data)] if isinstance(data, str) else []


@pytest.fixture(scope="module")
def rolled_2026(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("new") / "ke-hoach-2026.yaml"
    import io
    from contextlib import redirect_stdout

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        assert main(["new", str(EXAMPLE), "--year", "2026", "-o", str(out)]) == 0
    printed = buffer.getvalue()
    review = [line[4:] for line in printed[printed.index("Cần người xem lại"):].splitlines()[1:]]
    return out, review


def test_every_remaining_district_mention_is_listed_with_its_path(rolled_2026: tuple[Path, list[str]]) -> None:
    out, review = rolled_2026
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    district = [p for p, t in texts(data) if re.search(r"\bhuyện\b", t, re.I) or "Phòng Nội vụ" in t]
    assert len(district) >= 14  # the 14 lines with "huyện", and "Phòng Nội vụ"
    for path in district:
        assert any(line.startswith(f"{path}: còn nhắc đến cấp huyện") for line in review), path
    listed = [line.split(":")[0] for line in review if "còn nhắc đến cấp huyện" in line]
    assert sorted(listed) == sorted(district)
    assert f"còn {len(district)} chỗ nhắc đến cấp huyện" in review[0]
    nha = next(line for line in review if line.startswith("recipients[0]:"))
    assert "Phòng Nội vụ" in nha


def test_former_units_get_a_proposal_and_are_kept(rolled_2026: tuple[Path, list[str]]) -> None:
    out, review = rolled_2026
    before = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["units"]
    after = yaml.safe_load(out.read_text(encoding="utf-8"))["units"]
    assert after == before  # never changed by itself
    expected = {"Bộ phận Văn phòng - Thống kê": "Văn phòng HĐND và UBND xã",
                "Bộ phận Tư pháp - Hộ tịch": "Văn phòng HĐND và UBND xã",
                "Bộ phận Tài chính - Kế toán": "Phòng Kinh tế",
                "Bộ phận Văn hóa - Xã hội": "Phòng Văn hóa - Xã hội"}
    for i, unit in enumerate(before):
        line = next((x for x in review if x.startswith(f"units[{i}] ")), None)
        if unit["name"] in expected:
            assert line is not None and f"đề xuất thay bằng {expected[unit['name']]} " in line, unit
            assert "Nghị định 150/2025/NĐ-CP" in line
        else:
            assert line is None, line


def test_a_year_before_two_tier_proposes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(EXAMPLE), "-o", str(tmp_path / "k.yaml")]) == 0
    printed = capsys.readouterr().out
    assert "Nghị định 150/2025" not in printed and "còn nhắc đến cấp huyện" not in printed


@pytest.mark.parametrize("level, economy", [("xã", "Phòng Kinh tế"), ("phường", "Phòng Kinh tế, Hạ tầng và Đô thị"),
                                            ("đặc khu", "Phòng Kinh tế")])
def test_the_units_preset_gives_the_bodies_of_a_commune_or_ward(level: str, economy: str) -> None:
    data = minimal_plan()
    data["units_preset"] = level
    data["units"] = [{"key": "tu-phap", "name": "Bộ phận Tư pháp - Hộ tịch"}]  # the file's own, kept
    plan = plan_from_data(data)
    names = {u.key: u.name for u in plan.units}
    assert names == {"van-phong": f"Văn phòng HĐND và UBND {level}", "kinh-te": economy,
                     "van-hoa": "Phòng Văn hóa - Xã hội", "trung-tam": f"Trung tâm Phục vụ hành chính công {level}",
                     "tu-phap": "Bộ phận Tư pháp - Hộ tịch"}


def test_an_unknown_preset_is_refused_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "k.yaml"
    data = minimal_plan()
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "units_preset: quận\n",
                      encoding="utf-8")
    assert main(["validate", str(source)]) == 1
    err = capsys.readouterr().err
    line = len(source.read_text(encoding="utf-8").splitlines())
    assert f"{source}:{line}: units_preset = \"quận\"" in err and "xã, đặc khu, phường" in err


def test_the_two_tier_example_uses_the_preset(tmp_path: Path) -> None:
    assert "units_preset:" in TEMPLATE.read_text(encoding="utf-8")
    plan = load_plan(TEMPLATE)
    assert [u.name for u in plan.units][:4] == ["Văn phòng HĐND và UBND xã", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội",
                                                "Trung tâm Phục vụ hành chính công xã"]
    out = tmp_path / "mau.docx"
    assert main(["render", str(TEMPLATE), "-o", str(out)]) == 0
    everything = "\n".join(DocxReader(out).all_text_elements())
    assert "Văn phòng HĐND và UBND" in everything and "Bộ phận" not in everything
    assert "{" not in everything
