"""An in-memory `interaction_spec.ResponseFile`."""

from __future__ import annotations

__all__ = ("BytesFile",)

import interaction_spec


class BytesFile(interaction_spec.ResponseFile):
    """A file whose content is held in memory.

    Parameters
    ----------
    filename : str
        Name Discord shows for the file.
    data : bytes
        The file's content.
    """

    __slots__ = ("_data", "_filename")

    def __init__(self, filename: str, data: bytes) -> None:
        if not filename:
            raise ValueError("a file needs a non-empty filename")
        self._filename = filename
        self._data = data

    @property
    def filename(self) -> str:
        """Name Discord shows for the file."""
        return self._filename

    async def read(self) -> bytes:
        """Return the file's content."""
        return self._data

    def __repr__(self) -> str:
        return f"BytesFile({self._filename!r}, <{len(self._data)} bytes>)"
