"""The reference implementation's `interaction_spec.Response`."""

from __future__ import annotations

__all__ = ("ReferenceResponse",)

import typing

if typing.TYPE_CHECKING:
    import interaction_spec


class ReferenceResponse(typing.NamedTuple):
    """An immutable `interaction_spec.Response`; immutability lets the server reuse constant replies."""

    status_code: int
    """HTTP status code of the reply."""
    payload: bytes | None = None
    """Body of the reply, or `None` for no body."""
    content_type: str | None = None
    """Media type of `payload`."""
    charset: str | None = None
    """Character set of `payload`."""
    headers: typing.MutableMapping[str, str] | None = None
    """Extra HTTP headers, or `None`."""
    files: typing.Sequence[interaction_spec.ResponseFile] = ()
    """Files sent with the JSON payload."""

    @classmethod
    def json(
        cls, payload: bytes, files: typing.Sequence[interaction_spec.ResponseFile] = (), status_code: int = 200
    ) -> ReferenceResponse:
        """Make a UTF-8 JSON reply."""
        return cls(status_code, payload, "application/json", "utf-8", None, files)

    @classmethod
    def text(cls, status_code: int, message: str) -> ReferenceResponse:
        """Make a plain-text reply, as used for every error."""
        return cls(status_code, message.encode(), "text/plain", "utf-8")
