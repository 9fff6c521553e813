"""Mutants of the reference server: each breaks exactly one clause, on purpose.

Every mutant is a small subclass of `ReferenceInteractionServer` that overrides
only what its violation needs, with the changed line marked ``# MUTANT:``.
Where the violation shows in the reply, the mutant overrides the public
``on_interaction`` or ``set_listener`` around the reference's; only where it
cannot (routing, rendering, generator continuations) does it override the
reference's own steps ``_route``, ``_render`` or ``_continue``, and where it
must copy a method, the copy is the reference's code with one line changed.
Next to each class, the `mutant` decorator records what the suite must say about it: the
clause it violates, the exact case IDs of that clause that must fail (or end in
error), and the exact case IDs of other clauses that fail as a consequence.
`tests.test_mutants` runs the whole in-process suite against every mutant and
holds each to that declaration, in both directions.
"""

from __future__ import annotations

__all__ = ("MUTANTS", "Mutant", "MutantAdapter")

import asyncio
import collections.abc
import dataclasses
import json
import logging
import types
import typing

import interaction_spec
from conformance import payloads
from conformance.cases import handling
from conformance.double.server import API_VERSION
from conformance.reference import BytesFile
from conformance.reference import MessageBuilder
from conformance.reference import ReferenceInteractionServer
from conformance.reference import ReferenceResponse
from conformance.reference.rest import RestClient
from conformance.reference.server import _finish  # pyright: ignore[reportPrivateUsage] - a mutant of the reference
from conformance.runner import Outcome
from conformance.targets.reference import ReferenceAdapter
from interaction_spec import CallbackType
from interaction_spec import InteractionType
from tests.mutant_declarations import SIGNATURE_TAMPERS
from tests.mutant_declarations import SPELLINGS
from tests.mutant_declarations import SURVIVAL_INPUTS
from tests.mutant_declarations import UNSIGNED_SHAPES
from tests.mutant_declarations import errored
from tests.mutant_declarations import failed
from tests.mutant_declarations import json_type

if typing.TYPE_CHECKING:
    from conformance.adapter import ServerUnderTest
    from conformance.model import ReplyFile

_LOGGER: typing.Final = logging.getLogger("conformance.reference.mutants")

_AnyListener: typing.TypeAlias = typing.Callable[[typing.Any], typing.Any]

# What the reference answers, as the mutants recognise or imitate it.
_PONG_BODY: typing.Final = b'{"type":1}'
_KNOWN_TYPES: typing.Final = frozenset(int(kind) for kind in InteractionType)
_ENCODER: typing.Final = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_LISTENER_FAILED: typing.Final = ReferenceResponse.text(500, "the listener failed")
_INVALID_REPLY: typing.Final = ReferenceResponse.text(500, "the listener produced an invalid reply")


# ---------------------------------------------------------------------------------------------------------------------
# The declaration


@dataclasses.dataclass(frozen=True)
class Mutant:
    """A mutant server and what the suite must report about it."""

    server: type[ReferenceInteractionServer]
    violates: str
    """The clause the mutant breaks."""
    caught: typing.Mapping[str, Outcome]
    """Case IDs of `violates` that must end in the given outcome (failed or error)."""
    collateral: typing.Mapping[str, Outcome]
    """Case IDs of other clauses that also end in the given outcome, as a consequence of the one violation."""
    adapter_class: type[MutantAdapter]

    @property
    def name(self) -> str:
        """The mutant server's class name."""
        return self.server.__name__

    @property
    def summary(self) -> str:
        """The violation, in one line: the first line of the class docstring."""
        return (self.server.__doc__ or "").strip().splitlines()[0]

    @property
    def expected(self) -> typing.Mapping[str, Outcome]:
        """Every case that must not pass, and how it must end."""
        return {**self.caught, **self.collateral}

    def adapter(self) -> MutantAdapter:
        """Return a new adapter that makes this mutant's servers."""
        return self.adapter_class(self.server)


MUTANTS: list[Mutant] = []
"""Every mutant, in definition order."""

_ServerT = typing.TypeVar("_ServerT", bound=type[ReferenceInteractionServer])


def mutant(
    violates: str,
    caught: typing.Mapping[str, Outcome],
    collateral: typing.Mapping[str, Outcome] | None = None,
    adapter: type[MutantAdapter] | None = None,
) -> typing.Callable[[_ServerT], _ServerT]:
    """Declare the decorated server a mutant that violates ``violates``, and register it in `MUTANTS`."""

    def register(server: _ServerT) -> _ServerT:
        MUTANTS.append(Mutant(server, violates, dict(caught), dict(collateral or {}), adapter or MutantAdapter))
        return server

    return register


def _tampered(prefix: str) -> tuple[str, ...]:
    """Return ``prefix`` + each tamper's name: the IDs of one request kind's cases in a ``sig`` clause."""
    return tuple(f"{prefix}.{tamper}" for tamper in SIGNATURE_TAMPERS)


class MutantAdapter(ReferenceAdapter):
    """The reference adapter, making servers of one mutant class instead of the reference's."""

    def __init__(self, server: type[ReferenceInteractionServer]) -> None:
        self.server = server

    def create_server(self, public_key: bytes) -> ServerUnderTest:
        """Return a new mutant server."""
        return self.server(public_key)


# ---------------------------------------------------------------------------------------------------------------------
# Signature verification


