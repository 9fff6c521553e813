"""Each kind has only its own fields, with their own types, read-only."""

from collections.abc import Mapping
from collections.abc import Sequence

from interaction_spec import AutocompleteInteraction
from interaction_spec import BaseCommandInteraction
from interaction_spec import CommandInteraction
from interaction_spec import ComponentInteraction
from interaction_spec import ModalInteraction
from interaction_spec import PartialInteraction


def fields(
    partial: PartialInteraction,
    command: CommandInteraction,
    autocomplete: AutocompleteInteraction,
    component: ComponentInteraction,
    modal: ModalInteraction,
) -> None:
    partial.command_name  # E: only command-like interactions have a command name
    partial.custom_id  # E: only components and modals have a custom ID
    command.custom_id  # E: a command has no custom ID
    command.focused_option  # E: only autocompletes have a focused option
    command.values  # E: a command has no values
    component.command_name  # E: a component has no command name
    modal.component_type  # E: only components have a component type
    modal.focused_value  # E: only autocompletes have a focused value
    autocomplete.custom_id  # E: an autocomplete has no custom ID
    autocomplete.options  # E: only commands have options; an autocomplete has its focused option
    component.options  # E: a component has no options

    token: bytes = partial.token  # E: the token is str
    interaction_id: str = command.id  # E: the ID is an int
    option: int = autocomplete.focused_option  # E: the focused option's name is str
    value: str = autocomplete.focused_value  # E: the focused value may be an int or float
    component_values: Sequence[int] = component.values  # E: component values are str
    component_mapping: Mapping[str, str] = component.values  # E: component values are a sequence
    modal_values: Sequence[str] = modal.values  # E: modal values are a mapping
    modal_texts: Mapping[str, str] = modal.values  # E: a modal value may be a sequence of str
    option_texts: Mapping[str, str] = command.options  # E: an option value may be an int, float or bool
    option_list: Sequence[str] = command.options  # E: the options are a mapping by name
    print(token, interaction_id, option, value, component_values, component_mapping, modal_values, modal_texts)
    print(option_texts, option_list)

    command.options["text"] = "another"  # E: the options mapping is read-only
    command.token = "another"  # E: the fields are read-only
    component.custom_id = "another"  # E: the fields are read-only
    command.options = {}  # E: the fields are read-only


def hierarchy(component: ComponentInteraction, modal: ModalInteraction, command: CommandInteraction) -> None:
    as_command: BaseCommandInteraction = component  # E: a component is not command-like
    as_component: ComponentInteraction = modal  # E: a modal is not a component
    as_autocomplete: AutocompleteInteraction = command  # E: a command is not an autocomplete
    print(as_command, as_component, as_autocomplete)
