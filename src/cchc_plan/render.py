"""Render a plan file or :class:`~cchc_plan.model.plan.Plan` to .docx (and PDF), safely.

The output is written to a temporary file and moved into place, so a failure
leaves no partial file; an existing file is only replaced when asked.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Union, overload

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

__all__ = ["TemplateSource", "layout", "load_profile", "render", "render_bytes", "render_plan"]


def load_profile(path: str | os.PathLike[str]) -> StyleProfile:
    """Read a style profile (YAML/JSON of :class:`StyleProfile` fields); refuses values outside ND30."""
    data, lines = read_data(path)
    return build(data, StyleProfile, str(path), lines)


TemplateSource = Union[str, "os.PathLike[str]", bytes, BinaryIO]
"""A .docx template: a path, its bytes, or a binary file object."""


def _template_bytes(template: TemplateSource) -> tuple[str, bytes | None, Path | None]:
    """The name, and the bytes (for bytes and streams) or the path (for a path) of a template."""
    if isinstance(template, (bytes, bytearray, memoryview)):
        return "<mẫu .docx>", bytes(template), None
    if isinstance(template, (str, os.PathLike)):
        path = Path(template)
        if not path.is_file():
            raise InputError(str(template), [Problem(path="", code="template.missing",
                                                     rule="không tìm thấy tệp mẫu .docx")])
        return str(template), None, path
    name = getattr(template, "name", None)
    source = name if isinstance(name, str) else "<mẫu .docx>"
    data = template.read()
    if not isinstance(data, bytes):
        raise InputError(source, [Problem(path="", code="template.not_docx",
                                          rule="tệp mẫu cần mở ở chế độ nhị phân (\"rb\")")])
    return source, data, None


def _check_template(source: str, opened: Path | io.BytesIO) -> None:
    try:
        with zipfile.ZipFile(opened) as z:
            if "word/document.xml" not in z.namelist():
                raise InputError(source, [Problem(path="", code="template.not_docx",
                                                  rule="tệp mẫu không phải văn bản Word .docx")])
    except zipfile.BadZipFile:
        raise InputError(source, [Problem(
            path="", code="template.not_docx",
            rule="tệp mẫu không phải văn bản Word .docx (không đọc được)")]) from None


class _Template:
    """A template ready for the writer: a path, or bytes copied to a private temporary file while in use."""

    def __init__(self, template: TemplateSource | None) -> None:
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self.path: Path | None = None
        if template is None:
            return
        source, data, path = _template_bytes(template)
        if path is not None:
            _check_template(source, path)
            self.path = path
            return
        assert data is not None
        _check_template(source, io.BytesIO(data))
        self._folder = tempfile.TemporaryDirectory(prefix="cchc-plan-")
        self.path = Path(self._folder.name) / "mau.docx"
        self.path.write_bytes(data)

    def __enter__(self) -> Path | None:
        return self.path

    def __exit__(self, *_: object) -> None:
        if self._folder is not None:
            self._folder.cleanup()


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
    with _Template(template) as template_path:
        return write_docx(layout(model), None, profile=profile, template=template_path)


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
    if out.exists() and not force:
        raise FileExistsError(f"{out} đã có")
    model = _model(document)
    with _Template(template) as template_path:
        blocks = layout(model)
        return atomic_write(out, write_docx(blocks, None, profile=profile, template=template_path), force=force)


def render_plan(plan: Plan | str | os.PathLike[str], target: str | os.PathLike[str], *,
                profile: StyleProfile | None = None,
                template: TemplateSource | None = None,
                force: bool = False) -> Path:
    """Write a plan (a :class:`Plan` or a plan file) as a .docx at ``target`` (see :func:`render`)."""
    return render(plan, target, profile=profile, template=template, force=force)
