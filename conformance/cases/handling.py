"""Cases for clauses ``robust.handled`` and ``robust.optional-fields``: well-formed interactions, sparse ones too.

``robust.handled`` sends the minimal samples, which carry only the fields
Discord sends with every interaction of their kind. ``robust.optional-fields``
removes from them, one at a time, the fields Discord's documentation marks
optional although Discord sends them today.
"""

from __future__ import annotations

__all__ = ("CASES", "OPTIONAL_FIELDS", "without")

import dataclasses
import typing

from conformance import payloads
from conformance.case import HTTP_ONLY
from conformance.case import Case
from conformance.case import make_case
from conformance.cases.dispatch import replier
from conformance.checks import is_success
from conformance.modal_layout import submission_layout
from conformance.model import CaseFailure
from conformance.model import Mode
from conformance.model import NotVerifiedError
from conformance.model import TargetError
from interaction_spec import RESPONSE_DEADLINE_S
from interaction_spec import InteractionType

if typing.TYPE_CHECKING:
    from conformance.context import CaseContext

OPTIONAL_FIELDS: typing.Final[tuple[tuple[str, ...], ...]] = (("channel",), ("channel_id",), ("context",))
"""The fields every kind's interactions carry today, though the documentation marks them optional, by key path."""
_MESSAGE_FIELDS: typing.Final[tuple[tuple[str, ...], ...]] = (("message", "flags"),)
"""Likewise for the message a component interaction carries."""


_TWO_REPLIES_S: typing.Final = 2 * (RESPONSE_DEADLINE_S + 2.0)
"""Time for two interactions each answered late, so that a slow endpoint is judged, not timed out."""


def _handled_case(sample: payloads.Sample) -> Case:
    async def run(ctx: CaseContext) -> None:
        if ctx.mode is Mode.IN_PROCESS:
            ctx.listen(sample.interaction_type, replier(ctx, sample.interaction_type))
        await ctx.interact(sample)

    return make_case(
        "robust.handled",
        sample.name,
        f"{sample.name}, with only the fields Discord always sends, gets a 2xx",
        run,
    )


def without(sample: payloads.Sample, path: tuple[str, ...]) -> payloads.Sample:
    """Return ``sample`` without the field at ``path``, which it must have, named ``<kind>.no-<field>``."""
    payload = sample.copy()
    holder: dict[str, object] = payload
    for key in path[:-1]:
        holder = typing.cast("dict[str, object]", holder[key])
    del holder[path[-1]]
    kind = sample.name.split(".", 1)[0]
    name = f"{kind}.no-{'-'.join(path).replace('_', '-')}"
    return dataclasses.replace(sample, name=name, payload=payload)


async def _status(ctx: CaseContext, sample: payloads.Sample) -> str | None:
    """Send ``sample``; return how it went wrong, or `None` for a 2xx."""
    try:
        reply = await ctx.send_signed(sample.body())
    except TargetError as exc:
        if ctx.mode is not Mode.HTTP:
            raise
        return f"no reply ({exc})"
    return None if is_success(reply) else reply.describe()


def _optional_case(sample: payloads.Sample, path: tuple[str, ...]) -> Case:
    sparse = without(sample, path)
    field = ".".join(path)

    async def run(ctx: CaseContext) -> None:
        if ctx.mode is Mode.IN_PROCESS:
            ctx.listen(sample.interaction_type, replier(ctx, sample.interaction_type))
        full = await _status(ctx, sample)
        if full is not None:
            raise NotVerifiedError(f"{sample.name} itself, with {field}, got {full}: nothing to compare with")
        missing = await _status(ctx, sparse)
        if missing is not None:
            raise CaseFailure(f"{sample.name} without {field} got {missing}, though with it it got a 2xx")

    return make_case(
        "robust.optional-fields",
        sparse.name,
        f"{sample.name} without {field} (optional in the docs) is handled like with it",
        run,
        timeout_s=_TWO_REPLIES_S,
    )


def _optional_cases() -> typing.Iterator[Case]:
    for sample in payloads.MINIMAL_SAMPLES:
        paths = OPTIONAL_FIELDS
        if sample.interaction_type is InteractionType.MESSAGE_COMPONENT:
            paths += _MESSAGE_FIELDS
        for path in paths:
            yield _optional_case(sample, path)


async def _other_layout(ctx: CaseContext) -> None:
    if ctx.modal_layout is None:
        raise NotVerifiedError(
            "the layout of the endpoint's own modals is unknown: run with --bot, or declare it with --modal-layout"
        )
    others = [
        sample
        for sample in payloads.samples_of(InteractionType.MODAL_SUBMIT)
        if submission_layout(sample.payload) not in (None, ctx.modal_layout)
    ]
    handled = 0
    for sample in others:
        try:
            await ctx.interact(sample)  # a 5xx or no reply breaches robust.handled-other-layout
        except NotVerifiedError:
            continue
        handled += 1
    if not handled:
        raise NotVerifiedError(f"the endpoint declined every modal submission not in its {ctx.modal_layout} layout")


CASES: typing.Final[tuple[Case, ...]] = (
    *(_handled_case(sample) for sample in payloads.MINIMAL_SAMPLES),
    *_optional_cases(),
    make_case(
        "robust.handled-other-layout",
        "modal",
        "modal submissions in the layout the endpoint's own modals do not use get no 5xx",
        _other_layout,
        modes=HTTP_ONLY,
        timeout_s=len(payloads.samples_of(InteractionType.MODAL_SUBMIT)) * (RESPONSE_DEADLINE_S + 2.0),
    ),
)
