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
serves one mutant under uvicorn on 127.0.0.1; with ``DISCORD_API_URL`` set, the
reference inside it sends the bot's REST calls there (the suite's double).
"""

from __future__ import annotations

__all__ = ("DISCORD_API_URL_ENV", "MUTANTS", "VERDICT_ENDPOINTS", "HttpMutant", "main")

import asyncio
import contextlib
import dataclasses
import json
import os
import re
import ssl
import typing
from collections.abc import Callable
from collections.abc import Mapping

import httpx

import interaction_spec
from conformance import bot
from conformance import payloads
from conformance.double.server import API_VERSION
from conformance.modal_layout import ACTION_ROW
from conformance.modal_layout import submission_layout
from conformance.reference.rest import USER_AGENT
from conformance.reference.rest import RestClient
from conformance.reference.rest import RestError
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
from tests.mutant_declarations import errored
from tests.mutant_declarations import failed
from tests.mutant_declarations import json_type
from tests.mutant_declarations import not_verified

if typing.TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Sequence

_SIGNATURE: typing.Final = interaction_spec.SIGNATURE_HEADER.lower().encode()
_PONG: typing.Final = b'{"type":1}'
_SLOW_S: typing.Final = 3.2
"""How late `SlowCommands` answers a command: surely past Discord's 3 s deadline, and as far below black-box
mode's 4 s read timeout as that allows, so that a busy machine's delays do not turn a late reply into none."""
DISCORD_API_URL_ENV: typing.Final = "DISCORD_API_URL"
"""The environment variable naming the base URL the mutants built on the reference send their REST calls to."""
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
    "reply.flags.bot.ephemeral",
    "reply.flags.bot.deferred-ephemeral",
    "reply.modal.bot.feedback",
    "reply.modal-label.bot.feedback",
    "reply.autocomplete.bot.pick-string",
    "reply.autocomplete.bot.pick-integer",
    "concurrency.prompt.bot.slow",
    "reply.callback.bot.rest",
    "reply.callback.bot.followup",
    "rest.deferral-completed.bot.defer-ephemeral",
    "rest.deferral-completed.bot.slow",
)
"""Every case of the conformance bot (`conformance.cases.bot`)."""
_MODAL_SUBMIT: typing.Final = "reply.callback.bot.modal-submit"
_BOT_PICK: typing.Final = ("reply.autocomplete.bot.pick-string", "reply.autocomplete.bot.pick-integer")
_CORPUS: typing.Final = (
    "reply.premium-required.corpus",
    "reply.status.corpus",
    "reply.flags.corpus",
    "reply.message-limits.corpus",
    "reply.components.corpus",
    "reply.component-fields.corpus",
)
"""The corpus cases of the ``reply`` clauses that judge every kind's replies (`conformance.cases.reply_limits`)."""
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
    "concurrency.prompt.bot.slow",
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
    breaching: frozenset[str] = frozenset()
    """Collateral case IDs whose failure counts against `violates` (their result's breach), not their own clause."""

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
    breaching: Iterable[str] = (),
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
                frozenset(breaching),
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
    command_type: object = None
    """The command's type: 1 for a slash command, 2 and 3 for context menus."""

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
        name = str(fields.get("name", fields.get("custom_id", "")))
        return cls(interaction_type, name, focused, fields.get("type"))

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
        return _reference(public_key)

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


