"""Cases for failing listeners (section ``listener``)."""

from __future__ import annotations

__all__ = ("CASES",)

import typing

from conformance import payloads
from conformance.case import IN_PROCESS
from conformance.case import Case
from conformance.case import make_case
from conformance.checks import expect
from conformance.reply_checks import expect_callback_type_valid
from interaction_spec import InteractionType

if typing.TYPE_CHECKING:
    from conformance.adapter import Adapter
    from conformance.context import CaseContext

_COMMAND: typing.Final = InteractionType.APPLICATION_COMMAND
_MARKER: typing.Final = "conformance-secret-7f3a"
"""Text that only the failing listener's exception carries; it must never reach a reply."""


class ListenerFailure(RuntimeError):
    """Raised by the suite's deliberately failing listeners."""


async def _raises(interaction: object) -> object:
    raise ListenerFailure(f"{_MARKER}: the listener failed on purpose")


async def _generator_raises(interaction: object) -> typing.AsyncGenerator[object, None]:
    if interaction is not None:
        raise ListenerFailure(f"{_MARKER}: the generator failed before yielding")
    yield None  # pragma: no cover - never reached: makes this an async generator


async def _generator_no_yield(interaction: object) -> typing.AsyncGenerator[object, None]:
    if interaction is None:
        yield None  # pragma: no cover - never reached: makes this an async generator


async def _not_a_builder(interaction: object) -> object:
    return {"type": 4, "data": {"content": "a dict, not a builder"}}


def _sync_listener(interaction: object) -> object:
    return None


_FAULTY: typing.Final[tuple[tuple[str, str, typing.Callable[..., object]], ...]] = (
    ("raises", "a coroutine listener that raises", _raises),
    ("generator-raises", "an async-generator listener that raises before yielding", _generator_raises),
    ("generator-no-yield", "an async-generator listener that ends without yielding", _generator_no_yield),
    ("not-a-builder", "a listener that returns a dict instead of a builder", _not_a_builder),
    ("sync-function", "a plain function registered as a listener", _sync_listener),
)


def _error_case(name: str, description: str, listener: typing.Callable[..., object]) -> Case:
    async def run(ctx: CaseContext) -> None:
        ctx.register(_COMMAND, listener)
        reply = await ctx.send_sample(payloads.default_sample(_COMMAND))
        expect(500 <= reply.status < 600, f"{description} got {reply.describe()}, expected a 5xx")

    return make_case("listener.error", name, f"{description} gets a 5xx", run, modes=IN_PROCESS)


async def _no_leak(ctx: CaseContext) -> None:
    ctx.register(_COMMAND, _raises)
    reply = await ctx.send_sample(payloads.default_sample(_COMMAND))
    leaked = [word for word in (_MARKER, "Traceback", "ListenerFailure") if word.encode() in reply.body]
    leaked += [name for name, value in reply.headers.items() if _MARKER in value or "Traceback" in value]
    expect(not leaked, f"the reply to a failing listener reveals the exception: {', '.join(leaked)}")


async def _recovers(ctx: CaseContext) -> None:
    ctx.register(_COMMAND, _raises)
    await ctx.send_sample(payloads.default_sample(_COMMAND))
    ctx.register(_COMMAND, None)
    received = ctx.listen(_COMMAND, lambda: ctx.adapter.message_reply("recovered"))
    reply = await ctx.send_sample(payloads.default_sample(_COMMAND))
    expect(
        reply.status == 200 and len(received) == 1, f"after a failing listener, the next command got {reply.describe()}"
    )
    ping = await ctx.send_sample(payloads.PING)
    expect(ping.status == 200, f"after a failing listener, a PING got {ping.describe()}")


_AUTOCOMPLETE: typing.Final = InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE
_COMPONENT: typing.Final = InteractionType.MESSAGE_COMPONENT
_MODAL: typing.Final = InteractionType.MODAL_SUBMIT
_MakeReply = typing.Callable[["Adapter"], object]

_INVALID_FOR_KIND: typing.Final[tuple[tuple[str, InteractionType, _MakeReply], ...]] = (
    ("autocomplete-gets-message", _AUTOCOMPLETE, lambda adapter: adapter.message_reply("not a choice")),
    ("command-gets-choices", _COMMAND, lambda adapter: adapter.autocomplete_reply([("a", "a")])),
    ("component-gets-choices", _COMPONENT, lambda adapter: adapter.autocomplete_reply([("a", "a")])),
    ("modal-gets-modal", _MODAL, lambda adapter: adapter.modal_reply("Again", "again", "again-text")),
    ("command-gets-update", _COMMAND, lambda adapter: adapter.message_reply("edit?", update=True)),
)


def _invalid_for_kind_case(name: str, kind: InteractionType, make: _MakeReply) -> Case:
    async def run(ctx: CaseContext) -> None:
        ctx.listen(kind, lambda: make(ctx.adapter))
        sample = payloads.default_sample(kind)
        expect_callback_type_valid(await ctx.send_sample(sample), sample.payload)

    return make_case(
        "listener.wrong-kind",
        name,
        f"a listener producing an invalid callback ({name}) does not get it sent as 2xx",
        run,
        modes=IN_PROCESS,
    )


CASES: typing.Final[tuple[Case, ...]] = (
    *(_error_case(*entry) for entry in _FAULTY),
    make_case(
        "listener.error-no-leak",
        "raises",
        "a failing listener's exception text is not in the reply",
        _no_leak,
        modes=IN_PROCESS,
    ),
    make_case(
        "listener.error-recovers",
        "next-request",
        "after a failing listener the next command and PING are answered",
        _recovers,
        modes=IN_PROCESS,
    ),
    *(_invalid_for_kind_case(*entry) for entry in _INVALID_FOR_KIND),
)
