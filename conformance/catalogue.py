"""The normative clauses of the spec: ID, level, origin, requirement and source.

Clause IDs are stable names (``section.name``), never positions: a clause keeps
its ID for life and a retired ID is never reused. Case IDs extend their
clause's ID, so selecting a prefix selects whole clauses or sections.

Every clause has an **origin**, which bounds its level:

- `Origin.DISCORD`: Discord's documentation requires it; the clause carries the
  sentences it rests on (`Clause.quotes`), quoted from a pinned commit of
  discord/discord-api-docs (`DISCORD_DOCS_COMMIT`).
- `Origin.CONTRACT`: the semantics of `interaction_spec` (registry, dispatch,
  listener shapes). MUST in process; over HTTP only an endpoint that runs the
  conformance bot (``--bot``) has declared those semantics, so only its cases
  check them there.
- `Origin.HARDENING`: defensive behaviour neither requires; SHOULD at most.
"""

from __future__ import annotations

__all__ = ("CLAUSES", "DISCORD_DOCS_COMMIT", "SECTIONS", "Clause", "Level", "Origin", "Quote", "clause")

import dataclasses
import enum
import typing

DISCORD_DOCS_COMMIT: typing.Final = "c98d64bc233833839cf0d8d369e81b77f21ade60"
"""The commit of discord/discord-api-docs every quote and line number refers to (2026-08-06)."""

_RR: typing.Final = "developers/interactions/receiving-and-responding.mdx"
_OV: typing.Final = "developers/interactions/overview.mdx"
_REF: typing.Final = "developers/reference.mdx"
_CONTRACT: typing.Final = "interaction_spec contract"


class Level(enum.Enum):
    """RFC 2119 requirement levels."""

    MUST = "MUST"
    SHOULD = "SHOULD"
    MAY = "MAY"


class Origin(enum.Enum):
    """Where a clause comes from."""

    DISCORD = "discord"
    """Discord's documentation requires it."""
    CONTRACT = "contract"
    """The `interaction_spec` contract defines it."""
    HARDENING = "hardening"
    """Defensive behaviour that neither requires."""

    @property
    def title(self) -> str:
        """How reports name the clauses of this origin."""
        return _ORIGIN_TITLES[self]


_ORIGIN_TITLES: typing.Final = {
    Origin.DISCORD: "Discord requirements",
    Origin.CONTRACT: "contract",
    Origin.HARDENING: "hardening",
}


@dataclasses.dataclass(frozen=True, slots=True)
class Quote:
    """A sentence of Discord's documentation, as rendered (no Markdown), with where it stands."""

    path: str
    """The file in discord/discord-api-docs at `DISCORD_DOCS_COMMIT`."""
    line: int
    text: str


@dataclasses.dataclass(frozen=True, slots=True)
class Clause:
    """One normative requirement."""

    id: str
    level: Level
    origin: Origin
    requirement: str
    """The requirement in one sentence."""
    quotes: tuple[Quote, ...] = ()
    """For a `Origin.DISCORD` clause, the sentences of Discord's documentation it rests on."""
    sources: tuple[str, ...] = ()
    """Other sources: the contract member it rests on, or a standard."""
    rationale: str = ""
    """Why the level is what it is, where that is not obvious."""

    @property
    def section(self) -> str:
        """The section the clause belongs to: its ID up to the first dot."""
        return self.id.split(".", 1)[0]


SECTIONS: typing.Final[typing.Mapping[str, str]] = {
    "sig": "Signature verification",
    "ping": "PING and PONG",
    "input": "Malformed and unknown input",
    "robust": "Robustness",
    "dispatch": "Dispatch to listeners",
    "registry": "The listener registry",
    "reply": "Reply mapping",
    "listener": "Failing listeners",
    "asyncgen": "Async-generator listeners",
    "concurrency": "Concurrency",
    "timing": "Timing",
    "http": "HTTP transport",
    "static": "Static typing of the registry",
}