def _reference(public_key: bytes, *, max_body_size: int | None = None) -> Endpoint:
    """Return the served reference, its REST client pointed at ``DISCORD_API_URL`` when the environment names one."""
    return reference_app(public_key, max_body_size=max_body_size, discord_api_url=os.environ.get(DISCORD_API_URL_ENV))


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
    "sig.status-401",
    caught=failed(
        *_cases("sig.status-401.ping", _UNREADABLE_SIGNATURES),
        *_cases("sig.status-401.command", _UNREADABLE_SIGNATURES),
    ),
    details=dict.fromkeys(
        _cases("sig.status-401.ping", _UNREADABLE_SIGNATURES)
        + _cases("sig.status-401.command", _UNREADABLE_SIGNATURES),
        "expected 401, got 500",
    ),
)
class CrashesOnUnreadableSignature(_ReferenceWrapper):
    """Decodes the signature header with an unguarded ``bytes.fromhex``: a missing or non-hex one crashes it (500).

    The exception escapes the application and uvicorn answers ``500 Internal
    Server Error``, the way a framework answers a handler that raised. That is
    still a rejection (no 2xx, nothing dispatched), so it breaks only the 401 the
    docs say a failed validation should get.
    """

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        bytes.fromhex(request_headers(scope)[_SIGNATURE].decode("latin-1"))  # MUTANT: KeyError or ValueError escapes
        await self.reference(scope, receive, send)


_ODD_LENGTH: typing.Final = ("ping.odd-length-signature", "command.odd-length-signature")


@mutant(
    "sig.reject",
    caught=failed(*_cases("sig.reject", _ODD_LENGTH)),
    collateral=failed(*_cases("sig.status-401", _ODD_LENGTH)),
)
class ReadsLoneHexDigitAsByte(_ReferenceWrapper):
    """Decodes the signature header two digits at a time, reading a trailing lone digit as a byte of its own.

    A hand-written hex decoder seen on a real library: ``...0``, a valid signature ending in ``00`` less its last
    digit, decodes to that valid signature.
    """

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = request_headers(scope)
        signature = headers.get(_SIGNATURE, b"")
        if len(signature) % 2:
            headers[_SIGNATURE] = signature[:-1] + b"0" + signature[-1:]  # MUTANT: the reference refuses odd hex
            scope = {**scope, "headers": list(headers.items())}
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
    collateral={
        **failed(*_BOT_AUTOCOMPLETE, *_BOT_PICK),
        **not_verified("reply.autocomplete.corpus"),  # no autocomplete result left to judge
    },
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
    "reply.autocomplete",
    caught=failed("reply.autocomplete.corpus", *_BOT_PICK),
    collateral=failed(*_BOT_AUTOCOMPLETE),
    details=dict.fromkeys(("reply.autocomplete.corpus", *_BOT_PICK, *_BOT_AUTOCOMPLETE), "26 choices, more than 25"),
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
    "reply.modal",
    caught=failed("reply.modal.bot.feedback"),
    collateral=failed("reply.callback.bot.modal"),
    details=dict.fromkeys(
        ("reply.modal.bot.feedback", "reply.callback.bot.modal"),
        "a modal's title must be a string of 0 to 45 characters, got a string of 46 characters",
    ),
)
class ModalTitleTooLong(_RewritesReplies):
    """Titles the ``/feedback`` modal with 46 characters, one over Discord's limit of 45."""

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if route.is_command(bot.FEEDBACK) and _succeeded(reply):
            document = reply.json_object()
            typing.cast("dict[str, object]", document["data"])["title"] = "T" * (_MAX_MODAL_TITLE + 1)  # MUTANT: 46
            return reply.with_json(document)
        return reply


# ---------------------------------------------------------------------------------------------------------------------
# Timing