@mutant(
    "sig.reject",
    caught=failed(*_tampered("sig.reject.ping"), "sig.reject.unsigned.2-mib"),
    collateral=failed(*_tampered("sig.status-401.ping")),
)
class PongBeforeVerifying(ReferenceInteractionServer):
    """Answers PING with PONG before verifying its signature.

    A "fast path" for Discord's endpoint check that skips verification for the
    very request Discord probes it with.
    """

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        if json_type(body) == InteractionType.PING:  # MUTANT: the reference verifies first
            return ReferenceResponse.json(_PONG_BODY)
        return await super().on_interaction(body, signature, timestamp)


@mutant(
    "sig.reject",
    caught=failed("sig.reject.ping.body-only", "sig.reject.command.body-only"),
    collateral=failed(
        "sig.status-401.ping.body-only",
        "sig.status-401.command.body-only",
        "sig.no-dispatch.command.body-only",
    ),
)
class AcceptsBodyOnlySignature(ReferenceInteractionServer):
    """Accepts a signature over the body alone, without the timestamp.

    A lenient fallback for "clients that sign only the body": when the
    signature does not verify over timestamp + body, it tries the body alone.
    """

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        response = await super().on_interaction(body, signature, timestamp)
        if response.status_code == 401:
            return await super().on_interaction(body, signature, b"")  # MUTANT: verifies the body without the timestamp
        return response


@mutant("sig.status-401", caught=failed(*_tampered("sig.status-401.ping"), *_tampered("sig.status-401.command")))
class BadRequestForBadSignature(ReferenceInteractionServer):
    """Answers 400 instead of 401 to a request that fails verification."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        response = await super().on_interaction(body, signature, timestamp)
        if response.status_code == 401:
            return ReferenceResponse.text(400, "invalid request signature")  # MUTANT: the reference answers 401
        return response


# ---------------------------------------------------------------------------------------------------------------------
# PING and PONG


@mutant(
    "ping.pong",
    caught=failed("ping.pong.body", "ping.pong.no-dispatch"),
    collateral=failed(
        "sig.stale-timestamp.one-hour-old",
        "sig.accept.ping",
        *(f"sig.accept.ping.{spelling}" for spelling in SPELLINGS),
        *(f"sig.survives.{shape}" for shape in UNSIGNED_SHAPES),
        *(f"input.survives.{name}" for name in SURVIVAL_INPUTS),
    ),
)
class PongIsMessage(ReferenceInteractionServer):
    """Answers PING with callback type 4 instead of PONG (type 1)."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        response = await super().on_interaction(body, signature, timestamp)
        if response.payload == _PONG_BODY:
            return ReferenceResponse.json(b'{"type":4}')  # MUTANT: the reference answers {"type":1}
        return response


@mutant("ping.pong", caught=failed("ping.pong.content-type"))
class PongWithoutContentType(ReferenceInteractionServer):
    """Answers PING with the right body but no content type."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        response = await super().on_interaction(body, signature, timestamp)
        if response.payload == _PONG_BODY:
            return ReferenceResponse(200, _PONG_BODY, None, "utf-8")  # MUTANT: the reference says application/json
        return response


# ---------------------------------------------------------------------------------------------------------------------
# Malformed input and robustness


@mutant(
    "input.reject",
    caught=failed("input.reject.type-string", "input.reject.type-boolean"),
)
class CoercesTypeWithInt(ReferenceInteractionServer):
    """Reads the interaction type with ``int()``, so ``"1"`` (and ``true``) passes for PING.

    After the reference refuses the body's shape, it takes a lenient second
    look, as libraries that write ``int(payload["type"])`` do.
    """

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        response = await super().on_interaction(body, signature, timestamp)
        if response.status_code != 400:
            return response
        try:
            interaction_type = int(json.loads(body)["type"])  # MUTANT: the reference takes only a JSON integer
        except (ValueError, TypeError, LookupError, RecursionError):
            return response
        if interaction_type == InteractionType.PING:
            return ReferenceResponse.json(_PONG_BODY)
        return response


@mutant(
    "input.unknown-type",
    caught=failed("input.unknown-type.type-99", "input.unknown-type.type-0", "input.unknown-type.type-6"),
)
class AcceptsUnknownType(ReferenceInteractionServer):
    """Acknowledges an interaction type it does not know with 202 instead of refusing it."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        response = await super().on_interaction(body, signature, timestamp)
        if response.status_code == 501 and json_type(body) not in _KNOWN_TYPES:
            return ReferenceResponse(202)  # MUTANT: the reference answers 501
        return response


@mutant(
    "robust.never-raises",
    caught=failed("robust.never-raises.signed-json-array", "robust.never-raises.signed-deep-nesting"),
    collateral=errored(
        "input.reject.json-array",
        "input.reject.json-string",
        "input.reject.json-number",
        "input.reject.json-null",
    ),
)
class RaisesOnNonObject(ReferenceInteractionServer):
    """Lets an exception escape ``on_interaction`` for a verified body that is JSON but not an object.

    It logs each verified request's type outside the reference's catch-all,
    asserting the payload is an object (as hikari asserts it) and letting a
    RecursionError from deeply nested JSON through.
    """

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        response = await super().on_interaction(body, signature, timestamp)
        if response.status_code != 401:
            try:
                payload: object = json.loads(body)
            except ValueError:
                return response
            assert isinstance(payload, dict), "an interaction is a JSON object"  # MUTANT: escapes on_interaction
            _LOGGER.debug("answered an interaction of type %r", typing.cast("dict[str, object]", payload).get("type"))
        return response


# ---------------------------------------------------------------------------------------------------------------------
# Dispatch and the registry


