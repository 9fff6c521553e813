"""Traceability, both ways: every clause has a case and every case cites an existing clause."""

from __future__ import annotations

import collections
import re

from conformance.case import BOTH_MODES
from conformance.cases import ALL_CASES
from conformance.cases import NEVER_SENT_BY_DISCORD
from conformance.catalogue import CLAUSES
from conformance.catalogue import SECTIONS
from conformance.catalogue import Level
from conformance.catalogue import Origin
from conformance.catalogue import clause
from conformance.model import Mode
from conformance.static import static_cases

_EVERY_CASE = (*ALL_CASES, *static_cases())
"""The runtime suite's cases and the static ones (``interaction-conformance typecheck``)."""

_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*(?:\.[a-z0-9]+(?:[-_][a-z0-9]+)*)+$")


def test_every_clause_has_a_case() -> None:
    covered = {case.clause.id for case in _EVERY_CASE}
    assert [entry.id for entry in CLAUSES if entry.id not in covered] == []


def test_every_case_cites_an_existing_clause() -> None:
    for case in _EVERY_CASE:
        assert clause(case.clause.id) is case.clause
        assert case.id.startswith(case.clause.id + "."), case.id
        assert case.level is case.clause.level


def test_ids_are_unique_stable_names() -> None:
    ids = [case.id for case in _EVERY_CASE] + [entry.id for entry in CLAUSES]
    duplicates = [name for name, count in collections.Counter(ids).items() if count > 1]
    assert duplicates == []
    assert [name for name in ids if not _ID.match(name)] == []


def test_clauses_belong_to_known_sections_and_carry_sources() -> None:
    for entry in CLAUSES:
        assert entry.section in SECTIONS, entry.id
        assert entry.requirement.endswith("."), entry.id
        assert entry.level in Level
        if entry.origin is Origin.DISCORD:
            assert entry.quotes, f"{entry.id}: a Discord clause quotes the sentences it rests on"
        elif entry.origin is Origin.CONTRACT:
            assert entry.sources, f"{entry.id}: a contract clause names the contract member it rests on"
        else:
            assert not entry.quotes and entry.rationale, f"{entry.id}: hardening has a rationale, not a quote"


def test_origin_bounds_the_level() -> None:
    """MUST rests on Discord's documentation, or on the contract where the contract applies."""
    for entry in CLAUSES:
        if entry.origin is Origin.HARDENING:
            assert entry.level is not Level.MUST, entry.id
    for case in ALL_CASES:
        if case.clause.origin is Origin.CONTRACT and case.level is Level.MUST:
            # Over HTTP, only an endpoint that runs the conformance bot has taken on the contract.
            assert Mode.HTTP not in case.modes or case.needs_bot, case.id


def test_quotes_are_sentences_with_a_place() -> None:
    for entry in CLAUSES:
        for quote in entry.quotes:
            # The docs moved from docs/*.md to developers/*.mdx early in 2026; older quotes keep the old paths.
            assert quote.path.startswith(("developers/", "docs/")) and quote.path.endswith((".mdx", ".md")), entry.id
            assert quote.line > 0, entry.id
            assert quote.text == " ".join(quote.text.split()), entry.id
            assert not re.search(r"\*\*|`|\]\(", quote.text), f"{entry.id}: quotes are stored without Markdown"


def test_levels_decided_by_the_project() -> None:
    decided = {
        "sig.reject": (Level.MUST, Origin.DISCORD),
        "sig.no-dispatch": (Level.MUST, Origin.CONTRACT),
        "sig.status-401": (Level.SHOULD, Origin.DISCORD),
        "sig.accept": (Level.MUST, Origin.DISCORD),
        "sig.survives": (Level.MUST, Origin.DISCORD),
        "ping.pong": (Level.MUST, Origin.DISCORD),
        "input.reject": (Level.SHOULD, Origin.HARDENING),
        "input.survives": (Level.SHOULD, Origin.HARDENING),
        "robust.handled": (Level.MUST, Origin.DISCORD),
        "robust.handled-other-layout": (Level.SHOULD, Origin.DISCORD),
        "concurrency.independent": (Level.MUST, Origin.DISCORD),
        "concurrency.prompt": (Level.SHOULD, Origin.HARDENING),
        "robust.never-raises": (Level.MUST, Origin.CONTRACT),
        "robust.no-leak": (Level.SHOULD, Origin.HARDENING),
        "reply.valid-callback": (Level.MUST, Origin.DISCORD),
        "reply.none": (Level.MUST, Origin.DISCORD),
        "reply.none-202": (Level.SHOULD, Origin.DISCORD),
        "sig.stale-timestamp": (Level.MAY, Origin.HARDENING),
        "http.method": (Level.SHOULD, Origin.HARDENING),
        "http.method-405": (Level.MAY, Origin.HARDENING),
        "http.body-limit": (Level.SHOULD, Origin.HARDENING),
    }
    assert {clause_id: (clause(clause_id).level, clause(clause_id).origin) for clause_id in decided} == decided


def test_cases_are_grouped_by_clause_in_catalogue_order() -> None:
    runtime = [entry.id for entry in CLAUSES if entry.section != "static"]
    order = [
        *(clause_id for clause_id in runtime if clause_id not in NEVER_SENT_BY_DISCORD),
        *(clause_id for clause_id in runtime if clause_id in NEVER_SENT_BY_DISCORD),
        *(entry.id for entry in CLAUSES if entry.section == "static"),
    ]
    seen = [case.clause.id for case in _EVERY_CASE]
    grouped = [clause_id for index, clause_id in enumerate(seen) if index == 0 or seen[index - 1] != clause_id]
    assert grouped == order


def test_request_only_cases_run_in_both_modes() -> None:
    http_clauses = {case.clause.id for case in ALL_CASES if case.modes == BOTH_MODES}
    assert {
        "sig.reject",
        "sig.status-401",
        "sig.accept",
        "sig.survives",
        "ping.pong",
        "input.reject",
        "input.survives",
        "robust.handled",
        "robust.no-leak",
        "reply.valid-callback",
        "timing.deadline",
    } <= http_clauses
    http_only = {case.clause.id for case in ALL_CASES if Mode.IN_PROCESS not in case.modes}
    bot_clauses = {case.clause.id for case in ALL_CASES if case.needs_bot}
    assert http_only - bot_clauses == {
        "sig.reject",
        "sig.status-401",
        "sig.survives",
        "http.method",
        "http.method-405",
        "http.body-limit",
        "http.body-limit-early",
        "robust.handled-other-layout",
    }
    assert all(Mode.IN_PROCESS not in case.modes for case in ALL_CASES if case.needs_bot)