_MUST_VALIDATE: typing.Final = Quote(_OV, 110, "you must validate the request each time you receive an interaction.")
_SHOULD_401: typing.Final = Quote(
    _OV, 110, "If the signature fails validation, your app should respond with a 401 error code."
)
_PROBES: typing.Final = Quote(
    _OV,
    210,
    "Discord will also perform automated, routine security checks against your endpoint, including purposefully "
    "sending you invalid signatures. If you fail the validation, we will remove your interactions URL and alert you "
    "via email and System DM.",
)
_PUBLIC: typing.Final = Quote(
    _OV, 103, "The internet is a scary place, especially for people hosting public, unauthenticated endpoints."
)
_PONG: typing.Final = Quote(
    _OV,
    81,
    "Your app is expected to acknowledge the request by returning a 200 response with a PONG payload (which has the "
    "same type: 1).",
)
_PONG_CONTENT_TYPE: typing.Final = Quote(_OV, 84, "You must provide a valid Content-Type when responding to PINGs.")
_CONTENT_TYPE: typing.Final = Quote(
    _REF,
    249,
    "Clients using the HTTP API must provide a valid Content-Type header, either application/json, "
    "application/x-www-form-urlencoded, or multipart/form-data, except where specified.",
)
_DEADLINE: typing.Final = Quote(
    _RR,
    351,
    "you must send an initial response within 3 seconds of receiving the event. If the 3 second deadline is "
    "exceeded, the token will be invalidated.",
)
_REST_202: typing.Final = Quote(
    _RR,
    334,
    "If you send this request for an interaction received over HTTP, respond to the original HTTP request with a "
    "202 and no body.",
)
_MULTIPART: typing.Final = Quote(
    _REF,
    433,
    "To add file(s), the standard application/json body must be replaced by a multipart/form-data body.",
)
_FILE_PARTS: typing.Final = Quote(
    _REF,
    435,
    "All files[n] parameters must include a valid Content-Disposition subpart header with a filename and unique "
    "name parameter.",
)
_FILE_INDEX: typing.Final = Quote(
    _REF,
    435,
    "The suffixed index n is the snowflake placeholder that can be used in the attachments field, which can be "
    "passed to the payload_json parameter (or Callback Data Payloads).",
)

