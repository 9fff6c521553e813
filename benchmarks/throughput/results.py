"""The run's results as JSON (``--json PATH``): the figures of the printed table, for the performance page.

The JSON holds what the report prints, at the precision it prints it: per workload and server the medians
over the rounds (requests per second, p50 and p99 latency, errors, CPU use, CPU time per reply) and the
requests per second of each round; per workload the floor's. ``docs/generate.py`` draws the performance
page's table and charts from the file committed in ``docs/performance/``.
"""

from __future__ import annotations

__all__ = ("FORMAT", "results", "write_results")

import json
import statistics
import typing

from benchmarks.throughput.report import CPU_GOAL
from benchmarks.throughput.report import P99_GOAL
from benchmarks.throughput.report import THROUGHPUT_GOAL
from benchmarks.throughput.report import paired
from benchmarks.throughput.workloads import KINDS

if typing.TYPE_CHECKING:
    import pathlib
    from collections.abc import Mapping
    from collections.abc import Sequence

    from benchmarks.throughput.floor import FloorSample
    from benchmarks.throughput.report import Series

FORMAT: typing.Final = "interaction-spec http_throughput 1"
"""The value of the file's ``format`` key: a reader refuses any other."""


def _scaled(value: float | None, scale: float, digits: int) -> float | None:
    return None if value is None else round(value * scale, digits)


def results(
    series: Sequence[Series],
    floors: Mapping[str, Sequence[FloorSample]],
    *,
    command: str,
    about: Sequence[str],
    reference: str | None,
) -> dict[str, object]:
    """Return the JSON object of a run.

    Parameters
    ----------
    series : Sequence[Series]
        The measurements, one series per workload and server.
    floors : Mapping[str, Sequence[FloorSample]]
        By workload, the floor of each round.
    command : str
        The command line that ran the benchmark.
    about : Sequence[str]
        The lines printed above the table: the machine, each server, the load generator.
    reference : str | None
        The row whose goals are judged (`None` if it was not measured).

    Returns
    -------
    dict[str, object]
        ``format``, ``command``, ``about``, ``rounds``, ``reference``, ``goals``, ``servers``, ``floor`` and
        ``ratios`` (each server's requests per second and p99 over the fastest peer's, as the ratio of the medians
        and paired round by round, and its CPU time per request over the floor's).
    """
    servers = [
        {
            "workload": one.kind,
            "server": one.server,
            "peer": one.peer,
            "requests_per_second": round(one.requests_per_second, 1),
            "p50_ms": round(one.p50 * 1e3, 2),
            "p99_ms": round(one.p99 * 1e3, 2),
            "errors": one.errors,
            "server_cpu_percent": _scaled(one.median(lambda m: m.server_cpu), 100, 0),
            "cpu_us_per_request": _scaled(one.cpu_per_request, 1e6, 1),
            "client_cpu_percent": _scaled(one.median(lambda m: m.client_cpu), 100, 0),
            "requests_per_second_by_round": [round(m.requests_per_second, 1) for m in one.rounds],
        }
        for kind in KINDS
        for one in series
        if one.kind == kind
    ]
    floor = [
        {
            "workload": kind,
            "requests_per_second": round(statistics.median(s.requests_per_second for s in floors[kind]), 1),
            "cpu_percent": round(
                statistics.median(s.requests_per_second * s.cpu_per_request for s in floors[kind]) * 100
            ),
            "cpu_us_per_request": round(statistics.median(s.cpu_per_request for s in floors[kind]) * 1e6, 1),
        }
        for kind in KINDS
        if floors.get(kind)
    ]
    return {
        "format": FORMAT,
        "command": command,
        "about": list(about),
        "rounds": min((len(one.rounds) for one in series), default=0),
        "reference": reference,
        "goals": {"throughput": THROUGHPUT_GOAL, "p99": P99_GOAL, "cpu": CPU_GOAL},
        "servers": servers,
        "floor": floor,
        "ratios": _ratios(series, floors),
    }


def _ratios(series: Sequence[Series], floors: Mapping[str, Sequence[FloorSample]]) -> list[dict[str, object]]:
    """Return the printed ratio table: each server against the fastest peer of its workload, and the floor."""
    ratios: list[dict[str, object]] = []
    for kind in KINDS:
        peers = [one for one in series if one.kind == kind and one.peer]
        fastest = max(peers, key=lambda one: one.requests_per_second) if peers else None
        floor_cost = statistics.median(s.cpu_per_request for s in floors[kind]) if floors.get(kind) else None
        for one in (one for one in series if one.kind == kind):
            cost = one.cpu_per_request
            entry: dict[str, object] = {
                "workload": kind,
                "server": one.server,
                "fastest_peer": None if fastest is None else fastest.server,
                "cpu_to_floor": None if cost is None or not floor_cost else round(cost / floor_cost, 3),
            }
            if fastest is not None:
                entry.update(
                    requests_per_second=round(one.requests_per_second / fastest.requests_per_second, 3),
                    requests_per_second_paired=round(paired(one, fastest, lambda m: m.requests_per_second), 3),
                    p99=round(one.p99 / fastest.p99, 3),
                    p99_paired=round(paired(one, fastest, lambda m: m.p99), 3),
                )
            ratios.append(entry)
    return ratios


def write_results(path: pathlib.Path, data: Mapping[str, object]) -> None:
    """Write a run's JSON object to ``path``: UTF-8, indented, one final newline."""
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
