"""Mutant HTTP endpoints: each an ASGI application that breaks exactly one clause, on purpose.

Most mutants are thin wrappers around `conformance.serve.reference_app`, the
served reference that answers every kind validly: a wrapper reads the request,
lets the reference answer it and changes one thing on the way in or out, with
the changed line marked ``# MUTANT:``. The rest imitate an HTTP-level mistake
directly (a crash on a header, a dropped connection) or copy the reference's
construction with one argument changed.

Next to each class, the `mutant` decorator records what black-box mode must say
about it: the clause it violates, the exact case IDs of that clause that must
fail (or end in error), the exact case IDs of other clauses that fail as a
consequence and, where it matters, a text each failure's detail must contain
and how long a case may take to catch it. `tests.test_http_mutants` serves every
mutant, runs black-box mode against it and holds it to that declaration, in
both directions.

Usage: ``python -m tests.endpoints.mutants NAME --port P --public-key HEX``
serves one mutant under uvicorn on 127.0.0.1.
"""

from __future__ import annotations

__all__ = ("MUTANTS", "VERDICT_ENDPOINTS", "HttpMutant", "main")

import argparse
import asyncio
import dataclasses
import json
import typing
from collections.abc import Awaitable
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping

import interaction_spec
from conformance.runner import Outcome
from conformance.serve import reference_app
from interaction_spec import CallbackType
from interaction_spec import InteractionType
from tests.mutant_declarations import SIGNATURE_TAMPERS
from tests.mutant_declarations import failed
from tests.mutant_declarations import json_type

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

# The minimal ASGI 3 types the mutants need, as `interaction_spec.asgi` types them.
_Scope: typing.TypeAlias = Mapping[str, object]
_Message: typing.TypeAlias = Mapping[str, object]
_Receive: typing.TypeAlias = Callable[[], Awaitable[_Message]]
_Send: typing.TypeAlias = Callable[[typing.Any], Awaitable[None]]
_Headers: typing.TypeAlias = list[tuple[bytes, bytes]]


class Endpoint(typing.Protocol):
    """An ASGI 3 application; uvicorn accepts any awaited result (and acts on one that is not `None`)."""

    def __call__(self, scope: _Scope, receive: _Receive, send: _Send, /) -> Awaitable[object]:
        """Handle one ASGI connection."""
        ...


_REFERENCE_MAX_BODY: typing.Final = 1_048_576
"""The reference's body limit, `InteractionApp`'s default: wrappers look into no larger body."""
_SIGNATURE: typing.Final = interaction_spec.SIGNATURE_HEADER.lower().encode()
_PONG: typing.Final = b'{"type":1}'
_SLOW_S: typing.Final = 3.5
_MAX_MODAL_TITLE: typing.Final = 45
_MAX_CHOICES: typing.Final = 25

# The suite's names for its signature tampers (`conformance.cases.signature.TAMPERS`), spelled out so that a
# declaration lists exact case IDs: those of both modes, then five that exist in black-box mode only.
_TAMPERS: typing.Final = (
    *SIGNATURE_TAMPERS,
    "no-signature-header",
    "no-timestamp-header",
    "no-signature-headers",
    "non-hex-signature",
    "odd-length-signature",
)
_UNREADABLE_SIGNATURES: typing.Final = (
    "no-signature-header",
    "no-signature-headers",
    "non-hex-signature",
    "odd-length-signature",
)
"""The tampers whose signature header is missing or not an even number of hex digits."""
_COMMAND_SAMPLES: typing.Final = ("guild", "dm", "user_context", "unicode", "minimal")
_AUTOCOMPLETE_SAMPLES: typing.Final = ("top_level", "subcommand", "minimal")
_MODAL_SAMPLES: typing.Final = ("action_rows", "labels", "minimal")
"""The corpus's samples of a kind (`conformance.payloads.ALL_SAMPLES`), by the name after the kind."""
_BOT_AUTOCOMPLETE: typing.Final = ("reply.callback.bot.autocomplete-string", "reply.callback.bot.autocomplete-integer")
_BOT_COMMANDS: typing.Final = (
    "reply.callback.bot.echo",
    "reply.callback.bot.ephemeral",
    "reply.callback.bot.deferred-ephemeral",
    "reply.callback.bot.modal",
    "reply.charset.bot.echo-unicode",
    "reply.none.bot.rest",
    "reply.none-202.bot.rest",
    "concurrency.independent.bot.slow",
)
"""The conformance bot's cases that send a command and check its reply (all but ``/file``, which is multipart)."""
_MALFORMED_BODIES: typing.Final = (
    "not-json",
    "empty",
    "truncated-json",
    "json-array",
    "json-string",
    "json-number",
    "json-null",
    "missing-type",
    "type-string",
    "type-boolean",
    "type-null",
    "type-object",
    "invalid-utf8",
)