@mutant(
    "dispatch.route",
    caught=failed(
        *(f"dispatch.route.{sample.name}" for sample in payloads.samples_of(InteractionType.MESSAGE_COMPONENT))
    ),
)
class ComponentsToCommandListener(ReferenceInteractionServer):
    """Dispatches a component interaction to the command listener when there is one."""

    def _route(
        self, body: bytes, signature: bytes, timestamp: bytes
    ) -> ReferenceResponse | tuple[_AnyListener, interaction_spec.PartialInteraction, int]:
        routed = super()._route(body, signature, timestamp)
        if isinstance(routed, ReferenceResponse) or routed[2] != InteractionType.MESSAGE_COMPONENT:
            return routed
        listener, interaction, interaction_type = routed
        # MUTANT: the reference calls the component listener
        return self._listeners.get(InteractionType.APPLICATION_COMMAND, listener), interaction, interaction_type


@mutant(
    "dispatch.no-listener",
    caught=failed(
        "dispatch.no-listener.command.guild",
        "dispatch.no-listener.component.button",
        "dispatch.no-listener.autocomplete.top_level",
        "dispatch.no-listener.modal.action_rows",
    ),
    collateral=failed("registry.unset.dispatch"),
)
class AcknowledgesWithoutListener(ReferenceInteractionServer):
    """Answers 202 to an interaction of a kind with no listener, as if it were handled."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        response = await super().on_interaction(body, signature, timestamp)
        if response.status_code == 501 and json_type(body) in _KNOWN_TYPES:
            return ReferenceResponse(202)  # MUTANT: the reference answers 501
        return response


@mutant("registry.replace", caught=failed("registry.replace.get", "registry.replace.dispatch"))
class IgnoresReplace(ReferenceInteractionServer):
    """Ignores ``replace=True``: the registered listener silently stays."""

    def set_listener(
        self,
        interaction_type: typing.Any,  # noqa: ANN401 - any kind class, as the reference's overloads take
        listener: typing.Any,  # noqa: ANN401 - any listener
        /,
        *,
        replace: bool = False,
    ) -> None:
        """Register or remove a listener; a replacement is dropped."""
        if replace and listener is not None and self.get_listener(interaction_type) is not None:
            return  # MUTANT: the reference replaces the listener
        super().set_listener(interaction_type, listener, replace=replace)


@mutant("registry.conflict", caught=failed("registry.conflict.raises", "registry.conflict.keeps-first"))
class ReplacesOnConflict(ReferenceInteractionServer):
    """Never raises on a conflicting ``set_listener``: it silently replaces the listener."""

    def set_listener(
        self,
        interaction_type: typing.Any,  # noqa: ANN401 - any kind class, as the reference's overloads take
        listener: typing.Any,  # noqa: ANN401 - any listener
        /,
        *,
        replace: bool = False,
    ) -> None:
        """Register, replace or remove a listener, whatever ``replace`` says."""
        super().set_listener(interaction_type, listener, replace=True)  # MUTANT: the reference passes replace on


@mutant(
    "registry.unset",
    caught=errored("registry.unset.get", "registry.unset.dispatch", "registry.unset.then-set"),
    collateral=errored("listener.error-recovers.next-request"),
)
class UnsetNeedsReplace(ReferenceInteractionServer):
    """Refuses ``set_listener(kind, None)`` without ``replace=True`` when a listener is registered."""

    def set_listener(
        self,
        interaction_type: typing.Any,  # noqa: ANN401 - any kind class, as the reference's overloads take
        listener: typing.Any,  # noqa: ANN401 - any listener
        /,
        *,
        replace: bool = False,
    ) -> None:
        """Register, replace or remove a listener; removal counts as a conflicting registration."""
        if listener is None and not replace and self.get_listener(interaction_type) is not None:
            # MUTANT: the reference removes the listener without asking for replace
            raise TypeError("a listener is already registered; pass replace=True")
        super().set_listener(interaction_type, listener, replace=replace)


# ---------------------------------------------------------------------------------------------------------------------
# Reply mapping


@mutant("reply.none-202", caught=failed("reply.none-202.coroutine", "reply.none-202.async-generator"))
class NoContentForNone(ReferenceInteractionServer):
    """Answers 204 instead of 202 when the listener produces `None`."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        response = await super().on_interaction(body, signature, timestamp)
        if response.status_code == 202:
            return ReferenceResponse(204)  # MUTANT: the reference answers 202
        return response


@mutant(
    "listener.wrong-kind",
    caught=failed(
        "listener.wrong-kind.autocomplete-gets-message",
        "listener.wrong-kind.command-gets-choices",
        "listener.wrong-kind.component-gets-choices",
        "listener.wrong-kind.modal-gets-modal",
        "listener.wrong-kind.command-gets-update",
    ),
)
class SendsAnyCallbackType(ReferenceInteractionServer):
    """Sends whatever callback the builder makes, without checking it is valid for the interaction type."""

    def _render(self, builder: object, interaction_type: int) -> ReferenceResponse:
        if not isinstance(builder, interaction_spec.InteractionResponseBuilder):
            return _INVALID_REPLY
        try:
            callback, files = builder.build()
            # MUTANT: the reference refuses a callback type not in VALID_CALLBACK_TYPES[interaction_type] here
            if len(files) > interaction_spec.MAX_RESPONSE_FILES:
                return _INVALID_REPLY
            payload = _ENCODER.encode(callback).encode()
        except Exception:
            return _INVALID_REPLY
        return ReferenceResponse.json(payload, files)


class _UncheckedMessageBuilder(MessageBuilder):
    """The reference message builder without its 10-file check, so a listener can hand a server 11 files."""

    __slots__ = ()

    def __init__(
        self, content: str | None, *, update: bool = False, files: typing.Sequence[interaction_spec.ResponseFile] = ()
    ) -> None:
        super().__init__(content, update=update, files=files[: interaction_spec.MAX_RESPONSE_FILES])
        self._files = tuple(files)


