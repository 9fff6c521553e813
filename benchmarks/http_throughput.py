"""Measure requests per second and p99 latency over HTTP: the reference through the ASGI bridge vs hikari's server.

The two servers answer the same workloads on 127.0.0.1, each in a subprocess of
its own with one worker: the reference implementation through
`interaction_spec.asgi.InteractionApp` under uvicorn (``log_level="warning"``,
``access_log=False``, the fastest event loop and HTTP implementation that are
installed), and hikari's ``RESTBot`` on its aiohttp web server (its defaults,
with access logging off through ``logs="WARNING"``; on the same event loop as
uvicorn's). Both answer a PING with a PONG and a realistic signed command with
a message.

The load generator is this process, which starts no server of its own: an
asyncio client with a fixed number of keep-alive connections (aiohttp's
client), each sending the next request of a pool signed before any timing, as
soon as the previous reply has arrived. Each measurement opens its connections
during a short ramp that is not counted, then counts the replies that arrive
within ``--seconds`` and the latency of every request sent in that window. The
servers take turns (reference, hikari, reference, hikari, ...) for ``--rounds``
rounds after a warm-up of each, so that both see the same machine load; each
figure printed is the median over the rounds. Next to them are each server's
CPU use (from ``/proc``) and CPU time per reply, which stay comparable when the
load generator, not the server, is the bottleneck.

Nothing is asserted about the timings: the script exits 0 whatever they are,
and 2 (with one line on stderr) when a server cannot be started or answers the
checks made before timing wrongly.

Usage: python benchmarks/http_throughput.py [--seconds S] [--rounds N] [--concurrency C] [--time-cap S] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import importlib
import importlib.metadata
import importlib.util
import json
import math
import os
import pathlib
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import typing
from collections.abc import Collection
from collections.abc import Coroutine
from collections.abc import Generator
from collections.abc import Mapping
from collections.abc import Sequence

from conformance.payloads import PING
from conformance.payloads import Sample
from conformance.payloads import default_sample
from conformance.signing import Signer
from interaction_spec import InteractionType

if typing.TYPE_CHECKING:
    import aiohttp

_PROGRAM: typing.Final = "http_throughput.py"
_SERVERS: typing.Final = ("reference", "hikari")
_KINDS: typing.Final = ("PING", "command")
_THROUGHPUT_GOAL: typing.Final = 1.2
"""The reference must answer at least this many times as many requests per second as hikari..."""
_P99_GOAL: typing.Final = 1.0
"""... with a p99 latency at most this many times hikari's."""
_POOL_SIZE: typing.Final = 128
"""Distinct signed requests per workload (each with its own interaction ID)."""
_START_TIMEOUT_S: typing.Final = 30.0
_REQUEST_TIMEOUT_S: typing.Final = 10.0
_STOP_TIMEOUT_S: typing.Final = 10.0
_CLIENT_SATURATED: typing.Final = 0.9
"""Above this share of a core, the load generator may be what limits the throughput measured."""
_LOOP_CHOICES: typing.Final = ("uvloop", "zuvloop")
"""Faster event loops uvicorn can use, fastest first; the fallback is asyncio's own."""
_HTTP_CHOICES: typing.Final = ("httptools", "zttp")
"""Faster HTTP/1.1 implementations uvicorn can use, fastest first; the fallback is h11."""


class SetupError(Exception):
    """A server could not be started, or answered a check wrongly; the message is one line."""


# --------------------------------------------------------------------------------------------------------------------
# The servers, each run in a subprocess of its own by ``--serve NAME``.


def _install_loop(loop_name: str) -> None:
    """Make ``loop_name``'s event loop the current one, unless it is asyncio's own.

    Parameters
    ----------
    loop_name : str
        ``"asyncio"`` or the name of a module with a ``new_event_loop`` function.
    """
    if loop_name != "asyncio":
        module = importlib.import_module(loop_name)
        asyncio.set_event_loop(typing.cast("asyncio.AbstractEventLoop", module.new_event_loop()))


