"""What a case works with: the signer, the way to the target and, in process, the server."""

from __future__ import annotations

__all__ = ("CaseContext", "Transport")

import asyncio
import dataclasses
import json
import time
import typing

from conformance.double import issue as issuing
from conformance.double.channel import settle
from conformance.double.records import Acknowledgement
from conformance.evidence import wire_reply_of
from conformance.modal_layout import OTHER_LAYOUT_CLAUSE
from conformance.modal_layout import submission_layout
from conformance.model import CaseFailure
from conformance.model import Exchange
from conformance.model import HandlingFailure
from conformance.model import Mode
from conformance.model import NotVerifiedError
from conformance.model import Reply
from conformance.model import Request
from conformance.model import TargetError

if typing.TYPE_CHECKING:
    from conformance.adapter import Adapter
    from conformance.adapter import ServerUnderTest
    from conformance.double import DiscordApiDouble
    from conformance.double.records import InteractionRecord
    from conformance.double.records import RateLimit
    from conformance.evidence import EvidenceBudget
    from conformance.payloads import Sample
    from conformance.signing import Signer
    from interaction_spec import InteractionType


class Transport(typing.Protocol):
    """Carries a `Request` to the target and brings back its `Reply`."""

    async def exchange(self, request: Request) -> Reply:
        """Send one request; raise `TargetError` if no readable reply came back."""
        ...

    async def aclose(self) -> None:
        """Release what the transport holds, such as connections."""
        ...


_FIRST_SERVER_ERROR: typing.Final = 500
_HANDLED: typing.Final = "robust.handled"
_MAX_INSPECTED_BODY: typing.Final = 65_536


def _callback_type(reply: Reply) -> int | None:
    """Return the ``type`` of a JSON object reply, if it has an integer one."""
    if not reply.body.startswith(b"{") or len(reply.body) > _MAX_INSPECTED_BODY:
        return None
    try:
        decoded: object = json.loads(reply.body)
    except ValueError:
        return None
    value = typing.cast("dict[str, object]", decoded).get("type") if isinstance(decoded, dict) else None
    return value if type(value) is int else None


class TargetRaisedError(TargetError):
    """``on_interaction`` raised instead of returning a `Response`."""


class _InProcess:
    """Calls ``on_interaction`` of a server made by the adapter for this case."""

    __slots__ = ("adapter", "server")

    def __init__(self, adapter: Adapter, server: ServerUnderTest) -> None:
        self.adapter = adapter
        self.server = server

    async def exchange(self, request: Request) -> Reply:
        if request.headers is not None or request.method != "POST":
            raise TargetError("an HTTP-only request reached the in-process transport")
        started = time.perf_counter()
        try:
            response = await self.server.on_interaction(request.body, request.signature, request.timestamp)
        except Exception as exc:
            raise TargetRaisedError(f"on_interaction raised {type(exc).__name__}: {exc}") from exc
        except asyncio.CancelledError as exc:
            cancelling: typing.Callable[[], int] | None = getattr(asyncio.current_task(), "cancelling", None)
            if cancelling is None or cancelling():  # the case itself is being cancelled (3.10 cannot tell)
                raise
            raise TargetRaisedError("on_interaction raised CancelledError") from exc
        elapsed = time.perf_counter() - started
        view = await self.adapter.read_response(response)
        return Reply(
            view.status_code,
            view.payload or b"",
            view.content_type,
            view.charset,
            view.headers,
            view.files,
            elapsed,
        )

    async def aclose(self) -> None:
        """Nothing to release: the server is closed through the adapter."""


