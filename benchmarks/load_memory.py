"""Run the reference server under sustained load and watch its memory; then hold 2,000 interactions in flight at once.

Both parts call ``ReferenceInteractionServer.on_interaction`` in process, with
no HTTP in between. Every request is a realistic sample from
`conformance.payloads` with an ``id`` and ``token`` of its own, signed like
Discord signs it. The samples take turns, so the four kinds are mixed: command,
component, autocomplete and modal. Commands and autocompletes are answered by
async-generator listeners, components and modals by coroutine listeners. Every
listener echoes its interaction's ID and token in the reply, so a reply that
reaches the wrong request shows up.

1. **Sustained load.** ``--requests`` requests (100,000 by default) go through
   one server in concurrent batches of ``--batch`` (500). Each listener suspends
   once before its reply, and each generator suspends once more before it
   records that it finished. tracemalloc runs throughout. At every checkpoint
   (every ``--every`` requests: 10,000, or a tenth of ``--requests`` if that is
   fewer) the script waits for the continuations (``close()``) and runs the
   collector. Then it prints the request rate over the segment, tracemalloc's
   current and peak figures (the peak is reset at each checkpoint), and the
   resident set size from ``/proc/self/statm``. Last comes the growth between
   the first and the last checkpoint. Expect about 1 KiB between checkpoints
   even without a leak: a few hundred bytes are the script's own record of each
   checkpoint, which is traced too, and the rest is allocated by CPython's C
   task machinery (attributed to ``asyncio/events.py``); a bare
   ``asyncio.gather`` of coroutines, with no server, grows the same way and
   ever more slowly. The rates count the server's time only: each batch is
   signed before its clock starts. They are slowed by tracemalloc, so the same
   load is first timed untraced, on a separate server, for comparison.
2. **In flight.** ``--in-flight`` requests (2,000) are handed to one server at
   once. Every listener waits on one event, which is set when all of them are
   inside a listener (or after 2.5 s, so that a failure is reported instead of
   hanging). Each then sleeps a seeded random 0-50 ms before its reply, and
   each generator as long again after it. The script prints the high-water
   mark of listeners in flight, the replies lost (not 200) and crossed
   (echoing another request), the continuations finished when ``close()``
   returns, and the wall time.

Nothing is asserted about the timings, and the memory figures get no verdict:
the script exits 0 whatever they are. It exits 2, with one line on stderr,
when a reply is lost or crossed or a continuation is not finished. The time cap
(``--time-cap``, 300 s) starts no new batch of part 1 once it has passed. Part 2
is bounded by its own timeouts.

The harness (signed requests, echoing listeners and their tallies, reply
decoding, batches, the in-flight gate) is public: ``tests/test_load.py`` drives
the same pieces, importing this module as ``benchmarks.load_memory``.

Usage: python benchmarks/load_memory.py [--requests N] [--batch B] [--every N] [--in-flight N] [--time-cap S]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import gc
import json
import os
import platform
import random
import sys
import time
import tracemalloc
import typing
from collections.abc import AsyncGenerator
from collections.abc import Awaitable
from collections.abc import Callable
from collections.abc import Coroutine
from collections.abc import Iterable

import interaction_spec
from conformance import payloads
from conformance.reference import AutocompleteBuilder
from conformance.reference import MessageBuilder
from conformance.reference import ReferenceInteractionServer
from conformance.signing import Signer
from interaction_spec import InteractionType

if typing.TYPE_CHECKING:
    from interaction_spec import ListenerT

SIGNER: typing.Final = Signer()
"""Signs every request; a server under load verifies with its ``public_key``."""
FIRST_ID: typing.Final = 1_379_500_000_000_000_000
"""The ``id`` of request 0; request ``n`` has ``FIRST_ID + n``."""
GENERATOR_KINDS: typing.Final = frozenset(
    {InteractionType.APPLICATION_COMMAND, InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE}
)
"""The kinds the benchmark answers from async-generator listeners; the others reply from coroutines."""
MAX_DELAY_S: typing.Final = 0.05
"""The longest a listener held in flight sleeps before its reply (and a generator again after it)."""
RELEASE_AFTER_S: typing.Final = 2.5
"""When the in-flight gate opens even if not every request arrived: under the 3 s reply deadline, so that a
failure to reach the high-water mark shows as that, not as 504s."""
IN_FLIGHT_BOUND_S: typing.Final = 60.0
"""The longest the requests held in flight may take to be answered."""
CLOSE_BOUND_S: typing.Final = 60.0
"""The longest ``close()`` may take to wait for the continuations."""
_UNTRACED_SHARE: typing.Final = 10
"""The untraced comparison runs a tenth of ``--requests``, at most one checkpoint interval."""
_KIB: typing.Final = 1024
_MIB: typing.Final = 1024 * 1024

SAMPLES: typing.Final = tuple(
    (sample.interaction_type, sample.copy())
    for sample in payloads.ALL_SAMPLES
    if sample.interaction_type is not InteractionType.PING
)
"""Every non-PING sample, in corpus order (commands, components, autocompletes, modals); request ``n`` copies
sample ``n mod len(SAMPLES)``."""

Builder = typing.TypeVar("Builder", bound=interaction_spec.InteractionResponseBuilder)
"""The builder a listener replies with."""
Reply: typing.TypeAlias = Callable[[interaction_spec.PartialInteraction], Builder]
"""Makes a listener's reply from its interaction."""
_T = typing.TypeVar("_T")


