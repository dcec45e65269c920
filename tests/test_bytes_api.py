"""Documents in memory: plans and reports rendered to bytes or a stream, checked from bytes, read from text.

What a web portal does with the library: no file on disk between the form and the download.
"""

from __future__ import annotations

import io
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT, minimal_plan, write_json, yaml_text
from docx_reading import DocxReader

from cchc_plan import CchcPlanError, InputError, check_docx, load_plan, load_report, render, render_bytes
from cchc_plan.checker import CheckReport, UnreadableDocument

REPORT = ROOT / "examples" / "loc-binh-2023" / "bao-cao-quy-1.yaml"
TEMPLATE = ROOT / "templates" / "docx" / "nd30.docx"


def _findings(report: CheckReport) -> list[tuple[str, str, str, str]]:
    return [(f.rule, f.location, f.found, f.expected) for f in report.findings]


@pytest.mark.parametrize("example", [EXAMPLE, REPORT], ids=["plan", "report"])
def test_bytes_equal_the_written_file(tmp_path: Path, example: Path) -> None:
    data = render_bytes(example)
    written = render(example, tmp_path / "out.docx")
    assert written == tmp_path / "out.docx"
    assert written.read_bytes() == data
    stream = io.BytesIO()
    assert render(example, stream) is None
    assert stream.getvalue() == data


@pytest.mark.parametrize("example", [EXAMPLE, REPORT], ids=["plan", "report"])
def test_check_from_bytes_finds_what_the_file_gives(tmp_path: Path, example: Path) -> None:
    data = render_bytes(example)
    path = tmp_path / "out.docx"
    path.write_bytes(data)
    from_file = check_docx(path)
    from_bytes = check_docx(data)
    from_stream = check_docx(io.BytesIO(data), name="tải-lên.docx")
    assert _findings(from_bytes) == _findings(from_file) == _findings(from_stream)
    assert from_bytes.file == "<văn bản>"
    assert from_stream.file == "tải-lên.docx"


def test_check_from_bytes_still_finds_departures(tmp_path: Path) -> None:
    """A document with a wrong margin: the same finding from bytes as from the file."""
    data = render_bytes(EXAMPLE)
    source = io.BytesIO(data)
    out = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            part = zin.read(info)
            if info.filename == "word/document.xml":
                text = part.decode("utf-8")
                assert 'w:left="1701"' in text
                part = text.replace('w:left="1701"', 'w:left="1000"').encode("utf-8")
            zout.writestr(info, part)
    bad = out.getvalue()
    (tmp_path / "bad.docx").write_bytes(bad)
    from_file = check_docx(tmp_path / "bad.docx")
    assert from_file.errors >= 1
    assert _findings(check_docx(bad)) == _findings(from_file)


def test_unreadable_bytes_give_one_message() -> None:
    with pytest.raises(UnreadableDocument) as e:
        check_docx(b"not a zip at all")
    assert "<văn bản>" in str(e.value) and "không phải văn bản Word .docx" in str(e.value)
    assert isinstance(e.value, CchcPlanError)
    with pytest.raises(UnreadableDocument, match="tệp rỗng"):
        check_docx(io.BytesIO(b""))


def test_template_as_path_bytes_or_stream_gives_the_same_document() -> None:
    from_path = render_bytes(EXAMPLE, template=TEMPLATE)
    assert render_bytes(EXAMPLE, template=TEMPLATE.read_bytes()) == from_path
    with TEMPLATE.open("rb") as stream:
        assert render_bytes(EXAMPLE, template=stream) == from_path


def test_template_bytes_that_are_not_a_docx_are_refused() -> None:
    with pytest.raises(InputError) as e:
        render_bytes(EXAMPLE, template=b"PK not really")
    assert "tệp mẫu không phải văn bản Word .docx" in str(e.value)
    assert e.value.problems[0].code == "template.not_docx"


