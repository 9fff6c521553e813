"""The performance page's run: its table, goals and charts, drawn from the benchmark's committed JSON.

``benchmarks/http_throughput.py --json PATH`` writes the figures of its printed table
(`benchmarks.throughput.results`); the file committed as ``docs/performance/http-throughput.json`` is the run
the page shows. From it, `render_section` writes the part of ``docs/performance.md`` between its two markers
(the command, the machine and servers, the table, the goals, the charts) and `render_charts` draws three SVG
charts with matplotlib: requests per second, p99 latency, and CPU time per request against the floor, each per
server and workload. The SVG is deterministic (fixed hash salt, no date, text kept as text), so regenerating
from the same JSON gives the same bytes, and ``python docs/generate.py --check`` can compare them.
"""

from __future__ import annotations

__all__ = (
    "CHARTS",
    "RESULTS",
    "Floor",
    "PerformanceError",
    "Ratio",
    "Row",
    "Run",
    "read_run",
    "render_charts",
    "render_section",
    "replace_section",
    "stale_files",
    "write_files",
)

import dataclasses
import io
import json
import pathlib
import re
import typing

if typing.TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Mapping
    from collections.abc import Sequence

DOCS_DIR: typing.Final = pathlib.Path(__file__).resolve().parent
RESULTS: typing.Final = DOCS_DIR / "performance" / "http-throughput.json"
"""The run the page shows, as ``http_throughput.py --json`` wrote it."""
PAGE: typing.Final = "performance.md"
CHARTS: typing.Final = ("requests-per-second.svg", "p99.svg", "cpu-per-request.svg")
"""The charts' file names, in ``docs/performance/``."""
FORMAT: typing.Final = "interaction-spec http_throughput 1"
"""The only ``format`` this page reads (`benchmarks.throughput.results.FORMAT`)."""

_START: typing.Final = (
    "<!-- performance run: python docs/generate.py writes this part from docs/performance/http-throughput.json -->"
)
_END: typing.Final = "<!-- end of the performance run -->"
_SECTION: typing.Final = re.compile(re.escape(_START) + r"\n.*?" + re.escape(_END), flags=re.DOTALL)
_FLOOR: typing.Final = "floor"
_WORKLOAD_STYLES: typing.Final[Mapping[str, tuple[str, str]]] = {"PING": ("#0072B2", ""), "command": ("#E69F00", "//")}
"""Each workload's bar colour and hatch (the hatch tells them apart without colour); colour-blind-safe colours."""
_OTHER_STYLE: typing.Final = ("#555555", "..")
"""The style of a workload `_WORKLOAD_STYLES` does not know."""
_FLOOR_COLOUR: typing.Final = "#8c8c8c"
_SVG_SALT: typing.Final = "interaction-spec performance"


class PerformanceError(ValueError):
    """The benchmark's JSON is missing or not in the format this page reads, or the page lacks its markers."""


@dataclasses.dataclass(frozen=True, slots=True)
class Row:
    """One server on one workload: the medians over the rounds."""

    workload: str
    server: str
    peer: bool
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    server_cpu_percent: float | None
    cpu_us_per_request: float | None
    client_cpu_percent: float | None
    by_round: tuple[float, ...]
    """Requests per second in each round."""


@dataclasses.dataclass(frozen=True, slots=True)
class Floor:
    """Signature verification plus JSON parse of each request, with no server: the least any server spends."""

    workload: str
    requests_per_second: float
    cpu_percent: float
    cpu_us_per_request: float


@dataclasses.dataclass(frozen=True, slots=True)
class Ratio:
    """One server on one workload against the fastest peer's figures and the floor's, as the run computed them."""

    workload: str
    server: str
    fastest_peer: str | None
    requests_per_second: float | None
    """The ratio of the medians."""
    requests_per_second_paired: float | None
    """The median over the rounds of the ratio in each round."""
    p99: float | None
    p99_paired: float | None
    cpu_to_floor: float | None


