"""The HTML report: one self-contained page a maintainer reads a run in.

The verdict per origin and level comes first; then one row per case, which
the reader filters by outcome, level and clause, and which opens to the case's
exchanges (each request's method, path, headers and body, each reply's status,
headers and body, long bodies cut with their sizes), its clause's requirement
with the quotes or the rationale it rests on, and a command that reproduces
it. Everything is in the one file, CSS and script inline: it loads nothing.
Colours come from classes, and every coloured mark carries its word too.
"""

from __future__ import annotations

__all__ = ("html_report",)

import html
import shlex
import typing

from conformance.catalogue import Level
from conformance.catalogue import Origin
from conformance.model import Mode
from conformance.reports.verdicts import OUTCOME_LABELS
from conformance.reports.verdicts import origin_label
from conformance.runner import Outcome

if typing.TYPE_CHECKING:
    from conformance.catalogue import Clause
    from conformance.model import Exchange
    from conformance.runner import CaseResult
    from conformance.runner import RunReport

_SHOWN_BYTES: typing.Final = 4096
"""The most bytes of one body shown; the rest is counted."""
_ORDER: typing.Final = (
    Outcome.FAILED,
    Outcome.ERROR,
    Outcome.NOT_VERIFIED,
    Outcome.NOT_RUN,
    Outcome.UNSUPPORTED,
    Outcome.PASSED,
    Outcome.SKIPPED,
    Outcome.DESELECTED,
)
_SHOWN_FIRST: typing.Final = frozenset({Outcome.FAILED, Outcome.ERROR})

_CSS: typing.Final = """
:root { --fail: #b3261e; --error: #8e24aa; --pass: #1b6e20; --muted: #5f6368; --line: #d0d4d9; --bg: #f6f7f9; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2328; }
header, main { max-width: 1400px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 20px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 20px 0 8px; }
code, pre { font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
pre { background: var(--bg); border: 1px solid var(--line); padding: 8px; margin: 4px 0 8px;
      white-space: pre-wrap; overflow-wrap: anywhere; max-height: 420px; overflow: auto; }
.meta { color: var(--muted); margin: 0 0 12px; }
.verdict { font-size: 18px; font-weight: 600; margin: 8px 0; }
.badge { display: inline-block; min-width: 5.5em; padding: 1px 6px; border-radius: 4px; font-size: 12px;
         font-weight: 700; text-align: center; border: 1px solid currentColor; white-space: nowrap; }
.k-conformant, .o-passed { color: var(--pass); }
.k-not-conformant, .o-failed { color: var(--fail); }
.o-error { color: var(--error); }
.k-not-judged, .k-uncounted, .o-not-verified, .o-skipped, .o-not-run, .o-deselected, .o-unsupported {
  color: var(--muted); }
.badge.o-failed, .badge.k-not-conformant { background: #fce8e6; }
.badge.o-error { background: #f3e5f5; }
.badge.o-passed, .badge.k-conformant { background: #e6f4ea; }
table.summary { border-collapse: collapse; margin: 4px 0 12px; }
table.summary th, table.summary td { border: 1px solid var(--line); padding: 4px 10px; text-align: left;
                                     vertical-align: top; }
table.summary th { background: var(--bg); }
.filters { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line); padding: 8px 0;
           display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; z-index: 1; }
.filters fieldset { border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 4px 10px; }
.filters legend { font-weight: 600; float: left; margin-right: 6px; }
.filters label { white-space: nowrap; }
#shown-count { color: var(--muted); }
details.case { border-bottom: 1px solid var(--line); scroll-margin-top: 72px; }
details.case > summary { cursor: pointer; padding: 5px 2px; display: grid;
                         grid-template-columns: 8.5em 4.5em minmax(16em, 30em) 1fr; gap: 10px; align-items: baseline; }
details.case > summary:hover { background: var(--bg); }
details.case[open] > summary { background: var(--bg); }
.case-id { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: 13px;
           overflow-wrap: anywhere; }
.detail { color: #3c4043; overflow-wrap: anywhere; }
.body { padding: 4px 12px 14px 24px; }
.exchange { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; margin: 6px 0 10px; }
.exchange h4 { margin: 4px 0; font-size: 14px; }
.size { color: var(--muted); font-weight: 400; }
blockquote { margin: 4px 0; padding-left: 10px; border-left: 3px solid var(--line); color: #3c4043; }
.repro { display: flex; gap: 8px; align-items: flex-start; }
.repro pre { flex: 1; margin: 0; white-space: pre; overflow-wrap: normal; overflow-x: auto; }
button { font: inherit; font-size: 13px; padding: 3px 10px; cursor: pointer; }
@media (max-width: 900px) { .exchange { grid-template-columns: 1fr; }
  details.case > summary { grid-template-columns: 8.5em 4.5em 1fr; } .detail { grid-column: 1 / -1; } }
"""

