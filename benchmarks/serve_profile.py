"""Where one server's CPU time goes under load: per thread from ``/proc``, and by component from py-spy's samples.

The server is started as ``http_throughput.py`` starts it (``--serve-asgi NAME``
or the HTTP floor) and loaded by the same load generator, with one workload.
Over a timed window the script reads each thread's CPU time from
``/proc/<pid>/task/<tid>/stat`` and prints it per right reply: exact, and it
separates granian's Rust threads from the Python one. With ``--py-spy`` it
then records the Python thread with ``py-spy record --native`` under the same
load and sorts the samples by component, each sample going to the innermost
frame of its stack that a component claims (samples idle in ``epoll_wait`` are
left out): shares, approximate on a loaded machine.

Last, it drives ``serve``'s app through ``__rsgi__`` in this process with a
stand-in protocol and no server, beside the floor (verification and JSON parse
alone) on the same requests: what the bridge and the reference add.

Usage: python benchmarks/serve_profile.py NAME [--workload PING|command] [--seconds S] [--py-spy]
(NAME: http-floor, or one of ``benchmarks.throughput.asgi_servers.ASGI_SERVERS``)
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
import typing

from benchmarks.throughput import asgi_servers
from benchmarks.throughput.load import encode_requests
from benchmarks.throughput.load import fetch
from benchmarks.throughput.load import measure
from benchmarks.throughput.processes import Launch
from benchmarks.throughput.processes import SetupError
from benchmarks.throughput.processes import Target
from benchmarks.throughput.processes import free_port
from benchmarks.throughput.processes import running
from benchmarks.throughput.report import HTTP_FLOOR
from benchmarks.throughput.workloads import KINDS
from benchmarks.throughput.workloads import check_reply
from benchmarks.throughput.workloads import workloads
from conformance.signing import Signer

if typing.TYPE_CHECKING:
    from benchmarks.throughput.workloads import Workload

_PROGRAM: typing.Final = "serve_profile.py"
_SCRIPT: typing.Final = pathlib.Path(__file__).resolve().parent / "http_throughput.py"
_CONCURRENCY: typing.Final = 32
_PY_SPY_RATE: typing.Final = 250
_IN_PROCESS_CALLS: typing.Final = 4000
COMPONENTS: typing.Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("signature verification (libsodium)", ("crypto_sign", "nacl/", "_sodium")),
    ("JSON parse and encode", ("json/", "_json")),
    ("socket writes", ("uv_try_write", "uv__write", "UVStream_write", "UVStream__exec_write", "UVStream__try_write")),
    ("socket reads", ("uv__read", "read (libc")),
    ("the bridge (interaction_spec/asgi.py)", ("interaction_spec/asgi.py",)),
    ("the reference (interaction view, listener, reply)", ("conformance/", "interaction_spec/")),
    ("HTTP parsing (httptools)", ("httptools", "llhttp", "parser.c")),
    ("uvicorn (protocol, ASGI request cycle)", ("uvicorn/",)),
    ("granian's Python glue", ("granian/_futures", "granian/rsgi", "granian/asgi")),
    ("granian's Rust code on the Python thread (scope, protocol, GIL)", ("_granian.cpython",)),
    ("the HTTP floor's protocol", ("http_floor.py",)),
    ("asyncio tasks and futures", ("asyncio/", "_asyncio", "task_step")),
    ("thread hand-offs (futex, sched_yield)", ("syscall (libc", "sched_yield", "pthread_cond")),
)
"""Components, in the order they claim a frame: the bridge's file before the package's other modules."""
_OTHER: typing.Final = "event loop, interpreter, other"


def _threads(session: int) -> dict[tuple[int, int], float]:
    """Return the CPU seconds of every thread of every process of ``session``, by (pid, tid)."""
    ticks = os.sysconf("SC_CLK_TCK")
    found: dict[tuple[int, int], float] = {}
    for entry in pathlib.Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if int((entry / "stat").read_text().rpartition(")")[2].split()[3]) != session:
                continue
            tasks = list((entry / "task").iterdir())
        except OSError:
            continue
        for task in tasks:
            try:
                fields = (task / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            found[int(entry.name), int(task.name)] = (int(fields[11]) + int(fields[12])) / ticks
    return found


def classify(stack: str) -> str | None:
    """Return the component of one py-spy stack (``frame;frame;...``, root first), or `None` if it is idle.

    Parameters
    ----------
    stack : str
        The stack, as ``py-spy record --format raw`` writes it.

    Returns
    -------
    str | None
        The component that claims its innermost frame, `_OTHER` if none does, `None` for a wait in ``epoll``.
    """
    frames = stack.split(";")
    if "epoll_wait" in frames[-1] or "epoll_pwait" in frames[-1]:
        return None
    for frame in reversed(frames):
        for name, keys in COMPONENTS:
            if any(key in frame for key in keys):
                return name
    return _OTHER


def _shares(raw: str) -> list[tuple[str, float]]:
    counts: collections.Counter[str] = collections.Counter()
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        component = classify(stack) if count.isdigit() else None
        if component is not None:
            counts[component] += int(count)
    total = sum(counts.values()) or 1
    return [(name, count / total) for name, count in counts.most_common()]


async def _profile(target: Target, load: Workload, seconds: float, py_spy: str | None) -> None:
    requests = encode_requests(load, target.launch.port, "/")
    status, expected = await fetch(target.launch.port, requests[0], 10.0)
    wrong = check_reply(load, status, expected)
    if wrong is not None:
        raise SetupError(f"{target.name} answered the {load.kind} with {wrong}")

    async def loaded(window: float) -> float:
        result = await measure(
            target.launch.port,
            requests,
            expected,
            seconds=window,
            ramp=0.2,
            concurrency=_CONCURRENCY,
            server_cpu=target.cpu_seconds,
        )
        if result.errors:
            raise SetupError(f"{target.name} answered {result.errors} requests wrongly")
        return result.requests_per_second * window

    await loaded(1.0)
    before = _threads(target.process.pid)
    replies = await loaded(seconds)
    after = _threads(target.process.pid)
    print(f"{target.name}, {load.kind}: {replies / seconds:.0f} right replies per second; CPU µs per reply by thread:")
    total = 0.0
    for (pid, tid), used in sorted(after.items()):
        spent = used - before.get((pid, tid), 0.0)
        total += spent
        if spent > 0:
            print(f"  pid {pid} thread {tid}{' (main)' if pid == tid else ''}: {spent / replies * 1e6:8.1f}")
    print(f"  all threads: {total / replies * 1e6:8.1f}")
    if py_spy is None:
        return
    worker = max(pid for pid, _ in after)  # granian's worker is the session's newest process
    with tempfile.TemporaryDirectory() as folder:
        output = pathlib.Path(folder) / "samples.txt"
        record = [py_spy, "record", "--pid", str(worker), "--duration", str(max(1, round(seconds))), "--native"]
        record += ["--threads", "--rate", str(_PY_SPY_RATE), "--format", "raw", "--output", str(output)]
        spy = await asyncio.create_subprocess_exec(*record, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        await loaded(seconds + 1.0)
        _, error = await spy.communicate()
        if spy.returncode != 0 or not output.exists():
            raise SetupError(f"py-spy failed: {error.decode(errors='replace').strip().splitlines()[-1:]}")
        raw = "\n".join(line for line in output.read_text().splitlines() if "MainThread" in line.partition(";")[0])
    print(f"py-spy, the Python thread of pid {worker} (shares of its busy samples):")
    for name, share in _shares(raw):
        print(f"  {share:6.1%}  {name}")


class _Headers:
    """An RSGI scope's headers, as granian hands them over: lower-case names, text values."""

    __slots__ = ("_pairs",)

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._pairs = pairs

    def get_all(self, key: str) -> list[str]:
        return [value for name, value in self._pairs if name == key]


