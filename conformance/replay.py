"""Sending a case's requests again from a JSON report: ``interaction-conformance replay REPORT CASE_ID --url URL``.

A report keeps every request's exact bytes (`conformance.evidence`). Replay
sends them again, in order, to a URL, with their timestamps moved by the time
since the run: a request whose signature the run's key had made is signed
afresh for the moved timestamp, so that it is as valid now as it was then; one
whose signature was wrong on purpose (a tampered body, another key) keeps it,
so that it is as wrong now as it was then. A stale timestamp stays as stale.
"""

from __future__ import annotations

__all__ = ("ReplayError", "ReplayedExchange", "recorded_exchanges", "replay", "replay_text", "resign")

import binascii
import dataclasses
import time
import typing

from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

import interaction_spec
from conformance.evidence import EvidenceBudget
from conformance.evidence import EvidenceFormatError
from conformance.evidence import read_body
from conformance.evidence import wire_reply_of
from conformance.evidence import wire_request_from_object
from conformance.model import Exchange
from conformance.model import Request
from conformance.model import TargetError
from conformance.model import WireReply
from conformance.model import WireRequest
from conformance.reports.raw import exchange_lines

if typing.TYPE_CHECKING:
    from conformance.context import Transport
    from conformance.signing import Signer

_UNBOUNDED: typing.Final = 1 << 62


class ReplayError(Exception):
    """The report cannot be replayed as asked; the message says why in one line."""


@dataclasses.dataclass(frozen=True, slots=True)
class ReplayedExchange:
    """One request of the case: as the report recorded it, and as it went this time."""

    recorded: Exchange
    replayed: Exchange


def _mapping(value: object, what: str) -> typing.Mapping[str, object]:
    if not isinstance(value, dict):
        raise ReplayError(f"{what} is not a JSON object")
    return typing.cast("typing.Mapping[str, object]", value)


def recorded_exchanges(report: typing.Mapping[str, object], case_id: str) -> tuple[dict[str, object], list[Exchange]]:
    """Return the case ``case_id`` of a JSON report, and its exchanges as the report kept them.

    Raises
    ------
    ReplayError
        If the report has no such case, or kept no bytes of its requests.
    """
    cases = report.get("cases")
    if not isinstance(cases, list):
        raise ReplayError("the file is not a JSON report of interaction-conformance (no 'cases')")
    found = [
        typing.cast("dict[str, object]", case)
        for case in typing.cast("list[object]", cases)
        if isinstance(case, dict) and typing.cast("dict[str, object]", case).get("id") == case_id
    ]
    if not found:
        raise ReplayError(f"the report has no case {case_id!r}")
    case = dict(found[0])
    evidence = case.get("evidence")
    exchanges: list[Exchange] = []
    for index, item in enumerate(typing.cast("list[object]", evidence) if isinstance(evidence, list) else [], 1):
        data = _mapping(item, f"exchange {index} of {case_id}")
        sent = data.get("sent")
        if sent is None:
            raise ReplayError(f"the report kept no bytes of {case_id}'s requests: it predates exact-bytes evidence")
        try:
            request = wire_request_from_object(_mapping(sent, f"the request of exchange {index}"))
        except EvidenceFormatError as exc:
            raise ReplayError(f"exchange {index} of {case_id}: {exc}") from None
        status = data.get("status")
        exchanges.append(
            Exchange(
                str(data.get("request", "")),
                status if isinstance(status, int) else None,
                None,
                0.0,
                str(data.get("error", "")),
                wire_request=request,
                wire_reply=_recorded_reply(data.get("reply"), index),
            )
        )
    if not exchanges:
        raise ReplayError(f"{case_id} sent no request in that run: there is nothing to replay")
    return case, exchanges


def _recorded_reply(data: object, index: int) -> WireReply | None:
    if data is None:
        return None
    reply = _mapping(data, f"the reply of exchange {index}")
    try:
        body = read_body(reply)
    except EvidenceFormatError as exc:
        raise ReplayError(f"the reply of exchange {index}: {exc}") from None
    status, size, headers = reply.get("status"), reply.get("body_size"), reply.get("headers")
    pairs = [
        (str(pair[0]), str(pair[1]))
        for pair in typing.cast("list[list[object]]", headers if isinstance(headers, list) else [])
        if len(pair) == 2
    ]
    return WireReply(
        status if isinstance(status, int) else 0, tuple(pairs), body, size if isinstance(size, int) else len(body)
    )


def _header(request: WireRequest, name: str) -> str | None:
    return next((value for key, value in request.headers if key.lower() == name.lower()), None)


def _require_complete(request: WireRequest) -> None:
    if not request.complete:
        raise ReplayError(
            f"the report kept {len(request.body)} of the {request.body_size} bytes of a request body "
            "(past the run's bound on kept bytes): it cannot be sent again as it was"
        )


