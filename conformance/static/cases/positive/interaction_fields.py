"""The fields a listener reads from each interaction kind, and the class hierarchy between the kinds."""

from collections.abc import Mapping
from collections.abc import Sequence

from typing_extensions import assert_type

from interaction_spec import AutocompleteInteraction
from interaction_spec import BaseCommandInteraction
from interaction_spec import CommandInteraction
from interaction_spec import ComponentInteraction
from interaction_spec import InteractionType
from interaction_spec import ModalInteraction
from interaction_spec import ModalValue
from interaction_spec import OptionValue
from interaction_spec import PartialInteraction


def partial_fields(interaction: PartialInteraction) -> None:
    assert_type(interaction.id, int)
    assert_type(interaction.application_id, int)
    assert_type(interaction.type, int)
    assert_type(interaction.token, str)
    assert_type(interaction.version, int)
    is_command: bool = interaction.type == InteractionType.APPLICATION_COMMAND
    print(is_command)


async def on_command(interaction: CommandInteraction) -> None:
    assert_type(interaction.token, str)
    assert_type(interaction.id, int)
    assert_type(interaction.command_id, int)
    assert_type(interaction.command_name, str)
    assert_type(interaction.options, Mapping[str, OptionValue])
    assert_type(interaction.options, Mapping[str, str | int | float | bool])
    for name, value in interaction.options.items():
        assert_type(name, str)
        assert_type(value, str | int | float | bool)
    text = interaction.options.get("text")
    if isinstance(text, str):
        assert_type(text, str)
    count = interaction.options.get("count", 1)
    if isinstance(count, bool):
        assert_type(count, bool)
    elif isinstance(count, int):
        assert_type(count, int)
    options: Mapping[str, object] = interaction.options
    print(options)
    partial_fields(interaction)


def echo_text(interaction: CommandInteraction) -> str:
    # A required string option: its value is a str once the command is registered that way.
    text = interaction.options["text"]
    return text if isinstance(text, str) else str(text)


async def on_autocomplete(interaction: AutocompleteInteraction) -> None:
    assert_type(interaction.command_id, int)
    assert_type(interaction.command_name, str)
    assert_type(interaction.focused_option, str)
    assert_type(interaction.focused_value, str | int | float)
    typed = interaction.focused_value
    if isinstance(typed, str):
        assert_type(typed, str)
    partial_fields(interaction)


async def on_component(interaction: ComponentInteraction) -> None:
    assert_type(interaction.custom_id, str)
    assert_type(interaction.component_type, int)
    assert_type(interaction.values, Sequence[str])
    for value in interaction.values:
        assert_type(value, str)
    partial_fields(interaction)


async def on_modal(interaction: ModalInteraction) -> None:
    assert_type(interaction.custom_id, str)
    assert_type(interaction.values, Mapping[str, ModalValue])
    for custom_id, submitted in interaction.values.items():
        assert_type(custom_id, str)
        if isinstance(submitted, str):
            assert_type(submitted, str)
    partial_fields(interaction)


def command_like(interaction: BaseCommandInteraction) -> str:
    return f"{interaction.command_id}:{interaction.command_name}"


def hierarchy(command: CommandInteraction, autocomplete: AutocompleteInteraction) -> list[BaseCommandInteraction]:
    # Commands and autocompletes share BaseCommandInteraction; components and modals only PartialInteraction.
    return [command, autocomplete]


# The interaction classes are concrete: `type[...]` accepts them and they can be instantiated.
kinds: list[type[PartialInteraction]] = [
    CommandInteraction,
    ComponentInteraction,
    AutocompleteInteraction,
    ModalInteraction,
    BaseCommandInteraction,
    PartialInteraction,
]
command_kind: type[BaseCommandInteraction] = CommandInteraction
placeholder = CommandInteraction()
assert_type(placeholder, CommandInteraction)