@mutant(
    "timing.deadline",
    caught=failed("timing.deadline.command.guild", "timing.deadline.command.minimal"),
    collateral={
        **failed("concurrency.independent.bot.slow", "concurrency.prompt.bot.slow"),
        **errored(*_CORPUS),  # the corpus takes 3.2 s a command
        # The token is invalid after 3 s, so the double refuses what follows a reply sent later, as Discord would.
        **failed(
            "reply.callback.bot.followup",
            "rest.deferral-completed.bot.defer-ephemeral",
            "rest.deferral-completed.bot.slow",
        ),
    },
    max_duration_s={"timing.deadline.command.guild": 4.5, "timing.deadline.command.minimal": 4.5},
)
class SlowCommands(_RewritesReplies):
    """Takes 3.2 s to answer a command, past Discord's 3-second deadline.

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
    collateral={
        **failed(
            *_cases("reply.valid-callback.modal", _MODAL_SAMPLES),
            "robust.handled.modal.minimal",
            "reply.callback.bot.modal-submit",
            "robust.handled-other-layout.modal",
            *_CORPUS,
        ),
        **not_verified(  # the modal submit they compare with got no reply either
            *(f"robust.optional-fields.modal.no-{field}" for field in ("channel", "channel-id", "context"))
        ),
    },
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
        self.reference: Endpoint = _reference(public_key)

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
        return _reference(public_key, max_body_size=2**62)  # MUTANT: the bridge's default is 1 MiB


# ---------------------------------------------------------------------------------------------------------------------
# Conformance bot: the reference's reply to one of the bot's interactions broken, caught by the ``--bot`` cases


@mutant(
    "reply.callback",
    caught={
        **failed(
            *(
                case
                for case in _BOT_CASES
                if case.startswith("reply.callback.") and case not in (_MODAL_SUBMIT, "reply.callback.bot.rest")
            )
        ),  # /rest's callback went through REST before the 204, and is judged there
        **not_verified(_MODAL_SUBMIT),  # /feedback opened no modal, so what Discord would submit is unknown
    },
    collateral={
        **failed(
            "rest.deferral-completed.bot.defer-ephemeral",
            "rest.deferral-completed.bot.slow",
            "reply.charset.bot.echo-unicode",
            "reply.files.bot.file",
            "reply.none-202.bot.rest",
            "concurrency.independent.bot.slow",
            "concurrency.prompt.bot.slow",
            "reply.flags.bot.ephemeral",
            "reply.flags.bot.deferred-ephemeral",
            "reply.modal.bot.feedback",
            "reply.modal-label.bot.feedback",
            *_BOT_PICK,
        ),
        **not_verified(*_CORPUS, "reply.autocomplete.corpus"),  # no callback left to judge
        **not_verified("robust.handled-other-layout.modal"),  # no /feedback modal to learn the layout from
    },
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
    collateral=failed(*_non_ascii_corpus_commands(), *_CORPUS),
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
    "reply.flags",
    caught=failed("reply.flags.bot.ephemeral"),
    collateral=failed("reply.callback.bot.ephemeral"),
    details=dict.fromkeys(
        ("reply.flags.bot.ephemeral", "reply.callback.bot.ephemeral"),
        "callback 4 sets flags 66, of which IS_CROSSPOST may not be set",
    ),
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
    "reply.flags",
    caught=failed("reply.flags.bot.deferred-ephemeral"),
    collateral=failed("reply.callback.bot.deferred-ephemeral", "rest.deferral-completed.bot.defer-ephemeral"),
    details=dict.fromkeys(
        ("reply.flags.bot.deferred-ephemeral", "reply.callback.bot.deferred-ephemeral"),
        "callback 5 sets flags 68, of which SUPPRESS_EMBEDS may not be set (allowed: EPHEMERAL)",
    ),
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
    details={"reply.files.bot.file": "[reply.files] the file part files[0] has no filename"},
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
    details={"reply.files.bot.file": "[reply.files] a file part is named 'file0', not files[n]"},
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
    collateral=failed("reply.none-202.bot.rest", "rest.http-reply.run"),
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
    "concurrency.prompt",
    caught=failed("concurrency.prompt.bot.slow"),
    details={"concurrency.prompt.bot.slow": "/echo got no reply within 1.5s while /slow was pending"},
)
class HandlesOneAtATime(_ReferenceWrapper):
    """Handles one interaction at a time, holding a lock, so ``/slow``'s work keeps every other interaction waiting.

    Its one worker does ``/slow``'s two seconds of work before it takes the next request, after the deferral.
    """

    def __init__(self, public_key: bytes) -> None:
        super().__init__(public_key)
        self.lock = asyncio.Lock()

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await read_body(receive)
        if body is None:
            return
        async with self.lock:  # MUTANT: the reference handles requests concurrently
            await self.reference(scope, replay(body), send)
            if _Route.of(body).is_command(bot.SLOW):
                await asyncio.sleep(bot.SLOW_DELAY_S)  # MUTANT: /slow's work, holding the only worker


@mutant(
    "reply.autocomplete",
    caught=failed("reply.autocomplete.bot.pick-integer"),
    collateral=failed("reply.callback.bot.autocomplete-integer"),
    details=dict.fromkeys(
        ("reply.autocomplete.bot.pick-integer", "reply.callback.bot.autocomplete-integer"),
        "is a string for an option of type 4",
    ),
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
# What Discord accepts in a reply: the reference's callbacks, one thing changed on the way out

_Json: typing.TypeAlias = dict[str, typing.Any]
_EPHEMERAL: typing.Final = 1 << 6
_IS_COMPONENTS_V2: typing.Final = 1 << 15
_MAX_ACTION_ROWS: typing.Final = 5
_MAX_MODAL_COMPONENTS: typing.Final = 5
_ACCEPTED_PAGE: typing.Final = b"202: Accepted"
_JSON_TYPE: typing.Final = b"application/json"
_CALLBACK_BOT_COMMANDS: typing.Final = (
    "reply.callback.bot.echo",
    "reply.callback.bot.ephemeral",
    "reply.charset.bot.echo-unicode",
    "concurrency.independent.bot.slow",
    "concurrency.prompt.bot.slow",
    "reply.callback.bot.followup",
)
"""The conformance bot's cases that check a command's reply is a message (`_expect_message`)."""


class _RewritesCallbacks(_RewritesReplies):
    """Lets the reference answer, then passes each JSON callback but PONG through `change`."""

    __slots__ = ()

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        content_type = dict((name.lower(), value) for name, value in reply.headers).get(b"content-type", b"")
        if not _succeeded(reply) or not content_type.startswith(_JSON_TYPE) or reply.body == _PONG:
            return reply
        return reply.with_json(self.change(route, typing.cast("_Json", reply.json_object())))

    def change(self, route: _Route, callback: _Json) -> _Json:
        """Return the callback to send in place of the reference's, for the request ``route`` describes."""
        return callback


