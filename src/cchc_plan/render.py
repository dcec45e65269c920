"""Render a plan file or :class:`~cchc_plan.model.Plan` to .docx (and PDF), safely.

The output is written to a temporary file and moved into place, so a failure
leaves no partial file; an existing file is only replaced when asked.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Any

from .docx_writer import write_docx
from .io import atomic_write, build, load_plan, read_data
from .model import Plan
from .plan_layout import layout_plan
from .problems import InputError, Problem
from .profile import StyleProfile

__all__ = ["load_profile", "render_plan"]


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


def render_plan(plan: Plan | str | os.PathLike[str], target: str | os.PathLike[str], *,
                profile: StyleProfile | None = None,
                template: str | os.PathLike[str] | None = None,
                force: bool = False) -> Path:
    """Write ``plan`` (a :class:`Plan` or a plan file) as a .docx at ``target``.

    Raises :class:`InputError` for a bad plan or template, :class:`FileExistsError`
    when ``target`` exists and ``force`` is false.
    """
    out = Path(target)
    if out.exists() and not force:
        raise FileExistsError(f"{out} đã có; dùng --force để ghi đè")
    model = plan if isinstance(plan, Plan) else load_plan(plan)
    template_path = _check_template(template) if template is not None else None
    document = layout_plan(model)
    kwargs: dict[str, Any] = {"profile": profile, "template": template_path}
    return atomic_write(out, lambda tmp: write_docx(document, tmp, **kwargs), force=force)