class UncheckedBuilderAdapter(MutantAdapter):
    """Makes message replies with `_UncheckedMessageBuilder`, so that the server's own file limit is what is tested."""

    def message_reply(
        self, content: str, *, update: bool = False, ephemeral: bool = False, files: typing.Sequence[ReplyFile] = ()
    ) -> object:
        """Return a message builder that carries any number of files."""
        return _UncheckedMessageBuilder(content, update=update, files=[BytesFile(f.filename, f.data) for f in files])


@mutant("reply.files-limit", caught=failed("reply.files-limit.11-files"), adapter=UncheckedBuilderAdapter)
class DropsFilesOverLimit(ReferenceInteractionServer):
    """Silently drops the files after the tenth instead of failing the reply."""

    def _render(self, builder: object, interaction_type: int) -> ReferenceResponse:
        if not isinstance(builder, interaction_spec.InteractionResponseBuilder):
            return _INVALID_REPLY
        try:
            callback, files = builder.build()
            if callback.get("type") not in interaction_spec.VALID_CALLBACK_TYPES[InteractionType(interaction_type)]:
                return _INVALID_REPLY
            files = files[: interaction_spec.MAX_RESPONSE_FILES]  # MUTANT: the reference refuses more than 10 files
            payload = _ENCODER.encode(callback).encode()
        except Exception:
            return _INVALID_REPLY
        return ReferenceResponse.json(payload, files)


@mutant("reply.files", caught=failed("reply.files.1-files", "reply.files.10-files"))
class ForgetsFiles(ReferenceInteractionServer):
    """Sends the JSON callback but leaves the builder's files out of the response."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        response = await super().on_interaction(body, signature, timestamp)
        if response.files:
            return ReferenceResponse.json(response.payload or b"")  # MUTANT: the reference passes the files on
        return response


@mutant("reply.charset", caught=failed("reply.charset.unicode"))
class Latin1Json(ReferenceInteractionServer):
    """Encodes JSON replies as Latin-1 (replacing what it cannot encode) and declares that charset."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        response = await super().on_interaction(body, signature, timestamp)
        if response.content_type != "application/json" or response.payload is None:
            return response
        latin1 = response.payload.decode().encode("latin-1", "replace")  # MUTANT: the reference sends UTF-8
        return ReferenceResponse(response.status_code, latin1, "application/json", "iso-8859-1", None, response.files)


@mutant(
    "reply.charset",
    caught=failed("reply.charset.unicode"),
    collateral=failed(  # their listeners' replies are not all ASCII, so the bodies are not JSON
        "reply.premium-required.corpus",
        "reply.status.corpus",
        "reply.flags.corpus",
        "reply.message-limits.corpus",
        "reply.autocomplete.corpus",
        "reply.components.corpus",
        "reply.component-fields.corpus",
    ),
)
class Latin1JsonLabelledUtf8(ReferenceInteractionServer):
    """Encodes JSON replies as Latin-1 but declares them UTF-8."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        response = await super().on_interaction(body, signature, timestamp)
        if response.content_type != "application/json" or response.payload is None:
            return response
        latin1 = response.payload.decode().encode("latin-1", "replace")  # MUTANT: the reference sends UTF-8
        return ReferenceResponse.json(latin1, response.files, response.status_code)


# ---------------------------------------------------------------------------------------------------------------------
# What Discord accepts in a reply: the reference's callbacks, one thing changed on the way out

_Json: typing.TypeAlias = dict[str, typing.Any]
_IS_CROSSPOST: typing.Final = 1 << 1
_SUPPRESS_EMBEDS: typing.Final = 1 << 2
_EPHEMERAL: typing.Final = 1 << 6
_IS_COMPONENTS_V2: typing.Final = 1 << 15
_MESSAGE: typing.Final = 4
_DEFERRED_MESSAGE: typing.Final = 5
_DEFERRED_UPDATE: typing.Final = 6
_UPDATE: typing.Final = 7
_MODAL: typing.Final = 9
_PREMIUM_REQUIRED: typing.Final = 10
_APP_NAME: typing.Final = " · a form of the Interaction Spec reference bot"
_CHOICE_HINT: typing.Final = (
    " — press Tab to complete this suggestion, or keep on typing to narrow the list of suggestions"
    " down to the one you want"
)
_MAX_CONTENT: typing.Final = 2000
_SIGNATURE: typing.Final = "\n-# sent with the Interaction Spec reference"


_MESSAGE_CALLBACK_CASES: typing.Final = (
    "command.message",
    "component.message",
    "component.update",
    "modal.message",
    "modal.update.from-component",
    "modal.update.from-command",
)
"""The ``reply.callback`` cases whose reply is a message with content."""
_CALLBACK_CASES: typing.Final = (
    *_MESSAGE_CALLBACK_CASES,
    "command.deferred",
    "command.modal",
    "component.deferred-update",
    "autocomplete.choices",
    "modal.deferred",
    "modal.deferred-update.from-component",
    "modal.deferred-update.from-command",
)
"""Every ``reply.callback`` case of the in-process suite."""


class _RewritesCallbacks(ReferenceInteractionServer):
    """The reference, with every JSON callback but PONG passed through `rewrite` on its way out."""

    status: int = 200
    """The status the callbacks are sent with."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        response = await super().on_interaction(body, signature, timestamp)
        if response.content_type != "application/json" or not response.payload or response.payload == _PONG_BODY:
            return response
        callback = typing.cast("_Json", json.loads(response.payload))
        callback = self.rewrite(callback, typing.cast("_Json", json.loads(body)))
        return ReferenceResponse.json(_ENCODER.encode(callback).encode(), response.files, self.status)

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        """Return the callback to send in place of the reference's ``callback``, which answers ``interaction``."""
        return callback


