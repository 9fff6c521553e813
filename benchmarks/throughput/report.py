"""The report: one table of every server and both floors, the ratios to the fastest peer and the floors, the goals."""

from __future__ import annotations

__all__ = (
    "CPU_GOAL",
    "HTTP_FLOOR",
    "P99_GOAL",
    "THROUGHPUT_GOAL",
    "Goal",
    "Ratios",
    "Series",
    "goals",
    "print_report",
    "ratios",
)

import dataclasses
import math
import statistics
import typing

from benchmarks.throughput.workloads import KINDS

if typing.TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Sequence

    from benchmarks.throughput.floor import FloorSample
    from benchmarks.throughput.load import Measurement

THROUGHPUT_GOAL: typing.Final = 1.25
"""The reference must answer at least this many times as many requests per second as the fastest peer..."""
P99_GOAL: typing.Final = 1.0
"""... with a p99 latency at most this many times that peer's..."""
CPU_GOAL: typing.Final = 1.3
"""... and spend at most this many times the HTTP floor's CPU time per request."""
CLIENT_SATURATED: typing.Final = 0.9
"""Above this share of a core, the load generator may be what limits the throughput measured."""
FLOOR: typing.Final = "floor"
HTTP_FLOOR: typing.Final = "http-floor"
"""The row of the HTTP floor (`benchmarks.throughput.http_floor`), measured like a server."""


@dataclasses.dataclass(slots=True)
class Series:
    """The measurements of one server on one workload, one per round.

    Attributes
    ----------
    kind : str
        ``"PING"`` or ``"command"``.
    server : str
        The server's row name.
    peer : bool
        Whether it is a peer (an implementation of the matrix) rather than the reference.
    rounds : list[Measurement]
        One measurement per round.
    """

    kind: str
    server: str
    peer: bool
    rounds: list[Measurement] = dataclasses.field(default_factory=list["Measurement"])

    def median(self, figure: Callable[[Measurement], float | None]) -> float | None:
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

    @property
    def cpu_per_request(self) -> float | None:
        """The median server CPU seconds per reply, or `None` if unknown."""
        return self.median(lambda measurement: measurement.server_cpu_per_request)


def _optional(value: float | None, scale: float, width: int, decimals: int, suffix: str = "") -> str:
    return f"{'n/a':>{width + len(suffix)}}" if value is None else f"{value * scale:{width}.{decimals}f}{suffix}"


def _paired(mine: Series, theirs: Series, figure: Callable[[Measurement], float]) -> float:
    """Return the median over rounds of the ratio of two servers' figures in the same round."""
    return statistics.median(
        figure(a) / figure(b) if figure(b) > 0 else math.inf for a, b in zip(mine.rounds, theirs.rounds, strict=True)
    )


def _table(series: Sequence[Series], floors: typing.Mapping[str, Sequence[FloorSample]], width: int) -> None:
    print(
        f"{'workload':<9} {'server':<{width}} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}"
        f" {'server CPU':>10} {'CPU µs/req':>10} {'client CPU':>10}"
    )
    for kind in KINDS:
        for one in (one for one in series if one.kind == kind):
            print(
                f"{kind:<9} {one.server:<{width}} {one.requests_per_second:9.1f} {one.p50 * 1e3:8.2f}"
                f" {one.p99 * 1e3:8.2f} {one.errors:7d} {_optional(one.median(lambda m: m.server_cpu), 100, 9, 0, '%')}"
                f" {_optional(one.cpu_per_request, 1e6, 10, 1)}"
                f" {_optional(one.median(lambda m: m.client_cpu), 100, 9, 0, '%')}"
            )
        samples = floors[kind]
        rate = statistics.median(sample.requests_per_second for sample in samples)
        cost = statistics.median(sample.cpu_per_request for sample in samples)
        share = statistics.median(sample.requests_per_second * sample.cpu_per_request for sample in samples)
        print(
            f"{kind:<9} {FLOOR:<{width}} {rate:9.1f} {'-':>8} {'-':>8} {'-':>7} {share * 100:9.0f}%"
            f" {cost * 1e6:10.1f} {'-':>10}"
        )