def serve_reference(port: int, public_key: bytes, loop_name: str, http_name: str) -> None:
    """Serve the reference through `InteractionApp` under uvicorn until terminated.

    Parameters
    ----------
    port : int
        The port on 127.0.0.1.
    public_key : bytes
        The 32-byte Ed25519 public key requests are signed for.
    loop_name : str
        uvicorn's ``loop`` setting.
    http_name : str
        uvicorn's ``http`` setting.
    """
    import uvicorn  # noqa: PLC0415 - only the server subprocess needs it

    from conformance.serve import reference_app  # noqa: PLC0415

    config = uvicorn.Config(
        reference_app(public_key),
        host="127.0.0.1",
        port=port,
        loop=loop_name,
        http=http_name,
        ws="none",
        lifespan="on",
        log_level="warning",
        access_log=False,
    )
    uvicorn.Server(config).run()


def serve_hikari(port: int, public_key: bytes, loop_name: str) -> None:
    """Serve hikari's ``RESTBot`` on its aiohttp server until terminated.

    Parameters
    ----------
    port : int
        The port on 127.0.0.1.
    public_key : bytes
        The 32-byte Ed25519 public key requests are signed for.
    loop_name : str
        The event loop to run on, as uvicorn's ``loop`` setting names it.
    """
    import hikari  # noqa: PLC0415 - only the server subprocess needs it
    from hikari.impl import special_endpoints  # noqa: PLC0415

    async def on_command(interaction: hikari.CommandInteraction) -> special_endpoints.InteractionMessageBuilder:
        return special_endpoints.InteractionMessageBuilder(
            hikari.ResponseType.MESSAGE_CREATE,
            f"/{interaction.command_name} handled by hikari",
            flags=hikari.MessageFlag.EPHEMERAL,
        )

    bot = hikari.RESTBot(
        "http-throughput-benchmark-token",
        "Bot",
        public_key=public_key.hex(),
        banner=None,
        logs="WARNING",  # also turns the access log off: aiohttp skips it below INFO
        suppress_optimization_warning=True,
    )
    bot.set_listener(hikari.CommandInteraction, on_command)
    _install_loop(loop_name)
    bot.run(host="127.0.0.1", port=port, check_for_updates=False, shutdown_timeout=5.0)


# --------------------------------------------------------------------------------------------------------------------
# Set-up: implementations, signed requests, server processes, checks.


@dataclasses.dataclass(frozen=True, slots=True)
class Implementations:
    """The event loop and HTTP implementation the servers run on, and what was not available.

    Attributes
    ----------
    loop : str
        uvicorn's ``loop`` setting: ``"asyncio"`` or a faster installed loop.
    http : str
        uvicorn's ``http`` setting: ``"h11"`` or a faster installed implementation.
    missing : tuple[str, ...]
        The faster options that could not be used, each with why.
    """

    loop: str
    http: str
    missing: tuple[str, ...]


def _first_installed(candidates: Sequence[str], supported: Collection[str], missing: list[str]) -> str | None:
    """Return the first candidate uvicorn supports and that is installed; note the others in ``missing``."""
    for name in candidates:
        if name not in supported:
            missing.append(f"{name} (not supported by this uvicorn)")
        elif importlib.util.find_spec(name) is None:
            missing.append(f"{name} (not installed)")
        else:
            return name
    return None


def choose_implementations() -> Implementations:
    """Return the fastest event loop and HTTP implementation uvicorn can use here.

    Returns
    -------
    Implementations
        The choices, and the faster options that were not available.
    """
    import uvicorn.config  # noqa: PLC0415 - imported once uvicorn is known to be installed

    tables = vars(uvicorn.config)
    loops = typing.cast("Mapping[str, object]", tables.get("LOOP_FACTORIES") or tables.get("LOOP_SETUPS") or {})
    protocols = typing.cast("Mapping[str, object]", tables.get("HTTP_PROTOCOLS", {}))
    missing: list[str] = []
    loop = _first_installed(_LOOP_CHOICES, loops, missing) or "asyncio"
    http = _first_installed(_HTTP_CHOICES, protocols, missing) or "h11"
    return Implementations(loop, http, tuple(missing))


