"""The report: one table of every server and the floor, the ratios to the fastest peer and the floor, the goals."""

from __future__ import annotations

__all__ = ("CPU_GOAL", "P99_GOAL", "THROUGHPUT_GOAL", "Series", "print_report")

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

THROUGHPUT_GOAL: typing.Final = 1.2
"""The reference must answer at least this many times as many requests per second as the fastest peer..."""
P99_GOAL: typing.Final = 1.0
"""... with a p99 latency at most this many times that peer's..."""
CPU_GOAL: typing.Final = 1.3
"""... and spend at most this many times the floor's CPU time per request."""
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


def print_report(
    series: Sequence[Series],
    floors: typing.Mapping[str, Sequence[FloorSample]],
    reference: str | None,
) -> None:
    """Print the table, the ratios to the fastest peer and to the floor, and the goals.

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
    print(" floor = signature verification + JSON parse of each request in one process, one core)")
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
    by_key = {(one.kind, one.server): one for one in series}
    print(
        f"{'workload':<9} {'server':<{width}} {'fastest peer':<{width}} {'req/s':>8} {'paired':>8}"
        f" {'p99':>8} {'paired':>8} {'CPU/floor':>9}"
    )
    for kind in KINDS:
        peers = [one for one in series if one.kind == kind and one.peer]
        fastest = max(peers, key=lambda one: one.requests_per_second) if peers else None
        floor_cost = statistics.median(sample.cpu_per_request for sample in floors[kind])
        for one in (one for one in series if one.kind == kind):
            if fastest is None:
                versus = f"{'(none)':<{width}} {'-':>8} {'-':>8} {'-':>8} {'-':>8}"
            else:
                versus = (
                    f"{fastest.server:<{width}}"
                    f" {one.requests_per_second / fastest.requests_per_second:7.3f}x"
                    f" {_paired(one, fastest, lambda m: m.requests_per_second):7.3f}x"
                    f" {one.p99 / fastest.p99:7.3f}x {_paired(one, fastest, lambda m: m.p99):7.3f}x"
                )
            cost = one.cpu_per_request
            to_floor = _optional(None if cost is None else cost / floor_cost, 1, 8, 3, "x")
            print(f"{kind:<9} {one.server:<{width}} {versus} {to_floor}")
    print("(req/s and p99 as multiples of the fastest peer's on the workload; CPU/floor: CPU µs/req over the floor's;")
    for kind in KINDS:
        bridges = [one for one in series if one.kind == kind and not one.peer and one.server != HTTP_FLOOR]
        fastest_bridge = max(bridges, key=lambda one: one.requests_per_second)
        print(f" fastest ASGI server for the bridge on {kind}: {fastest_bridge.server};")
    print(" paired: the median over rounds of the ratio of the two measurements taken in the same round)")
    print()
    _goals(by_key, floors, reference)


def _goals(
    by_key: typing.Mapping[tuple[str, str], Series],
    floors: typing.Mapping[str, Sequence[FloorSample]],
    reference: str | None,
) -> None:
    if reference is None:
        print("goals not judged: the reference under serve's server was not measured")
        return
    for kind in KINDS:
        mine = by_key[kind, reference]
        peers = [one for (other_kind, _), one in by_key.items() if other_kind == kind and one.peer]
        if peers:
            fastest = max(peers, key=lambda one: one.requests_per_second)
            throughput = mine.requests_per_second / fastest.requests_per_second
            p99 = mine.p99 / fastest.p99
            met = throughput >= THROUGHPUT_GOAL and p99 <= P99_GOAL
            print(
                f"goal {kind} {reference} >= {THROUGHPUT_GOAL:.2f}x {fastest.server} req/s at p99 <= {P99_GOAL:.2f}x:"
                f" {throughput:.3f}x req/s, {p99:.3f}x p99  {'goal met' if met else 'goal MISSED'}"
            )
        else:
            print(f"goal {kind} {reference} against the fastest peer not judged: no peer was measured")
        cost = mine.cpu_per_request
        floor_cost = statistics.median(sample.cpu_per_request for sample in floors[kind])
        if cost is None:
            print(f"goal {kind} {reference} CPU per request <= {CPU_GOAL:.2f}x floor not judged: CPU unknown")
        else:
            verdict = "goal met" if cost / floor_cost <= CPU_GOAL else "goal MISSED"
            print(
                f"goal {kind} {reference} CPU per request <= {CPU_GOAL:.2f}x floor: {cost / floor_cost:.3f}x  {verdict}"
            )
