"""The Discord API double as an ASGI application: the REST endpoints an interaction touches.

Each request is read whole, matched to a route (`conformance.double.routes`),
answered as Discord documents (`conformance.double.answers`) and recorded on
the interaction it names (`conformance.double.records.Ledger`). A body is read
exactly as the suite reads an HTTP reply (`conformance.http.read_reply`: JSON,
or ``multipart/form-data`` with ``payload_json`` and ``files[n]``) and held to
the same rules (`conformance.reply_checks`): a body they refuse gets Discord's
400 *Invalid Form Body*.
"""

from __future__ import annotations

__all__ = ("DoubleApp",)

import json
import typing

from conformance.double import answers
from conformance.double import routes
from conformance.double.channel import REST_WAIT_S
from conformance.double.messages import callback_response
from conformance.double.messages import initial_message
from conformance.double.records import Acknowledgement
from conformance.double.records import InteractionRecord
from conformance.double.records import Ledger
from conformance.double.records import RestExchange
from conformance.double.records import now
from conformance.http import read_reply
from conformance.model import CaseFailure
from conformance.model import Reply
from conformance.model import TargetError
from conformance.reply_checks import expect_callback_valid

if typing.TYPE_CHECKING:
    from collections.abc import Awaitable
    from collections.abc import Callable
    from collections.abc import Mapping

    _Scope: typing.TypeAlias = Mapping[str, typing.Any]
    _Receive: typing.TypeAlias = Callable[[], Awaitable[Mapping[str, typing.Any]]]
    _Send: typing.TypeAlias = Callable[[dict[str, typing.Any]], Awaitable[None]]

_MAX_BODY: typing.Final = 32 * 1024 * 1024
_UNKNOWN_WEBHOOK: typing.Final = (10015, "Unknown Webhook")
_EMPTY_MESSAGE: typing.Final = (50006, "Cannot send an empty message")
_MESSAGE_CONTENT: typing.Final = ("content", "embeds", "components", "poll", "sticker_ids")
_COMMAND_INTERACTION: typing.Final = 2
_MESSAGE_CALLBACK: typing.Final = 4
_TRUE_QUERY: typing.Final = frozenset({"true", "1", "True"})


class _Request:
    """A request read whole: what the double records and answers."""

    __slots__ = ("body", "headers", "method", "path", "query")

    def __init__(self, method: str, path: str, query: str, headers: tuple[tuple[str, str], ...], body: bytes) -> None:
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body

    @property
    def target(self) -> str:
        return f"{self.path}?{self.query}" if self.query else self.path

    def header_map(self) -> dict[str, str]:
        return dict(self.headers)

    def flag(self, name: str) -> bool:
        pairs = (pair.partition("=") for pair in self.query.split("&") if pair)
        return any(key == name and value in _TRUE_QUERY for key, _, value in pairs)


def _body_reply(request: _Request) -> Reply:
    """Read the request's body as the suite reads a reply's; `TargetError` when it cannot be read."""
    return read_reply(200, request.body, request.header_map(), 0.0)


def _message_data(request: _Request) -> tuple[Reply, dict[str, object]] | answers.Answer:
    """Read a message body (an edit or a follow-up); return it, or the 400 that refuses it."""
    try:
        reply = _body_reply(request)
        decoded: object = json.loads(reply.body.decode(reply.charset or "utf-8")) if reply.body else {}
    except (TargetError, ValueError, LookupError) as exc:
        return answers.invalid_form_body("payload_json", f"the body is not a readable JSON object: {exc}")
    if not isinstance(decoded, dict):
        return answers.invalid_form_body("payload_json", "the body is not a JSON object")
    return reply, typing.cast("dict[str, object]", decoded)


def _refusal(reply: Reply, interaction: Mapping[str, object]) -> answers.Answer | None:
    """Hold a callback to every MUST reply rule; return the 400 for one it breaks, else `None`."""
    try:
        expect_callback_valid(reply, interaction)
    except CaseFailure as exc:
        return answers.invalid_form_body("data", str(exc))
    return None


def _message_refusal(
    reply: Reply, data: Mapping[str, object], interaction: Mapping[str, object]
) -> answers.Answer | None:
    """Hold a message sent by REST to the rules a message in a reply obeys: the same checks, as callback 4."""
    wrapped = json.dumps({"type": _MESSAGE_CALLBACK, "data": dict(data)}).encode()
    as_callback = Reply(200, wrapped, "application/json", None, {}, reply.files, 0.0)
    return _refusal(as_callback, {**interaction, "type": _COMMAND_INTERACTION})


