"""Rendering the Lộc Bình plan against a plain python-docx floor and against docxtpl.

Four ways to make the same document, timed in one process, interleaved round by round
(so that a change in the machine's load hits all of them alike), median of ``--runs``:

- **floor**: plain python-docx, no ND30 logic — ``Document()``, the same paragraphs (header,
  title, body, end block) as text, the same appendix table (same rows, same 7 cells per row, same
  texts), ``save()``. The texts are prepared before the clock starts.
- **cchc_plan render(Plan)**: :func:`cchc_plan.render.render` from the loaded :class:`Plan`
  (layout, ND30 formatting, table merges, page setup, atomic write).
- **cchc_plan render(YAML)**: the same from the YAML file (read, check, build, render).
- **docxtpl**: a template made here with python-docx (a paragraph loop and a table-row loop in
  Jinja tags) rendered by docxtpl with the same data, then saved. Skipped when docxtpl is not
  installed (``pip install docxtpl``; it is not a dependency of cchc_plan).

    python benchmarks/render_bench.py [--runs 30]

Goals: cchc_plan from a Plan ≤ 1.3 × the floor; cchc_plan faster than docxtpl.
"""

from __future__ import annotations

import argparse
import functools
import gc
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import _harness as h  # benchmarks/ is the folder of these scripts
from _floor import floor

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import docx  # noqa: E402

from cchc_plan.docx.writer import write_docx  # noqa: E402
from cchc_plan.io import load_plan  # noqa: E402
from cchc_plan.layout import Document, Heading, Paragraph, Table  # noqa: E402
from cchc_plan.layout.plan import layout_plan  # noqa: E402
from cchc_plan.render import render  # noqa: E402

EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
GOAL_FLOOR = 1.3


# --------------------------------------------------------------------------- the same texts


def texts_of(d: Document) -> dict[str, object]:
    """Everything the document prints, as plain strings: the floor's and docxtpl's input."""
    def block_text(b: object) -> str:
        if isinstance(b, Heading):
            return f"{b.label} {b.text}"
        assert isinstance(b, Paragraph)
        return b.text

    body = [block_text(b) for b in d.body]
    header_left = [*d.header.agency, d.header.number]
    header_right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", d.header.place_date]
    title = [d.title.doc_type, *d.title.subject]
    end_left = ["Nơi nhận:", *d.end.recipients]
    end_right = [*d.end.authority, d.end.name]
    part = d.appendices[0]
    table = part.body[0]
    assert isinstance(table, Table)
    width = len(table.columns)
    rows = []
    for row in table.rows:
        cells = ["\n".join(c.lines) for c in row.cells]
        rows.append(cells + [""] * (width - len(cells)))  # a section row: one text, the rest empty
    return {"header_left": header_left, "header_right": header_right, "title": title, "body": body,
            "end_left": end_left, "end_right": end_right,
            "appendix": [part.heading, *part.title, part.reference], "rows": rows}


# --------------------------------------------------------------------------- docxtpl


def make_docxtpl_template(path: Path, columns: int) -> None:
    """A .docx with Jinja tags, built with python-docx: header, loops over paragraphs and table rows."""
    d = docx.Document()
    head = d.add_table(rows=1, cols=2)
    head.rows[0].cells[0].text = "{% for l in header_left %}{{ l }}\n{% endfor %}"
    head.rows[0].cells[1].text = "{% for l in header_right %}{{ l }}\n{% endfor %}"
    for tag in ("{%p for line in title %}", "{{ line }}", "{%p endfor %}",
                "{%p for text in body %}", "{{ text }}", "{%p endfor %}"):
        d.add_paragraph(tag)
    end = d.add_table(rows=1, cols=2)
    end.rows[0].cells[0].text = "{% for l in end_left %}{{ l }}\n{% endfor %}"
    end.rows[0].cells[1].text = "{% for l in end_right %}{{ l }}\n{% endfor %}"
    d.add_section()
    for tag in ("{%p for line in appendix %}", "{{ line }}", "{%p endfor %}"):
        d.add_paragraph(tag)
    table = d.add_table(rows=3, cols=columns)
    table.rows[0].cells[0].text = "{%tr for row in rows %}"
    for i, cell in enumerate(table.rows[1].cells):
        cell.text = "{{ row[" + str(i) + "] }}"
    table.rows[2].cells[0].text = "{%tr endfor %}"
    d.save(str(path))


def docxtpl_render(template: Path, t: dict[str, object], target: Path) -> None:
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(template))
    tpl.render(t, autoescape=True)
    tpl.save(str(target))


# --------------------------------------------------------------------------- checks and timing


