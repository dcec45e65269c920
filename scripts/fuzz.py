"""Fuzz the command line with hostile input — *thử chương trình bằng dữ liệu xấu*.

Not a test: a harness to run for a while (``python scripts/fuzz.py --minutes 30``). Each case
builds an input in a fresh temporary folder (``in/``), runs one command of ``cchc-plan`` in a
subprocess with its output going to ``out/`` and a 10 s timeout, and classifies what happened:

- ``traceback``: a Python traceback on stderr (a user's input must give a message, never this);
- ``hang``: the command did not end within the timeout;
- ``escape``: a file appeared in the case folder outside ``out/`` (or an ``in/`` file was added);
- ``partial``: a failed run left a file in ``out/``, a run left a hidden staging file there, or a
  successful run wrote a .docx/.xlsx that is not a whole zip;
- ``input changed``: an input file's bytes differ after the run.

Targets (each case picks one): ``yaml`` — structure-aware mutants of the example plans and
reports (values replaced by hostile ones: long runs, control characters, huge numbers, wrong
types; keys dropped; lists emptied or repeated) through ``validate`` and ``render``; ``docx`` —
mutants of a rendered example (XML damaged, nested, multiplied; parts dropped; bytes flipped)
through ``check``; ``template`` — mutated templates through ``render --template``; ``csv`` and
``xlsx`` — damaged dossier tables through ``stats``; ``units`` — damaged units tables through
``batch``. Every problem is saved under ``--keep`` with its command line and output, and the
counts per target are printed at the end (and as JSON with ``--json``).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
TIMEOUT = 10.0

HOSTILE_TEXT = [
    "", " ", " " * 100_000 + "x", "Phòng " * 50_000, "\x00", "a\x01b", "\ufffe", "\uffff", "\ud800",
    "x" * 300, "ngày " * 20_000, "1" * 5000, ":#" * 20_000, "*" * 10_000, "^[" * 5000, "\\" * 1000,
    "<w:p>", "&amp;", "]]>", "\u202e", "e\u0301", "TM. " * 1000, "Lưu: VT.", "- " * 10_000,
    "số 07/KH-UBND ngày 01/01/2023 " * 2000, "\n" * 1000, "\t", "..%s%n", "${x}", "{{x}}",
]
HOSTILE_VALUES: list[Any] = [
    None, True, 0, -1, int("9" * 4000), 1e308, -1e308,
    float("nan"), 1.5, [], {}, [None], {"a": 1}, "2023-02-30", "98,5%", "1.234.567",
]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _snapshot(folder: Path) -> dict[str, str]:
    out = {}
    for p in folder.rglob("*"):
        if p.is_file() and not p.is_symlink():
            out[str(p.relative_to(folder))] = _sha(p)
    return out


# --------------------------------------------------------------------------- YAML mutants


def _mutate_tree(node: Any, rng: random.Random, rate: float) -> Any:
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            roll = rng.random()
            if roll < rate * 0.2:
                continue  # key dropped
            out[k] = _mutate_tree(v, rng, rate)
        if rng.random() < rate * 0.1:
            out[rng.choice(["x", "extra", "number", "date", "year"])] = rng.choice(HOSTILE_VALUES)
        return out
    if isinstance(node, list):
        items = [_mutate_tree(v, rng, rate) for v in node]
        roll = rng.random()
        if roll < rate * 0.1:
            return []
        if roll < rate * 0.2 and items:
            return items * rng.choice([2, 50])
        return items
    if rng.random() < rate:
        if isinstance(node, str) and rng.random() < 0.7:
            hostile = rng.choice(HOSTILE_TEXT)
            return rng.choice([hostile, node + hostile, hostile + node])
        return rng.choice(HOSTILE_VALUES + HOSTILE_TEXT)
    return node


def _yaml_case(rng: random.Random, case: Path) -> list[list[str]]:
    folder = case / "in"
    source = rng.choice([EXAMPLES / "loc-binh-2023", EXAMPLES / "mau-xa-2027"])
    shutil.copytree(source, folder)
    files = sorted(folder.glob("*.yaml"))
    target = rng.choice(files)
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    mutated = _mutate_tree(data, rng, rng.choice([0.02, 0.05, 0.15]))
    if rng.random() < 0.1:  # a number of 5,000 digits (over Python's int-from-text limit)
        text = yaml.safe_dump(mutated, allow_unicode=True)
        target.write_text(re.sub(r": \d+\n", ": " + "9" * 5000 + "\n", text, count=1), encoding="utf-8")
    elif rng.random() < 0.15:
        text = yaml.safe_dump(mutated, allow_unicode=True)
        cut = rng.randrange(len(text))
        text = text[:cut] + rng.choice(["\t", ": :", "- [", "'", '"', "!!python/object:os.system", "&a *a",
                                        "\x00", "{{", "<<: *x"]) + text[cut:]
        target.write_text(text, encoding="utf-8")
    else:
        target.write_bytes(yaml.safe_dump(mutated, allow_unicode=True).encode("utf-8", "surrogatepass"))
    name = str(target.relative_to(case))
    return [["validate", name], ["render", name, "-o", "out/kq.docx"]]


# --------------------------------------------------------------------------- .docx mutants


_BASE_DOCX: dict[str, bytes] = {}


def _base_docx(work: Path) -> bytes:
    if "rendered" not in _BASE_DOCX:
        out = work / "base.docx"
        subprocess.run([sys.executable, "-m", "cchc_plan", "render",
                        str(EXAMPLES / "loc-binh-2023" / "ke-hoach.yaml"), "-o", str(out), "--force"],
                       check=True, capture_output=True)
        _BASE_DOCX["rendered"] = out.read_bytes()
        _BASE_DOCX["template"] = (ROOT / "templates" / "docx" / "nd30.docx").read_bytes()
    return _BASE_DOCX["rendered"]


_XML_MUTATIONS = [
    lambda x, r: x.replace(b"<w:p>", b"<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p>", 30),
    lambda x, r: x.replace(b"</w:body>", b"<w:p>" + b"<w:r><w:t>a</w:t><w:br/></w:r>" * 300_000 + b"</w:p></w:body>"),
    lambda x, r: x.replace(b"</w:body>", b"<w:tbl><w:tr><w:tc>" * 60 + b"<w:p/>" + b"</w:tc></w:tr></w:tbl>" * 60
                           + b"</w:body>"),
    lambda x, r: x.replace(b"</w:body>", b"<w:p><w:pPr><w:sectPr/></w:pPr></w:p>" * 3000 + b"</w:body>"),
    lambda x, r: x.replace(b"<w:t>", b"<w:t>" + r.choice([b" " * 50_000, b"S\xe1\xbb\x91:" + b"1" * 50_000,
                                                           b"\xe2\x80\xa6" * 30_000]), 5),
    lambda x, r: x[: r.randrange(len(x))],
    lambda x, r: x.replace(b'w:val="', b'w:val="' + r.choice([b"-", b"x", b"99999999999999999999", b"1e400"]), 50),
    lambda x, r: x.replace(b"<w:sz ", b"<w:sz w:val=\"\" ", 10),
    lambda x, r: re.sub(rb"<w:pStyle [^>]*/>", b"", x),
    lambda x, r: x.replace(b"xmlns:w=", b"xmlns:x=", 1),
    lambda x, r: b'<!DOCTYPE d [<!ENTITY a "' + b"a" * 1000 + b'">]>' + x,
    lambda x, r: x.replace(b"<w:body>", b"<w:body>" + b"<w:sdt><w:sdtContent>" * 300, 1),
]


def _mutate_docx(data: bytes, rng: random.Random) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    how = rng.random()
    if how < 0.1:  # flip bytes of the package itself
        raw = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw)
    if how < 0.2 and parts:
        parts.pop(rng.choice(sorted(parts)))
    names = [n for n in parts if n.endswith(".xml") or n.endswith(".rels")]
    for _ in range(rng.randint(1, 3)):
        name = rng.choice(["word/document.xml"] * 3 + names) if names else None
        if name is None or name not in parts:
            continue
        parts[name] = rng.choice(_XML_MUTATIONS)(parts[name], rng)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return buffer.getvalue()


def _docx_case(rng: random.Random, case: Path) -> list[list[str]]:
    (case / "in").mkdir()
    path = case / "in" / "van-ban.docx"
    path.write_bytes(_mutate_docx(_base_docx(case.parent), rng))
    return [["check", "in/van-ban.docx"], ["check", "in/van-ban.docx", "--format", "json"]][rng.randrange(2):][:1]


def _template_case(rng: random.Random, case: Path) -> list[list[str]]:
    shutil.copytree(EXAMPLES / "loc-binh-2023", case / "in")
    _base_docx(case.parent)
    (case / "in" / "mau.docx").write_bytes(_mutate_docx(_BASE_DOCX["template"], rng))
    return [["render", "in/ke-hoach.yaml", "--template", "in/mau.docx", "-o", "out/kq.docx"]]


# --------------------------------------------------------------------------- tables


def _mutate_lines(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(lines))
        roll = rng.random()
        if roll < 0.2:
            lines[i] = lines[i].replace(",", ',"', 1)  # a stray quote
        elif roll < 0.35:
            lines[i] += "," * rng.randint(1, 5)  # too many fields
        elif roll < 0.5:
            lines[i] = lines[i].rsplit(",", rng.randint(1, 3))[0]  # too few
        elif roll < 0.6:
            lines[i] += "," + "x" * rng.choice([140_000, 200_000])  # over the csv field limit
        elif roll < 0.7:
            lines.insert(i, '"' + "a\n" * 1000)
        elif roll < 0.8:
            lines[i] = lines[i].replace(",", rng.choice([";", "\t", "\x00", ",,"]))
        elif roll < 0.9:
            lines[i] = rng.choice(HOSTILE_TEXT)
        else:
            lines = lines * rng.choice([2, 20])
    return "\n".join(lines)


def _csv_case(rng: random.Random, case: Path) -> list[list[str]]:
    (case / "in").mkdir()
    text = (EXAMPLES / "loc-binh-2023" / "ho-so-2023.csv").read_text(encoding="utf-8")
    data = _mutate_lines(text, rng).encode("utf-8", "surrogatepass")
    if rng.random() < 0.1:
        data = data[: rng.randrange(len(data))] + bytes([rng.randrange(256)]) + data[rng.randrange(len(data)):]
    (case / "in" / "ho-so.csv").write_bytes(data)
    extra = ["--skip-bad"] if rng.random() < 0.5 else []
    return [["stats", "in/ho-so.csv", "--from", "15/12/2022", "--to", "14/12/2023", "-o", "out/so-lieu.yaml",
             *extra]]


def _xlsx_bytes(rng: random.Random) -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    text = (EXAMPLES / "loc-binh-2023" / "ho-so-2023.csv").read_text(encoding="utf-8")
    book = Workbook()
    sheet = book.active
    for line in text.splitlines()[:300]:
        sheet.append(line.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    roll = rng.random()
    sheet_name = "xl/worksheets/sheet1.xml"
    if roll < 0.3:  # a shared-strings bomb: many cells pointing at one long string
        parts["xl/sharedStrings.xml"] = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                         b"<si><t>" + b"x" * 30_000 + b"</t></si></sst>")
        rows = b"".join(b'<row r="%d">' % r + b'<c t="s"><v>0</v></c>' * 50 + b"</row>" for r in range(1, 20_000))
        parts[sheet_name] = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                             b"<sheetData>" + rows + b"</sheetData></worksheet>")
    elif roll < 0.6 and sheet_name in parts:
        parts[sheet_name] = rng.choice(_XML_MUTATIONS)(parts[sheet_name], rng)
    elif roll < 0.8 and parts:
        parts.pop(rng.choice(sorted(parts)))
    else:
        raw = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return buffer.getvalue()


def _xlsx_case(rng: random.Random, case: Path) -> list[list[str]]:
    (case / "in").mkdir()
    (case / "in" / "ho-so.xlsx").write_bytes(_xlsx_bytes(rng))
    return [["stats", "in/ho-so.xlsx", "--from", "15/12/2022", "--to", "14/12/2023", "-o", "out/so-lieu.yaml"]]


def _units_case(rng: random.Random, case: Path) -> list[list[str]]:
    shutil.copytree(EXAMPLES / "mau-xa-2027", case / "in")
    units = case / "in" / "don-vi.csv"
    text = units.read_text(encoding="utf-8")
    lines = text.split("\n")
    units.write_text("\n".join(lines[:4]) if rng.random() < 0.7 else text, encoding="utf-8")  # keep it quick
    units.write_bytes(_mutate_lines(units.read_text(encoding="utf-8"), rng).encode("utf-8", "surrogatepass"))
    return [["batch", "in/ke-hoach.yaml", "in/don-vi.csv", "-o", "out", "-j", "1"]]


TARGETS = {"yaml": _yaml_case, "docx": _docx_case, "template": _template_case, "csv": _csv_case,
           "xlsx": _xlsx_case, "units": _units_case}


# --------------------------------------------------------------------------- running


def _children_cpu() -> float:
    """CPU seconds used so far by the ended children (a busy machine stretches the wall clock)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _is_whole_zip(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            return z.testzip() is None
    except (zipfile.BadZipFile, OSError):
        return False


def run_case(target: str, seed: int, work: Path) -> list[tuple[str, list[str], str]]:
    """Run one case; the problems found as (kind, command, detail)."""
    rng = random.Random(seed)
    case = Path(tempfile.mkdtemp(prefix=f"{target}-", dir=work))
    problems: list[tuple[str, list[str], str]] = []
    try:
        commands = TARGETS[target](rng, case)
        (case / "out").mkdir(exist_ok=True)
        for command in commands:
            before_in = _snapshot(case / "in")
            before_all = set(_snapshot(case)) - {k for k in _snapshot(case) if k.startswith("out/")}
            for old in (case / "out").iterdir():
                if old.is_dir():
                    shutil.rmtree(old)
                else:
                    old.unlink()
            start = time.monotonic()
            cpu = _children_cpu()
            try:
                done = subprocess.run([sys.executable, "-m", "cchc_plan", *command], cwd=case,
                                      capture_output=True, timeout=TIMEOUT,
                                      env={**os.environ, "PYTHONHASHSEED": "0"})
            except subprocess.TimeoutExpired:
                problems.append(("hang", command, f"no end within {TIMEOUT:g} s "
                                                  f"({_children_cpu() - cpu:.1f} s of CPU)"))
                continue
            seconds = time.monotonic() - start
            stderr = done.stderr.decode("utf-8", "replace")
            if "Traceback (most recent call last)" in stderr:
                problems.append(("traceback", command, stderr[-3000:]))
            after = _snapshot(case)
            outside = {k for k in after if not k.startswith("out/")} - before_all
            if outside:
                problems.append(("escape", command, ", ".join(sorted(outside))[:500]))
            changed = {k for k, h in before_in.items() if after.get("in/" + k) != h}
            if changed:
                problems.append(("input changed", command, ", ".join(sorted(changed))[:500]))
            written = [p for p in (case / "out").rglob("*") if p.is_file()]
            hidden = [p for p in written if p.name.startswith(".")]
            if hidden:
                problems.append(("partial", command, "staging left: " + ", ".join(p.name for p in hidden)))
            if done.returncode not in (0,) and command[0] in ("render", "stats") and written:
                problems.append(("partial", command, f"exit {done.returncode} but wrote "
                                 + ", ".join(p.name for p in written)))
            if done.returncode == 0:
                for p in written:
                    if p.suffix in (".docx", ".xlsx") and not _is_whole_zip(p):
                        problems.append(("partial", command, f"{p.name} is not a whole zip"))
            if seconds > TIMEOUT * 0.8:
                problems.append(("slow", command, f"{seconds:.1f} s ({_children_cpu() - cpu:.1f} s of CPU)"))
    finally:
        if not problems:
            shutil.rmtree(case, ignore_errors=True)
        else:
            (case / "PROBLEMS.txt").write_text("\n\n".join(f"{k}: {' '.join(c)}\n{d}" for k, c, d in problems),
                                               encoding="utf-8")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--cases", type=int, default=0, help="stop after this many cases (0: by time)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--keep", default="fuzz-problems", help="folder for the cases with a problem")
    parser.add_argument("--json", default=None, help="write the counts to this file")
    parser.add_argument("--replay", nargs="*", default=[], metavar="TARGET:SEED",
                        help="run these cases again (from a previous run's output) and stop")
    args = parser.parse_args(argv)
    if args.replay:
        work = Path(args.keep).resolve()
        work.mkdir(parents=True, exist_ok=True)
        still = 0
        for item in args.replay:
            target, _, seed = item.partition(":")
            problems = run_case(target, int(seed), work)
            still += bool(problems)
            for kind, command, _ in problems:
                print(f"[{target} seed={seed}] {kind}: {' '.join(command)[:120]}", flush=True)
        print(f"{len(args.replay)} cases replayed, {still} still with a problem")
        return 1 if still else 0
    targets = [t for t in args.targets.split(",") if t]
    work = Path(args.keep).resolve()
    work.mkdir(parents=True, exist_ok=True)
    end = time.monotonic() + args.minutes * 60
    cases: Counter[str] = Counter()
    found: dict[str, Counter[str]] = defaultdict(Counter)
    rng = random.Random(args.seed)
    n = 0
    while time.monotonic() < end and (not args.cases or n < args.cases):
        target = targets[n % len(targets)]
        seed = rng.randrange(2**32)
        n += 1
        cases[target] += 1
        try:
            problems = run_case(target, seed, work)
        except Exception as e:  # the harness's own trouble: count it, go on
            problems = [("harness", [target], repr(e))]
        for kind, command, detail in problems:
            found[target][kind] += 1
            last = detail.splitlines()[-1][:200] if detail else ""
            print(f"[{target} seed={seed}] {kind}: {' '.join(command)[:120]} :: {last}", flush=True)
        if n % 25 == 0:
            print(f"... {n} cases, {sum(sum(c.values()) for c in found.values())} problems", flush=True)
    summary = {"cases": dict(cases), "problems": {t: dict(c) for t, c in found.items()}}
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
