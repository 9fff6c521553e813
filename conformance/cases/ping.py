"""Cases for PING and PONG (section ``ping``)."""

from __future__ import annotations

__all__ = ("CASES",)

import typing

from conformance import payloads
from conformance.case import IN_PROCESS
from conformance.case import Case
from conformance.case import make_case
from conformance.checks import expect
from conformance.checks import expect_json_reply
from conformance.checks import is_pong
from interaction_spec import InteractionType

if typing.TYPE_CHECKING:
    from conformance.context import CaseContext


async def _status(ctx: CaseContext) -> None:
    reply = await ctx.send_sample(payloads.PING)
    expect(reply.status == 200, f"expected 200, got {reply.describe()}")


async def _body(ctx: CaseContext) -> None:
    reply = await ctx.send_sample(payloads.PING)
    expect(is_pong(reply), f"expected a PONG, a JSON object of type 1, got {reply.describe()}")


async def _content_type(ctx: CaseContext) -> None:
    expect_json_reply(await ctx.send_sample(payloads.PING))


async def _no_dispatch(ctx: CaseContext) -> None:
    received = [ctx.listen(kind, lambda: None) for kind in InteractionType if kind is not InteractionType.PING]
    reply = await ctx.send_sample(payloads.PING)
    expect(is_pong(reply), f"expected PONG, got {reply.describe()}")
    expect(not any(received), "a listener ran for a PING")


CASES: typing.Final[tuple[Case, ...]] = (
    make_case("ping.pong", "status", "a signed PING gets 200", _status),
    make_case("ping.pong", "body", "a signed PING gets a PONG: a JSON object of type 1", _body),
    make_case("ping.pong", "content-type", "the PONG is declared application/json", _content_type),
    make_case(
        "ping.pong",
        "no-dispatch",
        "with a listener for every kind, a PING still gets PONG and runs none",
        _no_dispatch,
        modes=IN_PROCESS,
    ),
)
