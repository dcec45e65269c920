"""The ``cchc-plan render`` command as a user runs it, and the style profile's limits.

Every test runs :func:`cchc_plan.cli.main` in a fresh folder and then looks at
what is on disk: the file written (read back), or nothing at all.
"""

from __future__ import annotations

import os
import shutil
import stat
import zipfile
from importlib import import_module
from pathlib import Path

import pytest

import cchc_plan.io.outputs

from cchc_plan.cli import main
from cchc_plan.problems import InputError, InvalidModel
from cchc_plan.docx.profile import StyleProfile
from cchc_plan.render import load_profile
from cchc_plan.docx.rules import RULES, SIZE_PAIRS

from docx_reading import DocxReader, ParaInfo, TableInfo

# The module, not the function cchc_plan.render that the package exports under the same name.
render_module = import_module("cchc_plan.render")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
TNR = "Times New Roman"


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    """A copy of the example in its own folder (so nothing else is there)."""
    folder = tmp_path / "in"
    folder.mkdir()
    return Path(shutil.copyfile(EXAMPLE, folder / "ke-hoach.yaml"))


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def run(*args: object) -> int:
    return main(["render", *map(str, args)])


def body_paragraphs(doc: DocxReader) -> list[ParaInfo]:
    """Justified top-level paragraphs of the main section: the body of the plan."""
    return [b for b in doc.sections[0].blocks
            if isinstance(b, ParaInfo) and b.text.strip() and b.align == "both"]


# --------------------------------------------------------------------------- writing


