"""Measure the per-call cost of ``on_interaction`` against a floor and a peer, in one interleaved run.

The floor is what any correct server must do with PyNaCl's public API:
``VerifyKey(public_key).verify(timestamp + body, signature)`` then ``json.loads(body)``
on the same bytes. A second, lower floor does the same with the raw binding
``nacl.bindings.crypto_sign_open(signature + timestamp + body, public_key)``, which
is what the reference server calls. The subjects are the reference server and
hikari's ``RESTBot(...).interaction_server`` (offline, never started), each
answering a PING and a realistic signed command with a trivial listener.

Coroutines are driven with ``coro.send(None)`` from inside a running event loop
(a server may use the loop, e.g. to arm its reply-deadline timer), since both
servers complete synchronously for these inputs; the loop runs between samples
only. Every subject is timed for many
calls per sample, the subjects take turns round-robin within each round so that
all of them see the same machine load, and each figure is the median (and min)
over the samples. The garbage collector is off while a sample runs, as in `timeit`.
Nothing is asserted about the timings: the script exits 0 whatever they are, and
2 (with one line on stderr) only when a subject cannot be set up or answers wrongly.

Usage: python benchmarks/per_call.py [--seconds S] [--samples N] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import gc
import itertools
import json
import platform
import statistics
import sys
import time
import typing
from collections.abc import Callable
from collections.abc import Coroutine
from collections.abc import Iterator

import nacl
import nacl.bindings
import nacl.signing

import interaction_spec
from conformance.payloads import PING
from conformance.payloads import default_sample
from conformance.reference import MessageBuilder
from conformance.reference import ReferenceInteractionServer
from conformance.reference import server as reference_server
from conformance.signing import Signer
from interaction_spec import InteractionType

_TIMESTAMP: typing.Final = b"1700000000"
_PING_GOAL: typing.Final = 1.03
_COMMAND_GOAL: typing.Final = 1.10
_CALIBRATION_SHARE: typing.Final = 0.08
"""The share of the time budget spent warming up and estimating each subject's cost."""
_MIN_ROUNDS: typing.Final = 3
_MAX_CALLS_PER_SAMPLE: typing.Final = 1_000_000
_KINDS: typing.Final = ("PING", "command")


class SetupError(Exception):
    """A subject could not be built, or answered a request wrongly."""


class _Reply(typing.Protocol):
    """The part of an ``on_interaction`` response the correctness check reads."""

    @property
    def status_code(self) -> int: ...

    @property
    def payload(self) -> bytes | None: ...


_OnInteraction: typing.TypeAlias = Callable[[bytes, bytes, bytes], Coroutine[typing.Any, typing.Any, _Reply]]


@dataclasses.dataclass(frozen=True, slots=True)
class SignedRequest:
    """One signed interaction request.

    Attributes
    ----------
    kind : str
        ``"PING"`` or ``"command"``.
    body : bytes
        The JSON body.
    signature : bytes
        The raw 64-byte Ed25519 signature of ``timestamp + body``.
    timestamp : bytes
        The ``X-Signature-Timestamp`` value.
    """

    kind: str
    body: bytes
    signature: bytes
    timestamp: bytes


@dataclasses.dataclass(slots=True)
class Subject:
    """One thing to time: a floor or a server answering one request.

    Attributes
    ----------
    kind : str
        ``"PING"`` or ``"command"``.
    name : str
        ``"floor"``, ``"bindings floor"``, ``"reference"`` or ``"hikari"``.
    call : Callable[[], object]
        Performs one call.
    calls : int
        Calls per sample, set by calibration.
    samples : list[float]
        Seconds per call, one entry per sample.
    """

    kind: str
    name: str
    call: Callable[[], object]
    calls: int = 1
    samples: list[float] = dataclasses.field(default_factory=list[float])

    @property
    def median(self) -> float:
        """Median seconds per call over the samples."""
        return statistics.median(self.samples)

    @property
    def best(self) -> float:
        """Minimum seconds per call over the samples."""
        return min(self.samples)


