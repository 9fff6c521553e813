"""Which layout an endpoint's modals use, and so which modal submissions Discord can send it.

A modal holds its inputs either in Labels (type 18) or, in the deprecated layout, in action rows (type 1) of text
inputs. Discord submits a modal in the layout it was opened with, so an endpoint whose modals use one layout never
receives a submission in the other: such a submission is input Discord never sends it, and a 5xx to it breaches
``robust.handled-other-layout`` (SHOULD), not ``robust.handled`` (MUST). A black-box run learns the layout from the
conformance bot's ``/feedback`` modal, on either channel while the Discord API double runs, or takes it as the
driver declares it (``--modal-layout``).
"""

from __future__ import annotations

__all__ = ("ACTION_ROW", "LABEL", "LAYOUTS", "OTHER_LAYOUT_CLAUSE", "layout_of", "learn", "submission_layout")

import typing

from conformance import bot
from conformance.bot import payloads as bot_payloads
from conformance.double import issue as issuing
from conformance.double.channel import settle
from conformance.model import CaseFailure
from conformance.model import TargetError
from interaction_spec import InteractionType

if typing.TYPE_CHECKING:
    from conformance.context import Transport
    from conformance.double import DiscordApiDouble
    from conformance.signing import Signer

LABEL: typing.Final = "label"
"""Inputs in Label components (type 18)."""
ACTION_ROW: typing.Final = "action-row"
"""Text inputs in action rows (type 1), the deprecated layout."""
LAYOUTS: typing.Final = (LABEL, ACTION_ROW)
OTHER_LAYOUT_CLAUSE: typing.Final = "robust.handled-other-layout"

_TYPES: typing.Final = {18: LABEL, 1: ACTION_ROW}


def layout_of(components: object) -> str | None:
    """Return the layout of a modal's (or a modal submission's) top-level components; `None` if neither or mixed."""
    if not isinstance(components, list):
        return None
    found: set[str] = set()
    for component in typing.cast("list[object]", components):
        kind = typing.cast("dict[str, object]", component).get("type") if isinstance(component, dict) else None
        if type(kind) is int and kind in _TYPES:
            found.add(_TYPES[kind])
    return found.pop() if len(found) == 1 else None


def submission_layout(interaction: typing.Mapping[str, object]) -> str | None:
    """Return the layout of a modal submission's components; `None` for another kind of interaction."""
    if interaction.get("type") != InteractionType.MODAL_SUBMIT:
        return None
    data = interaction.get("data")
    return layout_of(typing.cast("dict[str, object]", data).get("components")) if isinstance(data, dict) else None


async def learn(transport: Transport, signer: Signer, double: DiscordApiDouble | None = None) -> str | None:
    """Send the conformance bot's ``/feedback`` and return the layout of the modal it answers with, if it does.

    With the Discord API double, the interaction carries an ID and token it issued, and the modal may come on
    either channel (`conformance.double.channel.settle`), as every case judges a reply.
    """
    request = bot_payloads.command(bot.FEEDBACK).body()
    record = None
    if double is not None:
        request, record = issuing.issue(double.ledger, request, label="the modal layout")
    try:
        reply = await transport.exchange(signer.sign(request))
    except TargetError:
        return None
    if double is not None and record is not None:
        reply = await settle(double.ledger, record, reply)
    try:
        body: object = reply.json() if 200 <= reply.status < 300 and reply.body else None
    except CaseFailure:
        return None
    data = typing.cast("dict[str, object]", body).get("data") if isinstance(body, dict) else None
    return layout_of(typing.cast("dict[str, object]", data).get("components")) if isinstance(data, dict) else None
