"""The exact bytes of every exchange, kept within a bound per run, and their form in the JSON report.

A run keeps each request's method, path, headers and body and each reply's
status, headers and body, so that a failure in a report can be read whole and
sent again (``interaction-conformance replay``). Bodies count against a bound
on the bytes one run keeps (`DEFAULT_BOUND_BYTES`): a body that fits in what
is left is kept whole; one that does not is cut to its first bytes, its size
kept, so one huge upload does not starve every later exchange.

In JSON a body is text when it is UTF-8 of at most `TEXT_BOUND_BYTES`, and
base64 otherwise; either way it is exact. ::

    {"method": "POST", "path": "/interactions", "sent_at": 1765000000.25,
     "headers": [["content-type", "application/json"], ...],
     "body": "{}", "body_encoding": "utf-8", "body_size": 2, "body_kept": 2}
"""

from __future__ import annotations

__all__ = (
    "DEFAULT_BOUND_BYTES",
    "TEXT_BOUND_BYTES",
    "USER_AGENT",
    "EvidenceBudget",
    "EvidenceFormatError",
    "body_object",
    "read_body",
    "reply_object",
    "request_headers",
    "request_object",
    "wire_reply_of",
    "wire_request_from_object",
)

import base64
import binascii
import threading
import typing

import interaction_spec
from conformance.model import WireReply
from conformance.model import WireRequest

if typing.TYPE_CHECKING:
    from conformance.model import Reply
    from conformance.model import Request

DEFAULT_BOUND_BYTES: typing.Final = 8 * 1024 * 1024
"""The bytes of bodies one run keeps by default."""
TEXT_BOUND_BYTES: typing.Final = 16 * 1024
"""A UTF-8 body up to this size is kept as text in JSON; a larger or binary one as base64."""
_CUT_KEPT_BYTES: typing.Final = 4096
"""A body that does not fit in what is left of the bound keeps at most this many of its first bytes."""
USER_AGENT: typing.Final = f"interaction-conformance/{interaction_spec.__version__}"


class EvidenceFormatError(ValueError):
    """A report's evidence is not in the form this module writes."""


def request_headers(request: Request) -> tuple[tuple[str, str], ...]:
    """Return the headers the suite sends with ``request`` over HTTP, in order.

    The content type and user agent, then the signature headers, hex-encoded,
    or the request's own headers in their place (a `None` value omits one).
    """
    headers = {"content-type": "application/json", "user-agent": USER_AGENT}
    if request.headers is None:
        headers[interaction_spec.SIGNATURE_HEADER] = request.signature.hex()
        headers[interaction_spec.TIMESTAMP_HEADER] = request.timestamp.decode("latin-1")
    else:
        headers.update({name: value for name, value in request.headers.items() if value is not None})
    return tuple(headers.items())


class EvidenceBudget:
    """The bytes of bodies one run may keep, shared by its cases.

    Parameters
    ----------
    bound_bytes : int
        The most bytes of bodies kept over the whole run.
    """

    __slots__ = ("_lock", "bound_bytes", "cut_bodies", "kept_bytes")

    def __init__(self, bound_bytes: int = DEFAULT_BOUND_BYTES) -> None:
        if bound_bytes < 0:
            raise ValueError(f"the bound on kept bytes cannot be negative: {bound_bytes}")
        self.bound_bytes = bound_bytes
        self.kept_bytes = 0
        """Bytes of bodies kept so far."""
        self.cut_bodies = 0
        """Bodies kept only in part so far."""
        self._lock = threading.Lock()

    def keep(self, body: bytes) -> bytes:
        """Return what is kept of ``body``: all of it if it fits in what is left, else its first bytes."""
        with self._lock:
            left = self.bound_bytes - self.kept_bytes
            kept = body if len(body) <= left else body[: min(left, _CUT_KEPT_BYTES)]
            self.kept_bytes += len(kept)
            self.cut_bodies += len(kept) < len(body)
            return kept

    def wire_request(self, request: Request, path: str, sent_at: float) -> WireRequest:
        """Return the kept form of ``request``, sent to ``path`` at ``sent_at``."""
        return WireRequest(
            request.method, path, request_headers(request), self.keep(request.body), len(request.body), sent_at
        )


