"""Endpoints that get signatures or unsigned input wrong, for `tests.test_exact_signatures`.

Each wraps `conformance.serve.reference_app`, the served reference:

- ``reserialising`` verifies the signature over the body decoded and written
  again, ``json.dumps(json.loads(body), separators=(",", ":"), ensure_ascii=False)``
  (what JavaScript's ``JSON.stringify(JSON.parse(body))`` gives, as slash-create's
  ExpressServer checks it), instead of over the bytes received. A body that
  is not JSON gets 400 before any verification, as from a JSON body parser.
- ``dies`` parses every body before verifying it, with no guard: a body that is
  not JSON ends the process.
- ``hangs`` does the same, but a body that is not JSON leaves it answering
  nothing, that request or any after it.

Usage: ``python -m tests.endpoints.reserialising KIND --port P --public-key HEX``
serves one of them under uvicorn on 127.0.0.1.
"""

from __future__ import annotations

__all__ = ("KINDS", "main")

import asyncio
import json
import os
import typing

from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

import interaction_spec
from conformance.serve import reference_app
from conformance.signing import Signer
from tests.endpoints.asgi import REFERENCE_MAX_BODY
from tests.endpoints.asgi import Endpoint
from tests.endpoints.asgi import Receive
from tests.endpoints.asgi import Reply
from tests.endpoints.asgi import Scope
from tests.endpoints.asgi import Send
from tests.endpoints.asgi import read_body
from tests.endpoints.asgi import replay
from tests.endpoints.asgi import request_headers
from tests.endpoints.asgi import send_reply
from tests.endpoints.asgi import serve

if typing.TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Mapping
    from collections.abc import Sequence

_SIGNATURE: typing.Final = interaction_spec.SIGNATURE_HEADER.lower().encode()
_TIMESTAMP: typing.Final = interaction_spec.TIMESTAMP_HEADER.lower().encode()
_INNER: typing.Final = Signer(bytes([0x3C]) * 32)
"""The key between the reserialising verifier and the reference it forwards to."""


async def _answer(send: Send, status: int, text: str) -> None:
    await send_reply(send, Reply(status, [(b"content-type", b"text/plain; charset=utf-8")], text.encode()))


def _is_json(body: bytes) -> bool:
    try:
        json.loads(body)
    except (ValueError, RecursionError):
        return False
    return True


class Reserialising:
    """Checks the signature over the JSON written again, not over the bytes received, then lets the reference answer."""

    def __init__(self, public_key: bytes) -> None:
        self.verify_key = VerifyKey(public_key)
        self.reference: Endpoint = reference_app(_INNER.public_key)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            await self.reference(scope, receive, send)
            return
        headers = request_headers(scope)
        length = headers.get(b"content-length", b"0")
        if scope.get("method") != "POST" or not length.isdigit() or int(length) > REFERENCE_MAX_BODY:
            await self.reference(scope, receive, send)
            return
        body = await read_body(receive)
        if body is None:
            return
        timestamp = headers.get(_TIMESTAMP, b"")
        try:
            decoded: object = json.loads(body)
        except (ValueError, RecursionError):
            await _answer(send, 400, "the body is not JSON")
            return
        rewritten = json.dumps(decoded, separators=(",", ":"), ensure_ascii=False).encode()  # the mistake
        try:
            self.verify_key.verify(timestamp + rewritten, bytes.fromhex(headers[_SIGNATURE].decode("latin-1")))
        except (KeyError, ValueError, BadSignatureError):
            await _answer(send, 401, "invalid request signature")
            return
        forwarded = dict(headers)
        forwarded[_SIGNATURE] = _INNER.signature(timestamp, body).hex().encode()
        inner_scope = {**scope, "headers": list(forwarded.items())}
        await self.reference(inner_scope, replay(body), send)


class _ParsesFirst:
    """Parses the body before anything else; `garbage` decides what a body that is not JSON does to it."""

    def __init__(self, public_key: bytes) -> None:
        self.reference: Endpoint = reference_app(public_key)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            await self.reference(scope, receive, send)
            return
        body = await read_body(receive)
        if body is None:
            return
        if not _is_json(body):
            await self.garbage()
        await self.reference(scope, replay(body), send)

    async def garbage(self) -> None:
        """React to a body that is not JSON."""


class Dies(_ParsesFirst):
    """Ends the process on a body that is not JSON, as an unguarded parse does in Node."""

    async def garbage(self) -> None:
        os._exit(3)


class Hangs(_ParsesFirst):
    """Answers nothing more after a body that is not JSON, as if its only worker were stuck."""

    def __init__(self, public_key: bytes) -> None:
        super().__init__(public_key)
        self.stuck = asyncio.Event()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.stuck.is_set() and scope.get("type") == "http":
            await asyncio.Event().wait()
        await super().__call__(scope, receive, send)

    async def garbage(self) -> None:
        self.stuck.set()
        await asyncio.Event().wait()


KINDS: typing.Final[Mapping[str, Callable[[bytes], Endpoint]]] = {
    "reserialising": Reserialising,
    "dies": Dies,
    "hangs": Hangs,
}
"""Every endpoint of the module, by the name ``main`` takes."""


def main(argv: Sequence[str] | None = None) -> None:
    """Serve one endpoint, named on the command line, under uvicorn on 127.0.0.1 until interrupted."""
    serve(KINDS, argv, prog="python -m tests.endpoints.reserialising", description=__doc__, timeout_graceful_shutdown=1)


if __name__ == "__main__":
    main()