def test_render_writes_the_docx_and_exits_0(plan_file: Path, out_dir: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = out_dir / "ke-hoach.docx"
    assert run(plan_file, "-o", out) == 0
    assert files_in(out_dir) == ["ke-hoach.docx"], "no temporary file left behind"
    assert zipfile.ZipFile(out).testzip() is None
    doc = DocxReader(out)
    assert any(p.text == "KẾ HOẠCH" for p in doc.paragraphs())
    assert str(out) in capsys.readouterr().out


def test_existing_output_is_not_overwritten_without_force(
        plan_file: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = out_dir / "ke-hoach.docx"
    out.write_bytes(b"the office's own edited copy")
    assert run(plan_file, "-o", out) == 1
    assert out.read_bytes() == b"the office's own edited copy"
    assert files_in(out_dir) == ["ke-hoach.docx"]
    assert "--force" in capsys.readouterr().err


def test_force_overwrites(plan_file: Path, out_dir: Path) -> None:
    out = out_dir / "ke-hoach.docx"
    out.write_bytes(b"old")
    assert run(plan_file, "-o", out, "--force") == 0
    assert files_in(out_dir) == ["ke-hoach.docx"]
    assert zipfile.ZipFile(out).testzip() is None
    assert any(p.text == "KẾ HOẠCH" for p in DocxReader(out).paragraphs())


def test_bad_plan_exits_1_names_the_problem_and_writes_nothing(
        plan_file: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = plan_file.read_text(encoding="utf-8")
    assert "\nyear: 2023\n" in text
    plan_file.write_text(text.replace("\nyear: 2023\n", "\nyear: 2023\nbogus_field: 1\n"),
                         encoding="utf-8")
    before = plan_file.read_bytes()
    out = out_dir / "ke-hoach.docx"
    assert run(plan_file, "-o", out) == 1
    err = capsys.readouterr().err
    line = text[:text.index("\nyear: 2023\n")].count("\n") + 3  # the line of bogus_field
    assert f"{plan_file}:{line}" in err and "bogus_field" in err
    assert files_in(out_dir) == []
    assert plan_file.read_bytes() == before
    assert files_in(plan_file.parent) == ["ke-hoach.yaml"]


def test_bad_plan_with_force_keeps_the_existing_output(plan_file: Path, out_dir: Path) -> None:
    plan_file.write_text(plan_file.read_text(encoding="utf-8") + "\nbogus_field: 1\n",
                         encoding="utf-8")
    out = out_dir / "ke-hoach.docx"
    out.write_bytes(b"previous version")
    assert run(plan_file, "-o", out, "--force") == 1
    assert out.read_bytes() == b"previous version"
    assert files_in(out_dir) == ["ke-hoach.docx"]


def test_output_must_end_in_docx(plan_file: Path, out_dir: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert run(plan_file, "-o", out_dir / "ke-hoach.txt") == 1
    assert run(plan_file, "-o", out_dir / "ke-hoach") == 1
    assert ".docx" in capsys.readouterr().err
    assert files_in(out_dir) == []


# --------------------------------------------------------------------------- failures while writing


def _failing_writer(exc: BaseException):  # type: ignore[no-untyped-def]
    """A low-level write that puts half the document in its staging file, then fails."""
    real = cchc_plan.io.outputs._write_all
    calls: list[Path] = []

    def fake(fd: int, data: bytes) -> None:
        real(fd, data[: len(data) // 2])
        calls.append(Path(os.readlink(f"/proc/self/fd/{fd}")))
        raise exc

    return fake, calls


def test_failure_during_writing_leaves_no_partial_file(
        plan_file: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake, calls = _failing_writer(RuntimeError("writer crashed half-way"))
    monkeypatch.setattr(cchc_plan.io.outputs, "_write_all", fake)
    out = out_dir / "ke-hoach.docx"
    with pytest.raises(RuntimeError, match="half-way"):
        run(plan_file, "-o", out)
    assert calls and calls[0].parent == out_dir and calls[0] != out, "written to a temporary file"
    assert files_in(out_dir) == [], "neither the target nor the temporary file remains"


def test_failed_overwrite_keeps_the_old_file(
        plan_file: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake, _ = _failing_writer(RuntimeError("writer crashed half-way"))
    monkeypatch.setattr(cchc_plan.io.outputs, "_write_all", fake)
    out = out_dir / "ke-hoach.docx"
    out.write_bytes(b"previous version")
    with pytest.raises(RuntimeError):
        run(plan_file, "-o", out, "--force")
    assert out.read_bytes() == b"previous version"
    assert files_in(out_dir) == ["ke-hoach.docx"]


def test_disk_full_is_reported_not_a_traceback(
        plan_file: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    fake, _ = _failing_writer(OSError(28, "No space left on device"))
    monkeypatch.setattr(cchc_plan.io.outputs, "_write_all", fake)
    out = out_dir / "ke-hoach.docx"
    try:
        status = run(plan_file, "-o", out)
    finally:
        assert files_in(out_dir) == []
    assert status == 1
    assert "No space left on device" in capsys.readouterr().err


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o077, 0o600)])
def test_output_file_mode_follows_the_umask(plan_file: Path, out_dir: Path,
                                            umask: int, mode: int) -> None:
    # Written through a temporary file (mkstemp makes it 0600), but the result must be
    # readable like any file the user saves: colleagues open it from a shared folder.
    old = os.umask(umask)
    try:
        out = out_dir / "ke-hoach.docx"
        assert run(plan_file, "-o", out) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == mode


# --------------------------------------------------------------------------- --pdf


def test_pdf_without_libreoffice_exits_1_and_writes_nothing(
        plan_file: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # cli._render imports find_soffice from cchc_plan.docx.pdf when it runs: patch it there.
    monkeypatch.setattr("cchc_plan.docx.pdf.find_soffice", lambda: None)
    assert run(plan_file, "-o", out_dir / "ke-hoach.docx", "--pdf") == 1
    assert "LibreOffice" in capsys.readouterr().err
    assert files_in(out_dir) == []


def test_pdf_refuses_an_existing_pdf_without_force_before_writing_anything(
        plan_file: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("cchc_plan.docx.pdf.find_soffice", lambda: "/usr/bin/soffice")

    def no_conversion(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("must not convert")

    monkeypatch.setattr("cchc_plan.docx.pdf.convert_to_pdf", no_conversion)
    pdf = out_dir / "ke-hoach.pdf"
    pdf.write_bytes(b"%PDF old")
    assert run(plan_file, "-o", out_dir / "ke-hoach.docx", "--pdf") == 1
    assert pdf.read_bytes() == b"%PDF old"
    assert files_in(out_dir) == ["ke-hoach.pdf"]
    assert "--force" in capsys.readouterr().err


# --------------------------------------------------------------------------- --profile


def test_profile_outside_the_decree_exits_1_naming_field_and_range(
        plan_file: Path, out_dir: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "co-chu.yaml"
    profile.write_text("body_pt: 16\n", encoding="utf-8")
    assert run(plan_file, "-o", out_dir / "ke-hoach.docx", "--profile", profile) == 1
    err = capsys.readouterr().err
    assert "body_pt" in err and "16" in err and "13–14" in err
    assert files_in(out_dir) == []


def test_profile_body_13pt(plan_file: Path, out_dir: Path, tmp_path: Path) -> None:
    profile = tmp_path / "co-chu.yaml"
    profile.write_text("body_pt: 13\n", encoding="utf-8")
    out = out_dir / "ke-hoach.docx"
    assert run(plan_file, "-o", out, "--profile", profile) == 0
    doc = DocxReader(out)
    body = body_paragraphs(doc)
    assert len(body) > 100
    assert {s for p in body for s in p.sizes} == {13}
    # The rest keeps its own sizes: the motto 14, the agency 13, the recipients 11.
    header = doc.sections[0].blocks[0]
    assert isinstance(header, TableInfo)
    motto = next(p for p in header.rows[0].cells[1].paragraphs
                 if p.text == "Độc lập - Tự do - Hạnh phúc")
    assert motto.size == 14
    end = [b for b in doc.sections[0].blocks if isinstance(b, TableInfo)][-1]
    assert next(p for p in end.rows[0].cells[0].paragraphs if p.text == "- UBND huyện;").size == 11


def test_profile_with_unknown_field_is_refused(plan_file: Path, out_dir: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "co-chu.yaml"
    profile.write_text("body_size: 13\n", encoding="utf-8")
    assert run(plan_file, "-o", out_dir / "ke-hoach.docx", "--profile", profile) == 1
    assert "body_size" in capsys.readouterr().err
    assert files_in(out_dir) == []


def test_profile_boolean_is_reported_as_not_a_number(tmp_path: Path) -> None:
    # YAML true must not become 1.0 and then be reported as "body_pt = 1: 13–14 pt".
    profile = tmp_path / "co-chu.yaml"
    profile.write_text("body_pt: true\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_profile(profile)
    message = str(caught.value)
    assert "body_pt" in message and "phải là" in message and "số" in message
    assert "body_pt = 1:" not in message


# --------------------------------------------------------------------------- --template


def test_template_that_is_not_a_docx_is_refused(plan_file: Path, out_dir: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "mau.docx"
    fake.write_text("not a Word document", encoding="utf-8")
    assert run(plan_file, "-o", out_dir / "ke-hoach.docx", "--template", fake) == 1
    err = capsys.readouterr().err
    assert str(fake) in err and "mẫu" in err and ".docx" in err
    assert files_in(out_dir) == []


def test_template_zip_without_a_document_is_refused(plan_file: Path, out_dir: Path,
                                                    tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "mau.docx"
    with zipfile.ZipFile(fake, "w") as z:
        z.writestr("hello.txt", "not Word")
    assert run(plan_file, "-o", out_dir / "ke-hoach.docx", "--template", fake) == 1
    assert "Word" in capsys.readouterr().err
    assert files_in(out_dir) == []


def test_missing_template_is_refused(plan_file: Path, out_dir: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert run(plan_file, "-o", out_dir / "ke-hoach.docx", "--template",
               tmp_path / "khong-co.docx") == 1
    assert "khong-co.docx" in capsys.readouterr().err
    assert files_in(out_dir) == []


def test_user_template_still_gives_a4_and_times_new_roman(plan_file: Path, out_dir: Path,
                                                          tmp_path: Path) -> None:
    import docx
    from docx.shared import Inches, Pt

    template = docx.Document()  # python-docx's own template: theme fonts in its styles
    template.styles["Normal"].font.name = "Arial"
    template.styles["Normal"].font.size = Pt(11)
    section = template.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)  # US Letter
    section.left_margin = section.right_margin = Inches(1)
    template.add_paragraph("Template text that must not appear in the plan")
    path = tmp_path / "mau-cua-toi.docx"
    template.save(str(path))

    out = out_dir / "ke-hoach.docx"
    assert run(plan_file, "-o", out, "--template", path) == 0
    doc = DocxReader(out)
    main_section, appendix = doc.sections
    assert (main_section.page_w, main_section.page_h) == (11906, 16838)
    assert (appendix.page_w, appendix.page_h) == (16838, 11906)
    for section in (main_section, appendix):  # the template's 1-inch margins are not kept
        assert 1701 - 1 <= section.margins["left"] <= 1984 + 1
        assert 850 - 1 <= section.margins["right"] <= 1134 + 1
    runs = doc.all_runs()
    assert all(set(r.fonts.values()) == {TNR} for r in runs)
    assert all(r.lang == "vi-VN" for r in runs)
    assert not any("Template text" in p.text for p in doc.paragraphs())
    styles = doc.part_bytes("word/styles.xml").decode("utf-8")
    assert "Theme=" not in styles and "cstheme=" not in styles
    normal = DocxReader(out).document.styles["Normal"]
    fonts = normal.element.rPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rFonts")
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{slot}") == TNR


# --------------------------------------------------------------------------- StyleProfile


def test_default_profile_is_valid_13_14_14() -> None:
    p = StyleProfile()
    assert (p.national_title_pt, p.motto_pt, p.date_pt) == (13, 14, 14)
    for r in RULES:
        assert getattr(p, r.key) == r.default and r.allows(r.default)


def test_profile_12_13_13_is_valid() -> None:
    p = StyleProfile(national_title_pt=12, motto_pt=13, date_pt=13)
    assert (p.national_title_pt, p.motto_pt, p.date_pt) == (12, 13, 13)
    assert set(SIZE_PAIRS) == {(13, 14, 14), (12, 13, 13)}


def test_profile_13_13_14_is_refused() -> None:
    with pytest.raises(InvalidModel) as caught:
        StyleProfile(national_title_pt=13, motto_pt=13, date_pt=14)
    problems = caught.value.problems
    assert len(problems) == 1
    assert problems[0].path == "national_title_pt"
    assert "13/14/14" in problems[0].rule and "12/13/13" in problems[0].rule


_TRIO = {"national_title_pt", "motto_pt", "date_pt"}


def _outside(r) -> list[float]:  # type: ignore[no-untyped-def]
    return [r.low - 1, r.low - 0.01, r.high + 0.01, r.high + 1]


@pytest.mark.parametrize("key,value", [(r.key, v) for r in RULES for v in _outside(r)])
def test_every_field_outside_its_range_is_refused_naming_the_field(key: str, value: float) -> None:
    r = next(r for r in RULES if r.key == key)
    with pytest.raises(InvalidModel) as caught:
        StyleProfile(**{key: value})
    named = [p for p in caught.value.problems if p.path == key]
    assert named, [p.describe() for p in caught.value.problems]
    assert f"{r.low:g}–{r.high:g}".replace(".", ",") in named[0].rule  # Vietnamese decimal comma
    assert named[0].value == value


@pytest.mark.parametrize("key", [r.key for r in RULES if r.key not in _TRIO])
def test_every_field_accepts_both_ends_of_its_range(key: str) -> None:
    r = next(r for r in RULES if r.key == key)
    for value in (r.low, r.high):
        assert getattr(StyleProfile(**{key: value}), key) == value


def test_profile_refuses_non_numbers_naming_the_field() -> None:
    for bad in (True, "14", None):
        with pytest.raises(InvalidModel) as caught:
            StyleProfile(body_pt=bad)  # type: ignore[arg-type]
        assert any(p.path == "body_pt" for p in caught.value.problems)


def test_profile_lists_every_problem_at_once() -> None:
    with pytest.raises(InvalidModel) as caught:
        StyleProfile(body_pt=20, margin_left_mm=10, recipients_pt=14)
    assert {p.path for p in caught.value.problems} >= {"body_pt", "margin_left_mm", "recipients_pt"}
