"""Cases for the listener registry (section ``registry``)."""

from __future__ import annotations

__all__ = ("CASES",)

import contextlib
import typing

from conformance import payloads
from conformance.case import IN_PROCESS
from conformance.case import Case
from conformance.case import make_case
from conformance.cases.dispatch import LISTENER_KINDS
from conformance.cases.dispatch import default_reply
from conformance.checks import expect
from conformance.checks import expect_not_success
from conformance.model import CaseFailure
from interaction_spec import InteractionType

if typing.TYPE_CHECKING:
    from conformance.context import CaseContext

_COMMAND: typing.Final = InteractionType.APPLICATION_COMMAND


def _make_listener(
    ctx: CaseContext, received: list[object], kind: InteractionType
) -> typing.Callable[[object], typing.Awaitable[object]]:
    async def listener(interaction: object) -> object:
        received.append(interaction)
        return default_reply(ctx.adapter, kind)

    return listener


def _get(ctx: CaseContext, kind: InteractionType) -> object:
    return ctx.server.get_listener(ctx.adapter.interaction_class(kind))


def _empty_case(kind: InteractionType) -> Case:
    async def run(ctx: CaseContext) -> None:
        got = _get(ctx, kind)
        expect(got is None, f"get_listener({kind.name}) on a new server returned {got!r}, not None")

    return make_case(
        "registry.empty",
        kind.name.lower(),
        f"get_listener for {kind.name} on a new server is None",
        run,
        modes=IN_PROCESS,
    )


def _set_case(kind: InteractionType) -> Case:
    async def run(ctx: CaseContext) -> None:
        listener = _make_listener(ctx, [], kind)
        ctx.register(kind, listener)
        expect(_get(ctx, kind) is listener, f"get_listener({kind.name}) did not return the listener just set")
        leaked = [other.name for other in LISTENER_KINDS if other is not kind and _get(ctx, other) is not None]
        expect(not leaked, f"setting a {kind.name} listener also set: {', '.join(leaked)}")

    return make_case(
        "registry.set", kind.name.lower(), f"set_listener then get_listener for {kind.name}", run, modes=IN_PROCESS
    )


async def _conflict_raises(ctx: CaseContext) -> None:
    first, second = _make_listener(ctx, [], _COMMAND), _make_listener(ctx, [], _COMMAND)
    ctx.register(_COMMAND, first)
    try:
        ctx.register(_COMMAND, second)
    except TypeError:
        pass
    except Exception as exc:
        raise CaseFailure(f"a second set_listener raised {type(exc).__name__}, not TypeError") from exc
    else:
        raise CaseFailure("a second set_listener without replace=True did not raise")
    expect(_get(ctx, _COMMAND) is first, "after the refused set_listener, get_listener no longer returns the first")


async def _conflict_keeps_first(ctx: CaseContext) -> None:
    first_received: list[object] = []
    second_received: list[object] = []
    ctx.register(_COMMAND, _make_listener(ctx, first_received, _COMMAND))
    with contextlib.suppress(TypeError):
        ctx.register(_COMMAND, _make_listener(ctx, second_received, _COMMAND))
    await ctx.send_sample(payloads.default_sample(_COMMAND))
    expect(not second_received, "the listener refused by set_listener received the command")
    expect(len(first_received) == 1, "the first listener did not receive the command")


async def _replace_get(ctx: CaseContext) -> None:
    second = _make_listener(ctx, [], _COMMAND)
    ctx.register(_COMMAND, _make_listener(ctx, [], _COMMAND))
    ctx.register(_COMMAND, second, replace=True)
    expect(_get(ctx, _COMMAND) is second, "after replace=True, get_listener does not return the new listener")


async def _replace_dispatch(ctx: CaseContext) -> None:
    first_received: list[object] = []
    second_received: list[object] = []
    ctx.register(_COMMAND, _make_listener(ctx, first_received, _COMMAND))
    ctx.register(_COMMAND, _make_listener(ctx, second_received, _COMMAND), replace=True)
    await ctx.send_sample(payloads.default_sample(_COMMAND))
    expect(
        len(second_received) == 1 and not first_received,
        "after replace=True, the command did not reach only the new listener",
    )


async def _replace_when_empty(ctx: CaseContext) -> None:
    listener = _make_listener(ctx, [], _COMMAND)
    ctx.register(_COMMAND, listener, replace=True)
    expect(_get(ctx, _COMMAND) is listener, "replace=True on an empty kind did not register the listener")


async def _unset_get(ctx: CaseContext) -> None:
    ctx.register(_COMMAND, _make_listener(ctx, [], _COMMAND))
    ctx.register(_COMMAND, None)
    expect(_get(ctx, _COMMAND) is None, "after set_listener(kind, None), get_listener is not None")


async def _unset_dispatch(ctx: CaseContext) -> None:
    received: list[object] = []
    ctx.register(_COMMAND, _make_listener(ctx, received, _COMMAND))
    ctx.register(_COMMAND, None)
    expect_not_success(await ctx.send_sample(payloads.default_sample(_COMMAND)))
    expect(not received, "the removed listener still received the command")


async def _unset_when_empty(ctx: CaseContext) -> None:
    ctx.register(_COMMAND, None)
    expect(_get(ctx, _COMMAND) is None, "set_listener(kind, None) on an empty kind left something registered")


async def _unset_then_set(ctx: CaseContext) -> None:
    listener = _make_listener(ctx, [], _COMMAND)
    ctx.register(_COMMAND, _make_listener(ctx, [], _COMMAND))
    ctx.register(_COMMAND, None)
    ctx.register(_COMMAND, listener)
    expect(_get(ctx, _COMMAND) is listener, "a listener set after removing the previous one is not registered")


def _in_process(
    clause_id: str, name: str, summary: str, run: typing.Callable[[CaseContext], typing.Awaitable[None]]
) -> Case:
    return make_case(clause_id, name, summary, run, modes=IN_PROCESS)


CASES: typing.Final[tuple[Case, ...]] = (
    *(_empty_case(kind) for kind in LISTENER_KINDS),
    *(_set_case(kind) for kind in LISTENER_KINDS),
    _in_process(
        "registry.conflict", "raises", "a second set_listener without replace raises TypeError", _conflict_raises
    ),
    _in_process(
        "registry.conflict",
        "keeps-first",
        "after the refused set_listener, commands reach the first",
        _conflict_keeps_first,
    ),
    _in_process("registry.replace", "get", "replace=True makes get_listener return the new listener", _replace_get),
    _in_process(
        "registry.replace", "dispatch", "replace=True makes commands reach only the new listener", _replace_dispatch
    ),
    _in_process(
        "registry.replace", "when-empty", "replace=True on an empty kind registers the listener", _replace_when_empty
    ),
    _in_process("registry.unset", "get", "set_listener(kind, None) makes get_listener None", _unset_get),
    _in_process(
        "registry.unset", "dispatch", "after set_listener(kind, None), commands get a non-2xx", _unset_dispatch
    ),
    _in_process(
        "registry.unset", "when-empty", "set_listener(kind, None) on an empty kind is no error", _unset_when_empty
    ),
    _in_process("registry.unset", "then-set", "after removing, set_listener works without replace", _unset_then_set),
)
