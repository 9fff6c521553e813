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

__all__ = (
    "CLAUSES",
    "DISCORD_DOCS_COMMIT",
    "DISCORD_DOCS_DATE",
    "SECTIONS",
    "Clause",
    "DocsChange",
    "Level",
    "Origin",
    "Quote",
    "clause",
)

import dataclasses
import enum
import typing

DISCORD_DOCS_COMMIT: typing.Final = "c98d64bc233833839cf0d8d369e81b77f21ade60"
"""The commit of discord/discord-api-docs every quote and line number refers to, unless a quote names another."""
DISCORD_DOCS_DATE: typing.Final = "2026-08-06"
"""The date of `DISCORD_DOCS_COMMIT`."""

_RR: typing.Final = "developers/interactions/receiving-and-responding.mdx"
_OV: typing.Final = "developers/interactions/overview.mdx"
_REF: typing.Final = "developers/reference.mdx"
_MESSAGE: typing.Final = "developers/resources/message.mdx"
_COMPONENTS: typing.Final = "developers/components/reference.mdx"
_COMMANDS: typing.Final = "developers/interactions/application-commands.mdx"
_CHANGELOG: typing.Final = "developers/change-log.mdx"
_OPCODES: typing.Final = "developers/topics/opcodes-and-status-codes.mdx"
_ACTIVITIES: typing.Final = "developers/activities/how-activities-work.mdx"
_RATE_LIMITS: typing.Final = "developers/topics/rate-limits.mdx"
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
    """The file in discord/discord-api-docs at `commit`."""
    line: int
    text: str
    commit: str = DISCORD_DOCS_COMMIT
    """The commit quoted: the pinned one, or an older one for what the docs said before (e.g. where a deprecated
    callback was valid)."""


@dataclasses.dataclass(frozen=True, slots=True)
class DocsChange:
    """A change to Discord's documentation merged after `DISCORD_DOCS_COMMIT`, which a clause already follows.

    The sentence it replaces is checked at the pin like any quote, so that moving the pin past the change makes the
    check fail until the change becomes a quote of its own.
    """

    pr: int
    """The pull request of discord/discord-api-docs that made the change."""
    merged: str
    """When it was merged (ISO date)."""
    replaces: Quote
    """The sentence at the pin that the change rewrites."""
    text: str
    """The sentence as the change writes it."""
    flips: str = ""
    """What the suite changes once the pin moves past the change, where it waits for that."""


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
    changes: tuple[DocsChange, ...] = ()
    """Changes to Discord's documentation after the pin that the clause follows (`Origin.DISCORD` only)."""

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
    "rest": "The REST half of an interaction (the Discord API double)",
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

_WEBHOOK: typing.Final = "developers/resources/webhook.mdx"
_POLL: typing.Final = "developers/resources/poll.mdx"
_BAD_REQUEST: typing.Final = Quote(
    _MESSAGE, 619, "Violating any of these constraints will result in a Bad Request response."
)
_NULL_IS_ABSENT: typing.Final = Quote(
    _WEBHOOK,
    341,
    "When the IS_COMPONENTS_V2 flag is set, any of the used content, embeds, files[n] or poll values in the initial "
    "message must be set to null first, otherwise it will fail with a 400 BAD REQUEST response.",
)
"""Discord tells apps to send null for a field they drop: a null field is an absent one, never a wrong type."""
_V2_STAYS: typing.Final = Quote(
    _COMPONENTS, 13, "Once a message has been sent with this flag, it can't be removed from that message."
)

_PREMIUM_WHERE: typing.Final = Quote(
    "docs/interactions/Receiving_and_Responding.md",
    227,
    "PREMIUM_REQUIRED response type is not available for APPLICATION_COMMAND_AUTOCOMPLETE and PING interactions.",
    commit="4853fbc9ba8df174fc8bf1abbe8a19bc8f14cd1c",
)
"""Where PREMIUM_REQUIRED was valid, as the docs said when they deprecated it (2024-06-17); the pinned docs no longer
say."""

