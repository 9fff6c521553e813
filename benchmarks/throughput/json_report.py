"""The run as JSON (``http_throughput.py --json PATH``): every figure of the printed report, for charts and tools.

``docs/performance_page.py`` draws the performance page's run and charts from the
file committed as ``docs/data/http_throughput.json``.

The format only grows: a key, once written, keeps its name and meaning
(``format`` says which version wrote it). Times are in milliseconds, CPU use in
cores (1.0 = one core busy), CPU time per request in microseconds. Top level:

- ``format``: 1; ``python``, ``machine``, ``cpus``, ``load_average`` (``before``, ``after``);
- ``plan``: ``seconds``, ``rounds`` (run), ``warm_up``, ``ramp``, ``concurrency``, ``pool_size``;
- ``reference``: the row ``serve`` runs (its goals are judged), or `None`;
- ``servers``: one per row, ``name``, ``role`` (``"reference"``, ``"peer"`` or
  ``"http-floor"``) and ``description``; ``skipped``: one line per server not run;
- ``results``: one per workload and row: ``workload``, ``server``, ``role``, the
  medians over rounds (``requests_per_second``, ``p50_ms``, ``p99_ms``,
  ``server_cpu``, ``cpu_us_per_request``, ``client_cpu``), ``errors`` (summed),
  and ``rounds``, each round's own figures;
- ``floor``: by workload, the floor without HTTP: ``requests_per_second``,
  ``cpu_us_per_request`` (medians) and ``rounds``;
- ``ratios``: one per workload and row: ``workload`` and `benchmarks.throughput.report.Ratios`'s other fields;
- ``goals``: ``workload``, ``goal``, ``figures``, ``met`` (`None`: not judged).
"""

from __future__ import annotations

__all__ = ("FORMAT", "report_json")

import dataclasses
import statistics
import typing

from benchmarks.throughput.report import HTTP_FLOOR
from benchmarks.throughput.report import goals
from benchmarks.throughput.report import ratios

if typing.TYPE_CHECKING:
    from collections.abc import Mapping
    from collections.abc import Sequence

    from benchmarks.throughput.floor import FloorSample
    from benchmarks.throughput.load import Measurement
    from benchmarks.throughput.report import Series

FORMAT: typing.Final = 1
"""The version of the format; it grows only by new keys."""


def _ms(seconds: float) -> float:
    return seconds * 1e3


def _us(seconds: float | None) -> float | None:
    return None if seconds is None else seconds * 1e6


def _round(measurement: Measurement) -> dict[str, object]:
    return {
        "requests_per_second": measurement.requests_per_second,
        "p50_ms": _ms(measurement.p50),
        "p99_ms": _ms(measurement.p99),
        "errors": measurement.errors,
        "server_cpu": measurement.server_cpu,
        "cpu_us_per_request": _us(measurement.server_cpu_per_request),
        "client_cpu": measurement.client_cpu,
    }


def _role(one: Series) -> str:
    if one.server == HTTP_FLOOR:
        return "http-floor"
    return "peer" if one.peer else "reference"


def report_json(
    series: Sequence[Series],
    floors: Mapping[str, Sequence[FloorSample]],
    reference: str | None,
    context: Mapping[str, object],
) -> dict[str, object]:
    """Return the run as a JSON-ready mapping.

    Parameters
    ----------
    series : Sequence[Series]
        The measurements, one series per workload and row.
    floors : Mapping[str, Sequence[FloorSample]]
        By workload, the floor without HTTP of each round.
    reference : str | None
        The row ``serve`` runs, whose goals are judged.
    context : Mapping[str, object]
        The machine, the plan, the servers and the skipped lines: the top-level keys other than the figures.

    Returns
    -------
    dict[str, object]
        The document (``json.dumps`` writes it as it is).
    """
    rows = ratios(series, floors)
    return {
        "format": FORMAT,
        **context,
        "reference": reference,
        "results": [
            {
                "workload": one.kind,
                "server": one.server,
                "role": _role(one),
                "requests_per_second": one.requests_per_second,
                "p50_ms": _ms(one.p50),
                "p99_ms": _ms(one.p99),
                "errors": one.errors,
                "server_cpu": one.median(lambda measurement: measurement.server_cpu),
                "cpu_us_per_request": _us(one.cpu_per_request),
                "client_cpu": one.median(lambda measurement: measurement.client_cpu),
                "rounds": [_round(measurement) for measurement in one.rounds],
            }
            for one in series
        ],
        "floor": {
            kind: {
                "requests_per_second": statistics.median(sample.requests_per_second for sample in samples),
                "cpu_us_per_request": _us(statistics.median(sample.cpu_per_request for sample in samples)),
                "rounds": [
                    {
                        "requests_per_second": sample.requests_per_second,
                        "cpu_us_per_request": _us(sample.cpu_per_request),
                    }
                    for sample in samples
                ],
            }
            for kind, samples in floors.items()
        },
        "ratios": [
            {"workload": row.kind, **{key: value for key, value in dataclasses.asdict(row).items() if key != "kind"}}
            for row in rows
        ],
        "goals": [
            {"workload": goal.kind, "goal": goal.what, "figures": goal.figures, "met": goal.met}
            for goal in ([] if reference is None else goals(rows, reference))
        ],
    }