def _aiohttp_parser() -> str:
    """Return which HTTP parser aiohttp uses here (its C extension or pure Python)."""
    import aiohttp.http_parser  # noqa: PLC0415

    compiled = aiohttp.http_parser.HttpRequestParser.__module__ == "aiohttp._http_parser"
    return "its C HTTP parser" if compiled else "its pure-Python HTTP parser (C extension not available)"


@dataclasses.dataclass(frozen=True, slots=True)
class SignedRequest:
    """One pre-signed interaction request.

    Attributes
    ----------
    body : bytes
        The JSON body.
    headers : Mapping[str, str]
        ``Content-Type`` and the two signature headers.
    """

    body: bytes
    headers: Mapping[str, str]


@dataclasses.dataclass(frozen=True, slots=True)
class Workload:
    """The requests of one kind, signed before any timing.

    Attributes
    ----------
    kind : str
        ``"PING"`` or ``"command"``.
    callback_type : int
        The ``type`` of the reply expected: 1 (PONG) or 4 (message).
    requests : tuple[SignedRequest, ...]
        The pool, sent round-robin; each has its own interaction ID.
    """

    kind: str
    callback_type: int
    requests: tuple[SignedRequest, ...]


def workload(kind: str, sample: Sample, signer: Signer, timestamp: bytes, size: int) -> Workload:
    """Return ``size`` signed copies of ``sample``, with consecutive interaction IDs.

    Parameters
    ----------
    kind : str
        ``"PING"`` or ``"command"``.
    sample : Sample
        The payload to copy.
    signer : Signer
        The key to sign with.
    timestamp : bytes
        The ``X-Signature-Timestamp`` of every request (fixed).
    size : int
        How many requests.

    Returns
    -------
    Workload
        The pool.
    """
    first_id = int(str(sample.payload["id"]))
    requests: list[SignedRequest] = []
    for offset in range(size):
        payload = sample.copy()
        payload["id"] = str(first_id + offset)
        body = json.dumps(payload, separators=(",", ":")).encode()
        headers = {
            "Content-Type": "application/json",
            "X-Signature-Ed25519": signer.signature(timestamp, body).hex(),
            "X-Signature-Timestamp": timestamp.decode(),
        }
        requests.append(SignedRequest(body, headers))
    return Workload(kind, 1 if kind == "PING" else 4, tuple(requests))


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclasses.dataclass(slots=True)
class Target:
    """A running server.

    Attributes
    ----------
    name : str
        ``"reference"`` or ``"hikari"``.
    port : int
        Where it listens on 127.0.0.1.
    process : subprocess.Popen[bytes]
        Its process (the server itself, not a shell).
    log : typing.IO[bytes]
        Its stdout and stderr.
    replies : dict[str, bytes | None]
        By workload kind, the body every reply must repeat, or `None` when
        the server's replies legitimately vary (only the status is checked then).
    """

    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: typing.IO[bytes]
    replies: dict[str, bytes | None] = dataclasses.field(default_factory=dict[str, bytes | None])

    @property
    def url(self) -> str:
        """The URL requests are posted to."""
        return f"http://127.0.0.1:{self.port}/"

    def last_log_line(self) -> str:
        """Return the last line the server printed, or a placeholder."""
        self.log.seek(0)
        lines = self.log.read().decode(errors="replace").strip().splitlines()
        return lines[-1].strip() if lines else "(no output)"


def _server_command(name: str, port: int, public_key: bytes, implementations: Implementations) -> list[str]:
    return [
        sys.executable,
        str(pathlib.Path(__file__).resolve()),
        "--serve",
        name,
        "--port",
        str(port),
        "--public-key",
        public_key.hex(),
        "--loop",
        implementations.loop,
        "--http",
        implementations.http,
    ]