def _data(callback: _Json) -> _Json:
    """Return the callback's data, added if absent."""
    return typing.cast("_Json", callback.setdefault("data", {}))


@mutant("reply.premium-required", caught=failed("reply.premium-required.corpus"))
class PremiumRequiredForContextMenus(_RewritesCallbacks):
    """Gates context-menu commands behind a subscription with the deprecated PREMIUM_REQUIRED (10) callback."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        if interaction.get("data", {}).get("type") in (2, 3) and callback["type"] == _MESSAGE:
            return {"type": _PREMIUM_REQUIRED}  # MUTANT: the reference sends the listener's message
        return callback


@mutant(
    "reply.status",
    caught=failed("reply.status.corpus"),
    collateral=failed(  # these cases expect the 200 of a callback, whatever their clause's level
        *(f"reply.callback.{name}" for name in _CALLBACK_CASES),
        "reply.content-type.message",
        "reply.charset.unicode",
        "reply.files.1-files",
        "reply.files.10-files",
        "listener.error-recovers.next-request",
        "asyncgen.first-yield.is-reply",
        "asyncgen.second-yield.reply-intact",
        "concurrency.independent.other-kind",
        "concurrency.independent.same-kind",
    ),
)
class CallbacksAre201(_RewritesCallbacks):
    """Sends every callback but PONG with 201 Created, as web frameworks that default a POST's status to 201 do."""

    status = 201  # MUTANT: the reference sends 200


@mutant("reply.flags", caught=failed("reply.flags.corpus"))
class EphemeralAlsoCrosspost(_RewritesCallbacks):
    """Marks an ephemeral message with IS_CROSSPOST too (flags 66), a flag only Discord sets."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        data = callback.get("data", {})
        if callback["type"] in (_MESSAGE, _UPDATE) and data.get("flags", 0) & _EPHEMERAL:
            data["flags"] |= _IS_CROSSPOST  # MUTANT: the reference sets EPHEMERAL alone
        return callback


@mutant("reply.flags", caught=failed("reply.flags.corpus"))
class DeferralSuppressesEmbeds(_RewritesCallbacks):
    """Adds SUPPRESS_EMBEDS to every callback that creates a message, deferrals included (only EPHEMERAL may go)."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        if callback["type"] in (_MESSAGE, _DEFERRED_MESSAGE):
            data = _data(callback)
            data["flags"] = data.get("flags", 0) | _SUPPRESS_EMBEDS  # MUTANT: the reference adds no flag
        return callback


@mutant("reply.flags", caught=failed("reply.flags.corpus"))
class ComponentsV2KeepsContent(_RewritesCallbacks):
    """Marks every message IS_COMPONENTS_V2 but keeps its ``content``, which a Components V2 message cannot carry."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        if callback["type"] in (_MESSAGE, _UPDATE):
            data = _data(callback)
            data["flags"] = data.get("flags", 0) | _IS_COMPONENTS_V2  # MUTANT: the reference sends a legacy message
        return callback


@mutant(
    "reply.message-limits",
    caught=failed("reply.message-limits.corpus"),
    collateral=failed(  # these cases expect the listener's content unchanged
        *(f"reply.callback.{name}" for name in _MESSAGE_CALLBACK_CASES),
        "reply.charset.unicode",
        "asyncgen.first-yield.is-reply",
        "asyncgen.second-yield.reply-intact",
    ),
)
class SignsMessages(_RewritesCallbacks):
    """Appends a signature line to every message's content, so that content of 2000 characters overflows."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        data = callback.get("data", {})
        if callback["type"] in (_MESSAGE, _UPDATE) and "content" in data:
            data["content"] += _SIGNATURE  # MUTANT: the reference sends the listener's content
        return callback


@mutant("reply.message-limits", caught=failed("reply.message-limits.corpus"))
class PageButtonsShareCustomId(_RewritesCallbacks):
    """Adds ◀ and ▶ page buttons to a message at the length limit, both with the custom_id ``page``."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        data = callback.get("data", {})
        if callback["type"] in (_MESSAGE, _UPDATE) and len(data.get("content", "")) >= _MAX_CONTENT:
            buttons = [{"type": 2, "style": 2, "label": label, "custom_id": "page"} for label in ("◀", "▶")]
            data["components"] = [{"type": 1, "components": buttons}]  # MUTANT: one custom_id for both buttons
        return callback


@mutant("reply.message-limits", caught=failed("reply.message-limits.corpus"))
class MentionsInvokerBesideParse(_RewritesCallbacks):
    """Lets a command's reply ping its invoker by listing them in allowed_mentions.users beside ``parse: ["users"]``."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        if interaction.get("type") == InteractionType.APPLICATION_COMMAND and callback["type"] == _MESSAGE:
            user = interaction.get("member", {}).get("user") or interaction.get("user", {})
            # MUTANT: parse and users are exclusive; the reference sends no allowed_mentions
            _data(callback)["allowed_mentions"] = {"parse": ["users"], "users": [user.get("id")]}
        return callback


def _long(callback: _Json) -> bool:
    """Whether the callback is a message whose content is at Discord's 2000 characters (the limits case elicits it)."""
    return callback["type"] in (_MESSAGE, _UPDATE) and len(callback.get("data", {}).get("content", "")) >= _MAX_CONTENT


