"""Endpoints that fail the way networks and servers do, for testing the suite itself under faults.

Usage: ``python -m tests.endpoints.faulty KIND --port P --public-key HEX`` with KIND one of
``hang`` (accepts, reads, never answers), ``close`` (closes every connection at once),
``garbage`` (answers bytes that are not HTTP), ``slow`` (the served reference, 0.25 s late),
``dies`` (the served reference, which exits after its tenth request),
``dies-on-non-json`` (the served reference, which exits on a correctly signed body that is not JSON).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import typing

import nacl.exceptions
import nacl.signing
import uvicorn

import interaction_spec
from conformance.serve import reference_app
from tests.endpoints.asgi import Endpoint
from tests.endpoints.asgi import Receive
from tests.endpoints.asgi import Scope
from tests.endpoints.asgi import Send
from tests.endpoints.asgi import read_body
from tests.endpoints.asgi import replay
from tests.endpoints.asgi import request_headers

SLOW_S: typing.Final = 0.25
DIES_AFTER: typing.Final = 10


async def _hang(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.read(65536)
    await asyncio.Event().wait()


async def _close(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    writer.close()


async def _garbage(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.read(65536)
    writer.write(b"\x00\xffthis is not HTTP\r\n\r\n")
    await writer.drain()
    writer.close()


def _slow(app: Endpoint) -> Endpoint:
    async def slow(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await asyncio.sleep(SLOW_S)
        await app(scope, receive, send)

    return slow


def _dies(app: Endpoint) -> Endpoint:
    served = 0

    async def dies(scope: Scope, receive: Receive, send: Send) -> None:
        nonlocal served
        if scope["type"] == "http":
            served += 1
            if served > DIES_AFTER:
                os._exit(3)  # a crash: no cleanup, connections dropped
        await app(scope, receive, send)

    return dies


def _dies_on_non_json(app: Endpoint, public_key: bytes) -> Endpoint:
    key = nacl.signing.VerifyKey(public_key)
    signature_header = interaction_spec.SIGNATURE_HEADER.lower().encode()
    timestamp_header = interaction_spec.TIMESTAMP_HEADER.lower().encode()

    def signed(headers: dict[bytes, bytes], body: bytes) -> bool:
        try:
            signature = bytes.fromhex(headers.get(signature_header, b"").decode("latin-1"))
            key.verify(headers.get(timestamp_header, b"") + body, signature)
        except (ValueError, nacl.exceptions.BadSignatureError):
            return False
        return True

    async def dies(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        body = await read_body(receive)
        if body is None:
            return
        try:
            json.loads(body)
        except ValueError:
            if signed(request_headers(scope), body):
                os._exit(3)  # a crash on input only Discord could sign, and never sends
        await app(scope, replay(body), send)

    return dies


async def _serve_raw(
    handler: typing.Callable[[asyncio.StreamReader, asyncio.StreamWriter], typing.Awaitable[None]], port: int
) -> None:
    server = await asyncio.start_server(handler, "127.0.0.1", port)
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description="An endpoint that fails on purpose.")
    parser.add_argument("kind", choices=["hang", "close", "garbage", "slow", "dies", "dies-on-non-json"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--public-key", required=True)
    args = parser.parse_args()
    raw = {"hang": _hang, "close": _close, "garbage": _garbage}
    if args.kind in raw:
        asyncio.run(_serve_raw(raw[args.kind], args.port))
        return
    public_key = bytes.fromhex(args.public_key)
    app: Endpoint = reference_app(public_key)
    if args.kind == "dies-on-non-json":
        app = _dies_on_non_json(app, public_key)
    else:
        app = (_slow if args.kind == "slow" else _dies)(app)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", lifespan="on")


if __name__ == "__main__":
    main()