@dataclasses.dataclass(frozen=True, slots=True)
class Run:
    """One run of the benchmark."""

    command: str
    about: tuple[str, ...]
    """The lines printed above the table: the machine, each server, the load generator."""
    rounds: int
    reference: str | None
    goals: Mapping[str, float]
    """``throughput`` and ``p99`` (multiples of the fastest peer's), ``cpu`` (a multiple of the floor's)."""
    rows: tuple[Row, ...]
    floors: tuple[Floor, ...]
    ratios: tuple[Ratio, ...]

    @property
    def workloads(self) -> tuple[str, ...]:
        """The workloads, in the order of the rows."""
        return tuple(dict.fromkeys(row.workload for row in self.rows))

    @property
    def servers(self) -> tuple[str, ...]:
        """The servers, in the order of the rows."""
        return tuple(dict.fromkeys(row.server for row in self.rows))

    def floor(self, workload: str) -> Floor | None:
        """Return the floor of a workload, if measured."""
        return next((floor for floor in self.floors if floor.workload == workload), None)

    def ratio(self, workload: str, server: str) -> Ratio | None:
        """Return a server's ratios on a workload, if the run has them."""
        return next((one for one in self.ratios if one.workload == workload and one.server == server), None)


# --------------------------------------------------------------------------- reading the JSON


def _get(data: Mapping[str, object], key: str, kind: type | tuple[type, ...], where: str) -> object:
    value = data.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise PerformanceError(f"{where}: {key!r} is missing or of the wrong type")
    return value


def _number(data: Mapping[str, object], key: str, where: str) -> float:
    return float(typing.cast("float", _get(data, key, (int, float), where)))


def _optional(data: Mapping[str, object], key: str, where: str) -> float | None:
    return None if data.get(key) is None else _number(data, key, where)


def _objects(data: Mapping[str, object], key: str, where: str) -> list[Mapping[str, object]]:
    items = typing.cast("list[object]", _get(data, key, list, where))
    if not all(isinstance(item, dict) for item in items):
        raise PerformanceError(f"{where}: {key!r} must be a list of objects")
    return typing.cast("list[Mapping[str, object]]", items)


def _row(data: Mapping[str, object], where: str) -> Row:
    by_round = typing.cast("list[object]", _get(data, "requests_per_second_by_round", list, where))
    if not all(isinstance(value, (int, float)) and not isinstance(value, bool) for value in by_round):
        raise PerformanceError(f"{where}: 'requests_per_second_by_round' must be a list of numbers")
    return Row(
        workload=str(_get(data, "workload", str, where)),
        server=str(_get(data, "server", str, where)),
        peer=bool(_get(data, "peer", bool, where)),
        requests_per_second=_number(data, "requests_per_second", where),
        p50_ms=_number(data, "p50_ms", where),
        p99_ms=_number(data, "p99_ms", where),
        errors=int(typing.cast("int", _get(data, "errors", int, where))),
        server_cpu_percent=_optional(data, "server_cpu_percent", where),
        cpu_us_per_request=_optional(data, "cpu_us_per_request", where),
        client_cpu_percent=_optional(data, "client_cpu_percent", where),
        by_round=tuple(float(typing.cast("float", value)) for value in by_round),
    )


def _floor(data: Mapping[str, object], where: str) -> Floor:
    return Floor(
        workload=str(_get(data, "workload", str, where)),
        requests_per_second=_number(data, "requests_per_second", where),
        cpu_percent=_number(data, "cpu_percent", where),
        cpu_us_per_request=_number(data, "cpu_us_per_request", where),
    )


