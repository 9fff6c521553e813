"""Cases about HTTP itself (section ``http``): methods and body size."""

from __future__ import annotations

__all__ = ("CASES",)

import dataclasses
import typing

from conformance import payloads
from conformance.case import HTTP_ONLY
from conformance.case import Case
from conformance.case import make_case
from conformance.checks import expect

if typing.TYPE_CHECKING:
    from conformance.context import CaseContext

OVERSIZED_BYTES: typing.Final = 2 * 1024 * 1024


def _method_case(method: str) -> Case:
    async def run(ctx: CaseContext) -> None:
        request = dataclasses.replace(ctx.signer.sign(payloads.PING.body()), method=method)
        reply = await ctx.send(request)
        expect(reply.status == 405, f"a signed PING sent with {method} got {reply.describe()}, expected 405")

    return make_case("http.method", method.lower(), f"a signed PING sent with {method} gets 405", run, modes=HTTP_ONLY)


async def _oversized(ctx: CaseContext) -> None:
    ping = payloads.PING.body()
    body = ping + b" " * (OVERSIZED_BYTES - len(ping))
    reply = await ctx.send_signed(body)
    expect(reply.status == 413, f"a signed 2 MiB PING got {reply.describe()}, expected 413")


CASES: typing.Final[tuple[Case, ...]] = (
    _method_case("GET"),
    _method_case("PUT"),
    _method_case("DELETE"),
    make_case(
        "http.body-limit", "2-mib", "a correctly signed PING padded to 2 MiB gets 413", _oversized, modes=HTTP_ONLY
    ),
)
