"""A framework-neutral HTTP front for any `interaction_spec.InteractionServer`: an ASGI 3 application.

`InteractionApp` turns HTTP requests into `InteractionServer.on_interaction`
calls and the returned `interaction_spec.Response` into the HTTP reply, files
included (``multipart/form-data``). It needs nothing but the standard library
and is not imported by ``import interaction_spec``; import it explicitly::

    from interaction_spec.asgi import InteractionApp

Running it under uvicorn, as ``uvicorn mybot:app`` (``mybot.py``)::

    from conformance.reference import ReferenceInteractionServer
    from interaction_spec.asgi import InteractionApp

    server = ReferenceInteractionServer(PUBLIC_KEY_HEX)
    app = InteractionApp(server, on_shutdown=[server.close])

The same object is also an RSGI application, granian's native interface
(``__rsgi__``, with ``__rsgi_init__`` and ``__rsgi_del__`` running
``on_startup`` and ``on_shutdown``): ``granian --interface rsgi mybot:app``.
There each reply goes out in one call, parsed and written by granian in Rust;
the HTTP behaviour below is the same through either entry.
``interaction-conformance serve`` runs the reference this way.

The app answers on whatever path it is served at, so mounting decides the
path. Inside Starlette::

    from starlette.applications import Starlette
    from starlette.routing import Mount

    app = Starlette(routes=[Mount("/interactions", app=InteractionApp(server))])

or FastAPI: ``api.mount("/interactions", InteractionApp(server))``. A mounted
app receives no ``lifespan`` events (Starlette sends them only to the
outermost application), so run ``on_startup``/``on_shutdown`` work from the
host framework's own lifespan in that case.

HTTP behaviour
--------------
- Only ``POST`` is handled; any other method gets ``405`` with ``Allow: POST``.
- A ``Content-Length`` larger than ``max_body_size`` gets ``413`` before the
  body is read; a body that grows past the limit while it is read (chunked
  encoding, or a lying ``Content-Length``) gets ``413`` as soon as it does. A
  ``Content-Length`` that is not a decimal number, or two that disagree, get
  ``400``. If the client disconnects while the body is read, nothing is sent.
- The signature is the ``X-Signature-Ed25519`` header decoded from hex, and
  the timestamp the raw ``X-Signature-Timestamp`` header (``b""`` when
  missing). A signature header that is missing, empty, of odd length, or not
  ASCII hexadecimal is passed on as ``b""``, which the server rejects as
  unverifiable (``401`` from a conforming server), never a crash.
- **Duplicated signature headers:** a request carrying either header more than
  once is ambiguous (which copy was signed?), so both signature and timestamp
  are passed as ``b""`` and the server rejects the request.
- Discord waits 3 seconds for the reply (`interaction_spec.RESPONSE_DEADLINE_S`).
  If ``on_interaction`` has not returned by ``reply_timeout_s`` (that deadline by
  default), it is cancelled and the reply is ``504`` (the interaction has failed
  at Discord anyway); the request is not held open beyond it.
- If ``on_interaction`` raises despite the contract (a `CancelledError` too, on
  Python 3.11+, when the request itself is not being cancelled), or returns a `Response`
  that cannot be sent (a status outside 200-599, a header value with control
  characters, more than `interaction_spec.MAX_RESPONSE_FILES` files, a file
  whose ``read()`` fails, ...), the failure is logged on the
  ``interaction_spec.asgi`` logger and the reply is a ``500`` with a generic
  body: exception text never reaches the client.

The reply to a `Response`:

- ``Content-Type`` is ``content_type`` followed by ``; charset=<charset>``
  when ``charset`` is set, and is sent only with a payload; ``Content-Length``
  is always sent (``0`` when ``payload`` is `None`). Both are computed here:
  **entries of** ``Response.headers`` **named** ``Content-Type``,
  ``Content-Length`` **or** ``Transfer-Encoding`` **(any case) are ignored**,
  since they would contradict the body actually sent. Every other entry is
  passed through.
- With ``files``, the body is ``multipart/form-data`` with a random boundary
  that occurs in no part: first a ``payload_json`` part holding ``payload``
  (its ``Content-Type`` is ``content_type``, ``application/json`` if unset,
  plus the charset), then a ``files[n]`` part per file, ``n`` being its index,
  with the file's name as ``filename`` and ``Content-Type:
  application/octet-stream``. A filename is escaped as HTML forms (and httpx)
  do: ``"`` becomes ``%22``, CR ``%0D``, LF ``%0A`` (and every other control
  character ``%XX``), and a backslash is doubled, so no filename can end the
  quoted string or the header line.
- A ``204`` or ``304`` reply never carries a body, whatever ``payload`` holds.

Other ASGI scopes
-----------------
- ``lifespan``: ``lifespan.startup`` runs the ``on_startup`` callables in
  order and answers ``lifespan.startup.complete``, or
  ``lifespan.startup.failed`` (naming the exception) as soon as one raises;
  the later ones are not run. ``lifespan.shutdown`` runs every ``on_shutdown``
  callable, even after one raised, then answers
  ``lifespan.shutdown.complete``, or ``lifespan.shutdown.failed`` naming the
  first failure.
- ``websocket``: the connection is refused with ``websocket.close`` before it
  is accepted, which servers turn into an HTTP ``403``.
- Any other scope type raises `ValueError`, as ASGI asks of an application
  that does not handle a protocol; servers treat that as "unsupported".

Only the ``send`` and ``receive`` channels themselves may raise out of the
app (for instance when the server has lost the connection); no request
content can make it raise.

Under RSGI
----------
- The request's headers arrive as text; each value is taken back as the bytes
  received (Latin-1) before the rules above apply, so both entries see the
  same signature, timestamp and ``Content-Length``.
- A body with a ``Content-Length`` is read whole (the server holds it to that
  length); a chunked one is read chunk by chunk and refused with ``413`` as
  soon as it grows past ``max_body_size``.
- A websocket is refused with ``close(403)``.
- ``__rsgi_init__`` runs the ``on_startup`` callables on the server's loop
  before it serves; one that raises stops the start. ``__rsgi_del__`` runs
  every ``on_shutdown`` callable once the server has stopped, logging failures.
"""

