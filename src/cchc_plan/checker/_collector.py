"""Reading a document without the cyclic garbage collector — *đọc văn bản nhanh*.

A check builds many small objects (paragraphs, runs, their formatting) and frees almost all of
them by reference counting; the cyclic collector would walk the ever larger heap again and
again while they are made, so that the time of a check grew faster than the document. It is
paused for the check and given back as it was (a collection then happens as usual).
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def without_cyclic_gc(fn: Callable[P, R]) -> Callable[P, R]:
    """``fn`` run with the cyclic garbage collector paused (re-enabled after, if it was on)."""
    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        was_on = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if was_on:
                gc.enable()

    return run