@contextlib.contextmanager
def running_servers(public_key: bytes, implementations: Implementations) -> Generator[list[Target], None, None]:
    """Start both servers, wait until they accept connections, and stop them when the block ends.

    Parameters
    ----------
    public_key : bytes
        The 32-byte Ed25519 public key requests are signed for.
    implementations : Implementations
        The event loop and HTTP implementation to run on.

    Yields
    ------
    list[Target]
        The reference, then hikari.

    Raises
    ------
    SetupError
        If a server exits or does not listen within the start timeout.
    """
    with contextlib.ExitStack() as stack:
        targets: list[Target] = []
        for name in _SERVERS:
            port = free_port()
            log = stack.enter_context(tempfile.TemporaryFile())
            process = subprocess.Popen(
                _server_command(name, port, public_key, implementations),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            stack.callback(_stop, process)
            targets.append(Target(name, port, process, log))
        for target in targets:
            _wait_listening(target)
        yield targets


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate a server, and kill it if it does not exit in time."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=_STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=_STOP_TIMEOUT_S)


def _wait_listening(target: Target) -> None:
    """Return once ``target`` accepts connections; raise `SetupError` if it exits or takes too long."""
    deadline = time.monotonic() + _START_TIMEOUT_S
    while True:
        if target.process.poll() is not None:
            raise SetupError(
                f"the {target.name} server exited with {target.process.returncode}: {target.last_log_line()}"
            )
        try:
            with socket.create_connection(("127.0.0.1", target.port), timeout=0.2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise SetupError(
                    f"the {target.name} server did not listen on port {target.port} within {_START_TIMEOUT_S:.0f} s"
                ) from None
            time.sleep(0.05)


def _new_session(concurrency: int) -> aiohttp.ClientSession:
    """Return a client session keeping up to ``concurrency`` connections alive."""
    import aiohttp  # noqa: PLC0415 - the server subprocesses do not need the client

    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=concurrency, limit_per_host=concurrency),
        timeout=aiohttp.ClientTimeout(total=_REQUEST_TIMEOUT_S),
        auto_decompress=False,
    )


async def _post(session: aiohttp.ClientSession, target: Target, request: SignedRequest) -> tuple[int, bytes]:
    async with session.post(target.url, data=request.body, headers=request.headers) as response:
        return response.status, await response.read()


async def check(targets: Sequence[Target], workloads: Sequence[Workload]) -> None:
    """Check every server's reply to every workload, and record the body each reply must repeat.

    A PING must get ``200`` with exactly ``{"type": 1}``, a command ``200`` with a
    type-4 callback. The first two requests of each pool are sent: if their
    replies differ, only the status of later replies is checked.

    Parameters
    ----------
    targets : Sequence[Target]
        The servers; their ``replies`` are filled in.
    workloads : Sequence[Workload]
        The workloads.

    Raises
    ------
    SetupError
        If a server cannot be reached or answers wrongly.
    """
    async with _new_session(1) as session:
        for target in targets:
            for load in workloads:
                replies: list[bytes] = []
                for request in load.requests[:2]:
                    try:
                        status, body = await _post(session, target, request)
                    except Exception as exc:
                        raise SetupError(
                            f"{target.name} could not be reached with the {load.kind}: {type(exc).__name__}: {exc}"
                        ) from exc
                    _check_reply(target.name, load, status, body)
                    replies.append(body)
                target.replies[load.kind] = replies[0] if len(set(replies)) == 1 else None


def _check_reply(name: str, load: Workload, status: int, body: bytes) -> None:
    try:
        parsed: object = json.loads(body)
    except ValueError:
        parsed = None
    fields = typing.cast("dict[str, object]", parsed) if type(parsed) is dict else {}
    good = fields == {"type": 1} if load.callback_type == 1 else fields.get("type") == load.callback_type
    if status != 200 or not good:
        wanted = '{"type": 1}' if load.callback_type == 1 else "a type-4 callback"
        raise SetupError(f"{name} answered the {load.kind} with {status} {body[:80]!r}; expected 200 with {wanted}")


# --------------------------------------------------------------------------------------------------------------------
# Measuring.


def _cpu_seconds(pid: int) -> float | None:
    """Return the user + system CPU seconds process ``pid`` has used, or `None` where ``/proc`` cannot tell."""
    try:
        stat = pathlib.Path(f"/proc/{pid}/stat").read_text()
        fields = stat.rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