def _ratio(data: Mapping[str, object], where: str) -> Ratio:
    fastest = data.get("fastest_peer")
    if fastest is not None and not isinstance(fastest, str):
        raise PerformanceError(f"{where}: 'fastest_peer' is neither a server nor null")
    return Ratio(
        workload=str(_get(data, "workload", str, where)),
        server=str(_get(data, "server", str, where)),
        fastest_peer=fastest,
        requests_per_second=_optional(data, "requests_per_second", where),
        requests_per_second_paired=_optional(data, "requests_per_second_paired", where),
        p99=_optional(data, "p99", where),
        p99_paired=_optional(data, "p99_paired", where),
        cpu_to_floor=_optional(data, "cpu_to_floor", where),
    )


def read_run(path: pathlib.Path = RESULTS) -> Run:
    """Read and check a run's JSON.

    Raises
    ------
    PerformanceError
        If the file is missing, not JSON, or not in the format `FORMAT` with every key of the right type.
    """
    where = str(path)
    try:
        data: object = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PerformanceError(
            f"{where}: no such file; write it with python benchmarks/http_throughput.py --json {where}"
        ) from None
    except (OSError, ValueError) as exc:
        raise PerformanceError(f"{where}: cannot be read as JSON: {exc}") from None
    if not isinstance(data, dict):
        raise PerformanceError(f"{where}: not a JSON object")
    run = typing.cast("dict[str, object]", data)
    if run.get("format") != FORMAT:
        raise PerformanceError(f"{where}: 'format' is {run.get('format')!r}, not {FORMAT!r}")
    about = typing.cast("list[object]", _get(run, "about", list, where))
    goals = typing.cast("dict[str, object]", _get(run, "goals", dict, where))
    reference = run.get("reference")
    if reference is not None and not isinstance(reference, str):
        raise PerformanceError(f"{where}: 'reference' is neither a server nor null")
    rows = tuple(_row(item, f"{where}: servers {at}") for at, item in enumerate(_objects(run, "servers", where)))
    floors = tuple(_floor(item, f"{where}: floor {at}") for at, item in enumerate(_objects(run, "floor", where)))
    ratios = tuple(_ratio(item, f"{where}: ratios {at}") for at, item in enumerate(_objects(run, "ratios", where)))
    if not rows:
        raise PerformanceError(f"{where}: 'servers' is empty")
    return Run(
        command=str(_get(run, "command", str, where)),
        about=tuple(str(line) for line in about),
        rounds=int(typing.cast("int", _get(run, "rounds", int, where))),
        reference=reference,
        goals={key: _number(goals, key, f"{where}: goals") for key in ("throughput", "p99", "cpu")},
        rows=rows,
        floors=floors,
        ratios=ratios,
    )


# --------------------------------------------------------------------------- the page's part


def _escape(text: str) -> str:
    text = re.sub(r"([\\`*\[\]<>|])", r"\\\1", text)
    return re.sub(r"(?<!\w)_|_(?!\w)", r"\\_", text)


def _figure(value: float | None, digits: int, suffix: str = "") -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}{suffix}"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str) -> list[str]:
    rule = "|" + "|".join("---:" if flag == "r" else "---" for flag in align) + "|"
    return ["| " + " | ".join(header) + " |", rule, *("| " + " | ".join(row) + " |" for row in rows)]


def _run_table(run: Run) -> list[str]:
    header = (
        "Workload",
        "Server",
        "req/s",
        "p50 ms",
        "p99 ms",
        "Errors",
        "Server CPU",
        "CPU µs/req",
        "Client CPU",
    )
    rows: list[list[str]] = []
    for workload in run.workloads:
        floor = run.floor(workload)
        for row in (row for row in run.rows if row.workload == workload):
            server = f"**{row.server}**" if row.server == run.reference else row.server
            rows.append(
                [
                    workload,
                    server,
                    _figure(row.requests_per_second, 1),
                    _figure(row.p50_ms, 2),
                    _figure(row.p99_ms, 2),
                    str(row.errors),
                    _figure(row.server_cpu_percent, 0, "%"),
                    _figure(row.cpu_us_per_request, 1),
                    _figure(row.client_cpu_percent, 0, "%"),
                ]
            )
        if floor is not None:
            rows.append(
                [
                    workload,
                    f"*{_FLOOR}*",
                    _figure(floor.requests_per_second, 1),
                    "-",
                    "-",
                    "-",
                    _figure(floor.cpu_percent, 0, "%"),
                    _figure(floor.cpu_us_per_request, 1),
                    "-",
                ]
            )
    return _table(header, rows, "llrrrrrrr")


