"""An endpoint that answers an oversized request before reading its body, then drops the connection.

It does what Fastify and other servers do with a body over their limit: once the
request's head says the body is too large, it answers 413 and closes the socket
with the body still unread, which resets the connection under the client's
upload. Requests within the limit are read to the end and answered 200
``{"type":1}`` (or another reply given to `serve`).

HTTP is spoken with h11 on the server side too. `serve` runs the endpoint in the
caller's event loop; ``python -m tests.endpoints.early_reply --port P [--oversized
KIND]`` runs it in a process of its own, for `tests.endpoints.serving`.
"""

from __future__ import annotations

__all__ = ("LIMIT_BYTES", "Oversized", "main", "serve")

import argparse
import asyncio
import contextlib
import functools
import typing

import h11

if typing.TYPE_CHECKING:
    from collections.abc import AsyncGenerator

LIMIT_BYTES: typing.Final = 1024 * 1024
"""The largest body the endpoint accepts by default."""
Oversized = typing.Literal["early", "at-limit", "drained", "silent"]
"""What the endpoint does with a body over its limit: answer 413 once it has the head (``early``),
once it has read as much as its limit, as aiohttp does (``at-limit``), once it has read the whole body
(``drained``), or close at the head without answering (``silent``)."""
_READ_BYTES: typing.Final = 64 * 1024
_READ_TIMEOUT_S: typing.Final = 10.0
_TOO_LARGE: typing.Final = b"request body too large"
_PONG: typing.Final = ("application/json", b'{"type":1}')


async def _next_event(connection: h11.Connection, reader: asyncio.StreamReader) -> h11.Event:
    """Return the client's next event, reading from ``reader`` as h11 needs."""
    while True:
        event = connection.next_event()
        if isinstance(event, h11.Event):
            return event
        if event is h11.PAUSED:
            raise h11.RemoteProtocolError("a second request on one connection")
        connection.receive_data(await asyncio.wait_for(reader.read(_READ_BYTES), _READ_TIMEOUT_S))


async def _read_body(connection: h11.Connection, reader: asyncio.StreamReader) -> None:
    """Read and drop the request's body, up to its end."""
    while not isinstance(await _next_event(connection, reader), h11.EndOfMessage):
        pass


async def _read_up_to(connection: h11.Connection, reader: asyncio.StreamReader, limit: int) -> None:
    """Read and drop the request's body until ``limit`` bytes of it have come, or it ends."""
    received = 0
    while received < limit:
        event = await _next_event(connection, reader)
        if isinstance(event, h11.EndOfMessage):
            return
        if isinstance(event, h11.Data):
            received += len(event.data)


async def _respond(
    connection: h11.Connection, writer: asyncio.StreamWriter, status: int, content_type: str, body: bytes
) -> None:
    headers = [("content-type", content_type), ("content-length", str(len(body))), ("connection", "close")]
    writer.write(connection.send(h11.Response(status_code=status, headers=headers)) or b"")
    writer.write(connection.send(h11.Data(data=body)) or b"")
    writer.write(connection.send(h11.EndOfMessage()) or b"")
    await writer.drain()


async def _handle(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    *,
    limit: int,
    oversized: Oversized,
    reply: tuple[str, bytes],
) -> None:
    connection = h11.Connection(h11.SERVER)
    try:
        request = await _next_event(connection, reader)
        if not isinstance(request, h11.Request):
            return
        length = int(dict(request.headers).get(b"content-length", b"0"))
        if length <= limit:
            await _read_body(connection, reader)
            await _respond(connection, writer, 200, *reply)
        elif oversized == "drained":
            await _read_body(connection, reader)
            await _respond(connection, writer, 413, "text/plain", _TOO_LARGE)
        elif oversized == "at-limit":
            await _read_up_to(connection, reader, limit)
            await _respond(connection, writer, 413, "text/plain", _TOO_LARGE)
        elif oversized == "early":
            await _respond(connection, writer, 413, "text/plain", _TOO_LARGE)
    except (OSError, ValueError, asyncio.TimeoutError, h11.ProtocolError):
        pass
    finally:
        writer.close()


@contextlib.asynccontextmanager
async def serve(
    *, port: int = 0, limit: int = LIMIT_BYTES, oversized: Oversized = "early", reply: tuple[str, bytes] = _PONG
) -> AsyncGenerator[int, None]:
    """Serve the endpoint on 127.0.0.1 in the running event loop until the block ends.

    Parameters
    ----------
    port : int
        The port to listen on; 0 for any free one.
    limit : int
        The largest ``Content-Length`` answered 200; a larger one is handled as ``oversized`` says.
    oversized : Oversized
        What to do with a body over ``limit``.
    reply : tuple[str, bytes]
        The content type and body of the 200 reply.

    Yields
    ------
    int
        The port the endpoint listens on.
    """
    handler = functools.partial(_handle, limit=limit, oversized=oversized, reply=reply)
    server = await asyncio.start_server(handler, "127.0.0.1", port)
    async with server:
        bound: int = server.sockets[0].getsockname()[1]
        yield bound


async def _serve_forever(port: int, oversized: Oversized) -> None:
    async with serve(port=port, oversized=oversized):
        await asyncio.Event().wait()


def main() -> None:
    """Serve the endpoint on ``--port`` until killed."""
    parser = argparse.ArgumentParser(description="An endpoint that answers 413 before reading the body.")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--oversized", choices=typing.get_args(Oversized), default="early")
    args = parser.parse_args()
    asyncio.run(_serve_forever(args.port, args.oversized))


if __name__ == "__main__":
    main()
