"""``cchc-plan new`` edits the file instead of rewriting it: comments, key order, quoting stay.

The plan is written by hand below as an office writes one — comments on their own lines and
after values, keys not in the model's order, quoted and literal-block texts; what the new file
must look like is checked line by line against that text, and the file is read back.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLE, minimal_plan

from cchc_plan.cli import main
from cchc_plan.io import load_plan
from cchc_plan.model.rollover import next_year

HAND_WRITTEN = '''\
# Kế hoạch CCHC của xã — bản gốc, ghi chú của văn phòng
year: 2023            # năm kế hoạch
number: 07/KH-UBND
date: 06/01/2023      # ngày ký
issuer:
  short_name: 'UBND xã Lộc Bình'
  name: "Ủy ban nhân dân xã Lộc Bình"
  code: UBND
  level: commune
  place: Lộc Bình
  header: [ỦY BAN NHÂN DÂN, XÃ LỘC BÌNH]
  district: huyện Phú Lộc   # bỏ từ 1/7/2025
  province: tỉnh Thừa Thiên Huế
subject: |-
  Cải cách hành chính gắn với chính quyền số
  xã Lộc Bình năm 2023
'''


def hand_written_plan(tmp_path: Path) -> Path:
    """The hand-written head above, then the rest of a minimal plan (as YAML, model order)."""
    import yaml

    data = minimal_plan()
    rest = {k: v for k, v in data.items() if k not in ("year", "number", "date", "issuer", "subject")}
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(HAND_WRITTEN + "# --- phần còn lại\n" + yaml.safe_dump(rest, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def test_comments_order_and_quoting_are_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = hand_written_plan(tmp_path)
    before = source.read_bytes()
    out = tmp_path / "ke-hoach-2024.yaml"
    assert main(["new", str(source), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert source.read_bytes() == before
    text = out.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# Kế hoạch CCHC của xã — bản gốc, ghi chú của văn phòng"
    assert lines[1] == "year: 2024            # năm kế hoạch"
    assert lines[2] == "number: /KH-UBND"
    assert not any(line.startswith("date:") for line in lines)
    assert "  short_name: 'UBND xã Lộc Bình'" in lines
    assert '  name: "Ủy ban nhân dân xã Lộc Bình"' in lines
    assert "  header: [ỦY BAN NHÂN DÂN, XÃ LỘC BÌNH]" in lines
    assert "  district: huyện Phú Lộc   # bỏ từ 1/7/2025" in lines
    assert "subject: |-" in lines and "  xã Lộc Bình năm 2024" in lines
    assert "# --- phần còn lại" in lines
    assert [k for k in (line.split(":")[0] for line in lines) if k in ("year", "number", "issuer", "subject")] \
        == ["year", "number", "issuer", "subject"]
    assert load_plan(out) == next_year(load_plan(source), 2024).plan
    review = printed[printed.index("Cần người xem lại"):]
    assert "date: đã bỏ trường cùng ghi chú đi kèm (# ngày ký)" in review
    assert "issuer" not in review.split("\n")[1]
    assert "giữ nguyên" in printed


def test_every_example_rolls_over_without_reformatting(tmp_path: Path) -> None:
    """Lines that are not changes are the source's own, byte for byte, in the same order."""
    out = tmp_path / "ke-hoach-2024.yaml"
    assert main(["new", str(EXAMPLE), "-o", str(out)]) == 0
    old = EXAMPLE.read_text(encoding="utf-8").splitlines()
    new = out.read_text(encoding="utf-8").splitlines()
    changed = [line for line in old if line not in new]
    assert all("2023" in line or line.startswith(("number:", "date:")) for line in changed), changed
    assert len(old) - len(new) == 1  # the date line is gone, nothing else
    assert [line for line in old if line.lstrip().startswith("#")] == [
        line for line in new if line.lstrip().startswith("#")]


def test_a_json_plan_is_still_written_from_the_model(tmp_path: Path) -> None:
    source = tmp_path / "ke-hoach.json"
    source.write_text(json.dumps(minimal_plan(), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "moi.json"
    assert main(["new", str(source), "-o", str(out)]) == 0
    assert load_plan(out) == next_year(load_plan(source)).plan