@dataclasses.dataclass(frozen=True, slots=True)
class Ratios:
    """One row's figures relative to the fastest peer and to the floors, on one workload.

    Attributes
    ----------
    kind : str
        The workload.
    server : str
        The row.
    fastest_peer : str | None
        The peer with the most requests per second on the workload (`None`: no peer measured).
    requests_per_second, requests_per_second_paired : float | None
        The row's requests per second over the fastest peer's: the ratio of the medians, and paired.
    p99, p99_paired : float | None
        The same for the p99 latency.
    cpu_to_http_floor, cpu_to_http_floor_paired : float | None
        CPU time per request over the HTTP floor's: ratio of the medians, and paired (`None`: unknown).
    cpu_to_floor : float | None
        CPU time per request over the floor's without HTTP (medians).
    """

    kind: str
    server: str
    fastest_peer: str | None
    requests_per_second: float | None
    requests_per_second_paired: float | None
    p99: float | None
    p99_paired: float | None
    cpu_to_http_floor: float | None
    cpu_to_http_floor_paired: float | None
    cpu_to_floor: float | None


def _cpu_per_request(measurement: Measurement) -> float:
    cost = measurement.server_cpu_per_request
    return math.nan if cost is None else cost


def ratios(series: Sequence[Series], floors: typing.Mapping[str, Sequence[FloorSample]]) -> list[Ratios]:
    """Return every row's ratios to the fastest peer, the HTTP floor and the floor, workload by workload.

    Parameters
    ----------
    series : Sequence[Series]
        The measurements, one series per workload and server (the HTTP floor's among them, if measured).
    floors : typing.Mapping[str, Sequence[FloorSample]]
        By workload, the floor without HTTP of each round.

    Returns
    -------
    list[Ratios]
        In the order of ``series``, workload by workload.
    """
    rows: list[Ratios] = []
    for kind in KINDS:
        mine = [one for one in series if one.kind == kind]
        peers = [one for one in mine if one.peer]
        fastest = max(peers, key=lambda one: one.requests_per_second) if peers else None
        http_floor = next((one for one in mine if one.server == HTTP_FLOOR), None)
        http_floor_cost = None if http_floor is None else http_floor.cpu_per_request
        floor_cost = statistics.median(sample.cpu_per_request for sample in floors[kind])
        for one in mine:
            cost = one.cpu_per_request
            paired_cpu = None
            if http_floor is not None and http_floor_cost is not None and cost is not None:
                paired_cpu = _paired(one, http_floor, _cpu_per_request)
            rows.append(
                Ratios(
                    kind,
                    one.server,
                    None if fastest is None else fastest.server,
                    None if fastest is None else one.requests_per_second / fastest.requests_per_second,
                    None if fastest is None else _paired(one, fastest, lambda m: m.requests_per_second),
                    None if fastest is None else one.p99 / fastest.p99,
                    None if fastest is None else _paired(one, fastest, lambda m: m.p99),
                    None if cost is None or not http_floor_cost else cost / http_floor_cost,
                    paired_cpu,
                    None if cost is None else cost / floor_cost,
                )
            )
    return rows


@dataclasses.dataclass(frozen=True, slots=True)
class Goal:
    """One goal of the row ``serve`` runs, judged on the paired ratios.

    Attributes
    ----------
    kind : str
        The workload.
    what : str
        The goal, in words.
    figures : str
        The ratios it is judged on.
    met : bool | None
        Whether it is met (`None`: not judged, ``figures`` says why).
    """

    kind: str
    what: str
    figures: str
    met: bool | None

    @property
    def line(self) -> str:
        """The goal as the report prints it."""
        verdict = "not judged" if self.met is None else "goal met" if self.met else "goal MISSED"
        return f"goal {self.kind} {self.what}: {self.figures}  {verdict}"


