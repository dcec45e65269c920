"""Render a plan file or :class:`~cchc_plan.model.plan.Plan` to .docx (and PDF), safely.

The output is written to a temporary file and moved into place, so a failure
leaves no partial file; an existing file is only replaced when asked.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Union, overload

from .io.word_template import TemplateParts, read_template
from .docx.writer import write_docx
from .io.files import atomic_write, build, read_data
from .io.documents import load_document
from .layout.blocks import Document
from .model.plan import Plan
from .layout.plan import layout_plan
from .docx.profile import StyleProfile
from .problems import InputError, Problem

if TYPE_CHECKING:
    from .model.report import Report

__all__ = ["TemplateSource", "layout", "load_profile", "render", "render_bytes", "render_plan"]


def load_profile(path: str | os.PathLike[str]) -> StyleProfile:
    """Read a style profile (YAML/JSON of :class:`StyleProfile` fields); refuses values outside ND30."""
    data, lines = read_data(path)
    return build(data, StyleProfile, str(path), lines)


TemplateSource = Union[str, "os.PathLike[str]", bytes, BinaryIO]
"""A .docx template: a path, its bytes, or a binary file object."""


def _template_parts(template: TemplateSource | None) -> TemplateParts | None:
    """The styles and page setup of a template given as a path, bytes or a binary file object."""
    if template is None:
        return None
    if isinstance(template, (bytes, bytearray, memoryview, str, os.PathLike)):
        return read_template(template)
    name = getattr(template, "name", None)
    source = name if isinstance(name, str) else "<mẫu .docx>"
    data = template.read()
    if not isinstance(data, bytes):
        raise InputError(source, [Problem(path="", code="template.not_docx",
                                          rule="tệp mẫu cần mở ở chế độ nhị phân (\"rb\")")])
    return read_template(data, name=source)


def layout(document: Plan | Report) -> Document:
    """The ND30 layout of a plan or a report."""
    if isinstance(document, Plan):
        return layout_plan(document)
    from .layout.report import layout_report

    return layout_report(document)


def _model(document: Plan | Report | str | os.PathLike[str]) -> Plan | Report:
    from .model.report import Report

    return document if isinstance(document, (Plan, Report)) else load_document(document)


def render_bytes(document: Plan | Report | str | os.PathLike[str], *,
                 profile: StyleProfile | None = None,
                 template: TemplateSource | None = None) -> bytes:
    """The .docx of a plan or report (an object, or a file that says which it is), as bytes in memory.

    ``template`` is a path, the bytes of a .docx or a binary file object. Nothing is
    written to disk (a template given as bytes is read from a private temporary copy).
    Raises :class:`InputError` for bad input or template.
    """
    model = _model(document)
    return write_docx(layout(model), None, profile=profile, template=_template_parts(template))


@overload
def render(document: Plan | Report | str | os.PathLike[str], target: str | os.PathLike[str], *,
           profile: StyleProfile | None = None, template: TemplateSource | None = None,
           force: bool = False) -> Path: ...


@overload
def render(document: Plan | Report | str | os.PathLike[str], target: BinaryIO, *,
           profile: StyleProfile | None = None, template: TemplateSource | None = None,
           force: bool = False) -> None: ...


def render(document: Plan | Report | str | os.PathLike[str], target: str | os.PathLike[str] | BinaryIO, *,
           profile: StyleProfile | None = None,
           template: TemplateSource | None = None,
           force: bool = False) -> Path | None:
    """Write a plan or report (an object, or a file that says which it is) as a .docx at ``target``.

    ``target`` is a path (the file is written atomically and its path returned) or a
    binary file object (the bytes are written to it once everything is rendered;
    ``None`` is returned). ``template`` is a path, bytes or a binary file object.

    Raises :class:`InputError` for bad input or template, :class:`FileExistsError`
    when the ``target`` path exists and ``force`` is false.
    """
    if not isinstance(target, (str, os.PathLike)):
        target.write(render_bytes(document, profile=profile, template=template))
        return None
    out = Path(target)
    if os.path.lexists(out) and not force:  # a link there counts: it is never written through
        raise FileExistsError(f"{out} đã có")
    model = _model(document)
    parts = _template_parts(template)  # refused before anything is written
    return atomic_write(out, write_docx(layout(model), None, profile=profile, template=parts), force=force)


def render_plan(plan: Plan | str | os.PathLike[str], target: str | os.PathLike[str], *,
                profile: StyleProfile | None = None,
                template: TemplateSource | None = None,
                force: bool = False) -> Path:
    """Write a plan (a :class:`Plan` or a plan file) as a .docx at ``target`` (see :func:`render`)."""
    return render(plan, target, profile=profile, template=template, force=force)
