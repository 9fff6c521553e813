"""Traceability, both ways: every clause has a case and every case cites an existing clause."""

from __future__ import annotations

import collections
import re

from conformance.case import BOTH_MODES
from conformance.cases import ALL_CASES
from conformance.catalogue import CLAUSES
from conformance.catalogue import SECTIONS
from conformance.catalogue import Level
from conformance.catalogue import clause
from conformance.model import Mode

_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*(?:\.[a-z0-9]+(?:[-_][a-z0-9]+)*)+$")


def test_every_clause_has_a_case() -> None:
    covered = {case.clause.id for case in ALL_CASES}
    assert [entry.id for entry in CLAUSES if entry.id not in covered] == []


def test_every_case_cites_an_existing_clause() -> None:
    for case in ALL_CASES:
        assert clause(case.clause.id) is case.clause
        assert case.id.startswith(case.clause.id + "."), case.id
        assert case.level is case.clause.level


def test_ids_are_unique_stable_names() -> None:
    ids = [case.id for case in ALL_CASES] + [entry.id for entry in CLAUSES]
    duplicates = [name for name, count in collections.Counter(ids).items() if count > 1]
    assert duplicates == []
    assert [name for name in ids if not _ID.match(name)] == []


def test_clauses_belong_to_known_sections_and_carry_sources() -> None:
    for entry in CLAUSES:
        assert entry.section in SECTIONS, entry.id
        assert entry.sources, entry.id
        assert entry.requirement.endswith("."), entry.id
        assert entry.level in Level


def test_levels_decided_by_the_project() -> None:
    decided = {
        "sig.reject": Level.MUST,
        "sig.no-dispatch": Level.MUST,
        "sig.status-401": Level.SHOULD,
        "ping.pong": Level.MUST,
        "robust.never-raises": Level.MUST,
        "reply.valid-callback": Level.MUST,
        "reply.none-202": Level.SHOULD,
        "sig.stale-timestamp": Level.MAY,
    }
    assert {clause_id: clause(clause_id).level for clause_id in decided} == decided


def test_cases_are_grouped_by_clause_in_catalogue_order() -> None:
    order = [entry.id for entry in CLAUSES]
    seen = [case.clause.id for case in ALL_CASES]
    grouped = [clause_id for index, clause_id in enumerate(seen) if index == 0 or seen[index - 1] != clause_id]
    assert grouped == order


def test_request_only_cases_run_in_both_modes() -> None:
    http_clauses = {case.clause.id for case in ALL_CASES if case.modes == BOTH_MODES}
    assert {
        "sig.reject",
        "sig.status-401",
        "ping.pong",
        "input.reject",
        "reply.valid-callback",
        "timing.deadline",
    } <= http_clauses
    http_only = {case.clause.id for case in ALL_CASES if Mode.IN_PROCESS not in case.modes}
    assert http_only == {"sig.reject", "sig.status-401", "http.method", "http.body-limit"}
