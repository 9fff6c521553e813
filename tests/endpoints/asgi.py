"""The ASGI plumbing the test endpoints share: the types, reading and replaying a body, holding a reply.

An endpoint here wraps `conformance.serve.reference_app`: it reads the request
(`read_body`), hands it on (`replay`), lets the reference answer into a held
`Reply` (`capture`) and sends that, changed or not (`send_reply`). The types are
the minimal ASGI 3 ones, as `interaction_spec.asgi` types them. `serve` is the
command line of a module of endpoints: it serves the one named under uvicorn.
"""

from __future__ import annotations

__all__ = (
    "REFERENCE_MAX_BODY",
    "Endpoint",
    "Headers",
    "Message",
    "Receive",
    "Reply",
    "Scope",
    "Send",
    "capture",
    "json_reply",
    "read_body",
    "replay",
    "request_headers",
    "send_reply",
    "serve",
)

import argparse
import dataclasses
import json
import typing
from collections.abc import Awaitable
from collections.abc import Callable
from collections.abc import Mapping

if typing.TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Sequence

Scope: typing.TypeAlias = Mapping[str, object]
Message: typing.TypeAlias = Mapping[str, object]
Receive: typing.TypeAlias = Callable[[], Awaitable[Message]]
Send: typing.TypeAlias = Callable[[typing.Any], Awaitable[None]]
Headers: typing.TypeAlias = list[tuple[bytes, bytes]]

REFERENCE_MAX_BODY: typing.Final = 1_048_576
"""The reference's body limit, `InteractionApp`'s default: a request declaring a larger body goes to it unread."""


class Endpoint(typing.Protocol):
    """An ASGI 3 application; uvicorn accepts any awaited result (and acts on one that is not `None`)."""

    def __call__(self, scope: Scope, receive: Receive, send: Send, /) -> Awaitable[object]:
        """Handle one ASGI connection."""
        ...


async def read_body(receive: Receive) -> bytes | None:
    """Read the whole request body; `None` if the client went away first."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message.get("type") != "http.request":
            return None
        chunk = message.get("body", b"")
        if isinstance(chunk, (bytes, bytearray)):
            chunks.append(bytes(chunk))
        if not message.get("more_body", False):
            return b"".join(chunks)


def replay(body: bytes) -> Receive:
    """Return a receive channel that hands over ``body`` in one message, then reports a disconnect."""
    pending: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive() -> Message:
        return pending.pop(0) if pending else {"type": "http.disconnect"}

    return receive


def request_headers(scope: Scope) -> dict[bytes, bytes]:
    """Return the request headers by lower-case name; the last copy of a repeated one wins."""
    raw = typing.cast("Iterable[tuple[bytes, bytes]]", scope.get("headers") or ())
    return {name.lower(): value for name, value in raw}


@dataclasses.dataclass(slots=True)
class Reply:
    """A whole HTTP reply, held before it is sent."""

    status: int
    headers: Headers
    body: bytes

    def replaced(
        self, *, status: int | None = None, content_type: bytes | None = None, body: bytes | None = None
    ) -> Reply:
        """Return a copy with the status, the Content-Type (``b""`` drops it) or the body changed."""
        headers = self.headers
        if content_type is not None:
            headers = [(name, value) for name, value in headers if name.lower() != b"content-type"]
            if content_type:
                headers.insert(0, (b"content-type", content_type))
        return Reply(self.status if status is None else status, headers, self.body if body is None else body)

    def json_object(self) -> dict[str, object]:
        """Decode the body as a JSON object (the reference's replies to verified interactions are)."""
        decoded: object = json.loads(self.body)
        assert isinstance(decoded, dict)
        return typing.cast("dict[str, object]", decoded)

    def with_json(self, document: object) -> Reply:
        """Return a copy whose body is ``document`` in compact JSON, the headers unchanged."""
        return self.replaced(body=json.dumps(document, separators=(",", ":")).encode())


def json_reply(status: int, document: object) -> Reply:
    """Return a reply of ``status`` whose body is ``document`` in compact JSON."""
    return Reply(status, [(b"content-type", b"application/json")], b"").with_json(document)


async def capture(app: Endpoint, scope: Scope, body: bytes) -> Reply:
    """Let ``app`` answer a request with ``body``; return its reply instead of sending it."""
    reply = Reply(500, [], b"")
    chunks: list[bytes] = []

    async def send(message: typing.Any) -> None:  # noqa: ANN401 - the ASGI send channel, as InteractionApp types it
        event = typing.cast("Message", message)
        if event.get("type") == "http.response.start":
            reply.status = typing.cast("int", event["status"])
            reply.headers = list(typing.cast("Iterable[tuple[bytes, bytes]]", event.get("headers") or ()))
        elif event.get("type") == "http.response.body":
            chunks.append(bytes(typing.cast("bytes", event.get("body", b""))))

    await app(scope, replay(body), send)
    reply.body = b"".join(chunks)
    return reply


async def send_reply(send: Send, reply: Reply) -> None:
    """Send ``reply`` with a Content-Length that matches its body."""
    headers = [(name, value) for name, value in reply.headers if name.lower() != b"content-length"]
    headers.append((b"content-length", b"%d" % len(reply.body)))
    await send({"type": "http.response.start", "status": reply.status, "headers": headers})
    await send({"type": "http.response.body", "body": reply.body, "more_body": False})


def serve(
    endpoints: Mapping[str, Callable[[bytes], Endpoint]],
    argv: Sequence[str] | None,
    *,
    prog: str,
    description: str | None,
    lifespan: typing.Literal["auto", "on", "off"] = "auto",
    timeout_graceful_shutdown: int | None = None,
) -> None:
    """Serve the endpoint named on the command line under uvicorn on 127.0.0.1 until interrupted.

    Parameters
    ----------
    endpoints : Mapping[str, Callable[[bytes], Endpoint]]
        What may be served, by the name the command line gives: each makes the application from the public key.
    argv : Sequence[str] | None
        The arguments, ``NAME --port P --public-key HEX``; `None` for the process's.
    prog : str
        The command, for the usage line.
    description : str | None
        What the command serves, for its help.

    Other Parameters
    ----------------
    lifespan : {"auto", "on", "off"}
        uvicorn's handling of ASGI lifespan events.
    timeout_graceful_shutdown : int | None
        How long uvicorn waits for open connections when told to stop, in seconds; `None` for as long as they last.
    """
    import uvicorn  # noqa: PLC0415 - only the command line needs it

    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("name", choices=sorted(endpoints), help="the endpoint to serve")
    parser.add_argument("--port", type=int, required=True, help="TCP port to listen on, on 127.0.0.1")
    parser.add_argument("--public-key", type=bytes.fromhex, required=True, help="the key to verify with, in hex")
    args = parser.parse_args(argv)
    name: str = args.name
    port: int = args.port
    public_key: bytes = args.public_key
    uvicorn.run(
        endpoints[name](public_key),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan=lifespan,
        timeout_graceful_shutdown=timeout_graceful_shutdown,
    )
