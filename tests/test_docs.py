"""The generated pages: docs/spec.md and docs/matrix.md must match what docs/generate.py renders.

spec.md is rendered from the clause catalogue and the cases, matrix.md from the JSON reports in docs/reports.
The matrix's own tests run on reports written here by the suite's JSON writer, so that they hold whatever the
committed reports say.
"""

from __future__ import annotations

import collections
import dataclasses
import json
import pathlib
import re
import subprocess
import sys
import types
import typing

import pytest

from conformance.cases import ALL_CASES
from conformance.catalogue import CLAUSES
from conformance.catalogue import DISCORD_DOCS_COMMIT
from conformance.catalogue import Clause
from conformance.catalogue import Level
from conformance.catalogue import Origin
from conformance.catalogue import Quote
from conformance.catalogue import clause
from conformance.model import Mode
from conformance.reports import report_json
from conformance.runner import CaseResult
from conformance.runner import Outcome
from conformance.runner import RunReport
from tests.docs_scripts import import_docs_script

if typing.TYPE_CHECKING:
    from conformance.case import Case

_ROOT = pathlib.Path(__file__).resolve().parent.parent
_DOCS = _ROOT / "docs"
_GENERATOR = _DOCS / "generate.py"
_PAGES = ("spec.md", "matrix.md")
_DOCS_DATE = "2026-08-06"
_DOCS_REPO = "https://github.com/discord/discord-api-docs"
_BLOB = f"{_DOCS_REPO}/blob/{DISCORD_DOCS_COMMIT}/"
_ORIGIN_HEADINGS = {Origin.DISCORD: "Discord requirements", Origin.CONTRACT: "Contract", Origin.HARDENING: "Hardening"}
_ORIGIN_LABELS = {Origin.DISCORD: "Discord", Origin.CONTRACT: "contract", Origin.HARDENING: "hardening"}
_GREEN, _RED, _AMBER, _GREY = "pass", "fail", "warn", "grey"
"""The CSS classes of the matrix's badges: a cell's colour, beside the words that say the same."""


def _badge(kind: str, text: str) -> str:
    """A badge of the matrix page: its text, coloured by the class ``mx-<kind>``."""
    return f'<span class="mx mx-{kind}">{text}</span>'


def _opens(kind: str, text: str = "") -> str:
    """The start of a badge: its class and the first words of its text."""
    return f'<span class="mx mx-{kind}">{text}'


_Decide: typing.TypeAlias = typing.Callable[["Case"], "tuple[Outcome, str | None]"]
"""What a case's result is in a made-up report: its outcome and the clause a failure counts against, if another."""
_Edit: typing.TypeAlias = typing.Callable[[dict[str, typing.Any]], None]
"""A change made to a JSON report."""