class _Suspended(Exception):
    """A coroutine yielded to an event loop instead of completing synchronously."""


def drive(coroutine: Coroutine[typing.Any, typing.Any, _Reply]) -> _Reply:
    """Run a coroutine that completes without suspending, with no event loop.

    Parameters
    ----------
    coroutine : Coroutine[typing.Any, typing.Any, _Reply]
        A fresh coroutine.

    Returns
    -------
    _Reply
        The coroutine's result.

    Raises
    ------
    _Suspended
        If the coroutine yielded (it is closed first).
    """
    try:
        coroutine.send(None)
    except StopIteration as stop:
        return typing.cast("_Reply", stop.value)
    coroutine.close()
    raise _Suspended


def sign(signer: Signer, kind: str, body: bytes) -> SignedRequest:
    """Return ``body`` signed with a fixed timestamp.

    Parameters
    ----------
    signer : Signer
        The key to sign with.
    kind : str
        ``"PING"`` or ``"command"``.
    body : bytes
        The JSON body.

    Returns
    -------
    SignedRequest
        The signed request.
    """
    return SignedRequest(kind, body, signer.signature(_TIMESTAMP, body), _TIMESTAMP)


def floors(public_key: bytes, request: SignedRequest) -> list[Subject]:
    """Return the two floors for one request, after checking that they accept it.

    Parameters
    ----------
    public_key : bytes
        The 32-byte Ed25519 public key.
    request : SignedRequest
        The request to verify and parse.

    Returns
    -------
    list[Subject]
        The `VerifyKey` floor, then the `crypto_sign_open` floor.

    Raises
    ------
    SetupError
        If either floor rejects the request or parses something other than an object.
    """
    verify = nacl.signing.VerifyKey(public_key).verify
    crypto_sign_open = nacl.bindings.crypto_sign_open
    loads = json.loads
    body, signature, timestamp = request.body, request.signature, request.timestamp

    def floor() -> object:
        verify(timestamp + body, signature)
        return loads(body)

    def bindings_floor() -> object:
        crypto_sign_open(signature + timestamp + body, public_key)
        return loads(body)

    subjects = [Subject(request.kind, "floor", floor), Subject(request.kind, "bindings floor", bindings_floor)]
    for subject in subjects:
        try:
            parsed = subject.call()
        except Exception as exc:
            raise SetupError(f"{request.kind} {subject.name} failed: {type(exc).__name__}: {exc}") from exc
        if type(parsed) is not dict:
            raise SetupError(f"{request.kind} {subject.name} parsed a {type(parsed).__name__}, not a JSON object")
    return subjects


def _expect(kind: str, name: str, reply: _Reply) -> None:
    """Check that a server answered PONG (PING) or a type-4 message (command) with 200.

    Raises
    ------
    SetupError
        If it did not.
    """
    wanted = 1 if kind == "PING" else 4
    try:
        parsed: object = json.loads(reply.payload or b"")
    except ValueError:
        parsed = None
    callback_type = typing.cast("dict[str, object]", parsed).get("type") if type(parsed) is dict else None
    if reply.status_code != 200 or callback_type != wanted:
        payload = reply.payload[:80] if reply.payload else reply.payload
        raise SetupError(
            f"{name} answered the {kind} with {reply.status_code} {payload!r}; "
            f"expected 200 with a type-{wanted} callback"
        )


def server_subject(name: str, on_interaction: _OnInteraction, request: SignedRequest) -> Subject:
    """Return a subject calling ``on_interaction`` with one request, after checking its answer.

    Must be called with an event loop running (servers may ask for it, e.g. to arm a deadline timer),
    though the coroutine itself is driven with ``send(None)``.

    Parameters
    ----------
    name : str
        ``"reference"`` or ``"hikari"``.
    on_interaction : _OnInteraction
        The server's bound ``on_interaction``.
    request : SignedRequest
        The request to answer.

    Returns
    -------
    Subject
        Drives the coroutine with ``send(None)``.

    Raises
    ------
    SetupError
        If the server raised, suspended, or answered wrongly.
    """
    body, signature, timestamp = request.body, request.signature, request.timestamp

    def direct() -> object:
        return drive(on_interaction(body, signature, timestamp))

    try:
        reply = drive(on_interaction(body, signature, timestamp))
    except _Suspended:
        raise SetupError(f"{name} did not answer the {request.kind} without suspending") from None
    except Exception as exc:
        raise SetupError(f"{name} raised on the {request.kind}: {type(exc).__name__}: {exc}") from exc
    _expect(request.kind, name, reply)
    return Subject(request.kind, name, direct)