@mutant("reply.message-limits", caught=failed("reply.message-limits.corpus"))
class QuotesLongMessagesInEmbed(_RewritesCallbacks):
    """Repeats a message at the length limit in an embed whose title is its first line, past an embed title's 256."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        if _long(callback):
            data = callback["data"]
            data["embeds"] = [{"title": data["content"].splitlines()[0]}]  # MUTANT: the reference sends no embed
        return callback


@mutant("reply.message-limits", caught=failed("reply.message-limits.corpus"))
class DropsContentAtTheLimit(_RewritesCallbacks):
    """Drops a new message's content of 2000 characters instead of sending it, leaving an empty message."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        if _long(callback) and callback["type"] == _MESSAGE:
            del callback["data"]["content"]  # MUTANT: an off-by-one limit check that discards instead of sending
        return callback


@mutant("reply.message-limits", caught=failed("reply.message-limits.corpus"))
class MentionsEveryRecentAuthor(_RewritesCallbacks):
    """Lets a long message ping the channel's 101 most recent authors through allowed_mentions.users (max 100)."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        if _long(callback):
            users = [str(470518848823492608 + number) for number in range(101)]
            callback["data"]["allowed_mentions"] = {"users": users}  # MUTANT: the reference sends no allowed_mentions
        return callback


@mutant("reply.message-limits", caught=failed("reply.message-limits.corpus"))
class HelpfulPollForFiveWeeks(_RewritesCallbacks):
    """Adds a "Was this helpful?" poll to long messages, open for five weeks, past a poll's 32 days."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        if _long(callback) and callback["type"] == _MESSAGE:
            answers = [{"poll_media": {"text": text}} for text in ("Yes", "No")]
            # MUTANT: the reference sends no poll, and 5 weeks is 840 hours
            callback["data"]["poll"] = {"question": {"text": "Was this helpful?"}, "answers": answers, "duration": 840}
        return callback


@mutant("reply.flags", caught=failed("reply.flags.corpus"))
class ComponentsV2EphemeralWithSticker(_RewritesCallbacks):
    """Sends ephemeral messages as Components V2, their content in a Text Display, but keeps the app's sticker."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        data = callback.get("data", {})
        if callback["type"] == _MESSAGE and data.get("flags", 0) & _EPHEMERAL and "content" in data:
            data["components"] = [{"type": 10, "content": data.pop("content")}]
            data["flags"] |= _IS_COMPONENTS_V2
            data["sticker_ids"] = ["749054660769218631"]  # MUTANT: a Components V2 message takes no stickers
        return callback


@mutant("reply.components", caught=failed("reply.components.corpus"))
class FooterTextDisplayWithoutFlag(_RewritesCallbacks):
    """Adds a Text Display footer (type 10) to every new message without setting IS_COMPONENTS_V2."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        if callback["type"] == _MESSAGE and not _long(callback):
            # MUTANT: Text Display needs the flag IS_COMPONENTS_V2, which the message does not set
            callback["data"]["components"] = [{"type": 10, "content": "-# sent by the reference"}]
        return callback


@mutant("reply.component-fields", caught=failed("reply.component-fields.corpus"))
class HelpLinkWithCustomId(_RewritesCallbacks):
    """Adds a "Help" link button to every new message, with a custom_id beside its url, which a link cannot have."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        if callback["type"] == _MESSAGE and not _long(callback):
            link = {"type": 2, "style": 5, "label": "Help", "url": "https://example.com/help", "custom_id": "help"}
            callback["data"]["components"] = [{"type": 1, "components": [link]}]  # MUTANT: a link takes a url only
        return callback


@mutant("reply.modal", caught=failed("reply.modal.corpus"))
class UnlimitedTextInputs(_RewritesCallbacks):
    """Writes "no limit" as ``max_length: 0`` on every modal text input, below the minimum of 1."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        if callback["type"] == _MODAL:
            for label in callback["data"]["components"]:
                label["component"]["max_length"] = 0  # MUTANT: the reference leaves max_length out
        return callback


@mutant("reply.autocomplete", caught=failed("reply.autocomplete.corpus"))
class SixtyFourBitIntegerChoices(_RewritesCallbacks):
    """Offers an integer option a "Maximum" choice of 2^63-1, the 64-bit limit, past the 2^53-1 Discord takes."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        if callback["type"] == CallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT and any(
            choice.get("value") == 12 for choice in callback["data"]["choices"]
        ):
            callback["data"]["choices"].append({"name": "Maximum", "value": 2**63 - 1})  # MUTANT: 2^53-1 at most
        return callback


@mutant("reply.modal", caught=failed("reply.modal.corpus"), collateral=failed("reply.callback.command.modal"))
class ModalTitleWithAppName(_RewritesCallbacks):
    """Appends the application's name to every modal title, past Discord's 45 characters."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        if callback["type"] == _MODAL:
            callback["data"]["title"] += _APP_NAME  # MUTANT: the reference sends the listener's title
        return callback


@mutant("reply.modal", caught=failed("reply.modal.corpus"))
class DisablesModalInputs(_RewritesCallbacks):
    """Writes each modal input's ``disabled`` from its ``enabled`` state without negating it: ``disabled: true``."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        if callback["type"] == _MODAL:
            for label in callback["data"]["components"]:
                label["component"]["disabled"] = True  # MUTANT: the reference writes no disabled field
        return callback


@mutant("reply.modal", caught=failed("reply.modal.corpus"))
class ModalSubmitButton(_RewritesCallbacks):
    """Adds a Submit button (component type 2) to every modal, a kind a modal cannot hold."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        if callback["type"] == _MODAL:
            submit = {"type": 2, "style": 1, "label": "Submit", "custom_id": "submit"}
            callback["data"]["components"].append(submit)  # MUTANT: Discord draws the modal's own submit button
        return callback


