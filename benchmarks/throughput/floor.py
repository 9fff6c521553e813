"""The floor: signature verification plus JSON parse of each request, on one core, with no server around it.

It is `benchmarks.per_call`'s floor, ``VerifyKey(public_key).verify(timestamp +
body, signature)`` then ``json.loads(body)``, applied to the requests of a
workload in turn in this process. Its requests per second are what one core
could answer if a server cost nothing beyond what every correct server must do.
"""

from __future__ import annotations

__all__ = ("FloorSample", "measure_floor")

import dataclasses
import itertools
import time
import typing

from benchmarks import per_call

if typing.TYPE_CHECKING:
    from benchmarks.throughput.workloads import Workload

_BATCH: typing.Final = 64
"""Calls between two looks at the clock."""


@dataclasses.dataclass(frozen=True, slots=True)
class FloorSample:
    """The floor over one timed window.

    Attributes
    ----------
    requests_per_second : float
        Requests verified and parsed per second of wall time.
    cpu_per_request : float
        CPU seconds of this process per request.
    """

    requests_per_second: float
    cpu_per_request: float


def floor_calls(load: Workload, public_key: bytes) -> list[typing.Callable[[], object]]:
    """Return one floor call per request of ``load``, each checked once.

    Parameters
    ----------
    load : Workload
        The requests.
    public_key : bytes
        The 32-byte Ed25519 public key they are signed for.

    Returns
    -------
    list[typing.Callable[[], object]]
        The calls, in the pool's order.

    Raises
    ------
    benchmarks.per_call.SetupError
        If the floor rejects a request.
    """
    calls: list[typing.Callable[[], object]] = []
    for request in load.requests:
        signed = per_call.SignedRequest(
            load.kind, request.body, bytes.fromhex(request.signature), request.timestamp.encode()
        )
        calls.append(per_call.floors(public_key, signed)[0].call)
    return calls


def measure_floor(calls: typing.Sequence[typing.Callable[[], object]], seconds: float) -> FloorSample:
    """Run the floor calls in turn for about ``seconds`` and return its rate and CPU cost.

    Parameters
    ----------
    calls : typing.Sequence[typing.Callable[[], object]]
        The calls (`floor_calls`).
    seconds : float
        How long to run.

    Returns
    -------
    FloorSample
        The figures of the window.
    """
    clock = time.perf_counter
    cpu_before, start = time.process_time(), clock()
    end = start + seconds
    done = 0
    cycle = itertools.cycle(calls)
    while clock() < end:
        for call in itertools.islice(cycle, _BATCH):
            call()
        done += _BATCH
    wall, cpu = clock() - start, time.process_time() - cpu_before
    return FloorSample(done / wall, cpu / done)
