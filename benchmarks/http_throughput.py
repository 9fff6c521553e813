"""Measure requests per second, p99 latency and CPU per request over HTTP: the reference beside every peer server.

In one interleaved run on this machine, each on 127.0.0.1 in a subprocess of
its own with one worker:

- the HTTP floor (`benchmarks.throughput.http_floor`), row ``http-floor``: the
  least a Python process must do per request over HTTP (httptools on an asyncio
  protocol under uvloop, signature verification, JSON parse, one write per
  reply); a measuring stick, measured like the servers;
- the reference implementation through `interaction_spec.asgi.InteractionApp`
  under each server ``serve`` could use (`benchmarks.throughput.asgi_servers`:
  uvicorn with httptools and uvloop, granian through the bridge's ASGI entry,
  granian through its RSGI entry (``serve``'s), hypercorn); ``--servers`` picks some;
- the peers, implementations of the results matrix started through their
  ``implementations/<slug>/implementation.json`` (`benchmarks.throughput.peers`):
  hikari's aiohttp server, discord-http's server and discord-interactions'
  Express middleware on Node by default; a peer whose folder is absent or not
  installed is skipped with one line naming the command that installs it
  (``--install`` runs it);
- the floor (`benchmarks.throughput.floor`): signature verification plus JSON
  parse of each request on one core, with no server and no HTTP at all.

Every server answers the same two workloads (`benchmarks.throughput.workloads`):
a PING, and the conformance bot's ``/echo`` command, a realistic guild command
with an option. The load generator (`benchmarks.throughput.load`) is this
process and is the same for all: a fixed number of keep-alive connections,
each sending its next pre-signed, pre-encoded request as soon as its reply has
arrived. Each measurement opens its connections during a short ramp that is
not counted, then counts the right replies that arrive within ``--seconds`` and
the latency of every request sent in that window. The servers take turns
(their order rotating from round to round), then the floor runs, for
``--rounds`` rounds after a warm-up of each, so that all see the same machine
load; each figure printed is the median over the rounds, next to each server's
CPU use (from ``/proc``, its whole process tree) and CPU time per reply.

The goals are judged on the row ``serve`` runs, on paired ratios (the median
over rounds of the ratio of two measurements taken in the same round).
``--json PATH`` also writes every figure (`benchmarks.throughput.json_report`).

Nothing is asserted about the timings: the script exits 0 whatever they are,
and 2 (with one line on stderr) when a server cannot be started or answers the
checks made before timing wrongly, or the JSON file cannot be written.

Usage: python benchmarks/http_throughput.py [--seconds S] [--rounds N] [--concurrency C] [--time-cap S] [--quick]
[--implementations DIR] [--peers SLUG,...] [--servers NAME,...] [--install] [--json PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import pathlib
import platform
import sys
import time
import typing

from benchmarks.throughput import asgi_servers
from benchmarks.throughput import http_floor
from benchmarks.throughput import peers as peer_folders
from benchmarks.throughput.floor import FloorSample
from benchmarks.throughput.floor import floor_calls
from benchmarks.throughput.floor import measure_floor
from benchmarks.throughput.json_report import report_json
from benchmarks.throughput.load import Measurement
from benchmarks.throughput.load import encode_requests
from benchmarks.throughput.load import fetch
from benchmarks.throughput.load import measure
from benchmarks.throughput.processes import Launch
from benchmarks.throughput.processes import SetupError
from benchmarks.throughput.processes import Target
from benchmarks.throughput.processes import free_port
from benchmarks.throughput.processes import running
from benchmarks.throughput.report import HTTP_FLOOR
from benchmarks.throughput.report import Series
from benchmarks.throughput.report import print_report
from benchmarks.throughput.workloads import Workload
from benchmarks.throughput.workloads import check_reply
from benchmarks.throughput.workloads import workloads
from conformance.serve import DEFAULT_SERVER
from conformance.signing import Signer

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

_PROGRAM: typing.Final = "http_throughput.py"
_ROOT: typing.Final = pathlib.Path(__file__).resolve().parent.parent
_DEFAULT_PEERS: typing.Final = ("hikari", "discord-http", "discord-interactions")
_POOL_SIZE: typing.Final = 128
"""Distinct signed requests per workload (each with its own interaction ID)."""
_CHECK_TIMEOUT_S: typing.Final = 10.0
_HTTP_FLOOR_DESCRIPTION: typing.Final = (
    "httptools on an asyncio protocol under uvloop, signature verification (PyNaCl), JSON parse, one write per reply"
)


def _bridge_row(server: str) -> str:
    return f"reference/{server}"


def _is_peer(name: str) -> bool:
    return not name.startswith("reference/") and name != HTTP_FLOOR


def _launches(public_key: bytes, servers: Sequence[str], peers: Sequence[peer_folders.Peer]) -> list[Launch]:
    script = (sys.executable, str(pathlib.Path(__file__).resolve()))
    port = free_port()
    launches = [
        Launch(
            HTTP_FLOOR,
            (*script, "--serve-http-floor", "--port", str(port), "--public-key", public_key.hex()),
            None,
            None,
            port,
            "/",
        )
    ]
    for server in servers:
        command = (*script, "--serve-asgi", server)
        port = free_port()
        launches.append(
            Launch(
                _bridge_row(server),
                (*command, "--port", str(port), "--public-key", public_key.hex()),
                None,
                None,
                port,
                "/",
            )
        )
    for peer in peers:
        port = free_port()
        launches.append(
            Launch(peer.slug, peer.start, peer.workdir, peer.environment(port, public_key), port, peer.path)
        )
    return launches


async def _check(targets: Sequence[Target], loads: Sequence[Workload]) -> None:
    """Send the first two requests of each workload to each server; record the reply each must repeat."""
    for target in targets:
        for load in loads:
            replies: list[bytes] = []
            for request in encode_requests(load, target.launch.port, target.launch.path)[:2]:
                try:
                    status, body = await fetch(target.launch.port, request, _CHECK_TIMEOUT_S)
                except (OSError, TimeoutError) as exc:
                    raise SetupError(
                        f"{target.name} could not be reached with the {load.kind}: {type(exc).__name__}: {exc}"
                    ) from None
                wrong = check_reply(load, status, body)
                if wrong is not None:
                    raise SetupError(f"{target.name} answered the {load.kind} with {wrong}")
                replies.append(body)
            if replies[0] != replies[1]:
                raise SetupError(f"{target.name} answered two {load.kind} requests with different bodies")
            target.replies[load.kind] = replies[0]


class Plan(typing.NamedTuple):
    """How long to measure."""

    seconds: float
    """The timed window of each measurement."""
    rounds: int
    """The most rounds."""
    warm_up: float
    """The untimed load each server gets per workload before the first round."""
    ramp: float
    """The untimed lead-in of each measurement, while its connections open."""
    concurrency: int
    """Connections per measurement."""
    time_cap: float
    """No round starts once this many seconds have passed since the start (the first round always runs)."""


async def _run(
    targets: Sequence[Target], loads: Sequence[Workload], public_key: bytes, plan: Plan, started: float
) -> tuple[list[Series], dict[str, list[FloorSample]]]:
    """Check, warm up, then measure round after round: the servers in turn, then the floor."""
    await _check(targets, loads)
    encoded = {
        (target.name, load.kind): encode_requests(load, target.launch.port, target.launch.path)
        for target in targets
        for load in loads
    }
    calls = {load.kind: floor_calls(load, public_key) for load in loads}

    async def one(target: Target, load: Workload, seconds: float) -> Measurement:
        return await measure(
            target.launch.port,
            encoded[target.name, load.kind],
            target.replies[load.kind],
            seconds=seconds,
            ramp=plan.ramp,
            concurrency=plan.concurrency,
            server_cpu=target.cpu_seconds,
        )

    for target in targets:
        for load in loads:
            await one(target, load, plan.warm_up)
    series = {
        (load.kind, target.name): Series(load.kind, target.name, _is_peer(target.name))
        for load in loads
        for target in targets
    }
    floors: dict[str, list[FloorSample]] = {load.kind: [] for load in loads}
    per_round = len(loads) * (len(targets) * (plan.seconds + plan.ramp) + plan.seconds)
    for number in range(plan.rounds):
        if number and time.monotonic() - started + per_round > plan.time_cap:
            break
        order = [*targets[number % len(targets) :], *targets[: number % len(targets)]]
        for load in loads:
            for target in order:
                series[load.kind, target.name].rounds.append(await one(target, load, plan.seconds))
            floors[load.kind].append(measure_floor(calls[load.kind], plan.seconds))
    return list(series.values()), floors


def _load_average() -> str:
    try:
        return " ".join(pathlib.Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=(__doc__ or "").partition("\n")[0])
    parser.add_argument("--seconds", type=float, default=None, help="timed seconds per measurement (default 3)")
    parser.add_argument("--rounds", type=int, default=None, help="rounds of measurements (default 3)")
    parser.add_argument("--concurrency", type=int, default=32, help="keep-alive connections (default 32)")
    parser.add_argument(
        "--time-cap", type=float, default=600.0, help="start no new round after this many seconds (default 600)"
    )
    parser.add_argument("--quick", action="store_true", help="1 round of about 1 s per measurement: a smoke test")
    parser.add_argument(
        "--implementations",
        type=pathlib.Path,
        default=_ROOT / "implementations",
        help="the folder of the implementations' folders (default: implementations/ of this checkout)",
    )
    parser.add_argument(
        "--peers",
        default=",".join(_DEFAULT_PEERS),
        help=f"comma-separated implementation folders to compare with (default {','.join(_DEFAULT_PEERS)})",
    )
    parser.add_argument(
        "--servers",
        default=",".join(asgi_servers.ASGI_SERVERS),
        help=f"comma-separated servers to run the reference under (default {','.join(asgi_servers.ASGI_SERVERS)})",
    )
    parser.add_argument("--install", action="store_true", help="install a peer that is not installed yet")
    parser.add_argument("--json", type=pathlib.Path, help="also write every figure to this JSON file")
    # Internal: run the reference under one ASGI server (the script starts those servers this way).
    parser.add_argument("--serve-asgi", choices=asgi_servers.ASGI_SERVERS, help=argparse.SUPPRESS)
    parser.add_argument("--serve-http-floor", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--public-key", help=argparse.SUPPRESS)
    return parser


def _plan(parser: argparse.ArgumentParser, args: argparse.Namespace) -> Plan:
    seconds: float = args.seconds if args.seconds is not None else (1.0 if args.quick else 3.0)
    rounds: int = args.rounds if args.rounds is not None else (1 if args.quick else 3)
    if seconds <= 0:
        parser.error("--seconds must be positive")
    if rounds < 1:
        parser.error("--rounds must be at least 1")
    if args.concurrency < 1:
        parser.error("--concurrency must be at least 1")
    if args.json is not None and not args.json.resolve().parent.is_dir():
        parser.error(f"--json: {args.json.resolve().parent} is not a directory")
    return Plan(
        seconds, rounds, 0.3 if args.quick else 1.0, 0.1 if args.quick else 0.2, args.concurrency, args.time_cap
    )


def main() -> int:
    """Start every server, check them, measure them and the floor, and print the report (or serve one server).

    Returns
    -------
    int
        0 after a measurement (whatever the figures), 2 on a set-up or correctness error.
    """
    parser = _parser()
    args = parser.parse_args()
    if args.serve_asgi is not None or args.serve_http_floor:
        if args.port is None or args.public_key is None:
            parser.error("--serve-asgi and --serve-http-floor need --port and --public-key")
        if args.serve_asgi is not None:
            asgi_servers.serve(args.serve_asgi, args.port, bytes.fromhex(args.public_key))
        else:
            http_floor.serve(args.port, bytes.fromhex(args.public_key))
        return 0
    plan = _plan(parser, args)
    slugs = [slug.strip() for slug in str(args.peers).split(",") if slug.strip()]

    started = time.monotonic()
    load_before = _load_average()
    wanted = [server.strip() for server in str(args.servers).split(",") if server.strip()]
    unknown = [server for server in wanted if server not in asgi_servers.ASGI_SERVERS]
    if unknown:
        parser.error(f"--servers: unknown server {unknown[0]!r} (choose from {', '.join(asgi_servers.ASGI_SERVERS)})")
    servers = [server for server in wanted if asgi_servers.missing(server) is None]
    skipped = [
        f"{_bridge_row(server)} skipped: {asgi_servers.missing(server)} is not installed: pip install -e '.[benchmark]'"
        for server in wanted
        if server not in servers
    ]
    if not servers:
        print(
            f"{_PROGRAM}: no ASGI server is installed to serve the reference: pip install -e '.[benchmark]'",
            file=sys.stderr,
        )
        return 2
    peers, skipped_peers = peer_folders.find_peers(args.implementations, slugs, install_missing=args.install)
    signer = Signer()
    loads = workloads(signer, Signer.now(), _POOL_SIZE)
    try:
        with running(_launches(signer.public_key, servers, peers)) as targets:
            series, floors = asyncio.run(_run(targets, loads, signer.public_key, plan, started))
    except SetupError as exc:
        print(f"{_PROGRAM}: {exc}", file=sys.stderr)
        return 2

    rounds = min(len(one.rounds) for one in series)
    load_after = _load_average()
    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs;"
        f" load average before: {load_before}, after: {load_after}"
    )
    described = [(HTTP_FLOOR, "http-floor", _HTTP_FLOOR_DESCRIPTION)]
    described += [
        (_bridge_row(server), "reference", f"InteractionApp under {asgi_servers.describe(server)}, 1 worker")
        for server in servers
    ]
    described += [
        (peer.slug, "peer", f"{peer.title} ({' '.join(peer.start[1:]) or peer.start[0]}, {peer.registry})")
        for peer in peers
    ]
    for name, _, description in described:
        print(f"{name}: {description}")
    for line in [*skipped, *skipped_peers]:
        print(line)
    print(
        f"load: one client process on asyncio, {plan.concurrency} keep-alive connections, requests encoded by h11,"
        f" replies parsed by httptools; {_POOL_SIZE} pre-signed requests per workload; {rounds} round(s) of"
        f" {plan.seconds:g} s per measurement, servers in turn, after a {plan.warm_up:g} s warm-up each;"
        f" {time.monotonic() - started:.1f} s in all"
    )
    if rounds < plan.rounds:
        print(f"(the time cap of {plan.time_cap:g} s stopped the run after {rounds} of {plan.rounds} rounds)")
    print()
    reference = _bridge_row(DEFAULT_SERVER) if DEFAULT_SERVER in servers else None
    print_report(series, floors, reference)
    if args.json is not None:
        context = {
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "load_average": {"before": load_before, "after": load_after},
            "plan": {
                "seconds": plan.seconds,
                "rounds": rounds,
                "warm_up": plan.warm_up,
                "ramp": plan.ramp,
                "concurrency": plan.concurrency,
                "pool_size": _POOL_SIZE,
            },
            "servers": [{"name": name, "role": role, "description": text} for name, role, text in described],
            "skipped": [*skipped, *skipped_peers],
        }
        try:
            args.json.write_text(
                json.dumps(report_json(series, floors, reference, context), indent=2) + "\n", encoding="utf-8"
            )
        except OSError as exc:
            print(f"{_PROGRAM}: cannot write {args.json}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
