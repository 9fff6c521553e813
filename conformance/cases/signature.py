"""Cases for signature verification (section ``sig``)."""

from __future__ import annotations

__all__ = ("CASES", "TAMPERS", "UNSIGNED_INPUTS", "Tamper")

import asyncio
import contextlib
import dataclasses
import json
import random
import typing

from conformance import payloads
from conformance.case import BOTH_MODES
from conformance.case import HTTP_ONLY
from conformance.case import IN_PROCESS
from conformance.case import Case
from conformance.case import make_case
from conformance.checks import expect
from conformance.checks import expect_rejected
from conformance.checks import is_pong
from conformance.checks import is_success
from conformance.model import CaseFailure
from conformance.model import Mode
from conformance.model import NotVerifiedError
from conformance.model import Request
from conformance.model import TargetError
from conformance.signing import Signer
from interaction_spec import RESPONSE_DEADLINE_S
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


def _escape_first_character(body: bytes) -> bytes:
    r"""Write one character of a JSON body as a ``\u`` escape, keeping the JSON's meaning.

    The character is the first non-ASCII one of the BMP inside a string, else
    the first ASCII letter inside a string.

    Raises
    ------
    ValueError
        If no string of the body holds such a character.
    """
    text = body.decode()
    index = _escapable(text)
    if index < 0:
        raise ValueError("the body has no character to escape")
    return (text[:index] + f"\\u{ord(text[index]):04x}" + text[index + 1 :]).encode()


def _escapable(text: str) -> int:
    """Return the index of the character `_escape_first_character` escapes, or -1."""
    letter = -1
    in_string = False
    index = 0
    while index < len(text):
        char = text[index]
        if not in_string:
            in_string = char == '"'
        elif char == "\\":
            index += 6 if text[index + 1 : index + 2] == "u" else 2
            continue
        elif char == '"':
            in_string = False
        elif 0x7F < ord(char) <= 0xFFFF:
            return index
        elif letter < 0 and char.isascii() and char.isalpha():
            letter = index
        index += 1
    return letter


def _reordered_keys(signer: Signer, body: bytes) -> Request:
    decoded = typing.cast("dict[str, object]", json.loads(body))
    reordered = dict(reversed(decoded.items()))
    return dataclasses.replace(signer.sign(body), body=json.dumps(reordered, separators=(",", ":")).encode())


def _escaped_character(signer: Signer, body: bytes) -> Request:
    return dataclasses.replace(signer.sign(body), body=_escape_first_character(body))


def _unescaped_character(signer: Signer, body: bytes) -> Request:
    return dataclasses.replace(signer.sign(_escape_first_character(body)), body=body)


def _added_whitespace(signer: Signer, body: bytes) -> Request:
    return dataclasses.replace(signer.sign(body), body=body[:1] + b"\n  " + body[1:])


_ZERO_ENDING_SPACES: typing.Final = 100
"""How many spaces `_zero_ending` spreads over three places of the body: 5,151 spellings of one length, and one
signature in 256 ends in a zero byte, so that all miss with odds of about e**-20."""


def _spaced(body: bytes) -> typing.Iterator[bytes]:
    """Yield ``body``, a JSON object, with `_ZERO_ENDING_SPACES` spaces after its ``{``, before its ``}`` and after it.

    Every spelling has the same length and the same meaning, so runs send the same number of bytes.
    """
    inner = body[1:-1]
    for after_open in range(_ZERO_ENDING_SPACES + 1):
        for before_close in range(_ZERO_ENDING_SPACES + 1 - after_open):
            after = _ZERO_ENDING_SPACES - after_open - before_close
            yield b"{" + b" " * after_open + inner + b" " * before_close + b"}" + b" " * after


def _zero_ending(signer: Signer, body: bytes) -> Request:
    """Sign a spelling of ``body`` (`_spaced`) whose signature's last byte is 0.

    Dropping that signature's last hex digit leaves ``...0``: a lenient hex parser that reads a trailing lone digit as
    a byte gets the valid signature back, so only a parser that refuses odd-length hex rejects the request, every
    run.
    """
    timestamp = signer.now()
    request = signer.sign(body, timestamp)
    for spelling in _spaced(body) if body.startswith(b"{") and body.endswith(b"}") else ():
        request = signer.sign(spelling, timestamp)
        if request.signature[-1] == 0:
            break
    return request


def _with_headers(signature: str | None, timestamp: str | None) -> typing.Callable[[Signer, bytes], Request]:
    """Make an HTTP request with the given raw header values; `None` leaves the header out."""

    def make(signer: Signer, body: bytes) -> Request:
        request = _zero_ending(signer, body) if signature == "odd-length" else signer.sign(body)
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
        "a valid hex signature ending in 00, less its last digit",
        _with_headers("odd-length", "timestamp"),
        HTTP_ONLY,
    ),
    Tamper("reordered-keys", "its keys reordered after signing", _reordered_keys),
    Tamper("escaped-character", "a character written as a \\u escape after signing", _escaped_character),
    Tamper("unescaped-character", "a \\u escape written as its character after signing", _unescaped_character),
    Tamper("added-whitespace", "whitespace added inside the JSON after signing", _added_whitespace),
)
"""Every way the suite makes an unverifiable request from a signed body; black-box mode adds header-level ones.

The last four keep the JSON's meaning: only a verifier that checks the exact bytes rejects them."""