# ---------------------------------------------------------------------------------------------------------------------
# The declaration


@dataclasses.dataclass(frozen=True)
class HttpMutant:
    """A mutant endpoint and what black-box mode must report about it."""

    endpoint: Callable[[bytes], Endpoint]
    """Makes the ASGI application from the public key to verify with."""
    name: str
    """The class name; the runner's NAME argument."""
    summary: str
    """The violation, in one line: the first line of the class docstring."""
    violates: str
    """The clause the mutant breaks."""
    caught: Mapping[str, Outcome]
    """Case IDs of `violates` that must end in the given outcome (failed or error)."""
    collateral: Mapping[str, Outcome]
    """Case IDs of other clauses that also end in the given outcome, as a consequence of the one violation."""
    details: Mapping[str, str]
    """Text the detail of a declared case must contain, by case ID."""
    max_duration_s: Mapping[str, float]
    """How long a declared case may take to catch the mutant, by case ID."""

    @property
    def expected(self) -> Mapping[str, Outcome]:
        """Every case that must not pass, and how it must end."""
        return {**self.caught, **self.collateral}


MUTANTS: list[HttpMutant] = []
"""Every mutant endpoint, in definition order."""

_EndpointT = typing.TypeVar("_EndpointT", bound=Callable[[bytes], Endpoint])


def mutant(
    violates: str,
    caught: Mapping[str, Outcome],
    collateral: Mapping[str, Outcome] | None = None,
    *,
    details: Mapping[str, str] | None = None,
    max_duration_s: Mapping[str, float] | None = None,
) -> Callable[[_EndpointT], _EndpointT]:
    """Declare the decorated endpoint class a mutant that violates ``violates``, and register it in `MUTANTS`."""

    def register(endpoint: _EndpointT) -> _EndpointT:
        name = getattr(endpoint, "__name__", "")
        summary = (getattr(endpoint, "__doc__", None) or "").strip().splitlines()
        MUTANTS.append(
            HttpMutant(
                endpoint,
                str(name),
                str(summary[0]) if summary else "",
                violates,
                dict(caught),
                dict(collateral or {}),
                dict(details or {}),
                dict(max_duration_s or {}),
            )
        )
        return endpoint

    return register


def _cases(prefix: str, names: Iterable[str]) -> tuple[str, ...]:
    """Return ``prefix`` + each name: case IDs that differ in their last part only."""
    return tuple(f"{prefix}.{name}" for name in names)


# ---------------------------------------------------------------------------------------------------------------------
# ASGI plumbing


