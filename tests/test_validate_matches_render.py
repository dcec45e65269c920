"""``validate`` refuses what ``render`` would: a character Word cannot hold in any text field of a
plan or a report (control characters, U+FFFE, U+FFFF, lone surrogates — found by hypothesis over
every text of the examples), numbers longer than Python reads; and what ``render`` accepts it
renders: a trích yếu longer than Word's 255-character document property is printed whole and
stored in the property cut at a word.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_plan.docx.writer import CORE_TEXT_LIMIT, core_text
from cchc_plan.io import load_document
from cchc_plan.problems import InputError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = [ROOT / "examples" / "loc-binh-2023" / n for n in ("ke-hoach.yaml", "bao-cao-quy-1.yaml",
                                                               "bao-cao-nam-2023.yaml")]
EXAMPLES.append(ROOT / "examples" / "mau-xa-2027" / "ke-hoach.yaml")
BAD = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\x9f", "\ufffe", "\uffff", "\ud800",
       "\udfff", "\udbff"]


def _texts(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _texts(v, (*path, k))]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _texts(v, (*path, i))]
    return [path] if isinstance(node, str) else []


DATA = {f: yaml.safe_load(f.read_text(encoding="utf-8")) for f in EXAMPLES}
FIELDS = [(f, p) for f, d in DATA.items() for p in _texts(d)]


def _dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def test_the_examples_have_many_text_fields() -> None:
    assert len(FIELDS) > 700
    assert any("outputs" in p for _, p in FIELDS)  # the appendix outputs that used to slip through


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples' folders copied, so that a report's ``plan:`` and tables resolve beside it."""
    root = tmp_path_factory.mktemp("vi-du")
    for folder in {f.parent for f in EXAMPLES}:
        shutil.copytree(folder, root / folder.name)
    return root


@settings(max_examples=250, deadline=None)
@given(field=st.sampled_from(FIELDS), char=st.sampled_from(BAD), where=st.sampled_from(["start", "mid", "end"]))
def test_a_character_word_cannot_hold_is_refused_in_every_text_field(
        copies: Path, field: tuple[Path, tuple[Any, ...]], char: str, where: str) -> None:
    source, path = field
    data = copy.deepcopy(DATA[source])
    node = data
    for part in path[:-1]:
        node = node[part]
    text = node[path[-1]]
    half = len(text) // 2
    node[path[-1]] = {"start": char + text, "mid": text[:half] + char + text[half:], "end": text + char}[where]
    target = copies / source.parent.name / f"{source.stem}-thu.json"
    target.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_document(target)
    problems = caught.value.problems
    code = f"U+{ord(char):04X}"
    assert [p.path for p in problems] == [_dotted(path)], problems
    assert problems[0].rule == f"chứa ký tự điều khiển {code} không thể đưa vào văn bản Word"


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "cchc_plan", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd, encoding="utf-8")
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.mark.parametrize("command", ["validate", "render"])
def test_validate_and_render_refuse_an_appendix_output_alike(tmp_path: Path, command: str) -> None:
    data = copy.deepcopy(DATA[EXAMPLES[0]])
    data["appendix"]["groups"][0]["items"][0]["outputs"][0]["text"] += "\uffff"
    path = tmp_path / "ke-hoach.json"
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    done = _cli(command, str(path), *(["-o", "kq.docx"] if command == "render" else []), cwd=tmp_path)
    assert done.returncode == 1
    assert ("appendix.groups[0].items[0].outputs[0].text" in done.stderr
            and "U+FFFF không thể đưa vào văn bản Word" in done.stderr)
    assert not (tmp_path / "kq.docx").exists()


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_number_of_five_thousand_digits_gets_a_vietnamese_message(tmp_path: Path, suffix: str) -> None:
    text = EXAMPLES[3].read_text(encoding="utf-8")
    if suffix == ".json":
        text = json.dumps(yaml.safe_load(text), ensure_ascii=False, indent=1)
        text = re.sub(r'"year": \d+', '"year": ' + "9" * 5000, text, count=1)
    else:
        text = re.sub(r"year: \d+", "year: " + "9" * 5000, text, count=1)
    line = text[:text.index("9" * 5000)].count("\n") + 1
    path = tmp_path / f"ke-hoach{suffix}"
    path.write_text(text, encoding="utf-8")
    for command in ("validate", "render"):
        done = _cli(command, str(path), cwd=tmp_path)
        assert done.returncode == 1
        assert f"{path}:{line}: (tài liệu): số có 5.000 chữ số, quá dài (tối đa 4.300 chữ số)" in done.stderr
        assert "Exceeds the limit" not in done.stderr


def test_a_long_subject_is_printed_whole_and_its_property_cut_at_a_word(tmp_path: Path) -> None:
    data = copy.deepcopy(DATA[EXAMPLES[3]])
    words = "cải cách hành chính trên địa bàn xã gắn với chuyển đổi số và nâng cao chất lượng phục vụ"
    subject = " ".join([words] * 3)[:250].rstrip()
    assert len(subject) >= 245 and len(f"Kế hoạch: {subject}") > CORE_TEXT_LIMIT
    data["subject"] = subject
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert _cli("validate", str(path), cwd=tmp_path).returncode == 0
    done = _cli("render", str(path), "-o", "kq.docx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    document = docx.Document(str(tmp_path / "kq.docx"))
    title = document.core_properties.title
    assert len(title) <= CORE_TEXT_LIMIT and title.endswith("…")
    assert f"Kế hoạch: {subject}".startswith(title[:-1]) and title[-2] != " "
    body = " ".join(" ".join(p.text for p in document.paragraphs).split())
    assert subject in body


@given(text=st.text(min_size=0, max_size=600))
def test_core_text_fits_and_keeps_a_short_text(text: str) -> None:
    out = core_text(text)
    assert len(out) <= CORE_TEXT_LIMIT
    assert out == text if len(text) <= CORE_TEXT_LIMIT else (out.endswith("…") and text.startswith(out[:-1]))
