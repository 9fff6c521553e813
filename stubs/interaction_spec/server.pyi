import abc
from collections.abc import AsyncGenerator
from collections.abc import Awaitable
from collections.abc import Callable
from collections.abc import MutableMapping
from collections.abc import Sequence
from typing import Protocol
from typing import TypeAlias
from typing import TypeVar
from typing import overload
from typing import runtime_checkable

from interaction_spec.builders import InteractionAutocompleteBuilder
from interaction_spec.builders import InteractionDeferredBuilder
from interaction_spec.builders import InteractionMessageBuilder
from interaction_spec.builders import InteractionModalBuilder
from interaction_spec.builders import InteractionResponseBuilder
from interaction_spec.files import ResponseFile
from interaction_spec.interactions import AutocompleteInteraction
from interaction_spec.interactions import CommandInteraction
from interaction_spec.interactions import ComponentInteraction
from interaction_spec.interactions import ModalInteraction
from interaction_spec.interactions import PartialInteraction

__all__ = ("InteractionServer", "ListenerT", "Response")

_InteractionT = TypeVar("_InteractionT", bound=PartialInteraction)
_ResponseT = TypeVar("_ResponseT", bound=InteractionResponseBuilder)

ListenerT: TypeAlias = (
    Callable[[_InteractionT], Awaitable[_ResponseT | None]]
    | Callable[[_InteractionT], AsyncGenerator[_ResponseT | None, None]]
)

_MessageOrDeferred: TypeAlias = InteractionMessageBuilder | InteractionDeferredBuilder
_MessageDeferredOrModal: TypeAlias = InteractionMessageBuilder | InteractionDeferredBuilder | InteractionModalBuilder

@runtime_checkable
class Response(Protocol):
    @property
    def status_code(self) -> int: ...
    @property
    def payload(self) -> bytes | None: ...
    @property
    def content_type(self) -> str | None: ...
    @property
    def charset(self) -> str | None: ...
    @property
    def headers(self) -> MutableMapping[str, str] | None: ...
    @property
    def files(self) -> Sequence[ResponseFile]: ...

class InteractionServer(abc.ABC):
    @abc.abstractmethod
    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response: ...
    @overload
    @abc.abstractmethod
    def get_listener(
        self, interaction_type: type[CommandInteraction], /
    ) -> ListenerT[CommandInteraction, _MessageDeferredOrModal] | None: ...
    @overload
    @abc.abstractmethod
    def get_listener(
        self, interaction_type: type[ComponentInteraction], /
    ) -> ListenerT[ComponentInteraction, _MessageDeferredOrModal] | None: ...
    @overload
    @abc.abstractmethod
    def get_listener(
        self, interaction_type: type[AutocompleteInteraction], /
    ) -> ListenerT[AutocompleteInteraction, InteractionAutocompleteBuilder] | None: ...
    @overload
    @abc.abstractmethod
    def get_listener(
        self, interaction_type: type[ModalInteraction], /
    ) -> ListenerT[ModalInteraction, _MessageOrDeferred] | None: ...
    @overload
    @abc.abstractmethod
    def set_listener(
        self,
        interaction_type: type[CommandInteraction],
        listener: ListenerT[CommandInteraction, _MessageDeferredOrModal] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...
    @overload
    @abc.abstractmethod
    def set_listener(
        self,
        interaction_type: type[ComponentInteraction],
        listener: ListenerT[ComponentInteraction, _MessageDeferredOrModal] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...
    @overload
    @abc.abstractmethod
    def set_listener(
        self,
        interaction_type: type[AutocompleteInteraction],
        listener: ListenerT[AutocompleteInteraction, InteractionAutocompleteBuilder] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...
    @overload
    @abc.abstractmethod
    def set_listener(
        self,
        interaction_type: type[ModalInteraction],
        listener: ListenerT[ModalInteraction, _MessageOrDeferred] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...
