"""Endpoints that fail the way networks and servers do, for testing the suite itself under faults.

Usage: ``python -m tests.endpoints.faulty KIND --port P --public-key HEX`` with KIND one of
``hang`` (accepts, reads, never answers), ``close`` (closes every connection at once),
``garbage`` (answers bytes that are not HTTP), ``slow`` (the served reference, 0.25 s late),
``dies`` (the served reference, which exits after its tenth request).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import typing

import uvicorn

from conformance.serve import reference_app
from tests.endpoints.asgi import Endpoint
from tests.endpoints.asgi import Receive
from tests.endpoints.asgi import Scope
from tests.endpoints.asgi import Send

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


async def _serve_raw(
    handler: typing.Callable[[asyncio.StreamReader, asyncio.StreamWriter], typing.Awaitable[None]], port: int
) -> None:
    server = await asyncio.start_server(handler, "127.0.0.1", port)
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description="An endpoint that fails on purpose.")
    parser.add_argument("kind", choices=["hang", "close", "garbage", "slow", "dies"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--public-key", required=True)
    args = parser.parse_args()
    raw = {"hang": _hang, "close": _close, "garbage": _garbage}
    if args.kind in raw:
        asyncio.run(_serve_raw(raw[args.kind], args.port))
        return
    wrap = _slow if args.kind == "slow" else _dies
    app = wrap(reference_app(bytes.fromhex(args.public_key)))
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", lifespan="on")


if __name__ == "__main__":
    main()