@mutant("reply.modal-label", caught=failed("reply.modal-label.corpus"))
class ActionRowModals(_RewritesCallbacks):
    """Builds modals in the deprecated layout: each text input in an action row, with a ``label`` of its own."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        if callback["type"] == _MODAL:
            rows = [
                {"type": 1, "components": [{**label["component"], "label": label["label"]}]}
                for label in callback["data"]["components"]
            ]
            callback["data"]["components"] = rows  # MUTANT: the reference wraps each input in a Label (18)
        return callback


@mutant(
    "reply.autocomplete",
    caught=failed("reply.autocomplete.corpus"),
    collateral=failed("reply.callback.autocomplete.choices"),
)
class ChoiceNamesWithHint(_RewritesCallbacks):
    """Appends a usage hint to every autocomplete choice's name without truncating it to 100 characters."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        if callback["type"] == CallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT:
            for choice in callback["data"]["choices"]:
                choice["name"] += _CHOICE_HINT  # MUTANT: the reference sends the listener's names
        return callback


@mutant("reply.autocomplete", caught=failed("reply.autocomplete.corpus"))
class ChoiceValuesAsStrings(_RewritesCallbacks):
    """Sends every autocomplete choice's value as a string, as if every option were a STRING option."""

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        if callback["type"] == CallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT:
            for choice in callback["data"]["choices"]:
                choice["value"] = str(choice["value"])  # MUTANT: the reference keeps the option's value type
        return callback


def _optional_field_cases() -> tuple[str, ...]:
    """Return every ``robust.optional-fields`` case: the minimal samples, each without one optional field."""
    return tuple(case.id for case in handling.CASES if case.clause.id == "robust.optional-fields")


@mutant("robust.optional-fields", caught=failed(*_optional_field_cases()))
class DeserialisesEveryDocumentedField(ReferenceInteractionServer):
    """Reads ``channel``, ``channel_id``, ``context`` and a message's ``flags`` unconditionally, as hikari 2.7.0 does.

    The parser raises on an interaction without one of them; the reference reads them only when a listener asks.
    """

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        response = await super().on_interaction(body, signature, timestamp)
        if not 200 <= response.status_code < 300 or json_type(body) in (None, InteractionType.PING):
            return response  # only what the reference handled as an interaction
        payload = json.loads(body)
        if isinstance(payload, dict):
            fields = typing.cast("dict[str, object]", payload)
            message = fields.get("message")
            flags_missing = isinstance(message, dict) and "flags" not in message
            if flags_missing or not {"channel", "channel_id", "context"} <= fields.keys():
                return ReferenceResponse.text(500, "KeyError")  # MUTANT: the reference needs none of them
        return response


def _callback_type(response: interaction_spec.Response) -> object:
    """Return the type of the JSON callback a response carries, or `None`."""
    if response.content_type != "application/json" or not response.payload:
        return None
    return typing.cast("_Json", json.loads(response.payload)).get("type")


_UPDATES_AFTER_MODAL: typing.Final = (
    "reply.callback.modal.update.from-component",
    "reply.callback.modal.update.from-command",
    "reply.callback.modal.deferred-update.from-component",
    "reply.callback.modal.deferred-update.from-command",
)


@mutant("reply.callback", caught=failed(*(case for case in _UPDATES_AFTER_MODAL if case.endswith("from-component"))))
class RefusesUpdateAfterModal(ReferenceInteractionServer):
    """Refuses UPDATE_MESSAGE (7) and DEFERRED_UPDATE_MESSAGE (6) after a modal submit, as Discord's table once read.

    It answers 500, as for any callback its table calls invalid for the interaction.
    """

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        response = await super().on_interaction(body, signature, timestamp)
        if json_type(body) == InteractionType.MODAL_SUBMIT and _callback_type(response) in (_DEFERRED_UPDATE, _UPDATE):
            return _INVALID_REPLY  # MUTANT: the reference's table allows 6 and 7 after a modal submit
        return response


@mutant(
    "reply.callback",
    caught=failed("reply.callback.modal.update.from-command", "reply.callback.modal.deferred-update.from-command"),
)
class NewMessageForUpdateAfterCommandModal(_RewritesCallbacks):
    """Turns an update (6 or 7) after a modal opened from a command, which has no message to edit, into a new one.

    The pinned docs let a server refuse that update; sending another callback than the listener built is no refusal.
    """

    def rewrite(self, callback: _Json, interaction: _Json) -> _Json:
        if interaction.get("type") == InteractionType.MODAL_SUBMIT and "message" not in interaction:
            replaced = {_UPDATE: _MESSAGE, _DEFERRED_UPDATE: _DEFERRED_MESSAGE}.get(callback["type"])
            if replaced is not None:
                callback["type"] = replaced  # MUTANT: the reference sends the listener's update
        return callback


# ---------------------------------------------------------------------------------------------------------------------
# Failing listeners


