"""Every conformance case, one module per section of the spec."""

from __future__ import annotations

__all__ = ("ALL_CASES",)

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
        key=lambda case: _CLAUSE_ORDER[case.clause.id],
    )
)
"""Every case, grouped by clause in the catalogue's order."""
