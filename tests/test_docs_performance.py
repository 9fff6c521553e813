"""The performance page's run: its table, ratios, goals and charts are drawn from the benchmark's committed JSON.

``benchmarks/http_throughput.py --json`` writes the JSON (`benchmarks.throughput.json_report`); docs/performance_page.py
reads it and draws the page's part between its markers and four SVG charts with matplotlib. These tests hold the
committed page and charts to the committed JSON, the figures of the page's prose to the same run, the charts to the
same bytes on every drawing, and the page to a JSON the benchmark's own writer made from made-up measurements.
"""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import statistics
import types
import typing

import pytest

from benchmarks.throughput.floor import FloorSample
from benchmarks.throughput.json_report import report_json
from benchmarks.throughput.load import Measurement
from benchmarks.throughput.report import HTTP_FLOOR
from benchmarks.throughput.report import Series
from tests.docs_scripts import import_docs_script

_ROOT = pathlib.Path(__file__).resolve().parent.parent
_DOCS = _ROOT / "docs"
_REFERENCE = "reference/granian-rsgi"


def _page() -> types.ModuleType:
    pytest.importorskip("matplotlib", reason="the docs extra draws the charts: pip install -e '.[docs]'")
    return import_docs_script("performance_page")


def _measurement(requests_per_second: float, p99_ms: float, cpu_us: float) -> Measurement:
    return Measurement(requests_per_second, p99_ms / 2e3, p99_ms / 1e3, 0, requests_per_second * cpu_us / 1e6, 0.4)


def _made_up_run(path: pathlib.Path, *, reference_rate: float) -> None:
    """Write, with the benchmark's own writer, a run of the HTTP floor, the reference and one peer over two rounds.

    The peer answers 1000 requests per second at a p99 of 10 ms on both workloads, spending 300 µs of CPU each; the
    reference answers ``reference_rate`` at a p99 of 8 ms, spending 200 µs; the HTTP floor answers 3000 at 4 ms,
    spending 125 µs (the reference: 1.6 times it); the floor without HTTP spends 100 µs.
    """
    series: list[Series] = []
    for kind in ("PING", "command"):
        http_floor = Series(kind, HTTP_FLOOR, peer=False)
        reference = Series(kind, _REFERENCE, peer=False)
        peer = Series(kind, "hikari", peer=True)
        for _ in range(2):
            http_floor.rounds.append(_measurement(3000.0, 4.0, 125.0))
            reference.rounds.append(_measurement(reference_rate, 8.0, 200.0))
            peer.rounds.append(_measurement(1000.0, 10.0, 300.0))
        series += [http_floor, reference, peer]
    floors = {kind: [FloorSample(9000.0, 100e-6), FloorSample(9200.0, 100e-6)] for kind in ("PING", "command")}
    context = {
        "python": "3.11.7",
        "machine": "x86_64",
        "cpus": 2,
        "load_average": {"before": "0.50 0.40 0.30", "after": "1.50 1.40 1.30"},
        "plan": {"seconds": 3.0, "rounds": 2, "warm_up": 1.0, "ramp": 0.2, "concurrency": 32, "pool_size": 128},
        "servers": [
            {"name": HTTP_FLOOR, "role": "http-floor", "description": "made up in tests/test_docs_performance.py"},
            {"name": _REFERENCE, "role": "reference", "description": "the reference"},
            {"name": "hikari", "role": "peer", "description": "hikari"},
        ],
        "skipped": [],
    }
    path.write_text(json.dumps(report_json(series, floors, _REFERENCE, context), indent=2) + "\n", encoding="utf-8")


def test_the_committed_page_and_charts_are_drawn_from_the_committed_json() -> None:
    stale = _page().stale_files()
    assert stale == [], f"run python docs/generate.py: {stale}"


def _prose() -> str:
    """The page without its generated part: the words written by hand about the run."""
    page = _page()
    text = (_DOCS / "performance.md").read_text(encoding="utf-8")
    return str(page.replace_section(text, ""))


def _paired(data: dict[str, typing.Any], kind: str, mine: str, theirs: str) -> float:
    """The paired requests-per-second ratio of two rows, from their rounds (the JSON's ratios are to the fastest)."""
    rounds = {row["server"]: row["rounds"] for row in data["results"] if row["workload"] == kind}
    return statistics.median(
        float(a["requests_per_second"]) / float(b["requests_per_second"])
        for a, b in zip(rounds[mine], rounds[theirs], strict=True)
    )


