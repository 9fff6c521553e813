"""A conformance case: one check of one clause, written once for every mode it applies to."""

from __future__ import annotations

__all__ = ("BOTH_MODES", "HTTP_ONLY", "IN_PROCESS", "Case", "make_case")

import dataclasses
import typing

from conformance.catalogue import clause
from conformance.model import Mode

if typing.TYPE_CHECKING:
    from conformance.catalogue import Clause
    from conformance.catalogue import Level
    from conformance.catalogue import Origin
    from conformance.context import CaseContext

IN_PROCESS: typing.Final = frozenset({Mode.IN_PROCESS})
"""Cases that need the server object: listeners, the registry, generator continuations."""
BOTH_MODES: typing.Final = frozenset({Mode.IN_PROCESS, Mode.HTTP})
"""Cases that only send requests and read replies."""
HTTP_ONLY: typing.Final = frozenset({Mode.HTTP})
"""Cases about HTTP itself: methods, headers, body size."""

DEFAULT_TIMEOUT_S: typing.Final = 5.0


@dataclasses.dataclass(frozen=True, slots=True)
class Case:
    """One check of one clause."""

    id: str
    """Stable ID: the clause ID, a dot, and the case's own name."""
    clause: Clause
    summary: str
    """What the case sends and expects, in one line."""
    run: typing.Callable[[CaseContext], typing.Awaitable[None]]
    """Raises `CaseFailure` when the target does not meet the clause."""
    modes: frozenset[Mode]
    timeout_s: float = DEFAULT_TIMEOUT_S
    needs_bot: bool = False
    """Over HTTP, the case needs an endpoint implementing the conformance bot (``--bot``); without one it is not
    verified."""
    needs_double: bool = False
    """Over HTTP, the case needs the Discord API double (``--discord-api``); without it it is not verified."""

    @property
    def level(self) -> Level:
        """The level of the case's clause."""
        return self.clause.level

    @property
    def origin(self) -> Origin:
        """The origin of the case's clause."""
        return self.clause.origin


def make_case(
    clause_id: str,
    name: str,
    summary: str,
    run: typing.Callable[[CaseContext], typing.Awaitable[None]],
    *,
    modes: frozenset[Mode] = BOTH_MODES,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    needs_bot: bool = False,
    needs_double: bool = False,
) -> Case:
    """Make the case ``clause_id.name``.

    Raises
    ------
    KeyError
        If ``clause_id`` names no clause.
    """
    return Case(f"{clause_id}.{name}", clause(clause_id), summary, run, modes, timeout_s, needs_bot, needs_double)