CLAUSES: typing.Final[tuple[Clause, ...]] = (
    Clause(
        "sig.reject",
        Level.MUST,
        Origin.DISCORD,
        "A request that does not carry a valid X-Signature-Ed25519 over X-Signature-Timestamp and the exact body "
        "bytes, by the application's public key, gets a 4xx reply, whatever its body, size or headers.",
        (_MUST_VALIDATE, _PROBES),
        rationale="Anyone on the internet can send such a request; Discord itself sends some to test the endpoint.",
    ),
    Clause(
        "sig.status-401",
        Level.SHOULD,
        Origin.DISCORD,
        "A request that fails verification gets 401 Unauthorized.",
        (_SHOULD_401,),
        rationale="The docs say 'should'; Discord's probes only need a rejection.",
    ),
    Clause(
        "sig.no-dispatch",
        Level.MUST,
        Origin.CONTRACT,
        "A request that fails verification never reaches a listener.",
        sources=(f"{_CONTRACT}: InteractionServer.on_interaction",),
        rationale="An unverified body is attacker-controlled; handing it to application code defeats verification.",
    ),
    Clause(
        "sig.accept",
        Level.MUST,
        Origin.DISCORD,
        "A correctly signed request is accepted, whatever the bytes of its JSON: the signature is checked over the "
        "body exactly as received, never over a decoded or re-serialised form.",
        (_MUST_VALIDATE, _PONG),
        rationale="Discord signs the bytes it sends; a verifier that re-serialises the JSON rejects genuine requests "
        "whose spacing, key order or escapes differ from its own output.",
    ),
    Clause(
        "sig.survives",
        Level.MUST,
        Origin.DISCORD,
        "Unsigned input of any shape (huge, malformed, without signature headers) neither stops nor hangs the "
        "endpoint: the next signed PING still gets PONG.",
        (_PUBLIC, _MUST_VALIDATE, _PROBES),
        rationale="Anyone can send such input; an endpoint it takes down fails every interaction after it.",
    ),
    Clause(
        "sig.stale-timestamp",
        Level.MAY,
        Origin.HARDENING,
        "An implementation may reject a correctly signed request whose timestamp is far from the current time; "
        "if it does, the reply is a 4xx and no listener runs.",
        rationale="The docs define no freshness window and common libraries enforce none, so replay protection is an "
        "optional, stricter behaviour; the case passes either way unless the answer is neither PONG nor a 4xx.",
    ),
    Clause(
        "ping.pong",
        Level.MUST,
        Origin.DISCORD,
        'A verified PING gets 200 with the JSON body {"type": 1} and Content-Type application/json, and reaches '
        "no listener.",
        (_PONG, _PONG_CONTENT_TYPE),
    ),
    Clause(
        "input.reject",
        Level.SHOULD,
        Origin.HARDENING,
        "A verified body that is not a JSON object with an integer type gets a 4xx reply and reaches no listener.",
        rationale="Only Discord can sign a body, and Discord never sends these; rejecting them rather than guessing "
        '(reading "1" as PING) is good practice, not protocol.',
    ),
    Clause(
        "input.unknown-type",
        Level.SHOULD,
        Origin.HARDENING,
        "A verified interaction of a type the implementation does not handle gets a non-2xx reply and reaches no "
        "listener.",
        rationale="A 2xx reply promises a callback the server cannot produce; but such a request would come from a "
        "future Discord, not an attacker, so the requirement is defensive.",
    ),
    Clause(
        "input.survives",
        Level.SHOULD,
        Origin.HARDENING,
        "After a verified body that is not an interaction (malformed, not UTF-8, deeply nested), the next signed "
        "PING still gets PONG.",
        rationale="Only Discord can sign a body, so this input is not an attack; still, one bad request should not "
        "take the endpoint down.",
    ),
    Clause(
        "robust.handled",
        Level.MUST,
        Origin.DISCORD,
        "A well-formed, correctly signed interaction never gets a 5xx reply, no reply, or a dropped connection.",
        (_DEADLINE,),
        rationale="Discord shows the user a failed interaction. Every case that sends such an interaction and gets "
        "one of these answers fails at MUST level, whatever its own clause's level.",
    ),
    Clause(
        "robust.never-raises",
        Level.MUST,
        Origin.CONTRACT,
        "on_interaction returns a Response for any bytes input and never raises.",
        sources=(f"{_CONTRACT}: InteractionServer.on_interaction",),
        rationale="The HTTP layer must always be able to answer; an exception escaping leaves it to a framework's "
        "generic error page or a dropped connection.",
    ),
    Clause(
        "robust.response",
        Level.MUST,
        Origin.CONTRACT,
        "What on_interaction returns honours the Response protocol: an HTTP status code, bytes or no payload, str "
        "or no content type and charset, str headers, and at most 10 readable files.",
        sources=(f"{_CONTRACT}: Response",),
    ),
    Clause(
        "robust.no-leak",
        Level.SHOULD,
        Origin.HARDENING,
        "No reply, to any request, carries a stack trace or exception text in its body.",
        rationale="Exception text can reveal internals to whoever sent the request; it belongs in logs.",
    ),
    Clause(
        "dispatch.route",
        Level.MUST,
        Origin.CONTRACT,
        "A verified interaction reaches the listener registered for its kind, exactly once, and no other listener.",
        sources=(f"{_CONTRACT}: InteractionServer.set_listener",),
    ),
    Clause(
        "dispatch.fields",
        Level.MUST,
        Origin.CONTRACT,
        "The interaction a listener receives carries the payload's values in the spec's properties.",
        sources=(f"{_CONTRACT}: interaction types",),
    ),
    Clause(
        "dispatch.no-listener",
        Level.MUST,
        Origin.CONTRACT,
        "A verified interaction of a kind with no registered listener gets a non-2xx reply.",
        sources=(f"{_CONTRACT}: InteractionServer.get_listener",),
        rationale="A 2xx reply tells Discord the interaction was handled; with no listener it never will be.",
    ),
    Clause(
        "registry.empty",
        Level.MUST,
        Origin.CONTRACT,
        "get_listener returns None for every kind of a server with no listener registered.",
        sources=(f"{_CONTRACT}: InteractionServer.get_listener",),
    ),
    Clause(
        "registry.set",
        Level.MUST,
        Origin.CONTRACT,
        "After set_listener(kind, listener), get_listener(kind) returns that listener and other kinds are unchanged.",
        sources=(f"{_CONTRACT}: InteractionServer.set_listener",),
    ),
    Clause(
        "registry.conflict",
        Level.MUST,
        Origin.CONTRACT,
        "set_listener for a kind that already has a listener, without replace=True, raises TypeError and keeps "
        "the registered listener.",
        sources=(f"{_CONTRACT}: InteractionServer.set_listener",),
        rationale="hikari's docstring names ValueError in one place and TypeError in another; the spec settles on "
        "TypeError, which hikari raises.",
    ),
    Clause(
        "registry.replace",
        Level.MUST,
        Origin.CONTRACT,
        "set_listener with replace=True replaces the registered listener, for get_listener and for dispatch.",
        sources=(f"{_CONTRACT}: InteractionServer.set_listener",),
    ),
    Clause(
        "registry.unset",
        Level.MUST,
        Origin.CONTRACT,
        "set_listener(kind, None) removes the kind's listener, without needing replace and without error when "
        "there is none.",
        sources=(f"{_CONTRACT}: InteractionServer.set_listener",),
    ),
    Clause(
        "reply.callback",
        Level.MUST,
        Origin.CONTRACT,
        "The reply a listener builds becomes a 200 reply whose JSON body is that callback object (over HTTP: the "
        "conformance bot's replies are exactly as its profile defines).",
        sources=(f"{_CONTRACT}: InteractionServer.on_interaction", "the conformance bot profile (bot.md)"),
    ),
    Clause(
        "reply.content-type",
        Level.MUST,
        Origin.DISCORD,
        "A reply with a JSON body declares Content-Type application/json.",
        (_PONG_CONTENT_TYPE, _CONTENT_TYPE),
    ),
    Clause(
        "reply.charset",
        Level.MUST,
        Origin.CONTRACT,
        "A JSON reply is UTF-8 and says so or says nothing: its charset is utf-8 or absent, and non-ASCII "
        "content arrives intact.",
        sources=(f"{_CONTRACT}: Response.charset", "RFC 8259, section 8.1"),
        rationale="RFC 8259 makes UTF-8 the encoding of JSON exchanged between systems.",
    ),
    Clause(
        "reply.files",
        Level.MUST,
        Origin.DISCORD,
        "Files on a reply arrive with their names and content unchanged: in process in Response.files, over HTTP as "
        "multipart/form-data with a payload_json part and one files[n] part per file, each with a name and a "
        "filename, and any attachments the JSON lists are numbered by those n.",
        (_MULTIPART, _FILE_PARTS, _FILE_INDEX),
    ),
    Clause(
        "reply.files-limit",
        Level.MUST,
        Origin.CONTRACT,
        "A reply carrying more than 10 files is never sent as a 2xx reply.",
        sources=(f"{_CONTRACT}: Response.files",),
        rationale="Response.files holds at most 10 files; silently dropping the rest would hide the listener's error.",
    ),
    Clause(
        "reply.none",
        Level.MUST,
        Origin.DISCORD,
        "An interaction the application answers through Discord's REST callback (in process: a listener that "
        "produces None) gets a 2xx reply with no body.",
        (_REST_202,),
        sources=(f"{_CONTRACT}: ListenerT",),
    ),
    Clause(
        "reply.none-202",
        Level.SHOULD,
        Origin.DISCORD,
        "An interaction the application answers through Discord's REST callback gets 202 Accepted.",
        (_REST_202,),
        rationale="The docs ask for a 202; a 204 also tells Discord there is no body, so it passes the MUST clause "
        "reply.none and fails only this one.",
    ),
    Clause(
        "reply.valid-callback",
        Level.MUST,
        Origin.DISCORD,
        "Every 2xx JSON reply carries a callback type valid for the interaction's type, with data within "
        "Discord's limits and only the message flags Discord allows.",
        (
            Quote(_RR, 280, "Only valid for component-based interactions"),
            Quote(_RR, 282, "Not available for MODAL_SUBMIT and PING interactions."),
            Quote(
                _RR,
                299,
                "only SUPPRESS_EMBEDS, EPHEMERAL, IS_COMPONENTS_V2, IS_VOICE_MESSAGE, and SUPPRESS_NOTIFICATIONS can "
                "be set",
            ),
            Quote(
                _RR,
                304,
                "If you create a callback with the type DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE the only valid message "
                "flag you may use is EPHEMERAL.",
            ),
        ),
        rationale="Discord rejects any other callback and the user sees the interaction fail.",
    ),
    Clause(
        "listener.error",
        Level.MUST,
        Origin.CONTRACT,
        "A listener that raises, yields nothing, or produces something that is not a reply builder gets a 5xx reply.",
        sources=(f"{_CONTRACT}: ListenerT",),
    ),
    Clause(
        "listener.error-no-leak",
        Level.MUST,
        Origin.CONTRACT,
        "The reply to a failing listener carries no exception text or traceback.",
        sources=(f"{_CONTRACT}: InteractionServer.on_interaction",),
        rationale="Exception text can reveal internals to whoever sent the request; it belongs in logs.",
    ),
    Clause(
        "listener.error-recovers",
        Level.MUST,
        Origin.CONTRACT,
        "After a listener fails, the server answers the next request normally.",
        sources=(f"{_CONTRACT}: InteractionServer.on_interaction",),
    ),
    Clause(
        "asyncgen.first-yield",
        Level.MUST,
        Origin.CONTRACT,
        "The first value an async-generator listener yields is the reply, returned while the generator is paused.",
        sources=(f"{_CONTRACT}: ListenerT",),
    ),
    Clause(
        "asyncgen.continuation",
        Level.MUST,
        Origin.CONTRACT,
        "An async-generator listener's code after its first yield runs to completion after the reply, and is not "
        "lost to garbage collection.",
        sources=(f"{_CONTRACT}: ListenerT",),
    ),
    Clause(
        "asyncgen.second-yield",
        Level.MUST,
        Origin.CONTRACT,
        "A second yield from an async-generator listener never reaches the caller: the reply stays the first "
        "value and the generator is closed.",
        sources=(f"{_CONTRACT}: ListenerT",),
    ),
    Clause(
        "concurrency.independent",
        Level.MUST,
        Origin.DISCORD,
        "An interaction that is still being handled does not delay the reply to another interaction.",
        (_DEADLINE,),
        rationale="Each interaction has its own 3-second deadline; serialising handlers makes one slow command fail "
        "others.",
    ),
    Clause(
        "timing.deadline",
        Level.MUST,
        Origin.DISCORD,
        "An interaction answered at once, including one carrying only the fields Discord always sends, gets its "
        "reply within 3 seconds of the request.",
        (_DEADLINE,),
    ),
    Clause(
        "http.method",
        Level.SHOULD,
        Origin.HARDENING,
        "A request with a method other than POST gets a 4xx reply and is not handled as an interaction.",
        rationale="Discord only ever POSTs; answering another method as an interaction invites requests Discord "
        "never sends.",
    ),
    Clause(
        "http.method-405",
        Level.MAY,
        Origin.HARDENING,
        "A request with a method other than POST gets 405 Method Not Allowed with an Allow header naming POST.",
        sources=("RFC 9110, section 15.5.6",),
        rationale="The status that says exactly what is wrong, as HTTP defines it; any 4xx already passes http.method.",
    ),
    Clause(
        "http.body-limit",
        Level.SHOULD,
        Origin.HARDENING,
        "A body far larger than any interaction (2 MiB), signed or not, gets 413 Content Too Large instead of "
        "being verified and parsed.",
        rationale="Interactions are a few kilobytes, and no Discord source limits the bodies Discord sends; reading "
        "and verifying megabytes per request lets anyone exhaust the endpoint.",
    ),
    Clause(
        "http.body-limit-early",
        Level.SHOULD,
        Origin.HARDENING,
        "An endpoint that refuses an oversized body answers before it has read the whole body.",
        rationale="Reading a body only to refuse it costs the bandwidth and time the limit is there to save.",
    ),
    Clause(
        "static.set-listener-rejects",
        Level.MUST,
        Origin.CONTRACT,
        "Under mypy --strict and pyright strict, calling the server class's set_listener with a listener the "
        "contract's overloads reject (wrong kind, wrong shape, wrong reply builder, no registrable kind) is an error.",
        sources=(f"{_CONTRACT}: InteractionServer.set_listener",),
        rationale="A bot's wrong listener must fail when it is type-checked, not when Discord first sends that "
        "kind; a registry that is untyped, or typed with one wide signature, turns every check off.",
    ),
    Clause(
        "static.set-listener-accepts",
        Level.MUST,
        Origin.CONTRACT,
        "Under mypy --strict and pyright strict, every listener registration the contract's set_listener overloads "
        "accept type-checks without an error on the server class.",
        sources=(f"{_CONTRACT}: InteractionServer.set_listener",),
        rationale="A bot written against the contract must type-check unchanged on any implementation.",
    ),
    Clause(
        "static.get-listener-rejects",
        Level.MUST,
        Origin.CONTRACT,
        "Under mypy --strict and pyright strict, a use of the server class's get_listener result that the "
        "contract's overloads reject (a narrower listener type, another kind's, a call without the None check) "
        "is an error.",
        sources=(f"{_CONTRACT}: InteractionServer.get_listener",),
    ),
    Clause(
        "static.get-listener-accepts",
        Level.MUST,
        Origin.CONTRACT,
        "Under mypy --strict and pyright strict, every use of get_listener the contract's overloads accept "
        "type-checks without an error on the server class, with the listener types the overloads give.",
        sources=(f"{_CONTRACT}: InteractionServer.get_listener",),
    ),
)

_BY_ID: typing.Final = {entry.id: entry for entry in CLAUSES}


def clause(clause_id: str) -> Clause:
    """Return the clause with the given ID.

    Raises
    ------
    KeyError
        If no clause has that ID.
    """
    return _BY_ID[clause_id]