_SCRIPT: typing.Final = """
(function () {
  const cases = Array.from(document.querySelectorAll('details.case'));
  const boxes = Array.from(document.querySelectorAll('.filters input[type=checkbox]'));
  const clause = document.getElementById('clause-filter');
  const count = document.getElementById('shown-count');
  function apply() {
    const wanted = {};
    boxes.forEach(function (box) { (wanted[box.name] = wanted[box.name] || {})[box.value] = box.checked; });
    let shown = 0;
    cases.forEach(function (item) {
      const visible = wanted.outcome[item.dataset.outcome] && wanted.level[item.dataset.level] &&
        (clause.value === '' || item.dataset.clause === clause.value);
      item.hidden = !visible;
      if (visible) { shown += 1; }
    });
    count.textContent = shown + ' of ' + cases.length + ' cases shown';
  }
  boxes.forEach(function (box) { box.addEventListener('change', apply); });
  clause.addEventListener('change', apply);
  document.querySelectorAll('button.copy').forEach(function (button) {
    button.addEventListener('click', function () {
      const text = button.parentElement.querySelector('pre').textContent;
      const done = function () { button.textContent = 'Copied'; };
      if (navigator.clipboard) { navigator.clipboard.writeText(text).then(done, function () {}); }
    });
  });
  apply();
})();
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _body_html(body: bytes, size: int, what: str) -> str:
    if size == 0:
        return f'<p class="size">no {what}</p>'
    shown = body[:_SHOWN_BYTES].decode("utf-8", errors="backslashreplace")
    notes = [f"{size} bytes"]
    if len(body) < size:
        notes.append(f"the report kept {len(body)}")
    if len(shown.encode()) < len(body) or len(body) > _SHOWN_BYTES:
        notes.append(f"first {min(len(body), _SHOWN_BYTES)} shown")
    return f'<p class="size">{_e(what)}: {_e(", ".join(notes))}</p><pre>{_e(shown)}</pre>'


def _headers_html(headers: typing.Sequence[tuple[str, str]]) -> str:
    if not headers:
        return '<p class="size">no headers</p>'
    return "<pre>" + _e("\n".join(f"{name}: {value}" for name, value in headers)) + "</pre>"


def _exchange_html(index: int, total: int, exchange: Exchange) -> str:
    request, reply = exchange.wire_request, exchange.wire_reply
    if request is None:
        sent = f"<p>{_e(exchange.request)}</p>"
    else:
        sent = (
            f"<h4>Request {index} of {total}: <code>{_e(request.method)} {_e(request.path)}</code></h4>"
            + _headers_html(request.headers)
            + _body_html(request.body, request.body_size, "body")
        )
    if reply is None:
        got = f"<h4>Reply</h4><p>no reply: {_e(exchange.error or 'none came back')}</p>"
    else:
        got = (
            f"<h4>Reply: <code>{reply.status}</code></h4>"
            + _headers_html(reply.headers)
            + _body_html(reply.body, reply.body_size, "body")
        )
    return f'<div class="exchange"><div class="sent">{sent}</div><div class="reply">{got}</div></div>'


def _clause_html(clause: Clause) -> str:
    parts = [f"<p><strong>{_e(clause.id)}</strong> [{clause.level.value}, {clause.origin.value}]: "]
    parts.append(f"{_e(clause.requirement)}</p>")
    parts += [
        f"<blockquote>“{_e(quote.text)}” <span class='size'>({_e(quote.path)}, line {quote.line})</span></blockquote>"
        for quote in clause.quotes
    ]
    if clause.rationale:
        parts.append(f"<p>Why this level: {_e(clause.rationale)}</p>")
    if clause.sources:
        parts.append(f"<p class='size'>Rests on: {_e('; '.join(clause.sources))}</p>")
    return "".join(parts)


def _reproductions(report: RunReport, case_id: str, replay_from: str | None) -> list[str]:
    seed = report.signing_seed.hex() if report.signing_seed is not None else "HEX"
    if report.mode is Mode.HTTP:
        commands = [["interaction-conformance", "--url", report.target, "--signing-seed", seed, "--only", case_id]]
        if report.bot:
            commands[0].insert(5, "--bot")
        if replay_from is not None:
            commands.append(["interaction-conformance", "replay", replay_from, case_id, "--url", report.target])
    elif report.mode is Mode.STATIC:
        commands = [["interaction-conformance", "typecheck", report.target]]
    else:
        commands = [["interaction-conformance", "--target", report.target, "--only", case_id]]
    return [shlex.join(command) for command in commands]


def _case_html(report: RunReport, result: CaseResult, replay_from: str | None) -> str:
    outcome = result.outcome.value
    label = OUTCOME_LABELS[result.outcome]
    summary = (
        f'<summary><span class="badge o-{outcome}">{label}</span><span>{result.level.value}</span>'
        f'<span class="case-id">{_e(result.case.id)}</span><span class="detail">{_e(result.detail)}</span></summary>'
    )
    body = [f"<p>{_e(result.case.summary)}</p>"]
    if result.breach is not None:
        body.append(f"<p>Counts against <strong>{_e(result.breach.id)}</strong> ({result.level.value}).</p>")
    body += [_exchange_html(index, len(result.evidence), x) for index, x in enumerate(result.evidence, 1)]
    if not result.evidence and result.outcome not in (Outcome.DESELECTED, Outcome.SKIPPED):
        body.append("<p class='size'>The case sent no request.</p>")
    body.append("<h4>Clause</h4>" + _clause_html(result.case.clause))
    if result.breach is not None:
        body.append(_clause_html(result.breach))
    commands = _reproductions(report, result.case.id, replay_from)
    body.append("<h4>Reproduce</h4>")
    body += [
        f'<div class="repro"><pre>{_e(command)}</pre><button type="button" class="copy">Copy</button></div>'
        for command in commands
    ]
    attributes = (
        f'class="case" data-outcome="{outcome}" data-level="{result.level.value}"'
        f' data-clause="{_e(result.case.clause.id)}" id="case-{_e(result.case.id)}"'
    )
    return f"<details {attributes}>{summary}<div class='body'>{''.join(body)}</div></details>"


def _summary_html(report: RunReport) -> str:
    by_origin: dict[Origin, list[CaseResult]] = {}
    for result in report.results:
        by_origin.setdefault(result.origin, []).append(result)
    rows: list[str] = []
    for verdict in report.origin_verdicts():
        results = by_origin.get(verdict.origin, [])
        label = origin_label(verdict, results)
        notes = f" ({', '.join(label.notes)})" if label.notes else ""
        cells = [
            f'<th scope="row">{_e(verdict.origin.title)}</th>',
            f'<td><span class="badge k-{label.kind}">{_e(label.head)}</span>{_e(notes)}</td>',
        ]
        for level in Level:
            mine = [result for result in results if result.level is level]
            counts = [
                f'<span class="o-{outcome.value}">{sum(r.outcome is outcome for r in mine)} {_e(outcome.value)}</span>'
                for outcome in _ORDER
                if outcome is not Outcome.DESELECTED and any(r.outcome is outcome for r in mine)
            ]
            cells.append(f"<td>{', '.join(counts) or '—'}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    head = "".join(f"<th scope='col'>{level.value}</th>" for level in Level)
    return (
        f"<table class='summary'><thead><tr><th scope='col'>Origin</th><th scope='col'>Verdict</th>{head}</tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _filters_html(report: RunReport, listed: typing.Sequence[CaseResult]) -> str:
    outcomes = [outcome for outcome in _ORDER if any(result.outcome is outcome for result in listed)]
    boxes = "".join(
        f'<label><input type="checkbox" name="outcome" value="{outcome.value}"'
        f"{' checked' if outcome is not Outcome.DESELECTED else ''}> "
        f'<span class="badge o-{outcome.value}">{OUTCOME_LABELS[outcome]}</span> {report.count(outcome)}</label>'
        for outcome in outcomes
    )
    levels = "".join(
        f'<label><input type="checkbox" name="level" value="{level.value}" checked> {level.value} '
        f"{sum(result.level is level for result in listed)}</label>"
        for level in Level
        if any(result.level is level for result in listed)
    )
    clauses = sorted({result.case.clause.id for result in listed})
    options = "".join(f'<option value="{_e(clause)}">{_e(clause)}</option>' for clause in clauses)
    return (
        '<div class="filters" role="search">'
        f'<fieldset id="outcome-filter"><legend>Outcome</legend>{boxes}</fieldset>'
        f'<fieldset id="level-filter"><legend>Level</legend>{levels}</fieldset>'
        f'<label>Clause <select id="clause-filter"><option value="">every clause</option>{options}</select></label>'
        '<span id="shown-count"></span></div>'
    )


def html_report(report: RunReport, *, replay_from: str | None = None) -> str:
    """Return the run as one self-contained HTML page.

    Parameters
    ----------
    report : RunReport
        The run to report, with its kept exchanges.
    replay_from : str | None
        The path of the run's JSON report, when one was written: each case of a
        black-box run then also offers the ``replay`` command.

    Returns
    -------
    str
        The page. It loads nothing: its style and script are inline.
    """
    from conformance.reports.terminal import summary_line  # noqa: PLC0415 - the one counts line of every report

    order = {outcome: index for index, outcome in enumerate(_ORDER)}
    level_order = {level: index for index, level in enumerate(Level)}
    listed = sorted(
        report.results,
        key=lambda r: (r.outcome not in _SHOWN_FIRST, level_order[r.level], order[r.outcome]),
    )
    verdict_kind = "conformant" if report.conformant else "not-conformant"
    verdict_word = "conformant" if report.conformant else "NOT conformant"
    strictness = "strict: MUST, SHOULD and MAY count" if report.strict else "MUST failures count; --strict adds SHOULD"
    details = f"{report.mode.value} mode" + (", with the conformance bot" if report.bot else "")
    cases = "".join(_case_html(report, result, replay_from) for result in listed)
    evidence = ""
    if report.evidence is not None:
        budget = report.evidence
        evidence = f" Exact bytes kept: {budget.kept_bytes} of a bound of {budget.bound_bytes}" + (
            f", {budget.cut_bodies} bodies cut." if budget.cut_bodies else "."
        )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(report.target)}: {verdict_word} — interaction-conformance {_e(report.suite_version)}</title>
<style>{_CSS}</style></head>
<body><header>
<h1>interaction-conformance {_e(report.suite_version)}: {_e(report.target)}</h1>
<p class="meta">{_e(details)}; {_e(strictness)}; {report.duration_s:.2f}s.{_e(evidence)}</p>
<p class="verdict" id="verdict"><span class="badge k-{verdict_kind}">{verdict_word}</span>
{_e(summary_line(report))}</p>
<h2>Verdict per origin and level</h2>
{_summary_html(report)}
</header>
<main>
<h2>Cases</h2>
{_filters_html(report, listed)}
<div id="cases">{cases}</div>
</main>
<script>{_SCRIPT}</script>
</body></html>
"""
