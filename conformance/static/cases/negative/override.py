"""An implementation's methods must be compatible overrides of `InteractionServer`'s."""

from typing import Any

from interaction_spec import CommandInteraction
from interaction_spec import InteractionMessageBuilder
from interaction_spec import InteractionServer
from interaction_spec import ListenerT
from interaction_spec import PartialInteraction
from interaction_spec import Response


class Valid(InteractionServer):
    """Control: valid (non-overloaded) overrides of all three methods; each class below breaks one of them."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        raise NotImplementedError

    def get_listener(self, interaction_type: type[PartialInteraction], /) -> ListenerT[Any, Any] | None:
        return None

    def set_listener(self, interaction_type: type[PartialInteraction], listener: ListenerT[Any, Any] | None, /, *, replace: bool = False) -> None:
        return None


class StrOnInteraction(Valid):
    async def on_interaction(self, body: str, signature: str, timestamp: str) -> Response:  # E: the request parts are bytes
        raise NotImplementedError


class SyncOnInteraction(Valid):
    def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:  # E: on_interaction must be a coroutine function
        raise NotImplementedError


class DictOnInteraction(Valid):
    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> dict[str, object]:  # E: on_interaction returns a Response
        raise NotImplementedError


class CommandsOnlyGet(Valid):
    def get_listener(self, interaction_type: type[CommandInteraction], /) -> ListenerT[CommandInteraction, InteractionMessageBuilder] | None:  # E: must accept every kind and return its full listener type
        return None


class CommandsOnlySet(Valid):
    def set_listener(self, interaction_type: type[CommandInteraction], listener: ListenerT[CommandInteraction, InteractionMessageBuilder] | None, /, *, replace: bool = False) -> None:  # E: must accept every kind
        return None


class KeywordOnlyKind(Valid):
    def get_listener(self, *, interaction_type: type[PartialInteraction]) -> ListenerT[Any, Any] | None:  # E: interaction_type must be accepted positionally
        return None


class RequiredReplace(Valid):
    def set_listener(self, interaction_type: type[PartialInteraction], listener: ListenerT[Any, Any] | None, /, *, replace: bool) -> None:  # E: replace must be optional
        return None


class NoReplace(Valid):
    def set_listener(self, interaction_type: type[PartialInteraction], listener: ListenerT[Any, Any] | None, /) -> None:  # E: replace must be accepted
        return None


class NoRemoval(Valid):
    def set_listener(self, interaction_type: type[PartialInteraction], listener: ListenerT[Any, Any], /, *, replace: bool = False) -> None:  # E: None (removal) must be accepted
        return None


valid: InteractionServer = Valid()