class DoubleApp:
    """The ASGI application; its `Ledger` holds what it issued and received.

    Parameters
    ----------
    ledger : Ledger
        Where the interactions the suite issues are registered, and every exchange is recorded.
    """

    __slots__ = ("ledger",)

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    async def __call__(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        """Serve one ASGI connection scope."""
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        body = await _read_body(receive)
        raw_headers = typing.cast("list[tuple[bytes, bytes]]", scope.get("headers", []))
        headers = tuple((name.decode("latin-1").lower(), value.decode("latin-1")) for name, value in raw_headers)
        query = typing.cast("bytes", scope.get("query_string", b"")).decode("latin-1")
        request = _Request(str(scope["method"]), str(scope["path"]), query, headers, body or b"")
        if body is None:
            answer = answers.json_answer(413, {"message": "Request entity too large", "code": 40005})
        else:
            answer = await self.answer(request)
        await send({"type": "http.response.start", "status": answer.status, "headers": _encode(answer.headers)})
        await send({"type": "http.response.body", "body": answer.body})

    async def answer(self, request: _Request) -> answers.Answer:
        """Answer ``request`` and record the exchange on the interaction it names.

        A webhook request for an interaction not yet acknowledged waits (until `REST_WAIT_S` after it was sent)
        for its initial response: an application that answers in the HTTP reply and then edits it sends the edit
        once its reply is on its way, and the suite notes that reply only when it has read it.
        """
        route = routes.match(request.method, request.path)
        received_at = now()
        record = self.ledger.get(route.token) if route is not None and route.name != routes.CALLBACK else None
        if record is not None and record.acknowledged is None:
            issued = record
            await self.ledger.wait_for(lambda: issued.acknowledged is not None, issued.sent_at + REST_WAIT_S - now())
        result: list[answers.Answer] = []

        def change(record: InteractionRecord | None) -> RestExchange:
            answer = self._answer(route, request, record)
            result.append(answer)
            name = route.name if route is not None else "unknown route"
            return RestExchange(
                request.method,
                request.target,
                request.headers,
                request.body,
                received_at,
                answer.status,
                answer.body,
                name,
            )

        self.ledger.update(route.token if route is not None else None, change)
        return result[0]

    def _answer(
        self, route: routes.Route | None, request: _Request, record: InteractionRecord | None
    ) -> answers.Answer:
        if route is None:
            return answers.not_found()
        if route.name == routes.CALLBACK:
            if record is None or record.interaction_id != route.interaction_id:
                return answers.error(404, answers.UNKNOWN_INTERACTION)
        elif record is None or record.application_id != route.application_id:
            return answers.error(404, _UNKNOWN_WEBHOOK)
        limit = record.rate_limit
        if limit is not None and limit.route == route.name and limit.limited_at is None:
            limit.limited_at = now()
            return answers.rate_limited(limit.retry_after_s, f"{route.name}-{record.application_id}")
        if route.name == routes.CALLBACK:
            return self._callback(record, request)
        if route.name == routes.FOLLOW_UP:
            return self._follow_up(record, request)
        return self._message(route, record, request)

    def _callback(self, record: InteractionRecord, request: _Request) -> answers.Answer:
        if record.acknowledged is not None:
            return answers.error(400, answers.ALREADY_ACKNOWLEDGED)
        try:
            reply = _body_reply(request)
        except TargetError as exc:
            return answers.invalid_form_body("payload_json", str(exc))
        record.callback, record.callback_at = reply, now()
        refusal = _refusal(reply, record.payload)
        if refusal is not None:
            return refusal
        callback = reply.json_object()
        callback_type = typing.cast("int", callback["type"])
        data = typing.cast("Mapping[str, object]", callback.get("data", {}))
        record.acknowledged = Acknowledgement.REST
        message = initial_message(self.ledger.messages, record, callback_type, data)
        if request.flag("with_response"):
            return answers.json_answer(200, callback_response(record.payload, callback_type, message))
        return answers.no_content()

    def _follow_up(self, record: InteractionRecord, request: _Request) -> answers.Answer:
        if record.acknowledged is None:
            return answers.error(404, _UNKNOWN_WEBHOOK)
        read = _message_data(request)
        if isinstance(read, answers.Answer):
            return read
        reply, data = read
        if not reply.files and not any(data.get(field) for field in _MESSAGE_CONTENT):
            return answers.error(400, _EMPTY_MESSAGE)
        refusal = _message_refusal(reply, data, record.payload)
        if refusal is not None:
            return refusal
        message = self.ledger.messages.create(record.payload, data)
        record.messages[str(message["id"])] = message
        return answers.json_answer(200, message)

    def _message(self, route: routes.Route, record: InteractionRecord, request: _Request) -> answers.Answer:
        message = record.messages.get(route.message_id)
        if message is None:
            return answers.error(404, answers.UNKNOWN_MESSAGE)
        if route.name == routes.GET:
            return answers.json_answer(200, message)
        if route.name == routes.DELETE:
            del record.messages[route.message_id]
            record.deleted.add(route.message_id)
            return answers.no_content()
        read = _message_data(request)
        if isinstance(read, answers.Answer):
            return read
        reply, data = read
        refusal = _message_refusal(reply, data, record.payload)
        if refusal is not None:
            return refusal
        return answers.json_answer(200, self.ledger.messages.edit(message, data))


async def _read_body(receive: _Receive) -> bytes | None:
    """Read the request's body whole; `None` when it grows past the limit."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks)
        chunk = typing.cast("bytes", message.get("body", b""))
        size += len(chunk)
        if size > _MAX_BODY:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _lifespan(receive: _Receive, send: _Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def _encode(headers: tuple[tuple[str, str], ...]) -> list[tuple[bytes, bytes]]:
    return [(name.encode("latin-1"), value.encode("latin-1")) for name, value in headers]
