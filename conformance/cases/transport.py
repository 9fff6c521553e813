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
from conformance.model import NotVerifiedError

if typing.TYPE_CHECKING:
    from conformance.context import CaseContext
    from conformance.model import Request

OVERSIZED_BYTES: typing.Final = 2 * 1024 * 1024
EARLY_BYTES: typing.Final = 16 * 1024 * 1024
"""The body of the early-refusal case: more than an endpoint's buffers can swallow once it stops reading."""
_EARLY_TIMEOUT_S: typing.Final = 10.0
"""Room for an endpoint without a limit to take in, verify and parse all 16 MiB before it answers."""
_METHODS: typing.Final = ("GET", "PUT", "DELETE")


def _method_case(method: str) -> Case:
    async def run(ctx: CaseContext) -> None:
        request = dataclasses.replace(ctx.signer.sign(payloads.PING.body()), method=method)
        reply = await ctx.send(request)
        expect(
            400 <= reply.status < 500,
            f"a signed PING sent with {method} got {reply.describe()}, expected a 4xx",
        )

    return make_case(
        "http.method", method.lower(), f"a signed PING sent with {method} gets a 4xx", run, modes=HTTP_ONLY
    )


def _method_405_case(method: str) -> Case:
    async def run(ctx: CaseContext) -> None:
        reply = await ctx.send(dataclasses.replace(ctx.signer.sign(payloads.PING.body()), method=method))
        allowed = {part.strip().upper() for part in reply.headers.get("allow", "").split(",")}
        expect(
            reply.status == 405 and "POST" in allowed,
            f"a signed PING sent with {method} got {reply.describe()} with Allow {reply.headers.get('allow')!r}, "
            "expected 405 with Allow naming POST",
        )

    return make_case(
        "http.method-405",
        method.lower(),
        f"a signed PING sent with {method} gets 405 with Allow: POST",
        run,
        modes=HTTP_ONLY,
    )


def _oversized_request(ctx: CaseContext, *, signed: bool, size: int = OVERSIZED_BYTES) -> Request:
    ping = payloads.PING.body()
    body = ping + b" " * (size - len(ping))
    request = ctx.signer.sign(body)
    return request if signed else dataclasses.replace(request, signature=bytes(64))


def _body_limit_case(*, signed: bool) -> Case:
    label = "a signed" if signed else "an unsigned"
    name = "signed" if signed else "unsigned"

    async def run(ctx: CaseContext) -> None:
        reply = await ctx.send(_oversized_request(ctx, signed=signed))
        expect(reply.status == 413, f"{label} 2 MiB PING got {reply.describe()}, expected 413")

    return make_case(
        "http.body-limit",
        f"2-mib-{name}",
        f"{label} PING padded to 2 MiB gets 413",
        run,
        modes=HTTP_ONLY,
    )


async def _early(ctx: CaseContext) -> None:
    reply = await ctx.send(_oversized_request(ctx, signed=False, size=EARLY_BYTES))
    if not 400 <= reply.status < 500:
        raise NotVerifiedError(f"an unsigned 16 MiB PING got {reply.describe()}: the endpoint refused nothing to judge")
    expect(
        reply.request_complete is False,
        f"the {reply.status} reply to an unsigned 16 MiB PING came only after the whole body was sent",
    )


CASES: typing.Final[tuple[Case, ...]] = (
    *(_method_case(method) for method in _METHODS),
    *(_method_405_case(method) for method in _METHODS),
    _body_limit_case(signed=True),
    _body_limit_case(signed=False),
    make_case(
        "http.body-limit-early",
        "16-mib-unsigned",
        "an unsigned 16 MiB PING is refused before the endpoint has read all of it",
        _early,
        modes=HTTP_ONLY,
        timeout_s=_EARLY_TIMEOUT_S,
    ),
)