class _Scope:
    __slots__ = ("headers", "method", "proto")

    def __init__(self, headers: _Headers) -> None:
        self.proto = "http"
        self.method = "POST"
        self.headers = headers


class _Protocol:
    """An RSGI HTTP protocol holding one request's body and keeping its reply's status."""

    __slots__ = ("_body", "status")

    def __init__(self, body: bytes) -> None:
        self._body = body
        self.status = 0

    async def __call__(self) -> bytes:
        return self._body

    def __aiter__(self) -> typing.AsyncIterator[bytes]:
        raise NotImplementedError  # every request here declares its length

    def response_bytes(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self.status = status


def in_process(load: Workload, public_key: bytes, calls: int) -> tuple[float, float]:
    """Return the CPU µs per request of serve's app through ``__rsgi__`` with no server, and of the floor alone.

    Parameters
    ----------
    load : Workload
        The requests.
    public_key : bytes
        Their public key.
    calls : int
        Requests per measurement.

    Returns
    -------
    tuple[float, float]
        The app's CPU µs per request (the bridge, the reference, verification and JSON), then the floor's.

    Raises
    ------
    SetupError
        If the app does not answer 200.
    """
    from benchmarks.throughput.floor import floor_calls  # noqa: PLC0415
    from conformance.serve import reference_app  # noqa: PLC0415

    app = reference_app(public_key)
    scopes = [
        (
            _Scope(
                _Headers(
                    [
                        ("host", "127.0.0.1"),
                        ("content-type", "application/json"),
                        ("content-length", str(len(request.body))),
                        ("x-signature-ed25519", request.signature),
                        ("x-signature-timestamp", request.timestamp),
                    ]
                )
            ),
            request.body,
        )
        for request in load.requests
    ]

    async def serve_all() -> None:
        for index in range(calls):
            scope, body = scopes[index % len(scopes)]
            protocol = _Protocol(body)
            await app.__rsgi__(scope, protocol)
            if protocol.status != 200:
                raise SetupError(f"the app answered the {load.kind} with {protocol.status} in process")

    floor = floor_calls(load, public_key)
    started = time.process_time()
    asyncio.run(serve_all())
    app_cost = (time.process_time() - started) / calls
    started = time.process_time()
    for index in range(calls):
        floor[index % len(floor)]()
    return app_cost * 1e6, (time.process_time() - started) / calls * 1e6


def main() -> int:
    """Profile one server under one workload and print where its CPU time goes.

    Returns
    -------
    int
        0 after a profile, 2 on a set-up error (one line on stderr).
    """
    names = (HTTP_FLOOR, *asgi_servers.ASGI_SERVERS)
    parser = argparse.ArgumentParser(description=(__doc__ or "").partition("\n")[0])
    parser.add_argument("server", choices=names, help="the server to profile")
    parser.add_argument("--workload", choices=KINDS, default="PING", help="the workload (default PING)")
    parser.add_argument("--seconds", type=float, default=5.0, help="the timed window (default 5)")
    parser.add_argument("--py-spy", action="store_true", help="also sample the Python thread with py-spy")
    args = parser.parse_args()
    if args.seconds <= 0:
        parser.error("--seconds must be positive")
    beside = pathlib.Path(sys.executable).parent / "py-spy"
    py_spy = (str(beside) if beside.exists() else shutil.which("py-spy")) if args.py_spy else None
    if args.py_spy and py_spy is None:
        print(f"{_PROGRAM}: py-spy is not installed: pip install -e '.[benchmark]'", file=sys.stderr)
        return 2
    signer = Signer()
    load = next(one for one in workloads(signer, Signer.now(), 128) if one.kind == args.workload)
    port = free_port()
    serve = ("--serve-http-floor",) if args.server == HTTP_FLOOR else ("--serve-asgi", args.server)
    command = (sys.executable, str(_SCRIPT), *serve, "--port", str(port), "--public-key", signer.public_key.hex())
    try:
        with running([Launch(args.server, command, None, None, port, "/")]) as targets:
            asyncio.run(_profile(targets[0], load, args.seconds, py_spy))
        app_cost, floor_cost = in_process(load, signer.public_key, _IN_PROCESS_CALLS)
    except (SetupError, OSError, TimeoutError) as exc:
        print(f"{_PROGRAM}: {exc}", file=sys.stderr)
        return 2
    print(
        f"in process, no server: serve's app through __rsgi__ {app_cost:.1f} µs per {load.kind},"
        f" the floor (verification + JSON) {floor_cost:.1f}:"
        f" the bridge and the reference add {app_cost - floor_cost:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
