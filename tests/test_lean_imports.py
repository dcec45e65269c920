"""Rendering a plan loads only what a plan needs: no report, check, stats, PDF or spreadsheet modules,
and no XML library (the bundled template's parts are written as they are stored)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import docx
from conftest import ROOT

EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
# Words in the names of the package's modules a plan render has no use for.
NOT_FOR_A_PLAN = ("report", "figures", "check", "stats", "pdf", "summary", "rollup", "sheet", "dossier",
                  "chart", "preview", "schema")
# babel too: the example's targets are whole percentages ("trên 98%"), read without locale data, and a
# plan prints no number through the locale; a target written "98,5%" loads it, as it must.
THIRD_PARTY = ("matplotlib", "openpyxl", "jsonschema", "PIL", "lxml", "docx", "babel")

CODE = """\
import json, sys
from cchc_plan.cli import main
status = main(sys.argv[1:])
print(json.dumps({"status": status, "modules": sorted(sys.modules)}))
"""


def _loaded_by(*argv: str) -> tuple[int, list[str]]:
    done = subprocess.run([sys.executable, "-c", CODE, *argv], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    return out["status"], out["modules"]


def _unneeded(modules: list[str]) -> list[str]:
    ours = [m for m in modules if m.startswith("cchc_plan.")
            and any(word in m.removeprefix("cchc_plan.") for word in NOT_FOR_A_PLAN)]
    theirs = [m for m in modules if m.split(".")[0] in THIRD_PARTY]
    return ours + theirs


def test_rendering_a_plan_loads_no_report_check_stats_pdf_or_sheet_module(tmp_path: Path) -> None:
    out = tmp_path / "ke-hoach.docx"
    status, modules = _loaded_by("render", str(EXAMPLE), "-o", str(out))
    assert status == 0
    assert _unneeded(modules) == []
    # ... and the document is the whole plan all the same.
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "KẾ HOẠCH" in text and "Lộc Bình" in text
    assert "cchc_plan.render" in modules and "cchc_plan.model.plan" in modules  # the test sees the loads


def test_a_user_template_still_loads_the_xml_library_it_needs(tmp_path: Path) -> None:
    """The rule above is not met by accident: with a template of the user's, lxml reads it."""
    template = tmp_path / "mau.docx"
    docx.Document().save(str(template))
    status, modules = _loaded_by("render", str(EXAMPLE), "-o", str(tmp_path / "k.docx"), "--template", str(template))
    assert status == 0
    assert "lxml.etree" in modules and "docx" not in modules


def test_the_rule_would_see_a_report_render_load_its_modules(tmp_path: Path) -> None:
    report = next(p for p in sorted((ROOT / "examples").rglob("bao-cao*.yaml")))
    status, modules = _loaded_by("render", str(report), "-o", str(tmp_path / "bao-cao.docx"))
    assert status == 0
    assert "cchc_plan.model.report" in _unneeded(modules)


def test_check_still_runs_with_only_its_own_command_loaded(tmp_path: Path) -> None:
    out = tmp_path / "ke-hoach.docx"
    _loaded_by("render", str(EXAMPLE), "-o", str(out))
    status, modules = _loaded_by("check", str(out))
    assert status == 0
    assert "cchc_plan.cli.check" in modules and "cchc_plan.cli.stats" not in modules
