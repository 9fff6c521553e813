"""Every quote of Discord's documentation is on the line it cites, at the pinned commit.

The check runs offline against ``docs/sources/discord-api-docs.txt``, the cited
lines as ``docs/discord_excerpts.py`` copied them from that commit; a quote
edited without its source, a line number that drifted, or a pin moved without
refreshing the excerpts fails here.
"""

from __future__ import annotations

import functools
import types

import pytest

from conformance.catalogue import CLAUSES
from conformance.catalogue import DISCORD_DOCS_COMMIT
from conformance.catalogue import Clause
from conformance.catalogue import Origin
from conformance.catalogue import Quote
from tests.docs_scripts import import_docs_script

_QUOTED = [(entry, quote) for entry in CLAUSES for quote in entry.quotes]


def _script() -> types.ModuleType:
    return import_docs_script("discord_excerpts")


@functools.cache
def _excerpts() -> tuple[str, dict[tuple[str, int], str]]:
    script = _script()
    excerpts: tuple[str, dict[tuple[str, int], str]] = script.read_excerpts(script.EXCERPTS.read_text(encoding="utf-8"))
    return excerpts


def test_the_excerpts_are_of_the_pinned_commit() -> None:
    assert _excerpts()[0] == DISCORD_DOCS_COMMIT


def test_the_excerpts_hold_exactly_the_cited_lines() -> None:
    cited = {(path, line) for path, lines in _script().excerpt_lines().items() for line in lines}
    assert set(_excerpts()[1]) == cited


@pytest.mark.parametrize(("entry", "quote"), _QUOTED, ids=[f"{e.id}:{q.path}:{q.line}" for e, q in _QUOTED])
def test_every_quote_is_on_its_line(entry: Clause, quote: Quote) -> None:
    line = _excerpts()[1][quote.path, quote.line]
    assert quote.text in _script().rendered(line), f"{entry.id} quotes a sentence not on {quote.path}:{quote.line}"


def test_every_discord_clause_quotes_something() -> None:
    assert [entry.id for entry in CLAUSES if entry.origin is Origin.DISCORD and not entry.quotes] == []


def test_a_drifted_quote_is_caught() -> None:
    line = _excerpts()[1]["developers/interactions/overview.mdx", 110]
    rendered = _script().rendered(line)
    assert "you must validate the request each time you receive an interaction." in rendered
    assert "you should validate the request" not in rendered


def test_the_rendering_drops_markdown_only() -> None:
    rendered = _script().rendered("you **must** see [the `docs`](/x#y) \\* and\tmore")
    assert rendered == "you must see the docs * and more"


def test_rendering_needs_a_line_that_exists() -> None:
    def one_line(path: str) -> str:
        return f"{path} has one line only"

    with pytest.raises(LookupError, match="a quote cites line"):
        _script().render_excerpts(one_line)
