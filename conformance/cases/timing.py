"""Cases for concurrency and the reply deadline (sections ``concurrency`` and ``timing``)."""

from __future__ import annotations

__all__ = ("CASES",)

import asyncio
import typing

from conformance import payloads
from conformance.case import BOTH_MODES
from conformance.case import IN_PROCESS
from conformance.case import Case
from conformance.case import make_case
from conformance.cases.dispatch import default_reply
from conformance.checks import expect
from conformance.model import CaseFailure
from conformance.model import HandlingFailure
from conformance.model import Mode
from interaction_spec import RESPONSE_DEADLINE_S
from interaction_spec import InteractionType

if typing.TYPE_CHECKING:
    from conformance.context import CaseContext

_COMMAND: typing.Final = InteractionType.APPLICATION_COMMAND
_FAST_WAIT_S: typing.Final = RESPONSE_DEADLINE_S
"""How long the other interaction may take while the slow listener is held: Discord's deadline, no less."""
_DEADLINE_GRACE_S: typing.Final = 0.5


def _independent_case(name: str, slow_kind: InteractionType, fast_sample: payloads.Sample) -> Case:
    async def run(ctx: CaseContext) -> None:
        release = asyncio.Event()
        slow_sample = payloads.samples_of(slow_kind)[0]

        async def listener(interaction: object) -> object:
            if ctx.adapter.read_field(interaction, "token") == slow_sample.expected["token"]:
                await release.wait()
            return default_reply(ctx.adapter, slow_kind)

        ctx.register(slow_kind, listener)
        if fast_sample.interaction_type is not slow_kind:
            ctx.listen(fast_sample.interaction_type, lambda: default_reply(ctx.adapter, fast_sample.interaction_type))
        slow = asyncio.ensure_future(ctx.send_sample(slow_sample))
        try:
            await asyncio.sleep(0.05)
            try:
                fast = await asyncio.wait_for(ctx.send_sample(fast_sample), _FAST_WAIT_S)
            except asyncio.TimeoutError:
                detail = f"{fast_sample.name} got no reply within {_FAST_WAIT_S}s while {slow_sample.name} was pending"
                raise CaseFailure(detail) from None
            expect(fast.status == 200, f"{fast_sample.name} got {fast.describe()} while another listener ran")
            expect(not slow.done(), "the slow listener finished before it was released")
        finally:
            release.set()
            await asyncio.wait_for(slow, _FAST_WAIT_S)

    return make_case(
        "concurrency.independent",
        name,
        f"{fast_sample.name} is answered within {RESPONSE_DEADLINE_S:g}s while the {slow_kind.name.lower()} "
        "listener is still running",
        run,
        modes=IN_PROCESS,
        timeout_s=2 * _FAST_WAIT_S + 1.0,
    )


def _deadline_case(sample: payloads.Sample) -> Case:
    async def run(ctx: CaseContext) -> None:
        if ctx.mode is Mode.IN_PROCESS and sample.interaction_type is not InteractionType.PING:
            ctx.listen(sample.interaction_type, lambda: default_reply(ctx.adapter, sample.interaction_type))
        try:
            reply = await asyncio.wait_for(ctx.interact(sample), RESPONSE_DEADLINE_S + _DEADLINE_GRACE_S)
        except asyncio.TimeoutError:
            raise HandlingFailure(f"{sample.name} got no reply within {RESPONSE_DEADLINE_S:g}s") from None
        expect(
            reply.elapsed_s <= RESPONSE_DEADLINE_S,
            f"the reply took {reply.elapsed_s:.2f}s, over Discord's {RESPONSE_DEADLINE_S:g}s deadline",
        )

    return make_case(
        "timing.deadline",
        sample.name,
        f"{sample.name} is answered within {RESPONSE_DEADLINE_S:g}s",
        run,
        modes=BOTH_MODES,
        timeout_s=RESPONSE_DEADLINE_S + 2 * _DEADLINE_GRACE_S,
    )


CASES: typing.Final[tuple[Case, ...]] = (
    _independent_case("other-kind", _COMMAND, payloads.default_sample(InteractionType.MESSAGE_COMPONENT)),
    _independent_case("same-kind", _COMMAND, payloads.samples_of(_COMMAND)[1]),
    _deadline_case(payloads.PING),
    *(_deadline_case(payloads.default_sample(kind)) for kind in InteractionType if kind is not InteractionType.PING),
    *(_deadline_case(sample) for sample in payloads.MINIMAL_SAMPLES),
)