async def _read_body(receive: _Receive) -> bytes | None:
    """Read the whole request body; `None` if the client went away first."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message.get("type") != "http.request":
            return None
        chunk = message.get("body", b"")
        if isinstance(chunk, (bytes, bytearray)):
            chunks.append(bytes(chunk))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes) -> _Receive:
    """Return a receive channel that hands over ``body`` in one message, then reports a disconnect."""
    pending: list[_Message] = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive() -> _Message:
        return pending.pop(0) if pending else {"type": "http.disconnect"}

    return receive


def _headers(scope: _Scope) -> dict[bytes, bytes]:
    """Return the request headers by lower-case name; the last copy of a repeated one wins."""
    raw = typing.cast("Iterable[tuple[bytes, bytes]]", scope.get("headers") or ())
    return {name.lower(): value for name, value in raw}


def _oversized(scope: _Scope) -> bool:
    """Whether the request declares a body over the reference's limit: wrappers leave those to it, unread."""
    length = _headers(scope).get(b"content-length", b"")
    return length.isdigit() and int(length) > _REFERENCE_MAX_BODY


def _type_of(body: bytes) -> int | None:
    """Return the integer ``type`` of a JSON object body of at most the reference's size, or `None`."""
    return None if len(body) > _REFERENCE_MAX_BODY else json_type(body)


@dataclasses.dataclass
class _Reply:
    """A whole HTTP reply, held before it is sent."""

    status: int
    headers: _Headers
    body: bytes

    def replaced(
        self, *, status: int | None = None, content_type: bytes | None = None, body: bytes | None = None
    ) -> _Reply:
        """Return a copy with the status, the Content-Type (``b""`` drops it) or the body changed."""
        headers = self.headers
        if content_type is not None:
            headers = [(name, value) for name, value in headers if name.lower() != b"content-type"]
            if content_type:
                headers.insert(0, (b"content-type", content_type))
        return _Reply(self.status if status is None else status, headers, self.body if body is None else body)

    def json_object(self) -> dict[str, object]:
        """Decode the body as a JSON object (the reference's replies to verified interactions are)."""
        decoded: object = json.loads(self.body)
        assert isinstance(decoded, dict)
        return typing.cast("dict[str, object]", decoded)


def _json_reply(status: int, document: object) -> _Reply:
    body = json.dumps(document, separators=(",", ":")).encode()
    return _Reply(status, [(b"content-type", b"application/json")], body)


async def _capture(app: Endpoint, scope: _Scope, body: bytes) -> _Reply:
    """Let ``app`` answer a request with ``body``; return its reply instead of sending it."""
    reply = _Reply(500, [], b"")
    chunks: list[bytes] = []

    async def send(message: typing.Any) -> None:  # noqa: ANN401 - the ASGI send channel, as InteractionApp types it
        event = typing.cast("_Message", message)
        if event.get("type") == "http.response.start":
            reply.status = typing.cast("int", event["status"])
            reply.headers = list(typing.cast("Iterable[tuple[bytes, bytes]]", event.get("headers") or ()))
        elif event.get("type") == "http.response.body":
            chunks.append(bytes(typing.cast("bytes", event.get("body", b""))))

    await app(scope, _replay(body), send)
    reply.body = b"".join(chunks)
    return reply


async def _send_reply(send: _Send, reply: _Reply) -> None:
    """Send ``reply`` with a Content-Length that matches its body."""
    headers = [(name, value) for name, value in reply.headers if name.lower() != b"content-length"]
    headers.append((b"content-length", b"%d" % len(reply.body)))
    await send({"type": "http.response.start", "status": reply.status, "headers": headers})
    await send({"type": "http.response.body", "body": reply.body, "more_body": False})


