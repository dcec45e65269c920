"""Bad input files: `cchc-plan validate` refuses each with a message a person can act on.

Every case starts from the minimal valid plan (conftest), breaks one thing, writes the file in
``tmp_path`` and runs the command. The message must name the file, the line, the field path, the
bad value and the rule; the exit status is 1; no traceback; the file is left as it was and no other
file appears.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import line_of, minimal_plan, write_json, write_yaml, yaml_text

from cchc_plan.cli import main
from cchc_plan.io import load_plan


class Refusal:
    """The outcome of validating a bad file."""

    def __init__(self, path: Path, err: str, out: str) -> None:
        self.path = path
        self.err = err
        self.out = out
        self.items = [line for line in err.splitlines() if line.startswith("  - ")]

    def item(self, field: str) -> str:
        """The one problem line about ``field`` (matched as ``: field`` then `` =`` or ``:``)."""
        found = [i for i in self.items
                 if f": {field} =" in i or f": {field}: " in i]
        assert len(found) == 1, f"expected one problem about {field!r} in:\n{self.err}"
        return found[0]

    def line_of_item(self, field: str) -> int | None:
        """The line number the problem about ``field`` gives (``None`` if it gives none)."""
        prefix = f"  - {self.path}:"
        item = self.item(field)
        assert item.startswith(f"  - {self.path}"), item
        if not item.startswith(prefix):
            return None
        head = item[len(prefix):].split(":", 1)[0]
        return int(head) if head.isdigit() else None


def refuse(path: Path, capsys: pytest.CaptureFixture[str]) -> Refusal:
    """Validate ``path``; assert the common promises of a refusal; return the message."""
    folder = path.parent
    before_files = sorted(p.name for p in folder.iterdir())
    before_bytes = path.read_bytes() if path.is_file() else None
    capsys.readouterr()
    status = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert status == 1, (out, err)
    assert "Traceback" not in err and "Traceback" not in out
    assert "hợp lệ." not in out
    assert str(path) in err  # names the file
    assert err.splitlines()[0].startswith(f"{path}: có ")  # heading: how many problems
    if before_bytes is not None:
        assert path.read_bytes() == before_bytes  # input untouched
    assert sorted(p.name for p in folder.iterdir()) == before_files  # nothing new written
    return Refusal(path, err, out)


def accept(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before_bytes = path.read_bytes()
    capsys.readouterr()
    status = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert err == ""
    assert path.read_bytes() == before_bytes
    return out


def lines_of(text: str, needle: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]


# --------------------------------------------------------------------------- the valid plan


def test_minimal_plan_is_valid_and_summarised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_yaml(tmp_path / "ke-hoach.yaml", minimal_plan())
    out = accept(path, capsys)
    assert f"{path}: hợp lệ." in out
    assert "Kế hoạch số 07/KH-UBND ngày 06/01/2023 của UBND xã Lộc Bình" in out
    assert "Trích yếu: Cải cách hành chính gắn với chính quyền số xã Lộc Bình năm 2023" in out
    # 1 area, 2 targets each with one measure, 1 task; 2 appendix items with 3 outputs
    assert "1 lĩnh vực, 2 chỉ tiêu (2 chỉ tiêu có số đo, 2 số đo), 1 nhiệm vụ" in out
    assert "Phụ lục: 2 nhiệm vụ cụ thể, 3 sản phẩm" in out
    # "Tháng 01/2023" falls in January; "Năm 2023" and "Trước ngày 31/12 hàng năm" in December
    assert "tháng 01/2023: 1" in out
    assert "tháng 12/2023: 2" in out


def test_minimal_plan_as_json_is_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_json(tmp_path / "ke-hoach.json", minimal_plan())
    out = accept(path, capsys)
    assert f"{path}: hợp lệ." in out
    assert "Phụ lục: 2 nhiệm vụ cụ thể, 3 sản phẩm" in out


def test_decomposed_text_is_accepted_and_normalised(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_plan()
    subject = data["subject"]
    data["subject"] = unicodedata.normalize("NFD", subject)
    data["areas"][0]["tasks"] = [unicodedata.normalize("NFD", t) for t in data["areas"][0]["tasks"]]
    assert data["subject"] != subject
    path = write_yaml(tmp_path / "nfd.yaml", data)
    assert unicodedata.normalize("NFD", "Cải cách").encode() in path.read_bytes()
    out = accept(path, capsys)
    assert f"Trích yếu: {subject}" in out  # printed composed
    plan = load_plan(path)
    assert plan.subject == subject
    assert plan.areas[0].tasks == tuple(minimal_plan()["areas"][0]["tasks"])
    assert unicodedata.is_normalized("NFC", plan.subject)


# --------------------------------------------------------------------------- one bad field


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A mutation that sets ``a.b[0].c`` (dotted path with indexes) in the plan dict."""
    def mutate(data: dict[str, Any]) -> None:
        keys: list[Any] = []
        for part in path.split("."):
            name, _, rest = part.partition("[")
            keys.append(name)
            for index in rest.rstrip("]").split("][") if rest else []:
                keys.append(int(index))
        target: Any = data
        for k in keys[:-1]:
            target = target[k]
        target[keys[-1]] = value
    return mutate