@mutant("reply.premium-required", caught=failed("reply.premium-required.corpus"))
class PremiumRequiredForContextMenus(_RewritesCallbacks):
    """Gates context-menu commands behind a subscription with the deprecated PREMIUM_REQUIRED (10) callback."""

    def change(self, route: _Route, callback: _Json) -> _Json:
        if route.type == InteractionType.APPLICATION_COMMAND and route.command_type in (2, 3):
            return {"type": int(CallbackType.PREMIUM_REQUIRED)}  # MUTANT: the reference sends a message
        return callback


@mutant("reply.status", caught=failed("reply.status.corpus"))
class CallbacksAre201(_RewritesReplies):
    """Sends every callback but PONG with 201 Created, as web frameworks that default a POST's status to 201 do."""

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if reply.status == 200 and reply.body and reply.body != _PONG:
            return reply.replaced(status=201)  # MUTANT: the reference sends 200
        return reply


@mutant(
    "reply.none",
    caught=failed("reply.none.bot.rest"),
    collateral=failed("reply.none-202.bot.rest", "rest.http-reply.run"),
    details={
        "reply.none.bot.rest": "/rest: expected a 2xx reply with no body, got 202 (text/plain, b'202: Accepted')",
        "rest.http-reply.run": "it carried 202 (text/plain, b'202: Accepted')",
    },
)
class RestAcceptedWithBody(_RewritesReplies):
    """Answers ``/rest``, answered through Discord's REST callback, with 202 and a ``202: Accepted`` text body.

    The way aiohttp's ``HTTPAccepted`` answers: the status Discord asks for, but with a body.
    """

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if route.is_command(bot.REST) and reply.status == 202:
            return reply.replaced(content_type=b"text/plain; charset=utf-8", body=_ACCEPTED_PAGE)  # MUTANT: no body
        return reply


