"""Cases for signature verification (section ``sig``)."""

from __future__ import annotations

__all__ = ("CASES", "TAMPERS")

import dataclasses
import typing

from conformance import payloads
from conformance.case import BOTH_MODES
from conformance.case import HTTP_ONLY
from conformance.case import IN_PROCESS
from conformance.case import Case
from conformance.case import make_case
from conformance.checks import expect
from conformance.checks import expect_rejected
from conformance.checks import is_success
from conformance.model import Mode
from conformance.model import Request
from conformance.signing import Signer
from interaction_spec import SIGNATURE_HEADER
from interaction_spec import TIMESTAMP_HEADER
from interaction_spec import InteractionType

if typing.TYPE_CHECKING:
    from conformance.context import CaseContext

_OTHER_KEY: typing.Final = Signer(bytes([0xA5]) * 32)
_STALE_BY_S: typing.Final = 3600


def _bad_signature(signer: Signer, body: bytes) -> Request:
    return Request(body, bytes(range(64)), signer.now())


def _wrong_key(signer: Signer, body: bytes) -> Request:
    return _OTHER_KEY.sign(body)


def _tampered_body(signer: Signer, body: bytes) -> Request:
    return dataclasses.replace(signer.sign(body), body=body + b" ")


def _tampered_timestamp(signer: Signer, body: bytes) -> Request:
    request = signer.sign(body)
    return dataclasses.replace(request, timestamp=str(int(request.timestamp) + 1).encode())


def _body_only(signer: Signer, body: bytes) -> Request:
    return dataclasses.replace(signer.sign(body), signature=signer.signature(b"", body))


def _body_then_timestamp(signer: Signer, body: bytes) -> Request:
    request = signer.sign(body)
    return dataclasses.replace(request, signature=signer.signature(body, request.timestamp))


def _empty_signature(signer: Signer, body: bytes) -> Request:
    return dataclasses.replace(signer.sign(body), signature=b"")


def _truncated_signature(signer: Signer, body: bytes) -> Request:
    request = signer.sign(body)
    return dataclasses.replace(request, signature=request.signature[:63])


def _overlong_signature(signer: Signer, body: bytes) -> Request:
    request = signer.sign(body)
    return dataclasses.replace(request, signature=request.signature + b"\x00")


def _with_headers(signature: str | None, timestamp: str | None) -> typing.Callable[[Signer, bytes], Request]:
    """Make an HTTP request with the given raw header values; `None` leaves the header out."""

    def make(signer: Signer, body: bytes) -> Request:
        request = signer.sign(body)
        raw = {
            "signature": request.signature.hex(),
            "odd-length": request.signature.hex()[:-1],
            "non-hex": "zz" * 64,
            "timestamp": request.timestamp.decode(),
        }
        headers = {
            SIGNATURE_HEADER: None if signature is None else raw[signature],
            TIMESTAMP_HEADER: None if timestamp is None else raw[timestamp],
        }
        return dataclasses.replace(request, headers=headers)

    return make


@dataclasses.dataclass(frozen=True, slots=True)
class Tamper:
    """A way to make a request that must fail verification."""

    name: str
    description: str
    make: typing.Callable[[Signer, bytes], Request]
    modes: frozenset[Mode] = BOTH_MODES


TAMPERS: typing.Final[tuple[Tamper, ...]] = (
    Tamper("bad-signature", "a well-formed signature that signs nothing", _bad_signature),
    Tamper("wrong-key", "a valid signature by another key", _wrong_key),
    Tamper("tampered-body", "the body changed after signing", _tampered_body),
    Tamper("tampered-timestamp", "the timestamp changed after signing", _tampered_timestamp),
    Tamper("body-only", "a signature over the body alone, without the timestamp", _body_only),
    Tamper("body-then-timestamp", "a signature over body + timestamp, the wrong order", _body_then_timestamp),
    Tamper("empty-signature", "an empty signature", _empty_signature),
    Tamper("truncated-signature", "the valid signature without its last byte", _truncated_signature),
    Tamper("overlong-signature", "the valid signature with a byte appended", _overlong_signature),
    Tamper("no-signature-header", "no X-Signature-Ed25519 header", _with_headers(None, "timestamp"), HTTP_ONLY),
    Tamper("no-timestamp-header", "no X-Signature-Timestamp header", _with_headers("signature", None), HTTP_ONLY),
    Tamper("no-signature-headers", "neither signature header", _with_headers(None, None), HTTP_ONLY),
    Tamper("non-hex-signature", "a signature header that is not hex", _with_headers("non-hex", "timestamp"), HTTP_ONLY),
    Tamper(
        "odd-length-signature",
        "the valid hex signature less one digit",
        _with_headers("odd-length", "timestamp"),
        HTTP_ONLY,
    ),
)
"""Every way the suite makes an unverifiable request; black-box mode adds header-level ones."""