def _ratio_table(run: Run) -> list[str]:
    header = ("Workload", "Server", "Fastest peer", "req/s", "paired", "p99", "paired", "CPU / floor")
    rows = [
        [
            ratio.workload,
            f"**{ratio.server}**" if ratio.server == run.reference else ratio.server,
            ratio.fastest_peer or "(none)",
            _figure(ratio.requests_per_second, 3, "x"),
            _figure(ratio.requests_per_second_paired, 3, "x"),
            _figure(ratio.p99, 3, "x"),
            _figure(ratio.p99_paired, 3, "x"),
            _figure(ratio.cpu_to_floor, 3, "x"),
        ]
        for ratio in run.ratios
    ]
    return _table(header, rows, "lllrrrrr")


def _rounds_table(run: Run) -> list[str]:
    rounds = max(len(row.by_round) for row in run.rows)
    header = ("Workload", "Server", *(f"round {number}" for number in range(1, rounds + 1)))
    rows = [
        [row.workload, row.server, *(_figure(value, 1) for value in row.by_round)]
        + ["-"] * (rounds - len(row.by_round))
        for row in run.rows
    ]
    return _table(header, rows, "ll" + "r" * rounds)


def _goals(run: Run) -> list[str]:
    """Judge the goals on the reference under ``serve``'s server from the run's ratios, as the benchmark does."""
    if run.reference is None:
        return ["- The goals were not judged: the reference under `serve`'s server was not measured."]
    lines: list[str] = []
    for workload in run.workloads:
        ratio = run.ratio(workload, run.reference)
        if ratio is None:
            continue
        if ratio.requests_per_second is not None and ratio.p99 is not None:
            met = ratio.requests_per_second >= run.goals["throughput"] and ratio.p99 <= run.goals["p99"]
            lines.append(
                f"- **{workload}**: {ratio.server} answered {ratio.requests_per_second:.3f} times the requests per "
                f"second of {ratio.fastest_peer}, the fastest peer, at {ratio.p99:.3f} times its p99 (goal: at least "
                f"{run.goals['throughput']:.2f} times, at most {run.goals['p99']:.2f} times): "
                f"**{'met' if met else 'missed'}**."
            )
        if ratio.cpu_to_floor is not None:
            met = ratio.cpu_to_floor <= run.goals["cpu"]
            lines.append(
                f"- **{workload}**: {ratio.server} spent {ratio.cpu_to_floor:.3f} times the floor's CPU time per "
                f"request (goal: at most {run.goals['cpu']:.2f} times): **{'met' if met else 'missed'}**."
            )
    return lines


_CHART_ALT: typing.Final[Mapping[str, str]] = {
    "requests-per-second.svg": "Requests per second of each server on each workload, and the floor's",
    "p99.svg": "p99 latency in milliseconds of each server on each workload",
    "cpu-per-request.svg": "CPU microseconds per request of each server on each workload, against the floor's",
}


