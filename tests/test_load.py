"""The reference under load and listener faults: 2,000 interactions in flight, flat memory, bad listeners survived.

- **In flight:** 2,000 signed interactions (realistic samples from
  `conformance.payloads`, each with its own ``id`` and ``token``) are handed to
  one server at once, in process and through the ASGI bridge. Every listener
  waits on one event that is set once all 2,000 are inside a listener (or after
  a timeout, so a failure is reported rather than hung), then sleeps a seeded
  random 0-50 ms and echoes its interaction's ID and token in the reply. Half of
  the kinds reply from a coroutine, half from an async generator that records
  its completion after the reply; each layout is run both ways round, so every
  kind is exercised in both styles. Checked: no reply lost, none crossed to
  another request, every continuation finished once ``close`` returns, and a
  high-water mark of 2,000 listeners in flight together.
- **Memory:** 20,000 requests through one server; the retained growth after the
  warm-up must stay under a bound small enough to catch a per-request leak.
- **Faults:** a listener that raises, hangs past the deadline, yields twice,
  produces something that is not a builder, or a builder whose ``build()``
  raises: each gets its exact status with no exception text in the body, and
  the next request to the same listener is answered normally.
- **Benchmark smoke test:** ``benchmarks/load_memory.py --requests 5000`` runs
  and prints every figure.

The requests, the echoing listeners and their tallies, reply decoding, the
batches and the in-flight gate are the benchmark's own (`benchmarks.load_memory`),
so that the test and the benchmark measure the same thing.

Nothing here asserts a duration; time only bounds each scenario.
"""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import logging
import os
import pathlib
import re
import subprocess
import sys
import tracemalloc
import typing

import pytest

import interaction_spec
from benchmarks import load_memory
from benchmarks.load_memory import LoadListeners
from benchmarks.load_memory import LoadRequest
from benchmarks.load_memory import choices_reply
from benchmarks.load_memory import echoed
from benchmarks.load_memory import hold_in_flight
from benchmarks.load_memory import load_request
from benchmarks.load_memory import message_reply
from benchmarks.load_memory import pending_continuations
from benchmarks.load_memory import run_batches
from benchmarks.load_memory import settle
from benchmarks.load_memory import update_reply
from conformance.reference import AutocompleteBuilder
from conformance.reference import MessageBuilder
from conformance.reference import ReferenceInteractionServer
from interaction_spec import InteractionType
from interaction_spec.asgi import InteractionApp

if typing.TYPE_CHECKING:
    from collections.abc import AsyncGenerator
    from collections.abc import Awaitable
    from collections.abc import Callable
    from collections.abc import Mapping
    from collections.abc import Sequence

    from interaction_spec import ListenerT

ROOT = pathlib.Path(__file__).resolve().parent.parent
BENCHMARK = ROOT / "benchmarks" / "load_memory.py"
SIGNER = load_memory.SIGNER
"""Signs every request `load_request` makes: the servers here verify with its public key."""

IN_FLIGHT = 2_000
LISTENER_SEED = 20_000
"""Seeds the listeners' random delays (the gate opens after `GATE_FALLBACK_S` at the latest)."""
SCENARIO_BOUND_S = 60.0
GATE_FALLBACK_S = SCENARIO_BOUND_S / 2
"""When the in-flight gate opens even if not every request arrived: only a failing run waits for it, so it is long
enough for 2,000 requests to arrive on a machine as busy as it may be (the benchmark's own 2.5 s is not)."""
HANG_DEADLINE_S = 10.0
"""The reply deadline of the hanging-listener scenario: the other request must be answered well before it."""

MEMORY_REQUESTS = 20_000
MEMORY_WARM_UP = 4_000
MEMORY_BATCH = 250
MEMORY_BOUND = 64 * 1024
"""The most the traced memory may grow over the 16,000 requests after the warm-up: 4 bytes a request. Whatever a
request leaves behind costs at least a pointer (8 bytes) in some container, so even one set entry or list slot per
request (125 KiB here) breaks it, let alone an interaction, a task or a generator frame. What does not depend on the
request count (a free list, a cache filled on first use, the event loop's queues) has been grown by the warm-up, and
stays in the single kilobytes (about 3.5 KiB measured)."""

