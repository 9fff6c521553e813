"""What a case sends and what it gets back, independent of how the target is reached."""

from __future__ import annotations

__all__ = (
    "CaseFailure",
    "Exchange",
    "HandlingFailure",
    "Mode",
    "NotVerifiedError",
    "Reply",
    "ReplyFile",
    "Request",
    "TargetError",
    "TargetUnresponsiveError",
    "WireReply",
    "WireRequest",
)

import dataclasses
import enum
import json
import typing

if typing.TYPE_CHECKING:
    from conformance.double.records import RestExchange


class Mode(enum.Enum):
    """How the suite reaches the target."""

    IN_PROCESS = "in-process"
    """Calls to an `InteractionServer` object in this process."""
    HTTP = "http"
    """HTTP requests to a running endpoint."""
    STATIC = "static"
    """mypy and pyright over the contract's type-check cases, with the server typed as the target's class."""


class CaseFailure(AssertionError):
    """The target did not meet the case's requirement; the message says how."""


class HandlingFailure(CaseFailure):
    """A well-formed, signed interaction got a 5xx, no reply or a dropped connection.

    It breaches clause ``robust.handled`` (MUST), whatever the level of the case
    that sent the interaction; or ``clause_id``, where the interaction is one
    Discord would not send this target (a modal submission in a layout its
    modals do not use).
    """

    def __init__(self, detail: str, clause_id: str = "robust.handled") -> None:
        super().__init__(detail)
        self.clause_id = clause_id
        """The clause the failure breaches."""


class NotVerifiedError(Exception):
    """The case could not establish what it checks, e.g. the endpoint does not handle that kind (a 4xx)."""


class TargetError(Exception):
    """The target could not be exercised: it raised, hung or answered something unreadable."""


class TargetUnresponsiveError(TargetError):
    """The target did not answer at all: no connection, or no reply in time."""


@dataclasses.dataclass(frozen=True, slots=True)
class Request:
    """One interaction request.

    ``signature`` is the raw signature; the HTTP transport sends it hex-encoded.
    ``headers`` (HTTP only) replaces the signature headers: a `None` value omits
    the header, so probes can send headers that no raw signature encodes to.
    """

    body: bytes
    signature: bytes
    timestamp: bytes
    headers: typing.Mapping[str, str | None] | None = None
    method: str = "POST"


@dataclasses.dataclass(frozen=True, slots=True)
class ReplyFile:
    """A file that came back with a reply."""

    filename: str
    data: bytes
    name: str = ""
    """Over HTTP, the name of the multipart part it came in (``files[0]``); empty in process."""


@dataclasses.dataclass(frozen=True, slots=True)
class Reply:
    """The target's answer to a `Request`, as the suite checks it.

    ``request_complete`` says whether the whole request body had been sent when
    the reply's head arrived: `True` if it had, `False` if the endpoint answered
    while the upload was still going (it then stopped), `None` when that is not
    known, as in process and for a body small enough to go through httpx. "Sent"
    is from the suite's side: handed to the operating system, whose send buffer
    for such uploads is kept small.
    """

    status: int
    body: bytes
    content_type: str | None
    charset: str | None
    headers: typing.Mapping[str, str]
    files: tuple[ReplyFile, ...]
    elapsed_s: float
    request_complete: bool | None = None
    wire_body: bytes | None = None
    """The body exactly as it came over HTTP, when `body` is not that: the whole multipart body of a reply
    with files, whose ``payload_json`` part is `body`."""
    channel: str = "http"
    """Where the callback came: ``http``, the HTTP reply's body, or ``rest``, a REST callback for the interaction's
    token received by the Discord API double while the HTTP reply was 2xx with no body. For ``rest`` the status is
    200 (the callback stands as an HTTP reply would) and ``elapsed_s`` runs to the callback's arrival."""
    http_reply: Reply | None = dataclasses.field(default=None, compare=False, repr=False)
    """For a callback that came by REST, the reply the interaction's HTTP request got."""

    def json(self) -> object:
        """Decode the body as JSON.

        Raises
        ------
        CaseFailure
            If the body is not JSON in the declared (or default UTF-8) charset.
        """
        try:
            return json.loads(self.body.decode(self.charset or "utf-8"))
        except (LookupError, ValueError) as exc:
            raise CaseFailure(f"the {self.status} reply's body is not JSON: {self.body[:80]!r}") from exc

    def json_object(self) -> typing.Mapping[str, object]:
        """Decode the body as a JSON object; fail the case otherwise."""
        decoded = self.json()
        if not isinstance(decoded, dict):
            raise CaseFailure(f"the {self.status} reply's body is not a JSON object: {self.body[:80]!r}")
        return typing.cast("typing.Mapping[str, object]", decoded)

    def describe(self) -> str:
        """Summarise the reply in a few words for a failure detail."""
        body = f"{self.body[:60]!r}" if self.body else "no body"
        return f"{self.status} ({self.content_type or 'no content type'}, {body})"


@dataclasses.dataclass(frozen=True, slots=True)
class WireRequest:
    """A request exactly as it was sent, kept in the evidence so that it can be read and sent again.

    ``body`` is the whole body unless the run's bound on kept bytes cut it:
    then it is the first bytes of a body of ``body_size`` bytes.
    """

    method: str
    path: str
    """The request target: the URL's path and query over HTTP; ``/`` in process."""
    headers: tuple[tuple[str, str], ...]
    """The headers the suite set (the signature headers among them), in order; the HTTP client adds the
    connection's own (host, content-length)."""
    body: bytes
    body_size: int
    sent_at: float
    """When it was sent, in Unix seconds: how far its signature timestamp was from the clock."""

    @property
    def complete(self) -> bool:
        """Whether `body` is the whole body."""
        return len(self.body) == self.body_size


@dataclasses.dataclass(frozen=True, slots=True)
class WireReply:
    """A reply exactly as it came back, cut like `WireRequest` past the run's bound on kept bytes."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    body_size: int

    @property
    def complete(self) -> bool:
        """Whether `body` is the whole body."""
        return len(self.body) == self.body_size


@dataclasses.dataclass(frozen=True, slots=True)
class Exchange:
    """Evidence of one request a case sent: what came back, and how fast."""

    request: str
    """What was sent, in a few words: the method, whether it was signed, the body's size."""
    status: int | None
    """The reply's HTTP status; `None` when no reply came back."""
    callback_type: int | None
    """The ``type`` of a JSON object reply, when it has an integer one."""
    elapsed_s: float
    error: str = ""
    """Why no reply came back, when none did."""
    sent: Request | None = dataclasses.field(default=None, compare=False, repr=False)
    """The request itself, when the run keeps raw evidence (``--verbose``)."""
    reply: Reply | None = dataclasses.field(default=None, compare=False, repr=False)
    """The reply itself, when the run keeps raw evidence and one came back."""
    wire_request: WireRequest | None = dataclasses.field(default=None, compare=False, repr=False)
    """The request's exact bytes, when the run kept them (see `conformance.evidence`)."""
    wire_reply: WireReply | None = dataclasses.field(default=None, compare=False, repr=False)
    """The reply's exact bytes, when the run kept them and a reply came back."""
    channel: str = "http"
    """Where the interaction's initial response came (`Reply.channel`)."""
    rest: tuple[RestExchange, ...] = dataclasses.field(default=(), compare=False, repr=False)
    """Every REST request the Discord API double received for the interaction, with what it answered."""
