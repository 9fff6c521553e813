"""The normative clauses of the spec: ID, level, requirement and source.

Clause IDs are stable names (``section.name``), never positions: a clause keeps
its ID for life and a retired ID is never reused. Case IDs extend their
clause's ID, so selecting a prefix selects whole clauses or sections.
"""

from __future__ import annotations

__all__ = ("CLAUSES", "SECTIONS", "Clause", "Level", "clause")

import dataclasses
import enum
import typing

_RR: typing.Final = "discord-api-docs developers/interactions/receiving-and-responding.mdx"
_OV: typing.Final = "discord-api-docs developers/interactions/overview.mdx"
_REF: typing.Final = "discord-api-docs developers/reference.mdx"
_AC: typing.Final = "discord-api-docs developers/interactions/application-commands.mdx"
_WH: typing.Final = "discord-api-docs developers/resources/webhook.mdx"
_CONTRACT: typing.Final = "interaction_spec contract"


class Level(enum.Enum):
    """RFC 2119 requirement levels."""

    MUST = "MUST"
    SHOULD = "SHOULD"
    MAY = "MAY"


@dataclasses.dataclass(frozen=True, slots=True)
class Clause:
    """One normative requirement."""

    id: str
    level: Level
    requirement: str
    """The requirement in one sentence."""
    sources: tuple[str, ...]
    """Where the requirement comes from: Discord docs file and lines, or the contract."""
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
    "robust": "Robustness of on_interaction",
    "dispatch": "Dispatch to listeners",
    "registry": "The listener registry",
    "reply": "Reply mapping",
    "listener": "Failing listeners",
    "asyncgen": "Async-generator listeners",
    "concurrency": "Concurrency",
    "timing": "Timing",
    "http": "HTTP transport",
}