@dataclasses.dataclass(frozen=True, slots=True)
class LoadRequest:
    """One signed request, and the ID and token its reply must echo.

    Attributes
    ----------
    kind : InteractionType
        The interaction's type.
    interaction_id : int
        The ``id`` written into the payload.
    token : str
        The ``token`` written into the payload.
    body : bytes
        The JSON body.
    signature : bytes
        The raw Ed25519 signature of ``timestamp + body``.
    timestamp : bytes
        The ``X-Signature-Timestamp`` value.
    """

    kind: InteractionType
    interaction_id: int
    token: str
    body: bytes
    signature: bytes
    timestamp: bytes


def load_request(index: int, marker: str = "load", sample: int | None = None) -> LoadRequest:
    """Return request ``index``: a sample with an ID and a token of its own, signed.

    Parameters
    ----------
    index : int
        The request's number; it makes the ID and token unique and, by default, picks the sample.
    marker : str
        Tags the token, which ends in ``-<marker>-<index>``.
    sample : int | None
        The index in `SAMPLES` of the sample to copy; `None` for the next in turn (``index mod len(SAMPLES)``).

    Returns
    -------
    LoadRequest
        The signed request.
    """
    kind, payload = SAMPLES[index % len(SAMPLES) if sample is None else sample]
    interaction_id = FIRST_ID + index
    original = str(payload["token"])
    suffix = f"-{marker}-{index:09d}"
    token = original[: len(original) - len(suffix)] + suffix
    body = json.dumps({**payload, "id": str(interaction_id), "token": token}, separators=(",", ":")).encode()
    signed = SIGNER.sign(body)
    return LoadRequest(kind, interaction_id, token, signed.body, signed.signature, signed.timestamp)


def echoed(payload: bytes | None) -> tuple[int, str] | None:
    """Return the ID and token a reply echoes, or `None` if it echoes none.

    Parameters
    ----------
    payload : bytes | None
        The reply's JSON body.

    Returns
    -------
    tuple[int, str] | None
        From the message content (``"<id> <token>"``) or the first autocomplete choice (name, value).
    """
    try:
        data = json.loads(payload or b"")["data"]
        if "choices" in data:
            choice = data["choices"][0]
            return int(choice["name"]), str(choice["value"])
        interaction_id, _, token = str(data["content"]).partition(" ")
        return int(interaction_id), token
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def echo(interaction: interaction_spec.PartialInteraction) -> str:
    """Return ``"<id> <token>"``: the text every reply maker below echoes ``interaction`` by, as `echoed` reads it.

    Parameters
    ----------
    interaction : interaction_spec.PartialInteraction
        The interaction being answered.

    Returns
    -------
    str
        Its ID and token, separated by a space.
    """
    return f"{interaction.id} {interaction.token}"


