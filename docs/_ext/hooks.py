"""MkDocs hooks of this site: Vietnamese headings get readable ASCII anchors.

Python-Markdown's default slug drops every letter that has no ASCII decomposition, so the
Vietnamese "đ" vanishes ("Số đo" → ``#so-o``). Here "đ"/"Đ" become "d" first:
"Chỉ tiêu và số đo" → ``#chi-tieu-va-so-do``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any


def slugify(value: str, separator: str) -> str:
    """``Thời gian hoàn thành`` → ``thoi-gian-hoan-thanh``."""
    text = value.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", separator, text)


def on_config(config: Any, **kwargs: Any) -> Any:  # noqa: ARG001 - MkDocs hook signature
    """Use :func:`slugify` for the table of contents."""
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
    return config
