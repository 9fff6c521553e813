import abc
from typing import TypeAlias
from typing import overload

from interaction_spec.builders import InteractionAutocompleteBuilder
from interaction_spec.builders import InteractionDeferredBuilder
from interaction_spec.builders import InteractionMessageBuilder
from interaction_spec.builders import InteractionModalBuilder
from interaction_spec.builders import InteractionResponseBuilder
from interaction_spec.interactions import AutocompleteInteraction
from interaction_spec.interactions import CommandInteraction
from interaction_spec.interactions import ComponentInteraction
from interaction_spec.interactions import ModalInteraction
from interaction_spec.interactions import PartialInteraction
from interaction_spec.server import InteractionServer
from interaction_spec.server import ListenerT

__all__ = ("ListenerRegistry",)

_MessageOrDeferred: TypeAlias = InteractionMessageBuilder | InteractionDeferredBuilder
_MessageDeferredOrModal: TypeAlias = InteractionMessageBuilder | InteractionDeferredBuilder | InteractionModalBuilder

class ListenerRegistry(InteractionServer, metaclass=abc.ABCMeta):
    @overload
    def get_listener(
        self, interaction_type: type[CommandInteraction], /
    ) -> ListenerT[CommandInteraction, _MessageDeferredOrModal] | None: ...
    @overload
    def get_listener(
        self, interaction_type: type[ComponentInteraction], /
    ) -> ListenerT[ComponentInteraction, _MessageDeferredOrModal] | None: ...
    @overload
    def get_listener(
        self, interaction_type: type[AutocompleteInteraction], /
    ) -> ListenerT[AutocompleteInteraction, InteractionAutocompleteBuilder] | None: ...
    @overload
    def get_listener(
        self, interaction_type: type[ModalInteraction], /
    ) -> ListenerT[ModalInteraction, _MessageOrDeferred] | None: ...
    @overload
    def set_listener(
        self,
        interaction_type: type[CommandInteraction],
        listener: ListenerT[CommandInteraction, _MessageDeferredOrModal] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...
    @overload
    def set_listener(
        self,
        interaction_type: type[ComponentInteraction],
        listener: ListenerT[ComponentInteraction, _MessageDeferredOrModal] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...
    @overload
    def set_listener(
        self,
        interaction_type: type[AutocompleteInteraction],
        listener: ListenerT[AutocompleteInteraction, InteractionAutocompleteBuilder] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...
    @overload
    def set_listener(
        self,
        interaction_type: type[ModalInteraction],
        listener: ListenerT[ModalInteraction, _MessageOrDeferred] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...
    def listener_for(
        self, interaction: PartialInteraction, /
    ) -> ListenerT[PartialInteraction, InteractionResponseBuilder] | None: ...