_BAD_SIGNATURE: typing.Final = bytes(range(64))
_TWO_MIB: typing.Final = 2 * 1024 * 1024
_NESTING: typing.Final = 100_000
_RANDOM_BYTES: typing.Final = random.Random(0x5EED).randbytes(4096)


def _unsigned(body: bytes) -> typing.Callable[[Signer, bytes], Request]:
    """Make a request carrying ``body`` and a well-formed signature that signs nothing."""

    def make(signer: Signer, _: bytes) -> Request:
        return Request(body, _BAD_SIGNATURE, signer.now())

    return make


UNSIGNED_INPUTS: typing.Final[tuple[Tamper, ...]] = (
    Tamper(
        "2-mib",
        "a 2 MiB PING with a bad signature",
        _unsigned(payloads.PING.body().ljust(_TWO_MIB, b" ")),
    ),
    Tamper("not-json", "a body that is not JSON, with a bad signature", _unsigned(b"{'type': 1, 'token': 'x'}")),
    Tamper("empty", "an empty body with a bad signature", _unsigned(b"")),
    Tamper("random-bytes", "4 KiB of random bytes with a bad signature", _unsigned(_RANDOM_BYTES)),
    Tamper(
        "deep-nesting",
        f"a PING holding arrays nested {_NESTING:,} deep, with a bad signature",
        _unsigned(b'{"type":1,"data":' + b"[" * _NESTING + b"]" * _NESTING + b"}"),
    ),
)
"""Unsigned input of other shapes than a signed body's: each gets a 4xx, and the endpoint survives it."""

_TARGETS: typing.Final = (
    ("ping", payloads.PING),
    ("command", payloads.default_sample(InteractionType.APPLICATION_COMMAND)),
)


def _rejected_case(tamper: Tamper, label: str, sample: payloads.Sample) -> Case:
    async def run(ctx: CaseContext) -> None:
        if ctx.mode is Mode.IN_PROCESS and sample.interaction_type is not InteractionType.PING:
            ctx.listen(sample.interaction_type, lambda: None)
        reply = await ctx.send(tamper.make(ctx.signer, sample.body()))
        expect(not is_success(reply), f"expected the request to be rejected (no 2xx), got {reply.describe()}")

    summary = f"{label} with {tamper.description} is rejected: no 2xx"
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


_REJECTED_SIGNATURE: typing.Final = frozenset({401, 403})
"""Statuses that can only mean the endpoint rejected the request's signature."""
_COMMAND: typing.Final = InteractionType.APPLICATION_COMMAND


async def _accepted_ping(ctx: CaseContext, body: bytes, what: str) -> None:
    """Send a correctly signed PING; fail unless it gets 200 and PONG."""
    try:
        reply = await ctx.interact(body, what=what)
    except NotVerifiedError as exc:
        status = ctx.exchanges[-1].status
        reason = "its valid signature was rejected" if status in _REJECTED_SIGNATURE else "not 200 and PONG"
        raise CaseFailure(f"{what} got {status}: {reason}") from exc
    expect(reply.status == 200, f"{what} got {reply.describe()}, not 200")
    expect(is_pong(reply), f"{what} got {reply.describe()}, not PONG")


async def _handled(ctx: CaseContext, body: bytes, what: str) -> None:
    """Send a correctly signed command the endpoint handles; a 401 or 403 means it rejected the signature."""
    try:
        await ctx.interact(body, what=what)
    except NotVerifiedError as exc:
        status = ctx.exchanges[-1].status
        if status in _REJECTED_SIGNATURE:
            raise CaseFailure(f"{what} got {status}: its valid signature was rejected") from exc
        raise


async def _accepted_command(ctx: CaseContext, sample: payloads.Sample, body: bytes, what: str) -> None:
    """Send a command correctly signed; check that the listener reads it (in process) or that it is handled."""
    if ctx.mode is not Mode.IN_PROCESS:
        await _handled(ctx, body, what)
        return
    received = ctx.listen(sample.interaction_type, lambda: ctx.adapter.message_reply("verified"))
    await ctx.interact(body, what=what)
    expect(len(received) == 1, f"the command listener ran {len(received)} times for {what}, expected once")
    wrong = [
        f"{name}={actual!r} (expected {expected!r})"
        for name, expected in sample.expected.items()
        if (actual := ctx.adapter.read_field(received[0], name)) != expected
    ]
    expect(not wrong, f"the listener read wrong values from {what}: " + "; ".join(wrong))