class CaseContext:
    """Everything one case needs; made afresh for every case.

    In process, the server is made on first use, so cases that never touch it
    cost nothing, and closed by the runner after the case.
    """

    __slots__ = (
        "_adapter",
        "_budget",
        "_double",
        "_issued",
        "_path",
        "_raw",
        "_server",
        "_transport",
        "case_id",
        "exchanges",
        "modal_layout",
        "mode",
        "signer",
    )

    def __init__(
        self,
        signer: Signer,
        *,
        adapter: Adapter | None = None,
        transport: Transport | None = None,
        raw: bool = False,
        modal_layout: str | None = None,
        budget: EvidenceBudget | None = None,
        double: DiscordApiDouble | None = None,
        case_id: str = "",
    ) -> None:
        if (adapter is None) == (transport is None):
            raise ValueError("a case context takes either an adapter (in process) or a transport (HTTP)")
        self.signer = signer
        self.mode = Mode.IN_PROCESS if adapter is not None else Mode.HTTP
        self._adapter = adapter
        self._server: ServerUnderTest | None = None
        self._transport = transport
        self._raw = raw
        self._budget = budget
        path = getattr(transport, "path", "/")  # an HTTP transport's request target
        self._path = path if isinstance(path, str) else "/"
        self.exchanges: list[Exchange] = []
        """Evidence of every request the case sent, in order."""
        self.modal_layout = modal_layout
        """The layout of the target's own modals (`conformance.modal_layout`), when known: a modal submission in
        the other layout is one Discord never sends it."""
        self._double = double
        self._issued: list[tuple[int, InteractionRecord]] = []
        self.case_id = case_id
        """The ID of the case the context is for (empty when unknown): the double's records name it."""

    @property
    def double(self) -> DiscordApiDouble | None:
        """The Discord API double the run serves (``--discord-api``), if any.

        Over HTTP, while it runs, every interaction sent with `send_signed` (and so `interact`) carries an ID and
        token the double issued, and its replies are judged on either channel; in process, only those a case sends
        with ``interact_issued(..., issue=True)``, since the in-process cases compare what listeners read with the
        sample's own ID and token.
        """
        return self._double

    @property
    def adapter(self) -> Adapter:
        """The in-process target's adapter."""
        if self._adapter is None:
            raise TypeError("this case needs an in-process target")
        return self._adapter

    @property
    def server(self) -> ServerUnderTest:
        """The in-process server under test, made on first use."""
        return self._start().server

    def _start(self) -> _InProcess:
        """Make the in-process server and its transport, once."""
        if not isinstance(self._transport, _InProcess):
            self._transport = _InProcess(self.adapter, self.adapter.create_server(self.signer.public_key))
            self._server = self._transport.server
        return self._transport

    async def send(self, request: Request) -> Reply:
        """Send a request to the target and return its reply; record both in `exchanges`."""
        transport = self._transport if self._transport is not None else self._start()
        sent = f"{request.method} of {len(request.body)} bytes"
        wire = self._budget.wire_request(request, self._path, time.time()) if self._budget is not None else None
        started = time.perf_counter()
        try:
            reply = await transport.exchange(request)
        except TargetError as exc:
            elapsed = time.perf_counter() - started
            self.exchanges.append(Exchange(sent, None, None, elapsed, str(exc), self._kept(request), wire_request=wire))
            raise
        except asyncio.CancelledError:
            elapsed = time.perf_counter() - started
            error = "no reply before the case stopped waiting"
            self.exchanges.append(Exchange(sent, None, None, elapsed, error, self._kept(request), wire_request=wire))
            raise
        kept = reply if self._raw else None
        wire_reply = wire_reply_of(reply, self._budget) if self._budget is not None else None
        self.exchanges.append(
            Exchange(
                sent,
                reply.status,
                _callback_type(reply),
                reply.elapsed_s,
                "",
                self._kept(request),
                kept,
                wire,
                wire_reply,
            )
        )
        return reply

    def _kept(self, request: Request) -> Request | None:
        return request if self._raw else None

    async def interact(self, interaction: Sample | bytes, *, what: str = "") -> Reply:
        """Send a well-formed interaction that the target is expected to handle; see `interact_issued`."""
        return (await self.interact_issued(interaction, what=what))[0]

    async def interact_issued(
        self,
        interaction: Sample | bytes,
        *,
        what: str = "",
        rate_limit: RateLimit | None = None,
        issue: bool = False,
    ) -> tuple[Reply, InteractionRecord | None]:
        """Send a well-formed interaction, correctly signed, that the target is expected to handle.

        Returns the reply when it is 2xx. A 5xx, no reply or a dropped
        connection raises `HandlingFailure`: clause ``robust.handled``, MUST,
        whatever the case's own level. A reply that is neither (a 4xx, say)
        means the target did not handle the interaction: over HTTP the case is
        then not verified (`NotVerifiedError`); in process, where the case
        registered the listener itself, it fails.

        While the Discord API double runs, the reply judged is the one that
        carries the initial response, on either channel
        (`conformance.double.channel.settle`): the HTTP reply, or the REST
        callback for the interaction's token when the HTTP reply is a 2xx with
        no body. The record of the interaction the double issued comes with it
        (`None` without a double); ``rate_limit`` arms a 429 on it, and
        ``issue`` has the double issue the ID and token in process too.
        """
        body = interaction if isinstance(interaction, bytes) else interaction.body()
        label = what or (interaction.name if not isinstance(interaction, bytes) else "the interaction")
        breached = self._breached(interaction)
        try:
            reply, record = await self._send_issued(body, rate_limit, issue=issue or self.mode is Mode.HTTP)
        except TargetError as exc:
            if self.mode is not Mode.HTTP:
                raise
            raise HandlingFailure(f"{label} got no reply: {exc}", breached) from exc
        if reply.status >= _FIRST_SERVER_ERROR:
            raise HandlingFailure(f"{label} got {reply.describe()}: a 5xx is never a correct answer to it", breached)
        if not 200 <= reply.status < 300:
            detail = f"{label} got {reply.describe()}"
            if self.mode is Mode.HTTP:
                raise NotVerifiedError(f"{detail}: the endpoint did not handle it, so the case cannot check its reply")
            raise CaseFailure(f"{detail}, though a listener was registered for it")
        double = self.double
        if record is None or double is None:
            return reply, record
        return await settle(double.ledger, record, reply), record

    def _breached(self, interaction: Sample | bytes) -> str:
        """Return the clause a 5xx or no reply to ``interaction`` breaches.

        That is ``robust.handled``, unless Discord would never send the interaction to this target: a modal
        submission in the layout its own modals do not use.
        """
        if self.modal_layout is None or isinstance(interaction, bytes):
            return _HANDLED
        layout = submission_layout(interaction.payload)
        return OTHER_LAYOUT_CLAUSE if layout is not None and layout != self.modal_layout else _HANDLED

    async def send_signed(self, body: bytes) -> Reply:
        """Send ``body`` correctly signed; over HTTP while the double runs, with an ID and token it issued."""
        return (await self._send_issued(body, issue=self.mode is Mode.HTTP))[0]

    async def _send_issued(
        self, body: bytes, rate_limit: RateLimit | None = None, *, issue: bool
    ) -> tuple[Reply, InteractionRecord | None]:
        """Send ``body`` correctly signed, with a fresh ID and token when ``issue`` and the double runs."""
        double = self.double
        record: InteractionRecord | None = None
        if double is not None and issue:
            body, record = issuing.issue(double.ledger, body, label=self.case_id, rate_limit=rate_limit)
        reply = await self.send(self.signer.sign(body))
        if record is not None:
            self._issued.append((len(self.exchanges) - 1, record))
        return reply, record

    async def send_sample(self, sample: Sample) -> Reply:
        """Send a corpus interaction correctly signed."""
        return await self.send_signed(sample.body())

    def listen(
        self, interaction_type: InteractionType, reply: typing.Callable[[], object] | None = None
    ) -> list[object]:
        """Register a listener for a kind that records what it receives and answers with ``reply()``.

        Returns
        -------
        list[object]
            The interactions the listener has received, in order.
        """
        received: list[object] = []

        async def listener(interaction: object) -> object:
            received.append(interaction)
            return None if reply is None else reply()

        self.register(interaction_type, listener)
        return received

    def register(self, interaction_type: InteractionType, listener: object, *, replace: bool = False) -> None:
        """Register any listener for a kind on the server under test."""
        self.server.set_listener(self.adapter.interaction_class(interaction_type), listener, replace=replace)

    def _with_rest_evidence(self) -> None:
        """Add to each interaction's exchange its channel and the REST requests the double received for it."""
        double = self.double
        if double is None:
            return
        for index, record in self._issued:
            found = double.ledger.read(
                record.token, lambda current: (tuple(current.exchanges), current.acknowledged, current.callback)
            )
            if found is None or not 0 <= index < len(self.exchanges):
                continue
            rest, acknowledged, callback = found
            channel = "rest" if callback is not None and acknowledged is not Acknowledgement.HTTP else "http"
            # The issued ID and token differ from run to run, and a token is a credential: the evidence names them.
            named = tuple(
                dataclasses.replace(
                    exchange,
                    path=exchange.path.replace(record.token, "{token}").replace(
                        record.interaction_id, "{interaction_id}"
                    ),
                )
                for exchange in rest
            )
            self.exchanges[index] = dataclasses.replace(self.exchanges[index], channel=channel, rest=named)

    async def close(self) -> None:
        """Release the transport and the in-process server, if one was made."""
        self._with_rest_evidence()
        if self._transport is not None:
            await self._transport.aclose()
        if self._server is not None and self._adapter is not None:
            await self._adapter.close_server(self._server)
