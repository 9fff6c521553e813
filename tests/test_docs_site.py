"""The documentation site builds in strict mode, and holds every page with the content it promises.

``python -m mkdocs build --strict`` fails on any warning: a broken link or anchor, a page missing from the
navigation, a snippet file that does not exist, a docstring mkdocstrings cannot parse. The site is built once,
into a temporary directory (never into ``site/``).
"""

from __future__ import annotations

import dataclasses
import html
import os
import pathlib
import re
import subprocess
import sys
import typing

import pytest

import interaction_spec
from conformance.catalogue import CLAUSES
from tests.browser import BrowserPage

_ROOT = pathlib.Path(__file__).resolve().parent.parent
_DOCS = _ROOT / "docs"
_CASES = _ROOT / "conformance" / "static" / "cases"
_SNIPPET = re.compile(r'^--8<-- "(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"$', flags=re.MULTILINE)
_SECTION_START = re.compile(r"--8<-- \[start:(?P<name>[\w-]+)\]")
_SECTION_MARKER = re.compile(r"--8<-- \[(?:start|end):[\w-]+\]")
_TAG = re.compile(r"<[^>]+>")
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b00-\u2bff]")
"""Emoji and pictographs: the matrix once coloured its cells with them alone."""

pytestmark = [
    pytest.mark.skipif(
        sys.version_info < (3, 11, 5), reason="the docs extra (mkdocs-material, mkdocstrings) needs Python 3.11.5+"
    ),
    pytest.mark.xdist_group("docs-site"),  # the tests share the module's site: one group builds it once, in one worker
]

_PAGES = {
    "index.md": "index.html",
    "quickstart.md": "quickstart/index.html",
    "spec.md": "spec/index.html",
    "matrix.md": "matrix/index.html",
    "typing.md": "typing/index.html",
    "guide.md": "guide/index.html",
    "bot.md": "bot/index.html",
    "corpus.md": "corpus/index.html",
    "performance.md": "performance/index.html",
    "api/interaction_spec.md": "api/interaction_spec/index.html",
    "api/asgi.md": "api/asgi/index.html",
    "api/adapter.md": "api/adapter/index.html",
    "api/pytest_plugin.md": "api/pytest_plugin/index.html",
    "changelog.md": "changelog/index.html",
}
"""Every page of the site: its source in docs/ and the HTML file it becomes."""


@dataclasses.dataclass(frozen=True)
class Site:
    """The outcome of one strict build."""

    path: pathlib.Path
    returncode: int
    output: str

    def page(self, source: str) -> str:
        """Return the HTML of the page built from ``docs/<source>``."""
        return (self.path / _PAGES[source]).read_text(encoding="utf-8")

    def text(self, source: str) -> str:
        """Return a page's text: the HTML without tags, unescaped (highlighted code reads as written)."""
        return html.unescape(_TAG.sub("", self.page(source)))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    path = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(path)],
        cwd=_ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return Site(path, result.returncode, result.stdout + result.stderr)


@pytest.fixture
def built(site: Site) -> Site:
    if site.returncode != 0:
        pytest.fail(f"mkdocs build --strict exited with {site.returncode}:\n{site.output}")
    return site


