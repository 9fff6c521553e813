"""The typing guide (docs/typing.md): listeners that `ListenerT` rejects, and each `set_listener` overload's rejections.

The guide shows the sections between the ``--8<--`` markers verbatim; the type-case runner checks that every
line with an error marker is an error under mypy and pyright, and that no other line is.
"""

from collections.abc import AsyncGenerator
from collections.abc import AsyncIterator

from interaction_spec import AutocompleteInteraction
from interaction_spec import BaseCommandInteraction
from interaction_spec import CommandInteraction
from interaction_spec import ComponentInteraction
from interaction_spec import InteractionAutocompleteBuilder
from interaction_spec import InteractionMessageBuilder
from interaction_spec import InteractionModalBuilder
from interaction_spec import InteractionServer
from interaction_spec import ListenerT
from interaction_spec import ModalInteraction
from interaction_spec import PartialInteraction


def say(content: str) -> InteractionMessageBuilder:
    raise NotImplementedError


def form(title: str) -> InteractionModalBuilder:
    raise NotImplementedError


def choices(*names: str) -> InteractionAutocompleteBuilder:
    raise NotImplementedError


# --8<-- [start:shapes]
def sync_ping(interaction: CommandInteraction) -> InteractionMessageBuilder:
    return say("pong")


async def iterated_ping(interaction: CommandInteraction) -> AsyncIterator[InteractionMessageBuilder]:
    yield say("pong")


async def ping_with_options(interaction: CommandInteraction, verbose: bool) -> InteractionMessageBuilder:
    return say("pong")


class MyCommand(CommandInteraction):
    """One library's own command interaction class."""


async def on_my_command(interaction: MyCommand) -> InteractionMessageBuilder:
    return say("pong")


a: ListenerT[CommandInteraction, InteractionMessageBuilder] = sync_ping  # E: a plain function is no listener
b: ListenerT[CommandInteraction, InteractionMessageBuilder] = lambda interaction: say("pong")  # E: a lambda is a plain function
c: ListenerT[CommandInteraction, InteractionMessageBuilder] = iterated_ping  # E: annotate an async generator as AsyncGenerator
d: ListenerT[CommandInteraction, InteractionMessageBuilder] = ping_with_options  # E: a listener takes the interaction only
e: ListenerT[CommandInteraction, InteractionMessageBuilder] = on_my_command  # E: a listener must take every CommandInteraction
# --8<-- [end:shapes]


async def on_command(interaction: CommandInteraction) -> InteractionMessageBuilder:
    return say("pong")


async def on_component(interaction: ComponentInteraction) -> InteractionMessageBuilder:
    return say("clicked")


# --8<-- [start:builders]
async def search_for_command(interaction: CommandInteraction) -> InteractionAutocompleteBuilder:
    return choices("one", "two")


async def say_for_search(interaction: AutocompleteInteraction) -> InteractionMessageBuilder:
    return say("autocomplete takes choices")


async def form_for_form(interaction: ModalInteraction) -> InteractionModalBuilder:
    return form("a modal cannot open a modal")


async def generated_form_for_form(interaction: ModalInteraction) -> AsyncGenerator[InteractionModalBuilder, None]:
    yield form("not from a generator either")


def register(server: InteractionServer) -> None:
    server.set_listener(CommandInteraction, search_for_command)  # E: a command is not answered with choices
    server.set_listener(AutocompleteInteraction, say_for_search)  # E: autocomplete is answered with choices only
    server.set_listener(ModalInteraction, form_for_form)  # E: a modal submit is not answered with a modal
    server.set_listener(ModalInteraction, generated_form_for_form)  # E: nor by yielding one
# --8<-- [end:builders]


# --8<-- [start:kinds]
def register_elsewhere(server: InteractionServer) -> None:
    server.set_listener(ComponentInteraction, on_command)  # E: a command listener cannot take a component
    server.set_listener(CommandInteraction, on_component)  # E: a component listener cannot take a command
    server.set_listener(PartialInteraction, on_command)  # E: PartialInteraction is no kind
    server.set_listener(BaseCommandInteraction, None)  # E: BaseCommandInteraction is no kind, even to remove
    server.set_listener(CommandInteraction, on_command, True)  # E: replace is keyword-only
# --8<-- [end:kinds]