def _generate(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the generator on spec.md and matrix.md (tests/test_docs_samples.py and test_docs_performance.py check
    the console samples and the performance page)."""
    return subprocess.run(
        [sys.executable, str(_GENERATOR), "--pages-only", *args],
        cwd=_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _generator() -> types.ModuleType:
    return import_docs_script("generate")


def _render_matrix(reports: pathlib.Path) -> str:
    return typing.cast("str", _generator().render_matrix(reports))


def _render_spec() -> str:
    return typing.cast("str", _generator().render_spec())


def _matrix_columns() -> tuple[typing.Any, ...]:
    return typing.cast("tuple[typing.Any, ...]", _generator().matrix_columns())


def _column(file: str) -> int:
    """Return the index of a report's column among the cells after the level."""
    return [column.file for column in _matrix_columns()].index(file)


# --------------------------------------------------------------------------- made-up reports


def _passes(case: Case) -> tuple[Outcome, str | None]:
    return Outcome.PASSED, None


def _write_report(
    path: pathlib.Path,
    mode: Mode,
    decide: _Decide = _passes,
    *,
    strict: bool = False,
    bot: bool = False,
    target: str = "reference",
) -> None:
    """Write the report of a made-up run with the suite's own JSON writer: every case of ``mode``, as decided.

    As in a real run without ``--bot``, a case that needs the conformance bot is not verified.
    """
    results: list[CaseResult] = []
    for case in ALL_CASES:
        if mode not in case.modes:
            continue
        outcome, breach = (Outcome.NOT_VERIFIED, None) if case.needs_bot and not bot else decide(case)
        detail = "" if outcome is Outcome.PASSED else f"{outcome.value} in tests/test_docs.py"
        results.append(CaseResult(case, outcome, detail, 0.0, (), clause(breach) if breach else None))
    target = target if mode is Mode.IN_PROCESS else "http://127.0.0.1:1/"
    report = RunReport("0.0.0-test", target, mode, strict, tuple(results), bot=bot)
    path.write_text(report_json(report), encoding="utf-8")


def _first(clause_id: str, mode: Mode) -> str:
    return next(case.id for case in ALL_CASES if case.clause.id == clause_id and mode in case.modes)


def _hikari_in_process(case: Case) -> tuple[Outcome, str | None]:
    if case.clause.id == "sig.status-401":
        return Outcome.FAILED, None
    if case.id == _first("input.reject", Mode.IN_PROCESS):
        return Outcome.ERROR, None
    return Outcome.PASSED, None


def _hikari_http(case: Case) -> tuple[Outcome, str | None]:
    if case.clause.id == "sig.status-401":
        return Outcome.FAILED, None
    if case.id == _first("input.unknown-type", Mode.HTTP):
        return Outcome.FAILED, "robust.handled"  # a SHOULD case that got a 5xx: a MUST failure
    if case.id == _first("timing.deadline", Mode.HTTP):
        return Outcome.NOT_VERIFIED, None  # answered with a 4xx
    return Outcome.PASSED, None


@pytest.fixture
def reports(tmp_path: pathlib.Path) -> pathlib.Path:
    """A reports directory for every column of the matrix, written by the suite's JSON writer.

    The reference's and hikari's are made up as below; any other implementation's pass everything.
    """
    directory = tmp_path / "reports"
    directory.mkdir()
    for column in _matrix_columns():
        _write_report(directory / column.file, column.mode, bot=column.mode is Mode.HTTP)
    _write_report(directory / "reference-in-process.json", Mode.IN_PROCESS)
    _write_report(directory / "reference-http.json", Mode.HTTP, strict=True, bot=True)
    _write_report(directory / "hikari-in-process.json", Mode.IN_PROCESS, _hikari_in_process, target="hikari")
    _write_report(directory / "hikari-http.json", Mode.HTTP, _hikari_http)
    return directory


def _edit_report(path: pathlib.Path, edit: _Edit) -> None:
    report: dict[str, typing.Any] = json.loads(path.read_text(encoding="utf-8"))
    edit(report)
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- reading the matrix


@dataclasses.dataclass(frozen=True)
class _Row:
    level: str
    cells: list[str]


def _matrix_tables(matrix: str) -> dict[str, dict[str, _Row]]:
    """Return the matrix's tables by heading, each row by its first cell (clause ID or label, without markup)."""
    section = matrix.split("\n## The matrix\n", 1)[1].split("\n## ", 1)[0]
    tables: dict[str, dict[str, _Row]] = {}
    rows: dict[str, _Row] = {}
    for line in section.splitlines():
        if line.startswith("### "):
            rows = tables.setdefault(line.removeprefix("### "), {})
        elif line.startswith("| ") and not line.startswith(("| Clause |", "| Cases |")):
            cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
            first = re.sub(r"^\[`([^`]+)`\]\([^)]*\)$", r"\1", cells[0]).strip("*")
            rows[first] = _Row(cells[1], cells[2:])
    return tables


def _all_rows(matrix: str) -> dict[str, _Row]:
    return {key: row for table in _matrix_tables(matrix).values() for key, row in table.items()}


def _expected_cell(cases: list[dict[str, typing.Any]], clause_id: str) -> str:
    """The cell of a clause, worked out from a report's cases independently of the generator."""
    mine = [case for case in cases if (case["counts_against"] or case["clause"]) == clause_id]
    outcomes = collections.Counter(case["outcome"] for case in mine)
    verified = outcomes["passed"] + outcomes["failed"] + outcomes["error"]
    parts: list[str] = []
    if verified:
        failing = {case["level"] for case in mine if case["outcome"] in ("failed", "error")}
        colour = _RED if "MUST" in failing else _AMBER if failing else _GREEN
        text = f"{colour} {outcomes['passed']}/{verified}"
        if outcomes["error"]:
            text += f", {outcomes['error']} error{'s' if outcomes['error'] > 1 else ''}"
        text = _badge(colour, text)
        borrowed = sum(case["clause"] != clause_id for case in mine)
        if borrowed:
            text += f" ({borrowed} of other clauses)"
        parts.append(text)
    grey = [
        f"{outcomes[outcome]} {word}"
        for outcome, word in (("not-verified", "n/v"), ("unsupported", "n/s"), ("not-run", "not run"))
        if outcomes[outcome]
    ]
    if grey:
        parts.append(_badge(_GREY, " · ".join(grey)))
    if not parts:
        return _badge(_GREY, "deselected" if outcomes["deselected"] else "n/a")
    return " · ".join(parts)


# --------------------------------------------------------------------------- both pages


def test_committed_pages_are_up_to_date() -> None:
    result = _generate("--check")
    assert result.returncode == 0, f"stale docs, run python docs/generate.py:\n{result.stdout}{result.stderr}"
    assert result.stdout == ""


def test_check_names_each_stale_page(tmp_path: pathlib.Path, reports: pathlib.Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    written = _generate("--out", str(out), "--reports", str(reports))
    assert written.returncode == 0, written.stderr
    assert sorted(path.name for path in out.iterdir()) == sorted(_PAGES)
    assert (out / "spec.md").read_bytes() == (_DOCS / "spec.md").read_bytes(), "spec.md differs from the committed"
    assert (out / "matrix.md").read_text(encoding="utf-8") == _render_matrix(reports)
    assert _generate("--check", "--out", str(out), "--reports", str(reports)).returncode == 0

    spec = out / "spec.md"
    spec.write_text(spec.read_text(encoding="utf-8").replace("MUST", "SHOULD", 1), encoding="utf-8")
    result = _generate("--check", "--out", str(out), "--reports", str(reports))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert "spec.md" in lines[0]
    assert "differs" in lines[0]

    (out / "matrix.md").unlink()
    result = _generate("--check", "--out", str(out), "--reports", str(reports))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert "spec.md" in lines[0]
    assert "matrix.md" in lines[1]
    assert "missing" in lines[1]
    assert "--reports" in lines[1]

    assert _generate("--out", str(out), "--reports", str(reports)).returncode == 0
    assert _generate("--check", "--out", str(out), "--reports", str(reports)).returncode == 0


def test_check_does_not_write(tmp_path: pathlib.Path, reports: pathlib.Path) -> None:
    (tmp_path / "spec.md").write_text("stale\n", encoding="utf-8")
    assert _generate("--check", "--out", str(tmp_path), "--reports", str(reports)).returncode == 1
    assert (tmp_path / "spec.md").read_text(encoding="utf-8") == "stale\n"
    assert not (tmp_path / "matrix.md").exists()


def test_missing_output_directory_is_an_error(tmp_path: pathlib.Path) -> None:
    result = _generate("--check", "--out", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "not a directory" in result.stderr


def test_pages_use_lf_newlines_only() -> None:
    for name in _PAGES:
        data = (_DOCS / name).read_bytes()
        assert b"\r" not in data, name
        assert data.endswith(b"\n")
        assert not data.endswith(b"\n\n")


def test_the_api_page_is_no_longer_generated() -> None:
    assert not (_DOCS / "api.md").exists(), "the API reference is rendered by mkdocstrings from docs/api/"


# --------------------------------------------------------------------------- spec.md


def _clause_blocks(spec: str) -> dict[str, str]:
    """Return each clause's part of the spec, from its heading to the next heading."""
    parts = re.split(r"^### `([^`]+)`$", spec, flags=re.MULTILINE)
    return {parts[index]: parts[index + 1].split("\n## ", 1)[0] for index in range(1, len(parts), 2)}


def _unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def test_spec_names_every_clause_and_case() -> None:
    spec = _render_spec()
    headings = set(re.findall(r"^### `([^`]+)`$", spec, flags=re.MULTILINE))
    assert headings == {entry.id for entry in CLAUSES}
    listed = re.findall(r"^\| `([^`]+)` \|", spec, flags=re.MULTILINE)
    order = {clause_id: index for index, clause_id in enumerate(re.findall(r"^### `([^`]+)`$", spec, flags=re.M))}
    case_ids = [case.id for case in sorted(ALL_CASES, key=lambda case: order[case.clause.id])]  # by the spec's clauses
    assert [case_id for case_id in listed if case_id in set(case_ids)] == case_ids
    blocks = _clause_blocks(spec)
    for entry in CLAUSES:
        assert f"**{entry.level.value}**: " in blocks[entry.id], entry.id


def test_spec_shows_every_clauses_origin() -> None:
    blocks = _clause_blocks(_render_spec())
    for entry in CLAUSES:
        origins = re.findall(r"^Origin: \[(\w+)\]\(#origins\)", blocks[entry.id], flags=re.MULTILINE)
        assert origins == [_ORIGIN_LABELS[entry.origin]], entry.id
    hardening = blocks[next(entry.id for entry in CLAUSES if entry.origin is Origin.HARDENING)]
    assert "SHOULD at most" in hardening


def test_spec_quotes_every_discord_sentence_with_a_link_to_its_commit() -> None:
    blocks = _clause_blocks(_render_spec())
    for entry in CLAUSES:
        quoted = re.findall(
            r"^> (?!— )(.+)\n> — \[`([^`]+)`, line (\d+)(?:, at commit `([0-9a-f]{7})`)?\]\(([^)]+)\)$",
            blocks[entry.id],
            re.M,
        )
        expected = [
            (
                quote.text,
                quote.path,
                str(quote.line),
                "" if quote.commit == DISCORD_DOCS_COMMIT else quote.commit[:7],
                f"{_DOCS_REPO}/blob/{quote.commit}/{quote.path}#L{quote.line}",
            )
            for quote in entry.quotes
        ]
        assert [(_unescape(text), *rest) for text, *rest in quoted] == expected, entry.id
        if entry.origin is Origin.DISCORD:
            assert expected, f"{entry.id}: a Discord clause shows the sentences it rests on"
        else:
            assert not re.search(r"^>", blocks[entry.id], flags=re.MULTILINE), entry.id


def test_spec_cites_each_later_change_beside_the_sentence_it_rewrites() -> None:
    blocks = _clause_blocks(_render_spec())
    for entry in CLAUSES:
        for change in entry.changes:
            block = blocks[entry.id]
            assert (
                f"discord/discord-api-docs#{change.pr}]({_DOCS_REPO}/pull/{change.pr}), merged {change.merged}" in block
            )
            assert change.text in _unescape(block)
    assert any(entry.changes for entry in CLAUSES)


def test_spec_links_to_discord_docs_at_the_quoted_commits_only() -> None:
    spec = _render_spec()
    links = re.findall(r"https://github\.com/discord/discord-api-docs/\S*?(?=\))", spec)
    quotes = [quote for entry in CLAUSES for quote in (*entry.quotes, *(change.replaces for change in entry.changes))]
    assert sum("/blob/" in link for link in links) == len(quotes)
    older = {f"{_DOCS_REPO}/blob/{quote.commit}/{quote.path}#L{quote.line}" for quote in quotes}
    for link in links:
        assert (
            link.startswith(_BLOB) or link.endswith(f"/tree/{DISCORD_DOCS_COMMIT}") or link in older or "/pull/" in link
        ), link
    origins = spec.split("\n## Origins\n", 1)[1].split("\n## ", 1)[0]
    assert f"[`{DISCORD_DOCS_COMMIT[:7]}`]" in origins
    assert f"of {_DOCS_DATE}." in origins
    assert "SHOULD at most" in origins
    assert "`--bot`" in origins
    assert "(bot.md)" in origins


def test_spec_sums_up_clauses_by_origin_and_level() -> None:
    spec = _render_spec()
    summary = spec.split("\n## Clauses by origin and level\n", 1)[1].split("\n## ", 1)[0]
    assert spec.index("## Clauses by origin and level") < spec.index("## Origins")
    rows = {
        cells[0]: cells[1:]
        for line in summary.splitlines()
        if line.startswith("| [") or line.startswith("| **All")
        for cells in [[cell.strip() for cell in line.strip("| ").split(" | ")]]
    }
    for origin, label in _ORIGIN_LABELS.items():
        counts = [sum(entry.origin is origin and entry.level is level for entry in CLAUSES) for level in Level]
        assert rows[f"[{label}](#origins)"] == [*map(str, counts), str(sum(counts))], label
    assert rows["**All origins**"][-1] == str(len(CLAUSES))
    assert rows["[hardening](#origins)"][0] == "0", "hardening is SHOULD at most"


def test_spec_explains_every_outcome_and_the_handling_rules() -> None:
    spec = _render_spec()
    outcomes = spec.split("\n## Outcomes\n", 1)[1].split("\n## ", 1)[0]
    explained = re.findall(r"^- \*\*([\w-]+)\*\*: ", outcomes, flags=re.MULTILINE)
    assert explained == [outcome.value for outcome in Outcome]
    assert "fails the case at MUST level" in outcomes
    assert "[`robust.handled`](#robusthandled)" in outcomes
    assert "not-verified, never passed" in outcomes


def test_spec_marks_the_cases_that_need_the_conformance_bot() -> None:
    spec = _render_spec()
    rows = dict(re.findall(r"^\| `([^`]+)` \| ([^|]+) \|", spec, flags=re.MULTILINE))
    for case in ALL_CASES:
        assert ("needs the [conformance bot](bot.md)" in rows[case.id]) is case.needs_bot, case.id


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (Clause("x.quiet", Level.MUST, Origin.DISCORD, "Something."), "a Discord clause quotes"),
        (
            Clause("x.quoting", Level.MUST, Origin.CONTRACT, "Something.", (Quote("developers/x.mdx", 1, "Text."),)),
            "only a Discord clause quotes",
        ),
        (
            Clause("x.linked", Level.SHOULD, Origin.HARDENING, "Something.", sources=("discord-api-docs x.mdx:3",)),
            "quoted in Clause.quotes",
        ),
    ],
)
def test_a_clause_breaking_the_origin_rules_cannot_be_rendered(entry: Clause, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        _generator()._render_clause(entry, [])


# --------------------------------------------------------------------------- matrix.md


def test_matrix_is_current() -> None:
    result = _generate("--check")
    assert "matrix.md" not in result.stdout, f"docs/matrix.md is stale, run python docs/generate.py:\n{result.stdout}"
    assert result.returncode == 0, result.stdout + result.stderr


def test_matrix_groups_clauses_by_origin_with_a_verdict_each(reports: pathlib.Path) -> None:
    matrix = _render_matrix(reports)
    columns = _matrix_columns()
    assert [column.file for column in columns if column.mode is not Mode.STATIC][:4] == [
        "reference-in-process.json",
        "reference-http.json",
        "hikari-in-process.json",
        "hikari-http.json",
    ]
    headers = [line for line in matrix.splitlines() if line.startswith(("| Clause |", "| Cases |"))]
    assert len(headers) == 4
    for header in headers:
        linked = (f"[{column.short}](#findings-{column.implementation})" for column in columns)
        assert header.endswith(" | " + " | ".join(linked) + " |"), "each heading links to its findings"
    for column in columns:
        assert f"| **{column.short}** | {column.title} | [{column.file}](reports/{column.file}) |" in matrix
    tables = _matrix_tables(matrix)
    assert list(tables) == [*_ORIGIN_HEADINGS.values(), "All clauses"]
    for origin, heading in _ORIGIN_HEADINGS.items():
        rows = tables[heading]
        assert list(rows) == [
            *(entry.id for entry in CLAUSES if entry.origin is origin),
            f"Verdict ({_ORIGIN_LABELS[origin]})",
        ]
        for entry in CLAUSES:
            if entry.origin is origin:
                assert rows[entry.id].level == entry.level.value
                assert len(rows[entry.id].cells) == len(columns)
    assert list(tables["All clauses"]) == [
        *(f"{level.value} cases" for level in Level),
        "All cases",
        "Verdict",
        "Strict verdict",
    ]


def test_matrix_columns_come_from_the_implementations_folders(tmp_path: pathlib.Path) -> None:
    generator = _generator()
    assert generator.matrix_columns(tmp_path) == ()
    for name, modes in (("zeta", ["http"]), ("hikari", ["http", "in-process"]), ("alpha-beta", ["http"])):
        (tmp_path / name).mkdir()
        manifest = {"title": f"{name} 1.0", "modes": modes}
        (tmp_path / name / "implementation.json").write_text(json.dumps(manifest), encoding="utf-8")
    columns = generator.matrix_columns(tmp_path)
    assert [column.file for column in columns] == [
        "hikari-in-process.json",
        "hikari-http.json",
        "alpha-beta-http.json",
        "zeta-http.json",
    ]
    assert [column.short for column in columns] == ["hik in", "hik http", "ab http", "zet http"]
    assert columns[1].title == "hikari 1.0, over HTTP"
    (tmp_path / "alpha-bravo").mkdir()
    (tmp_path / "alpha-bravo" / "implementation.json").write_text('{"title": "ab 2", "modes": ["http"]}')
    shorts = [column.short for column in generator.matrix_columns(tmp_path)]
    assert shorts == ["hik in", "hik http", "a-beta http", "a-bravo http", "zet http"]
    (tmp_path / "zeta" / "implementation.json").write_text('{"title": "z", "modes": ["carrier-pigeon"]}')
    with pytest.raises(generator.ReportError, match="'modes' must list"):
        generator.matrix_columns(tmp_path)


def test_matrix_cells_count_cases_against_their_clause(reports: pathlib.Path) -> None:
    rows = _all_rows(_render_matrix(reports))
    for index, column in enumerate(_matrix_columns()):
        cases = json.loads((reports / column.file).read_text(encoding="utf-8"))["cases"]
        for entry in CLAUSES:
            assert rows[entry.id].cells[index] == _expected_cell(cases, entry.id), (column.file, entry.id)


def test_matrix_colours_failures_by_level(reports: pathlib.Path) -> None:
    rows = _all_rows(_render_matrix(reports))
    hikari = _column("hikari-in-process.json")
    assert rows["sig.status-401"].cells[hikari].startswith(_opens(_AMBER, "warn 0/")), "a SHOULD failure: warn"
    assert rows["sig.status-401"].cells[_column("reference-in-process.json")].startswith(_opens(_GREEN, "pass "))
    assert rows["robust.handled"].cells[_column("hikari-http.json")].startswith(_opens(_RED, "fail ")), (
        "a MUST failure: fail"
    )


def test_matrix_verdicts(reports: pathlib.Path) -> None:
    rows = _all_rows(_render_matrix(reports))
    columns = [column.file for column in _matrix_columns()]
    verdicts = dict(zip(columns, rows["Verdict"].cells, strict=True))
    strict = dict(zip(columns, rows["Strict verdict"].cells, strict=True))
    partial = f"{_badge(_RED, 'no')} (partial)"
    runtime = [file for file in columns if not file.endswith(("-static.json", "-static-restbot.json"))][:4]
    assert [verdicts[file] for file in runtime] == [_badge(_GREEN, "yes")] * 3 + [partial]
    assert [strict[file] for file in runtime] == [
        _badge(_GREEN, "yes"),
        _badge(_GREEN, "yes"),
        _badge(_AMBER, "no"),
        partial,
    ]
    hikari = _column("hikari-in-process.json")
    status_401 = sum(case.clause.id == "sig.status-401" and Mode.IN_PROCESS in case.modes for case in ALL_CASES)
    assert rows["Verdict (Discord)"].cells[hikari] == f"{_badge(_AMBER, 'yes')} · {status_401} SHOULD failed"
    assert rows["Verdict (hardening)"].cells[hikari] == f"{_badge(_AMBER, 'yes')} · 1 SHOULD failed"
    assert rows["Verdict (contract)"].cells[hikari] == _badge(_GREEN, "yes")


def test_a_5xx_to_a_signed_interaction_fails_robust_handled_at_must_level(reports: pathlib.Path) -> None:
    rows = _all_rows(_render_matrix(reports))
    http = _column("hikari-http.json")
    handled = rows["robust.handled"].cells[http]
    assert handled.startswith(_opens(_RED, "fail "))
    assert handled.endswith(" (1 of other clauses)")
    unknown_type = sum(case.clause.id == "input.unknown-type" and Mode.HTTP in case.modes for case in ALL_CASES)
    assert rows["input.unknown-type"].cells[http] == _badge(_GREEN, f"pass {unknown_type - 1}/{unknown_type - 1}")
    assert rows["Verdict (Discord)"].cells[http].startswith(f"{_badge(_RED, 'no')} · 1 MUST, ")
    assert rows["Verdict"].cells[http].startswith(_badge(_RED, "no"))


def test_not_verified_cases_are_grey_and_never_passed(reports: pathlib.Path) -> None:
    rows = _all_rows(_render_matrix(reports))
    http = _column("hikari-http.json")
    with_bot = _column("reference-http.json")
    bot_cases = collections.Counter(case.clause.id for case in ALL_CASES if case.needs_bot)
    assert bot_cases, "the suite has cases that need the conformance bot"
    for clause_id, count in bot_cases.items():
        assert _opens(_GREY, f"{count} n/v") in rows[clause_id].cells[http], clause_id
        assert "n/v" not in rows[clause_id].cells[with_bot], clause_id
    deadline = sum(case.clause.id == "timing.deadline" and Mode.HTTP in case.modes for case in ALL_CASES)
    assert rows["timing.deadline"].cells[http] == (
        f"{_badge(_GREEN, f'pass {deadline - 1}/{deadline - 1}')} · {_badge(_GREY, '1 n/v')}"
    )
    contract_over_http = [case for case in ALL_CASES if case.origin is Origin.CONTRACT and Mode.HTTP in case.modes]
    if all(case.needs_bot for case in contract_over_http):
        assert rows["Verdict (contract)"].cells[http] == _badge(_GREY, "not verified")
    assert rows["Verdict (contract)"].cells[with_bot] == _badge(_GREEN, "yes")


def test_unsupported_cases_are_grey_never_passed_and_listed_with_their_reason(reports: pathlib.Path) -> None:
    bot_cases = [case for case in ALL_CASES if case.needs_bot]
    declared = bot_cases[0]

    def unsupported(case: Case) -> tuple[Outcome, str | None]:
        return (Outcome.UNSUPPORTED if case.id == declared.id else Outcome.PASSED), None

    _write_report(reports / "reference-http.json", Mode.HTTP, unsupported, bot=True)
    report = json.loads((reports / "reference-http.json").read_text(encoding="utf-8"))
    assert report["partial"] is True
    assert report["totals"]["outcomes"]["unsupported"] == 1
    matrix = _render_matrix(reports)
    rows = _all_rows(matrix)
    column = _column("reference-http.json")
    cell = rows[declared.clause.id].cells[column]
    assert cell.endswith(_badge(_GREY, "1 n/s"))
    passed = sum(case.clause.id == declared.clause.id and Mode.HTTP in case.modes for case in ALL_CASES) - 1
    assert cell.startswith(_badge(_GREEN, f"pass {passed}/{passed}")), "an unsupported case is not counted as passed"
    assert rows["Verdict"].cells[column] == f"{_badge(_GREEN, 'yes')} (partial)"
    findings = matrix.split("\n## Findings by implementation\n", 1)[1].split("\n## ", 1)[0]
    assert f"- {_badge(_GREY, 'n/s')} `{declared.id}` (ref http): unsupported in tests/test_docs.py" in findings


def test_findings_name_each_failing_clause_with_a_reproduction(reports: pathlib.Path) -> None:
    matrix = _render_matrix(reports)
    findings = matrix.split("\n## Findings by implementation\n", 1)[1].split("\n## ", 1)[0]
    hikari = findings.split("\n### hikari", 1)[1].split("\n### ", 1)[0]
    status_401 = next(entry for entry in CLAUSES if entry.id == "sig.status-401")
    first = _first("sig.status-401", Mode.IN_PROCESS)
    should = f"- {_badge(_AMBER, 'SHOULD')} **[`sig.status-401`](spec.md#sigstatus-401)**: {status_401.requirement}"
    assert should in hikari
    assert f"\n    ```sh\n    interaction-conformance --target hikari --only {first} -v\n    ```\n" in hikari
    handled = _first("input.unknown-type", Mode.HTTP)
    must = f"- {_badge(_RED, 'MUST')} **[`robust.handled`](spec.md#robusthandled)**: "
    assert must in hikari
    assert f"\n    ```sh\n    python -m implementations --only hikari --case {handled}\n    ```\n" in hikari
    assert hikari.index(must) < hikari.index(should), "MUST findings come first, whatever the catalogue's order"
    assert [entry.id for entry in CLAUSES].index("sig.status-401") < [entry.id for entry in CLAUSES].index(
        "robust.handled"
    ), "the catalogue lists sig.status-401 first, so the order above is the generator's"
    reference = findings.split("\n### reference {#findings-reference}\n", 1)[1].split("\n### ", 1)[0]
    assert reference.strip() == f"- {_badge(_GREEN, 'pass')} No failing clause."


def test_a_run_that_lost_its_target_shows_the_cases_not_run(reports: pathlib.Path) -> None:
    order = [case.id for case in ALL_CASES if Mode.IN_PROCESS in case.modes]
    stop_at = order.index(_first("dispatch.route", Mode.IN_PROCESS))

    def stopped(case: Case) -> tuple[Outcome, str | None]:
        return (Outcome.NOT_RUN if order.index(case.id) >= stop_at else Outcome.PASSED), None

    _write_report(reports / "hikari-in-process.json", Mode.IN_PROCESS, stopped)
    matrix = _render_matrix(reports)
    rows = _all_rows(matrix)
    hikari = _column("hikari-in-process.json")
    route = sum(case.clause.id == "dispatch.route" and Mode.IN_PROCESS in case.modes for case in ALL_CASES)
    assert rows["dispatch.route"].cells[hikari] == _badge(_GREY, f"{route} not run")
    assert rows["Verdict (contract)"].cells[hikari].startswith(f"{_badge(_RED, 'no')} · {_opens(_GREY)}")
    assert rows["Verdict"].cells[hikari] == f"{_badge(_RED, 'no')} (partial)"
    assert "- **hikari 2.7.0, in-process**: cases were not run: not-run in tests/test_docs.py" in matrix


def test_deselected_cases_are_neither_run_nor_missing(reports: pathlib.Path) -> None:
    def only_sig(case: Case) -> tuple[Outcome, str | None]:
        return (Outcome.PASSED if case.clause.section == "sig" else Outcome.DESELECTED), None

    _write_report(reports / "reference-in-process.json", Mode.IN_PROCESS, only_sig)
    matrix = _render_matrix(reports)
    rows = _all_rows(matrix)
    assert rows["registry.set"].cells[_column("reference-in-process.json")] == _badge(_GREY, "deselected")
    assert rows["Verdict"].cells[_column("reference-in-process.json")] == _badge(_GREEN, "yes")
    in_process = sum(Mode.IN_PROCESS in case.modes for case in ALL_CASES)
    deselected = sum(Mode.IN_PROCESS in case.modes and case.clause.section != "sig" for case in ALL_CASES)
    assert f"| {in_process - deselected} of {in_process}, {deselected} deselected |" in matrix


def _set(**changes: object) -> _Edit:
    def edit(report: dict[str, typing.Any]) -> None:
        report.update(changes)

    return edit


def _set_in_first_case(**changes: object) -> _Edit:
    def edit(report: dict[str, typing.Any]) -> None:
        report["cases"][0].update(changes)

    return edit


def _duplicate_first_case(report: dict[str, typing.Any]) -> None:
    report["cases"].append(dict(report["cases"][0]))


def _drop(key: str) -> _Edit:
    def edit(report: dict[str, typing.Any]) -> None:
        del report[key]

    return edit


def _miscount_passed(report: dict[str, typing.Any]) -> None:
    report["totals"]["outcomes"]["passed"] -= 1


def _clear_first_origin(report: dict[str, typing.Any]) -> None:
    report["origins"][0]["conformant"] = False


def _old_format(report: dict[str, typing.Any]) -> None:
    """Turn the report into the 0.1.0 format: no origins, totals, flags or evidence."""
    for key in ("bot", "partial", "interrupted", "stopped_by", "duration_s", "totals", "origins"):
        del report[key]
    report["suite_version"] = "0.1.0"
    for case in report["cases"]:
        for key in ("origin", "counts_against", "evidence"):
            del case[key]


def _pass_a_bot_case(report: dict[str, typing.Any]) -> None:
    needs_bot = {case.id for case in ALL_CASES if case.needs_bot}
    case = next(case for case in report["cases"] if case["id"] in needs_bot)
    case.update(outcome="passed", detail="")


@pytest.mark.parametrize(
    ("file", "edit", "message"),
    [
        ("reference-in-process.json", _set(conformant=False), "'conformant' is false, which its cases contradict"),
        ("reference-in-process.json", _set(partial=True), "'partial' is true, which its cases contradict"),
        ("reference-in-process.json", _set(stopped_by="gone"), "'stopped_by' disagrees"),
        ("reference-in-process.json", _set(interrupted=True), "the run was interrupted"),
        ("reference-in-process.json", _set(bot=True), "'bot' is true in an in-process run"),
        ("reference-in-process.json", _miscount_passed, "'totals' disagrees with its cases"),
        ("reference-in-process.json", _clear_first_origin, "'origins' disagrees with its cases"),
        ("reference-in-process.json", _set_in_first_case(clause="sig.nonexistent"), "does not belong to clause"),
        (
            "reference-in-process.json",
            _set_in_first_case(id="sig.nonexistent.x", clause="sig.nonexistent"),
            "clause sig.nonexistent is not in the catalogue",
        ),
        (
            "reference-in-process.json",
            _set_in_first_case(level="MAY"),
            "is MAY in the report but MUST in the catalogue",
        ),
        (
            "reference-in-process.json",
            _set_in_first_case(origin="hardening"),
            "is of origin 'hardening' in the report but 'discord' in the catalogue",
        ),
        ("reference-in-process.json", _set_in_first_case(outcome="maybe"), "unknown outcome 'maybe'"),
        ("reference-in-process.json", _set_in_first_case(outcome="xfailed"), "unknown outcome 'xfailed'"),
        (
            "reference-in-process.json",
            _set_in_first_case(counts_against="robust.handled"),
            "'counts_against' is set on a case that did not fail",
        ),
        (
            "reference-in-process.json",
            _set_in_first_case(outcome="failed", counts_against="robust.gone"),
            "'counts_against' names robust.gone, which is not in the catalogue",
        ),
        ("reference-in-process.json", _set_in_first_case(evidence={}), "'evidence' is missing or not a JSON list"),
        ("reference-in-process.json", _duplicate_first_case, "more than once"),
        ("reference-in-process.json", _set(mode="carrier-pigeon"), "unknown mode 'carrier-pigeon'"),
        ("reference-in-process.json", _drop("strict"), "'strict' is missing or not a JSON bool"),
        ("reference-in-process.json", _old_format, "a report in the format of suite 0.1.0"),
        ("hikari-http.json", _pass_a_bot_case, "needs the conformance bot, but the run has no --bot"),
    ],
)
def test_an_invalid_report_is_an_error(reports: pathlib.Path, file: str, edit: _Edit, message: str) -> None:
    _edit_report(reports / file, edit)
    with pytest.raises(_generator().ReportError) as raised:
        _render_matrix(reports)
    assert str(raised.value).startswith(str(reports / file))
    assert message in str(raised.value)


def test_an_invalid_report_stops_the_matrix_only(tmp_path: pathlib.Path, reports: pathlib.Path) -> None:
    _edit_report(reports / "hikari-http.json", _set_in_first_case(outcome="maybe"))
    result = _generate("--check", "--reports", str(reports))
    assert result.returncode == 2
    assert result.stdout == "", "the committed spec is still checked, and is up to date"
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("docs/generate.py: error: matrix.md cannot be rendered: ")
    assert "hikari-http.json" in result.stderr
    assert "unknown outcome 'maybe'" in result.stderr

    out = tmp_path / "out"
    out.mkdir()
    result = _generate("--out", str(out), "--reports", str(reports))
    assert result.returncode == 2
    assert [path.name for path in out.iterdir()] == ["spec.md"]
    assert (out / "spec.md").read_bytes() == (_DOCS / "spec.md").read_bytes()


def test_a_missing_report_is_an_error(tmp_path: pathlib.Path, reports: pathlib.Path) -> None:
    (reports / "hikari-http.json").unlink()
    result = _generate("--check", "--reports", str(reports))
    assert result.returncode == 2
    assert "hikari-http.json: no such report" in result.stderr

    (reports / "hikari-http.json").write_text("{not json", encoding="utf-8")
    result = _generate("--check", "--reports", str(reports))
    assert result.returncode == 2
    assert "hikari-http.json: not JSON" in result.stderr

    result = _generate("--check", "--reports", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "not a directory" in result.stderr