def wire_reply_of(reply: Reply, budget: EvidenceBudget) -> WireReply:
    """Return the kept form of ``reply``: its body as it came over HTTP, within ``budget``."""
    body = reply.wire_body if reply.wire_body is not None else reply.body
    headers = tuple(reply.headers.items())
    if reply.content_type and not any(name.lower() == "content-type" for name, _ in headers):
        charset = f"; charset={reply.charset}" if reply.charset else ""
        headers += (("content-type", reply.content_type + charset),)  # in process: the Response's content type
    return WireReply(reply.status, headers, budget.keep(body), len(body))


def body_object(body: bytes, size: int) -> dict[str, object]:
    """Return the JSON fields of a kept body of ``size`` bytes: text or base64, with both sizes."""
    text: str | None = None
    if len(body) <= TEXT_BOUND_BYTES:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            text = None
    if text is not None:
        return {"body": text, "body_encoding": "utf-8", "body_size": size, "body_kept": len(body)}
    encoded = base64.b64encode(body).decode("ascii")
    return {"body": encoded, "body_encoding": "base64", "body_size": size, "body_kept": len(body)}


def request_object(request: WireRequest) -> dict[str, object]:
    """Return a kept request as JSON-ready data."""
    return {
        "method": request.method,
        "path": request.path,
        "sent_at": round(request.sent_at, 3),
        "headers": [list(header) for header in request.headers],
        **body_object(request.body, request.body_size),
    }


def reply_object(reply: WireReply) -> dict[str, object]:
    """Return a kept reply as JSON-ready data."""
    return {
        "status": reply.status,
        "headers": [list(header) for header in reply.headers],
        **body_object(reply.body, reply.body_size),
    }


def _string(data: typing.Mapping[str, object], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise EvidenceFormatError(f"the evidence's {key!r} is not a string")
    return value


def _number(data: typing.Mapping[str, object], key: str) -> float:
    value = data.get(key)
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise EvidenceFormatError(f"the evidence's {key!r} is not a number")
    return float(value)


def read_body(data: typing.Mapping[str, object]) -> bytes:
    """Return the kept bytes of a body written by `body_object`.

    Raises
    ------
    EvidenceFormatError
        If the fields are missing or malformed.
    """
    text, encoding = _string(data, "body"), _string(data, "body_encoding")
    if encoding == "utf-8":
        return text.encode("utf-8")
    if encoding == "base64":
        try:
            return base64.b64decode(text, validate=True)
        except binascii.Error:
            raise EvidenceFormatError("the evidence's base64 body does not decode") from None
    raise EvidenceFormatError(f"unknown body encoding {encoding!r}")


def _headers(data: typing.Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    headers = data.get("headers")
    if not isinstance(headers, list):
        raise EvidenceFormatError("the evidence's 'headers' is not a list")
    pairs: list[tuple[str, str]] = []
    for header in typing.cast("list[object]", headers):
        if not isinstance(header, list) or len(typing.cast("list[object]", header)) != 2:
            raise EvidenceFormatError("a header in the evidence is not a [name, value] pair")
        name, value = typing.cast("list[object]", header)
        if not isinstance(name, str) or not isinstance(value, str):
            raise EvidenceFormatError("a header in the evidence is not a [name, value] pair of strings")
        pairs.append((name, value))
    return tuple(pairs)


def wire_request_from_object(data: typing.Mapping[str, object]) -> WireRequest:
    """Read back a request written by `request_object`.

    Raises
    ------
    EvidenceFormatError
        If a field is missing or malformed.
    """
    size = _number(data, "body_size")
    return WireRequest(
        _string(data, "method"),
        _string(data, "path"),
        _headers(data),
        read_body(data),
        int(size),
        _number(data, "sent_at"),
    )