@dataclasses.dataclass(frozen=True, slots=True)
class Measurement:
    """One timed window of one server answering one workload.

    Attributes
    ----------
    requests_per_second : float
        Replies received in the window, divided by its length.
    p50 : float
        The median latency of the requests sent in the window, in seconds.
    p99 : float
        Their 99th percentile latency, in seconds.
    errors : int
        Requests sent in the window that failed or were answered wrongly.
    server_cpu : float | None
        The server's CPU use over the window, in cores (`None` if unknown).
    client_cpu : float
        The load generator's CPU use over the window, in cores.
    """

    requests_per_second: float
    p50: float
    p99: float
    errors: int
    server_cpu: float | None
    client_cpu: float

    @property
    def server_cpu_per_request(self) -> float | None:
        """Server CPU seconds per reply, or `None` if unknown."""
        if self.server_cpu is None or self.requests_per_second <= 0:
            return None
        return self.server_cpu / self.requests_per_second


def _percentile(ordered: Sequence[float], share: float) -> float:
    """Return the nearest-rank percentile of sorted values (``nan`` if there are none)."""
    if not ordered:
        return math.nan
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


async def measure(target: Target, load: Workload, *, seconds: float, ramp: float, concurrency: int) -> Measurement:
    """Load one server with one workload and measure it.

    ``concurrency`` connections each send a request as soon as their previous
    reply has arrived. Nothing is counted during the first ``ramp`` seconds,
    while the connections open; then the window lasts ``seconds``.

    Parameters
    ----------
    target : Target
        The server.
    load : Workload
        The requests.
    seconds : float
        The length of the timed window.
    ramp : float
        The untimed lead-in.
    concurrency : int
        The number of connections (and requests in flight).

    Returns
    -------
    Measurement
        The figures of the window.
    """
    requests = load.requests
    expected = target.replies.get(load.kind)
    latencies: list[float] = []
    completed = errors = 0
    clock = time.perf_counter

    async with _new_session(concurrency) as session:
        url = target.url
        begin = clock() + ramp
        end = begin + seconds

        async def connection(index: int) -> None:
            nonlocal completed, errors
            post = session.post
            while (start := clock()) < end:
                request = requests[index % len(requests)]
                index += concurrency
                try:
                    async with post(url, data=request.body, headers=request.headers) as response:
                        body = await response.read()
                        good = response.status == 200 and (expected is None or body == expected)
                except Exception:  # a failed request is counted, never fatal
                    good = False
                stop = clock()
                if start >= begin:
                    latencies.append(stop - start)
                    if not good:
                        errors += 1
                if begin <= stop <= end and good:
                    completed += 1

        tasks = [asyncio.create_task(connection(index)) for index in range(concurrency)]
        await asyncio.sleep(max(0.0, begin - clock()))
        server_before, client_before, wall_before = _cpu_seconds(target.process.pid), time.process_time(), clock()
        await asyncio.sleep(max(0.0, end - clock()))
        server_after, client_after, wall_after = _cpu_seconds(target.process.pid), time.process_time(), clock()
        await asyncio.gather(*tasks)

    wall = max(wall_after - wall_before, 1e-9)
    server_cpu = None if server_before is None or server_after is None else (server_after - server_before) / wall
    latencies.sort()
    return Measurement(
        requests_per_second=completed / seconds,
        p50=_percentile(latencies, 0.50),
        p99=_percentile(latencies, 0.99),
        errors=errors,
        server_cpu=server_cpu,
        client_cpu=(client_after - client_before) / wall,
    )


