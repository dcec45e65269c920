"""A user's ``--template`` gives styles and page setup, and nothing else of it reaches the output.

The hostile template is a real Word package (python-docx's own template) into which every
part an office template can carry is put: a remote attached template, an even-page
header with a remote picture field, macros, an OLE object, external relationships, a
comment, customXml, the author and company, a thumbnail, an embedded font. The output is
then opened as a zip and each of them is looked for. Malformed templates, built here one
by one, must each give one Vietnamese message and no output.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_plan.cli import main

from docx_reading import DocxReader

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
SECRET = "BÍ-MẬT-CỦA-MẪU"
REMOTE = "http://127.0.0.1:9"

_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT_DEFAULT = '<Default Extension="{ext}" ContentType="{ct}"/>'
_CT_OVERRIDE = '<Override PartName="/{name}" ContentType="{ct}"/>'


def _base_template() -> dict[str, bytes]:
    """python-docx's template with a style of its own ("MauRieng", 15 pt) and an even-page header."""
    document = docx.Document()
    style = document.styles.add_style("MauRieng", 1)
    style.font.size = docx.shared.Pt(15)
    document.settings.odd_and_even_pages_header_footer = True
    document.sections[0].even_page_header.paragraphs[0].text = f"Trang chẵn {SECRET}"
    document.add_paragraph(f"Nội dung mẫu {SECRET}")
    document.core_properties.author = f"Tác giả {SECRET}"
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as z:
        return {name: z.read(name) for name in z.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buffer.getvalue()


def _add_rel(parts: dict[str, bytes], rels: str, rid: str, kind: str, target: str, external: bool = False) -> None:
    mode = ' TargetMode="External"' if external else ""
    rel = f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"{mode}/>'
    text = parts.get(rels, b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
                           b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                           b'</Relationships>').decode("utf-8")
    parts[rels] = text.replace("</Relationships>", rel + "</Relationships>").encode("utf-8")


def _add_type(parts: dict[str, bytes], entry: str) -> None:
    text = parts["[Content_Types].xml"].decode("utf-8")
    parts["[Content_Types].xml"] = text.replace("</Types>", entry + "</Types>").encode("utf-8")


def hostile_template() -> bytes:
    parts = _base_template()
    doc_rels = "word/_rels/document.xml.rels"
    settings_rels = "word/_rels/settings.xml.rels"
    # A remote attached template, and settings that lock, track and merge.
    _add_rel(parts, settings_rels, "rIdT", f"{_RELS}/attachedTemplate", f"{REMOTE}/mau.dotm", external=True)
    settings = parts["word/settings.xml"].decode("utf-8")
    settings = re.sub(r"(<w:settings[^>]*>)", r'\1<w:trackRevisions/><w:documentProtection w:edit="readOnly" '
                      r'w:enforcement="1"/><w:attachedTemplate r:id="rIdT"/><w:linkStyles/>'
                      rf'<w:docVars><w:docVar w:name="ma" w:val="{SECRET}"/></w:docVars>', settings, count=1)
    if 'xmlns:r=' not in settings[:2000]:
        settings = settings.replace("<w:settings ", f'<w:settings xmlns:r="{_RELS}" ', 1)
    parts["word/settings.xml"] = settings.encode("utf-8")
    # The even-page header gets a remote picture field (it would also hide the page numbers).
    header = next(n for n in parts if re.fullmatch(r"word/header\d+\.xml", n))
    parts[header] = parts[header].replace(
        b"</w:p>", f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> INCLUDEPICTURE '
                   f'"{REMOTE}/anh.png" \\d </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
                   "</w:p>".encode(), 1)
    # Macros, an OLE object, a linked picture, an external hyperlink, a comment, customXml, a thumbnail.
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0VBA" + SECRET.encode("utf-8")
    _add_rel(parts, doc_rels, "rIdV", "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
             "vbaProject.bin")
    _add_type(parts, _CT_DEFAULT.format(ext="bin", ct="application/vnd.ms-office.vbaProject"))
    parts["word/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0OLE" + SECRET.encode("utf-8")
    _add_rel(parts, doc_rels, "rIdO", f"{_RELS}/oleObject", "embeddings/oleObject1.bin")
    _add_rel(parts, doc_rels, "rIdL", f"{_RELS}/image", f"{REMOTE}/lien-ket.png", external=True)
    _add_rel(parts, doc_rels, "rIdH", f"{_RELS}/hyperlink", f"{REMOTE}/trang", external=True)
    parts["word/comments.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="http://schemas.'
        'openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="Người duyệt">'
        f'<w:p><w:r><w:t>Ghi chú {SECRET}</w:t></w:r></w:p></w:comment></w:comments>').encode()
    _add_rel(parts, doc_rels, "rIdC", f"{_RELS}/comments", "comments.xml")
    _add_type(parts, _CT_OVERRIDE.format(
        name="word/comments.xml", ct="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"))
    parts["customXml/item9.xml"] = f"<bi-mat>{SECRET}</bi-mat>".encode()
    _add_rel(parts, doc_rels, "rIdX", f"{_RELS}/customXml", "../customXml/item9.xml")
    parts["docProps/thumbnail.jpeg"] = b"\xff\xd8\xff\xe0" + SECRET.encode("utf-8")
    _add_rel(parts, "_rels/.rels", "rIdJ",
             "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
             "docProps/thumbnail.jpeg")
    _add_type(parts, _CT_DEFAULT.format(ext="jpeg", ct="image/jpeg"))
    app = parts["docProps/app.xml"].decode("utf-8")
    parts["docProps/app.xml"] = app.replace("</Properties>", f"<Company>Công ty {SECRET}</Company>"
                                                             "</Properties>").encode("utf-8")
    # A font embedded in the fonts table, and a picture bullet in the numbering.
    parts["word/fonts/font1.odttf"] = SECRET.encode("utf-8")
    _add_rel(parts, "word/_rels/fontTable.xml.rels", "rIdF", f"{_RELS}/font", "fonts/font1.odttf")
    _add_type(parts, _CT_DEFAULT.format(ext="odttf", ct="application/vnd.openxmlformats-officedocument.obfuscatedFont"))
    fonts = parts["word/fontTable.xml"].decode("utf-8")
    fonts = fonts.replace("</w:font>", '<w:embedRegular r:id="rIdF" w:fontKey="{00000000-0000-0000-0000-'
                                       '000000000000}"/></w:font>', 1)
    if 'xmlns:r=' not in fonts[:2000]:
        fonts = fonts.replace("<w:fonts ", f'<w:fonts xmlns:r="{_RELS}" ', 1)
    parts["word/fontTable.xml"] = fonts.encode("utf-8")
    return _zip(parts)


@pytest.fixture(scope="module")
def hostile_output(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("mau")
    template = folder / "mau-doc-hai.docx"
    template.write_bytes(hostile_template())
    out = folder / "ke-hoach.docx"
    assert main(["render", str(EXAMPLE), "-o", str(out), "--template", str(template)]) == 0
    with zipfile.ZipFile(out) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_the_hostile_template_really_carries_every_part() -> None:
    with zipfile.ZipFile(io.BytesIO(hostile_template())) as z:
        names = set(z.namelist())
        everything = b"".join(z.read(n) for n in names)
    assert {"word/vbaProject.bin", "word/embeddings/oleObject1.bin", "word/comments.xml", "customXml/item9.xml",
            "docProps/thumbnail.jpeg", "word/fonts/font1.odttf"} <= names
    assert b"attachedTemplate" in everything and b"INCLUDEPICTURE" in everything
    assert b'TargetMode="External"' in everything and b"evenAndOddHeaders" in everything


@pytest.mark.parametrize("part", ["word/vbaProject.bin", "word/embeddings/oleObject1.bin", "word/comments.xml",
                                  "customXml/item9.xml", "docProps/thumbnail.jpeg", "word/fonts/font1.odttf"])
def test_no_part_of_the_template_is_copied(hostile_output: dict[str, bytes], part: str) -> None:
    assert part not in hostile_output


@pytest.mark.parametrize("text", [SECRET, "127.0.0.1", "attachedTemplate", "INCLUDEPICTURE", 'TargetMode="External"',
                                  "vbaProject", "oleObject", "evenAndOddHeaders", "documentProtection",
                                  "trackRevisions", "linkStyles", "docVar", "embedRegular", "thumbnail",
                                  "comments"])
def test_nothing_live_or_private_of_the_template_is_anywhere_in_the_output(
        hostile_output: dict[str, bytes], text: str) -> None:
    found = [name for name, data in hostile_output.items() if text.encode("utf-8") in data]
    assert found == []


def test_the_templates_headers_are_not_used_and_pages_are_numbered(hostile_output: dict[str, bytes]) -> None:
    headers = {n: d.decode("utf-8") for n, d in hostile_output.items() if re.fullmatch(r"word/header\d+\.xml", n)}
    assert any(" PAGE " in h for h in headers.values())
    assert not any("Trang chẵn" in h for h in headers.values())


def test_the_templates_author_and_company_are_not_the_outputs(hostile_output: dict[str, bytes]) -> None:
    core = hostile_output["docProps/core.xml"].decode("utf-8")
    app = hostile_output["docProps/app.xml"].decode("utf-8")
    assert "Tác giả" not in core and "Company>Công ty" not in app


def test_the_templates_styles_are_still_used(hostile_output: dict[str, bytes], tmp_path: Path) -> None:
    styles = hostile_output["word/styles.xml"].decode("utf-8")
    assert 'w:styleId="MauRieng"' in styles and '<w:sz w:val="30"/>' in styles
    out = tmp_path / "k.docx"
    out.write_bytes(_zip(hostile_output))
    doc = DocxReader(out)
    assert (doc.sections[0].page_w, doc.sections[0].page_h) == (11906, 16838)
    assert all(set(r.fonts.values()) == {"Times New Roman"} for r in doc.all_runs())


def test_check_finds_no_error_in_a_document_made_with_the_template(hostile_output: dict[str, bytes],
                                                                   tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "k.docx"
    out.write_bytes(_zip(hostile_output))
    assert main(["check", str(out)]) == 0, capsys.readouterr().out


# --------------------------------------------------------------------------- malformed templates


def _parts_with(change: Callable[[dict[str, bytes]], None]) -> bytes:
    parts = _base_template()
    change(parts)
    return _zip(parts)


def _drop(*names: str) -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        for name in names:
            parts.pop(name, None)
    return change


def _set(name: str, data: bytes) -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        parts[name] = data
    return change


def _edit(name: str, old: bytes, new: bytes) -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        assert old in parts[name]
        parts[name] = parts[name].replace(old, new)
    return change


def _no_section(parts: dict[str, bytes]) -> None:
    parts["word/document.xml"] = re.sub(rb"<w:sectPr.*?</w:sectPr>", b"", parts["word/document.xml"], flags=re.S)


def _laughs(parts: dict[str, bytes]) -> None:
    entities = b'<!ENTITY a "hahahahahahaha">' + b"".join(
        b'<!ENTITY %c "%s">' % (ord("b") + i, (b"&" + bytes([ord("a") + i]) + b";") * 10) for i in range(8))
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(
        b"?>", b"?><!DOCTYPE w:styles [" + entities + b"]>", 1).replace(b"</w:styles>", b"&i;</w:styles>")


def _many_elements(parts: dict[str, bytes]) -> None:
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(b"</w:styles>", b"<x/>" * 400_000 + b"</w:styles>")


def _deep(parts: dict[str, bytes]) -> None:
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(
        b"</w:styles>", b"<x>" * 5000 + b"</x>" * 5000 + b"</w:styles>")


def _bomb() -> bytes:
    parts = _base_template()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if name != "word/styles.xml":
                z.writestr(name, data)
        with z.open("word/styles.xml", "w", force_zip64=True) as member:  # 1 GB of zeros, about 1 MB packed
            block = bytes(1024 * 1024)
            for _ in range(1024):
                member.write(block)
    return buffer.getvalue()


def _too_many_entries() -> bytes:
    parts = _base_template()
    for n in range(6000):
        parts[f"word/media/x{n}.txt"] = b""
    return _zip(parts)


def _lying_size() -> bytes:
    """A styles part whose zip directory says 1 kB but which unpacks to 20 MB."""
    parts = _base_template()
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(b"</w:styles>", b" " * 20_000_000 + b"</w:styles>")
    data = bytearray(_zip(parts))
    central = bytes(data).find(b"word/styles.xml", bytes(data).find(b"PK\x01\x02")) - 46
    assert data[central:central + 4] == b"PK\x01\x02"
    data[central + 24:central + 28] = (1024).to_bytes(4, "little")  # uncompressed size
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        assert z.getinfo("word/styles.xml").file_size == 1024
    return bytes(data)


def _strict(parts: dict[str, bytes]) -> None:
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        b"http://purl.oclc.org/ooxml/wordprocessingml/main")


def _rels_escape(parts: dict[str, bytes]) -> None:
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b'Target="styles.xml"', b'Target="../../../../etc/passwd"')


def _section_only_in_a_paragraph(parts: dict[str, bytes]) -> None:
    document = parts["word/document.xml"]
    section = re.search(rb"<w:sectPr.*?</w:sectPr>", document, flags=re.S)
    assert section is not None
    parts["word/document.xml"] = document.replace(section.group(0), b"").replace(
        b"<w:body>", b"<w:body><w:p><w:pPr>" + section.group(0) + b"</w:pPr></w:p>", 1)


def _password_member() -> bytes:
    """A zip whose styles member is marked encrypted (a password-protected zip, not a Word file)."""
    data = bytearray(_zip(_base_template()))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/styles.xml")
    data[info.header_offset + 6] |= 1  # general purpose flag: encrypted
    central = bytes(data).find(b"word/styles.xml", bytes(data).find(b"PK\x01\x02")) - 46
    data[central + 8] |= 1
    return bytes(data)


MALFORMED: dict[str, tuple[Callable[[], bytes], str]] = {
    "rels-leaving-the-package": (lambda: _parts_with(_rels_escape), "word/styles.xml"),
    "styles-empty": (lambda: _parts_with(_set("word/styles.xml", b"")), "styles.xml"),
    "sectPr-only-inside-a-paragraph": (lambda: _parts_with(_section_only_in_a_paragraph), "w:sectPr"),
    "password-protected-zip": (_password_member, "styles.xml"),
    "not-a-zip": (lambda: b"day khong phai Word", "không phải văn bản Word"),
    "empty": (lambda: b"", "rỗng"),
    "old-doc": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000), "97–2003"),
    "zip-without-document": (lambda: _zip({"hello.txt": b"x"}), "word/document.xml"),
    "document-not-xml": (lambda: _parts_with(_set("word/document.xml", b"<w:document")), "không phải XML"),
    "document-wrong-root": (lambda: _parts_with(_set("word/document.xml", b"<html/>")), "không phải"),
    "no-sectPr": (lambda: _parts_with(_no_section), "w:sectPr"),
    "no-styles": (lambda: _parts_with(_drop("word/styles.xml")), "word/styles.xml"),
    "styles-not-xml": (lambda: _parts_with(_set("word/styles.xml", b"\x00\x01 not xml")), "không phải XML"),
    "styles-wrong-root": (lambda: _parts_with(_set("word/styles.xml", b"<styles/>")), "bảng kiểu chữ"),
    "no-normal-style": (lambda: _parts_with(_edit("word/styles.xml", b'w:val="Normal"', b'w:val="Khac"')),
                        "Normal"),
    "billion-laughs": (lambda: _parts_with(_laughs), "DOCTYPE"),
    "many-elements": (lambda: _parts_with(_many_elements), "quá phức tạp"),
    "deep-nesting": (lambda: _parts_with(_deep), "không phải XML"),
    "zip-bomb": (_bomb, "quá lớn"),
    "lying-zip-size": (_lying_size, "styles.xml"),
    "too-many-entries": (_too_many_entries, "quá nhiều thành phần"),
    "strict-ooxml": (lambda: _parts_with(_strict), "Strict"),
    "settings-not-xml": (lambda: _parts_with(_set("word/settings.xml", b"<w:settings")), "settings.xml"),
    "numbering-wrong-root": (lambda: _parts_with(_set("word/numbering.xml", b"<x/>")), "numbering.xml"),
    "truncated-zip": (lambda: _zip(_base_template())[:-200], "không phải văn bản Word"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_template_gives_one_clear_message(case: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    make, expected = MALFORMED[case]
    template = tmp_path / "mau.docx"
    template.write_bytes(make())
    out = tmp_path / "out" / "ke-hoach.docx"
    assert main(["render", str(EXAMPLE), "-o", str(out), "--template", str(template)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert str(template) in err and "mẫu" in err and expected in err, err
    assert err.count("\n  - ") == 1, "one message"
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_a_folder_as_template_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mau.docx").mkdir()
    assert main(["render", str(EXAMPLE), "-o", str(tmp_path / "k.docx"), "--template",
                 str(tmp_path / "mau.docx")]) == 1
    assert "thư mục" in capsys.readouterr().err


_SNIPPETS = [b"<", b">", b"\x00", b"&amp;", b"</w:style>", b"<w:style/>", b'w:val=""', b'w:val="-1"',
             b'w:val="99999999999"', b"<w:sz/>", b'w:type="table"', b'w:styleId=""', b"<w:docDefaults/>",
             b"<w:pgSz/>", b'w:w="abc"', b"<w:sectPr/>", b"<!DOCTYPE x>", "Đ".encode()]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(st.tuples(st.sampled_from(["word/styles.xml", "word/document.xml", "word/settings.xml",
                                                  "word/numbering.xml", "word/fontTable.xml",
                                                  "word/theme/theme1.xml"]),
                                 st.floats(0, 1), st.sampled_from(_SNIPPETS), st.integers(0, 40)),
                       min_size=1, max_size=4))
def test_a_damaged_template_gives_a_document_or_one_message(edits: list[tuple[str, float, bytes, int]]) -> None:
    from cchc_plan.docx.writer import write_docx
    from cchc_plan.io.documents import load_document
    from cchc_plan.io.word_template import read_template
    from cchc_plan.problems import InputError
    from cchc_plan.render import layout

    parts = _base_template()
    for name, where, snippet, cut in edits:
        data = parts[name]
        at = int(where * len(data))
        parts[name] = data[:at] + snippet + data[at + cut:]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "mau.docx")
        path.write_bytes(_zip(parts))
        try:
            made = write_docx(layout(load_document(EXAMPLE)), template=read_template(path))
        except InputError as e:
            assert len(e.problems) == 1 and "mẫu" in e.problems[0].rule
            return
    with zipfile.ZipFile(io.BytesIO(made)) as z:
        assert "word/document.xml" in z.namelist() and z.testzip() is None


def test_a_template_given_as_bytes_or_a_stream_gives_only_its_styles_too() -> None:
    from cchc_plan.render import render_bytes

    data = hostile_template()
    for template in (data, io.BytesIO(data)):
        made = render_bytes(EXAMPLE, template=template)
        with zipfile.ZipFile(io.BytesIO(made)) as z:
            everything = b"".join(z.read(n) for n in z.namelist())
            assert "word/vbaProject.bin" not in z.namelist()
        assert SECRET.encode("utf-8") not in everything and b"127.0.0.1" not in everything
        assert b'w:styleId="MauRieng"' in everything
