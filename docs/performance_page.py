"""The performance page's run: its table, ratios, goals and charts, drawn from the benchmark's committed JSON.

``benchmarks/http_throughput.py --json PATH`` writes every figure of its run
(`benchmarks.throughput.json_report`); the file committed as ``docs/data/http_throughput.json`` is the run the
page shows. From it, `render_section` writes the part of ``docs/performance.md`` between its two markers (the
command, the machine and servers, the table, the ratios to the fastest peer and to both floors, the goals, the
charts) and `render_charts` draws four SVG charts with matplotlib: requests per second, p99 latency, CPU time
per request against the HTTP floor and the floor without HTTP, and CPU time per request as a multiple of the
HTTP floor's against the goal, each per server and workload. The SVG is deterministic (fixed hash salt, no
date, text kept as text), so regenerating from the same JSON gives the same bytes, and
``python docs/generate.py --check`` can compare them.
"""

from __future__ import annotations

__all__ = (
    "CHARTS",
    "RESULTS",
    "Floor",
    "Goal",
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
import statistics
import typing

if typing.TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Mapping
    from collections.abc import Sequence

DOCS_DIR: typing.Final = pathlib.Path(__file__).resolve().parent
RESULTS: typing.Final = DOCS_DIR / "data" / "http_throughput.json"
"""The run the page shows, as ``http_throughput.py --json`` wrote it."""
PAGE: typing.Final = "performance.md"
CHARTS: typing.Final = ("requests-per-second.svg", "p99.svg", "cpu-per-request.svg", "cpu-to-http-floor.svg")
"""The charts' file names, in ``docs/performance/``."""
FORMAT: typing.Final = 1
"""The ``format`` this page reads (`benchmarks.throughput.json_report.FORMAT`); the format only grows."""

_START: typing.Final = (
    "<!-- performance run: python docs/generate.py writes this part from docs/data/http_throughput.json -->"
)
_END: typing.Final = "<!-- end of the performance run -->"
_SECTION: typing.Final = re.compile(re.escape(_START) + r"\n.*?" + re.escape(_END), flags=re.DOTALL)
_FLOOR: typing.Final = "floor"
_HTTP_FLOOR_ROLE: typing.Final = "http-floor"
_ROLES: typing.Final = ("reference", "peer", _HTTP_FLOOR_ROLE)
_WORKLOAD_STYLES: typing.Final[Mapping[str, tuple[str, str]]] = {"PING": ("#0072B2", ""), "command": ("#E69F00", "//")}
"""Each workload's bar colour and hatch (the hatch tells them apart without colour); colour-blind-safe colours."""
_OTHER_STYLE: typing.Final = ("#555555", "..")
"""The style of a workload `_WORKLOAD_STYLES` does not know."""
_FLOOR_COLOUR: typing.Final = "#8c8c8c"
_SVG_SALT: typing.Final = "interaction-spec performance"
_MARK_STYLES: typing.Final[tuple[typing.Literal[":", "--"], ...]] = (":", "--")
"""The line styles of a chart's marks (the HTTP floor, the goal), in order."""
_DEFAULT_CONCURRENCY: typing.Final = 32
"""``http_throughput.py``'s default ``--concurrency``: the page's command names it only when the run changed it."""


class PerformanceError(ValueError):
    """The benchmark's JSON is missing or not in the format this page reads, or the page lacks its markers."""


@dataclasses.dataclass(frozen=True, slots=True)
class Row:
    """One server on one workload: the medians over the rounds."""

    workload: str
    server: str
    role: str
    """``"reference"``, ``"peer"`` or ``"http-floor"``."""
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
    """Signature verification plus JSON parse of each request, with no server and no HTTP."""

    workload: str
    requests_per_second: float
    cpu_percent: float
    """The median over the rounds of the share of a core it used."""
    cpu_us_per_request: float


@dataclasses.dataclass(frozen=True, slots=True)
class Ratio:
    """One server on one workload against the fastest peer and both floors, as the run computed them."""

    workload: str
    server: str
    fastest_peer: str | None
    requests_per_second: float | None
    """The ratio of the medians."""
    requests_per_second_paired: float | None
    """The median over the rounds of the ratio in each round."""
    p99: float | None
    p99_paired: float | None
    cpu_to_http_floor: float | None
    cpu_to_http_floor_paired: float | None
    cpu_to_floor: float | None


@dataclasses.dataclass(frozen=True, slots=True)
class Goal:
    """One goal of the row ``serve`` runs, as the run judged it."""

    workload: str
    goal: str
    figures: str
    met: bool | None
    """`None`: not judged (``figures`` says why)."""


@dataclasses.dataclass(frozen=True, slots=True)
class Run:
    """One run of the benchmark."""

    command: str
    about: tuple[str, ...]
    """The lines printed above the table: the machine, each server, the skipped ones, the load generator."""
    rounds: int
    reference: str | None
    rows: tuple[Row, ...]
    floors: tuple[Floor, ...]
    ratios: tuple[Ratio, ...]
    goals: tuple[Goal, ...]

    @property
    def workloads(self) -> tuple[str, ...]:
        """The workloads, in the order of the rows."""
        return tuple(dict.fromkeys(row.workload for row in self.rows))

    @property
    def servers(self) -> tuple[str, ...]:
        """The servers, in the order of the rows."""
        return tuple(dict.fromkeys(row.server for row in self.rows))

    @property
    def http_floor(self) -> str | None:
        """The HTTP floor's row name, if it was measured."""
        return next((row.server for row in self.rows if row.role == _HTTP_FLOOR_ROLE), None)

    def row(self, workload: str, server: str) -> Row | None:
        """Return a server's figures on a workload, if measured."""
        return next((row for row in self.rows if row.workload == workload and row.server == server), None)

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


def _percent(value: float | None) -> float | None:
    return None if value is None else value * 100


def _text(data: Mapping[str, object], key: str, where: str) -> str:
    return str(_get(data, key, str, where))


def _objects(data: Mapping[str, object], key: str, where: str) -> list[Mapping[str, object]]:
    items = typing.cast("list[object]", _get(data, key, list, where))
    if not all(isinstance(item, dict) for item in items):
        raise PerformanceError(f"{where}: {key!r} must be a list of objects")
    return typing.cast("list[Mapping[str, object]]", items)


def _row(data: Mapping[str, object], where: str) -> Row:
    role = _text(data, "role", where)
    if role not in _ROLES:
        raise PerformanceError(f"{where}: 'role' is {role!r}, not one of {', '.join(_ROLES)}")
    rounds = _objects(data, "rounds", where)
    return Row(
        workload=_text(data, "workload", where),
        server=_text(data, "server", where),
        role=role,
        requests_per_second=_number(data, "requests_per_second", where),
        p50_ms=_number(data, "p50_ms", where),
        p99_ms=_number(data, "p99_ms", where),
        errors=int(typing.cast("int", _get(data, "errors", int, where))),
        server_cpu_percent=_percent(_optional(data, "server_cpu", where)),
        cpu_us_per_request=_optional(data, "cpu_us_per_request", where),
        client_cpu_percent=_percent(_optional(data, "client_cpu", where)),
        by_round=tuple(_number(one, "requests_per_second", f"{where}: round {at}") for at, one in enumerate(rounds)),
    )


def _floor(workload: str, data: Mapping[str, object], where: str) -> Floor:
    rounds = _objects(data, "rounds", where)
    shares = [
        _number(one, "requests_per_second", f"{where}: round {at}")
        * _number(one, "cpu_us_per_request", f"{where}: round {at}")
        / 1e4
        for at, one in enumerate(rounds)
    ]
    if not shares:
        raise PerformanceError(f"{where}: 'rounds' is empty")
    return Floor(
        workload=workload,
        requests_per_second=_number(data, "requests_per_second", where),
        cpu_percent=statistics.median(shares),
        cpu_us_per_request=_number(data, "cpu_us_per_request", where),
    )


def _ratio(data: Mapping[str, object], where: str) -> Ratio:
    fastest = data.get("fastest_peer")
    if fastest is not None and not isinstance(fastest, str):
        raise PerformanceError(f"{where}: 'fastest_peer' is neither a server nor null")
    return Ratio(
        workload=_text(data, "workload", where),
        server=_text(data, "server", where),
        fastest_peer=fastest,
        requests_per_second=_optional(data, "requests_per_second", where),
        requests_per_second_paired=_optional(data, "requests_per_second_paired", where),
        p99=_optional(data, "p99", where),
        p99_paired=_optional(data, "p99_paired", where),
        cpu_to_http_floor=_optional(data, "cpu_to_http_floor", where),
        cpu_to_http_floor_paired=_optional(data, "cpu_to_http_floor_paired", where),
        cpu_to_floor=_optional(data, "cpu_to_floor", where),
    )


def _goal(data: Mapping[str, object], where: str) -> Goal:
    met = data.get("met")
    if met is not None and not isinstance(met, bool):
        raise PerformanceError(f"{where}: 'met' is neither true, false nor null")
    return Goal(_text(data, "workload", where), _text(data, "goal", where), _text(data, "figures", where), met)


def _command(plan: Mapping[str, object], where: str) -> str:
    """Return the command line of the run's plan: its rounds and seconds, and its concurrency if not the default."""
    words = ["python", "benchmarks/http_throughput.py"]
    for key in ("rounds", "seconds"):
        words += [f"--{key}", f"{_number(plan, key, f'{where}: plan'):g}"]
    concurrency = _number(plan, "concurrency", f"{where}: plan")
    if concurrency != _DEFAULT_CONCURRENCY:
        words += ["--concurrency", f"{concurrency:g}"]
    return " ".join(words)


def _about(run: Mapping[str, object], plan: Mapping[str, object], where: str) -> tuple[str, ...]:
    """Return the lines the benchmark printed above its table, from the JSON's context keys."""
    load = typing.cast("Mapping[str, object]", _get(run, "load_average", dict, where))
    servers = _objects(run, "servers", where)
    skipped = typing.cast("list[object]", _get(run, "skipped", list, where))
    machine = (
        f"python {_text(run, 'python', where)} on {_text(run, 'machine', where)},"
        f" {int(_number(run, 'cpus', where))} CPUs; load average before: {_text(load, 'before', where)},"
        f" after: {_text(load, 'after', where)}"
    )
    rounds, seconds = int(_number(plan, "rounds", where)), _number(plan, "seconds", where)
    generator = (
        f"load: one client process on asyncio, {int(_number(plan, 'concurrency', where))} keep-alive connections,"
        f" requests encoded by h11, replies parsed by httptools; {int(_number(plan, 'pool_size', where))} pre-signed"
        f" requests per workload; {rounds} round(s) of {seconds:g} s per measurement, servers in turn, after a"
        f" {_number(plan, 'warm_up', where):g} s warm-up each"
    )
    return (
        machine,
        *(f"{_text(one, 'name', where)}: {_text(one, 'description', where)}" for one in servers),
        *(str(line) for line in skipped),
        generator,
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
    if run.get("format") != FORMAT or isinstance(run.get("format"), bool):
        raise PerformanceError(f"{where}: 'format' is {run.get('format')!r}, not {FORMAT!r}")
    plan = typing.cast("Mapping[str, object]", _get(run, "plan", dict, where))
    reference = run.get("reference")
    if reference is not None and not isinstance(reference, str):
        raise PerformanceError(f"{where}: 'reference' is neither a server nor null")
    rows = tuple(_row(item, f"{where}: results {at}") for at, item in enumerate(_objects(run, "results", where)))
    floor_data = typing.cast("Mapping[str, object]", _get(run, "floor", dict, where))
    if not all(isinstance(item, dict) for item in floor_data.values()):
        raise PerformanceError(f"{where}: 'floor' must map each workload to an object")
    floors = tuple(
        _floor(kind, typing.cast("Mapping[str, object]", item), f"{where}: floor {kind}")
        for kind, item in floor_data.items()
    )
    ratios = tuple(_ratio(item, f"{where}: ratios {at}") for at, item in enumerate(_objects(run, "ratios", where)))
    goals = tuple(_goal(item, f"{where}: goals {at}") for at, item in enumerate(_objects(run, "goals", where)))
    if not rows:
        raise PerformanceError(f"{where}: 'results' is empty")
    return Run(
        command=_command(plan, where),
        about=_about(run, plan, where),
        rounds=int(_number(plan, "rounds", f"{where}: plan")),
        reference=reference,
        rows=rows,
        floors=floors,
        ratios=ratios,
        goals=goals,
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


def _server_cell(run: Run, server: str) -> str:
    """Bold for the row ``serve`` runs (its goals are judged), italics for the HTTP floor, a measuring stick."""
    if server == run.reference:
        return f"**{server}**"
    return f"*{server}*" if server == run.http_floor else server


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
            server = _server_cell(run, row.server)
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
    header = (
        "Workload",
        "Server",
        "Fastest peer",
        "req/s",
        "paired",
        "p99",
        "paired",
        "CPU / HTTP floor",
        "paired",
        "CPU / floor",
    )
    rows = [
        [
            ratio.workload,
            _server_cell(run, ratio.server),
            ratio.fastest_peer or "(none)",
            _figure(ratio.requests_per_second, 3, "x"),
            _figure(ratio.requests_per_second_paired, 3, "x"),
            _figure(ratio.p99, 3, "x"),
            _figure(ratio.p99_paired, 3, "x"),
            _figure(ratio.cpu_to_http_floor, 3, "x"),
            _figure(ratio.cpu_to_http_floor_paired, 3, "x"),
            _figure(ratio.cpu_to_floor, 3, "x"),
        ]
        for ratio in run.ratios
    ]
    return _table(header, rows, "lllrrrrrrr")


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
    """Return the goals of the row ``serve`` runs as the benchmark judged them (on the paired ratios)."""
    if run.reference is None or not run.goals:
        return ["- The goals were not judged: the reference under `serve`'s server was not measured."]
    verdicts = {True: "met", False: "missed", None: "not judged"}
    return [
        f"- **{goal.workload}**: `{goal.goal}`: {_escape(goal.figures)}: **{verdicts[goal.met]}**."
        for goal in run.goals
    ]


_CHART_ALT: typing.Final[Mapping[str, str]] = {
    "requests-per-second.svg": "Requests per second of each server on each workload, and the floor's",
    "p99.svg": "p99 latency in milliseconds of each server on each workload",
    "cpu-per-request.svg": (
        "CPU microseconds per request of each server on each workload, against the HTTP floor's and the floor's"
    ),
    "cpu-to-http-floor.svg": (
        "CPU time per request of each server as a multiple of the HTTP floor's (paired), against the goal"
    ),
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
        "    --json docs/data/http_throughput.json",
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
        "**Bold**: the reference under `serve`'s server, whose goals are judged; *http-floor*: the HTTP floor, "
        "*floor*: the floor without HTTP.",
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
        "median over the rounds of the ratio in each round, steadier when the load drifts), and CPU time per "
        "request against the HTTP floor's (also paired) and the floor's without HTTP:",
        "",
        '<div class="perf-table perf-ratios" markdown>',
        "",
        *_ratio_table(run),
        "",
        "</div>",
        "",
        f'??? note "Requests per second in each of the {run.rounds} rounds"',
        "",
        *(f"    {line}" for line in _rounds_table(run)),
        "",
        "The goals of the row `serve` runs, judged on the paired ratios:",
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
    value: Callable[[str, str], float | None],
    floor_value: Callable[[Floor], float] | None,
    title: str,
    unit: str,
    digits: int,
    suffix: str = "",
    marks: Sequence[tuple[float, str]] = (),
) -> bytes:
    """Draw one horizontal grouped bar chart: a group per server (and the floor), a bar per workload.

    ``value`` gives a server's figure on a workload; the floors' bars are grey; each of ``marks`` is a dashed
    vertical line at a value, labelled.

    matplotlib leaves the ``**kwargs`` of its drawing methods unannotated, hence pyright's line-level ignores.
    """
    import matplotlib  # noqa: PLC0415 - the docs extra's; only drawing the charts needs it

    matplotlib.use("Agg")
    from matplotlib import pyplot  # noqa: PLC0415
    from matplotlib.lines import Line2D  # noqa: PLC0415
    from matplotlib.patches import Patch  # noqa: PLC0415

    if typing.TYPE_CHECKING:
        from matplotlib.artist import Artist  # noqa: PLC0415

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
                figure_value = value(workload, label)
                values.append(0.0 if figure_value is None else figure_value)
            positions = [slot + index * height for slot in range(len(labels))]
            colours = [_FLOOR_COLOUR if label in (_FLOOR, run.http_floor) else colour for label in labels]
            bars = axes.barh(  # pyright: ignore[reportUnknownMemberType]
                positions, values, height=height, color=colours, hatch=hatch, edgecolor="white"
            )
            texts = [f"{figure:,.{digits}f}{suffix}" for figure in values]
            axes.bar_label(bars, labels=texts, padding=2, fontsize=7)  # pyright: ignore[reportUnknownMemberType]
            top = max(top, *values)
        middles = [slot + height * (len(workloads) - 1) / 2 for slot in range(len(labels))]
        axes.set_yticks(middles, labels=labels)  # pyright: ignore[reportUnknownMemberType]
        for tick in axes.get_yticklabels():
            if tick.get_text() == run.reference:
                tick.set_fontweight("bold")
        for (mark, text), style in zip(marks, _MARK_STYLES, strict=False):
            axes.axvline(mark, color="#333333", linestyle=style, linewidth=1.0, label=text)  # pyright: ignore[reportUnknownMemberType]
            top = max(top, mark)
        axes.invert_yaxis()
        axes.set_xlim(0, top * 1.18 if top > 0 else 1)
        axes.set_xlabel(unit)  # pyright: ignore[reportUnknownMemberType]
        figure.suptitle(title, x=0.01, ha="left", fontsize=10)  # pyright: ignore[reportUnknownMemberType]
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        handles: list[Artist] = [
            Patch(facecolor=colour, hatch=hatch, edgecolor="white", label=workload)
            for workload in workloads
            for colour, hatch in [_WORKLOAD_STYLES.get(workload, _OTHER_STYLE)]
        ]
        handles += [
            Line2D([], [], color="#333333", linestyle=style, linewidth=1.0, label=text)
            for (_, text), style in zip(marks, _MARK_STYLES, strict=False)
        ]
        axes.legend(handles=handles, loc="upper right", fontsize=8, frameon=False)  # pyright: ignore[reportUnknownMemberType]
        figure.tight_layout()
        buffer = io.BytesIO()
        no_date = {"Date": None, "Creator": None}
        figure.savefig(buffer, format="svg", metadata=no_date)  # pyright: ignore[reportUnknownMemberType]
        pyplot.close(figure)
    return buffer.getvalue()


def render_charts(run: Run) -> dict[str, bytes]:
    """Draw the four charts of a run as SVG.

    Returns
    -------
    dict[str, bytes]
        Each chart's SVG by file name (`CHARTS`): the same bytes for the same run.
    """

    def figure(pick: Callable[[Row], float | None]) -> Callable[[str, str], float | None]:
        def value(workload: str, server: str) -> float | None:
            row = run.row(workload, server)
            return None if row is None else pick(row)

        return value

    def to_http_floor(workload: str, server: str) -> float | None:
        ratio = run.ratio(workload, server)
        return None if ratio is None else ratio.cpu_to_http_floor_paired

    goal = next((found for found in map(_cpu_goal, (one.goal for one in run.goals)) if found is not None), None)
    return {
        "requests-per-second.svg": _bars(
            run,
            value=figure(lambda row: row.requests_per_second),
            floor_value=lambda floor: floor.requests_per_second,
            title="Requests per second (more is better)",
            unit="requests per second (median over rounds)",
            digits=0,
        ),
        "p99.svg": _bars(
            run,
            value=figure(lambda row: row.p99_ms),
            floor_value=None,
            title="p99 latency (less is better)",
            unit="milliseconds (median over rounds)",
            digits=1,
        ),
        "cpu-per-request.svg": _bars(
            run,
            value=figure(lambda row: row.cpu_us_per_request),
            floor_value=lambda floor: floor.cpu_us_per_request,
            title="CPU time per request, against the HTTP floor and the floor (less is better)",
            unit="CPU microseconds per request (median over rounds)",
            digits=0,
        ),
        "cpu-to-http-floor.svg": _bars(
            run,
            value=to_http_floor,
            floor_value=None,
            title="CPU time per request over the HTTP floor's (paired; less is better)",
            unit="multiple of the HTTP floor's CPU µs per request (paired)",
            digits=2,
            suffix="x",
            marks=[(1.0, "HTTP floor"), *([] if goal is None else [(goal, f"goal {goal:g}x")])],
        ),
    }


def _cpu_goal(goal: str) -> float | None:
    """Return the bound of a CPU goal as the benchmark words it (``... CPU per request <= 1.30x http-floor``)."""
    found = re.search(r"CPU per request <= (\d+(?:\.\d+)?)x", goal)
    return None if found is None else float(found[1])


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