@mutant(
    "reply.flags",
    caught=failed("reply.flags.corpus", "reply.flags.bot.ephemeral"),
    collateral=failed("reply.callback.bot.ephemeral"),
    details={"reply.flags.bot.ephemeral": "a message with IS_COMPONENTS_V2 carries content"},
)
class EphemeralComponentsV2(_RewritesCallbacks):
    """Sends ephemeral messages as Components V2 (IS_COMPONENTS_V2) but keeps the content V2 messages cannot carry."""

    def change(self, route: _Route, callback: _Json) -> _Json:
        data = callback.get("data", {})
        if callback["type"] == CallbackType.CHANNEL_MESSAGE_WITH_SOURCE and data.get("flags", 0) & _EPHEMERAL:
            data["flags"] |= _IS_COMPONENTS_V2  # MUTANT: the reference sends a legacy message
        return callback


@mutant(
    "reply.message-limits",
    caught=failed("reply.message-limits.corpus"),
    collateral=failed("reply.callback.bot.update"),
    details={"reply.message-limits.corpus": "6 top-level components, more than 5 action rows"},
)
class SixPageRows(_RewritesCallbacks):
    """Edits a clicked message to show a pager of six pages, one action row of buttons per page: one row too many."""

    def change(self, route: _Route, callback: _Json) -> _Json:
        if callback["type"] == CallbackType.UPDATE_MESSAGE:
            rows = [
                {"type": 1, "components": [{"type": 2, "style": 2, "label": f"{page}", "custom_id": f"page:{page}"}]}
                for page in range(1, _MAX_ACTION_ROWS + 2)  # MUTANT: the reference sends no components
            ]
            callback["data"]["components"] = rows
        return callback


@mutant(
    "reply.message-limits",
    caught=failed("reply.message-limits.corpus"),
    collateral=failed(*_CALLBACK_BOT_COMMANDS),
    details={"reply.message-limits.corpus": "allowed_mentions.parse holds 'users' beside a list of"},
)
class MentionsInvokerBesideParse(_RewritesCallbacks):
    """Lets a command's reply ping its invoker by listing them in allowed_mentions.users beside ``parse: ["users"]``."""

    def change(self, route: _Route, callback: _Json) -> _Json:
        if (
            route.type == InteractionType.APPLICATION_COMMAND
            and callback["type"] == CallbackType.CHANNEL_MESSAGE_WITH_SOURCE
        ):
            # MUTANT: parse and users are exclusive; the reference sends no allowed_mentions
            callback["data"]["allowed_mentions"] = {"parse": ["users"], "users": ["470518848823492608"]}
        return callback


def _feedback_mutant(summary_text: str) -> Callable[[_EndpointT], _EndpointT]:
    """Declare a mutant that breaks ``reply.modal`` in the ``/feedback`` modal, whose detail holds ``summary_text``."""
    return mutant(
        "reply.modal",
        caught=failed("reply.modal.bot.feedback"),
        collateral=failed("reply.callback.bot.modal"),
        details={"reply.modal.bot.feedback": summary_text},
    )


class _ChangesFeedback(_RewritesCallbacks):
    """Passes the ``/feedback`` modal's data through `change_modal`."""

    __slots__ = ()

    def change(self, route: _Route, callback: _Json) -> _Json:
        if route.is_command(bot.FEEDBACK) and callback["type"] == CallbackType.MODAL:
            self.change_modal(callback["data"])
        return callback

    def change_modal(self, data: _Json) -> None:
        """Change the modal's data in place."""


@_feedback_mutant(f"a modal needs 1 to {_MAX_MODAL_COMPONENTS} component objects")
class FeedbackSixQuestions(_ChangesFeedback):
    """Asks six questions in the ``/feedback`` modal, one Label more than the five a modal holds."""

    def change_modal(self, data: _Json) -> None:
        label = data["components"][0]
        questions = [
            {**label, "component": {**label["component"], "custom_id": f"{bot.FEEDBACK_INPUT}:{number}"}}
            for number in range(_MAX_MODAL_COMPONENTS + 1)  # MUTANT: the reference asks one question
        ]
        data["components"] = questions


