"""Cases for async-generator listeners (section ``asyncgen``)."""

from __future__ import annotations

__all__ = ("CASES",)

import asyncio
import gc
import typing
import weakref

from conformance import payloads
from conformance.case import IN_PROCESS
from conformance.case import Case
from conformance.case import make_case
from conformance.checks import expect
from conformance.checks import expect_json_reply
from conformance.model import CaseFailure
from interaction_spec import InteractionType

if typing.TYPE_CHECKING:
    from conformance.context import CaseContext
    from conformance.model import Reply

_COMMAND: typing.Final = InteractionType.APPLICATION_COMMAND
_REPLY_WAIT_S: typing.Final = 1.5
_CONTINUATION_WAIT_S: typing.Final = 2.0
_COLLECTIONS: typing.Final = 5


class _Probe:
    """An async-generator listener that reports how far it got."""

    def __init__(self, ctx: CaseContext, *, second_yield: bool = False) -> None:
        self.ctx = ctx
        self.second_yield = second_yield
        self.release = asyncio.Event()
        self.paused = asyncio.Event()
        self.finished = asyncio.Event()
        self.closed = asyncio.Event()
        self.pending: weakref.ref[asyncio.Future[None]] | None = None

    async def listener(self, interaction: object) -> typing.AsyncGenerator[object, None]:
        try:
            yield self.ctx.adapter.message_reply("first")
            await self.release.wait()
            if self.second_yield:
                yield self.ctx.adapter.message_reply("second")
            self.finished.set()
        finally:
            self.closed.set()

    async def weakly_held_listener(self, interaction: object) -> typing.AsyncGenerator[object, None]:
        """After the reply, wait on a future only the server's continuation references."""
        yield self.ctx.adapter.message_reply("first")
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.pending = weakref.ref(future)
        self.paused.set()
        await future
        self.finished.set()

    async def send(
        self, listener: typing.Callable[[object], typing.AsyncGenerator[object, None]] | None = None
    ) -> Reply:
        self.ctx.register(_COMMAND, listener or self.listener)
        try:
            return await asyncio.wait_for(self.ctx.send_sample(payloads.default_sample(_COMMAND)), _REPLY_WAIT_S)
        except asyncio.TimeoutError:
            self.release.set()
            raise CaseFailure(
                f"no reply within {_REPLY_WAIT_S}s while the generator was paused after its first yield"
            ) from None


def _content(reply: Reply) -> object:
    data = expect_json_reply(reply).get("data")
    return typing.cast("typing.Mapping[str, object]", data).get("content") if isinstance(data, dict) else None


async def _wait(event: asyncio.Event) -> bool:
    try:
        await asyncio.wait_for(event.wait(), _CONTINUATION_WAIT_S)
    except asyncio.TimeoutError:
        return False
    return True


async def _first_yield_is_reply(ctx: CaseContext) -> None:
    probe = _Probe(ctx)
    reply = await probe.send()
    probe.release.set()
    expect(_content(reply) == "first", f"the reply is not the first yielded builder: {reply.describe()}")


async def _returns_while_paused(ctx: CaseContext) -> None:
    probe = _Probe(ctx)
    await probe.send()
    paused = not probe.finished.is_set()
    probe.release.set()
    expect(paused, "the generator had run past its first yield before the reply was returned")


async def _continuation_completes(ctx: CaseContext) -> None:
    probe = _Probe(ctx)
    await probe.send()
    gc.collect()
    await asyncio.sleep(0)
    gc.collect()
    probe.release.set()
    expect(await _wait(probe.finished), f"the code after the first yield did not finish within {_CONTINUATION_WAIT_S}s")


async def _continuation_not_collected(ctx: CaseContext) -> None:
    probe = _Probe(ctx)
    await probe.send(probe.weakly_held_listener)
    expect(await _wait(probe.paused), f"the code after the first yield did not start within {_CONTINUATION_WAIT_S}s")
    for _ in range(_COLLECTIONS):  # gc.collect() does nothing while another thread is collecting: try a few times
        gc.collect()
        if probe.pending is None or probe.pending() is None:
            break
        await asyncio.sleep(0.01)
    future = probe.pending() if probe.pending is not None else None
    expect(future is not None, "the continuation was garbage-collected: the server keeps no reference to its task")
    assert future is not None
    future.set_result(None)
    expect(await _wait(probe.finished), f"the continuation did not finish within {_CONTINUATION_WAIT_S}s")


async def _second_yield_reply_intact(ctx: CaseContext) -> None:
    probe = _Probe(ctx, second_yield=True)
    reply = await probe.send()
    probe.release.set()
    await _wait(probe.closed)
    expect(_content(reply) == "first", f"the reply is not the first yielded builder: {reply.describe()}")
    after = await ctx.send_sample(payloads.PING)
    expect(after.status == 200, f"after a generator yielded twice, a PING got {after.describe()}")


async def _second_yield_closes(ctx: CaseContext) -> None:
    probe = _Probe(ctx, second_yield=True)
    await probe.send()
    probe.release.set()
    expect(
        await _wait(probe.closed), f"the generator was not closed within {_CONTINUATION_WAIT_S}s of its second yield"
    )
    expect(not probe.finished.is_set(), "the generator was resumed after its second yield")


def _case(clause_id: str, name: str, summary: str, run: typing.Callable[[CaseContext], typing.Awaitable[None]]) -> Case:
    return make_case(clause_id, name, summary, run, modes=IN_PROCESS)


CASES: typing.Final[tuple[Case, ...]] = (
    _case("asyncgen.first-yield", "is-reply", "the first yielded builder is the reply", _first_yield_is_reply),
    _case(
        "asyncgen.first-yield",
        "while-paused",
        "the reply returns while the generator waits after yielding",
        _returns_while_paused,
    ),
    _case(
        "asyncgen.continuation",
        "completes",
        "the code after the first yield finishes, despite gc",
        _continuation_completes,
    ),
    _case(
        "asyncgen.continuation",
        "not-collected",
        "a continuation only the server references survives garbage collection and finishes",
        _continuation_not_collected,
    ),
    _case(
        "asyncgen.second-yield",
        "reply-intact",
        "a second yield leaves the reply and the server intact",
        _second_yield_reply_intact,
    ),
    _case(
        "asyncgen.second-yield", "closed", "a generator that yields twice is closed, not resumed", _second_yield_closes
    ),
)