SECRET = "the secret detail of the listener's failure"
EXCEPTION_TEXT = re.compile(r"Traceback|\w+(?:Error|Exception)\b")
KINDS = (
    InteractionType.APPLICATION_COMMAND,
    InteractionType.MESSAGE_COMPONENT,
    InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE,
    InteractionType.MODAL_SUBMIT,
)
LAYOUTS = {
    "generators-for-commands-and-autocomplete": frozenset(
        {InteractionType.APPLICATION_COMMAND, InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE}
    ),
    "generators-for-components-and-modals": frozenset(
        {InteractionType.MESSAGE_COMPONENT, InteractionType.MODAL_SUBMIT}
    ),
}
"""Which kinds reply from an async generator (the others from a coroutine); between them, each kind gets both."""

Post: typing.TypeAlias = "Callable[[LoadRequest], Awaitable[tuple[int, bytes]]]"
Message: typing.TypeAlias = "Mapping[str, object]"


# ---------------------------------------------------------------------------
# Transports: in process and through the ASGI bridge
# ---------------------------------------------------------------------------


def in_process(server: ReferenceInteractionServer) -> Post:
    async def post(request: LoadRequest) -> tuple[int, bytes]:
        response = await server.on_interaction(request.body, request.signature, request.timestamp)
        return response.status_code, response.payload or b""

    return post


def http_scope(request: LoadRequest) -> dict[str, object]:
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "https",
        "path": "/interactions",
        "raw_path": b"/interactions",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"bot.example"),
            (b"user-agent", b"Discord-Interactions/1.0 (+https://discord.com)"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(request.body)).encode()),
            (b"x-signature-ed25519", request.signature.hex().encode()),
            (b"x-signature-timestamp", request.timestamp),
        ],
        "client": ("203.0.113.7", 40_000),
        "server": ("127.0.0.1", 8000),
    }


async def asgi_exchange(app: InteractionApp, request: LoadRequest) -> list[Message]:
    """Make one ASGI HTTP call and return what the app sent."""
    incoming: list[Message] = [{"type": "http.request", "body": request.body, "more_body": False}]
    sent: list[Message] = []

    async def receive() -> Message:
        if incoming:
            return incoming.pop()
        await asyncio.Event().wait()  # a client that stays connected: the app must not read past the body
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    await app(http_scope(request), receive, send)
    return sent


def through_asgi(app: InteractionApp) -> Post:
    async def post(request: LoadRequest) -> tuple[int, bytes]:
        sent = await asgi_exchange(app, request)
        assert [message["type"] for message in sent] == ["http.response.start", "http.response.body"]
        status = sent[0]["status"]
        body = sent[1]["body"]
        assert isinstance(status, int)
        assert isinstance(body, bytes)
        headers = dict(typing.cast("Sequence[tuple[bytes, bytes]]", sent[0]["headers"]))
        assert headers[b"content-length"] == str(len(body)).encode()
        return status, body

    return post


async def lifespan(app: InteractionApp) -> list[object]:
    """Drive the app through ``lifespan.startup`` and ``lifespan.shutdown``; return the types it answered."""
    incoming: list[Message] = [{"type": "lifespan.shutdown"}, {"type": "lifespan.startup"}]
    sent: list[object] = []

    async def receive() -> Message:
        return incoming.pop()

    async def send(message: Message) -> None:
        sent.append(message["type"])

    await app({"type": "lifespan", "asgi": {"version": "3.0"}}, receive, send)
    return sent


# ---------------------------------------------------------------------------
# 2,000 in flight
# ---------------------------------------------------------------------------


