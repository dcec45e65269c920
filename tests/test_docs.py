"""The code in the docs runs in the tests.

Every page under ``docs/`` is read in order, one test per page, in a fresh working directory
holding a copy of the repository's ``examples/`` (so the page's relative paths —
``examples/loc-binh-2023/ke-hoach.yaml`` for input, ``ke-hoach.docx`` for output — work as
from the repository root, and nothing is written into the repository):

- a fenced block with a file name as title (```` ```yaml title="ke-hoach-loi.yaml" ````) is
  written to that file, so that later blocks can use it;
- a ```` ```python ```` block is run (the blocks of a page share one namespace, as a reader
  would run them one after another); if the next block is ```` ```text title="Kết quả" ```` it
  is the block's expected output;
- in a ```` ```console ```` block each line ``$ cchc-plan …`` is run through
  :func:`cchc_plan.cli.main` and what it prints (stdout and stderr, in order) is compared
  with the lines that follow it, up to the next ``$``; a line ``...`` stands for any number
  of lines, and ``...`` inside a line for any text (what is not deterministic: seconds, paths).

A Python block may be skipped only with ``# không chạy`` on its first line; the test
``test_skipped_blocks_are_few`` keeps the count small. Also here: the style-profile table of
``tuy-chinh.md`` against :data:`cchc_plan.docx.rules.RULES`, and ``mkdocs build --strict``.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SRC = ROOT / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from cchc_plan.cli import app as cli  # noqa: E402
from cchc_plan.docx.pdf import find_soffice  # noqa: E402
from cchc_plan.docx.rules import RULES  # noqa: E402

SKIP_MARK = "# không chạy"
OUTPUT_TITLE = "Kết quả"
MAX_SKIPPED = 2

PAGES = sorted(p for p in DOCS.rglob("*.md") if "_ext" not in p.relative_to(DOCS).parts)

_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
    re.M | re.S)
_TITLE = re.compile(r'title="(?P<title>[^"]*)"')
_FILE_NAME = re.compile(r"[\w.-]+(?:/[\w.-]+)*\.[A-Za-z0-9]+")


@attrs.frozen
class Block:
    """A fenced code block of a page."""

    page: Path
    line: int
    lang: str
    title: str | None
    body: str
    end: int
    """Offset just after the closing fence (to tell whether another block follows at once)."""
    start: int

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"

    @property
    def file_name(self) -> str | None:
        """The file this block stands for, when its title is a file name."""
        if self.title and _FILE_NAME.fullmatch(self.title):
            return self.title
        return None


def blocks(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    out = []
    for m in _FENCE.finditer(text):
        info = m["info"].strip()
        lang = info.split(" ", 1)[0].strip("{}.").lower() if info else ""
        title = _TITLE.search(info)
        indent = m["indent"]
        body = textwrap.dedent(m["body"]) if indent else m["body"]
        out.append(Block(page=page, line=text.count("\n", 0, m.start()) + 1, lang=lang,
                         title=title["title"] if title else None, body=body, end=m.end(), start=m.start()))
    return out


def expected_pattern(expected: str) -> re.Pattern[str]:
    """``expected`` as a regular expression: ``...`` lines for any lines, ``...`` in a line for any text."""
    parts = []
    for line in expected.rstrip("\n").split("\n"):
        line = line.rstrip()
        if line == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append(".*?".join(re.escape(piece) for piece in line.split("...")) + r"\n")
    return re.compile("".join(parts), re.S)


def matches(expected: str, actual: str) -> bool:
    normal = "\n".join(line.rstrip() for line in actual.rstrip("\n").split("\n")) + "\n"
    if not expected.strip():
        return not actual.strip()
    return expected_pattern(expected).fullmatch(normal) is not None


def run_cli(argv: list[str]) -> tuple[int, str]:
    """Run ``cchc-plan`` in this process; stdout and stderr go to one buffer, in order."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        try:
            status = cli.main(argv)
        except SystemExit as e:  # --help, usage errors
            status = e.code if isinstance(e.code, int) else 1
    return status, buffer.getvalue()


