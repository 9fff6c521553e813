"""Every quote of Discord's documentation is on the line it cites, at the pinned commit.

The check runs offline against ``docs/sources/discord-api-docs.txt``, the cited
lines as ``docs/discord_excerpts.py`` copied them from their commits; a quote
edited without its source, a line number that drifted, a pin moved without
refreshing the excerpts, or a later change that the pin has caught up with fails
here.
"""

from __future__ import annotations

import functools
import types

import pytest

from conformance.catalogue import CLAUSES
from conformance.catalogue import DISCORD_DOCS_COMMIT
from conformance.catalogue import DISCORD_DOCS_DATE
from conformance.catalogue import Clause
from conformance.catalogue import DocsChange
from conformance.catalogue import Origin
from conformance.catalogue import Quote
from tests.docs_scripts import import_docs_script

_QUOTED = [
    (entry, quote) for entry in CLAUSES for quote in (*entry.quotes, *(change.replaces for change in entry.changes))
]
_CHANGES = [(entry, change) for entry in CLAUSES for change in entry.changes]


def _script() -> types.ModuleType:
    return import_docs_script("discord_excerpts")


@functools.cache
def _excerpts() -> tuple[str, dict[tuple[str, str, int], str]]:
    script = _script()
    excerpts: tuple[str, dict[tuple[str, str, int], str]] = script.read_excerpts(
        script.EXCERPTS.read_text(encoding="utf-8")
    )
    return excerpts


def test_the_excerpts_are_of_the_pinned_commit() -> None:
    assert _excerpts()[0] == DISCORD_DOCS_COMMIT


def test_the_excerpts_hold_exactly_the_cited_lines() -> None:
    cited = {(*source, line) for source, lines in _script().excerpt_lines().items() for line in lines}
    assert set(_excerpts()[1]) == cited


@pytest.mark.parametrize(("entry", "quote"), _QUOTED, ids=[f"{e.id}:{q.path}:{q.line}" for e, q in _QUOTED])
def test_every_quote_is_on_its_line(entry: Clause, quote: Quote) -> None:
    line = _excerpts()[1][quote.commit, quote.path, quote.line]
    assert quote.text in _script().rendered(line), f"{entry.id} quotes a sentence not on {quote.path}:{quote.line}"


@pytest.mark.parametrize(("entry", "change"), _CHANGES, ids=[f"{e.id}:#{c.pr}" for e, c in _CHANGES])
def test_changes_after_the_pin_replace_a_sentence_still_at_the_pin(entry: Clause, change: DocsChange) -> None:
    assert entry.origin is Origin.DISCORD
    assert change.replaces.commit == DISCORD_DOCS_COMMIT, f"{entry.id}: a change rewrites the pinned docs"
    assert change.text != change.replaces.text
    assert change.merged > DISCORD_DOCS_DATE, f"{entry.id}: change #{change.pr} predates the pin: quote it instead"


def test_older_commits_are_quoted_only_for_what_the_docs_once_said() -> None:
    older = [
        (entry.id, quote.path) for entry in CLAUSES for quote in entry.quotes if quote.commit != DISCORD_DOCS_COMMIT
    ]
    assert older == [("reply.valid-callback", "docs/interactions/Receiving_and_Responding.md")]


def test_every_discord_clause_quotes_something() -> None:
    assert [entry.id for entry in CLAUSES if entry.origin is Origin.DISCORD and not entry.quotes] == []


def test_a_drifted_quote_is_caught() -> None:
    line = _excerpts()[1][DISCORD_DOCS_COMMIT, "developers/interactions/overview.mdx", 110]
    rendered = _script().rendered(line)
    assert "you must validate the request each time you receive an interaction." in rendered
    assert "you should validate the request" not in rendered


def test_the_rendering_drops_markdown_only() -> None:
    rendered = _script().rendered("you **must** see [the `docs`](/x#y) \\* and\tmore")
    assert rendered == "you must see the docs * and more"


def test_the_excerpts_name_the_commit_of_older_quotes() -> None:
    text = _script().EXCERPTS.read_text(encoding="utf-8")
    assert "## docs/interactions/Receiving_and_Responding.md at 4853fbc9ba8df174fc8bf1abbe8a19bc8f14cd1c" in text
    assert f"## developers/interactions/overview.mdx at {DISCORD_DOCS_COMMIT}" not in text


def test_rendering_needs_a_line_that_exists() -> None:
    def one_line(commit: str, path: str) -> str:
        return f"{path} at {commit} has one line only"

    with pytest.raises(LookupError, match="a quote cites line"):
        _script().render_excerpts(one_line)
