"""The summary of many units' reports, from files to a .docx, its charts and its workbook.

``summarize_files(paths)`` reads the reports (one at a time, kept as
:class:`~cchc_plan.model.summary.UnitResult`) and returns the
:class:`~cchc_plan.model.summary.Summary`; ``write_summary`` renders it as an
ND30 report with its appendices, writes the charts as PNG beside it and, if
asked, the appendix tables as .xlsx. Nothing is written unless everything
could be made, and no existing file is replaced unless ``force``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import attrs

from .docx.profile import StyleProfile
from .docx.writer import write_docx
from .io.files import atomic_write
from .io.summaries import load_summary_document, read_unit_results
from .layout.summary import Chart, layout_summary
from .model.summary import Summary, SummaryDocument, summarize

__all__ = ["SummaryFiles", "summarize_files", "summary_charts", "write_summary"]


def summarize_files(paths: Iterable[str | os.PathLike[str]], document: SummaryDocument | None = None, *,
                    tick: Callable[[int], None] | None = None, source: str | None = None) -> Summary:
    """The summary of the report files at ``paths`` for ``document``'s period and expected units.

    ``source`` is the file ``document`` was read from, named in the errors about its period.
    """
    results = read_unit_results(paths, tick=tick)
    return summarize(results, period=document.period if document else None,
                     expected=document.units if document else (), source=source or "<tổng hợp>")


def summary_charts(summary: Summary) -> list[Chart]:
    """The two charts: on-time rate per unit, new dossiers by channel."""
    from .layout.charts import channel_chart, on_time_chart

    return [
        Chart(name="ty-le-dung-han", caption="Biểu đồ 1. Tỷ lệ giải quyết hồ sơ đúng hạn",
              png=on_time_chart(summary)),
        Chart(name="kenh-tiep-nhan", caption="Biểu đồ 2. Hồ sơ mới tiếp nhận theo hình thức",
              png=channel_chart(summary)),
    ]


@attrs.frozen(kw_only=True)
class SummaryFiles:
    """What :func:`write_summary` wrote."""

    docx: Path
    charts: tuple[Path, ...]
    xlsx: Path | None


def write_summary(summary: Summary, target: str | os.PathLike[str], document: SummaryDocument | str
                  | os.PathLike[str] | None = None, *, xlsx: bool = False, charts: bool = True,
                  profile: StyleProfile | None = None, force: bool = False) -> SummaryFiles:
    """Write the summary as ``target`` (.docx), its charts as ``<target>-<chart>.png``, and ``.xlsx`` if asked.

    ``document`` (a :class:`SummaryDocument` or its YAML file) gives the issuer,
    number, signer and recipients; without it the summary is an unsigned draft
    of the level above the units.
    """
    out = Path(target)
    if document is None:
        doc = SummaryDocument.draft_for(summary.units or summary.other_period)
    elif isinstance(document, SummaryDocument):
        doc = document
    else:
        doc = load_summary_document(document)
    made = summary_charts(summary) if charts else []
    chart_paths = [out.with_name(f"{out.stem}-{c.name}.png") for c in made]
    book_path = out.with_suffix(".xlsx") if xlsx else None
    for path in [out, *chart_paths, *([book_path] if book_path else [])]:
        if path.exists() and not force:
            raise FileExistsError(f"{path} đã có")
    blocks = layout_summary(summary, doc, made)
    book: bytes | None = None
    if book_path is not None:
        import io

        from .io.summary_sheets import summary_workbook

        saved = io.BytesIO()  # the workbook's bytes, not its cells, are kept while the .docx is made
        summary_workbook(summary, doc).save(saved)
        book = saved.getvalue()
    data = write_docx(blocks, profile=profile)
    written = atomic_write(out, data, force=force)
    for chart, path in zip(made, chart_paths, strict=True):
        png = chart.png
        atomic_write(path, png, force=force)
    if book is not None and book_path is not None:
        atomic_write(book_path, book, force=force)  # the workbook's bytes
    return SummaryFiles(docx=written, charts=tuple(chart_paths), xlsx=book_path)