_TARGETS: typing.Final = (
    ("ping", payloads.PING),
    ("command", payloads.default_sample(InteractionType.APPLICATION_COMMAND)),
)


def _rejected_case(tamper: Tamper, label: str, sample: payloads.Sample) -> Case:
    async def run(ctx: CaseContext) -> None:
        if ctx.mode is Mode.IN_PROCESS and sample.interaction_type is not InteractionType.PING:
            ctx.listen(sample.interaction_type, lambda: None)
        expect_rejected(await ctx.send(tamper.make(ctx.signer, sample.body())))

    summary = f"{label} with {tamper.description} gets a 4xx"
    return make_case("sig.reject", f"{label}.{tamper.name}", summary, run, modes=tamper.modes)


def _unauthorized_case(tamper: Tamper, label: str, sample: payloads.Sample) -> Case:
    async def run(ctx: CaseContext) -> None:
        reply = await ctx.send(tamper.make(ctx.signer, sample.body()))
        expect(reply.status == 401, f"expected 401, got {reply.describe()}")

    summary = f"{label} with {tamper.description} gets 401"
    return make_case("sig.status-401", f"{label}.{tamper.name}", summary, run, modes=tamper.modes)


def _no_dispatch_case(tamper: Tamper) -> Case:
    sample = payloads.default_sample(InteractionType.APPLICATION_COMMAND)

    async def run(ctx: CaseContext) -> None:
        received = ctx.listen(sample.interaction_type, lambda: ctx.adapter.message_reply("should not be sent"))
        await ctx.send(tamper.make(ctx.signer, sample.body()))
        expect(not received, "the command listener ran for a request that failed verification")

    return make_case(
        "sig.no-dispatch",
        f"command.{tamper.name}",
        f"a command with {tamper.description} never reaches the command listener",
        run,
        modes=IN_PROCESS,
    )


async def _accept_ping(ctx: CaseContext) -> None:
    reply = await ctx.send_sample(payloads.PING)
    expect(reply.status == 200, f"a correctly signed PING got {reply.describe()}")


async def _accept_command(ctx: CaseContext) -> None:
    sample = payloads.default_sample(InteractionType.APPLICATION_COMMAND)
    received: list[object] = []
    if ctx.mode is Mode.IN_PROCESS:
        received = ctx.listen(sample.interaction_type, lambda: ctx.adapter.message_reply("verified"))
    reply = await ctx.send_sample(sample)
    expect(not (400 <= reply.status < 500), f"a correctly signed command got {reply.describe()}")
    if ctx.mode is Mode.IN_PROCESS:
        expect(len(received) == 1, f"the command listener ran {len(received)} times, expected once")


async def _stale_timestamp(ctx: CaseContext) -> None:
    stale = str(int(ctx.signer.now()) - _STALE_BY_S).encode()
    reply = await ctx.send(ctx.signer.sign(payloads.PING.body(), stale))
    if is_success(reply):
        expect(reply.status == 200, f"a PING an hour old was accepted but answered {reply.describe()}")
        expect(reply.json() == {"type": 1}, f"a PING an hour old was accepted but answered {reply.describe()}")
    else:
        expect_rejected(reply)


CASES: typing.Final[tuple[Case, ...]] = (
    *(_rejected_case(tamper, label, sample) for label, sample in _TARGETS for tamper in TAMPERS),
    *(_unauthorized_case(tamper, label, sample) for label, sample in _TARGETS for tamper in TAMPERS),
    *(_no_dispatch_case(tamper) for tamper in TAMPERS if Mode.IN_PROCESS in tamper.modes),
    make_case("sig.accept", "ping", "a correctly signed PING gets 200", _accept_ping),
    make_case(
        "sig.accept",
        "command",
        "a correctly signed command is not rejected (in process: it reaches the listener once)",
        _accept_command,
    ),
    make_case(
        "sig.stale-timestamp",
        "one-hour-old",
        "a correctly signed PING stamped an hour ago gets PONG or a 4xx, nothing else",
        _stale_timestamp,
    ),
)
