"""Render a plan file or :class:`~cchc_plan.model.plan.Plan` to .docx (and PDF), safely.

The output is written to a temporary file and moved into place, so a failure
leaves no partial file; an existing file is only replaced when asked.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Union, overload

import attrs

from .io.word_template import TemplateParts, read_template
from .docx.writer import write_appendices, write_docx
from .io.files import atomic_write, build, read_data
from .io.documents import load_document
from .layout.blocks import AppendixPart, Document, Meta
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


def layout(document: Plan | Report, *, electronic: bool = False) -> Document:
    """The ND30 layout of a plan (with the decision that issues it, if any) or a report.

    ``electronic``: the form for the signing tool — number and day and month left blank,
    in the header and in the appendices' "Kèm theo" lines.
    """
    if isinstance(document, Plan):
        return layout_plan(document, electronic=electronic)
    from .layout.report import layout_report

    if not electronic:
        return layout_report(document)
    from .layout.components import blank_number, blank_reference

    blank = layout_report(attrs.evolve(document, number=blank_number(document.number), date=None))
    year = document.date.year if document.date is not None else document.period.year
    reference = f"(Kèm theo {blank_reference(document.number, year, document.agency)})"
    return attrs.evolve(blank, appendices=tuple(attrs.evolve(a, reference=reference) for a in blank.appendices))


def _model(document: Plan | Report | str | os.PathLike[str]) -> Plan | Report:
    if isinstance(document, (str, os.PathLike)):
        return load_document(document)
    if isinstance(document, Plan):
        return document
    from .model.report import Report  # only when it may be one: a plan's path never loads the report's model

    if isinstance(document, Report):
        return document
    return load_document(document)


def render_bytes(document: Plan | Report | str | os.PathLike[str], *,
                 profile: StyleProfile | None = None,
                 template: TemplateSource | None = None, electronic: bool = False) -> bytes:
    """The .docx of a plan or report (an object, or a file that says which it is), as bytes in memory.

    ``template`` is a path, the bytes of a .docx or a binary file object. Nothing is
    written to disk (a template given as bytes is read from a private temporary copy).
    Raises :class:`InputError` for bad input or template.
    """
    model = _model(document)
    return write_docx(layout(model, electronic=electronic), None, profile=profile, template=_template_parts(template))


@overload
def render(document: Plan | Report | str | os.PathLike[str], target: str | os.PathLike[str], *,
           profile: StyleProfile | None = None, template: TemplateSource | None = None,
           force: bool = False, electronic: bool = False, attachment: str | os.PathLike[str] | None = None,
           appendix_file: str | os.PathLike[str] | None = None) -> Path: ...


@overload
def render(document: Plan | Report | str | os.PathLike[str], target: BinaryIO, *,
           profile: StyleProfile | None = None, template: TemplateSource | None = None,
           force: bool = False, electronic: bool = False) -> None: ...


def render(document: Plan | Report | str | os.PathLike[str], target: str | os.PathLike[str] | BinaryIO, *,
           profile: StyleProfile | None = None,
           template: TemplateSource | None = None,
           force: bool = False, electronic: bool = False,
           attachment: str | os.PathLike[str] | None = None,
           appendix_file: str | os.PathLike[str] | None = None) -> Path | None:
    """Write a plan or report (an object, or a file that says which it is) as a .docx at ``target``.

    A plan issued by a decision is written as the decision with the plan after a page
    break, or, given ``attachment``, the plan in a file of its own. ``appendix_file`` puts
    the appendices in a file of their own (with ``electronic``: the electronic appendix of
    Mẫu 2.2). ``electronic`` leaves the number and day and month blank for the signing
    tool (:func:`layout`). Every file is made before any is moved into place.

    ``target`` is a path (the file is written atomically and its path returned) or a
    binary file object (the bytes are written to it once everything is rendered;
    ``None`` is returned). ``template`` is a path, bytes or a binary file object.

    Raises :class:`InputError` for bad input or template, :class:`FileExistsError`
    when the ``target`` path exists and ``force`` is false.
    """
    if not isinstance(target, (str, os.PathLike)):
        if attachment is not None or appendix_file is not None:
            raise ValueError("văn bản kèm theo và phụ lục ở tệp riêng cần đường dẫn tệp kết quả")
        target.write(render_bytes(document, profile=profile, template=template, electronic=electronic))
        return None
    out = Path(target)
    extra = [Path(p) for p in (attachment, appendix_file) if p is not None]
    for path in (out, *extra):
        if os.path.lexists(path) and not force:  # a link there counts: it is never written through
            raise FileExistsError(f"{path} đã có")
    if len({path.resolve() for path in (out, *extra)}) != 1 + len(extra):
        raise ValueError("văn bản, văn bản kèm theo và phụ lục cần các tệp khác nhau")
    model = _model(document)
    parts = _template_parts(template)  # refused before anything is written
    blocks = layout(model, electronic=electronic)
    if attachment is None and appendix_file is None:
        return atomic_write(out, write_docx(blocks, None, profile=profile, template=parts), force=force)
    files: list[tuple[Path, bytes]] = []
    if appendix_file is not None:
        blocks, appendices = _without_appendices(blocks)
        if not appendices:
            raise ValueError("văn bản không có phụ lục để ghi ra tệp riêng")
        meta = Meta(title=f"Phụ lục: {' '.join(' '.join(appendices[0].title).split())}", author=blocks.meta.author,
                    date=blocks.meta.date, identifier=blocks.meta.identifier)
        files.append((Path(appendix_file), write_appendices(appendices, meta, profile=profile, template=parts)))
    if attachment is not None:
        if not blocks.attachments:
            raise ValueError("chỉ kế hoạch ban hành kèm theo quyết định (issued_by) mới có văn bản kèm theo "
                             "để ghi ra tệp riêng")
        (attached,) = blocks.attachments
        blocks = attrs.evolve(blocks, attachments=())
        files.append((Path(attachment), write_docx(attached, profile=profile, template=parts)))
    main_bytes = write_docx(blocks, profile=profile, template=parts)
    for path, data in files:
        atomic_write(path, data, force=force)
    return atomic_write(out, main_bytes, force=force)


def _without_appendices(document: Document) -> tuple[Document, tuple[AppendixPart, ...]]:
    """The document without its appendices (and those of the documents issued with it), and those appendices."""
    parts = list(document.appendices)
    attachments = []
    for attached in document.attachments:
        parts += attached.appendices
        attachments.append(attrs.evolve(attached, appendices=()))
    return attrs.evolve(document, appendices=(), attachments=tuple(attachments)), tuple(parts)


def render_plan(plan: Plan | str | os.PathLike[str], target: str | os.PathLike[str], *,
                profile: StyleProfile | None = None,
                template: TemplateSource | None = None,
                force: bool = False, electronic: bool = False,
                attachment: str | os.PathLike[str] | None = None,
                appendix_file: str | os.PathLike[str] | None = None) -> Path:
    """Write a plan (a :class:`Plan` or a plan file) as a .docx at ``target`` (see :func:`render`)."""
    return render(plan, target, profile=profile, template=template, force=force, electronic=electronic,
                  attachment=attachment, appendix_file=appendix_file)