def reference_subjects(public_key: bytes, requests: typing.Sequence[SignedRequest]) -> list[Subject]:
    """Return the reference server's subjects, one per request.

    Parameters
    ----------
    public_key : bytes
        The 32-byte Ed25519 public key.
    requests : typing.Sequence[SignedRequest]
        The requests to answer.

    Returns
    -------
    list[Subject]
        One subject per request.

    Raises
    ------
    SetupError
        If the server answers a request wrongly.
    """
    server = ReferenceInteractionServer(public_key)

    async def listener(interaction: interaction_spec.CommandInteraction) -> MessageBuilder:
        return MessageBuilder("pong")

    server.set_listener(interaction_spec.CommandInteraction, listener)
    return [server_subject("reference", server.on_interaction, request) for request in requests]


def hikari_subjects(public_key: bytes, requests: typing.Sequence[SignedRequest]) -> tuple[list[Subject], str]:
    """Return hikari's subjects, one per request, or none if hikari is not installed.

    Parameters
    ----------
    public_key : bytes
        The 32-byte Ed25519 public key.
    requests : typing.Sequence[SignedRequest]
        The requests to answer.

    Returns
    -------
    tuple[list[Subject], str]
        The subjects (empty when hikari is missing) and hikari's version or why it was skipped.

    Raises
    ------
    SetupError
        If the bot cannot be built, or its server answers a request wrongly.
    """
    try:
        import hikari  # noqa: PLC0415 - hikari is optional: the rest is measured without it
        from hikari.impl import special_endpoints  # noqa: PLC0415
    except ImportError as exc:
        return [], f"not installed ({exc})"

    try:
        bot = hikari.RESTBot(
            "per-call-benchmark-token",
            "Bot",
            public_key=public_key.hex(),
            banner=None,
            logs=None,
            suppress_optimization_warning=True,
        )
    except Exception as exc:
        raise SetupError(f"hikari's RESTBot could not be built: {type(exc).__name__}: {exc}") from exc
    server = bot.interaction_server

    async def listener(interaction: hikari.CommandInteraction) -> special_endpoints.InteractionMessageBuilder:
        return special_endpoints.InteractionMessageBuilder(hikari.ResponseType.MESSAGE_CREATE, "pong")

    server.set_listener(hikari.CommandInteraction, listener)
    subjects = [server_subject("hikari", server.on_interaction, request) for request in requests]
    return subjects, hikari.__version__


def harness_overhead() -> Subject:
    """Return a subject that drives an empty coroutine: the harness cost included in every server figure.

    Returns
    -------
    Subject
        Creates and drives one coroutine per call.
    """

    async def nothing() -> _Reply:
        return typing.cast("_Reply", None)

    def call() -> object:
        return drive(nothing())

    return Subject("-", "harness", call)