@dataclasses.dataclass(slots=True)
class Series:
    """The measurements of one server on one workload, one per round.

    Attributes
    ----------
    kind : str
        ``"PING"`` or ``"command"``.
    server : str
        ``"reference"`` or ``"hikari"``.
    rounds : list[Measurement]
        One measurement per round.
    """

    kind: str
    server: str
    rounds: list[Measurement] = dataclasses.field(default_factory=list[Measurement])

    def median(self, figure: typing.Callable[[Measurement], float | None]) -> float | None:
        """Return the median of one figure over the rounds, or `None` if it is unknown in any."""
        values = [figure(measurement) for measurement in self.rounds]
        known = [value for value in values if value is not None]
        return statistics.median(known) if known and len(known) == len(values) else None

    @property
    def requests_per_second(self) -> float:
        """The median requests per second."""
        return statistics.median(measurement.requests_per_second for measurement in self.rounds)

    @property
    def p50(self) -> float:
        """The median over rounds of the median latency, in seconds."""
        return statistics.median(measurement.p50 for measurement in self.rounds)

    @property
    def p99(self) -> float:
        """The median over rounds of the p99 latency, in seconds."""
        return statistics.median(measurement.p99 for measurement in self.rounds)

    @property
    def errors(self) -> int:
        """The errors over all rounds."""
        return sum(measurement.errors for measurement in self.rounds)


@dataclasses.dataclass(frozen=True, slots=True)
class Plan:
    """How long to measure.

    Attributes
    ----------
    seconds : float
        The timed window of each measurement.
    rounds : int
        The most rounds.
    warm_up : float
        The untimed load each server gets per workload before the first round.
    ramp : float
        The untimed lead-in of each measurement, while its connections open.
    concurrency : int
        Connections per measurement.
    time_cap : float
        No round starts once this many seconds have passed since the start
        (the first round always runs).
    """

    seconds: float
    rounds: int
    warm_up: float
    ramp: float
    concurrency: int
    time_cap: float


async def run(targets: Sequence[Target], workloads: Sequence[Workload], plan: Plan, started: float) -> list[Series]:
    """Warm every server up, then measure round after round, the servers taking turns.

    Parameters
    ----------
    targets : Sequence[Target]
        The servers, already checked.
    workloads : Sequence[Workload]
        The workloads.
    plan : Plan
        How long to measure.
    started : float
        When the run started (`time.monotonic`), for the time cap.

    Returns
    -------
    list[Series]
        One series per workload and server, in that order.
    """
    for target in targets:
        for load in workloads:
            await measure(target, load, seconds=plan.warm_up, ramp=plan.ramp, concurrency=plan.concurrency)
    series = {(load.kind, target.name): Series(load.kind, target.name) for load in workloads for target in targets}
    per_round = len(workloads) * len(targets) * (plan.seconds + plan.ramp)
    for number in range(plan.rounds):
        if number and time.monotonic() - started + per_round > plan.time_cap:
            break
        for load in workloads:
            for target in targets:
                measurement = await measure(
                    target, load, seconds=plan.seconds, ramp=plan.ramp, concurrency=plan.concurrency
                )
                series[load.kind, target.name].rounds.append(measurement)
    return list(series.values())


# --------------------------------------------------------------------------------------------------------------------
# Reporting.


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "(version unknown)"


def _optional(value: float | None, scale: float, width: int, decimals: int, suffix: str = "") -> str:
    return f"{'n/a':>{width}}" if value is None else f"{value * scale:{width}.{decimals}f}{suffix}"


def _paired(mine: Series, theirs: Series, figure: typing.Callable[[Measurement], float]) -> float:
    """Return the median over rounds of the ratio of the two servers' figures in the same round."""
    return statistics.median(
        figure(a) / figure(b) if figure(b) > 0 else math.inf for a, b in zip(mine.rounds, theirs.rounds, strict=True)
    )