def goals(rows: Sequence[Ratios], reference: str | None) -> list[Goal]:
    """Judge the goals of ``reference``'s row on each workload.

    Parameters
    ----------
    rows : Sequence[Ratios]
        Every row's ratios (`ratios`).
    reference : str | None
        The row ``serve`` runs (`None`: it was not measured, nothing is judged).

    Returns
    -------
    list[Goal]
        Per workload: the throughput and p99 goal against the fastest peer, then the CPU goal against the HTTP floor.
    """
    judged: list[Goal] = []
    for row in rows:
        if row.server != reference:
            continue
        peer = row.fastest_peer or "the fastest peer"
        what = f"{reference} >= {THROUGHPUT_GOAL:.2f}x {peer} req/s at p99 <= {P99_GOAL:.2f}x (paired)"
        if row.requests_per_second_paired is None or row.p99_paired is None:
            judged.append(Goal(row.kind, what, "no peer was measured", None))
        else:
            met = row.requests_per_second_paired >= THROUGHPUT_GOAL and row.p99_paired <= P99_GOAL
            figures = f"{row.requests_per_second_paired:.3f}x req/s, {row.p99_paired:.3f}x p99"
            judged.append(Goal(row.kind, what, figures, met))
        what = f"{reference} CPU per request <= {CPU_GOAL:.2f}x {HTTP_FLOOR} (paired)"
        if row.cpu_to_http_floor_paired is None:
            judged.append(Goal(row.kind, what, "CPU unknown or the HTTP floor not measured", None))
        else:
            ratio = row.cpu_to_http_floor_paired
            judged.append(Goal(row.kind, what, f"{ratio:.3f}x", ratio <= CPU_GOAL))
    return judged


def _times(value: float | None, width: int = 8) -> str:
    return f"{'-':>{width}}" if value is None else f"{value:{width - 1}.3f}x"


def print_report(
    series: Sequence[Series],
    floors: typing.Mapping[str, Sequence[FloorSample]],
    reference: str | None,
) -> None:
    """Print the table, the ratios to the fastest peer and to the floors, and the goals.

    Parameters
    ----------
    series : Sequence[Series]
        The measurements, one series per workload and server.
    floors : typing.Mapping[str, Sequence[FloorSample]]
        By workload, the floor of each round.
    reference : str | None
        The row whose goals are judged: the reference under ``serve``'s server (`None` if it was not measured).
    """
    width = max(len(FLOOR), *(len(one.server) for one in series))
    _table(series, floors, width)
    print("(medians over rounds; CPU in % of one core; CPU µs/req = the server's CPU time per right reply;")
    print(
        f" {HTTP_FLOOR} = the least a Python process does per request over HTTP: httptools, signature, JSON, one write;"
    )
    print(" floor = signature verification + JSON parse of each request in one process, one core, no HTTP)")
    rounds = min(len(one.rounds) for one in series)
    if rounds > 1:
        for one in series:
            figures = " ".join(f"{measurement.requests_per_second:8.1f}" for measurement in one.rounds)
            print(f"{one.kind:<9} {one.server:<{width}} req/s by round: {figures}")
    if any(m.client_cpu >= CLIENT_SATURATED for one in series for m in one.rounds):
        print(
            f"note: the load generator used >= {CLIENT_SATURATED:.0%} of a core in some measurement, so it may "
            "have limited the throughput there; CPU µs/req compares the servers regardless"
        )
    print()
    rows = ratios(series, floors)
    print(
        f"{'workload':<9} {'server':<{width}} {'fastest peer':<{width}} {'req/s':>8} {'paired':>8}"
        f" {'p99':>8} {'paired':>8} {'CPU/http-floor':>14} {'paired':>8} {'CPU/floor':>9}"
    )
    for row in rows:
        print(
            f"{row.kind:<9} {row.server:<{width}} {row.fastest_peer or '(none)':<{width}}"
            f" {_times(row.requests_per_second)} {_times(row.requests_per_second_paired)}"
            f" {_times(row.p99)} {_times(row.p99_paired)}"
            f" {_times(row.cpu_to_http_floor, 14)} {_times(row.cpu_to_http_floor_paired)} {_times(row.cpu_to_floor, 9)}"
        )
    print("(req/s and p99 as multiples of the fastest peer's on the workload; CPU/http-floor and CPU/floor:")
    print(" CPU µs/req over the HTTP floor's and over the floor's;")
    for kind in KINDS:
        bridges = [one for one in series if one.kind == kind and not one.peer and one.server != HTTP_FLOOR]
        fastest_bridge = max(bridges, key=lambda one: one.requests_per_second)
        print(f" fastest server for the bridge on {kind}: {fastest_bridge.server};")
    print(" paired: the median over rounds of the ratio of the two measurements taken in the same round)")
    print()
    if reference is None:
        print("goals not judged: the reference under serve's server was not measured")
        return
    for goal in goals(rows, reference):
        print(goal.line)