def time_calls(call: Callable[[], object], calls: int) -> float:
    """Return the seconds per call of ``calls`` back-to-back calls, with the collector off.

    Parameters
    ----------
    call : Callable[[], object]
        The call to time.
    calls : int
        How many times to call it.

    Returns
    -------
    float
        Elapsed seconds divided by ``calls``.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in itertools.repeat(None, calls):
            call()
        return (time.perf_counter() - start) / calls
    finally:
        if enabled:
            gc.enable()


def calibrate(subject: Subject, seconds: float) -> float:
    """Warm a subject up and return its estimated seconds per call.

    Doubles the batch size until one batch takes at least ``seconds``.

    Parameters
    ----------
    subject : Subject
        The subject.
    seconds : float
        How long the last batch must take.

    Returns
    -------
    float
        Seconds per call in the last batch.
    """
    calls = 1
    while True:
        per_call = time_calls(subject.call, calls)
        if per_call * calls >= seconds or calls >= _MAX_CALLS_PER_SAMPLE:
            return per_call
        calls *= 2


def rounds(subjects: typing.Sequence[Subject]) -> Iterator[list[Subject]]:
    """Yield the subjects in round-robin order, starting one further along each round.

    Parameters
    ----------
    subjects : typing.Sequence[Subject]
        The subjects.

    Yields
    ------
    list[Subject]
        The order of the next round.
    """
    for start in itertools.cycle(range(len(subjects))):
        yield [*subjects[start:], *subjects[:start]]


async def measure(subjects: typing.Sequence[Subject], seconds: float, samples: int) -> float:
    """Take up to ``samples`` interleaved samples of every subject within about ``seconds``.

    Parameters
    ----------
    subjects : typing.Sequence[Subject]
        The subjects; their ``calls`` and ``samples`` are filled in.
    seconds : float
        The time budget, calibration included.
    samples : int
        The most samples per subject.

    Returns
    -------
    float
        The seconds actually spent.
    """
    start = time.perf_counter()
    deadline = start + seconds
    estimates = [calibrate(subject, seconds * _CALIBRATION_SHARE / len(subjects)) for subject in subjects]
    per_sample = max(deadline - time.perf_counter(), 0.0) / (len(subjects) * samples)
    for subject, estimate in zip(subjects, estimates, strict=True):
        subject.calls = max(1, min(_MAX_CALLS_PER_SAMPLE, round(per_sample / max(estimate, 1e-9))))
    for count, order in enumerate(rounds(subjects)):
        if count == samples or (count >= _MIN_ROUNDS and time.perf_counter() >= deadline):
            break
        for subject in order:
            subject.samples.append(time_calls(subject.call, subject.calls))
            await asyncio.sleep(0)  # lets the loop drop the timers the servers armed and cancelled
    return time.perf_counter() - start


def paired(subject: Subject, other: Subject) -> float:
    """Return the median over rounds of ``subject``'s sample divided by ``other``'s from the same round.

    Parameters
    ----------
    subject : Subject
        The numerator.
    other : Subject
        The denominator, sampled in the same rounds.

    Returns
    -------
    float
        The median of the per-round ratios: steadier than the ratio of medians
        when the machine's load drifts, since both samples of a round see about
        the same load.
    """
    return statistics.median(mine / theirs for mine, theirs in zip(subject.samples, other.samples, strict=True))


def _ratio_line(label: str, subject: Subject, other: Subject) -> str:
    return (
        f"{label:<36} {subject.median / other.median:9.3f}x {subject.best / other.best:8.3f}x"
        f" {paired(subject, other):8.3f}x"
    )


def report(subjects: typing.Sequence[Subject], harness: Subject, hikari_note: str, elapsed: float) -> None:
    """Print the figures, the ratios and the goals.

    Parameters
    ----------
    subjects : typing.Sequence[Subject]
        The measured subjects.
    harness : Subject
        The measured harness overhead.
    hikari_note : str
        hikari's version, or why it was skipped.
    elapsed : float
        Seconds spent measuring.
    """
    by_key = {(subject.kind, subject.name): subject for subject in subjects}
    taken = min(len(subject.samples) for subject in subjects)
    print(f"python {platform.python_version()}, PyNaCl {nacl.__version__}, hikari {hikari_note}")
    print(
        f"{taken} samples per subject in {elapsed:.1f} s, interleaved round-robin; gc off while timing; "
        "coroutines driven with coro.send(None) inside a running event loop (which they may use to arm timers)"
    )
    print("floor          = VerifyKey.verify(timestamp + body, signature) + json.loads(body)")
    uses_binding = getattr(reference_server, "crypto_sign_open", None) is nacl.bindings.crypto_sign_open
    print(
        "bindings floor = nacl.bindings.crypto_sign_open(signature + timestamp + body, key) + json.loads(body)"
        + (" (what the reference calls)" if uses_binding else "")
    )
    print()
    print(f"{'':<24} {'median':>9} {'min':>9}  calls/sample")
    for subject in subjects:
        print(
            f"{subject.kind + ' ' + subject.name:<24} {subject.median * 1e6:6.2f} µs {subject.best * 1e6:6.2f} µs"
            f"  {subject.calls}"
        )
    print(
        f"{'harness':<24} {harness.median * 1e6:6.2f} µs {harness.best * 1e6:6.2f} µs"
        f"  {harness.calls}  (driving an empty coroutine; included in the server figures)"
    )
    if "hikari" not in {subject.name for subject in subjects}:
        print(f"hikari skipped: {hikari_note}")
    print()
    print(f"{'ratio':<36} {'of medians':>10} {'of mins':>9} {'paired':>9}")
    for other_name in ("floor", "bindings floor"):
        for kind in _KINDS:
            other = by_key[kind, other_name]
            for name in ("reference", "hikari"):
                measured = by_key.get((kind, name))
                if measured is not None:
                    print(_ratio_line(f"{kind} {name} / {other_name}", measured, other))
    for kind in _KINDS:
        hikari = by_key.get((kind, "hikari"))
        if hikari is not None:
            print(_ratio_line(f"{kind} reference / hikari", by_key[kind, "reference"], hikari))
    print("(paired: the median over rounds of the ratio of the two samples taken in the same round)")
    print()
    for kind, goal in zip(_KINDS, (_PING_GOAL, _COMMAND_GOAL), strict=True):
        reference, floor = by_key[kind, "reference"], by_key[kind, "floor"]
        ratio = reference.median / floor.median
        verdict = "goal met" if ratio <= goal else "goal MISSED"
        print(
            f"goal {kind} reference <= {goal:.2f}x floor: {ratio:.3f}x (paired {paired(reference, floor):.3f}x)"
            f"  {verdict}"
        )


def main() -> int:
    """Build, check and time every subject, then print the report.

    Returns
    -------
    int
        0 after a measurement (whatever the figures), 2 on a setup or correctness error.
    """
    parser = argparse.ArgumentParser(description=(__doc__ or "").partition("\n")[0])
    parser.add_argument(
        "--seconds", type=float, default=None, help="time budget in seconds (default 10; 2 with --quick)"
    )
    parser.add_argument(
        "--samples", type=int, default=None, help="most samples per subject (default 40; 15 with --quick)"
    )
    parser.add_argument("--quick", action="store_true", help="a rough run of about 2 seconds")
    args = parser.parse_args()
    seconds: float = args.seconds if args.seconds is not None else (2.0 if args.quick else 10.0)
    samples: int = args.samples if args.samples is not None else (15 if args.quick else 40)
    if seconds <= 0:
        parser.error("--seconds must be positive")
    if samples < 1:
        parser.error("--samples must be at least 1")

    signer = Signer()
    command = default_sample(InteractionType.APPLICATION_COMMAND)
    requests = [sign(signer, "PING", PING.body()), sign(signer, "command", command.body())]
    return asyncio.run(_run(signer, requests, seconds, samples))


async def _run(signer: Signer, requests: list[SignedRequest], seconds: float, samples: int) -> int:
    """Set up, measure and report inside a running event loop, which servers may need."""
    try:
        floor_subjects = [subject for request in requests for subject in floors(signer.public_key, request)]
        reference = reference_subjects(signer.public_key, requests)
        hikari, hikari_note = hikari_subjects(signer.public_key, requests)
    except SetupError as exc:
        print(f"per_call.py: {exc}", file=sys.stderr)
        return 2
    subjects: list[Subject] = []
    for index in range(len(requests)):
        subjects += floor_subjects[2 * index : 2 * index + 2]
        subjects.append(reference[index])
        if hikari:
            subjects.append(hikari[index])
    harness = harness_overhead()
    elapsed = await measure([*subjects, harness], seconds, samples)
    report(subjects, harness, hikari_note, elapsed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
