"""Render a plan file or :class:`~cchc_plan.model.plan.Plan` to .docx (and PDF), safely.

The output is written to a temporary file and moved into place, so a failure
leaves no partial file; an existing file is only replaced when asked.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .docx.writer import write_docx
from .io.files import atomic_write, build, read_data
from .io.documents import load_document
from .layout.blocks import Document
from .model.plan import Plan
from .layout.plan import layout_plan
from .problems import InputError, Problem
from .docx.profile import StyleProfile

if TYPE_CHECKING:
    from .model.report import Report

__all__ = ["layout", "load_profile", "render", "render_plan"]


def load_profile(path: str | os.PathLike[str]) -> StyleProfile:
    """Read a style profile (YAML/JSON of :class:`StyleProfile` fields); refuses values outside ND30."""
    data, lines = read_data(path)
    return build(data, StyleProfile, str(path), lines)


def _check_template(template: str | os.PathLike[str]) -> Path:
    path = Path(template)
    source = str(template)
    if not path.is_file():
        raise InputError(source, [Problem(path="", rule="không tìm thấy tệp mẫu .docx")])
    try:
        with zipfile.ZipFile(path) as z:
            if "word/document.xml" not in z.namelist():
                raise InputError(source, [Problem(path="", rule="tệp mẫu không phải văn bản Word .docx")])
    except zipfile.BadZipFile:
        raise InputError(source, [Problem(
            path="", rule="tệp mẫu không phải văn bản Word .docx (không đọc được)")]) from None
    return path


def layout(document: Plan | Report) -> Document:
    """The ND30 layout of a plan or a report."""
    if isinstance(document, Plan):
        return layout_plan(document)
    from .layout.report import layout_report

    return layout_report(document)


def render(document: Plan | Report | str | os.PathLike[str], target: str | os.PathLike[str], *,
           profile: StyleProfile | None = None,
           template: str | os.PathLike[str] | None = None,
           force: bool = False) -> Path:
    """Write a plan or report (an object, or a file that says which it is) as a .docx at ``target``.

    Raises :class:`InputError` for bad input or template, :class:`FileExistsError`
    when ``target`` exists and ``force`` is false.
    """
    out = Path(target)
    if out.exists() and not force:
        raise FileExistsError(f"{out} đã có; dùng --force để ghi đè")
    from .model.report import Report

    model = document if isinstance(document, (Plan, Report)) else load_document(document)
    template_path = _check_template(template) if template is not None else None
    blocks = layout(model)
    kwargs: dict[str, Any] = {"profile": profile, "template": template_path}
    return atomic_write(out, lambda tmp: write_docx(blocks, tmp, **kwargs), force=force)


def render_plan(plan: Plan | str | os.PathLike[str], target: str | os.PathLike[str], *,
                profile: StyleProfile | None = None,
                template: str | os.PathLike[str] | None = None,
                force: bool = False) -> Path:
    """Write a plan (a :class:`Plan` or a plan file) as a .docx at ``target`` (see :func:`render`)."""
    return render(plan, target, profile=profile, template=template, force=force)