MEASURE = "areas[0].targets[0].measures[0]"
ITEM0 = "appendix.groups[0].items[0]"
ITEM1 = "appendix.groups[0].items[1]"

# (id, mutation, field path, shown value (None: no value), key phrase of the rule, line needle)
CASES: list[tuple[str, Callable[[dict[str, Any]], None], str, str | None, str, str | None]] = [
    ("percent-above-100", _set(f"{MEASURE}.value", 150), f"{MEASURE}.value", "150",
     "0–100", "value: 150"),
    ("percent-negative", _set(f"{MEASURE}.value", -5), f"{MEASURE}.value", "-5",
     "không được âm", "value: -5"),
    ("text-where-number", _set(f"{MEASURE}.value", "chín mươi tám"), f"{MEASURE}.value",
     '"chín mươi tám"', "phải là một số", "value: chín mươi tám"),
    ("year-as-text", _set("year", "năm nay"), "year", '"năm nay"', "phải là số nguyên",
     "year: năm nay"),
    ("list-where-text", _set("subject", ["Cải cách hành chính", "năm 2023"]), "subject",
     "['Cải cách hành chính', 'năm 2023']", "phải là văn bản", "subject:"),
    ("number-where-text", _set("issuer.name", 123), "issuer.name", "123", "phải là văn bản",
     "name: 123"),
    ("impossible-date", _set("date", "31/02/2023"), "date", '"31/02/2023"', "không tồn tại",
     "date: 31/02/2023"),
    ("impossible-cited-date", _set("opening.bases[0].documents[0].date", "31/02/2022"),
     "opening.bases[0].documents[0].date", '"31/02/2022"', "không tồn tại", "31/02/2022"),
    ("impossible-deadline", _set(f"{ITEM0}.outputs[0].deadline", "Trước 31/02/2023"),
     f"{ITEM0}.outputs[0].deadline", '"Trước 31/02/2023"', "không tồn tại", "Trước 31/02/2023"),
    ("unknown-deadline-form", _set(f"{ITEM0}.outputs[0].deadline", "Cuối năm"),
     f"{ITEM0}.outputs[0].deadline", '"Cuối năm"', "không đọc được thời hạn", "Cuối năm"),
    ("deadline-outside-year", _set(f"{ITEM0}.outputs[0].deadline", "Tháng 01/2024"),
     f"{ITEM0}.outputs[0].deadline", '"Tháng 01/2024"', "ngoài năm kế hoạch 2023", "Tháng 01/2024"),
    ("unit-not-defined", _set(f"{ITEM1}.lead", ["tai-chinh"]), f"{ITEM1}.lead.units[0]",
     '"tai-chinh"', "chưa được khai báo trong units; đã có: tu-phap, van-phong", None),
    ("duty-unit-not-defined", _set("implementation.duties[0].unit", "ke-toan"),
     "implementation.duties[0].unit", '"ke-toan"', "chưa được khai báo", "unit: ke-toan"),
    ("serial-zero", _set("number", "0/KH-UBND"), "number.serial", "0", "bắt đầu từ 1",
     "number: 0/KH-UBND"),
    ("unknown-doc-type", _set("number", "07/XX-UBND"), "number", '"07/XX-UBND"', "Phụ lục III",
     "number: 07/XX-UBND"),
    ("empty-text", _set("subject", ""), "subject", '""', "không được để trống", "subject:"),
    ("blank-item", _set("objectives", ["   "]), "objectives[0]", '"   "', "không được để trống",
     "- '   '"),
    ("unknown-comparator", _set(f"{MEASURE}.comparator", "tren"), f"{MEASURE}.comparator",
     '"tren"', "more_than, at_least", "comparator: tren"),
    ("date-before-cited", _set("opening.bases[0].documents[0].date", "24/12/2023"),
     "opening.bases[0].documents[0].date", '"24/12/2023"', "không thể ban hành sau kế hoạch",
     "24/12/2023"),
    ("header-not-capitals", _set("issuer.header", ["Ủy ban nhân dân", "XÃ LỘC BÌNH"]),
     "issuer.header[0]", '"Ủy ban nhân dân"', "in hoa", "- Ủy ban nhân dân"),
    ("archive-in-recipients", _set("recipients", ["UBND huyện", "Lưu: VT"]), "recipients[1]",
     '"Lưu: VT"', "archive", "Lưu: VT"),
]


