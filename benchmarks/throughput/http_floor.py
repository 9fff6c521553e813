"""The HTTP floor: the least a Python process must do per request over HTTP, served beside the real servers.

A measuring stick, not a product. One process on uvloop, one asyncio protocol
per connection, and per request only what every correct Python server must do:

- parse the request with httptools (its C parser), keeping the body and the
  two signature headers;
- verify the Ed25519 signature with PyNaCl (``VerifyKey.verify``, as the
  floor without HTTP, `benchmarks.throughput.floor`);
- parse the JSON body;
- build the reply (``{"type": 1}`` to a PING; to the ``/echo`` command, a
  message repeating its option's text, which is the workload's reply) and
  write the status line, headers and body in one ``transport.write``.

It validates nothing else (a real server checks far more) and answers ``401``
to a request whose signature does not verify, so that the benchmark's checks
refuse it like any server. Started by ``http_throughput.py --serve-http-floor``.
"""

from __future__ import annotations

__all__ = ("serve",)

import asyncio
import json
import typing

import httptools
import nacl.exceptions
import nacl.signing

_SIGNATURE: typing.Final = b"x-signature-ed25519"
_TIMESTAMP: typing.Final = b"x-signature-timestamp"
_PONG: typing.Final = b'{"type":1}'
_UNAUTHORIZED: typing.Final = b"HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\n\r\n"
_HEAD: typing.Final = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n"


def _reply(interaction: dict[str, typing.Any]) -> bytes:
    """Return the JSON reply: a PONG to a PING, else a message repeating the first option's value."""
    if interaction["type"] == 1:
        return _PONG
    text = interaction["data"]["options"][0]["value"]
    return json.dumps({"type": 4, "data": {"content": text}}, separators=(",", ":")).encode()


class _FloorProtocol(asyncio.Protocol):
    """One connection: httptools feeds the callbacks; each complete request is answered with one write."""

    __slots__ = ("_body", "_parser", "_signature", "_timestamp", "_transport", "_verify")

    def __init__(self, verify: typing.Callable[[bytes, bytes], bytes]) -> None:
        self._verify = verify
        self._parser = httptools.HttpRequestParser(self)
        self._transport: asyncio.Transport | None = None
        self._body: list[bytes] = []
        self._signature = b""
        self._timestamp = b""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = typing.cast("asyncio.Transport", transport)

    def data_received(self, data: bytes) -> None:
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError:
            typing.cast("asyncio.Transport", self._transport).close()

    def on_header(self, name: bytes, value: bytes) -> None:
        name = name.lower()
        if name == _SIGNATURE:
            self._signature = value
        elif name == _TIMESTAMP:
            self._timestamp = value

    def on_body(self, body: bytes) -> None:
        self._body.append(body)

    def on_message_complete(self) -> None:
        transport = typing.cast("asyncio.Transport", self._transport)
        body = b"".join(self._body)
        self._body.clear()
        try:
            self._verify(self._timestamp + body, bytes.fromhex(self._signature.decode()))
        except (nacl.exceptions.BadSignatureError, ValueError):
            transport.write(_UNAUTHORIZED)
        else:
            reply = _reply(json.loads(body))
            transport.write(_HEAD % len(reply) + reply)
        if not self._parser.should_keep_alive():
            transport.close()


async def _serve_forever(port: int, public_key: bytes) -> None:
    verify = nacl.signing.VerifyKey(public_key).verify
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: _FloorProtocol(verify), "127.0.0.1", port)
    async with server:
        await server.serve_forever()


def serve(port: int, public_key: bytes) -> None:
    """Serve the floor on 127.0.0.1 until terminated.

    Parameters
    ----------
    port : int
        The port.
    public_key : bytes
        The 32-byte Ed25519 public key requests are verified with.
    """
    import uvloop  # noqa: PLC0415 - only the floor's process needs it

    uvloop.run(_serve_forever(port, public_key))
