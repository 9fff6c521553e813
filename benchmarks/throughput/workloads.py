"""The two workloads every server answers: a PING and a realistic command, signed before any timing.

The command is the conformance bot's ``/echo`` (`conformance.bot.payloads.command`):
a guild interaction with its member, user and one string option, the shape of
a real slash-command invocation. Every implementation in the matrix runs the
bot, so each answers it with the same callback: a message whose content is the
text sent. A PING is answered with exactly ``{"type": 1}``.
"""

from __future__ import annotations

__all__ = ("KINDS", "SignedRequest", "Workload", "check_reply", "workloads")

import dataclasses
import json
import typing

from conformance import bot
from conformance.bot import payloads as bot_payloads
from conformance.payloads import PING

if typing.TYPE_CHECKING:
    from conformance.payloads import Sample
    from conformance.signing import Signer

KINDS: typing.Final = ("PING", "command")
"""The workloads, in the order they are measured and reported."""


@dataclasses.dataclass(frozen=True, slots=True)
class SignedRequest:
    """One pre-signed interaction request.

    Attributes
    ----------
    body : bytes
        The JSON body.
    signature : str
        The ``X-Signature-Ed25519`` header value (hex).
    timestamp : str
        The ``X-Signature-Timestamp`` header value.
    """

    body: bytes
    signature: str
    timestamp: str


@dataclasses.dataclass(frozen=True, slots=True)
class Workload:
    """The requests of one kind, and the reply each must get.

    Attributes
    ----------
    kind : str
        ``"PING"`` or ``"command"``.
    callback : typing.Mapping[str, object]
        What every reply must hold: its ``type``, and the members of its ``data`` given here
        (a library may add others, such as ``allowed_mentions``).
    requests : tuple[SignedRequest, ...]
        The pool, sent round-robin; each has its own interaction ID.
    """

    kind: str
    callback: typing.Mapping[str, object]
    requests: tuple[SignedRequest, ...]


def _pool(sample: Sample, signer: Signer, timestamp: bytes, size: int) -> tuple[SignedRequest, ...]:
    """Return ``size`` signed copies of ``sample``, with consecutive interaction IDs."""
    first_id = int(str(sample.payload["id"]))
    requests: list[SignedRequest] = []
    for offset in range(size):
        payload = sample.copy()
        payload["id"] = str(first_id + offset)
        body = json.dumps(payload, separators=(",", ":")).encode()
        requests.append(SignedRequest(body, signer.signature(timestamp, body).hex(), timestamp.decode()))
    return tuple(requests)


def workloads(signer: Signer, timestamp: bytes, size: int) -> tuple[Workload, Workload]:
    """Return the PING and ``/echo`` workloads, ``size`` signed requests each.

    Parameters
    ----------
    signer : Signer
        The key to sign with.
    timestamp : bytes
        The ``X-Signature-Timestamp`` of every request.
    size : int
        Requests per workload.

    Returns
    -------
    tuple[Workload, Workload]
        The PING workload, then the command workload.
    """
    echo = bot_payloads.command(bot.ECHO, [{"name": bot.ECHO_TEXT, "type": 3, "value": bot_payloads.ECHO_TEXT}])
    return (
        Workload("PING", {"type": 1}, _pool(PING, signer, timestamp, size)),
        Workload(
            "command", {"type": 4, "data": {"content": bot_payloads.ECHO_TEXT}}, _pool(echo, signer, timestamp, size)
        ),
    )


def _holds(callback: typing.Mapping[str, object], wanted: typing.Mapping[str, object]) -> bool:
    """Whether ``callback`` has ``wanted``'s type (and nothing else when ``wanted`` has no data) and data members."""
    if "data" not in wanted:
        return callback == wanted
    data = callback.get("data")
    if callback.get("type") != wanted["type"] or type(data) is not dict:
        return False
    members = typing.cast("dict[str, object]", data)
    return all(
        members.get(key, members) == value for key, value in typing.cast("dict[str, object]", wanted["data"]).items()
    )


def check_reply(load: Workload, status: int, body: bytes) -> str | None:
    """Return what is wrong with a reply to one of ``load``'s requests, or `None` if it is right.

    Parameters
    ----------
    load : Workload
        The workload the request came from.
    status : int
        The reply's HTTP status.
    body : bytes
        The reply's body.

    Returns
    -------
    str | None
        A short description of the reply and what was expected, or `None`.
    """
    try:
        parsed: object = json.loads(body)
    except ValueError:
        parsed = None
    if status == 200 and type(parsed) is dict and _holds(typing.cast("dict[str, object]", parsed), load.callback):
        return None
    expected = json.dumps(load.callback, separators=(",", ":"))
    return f"{status} {body[:80]!r}; expected 200 with {expected}"
