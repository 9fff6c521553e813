"""Progress on a terminal: cases done, the total and the current section, on one rewritten line."""

from __future__ import annotations

__all__ = ("Progress",)

import os
import time
import typing

from conformance.catalogue import SECTIONS

if typing.TYPE_CHECKING:
    from conformance.runner import CaseResult

_CLEAR_LINE: typing.Final = "\r\033[K"
_FALLBACK_WIDTH: typing.Final = 80


def _stream_width(stream: typing.TextIO) -> int:
    """Return the width of the terminal ``stream`` writes to, or a common width when it is none."""
    try:
        return os.get_terminal_size(stream.fileno()).columns or _FALLBACK_WIDTH
    except (AttributeError, OSError, ValueError):
        return _FALLBACK_WIDTH


class Progress:
    """Shows how far a run has got, once it has lasted longer than ``delay_s``.

    The line reads ``[done/total] section: case ID`` and never reaches the
    terminal's last column, so that it never wraps; `finish` clears it, so
    that the report that follows starts on a clean line.

    Parameters
    ----------
    total : int
        The number of cases the run will carry out.
    stream : typing.TextIO
        Where to write: a terminal.
    enabled : bool
        Whether to write at all (not when ``stream`` is a file or a pipe).
    delay_s : float
        A run shorter than this shows no progress.
    width : int | None
        The width of the terminal; by default that of ``stream``, read at
        every update so that a resized window is followed.
    """

    __slots__ = ("_done", "_enabled", "_shown", "_started", "_stream", "_width", "delay_s", "total")

    def __init__(
        self,
        total: int,
        stream: typing.TextIO,
        *,
        enabled: bool,
        delay_s: float = 1.0,
        width: int | None = None,
    ) -> None:
        self.total = total
        self.delay_s = delay_s
        self._stream = stream
        self._enabled = enabled
        self._width = width
        self._done = 0
        self._shown = False
        self._started = time.perf_counter()

    def advance(self, result: CaseResult) -> None:
        """Count one more case done; ``result`` names the section the run is in."""
        self._done += 1
        if not self._enabled or time.perf_counter() - self._started < self.delay_s:
            return
        section = SECTIONS.get(result.case.clause.section, result.case.clause.section)
        line = f"[{min(self._done, self.total)}/{self.total}] {section}: {result.case.id}"
        width = self._width if self._width is not None else _stream_width(self._stream)
        self._write(_CLEAR_LINE + line[: max(width - 1, 0)])
        self._shown = True

    def finish(self) -> None:
        """Clear the progress line, if one was shown."""
        if self._shown:
            self._write(_CLEAR_LINE)
            self._shown = False

    def _write(self, text: str) -> None:
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):  # the terminal went away: progress is not worth failing the run for
            self._enabled = False
