"""Cases for clause ``robust.handled``: well-formed interactions, down to the fields Discord always sends."""

from __future__ import annotations

__all__ = ("CASES",)

import typing

from conformance import payloads
from conformance.case import Case
from conformance.case import make_case
from conformance.cases.dispatch import replier
from conformance.model import Mode

if typing.TYPE_CHECKING:
    from conformance.context import CaseContext


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


CASES: typing.Final[tuple[Case, ...]] = tuple(_handled_case(sample) for sample in payloads.MINIMAL_SAMPLES)
