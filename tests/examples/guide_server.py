"""The server the implementer's guide builds (docs/guide.md, section 2), included in the guide from here.

The guide shows it in parts, between the ``--8<--`` markers. The tests run
the full suite against it in strict mode and ``interaction-conformance
typecheck`` on it (``tests/test_static_conformance.py``). Its interactions are
parsed by the reference's parser, which has the contract the guide describes.
"""

# --8<-- [start:replies]
from __future__ import annotations

import asyncio
import collections.abc
import json
import logging
import typing

from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

import interaction_spec
from conformance.reference.interactions import parse_interaction  # yours: payload -> your interaction classes
from interaction_spec import InteractionType

_LOGGER = logging.getLogger("my_server")
AnyListener: typing.TypeAlias = interaction_spec.ListenerT[
    interaction_spec.PartialInteraction, interaction_spec.InteractionResponseBuilder
]


class Reply(typing.NamedTuple):
    """An `interaction_spec.Response`."""

    status_code: int
    payload: bytes | None = None
    content_type: str | None = None
    charset: str | None = None
    headers: typing.MutableMapping[str, str] | None = None
    files: typing.Sequence[interaction_spec.ResponseFile] = ()


def text_reply(status: int, message: str) -> Reply:
    return Reply(status, message.encode(), "text/plain", "utf-8")


def is_verified(key: VerifyKey, body: bytes, signature: bytes, timestamp: bytes) -> bool:
    """Whether ``signature`` signs ``timestamp + body``; never raises."""
    try:
        key.verify(timestamp + body, signature)
    except (BadSignatureError, ValueError, TypeError):
        return False
    return True


# --8<-- [end:replies]


# --8<-- [start:handle]
class MyInteractionServer(interaction_spec.ListenerRegistry):
    __slots__ = ("_key", "_tasks")

    def __init__(self, public_key: bytes) -> None:
        self._key = VerifyKey(public_key)
        self._tasks: set[asyncio.Task[None]] = set()

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        try:
            return await self._handle(body, signature, timestamp)
        except Exception:  # the contract: never raise
            _LOGGER.exception("unexpected failure")
            return text_reply(500, "internal error")

    async def _handle(self, body: bytes, signature: bytes, timestamp: bytes) -> Reply:
        if not is_verified(self._key, body, signature, timestamp):
            return text_reply(401, "invalid request signature")
        try:
            payload: object = json.loads(body)
        except (ValueError, RecursionError):
            return text_reply(400, "the body is not JSON")
        if type(payload) is not dict:
            return text_reply(400, "not an interaction")
        fields = typing.cast("dict[str, object]", payload)
        kind = fields.get("type")
        if type(kind) is not int:
            return text_reply(400, "not an interaction")
        if kind == InteractionType.PING:
            return Reply(200, b'{"type":1}', "application/json", "utf-8")
        try:
            interaction = parse_interaction(fields, kind)  # None: a type this server does not handle
        except ValueError:
            return text_reply(400, "the interaction lacks a required field")
        if interaction is None:
            return text_reply(501, "unknown interaction type")
        listener = self.listener_for(interaction)  # from ListenerRegistry: the listener of its kind
        if listener is None:
            return text_reply(501, "no listener for this interaction type")
        return await self._dispatch(listener, interaction, kind)

    # --8<-- [end:handle]

    # --8<-- [start:dispatch]
    async def _dispatch(
        self, listener: AnyListener, interaction: interaction_spec.PartialInteraction, kind: int
    ) -> Reply:
        try:
            produced = listener(interaction)
            if isinstance(produced, collections.abc.AsyncGenerator):
                builder = await anext(produced)  # StopAsyncIteration if it never yields
                self._continue(produced)
            else:
                builder = await produced  # TypeError for a plain function
        except Exception:
            _LOGGER.exception("the listener failed")  # log it; never put it in the reply
            return text_reply(500, "the listener failed")
        if builder is None:
            return Reply(202)  # the listener answered through the REST callback endpoint
        return self._render(builder, kind)

    def _render(self, builder: object, kind: int) -> Reply:
        if not isinstance(builder, interaction_spec.InteractionResponseBuilder):
            return text_reply(500, "the listener produced an invalid reply")
        try:
            callback, files = builder.build()
            valid = interaction_spec.VALID_CALLBACK_TYPES[InteractionType(kind)]
            if callback.get("type") not in valid or len(files) > interaction_spec.MAX_RESPONSE_FILES:
                return text_reply(500, "the listener produced an invalid reply")
            body = json.dumps(callback, ensure_ascii=False, separators=(",", ":")).encode()
        except Exception:
            _LOGGER.exception("the reply could not be built")
            return text_reply(500, "the listener produced an invalid reply")
        return Reply(200, body, "application/json", "utf-8", None, files)

    # --8<-- [end:dispatch]

    # --8<-- [start:continuations]
    def _continue(self, generator: typing.AsyncGenerator[object, None]) -> None:
        task = asyncio.get_running_loop().create_task(self._finish(generator))
        self._tasks.add(task)  # the event loop only keeps a weak reference to tasks
        task.add_done_callback(self._tasks.discard)

    @staticmethod
    async def _finish(generator: typing.AsyncGenerator[object, None]) -> None:
        try:
            await anext(generator)
        except StopAsyncIteration:
            return  # the normal end: the generator yielded once
        except Exception:
            _LOGGER.exception("the listener failed after its reply was sent")
            return
        _LOGGER.error("the listener yielded twice; only the first yield is the reply")
        try:
            await generator.aclose()
        except Exception:
            _LOGGER.exception("the listener failed while being closed")

    async def close(self) -> None:
        """Wait for the listeners still running after their reply."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    # --8<-- [end:continuations]