def render_section(run: Run) -> str:
    """Return the page's part between its markers, markers included.

    Parameters
    ----------
    run : Run
        The run shown.

    Returns
    -------
    str
        Markdown: the command, what ran, the table beside the charts, the requests per second by round, the goals.
    """
    charts = [f"![{_CHART_ALT[name]}](performance/{name})" for name in CHARTS]
    lines = [
        _START,
        "",
        "```console",
        f"$ {run.command} \\",
        "    --json docs/performance/http-throughput.json",
        "```",
        "",
        *(f"- {_escape(line)}" for line in run.about),
        "",
        '<div class="perf-run" markdown>',
        '<div class="perf-table" markdown>',
        "",
        *_run_table(run),
        "",
        "Medians over the rounds. CPU in % of one core; CPU µs/req: the server's CPU time per right reply. "
        "**Bold**: the reference under `serve`'s server, whose goals are judged.",
        "",
        "</div>",
        '<div class="perf-charts" markdown>',
        "",
        *charts,
        "",
        "</div>",
        "</div>",
        "",
        "Against the fastest peer of each workload (req/s and p99: the ratio of the medians, and *paired*: the "
        "median over the rounds of the ratio in each round, steadier when the load drifts) and against the floor:",
        "",
        *_ratio_table(run),
        "",
        f'??? note "Requests per second in each of the {run.rounds} rounds"',
        "",
        *(f"    {line}" for line in _rounds_table(run)),
        "",
        "The goals, judged on the medians:",
        "",
        *_goals(run),
        "",
        _END,
    ]
    return "\n".join(lines)


def replace_section(page: str, section: str) -> str:
    """Return the page with its part between the markers replaced by ``section``.

    Raises
    ------
    PerformanceError
        If the page lacks the markers, or holds them more than once.
    """
    found = _SECTION.findall(page)
    if len(found) != 1:
        raise PerformanceError(f"{PAGE} must hold its two markers once each ({_START} ... {_END})")
    return _SECTION.sub(lambda _match: section, page)


# --------------------------------------------------------------------------- the charts


def _bars(
    run: Run,
    *,
    value: Callable[[Row], float | None],
    floor_value: Callable[[Floor], float] | None,
    title: str,
    unit: str,
    digits: int,
) -> bytes:
    """Draw one horizontal grouped bar chart: a group per server (and the floor), a bar per workload.

    matplotlib leaves the ``**kwargs`` of its drawing methods unannotated, hence pyright's line-level ignores.
    """
    import matplotlib  # noqa: PLC0415 - the docs extra's; only drawing the charts needs it

    matplotlib.use("Agg")
    from matplotlib import pyplot  # noqa: PLC0415
    from matplotlib.patches import Patch  # noqa: PLC0415

    labels = [*run.servers, *([_FLOOR] if floor_value is not None else [])]
    workloads = run.workloads
    height = 0.8 / len(workloads)
    with matplotlib.rc_context(  # pyright: ignore[reportUnknownMemberType]
        {"svg.hashsalt": _SVG_SALT, "svg.fonttype": "none", "font.size": 9, "font.family": "sans-serif"}
    ):
        figure, axes = pyplot.subplots(figsize=(5.2, 0.42 * len(labels) + 1.1))
        top = 0.0
        for index, workload in enumerate(workloads):
            colour, hatch = _WORKLOAD_STYLES.get(workload, _OTHER_STYLE)
            values: list[float] = []
            for label in labels:
                if label == _FLOOR and floor_value is not None:
                    floor = run.floor(workload)
                    values.append(floor_value(floor) if floor is not None else 0.0)
                    continue
                row = next((row for row in run.rows if row.workload == workload and row.server == label), None)
                figure_value = None if row is None else value(row)
                values.append(0.0 if figure_value is None else figure_value)
            positions = [slot + index * height for slot in range(len(labels))]
            colours = [_FLOOR_COLOUR if label == _FLOOR else colour for label in labels]
            bars = axes.barh(  # pyright: ignore[reportUnknownMemberType]
                positions, values, height=height, color=colours, hatch=hatch, edgecolor="white"
            )
            texts = [f"{figure:,.{digits}f}" for figure in values]
            axes.bar_label(bars, labels=texts, padding=2, fontsize=7)  # pyright: ignore[reportUnknownMemberType]
            top = max(top, *values)
        middles = [slot + height * (len(workloads) - 1) / 2 for slot in range(len(labels))]
        axes.set_yticks(middles, labels=labels)  # pyright: ignore[reportUnknownMemberType]
        for tick in axes.get_yticklabels():
            if tick.get_text() == run.reference:
                tick.set_fontweight("bold")
        axes.invert_yaxis()
        axes.set_xlim(0, top * 1.18 if top > 0 else 1)
        axes.set_xlabel(unit)  # pyright: ignore[reportUnknownMemberType]
        figure.suptitle(title, x=0.01, ha="left", fontsize=10)  # pyright: ignore[reportUnknownMemberType]
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        handles = [
            Patch(facecolor=colour, hatch=hatch, edgecolor="white", label=workload)
            for workload in workloads
            for colour, hatch in [_WORKLOAD_STYLES.get(workload, _OTHER_STYLE)]
        ]
        axes.legend(handles=handles, loc="upper right", fontsize=8, frameon=False)  # pyright: ignore[reportUnknownMemberType]
        figure.tight_layout()
        buffer = io.BytesIO()
        no_date = {"Date": None, "Creator": None}
        figure.savefig(buffer, format="svg", metadata=no_date)  # pyright: ignore[reportUnknownMemberType]
        pyplot.close(figure)
    return buffer.getvalue()