@_feedback_mutant("a modal component (4) is disabled")
class FeedbackInputDisabled(_ChangesFeedback):
    """Writes the ``/feedback`` text input's ``disabled`` from its ``enabled`` state without negating it."""

    def change_modal(self, data: _Json) -> None:
        data["components"][0]["component"]["disabled"] = True  # MUTANT: the reference writes no disabled field


@_feedback_mutant("a modal's top-level component of type 2 is not allowed")
class FeedbackSubmitButton(_ChangesFeedback):
    """Adds a Submit button (component type 2) to the ``/feedback`` modal, a kind a modal cannot hold."""

    def change_modal(self, data: _Json) -> None:
        submit = {"type": 2, "style": 1, "label": "Submit", "custom_id": "submit"}
        data["components"].append(submit)  # MUTANT: Discord draws the modal's own submit button


@mutant(
    "reply.modal-label",
    caught=failed("reply.modal-label.bot.feedback"),
    details={"reply.modal-label.bot.feedback": "the modal holds 1 action row(s) of text inputs, a deprecated form"},
)
class FeedbackActionRows(_ChangesFeedback):
    """Builds the ``/feedback`` modal in the deprecated layout: its text input in an action row, with its own label."""

    def change_modal(self, data: _Json) -> None:
        rows = [
            {"type": 1, "components": [{**label["component"], "label": label["label"]}]} for label in data["components"]
        ]
        data["components"] = rows  # MUTANT: the reference wraps the input in a Label (18)


@mutant(
    "reply.files",
    caught=failed("reply.files.bot.file"),
    details={"reply.files.bot.file": "[reply.files] attachment id 1 names no files[n] part (0)"},
)
class AttachmentIdsFromOne(_RewritesReplies):
    """Numbers ``/file``'s attachments from 1 in payload_json while its part is ``files[0]``."""

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if route.is_command(bot.FILE) and _succeeded(reply):
            body = reply.body.replace(b'"attachments":[{"id":0', b'"attachments":[{"id":1')  # MUTANT: ids from 0
            return reply.replaced(body=body)
        return reply


_ATTACHMENT_SIZE_LIMIT: typing.Final = 10 * 1024 * 1024
"""The ``attachment_size_limit`` of the corpus's interactions (10 MiB, the limit without boosts)."""


@mutant(
    "reply.files",
    caught=failed("reply.files.bot.file"),
    details={"reply.files.bot.file": "holds 10485761 bytes, more than the interaction's attachment_size_limit"},
)
class FileOverTheSizeLimit(_RewritesReplies):
    """Pads ``/file``'s file with a diagnostics dump to one byte past the interaction's ``attachment_size_limit``."""

    async def rewrite(self, route: _Route, reply: Reply) -> Reply:
        if route.is_command(bot.FILE) and _succeeded(reply):
            padding = b"\0" * (_ATTACHMENT_SIZE_LIMIT + 1 - len(bot.FILE_DATA))
            return reply.replaced(body=reply.body.replace(bot.FILE_DATA, bot.FILE_DATA + padding))  # MUTANT: 10 MiB
        return reply


_ACTION_ROW_SUBMISSIONS: typing.Final = (
    "reply.valid-callback.modal.action_rows",
    "timing.deadline.modal.action_rows",
    *_CORPUS,
)
"""The cases that send the corpus's one modal submission in the deprecated layout, besides the layout's own."""


@mutant(
    "robust.handled-other-layout",
    caught=failed("robust.handled-other-layout.modal"),
    collateral=failed(*_ACTION_ROW_SUBMISSIONS),
    breaching=_ACTION_ROW_SUBMISSIONS,
    details={"robust.handled-other-layout.modal": "modal.action_rows got 500"},
)
class CrashesOnActionRowSubmissions(_ReferenceWrapper):
    """Builds its modals with Labels and crashes (500) on a submission in action rows, which it never opens.

    Discord never sends it such a submission: only a SHOULD finding, never a MUST failure of robust.handled.
    """

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await read_body(receive)
        if body is None:
            return
        if _type_of(body) == InteractionType.MODAL_SUBMIT and submission_layout(json.loads(body)) == ACTION_ROW:
            await send_reply(send, Reply(500, [(b"content-type", b"text/plain")], b"Internal Server Error"))  # MUTANT
            return
        await self.reference(scope, replay(body), send)


