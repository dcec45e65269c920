"""``check`` and ``preview`` of an untrusted .docx make no outbound connection.

The document links to a listener on 127.0.0.1: a linked picture, a remote attached
template, an ``INCLUDEPICTURE`` and an ``INCLUDETEXT`` field. LibreOffice given the
document as it is connects to it (the first test shows it); ``preview`` and ``check``
must not — neither with both defences (a working copy without the links, LibreOffice
without network) nor with only one of them.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import cchc_plan.docx.pdf
import cchc_plan.docx.preview
from cchc_plan.cli import main
from cchc_plan.io.word_links import without_external_references

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
needs_tools = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
                                 reason="LibreOffice and pdftoppm are needed")


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(32)
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        self.requests: list[bytes] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            conn.settimeout(2)
            try:
                self.requests.append(conn.recv(300))
            except OSError:
                self.requests.append(b"")
            conn.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    it = Listener()
    yield it
    it.server.close()


def linked_docx(source: Path, target: Path, url: str) -> Path:
    """``source`` with a linked picture, two including fields and a remote attached template, all at ``url``."""
    with zipfile.ZipFile(source) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    drawing = (
        '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
        'wordprocessingDrawing"><wp:extent cx="914400" cy="914400"/><wp:docPr id="901" name="lien-ket"/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData '
        'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.'
        'openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="901" name="anh.png"/>'
        f'<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip xmlns:r="{R}" r:link="rIdExt1"/><a:stretch>'
        '<a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" '
        'cy="914400"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic>'
        '</wp:inline></w:drawing></w:r></w:p>')
    fields = (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> '
        f'INCLUDEPICTURE "{url}/truong.png" \\d </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
        '</w:r><w:r><w:t>anh</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        f'<w:p><w:fldSimple w:instr=" INCLUDETEXT &quot;{url}/van-ban.docx&quot; "><w:r><w:t>chu</w:t></w:r>'
        '</w:fldSimple></w:p>')
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:body>", f"<w:body>{drawing}{fields}"
                                                                    .encode(), 1)
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", f'<Relationship Id="rIdExt1" Type="{R}/image" Target="{url}/anh.png" '
                             'TargetMode="External"/></Relationships>'.encode())
    settings = parts["word/settings.xml"].decode("utf-8")
    settings = re.sub(r"(<w:settings[^>]*>)", r'\1<w:attachedTemplate r:id="rIdExt9"/>', settings, count=1)
    if "xmlns:r=" not in settings[:3000]:
        settings = settings.replace("<w:settings ", f'<w:settings xmlns:r="{R}" ', 1)
    parts["word/settings.xml"] = settings.encode("utf-8")
    parts["word/_rels/settings.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
        f'openxmlformats.org/package/2006/relationships"><Relationship Id="rIdExt9" Type="{R}/attachedTemplate" '
        f'Target="{url}/mau.dotm" TargetMode="External"/></Relationships>').encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return target


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ban-goc") / "ke-hoach.docx"
    assert main(["render", str(EXAMPLE), "-o", str(out)]) == 0
    return out


@needs_tools
def test_libreoffice_on_its_own_fetches_the_links(rendered: Path, listener: Listener, tmp_path: Path) -> None:
    """Without the defences the links are fetched: the listener does see a connection."""
    docx = linked_docx(rendered, tmp_path / "lien-ket.docx", listener.url)
    subprocess.run([str(shutil.which("soffice")), f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   capture_output=True, timeout=180, check=False)
    assert listener.requests, "LibreOffice fetches linked pictures"


@needs_tools
@pytest.mark.parametrize("defence", ["both", "copy-only", "no-network-only"])
def test_preview_makes_no_outbound_connection(rendered: Path, listener: Listener, tmp_path: Path, defence: str,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    if defence == "copy-only":
        monkeypatch.setattr(cchc_plan.docx.pdf, "no_network_prefix", lambda: ())
    elif defence == "no-network-only":
        if not cchc_plan.docx.pdf.no_network_prefix():
            pytest.skip("this system cannot start a program without network (unshare -rn)")

        def plain_copy(source: Path, target: Path) -> int:
            shutil.copyfile(source, target)
            return 0

        monkeypatch.setattr(cchc_plan.docx.preview, "without_external_references", plain_copy)
    docx = linked_docx(rendered, tmp_path / "lien-ket.docx", listener.url)
    before = docx.read_bytes()
    assert main(["preview", str(docx), "-o", str(tmp_path / "anh"), "--last", "1"]) == 0, capsys.readouterr().err
    assert (tmp_path / "anh" / "trang-01.png").read_bytes().startswith(b"\x89PNG")
    assert listener.requests == []
    assert docx.read_bytes() == before, "the user's file is never changed"


def test_check_makes_no_outbound_connection(rendered: Path, listener: Listener, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    docx = linked_docx(rendered, tmp_path / "lien-ket.docx", listener.url)
    main(["check", str(docx)])
    assert "Traceback" not in capsys.readouterr().err
    assert listener.requests == []


def test_the_working_copy_has_no_external_reference_left(rendered: Path, tmp_path: Path) -> None:
    docx = linked_docx(rendered, tmp_path / "lien-ket.docx", "http://127.0.0.1:9")
    copy = tmp_path / "ban-sao.docx"
    assert without_external_references(docx, copy) >= 3
    with zipfile.ZipFile(copy) as z:
        text = {n: z.read(n).decode("utf-8", "replace") for n in z.namelist()}
    assert not [n for n, t in text.items() if "127.0.0.1" in t]
    assert not [n for n, t in text.items() if "INCLUDEPICTURE" in t or "INCLUDETEXT" in t or "attachedTemplate" in t]
    assert "anh" in text["word/document.xml"] and "chu" in text["word/document.xml"], "shown results stay"
    with zipfile.ZipFile(docx) as z:  # every part is still there
        assert set(z.namelist()) == set(text)


def test_pictures_of_an_svg_and_an_imported_chunk_are_taken_out(rendered: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(rendered) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/media/hinh.svg"] = (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                                    b'<image xlink:href="http://127.0.0.1:9/a.png" width="10" height="10"/>'
                                    b'<rect width="5" height="5"/></svg>')
    parts["word/media/khac.svg"] = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "http://127.0.0.1:9/e">]>'
                                    b'<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>')
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:body>", b'<w:body><w:altChunk xmlns:r="' + R.encode() + b'" r:id="rIdChunk"/>', 1)
    source = tmp_path / "svg.docx"
    with zipfile.ZipFile(source, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    copy = tmp_path / "ban-sao.docx"
    without_external_references(source, copy)
    with zipfile.ZipFile(copy) as z:
        assert b"127.0.0.1" not in z.read("word/media/hinh.svg") and b"<rect" in z.read("word/media/hinh.svg")
        assert b"127.0.0.1" not in z.read("word/media/khac.svg")
        assert b"altChunk" not in z.read("word/document.xml")


@pytest.mark.parametrize("damage", ["header", "offset"])
def test_a_damaged_docx_in_preview_is_an_input_problem(rendered: Path, tmp_path: Path, damage: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    data = bytearray(rendered.read_bytes())
    with zipfile.ZipFile(rendered) as z:
        info = z.getinfo("word/document.xml")
    if damage == "header":
        data[info.header_offset:info.header_offset + 4] = b"XXXX"
    else:  # the central directory sends the reader past the end of the file
        central = bytes(data).find(b"word/document.xml", bytes(data).find(b"PK\x01\x02")) - 46
        assert data[central:central + 4] == b"PK\x01\x02"
        data[central + 42:central + 46] = (len(data) * 4).to_bytes(4, "little")
    broken = tmp_path / "hong.docx"
    broken.write_bytes(bytes(data))
    assert main(["preview", str(broken), "-o", str(tmp_path / "anh")]) == 1
    err = capsys.readouterr().err
    assert "hong.docx" in err and "không xem trước được" in err
    assert "Traceback" not in err and "không ghi được" not in err
    assert not (tmp_path / "anh").exists()
