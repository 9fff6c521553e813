"""Mutant HTTP endpoints: each an ASGI application that breaks exactly one clause, on purpose.

Most mutants are thin wrappers around `conformance.serve.reference_app`, the
served reference that answers every kind validly: a wrapper reads the request,
lets the reference answer it and changes one thing on the way in or out, with
the changed line marked ``# MUTANT:``. The rest imitate an HTTP-level mistake
directly (a crash on a header, a dropped connection) or copy the reference's
construction with one argument changed. The conformance bot's mutants break
the reference's reply to one of the bot's interactions, for the ``--bot`` cases
to catch.

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

import asyncio
import dataclasses
import json
import re
import typing
from collections.abc import Callable
from collections.abc import Mapping

import interaction_spec
from conformance import bot
from conformance import payloads
from conformance.runner import Outcome
from conformance.serve import reference_app
from interaction_spec import CallbackType
from interaction_spec import InteractionType
from tests.endpoints.asgi import REFERENCE_MAX_BODY
from tests.endpoints.asgi import Endpoint
from tests.endpoints.asgi import Receive
from tests.endpoints.asgi import Reply
from tests.endpoints.asgi import Scope
from tests.endpoints.asgi import Send
from tests.endpoints.asgi import capture
from tests.endpoints.asgi import json_reply
from tests.endpoints.asgi import read_body
from tests.endpoints.asgi import replay
from tests.endpoints.asgi import request_headers
from tests.endpoints.asgi import send_reply
from tests.endpoints.asgi import serve
from tests.mutant_declarations import SIGNATURE_TAMPERS
from tests.mutant_declarations import failed
from tests.mutant_declarations import json_type

if typing.TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Sequence

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


def _sample_names(kind: InteractionType) -> tuple[str, ...]:
    """Return the names of the corpus's samples of a kind (`conformance.payloads.samples_of`), after the kind."""
    return tuple(sample.name.split(".", 1)[1] for sample in payloads.samples_of(kind))


_COMMAND_SAMPLES: typing.Final = _sample_names(InteractionType.APPLICATION_COMMAND)
_AUTOCOMPLETE_SAMPLES: typing.Final = _sample_names(InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE)
_MODAL_SAMPLES: typing.Final = _sample_names(InteractionType.MODAL_SUBMIT)
_BOT_CASES: typing.Final = (
    "reply.callback.bot.echo",
    "reply.callback.bot.ephemeral",
    "reply.callback.bot.deferred-ephemeral",
    "reply.callback.bot.update",
    "reply.callback.bot.deferred-update",
    "reply.callback.bot.autocomplete-string",
    "reply.callback.bot.autocomplete-integer",
    "reply.callback.bot.modal",
    "reply.callback.bot.modal-submit",
    "reply.charset.bot.echo-unicode",
    "reply.files.bot.file",
    "reply.none.bot.rest",
    "reply.none-202.bot.rest",
    "concurrency.independent.bot.slow",
)
"""Every case of the conformance bot (`conformance.cases.bot`)."""
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


def _oversized(scope: Scope) -> bool:
    """Whether the request declares a body over the reference's limit: wrappers leave those to it, unread."""
    length = request_headers(scope).get(b"content-length", b"")
    return length.isdigit() and int(length) > REFERENCE_MAX_BODY


def _type_of(body: bytes) -> int | None:
    """Return the integer ``type`` of a JSON object body of at most the reference's size, or `None`."""
    return None if len(body) > REFERENCE_MAX_BODY else json_type(body)