def resign(request: WireRequest, signer: Signer, now: float) -> WireRequest:
    """Return ``request`` as it should go at ``now``: its timestamp moved, and signed afresh if it was signed.

    The timestamp moves by the time since the request was sent, when it is a
    whole number. The signature is made again only when the original was
    ``signer``'s valid signature of the original timestamp and body.

    Raises
    ------
    ReplayError
        If the report kept only part of the body: it cannot be sent as it was.
    """
    _require_complete(request)
    timestamp = _header(request, interaction_spec.TIMESTAMP_HEADER)
    signature = _header(request, interaction_spec.SIGNATURE_HEADER)
    if timestamp is None or not timestamp.strip().lstrip("-").isdigit():
        return dataclasses.replace(request, sent_at=now)
    moved = str(int(timestamp) + round(now - request.sent_at))
    signed = signature is not None and _verifies(signer, signature, timestamp.encode(), request.body)
    replaced: list[tuple[str, str]] = []
    for name, value in request.headers:
        if name.lower() == interaction_spec.TIMESTAMP_HEADER.lower():
            value = moved  # noqa: PLW2901
        elif name.lower() == interaction_spec.SIGNATURE_HEADER.lower() and signed:
            value = signer.signature(moved.encode(), request.body).hex()  # noqa: PLW2901
        replaced.append((name, value))
    return dataclasses.replace(request, headers=tuple(replaced), sent_at=now)


def _verifies(signer: Signer, signature: str, timestamp: bytes, body: bytes) -> bool:
    try:
        VerifyKey(signer.public_key).verify(timestamp + body, bytes.fromhex(signature))
    except (ValueError, BadSignatureError, binascii.Error):
        return False
    return True


async def replay(exchanges: typing.Sequence[Exchange], transport: Transport, signer: Signer) -> list[ReplayedExchange]:
    """Send the recorded requests again, in order, through ``transport``; return each beside its record.

    Raises
    ------
    ReplayError
        If a request's body was kept only in part: then nothing is sent.
    """
    for recorded in exchanges:  # refuse before sending anything, not halfway through
        assert recorded.wire_request is not None
        _require_complete(recorded.wire_request)
    budget = EvidenceBudget(_UNBOUNDED)
    replayed: list[ReplayedExchange] = []
    for recorded in exchanges:
        assert recorded.wire_request is not None
        wire = resign(recorded.wire_request, signer, time.time())
        request = Request(wire.body, b"", b"", headers=dict(wire.headers), method=wire.method)
        summary = f"{wire.method} of {wire.body_size} bytes"
        started = time.perf_counter()
        try:
            reply = await transport.exchange(request)
        except TargetError as exc:
            elapsed = time.perf_counter() - started
            now = Exchange(summary, None, None, elapsed, str(exc), wire_request=wire)
        else:
            now = Exchange(
                summary,
                reply.status,
                None,
                reply.elapsed_s,
                "",
                wire_request=wire,
                wire_reply=wire_reply_of(reply, budget),
            )
        replayed.append(ReplayedExchange(recorded, now))
    return replayed


def replay_text(
    case: typing.Mapping[str, object], replayed: typing.Sequence[ReplayedExchange], *, source: str, url: str
) -> tuple[str, bool]:
    """Return what replay prints, ending with a newline, and whether every reply had its recorded status.

    Parameters
    ----------
    case : typing.Mapping[str, object]
        The case as the report has it.
    replayed : typing.Sequence[ReplayedExchange]
        Its exchanges, recorded and replayed.
    source : str
        Where the report was read from.
    url : str
        Where the requests were sent.
    """
    detail = f": {case.get('detail')}" if case.get("detail") else ""
    lines = [f"{case.get('id')} was {case.get('outcome')} in {source}{detail}", f"replayed against {url}"]
    differences: list[str] = []
    for index, pair in enumerate(replayed, 1):
        lines += ["", f"--- exchange {index} of {len(replayed)}, recorded:", *exchange_lines(pair.recorded)]
        lines += [f"--- exchange {index} of {len(replayed)}, now:", *exchange_lines(pair.replayed)]
        if pair.replayed.status != pair.recorded.status:
            now, then = pair.replayed.status or "no reply", pair.recorded.status or "no reply"
            differences.append(f"exchange {index} got {now}, recorded {then}")
    if differences:
        lines += ["", f"not reproduced: {'; '.join(differences)}"]
    else:
        statuses = ", ".join(str(pair.replayed.status or "no reply") for pair in replayed)
        lines += ["", f"reproduced: every reply has the recorded status ({statuses})"]
    return "\n".join(lines) + "\n", not differences