from __future__ import annotations

__all__ = ("InteractionApp",)

import os
import sys
import time
import types
import typing

from interaction_spec.constants import MAX_RESPONSE_FILES
from interaction_spec.constants import RESPONSE_DEADLINE_S

if typing.TYPE_CHECKING:
    import asyncio
    from collections.abc import AsyncIterator
    from collections.abc import Awaitable
    from collections.abc import Callable
    from collections.abc import Coroutine
    from collections.abc import Generator
    from collections.abc import Iterable
    from collections.abc import Mapping
    from collections.abc import Sequence

    from interaction_spec.files import ResponseFile
    from interaction_spec.server import InteractionServer
    from interaction_spec.server import Response

    # The minimal ASGI 3 types this module needs. Incoming data is typed as
    # plain mappings and validated at run time, since none of it can be
    # trusted. The send channel takes `Any` on purpose: servers and
    # frameworks type it in mutually incompatible ways (unions of TypedDicts
    # in asgiref, uvicorn and hypercorn; `MutableMapping[str, Any]` in
    # Starlette), and a callable taking `Any` is the only channel type each of
    # them is assignable to. The messages this module sends are checked
    # against the TypedDicts below where they are built.
    _Scope: typing.TypeAlias = Mapping[str, object]
    _Message: typing.TypeAlias = Mapping[str, object]
    _Receive: typing.TypeAlias = Callable[[], Awaitable[_Message]]
    _Send: typing.TypeAlias = Callable[[typing.Any], Awaitable[None]]
    _Headers: typing.TypeAlias = list[tuple[bytes, bytes]]
    _Callback: typing.TypeAlias = Callable[[], Awaitable[None]]

    class _ResponseStart(typing.TypedDict):
        type: typing.Literal["http.response.start"]
        status: int
        headers: Iterable[tuple[bytes, bytes]]

    class _ResponseBody(typing.TypedDict):
        type: typing.Literal["http.response.body"]
        body: bytes
        more_body: bool

    class _LifespanDone(typing.TypedDict):
        type: typing.Literal["lifespan.startup.complete", "lifespan.shutdown.complete"]

    class _LifespanFailed(typing.TypedDict):
        type: typing.Literal["lifespan.startup.failed", "lifespan.shutdown.failed"]
        message: str

    class _WebSocketClose(typing.TypedDict):
        type: typing.Literal["websocket.close"]
        code: int
        reason: str

    # The part of granian's RSGI interface this module uses (granian's own types are not needed at run time).
    class _RSGIHeaders(typing.Protocol):
        def get_all(self, key: str) -> list[str]: ...

    class _RSGIScope(typing.Protocol):
        @property
        def proto(self) -> str: ...
        @property
        def method(self) -> str: ...
        @property
        def headers(self) -> _RSGIHeaders: ...

    class _RSGIProtocol(typing.Protocol):
        def __call__(self) -> Awaitable[bytes]: ...
        def __aiter__(self) -> AsyncIterator[bytes]: ...
        def response_bytes(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None: ...

    class _RSGIWebsocketProtocol(typing.Protocol):
        def close(self, status: int | None) -> object: ...


_LOGGER_NAME: typing.Final = "interaction_spec.asgi"
_DEFAULT_MAX_BODY_SIZE: typing.Final = 1_048_576
_SIGNATURE_HEADER: typing.Final = b"x-signature-ed25519"
_TIMESTAMP_HEADER: typing.Final = b"x-signature-timestamp"
_CONTENT_LENGTH_HEADER: typing.Final = b"content-length"
_HEX_DIGITS: typing.Final = b"0123456789abcdefABCDEF"
_SIGNATURE_NAME: typing.Final = _SIGNATURE_HEADER.decode()
_TIMESTAMP_NAME: typing.Final = _TIMESTAMP_HEADER.decode()
_CONTENT_LENGTH_NAME: typing.Final = _CONTENT_LENGTH_HEADER.decode()
_COMPUTED_HEADERS: typing.Final = frozenset({"content-type", "content-length", "transfer-encoding"})
"""`Response.headers` entries that are ignored because this module computes them from the body."""
_NO_BODY_STATUSES: typing.Final = frozenset({204, 304})
_TOKEN_CHARS: typing.Final = frozenset("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
"""The characters of an HTTP token (RFC 9110, section 5.6.2): header names and the charset parameter."""
_FILENAME_ESCAPES: typing.Final = {
    **{code: f"%{code:02X}" for code in (*range(0x20), 0x7F)},
    ord('"'): "%22",
    ord("\\"): "\\\\",
}
"""How a filename is escaped inside its quoted ``filename`` parameter: HTML's form encoding, plus backslashes."""


def _log_error(message: str, *args: object, exc_info: bool = False) -> None:
    """Log on the ``interaction_spec.asgi`` logger; `logging` is imported on the first error only."""
    import logging  # noqa: PLC0415 - keeps `import interaction_spec.asgi` cheap

    logging.getLogger(_LOGGER_NAME).error(message, *args, exc_info=exc_info)


class _InvalidResponseError(ValueError):
    """The server's `Response` cannot be sent as an HTTP reply."""


def _plain(status: int, text: str, *extra: tuple[bytes, bytes]) -> tuple[int, _Headers, bytes]:
    body = text.encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", b"%d" % len(body)), *extra]
    return status, headers, body


_METHOD_NOT_ALLOWED: typing.Final = _plain(405, "method not allowed: use POST", (b"allow", b"POST"))
_BAD_REQUEST: typing.Final = _plain(400, "malformed request")
_BAD_CONTENT_LENGTH: typing.Final = _plain(400, "invalid Content-Length header")
_TOO_LARGE: typing.Final = _plain(413, "request body too large")
_INTERNAL_ERROR: typing.Final = _plain(500, "internal server error")
_TOO_SLOW: typing.Final = _plain(504, "no reply within the deadline")


async def _send_reply(send: _Send, reply: tuple[int, _Headers, bytes]) -> None:
    status, headers, body = reply
    start: _ResponseStart = {"type": "http.response.start", "status": status, "headers": headers}
    await send(start)
    message: _ResponseBody = {"type": "http.response.body", "body": body, "more_body": False}
    await send(message)


def _rsgi_bytes(value: str) -> bytes:
    """Return an RSGI header value as the bytes received: servers decode them as Latin-1 (or UTF-8 past it)."""
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogateescape")


def _rsgi_headers(headers: _Headers) -> list[tuple[str, str]]:
    """Return reply headers as the text pairs RSGI takes (their bytes are Latin-1 by construction)."""
    return [(name.decode("latin-1"), value.decode("latin-1")) for name, value in headers]


class _RequestHeaders:
    """The request headers this module reads, taken from an ASGI ``headers`` list."""

    __slots__ = ("content_lengths", "signatures", "timestamps")

    def __init__(self, signatures: list[bytes], timestamps: list[bytes], content_lengths: list[bytes]) -> None:
        self.signatures = signatures
        self.timestamps = timestamps
        self.content_lengths = content_lengths

    @classmethod
    def parse(cls, raw: object) -> _RequestHeaders | None:
        """Collect the headers, or return `None` if ``raw`` is not a list of pairs of byte strings."""
        signatures: list[bytes] = []
        timestamps: list[bytes] = []
        content_lengths: list[bytes] = []
        if raw is None:
            return cls(signatures, timestamps, content_lengths)
        if not isinstance(raw, (list, tuple)):
            return None
        for pair in typing.cast("Sequence[object]", raw):
            match pair:
                case (bytes() as name, bytes() as value):
                    name = name.lower()
                    if name == _SIGNATURE_HEADER:
                        signatures.append(value)
                    elif name == _TIMESTAMP_HEADER:
                        timestamps.append(value)
                    elif name == _CONTENT_LENGTH_HEADER:
                        content_lengths.append(value)
                case _:
                    return None
        return cls(signatures, timestamps, content_lengths)

    @classmethod
    def from_rsgi(cls, headers: _RSGIHeaders) -> _RequestHeaders:
        """Collect the headers from an RSGI scope's headers, whose names are lower case and values text."""
        return cls(
            [_rsgi_bytes(value) for value in headers.get_all(_SIGNATURE_NAME)],
            [_rsgi_bytes(value) for value in headers.get_all(_TIMESTAMP_NAME)],
            [_rsgi_bytes(value) for value in headers.get_all(_CONTENT_LENGTH_NAME)],
        )

    def signature_and_timestamp(self) -> tuple[bytes, bytes]:
        """Return the decoded signature and the raw timestamp; ``b""`` stands for missing or malformed."""
        if len(self.signatures) > 1 or len(self.timestamps) > 1:
            return b"", b""
        timestamp = self.timestamps[0] if self.timestamps else b""
        if not self.signatures:
            return b"", timestamp
        value = self.signatures[0]
        # Deleting the hex digits must leave nothing: `bytes.fromhex` alone would accept whitespace.
        if not value or len(value) % 2 or value.translate(None, _HEX_DIGITS):
            return b"", timestamp
        return bytes.fromhex(value.decode("ascii")), timestamp

    def declared_length(self, limit: int, limit_digits: int) -> int | None:
        """Check ``Content-Length``: return `None` if valid, else the status to answer (400 or 413).

        ``limit_digits`` is ``len(str(limit))``.
        """
        if not self.content_lengths:
            return None
        value = self.content_lengths[0].strip(b" \t")
        if not value.isdigit() or (
            len(self.content_lengths) > 1 and any(other.strip(b" \t") != value for other in self.content_lengths[1:])
        ):
            return 400
        digits = value.lstrip(b"0") or b"0"
        # Comparing lengths first avoids int() of a huge value (and its digit limit).
        if len(digits) > limit_digits or int(digits) > limit:
            return 413
        return None


def _check_value(what: str, value: object) -> str:
    """Return ``value`` if it can be sent as an HTTP field value, else raise `_InvalidResponseError`."""
    if not isinstance(value, str):
        raise _InvalidResponseError(f"{what} is {type(value).__name__}, not str")
    if any((char < " " and char != "\t") or char == "\x7f" for char in value):
        raise _InvalidResponseError(f"{what} contains a control character")
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        raise _InvalidResponseError(f"{what} is not Latin-1 text") from None
    return value.strip(" \t")


def _check_token(what: str, value: object) -> str:
    """Return ``value`` if it is an HTTP token, else raise `_InvalidResponseError`."""
    if not isinstance(value, str) or not value or not _TOKEN_CHARS.issuperset(value):
        raise _InvalidResponseError(f"{what} {value!r} is not an HTTP token")
    return value


_CONTENT_TYPES: dict[tuple[str, str | None], bytes] = {}
"""``Content-Type`` values already checked, by ``(content_type, charset)``: most servers use one or two."""
_CONTENT_TYPES_KEPT: typing.Final = 32


def _content_type(content_type: object, charset: object, default: str | None) -> bytes | None:
    if content_type is None:
        if default is None:
            return None
        content_type = default
    key: tuple[str, str | None] | None = None
    if type(content_type) is str and (charset is None or type(charset) is str):
        key = (content_type, charset)
        known = _CONTENT_TYPES.get(key)
        if known is not None:
            return known
    value = _check_value("Response.content_type", content_type)
    if charset is not None:
        value = f"{value}; charset={_check_token('Response.charset', charset)}"
    encoded = value.encode("latin-1")
    if key is not None and len(_CONTENT_TYPES) < _CONTENT_TYPES_KEPT:
        _CONTENT_TYPES[key] = encoded
    return encoded


def _extra_headers(headers: object) -> _Headers:
    if headers is None:
        return []
    if not isinstance(headers, typing.Mapping):
        raise _InvalidResponseError(f"Response.headers is {type(headers).__name__}, not a mapping")
    encoded: _Headers = []
    for raw_name, value in typing.cast("Mapping[object, object]", headers).items():
        name = _check_token("Response.headers name", raw_name)
        if name.lower() in _COMPUTED_HEADERS:
            continue
        encoded.append((name.encode("ascii"), _check_value(f"Response.headers[{name!r}]", value).encode("latin-1")))
    return encoded


def _quote_filename(filename: object) -> bytes:
    if not isinstance(filename, str) or not filename:
        raise _InvalidResponseError(f"a file's filename is {filename!r}, not a non-empty str")
    try:
        return filename.translate(_FILENAME_ESCAPES).encode()
    except UnicodeEncodeError:
        raise _InvalidResponseError(f"the filename {filename!r} cannot be encoded as UTF-8") from None


async def _multipart(payload: bytes, content_type: bytes, files: Sequence[ResponseFile]) -> tuple[bytes, bytes]:
    """Return the ``Content-Type`` and body of the ``multipart/form-data`` reply."""
    parts = [
        (
            b'Content-Disposition: form-data; name="payload_json"\r\nContent-Type: ' + content_type + b"\r\n\r\n",
            payload,
        )
    ]
    for index, file in enumerate(files):
        head = b'Content-Disposition: form-data; name="files[%d]"; filename="%s"\r\n' % (
            index,
            _quote_filename(file.filename),
        )
        data = typing.cast("object", await file.read())
        if not isinstance(data, (bytes, bytearray)):
            raise _InvalidResponseError(f"files[{index}].read() returned {type(data).__name__}, not bytes")
        parts.append((head + b"Content-Type: application/octet-stream\r\n\r\n", bytes(data)))
    boundary = b""
    while not boundary or any(boundary in head or boundary in data for head, data in parts):
        boundary = b"interaction-spec-" + os.urandom(16).hex().encode()
    body = [b"--%s\r\n%s%s\r\n" % (boundary, head, data) for head, data in parts]
    body.append(b"--%s--\r\n" % boundary)
    return b"multipart/form-data; boundary=" + boundary, b"".join(body)


def _render_plain(response: Response) -> tuple[int, _Headers, bytes] | None:
    """Render the common reply without a coroutine, exactly as `_render` would; `None` for any other.

    The common reply: a final status that carries a body, a ``bytes`` payload, no files, no extra headers.
    """
    status = typing.cast("object", response.status_code)
    payload = typing.cast("object", response.payload)
    files = typing.cast("object", response.files)
    if (
        type(status) is not int
        or not 200 <= status <= 599
        or status in _NO_BODY_STATUSES
        or type(payload) is not bytes
        or typing.cast("object", response.headers) is not None
        or not (files is None or ((type(files) is tuple or type(files) is list) and not files))
    ):
        return None
    length = (b"content-length", b"%d" % len(payload))
    content_type = _content_type(response.content_type, response.charset, None)
    return status, [length] if content_type is None else [(b"content-type", content_type), length], payload


async def _render(response: Response) -> tuple[int, _Headers, bytes]:
    """Turn a `Response` into status, headers and body; raise `_InvalidResponseError` if it cannot be sent."""
    # Each member is read as `object`: the contract promises its type, but a broken server must not crash this.
    status = typing.cast("object", response.status_code)
    if not isinstance(status, int) or isinstance(status, bool) or not 200 <= status <= 599:
        raise _InvalidResponseError(f"Response.status_code {status!r} is not a final HTTP status (200-599)")
    payload = typing.cast("object", response.payload)
    if payload is not None and not isinstance(payload, (bytes, bytearray)):
        raise _InvalidResponseError(f"Response.payload is {type(payload).__name__}, not bytes or None")
    files = typing.cast("object", response.files)
    if files is None:
        files = ()
    elif (
        type(files) is not tuple
        and type(files) is not list
        and (  # these need no ABC check
            not isinstance(files, typing.Sequence) or isinstance(files, (str, bytes, bytearray))
        )
    ):
        raise _InvalidResponseError(f"Response.files is {type(files).__name__}, not a sequence")
    files = typing.cast("Sequence[ResponseFile]", files)
    if len(files) > MAX_RESPONSE_FILES:
        raise _InvalidResponseError(f"the Response carries {len(files)} files, more than {MAX_RESPONSE_FILES}")
    headers = _extra_headers(response.headers)
    if status in _NO_BODY_STATUSES:
        return int(status), headers, b""

    body = b"" if payload is None else payload if type(payload) is bytes else bytes(payload)
    content_type: bytes | None
    if files:
        if payload is None:
            raise _InvalidResponseError("the Response has files but no payload for its payload_json part")
        json_type = _content_type(response.content_type, response.charset, "application/json")
        content_type, body = await _multipart(body, typing.cast("bytes", json_type), files)
    else:
        content_type = None if payload is None else _content_type(response.content_type, response.charset, None)
    computed = [(b"content-length", b"%d" % len(body))]
    if content_type is not None:
        computed.insert(0, (b"content-type", content_type))
    return int(status), computed + headers, body


def _is_stray_cancellation(error: BaseException) -> bool:
    """Whether ``error`` is a `CancelledError` that does not cancel the running task (Python 3.11+ can tell)."""
    import asyncio  # noqa: PLC0415 - see _within

    if not isinstance(error, asyncio.CancelledError):
        return False
    cancelling: Callable[[], int] | None = getattr(asyncio.current_task(), "cancelling", None)  # 3.11+
    return cancelling is not None and cancelling() == 0


class _Resumed:
    """Awaiting it goes on with a coroutine that has already run up to its first suspension, on ``pending``."""

    __slots__ = ("_coroutine", "_pending")

    def __init__(self, coroutine: Coroutine[object, None, Response], pending: object) -> None:
        self._coroutine = coroutine
        self._pending = pending

    def __await__(self) -> Generator[object, None, Response]:
        coroutine, pending = self._coroutine, self._pending
        while True:
            # Hand what the coroutine waits on to the task running us, then pass its wake-up (or error) on.
            try:
                yield pending
            except GeneratorExit:
                coroutine.close()
                raise
            except BaseException as error:  # thrown into the coroutine, as `await` would
                try:
                    pending = coroutine.throw(error)
                except StopIteration as done:
                    return typing.cast("Response", done.value)
            else:
                try:
                    pending = coroutine.send(None)
                except StopIteration as done:
                    return typing.cast("Response", done.value)


def _start(reply: Awaitable[Response]) -> tuple[Response | None, Awaitable[Response] | None]:
    """Run a coroutine up to its first suspension: ``(response, None)`` if it finished, else ``(None, the rest)``.

    A server answering from memory finishes here, with no task, timer or
    coroutine of the bridge's own around it. Its errors propagate.
    """
    if type(reply) is not types.CoroutineType:
        return None, reply
    coroutine = typing.cast("Coroutine[object, None, Response]", reply)
    try:
        pending = coroutine.send(None)
    except StopIteration as done:
        return typing.cast("Response", done.value), None
    return None, _Resumed(coroutine, pending)


async def _within(seconds: float, started: float, reply: Awaitable[Response]) -> Response | None:
    """Await ``reply`` until ``seconds`` after ``started`` (`time.monotonic`); `None` if cancelled at the deadline."""
    import asyncio  # noqa: PLC0415 - keeps `import interaction_spec.asgi` cheap; a dict lookup once imported

    loop = asyncio.get_running_loop()  # looked up only here: `get_running_loop` costs a getpid() system call
    deadline = loop.time() + seconds - (time.monotonic() - started)
    if sys.version_info >= (3, 11):
        timeout = asyncio.timeout_at(deadline)
        try:
            async with timeout:
                return await reply
        except TimeoutError:
            if not timeout.expired():
                raise
    else:
        try:
            return await asyncio.wait_for(reply, max(0.0, deadline - loop.time()))
        except asyncio.TimeoutError:
            pass
    _log_error("on_interaction produced no reply within %ss and was cancelled", seconds)
    return None


def _check_size(max_body_size: object) -> int:
    if not isinstance(max_body_size, int) or isinstance(max_body_size, bool):
        raise TypeError(f"max_body_size must be an int, not {type(max_body_size).__name__}")
    if max_body_size < 0:
        raise ValueError(f"max_body_size must not be negative, not {max_body_size}")
    return max_body_size


class InteractionApp:
    """An ASGI 3 application serving an `interaction_spec.InteractionServer` over HTTP.

    The module documentation describes the HTTP behaviour in full.

    Parameters
    ----------
    server : interaction_spec.InteractionServer
        The server every ``POST`` request is handed to.

    Other Parameters
    ----------------
    max_body_size : int
        The largest request body accepted, in bytes; larger ones get ``413``.
        Defaults to 1 MiB.
    on_startup : typing.Sequence[typing.Callable[[], typing.Awaitable[None]]]
        Coroutine functions run in order on ``lifespan.startup``.
    on_shutdown : typing.Sequence[typing.Callable[[], typing.Awaitable[None]]]
        Coroutine functions run in order on ``lifespan.shutdown``, for
        instance the server's own ``close``.
    reply_timeout_s : float
        How long ``on_interaction`` may take before it is cancelled and the
        request answered ``504``; Discord's 3-second deadline by default.

    Raises
    ------
    TypeError
        If ``max_body_size`` is not an `int`.
    ValueError
        If ``max_body_size`` is negative, or ``reply_timeout_s`` is not positive.
    """

    __slots__ = ("_max_body_digits", "_max_body_size", "_on_shutdown", "_on_startup", "_reply_timeout_s", "_server")

    def __init__(
        self,
        server: InteractionServer,
        *,
        max_body_size: int = _DEFAULT_MAX_BODY_SIZE,
        on_startup: Sequence[Callable[[], Awaitable[None]]] = (),
        on_shutdown: Sequence[Callable[[], Awaitable[None]]] = (),
        reply_timeout_s: float = RESPONSE_DEADLINE_S,
    ) -> None:
        if not reply_timeout_s > 0:
            raise ValueError(f"reply_timeout_s must be positive, not {reply_timeout_s!r}")
        self._server = server
        self._reply_timeout_s = reply_timeout_s
        self._max_body_size = _check_size(max_body_size)
        self._max_body_digits = len(str(self._max_body_size))
        self._on_startup: tuple[_Callback, ...] = tuple(on_startup)
        self._on_shutdown: tuple[_Callback, ...] = tuple(on_shutdown)

    def __repr__(self) -> str:
        return f"InteractionApp({self._server!r}, max_body_size={self._max_body_size})"

    async def __call__(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        """Handle one ASGI connection.

        Parameters
        ----------
        scope : typing.Mapping[str, object]
            The connection scope.
        receive : typing.Callable[[], typing.Awaitable[typing.Mapping[str, object]]]
            The server's channel of incoming messages.
        send : typing.Callable[[typing.Any], typing.Awaitable[None]]
            The server's channel of outgoing messages.

        Raises
        ------
        ValueError
            If the scope type is none of ``http``, ``lifespan`` and ``websocket``.
        """
        scope_type = scope.get("type")
        if scope_type == "http":
            await self._http(scope, receive, send)
        elif scope_type == "lifespan":
            await self._lifespan(receive, send)
        elif scope_type == "websocket":
            close: _WebSocketClose = {"type": "websocket.close", "code": 1000, "reason": ""}
            await send(close)
        else:
            raise ValueError(f"InteractionApp does not handle ASGI scope type {scope_type!r}")

    async def _http(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        if scope.get("method") != "POST":
            await _send_reply(send, _METHOD_NOT_ALLOWED)
            return
        headers = _RequestHeaders.parse(scope.get("headers"))
        if headers is None:
            await _send_reply(send, _BAD_REQUEST)
            return
        refused = headers.declared_length(self._max_body_size, self._max_body_digits)
        if refused is not None:
            await _send_reply(send, _TOO_LARGE if refused == 413 else _BAD_CONTENT_LENGTH)
            return

        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            message_type = message.get("type")
            if message_type == "http.disconnect":
                return
            chunk = message.get("body", b"")
            if message_type != "http.request" or not isinstance(chunk, (bytes, bytearray)):
                await _send_reply(send, _BAD_REQUEST)
                return
            size += len(chunk)
            if size > self._max_body_size:
                await _send_reply(send, _TOO_LARGE)
                return
            chunks.append(bytes(chunk))
            if not message.get("more_body", False):
                break
        body = chunks[0] if len(chunks) == 1 else b"".join(chunks)

        signature, timestamp = headers.signature_and_timestamp()
        await _send_reply(send, await self._respond(body, signature, timestamp))

    async def __rsgi__(self, scope: _RSGIScope, protocol: _RSGIProtocol | _RSGIWebsocketProtocol) -> None:
        """Handle one request under an RSGI server (granian's native interface), as ``__call__`` does under ASGI.

        The reply goes out in one ``response_bytes`` call; the HTTP behaviour is the same.

        Parameters
        ----------
        scope : RSGI scope
            The request's scope: its ``proto``, ``method`` and ``headers``.
        protocol : RSGI HTTP or websocket protocol
            The request body and the reply channel; a websocket is refused.
        """
        if scope.proto != "http":
            typing.cast("_RSGIWebsocketProtocol", protocol).close(403)
            return
        http = typing.cast("_RSGIProtocol", protocol)
        status, headers, body = await self._rsgi_reply(scope, http)
        http.response_bytes(status, _rsgi_headers(headers), body)

    async def _rsgi_reply(self, scope: _RSGIScope, protocol: _RSGIProtocol) -> tuple[int, _Headers, bytes]:
        if scope.method != "POST":
            return _METHOD_NOT_ALLOWED
        headers = _RequestHeaders.from_rsgi(scope.headers)
        refused = headers.declared_length(self._max_body_size, self._max_body_digits)
        if refused is not None:
            return _TOO_LARGE if refused == 413 else _BAD_CONTENT_LENGTH
        if headers.content_lengths:
            body = await protocol()  # held by the server to its declared length, checked above
            if len(body) > self._max_body_size:
                return _TOO_LARGE
        else:
            chunks: list[bytes] = []
            size = 0
            async for chunk in protocol:
                size += len(chunk)
                if size > self._max_body_size:
                    return _TOO_LARGE
                chunks.append(chunk)
            body = b"".join(chunks)
        signature, timestamp = headers.signature_and_timestamp()
        return await self._respond(body, signature, timestamp)

    def __rsgi_init__(self, loop: asyncio.AbstractEventLoop) -> None:
        """Run the ``on_startup`` callables on ``loop`` before an RSGI server serves (its lifespan start).

        Parameters
        ----------
        loop : asyncio.AbstractEventLoop
            The server's event loop, not yet running.
        """
        for callback in self._on_startup:
            loop.run_until_complete(callback())

    def __rsgi_del__(self, loop: asyncio.AbstractEventLoop) -> None:
        """Run every ``on_shutdown`` callable on ``loop`` once an RSGI server has stopped, logging failures.

        Parameters
        ----------
        loop : asyncio.AbstractEventLoop
            The server's event loop, no longer running.
        """
        for callback in self._on_shutdown:
            try:
                loop.run_until_complete(callback())
            except Exception:
                _log_error("an on_shutdown callable failed", exc_info=True)

    async def _respond(self, body: bytes, signature: bytes, timestamp: bytes) -> tuple[int, _Headers, bytes]:
        """Return the reply of the server to one request; 500 if it raises or its `Response` cannot be sent."""
        try:
            started = time.monotonic()
            response, rest = _start(self._server.on_interaction(body, signature, timestamp))
            if rest is not None:
                response = await _within(self._reply_timeout_s, started, rest)
            if response is None:
                return _TOO_SLOW
        except Exception:
            _log_error("the interaction server raised instead of returning a Response", exc_info=True)
            return _INTERNAL_ERROR
        except BaseException as error:
            if not _is_stray_cancellation(error):
                raise
            _log_error("the interaction server raised CancelledError without being cancelled", exc_info=True)
            return _INTERNAL_ERROR
        try:
            plain = _render_plain(response)
            return plain if plain is not None else await _render(response)
        except _InvalidResponseError as error:
            _log_error("the server's Response cannot be sent: %s", error)
        except Exception:
            _log_error("the server's Response cannot be sent", exc_info=True)
        return _INTERNAL_ERROR

    async def _lifespan(self, receive: _Receive, send: _Send) -> None:
        while True:
            message_type = (await receive()).get("type")
            if message_type == "lifespan.startup":
                for callback in self._on_startup:
                    try:
                        await callback()
                    except Exception as error:
                        _log_error("an on_startup callable failed", exc_info=True)
                        failed: _LifespanFailed = {"type": "lifespan.startup.failed", "message": repr(error)}
                        await send(failed)
                        return
                done: _LifespanDone = {"type": "lifespan.startup.complete"}
                await send(done)
            elif message_type == "lifespan.shutdown":
                first_error: Exception | None = None
                for callback in self._on_shutdown:
                    try:
                        await callback()
                    except Exception as error:
                        _log_error("an on_shutdown callable failed", exc_info=True)
                        if first_error is None:
                            first_error = error
                if first_error is None:
                    done = {"type": "lifespan.shutdown.complete"}
                    await send(done)
                else:
                    failed = {"type": "lifespan.shutdown.failed", "message": repr(first_error)}
                    await send(failed)
                return