def report(series: Sequence[Series], implementations: Implementations, plan: Plan, elapsed: float) -> None:
    """Print the figures, the ratios and the goals.

    Parameters
    ----------
    series : Sequence[Series]
        The measurements, one series per workload and server.
    implementations : Implementations
        What the servers ran on.
    plan : Plan
        How long each measurement lasted.
    elapsed : float
        Seconds spent, set-up included.
    """
    rounds = min(len(one.rounds) for one in series)
    print(
        f"python {platform.python_version()}, uvicorn {_version('uvicorn')}, aiohttp {_version('aiohttp')}, "
        f"hikari {_version('hikari')}; {os.cpu_count()} CPUs"
    )
    print(
        f"reference: InteractionApp under uvicorn, 1 worker, loop {implementations.loop}, "
        f"http {implementations.http}, log_level warning, access log off"
    )
    print(
        f"hikari:    RESTBot on the aiohttp web server with {_aiohttp_parser()}, 1 worker, "
        f'loop {implementations.loop}, logs="WARNING" (access log off)'
    )
    if implementations.missing:
        print(f"faster options not available: {', '.join(implementations.missing)}")
    print(
        f"load: aiohttp client in a separate process, {plan.concurrency} keep-alive connections, "
        f"{_POOL_SIZE} pre-signed requests per workload; {rounds} round(s) of {plan.seconds:g} s per measurement, "
        f"servers alternated, after a {plan.warm_up:g} s warm-up each; {elapsed:.1f} s in all"
    )
    if rounds < plan.rounds:
        print(f"(the time cap of {plan.time_cap:g} s stopped the run after {rounds} of {plan.rounds} rounds)")
    print()
    print(
        f"{'workload':<9} {'server':<10} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}"
        f" {'server CPU':>10} {'CPU µs/req':>10} {'client CPU':>10}"
    )
    for one in series:
        print(
            f"{one.kind:<9} {one.server:<10} {one.requests_per_second:9.1f} {one.p50 * 1e3:8.2f} {one.p99 * 1e3:8.2f}"
            f" {one.errors:7d} {_optional(one.median(lambda m: m.server_cpu), 100, 9, 0, '%')}"
            f" {_optional(one.median(lambda m: m.server_cpu_per_request), 1e6, 10, 1)}"
            f" {_optional(one.median(lambda m: m.client_cpu), 100, 9, 0, '%')}"
        )
    print("(medians over rounds; CPU in % of one core, µs/req = server CPU time per reply)")
    if rounds > 1:
        for one in series:
            figures = " ".join(f"{measurement.requests_per_second:9.1f}" for measurement in one.rounds)
            print(f"{one.kind:<9} {one.server:<10} req/s by round: {figures}")
    if any(m.client_cpu >= _CLIENT_SATURATED for one in series for m in one.rounds):
        print(
            f"note: the load generator used >= {_CLIENT_SATURATED:.0%} of a core in some measurement, so it may "
            "have limited the throughput there; CPU µs/req compares the servers regardless"
        )
    print()
    by_key = {(one.kind, one.server): one for one in series}
    print(f"{'reference / hikari':<30} {'of medians':>10} {'paired':>9}")
    for kind in _KINDS:
        mine, theirs = by_key[kind, "reference"], by_key[kind, "hikari"]
        print(
            f"{kind + ' throughput':<30} {mine.requests_per_second / theirs.requests_per_second:9.3f}x"
            f" {_paired(mine, theirs, lambda m: m.requests_per_second):8.3f}x"
        )
        print(f"{kind + ' p99':<30} {mine.p99 / theirs.p99:9.3f}x {_paired(mine, theirs, lambda m: m.p99):8.3f}x")
        cpu_mine = mine.median(lambda m: m.server_cpu_per_request)
        cpu_theirs = theirs.median(lambda m: m.server_cpu_per_request)
        if cpu_mine is not None and cpu_theirs is not None:
            print(f"{kind + ' server CPU per reply':<30} {cpu_mine / cpu_theirs:9.3f}x")
    print("(paired: the median over rounds of the ratio of the two measurements taken in the same round)")
    print()
    for kind in _KINDS:
        mine, theirs = by_key[kind, "reference"], by_key[kind, "hikari"]
        throughput = mine.requests_per_second / theirs.requests_per_second
        p99 = mine.p99 / theirs.p99
        met = throughput >= _THROUGHPUT_GOAL and p99 <= _P99_GOAL
        print(
            f"goal {kind} reference >= {_THROUGHPUT_GOAL:.2f}x hikari req/s at p99 <= {_P99_GOAL:.2f}x: "
            f"{throughput:.3f}x req/s, {p99:.3f}x p99  {'goal met' if met else 'goal MISSED'}"
        )