def _readme_quick_start() -> list[str]:
    """Return the README's quick-start commands, found as .ci/run finds them."""
    readme = (_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Quick start\n", 1)[1]
    return section.split("```", 2)[1].split("\n", 1)[1].splitlines()


def _snippet_lines(path: pathlib.Path, section: str | None) -> list[str]:
    """Return the lines pymdownx.snippets includes: a whole file, or one section of it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if section is not None:
        start = lines.index(f"# --8<-- [start:{section}]")
        lines = lines[start + 1 : lines.index(f"# --8<-- [end:{section}]", start)]
    return [line for line in lines if not _SECTION_MARKER.search(line)]


def test_strict_build_succeeds(site: Site) -> None:
    assert site.returncode == 0, f"mkdocs build --strict failed:\n{site.output}"
    assert "WARNING" not in site.output, site.output


def test_every_page_is_built(built: Site) -> None:
    for source, page in _PAGES.items():
        assert (_DOCS / source).is_file(), source
        assert (built.path / page).is_file(), f"{source} was not built into {page}"
    sources = {path.relative_to(_DOCS).as_posix() for path in _DOCS.rglob("*.md")}
    assert sources == set(_PAGES), "a page in docs/ is missing from _PAGES (and so from these checks)"
    assert not (built.path / "generate.py").exists(), "the generator is no page"


def test_spec_page_has_every_clause(built: Site) -> None:
    text = built.text("spec.md")
    for entry in CLAUSES:
        assert f'id="{entry.id.replace(".", "")}"' in built.page("spec.md"), entry.id
        assert f"{entry.level.value}: " in text
    assert "sig.reject.ping.wrong-key" in text


def test_matrix_page_has_every_clause_and_column(built: Site) -> None:
    text = built.text("matrix.md")
    for entry in CLAUSES:
        assert entry.id in text, entry.id
    for title in (
        "reference, in-process",
        "reference, over HTTP",
        "hikari 2.7.0, in-process",
        "hikari 2.7.0, over HTTP",
        "discord-http 3.3.0, over HTTP",
    ):
        assert title in text
    page = built.page("matrix.md")
    for badge in ('mx-pass">yes', 'mx-fail">no', 'mx-grey">n/a', 'mx-pass">pass ', 'mx-warn">warn '):
        assert f'<span class="mx {badge}' in page, badge
    assert not _EMOJI.search(text), "cells are words: no emoji, which shows as boxes without an emoji font"
    assert "How to add your implementation" in text
    assert "python -m implementations --only discord-http --case " in text, "the findings' reproductions"
    for report in ("hikari-http.json", "discord-http-http.json"):
        assert (built.path / "reports" / report).is_file(), "the reports the matrix links to are published"


def test_typing_page_shows_the_checked_examples(built: Site) -> None:
    source = (_DOCS / "typing.md").read_text(encoding="utf-8")
    text = built.text("typing.md")
    included: dict[pathlib.Path, set[str | None]] = {}
    for match in _SNIPPET.finditer(source):
        path = (_ROOT / match["path"]).resolve()
        assert path.parent in {_CASES / "positive", _CASES / "negative"}
        assert path.name.startswith("guide_"), f"{match['path']}: the typing guide includes its own type cases only"
        included.setdefault(path, set()).add(match["section"])
        for line in _snippet_lines(path, match["section"]):
            assert line.strip() in text, f"{match['path']}:{match['section']}: {line!r} is not on the page"
    assert "--8<--" not in text, "a snippet was not included"
    assert "# E: payload may be None" in text
    guides = sorted(_CASES.glob("*/guide_*.py"))
    assert sorted(included) == guides, "every guide_* type case is shown on the page"
    for path in guides:
        sections = {match["name"] for match in _SECTION_START.finditer(path.read_text(encoding="utf-8"))}
        assert sections == included[path], f"{path.name}: a section is not shown on the page"


def test_guide_page_covers_black_box_mode_and_the_asgi_bridge(built: Site) -> None:
    text = built.text("guide.md")
    for expected in (
        "interaction-conformance keygen",
        "--url http://127.0.0.1:8080/ --signing-seed",
        "interaction-conformance serve --port 8080 --signing-seed",
        "--public-key HEX",
        "InteractionApp(server, on_shutdown=[server.close])",
        "uvicorn mybot:app",
        'Mount("/interactions", app=InteractionApp(server))',
        'api.mount("/interactions", InteractionApp(server))',
    ):
        assert expected in text, expected


def test_api_pages_document_the_public_names(built: Site) -> None:
    page = built.page("api/interaction_spec.md")
    for name in interaction_spec.__all__:
        assert f'id="interaction_spec.{name}"' in page, f"{name} is not on the API page"
    text = built.text("api/interaction_spec.md")
    for method in ("get_listener", "set_listener"):
        assert f'id="interaction_spec.InteractionServer.{method}"' in page
        assert f'id="interaction_spec.ListenerRegistry.{method}"' in page
        assert text.count(f"{method}(\n    interaction_type: type[") == 10, (
            f"{method}: four overloads and the implementation, in InteractionServer and in ListenerRegistry"
        )
    assert 'id="interaction_spec.asgi.InteractionApp"' in built.page("api/asgi.md")
    adapter = built.page("api/adapter.md")
    for name in ("Adapter", "Adapter.create_server", "Adapter.read_response", "ResponseView", "ServerUnderTest"):
        assert f'id="conformance.adapter.{name}"' in adapter, name
    plugin = built.page("api/pytest_plugin.md")
    for name in ("ConformanceSuite", "ConformanceSuite.adapter", "ConformanceSuite.known_failures"):
        assert f'id="conformance.pytest_plugin.{name}"' in plugin, name


def test_changelog_states_the_version_policy(built: Site) -> None:
    text = built.text("changelog.md")
    assert f"{interaction_spec.__version__} (unreleased)" in text
    for promise in ("SHOULD", "MUST", "later minor release", "never reused", "only gains keys"):
        assert promise in text, promise


def test_quick_start_page_explains_the_readme_commands(built: Site) -> None:
    commands = _readme_quick_start()
    assert len(commands) == 2
    source = (_DOCS / "quickstart.md").read_text(encoding="utf-8")
    assert "```sh\n" + "\n".join(commands) + "\n```" in source
    text = built.text("quickstart.md")
    for command in commands:
        assert text.count(command) >= 2, f"each command is shown, then explained: {command}"


def test_readme_links_into_the_site_pages() -> None:
    readme = (_ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", readme)
    local = [link for link in links if "://" not in link]
    for link in local:
        assert (_ROOT / link).exists(), f"README links to {link}, which does not exist"
    for source in ("spec.md", "matrix.md", "typing.md", "guide.md", "api/interaction_spec.md", "changelog.md"):
        assert f"docs/{source}" in local, f"README does not link to docs/{source}"


# --------------------------------------------------------------------------- the matrix in a browser

_MATRIX_GEOMETRY: typing.Final = """() => [...document.querySelectorAll(".mx-table")].map((block) => {
  const table = block.querySelector("table");
  const box = table.closest(".md-typeset__scrollwrap") || table;
  const headers = () => [...table.querySelectorAll("thead th")].map((th) => th.getBoundingClientRect());
  const before = headers();
  const frame = box.getBoundingClientRect();
  const fits = before.every((r) => r.left >= 0 && r.right <= window.innerWidth && r.right <= frame.right + 1);
  const scrollsAcross = box.scrollWidth > box.clientWidth + 1;
  const scrollsDown = box.scrollHeight > box.clientHeight + 1;
  box.scrollLeft = box.scrollWidth;
  box.scrollTop = box.scrollHeight;
  const after = headers();
  const firstCells = [...table.querySelectorAll("tbody tr")].map((row) => row.cells[0].getBoundingClientRect());
  const lastVisible = firstCells.filter((r) => r.bottom > frame.top && r.top < frame.bottom);
  const result = {
    fits,
    scrollsAcross,
    scrollsDown,
    headerTopBefore: before[0].top - frame.top,
    headerTopAfter: after[0].top - frame.top,
    clauseLeftAfter: after[0].left - frame.left,
    clauseCellsLeft: lastVisible.map((r) => r.left - frame.left),
  };
  box.scrollLeft = 0;
  box.scrollTop = 0;
  return result;
})"""
"""For each matrix table: whether every column heading lies within the window, whether its box scrolls, and
where the heading row and the clause column are once the box is scrolled to its far corner."""

_MATRIX_CELLS: typing.Final = """() => [...document.querySelectorAll(".mx-table tbody tr")].flatMap((row) =>
  [...row.cells].slice(2).map((cell) => cell.innerText.trim()))"""

_BADGE_COLOURS: typing.Final = """() => Object.fromEntries(["pass", "fail", "warn", "grey"].map((kind) => {
  const badge = document.querySelector(`.mx-table .mx-${kind}`);
  return [kind, badge ? getComputedStyle(badge).backgroundColor : null];
}))"""

_HEADING_LINKS: typing.Final = """() => [...document.querySelectorAll(".mx-table thead th a")].map((link) => {
  const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  return [link.innerText, link.hash, target ? target.innerText : null];
})"""

_REPORTS_TABLE: typing.Final = """() => {
  const table = document.getElementById("the-reports").nextElementSibling.querySelector("table");
  const cells = [...table.querySelectorAll("th, td")].map((cell) => cell.getBoundingClientRect());
  const box = table.closest(".md-typeset__scrollwrap") || table;
  return {
    clipped: box.scrollWidth > box.clientWidth + 1,
    outside: cells.filter((r) => r.right > window.innerWidth).length,
    last: table.querySelector("thead th:last-child").innerText,
  };
}"""


@pytest.mark.parametrize("width", [1400, 1920])
def test_matrix_columns_are_readable_in_a_browser(built: Site, browser_page: BrowserPage, width: int) -> None:
    """Each column heading is within the window, or the table scrolls under a fixed heading row and clause column."""
    browser_page.page.set_viewport_size({"width": width, "height": 700})
    page = browser_page.open(built.path / _PAGES["matrix.md"])
    page.wait_for_selector(".mx-table .md-typeset__scrollwrap")
    tables: list[dict[str, typing.Any]] = page.evaluate(_MATRIX_GEOMETRY)
    cells: list[str] = page.evaluate(_MATRIX_CELLS)
    colours: dict[str, str | None] = page.evaluate(_BADGE_COLOURS)
    links: list[list[str | None]] = page.evaluate(_HEADING_LINKS)
    reports: dict[str, typing.Any] = page.evaluate(_REPORTS_TABLE)
    assert browser_page.refused == [], "the page asked for something off this machine"
    assert len(tables) == 4, "a table per origin, then all clauses"
    for index, table in enumerate(tables):
        assert table["fits"] or table["scrollsAcross"], f"table {index}: a column heading is outside the window"
        if table["scrollsAcross"]:
            assert abs(table["clauseLeftAfter"]) <= 1, f"table {index}: the clause heading scrolled away sideways"
            assert table["clauseCellsLeft"], f"table {index}: no clause cell visible"
            assert all(abs(left) <= 1 for left in table["clauseCellsLeft"]), f"table {index}: clause column moved"
        if table["scrollsDown"]:
            assert abs(table["headerTopAfter"] - table["headerTopBefore"]) <= 1, f"table {index}: heading row moved"
    assert any(table["scrollsDown"] for table in tables), "some table is taller than a 700 px window, so this checks"
    assert cells
    assert all(re.search(r"[a-z0-9]", cell) for cell in cells), "every cell says in words what its colour says"
    assert len({colours["pass"], colours["fail"], colours["warn"], colours["grey"]}) == 4, colours
    assert links
    for text, anchor, target in links:
        assert target is not None, f"the heading {text} links to {anchor}, which is not on the page"
        assert anchor and anchor.startswith("#findings-"), anchor
    assert not reports["clipped"], "the reports table is cut off"
    assert reports["outside"] == 0, "a cell of the reports table is outside the window"
    assert reports["last"] == "Conformant"


_PERFORMANCE_GEOMETRY: typing.Final = """() => {
  const block = document.querySelector(".perf-run");
  const table = block.querySelector(".perf-table table");
  const box = table.closest(".md-typeset__scrollwrap") || table;
  const tableBox = table.getBoundingClientRect();
  const charts = [...block.querySelectorAll(".perf-charts img")].map((image) => {
    const r = image.getBoundingClientRect();
    return {loaded: image.complete && image.naturalWidth > 0, left: r.left, right: r.right, width: r.width};
  });
  const ratios = document.querySelector(".perf-ratios table");
  const ratiosBox = ratios.closest(".md-typeset__scrollwrap") || ratios;
  return {
    clipped: box.scrollWidth > box.clientWidth + 1,
    ratiosClipped: ratiosBox.scrollWidth > ratiosBox.clientWidth + 1,
    tableRight: tableBox.right,
    tableLeft: tableBox.left,
    tableTop: tableBox.top,
    chartsTop: block.querySelector(".perf-charts").getBoundingClientRect().top,
    window: window.innerWidth,
    charts,
  };
}"""


@pytest.mark.parametrize("width", [1400, 1920])
def test_performance_table_fits_and_its_charts_are_shown(built: Site, browser_page: BrowserPage, width: int) -> None:
    browser_page.page.set_viewport_size({"width": width, "height": 900})
    page = browser_page.open(built.path / _PAGES["performance.md"])
    geometry: dict[str, typing.Any] = page.evaluate(_PERFORMANCE_GEOMETRY)
    assert not geometry["clipped"], "the run's table scrolls sideways: a column is cut off"
    assert not geometry["ratiosClipped"], "the ratio table scrolls sideways: a column is cut off"
    assert geometry["tableRight"] <= geometry["window"]
    charts: list[dict[str, typing.Any]] = geometry["charts"]
    assert len(charts) == 4
    for chart in charts:
        assert chart["loaded"], "a chart did not load"
        assert chart["right"] <= geometry["window"]
        assert chart["width"] >= 250, "a chart too small to read"
    if width >= 1920:
        assert all(chart["left"] >= geometry["tableRight"] for chart in charts), "the charts sit beside the table"
        assert abs(geometry["chartsTop"] - geometry["tableTop"]) < 50
