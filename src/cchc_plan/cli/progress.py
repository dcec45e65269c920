"""A progress bar on the terminal for long commands (``stats`` on big files, ``batch``)."""

from __future__ import annotations

from typing import IO

__all__ = ["progress_bar"]


class _Bar:
    """Draws ``[#####.....] 45%`` on a stream, redrawn only when the percent changes."""

    def __init__(self, stream: IO[str], width: int) -> None:
        self.stream = stream
        self.width = width
        self.shown = -1

    def __call__(self, fraction: float) -> None:
        percent = int(fraction * 100)
        if percent == self.shown:
            return
        self.shown = percent
        filled = int(fraction * self.width)
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {percent}%")
        if percent >= 100:
            self.stream.write("\n")
        self.stream.flush()

    def interrupt(self) -> None:
        """End a bar left half drawn, so that a message starts on its own line."""
        if 0 <= self.shown < 100:
            self.stream.write("\n")
            self.shown = 100


def progress_bar(stream: IO[str], width: int = 30) -> _Bar:
    """A progress callback drawing ``[#####.....] 45%`` on ``stream``."""
    return _Bar(stream, width)