# ---------------------------------------------------------------------------------------------------------------------
# The REST half: the reference's REST calls (to the Discord API double, DISCORD_API_URL) changed, caught by ``rest``


_TLS_CONTEXT: typing.Final = ssl.create_default_context()
"""One TLS context for every client a mutant makes (the double is plain HTTP, but httpx builds one regardless)."""


def _api_url() -> str:
    """Return the base URL the run's double serves at, which the test sets in the mutant's environment."""
    return os.environ.get(DISCORD_API_URL_ENV, "http://127.0.0.1:9/api/v10")


def _ids(body: bytes) -> tuple[str, str]:
    """Return an interaction's ID and token."""
    payload = typing.cast("dict[str, object]", json.loads(body))
    return str(payload.get("id")), str(payload.get("token"))


class _AnswersRestItself(_ReferenceWrapper):
    """The reference, except that ``/rest`` is answered by `answer_rest` through the mutant's own REST client."""

    __slots__ = ("rest",)

    def __init__(self, public_key: bytes) -> None:
        super().__init__(public_key)
        self.rest = RestClient(_api_url())

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await read_body(receive)
        if body is None:
            return
        if not _Route.of(body).is_command(bot.REST):
            await self.reference(scope, replay(body), send)
            return
        interaction_id, token = _ids(body)
        with contextlib.suppress(RestError):
            await self.answer_rest(f"/interactions/{interaction_id}/{token}/callback")
        await send_reply(send, Reply(202, [], b""))

    async def answer_rest(self, callback_path: str) -> None:
        """Send ``/rest``'s callback to ``callback_path``."""
        await self.rest.request("POST", callback_path, {"type": 4, "data": {"content": bot.REST_CONTENT}})


@mutant(
    "rest.valid-body",
    caught=failed("rest.valid-body.bot.commands"),
    collateral=failed("reply.callback.bot.rest", "reply.none.bot.rest", "reply.none-202.bot.rest"),
    details={
        "rest.valid-body.bot.commands": "50035",
        "reply.callback.bot.rest": "[reply.message-limits] content must be a string of at most 2000 characters",
    },
)
class RestCallbackOverLimit(_AnswersRestItself):
    """Sends ``/rest``'s callback through REST with 2001 characters of content, which Discord refuses."""

    async def answer_rest(self, callback_path: str) -> None:
        data = {"content": "x" * 2001}  # MUTANT: a message's content is at most 2000 characters
        await self.rest.request("POST", callback_path, {"type": 4, "data": data})


@mutant(
    "rest.one-ack",
    caught=failed("rest.one-ack.bot.commands"),
    details={"rest.one-ack.bot.commands": "/rest: a second initial response"},
)
class RestAcknowledgesTwice(_AnswersRestItself):
    """Sends ``/rest``'s callback twice: the second is refused with 40060."""

    async def answer_rest(self, callback_path: str) -> None:
        await super().answer_rest(callback_path)
        with contextlib.suppress(RestError):
            await super().answer_rest(callback_path)  # MUTANT: an interaction takes one initial response


@mutant(
    "rest.deferral-completed",
    caught=failed("rest.deferral-completed.bot.defer-ephemeral", "rest.deferral-completed.bot.slow"),
    details={
        "rest.deferral-completed.bot.defer-ephemeral": "/defer-ephemeral: expected its REST message within 5s, got none"
    },
    max_duration_s={"rest.deferral-completed.bot.slow": 10.0},
)
class NeverCompletesDeferrals(_ReferenceWrapper):
    """Defers ``/defer-ephemeral`` and ``/slow`` and never edits the response."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await read_body(receive)
        if body is None:
            return
        route = _Route.of(body)
        if route.is_command(bot.DEFER_EPHEMERAL):
            await send_reply(send, json_reply(200, {"type": 5, "data": {"flags": bot.EPHEMERAL_FLAG}}))  # MUTANT
        elif route.is_command(bot.SLOW):
            await send_reply(send, json_reply(200, {"type": 5}))  # MUTANT: and no edit follows
        else:
            await self.reference(scope, replay(body), send)


@mutant(
    "rest.user-agent",
    caught=failed("rest.user-agent.bot.commands"),
    details={"rest.user-agent.bot.commands": "not 'DiscordBot ($url, $versionNumber)'"},
)
class RestWithoutUserAgent(_ReferenceWrapper):
    """Sends its REST calls with httpx's own User-Agent, not ``DiscordBot ($url, $versionNumber)``."""

    def make_reference(self, public_key: bytes) -> Endpoint:
        return reference_app(public_key, rest_client=RestClient(_api_url(), user_agent=None))  # MUTANT


