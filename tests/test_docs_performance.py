"""The performance page's run: its table, goals and charts are drawn from the benchmark's committed JSON.

``benchmarks/http_throughput.py --json`` writes the JSON (`benchmarks.throughput.results`); docs/performance_page.py
reads it and draws the page's part between its markers and three SVG charts with matplotlib. These tests hold the
committed page and charts to the committed JSON, the charts to the same bytes on every drawing, and the page to a
JSON the benchmark's own writer made from made-up measurements.
"""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import types
import typing

import pytest

from benchmarks.throughput.floor import FloorSample
from benchmarks.throughput.load import Measurement
from benchmarks.throughput.report import Series
from benchmarks.throughput.results import results
from benchmarks.throughput.results import write_results
from tests.docs_scripts import import_docs_script

_ROOT = pathlib.Path(__file__).resolve().parent.parent
_DOCS = _ROOT / "docs"


def _page() -> types.ModuleType:
    pytest.importorskip("matplotlib", reason="the docs extra draws the charts: pip install -e '.[docs]'")
    return import_docs_script("performance_page")


def _measurement(requests_per_second: float, p99_ms: float, cpu_us: float) -> Measurement:
    return Measurement(requests_per_second, p99_ms / 2e3, p99_ms / 1e3, 0, requests_per_second * cpu_us / 1e6, 0.4)


def _made_up_run(path: pathlib.Path, *, reference_rate: float) -> None:
    """Write, with the benchmark's own writer, a run of the reference and one peer over two rounds.

    The peer answers 1000 requests per second at a p99 of 10 ms on both workloads, spending 300 µs of CPU each; the
    reference answers ``reference_rate`` at a p99 of 8 ms, spending 200 µs; the floor spends 100 µs.
    """
    series: list[Series] = []
    for kind in ("PING", "command"):
        reference = Series(kind, "reference/uvicorn", peer=False)
        peer = Series(kind, "hikari", peer=True)
        for _ in range(2):
            reference.rounds.append(_measurement(reference_rate, 8.0, 200.0))
            peer.rounds.append(_measurement(1000.0, 10.0, 300.0))
        series += [reference, peer]
    floors = {kind: [FloorSample(9000.0, 100e-6), FloorSample(9200.0, 100e-6)] for kind in ("PING", "command")}
    about = ["python 3.11.7 on x86_64, 2 CPUs", "load: made up in tests/test_docs_performance.py"]
    command = "python benchmarks/http_throughput.py --rounds 2"
    write_results(path, results(series, floors, command=command, about=about, reference="reference/uvicorn"))


def test_the_committed_page_and_charts_are_drawn_from_the_committed_json() -> None:
    stale = _page().stale_files()
    assert stale == [], f"run python docs/generate.py: {stale}"


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
    for floor in run.floors:
        assert f">{floor.cpu_us_per_request:,.0f}<" in cpu


def test_a_run_the_benchmark_wrote_draws_the_table_and_judges_the_goals(tmp_path: pathlib.Path) -> None:
    page = _page()
    data = tmp_path / "run.json"
    _made_up_run(data, reference_rate=1500.0)
    run = page.read_run(data)
    section = page.render_section(run)
    assert "| PING | **reference/uvicorn** | 1,500.0 | 4.00 | 8.00 | 0 | 30% | 200.0 | 40% |" in section
    assert "| command | hikari | 1,000.0 | 5.00 | 10.00 | 0 | 30% | 300.0 | 40% |" in section
    assert "| PING | *floor* | 9,100.0 | - | - | - | 91% | 100.0 | - |" in section
    assert "| PING | **reference/uvicorn** | hikari | 1.500x | 1.500x | 0.800x | 0.800x | 2.000x |" in section
    assert (
        "$ python benchmarks/http_throughput.py --rounds 2 \\\n    --json docs/performance/http-throughput.json"
        in section
    )
    assert "- load: made up in tests/test_docs_performance.py" in section
    goals = re.findall(r"^- \*\*(PING|command)\*\*: .*\*\*(met|missed)\*\*\.$", section, flags=re.MULTILINE)
    assert goals == [("PING", "met"), ("PING", "missed"), ("command", "met"), ("command", "missed")]

    _made_up_run(data, reference_rate=1100.0)
    slower = page.render_section(page.read_run(data))
    assert re.findall(r"\*\*(met|missed)\*\*", slower) == ["missed"] * 4, "1.1 times the peer misses 1.2"


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
    assert page.stale_files(docs, data) == [docs / "performance.md", charts[0]], "p99 and CPU did not change"


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
        (_set(format="something else"), "'format' is 'something else'"),
        (_drop("servers"), "'servers' is missing or of the wrong type"),
        (_set_in_first("servers", p99_ms="fast"), "servers 0: 'p99_ms' is missing or of the wrong type"),
        (_set_in_first("servers", peer=1), "servers 0: 'peer' is missing or of the wrong type"),
        (_set_in_first("ratios", fastest_peer=3), "ratios 0: 'fastest_peer' is neither"),
        (_set(servers=[]), "'servers' is empty"),
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