@dataclasses.dataclass
class InFlightRun:
    requests: list[LoadRequest]
    replies: list[tuple[int, bytes]]
    listeners: LoadListeners
    generators: frozenset[InteractionType]

    def lost(self) -> list[str]:
        return [
            f"{request.token}: {status}"
            for request, (status, _) in zip(self.requests, self.replies, strict=True)
            if status != 200
        ]

    def crossed(self) -> list[str]:
        return [
            f"{request.token} got {got}"
            for request, (_, body) in zip(self.requests, self.replies, strict=True)
            if (got := echoed(body)) != (request.interaction_id, request.token)
        ]

    def generator_tokens(self) -> set[str]:
        return {request.token for request in self.requests if request.kind in self.generators}

    def check(self) -> None:
        assert len(self.replies) == IN_FLIGHT
        lost, crossed = self.lost(), self.crossed()
        assert not lost, f"{len(lost)} replies lost, for instance {lost[:3]}"
        assert not crossed, f"{len(crossed)} replies crossed, for instance {crossed[:3]}"
        assert self.listeners.high_water >= IN_FLIGHT, f"at most {self.listeners.high_water} in flight together"
        assert {request.kind for request in self.requests} == set(KINDS)
        assert 0 < self.listeners.started < IN_FLIGHT
        assert self.listeners.finished == self.listeners.started
        assert self.listeners.finished_tokens == self.generator_tokens()
        assert self.listeners.in_flight == 0


async def in_flight_run(
    server: ReferenceInteractionServer, post: Post, generators: frozenset[InteractionType]
) -> InFlightRun:
    listeners = LoadListeners(gate=IN_FLIGHT, max_delay=load_memory.MAX_DELAY_S, record=True, seed=LISTENER_SEED)
    listeners.install(server, generators)
    requests = [load_request(index) for index in range(IN_FLIGHT)]
    replies = await hold_in_flight(
        listeners, map(post, requests), bound=SCENARIO_BOUND_S, release_after=GATE_FALLBACK_S
    )
    return InFlightRun(requests, replies, listeners, generators)


