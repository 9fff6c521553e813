"""What the two kinds of mutant share: how they declare what must catch them, and how a declaration is checked.

The in-process mutants (`tests.mutants.servers`) and the mutant HTTP endpoints
(`tests.endpoints.mutants`) each declare the clause they violate, the case IDs
of that clause that must fail or end in error (``caught``), and the case IDs of
other clauses that fail as a consequence (``collateral``). `failed` and
`errored` spell those outcomes, `not_verified` that of a collateral case the
mutant left nothing to judge, and `SIGNATURE_TAMPERS` the signature cases'
names; `declaration_problems` (with `shared_names`) is the well-formedness
check that `tests.test_mutants` and `tests.test_http_mutants` hold every declaration to.
`json_type` reads a request's interaction type the way both kinds of mutant do.
"""

from __future__ import annotations

__all__ = (
    "NOT_PASSING",
    "SIGNATURE_TAMPERS",
    "SPELLINGS",
    "SURVIVAL_INPUTS",
    "UNSIGNED_SHAPES",
    "Declaration",
    "declaration_problems",
    "errored",
    "failed",
    "json_type",
    "not_verified",
    "shared_names",
)

import json
import typing

from conformance.catalogue import clause
from conformance.runner import Outcome

if typing.TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Mapping

    from conformance.case import Case

NOT_PASSING: typing.Final = frozenset({Outcome.FAILED, Outcome.ERROR})
"""The outcomes a declared case may be expected to end in."""

SIGNATURE_TAMPERS: typing.Final = (
    "bad-signature",
    "wrong-key",
    "tampered-body",
    "tampered-timestamp",
    "body-only",
    "body-then-timestamp",
    "empty-signature",
    "truncated-signature",
    "overlong-signature",
    "reordered-keys",
    "escaped-character",
    "unescaped-character",
    "added-whitespace",
)
"""The suite's names for the signature tampers of both modes (`conformance.cases.signature.TAMPERS`), spelled out
so that a declaration lists exact case IDs."""

SPELLINGS: typing.Final = (
    "raw-utf8",
    "escaped-unicode",
    "escaped-solidus",
    "spaced",
    "pretty",
    "unsorted-keys",
    "trailing-newline",
)
"""The JSON spellings of the ``sig.accept`` cases (`conformance.payloads.SPELLINGS`), spelled out likewise."""

UNSIGNED_SHAPES: typing.Final = ("2-mib", "not-json", "empty", "random-bytes", "deep-nesting")
"""The unsigned inputs of both modes (`conformance.cases.signature.UNSIGNED_INPUTS`), spelled out likewise."""

SURVIVAL_INPUTS: typing.Final = (
    "signed-json-array",
    "signed-deep-nesting",
    "signed-huge-number",
    "signed-type-string",
    "signed-huge-type",
    "signed-not-json",
    "signed-invalid-utf8",
)
"""The signed inputs after which ``input.survives`` sends a PING (`conformance.cases.inputs.SURVIVAL_INPUTS`)."""


class Declaration(typing.Protocol):
    """What a mutant declares: `tests.mutants.Mutant` and `tests.endpoints.mutants.HttpMutant` alike."""

    @property
    def name(self) -> str:
        """The mutant's name."""
        ...

    @property
    def summary(self) -> str:
        """The violation, in one line: the first line of the mutant's docstring."""
        ...

    @property
    def violates(self) -> str:
        """The clause the mutant breaks."""
        ...

    @property
    def caught(self) -> Mapping[str, Outcome]:
        """Case IDs of `violates` that must end in the given outcome (failed or error)."""
        ...

    @property
    def collateral(self) -> Mapping[str, Outcome]:
        """Case IDs of other clauses that also end in the given outcome, as a consequence of the one violation."""
        ...


def failed(*case_ids: str) -> dict[str, Outcome]:
    """Expect each case to end as `Outcome.FAILED`."""
    return dict.fromkeys(case_ids, Outcome.FAILED)


def errored(*case_ids: str) -> dict[str, Outcome]:
    """Expect each case to end as `Outcome.ERROR`: the target raised or hung, or no readable reply came back."""
    return dict.fromkeys(case_ids, Outcome.ERROR)