@dataclasses.dataclass(frozen=True, slots=True)
class _Route:
    """What a request is, as far as a mutant is concerned."""

    type: int | None
    """The interaction type (`_type_of` the body)."""
    name: str = ""
    """The command's name, or the component's or modal's custom ID."""
    focused: str = ""
    """The focused option of an autocomplete interaction."""

    @classmethod
    def of(cls, body: bytes) -> _Route:
        """Route a request by its body."""
        interaction_type = _type_of(body)
        if interaction_type is None:
            return cls(None)
        data = typing.cast("dict[str, object]", json.loads(body)).get("data")
        if not isinstance(data, dict):
            return cls(interaction_type)
        fields = typing.cast("dict[str, object]", data)
        options = fields.get("options")
        focused = ""
        for option in typing.cast("list[object]", options) if isinstance(options, list) else []:
            if isinstance(option, dict) and typing.cast("dict[str, object]", option).get("focused") is True:
                focused = str(typing.cast("dict[str, object]", option).get("name"))
        return cls(interaction_type, str(fields.get("name", fields.get("custom_id", ""))), focused)

    def is_command(self, name: str) -> bool:
        """Whether the request is the command ``name``."""
        return self.type == InteractionType.APPLICATION_COMMAND and self.name == name


class _ReferenceWrapper:
    """The served reference, unchanged; a mutant overrides `handle` (or `make_reference`) to change one thing."""

    __slots__ = ("reference",)

    def __init__(self, public_key: bytes) -> None:
        self.reference: Endpoint = self.make_reference(public_key)

    def make_reference(self, public_key: bytes) -> Endpoint:
        """Return the application the mutant wraps: the served reference."""
        return reference_app(public_key)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") == "http" and not _oversized(scope):
            await self.handle(scope, receive, send)
        else:
            await self.reference(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one HTTP request."""
        await self.reference(scope, receive, send)


class _RewritesReplies(_ReferenceWrapper):
    """Lets the reference answer every request, then passes its reply through `rewrite`."""

    __slots__ = ()

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await read_body(receive)
        if body is None:
            return
        reply = await capture(self.reference, scope, body)
        await send_reply(send, await self.rewrite(_Route.of(body), reply))

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        """Return the reply to send in place of the reference's, for the request ``route`` describes."""
        return reply


def _succeeded(reply: Reply) -> bool:
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

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await read_body(receive)
        if body is None:
            return
        if scope.get("method") == "POST" and _type_of(body) == InteractionType.PING:
            await send_reply(send, Reply(200, [(b"content-type", b"application/json")], _PONG))  # MUTANT: unverified
            return
        await self.reference(scope, replay(body), send)


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

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        bytes.fromhex(request_headers(scope)[_SIGNATURE].decode("latin-1"))  # MUTANT: KeyError or ValueError escapes
        await self.reference(scope, receive, send)


@mutant(
    "sig.status-401",
    caught=failed(*_cases("sig.status-401.ping", _TAMPERS), *_cases("sig.status-401.command", _TAMPERS)),
)
class BadRequestForBadSignature(_RewritesReplies):
    """Answers 400 instead of 401 to a request that fails verification."""

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
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

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if reply.body == _PONG:
            return reply.replaced(content_type=b"text/plain; charset=utf-8")  # MUTANT: the reference says JSON
        return reply


# ---------------------------------------------------------------------------------------------------------------------
# Malformed and unknown input


@mutant("input.reject", caught=failed(*_cases("input.reject", _MALFORMED_BODIES)))
class ServerErrorForMalformedBody(_RewritesReplies):
    """Answers 500 instead of a 4xx to a signed body that is not an interaction, as if parsing it crashed."""

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if reply.status == 400:
            return reply.replaced(status=500)  # MUTANT: the reference answers 400
        return reply


@mutant("input.unknown-type", caught=failed(*_cases("input.unknown-type", ("type-99", "type-0", "type-6"))))
class AcceptsUnknownType(_RewritesReplies):
    """Acknowledges an interaction type it does not know with 202 instead of refusing it."""

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
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

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if route.type == InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE and _succeeded(reply):
            message = {"type": int(CallbackType.CHANNEL_MESSAGE_WITH_SOURCE), "data": {"content": "no choices"}}
            return json_reply(reply.status, message)  # MUTANT: the reference answers callback 8
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

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if route.type == InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE and _succeeded(reply):
            document = reply.json_object()
            choices = [{"name": f"choice {n}", "value": f"choice-{n}"} for n in range(1, _MAX_CHOICES + 2)]
            document["data"] = {"choices": choices}  # MUTANT: the reference sends 3 choices
            return json_reply(reply.status, document)
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

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if route.type == InteractionType.APPLICATION_COMMAND and _succeeded(reply):
            text_input = {"type": 4, "custom_id": "feedback-text", "label": "Feedback", "style": 1}
            modal = {
                "type": int(CallbackType.MODAL),
                "data": {
                    "custom_id": "feedback-modal",
                    "title": "T" * (_MAX_MODAL_TITLE + 1),  # MUTANT: 46 characters
                    "components": [{"type": 1, "components": [text_input]}],
                },
            }
            return json_reply(reply.status, modal)
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

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if route.type == InteractionType.APPLICATION_COMMAND and _succeeded(reply):
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

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> object:
        if scope.get("type") != "http" or _oversized(scope):
            await self.reference(scope, receive, send)
            return None
        body = await read_body(receive)
        if body is None:
            return None
        if _type_of(body) == InteractionType.MODAL_SUBMIT:
            return "hang up"  # MUTANT: uvicorn closes the connection unanswered
        await self.reference(scope, replay(body), send)
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

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
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
# Conformance bot: the reference's reply to one of the bot's interactions broken, caught by the ``--bot`` cases


@mutant(
    "reply.callback",
    caught=failed(*(case for case in _BOT_CASES if case.startswith("reply.callback."))),
    collateral=failed(
        "reply.charset.bot.echo-unicode",
        "reply.files.bot.file",
        "reply.none-202.bot.rest",
        "concurrency.independent.bot.slow",
    ),
    details={
        "reply.callback.bot.echo": "/echo: expected callback 4 (CHANNEL_MESSAGE_WITH_SOURCE), got 204",
        "reply.none-202.bot.rest": "/rest: expected 202 with no body, got 204",
    },
)
class NoContentForEverything(_RewritesReplies):
    """Acknowledges every interaction but PING with 204 and no body, whatever its listener answered.

    Every reply is a 2xx, so a run without ``--bot`` finds nothing wrong; only the
    bot's known replies show that nothing was answered.
    """

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if _succeeded(reply) and route.type != InteractionType.PING:
            return reply.replaced(status=204, content_type=b"", body=b"")  # MUTANT: the reference sends the reply
        return reply


def _non_ascii_corpus_commands() -> tuple[str, ...]:
    """Return the ``reply.valid-callback`` cases of corpus commands the reference answers with non-ASCII text.

    The reference answers ``/echo`` with its text and any other command with a message naming it. In Latin-1, a
    character beyond ASCII that Latin-1 has becomes a byte that is not UTF-8, and any other becomes ``?``: the reply
    stops being UTF-8 only when its ``text`` option or its name holds one of the former.
    """
    names: list[str] = []
    for sample in payloads.samples_of(InteractionType.APPLICATION_COMMAND):
        data = typing.cast("Mapping[str, object]", sample.payload["data"])
        options = typing.cast("list[Mapping[str, object]]", data.get("options", []))
        texts = [
            str(option.get("value"))
            for option in options
            if data.get("name") == bot.ECHO and option.get("name") == bot.ECHO_TEXT
        ]
        if any(0x80 <= ord(char) <= 0xFF for text in (str(data.get("name")), *texts) for char in text):
            names.append(f"reply.valid-callback.{sample.name}")
    return tuple(names)


@mutant(
    "reply.charset",
    caught=failed("reply.charset.bot.echo-unicode"),
    collateral=failed(*_non_ascii_corpus_commands()),
    details={"reply.charset.bot.echo-unicode": "/echo: the body is not UTF-8"},
)
class CommandRepliesInLatin1(_RewritesReplies):
    """Encodes its replies to commands as Latin-1 (``?`` for what Latin-1 lacks), though they say UTF-8."""

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if route.type == InteractionType.APPLICATION_COMMAND and reply.body.startswith(b"{"):
            text = reply.body.decode("utf-8")
            return reply.replaced(body=text.encode("latin-1", "replace"))  # MUTANT: the reference: UTF-8
        return reply


@mutant(
    "reply.charset",
    caught=failed("reply.charset.bot.echo-unicode"),
    details={"reply.charset.bot.echo-unicode": "/echo: expected content 'naïve café"},
)
class EchoStripsNonAscii(_RewritesReplies):
    """Drops every non-ASCII character from what ``/echo`` repeats."""

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if route.is_command(bot.ECHO) and _succeeded(reply):
            document = reply.json_object()
            data = typing.cast("dict[str, object]", document["data"])
            data["content"] = str(data["content"]).encode("ascii", "ignore").decode()  # MUTANT: strips
            return reply.with_json(document)
        return reply


@mutant(
    "reply.callback",
    caught=failed("reply.callback.bot.ephemeral"),
    details={
        "reply.callback.bot.ephemeral": "callback 4 sets flags 66, of which IS_CROSSPOST may not be set",
    },
)
class EphemeralAlsoCrosspost(_RewritesReplies):
    """Answers ``/ephemeral`` with flags 66: EPHEMERAL and IS_CROSSPOST, a flag only Discord sets."""

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if route.is_command(bot.EPHEMERAL) and _succeeded(reply):
            document = reply.json_object()
            typing.cast("dict[str, object]", document["data"])["flags"] = 64 | 1 << 1  # MUTANT: the reference: 64
            return reply.with_json(document)
        return reply


@mutant(
    "reply.callback",
    caught=failed("reply.callback.bot.deferred-ephemeral"),
    details={
        "reply.callback.bot.deferred-ephemeral": "callback 5 sets flags 68, of which SUPPRESS_EMBEDS may not be set "
        "(allowed: EPHEMERAL)",
    },
)
class DeferredSuppressesEmbeds(_RewritesReplies):
    """Defers ``/defer-ephemeral`` with flags 68: EPHEMERAL and SUPPRESS_EMBEDS, which a deferral may not set."""

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if route.is_command(bot.DEFER_EPHEMERAL) and _succeeded(reply):
            return reply.with_json({"type": 5, "data": {"flags": 64 | 1 << 2}})  # MUTANT: the reference: 64
        return reply


@mutant(
    "reply.files",
    caught=failed("reply.files.bot.file"),
    details={"reply.files.bot.file": "/file: expected the files[0] part to have filename 'conformance-bot.txt'"},
)
class FilePartWithoutFilename(_RewritesReplies):
    """Sends ``/file``'s file in a ``files[0]`` part whose Content-Disposition has no ``filename``."""

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if route.is_command(bot.FILE) and _succeeded(reply):
            body = re.sub(rb'(name="files\[0\]"); filename="[^"]*"', rb"\1", reply.body)  # MUTANT: no filename
            return reply.replaced(body=body)
        return reply


@mutant(
    "reply.files",
    caught=failed("reply.files.bot.file"),
    details={"reply.files.bot.file": "/file: expected the file in a part named 'files[0]', got 'file0'"},
)
class FilePartNamedFile0(_RewritesReplies):
    """Sends ``/file``'s file in a part named ``file0`` instead of ``files[0]``."""

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if route.is_command(bot.FILE) and _succeeded(reply):
            return reply.replaced(body=reply.body.replace(b'name="files[0]"', b'name="file0"'))  # MUTANT
        return reply


@mutant(
    "reply.none",
    caught=failed("reply.none.bot.rest"),
    collateral=failed("reply.none-202.bot.rest"),
    details={
        "reply.none.bot.rest": "/rest: expected a 2xx reply with no body, got 200 (application/json, b'{\"type\":5}')"
    },
)
class RestDefersInstead(_RewritesReplies):
    """Answers ``/rest``, which the bot answers through Discord's REST callback, with a deferral (callback 5) too.

    Discord would take the deferral as the interaction's response, and the REST callback sent after it would fail.
    """

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if route.is_command(bot.REST) and reply.status == 202:
            return json_reply(200, {"type": 5})  # MUTANT: the reference answers 202
        return reply


@mutant(
    "reply.none-202",
    caught=failed("reply.none-202.bot.rest"),
    details={"reply.none-202.bot.rest": "/rest: expected 202 with no body, got 204"},
)
class RestAnswers204(_RewritesReplies):
    """Answers ``/rest``, which the bot answers through Discord's REST callback, with 204 instead of 202."""

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if route.is_command(bot.REST) and reply.status == 202:
            return reply.replaced(status=204)  # MUTANT: the reference answers 202
        return reply


@mutant(
    "concurrency.independent",
    caught=failed("concurrency.independent.bot.slow"),
    details={"concurrency.independent.bot.slow": "/echo got no reply within 1.5s while /slow was pending"},
)
class HandlesOneAtATime(_ReferenceWrapper):
    """Handles one request at a time, holding a lock, so ``/slow`` keeps every other interaction waiting."""

    def __init__(self, public_key: bytes) -> None:
        super().__init__(public_key)
        self.lock = asyncio.Lock()

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        async with self.lock:  # MUTANT: the reference handles requests concurrently
            await self.reference(scope, receive, send)


@mutant(
    "reply.callback",
    caught=failed("reply.callback.bot.autocomplete-integer"),
    details={"reply.callback.bot.autocomplete-integer": "expected integer values, got '0' (str)"},
)
class IntegerChoicesAsStrings(_RewritesReplies):
    """Offers the integer option ``/pick number:`` choices whose values are strings (``"12"``), not integers."""

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        autocomplete = route.type == InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE
        if autocomplete and route.name == bot.PICK and route.focused == bot.PICK_NUMBER and _succeeded(reply):
            document = reply.json_object()
            choices = typing.cast(
                "list[dict[str, object]]", typing.cast("dict[str, object]", document["data"])["choices"]
            )
            for choice in choices:
                choice["value"] = str(choice["value"])  # MUTANT: the reference sends integers
            return reply.with_json(document)
        return reply


# ---------------------------------------------------------------------------------------------------------------------
# Broken endpoints whose whole verdict is tested (tests.test_verdicts), not one clause's cases


class AnswersErrorsToInteractions(_RewritesReplies):
    """Verifies every request and answers PING, but every other interaction gets 500: all its listeners crash."""

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if route.type != InteractionType.PING and _succeeded(reply):
            return Reply(500, [(b"content-type", b"text/plain")], b"Internal Server Error")
        return reply


class RejectsInteractions(_RewritesReplies):
    """Verifies every request and answers PING, but refuses every other interaction with 400: it handles none."""

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if route.type != InteractionType.PING and _succeeded(reply):
            return Reply(400, [(b"content-type", b"text/plain")], b"unknown interaction")
        return reply


class HangsWithoutChannel(_ReferenceWrapper):
    """Never answers an interaction that carries no ``channel``, as a handler that waits on it would."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await read_body(receive)
        if body is None:
            return
        if _type_of(body) not in (None, InteractionType.PING) and b'"channel"' not in body:
            await asyncio.sleep(60)  # MUTANT: longer than the suite waits for any reply
        await self.reference(scope, replay(body), send)


class ServedUnderAPath(_ReferenceWrapper):
    """The reference at ``/interactions``, and 404 on every other path, as a web framework routes it."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("path") == "/interactions":
            await self.reference(scope, receive, send)
            return
        await send_reply(send, Reply(404, [(b"content-type", b"text/plain")], b"Not Found"))


VERDICT_ENDPOINTS: typing.Final[Mapping[str, Callable[[bytes], Endpoint]]] = {
    endpoint.__name__: endpoint
    for endpoint in (AnswersErrorsToInteractions, RejectsInteractions, HangsWithoutChannel, ServedUnderAPath)
}
"""Endpoints that break more than one clause, served by name like the mutants."""


# ---------------------------------------------------------------------------------------------------------------------
# The runner


def main(argv: Sequence[str] | None = None) -> None:
    """Serve one mutant, named on the command line, under uvicorn on 127.0.0.1 until interrupted."""
    by_name: dict[str, Callable[[bytes], Endpoint]] = {entry.name: entry.endpoint for entry in MUTANTS}
    by_name.update(VERDICT_ENDPOINTS)
    serve(
        by_name, argv, prog="python -m tests.endpoints.mutants", description="Serve one mutant endpoint.", lifespan="on"
    )


if __name__ == "__main__":
    main()
