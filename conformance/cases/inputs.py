"""Cases for malformed and unknown input (section ``input``) and for ``robust``."""

from __future__ import annotations

__all__ = ("CASES", "LEAK_PATTERNS")

import contextlib
import json
import re
import typing

import interaction_spec
from conformance import payloads
from conformance.case import IN_PROCESS
from conformance.case import Case
from conformance.case import make_case
from conformance.checks import expect
from conformance.checks import expect_not_success
from conformance.checks import expect_rejected
from conformance.checks import is_pong
from conformance.context import TargetRaisedError
from conformance.model import CaseFailure
from conformance.model import Mode
from conformance.model import Request
from conformance.model import TargetError
from interaction_spec import InteractionType

if typing.TYPE_CHECKING:
    from conformance.context import CaseContext


def _with(**changes: object) -> bytes:
    payload = payloads.default_sample(InteractionType.APPLICATION_COMMAND).copy()
    for key, value in changes.items():
        if value is _DROP:
            del payload[key]
        else:
            payload[key] = value
    return json.dumps(payload).encode()


_DROP: typing.Final = object()

MALFORMED_BODIES: typing.Final[tuple[tuple[str, str, bytes], ...]] = (
    ("not-json", "a body that is not JSON", b"{'type': 1}"),
    ("empty", "an empty body", b""),
    ("truncated-json", "JSON cut short", payloads.PING.body()[:-1]),
    ("json-array", "a JSON array", b"[1]"),
    ("json-string", "a JSON string", b'"ping"'),
    ("json-number", "a JSON number", b"1"),
    ("json-null", "JSON null", b"null"),
    ("missing-type", "an object without type", _with(type=_DROP)),
    ("type-string", 'type "1", a string', b'{"type":"1","id":"1","application_id":"1","token":"t","version":1}'),
    ("type-boolean", "type true", _with(type=True)),
    ("type-null", "type null", _with(type=None)),
    ("type-object", "type {}", _with(type={})),
    ("invalid-utf8", "bytes that are not UTF-8", b'{"type": 1, "x": "\xff\xfe"}'),
)
"""Signed bodies that are not interactions."""

UNKNOWN_TYPES: typing.Final[tuple[tuple[str, int], ...]] = (("type-99", 99), ("type-0", 0), ("type-6", 6))

HOSTILE_INPUTS: typing.Final[tuple[tuple[str, str], ...]] = (
    ("unsigned-garbage", "random bytes, an all-zero signature and a non-numeric timestamp"),
    ("signed-json-array", "a signed JSON array"),
    ("signed-deep-nesting", "signed JSON nested 100,000 levels deep"),
    ("signed-huge-number", "a signed interaction whose id has 100,000 digits"),
    ("signed-type-string", 'a signed object with type "1"'),
    ("signed-huge-type", "a signed object with type 2**80"),
    ("non-ascii-timestamp", "a signed body with a non-ASCII timestamp"),
    ("all-empty", "empty body, signature and timestamp"),
    ("signed-not-json", "a signed body that is not JSON"),
    ("signed-invalid-utf8", "a signed body that is not UTF-8"),
)


SURVIVAL_INPUTS: typing.Final[tuple[str, ...]] = (
    "signed-json-array",
    "signed-deep-nesting",
    "signed-huge-number",
    "signed-type-string",
    "signed-huge-type",
    "signed-not-json",
    "signed-invalid-utf8",
)
"""Signed bodies that are not interactions, after each of which the endpoint must still answer a PING."""

LEAK_PATTERNS: typing.Final[tuple[re.Pattern[bytes], ...]] = (
    re.compile(rb"Traceback \(most recent call last\)"),
    re.compile(rb'File "[^"\n]+", line \d+'),
    re.compile(rb"\n\s+at [\w.<>$]+ \([^)\n]*:\d+:\d+\)"),
    re.compile(rb"\b[A-Z]\w*(?:Error|Exception)\b(?::|\()"),
    re.compile(rb"node_modules/|site-packages/"),
)
"""What exception text and stack traces look like in a reply body: Python's, Node's, and exception names."""


_NO_LEAK_TIMEOUT_S: typing.Final = len(HOSTILE_INPUTS) * (interaction_spec.RESPONSE_DEADLINE_S + 2.0)
"""Time for every hostile input to go unanswered (over HTTP each waits out the read timeout, the deadline plus a
second), so that an endpoint silent on some of them leaves the case to judge the rest instead of timing out."""