def test_a_user_template_thumbnail_is_not_carried_over(tmp_path: Path) -> None:
    """A template saved by Word with a preview picture: the rendered plan has no thumbnail part."""
    out = io.BytesIO()
    with zipfile.ZipFile(TEMPLATE) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            part = zin.read(info)
            if info.filename == "_rels/.rels":
                part = part.replace(b"</Relationships>", (
                    b'<Relationship Id="rIdThumb" Type="http://schemas.openxmlformats.org/package/2006/'
                    b'relationships/metadata/thumbnail" Target="docProps/thumbnail.jpeg"/></Relationships>'))
            elif info.filename == "[Content_Types].xml":
                part = part.replace(b"</Types>", b'<Default Extension="jpeg" ContentType="image/jpeg"/></Types>')
            zout.writestr(info, part)
        zout.writestr("docProps/thumbnail.jpeg", b"\xff\xd8\xff\xe0 not much of a picture")
    template = out.getvalue()
    with zipfile.ZipFile(io.BytesIO(template)) as z:
        assert "docProps/thumbnail.jpeg" in z.namelist()
    data = render_bytes(EXAMPLE, template=template)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not [n for n in z.namelist() if "thumbnail" in n]
        assert b"thumbnail" not in z.read("_rels/.rels")


def test_fifty_renders_in_threads_equal_the_sequential_bytes() -> None:
    plan = load_plan(EXAMPLE)
    report = load_report(REPORT)
    documents = [plan, report] * 25
    sequential = [render_bytes(d) for d in documents[:2]]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(render_bytes, documents))
    assert len(results) == 50
    for i, data in enumerate(results):
        assert data == sequential[i % 2], f"render {i} differs"


def test_plan_from_text_or_bytes_equals_plan_from_file(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    from_file = load_plan(EXAMPLE)
    assert load_plan(text) == from_file
    assert load_plan(text.encode("utf-8")) == from_file
    json_path = write_json(tmp_path / "ke-hoach.json", minimal_plan())
    assert load_plan(json_path.read_bytes(), name="form.json") == load_plan(json_path)


def test_report_from_text_reads_its_plan_relative_to_base(tmp_path: Path) -> None:
    text = REPORT.read_text(encoding="utf-8")
    report = load_report(text, base=REPORT.parent)
    assert report == load_report(REPORT)
    (tmp_path / "r.docx").write_bytes(render_bytes(report))
    texts = [p.text for p in DocxReader(tmp_path / "r.docx").paragraphs()]
    assert any("BÁO CÁO" in t for t in texts)


def test_a_mistake_in_content_names_the_given_source() -> None:
    data = minimal_plan()
    data["date"] = "31/02/2023"
    with pytest.raises(InputError) as e:
        load_plan(yaml_text(data), name="biểu-mẫu")
    message = str(e.value)
    assert message.startswith("biểu-mẫu: có 1 lỗi")
    assert 'date = "31/02/2023": ngày 31/2/2023 không tồn tại' in message
    with pytest.raises(InputError) as e:
        load_plan(yaml_text(data).encode("utf-8"))
    assert str(e.value).startswith("<dữ liệu>: có 1 lỗi")


def test_the_check_command_reads_a_piped_document(tmp_path: Path) -> None:
    """``… | cchc-plan check -``: the same findings as from the file, the input named as such."""
    import json
    import os
    import subprocess
    import sys

    data = render_bytes(EXAMPLE)
    (tmp_path / "kh.docx").write_bytes(data)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    piped = subprocess.run([sys.executable, "-m", "cchc_plan", "check", "-", "--format", "json"],
                           input=data, capture_output=True, env=env, timeout=120)
    from_file = subprocess.run([sys.executable, "-m", "cchc_plan", "check", str(tmp_path / "kh.docx"),
                                "--format", "json"], capture_output=True, env=env, timeout=120)
    assert piped.returncode == from_file.returncode == 0, piped.stderr.decode()
    got, want = json.loads(piped.stdout), json.loads(from_file.stdout)
    assert got["file"] == "<đầu vào chuẩn>"
    assert got["findings"] == want["findings"]
    bad = subprocess.run([sys.executable, "-m", "cchc_plan", "check", "-"], input=b"not a document",
                         capture_output=True, env=env, timeout=120)
    assert bad.returncode == 2 and "<đầu vào chuẩn>" in bad.stderr.decode()
