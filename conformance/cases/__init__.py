"""Every conformance case, one module per section of the spec."""

from __future__ import annotations

__all__ = ("ALL_CASES", "NEVER_SENT_BY_DISCORD")

import typing

from conformance.cases import asyncgen
from conformance.cases import bot
from conformance.cases import dispatch
from conformance.cases import handling
from conformance.cases import inputs
from conformance.cases import listeners
from conformance.cases import ping
from conformance.cases import registry
from conformance.cases import replies
from conformance.cases import reply_limits
from conformance.cases import rest
from conformance.cases import signature
from conformance.cases import timing
from conformance.cases import transport
from conformance.catalogue import CLAUSES

if typing.TYPE_CHECKING:
    from conformance.case import Case

_CLAUSE_ORDER: typing.Final = {entry.id: index for index, entry in enumerate(CLAUSES)}
NEVER_SENT_BY_DISCORD: typing.Final = frozenset(
    {
        "input.reject",
        "input.unknown-type",
        "input.survives",
        "robust.optional-fields",
        "robust.never-raises",
        "robust.response",
        "robust.no-leak",
        "http.method",
        "http.method-405",
        "http.body-limit",
        "http.body-limit-early",
    }
)
"""The clauses whose cases send what Discord never sends: signed bodies that are not interactions, unknown types,
interactions without fields Discord sends today, other methods, oversized bodies. Their cases run after every other
case, so that a target these inputs take down is still judged on everything Discord does send: the crash costs
those cases' findings, never a MUST case left not run."""

ALL_CASES: typing.Final[tuple[Case, ...]] = tuple(
    sorted(
        (
            *signature.CASES,
            *ping.CASES,
            *inputs.CASES,
            *handling.CASES,
            *dispatch.CASES,
            *registry.CASES,
            *replies.CASES,
            *reply_limits.CASES,
            *listeners.CASES,
            *asyncgen.CASES,
            *timing.CASES,
            *transport.CASES,
            *bot.CASES,
            *rest.CASES,
        ),
        key=lambda case: (case.clause.id in NEVER_SENT_BY_DISCORD, _CLAUSE_ORDER[case.clause.id]),
    )
)
"""Every case, grouped by clause in the catalogue's order, the clauses of `NEVER_SENT_BY_DISCORD` last."""
