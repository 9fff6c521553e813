"""The raw evidence of ``--verbose``: every request a case sent and the reply, as they went over the wire.

What a maintainer needs to reproduce a finding without the suite: the
signature headers, the body, and what came back.
"""

from __future__ import annotations

__all__ = ("raw_exchanges",)

import typing

if typing.TYPE_CHECKING:
    from conformance.model import Exchange
    from conformance.model import Request
    from conformance.runner import CaseResult

_SHOWN_BYTES: typing.Final = 2000
"""The most bytes of one body shown; the rest is counted, not printed."""


def _body(body: bytes) -> str:
    shown = body[:_SHOWN_BYTES].decode("utf-8", errors="backslashreplace")
    more = len(body) - _SHOWN_BYTES
    return shown + (f"... ({more} more bytes)" if more > 0 else "")


def _request_lines(request: Request) -> list[str]:
    if request.headers is None:
        headers = {"X-Signature-Ed25519": request.signature.hex(), "X-Signature-Timestamp": request.timestamp.decode()}
    else:
        headers = {name: value for name, value in request.headers.items() if value is not None}
    lines = [f"> {request.method} ({len(request.body)} bytes)"]
    lines += [f"> {name}: {value}" for name, value in headers.items()]
    return [*lines, f"> {_body(request.body)}"]


def _exchange_lines(exchange: Exchange) -> list[str]:
    lines = _request_lines(exchange.sent) if exchange.sent is not None else [f"> {exchange.request}"]
    reply = exchange.reply
    if reply is None:
        return [*lines, f"< no reply: {exchange.error or 'none came back'}"]
    content_type = next((value for name, value in reply.headers.items() if name.lower() == "content-type"), "")
    lines.append(
        f"< {reply.status} {content_type or reply.content_type or '(no content type)'} ({len(reply.body)} bytes)"
    )
    lines += [f"< file {file.name or '-'}: {file.filename} ({len(file.data)} bytes)" for file in reply.files]
    return [*lines, f"< {_body(reply.body)}"] if reply.body else lines


def raw_exchanges(results: typing.Iterable[CaseResult]) -> str:
    """Return every case's requests (``>``) and replies (``<``), case by case, ending with a newline.

    Parameters
    ----------
    results : typing.Iterable[CaseResult]
        Results of a run that kept raw evidence (``Runner(raw_evidence=True)``).

    Returns
    -------
    str
        For each case: a heading with its ID and outcome, then each exchange.
        Bodies longer than 2000 bytes are cut, with the number of bytes left out.
    """
    lines: list[str] = []
    for result in results:
        if not result.evidence:
            continue
        lines.append(f"=== {result.case.id}: {result.outcome.value}" + (f": {result.detail}" if result.detail else ""))
        for exchange in result.evidence:
            lines += _exchange_lines(exchange)
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")
