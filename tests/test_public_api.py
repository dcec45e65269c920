"""The public surface: what ``cchc_plan`` exports, the bundled examples, and what the wheel carries."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from cchc_plan import examples, load_plan, load_report


def test_the_names_an_integrator_needs_come_from_the_package() -> None:
    from cchc_plan import (  # noqa: F401
        CchcPlanError, CheckReport, InputError, InvalidModel, Period, Report, TargetResult, TaskProgress,
        UnreadableDocument, check_docx, layout, load_report, render, render_bytes, validate,
    )
    assert render.__module__ == "cchc_plan.render" and layout.__module__ == "cchc_plan.render"
    assert check_docx.__module__ == "cchc_plan.checker"
    assert issubclass(UnreadableDocument, CchcPlanError)


def test_help_imports_nothing_heavy() -> None:
    code = ("import sys\nfrom cchc_plan.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('docx', 'lxml', 'cattrs', 'yaml', 'openpyxl', 'matplotlib', 'jsonschema',"
            " 'cchc_plan.model.plan', 'cchc_plan.io.schema') if m in sys.modules]\n"
            "print('HEAVY', heavy, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, timeout=120)
    assert "HEAVY []" in done.stderr, done.stderr
    assert "schema" in done.stdout  # the new command is listed


def test_the_examples_helper_gives_existing_files() -> None:
    plan_path = examples.path("loc-binh-2023/ke-hoach.yaml")
    assert plan_path.is_file() and plan_path.read_text(encoding="utf-8").startswith("# yaml-language-server")
    assert str(load_plan(plan_path).number) == "07/KH-UBND"
    report = load_report(examples.path("loc-binh-2023/bao-cao-quy-1.yaml"))  # its plan found beside it
    assert report.full_plan is not None
    assert "mau-xa-2027/don-vi.csv" in examples.names()
    with pytest.raises(FileNotFoundError, match="loc-binh-2023/ke-hoach.yaml"):
        examples.path("khong-co.yaml")
    with pytest.raises(FileNotFoundError):
        examples.path("../../pyproject.toml")  # only the examples themselves


def test_the_wheel_is_configured_to_carry_examples_schemas_and_template() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    force = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force == {"templates": "cchc_plan/templates", "examples": "cchc_plan/bundled/examples",
                     "schema": "cchc_plan/bundled/schema"}
    assert {"jsonschema", "mypy"} <= {dep.split(">")[0].split("=")[0].strip()
                                     for dep in config["project"]["optional-dependencies"]["test"]}


@pytest.mark.skipif(importlib.util.find_spec("hatchling") is None,
                    reason="hatchling (the build backend) is not installed")
def test_an_installed_wheel_finds_its_examples(tmp_path: Path) -> None:
    from hatchling.builders.wheel import WheelBuilder

    (wheel,) = WheelBuilder(str(ROOT)).build(directory=str(tmp_path / "dist"), versions=["standard"])
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("cchc_plan/py.typed", "cchc_plan/templates/docx/nd30.docx",
                   "cchc_plan/bundled/examples/loc-binh-2023/ke-hoach.yaml",
                   "cchc_plan/bundled/schema/plan.schema.json", "cchc_plan/bundled/schema/report.schema.json",
                   "cchc_plan/examples.py"):
        assert needed in names, needed
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = ("from cchc_plan import examples, load_plan\n"
            "p = examples.path('loc-binh-2023/ke-hoach.yaml')\n"
            "print(p)\nprint(examples.schema_path('plan'))\nprint(load_plan(p).number)\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                          env={**env, "PYTHONPATH": str(site)}, timeout=120)
    assert done.returncode == 0, done.stderr
    example, schema, number = done.stdout.splitlines()
    assert Path(example).is_file() and Path(example).is_relative_to(site)
    assert Path(schema).is_file() and Path(schema).is_relative_to(site)
    assert number == "07/KH-UBND"


def test_the_examples_are_reached_from_the_package_name() -> None:
    """``import cchc_plan`` then ``cchc_plan.examples.path(…)``, as the docs write it."""
    code = ("import cchc_plan\n"
            "print(cchc_plan.examples.path('loc-binh-2023/ke-hoach.yaml'))\n"
            "print('examples' in dir(cchc_plan))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    path, listed = done.stdout.splitlines()
    assert Path(path).is_file() and Path(path).name == "ke-hoach.yaml"
    assert listed == "True"