def message_reply(interaction: interaction_spec.PartialInteraction) -> MessageBuilder:
    """Return a new message whose content is ``echo(interaction)``: how commands are answered."""
    return MessageBuilder(echo(interaction))


def update_reply(interaction: interaction_spec.PartialInteraction) -> MessageBuilder:
    """Return an update of the component's message, to ``echo(interaction)``: how components are answered."""
    return MessageBuilder(echo(interaction), update=True)


def ephemeral_reply(interaction: interaction_spec.PartialInteraction) -> MessageBuilder:
    """Return a new ephemeral message whose content is ``echo(interaction)``: how modals are answered."""
    return MessageBuilder(echo(interaction), ephemeral=True)


def choices_reply(interaction: interaction_spec.PartialInteraction) -> AutocompleteBuilder:
    """Return one autocomplete choice, named by the ID and valued by the token: how autocompletes are answered."""
    return AutocompleteBuilder([(str(interaction.id), interaction.token)])


class LoadListeners:
    """Makes the listeners of a load run and keeps its tallies.

    Parameters
    ----------
    gate : int
        How many listeners must be in flight together before any goes on; 0 for no gate.
    max_delay : float
        Each listener sleeps a seeded random 0 to ``max_delay`` seconds before its reply, and each
        generator as long again after it; 0 still suspends once (``asyncio.sleep(0)``).
    record : bool
        Keep the token of every finished continuation, not only their count (which stays flat in memory).
    seed : int
        Seeds the random delays.

    Attributes
    ----------
    release : asyncio.Event
        Set when ``gate`` listeners are in flight together; set it from outside to open the gate early.
    in_flight : int
        Listeners that have started and not yet replied.
    high_water : int
        The most listeners in flight together so far.
    started : int
        Async-generator listeners called.
    finished : int
        Of those, how many have finished their continuation.
    finished_tokens : set[str]
        The tokens of the finished continuations, if ``record``.
    """

    def __init__(self, *, gate: int, max_delay: float, record: bool, seed: int = 100_000) -> None:
        self.gate = gate
        self.release = asyncio.Event()
        self.in_flight = 0
        self.high_water = 0
        self.started = 0
        self.finished = 0
        self.finished_tokens: set[str] = set()
        self._record = record
        self._max_delay = max_delay
        self._random = random.Random(seed)

    async def _enter(self) -> None:
        self.in_flight += 1
        self.high_water = max(self.high_water, self.in_flight)
        if self.gate:
            if self.in_flight >= self.gate:
                self.release.set()
            await self.release.wait()
        await asyncio.sleep(self._random.uniform(0.0, self._max_delay))

    def coroutine(
        self, reply: Reply[Builder]
    ) -> Callable[[interaction_spec.PartialInteraction], Coroutine[object, object, Builder]]:
        """Return a coroutine listener replying with ``reply(interaction)``.

        Parameters
        ----------
        reply : Callable[[interaction_spec.PartialInteraction], Builder]
            Makes the reply.

        Returns
        -------
        Callable[[interaction_spec.PartialInteraction], Coroutine[object, object, Builder]]
            The listener.
        """

        async def listener(interaction: interaction_spec.PartialInteraction) -> Builder:
            try:
                await self._enter()
                return reply(interaction)
            finally:
                self.in_flight -= 1

        return listener

    def generator(
        self, reply: Reply[Builder]
    ) -> Callable[[interaction_spec.PartialInteraction], AsyncGenerator[Builder, None]]:
        """Return an async-generator listener yielding ``reply(interaction)``, then finishing later.

        Parameters
        ----------
        reply : Callable[[interaction_spec.PartialInteraction], Builder]
            Makes the reply.

        Returns
        -------
        Callable[[interaction_spec.PartialInteraction], AsyncGenerator[Builder, None]]
            The listener.
        """

        async def listener(interaction: interaction_spec.PartialInteraction) -> AsyncGenerator[Builder, None]:
            self.started += 1
            try:
                await self._enter()
                built = reply(interaction)
            finally:
                self.in_flight -= 1
            yield built
            await asyncio.sleep(self._random.uniform(0.0, self._max_delay))
            self.finished += 1
            if self._record:
                self.finished_tokens.add(interaction.token)

        return listener

    def install(
        self, server: ReferenceInteractionServer, generators: frozenset[InteractionType] = GENERATOR_KINDS
    ) -> None:
        """Register a listener for each kind on ``server``.

        Parameters
        ----------
        server : ReferenceInteractionServer
            The server.
        generators : frozenset[InteractionType]
            The kinds answered from an async generator; the others are answered from a coroutine.
        """

        def style(
            kind: InteractionType, reply: Reply[Builder]
        ) -> ListenerT[interaction_spec.PartialInteraction, Builder]:
            return self.generator(reply) if kind in generators else self.coroutine(reply)

        server.set_listener(
            interaction_spec.CommandInteraction, style(InteractionType.APPLICATION_COMMAND, message_reply)
        )
        server.set_listener(
            interaction_spec.ComponentInteraction, style(InteractionType.MESSAGE_COMPONENT, update_reply)
        )
        server.set_listener(
            interaction_spec.AutocompleteInteraction,
            style(InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE, choices_reply),
        )
        server.set_listener(interaction_spec.ModalInteraction, style(InteractionType.MODAL_SUBMIT, ephemeral_reply))