def console_steps(body: str) -> list[tuple[str, str]]:
    """``(command, expected output)`` for each ``$ …`` line of a console block."""
    steps: list[tuple[str, list[str]]] = []
    pending = ""
    for line in body.split("\n"):
        if pending:
            pending += " " + line.strip()
            if pending.endswith("\\"):
                pending = pending[:-1].rstrip()
                continue
            steps.append((pending, []))
            pending = ""
        elif line.startswith("$ "):
            command = line[2:].strip()
            if command.endswith("\\"):
                pending = command[:-1].rstrip()
                continue
            steps.append((command, []))
        elif steps:
            steps[-1][1].append(line)
    return [(command, "\n".join(lines).rstrip("\n")) for command, lines in steps]


def _needs_missing_tools(argv: list[str]) -> str | None:
    """Why a command cannot run here: ``preview`` and ``render --pdf`` need LibreOffice (and pdftoppm)."""
    needs = []
    if len(argv) > 1 and (argv[1] == "preview" or (argv[1] == "render" and "--pdf" in argv)):
        needs.append("soffice")
    if len(argv) > 1 and argv[1] == "preview":
        needs.append("pdftoppm")
    missing = [tool for tool in needs
               if (find_soffice() if tool == "soffice" else shutil.which(tool)) is None]
    return f"`{' '.join(argv)}` needs {', '.join(missing)}" if missing else None


def _is_output_of(block: Block, following: Block | None, text: str) -> bool:
    return (following is not None and following.lang == "text" and following.title == OUTPUT_TITLE
            and not text[block.end:following.start].strip())


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps --help at this width
    return tmp_path


def _page_id(page: Path) -> str:
    return str(page.relative_to(DOCS))


PAGES_WITH_CODE = [p for p in PAGES if any(b.lang in ("python", "console") for b in blocks(p))]


@pytest.mark.parametrize("page", PAGES_WITH_CODE, ids=_page_id)
def test_page_code_runs(page: Path, workdir: Path) -> None:
    text = page.read_text(encoding="utf-8")
    found = blocks(page)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    failures: list[str] = []
    not_run: list[str] = []
    for i, block in enumerate(found):
        following = found[i + 1] if i + 1 < len(found) else None
        if block.file_name and block.lang not in ("python", "console"):
            target = workdir / block.file_name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.body, encoding="utf-8")
        elif block.lang == "python":
            if block.body.lstrip().startswith(SKIP_MARK):
                continue
            out = io.StringIO()
            try:
                with contextlib.redirect_stdout(out):
                    exec(compile(block.body, block.where, "exec"), namespace)
            except Exception as e:  # reported with the block's place; later blocks depend on this one
                failures.append(f"{block.where}: the Python block raised {type(e).__name__}: {e}")
                break
            if _is_output_of(block, following, text):
                assert following is not None
                if not matches(following.body, out.getvalue()):
                    failures.append(f"{block.where}: the Python block printed\n{out.getvalue()}\n"
                                    f"but the page shows ({following.where})\n{following.body}")
        elif block.lang == "console":
            for command, expected in console_steps(block.body):
                argv = shlex.split(command)
                if not argv or argv[0] != "cchc-plan":
                    continue
                missing = _needs_missing_tools(argv)
                if missing:
                    not_run.append(f"{block.where}: {missing}")
                    continue
                _, printed = run_cli(argv[1:])
                if not matches(expected, printed):
                    failures.append(f"{block.where}: `{command}` printed\n{printed}\nbut the page shows\n"
                                    f"{expected}")
    assert not failures, "\n\n".join(failures)
    if not_run:
        pytest.skip("the rest of the page ran; not run here: " + "; ".join(not_run))


def test_pages_have_code() -> None:
    """The pages that explain the tool show commands or Python that the tests run."""
    runnable = {_page_id(p) for p in PAGES_WITH_CODE}
    for name in ("index.md", "ke-hoach-yaml.md", "python-api.md", "bao-cao.md", "the-thuc.md",
                 "tuy-chinh.md", "nam-sau-hang-loat.md"):
        assert name in runnable


def test_skipped_blocks_are_few() -> None:
    skipped = [b.where for p in PAGES for b in blocks(p)
               if b.lang == "python" and b.body.lstrip().startswith(SKIP_MARK)]
    assert len(skipped) <= MAX_SKIPPED, skipped