@pytest.mark.parametrize(("mutate", "field", "shown", "rule", "needle"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_one_bad_field(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                       mutate: Callable[[dict[str, Any]], None], field: str, shown: str | None,
                       rule: str, needle: str | None) -> None:
    data = minimal_plan()
    mutate(data)
    path = write_yaml(tmp_path / "ke-hoach.yaml", data)
    text = path.read_text(encoding="utf-8")
    r = refuse(path, capsys)
    assert len(r.items) == 1, r.err
    assert r.err.splitlines()[0] == f"{path}: có 1 lỗi, chưa thể dùng tệp này."
    item = r.item(field)
    if shown is not None:
        assert f"{field} = {shown}:" in item
    assert rule in item
    if needle is not None:
        assert r.line_of_item(field) == line_of(text, needle)


@pytest.mark.parametrize("case", ["percent-above-100", "unit-not-defined", "impossible-date"])
def test_one_bad_field_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    (_, mutate, field, shown, rule, needle) = next(c for c in CASES if c[0] == case)
    data = minimal_plan()
    mutate(data)
    path = write_json(tmp_path / "ke-hoach.json", data)
    text = path.read_text(encoding="utf-8")
    r = refuse(path, capsys)
    item = r.item(field)
    assert f"{field} = {shown}:" in item
    assert rule in item
    json_needle = {"percent-above-100": '"value": 150', "unit-not-defined": '"lead": [',
                   "impossible-date": '"date": "31/02/2023"'}[case]
    start = line_of(text, '"number": 2,') if case == "unit-not-defined" else 1
    assert r.line_of_item(field) == line_of(text, json_needle, start)


@pytest.mark.parametrize("style", ["block", "flow"])
def test_undefined_unit_points_at_the_lead_field(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 style: str) -> None:
    data = minimal_plan()
    data["appendix"]["groups"][0]["items"][1]["lead"] = ["tai-chinh"]
    text = yaml_text(data)
    if style == "flow":  # as people write it: lead: [tai-chinh]
        text = text.replace("lead:\n      - tai-chinh\n", "lead: [tai-chinh]\n")
        assert "lead: [tai-chinh]" in text
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(text, encoding="utf-8")
    r = refuse(path, capsys)
    field = f"{ITEM1}.lead.units[0]"
    assert f'{field} = "tai-chinh":' in r.item(field)
    lead_line = line_of(text, "lead:", start=line_of(text, "- number: 2"))  # the second item's
    if style == "flow":
        assert r.line_of_item(field) == lead_line == line_of(text, "tai-chinh")
    else:  # the "lead:" line or the "- tai-chinh" line under it
        assert r.line_of_item(field) in {lead_line, line_of(text, "- tai-chinh")}


def test_missing_required_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_plan()
    del data["areas"][0]["title"]
    path = write_yaml(tmp_path / "ke-hoach.yaml", data)
    text = path.read_text(encoding="utf-8")
    r = refuse(path, capsys)
    assert len(r.items) == 1
    item = r.item("areas[0].title")
    assert "thiếu trường bắt buộc" in item
    # the line of the area that lacks its title
    assert r.line_of_item("areas[0].title") == line_of(text, "- kind: procedures")


def test_missing_top_level_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_plan()
    del data["signer"]
    r = refuse(write_yaml(tmp_path / "ke-hoach.yaml", data), capsys)
    assert len(r.items) == 1
    assert "thiếu trường bắt buộc" in r.item("signer")


def test_unknown_field_suggests_the_right_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_plan()
    measure = data["areas"][0]["targets"][0]["measures"][0]
    data["areas"][0]["targets"][0]["measures"][0] = {
        ("comparater" if k == "comparator" else k): v for k, v in measure.items()}
    path = write_yaml(tmp_path / "ke-hoach.yaml", data)
    text = path.read_text(encoding="utf-8")
    r = refuse(path, capsys)
    item = r.item(f"{MEASURE}.comparater")
    assert 'có phải là "comparator"?' in item
    assert r.line_of_item(f"{MEASURE}.comparater") == line_of(text, "comparater:")
    # the real field is then missing: said too, in the same message
    assert "thiếu trường bắt buộc" in r.item(f"{MEASURE}.comparator")
    assert len(r.items) == 2


def test_unknown_top_level_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_plan()
    data["recipents"] = data.pop("recipients")
    path = write_yaml(tmp_path / "ke-hoach.yaml", data)
    text = path.read_text(encoding="utf-8")
    r = refuse(path, capsys)
    assert 'có phải là "recipients"?' in r.item("recipents")
    assert r.line_of_item("recipents") == line_of(text, "recipents:")


def test_duplicate_appendix_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_plan()
    data["appendix"]["groups"][0]["items"][1]["number"] = 1
    path = write_yaml(tmp_path / "ke-hoach.yaml", data)
    text = path.read_text(encoding="utf-8")
    r = refuse(path, capsys)
    item = r.item(f"{ITEM1}.number")
    assert f"{ITEM1}.number = 1:" in item
    assert f"trùng với {ITEM0}" in item
    first, second = lines_of(text, "- number: 1")
    assert r.line_of_item(f"{ITEM1}.number") == second


def test_control_character_in_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_plan()
    data["subject"] = "Cải cách hành chính\x07năm 2023"
    path = write_yaml(tmp_path / "ke-hoach.yaml", data)  # written as the YAML escape "\a"
    text = path.read_text(encoding="utf-8")
    r = refuse(path, capsys)
    item = r.item("subject")
    assert "U+0007" in item
    assert "ký tự điều khiển" in item
    assert r.line_of_item("subject") == line_of(text, "subject:")


def test_tab_in_single_line_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_plan()
    data["areas"][0]["title"] = "Cải cách\tthủ tục hành chính"
    r = refuse(write_yaml(tmp_path / "ke-hoach.yaml", data), capsys)
    assert "một dòng" in r.item("areas[0].title")


def test_control_characters_are_not_echoed_raw(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_plan()
    data["subject"] = "Cải cách\x1b[2J\x07hành chính"
    r = refuse(write_yaml(tmp_path / "ke-hoach.yaml", data), capsys)
    assert "U+001B" in r.item("subject")
    raw = [c for c in r.err if unicodedata.category(c) == "Cc" and c != "\n"]
    assert raw == []


def test_raw_control_character_in_yaml_is_refused(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    text = yaml_text(minimal_plan()).replace("Giữ vững", "Giữ\x07vững")
    path = tmp_path / "ke-hoach.yaml"
    path.write_bytes(text.encode("utf-8"))
    r = refuse(path, capsys)
    assert len(r.items) == 1
    assert "YAML" in r.items[0]
    assert "0007" in r.err


def test_raw_control_character_in_yaml_gives_the_line(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    text = yaml_text(minimal_plan()).replace("Giữ vững", "Giữ\x07vững")
    path = tmp_path / "ke-hoach.yaml"
    path.write_bytes(text.encode("utf-8"))
    r = refuse(path, capsys)
    assert r.items[0].startswith(f"  - {path}:{line_of(text, 'Giữ')}:")
    assert "<unicode string>" not in r.err


def test_raw_control_character_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = json.dumps(minimal_plan(), ensure_ascii=False, indent=2).replace("Giữ vững", "Giữ\x07vững")
    path = tmp_path / "ke-hoach.json"
    path.write_bytes(text.encode("utf-8"))
    r = refuse(path, capsys)
    assert len(r.items) == 1
    assert r.items[0].startswith(f"  - {path}:{line_of(text, 'Giữ')}:")
    assert "JSON" in r.items[0]


# --------------------------------------------------------------------------- whole-file problems


def test_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_plan()
    text = yaml_text(data)
    path = tmp_path / "ke-hoach.yaml"
    # "Ủy ban nhân dân" in latin-1: "Ủ" cannot be written ("?"), "â" becomes the byte 0xE2
    path.write_bytes(text.encode("latin-1", errors="replace"))
    r = refuse(path, capsys)
    assert len(r.items) == 1
    assert "UTF-8" in r.items[0]
    assert "0xE2" in r.items[0]
    assert r.items[0].startswith(f"  - {path}:{line_of(text, 'name: Ủy ban')}:")


def test_not_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = yaml_text(minimal_plan()).replace(
        "subject: Cải cách hành chính gắn với chính quyền số",
        "subject: Cải cách hành chính: gắn với chính quyền số")
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(text, encoding="utf-8")
    r = refuse(path, capsys)
    assert len(r.items) == 1
    assert "không đọc được YAML" in r.items[0]
    assert 'dấu ":"' in r.items[0]  # the hint for the commonest mistake
    assert r.items[0].startswith(f"  - {path}:{line_of(text, 'subject:')}:")


def test_not_yaml_unclosed_bracket(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ke-hoach.yaml"
    path.write_text("issuer:\n  header: [ỦY BAN NHÂN DÂN\nnumber: 07/KH-UBND\n", encoding="utf-8")
    r = refuse(path, capsys)
    assert len(r.items) == 1
    assert "không đọc được YAML" in r.items[0]
    assert r.items[0].startswith(f"  - {path}:3:")


def test_not_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = json.dumps(minimal_plan(), ensure_ascii=False, indent=2)
    broken = text.replace('"year": 2023,', '"year": 2023', 1)  # a missing comma
    assert broken != text
    path = tmp_path / "ke-hoach.json"
    path.write_text(broken, encoding="utf-8")
    r = refuse(path, capsys)
    assert len(r.items) == 1
    assert "không đọc được JSON" in r.items[0]
    # the parser stops at the key after the missing comma
    stop = line_of(broken, '"year": 2023') + 1
    assert r.items[0].startswith(f"  - {path}:{stop}:")


@pytest.mark.parametrize(("content", "phrase"), [
    (b"", "tệp rỗng"),
    (b"\n  \n\t\n", "tệp rỗng"),
    ("# chỉ có ghi chú\n".encode(), "không có nội dung"),
])
def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, phrase: str) -> None:
    path = tmp_path / "ke-hoach.yaml"
    path.write_bytes(content)
    r = refuse(path, capsys)
    assert len(r.items) == 1
    assert phrase in r.items[0]


def test_top_level_not_a_mapping(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ke-hoach.yaml"
    path.write_text("- issuer\n- number\n", encoding="utf-8")
    r = refuse(path, capsys)
    assert "bảng các trường" in r.items[0]


def test_missing_file_and_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "khong-co.yaml"
    r = refuse(missing, capsys)
    assert "không tìm thấy tệp" in r.items[0]
    assert not missing.exists()
    folder = tmp_path / "thu-muc"
    folder.mkdir()
    r = refuse(folder, capsys)
    assert "thư mục" in r.items[0]


def _big_file(path: Path) -> None:
    head = yaml_text(minimal_plan()).encode("utf-8")
    filler = b"# " + b"x" * 1022 + b"\n"
    with path.open("wb") as f:
        f.write(head)
        f.write(filler * (10 * 1024 - len(head) // 1024))
    assert path.stat().st_size >= 10 * 1024 * 1024 - 1024


def test_ten_megabyte_file_is_refused_quickly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ke-hoach.yaml"
    _big_file(path)
    # refused from its size, before any parsing
    r = refuse(path, capsys)
    assert len(r.items) == 1
    assert "tệp quá lớn" in r.items[0]
    assert "tối đa 5 MB" in r.items[0]


def test_size_message_uses_a_decimal_comma(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ke-hoach.yaml"
    path.write_bytes(b"# " + b"x" * (10 * 1024 * 1024 - 3) + b"\n")  # exactly 10 MB
    r = refuse(path, capsys)
    assert "(10,0 MB)" in r.items[0]


def test_alias_bomb_is_refused_quickly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 9):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    path = tmp_path / "bom.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # 10**9 leaves if expanded: refused from the alias count, before anything is built.
    r = refuse(path, capsys)
    assert "bí danh" in r.items[0] or "quá nhiều" in r.items[0]


def test_duplicate_key_in_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = yaml_text(minimal_plan()) + "year: 2024\n"
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(text, encoding="utf-8")
    r = refuse(path, capsys)
    assert len(r.items) == 1
    item = r.item("year")
    assert "hai lần" in item
    first, second = lines_of(text, "year: 20")
    assert f"lần đầu ở dòng {first}" in item
    assert r.line_of_item("year") == second


def test_duplicate_key_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = json.dumps(minimal_plan(), ensure_ascii=False, indent=2)
    text = text.replace('"year": 2023,', '"year": 2023,\n  "year": 2024,', 1)
    path = tmp_path / "ke-hoach.json"
    path.write_text(text, encoding="utf-8")
    r = refuse(path, capsys)
    assert len(r.items) == 1
    assert '"year"' in r.items[0]
    assert "hai lần" in r.items[0]


# --------------------------------------------------------------------------- several at once


def test_several_problems_listed_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_plan()
    data["year"] = "năm nay"
    data["date"] = "31/02/2023"
    data["areas"][0]["targets"][0]["measures"][0]["value"] = 150
    data["areas"][0]["targets"][1]["measures"][0]["comparator"] = "toi_thieu"
    data["signer"]["nmae"] = data["signer"].pop("name")
    path = write_yaml(tmp_path / "ke-hoach.yaml", data)
    text = path.read_text(encoding="utf-8")
    r = refuse(path, capsys)
    expected = {
        "year": line_of(text, "year: năm nay"),
        "date": line_of(text, "date: 31/02/2023"),
        f"{MEASURE}.value": line_of(text, "value: 150"),
        "areas[0].targets[1].measures[0].comparator": line_of(text, "comparator: toi_thieu"),
        "signer.nmae": line_of(text, "nmae:"),
        "signer.name": line_of(text, "signer:"),
    }
    assert r.err.splitlines()[0] == f"{path}: có {len(expected)} lỗi, chưa thể dùng tệp này."
    assert len(r.items) == len(expected)
    for field, line in expected.items():
        assert r.line_of_item(field) == line, field
    reported = [r.line_of_item(f) for f in expected]
    assert [int(i.split(":")[1]) for i in r.items] == sorted(x for x in reported if x)  # file order


def test_empty_text_reported_with_a_wrong_type_elsewhere(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_plan()
    data["year"] = "năm nay"
    data["subject"] = ""
    path = write_yaml(tmp_path / "ke-hoach.yaml", data)
    text = path.read_text(encoding="utf-8")
    r = refuse(path, capsys)
    assert r.line_of_item("year") == line_of(text, "year: năm nay")
    assert "không được để trống" in r.item("subject")
    assert len(r.items) == 2


def test_several_plan_wide_problems_listed_at_once(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_plan()
    items = data["appendix"]["groups"][0]["items"]
    items[1]["number"] = 1
    items[1]["lead"] = ["tai-chinh"]
    items[0]["outputs"][1]["deadline"] = "Năm 2022"
    data["implementation"]["duties"][0]["unit"] = "ke-toan"
    r = refuse(write_yaml(tmp_path / "ke-hoach.yaml", data), capsys)
    assert "có 4 lỗi" in r.err.splitlines()[0]
    assert len(r.items) == 4
    assert "trùng" in r.item(f"{ITEM1}.number")
    assert "chưa được khai báo" in r.item(f"{ITEM1}.lead.units[0]")
    assert "chưa được khai báo" in r.item("implementation.duties[0].unit")
    assert "ngoài năm kế hoạch" in r.item(f"{ITEM0}.outputs[1].deadline")