CLAUSES: typing.Final[tuple[Clause, ...]] = (
    Clause(
        "sig.reject",
        Level.MUST,
        Origin.DISCORD,
        "A request that does not carry a valid X-Signature-Ed25519 over X-Signature-Timestamp and the exact body "
        "bytes, by the application's public key, is rejected: it gets no 2xx reply, whatever its body, size or "
        "headers.",
        (_MUST_VALIDATE, _PROBES),
        rationale="Anyone on the internet can send such a request; Discord itself sends some to test the endpoint. "
        "The docs make validating a must and the 401 a should: a rejection is any answer but a 2xx (and, in process, "
        "no listener runs: sig.no-dispatch); a 5xx is sig.status-401's finding, and robust.no-leak's if it carries "
        "a trace.",
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
        "A verified PING gets 200 with a PONG, a JSON object whose type is 1, and Content-Type application/json, and "
        "reaches no listener.",
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
        "one of these answers fails at MUST level, whatever its own clause's level; a modal submission in the "
        "layout the endpoint's own modals do not use is robust.handled-other-layout's (SHOULD).",
    ),
    Clause(
        "robust.optional-fields",
        Level.SHOULD,
        Origin.DISCORD,
        "An interaction that lacks a field Discord's documentation marks optional but sends today (channel, "
        "channel_id, context, a message's flags) is still handled.",
        (
            Quote(_RR, 30, "channel? | partial channel object | Channel that the interaction was sent from"),
            Quote(_RR, 42, "context? | interaction context type | Context where the interaction was triggered from"),
            Quote(_MESSAGE, 48, "flags? | integer | message flags combined as a bitfield"),
            Quote(
                _CHANGELOG,
                3020,
                "Interactions now contain a channel field which is a partial channel object and guaranteed to "
                "contain id and type.",
            ),
        ),
        rationale="The documentation marks these fields optional, so a server should not depend on them; but "
        "Discord sends them with every interaction today, so an interaction without them is input Discord does not "
        "send, and failing it is not a MUST failure. The MUST samples of robust.handled carry them.",
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
        "multipart/form-data with the JSON (in a payload_json part, or as form fields) and one files[n] part per "
        "file, each with a name and a filename and at most the interaction's attachment_size_limit in bytes, and any "
        "attachments the JSON lists are numbered by those n (or, on an update, name a file the message keeps).",
        (
            _MULTIPART,
            _FILE_PARTS,
            _FILE_INDEX,
            Quote(_REF, 433, "The JSON message body can optionally be provided using the payload_json parameter."),
            Quote(
                _MESSAGE,
                675,
                "When editing, you must provide the id of each file to keep, and you can optionally update the "
                "description and is_spoiler fields of existing attachments.",
            ),
            Quote(_MESSAGE, 679, "attachment id, for new attachments this must match the n in files[n]"),
            Quote(_REF, 430, "The file upload size limit applies to each file in a request."),
            Quote(_RR, 43, "attachment_size_limit | integer | Attachment size limit in bytes"),
        ),
        rationale="On an UPDATE_MESSAGE an attachment id may also be the snowflake of a file the edited message "
        "keeps. The payload_json part's own Content-Type is not a rule of Discord's, and a multipart reply without "
        "payload_json carries its JSON parameters as form fields.",
    ),
    Clause(
        "reply.files-limit",
        Level.MUST,
        Origin.DISCORD,
        "A reply carrying more than 10 files is never sent as a 2xx reply.",
        (Quote(_OPCODES, 211, "Maximum number of attachments in a message reached (10)"),),
        rationale="Discord refuses an eleventh attachment (error 30015); an implementation that drops the rest "
        "silently would also hide the listener's error, so the reply must fail instead.",
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
        "Every 2xx JSON reply carries a callback type valid for the interaction's type, with its data an object.",
        (
            Quote(_RR, 280, "Only valid for component-based interactions"),
            Quote(_RR, 282, "Not available for MODAL_SUBMIT and PING interactions."),
            Quote(_RR, 36, "For components or modals triggered by components, the message they were attached to"),
            Quote(
                _ACTIVITIES,
                29,
                "Activities can be launched in response to command, message component, and modal submission "
                "interactions.",
            ),
            _PREMIUM_WHERE,
            _NULL_IS_ABSENT,
        ),
        rationale="Discord rejects any other callback and the user sees the interaction fail. A null data is an "
        "absent one (the docs ask for null to drop a field). DEFERRED_UPDATE_MESSAGE (6) and UPDATE_MESSAGE (7) are "
        "valid after the submission of a modal opened from a component, which carries that component's message; "
        "after a modal opened from a command the pinned docs call them invalid and the change below makes them "
        "valid, so the suite fails neither an endpoint that sends them nor a server that refuses them there. The "
        "deprecated PREMIUM_REQUIRED (10) stays valid where Discord allowed it, and reply.premium-required flags it.",
        changes=(
            DocsChange(
                8612,
                "2026-09-22",
                Quote(_RR, 280, "Only valid for component-based interactions"),
                "Only valid for MODAL_SUBMIT and component-based interactions.",
                flips="the reply.callback cases modal.update.from-command and modal.deferred-update.from-command "
                "expect the update instead of also taking a refusal",
            ),
        ),
    ),
    Clause(
        "reply.premium-required",
        Level.SHOULD,
        Origin.DISCORD,
        "A reply does not use the deprecated PREMIUM_REQUIRED (10) callback.",
        (
            Quote(_RR, 277, "Deprecated; respond to an interaction with an upgrade button"),
            Quote(
                _CHANGELOG,
                2596,
                "The PREMIUM_REQUIRED (10) interaction response type is now deprecated in favor of using custom "
                "premium buttons. This will continue to function but may be eventually unsupported.",
            ),
        ),
        rationale="Deprecated, not invalid: Discord still accepts it, so using it is a SHOULD NOT, not a failure of "
        "reply.valid-callback.",
    ),
    Clause(
        "reply.status",
        Level.SHOULD,
        Origin.DISCORD,
        "A reply that carries a callback has status 200.",
        (Quote(_RR, 355, "You'll want to respond with a 200 status code (if everything went well)"),),
        rationale="The docs word it as advice, not as a condition Discord states it enforces. A reply without a "
        "callback is reply.none's: a 2xx without a body, 202 preferably (reply.none-202).",
    ),
    Clause(
        "reply.flags",
        Level.MUST,
        Origin.DISCORD,
        "A message callback sets only SUPPRESS_EMBEDS, EPHEMERAL, IS_COMPONENTS_V2, IS_VOICE_MESSAGE and "
        "SUPPRESS_NOTIFICATIONS, a deferred channel message only EPHEMERAL, and a message with IS_COMPONENTS_V2 "
        "(set, or kept from the message an update edits) carries no content, embeds, poll or stickers.",
        (
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
            Quote(
                _COMPONENTS,
                15,
                "The content and embeds fields will no longer work but you'll be able to use Text Display and "
                "Container as replacements",
            ),
            _V2_STAYS,
            _NULL_IS_ABSENT,
            Quote(_COMPONENTS, 17, "The poll and stickers fields are disabled"),
        ),
        rationale="An UPDATE_MESSAGE edits the message the interaction carries, so it keeps that message's "
        "IS_COMPONENTS_V2 whether or not its own flags repeat it; null flags, content or embeds are absent ones.",
    ),
    Clause(
        "reply.message-limits",
        Level.MUST,
        Origin.DISCORD,
        "A message callback stays within Discord's limits: content up to 2000 characters; up to 10 embeds with up "
        "to 6000 characters across them, each with a title and an author name up to 256, a description up to 4096, "
        "a footer up to 2048 and up to 25 fields of names up to 256 and values up to 1024 (all counted trimmed); up "
        "to 5 action rows, or 40 components with IS_COMPONENTS_V2; no custom_id used twice; allowed_mentions.parse "
        "never beside users or roles, which list up to 100 IDs each; a poll of up to 10 answers, a question up to "
        "300 characters, answers up to 55 and a duration up to 32 days; and a new message is never empty.",
        (
            Quote(_MESSAGE, 1080, "Message contents (up to 2000 characters)"),
            Quote(_RR, 297, "Supports up to 10 embeds"),
            Quote(
                _MESSAGE,
                619,
                "the combined sum of characters in all title, description, field.name, field.value, footer.text, "
                "and author.name fields across all embeds attached to a message must not exceed 6000 characters.",
            ),
            Quote(_COMPONENTS, 2542, "Legacy messages allow up to 5 action rows as top-level components"),
            Quote(_COMPONENTS, 18, "Messages allow up to 40 total components"),
            Quote(_COMPONENTS, 81, "Multiple components on the same message must not share the same custom_id."),
            Quote(
                _MESSAGE,
                783,
                "It is important to note that the parse field is mutually exclusive with the other fields.",
            ),
            Quote(
                _MESSAGE,
                607,
                "Leading and trailing whitespace characters are not included (they are trimmed automatically).",
            ),
            _V2_STAYS,
            Quote(_MESSAGE, 611, "title | 256 characters"),
            Quote(_MESSAGE, 612, "description | 4096 characters"),
            Quote(_MESSAGE, 613, "fields | Up to 25 field objects"),
            Quote(_MESSAGE, 614, "field.name | 256 characters"),
            Quote(_MESSAGE, 615, "field.value | 1024 characters"),
            Quote(_MESSAGE, 616, "footer.text | 2048 characters"),
            Quote(_MESSAGE, 617, "author.name | 256 characters"),
            _BAD_REQUEST,
            Quote(_MESSAGE, 753, "Array of role ids to mention, max 100"),
            Quote(_MESSAGE, 754, "Array of user ids to mention, max 100"),
            Quote(_POLL, 46, "Each of the answers available in the poll, up to 10"),
            Quote(_POLL, 47, "Number of hours the poll should be open for, up to 32 days."),
            Quote(_POLL, 75, "The maximum length of text is 300 for the question, and 55 for any answer."),
            Quote(_OPCODES, 264, "50006 | Cannot send an empty message"),
        ),
        rationale="Discord answers such a callback with an error and the user sees the interaction fail. The embed "
        "characters are counted as Discord counts them, trimmed; an UPDATE_MESSAGE of a message with "
        "IS_COMPONENTS_V2 is held to the limits of Components V2.",
    ),
    Clause(
        "reply.modal",
        Level.MUST,
        Origin.DISCORD,
        "A modal callback has a custom_id of 1 to 100 characters, a title of at most 45 and 1 to 5 components, each "
        "a Label wrapping one modal input, a Text Display, or an action row of text inputs; labels stay within 45 "
        "characters and their descriptions within 100; a text input has a style, a max_length of 1 to 4000, a "
        "min_length and value within 4000 and a placeholder within 100; a radio group offers 2 to 10 options and a "
        "checkbox group 1 to 10, with labels, values and descriptions within 100; a file upload takes 0 to 10 files "
        "and filters at most 10 file types; a checkbox is not required; selects meet their message limits; and no "
        "component is disabled.",
        (
            Quote(_RR, 320, "Developer-defined identifier for the modal, 1-100 characters"),
            Quote(_RR, 321, "Title of the popup modal, max 45 characters"),
            Quote(_RR, 322, "Between 1 and 5 (inclusive) components that make up the modal"),
            Quote(_COMPONENTS, 2017, "The label text; max 45 characters"),
            Quote(_COMPONENTS, 504, "Maximum input length for a text input; min 1, max 4000"),
            Quote(
                _CHANGELOG,
                1258,
                "In order to use a select menu in a modal, it must be placed inside a Label component.",
            ),
            Quote(
                _CHANGELOG,
                764,
                "All three components must be placed inside a Label component and are only available in modals.",
            ),
            Quote(_COMPONENTS, 312, "Using disabled in a modal will result in an error."),
            Quote(_COMPONENTS, 502, "style | integer | The Text Input Style"),
            Quote(_COMPONENTS, 503, "Minimum input length for a text input; min 0, max 4000"),
            Quote(_COMPONENTS, 507, "Custom placeholder text if the input is empty; max 100 characters"),
            Quote(_COMPONENTS, 2018, "An optional description text for the label; max 100 characters"),
            Quote(
                _COMPONENTS,
                2110,
                "Minimum number of items that must be uploaded (defaults to 1); min 0 (see note), max 10",
            ),
            Quote(_COMPONENTS, 2111, "Maximum number of items that can be uploaded (defaults to 1); max 10"),
            Quote(_COMPONENTS, 2222, "List of options to show; min 2, max 10"),
            Quote(_COMPONENTS, 2317, "List of options to show; min 1, max 10"),
            Quote(_COMPONENTS, 2229, "Dev-defined value of the option; max 100 characters"),
            Quote(_COMPONENTS, 2230, "User-facing label of the option; max 100 characters"),
            Quote(_COMPONENTS, 2231, "Optional description for the option; max 100 characters"),
            Quote(_COMPONENTS, 2423, "While you can't set a checkbox as required"),
        ),
        rationale="Discord refuses such a modal and the user sees the interaction fail. The docs set no minimum "
        "length for a modal's title or a Label's text, so none is checked.",
    ),
    Clause(
        "reply.modal-label",
        Level.SHOULD,
        Origin.DISCORD,
        "A modal wraps its text inputs in Label components, not in the deprecated action rows with a label on "
        "the text input.",
        (
            Quote(
                _COMPONENTS,
                98,
                "Label is recommended for use over an Action Row in modals. Action Row with Text Inputs in modals are "
                "now deprecated.",
            ),
            Quote(_COMPONENTS, 510, "The label field on a Text Input is deprecated"),
        ),
        rationale="Deprecated, so still accepted: SHOULD.",
    ),
    Clause(
        "reply.autocomplete",
        Level.MUST,
        Origin.DISCORD,
        "An autocomplete result offers up to 25 choices, each with a name of 1 to 100 characters and a value of the "
        "focused option's type (a string of at most 100 characters, an integer within -2^53+1 to 2^53-1, or a "
        "number within -2^53 to 2^53).",
        (
            Quote(_RR, 313, "autocomplete choices (max of 25 choices)"),
            Quote(_COMMANDS, 122, "1-100 character choice name"),
            Quote(_COMMANDS, 124, "Value for the choice, up to 100 characters if string"),
            Quote(_COMMANDS, 126, "Type of value depends on the option type that the choice belongs to."),
            Quote(_COMMANDS, 104, "INTEGER | 4 | Any integer between -2^53+1 and 2^53-1"),
            Quote(_COMMANDS, 110, "NUMBER | 10 | Any double between -2^53 and 2^53"),
        ),
    ),
    Clause(
        "listener.error",
        Level.MUST,
        Origin.CONTRACT,
        "A listener that raises, yields nothing, or produces something that is not a reply builder gets a 5xx reply.",
        sources=(f"{_CONTRACT}: ListenerT",),
    ),
    Clause(
        "listener.wrong-kind",
        Level.SHOULD,
        Origin.CONTRACT,
        "A reply of a kind not valid for the listener's interaction, which the contract's overloads reject "
        "statically, is not sent as a 2xx reply.",
        sources=(f"{_CONTRACT}: InteractionServer.set_listener", f"{_CONTRACT}: VALID_CALLBACK_TYPES"),
        rationale="The contract's overloads make such a listener a type error, so a type checker is the first "
        "defence; a server that also refuses it at run time turns a failure the user sees on Discord into one its "
        "logs name. Sent anyway, it also fails reply.valid-callback over HTTP.",
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
        "An interaction that is still being handled does not delay the reply to another interaction past its "
        "3-second deadline.",
        (_DEADLINE,),
        rationale="Each interaction has its own 3-second deadline; serialising handlers makes one slow command fail "
        "others. Only a reply past the deadline fails this clause; one that merely waited for another interaction "
        "is concurrency.prompt's finding (SHOULD).",
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
    # The REST half, judged through the Discord API double (--discord-api): after the runtime clauses, so that their
    # cases run last (rest.http-reply.run judges the whole run), before the static ones.
    Clause(
        "rest.one-ack",
        Level.MUST,
        Origin.DISCORD,
        "An interaction gets one initial response: after it has been answered, in the HTTP reply or through the "
        "callback endpoint, no further callback is sent for it.",
        (_DEADLINE, Quote(_OPCODES, 251, "Interaction has already been acknowledged")),
        rationale="Discord refuses a second initial response with error 40060: whatever it carried is lost.",
    ),
    Clause(
        "rest.deadline",
        Level.MUST,
        Origin.DISCORD,
        "An interaction answered through the REST callback gets its callback within 3 seconds of the request.",
        (_DEADLINE,),
    ),
    Clause(
        "rest.deferral-completed",
        Level.MUST,
        Origin.CONTRACT,
        "A deferred response (callback 5 or 6) is completed through REST, by editing the original response or "
        "sending a follow-up, within the time the application states (over HTTP: the conformance bot's profile).",
        sources=(
            "the conformance bot profile (bot.md)",
            f"{_RR}:272-273: callbacks 5 and 6 acknowledge an interaction whose response is edited later",
        ),
        rationale="Discord's docs describe a deferral as an answer to be edited later, but set no time for it; the "
        "bot states its own, so the clause binds the bot, not every application.",
    ),
    Clause(
        "rest.valid-body",
        Level.MUST,
        Origin.DISCORD,
        "A body sent through REST (a callback, an edit, a follow-up) obeys every rule a reply's body obeys: "
        "Discord refuses it otherwise.",
        (
            Quote(
                _OPCODES,
                286,
                "Invalid form body (returned for both application/json and multipart/form-data bodies)",
            ),
        ),
        sources=("the clauses of section reply, checked by the same code",),
    ),
    Clause(
        "rest.user-agent",
        Level.MUST,
        Origin.DISCORD,
        "Every REST request carries a User-Agent of the form 'DiscordBot ($url, $versionNumber)', optionally "
        "followed by more.",
        (
            Quote(
                _REF,
                233,
                "Clients using the HTTP API must provide a valid User Agent which specifies information about the "
                "client library and version in the following format:",
            ),
            Quote(_REF, 238, "User-Agent: DiscordBot ($url, $versionNumber)"),
        ),
    ),
    Clause(
        "rest.api-version",
        Level.SHOULD,
        Origin.DISCORD,
        "Every REST request names the API version in its path (/api/v10/...).",
        (
            Quote(
                _REF,
                22,
                "You should specify which version to use by including it in the request path like "
                "https://discord.com/api/v{version_number}.",
            ),
            Quote(
                _REF,
                22,
                "Omitting the version number from the route will route requests to the current default version "
                "(marked below).",
            ),
        ),
        rationale="The docs say 'should'; the default version they mark is 6, a deprecated one.",
    ),
    Clause(
        "rest.retry-after",
        Level.SHOULD,
        Origin.DISCORD,
        "After a 429, a request is not retried before its Retry-After has elapsed.",
        (
            Quote(
                _RATE_LIMITS,
                49,
                "Your application should rely on the Retry-After header or retry_after field to determine when to "
                "retry the request.",
            ),
        ),
    ),
    Clause(
        "rest.http-reply",
        Level.MUST,
        Origin.DISCORD,
        "An interaction answered through the REST callback gets an HTTP reply with no body; the run reports every "
        "such reply that carried one as one finding.",
        (_REST_202,),
        rationale="The same requirement as reply.none, judged over every interaction of the run: a library that "
        "answers every interaction so breaks it once, not once per case.",
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
    Clause(
        "robust.handled-other-layout",
        Level.SHOULD,
        Origin.DISCORD,
        "A modal submission in the layout the endpoint's own modals do not use (Labels, or the deprecated action "
        "rows of text inputs) never gets a 5xx reply, no reply, or a dropped connection.",
        (
            _DEADLINE,
            Quote(
                _COMPONENTS,
                98,
                "Label is recommended for use over an Action Row in modals. Action Row with Text Inputs in modals are "
                "now deprecated.",
            ),
        ),
        rationale="Discord submits a modal in the layout it was opened with, so an endpoint whose modals use one "
        "layout never receives a submission in the other: that is input Discord never sends it, and robust.handled "
        "(MUST) covers only the submissions of its own layout. The layout is learned from the conformance bot's "
        "/feedback modal or declared by the driver (--modal-layout); unknown, both layouts are robust.handled's.",
    ),
    Clause(
        "reply.components",
        Level.MUST,
        Origin.DISCORD,
        "A message callback puts each component where Discord takes it: without IS_COMPONENTS_V2 only action rows "
        "at the top level and no Components V2 component anywhere; an action row holds up to 5 buttons or a single "
        "select; a button stands in an action row or as a section's accessory, a select in an action row; a "
        "section holds 1 to 3 components and an accessory; no modal-only component; and no component id used twice.",
        (
            Quote(_COMPONENTS, 2542, "Legacy messages allow up to 5 action rows as top-level components"),
            Quote(
                _COMPONENTS,
                1499,
                "To use this component in messages you must send the message flag 1 << 15 (IS_COMPONENTS_V2) which "
                "can be activated on a per-message basis.",
            ),
            Quote(_COMPONENTS, 94, "Up to 5 contextually grouped buttons"),
            Quote(
                _COMPONENTS,
                165,
                "Buttons must be placed inside an Action Row or a Section's accessory field.",
            ),
            Quote(_COMPONENTS, 291, "They must be placed inside an Action Row in messages and a Label in modals."),
            Quote(_COMPONENTS, 488, "Text Inputs can only be used within modals and must be placed inside a Label."),
            Quote(_COMPONENTS, 74, "The id must be unique within the message"),
        ),
        rationale="Discord refuses such a message (400 Bad Request) and the user sees the interaction fail. The "
        "component table (components/reference.mdx:44-65) names the modal-only components.",
    ),
    Clause(
        "reply.component-fields",
        Level.MUST,
        Origin.DISCORD,
        "The components of a message callback have the fields Discord takes: a button a label of at most 80 "
        "characters, a url of at most 512, and a custom_id of 1 to 100 unless a link button (url only) or a premium "
        "one (sku_id only); a select a custom_id of 1 to 100, a placeholder of at most 150, min_values and "
        "max_values of 0 to 25 with its default values between them, and a string select up to 25 options with "
        "labels, values and descriptions of at most 100; a media gallery 1 to 10 items, and media descriptions of "
        "at most 1024.",
        (
            Quote(_COMPONENTS, 175, "Text that appears on the button; max 80 characters"),
            Quote(_COMPONENTS, 177, "Developer-defined identifier for the button; 1-100 characters"),
            Quote(_COMPONENTS, 179, "URL for link-style buttons; max 512 characters"),
            Quote(
                _COMPONENTS,
                184,
                "Non-link and non-premium buttons must have a custom_id, and cannot have a url or a sku_id.",
            ),
            Quote(_COMPONENTS, 185, "Link buttons must have a url, and cannot have a custom_id"),
            Quote(
                _COMPONENTS,
                187,
                "Premium buttons must contain a sku_id, and cannot have a custom_id, label, url, or emoji.",
            ),
            Quote(_COMPONENTS, 300, "ID for the select menu; 1-100 characters"),
            Quote(_COMPONENTS, 301, "Specified choices in a select menu; max 25"),
            Quote(_COMPONENTS, 302, "Placeholder text if nothing is selected or default; max 150 characters"),
            Quote(
                _COMPONENTS,
                303,
                "Minimum number of items that must be chosen (defaults to 1); min 0 (see note), max 25",
            ),
            Quote(_COMPONENTS, 304, "Maximum number of items that can be chosen (defaults to 1); max 25"),
            Quote(_COMPONENTS, 319, "User-facing name of the option; max 100 characters"),
            Quote(_COMPONENTS, 320, "Dev-defined value of the option; max 100 characters"),
            Quote(_COMPONENTS, 321, "Additional description of the option; max 100 characters"),
            Quote(
                _COMPONENTS,
                613,
                "number of default values must be in the range defined by min_values and max_values",
            ),
            Quote(_COMPONENTS, 1743, "1 to 10 media gallery items"),
            Quote(_COMPONENTS, 1683, "Alt text for the media, max 1024 characters"),
        ),
        rationale="Discord refuses such a message (400 Bad Request) and the user sees the interaction fail.",
    ),
    Clause(
        "concurrency.prompt",
        Level.SHOULD,
        Origin.HARDENING,
        "An interaction is answered without waiting for another interaction that is still being handled.",
        rationale="Discord's only limit is each interaction's 3-second deadline (concurrency.independent); an "
        "endpoint that answers one interaction after another still meets it while the first is quick, but leaves "
        "every user waiting on the slowest handler and fails the deadline as soon as a handler takes longer.",
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