def _new_server(listeners: LoadListeners) -> ReferenceInteractionServer:
    server = ReferenceInteractionServer(SIGNER.public_key)
    listeners.install(server)
    return server


def pending_continuations(server: ReferenceInteractionServer) -> int:
    """Return how many continuation tasks the reference still holds (white box).

    Parameters
    ----------
    server : ReferenceInteractionServer
        The server.

    Returns
    -------
    int
        The continuations not yet finished and collected.
    """
    return len(server._continuations)  # pyright: ignore[reportPrivateUsage]


async def settle(server: ReferenceInteractionServer, bound: float = CLOSE_BOUND_S) -> None:
    """Wait for the continuations, let go of the last loop handle, and collect garbage.

    Parameters
    ----------
    server : ReferenceInteractionServer
        The server.
    bound : float
        The longest ``close()`` may take, in seconds.
    """
    await asyncio.wait_for(server.close(), bound)
    # The loop still holds the handle that resumed this task, and through it close()'s last gather and the
    # tasks it gathered, until this task suspends once more.
    await asyncio.sleep(0)
    gc.collect()


def rss_bytes() -> int | None:
    """Return the resident set size from ``/proc/self/statm``, or `None` where there is no such file.

    Returns
    -------
    int | None
        Resident pages times the page size.
    """
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            resident = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return resident * os.sysconf("SC_PAGE_SIZE")


async def run_batch(server: ReferenceInteractionServer, first: int, count: int) -> tuple[int, float]:
    """Sign requests ``first`` to ``first + count``, then send them to ``server`` at once.

    Parameters
    ----------
    server : ReferenceInteractionServer
        The server.
    first : int
        The first request's number.
    count : int
        How many requests.

    Returns
    -------
    tuple[int, float]
        How many replies were wrong (not 200, or echoing another request), and the seconds the server took.
    """
    requests = [load_request(index) for index in range(first, first + count)]
    start = time.perf_counter()
    responses = await asyncio.gather(
        *(server.on_interaction(request.body, request.signature, request.timestamp) for request in requests)
    )
    elapsed = time.perf_counter() - start
    wrong = sum(
        response.status_code != 200 or echoed(response.payload) != (request.interaction_id, request.token)
        for request, response in zip(requests, responses, strict=True)
    )
    return wrong, elapsed


async def run_batches(server: ReferenceInteractionServer, start: int, stop: int, batch: int) -> tuple[int, float]:
    """Send requests ``start`` to ``stop`` to ``server`` in concurrent batches of ``batch``, one batch after another.

    Parameters
    ----------
    server : ReferenceInteractionServer
        The server.
    start : int
        The first request's number.
    stop : int
        The number after the last request's.
    batch : int
        How many requests each batch sends at once.

    Returns
    -------
    tuple[int, float]
        How many replies were wrong, and the seconds the server took, over all batches (as `run_batch` counts them).
    """
    wrong, elapsed = 0, 0.0
    for first in range(start, stop, batch):
        batch_wrong, batch_elapsed = await run_batch(server, first, min(batch, stop - first))
        wrong += batch_wrong
        elapsed += batch_elapsed
    return wrong, elapsed


