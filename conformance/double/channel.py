"""Which channel an interaction's initial response came on, and the reply a case judges.

An application answers an interaction in the HTTP reply's body, or through the
REST callback endpoint while the HTTP request gets a 2xx with no body (Discord
asks for 202). `settle` takes the HTTP reply and the interaction's record and
returns the reply to judge: the HTTP reply itself, or the REST callback read as
an HTTP reply would be (`conformance.model.Reply`, channel ``rest``), so that
every case checks either the same way.
"""

from __future__ import annotations

__all__ = ("REST_WAIT_S", "settle")

import contextlib
import dataclasses
import typing

from conformance.checks import is_success
from conformance.double.messages import initial_message
from conformance.double.records import Acknowledgement
from conformance.double.records import now
from conformance.model import CaseFailure
from interaction_spec import RESPONSE_DEADLINE_S

if typing.TYPE_CHECKING:
    from conformance.double.records import InteractionRecord
    from conformance.double.records import Ledger
    from conformance.model import Reply

REST_WAIT_S: typing.Final = RESPONSE_DEADLINE_S
"""How long after an interaction was sent its REST callback is waited for, when the HTTP reply was 202 with no body:
Discord's deadline, after which it invalidates the token."""
_ACCEPTED: typing.Final = 202


def _rest_reply(record: InteractionRecord, http_reply: Reply) -> Reply | None:
    callback, arrived = record.callback, record.callback_at
    if callback is None or arrived is None:
        return None
    return dataclasses.replace(callback, elapsed_s=arrived - record.sent_at, channel="rest", http_reply=http_reply)


def _note_http_reply(ledger: Ledger, record: InteractionRecord, reply: Reply) -> Reply | None:
    """Record a 2xx HTTP body: the initial response, unless a REST callback answered first; return that callback."""
    if record.acknowledged is Acknowledgement.REST:
        record.http_after_callback = reply
        return _rest_reply(record, reply)
    if record.acknowledged is None:
        record.acknowledged = Acknowledgement.HTTP
        body: object = None
        with contextlib.suppress(CaseFailure):
            body = reply.json()
        if isinstance(body, dict):
            callback = typing.cast("dict[str, object]", body)
            data = callback.get("data")
            callback_type = callback.get("type")
            if isinstance(callback_type, int):
                data_map = typing.cast("dict[str, object]", data) if isinstance(data, dict) else {}
                initial_message(ledger.messages, record, callback_type, data_map)
    return None


async def settle(ledger: Ledger, record: InteractionRecord, reply: Reply) -> Reply:
    """Return the reply a case judges for the interaction of ``record``, whose HTTP request got ``reply``.

    - A reply that is not 2xx is judged as it is.
    - A 2xx with a body is the initial response, unless a REST callback had already answered: then the callback
      is judged, and the body is kept on the record (clause ``rest.http-reply`` reports it once per run).
    - A 2xx with no body: the REST callback for the token, if it has come; after a 202 (the status Discord asks
      for beside a REST callback) it is waited for until `REST_WAIT_S` after the interaction was sent (woken by its
      arrival, never polled). The HTTP reply itself when none comes.
    """
    if not is_success(reply):
        return reply
    if reply.body:
        earlier = ledger.note(record.token, lambda current: _note_http_reply(ledger, current, reply))
        return earlier if earlier is not None else reply
    if reply.status == _ACCEPTED:
        await ledger.wait_for(lambda: record.callback is not None, record.sent_at + REST_WAIT_S - now())
    callback = ledger.read(record.token, lambda current: _rest_reply(current, reply))
    return callback if callback is not None else reply
