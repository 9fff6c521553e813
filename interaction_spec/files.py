"""The file type carried by `interaction_spec.Response.files`."""

from __future__ import annotations

__all__ = ("ResponseFile",)

import typing


@typing.runtime_checkable
class ResponseFile(typing.Protocol):
    """A file attached to an interaction reply.

    The HTTP layer sends it as the ``files[n]`` part of a ``multipart/form-data``
    reply, where ``n`` is its index in `interaction_spec.Response.files`.
    """

    __slots__ = ()

    @property
    def filename(self) -> str:
        """Name Discord shows for the file; also the multipart part's filename."""
        raise NotImplementedError

    async def read(self) -> bytes:
        """Return the file's whole content."""
        raise NotImplementedError
