"""A builder the contract table does not allow for a kind is a type error, for every row of the table."""

from collections.abc import AsyncGenerator
from collections.abc import Mapping
from collections.abc import Sequence

from interaction_spec import AutocompleteInteraction
from interaction_spec import CommandInteraction
from interaction_spec import ComponentInteraction
from interaction_spec import CallbackType
from interaction_spec import InteractionAutocompleteBuilder
from interaction_spec import InteractionDeferredBuilder
from interaction_spec import InteractionMessageBuilder
from interaction_spec import InteractionModalBuilder
from interaction_spec import InteractionResponseBuilder
from interaction_spec import InteractionServer
from interaction_spec import ModalInteraction
from interaction_spec import ResponseFile


def message() -> InteractionMessageBuilder:
    raise NotImplementedError


def deferred() -> InteractionDeferredBuilder:
    raise NotImplementedError


def modal() -> InteractionModalBuilder:
    raise NotImplementedError


def choices() -> InteractionAutocompleteBuilder:
    raise NotImplementedError


class LaunchActivity(InteractionResponseBuilder):
    """A builder of the contract's base class that is none of the four kinds (callback type 12)."""

    @property
    def type(self) -> int:
        return CallbackType.LAUNCH_ACTIVITY

    def build(self) -> tuple[Mapping[str, object], Sequence[ResponseFile]]:
        return {"type": self.type}, ()


async def command_launch(interaction: CommandInteraction) -> LaunchActivity:
    return LaunchActivity()


async def command_choices(interaction: CommandInteraction) -> InteractionAutocompleteBuilder:
    return choices()


async def command_base(interaction: CommandInteraction) -> InteractionResponseBuilder:
    return message()


async def command_mixed(interaction: CommandInteraction) -> InteractionMessageBuilder | InteractionAutocompleteBuilder:
    return message()


async def command_choices_or_none(interaction: CommandInteraction) -> InteractionAutocompleteBuilder | None:
    return None


async def component_choices(interaction: ComponentInteraction) -> InteractionAutocompleteBuilder:
    return choices()


async def component_base(interaction: ComponentInteraction) -> InteractionResponseBuilder:
    return deferred()


async def autocomplete_message(interaction: AutocompleteInteraction) -> InteractionMessageBuilder:
    return message()


async def autocomplete_deferred(interaction: AutocompleteInteraction) -> InteractionDeferredBuilder:
    return deferred()


async def autocomplete_modal(interaction: AutocompleteInteraction) -> InteractionModalBuilder:
    return modal()


async def autocomplete_base(interaction: AutocompleteInteraction) -> InteractionResponseBuilder:
    return choices()


async def autocomplete_mixed(
    interaction: AutocompleteInteraction,
) -> InteractionAutocompleteBuilder | InteractionMessageBuilder:
    return choices()


async def modal_modal(interaction: ModalInteraction) -> InteractionModalBuilder:
    return modal()


async def modal_choices(interaction: ModalInteraction) -> InteractionAutocompleteBuilder:
    return choices()


async def modal_base(interaction: ModalInteraction) -> InteractionResponseBuilder:
    return message()


async def modal_mixed(interaction: ModalInteraction) -> InteractionMessageBuilder | InteractionModalBuilder:
    return message()


async def modal_modal_or_none(interaction: ModalInteraction) -> InteractionModalBuilder | None:
    return None


async def command_gen_choices(interaction: CommandInteraction) -> AsyncGenerator[InteractionAutocompleteBuilder | None, None]:
    yield choices()


async def component_gen_base(interaction: ComponentInteraction) -> AsyncGenerator[InteractionResponseBuilder | None, None]:
    yield deferred()


async def autocomplete_gen_message(interaction: AutocompleteInteraction) -> AsyncGenerator[InteractionMessageBuilder | None, None]:
    yield message()


async def modal_gen_modal(interaction: ModalInteraction) -> AsyncGenerator[InteractionModalBuilder | None, None]:
    yield modal()


async def command_gen_yields_wrong(interaction: CommandInteraction) -> AsyncGenerator[InteractionMessageBuilder | None, None]:
    yield choices()  # E: the generator yields an autocomplete builder where it declared a message builder


def register(server: InteractionServer) -> None:
    server.set_listener(CommandInteraction, command_choices)  # E: autocomplete builder for a command
    server.set_listener(CommandInteraction, command_base)  # E: base builder for a command
    server.set_listener(CommandInteraction, command_launch)  # E: a custom subclass of the base builder for a command
    server.set_listener(CommandInteraction, command_mixed)  # E: union with an autocomplete builder for a command
    server.set_listener(CommandInteraction, command_choices_or_none)  # E: optional autocomplete builder for a command

    server.set_listener(ComponentInteraction, component_choices)  # E: autocomplete builder for a component
    server.set_listener(ComponentInteraction, component_base)  # E: base builder for a component

    server.set_listener(AutocompleteInteraction, autocomplete_message)  # E: message builder for autocomplete
    server.set_listener(AutocompleteInteraction, autocomplete_deferred)  # E: deferred builder for autocomplete
    server.set_listener(AutocompleteInteraction, autocomplete_modal)  # E: modal builder for autocomplete
    server.set_listener(AutocompleteInteraction, autocomplete_base)  # E: base builder for autocomplete
    server.set_listener(AutocompleteInteraction, autocomplete_mixed)  # E: union with a message builder for autocomplete

    server.set_listener(ModalInteraction, modal_modal)  # E: modal builder for a modal submit
    server.set_listener(ModalInteraction, modal_choices)  # E: autocomplete builder for a modal submit
    server.set_listener(ModalInteraction, modal_base)  # E: base builder for a modal submit
    server.set_listener(ModalInteraction, modal_mixed)  # E: union with a modal builder for a modal submit
    server.set_listener(ModalInteraction, modal_modal_or_none)  # E: optional modal builder for a modal submit

    server.set_listener(CommandInteraction, command_gen_choices)  # E: async generator of autocomplete builders for a command
    server.set_listener(ComponentInteraction, component_gen_base)  # E: async generator of base builders for a component
    server.set_listener(AutocompleteInteraction, autocomplete_gen_message)  # E: async generator of message builders for autocomplete
    server.set_listener(ModalInteraction, modal_gen_modal)  # E: async generator of modal builders for a modal submit

    server.set_listener(CommandInteraction, command_choices, replace=True)  # E: replace does not make a wrong builder right