def test_the_prose_figures_are_the_committed_runs() -> None:
    """Each figure the page's prose gives for "this run" is the committed JSON's, at the precision the prose gives."""
    data: dict[str, typing.Any] = json.loads((_DOCS / "data" / "http_throughput.json").read_text(encoding="utf-8"))
    ratio = {(row["workload"], row["server"]): row for row in data["ratios"]}
    cpu = {(row["workload"], row["server"]): row["cpu_us_per_request"] for row in data["results"]}
    prose = _prose()
    rsgi = {kind: ratio[kind, _REFERENCE] for kind in ("PING", "command")}
    claims = [
        f"answered {rsgi['PING']['requests_per_second_paired']:.2f} times the requests per second of"
        f" {rsgi['PING']['fastest_peer']}, the fastest peer,\n  at {rsgi['PING']['p99_paired']:.2f} times its p99",
        f"it spent {cpu['PING', _REFERENCE]:.0f} µs of CPU to\n  hikari's {cpu['PING', 'hikari']:.0f}"
        f" ({cpu['PING', _REFERENCE] / cpu['PING', 'hikari']:.2f} times)",
        f"(uvicorn {cpu['PING', 'reference/uvicorn']:.0f},"
        f" granian's ASGI entry {cpu['PING', 'reference/granian']:.0f})",
        f"{rsgi['command']['requests_per_second_paired']:.2f} times the requests per second of"
        f" {rsgi['command']['fastest_peer']},",
        f"(hikari: {_paired(data, 'command', _REFERENCE, 'hikari'):.2f} times, paired), at\n"
        f"  {rsgi['command']['p99_paired']:.2f} times its p99",
        f"Per request {cpu['command', _REFERENCE]:.0f} µs of CPU to hikari's {cpu['command', 'hikari']:.0f}\n"
        f"  ({cpu['command', _REFERENCE] / cpu['command', 'hikari']:.2f} times); uvicorn spent"
        f" {cpu['command', 'reference/uvicorn']:.0f} here",
        f"{rsgi['PING']['cpu_to_http_floor_paired']:.2f} times on PING and"
        f" {rsgi['command']['cpu_to_http_floor_paired']:.2f}\n  times on the command",
        f"uvicorn is at {ratio['PING', 'reference/uvicorn']['cpu_to_http_floor_paired']:.2f} and"
        f" {ratio['command', 'reference/uvicorn']['cpu_to_http_floor_paired']:.2f}",
        f"hikari\n  at {ratio['PING', 'hikari']['cpu_to_http_floor_paired']:.2f} and"
        f" {ratio['command', 'hikari']['cpu_to_http_floor_paired']:.2f}.",
        "| 4 (above) | "
        f"{rsgi['PING']['requests_per_second_paired']:.2f}x, {rsgi['PING']['p99_paired']:.2f}x: met | "
        f"{rsgi['command']['requests_per_second_paired']:.2f}x, {rsgi['command']['p99_paired']:.2f}x: met | "
        + ", ".join(f"{cpu['PING', one]:.0f}" for one in (_REFERENCE, "reference/uvicorn", "hikari", HTTP_FLOOR))
        + " | "
        + ", ".join(f"{cpu['command', one]:.0f}" for one in (_REFERENCE, "reference/uvicorn", "hikari", HTTP_FLOOR))
        + " |",
    ]
    missing = [claim for claim in claims if claim not in prose]
    assert missing == [], f"the page's prose no longer says the committed run's figures: {missing}"


def test_the_charts_are_the_same_bytes_every_time_and_say_their_figures_in_text() -> None:
    page = _page()
    run = page.read_run()
    first = page.render_charts(run)
    assert first == page.render_charts(run)
    assert sorted(first) == sorted(page.CHARTS)
    for name, svg in first.items():
        text = svg.decode("utf-8")
        assert text.startswith("<?xml"), name
        assert "<dc:date>" not in text, f"{name}: a date would change every drawing"
        for server in run.servers:
            assert f">{server}<" in text, f"{name}: {server} is not labelled"
    rates = first["requests-per-second.svg"].decode("utf-8")
    for row in run.rows:
        assert f">{row.requests_per_second:,.0f}<" in rates, f"{row.workload} {row.server}: its bar has no figure"
    cpu = first["cpu-per-request.svg"].decode("utf-8")
    assert ">floor<" in cpu, "CPU per request is drawn against the floor"
    assert f">{HTTP_FLOOR}<" in cpu, "... and against the HTTP floor"
    for floor in run.floors:
        assert f">{floor.cpu_us_per_request:,.0f}<" in cpu
    to_http_floor = first["cpu-to-http-floor.svg"].decode("utf-8")
    assert ">goal 1.3x<" in to_http_floor
    assert ">HTTP floor<" in to_http_floor
    for ratio in run.ratios:
        assert f">{ratio.cpu_to_http_floor_paired:,.2f}x<" in to_http_floor, f"{ratio.server}: its bar has no figure"


