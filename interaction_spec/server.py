"""The interaction server contract: `InteractionServer`, `Response` and `ListenerT`."""

from __future__ import annotations

__all__ = ("InteractionServer", "ListenerT", "Response")

import abc
import typing

from interaction_spec import builders
from interaction_spec import interactions

if typing.TYPE_CHECKING:
    from interaction_spec.files import ResponseFile

_InteractionT = typing.TypeVar("_InteractionT", bound=interactions.PartialInteraction)
_ResponseT = typing.TypeVar("_ResponseT", bound=builders.InteractionResponseBuilder)

ListenerT: typing.TypeAlias = (
    typing.Callable[[_InteractionT], typing.Awaitable[_ResponseT | None]]
    | typing.Callable[[_InteractionT], typing.AsyncGenerator[_ResponseT | None, None]]
)
"""A listener: ``ListenerT[InteractionType, ResponseBuilderType]``.

Either a coroutine function that takes the interaction and returns the reply
builder, or an async generator function that yields the reply builder exactly
once and goes on running after the reply has been sent.

A listener that produces `None` answers through Discord's REST callback
endpoint itself; the server then replies with no body (``202 Accepted``, as
Discord's docs ask).
"""

_MessageOrDeferred: typing.TypeAlias = builders.InteractionMessageBuilder | builders.InteractionDeferredBuilder
_MessageDeferredOrModal: typing.TypeAlias = (
    builders.InteractionMessageBuilder | builders.InteractionDeferredBuilder | builders.InteractionModalBuilder
)


@typing.runtime_checkable
class Response(typing.Protocol):
    """What `InteractionServer.on_interaction` returns: how to answer the HTTP request.

    ``isinstance(obj, Response)`` checks that the six members exist, not their
    types or values.
    """

    __slots__ = ()

    @property
    def status_code(self) -> int:
        """HTTP status code of the reply."""
        raise NotImplementedError

    @property
    def payload(self) -> bytes | None:
        """Body of the reply (the JSON part when there are files), or `None` for no body."""
        raise NotImplementedError

    @property
    def content_type(self) -> str | None:
        """Media type of `payload`, without parameters, or `None` when there is no payload."""
        raise NotImplementedError

    @property
    def charset(self) -> str | None:
        """Character set of `payload` when it is text, or `None`."""
        raise NotImplementedError

    @property
    def headers(self) -> typing.MutableMapping[str, str] | None:
        """Extra HTTP headers for the reply, or `None`."""
        raise NotImplementedError

    @property
    def files(self) -> typing.Sequence[ResponseFile]:
        """Up to 10 files to send with the JSON payload as ``multipart/form-data``."""
        raise NotImplementedError


class InteractionServer(abc.ABC):
    """An interaction server: verifies, answers PING and dispatches to listeners."""

    __slots__ = ()

    @abc.abstractmethod
    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        """Handle one interaction request.

        Never raises: every input, however malformed, is answered with a `Response`.

        Parameters
        ----------
        body : bytes
            The raw request body.
        signature : bytes
            The signature, decoded from the hex ``X-Signature-Ed25519`` header.
        timestamp : bytes
            The raw ``X-Signature-Timestamp`` header.

        Returns
        -------
        Response
            How the HTTP layer must answer the request.
        """

    @typing.overload
    @abc.abstractmethod
    def get_listener(
        self, interaction_type: type[interactions.CommandInteraction], /
    ) -> ListenerT[interactions.CommandInteraction, _MessageDeferredOrModal] | None: ...

    @typing.overload
    @abc.abstractmethod
    def get_listener(
        self, interaction_type: type[interactions.ComponentInteraction], /
    ) -> ListenerT[interactions.ComponentInteraction, _MessageDeferredOrModal] | None: ...

    @typing.overload
    @abc.abstractmethod
    def get_listener(
        self, interaction_type: type[interactions.AutocompleteInteraction], /
    ) -> ListenerT[interactions.AutocompleteInteraction, builders.InteractionAutocompleteBuilder] | None: ...

    @typing.overload
    @abc.abstractmethod
    def get_listener(
        self, interaction_type: type[interactions.ModalInteraction], /
    ) -> ListenerT[interactions.ModalInteraction, _MessageOrDeferred] | None: ...

    @abc.abstractmethod
    def get_listener(
        self, interaction_type: type[_InteractionT], /
    ) -> ListenerT[_InteractionT, builders.InteractionResponseBuilder] | None:
        """Return the listener registered for an interaction kind.

        Parameters
        ----------
        interaction_type : type[PartialInteraction]
            One of `CommandInteraction`, `ComponentInteraction`,
            `AutocompleteInteraction` or `ModalInteraction`.

        Returns
        -------
        ListenerT | None
            The registered listener, or `None` if there is none.
        """

    @typing.overload
    @abc.abstractmethod
    def set_listener(
        self,
        interaction_type: type[interactions.CommandInteraction],
        listener: ListenerT[interactions.CommandInteraction, _MessageDeferredOrModal] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...

    @typing.overload
    @abc.abstractmethod
    def set_listener(
        self,
        interaction_type: type[interactions.ComponentInteraction],
        listener: ListenerT[interactions.ComponentInteraction, _MessageDeferredOrModal] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...

    @typing.overload
    @abc.abstractmethod
    def set_listener(
        self,
        interaction_type: type[interactions.AutocompleteInteraction],
        listener: ListenerT[interactions.AutocompleteInteraction, builders.InteractionAutocompleteBuilder] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...

    @typing.overload
    @abc.abstractmethod
    def set_listener(
        self,
        interaction_type: type[interactions.ModalInteraction],
        listener: ListenerT[interactions.ModalInteraction, _MessageOrDeferred] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...

    @abc.abstractmethod
    def set_listener(
        self,
        interaction_type: type[_InteractionT],
        listener: ListenerT[_InteractionT, builders.InteractionResponseBuilder] | None,
        /,
        *,
        replace: bool = False,
    ) -> None:
        """Register, replace or remove the listener for an interaction kind.

        Parameters
        ----------
        interaction_type : type[PartialInteraction]
            One of `CommandInteraction`, `ComponentInteraction`,
            `AutocompleteInteraction` or `ModalInteraction`.
        listener : ListenerT | None
            The listener, or `None` to remove the registered one (removing
            never needs ``replace``).

        Other Parameters
        ----------------
        replace : bool
            Whether to replace a listener that is already registered.

        Raises
        ------
        TypeError
            If a listener is already registered for ``interaction_type`` and
            ``replace`` is `False`; the registered listener stays.
        """
