"""How the checker reads: fonts resolved per run with the per-character rule's answers, and the
garbage collector paused for a check and given back as it was."""

from __future__ import annotations

import gc
import io
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc_plan.checker as checker
from cchc_plan import render_bytes
from cchc_plan.checker import UnreadableDocument, check_docx
from cchc_plan.checker._styles import RunProps

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
FONTS = st.one_of(st.none(), st.sampled_from(["Times New Roman", "Arial", ".VnTime", "SimSun"]))
# ASCII, Vietnamese letters, general punctuation, CJK, full-width forms, spaces.
CHARS = st.sampled_from(list("aZ 9\t\nàệỹĐ–“”…中文，ＡΩ\u00a0"))


def props(fonts: dict[str, str | None], hint: str | None, complex_: bool) -> RunProps:
    return RunProps(fonts=fonts, hint=hint, complex=complex_, size_pt=13.0, size_declared=True, bold=False,
                    italic=False, caps=False, underline=None, color=None, hidden=False)


@given(ascii_=FONTS, hansi=FONTS, east=FONTS, cs=FONTS, hint=st.sampled_from([None, "eastAsia", "cs"]),
       complex_=st.booleans(), text=st.text(CHARS, max_size=30))
def test_fonts_of_a_run_are_those_of_its_characters(ascii_: str | None, hansi: str | None, east: str | None,
                                                    cs: str | None, hint: str | None, complex_: bool,
                                                    text: str) -> None:
    p = props({"ascii": ascii_, "hAnsi": hansi, "eastAsia": east, "cs": cs}, hint, complex_)
    assert p.fonts_of(text) == {p.font_for(ch) for ch in text if not ch.isspace()}


def _with_arial_run() -> bytes:
    d = docx.Document(io.BytesIO(render_bytes(EXAMPLE)))
    run = d.paragraphs[-1].add_run("Thêm một câu chữ Arial.")
    run.font.name = "Arial"
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_a_wrong_font_is_still_found_once_with_its_count() -> None:
    found = [f for f in check_docx(_with_arial_run()).findings if f.rule == "ND30-FONT"]
    assert len(found) == 1
    assert "Arial" in found[0].found and found[0].count == 1


@pytest.mark.parametrize("was_on", [True, False])
def test_the_collector_is_paused_during_a_check_and_given_back(was_on: bool, monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    seen: list[bool] = []
    read = checker.read_document

    def spy(*args: object) -> object:
        seen.append(gc.isenabled())
        return read(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(checker, "read_document", spy)
    data = render_bytes(EXAMPLE)
    (gc.enable if was_on else gc.disable)()
    try:
        check_docx(data)
        after = gc.isenabled()
        with pytest.raises(UnreadableDocument):
            check_docx(b"PK\x03\x04 not a document")
        after_error = gc.isenabled()
    finally:
        gc.enable()
    assert seen == [False]
    assert after is was_on and after_error is was_on