def shape(path: Path) -> tuple[int, int, int]:
    """(paragraphs with text outside tables, rows of the last table, cells of the last table)."""
    d = docx.Document(str(path))
    paragraphs = sum(1 for p in d.paragraphs if p.text.strip())
    table = d.tables[-1]
    return paragraphs, len(table.rows), sum(len(r._tr.tc_lst) for r in table.rows)


def table_texts(path: Path) -> list[str]:
    d = docx.Document(str(path))
    return sorted({c.text for r in d.tables[-1].rows for c in r.cells if c.text.strip()})




def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    plan = load_plan(EXAMPLE)
    data = texts_of(layout_plan(plan))
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        cases: dict[str, Callable[[Path], object]] = {
            "floor (plain python-docx)": lambda out: floor(data, out),
            "cchc_plan render(Plan)": lambda out: render(plan, out, force=True),
            "cchc_plan render(YAML file)": lambda out: render(EXAMPLE, out, force=True),
        }
        # Where cchc_plan's time goes (not compared with the floor): its stages on their own.
        laid_out = layout_plan(plan)
        stages: dict[str, Callable[[Path], object]] = {
            "stage: load_plan(YAML) only": lambda out: load_plan(EXAMPLE),
            "stage: layout_plan(Plan) only": lambda out: layout_plan(plan),
            "stage: write_docx(layout) to bytes": lambda out: write_docx(laid_out),
        }
        try:
            import docxtpl  # noqa: F401

            template = tmp / "template.docx"
            make_docxtpl_template(template, len(data["rows"][0]))  # type: ignore[index]
            cases["docxtpl (same data)"] = lambda out: docxtpl_render(template, data, out)
            docxtpl_note = ""
        except ImportError:
            docxtpl_note = "docxtpl is not installed (pip install docxtpl): its comparison is skipped."

        outputs = {name: tmp / f"out{i}.docx" for i, name in enumerate(cases)}
        for name, fn in cases.items():  # warm-up, and a look at what each one wrote
            fn(outputs[name])
            fn(outputs[name])
            assert zipfile.ZipFile(outputs[name]).testzip() is None
        gc.collect()
        samples = h.interleave({name: functools.partial(fn, outputs.get(name, tmp / "stage.docx"))
                                for name, fn in [*cases.items(), *stages.items()]}, args.runs, warmup=0)

        print(h.environment())
        print(f"Document: {EXAMPLE.relative_to(ROOT)} — {len(data['body'])} body paragraphs, "  # type: ignore[arg-type]
              f"appendix table {len(data['rows'])} rows × {len(data['rows'][0])} cells; "  # type: ignore[index]
              f"median of {args.runs} runs, interleaved")
        if docxtpl_note:
            print(docxtpl_note)
        floor_name = "floor (plain python-docx)"
        print()
        print("| way | median | spread (IQR/median) | ratio to floor | paragraphs | table rows | table cells |")
        print("|---|---:|---:|---|---:|---:|---:|")
        for name in cases:
            p, r, c = shape(outputs[name])
            print(f"| {name} | {samples[name].median * 1000:.1f} ms | {samples[name].spread * 100:.0f} % | "
                  f"{h.ratio(samples[name], samples[floor_name]).text()} | {p} | {r} | {c} |")
        for name in stages:
            print(f"| {name} | {samples[name].median * 1000:.1f} ms | {samples[name].spread * 100:.0f} % | "
                  f"{h.ratio(samples[name], samples[floor_name]).text()} | | | |")
        same = table_texts(outputs[floor_name]) == table_texts(outputs["cchc_plan render(Plan)"])
        print()
        print(f"Appendix table texts identical in the floor and in cchc_plan's document: {same}")
        plan_r = h.ratio(samples["cchc_plan render(Plan)"], samples[floor_name])
        verdict = "undecided" if plan_r.value is None else "met" if plan_r.value <= GOAL_FLOOR else "NOT met"
        print(f"Goal render(Plan) ≤ {GOAL_FLOOR} × floor: {plan_r.text()} — {verdict}")
        print(f"End to end from YAML: {h.ratio(samples['cchc_plan render(YAML file)'], samples[floor_name]).text()}"
              " to the floor")
        if "docxtpl (same data)" in samples:
            tpl_r = h.ratio(samples["cchc_plan render(Plan)"], samples["docxtpl (same data)"])
            verdict = "undecided" if tpl_r.value is None else "met" if tpl_r.value < 1 else "NOT met"
            print(f"Goal cchc_plan faster than docxtpl: cchc_plan/docxtpl = {tpl_r.text()} — {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
