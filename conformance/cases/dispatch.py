"""Cases for dispatch to listeners (section ``dispatch``)."""

from __future__ import annotations

__all__ = ("CASES", "LISTENER_KINDS", "default_reply", "replier")

import typing

from conformance import payloads
from conformance.case import IN_PROCESS
from conformance.case import Case
from conformance.case import make_case
from conformance.checks import expect
from conformance.checks import expect_not_success
from interaction_spec import InteractionType

if typing.TYPE_CHECKING:
    from conformance.adapter import Adapter
    from conformance.context import CaseContext
    from conformance.payloads import Sample

LISTENER_KINDS: typing.Final[tuple[InteractionType, ...]] = tuple(
    kind for kind in InteractionType if kind is not InteractionType.PING
)


def default_reply(adapter: Adapter, interaction_type: InteractionType) -> object:
    """Return a reply valid for the kind: choices for autocomplete, a message otherwise."""
    if interaction_type is InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE:
        return adapter.autocomplete_reply([("first choice", "first")])
    return adapter.message_reply(f"handled {interaction_type.name.lower()}")


def replier(ctx: CaseContext, interaction_type: InteractionType) -> typing.Callable[[], object]:
    """Return a function making `default_reply` for the kind, for `CaseContext.listen`."""
    return lambda: default_reply(ctx.adapter, interaction_type)


def _route_case(sample: Sample) -> Case:
    async def run(ctx: CaseContext) -> None:
        received = {kind: ctx.listen(kind, replier(ctx, kind)) for kind in LISTENER_KINDS}
        await ctx.send_sample(sample)
        own = received[sample.interaction_type]
        expect(len(own) == 1, f"the {sample.interaction_type.name} listener ran {len(own)} times, expected once")
        expected_class = ctx.adapter.interaction_class(sample.interaction_type)
        expect(
            isinstance(own[0], expected_class),
            f"the listener got {type(own[0]).__name__}, not {expected_class.__name__}",
        )
        others = [kind.name for kind, got in received.items() if got and kind is not sample.interaction_type]
        expect(not others, f"listeners of other kinds ran too: {', '.join(others)}")

    return make_case(
        "dispatch.route",
        sample.name,
        f"{sample.name} reaches its own listener once and no other",
        run,
        modes=IN_PROCESS,
    )


def _normalise(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return tuple(_normalise(item) for item in typing.cast("typing.Sequence[object]", value))
    if isinstance(value, typing.Mapping):
        mapping = typing.cast("typing.Mapping[object, object]", value)
        return {key: _normalise(item) for key, item in mapping.items()}
    return value


def _fields_case(sample: Sample) -> Case:
    async def run(ctx: CaseContext) -> None:
        received = ctx.listen(sample.interaction_type, lambda: default_reply(ctx.adapter, sample.interaction_type))
        await ctx.send_sample(sample)
        expect(len(received) == 1, f"the listener ran {len(received)} times, expected once")
        wrong: list[str] = []
        for name, expected in sample.expected.items():
            actual = ctx.adapter.read_field(received[0], name)
            if _normalise(actual) != _normalise(expected):
                wrong.append(f"{name}={actual!r} (expected {expected!r})")
        expect(not wrong, "the interaction carries wrong values: " + "; ".join(wrong))

    return make_case(
        "dispatch.fields",
        sample.name,
        f"the listener reads {sample.name}'s values through the spec's properties",
        run,
        modes=IN_PROCESS,
    )


def _no_listener_case(interaction_type: InteractionType) -> Case:
    sample = payloads.default_sample(interaction_type)

    async def run(ctx: CaseContext) -> None:
        for other in LISTENER_KINDS:
            if other is not interaction_type:
                ctx.listen(other, replier(ctx, other))
        expect_not_success(await ctx.send_sample(sample))

    return make_case(
        "dispatch.no-listener",
        sample.name,
        f"{sample.name} with listeners for every other kind only gets a non-2xx",
        run,
        modes=IN_PROCESS,
    )


CASES: typing.Final[tuple[Case, ...]] = (
    *(_route_case(sample) for sample in payloads.ALL_SAMPLES if sample.interaction_type in LISTENER_KINDS),
    *(_fields_case(sample) for sample in payloads.ALL_SAMPLES if sample.interaction_type in LISTENER_KINDS),
    *(_no_listener_case(kind) for kind in LISTENER_KINDS),
)
