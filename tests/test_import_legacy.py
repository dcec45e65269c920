"""Text typed in the legacy encodings (TCVN3 ``.VnTime``, VNI ``VNI-Times``) and old ``.doc`` files."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_plan import import_docx, load_plan
from cchc_plan.io.importer._legacy import _TCVN3, encoding_of_font, from_tcvn3, from_vni
from cchc_plan.render import layout, render

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "examples" / "mau-xa-2027" / "ke-hoach.yaml"

# Published pairs: the same words as offices typed them, and in Unicode.
TCVN3_PAIRS = [
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("Uû ban nh©n d©n x· Léc B×nh", "Uỷ ban nhân dân xã Lộc Bình"),
    ("c¶i c¸ch hµnh chÝnh n¨m 2023", "cải cách hành chính năm 2023"),
    ("thñ tôc hµnh chÝnh, mét cöa liªn th«ng", "thủ tục hành chính, một cửa liên thông"),
]
VNI_PAIRS = [
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("UÛY BAN NHAÂN DAÂN", "ỦY BAN NHÂN DÂN"),
    ("caûi caùch haønh chính naêm 2023", "cải cách hành chính năm 2023"),
    ("thuû tuïc haønh chính, moät cöûa lieân thoâng", "thủ tục hành chính, một cửa liên thông"),
]


@pytest.mark.parametrize(("typed", "unicode"), TCVN3_PAIRS)
def test_tcvn3_known_pairs(typed: str, unicode: str) -> None:
    assert from_tcvn3(typed) == unicode


def test_tcvn3_capitals_font() -> None:
    assert from_tcvn3("ñy ban nh©n d©n", capitals=True) == "ỦY BAN NHÂN DÂN"


@pytest.mark.parametrize(("typed", "unicode"), VNI_PAIRS)
def test_vni_known_pairs(typed: str, unicode: str) -> None:
    assert from_vni(typed) == unicode


def test_fonts_name_their_encoding() -> None:
    assert encoding_of_font(".VnTime") == "tcvn3"
    assert encoding_of_font(".VnTimeH") == "tcvn3-caps"
    assert encoding_of_font("VNI-Times") == "vni"
    assert encoding_of_font("Times New Roman") is None


# --------------------------------------------------------------------------- encoders (for the fixtures)

_TO_TCVN3 = {v: k for k, v in _TCVN3.items() if k != "\u00ad"} | {"ư": "\u00ad"}


def _vni_table() -> dict[str, str]:
    shapes = ["", "â", "á", "à", "å", "ã", "ä", "ê", "é", "è", "ú", "ü", "ë"]
    tones = ["", "ù", "ø", "û", "õ", "ï"]
    table: dict[str, str] = {}
    for base, shape, tone in itertools.product("aeiouyAEIOUY", shapes, tones):
        if base.isupper():
            shape, tone = shape.upper(), tone.upper()
        candidate = base + shape + tone
        out = from_vni(candidate)
        if len(out) == 1 and out not in table and out != base:
            table[out] = candidate
    for letter in "ơưđƠƯĐ":
        table[letter] = {"ơ": "ô", "ư": "ö", "đ": "ñ", "Ơ": "Ô", "Ư": "Ö", "Đ": "Ñ"}[letter]
    for letter in "ơư":
        for tone in "ùøûõï":
            table.setdefault(from_vni(table[letter] + tone), table[letter] + tone)
            table.setdefault(from_vni(table[letter.upper()] + tone.upper()), table[letter.upper()] + tone.upper())
    for i_form, code in (("í", "í"), ("ì", "ì"), ("ỉ", "æ"), ("ĩ", "ó"), ("ị", "ò"), ("ỵ", "î"),
                         ("Í", "Í"), ("Ì", "Ì"), ("Ỉ", "Æ"), ("Ĩ", "Ó"), ("Ị", "Ò"), ("Ỵ", "Î")):
        table[i_form] = code
    return table


_TO_VNI = _vni_table()


def _vni(text: str) -> str:
    return "".join(_TO_VNI.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def _tcvn3_runs(text: str) -> list[tuple[str, str]]:
    """``text`` as (font, TCVN3 text) runs: capitals with tone marks need the H font."""
    runs: list[tuple[str, str]] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TO_TCVN3:
            font, code = ".VnTime", _TO_TCVN3[ch]
        elif ch.lower() in _TO_TCVN3 and ch.isupper():
            font, code = ".VnTimeH", _TO_TCVN3[ch.lower()]
        else:
            font, code = ".VnTime", ch
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + code)
        else:
            runs.append((font, code))
    return runs


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ ,.",
               max_size=40))
def test_both_converters_read_back_what_they_encode(text: str) -> None:
    assert "".join(from_tcvn3(t, capitals=f.endswith("H")) for f, t in _tcvn3_runs(text)) == text
    assert from_vni(_vni(text)) == text


def _retyped(source: Path, target: Path, encoding: str) -> Path:
    """A rendered document with every run retyped in a legacy font."""
    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(source) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    for r in list(root.iter(f"{{{w}}}r")):
        t = r.find(f"{{{w}}}t")
        if t is None or not t.text:
            continue
        rpr = r.find(f"{{{w}}}rPr")
        runs = [("VNI-Times", _vni(t.text))] if encoding == "vni" else _tcvn3_runs(t.text)
        parent = r.getparent()
        at = parent.index(r)
        parent.remove(r)
        for k, (font, code) in enumerate(runs):
            new = etree.SubElement(parent, f"{{{w}}}r")
            parent.insert(at + k, new)
            props = etree.fromstring(etree.tostring(rpr)) if rpr is not None else etree.SubElement(new, f"{{{w}}}rPr")
            new.append(props)
            for old in props.findall(f"{{{w}}}rFonts"):
                props.remove(old)
            fonts = etree.Element(f"{{{w}}}rFonts")
            for slot in ("ascii", "hAnsi", "cs"):
                fonts.set(f"{{{w}}}{slot}", font)
            props.insert(0, fonts)
            text = etree.SubElement(new, f"{{{w}}}t")
            text.text = code
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return target


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_a_plan_typed_in_a_legacy_font_imports_in_unicode(encoding: str, tmp_path: Path) -> None:
    plan = load_plan(PLAN)
    render(plan, tmp_path / "unicode.docx")
    legacy = _retyped(tmp_path / "unicode.docx", tmp_path / "legacy.docx", encoding)
    assert "Kế hoạch" not in zipfile.ZipFile(legacy).read("word/document.xml").decode("utf-8")
    imported = import_docx(legacy)
    assert layout(imported.document) == layout(plan)
    name = "VNI" if encoding == "vni" else "TCVN3"
    assert any(name in line and "Unicode" in line for line in imported.review)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_an_old_doc_file_is_converted_by_libreoffice(tmp_path: Path) -> None:
    plan = load_plan(PLAN)
    render(plan, tmp_path / "ke-hoach.docx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "doc", "--outdir", str(tmp_path / "doc"), str(tmp_path / "ke-hoach.docx")], check=True,
                   capture_output=True, timeout=240)
    doc = tmp_path / "doc" / "ke-hoach.doc"
    before = doc.read_bytes()
    imported = import_docx(doc)
    assert doc.read_bytes() == before
    assert any(".doc" in line and "LibreOffice" in line for line in imported.review)
    again = imported.document
    assert [a.title for a in again.areas] == [a.title for a in plan.areas]
    assert again.appendix is not None and plan.appendix is not None
    assert [i.content for i in again.appendix.items] == [i.content for i in plan.appendix.items]


def test_an_old_doc_message_names_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from cchc_plan.cli.app import main
    import cchc_plan.docx.pdf as pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    doc = tmp_path / "cu.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\0" * 600)
    assert main(["import", str(doc), "-o", str(tmp_path / "a.yaml")]) == 1
    assert not (tmp_path / "a.yaml").exists()
    err = capsys.readouterr().err
    assert "LibreOffice" in err and re.search(r"lưu thành \.docx", err)
