"""The reference `interaction_spec.InteractionServer`."""

from __future__ import annotations

__all__ = ("ReferenceInteractionServer",)

import asyncio
import json
import logging
import types
import typing

from nacl.bindings import crypto_sign_open
from nacl.exceptions import BadSignatureError

import interaction_spec
from conformance.reference import interactions
from conformance.reference.response import ReferenceResponse

if typing.TYPE_CHECKING:
    from interaction_spec import ListenerT

    _MessageOrDeferred: typing.TypeAlias = (
        interaction_spec.InteractionMessageBuilder | interaction_spec.InteractionDeferredBuilder
    )
    _MessageDeferredOrModal: typing.TypeAlias = (
        interaction_spec.InteractionMessageBuilder
        | interaction_spec.InteractionDeferredBuilder
        | interaction_spec.InteractionModalBuilder
    )

_LOGGER: typing.Final = logging.getLogger("conformance.reference")
_SIGNATURE_LENGTH: typing.Final = 64
_PUBLIC_KEY_LENGTH: typing.Final = 32

_PONG: typing.Final = ReferenceResponse.json(b'{"type":1}')
_ACCEPTED: typing.Final = ReferenceResponse(202)
_UNAUTHORIZED: typing.Final = ReferenceResponse.text(401, "invalid request signature")
_NOT_JSON_OBJECT: typing.Final = ReferenceResponse.text(400, "the body is not a JSON object")
_BAD_TYPE: typing.Final = ReferenceResponse.text(400, "the interaction has no integer 'type'")
_MALFORMED: typing.Final = ReferenceResponse.text(400, "the interaction lacks a required field")
_UNKNOWN_TYPE: typing.Final = ReferenceResponse.text(501, "unknown interaction type")
_NO_LISTENER: typing.Final = ReferenceResponse.text(501, "no listener for this interaction type")
_LISTENER_FAILED: typing.Final = ReferenceResponse.text(500, "the listener failed")
_INVALID_REPLY: typing.Final = ReferenceResponse.text(500, "the listener produced an invalid reply")

_KINDS: typing.Final[typing.Mapping[type[interaction_spec.PartialInteraction], int]] = {
    interaction_spec.CommandInteraction: interaction_spec.InteractionType.APPLICATION_COMMAND,
    interaction_spec.ComponentInteraction: interaction_spec.InteractionType.MESSAGE_COMPONENT,
    interaction_spec.AutocompleteInteraction: interaction_spec.InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE,
    interaction_spec.ModalInteraction: interaction_spec.InteractionType.MODAL_SUBMIT,
}
_VALID_CALLBACKS: typing.Final = interaction_spec.VALID_CALLBACK_TYPES
_ENCODER: typing.Final = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), check_circular=False, allow_nan=False
)
"""Strict JSON: NaN and infinities raise ValueError, and a cyclic callback RecursionError, which `_render` turns
into a 500 like any build failure."""
_BUILDER_TYPES: typing.Final[set[type]] = set()
"""Builder classes already seen to be `InteractionResponseBuilder` subclasses; skips the ABC check per reply."""

_AnyListener = typing.Callable[[typing.Any], typing.Any]


def _kind_of(interaction_type: object) -> int:
    if isinstance(interaction_type, type):
        for base in interaction_type.__mro__:
            kind = _KINDS.get(base)
            if kind is not None:
                return kind
    raise TypeError(
        "interaction_type must be CommandInteraction, ComponentInteraction, AutocompleteInteraction "
        f"or ModalInteraction, not {interaction_type!r}"
    )


