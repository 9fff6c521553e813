"""`InteractionServer`'s three methods are abstract: a subclass missing any of them cannot be instantiated."""

from typing import Any

from interaction_spec import CommandInteraction
from interaction_spec import InteractionAutocompleteBuilder
from interaction_spec import InteractionDeferredBuilder
from interaction_spec import InteractionMessageBuilder
from interaction_spec import InteractionModalBuilder
from interaction_spec import InteractionResponseBuilder
from interaction_spec import InteractionServer
from interaction_spec import ListenerT
from interaction_spec import PartialInteraction
from interaction_spec import Response


class NoOnInteraction(InteractionServer):
    def get_listener(self, interaction_type: type[PartialInteraction], /) -> ListenerT[Any, Any] | None:
        return None

    def set_listener(
        self, interaction_type: type[PartialInteraction], listener: ListenerT[Any, Any] | None, /, *, replace: bool = False
    ) -> None:
        return None


class NoGetListener(InteractionServer):
    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        raise NotImplementedError

    def set_listener(
        self, interaction_type: type[PartialInteraction], listener: ListenerT[Any, Any] | None, /, *, replace: bool = False
    ) -> None:
        return None


class NoSetListener(InteractionServer):
    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        raise NotImplementedError

    def get_listener(self, interaction_type: type[PartialInteraction], /) -> ListenerT[Any, Any] | None:
        return None


class OnlyOnInteraction(InteractionServer):
    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        raise NotImplementedError


class Complete(NoOnInteraction):
    """Control: supplying the missing method makes the class concrete (no error below)."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        raise NotImplementedError


complete: InteractionServer = Complete()
server: InteractionServer = InteractionServer()  # E: InteractionServer itself is abstract
missing_on_interaction: InteractionServer = NoOnInteraction()  # E: on_interaction is not implemented
missing_get_listener: InteractionServer = NoGetListener()  # E: get_listener is not implemented
missing_set_listener: InteractionServer = NoSetListener()  # E: set_listener is not implemented
missing_both_listener_methods: InteractionServer = OnlyOnInteraction()  # E: get_listener and set_listener are not implemented

# The builders are abstract too: an implementation provides the concrete ones.
base_builder: InteractionResponseBuilder = InteractionResponseBuilder()  # E: the base builder is abstract
message: InteractionMessageBuilder = InteractionMessageBuilder()  # E: the message builder is abstract
deferred: InteractionDeferredBuilder = InteractionDeferredBuilder()  # E: the deferred builder is abstract
modal: InteractionModalBuilder = InteractionModalBuilder()  # E: the modal builder is abstract
choices: InteractionAutocompleteBuilder = InteractionAutocompleteBuilder()  # E: the autocomplete builder is abstract

# The interaction classes are not abstract: they are registration keys.
command: CommandInteraction = CommandInteraction()