async def hold_in_flight(
    listeners: LoadListeners,
    calls: Iterable[Awaitable[_T]],
    bound: float = IN_FLIGHT_BOUND_S,
    release_after: float = RELEASE_AFTER_S,
) -> list[_T]:
    """Await ``calls`` all at once, opening the listeners' gate after ``release_after`` seconds at the latest.

    Parameters
    ----------
    listeners : LoadListeners
        The listeners of the server the calls go to, gated on all of them being in flight.
    calls : Iterable[Awaitable[_T]]
        One call for each request, each made only once this function has armed the watchdog.
    bound : float
        The longest all replies may take, in seconds.
    release_after : float
        Seconds after which ``listeners.release`` is set even if fewer than the gate's count arrived, so that a
        failure is reported instead of hanging.

    Returns
    -------
    list[_T]
        The replies, in the order of ``calls``.
    """
    watchdog = asyncio.get_running_loop().call_later(release_after, listeners.release.set)
    try:
        return await asyncio.wait_for(asyncio.gather(*calls), bound)
    finally:
        watchdog.cancel()


@dataclasses.dataclass(frozen=True, slots=True)
class Checkpoint:
    """The figures at one checkpoint of the sustained run.

    Attributes
    ----------
    requests : int
        Requests answered so far.
    rate : float
        Requests per second of server time since the previous checkpoint.
    current : int
        tracemalloc's current traced size, in bytes.
    peak : int
        tracemalloc's peak traced size since the previous checkpoint, in bytes.
    rss : int | None
        The resident set size in bytes, if known.
    """

    requests: int
    rate: float
    current: int
    peak: int
    rss: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class Plan:
    """What to run.

    Attributes
    ----------
    requests : int
        Requests in the sustained run.
    batch : int
        Requests sent at once.
    every : int
        Requests between checkpoints.
    in_flight : int
        Requests held in flight together in part 2.
    time_cap : float
        Seconds after which part 1 starts no new batch.
    """

    requests: int
    batch: int
    every: int
    in_flight: int
    time_cap: float


