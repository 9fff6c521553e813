"""Cases for what Discord accepts in a reply (the ``reply`` clauses checked by `conformance.reply_checks`).

Each clause has a **corpus** case, in both modes: it sends the corpus
interactions whose replies the clause constrains (all but the minimal samples,
whose handling other cases judge) and checks every callback that comes back
against that clause alone. In process the suite's listeners
answer with the kind of reply the clause is about (a modal, ephemeral messages,
typed autocomplete choices, the longest content Discord takes), so the case
checks how the server carries it; over HTTP the endpoint answers as it will,
and a case that got back no reply its clause constrains is not verified rather
than passed. The modal clauses' corpus cases run in process only: over HTTP an
endpoint answers the corpus with messages, and the conformance bot's modal is
what its cases (in `conformance.cases.bot`) judge, as they judge its ephemeral
messages and autocomplete against these clauses.
"""

from __future__ import annotations

__all__ = ("CASES", "WHAT")

import typing

from conformance import payloads
from conformance.case import BOTH_MODES
from conformance.case import IN_PROCESS
from conformance.case import Case
from conformance.case import make_case
from conformance.cases.dispatch import default_reply
from conformance.checks import expect
from conformance.model import CaseFailure
from conformance.model import HandlingFailure
from conformance.model import Mode
from conformance.model import NotVerifiedError
from conformance.reply_checks import REPLY_CHECKS
from conformance.reply_checks import focused_option_type
from conformance.reply_checks import read_callback
from interaction_spec import InteractionType

if typing.TYPE_CHECKING:
    from conformance.adapter import Adapter
    from conformance.context import CaseContext
    from conformance.payloads import Sample

_COMMAND: typing.Final = InteractionType.APPLICATION_COMMAND
_COMPONENT: typing.Final = InteractionType.MESSAGE_COMPONENT
_AUTOCOMPLETE: typing.Final = InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE
_MODAL_SUBMIT: typing.Final = InteractionType.MODAL_SUBMIT
_ANSWERED: typing.Final = frozenset({_COMMAND, _COMPONENT, _AUTOCOMPLETE, _MODAL_SUBMIT})

_LONGEST_CONTENT: typing.Final = ("Grüße, 世界! " * 200)[:2000]
"""Content of exactly 2000 characters, the most Discord takes, not all ASCII."""
_CHOICES_BY_OPTION_TYPE: typing.Final[typing.Mapping[int | None, tuple[tuple[str, str | int | float], ...]]] = {
    3: (("Apple", "apple"), ("Äpfel", "äpfel")),
    4: (("Twelve", 12), ("Zero", 0)),
    10: (("Pi", 3.14159), ("One", 1)),
    None: (("First", "first"),),
}
"""Choices whose values have the focused option's type: string, integer or number."""


def _elicit(clause_id: str, adapter: Adapter, sample: Sample) -> object:
    """Return the reply an in-process listener answers ``sample`` with, so that ``clause_id`` has a reply to judge."""
    kind = sample.interaction_type
    if kind is _AUTOCOMPLETE:
        option_type = focused_option_type(sample.payload)
        return adapter.autocomplete_reply(_CHOICES_BY_OPTION_TYPE.get(option_type, _CHOICES_BY_OPTION_TYPE[None]))
    if clause_id in ("reply.modal", "reply.modal-label") and kind in (_COMMAND, _COMPONENT):
        return adapter.modal_reply("Tell us more", "conformance:modal", "conformance:modal:text")
    if clause_id == "reply.flags":
        if kind is _COMPONENT:
            return adapter.deferred_reply(ephemeral=True)
        return adapter.message_reply("Only you can see this.", ephemeral=True)
    if clause_id == "reply.message-limits":
        return adapter.message_reply(_LONGEST_CONTENT)
    return default_reply(adapter, kind)


_KINDS: typing.Final[typing.Mapping[str, frozenset[InteractionType]]] = {
    "reply.modal": frozenset({_COMMAND, _COMPONENT}),
    "reply.modal-label": frozenset({_COMMAND, _COMPONENT}),
    "reply.autocomplete": frozenset({_AUTOCOMPLETE}),
}
"""The kinds of interaction whose replies a clause constrains, where not every kind's."""
WHAT: typing.Final[typing.Mapping[str, str]] = {
    "reply.premium-required": "callback",
    "reply.status": "callback",
    "reply.flags": "message or deferred message",
    "reply.message-limits": "message",
    "reply.modal": "modal",
    "reply.modal-label": "modal",
    "reply.autocomplete": "autocomplete result",
    "reply.components": "message",
    "reply.component-fields": "message",
}
"""What a clause judges, for the case summaries and the not-verified detail."""
_IN_PROCESS_ONLY: typing.Final = frozenset({"reply.modal", "reply.modal-label"})


def _corpus_case(clause_id: str) -> Case:
    check = REPLY_CHECKS[clause_id]
    kinds = _KINDS.get(clause_id, _ANSWERED)
    samples = tuple(
        sample
        for sample in payloads.ALL_SAMPLES
        if sample.interaction_type in kinds and sample not in payloads.MINIMAL_SAMPLES
    )

    async def run(ctx: CaseContext) -> None:
        current: list[Sample] = []
        if ctx.mode is Mode.IN_PROCESS:
            for kind in kinds:

                async def listener(interaction: object) -> object:
                    return _elicit(clause_id, ctx.adapter, current[-1])

                ctx.register(kind, listener)
        judged = 0
        declined: list[str] = []
        unhandled: list[HandlingFailure] = []
        for sample in samples:
            current.append(sample)
            try:
                reply = await ctx.interact(sample)
            except NotVerifiedError:
                declined.append(sample.name)
                continue
            except HandlingFailure as exc:
                unhandled.append(exc)  # judge the other replies first: a broken limit is the more specific finding
                continue
            callback = read_callback(reply, sample.payload)
            if callback is not None:
                try:
                    judged += check(callback)
                except CaseFailure as exc:
                    raise CaseFailure(f"{sample.name}: {exc}") from None
        if unhandled:
            raise unhandled[0]
        what = WHAT[clause_id]
        expect(judged > 0 or ctx.mode is Mode.HTTP, f"no {what} came back from the {len(samples)} interactions sent")
        if not judged:
            refused = f"; it declined {', '.join(declined)}" if declined else ""
            raise NotVerifiedError(
                f"the endpoint answered none of the {len(samples)} interactions with a {what}{refused}"
            )

    return make_case(
        clause_id,
        "corpus",
        f"every {WHAT[clause_id]} answering the corpus meets the clause",
        run,
        modes=IN_PROCESS if clause_id in _IN_PROCESS_ONLY else BOTH_MODES,
    )


CASES: typing.Final[tuple[Case, ...]] = tuple(_corpus_case(clause_id) for clause_id in WHAT)