class _ReferenceWrapper:
    """The served reference, unchanged; a mutant overrides `handle` (or `make_reference`) to change one thing."""

    def __init__(self, public_key: bytes) -> None:
        self.reference: Endpoint = self.make_reference(public_key)

    def make_reference(self, public_key: bytes) -> Endpoint:
        """Return the application the mutant wraps: the served reference."""
        return reference_app(public_key)

    async def __call__(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        if scope.get("type") == "http" and not _oversized(scope):
            await self.handle(scope, receive, send)
        else:
            await self.reference(scope, receive, send)

    async def handle(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        """Handle one HTTP request."""
        await self.reference(scope, receive, send)


class _RewritesReplies(_ReferenceWrapper):
    """Lets the reference answer every request, then passes its reply through `rewrite`."""

    async def handle(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        body = await _read_body(receive)
        if body is None:
            return
        reply = await _capture(self.reference, scope, body)
        await _send_reply(send, await self.rewrite(_type_of(body), reply))

    async def rewrite(self, interaction_type: int | None, reply: _Reply) -> _Reply:
        """Return the reply to send in place of the reference's, for a request of ``interaction_type``."""
        return reply


def _succeeded(reply: _Reply) -> bool:
    return 200 <= reply.status < 300


# ---------------------------------------------------------------------------------------------------------------------
# Signature verification


@mutant(
    "sig.reject",
    caught=failed(*_cases("sig.reject.ping", _TAMPERS)),
    collateral=failed(*_cases("sig.status-401.ping", _TAMPERS)),
)
class PongBeforeVerifying(_ReferenceWrapper):
    """Answers a POSTed PING with PONG before verifying its signature.

    A "fast path" for Discord's endpoint check, taken after the HTTP layer's
    method and size checks, that skips verification for the very request
    Discord probes the endpoint with.
    """

    async def handle(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        body = await _read_body(receive)
        if body is None:
            return
        if scope.get("method") == "POST" and _type_of(body) == InteractionType.PING:
            await _send_reply(send, _Reply(200, [(b"content-type", b"application/json")], _PONG))  # MUTANT: unverified
            return
        await self.reference(scope, _replay(body), send)


@mutant(
    "sig.reject",
    caught=failed(
        *_cases("sig.reject.ping", _UNREADABLE_SIGNATURES), *_cases("sig.reject.command", _UNREADABLE_SIGNATURES)
    ),
    collateral=failed(
        *_cases("sig.status-401.ping", _UNREADABLE_SIGNATURES),
        *_cases("sig.status-401.command", _UNREADABLE_SIGNATURES),
    ),
    details=dict.fromkeys(
        _cases("sig.reject.ping", _UNREADABLE_SIGNATURES) + _cases("sig.reject.command", _UNREADABLE_SIGNATURES),
        "expected a 4xx reply, got 500",
    ),
)
class CrashesOnUnreadableSignature(_ReferenceWrapper):
    """Decodes the signature header with an unguarded ``bytes.fromhex``: a missing or non-hex one crashes it (500).

    The exception escapes the application and uvicorn answers ``500 Internal
    Server Error``, the way a framework answers a handler that raised.
    """

    async def handle(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        bytes.fromhex(_headers(scope)[_SIGNATURE].decode("latin-1"))  # MUTANT: KeyError or ValueError escapes
        await self.reference(scope, receive, send)


@mutant(
    "sig.status-401",
    caught=failed(*_cases("sig.status-401.ping", _TAMPERS), *_cases("sig.status-401.command", _TAMPERS)),
)
class BadRequestForBadSignature(_RewritesReplies):
    """Answers 400 instead of 401 to a request that fails verification."""

    async def rewrite(self, interaction_type: int | None, reply: _Reply) -> _Reply:
        if reply.status == 401:
            return reply.replaced(status=400)  # MUTANT: the reference answers 401
        return reply


# ---------------------------------------------------------------------------------------------------------------------
# PING and PONG


@mutant(
    "ping.pong",
    caught=failed("ping.pong.content-type"),
    details={"ping.pong.content-type": "expected Content-Type application/json, got 'text/plain'"},
)
class PongAsText(_RewritesReplies):
    """Sends the PONG as ``text/plain``."""

    async def rewrite(self, interaction_type: int | None, reply: _Reply) -> _Reply:
        if reply.body == _PONG:
            return reply.replaced(content_type=b"text/plain; charset=utf-8")  # MUTANT: the reference says JSON
        return reply


# ---------------------------------------------------------------------------------------------------------------------
# Malformed and unknown input


@mutant("input.reject", caught=failed(*_cases("input.reject", _MALFORMED_BODIES)))
class ServerErrorForMalformedBody(_RewritesReplies):
    """Answers 500 instead of a 4xx to a signed body that is not an interaction, as if parsing it crashed."""

    async def rewrite(self, interaction_type: int | None, reply: _Reply) -> _Reply:
        if reply.status == 400:
            return reply.replaced(status=500)  # MUTANT: the reference answers 400
        return reply


@mutant("input.unknown-type", caught=failed(*_cases("input.unknown-type", ("type-99", "type-0", "type-6"))))
class AcceptsUnknownType(_RewritesReplies):
    """Acknowledges an interaction type it does not know with 202 instead of refusing it."""

    async def rewrite(self, interaction_type: int | None, reply: _Reply) -> _Reply:
        if reply.status == 501:
            return reply.replaced(status=202, content_type=b"", body=b"")  # MUTANT: the reference answers 501
        return reply


# ---------------------------------------------------------------------------------------------------------------------
# Reply mapping


@mutant(
    "reply.valid-callback",
    caught=failed(*_cases("reply.valid-callback.autocomplete", _AUTOCOMPLETE_SAMPLES)),
    collateral=failed(*_BOT_AUTOCOMPLETE),
    details=dict.fromkeys(
        (*_cases("reply.valid-callback.autocomplete", _AUTOCOMPLETE_SAMPLES), *_BOT_AUTOCOMPLETE),
        "callback type 4 is not valid for APPLICATION_COMMAND_AUTOCOMPLETE",
    ),
)
class AutocompleteGetsMessage(_RewritesReplies):
    """Answers an autocomplete interaction with a message (callback 4) instead of its choices (callback 8)."""

    async def rewrite(self, interaction_type: int | None, reply: _Reply) -> _Reply:
        if interaction_type == InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE and _succeeded(reply):
            message = {"type": int(CallbackType.CHANNEL_MESSAGE_WITH_SOURCE), "data": {"content": "no choices"}}
            return _json_reply(reply.status, message)  # MUTANT: the reference answers callback 8
        return reply


@mutant(
    "reply.valid-callback",
    caught=failed(*_cases("reply.valid-callback.autocomplete", _AUTOCOMPLETE_SAMPLES)),
    collateral=failed(*_BOT_AUTOCOMPLETE),
    details=dict.fromkeys(
        (*_cases("reply.valid-callback.autocomplete", _AUTOCOMPLETE_SAMPLES), *_BOT_AUTOCOMPLETE),
        "more than 25 autocomplete choices",
    ),
)
class TooManyChoices(_RewritesReplies):
    """Answers an autocomplete interaction with 26 choices, one over Discord's limit of 25."""

    async def rewrite(self, interaction_type: int | None, reply: _Reply) -> _Reply:
        if interaction_type == InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE and _succeeded(reply):
            document = reply.json_object()
            choices = [{"name": f"choice {n}", "value": f"choice-{n}"} for n in range(1, _MAX_CHOICES + 2)]
            document["data"] = {"choices": choices}  # MUTANT: the reference sends 3 choices
            return _json_reply(reply.status, document)
        return reply


@mutant(
    "reply.valid-callback",
    caught=failed(*_cases("reply.valid-callback.command", _COMMAND_SAMPLES)),
    collateral=failed(*_BOT_COMMANDS, "reply.files.bot.file"),
    details=dict.fromkeys(
        (*_cases("reply.valid-callback.command", _COMMAND_SAMPLES), *_BOT_COMMANDS),
        "a modal title must be a string of 1 to 45 characters",
    ),
)
class ModalTitleTooLong(_RewritesReplies):
    """Answers a command with a modal whose title has 46 characters, one over Discord's limit of 45.

    Answering a command with a modal is valid; only the title's length is not.
    """

    async def rewrite(self, interaction_type: int | None, reply: _Reply) -> _Reply:
        if interaction_type == InteractionType.APPLICATION_COMMAND and _succeeded(reply):
            text_input = {"type": 4, "custom_id": "feedback-text", "label": "Feedback", "style": 1}
            modal = {
                "type": int(CallbackType.MODAL),
                "data": {
                    "custom_id": "feedback-modal",
                    "title": "T" * (_MAX_MODAL_TITLE + 1),  # MUTANT: 46 characters
                    "components": [{"type": 1, "components": [text_input]}],
                },
            }
            return _json_reply(reply.status, modal)
        return reply


# ---------------------------------------------------------------------------------------------------------------------
# Timing


@mutant(
    "timing.deadline",
    caught=failed("timing.deadline.command.guild", "timing.deadline.command.minimal"),
    collateral=failed("concurrency.independent.bot.slow"),
    max_duration_s={"timing.deadline.command.guild": 4.5, "timing.deadline.command.minimal": 4.5},
)
class SlowCommands(_RewritesReplies):
    """Takes 3.5 s to answer a command, past Discord's 3-second deadline.

    It sleeps after the reference has answered, as a listener that does slow
    work before replying would; every other kind is answered at once.
    """

    async def rewrite(self, interaction_type: int | None, reply: _Reply) -> _Reply:
        if interaction_type == InteractionType.APPLICATION_COMMAND and _succeeded(reply):
            await asyncio.sleep(_SLOW_S)  # MUTANT: the reference answers at once
        return reply


@mutant(
    "timing.deadline",
    caught=failed("timing.deadline.modal.action_rows", "timing.deadline.modal.minimal"),
    collateral=failed(
        *_cases("reply.valid-callback.modal", _MODAL_SAMPLES),
        "robust.handled.modal.minimal",
        "reply.callback.bot.modal-submit",
    ),
    details=dict.fromkeys(
        (
            "timing.deadline.modal.action_rows",
            "timing.deadline.modal.minimal",
            *_cases("reply.valid-callback.modal", _MODAL_SAMPLES),
            "robust.handled.modal.minimal",
            "reply.callback.bot.modal-submit",
        ),
        "got no reply: HTTP exchange failed: RemoteProtocolError: Server disconnected without sending a response",
    ),
)
class HangsUpOnModalSubmit:
    """Closes the connection without answering a modal submit interaction.

    ASGI has no message for "close without answering"; uvicorn does exactly
    that (logs an error and closes the transport, writing nothing) when an
    application returns a value other than `None` before starting a response,
    so this mutant returns one.
    """

    def __init__(self, public_key: bytes) -> None:
        self.reference: Endpoint = reference_app(public_key)

    async def __call__(self, scope: _Scope, receive: _Receive, send: _Send) -> object:
        if scope.get("type") != "http" or _oversized(scope):
            await self.reference(scope, receive, send)
            return None
        body = await _read_body(receive)
        if body is None:
            return None
        if _type_of(body) == InteractionType.MODAL_SUBMIT:
            return "hang up"  # MUTANT: uvicorn closes the connection unanswered
        await self.reference(scope, _replay(body), send)
        return None


# ---------------------------------------------------------------------------------------------------------------------
# HTTP transport


@mutant(
    "http.method",
    caught=failed("http.method.get", "http.method.put", "http.method.delete"),
    collateral=failed("http.method-405.get", "http.method-405.put", "http.method-405.delete"),
)
class AnyMethodIsPost(_ReferenceWrapper):
    """Handles a request of any method as if it were POSTed, so a signed GET gets PONG."""

    async def handle(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        await self.reference({**scope, "method": "POST"}, receive, send)  # MUTANT: the reference answers 405


@mutant(
    "http.body-limit",
    caught=failed("http.body-limit.2-mib-signed", "http.body-limit.2-mib-unsigned"),
    collateral=failed("http.body-limit-early.16-mib-unsigned"),
    details={
        "http.body-limit.2-mib-signed": "a signed 2 MiB PING got 200",
        "http.body-limit.2-mib-unsigned": "an unsigned 2 MiB PING got 401",
    },
)
class NoBodyLimit(_ReferenceWrapper):
    """Reads, verifies and parses a body of any size: a signed 2 MiB PING gets PONG instead of 413."""

    def make_reference(self, public_key: bytes) -> Endpoint:
        return reference_app(public_key, max_body_size=2**62)  # MUTANT: the bridge's default is 1 MiB


# ---------------------------------------------------------------------------------------------------------------------
# Broken endpoints whose whole verdict is tested (tests.test_verdicts), not one clause's cases


class AnswersErrorsToInteractions(_RewritesReplies):
    """Verifies every request and answers PING, but every other interaction gets 500: all its listeners crash."""

    async def rewrite(self, interaction_type: int | None, reply: _Reply) -> _Reply:
        if interaction_type != InteractionType.PING and _succeeded(reply):
            return _Reply(500, [(b"content-type", b"text/plain")], b"Internal Server Error")
        return reply


class RejectsInteractions(_RewritesReplies):
    """Verifies every request and answers PING, but refuses every other interaction with 400: it handles none."""

    async def rewrite(self, interaction_type: int | None, reply: _Reply) -> _Reply:
        if interaction_type != InteractionType.PING and _succeeded(reply):
            return _Reply(400, [(b"content-type", b"text/plain")], b"unknown interaction")
        return reply


class HangsWithoutChannel(_ReferenceWrapper):
    """Never answers an interaction that carries no ``channel``, as a handler that waits on it would."""

    async def handle(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        body = await _read_body(receive)
        if body is None:
            return
        if _type_of(body) not in (None, InteractionType.PING) and b'"channel"' not in body:
            await asyncio.sleep(60)  # MUTANT: longer than the suite waits for any reply
        await self.reference(scope, _replay(body), send)


class ServedUnderAPath(_ReferenceWrapper):
    """The reference at ``/interactions``, and 404 on every other path, as a web framework routes it."""

    async def handle(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        if scope.get("path") == "/interactions":
            await self.reference(scope, receive, send)
            return
        await _send_reply(send, _Reply(404, [(b"content-type", b"text/plain")], b"Not Found"))


VERDICT_ENDPOINTS: typing.Final[Mapping[str, Callable[[bytes], Endpoint]]] = {
    endpoint.__name__: endpoint
    for endpoint in (AnswersErrorsToInteractions, RejectsInteractions, HangsWithoutChannel, ServedUnderAPath)
}
"""Endpoints that break more than one clause, served by name like the mutants."""


# ---------------------------------------------------------------------------------------------------------------------
# The runner


def main(argv: Sequence[str] | None = None) -> None:
    """Serve one mutant, named on the command line, under uvicorn on 127.0.0.1 until interrupted."""
    import uvicorn  # noqa: PLC0415 - only the runner needs it

    by_name: dict[str, Callable[[bytes], Endpoint]] = {entry.name: entry.endpoint for entry in MUTANTS}
    by_name.update(VERDICT_ENDPOINTS)
    parser = argparse.ArgumentParser(prog="python -m tests.endpoints.mutants", description="Serve one mutant endpoint.")
    parser.add_argument("name", choices=sorted(by_name), help="the mutant's class name")
    parser.add_argument("--port", type=int, required=True, help="TCP port to listen on, on 127.0.0.1")
    parser.add_argument("--public-key", type=bytes.fromhex, required=True, help="the key to verify with, in hex")
    args = parser.parse_args(argv)
    name: str = args.name
    port: int = args.port
    public_key: bytes = args.public_key
    app = by_name[name](public_key)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")


if __name__ == "__main__":
    main()