async def untraced_rate(plan: Plan) -> tuple[int, float, int]:
    """Time the sustained load on a fresh server with tracemalloc off.

    Parameters
    ----------
    plan : Plan
        What to run.

    Returns
    -------
    tuple[int, float, int]
        Requests sent, requests per second of server time, and wrong replies.
    """
    count = max(1, min(plan.every, plan.requests // _UNTRACED_SHARE))
    server = _new_server(LoadListeners(gate=0, max_delay=0.0, record=False))
    wrong, elapsed = await run_batches(server, 0, count, plan.batch)
    start = time.perf_counter()
    await server.close()
    elapsed += time.perf_counter() - start
    return count, count / elapsed, wrong


async def sustained(plan: Plan) -> tuple[list[Checkpoint], int, int, float, bool]:
    """Run the sustained load under tracemalloc, printing each checkpoint as it is reached.

    Parameters
    ----------
    plan : Plan
        What to run.

    Returns
    -------
    tuple[list[Checkpoint], int, int, float, bool]
        The checkpoints, wrong replies, continuations pending after the last ``close()``, the overall
        rate, and whether the time cap stopped the run.
    """
    listeners = LoadListeners(gate=0, max_delay=0.0, record=False)
    server = _new_server(listeners)
    checkpoints: list[Checkpoint] = []
    wrong, sent, capped = 0, 0, False
    segment_time = total_time = 0.0
    started = time.monotonic()
    tracemalloc.start()
    try:
        while sent < plan.requests and not capped:
            next_checkpoint = (sent // plan.every + 1) * plan.every
            count = min(plan.batch, plan.requests - sent, next_checkpoint - sent)
            batch_wrong, elapsed = await run_batch(server, sent, count)
            wrong += batch_wrong
            segment_time += elapsed
            segment_start = sent - sent % plan.every
            sent += count
            capped = time.monotonic() - started > plan.time_cap
            if sent % plan.every == 0 or sent == plan.requests or capped:
                start = time.perf_counter()
                await server.close()
                segment_time += time.perf_counter() - start
                await settle(server)
                current, peak = tracemalloc.get_traced_memory()
                tracemalloc.reset_peak()
                checkpoint = Checkpoint(sent, (sent - segment_start) / segment_time, current, peak, rss_bytes())
                checkpoints.append(checkpoint)
                print(_checkpoint_line(checkpoint), flush=True)
                total_time += segment_time
                segment_time = 0.0
        await settle(server)
    finally:
        tracemalloc.stop()
    pending = pending_continuations(server)
    if listeners.finished != listeners.started:
        wrong += listeners.started - listeners.finished
    return checkpoints, wrong, pending, (checkpoints[-1].requests / total_time if checkpoints else 0.0), capped


def _checkpoint_line(checkpoint: Checkpoint) -> str:
    rss = "n/a" if checkpoint.rss is None else f"{checkpoint.rss / _MIB:9.1f} MiB"
    return (
        f"checkpoint {checkpoint.requests:>8} {checkpoint.rate:>9.0f} req/s {checkpoint.current / _KIB:>10.1f} KiB"
        f" {checkpoint.peak / _KIB:>10.1f} KiB {rss}"
    )


@dataclasses.dataclass(frozen=True, slots=True)
class InFlight:
    """The figures of part 2.

    Attributes
    ----------
    sent : int
        Requests sent at once.
    high_water : int
        The most listeners in flight together.
    lost : int
        Replies that are not 200.
    crossed : int
        200 replies that do not echo their own request's ID and token.
    started : int
        Async-generator listeners called.
    finished : int
        Of those, how many had finished their continuation when ``close()`` returned.
    unmatched : int
        Finished continuations whose token is not one of a generator request's, and the reverse.
    wall : float
        Seconds from the first request to the last reply.
    close : float
        Seconds ``close()`` then waited.
    """

    sent: int
    high_water: int
    lost: int
    crossed: int
    started: int
    finished: int
    unmatched: int
    wall: float
    close: float


async def in_flight(count: int) -> InFlight:
    """Hand ``count`` requests to one server at once, with every listener held until all have arrived.

    Parameters
    ----------
    count : int
        How many requests.

    Returns
    -------
    InFlight
        The figures.
    """
    listeners = LoadListeners(gate=count, max_delay=MAX_DELAY_S, record=True)
    server = _new_server(listeners)
    requests = [load_request(index) for index in range(count)]
    start = time.perf_counter()
    responses = await hold_in_flight(
        listeners,
        (server.on_interaction(request.body, request.signature, request.timestamp) for request in requests),
    )
    wall = time.perf_counter() - start
    start = time.perf_counter()
    await asyncio.wait_for(server.close(), CLOSE_BOUND_S)
    close = time.perf_counter() - start
    lost = sum(response.status_code != 200 for response in responses)
    crossed = sum(
        response.status_code == 200 and echoed(response.payload) != (request.interaction_id, request.token)
        for request, response in zip(requests, responses, strict=True)
    )
    generator_tokens = {request.token for request in requests if request.kind in GENERATOR_KINDS}
    return InFlight(
        sent=count,
        high_water=listeners.high_water,
        lost=lost,
        crossed=crossed,
        started=listeners.started,
        finished=listeners.finished,
        unmatched=len(generator_tokens ^ listeners.finished_tokens),
        wall=wall,
        close=close,
    )


def _kind_mix() -> str:
    names = {
        InteractionType.APPLICATION_COMMAND: "command",
        InteractionType.MESSAGE_COMPONENT: "component",
        InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE: "autocomplete",
        InteractionType.MODAL_SUBMIT: "modal",
    }
    counts = {name: 0 for name in names.values()}
    for kind, _ in SAMPLES:
        counts[names[kind]] += 1
    return ", ".join(
        f"{name} {share}/{len(SAMPLES)}" + (" (async generator)" if kind in GENERATOR_KINDS else " (coroutine)")
        for (kind, name), share in zip(names.items(), counts.values(), strict=True)
    )


async def run(plan: Plan) -> int:
    """Run both parts and print their figures.

    Parameters
    ----------
    plan : Plan
        What to run.

    Returns
    -------
    int
        0, or 2 if a reply was lost or crossed or a continuation did not finish.
    """
    print(f"python {platform.python_version()}, reference server in process, tracemalloc with 1 frame")
    print(f"kinds (samples in turn): {_kind_mix()}")
    print()
    print(f"1. sustained: {plan.requests} requests in batches of {plan.batch}, checkpoints every {plan.every}")
    count, rate, untraced_wrong = await untraced_rate(plan)
    print(f"untraced: {count} requests, {rate:.0f} req/s")
    print(f"{'':<10} {'requests':>8} {'segment':>15} {'traced now':>14} {'traced peak':>14} {'RSS':>13}")
    checkpoints, wrong, pending, overall, capped = await sustained(plan)
    wrong += untraced_wrong
    if checkpoints:
        first, last = checkpoints[0], checkpoints[-1]
        print(f"traced: {last.requests} requests, {overall:.0f} req/s (server time only; tracemalloc slows it)")
        growth = last.current - first.current
        per_request = growth / max(1, last.requests - first.requests)
        rss_growth = "n/a" if first.rss is None or last.rss is None else f"{(last.rss - first.rss) / _MIB:+.1f} MiB"
        print(
            f"growth {first.requests} -> {last.requests}: traced {growth / _KIB:+.1f} KiB"
            f" ({per_request:+.2f} B/request), RSS {rss_growth}"
        )
    if capped:
        done = checkpoints[-1].requests if checkpoints else 0
        print(f"(the time cap of {plan.time_cap:g} s stopped the run after {done} of {plan.requests} requests)")
    print(f"wrong replies: {wrong}")
    print(f"continuations pending after close: {pending}")
    print()
    print(f"2. in flight: {plan.in_flight} requests at once, listeners held until all arrive, then 0-50 ms each")
    figures = await in_flight(plan.in_flight)
    print(f"in flight: {figures.high_water} of {figures.sent} (high-water mark)")
    print(f"lost: {figures.lost}")
    print(f"crossed: {figures.crossed}")
    print(f"continuations finished: {figures.finished} of {figures.started}")
    print(f"wall time: {figures.wall:.2f} s")
    print(f"close waited: {figures.close:.3f} s")

    problems = [
        f"{wrong} wrong replies in the sustained run" if wrong else "",
        f"{pending} continuations pending after close" if pending else "",
        f"{figures.lost} replies lost" if figures.lost else "",
        f"{figures.crossed} replies crossed" if figures.crossed else "",
        f"{figures.started - figures.finished} continuations unfinished" if figures.finished != figures.started else "",
        f"{figures.unmatched} continuations for the wrong requests" if figures.unmatched else "",
    ]
    if any(problems):
        print(f"load_memory.py: {'; '.join(problem for problem in problems if problem)}", file=sys.stderr)
        return 2
    return 0


def _positive(kind: type[int] | type[float]) -> Callable[[str], typing.Any]:
    def parse(text: str) -> int | float:
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive, not {text}")
        return value

    return parse


def main() -> int:
    """Parse the arguments, run both parts and print the figures.

    Returns
    -------
    int
        0 after a measurement (whatever the figures), 2 if a reply was wrong or a continuation unfinished.
    """
    parser = argparse.ArgumentParser(description=(__doc__ or "").partition("\n")[0])
    parser.add_argument("--requests", type=_positive(int), default=100_000, help="requests in part 1 (100000)")
    parser.add_argument("--batch", type=_positive(int), default=500, help="requests sent at once in part 1 (500)")
    parser.add_argument(
        "--every", type=_positive(int), default=None, help="requests between checkpoints (10000, or requests/10)"
    )
    parser.add_argument("--in-flight", type=_positive(int), default=2_000, help="requests at once in part 2 (2000)")
    parser.add_argument(
        "--time-cap", type=_positive(float), default=300.0, help="start no new batch after this many seconds (300)"
    )
    args = parser.parse_args()
    requests: int = args.requests
    every: int = args.every if args.every is not None else max(1, min(10_000, requests // 10))
    plan = Plan(requests=requests, batch=args.batch, every=every, in_flight=args.in_flight, time_cap=args.time_cap)
    return asyncio.run(run(plan))


if __name__ == "__main__":
    sys.exit(main())
