"""Targets that misbehave in ways the runner must survive: they hang, block or raise."""

from __future__ import annotations

import asyncio
import sys
import threading
import typing

from conformance.reference import ReferenceInteractionServer
from conformance.reference import ReferenceResponse
from conformance.targets.reference import ReferenceAdapter

if typing.TYPE_CHECKING:
    from conformance.adapter import ServerUnderTest
    from interaction_spec import Response

BLOCK_BOUND_S: typing.Final = 120.0
"""The longest `BlockingServer` blocks when nobody releases it: a test that forgets to is slow, not hung."""


class HangingServer(ReferenceInteractionServer):
    """Awaits forever on every request."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        await asyncio.Event().wait()
        raise AssertionError("unreachable")


HANGING_NOTICE: typing.Final = "faulty target: a request is hanging"
"""The line `AnnouncedHangingServer` writes to stderr as it starts to hang: the moment to interrupt the run."""


class AnnouncedHangingServer(ReferenceInteractionServer):
    """Awaits forever on every request, after saying so on stderr (`HANGING_NOTICE`)."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        print(HANGING_NOTICE, file=sys.stderr, flush=True)
        await asyncio.Event().wait()
        raise AssertionError("unreachable")


class BlockingServer(ReferenceInteractionServer):
    """Blocks the event loop (a synchronous hang) on every request, until `release` is set."""

    release: typing.ClassVar = threading.Event()
    """Ends every block, present and future; cleared by whoever starts a new test."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        BlockingServer.release.wait(BLOCK_BOUND_S)  # blocking the loop is the point
        return await super().on_interaction(body, signature, timestamp)


class RaisingServer(ReferenceInteractionServer):
    """Raises on every request."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        raise RuntimeError("the target exploded")


class CancellingServer(ReferenceInteractionServer):
    """Raises CancelledError on every request, though nothing cancelled it."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        raise asyncio.CancelledError


class GarbageServer(ReferenceInteractionServer):
    """Returns something that is not a Response."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        return typing.cast("Response", "not a response")


def _adapter(server_class: type[ReferenceInteractionServer]) -> type[ReferenceAdapter]:
    class Adapter(ReferenceAdapter):
        def create_server(self, public_key: bytes) -> ServerUnderTest:
            return server_class(public_key)

    Adapter.__name__ = f"{server_class.__name__}Adapter"
    return Adapter


HangingAdapter = _adapter(HangingServer)
AnnouncedHangingAdapter = _adapter(AnnouncedHangingServer)
BlockingAdapter = _adapter(BlockingServer)
RaisingAdapter = _adapter(RaisingServer)
GarbageAdapter = _adapter(GarbageServer)
CancellingAdapter = _adapter(CancellingServer)


class BadStatusAdapter(ReferenceAdapter):
    """A target answering 400 to bad signatures: fails only a SHOULD clause."""

    def create_server(self, public_key: bytes) -> ServerUnderTest:
        return _BadStatusServer(public_key)


class _BadStatusServer(ReferenceInteractionServer):
    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        response = await super().on_interaction(body, signature, timestamp)
        if response.status_code != 401:
            return response
        return ReferenceResponse(
            400, response.payload, response.content_type, response.charset, response.headers, response.files
        )
