"""Every row of the contract table: each kind accepts each builder it may produce."""

from collections.abc import Mapping
from collections.abc import Sequence

from interaction_spec import AutocompleteInteraction
from interaction_spec import CallbackType
from interaction_spec import CommandInteraction
from interaction_spec import ComponentInteraction
from interaction_spec import InteractionAutocompleteBuilder
from interaction_spec import InteractionDeferredBuilder
from interaction_spec import InteractionMessageBuilder
from interaction_spec import InteractionModalBuilder
from interaction_spec import InteractionServer
from interaction_spec import ModalInteraction
from interaction_spec import ResponseFile


class Message(InteractionMessageBuilder):
    def __init__(self, content: str) -> None:
        self.content = content

    @property
    def type(self) -> int:
        return CallbackType.CHANNEL_MESSAGE_WITH_SOURCE

    def build(self) -> tuple[Mapping[str, object], Sequence[ResponseFile]]:
        return {"type": self.type, "data": {"content": self.content}}, ()


class Deferred(InteractionDeferredBuilder):
    @property
    def type(self) -> int:
        return CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE

    def build(self) -> tuple[Mapping[str, object], Sequence[ResponseFile]]:
        return {"type": self.type}, ()


class Modal(InteractionModalBuilder):
    def __init__(self, title: str, custom_id: str) -> None:
        self.title = title
        self.custom_id = custom_id

    @property
    def type(self) -> int:
        return CallbackType.MODAL

    def build(self) -> tuple[Mapping[str, object], Sequence[ResponseFile]]:
        return {"type": self.type, "data": {"title": self.title, "custom_id": self.custom_id, "components": []}}, ()


class Choices(InteractionAutocompleteBuilder):
    def __init__(self, *choices: str) -> None:
        self.choices = choices

    @property
    def type(self) -> int:
        return CallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT

    def build(self) -> tuple[Mapping[str, object], Sequence[ResponseFile]]:
        data = {"choices": [{"name": choice, "value": choice} for choice in self.choices]}
        return {"type": self.type, "data": data}, ()


# CommandInteraction: message, deferred or modal.


async def command_message(interaction: CommandInteraction) -> InteractionMessageBuilder:
    return Message(f"/{interaction.command_name}")


async def command_deferred(interaction: CommandInteraction) -> InteractionDeferredBuilder:
    return Deferred()


async def command_modal(interaction: CommandInteraction) -> InteractionModalBuilder:
    return Modal("Tell me more", f"{interaction.command_name}:form")


async def command_any(
    interaction: CommandInteraction,
) -> InteractionMessageBuilder | InteractionDeferredBuilder | InteractionModalBuilder:
    if interaction.command_name == "later":
        return Deferred()
    if interaction.command_name == "form":
        return Modal("Form", "form")
    return Message("now")


async def command_concrete(interaction: CommandInteraction) -> Message:
    return Message("a concrete builder class is a fine return type")


# ComponentInteraction: message, deferred or modal.


async def component_message(interaction: ComponentInteraction) -> InteractionMessageBuilder:
    return Message(f"clicked {interaction.custom_id}")


async def component_deferred(interaction: ComponentInteraction) -> InteractionDeferredBuilder:
    return Deferred()


async def component_modal(interaction: ComponentInteraction) -> InteractionModalBuilder:
    return Modal("Edit", interaction.custom_id)


async def component_any(
    interaction: ComponentInteraction,
) -> InteractionMessageBuilder | InteractionDeferredBuilder | InteractionModalBuilder:
    if interaction.values:
        return Message(", ".join(interaction.values))
    return Deferred()


# AutocompleteInteraction: autocomplete choices only.


async def autocomplete_choices(interaction: AutocompleteInteraction) -> InteractionAutocompleteBuilder:
    return Choices(f"{interaction.focused_value}-1", f"{interaction.focused_value}-2")


async def autocomplete_concrete(interaction: AutocompleteInteraction) -> Choices:
    return Choices()


# ModalInteraction: message or deferred.


async def modal_message(interaction: ModalInteraction) -> InteractionMessageBuilder:
    return Message(f"{len(interaction.values)} fields submitted")


async def modal_deferred(interaction: ModalInteraction) -> InteractionDeferredBuilder:
    return Deferred()


async def modal_any(interaction: ModalInteraction) -> InteractionMessageBuilder | InteractionDeferredBuilder:
    return Deferred() if interaction.custom_id == "slow" else Message("thanks")


def register(server: InteractionServer) -> None:
    server.set_listener(CommandInteraction, command_message)
    server.set_listener(CommandInteraction, command_deferred, replace=True)
    server.set_listener(CommandInteraction, command_modal, replace=True)
    server.set_listener(CommandInteraction, command_any, replace=True)
    server.set_listener(CommandInteraction, command_concrete, replace=True)

    server.set_listener(ComponentInteraction, component_message)
    server.set_listener(ComponentInteraction, component_deferred, replace=True)
    server.set_listener(ComponentInteraction, component_modal, replace=True)
    server.set_listener(ComponentInteraction, component_any, replace=True)

    server.set_listener(AutocompleteInteraction, autocomplete_choices)
    server.set_listener(AutocompleteInteraction, autocomplete_concrete, replace=True)

    server.set_listener(ModalInteraction, modal_message)
    server.set_listener(ModalInteraction, modal_deferred, replace=True)
    server.set_listener(ModalInteraction, modal_any, replace=True)


def unregister(server: InteractionServer) -> None:
    server.set_listener(CommandInteraction, None)
    server.set_listener(ComponentInteraction, None)
    server.set_listener(AutocompleteInteraction, None)
    server.set_listener(ModalInteraction, None)
    server.set_listener(CommandInteraction, None, replace=True)
    server.set_listener(ModalInteraction, None, replace=False)