async def _accept_ping(ctx: CaseContext) -> None:
    await _accepted_ping(ctx, payloads.PING.body(), "a correctly signed PING")


async def _accept_command(ctx: CaseContext) -> None:
    sample = payloads.default_sample(_COMMAND)
    await _accepted_command(ctx, sample, sample.body(), "a correctly signed command")


def _spelled_ping_case(spelling: str) -> Case:
    async def run(ctx: CaseContext) -> None:
        body = payloads.spell(payloads.PING_UNICODE, spelling)
        await _accepted_ping(ctx, body, f"a correctly signed PING spelled {spelling}")

    summary = f"a correctly signed PING whose JSON is spelled {spelling} gets 200 and PONG"
    return make_case("sig.accept", f"ping.{spelling}", summary, run)


def _spelled_command_case(spelling: str) -> Case:
    async def run(ctx: CaseContext) -> None:
        sample = payloads.COMMAND_UNICODE
        body = payloads.spell(sample, spelling)
        await _accepted_command(ctx, sample, body, f"a correctly signed command spelled {spelling}")

    summary = (
        f"a correctly signed command whose JSON is spelled {spelling} is handled "
        "(in process: its listener reads it once, with the right values)"
    )
    return make_case("sig.accept", f"command.{spelling}", summary, run)


_INPUT_WAIT_S: typing.Final = RESPONSE_DEADLINE_S + 1.0
"""How long `_survives_case` waits for the reply to the unsigned input before sending the PING anyway."""
_PING_WAIT_S: typing.Final = RESPONSE_DEADLINE_S + 1.0


def _survives_case(tamper: Tamper) -> Case:
    async def run(ctx: CaseContext) -> None:
        with contextlib.suppress(TargetError, asyncio.TimeoutError):  # what the input gets is sig.reject's concern
            await asyncio.wait_for(ctx.send(tamper.make(ctx.signer, payloads.PING.body())), _INPUT_WAIT_S)
        try:
            reply = await asyncio.wait_for(ctx.send_sample(payloads.PING), _PING_WAIT_S)
        except asyncio.TimeoutError:
            raise CaseFailure(
                f"after {tamper.description}, a signed PING got no reply within {_PING_WAIT_S:g}s"
            ) from None
        except TargetError as exc:
            raise CaseFailure(f"after {tamper.description}, a signed PING got no reply: {exc}") from exc
        expect(
            is_pong(reply),
            f"after {tamper.description}, a signed PING got {reply.describe()}, not PONG",
        )

    return make_case(
        "sig.survives",
        tamper.name,
        f"after {tamper.description}, a signed PING still gets PONG",
        run,
        modes=tamper.modes,
        timeout_s=_INPUT_WAIT_S + _PING_WAIT_S + 1.0,
    )


_SURVIVED_TAMPERS: typing.Final = ("no-signature-headers", "non-hex-signature")
"""Header-level tampers that `sig.survives` sends too; their 4xx is checked by the cases of `TAMPERS`."""


async def _stale_timestamp(ctx: CaseContext) -> None:
    stale = str(int(ctx.signer.now()) - _STALE_BY_S).encode()
    reply = await ctx.send(ctx.signer.sign(payloads.PING.body(), stale))
    if is_success(reply):
        expect(reply.status == 200, f"a PING an hour old was accepted but answered {reply.describe()}")
        expect(is_pong(reply), f"a PING an hour old was accepted but answered {reply.describe()}")
    else:
        expect_rejected(reply)


CASES: typing.Final[tuple[Case, ...]] = (
    *(_rejected_case(tamper, label, sample) for label, sample in _TARGETS for tamper in TAMPERS),
    *(_rejected_case(tamper, "unsigned", payloads.PING) for tamper in UNSIGNED_INPUTS),
    *(_unauthorized_case(tamper, label, sample) for label, sample in _TARGETS for tamper in TAMPERS),
    *(_no_dispatch_case(tamper) for tamper in TAMPERS if Mode.IN_PROCESS in tamper.modes),
    make_case("sig.accept", "ping", "a correctly signed PING gets 200 and PONG", _accept_ping),
    make_case(
        "sig.accept",
        "command",
        "a correctly signed command is handled (in process: its listener reads it once, with the right values)",
        _accept_command,
    ),
    *(_spelled_ping_case(spelling) for spelling in payloads.SPELLINGS),
    *(_spelled_command_case(spelling) for spelling in payloads.SPELLINGS),
    *(_survives_case(tamper) for tamper in UNSIGNED_INPUTS),
    *(_survives_case(tamper) for tamper in TAMPERS if tamper.name in _SURVIVED_TAMPERS),
    make_case(
        "sig.stale-timestamp",
        "one-hour-old",
        "a correctly signed PING stamped an hour ago gets PONG or a 4xx, nothing else",
        _stale_timestamp,
    ),
)