def not_verified(*case_ids: str) -> dict[str, Outcome]:
    """Expect each case to end as `Outcome.NOT_VERIFIED`: the mutant left it nothing to judge (collateral only)."""
    return dict.fromkeys(case_ids, Outcome.NOT_VERIFIED)


def shared_names(mutants: Iterable[Declaration]) -> list[str]:
    """Return the names that more than one of ``mutants`` has, each once, in the order they first recur.

    Parameters
    ----------
    mutants : Iterable[Declaration]
        The mutants.

    Returns
    -------
    list[str]
        The names that are not unique; empty if every mutant has a name of its own.
    """
    seen: set[str] = set()
    shared: list[str] = []
    for mutant in mutants:
        if mutant.name in seen and mutant.name not in shared:
            shared.append(mutant.name)
        seen.add(mutant.name)
    return shared


def declaration_problems(mutant: Declaration, cases_by_id: Mapping[str, Case], scope: str) -> list[str]:
    """Return what is wrong with one mutant's declaration, in words; empty if it is well formed.

    The declaration must name a clause of the catalogue and a summary, declare at least one caught case that fails,
    no case both caught and collateral, only cases of ``cases_by_id``, caught cases of the violated clause only,
    collateral cases of other clauses only, and only outcomes in `NOT_PASSING` or not verified (a mutant can leave a
    case nothing of its kind to judge, such as a modal's submission when it opens no modal).

    Parameters
    ----------
    mutant : Declaration
        The mutant.
    cases_by_id : Mapping[str, Case]
        Every case the mode under test runs, by ID.
    scope : str
        What runs those cases (such as ``"the in-process suite"``), for the problem about unknown IDs.

    Returns
    -------
    list[str]
        One line for each problem found. A case ID that ``cases_by_id`` lacks is reported as unknown only, not
        also as inside or outside the violated clause.
    """
    name, violates, caught, collateral = mutant.name, mutant.violates, mutant.caught, mutant.collateral
    problems: list[str] = []
    try:
        clause(violates)
    except KeyError:
        problems.append(f"{name} violates {violates!r}, which is no clause of the catalogue")
    if not caught:
        problems.append(f"{name} declares no case of {violates} that catches it")
    if not mutant.summary:
        problems.append(f"{name} has no docstring naming its violation")
    if set(caught) & set(collateral):
        problems.append("a case is declared both caught and collateral")

    expected = {**caught, **collateral}
    unknown = [case_id for case_id in expected if case_id not in cases_by_id]
    if unknown:
        problems.append(f"{name} declares case IDs {scope} does not have: {unknown}")
    known = {case_id: case.clause.id for case_id, case in cases_by_id.items() if case_id in expected}
    not_own = [case_id for case_id in caught if case_id in known and known[case_id] != violates]
    if not_own:
        problems.append(f"{name} declares as caught cases outside {violates}: {not_own}")
    not_other = [case_id for case_id in collateral if case_id in known and known[case_id] == violates]
    if not_other:
        problems.append(f"{name} declares as collateral cases of its own clause: {not_other}")
    if caught and not any(outcome in NOT_PASSING for outcome in caught.values()):
        problems.append(f"{name} declares no case of {violates} that fails: not verified alone catches nothing")
    bad_outcomes = {
        case_id: outcome
        for case_id, outcome in expected.items()
        if outcome not in NOT_PASSING and outcome is not Outcome.NOT_VERIFIED
    }
    if bad_outcomes:
        problems.append(f"{name} expects outcomes that are not failures: {bad_outcomes}")
    return problems


def json_type(body: bytes) -> int | None:
    """Return the integer ``type`` of a JSON object body, or `None`.

    Parameters
    ----------
    body : bytes
        A request body, as it came.

    Returns
    -------
    int | None
        The body's top-level ``type`` if the body is a JSON object and that is an `int` (not a `bool`), else `None`.
    """
    try:
        decoded: object = json.loads(body)
    except (ValueError, RecursionError):
        return None
    if not isinstance(decoded, dict):
        return None
    interaction_type = typing.cast("dict[str, object]", decoded).get("type")
    return interaction_type if type(interaction_type) is int else None
