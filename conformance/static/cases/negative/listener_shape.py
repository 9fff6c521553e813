"""A listener must be a coroutine function or an ``AsyncGenerator``-annotated async generator function of one interaction."""

from collections.abc import AsyncGenerator
from collections.abc import AsyncIterable
from collections.abc import AsyncIterator
from collections.abc import Coroutine
from collections.abc import Generator
from collections.abc import Iterator

from interaction_spec import AutocompleteInteraction
from interaction_spec import BaseCommandInteraction
from interaction_spec import CommandInteraction
from interaction_spec import ComponentInteraction
from interaction_spec import InteractionAutocompleteBuilder
from interaction_spec import InteractionMessageBuilder
from interaction_spec import InteractionServer
from interaction_spec import ModalInteraction
from interaction_spec import PartialInteraction


def message() -> InteractionMessageBuilder:
    raise NotImplementedError


def sync_listener(interaction: CommandInteraction) -> InteractionMessageBuilder:
    return message()


def sync_none_listener(interaction: ModalInteraction) -> None:
    return None


def sync_generator(interaction: CommandInteraction) -> Generator[InteractionMessageBuilder | None, None, None]:
    yield message()


def sync_iterator(interaction: ComponentInteraction) -> Iterator[InteractionMessageBuilder]:
    yield message()


async def async_iterator(interaction: CommandInteraction) -> AsyncIterator[InteractionMessageBuilder | None]:
    yield message()


async def async_iterable(interaction: ComponentInteraction) -> AsyncIterable[InteractionMessageBuilder]:
    yield message()


async def sends_values(interaction: CommandInteraction) -> AsyncGenerator[InteractionMessageBuilder | None, int]:
    sent: int = yield message()
    print(sent)


async def returns_generator(interaction: CommandInteraction) -> AsyncGenerator[InteractionMessageBuilder | None, None]:
    raise NotImplementedError  # a coroutine function *returning* an async generator, not an async generator function


async def returns_coroutine(interaction: CommandInteraction) -> Coroutine[None, None, InteractionMessageBuilder]:
    raise NotImplementedError


async def returns_str(interaction: CommandInteraction) -> str:
    return "a string is no builder"


async def no_parameter() -> InteractionMessageBuilder:
    return message()


async def two_parameters(interaction: CommandInteraction, extra: int) -> InteractionMessageBuilder:
    return message()


async def keyword_only(*, interaction: CommandInteraction) -> InteractionMessageBuilder:
    return message()


async def on_component(interaction: ComponentInteraction) -> InteractionMessageBuilder:
    return message()


async def on_modal(interaction: ModalInteraction) -> InteractionMessageBuilder:
    return message()


async def on_command(interaction: CommandInteraction) -> InteractionMessageBuilder:
    return message()


async def on_autocomplete(interaction: AutocompleteInteraction) -> InteractionAutocompleteBuilder:
    raise NotImplementedError


async def on_base_command(interaction: BaseCommandInteraction) -> InteractionMessageBuilder:
    return message()


async def on_str(interaction: str) -> InteractionMessageBuilder:
    return message()


class MyCommand(CommandInteraction):
    """An implementation's concrete command interaction."""


async def on_my_command(interaction: MyCommand) -> InteractionMessageBuilder:
    return message()


class SyncCallable:
    def __call__(self, interaction: CommandInteraction) -> InteractionMessageBuilder:
        return message()


def register(server: InteractionServer) -> None:
    server.set_listener(CommandInteraction, sync_listener)  # E: a sync function is no listener
    server.set_listener(ModalInteraction, sync_none_listener)  # E: a sync function returning None is no listener
    server.set_listener(CommandInteraction, sync_generator)  # E: a sync generator is no listener
    server.set_listener(ComponentInteraction, sync_iterator)  # E: a sync iterator is no listener
    server.set_listener(CommandInteraction, async_iterator)  # E: an AsyncIterator-annotated async generator is rejected
    server.set_listener(ComponentInteraction, async_iterable)  # E: an AsyncIterable-annotated async generator is rejected
    server.set_listener(CommandInteraction, sends_values)  # E: an async generator that expects sent values
    server.set_listener(CommandInteraction, returns_generator)  # E: a coroutine returning an async generator
    server.set_listener(CommandInteraction, returns_coroutine)  # E: a coroutine returning a coroutine
    server.set_listener(CommandInteraction, returns_str)  # E: a coroutine returning no builder
    server.set_listener(CommandInteraction, SyncCallable())  # E: a callable object whose __call__ is sync
    server.set_listener(CommandInteraction, lambda interaction: message())  # E: a lambda returning a builder is sync

    server.set_listener(CommandInteraction, no_parameter)  # E: a listener takes the interaction
    server.set_listener(CommandInteraction, two_parameters)  # E: a listener takes only the interaction
    server.set_listener(CommandInteraction, keyword_only)  # E: the interaction is passed positionally

    server.set_listener(CommandInteraction, on_component)  # E: a component listener for commands
    server.set_listener(CommandInteraction, on_modal)  # E: a modal listener for commands
    server.set_listener(ComponentInteraction, on_command)  # E: a command listener for components
    server.set_listener(ComponentInteraction, on_modal)  # E: a modal listener for components
    server.set_listener(ModalInteraction, on_component)  # E: a component listener for modal submits
    server.set_listener(ModalInteraction, on_command)  # E: a command listener for modal submits
    server.set_listener(AutocompleteInteraction, on_command)  # E: a command listener (wrong parameter, wrong builder) for autocomplete
    server.set_listener(CommandInteraction, on_autocomplete)  # E: an autocomplete listener for commands
    server.set_listener(ComponentInteraction, on_base_command)  # E: a command-like listener for components
    server.set_listener(CommandInteraction, on_str)  # E: a listener of str
    server.set_listener(CommandInteraction, on_my_command)  # E: a listener of one implementation's subclass
    server.set_listener(MyCommand, on_my_command)  # E: even registered under that subclass, the listener must take any command

    server.set_listener(PartialInteraction, on_command)  # E: PartialInteraction is no registrable kind
    server.set_listener(BaseCommandInteraction, on_command)  # E: BaseCommandInteraction is no registrable kind
    server.set_listener(PartialInteraction, None)  # E: PartialInteraction is no registrable kind, even to remove