@pytest.mark.parametrize("generators", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_2000_in_flight_in_process(generators: frozenset[InteractionType]) -> None:
    async def scenario() -> None:
        server = ReferenceInteractionServer(SIGNER.public_key)
        run = await in_flight_run(server, in_process(server), generators)
        await asyncio.wait_for(server.close(), SCENARIO_BOUND_S)
        run.check()
        assert pending_continuations(server) == 0

    asyncio.run(scenario())


@pytest.mark.parametrize("generators", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_2000_in_flight_through_the_asgi_bridge(generators: frozenset[InteractionType]) -> None:
    async def scenario() -> None:
        server = ReferenceInteractionServer(SIGNER.public_key)
        # The reply deadline is the scenario's: Discord's 3 s would turn a slow machine's late replies into 504s,
        # and what is checked here is that none is lost or crossed, not how fast they come.
        app = InteractionApp(server, on_shutdown=[server.close], reply_timeout_s=SCENARIO_BOUND_S)
        run = await in_flight_run(server, through_asgi(app), generators)
        # The continuations are waited for by the app's lifespan shutdown, which calls server.close.
        assert await asyncio.wait_for(lifespan(app), SCENARIO_BOUND_S) == [
            "lifespan.startup.complete",
            "lifespan.shutdown.complete",
        ]
        run.check()
        assert pending_continuations(server) == 0

    asyncio.run(scenario())


# ---------------------------------------------------------------------------
# Memory
# ---------------------------------------------------------------------------


@pytest.mark.starts_first
def test_memory_stays_flat() -> None:
    async def scenario() -> tuple[int, str]:
        server = ReferenceInteractionServer(SIGNER.public_key)
        listeners = LoadListeners(gate=0, max_delay=0.0, record=False, seed=LISTENER_SEED)
        listeners.install(server, LAYOUTS["generators-for-commands-and-autocomplete"])
        wrong, _ = await run_batches(server, 0, MEMORY_WARM_UP, MEMORY_BATCH)
        await server.close()
        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.take_snapshot()
            wrong += (await run_batches(server, MEMORY_WARM_UP, MEMORY_REQUESTS, MEMORY_BATCH))[0]
            await settle(server, SCENARIO_BOUND_S)
            after = tracemalloc.take_snapshot()
        finally:
            tracemalloc.stop()
        assert wrong == 0
        assert pending_continuations(server) == 0
        assert listeners.finished == listeners.started > MEMORY_REQUESTS // 3
        ignore = [tracemalloc.Filter(inclusive=False, filename_pattern=tracemalloc.__file__)]
        stats = after.filter_traces(ignore).compare_to(before.filter_traces(ignore), "lineno")
        growth = sum(stat.size_diff for stat in stats)
        top = "\n".join(str(stat) for stat in stats[:8])
        return growth, top

    growth, top = asyncio.run(scenario())
    assert growth < MEMORY_BOUND, (
        f"{growth} bytes retained over {MEMORY_REQUESTS - MEMORY_WARM_UP} requests; largest growth:\n{top}"
    )


# ---------------------------------------------------------------------------
# Listener faults
# ---------------------------------------------------------------------------

FAULT = "fault"


def is_fault(interaction: interaction_spec.PartialInteraction) -> bool:
    return f"-{FAULT}-" in interaction.token


class Probe:
    """What the fault listeners went through."""

    def __init__(self) -> None:
        self.events: list[str] = []


CommandListener: typing.TypeAlias = "ListenerT[interaction_spec.CommandInteraction, MessageBuilder]"


def raising(probe: Probe) -> CommandListener:
    async def listener(interaction: interaction_spec.CommandInteraction) -> MessageBuilder:
        if is_fault(interaction):
            raise RuntimeError(SECRET)
        return message_reply(interaction)

    return listener


def raising_before_yield(probe: Probe) -> CommandListener:
    async def listener(interaction: interaction_spec.CommandInteraction) -> AsyncGenerator[MessageBuilder, None]:
        if is_fault(interaction):
            raise RuntimeError(SECRET)
        yield message_reply(interaction)

    return listener


def raising_after_reply(probe: Probe) -> CommandListener:
    async def listener(interaction: interaction_spec.CommandInteraction) -> AsyncGenerator[MessageBuilder, None]:
        yield message_reply(interaction)
        if is_fault(interaction):
            probe.events.append("raised after the reply")
            raise RuntimeError(SECRET)

    return listener


def yielding_twice(probe: Probe) -> CommandListener:
    async def listener(interaction: interaction_spec.CommandInteraction) -> AsyncGenerator[MessageBuilder, None]:
        yield message_reply(interaction)
        if is_fault(interaction):
            try:
                yield MessageBuilder(SECRET)
            except GeneratorExit:
                probe.events.append("closed at the second yield")
                raise
            probe.events.append("resumed after the second yield")

    return listener


def never_yielding(probe: Probe) -> CommandListener:
    async def listener(interaction: interaction_spec.CommandInteraction) -> AsyncGenerator[MessageBuilder, None]:
        if not is_fault(interaction):
            yield message_reply(interaction)

    return listener


def returning(value: object) -> Callable[[Probe], CommandListener]:
    """A listener that produces ``value``, whatever its type, in place of a builder."""

    def make(probe: Probe) -> CommandListener:
        async def listener(interaction: interaction_spec.CommandInteraction) -> MessageBuilder:
            if is_fault(interaction):
                return typing.cast("MessageBuilder", value)
            return message_reply(interaction)

        return listener

    return make


def yielding(value: object) -> Callable[[Probe], CommandListener]:
    """An async-generator listener that yields ``value``, whatever its type, in place of a builder."""

    def make(probe: Probe) -> CommandListener:
        async def listener(interaction: interaction_spec.CommandInteraction) -> AsyncGenerator[MessageBuilder, None]:
            yield typing.cast("MessageBuilder", value) if is_fault(interaction) else message_reply(interaction)

        return listener

    return make


class FailingBuilder(MessageBuilder):
    """A builder that passes every check when made, then fails in `build`."""

    __slots__ = ()

    def build(self) -> tuple[typing.Mapping[str, object], typing.Sequence[interaction_spec.ResponseFile]]:
        raise RuntimeError(SECRET)


class NotAMappingBuilder(MessageBuilder):
    """A builder whose `build` returns something that is not a callback object."""

    __slots__ = ()

    def build(self) -> tuple[typing.Mapping[str, object], typing.Sequence[interaction_spec.ResponseFile]]:
        return typing.cast("typing.Mapping[str, object]", [SECRET]), ()


@dataclasses.dataclass(frozen=True)
class Fault:
    make: Callable[[Probe], CommandListener]
    status: int
    events: tuple[str, ...] = ()
    logged: bool = False
    """Whether the reference logs ``SECRET`` (the exception's text) server-side."""


FAULTS = {
    "raises": Fault(raising, 500, logged=True),
    "generator-raises-before-yield": Fault(raising_before_yield, 500, logged=True),
    "generator-raises-after-reply": Fault(raising_after_reply, 200, ("raised after the reply",), logged=True),
    "generator-yields-twice": Fault(yielding_twice, 200, ("closed at the second yield",)),
    "generator-never-yields": Fault(never_yielding, 500),
    "returns-str": Fault(returning(SECRET), 500),
    "returns-dict": Fault(returning({"type": 4, "data": {"content": SECRET}}), 500),
    "returns-int": Fault(returning(4), 500),
    "returns-builder-class": Fault(returning(MessageBuilder), 500),
    "generator-yields-str": Fault(yielding(SECRET), 500),
    "build-raises": Fault(returning(FailingBuilder(SECRET)), 500, logged=True),
    "build-returns-a-list": Fault(returning(NotAMappingBuilder(SECRET)), 500),
    "builder-of-another-kind": Fault(returning(AutocompleteBuilder([(SECRET[:100], 1)])), 500),
}


def transport(name: str, server: ReferenceInteractionServer) -> Post:
    # The faults are not about the deadline: the scenario's bound keeps a slow machine's late reply from being a 504.
    return (
        in_process(server)
        if name == "in-process"
        else through_asgi(InteractionApp(server, reply_timeout_s=SCENARIO_BOUND_S))
    )


def assert_no_exception_text(body: bytes) -> None:
    text = body.decode("utf-8", "replace")
    assert SECRET not in text
    assert EXCEPTION_TEXT.search(text) is None, text


@pytest.mark.parametrize("via", ["in-process", "asgi"])
@pytest.mark.parametrize("name", FAULTS)
def test_a_listener_fault_gets_its_status_and_the_server_keeps_serving(
    name: str, via: str, caplog: pytest.LogCaptureFixture
) -> None:
    fault = FAULTS[name]
    probe = Probe()

    async def scenario() -> None:
        server = ReferenceInteractionServer(SIGNER.public_key)
        server.set_listener(interaction_spec.CommandInteraction, fault.make(probe))
        post = transport(via, server)
        faulty = load_request(0, FAULT, sample=0)
        status, body = await asyncio.wait_for(post(faulty), SCENARIO_BOUND_S)
        assert status == fault.status
        assert_no_exception_text(body)
        if status == 200:
            assert echoed(body) == (faulty.interaction_id, faulty.token)
        await asyncio.wait_for(server.close(), SCENARIO_BOUND_S)
        assert probe.events == list(fault.events)

        for index in (1, 2):
            normal = load_request(index, sample=0)
            status, body = await asyncio.wait_for(post(normal), SCENARIO_BOUND_S)
            assert (status, echoed(body)) == (200, (normal.interaction_id, normal.token))
        await asyncio.wait_for(server.close(), SCENARIO_BOUND_S)
        assert probe.events == list(fault.events)
        assert pending_continuations(server) == 0

    with caplog.at_level(logging.ERROR):
        asyncio.run(scenario())
    assert (SECRET in caplog.text) is fault.logged
    assert caplog.records, "the fault was not logged"


def test_a_hanging_listener_is_cancelled_at_the_deadline() -> None:
    """The reply deadline belongs to the HTTP layer.

    Through the bridge, a listener with no reply after the app's ``reply_timeout_s`` is cancelled and the request
    gets 504. In process, ``on_interaction`` waits for its caller's own deadline (here `asyncio.wait_for`), whose
    cancellation reaches the listener and propagates. Either way the server goes on serving.

    The deadline is `HANG_DEADLINE_S` rather than Discord's 3 s (the bridge's default, checked in
    ``test_asgi.py``), so that "another request is answered while those hang" holds on a machine that is slow
    to answer it.
    """
    cancelled: list[str] = []

    async def hanging(interaction: interaction_spec.CommandInteraction) -> MessageBuilder:
        if is_fault(interaction):
            try:
                await asyncio.Event().wait()
            except asyncio.CancelledError:
                cancelled.append("coroutine")
                raise
        return message_reply(interaction)

    async def hanging_generator(
        interaction: interaction_spec.ComponentInteraction,
    ) -> AsyncGenerator[MessageBuilder, None]:
        if is_fault(interaction):
            try:
                await asyncio.Event().wait()
            except asyncio.CancelledError:
                cancelled.append("generator")
                raise
        yield update_reply(interaction)

    async def answering(interaction: interaction_spec.AutocompleteInteraction) -> AutocompleteBuilder:
        return choices_reply(interaction)

    async def scenario() -> None:
        server = ReferenceInteractionServer(SIGNER.public_key)
        server.set_listener(interaction_spec.CommandInteraction, hanging)
        server.set_listener(interaction_spec.ComponentInteraction, hanging_generator)
        server.set_listener(interaction_spec.AutocompleteInteraction, answering)
        deadline = HANG_DEADLINE_S
        direct, bridged = in_process(server), through_asgi(InteractionApp(server, reply_timeout_s=deadline))
        command, component, autocomplete = 0, 3, 5  # sample indices in load_memory.SAMPLES
        bound = deadline + SCENARIO_BOUND_S
        routes = {
            "in-process coroutine": (direct, command),
            "in-process generator": (direct, component),
            "asgi coroutine": (bridged, command),
            "asgi generator": (bridged, component),
        }
        hung = {
            name: asyncio.ensure_future(
                post(load_request(index, FAULT, sample))
                if name.startswith("asgi")
                else asyncio.wait_for(post(load_request(index, FAULT, sample)), deadline)
            )
            for index, (name, (post, sample)) in enumerate(routes.items())
        }
        # While those hang, another request is answered.
        other = load_request(10, sample=autocomplete)
        status, body = await asyncio.wait_for(direct(other), bound)
        assert (status, echoed(body)) == (200, (other.interaction_id, other.token))
        assert not any(task.done() for task in hung.values())

        _, pending = await asyncio.wait(hung.values(), timeout=bound)
        for task in pending:
            task.cancel()
        unanswered = [name for name, task in hung.items() if task in pending]
        assert not unanswered, f"no reply within {bound} s to a request whose listener hangs: {unanswered}"
        for name, task in hung.items():
            if name.startswith("asgi"):
                status, body = task.result()
                assert status == 504
                assert_no_exception_text(body)
            else:
                assert isinstance(task.exception(), asyncio.TimeoutError)
        assert sorted(cancelled) == ["coroutine", "coroutine", "generator", "generator"]

        for index, (post, sample) in enumerate(routes.values(), 20):
            normal = load_request(index, sample=sample)
            status, body = await asyncio.wait_for(post(normal), bound)
            assert (status, echoed(body)) == (200, (normal.interaction_id, normal.token))
        await asyncio.wait_for(server.close(), bound)
        assert pending_continuations(server) == 0

    asyncio.run(scenario())


# ---------------------------------------------------------------------------
# The benchmark script
# ---------------------------------------------------------------------------

_NUMBER = r"\d+(?:\.\d+)?"


def test_load_memory_benchmark_smoke() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, str(BENCHMARK), "--requests", "5000"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    checkpoints = re.findall(
        rf"^checkpoint +(\d+) +({_NUMBER}) req/s +({_NUMBER}) KiB +({_NUMBER}) KiB +({_NUMBER}) MiB$", out, re.M
    )
    assert [int(requests) for requests, *_ in checkpoints] == list(range(500, 5001, 500))
    assert re.search(rf"^untraced: \d+ requests, {_NUMBER} req/s$", out, re.M)
    assert re.search(rf"^traced: 5000 requests, {_NUMBER} req/s", out, re.M)
    assert re.search(
        rf"^growth 500 -> 5000: traced [+-]{_NUMBER} KiB \([+-]{_NUMBER} B/request\), RSS [+-]{_NUMBER} MiB$", out, re.M
    )
    assert re.search(r"^continuations pending after close: 0$", out, re.M)
    assert re.search(r"^in flight: 2000 of 2000 \(high-water mark\)$", out, re.M)
    assert re.search(r"^lost: 0$", out, re.M)
    assert re.search(r"^crossed: 0$", out, re.M)
    finished = re.search(r"^continuations finished: (\d+) of (\d+)$", out, re.M)
    assert finished
    assert finished[1] == finished[2]
    assert int(finished[1]) > 0
    assert re.search(rf"^wall time: {_NUMBER} s$", out, re.M)