def _hostile_request(ctx: CaseContext, name: str) -> Request:
    sign = ctx.signer.sign
    if name == "signed-not-json":
        return sign(b"{'type': 1}")
    if name == "signed-invalid-utf8":
        return sign(b'{"type": 2, "token": "\xff\xfe"}')
    if name == "unsigned-garbage":
        return Request(bytes(range(256)) * 4, bytes(64), b"not-a-time")
    if name == "signed-json-array":
        return sign(b"[]")
    if name == "signed-deep-nesting":
        return sign(b"[" * 100_000 + b"]" * 100_000)
    if name == "signed-huge-number":
        return sign(b'{"type":2,"id":' + b"9" * 100_000 + b',"token":"t","data":{}}')
    if name == "signed-type-string":
        return sign(b'{"type":"1"}')
    if name == "signed-huge-type":
        return sign(b'{"type":%d}' % 2**80)
    if name == "non-ascii-timestamp":
        return sign(payloads.PING.body(), "１７００００００００".encode())  # noqa: RUF001 - fullwidth digits on purpose
    return Request(b"", b"", b"")


def _malformed_case(name: str, description: str, body: bytes) -> Case:
    async def run(ctx: CaseContext) -> None:
        received = _listen_everywhere(ctx)
        expect_rejected(await ctx.send_signed(body))
        expect(not any(received), "a listener ran for a body that is not an interaction")

    return make_case("input.reject", name, f"signed, {description}: gets a 4xx", run)


def _unknown_case(name: str, interaction_type: int) -> Case:
    async def run(ctx: CaseContext) -> None:
        payload = payloads.default_sample(InteractionType.APPLICATION_COMMAND).copy()
        payload["type"] = interaction_type
        received = _listen_everywhere(ctx)
        expect_not_success(await ctx.send_signed(json.dumps(payload).encode()))
        expect(not any(received), f"a listener ran for an interaction of type {interaction_type}")

    return make_case("input.unknown-type", name, f"a signed interaction of type {interaction_type} gets a non-2xx", run)


def _listen_everywhere(ctx: CaseContext) -> list[list[object]]:
    if ctx.mode is not Mode.IN_PROCESS:
        return []
    return [ctx.listen(kind, lambda: None) for kind in InteractionType if kind is not InteractionType.PING]


def _never_raises_case(name: str, description: str) -> Case:
    async def run(ctx: CaseContext) -> None:
        try:
            await ctx.send(_hostile_request(ctx, name))
        except TargetRaisedError as exc:
            raise CaseFailure(str(exc)) from exc

    return make_case(
        "robust.never-raises", name, f"{description}: on_interaction returns a Response", run, modes=IN_PROCESS
    )


def _response_case(name: str, description: str, make: typing.Callable[[CaseContext], Request]) -> Case:
    async def run(ctx: CaseContext) -> None:
        ctx.listen(InteractionType.APPLICATION_COMMAND, lambda: ctx.adapter.message_reply("ok"))
        try:
            await ctx.send(make(ctx))
        except TargetRaisedError:
            raise
        except TargetError as exc:
            raise CaseFailure(str(exc)) from exc

    return make_case("robust.response", name, f"the reply to {description} honours Response", run, modes=IN_PROCESS)


def _survives_case(name: str) -> Case:
    async def run(ctx: CaseContext) -> None:
        _listen_everywhere(ctx)
        with contextlib.suppress(TargetError):  # how the input is answered is for other clauses, not this one
            await ctx.send(_hostile_request(ctx, name))
        try:
            reply = await ctx.send_sample(payloads.PING)
        except TargetError as exc:
            raise CaseFailure(f"after {name}, a signed PING got no answer: {exc}") from exc
        expect(is_pong(reply), f"after {name}, a PING got {reply.describe()}")

    return make_case("input.survives", name, f"after {name}, a signed PING still gets PONG", run)


async def _no_leak(ctx: CaseContext) -> None:
    _listen_everywhere(ctx)
    leaks: list[str] = []
    for name, _ in HOSTILE_INPUTS:
        try:
            reply = await ctx.send(_hostile_request(ctx, name))
        except TargetError:
            continue  # no body, nothing leaked; other clauses judge the silence
        found = next((match for pattern in LEAK_PATTERNS if (match := pattern.search(reply.body))), None)
        if found is not None:
            leaks.append(f"{name} got {reply.status} revealing {found.group(0)[:60]!r}")
    expect(not leaks, "; ".join(leaks))


CASES: typing.Final[tuple[Case, ...]] = (
    *(_malformed_case(name, description, body) for name, description, body in MALFORMED_BODIES),
    *(_unknown_case(name, interaction_type) for name, interaction_type in UNKNOWN_TYPES),
    *(_survives_case(name) for name in SURVIVAL_INPUTS),
    make_case(
        "robust.no-leak",
        "hostile-inputs",
        "no reply to hostile input, signed or not, carries a stack trace or exception text",
        _no_leak,
        timeout_s=_NO_LEAK_TIMEOUT_S,
    ),
    *(_never_raises_case(name, description) for name, description in HOSTILE_INPUTS),
    _response_case("ping", "a PING", lambda ctx: ctx.signer.sign(payloads.PING.body())),
    _response_case("rejected", "an unverifiable request", lambda ctx: Request(payloads.PING.body(), bytes(64), b"1")),
    _response_case(
        "command",
        "a command with a message reply",
        lambda ctx: ctx.signer.sign(payloads.default_sample(InteractionType.APPLICATION_COMMAND).body()),
    ),
)
