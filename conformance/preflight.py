"""The signed PING that starts a black-box run, and that tells a dead endpoint from a failing one.

One implementation serves both uses: before the run, a PING as Discord sends
it answered with anything but
a PONG (``200 {"type": 1}``) stops it with one line naming the likely cause; during the
run, after a case in which the endpoint did not answer, the same PING tells
whether it is still up.
"""

from __future__ import annotations

__all__ = ("ping_problem",)

import json
import typing

from conformance.checks import is_pong
from conformance.model import TargetError
from conformance.model import TargetUnresponsiveError
from conformance.payloads import PING

if typing.TYPE_CHECKING:
    from conformance.context import Transport
    from conformance.signing import Signer

_PING: typing.Final = PING.body()
"""A PING as Discord sends it, with the fields every interaction has (``id``, ``token``, ...), not a bare type."""


def _diagnosis(status: int, body: bytes, public_key: str) -> str:
    """Name the likely cause of a PING answered with anything but PONG."""
    if status in (401, 403):
        return (
            f"it answered a correctly signed PING with {status}: its public key does not match the signing seed; "
            f"configure it with public key {public_key}"
        )
    if status in (404, 405):
        return f"it answered a signed PING with {status}: wrong path or method? Give the URL Discord POSTs to"
    if status == 200:
        try:
            decoded: object = json.loads(body)
        except ValueError:
            return f"it answered a signed PING with 200 but a body that is not JSON: {body[:60]!r}"
        return f'it answered a signed PING with {decoded!r}, not PONG {{"type": 1}}'
    return f'it answered a signed PING with {status}, not 200 {{"type": 1}}'


async def ping_problem(transport: Transport, signer: Signer) -> str:
    """Send one signed PING through ``transport``.

    Returns
    -------
    str
        An empty string when the reply is a PONG (200, a JSON object of type 1); otherwise one
        line saying what came back and the likely cause.
    """
    try:
        reply = await transport.exchange(signer.sign(_PING))
    except TargetUnresponsiveError as exc:
        return f"no answer to a signed PING: {exc}"
    except TargetError as exc:
        return f"no readable answer to a signed PING: {exc}"
    if is_pong(reply):
        return ""
    return _diagnosis(reply.status, reply.body, signer.public_key.hex())