def render_charts(run: Run) -> dict[str, bytes]:
    """Draw the three charts of a run as SVG.

    Returns
    -------
    dict[str, bytes]
        Each chart's SVG by file name (`CHARTS`): the same bytes for the same run.
    """
    return {
        "requests-per-second.svg": _bars(
            run,
            value=lambda row: row.requests_per_second,
            floor_value=lambda floor: floor.requests_per_second,
            title="Requests per second (more is better)",
            unit="requests per second (median over rounds)",
            digits=0,
        ),
        "p99.svg": _bars(
            run,
            value=lambda row: row.p99_ms,
            floor_value=None,
            title="p99 latency (less is better)",
            unit="milliseconds (median over rounds)",
            digits=1,
        ),
        "cpu-per-request.svg": _bars(
            run,
            value=lambda row: row.cpu_us_per_request,
            floor_value=lambda floor: floor.cpu_us_per_request,
            title="CPU time per request, against the floor (less is better)",
            unit="CPU microseconds per request (median over rounds)",
            digits=0,
        ),
    }


# --------------------------------------------------------------------------- files


def _expected(docs_dir: pathlib.Path, results: pathlib.Path) -> dict[pathlib.Path, bytes]:
    run = read_run(results)
    page = docs_dir / PAGE
    text = page.read_text(encoding="utf-8")
    files = {page: replace_section(text, render_section(run)).encode("utf-8")}
    files.update({docs_dir / "performance" / name: svg for name, svg in render_charts(run).items()})
    return files


def stale_files(docs_dir: pathlib.Path = DOCS_DIR, results: pathlib.Path = RESULTS) -> list[pathlib.Path]:
    """Return the page and charts that are missing or differ from what the run's JSON gives.

    Raises
    ------
    PerformanceError
        If the JSON cannot be read or the page lacks its markers.
    """
    stale: list[pathlib.Path] = []
    for path, data in _expected(docs_dir, results).items():
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            current = None
        if current != data:
            stale.append(path)
    return stale


def write_files(docs_dir: pathlib.Path = DOCS_DIR, results: pathlib.Path = RESULTS) -> list[pathlib.Path]:
    """Rewrite the page's part and the charts where they differ from what the run's JSON gives.

    Returns
    -------
    list[pathlib.Path]
        The files written.

    Raises
    ------
    PerformanceError
        If the JSON cannot be read or the page lacks its markers.
    """
    expected = _expected(docs_dir, results)
    written = stale_files(docs_dir, results)
    for path in written:
        path.write_bytes(expected[path])
    return written