CLAUSES: typing.Final[tuple[Clause, ...]] = (
    Clause(
        "sig.reject",
        Level.MUST,
        "A request whose X-Signature-Ed25519 does not verify over X-Signature-Timestamp + body with the "
        "application's public key gets a 4xx reply.",
        (f"{_OV}:102-109", f"{_OV}:159", f"{_OV}:124-127,153"),
        "Discord requires every request to be validated and probes endpoints with invalid signatures, removing "
        "the URL of any that accepts one.",
    ),
    Clause(
        "sig.status-401",
        Level.SHOULD,
        "A request that fails verification gets 401 Unauthorized.",
        (f"{_OV}:109", f"{_OV}:133,155"),
        "The docs say an app 'should' answer 401 and every example does; Discord's probe only needs a rejection, "
        "so another 4xx is tolerated at SHOULD level.",
    ),
    Clause(
        "sig.no-dispatch",
        Level.MUST,
        "A request that fails verification never reaches a listener.",
        (f"{_OV}:102-109",),
        "An unverified body is attacker-controlled; handing it to application code defeats verification.",
    ),
    Clause(
        "sig.accept",
        Level.MUST,
        "A correctly signed request is not rejected as unverifiable.",
        (f"{_OV}:71-76", f"{_OV}:104-107"),
    ),
    Clause(
        "sig.stale-timestamp",
        Level.MAY,
        "An implementation may reject a correctly signed request whose timestamp is far from the current time; "
        "if it does, the reply is a 4xx and no listener runs.",
        (f"{_OV}:104-107",),
        "The docs define no freshness window and common libraries enforce none, so replay protection is an "
        "optional, stricter behaviour; the case passes either way unless the answer is neither PONG nor a 4xx.",
    ),
    Clause(
        "ping.pong",
        Level.MUST,
        'A verified PING gets 200 with the JSON body {"type": 1} and Content-Type application/json, and reaches '
        "no listener.",
        (f"{_OV}:71-87", f"{_RR}:251", f"{_REF}:247-249"),
    ),
    Clause(
        "input.reject",
        Level.MUST,
        "A verified body that is not a JSON object with an integer type gets a 4xx reply and reaches no listener.",
        (f"{_RR}:17-23", f"{_RR}:50-58"),
        "Only a JSON object with an integer type is an interaction; anything else is a client error, and guessing "
        '(reading "1" as PING) answers requests Discord never sent.',
    ),
    Clause(
        "input.unknown-type",
        Level.MUST,
        "A verified interaction of a type the implementation does not handle gets a non-2xx reply and reaches no "
        "listener.",
        (f"{_RR}:42", f"{_RR}:50-58"),
        "A 2xx reply promises a callback the server cannot produce; the docs keep room for new types (data is "
        "optional 'for future-proofing'), so an implementation must not pretend to handle them.",
    ),
    Clause(
        "robust.never-raises",
        Level.MUST,
        "on_interaction returns a Response for any bytes input and never raises.",
        (f"{_CONTRACT}: InteractionServer.on_interaction",),
        "The HTTP layer must always be able to answer; an exception escaping leaves it to a framework's generic "
        "error page or a dropped connection.",
    ),
    Clause(
        "robust.response",
        Level.MUST,
        "What on_interaction returns honours the Response protocol: an HTTP status code, bytes or no payload, str "
        "or no content type and charset, str headers, and at most 10 readable files.",
        (f"{_CONTRACT}: Response",),
    ),
    Clause(
        "dispatch.route",
        Level.MUST,
        "A verified interaction reaches the listener registered for its kind, exactly once, and no other listener.",
        (f"{_CONTRACT}: InteractionServer.set_listener", f"{_RR}:50-58"),
    ),
    Clause(
        "dispatch.fields",
        Level.MUST,
        "The interaction a listener receives carries the payload's values in the spec's properties.",
        (f"{_CONTRACT}: interaction types", f"{_RR}:17-40"),
    ),
    Clause(
        "dispatch.no-listener",
        Level.MUST,
        "A verified interaction of a kind with no registered listener gets a non-2xx reply.",
        (f"{_CONTRACT}: InteractionServer.get_listener",),
        "A 2xx reply tells Discord the interaction was handled; with no listener it never will be.",
    ),
    Clause(
        "registry.empty",
        Level.MUST,
        "get_listener returns None for every kind of a server with no listener registered.",
        (f"{_CONTRACT}: InteractionServer.get_listener",),
    ),
    Clause(
        "registry.set",
        Level.MUST,
        "After set_listener(kind, listener), get_listener(kind) returns that listener and other kinds are unchanged.",
        (f"{_CONTRACT}: InteractionServer.set_listener",),
    ),
    Clause(
        "registry.conflict",
        Level.MUST,
        "set_listener for a kind that already has a listener, without replace=True, raises TypeError and keeps "
        "the registered listener.",
        (f"{_CONTRACT}: InteractionServer.set_listener",),
        "hikari's docstring names ValueError in one place and TypeError in another; the spec settles on TypeError, "
        "which hikari raises.",
    ),
    Clause(
        "registry.replace",
        Level.MUST,
        "set_listener with replace=True replaces the registered listener, for get_listener and for dispatch.",
        (f"{_CONTRACT}: InteractionServer.set_listener",),
    ),
    Clause(
        "registry.unset",
        Level.MUST,
        "set_listener(kind, None) removes the kind's listener, without needing replace and without error when "
        "there is none.",
        (f"{_CONTRACT}: InteractionServer.set_listener",),
    ),
    Clause(
        "reply.callback",
        Level.MUST,
        "A listener's reply builder becomes a 200 reply whose JSON body is the builder's callback object.",
        (f"{_RR}:247-263", f"{_RR}:331-332"),
    ),
    Clause(
        "reply.content-type",
        Level.MUST,
        "A reply with a JSON body declares Content-Type application/json.",
        (f"{_RR}:232-234", f"{_REF}:247-249"),
    ),
    Clause(
        "reply.charset",
        Level.MUST,
        "A JSON reply is UTF-8 and says so or says nothing: its charset is utf-8 or absent, and non-ASCII "
        "content arrives intact.",
        (f"{_REF}:247-249", f"{_CONTRACT}: Response.charset"),
        "RFC 8259 makes UTF-8 the encoding of JSON exchanged between systems.",
    ),
    Clause(
        "reply.files",
        Level.MUST,
        "Files on a reply builder come back in Response.files, names and content unchanged, and any attachments "
        "the JSON body lists are numbered by those files.",
        (f"{_REF}:415-425", f"{_RR}:280"),
    ),
    Clause(
        "reply.files-limit",
        Level.MUST,
        "A reply carrying more than 10 files is never sent as a 2xx reply.",
        (f"{_CONTRACT}: Response.files", f"{_WH}:244-246"),
        "Response.files holds at most 10 files; silently dropping the rest would hide the listener's error.",
    ),
    Clause(
        "reply.none",
        Level.MUST,
        "A listener that produces None gets a 2xx reply with no body.",
        (f"{_RR}:305-311", f"{_CONTRACT}: ListenerT"),
    ),
    Clause(
        "reply.none-202",
        Level.SHOULD,
        "A listener that produces None gets 202 Accepted.",
        (f"{_RR}:311",),
        "The docs ask apps that answer through the REST callback to answer the HTTP request with 202 and no body; "
        "nothing documents 204, so it is tolerated at SHOULD level only.",
    ),
    Clause(
        "reply.valid-callback",
        Level.MUST,
        "Every 2xx JSON reply carries a callback type valid for the interaction's type, with data within "
        "Discord's limits.",
        (f"{_RR}:247-263", f"{_RR}:287-299", f"{_AC}:111-121", f"{_WH}:233-241"),
        "Discord rejects any other callback and the user sees the interaction fail.",
    ),
    Clause(
        "listener.error",
        Level.MUST,
        "A listener that raises, yields nothing, or produces something that is not a reply builder gets a 5xx reply.",
        (f"{_CONTRACT}: ListenerT",),
    ),
    Clause(
        "listener.error-no-leak",
        Level.MUST,
        "The reply to a failing listener carries no exception text or traceback.",
        (f"{_CONTRACT}: InteractionServer.on_interaction",),
        "Exception text can reveal internals to whoever sent the request; it belongs in logs.",
    ),
    Clause(
        "listener.error-recovers",
        Level.MUST,
        "After a listener fails, the server answers the next request normally.",
        (f"{_CONTRACT}: InteractionServer.on_interaction",),
    ),
    Clause(
        "asyncgen.first-yield",
        Level.MUST,
        "The first value an async-generator listener yields is the reply, returned while the generator is paused.",
        (f"{_CONTRACT}: ListenerT",),
    ),
    Clause(
        "asyncgen.continuation",
        Level.MUST,
        "An async-generator listener's code after its first yield runs to completion after the reply, and is not "
        "lost to garbage collection.",
        (f"{_CONTRACT}: ListenerT",),
    ),
    Clause(
        "asyncgen.second-yield",
        Level.MUST,
        "A second yield from an async-generator listener never reaches the caller: the reply stays the first "
        "value and the generator is closed.",
        (f"{_CONTRACT}: ListenerT",),
    ),
    Clause(
        "concurrency.independent",
        Level.MUST,
        "A listener that is still running does not delay the reply to another interaction.",
        (f"{_RR}:327-329",),
        "Each interaction has its own 3-second deadline; serialising listeners makes one slow command fail others.",
    ),
    Clause(
        "timing.deadline",
        Level.MUST,
        "With a listener that answers at once, the reply arrives within 3 seconds of the request.",
        (f"{_RR}:327-329",),
    ),
    Clause(
        "http.method",
        Level.SHOULD,
        "A request with a method other than POST gets 405 Method Not Allowed and is not handled as an interaction.",
        (f"{_OV}:80", f"{_RR}:331-332"),
        "Discord only ever POSTs; answering another method as an interaction invites requests Discord never sends. "
        "A status other than 405 harms no one, hence SHOULD.",
    ),
    Clause(
        "http.body-limit",
        Level.SHOULD,
        "A body far larger than any interaction (2 MiB) gets 413 Content Too Large instead of being verified and "
        "parsed.",
        (f"{_REF}:415-418",),
        "Interactions are a few kilobytes; reading and verifying megabytes per request lets anyone exhaust the "
        "endpoint. The docs set no limit, hence SHOULD.",
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
