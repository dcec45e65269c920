"""The typed client (tests/typed_client.py): it type-checks under ``mypy --strict`` and does its job.

A portal's endpoint takes a plan form as JSON, gets every problem in one call with codes and
paths, renders the .docx to bytes and checks those bytes.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typed_client as client
from conftest import EXAMPLE, ROOT

import cchc_plan
from cchc_plan import load_plan, plan_to_data

CLIENT = Path(client.__file__)


def test_the_client_imports_every_public_name() -> None:
    tree = ast.parse(CLIENT.read_text(encoding="utf-8"))
    imported = {a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module == "cchc_plan"
                for a in node.names}
    assert imported == set(cchc_plan.__all__)
    assert "# type:" not in CLIENT.read_text(encoding="utf-8")  # no ignore, no type comment


def test_the_package_lists_agree() -> None:
    """``__all__``, the lazy table and the explicit re-exports for type checkers name the same things."""
    init = Path(cchc_plan.__file__)
    tree = ast.parse(init.read_text(encoding="utf-8"))
    reexported = {a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level == 1
                  and node.module != "_lazy" for a in node.names if a.asname == a.name}
    assert reexported == set(cchc_plan._EXPORTS) == set(cchc_plan.__all__) - {"__version__"}
    assert callable(cchc_plan.render) and callable(cchc_plan.layout)  # the functions, not the submodules


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed (pip install '.[test]')")
def test_the_client_type_checks_under_mypy_strict(tmp_path: Path) -> None:
    env = {**os.environ, "MYPYPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--config-file", os.devnull,
         "--cache-dir", str(tmp_path / "cache"), str(CLIENT)],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found in 1 source file" in done.stdout


def test_a_good_form_gives_a_checked_docx() -> None:
    payload = json.dumps(plan_to_data(load_plan(EXAMPLE)), ensure_ascii=False)
    status, body = client.submit_plan(payload)
    assert status == 200 and isinstance(body, bytes) and body[:2] == b"PK"
    assert client.upload_docx(body) == {"errors": 0, "rules": []}


def test_a_form_with_four_mistakes_gets_all_four_with_codes_and_paths() -> None:
    data = plan_to_data(load_plan(EXAMPLE))
    data["date"] = "31/02/2023"
    data["areas"][1]["title"] = 123
    data["areas"][1]["targets"][1]["measures"][0]["value"] = 150
    data["appendix"]["groups"][0]["items"][0]["lead"] = {"units": ["ke-toan"], "text": None}
    status, body = client.submit_plan(json.dumps(data, ensure_ascii=False).encode("utf-8"))
    assert status == 422 and isinstance(body, dict)
    got = {(p["code"], tuple(p["path"])) for p in body["problems"]}  # type: ignore[index, union-attr]
    assert got == {
        ("date.impossible", ("date",)),
        ("type.text", ("areas", 1, "title")),
        ("percent.range", ("areas", 1, "targets", 1, "measures", 0, "value")),
        ("unit.undefined", ("appendix", "groups", 0, "items", 0, "lead", "units", 0)),
    }
    by_code = {p["code"]: p for p in body["problems"]}  # type: ignore[index, union-attr]
    assert by_code["percent.range"]["value"] == 150
    assert by_code["unit.undefined"]["message"].startswith("bộ phận chưa được khai báo")  # type: ignore[union-attr]


def test_one_item_of_the_form_on_its_own() -> None:
    plan = load_plan(EXAMPLE)
    item = plan_to_data(plan)["appendix"]["groups"][0]["items"][0]
    assert client.check_one_item(json.dumps(item, ensure_ascii=False), plan, 0) == []
    item["lead"]["units"] = ["ke-toan"]
    (problem,) = client.check_one_item(json.dumps(item, ensure_ascii=False), plan, 0)
    assert problem["code"] == "unit.undefined"
    assert problem["field"] == "appendix.groups[0].items[0].lead.units[0]"


def test_the_typed_plan_and_report_work() -> None:
    plan = client.plan_in_code()
    report = client.report_in_code(plan)
    assert client.report_summary(report) == [("Tỷ lệ hồ sơ giải quyết đúng hạn", "Đạt")]
    assert client.round_trips(plan, report)
    assert client.errors_are_one_kind(["year: x\nissuer: 1\n"]) != []
    assert client.upload_docx(b"not a docx")["unreadable"] == (
        "không phải văn bản Word .docx (không phải tệp nén ZIP hoặc tệp nén bị hỏng)")