@mutant("listener.error-no-leak", caught=failed("listener.error-no-leak.raises"))
class LeaksListenerError(ReferenceInteractionServer):
    """Puts the listener's exception into the body of its 500 reply."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        try:
            routed = self._route(body, signature, timestamp)
            if isinstance(routed, ReferenceResponse):
                return routed
            listener, interaction, interaction_type = routed
            called: object = listener(interaction)
            if type(called) is types.AsyncGeneratorType:
                generator = typing.cast("typing.AsyncGenerator[object, None]", called)
                builder = await generator.__anext__()
                self._continue(generator)
            else:
                builder = await typing.cast("typing.Awaitable[object]", called)
        except Exception as exc:
            return ReferenceResponse.text(500, f"the listener failed: {exc!r}")  # MUTANT: the reference says no more
        if builder is None:
            return ReferenceResponse(202)
        return self._render(builder, interaction_type)


@mutant("listener.error", caught=failed("listener.error.not-a-builder"))
class SendsMappingReplies(ReferenceInteractionServer):
    """Sends a listener's plain mapping as the callback instead of refusing what is not a builder."""

    def _render(self, builder: object, interaction_type: int) -> ReferenceResponse:
        if isinstance(builder, collections.abc.Mapping):  # MUTANT: the reference answers 500
            return ReferenceResponse.json(_ENCODER.encode(builder).encode())
        return super()._render(builder, interaction_type)


# ---------------------------------------------------------------------------------------------------------------------
# Async-generator listeners


@mutant(
    "asyncgen.first-yield",
    caught=failed("asyncgen.first-yield.is-reply", "asyncgen.first-yield.while-paused"),
    collateral=failed(
        "asyncgen.continuation.completes",
        "asyncgen.continuation.not-collected",
        "asyncgen.second-yield.reply-intact",
        "asyncgen.second-yield.closed",
    ),
)
class RunsGeneratorBeforeReplying(ReferenceInteractionServer):
    """Runs an async-generator listener to its end before replying with its first value."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        try:
            routed = self._route(body, signature, timestamp)
            if isinstance(routed, ReferenceResponse):
                return routed
            listener, interaction, interaction_type = routed
            called: object = listener(interaction)
            if type(called) is types.AsyncGeneratorType:
                generator = typing.cast("typing.AsyncGenerator[object, None]", called)
                values = [value async for value in generator]  # MUTANT: the reference replies at the first yield
                builder = values[0]
            else:
                builder = await typing.cast("typing.Awaitable[object]", called)
        except Exception:
            return _LISTENER_FAILED
        if builder is None:
            return ReferenceResponse(202)
        return self._render(builder, interaction_type)


@mutant(
    "asyncgen.continuation",
    caught=failed("asyncgen.continuation.completes", "asyncgen.continuation.not-collected"),
)
class AbandonsGenerator(ReferenceInteractionServer):
    """Drops an async-generator listener after its first yield, so the code after it never runs."""

    def _continue(self, generator: typing.AsyncGenerator[object, None]) -> None:
        del generator  # MUTANT: the reference runs the rest of the generator as a task that close() waits for


@mutant("asyncgen.continuation", caught=failed("asyncgen.continuation.not-collected"))
class ForgetsContinuationTask(ReferenceInteractionServer):
    """Runs the code after the first yield as a task it keeps no reference to, so garbage collection may lose it."""

    def _continue(self, generator: typing.AsyncGenerator[object, None]) -> None:
        asyncio.get_running_loop().create_task(_finish(generator))  # MUTANT: the reference keeps the task in a set


async def _drain(generator: typing.AsyncGenerator[object, None]) -> None:
    async for value in generator:  # MUTANT: the reference closes the generator at its second yield
        _LOGGER.error("an async-generator listener yielded %r after its reply; ignored", type(value))


@mutant("asyncgen.second-yield", caught=failed("asyncgen.second-yield.closed"))
class ResumesAfterSecondYield(ReferenceInteractionServer):
    """Resumes an async-generator listener after its second yield instead of closing it."""

    def _continue(self, generator: typing.AsyncGenerator[object, None]) -> None:
        task = asyncio.get_running_loop().create_task(_drain(generator))
        self._continuations.add(task)
        task.add_done_callback(self._continuations.discard)


# ---------------------------------------------------------------------------------------------------------------------
# Concurrency


@mutant(
    "concurrency.independent",
    caught=failed("concurrency.independent.other-kind", "concurrency.independent.same-kind"),
)
class SerialisesRequests(ReferenceInteractionServer):
    """Handles one request at a time, behind an `asyncio.Lock`, so a slow listener holds up every other request."""

    def __init__(self, public_key: bytes | str) -> None:
        super().__init__(public_key)
        self._serial = asyncio.Lock()

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        async with self._serial:  # MUTANT: the reference handles requests side by side
            return await super().on_interaction(body, signature, timestamp)


# ---------------------------------------------------------------------------------------------------------------------
# The REST half: what the target's REST client sends the Discord API double


class _NamelessRestAdapter(MutantAdapter):
    def rest_client(self, base_url: str) -> RestClient:
        return RestClient(base_url, user_agent=None)  # MUTANT: the reference's client says DiscordBot (...)


class _UnversionedRestAdapter(MutantAdapter):
    def rest_client(self, base_url: str) -> RestClient:
        return RestClient(base_url.removesuffix(f"/v{API_VERSION}"))  # MUTANT: the reference's path names v10


@mutant("rest.user-agent", caught=failed("rest.user-agent.listener"), adapter=_NamelessRestAdapter)
class RestWithHttpxUserAgent(ReferenceInteractionServer):
    """The reference server, beside a REST client that sends httpx's own User-Agent, not ``DiscordBot (...)``."""


@mutant("rest.api-version", caught=failed("rest.api-version.listener"), adapter=_UnversionedRestAdapter)
class RestWithoutApiVersion(ReferenceInteractionServer):
    """The reference server, beside a REST client that sends to ``/api/...`` with no version in the path."""