def test_console_blocks_show_real_commands() -> None:
    """Every console block starts with a ``$ cchc-plan`` command (others are shown as ```bash)."""
    for page in PAGES:
        for block in blocks(page):
            if block.lang == "console":
                first = block.body.lstrip().split("\n", 1)[0]
                assert first.startswith("$ cchc-plan "), f"{block.where}: {first}"


def test_expected_pattern() -> None:
    assert matches("a\n...\nd", "a\nb\nc\nd\n")
    assert matches("a\n...\nd", "a\nd\n")
    assert matches("x ... giây", "x 0,7 giây\n")
    assert not matches("a\nd", "a\nb\nd\n")
    assert not matches("x", "y\n")


# --------------------------------------------------------------------------- the style-profile table

_ROW = re.compile(r"^\|\s*`(?P<key>[a-z_]+)`\s*\|(?P<rest>.*)\|\s*$", re.M)


def _number(cell: str) -> Decimal:
    return Decimal(cell.strip().replace(",", "."))


def test_profile_table_matches_rules() -> None:
    """The table of ``tuy-chinh.md`` lists every field of ``rules.RULES``, in order, with its range."""
    text = (DOCS / "tuy-chinh.md").read_text(encoding="utf-8")
    rows = [(m["key"], [c.strip() for c in m["rest"].split("|")]) for m in _ROW.finditer(text)]
    assert [key for key, _ in rows] == [r.key for r in RULES]
    for (key, cells), rule in zip(rows, RULES, strict=True):
        what, low, high, default, unit = cells[:5]
        assert what == rule.what, key
        assert (_number(low), _number(high), _number(default)) == (
            Decimal(str(rule.low)), Decimal(str(rule.high)), Decimal(str(rule.default))), key
        assert unit == rule.unit, key


# --------------------------------------------------------------------------- the site


def _missing_site_tools() -> str | None:
    for module, package in (("mkdocs", "mkdocs"), ("material", "mkdocs-material"),
                            ("mkdocstrings", "mkdocstrings"), ("mkdocstrings_handlers.python",
                                                               "mkdocstrings-python")):
        try:
            if importlib.util.find_spec(module) is None:
                return package
        except ModuleNotFoundError:
            return package
    return None


def test_site_builds_strict(tmp_path: Path) -> None:
    if not (ROOT / "mkdocs.yml").is_file():
        pytest.skip("mkdocs.yml is not in this copy of the project (an sdist): nothing to build")
    missing = _missing_site_tools()
    if missing:
        pytest.skip(f'{missing} is not installed: pip install ".[docs]" to build the site')
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                           "-f", str(ROOT / "mkdocs.yml"), "-d", str(tmp_path / "site")],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "api" / "model" / "index.html").is_file()


def test_site_under_a_sub_path_has_a_working_404_and_vietnamese_search(tmp_path: Path) -> None:
    """Published at https://host/cchc_plan/: every link of the 404 page resolves inside the site."""
    if not (ROOT / "mkdocs.yml").is_file():
        pytest.skip("mkdocs.yml is not in this copy of the project (an sdist): nothing to build")
    missing = _missing_site_tools()
    if missing:
        pytest.skip(f'{missing} is not installed: pip install ".[docs]" to build the site')
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CCHC_PLAN_SITE_URL": "https://docs.example.org/cchc_plan/"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                           "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "end of life" not in done.stdout + done.stderr
    page = (site / "404.html").read_text(encoding="utf-8")
    local = [u for u in re.findall(r'(?:href|src)="([^"]+)"', page) if not u.startswith(("http", "#", "data:"))]
    assert local
    for url in local:
        assert url.startswith("/cchc_plan/"), url
        target = site / url.removeprefix("/cchc_plan/").split("#")[0].split("?")[0]
        assert target.exists() or (target / "index.html").exists(), url
    config = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["lang"] == ["vi"]
    split = re.compile(config["separator"])
    assert [w for w in split.split("Tỷ lệ đạt 98,5% (1.234 hồ sơ), đúng hạn.") if w] == [
        "Tỷ", "lệ", "đạt", "98,5%", "1.234", "hồ", "sơ", "đúng", "hạn"]


def test_the_built_site_is_not_tracked() -> None:
    assert "site/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