# --------------------------------------------------------------------------------------------------------------------
# Entry point.


async def _check_and_run(
    targets: Sequence[Target], workloads: Sequence[Workload], plan: Plan, started: float
) -> list[Series]:
    await check(targets, workloads)
    return await run(targets, workloads, plan, started)


def _run_on(loop_name: str, coroutine: Coroutine[typing.Any, typing.Any, list[Series]]) -> list[Series]:
    """Run ``coroutine`` to completion on a new event loop of the kind the servers use."""
    if loop_name == "asyncio":
        return asyncio.run(coroutine)
    loop = typing.cast("asyncio.AbstractEventLoop", importlib.import_module(loop_name).new_event_loop())
    try:
        return loop.run_until_complete(coroutine)
    finally:
        loop.close()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=(__doc__ or "").partition("\n")[0])
    parser.add_argument("--seconds", type=float, default=None, help="timed seconds per measurement (default 3)")
    parser.add_argument("--rounds", type=int, default=None, help="rounds of measurements (default 3)")
    parser.add_argument("--concurrency", type=int, default=32, help="keep-alive connections (default 32)")
    parser.add_argument(
        "--time-cap", type=float, default=240.0, help="start no new round after this many seconds (default 240)"
    )
    parser.add_argument("--quick", action="store_true", help="1 round of about 1 s per measurement: a smoke test")
    # Internal: run one server (the script starts its servers this way).
    parser.add_argument("--serve", choices=_SERVERS, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--public-key", help=argparse.SUPPRESS)
    parser.add_argument("--loop", default="asyncio", help=argparse.SUPPRESS)
    parser.add_argument("--http", default="h11", help=argparse.SUPPRESS)
    return parser


def _missing_dependency() -> str | None:
    """Return why the benchmark cannot run here, or `None` if everything it needs is installed."""
    for module, why in (("uvicorn", "to serve the reference"), ("hikari", "to compare with"), ("aiohttp", "")):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed ({why or 'the load generator'} needs it): pip install -e '.[dev]'"
    return None


def main() -> int:
    """Start both servers, check them, measure them and print the report (or serve one server).

    Returns
    -------
    int
        0 after a measurement (whatever the figures), 2 on a set-up or correctness error.
    """
    parser = _parser()
    args = parser.parse_args()
    if args.serve is not None:
        if args.port is None or args.public_key is None:
            parser.error("--serve needs --port and --public-key")
        public_key = bytes.fromhex(args.public_key)
        if args.serve == "reference":
            serve_reference(args.port, public_key, args.loop, args.http)
        else:
            serve_hikari(args.port, public_key, args.loop)
        return 0

    seconds: float = args.seconds if args.seconds is not None else (1.0 if args.quick else 3.0)
    rounds: int = args.rounds if args.rounds is not None else (1 if args.quick else 3)
    if seconds <= 0:
        parser.error("--seconds must be positive")
    if rounds < 1:
        parser.error("--rounds must be at least 1")
    if args.concurrency < 1:
        parser.error("--concurrency must be at least 1")
    plan = Plan(
        seconds=seconds,
        rounds=rounds,
        warm_up=0.3 if args.quick else 1.0,
        ramp=0.1 if args.quick else 0.2,
        concurrency=args.concurrency,
        time_cap=args.time_cap,
    )

    started = time.monotonic()
    missing = _missing_dependency()
    if missing is not None:
        print(f"{_PROGRAM}: {missing}", file=sys.stderr)
        return 2
    implementations = choose_implementations()
    signer = Signer()
    timestamp = Signer.now()
    workloads = [
        workload("PING", PING, signer, timestamp, _POOL_SIZE),
        workload("command", default_sample(InteractionType.APPLICATION_COMMAND), signer, timestamp, _POOL_SIZE),
    ]
    try:
        with running_servers(signer.public_key, implementations) as targets:
            series = _run_on(implementations.loop, _check_and_run(targets, workloads, plan, started))
    except SetupError as exc:
        print(f"{_PROGRAM}: {exc}", file=sys.stderr)
        return 2
    report(series, implementations, plan, time.monotonic() - started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