class ReferenceInteractionServer(interaction_spec.InteractionServer):
    """An interaction server that meets every clause of the spec.

    Parameters
    ----------
    public_key : bytes | str
        The application's Ed25519 public key: 32 raw bytes or 64 hex characters.

    Notes
    -----
    Status codes: 401 for a request that fails verification, 400 for a body that
    is not an interaction, 501 for an unknown interaction type or a kind with no
    listener, 500 when the listener fails or produces an invalid reply, 202 with
    no body when it produces `None`, and 200 with the JSON callback otherwise.
    An async-generator listener's code after its first yield runs as a task that
    `close` waits for.
    """

    __slots__ = ("_continuations", "_listeners", "_public_key")

    def __init__(self, public_key: bytes | str) -> None:
        key = bytes.fromhex(public_key) if isinstance(public_key, str) else bytes(public_key)
        if len(key) != _PUBLIC_KEY_LENGTH:
            raise ValueError(f"an Ed25519 public key is {_PUBLIC_KEY_LENGTH} bytes, not {len(key)}")
        self._public_key = key
        self._listeners: dict[int, _AnyListener] = {}
        self._continuations: set[asyncio.Task[None]] = set()

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        """Verify, parse and dispatch one interaction request; never raises."""
        # One coroutine frame on the hot path: the checks before dispatch are synchronous.
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
        except Exception:
            _LOGGER.exception("an interaction could not be handled")
            return _LISTENER_FAILED
        except asyncio.CancelledError:
            if _cancelling_this_task():
                raise
            _LOGGER.exception("a listener raised CancelledError without its request being cancelled")
            return _LISTENER_FAILED
        if builder is None:
            return _ACCEPTED
        return self._render(builder, interaction_type)

    def _route(
        self, body: bytes, signature: bytes, timestamp: bytes
    ) -> ReferenceResponse | tuple[_AnyListener, interaction_spec.PartialInteraction, int]:
        """Return the early reply to a request, or the listener and interaction to dispatch it to."""
        if len(signature) != _SIGNATURE_LENGTH:
            return _UNAUTHORIZED
        try:
            crypto_sign_open(signature + timestamp + body, self._public_key)
        except (BadSignatureError, TypeError, ValueError):
            return _UNAUTHORIZED

        try:
            decoded: object = json.loads(body)
        except (ValueError, RecursionError):
            return _NOT_JSON_OBJECT
        if type(decoded) is not dict:
            return _NOT_JSON_OBJECT
        payload = typing.cast("dict[str, object]", decoded)
        interaction_type = payload.get("type")
        if type(interaction_type) is not int:
            return _BAD_TYPE
        if interaction_type == interaction_spec.InteractionType.PING:
            return _PONG

        try:
            interaction = interactions.parse_interaction(payload, interaction_type)
        except interactions.MalformedInteractionError:
            return _MALFORMED
        if interaction is None:
            return _UNKNOWN_TYPE
        listener = self._listeners.get(interaction_type)
        if listener is None:
            return _NO_LISTENER
        return listener, interaction, interaction_type

    def _render(self, builder: object, interaction_type: int) -> ReferenceResponse:
        if type(builder) not in _BUILDER_TYPES:
            if not isinstance(builder, interaction_spec.InteractionResponseBuilder):
                _LOGGER.error("a listener returned %r, which is not an InteractionResponseBuilder", type(builder))
                return _INVALID_REPLY
            _BUILDER_TYPES.add(type(builder))
        try:
            callback, files = typing.cast("interaction_spec.InteractionResponseBuilder", builder).build()
            if (
                callback.get("type")
                not in _VALID_CALLBACKS[typing.cast("interaction_spec.InteractionType", interaction_type)]
            ):
                _LOGGER.error(
                    "callback type %r is not valid for interaction type %d", callback.get("type"), interaction_type
                )
                return _INVALID_REPLY
            if len(files) > interaction_spec.MAX_RESPONSE_FILES:
                _LOGGER.error("a reply carries %d files, more than %d", len(files), interaction_spec.MAX_RESPONSE_FILES)
                return _INVALID_REPLY
            payload = _ENCODER.encode(callback).encode()
        except Exception:
            _LOGGER.exception("the listener's reply could not be built")
            return _INVALID_REPLY
        return ReferenceResponse(200, payload, "application/json", "utf-8", None, files)

    def _continue(self, generator: typing.AsyncGenerator[object, None]) -> None:
        task = asyncio.get_running_loop().create_task(_finish(generator))
        self._continuations.add(task)
        task.add_done_callback(self._continuations.discard)

    async def close(self) -> None:
        """Wait for every async-generator listener that is still running after its reply."""
        while self._continuations:
            await asyncio.gather(*self._continuations, return_exceptions=True)

    # --8<-- [start:registry]
    @typing.overload
    def get_listener(
        self, interaction_type: type[interaction_spec.CommandInteraction], /
    ) -> ListenerT[interaction_spec.CommandInteraction, _MessageDeferredOrModal] | None: ...
    @typing.overload
    def get_listener(
        self, interaction_type: type[interaction_spec.ComponentInteraction], /
    ) -> ListenerT[interaction_spec.ComponentInteraction, _MessageDeferredOrModal] | None: ...
    @typing.overload
    def get_listener(
        self, interaction_type: type[interaction_spec.AutocompleteInteraction], /
    ) -> (
        ListenerT[interaction_spec.AutocompleteInteraction, interaction_spec.InteractionAutocompleteBuilder] | None
    ): ...
    @typing.overload
    def get_listener(
        self, interaction_type: type[interaction_spec.ModalInteraction], /
    ) -> ListenerT[interaction_spec.ModalInteraction, _MessageOrDeferred] | None: ...
    def get_listener(self, interaction_type: type[interaction_spec.PartialInteraction], /) -> typing.Any:
        """Return the listener registered for an interaction kind, or `None`.

        Raises
        ------
        TypeError
            If ``interaction_type`` is not an interaction kind.
        """
        return self._listeners.get(_kind_of(interaction_type))

    @typing.overload
    def set_listener(
        self,
        interaction_type: type[interaction_spec.CommandInteraction],
        listener: ListenerT[interaction_spec.CommandInteraction, _MessageDeferredOrModal] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...
    @typing.overload
    def set_listener(
        self,
        interaction_type: type[interaction_spec.ComponentInteraction],
        listener: ListenerT[interaction_spec.ComponentInteraction, _MessageDeferredOrModal] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...
    @typing.overload
    def set_listener(
        self,
        interaction_type: type[interaction_spec.AutocompleteInteraction],
        listener: ListenerT[interaction_spec.AutocompleteInteraction, interaction_spec.InteractionAutocompleteBuilder]
        | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...
    @typing.overload
    def set_listener(
        self,
        interaction_type: type[interaction_spec.ModalInteraction],
        listener: ListenerT[interaction_spec.ModalInteraction, _MessageOrDeferred] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...
    def set_listener(
        self,
        interaction_type: type[interaction_spec.PartialInteraction],
        listener: typing.Any,
        /,
        *,
        replace: bool = False,
    ) -> None:
        """Register, replace (``replace=True``) or remove (`None`) the listener for an interaction kind.

        Raises
        ------
        TypeError
            If ``interaction_type`` is not an interaction kind, or a listener is
            already registered and ``replace`` is `False` (the registered one stays).
        """
        kind = _kind_of(interaction_type)
        if listener is None:
            self._listeners.pop(kind, None)
        elif kind in self._listeners and not replace:
            raise TypeError(f"a listener is already registered for {interaction_type.__name__}; pass replace=True")
        else:
            self._listeners[kind] = listener

    # --8<-- [end:registry]


def _cancelling_this_task() -> bool:
    """Whether the running task is being cancelled, so `CancelledError` must propagate.

    Python 3.10 cannot tell a listener's own `CancelledError` from a cancellation of the request, so there it
    always propagates.
    """
    cancelling: typing.Callable[[], int] | None = getattr(asyncio.current_task(), "cancelling", None)  # 3.11+
    return cancelling is None or cancelling() > 0


async def _finish(generator: typing.AsyncGenerator[object, None]) -> None:
    """Run an async-generator listener past its reply; a second yield is logged and the generator closed."""
    try:
        await generator.__anext__()
    except StopAsyncIteration:
        return
    except Exception:
        _LOGGER.exception("an async-generator listener failed after its reply was sent")
        return
    _LOGGER.error("an async-generator listener yielded more than once; only the first yield is the reply")
    try:
        await generator.aclose()
    except Exception:
        _LOGGER.exception("an async-generator listener failed while being closed")