def test_a_run_the_benchmark_wrote_draws_the_table_ratios_and_goals(tmp_path: pathlib.Path) -> None:
    page = _page()
    data = tmp_path / "run.json"
    _made_up_run(data, reference_rate=1500.0)
    run = page.read_run(data)
    section = page.render_section(run)
    assert "| PING | **reference/granian-rsgi** | 1,500.0 | 4.00 | 8.00 | 0 | 30% | 200.0 | 40% |" in section
    assert "| command | hikari | 1,000.0 | 5.00 | 10.00 | 0 | 30% | 300.0 | 40% |" in section
    assert "| PING | *http-floor* | 3,000.0 | 2.00 | 4.00 | 0 | 38% | 125.0 | 40% |" in section
    assert "| PING | *floor* | 9,100.0 | - | - | - | 91% | 100.0 | - |" in section
    ratios = (
        "| PING | **reference/granian-rsgi** | hikari | 1.500x | 1.500x | 0.800x | 0.800x | 1.600x | 1.600x | 2.000x |"
    )
    assert ratios in section
    command = (
        "$ python benchmarks/http_throughput.py --rounds 2 --seconds 3 \\\n    --json docs/data/http_throughput.json"
    )
    assert command in section
    assert "- http-floor: made up in tests/test_docs_performance.py" in section
    goals = re.findall(r"^- \*\*(PING|command)\*\*: .*\*\*(met|missed)\*\*\.$", section, flags=re.MULTILINE)
    assert goals == [("PING", "met"), ("PING", "missed"), ("command", "met"), ("command", "missed")]
    assert "- **PING**: `reference/granian-rsgi CPU per request <= 1.30x http-floor (paired)`: 1.600x: **missed**." in (
        section
    )

    _made_up_run(data, reference_rate=1100.0)
    slower = page.render_section(page.read_run(data))
    assert re.findall(r"\*\*(met|missed)\*\*", slower) == ["missed"] * 4, "1.1 times the peer misses 1.25"


def test_write_then_check_the_pages_part_and_charts(tmp_path: pathlib.Path) -> None:
    page = _page()
    docs = tmp_path / "docs"
    (docs / "performance").mkdir(parents=True)
    shutil.copy(_DOCS / "performance.md", docs / "performance.md")
    data = tmp_path / "run.json"
    _made_up_run(data, reference_rate=1500.0)
    charts = [docs / "performance" / name for name in page.CHARTS]

    assert page.stale_files(docs, data) == [docs / "performance.md", *charts]
    assert page.write_files(docs, data) == [docs / "performance.md", *charts]
    assert page.stale_files(docs, data) == []
    text = (docs / "performance.md").read_text(encoding="utf-8")
    before, after = (_DOCS / "performance.md").read_text(encoding="utf-8").split(page.render_section(page.read_run()))
    assert text.startswith(before), "only the part between the markers changes"
    assert text.endswith(after)

    _made_up_run(data, reference_rate=1100.0)
    changed = [docs / "performance.md", charts[0]]
    assert page.stale_files(docs, data) == changed, "p99 and CPU per request did not change"


_Edit: typing.TypeAlias = typing.Callable[[dict[str, typing.Any]], None]
"""A change made to a run's JSON."""


def _set(**changes: object) -> _Edit:
    def edit(data: dict[str, typing.Any]) -> None:
        data.update(changes)

    return edit


def _set_in_first(key: str, **changes: object) -> _Edit:
    def edit(data: dict[str, typing.Any]) -> None:
        data[key][0].update(changes)

    return edit


def _drop(key: str) -> _Edit:
    def edit(data: dict[str, typing.Any]) -> None:
        del data[key]

    return edit


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_set(format="interaction-spec http_throughput 1"), "'format' is 'interaction-spec http_throughput 1'"),
        (_drop("results"), "'results' is missing or of the wrong type"),
        (_set_in_first("results", p99_ms="fast"), "results 0: 'p99_ms' is missing or of the wrong type"),
        (_set_in_first("results", role="server"), "results 0: 'role' is 'server', not one of"),
        (_set_in_first("ratios", fastest_peer=3), "ratios 0: 'fastest_peer' is neither"),
        (_set_in_first("goals", met="yes"), "goals 0: 'met' is neither"),
        (_set(floor=[]), "'floor' is missing or of the wrong type"),
        (_drop("plan"), "'plan' is missing or of the wrong type"),
        (_set(results=[]), "'results' is empty"),
    ],
)
def test_a_json_not_in_the_format_is_refused(tmp_path: pathlib.Path, edit: _Edit, message: str) -> None:
    page = _page()
    data = tmp_path / "run.json"
    _made_up_run(data, reference_rate=1500.0)
    loaded: dict[str, typing.Any] = json.loads(data.read_text(encoding="utf-8"))
    edit(loaded)
    data.write_text(json.dumps(loaded), encoding="utf-8")
    with pytest.raises(page.PerformanceError, match=re.escape(message)):
        page.read_run(data)


def test_a_missing_json_or_a_page_without_markers_is_refused(tmp_path: pathlib.Path) -> None:
    page = _page()
    with pytest.raises(page.PerformanceError, match="no such file; write it with python benchmarks/http_throughput"):
        page.read_run(tmp_path / "absent.json")
    (tmp_path / "performance.md").write_text("# Performance\n\nNo run here.\n", encoding="utf-8")
    with pytest.raises(page.PerformanceError, match="must hold its two markers once each"):
        page.stale_files(tmp_path)
