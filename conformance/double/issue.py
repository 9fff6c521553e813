"""Issuing interactions: a fresh ID and token for each interaction the suite sends while the double runs.

Discord gives every interaction an ID and a token of its own, and its API
answers only for those it issued. The suite does the same: before an
interaction is signed, its ``id`` and ``token`` are replaced with fresh ones
and its ``application_id`` with the double's, and the double learns them, so
that a REST call names exactly one interaction. The values are replaced where
they stand in the body's bytes, so that everything else the body says, down
to its spacing and escapes, is sent as the case wrote it.
"""

from __future__ import annotations

__all__ = ("APPLICATION_ID", "issue")

import itertools
import json
import secrets
import threading
import typing

from conformance.double.records import InteractionRecord
from conformance.double.records import now

if typing.TYPE_CHECKING:
    from conformance.double.records import Ledger
    from conformance.double.records import RateLimit

APPLICATION_ID: typing.Final = "1250000000000000001"
"""The application every issued interaction names: the double's own."""
_FIRST_ID: typing.Final = 1_400_000_000_000_000_000
_TOKEN_BYTES: typing.Final = 48
_ids = itertools.count(_FIRST_ID)
_ids_lock = threading.Lock()


def _quoted(value: str) -> bytes:
    return json.dumps(value).encode()


def _fresh_id() -> str:
    with _ids_lock:
        return str(next(_ids))


def issue(
    ledger: Ledger, body: bytes, *, label: str = "", rate_limit: RateLimit | None = None
) -> tuple[bytes, InteractionRecord | None]:
    """Return ``body`` with a fresh ID and token, registered with ``ledger``.

    A body that is not a JSON object with string ``id``, ``token`` and
    ``application_id`` written plainly (a malformed or hostile body) is
    returned unchanged, and `None` with it: it names no interaction. ``label`` names the case that sends it;
    ``rate_limit`` arms a 429 for one of its routes.
    """
    try:
        decoded: object = json.loads(body)
    except ValueError:
        return body, None
    if not isinstance(decoded, dict):
        return body, None
    payload = typing.cast("dict[str, object]", decoded)
    fields = [payload.get(name) for name in ("id", "token", "application_id")]
    if not all(isinstance(value, str) and value and _quoted(value) in body for value in fields):
        return body, None
    old_id, old_token, old_application = typing.cast("list[str]", fields)
    record = InteractionRecord(
        interaction_id=_fresh_id(),
        token=f"suite-{secrets.token_urlsafe(_TOKEN_BYTES)}",
        application_id=APPLICATION_ID,
        payload={},
        sent_at=now(),
        label=label,
        rate_limit=rate_limit,
    )
    renamed = body.replace(_quoted(old_token), _quoted(record.token))
    renamed = renamed.replace(_quoted(old_id), _quoted(record.interaction_id))
    renamed = renamed.replace(_quoted(old_application), _quoted(record.application_id))
    record.payload = typing.cast("dict[str, object]", json.loads(renamed))
    ledger.issue(record)
    return renamed, record