@mutant(
    "rest.api-version",
    caught=failed("rest.api-version.bot.commands"),
    details={"rest.api-version.bot.commands": "names no API version (expected /api/v10/...)"},
)
class RestWithoutApiVersion(_ReferenceWrapper):
    """Sends its REST calls to ``/api/...`` with no version in the path, leaving Discord to pick its default."""

    def make_reference(self, public_key: bytes) -> Endpoint:
        unversioned = _api_url().removesuffix(f"/v{API_VERSION}")  # MUTANT: the reference's base URL names v10
        return reference_app(public_key, rest_client=RestClient(unversioned))


class _ImpatientClient(RestClient):
    __slots__ = ()

    def retry_delay(self, response: httpx.Response) -> float:
        return 0.0  # MUTANT: retries at once, whatever Retry-After says


@mutant(
    "rest.retry-after",
    caught=failed("rest.retry-after.bot.followup"),
    details={"rest.retry-after.bot.followup": "was retried"},
)
class RetriesBeforeRetryAfter(_ReferenceWrapper):
    """Retries a rate-limited REST call at once, before its ``Retry-After`` has elapsed."""

    def make_reference(self, public_key: bytes) -> Endpoint:
        return reference_app(public_key, rest_client=_ImpatientClient(_api_url()))


@mutant(
    "rest.http-reply",
    caught=failed("rest.http-reply.run"),
    details={"rest.http-reply.run": "got an HTTP reply with a body instead of 202 and no body"},
)
class RepliesAfterRestCallback(_ReferenceWrapper):
    """Sends each reply through the REST callback, then in the HTTP reply too (200 with the body), not 202."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await read_body(receive)
        if body is None:
            return
        reply = await capture(self.reference, scope, body)
        if _type_of(body) not in (None, InteractionType.PING) and _succeeded(reply) and reply.body:
            await _forward_callback(body, reply)
        await send_reply(send, reply)  # MUTANT: after a REST callback, 202 and no body


async def _forward_callback(body: bytes, reply: Reply) -> None:
    """Send ``reply``'s body, JSON or multipart, to the interaction's callback endpoint, as it is."""
    interaction_id, token = _ids(body)
    headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in reply.headers}
    headers = {name: value for name, value in headers.items() if name.lower() == "content-type"}
    headers["User-Agent"] = USER_AGENT
    async with httpx.AsyncClient(base_url=_api_url(), timeout=10.0, verify=_TLS_CONTEXT) as client:
        with contextlib.suppress(httpx.HTTPError):
            await client.post(f"/interactions/{interaction_id}/{token}/callback", content=reply.body, headers=headers)


class AnswersEverythingByRest(_ReferenceWrapper):
    """Not a mutant: answers every interaction but PING through the REST callback, and the HTTP request with 202."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await read_body(receive)
        if body is None:
            return
        reply = await capture(self.reference, scope, body)
        if _type_of(body) in (None, InteractionType.PING) or not _succeeded(reply) or not reply.body:
            await send_reply(send, reply)
            return
        await _forward_callback(body, reply)
        await send_reply(send, Reply(202, [], b""))


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
    for endpoint in (
        AnswersErrorsToInteractions,
        RejectsInteractions,
        HangsWithoutChannel,
        ServedUnderAPath,
        AnswersEverythingByRest,
    )
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
