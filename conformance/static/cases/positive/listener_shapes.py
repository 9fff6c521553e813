"""The shapes a listener may take: coroutine or async generator functions, `None`, wider parameters, `ListenerT`."""

from __future__ import annotations

import functools
from collections.abc import AsyncGenerator
from collections.abc import Awaitable
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import ParamSpec
from typing import TypeAlias
from typing import TypeVar

from typing_extensions import assert_type

from interaction_spec import AutocompleteInteraction
from interaction_spec import BaseCommandInteraction
from interaction_spec import CallbackType
from interaction_spec import CommandInteraction
from interaction_spec import ComponentInteraction
from interaction_spec import InteractionAutocompleteBuilder
from interaction_spec import InteractionDeferredBuilder
from interaction_spec import InteractionMessageBuilder
from interaction_spec import InteractionModalBuilder
from interaction_spec import InteractionResponseBuilder
from interaction_spec import InteractionServer
from interaction_spec import ListenerT
from interaction_spec import ModalInteraction
from interaction_spec import PartialInteraction
from interaction_spec import ResponseFile

AnyCommandReply: TypeAlias = InteractionMessageBuilder | InteractionDeferredBuilder | InteractionModalBuilder


class Deferred(InteractionDeferredBuilder):
    @property
    def type(self) -> int:
        return CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE

    def build(self) -> tuple[Mapping[str, object], Sequence[ResponseFile]]:
        return {"type": self.type}, ()


class Message(InteractionMessageBuilder):
    @property
    def type(self) -> int:
        return CallbackType.CHANNEL_MESSAGE_WITH_SOURCE

    def build(self) -> tuple[Mapping[str, object], Sequence[ResponseFile]]:
        return {"type": self.type, "data": {"content": "done"}}, ()


class Choices(InteractionAutocompleteBuilder):
    @property
    def type(self) -> int:
        return CallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT

    def build(self) -> tuple[Mapping[str, object], Sequence[ResponseFile]]:
        return {"type": self.type, "data": {"choices": []}}, ()


async def follow_up(token: str) -> None:
    """Stands for a REST call made after the initial reply was sent."""


# Listeners that return `None` answer through the REST callback endpoint themselves.


async def command_none(interaction: CommandInteraction) -> None:
    await follow_up(interaction.token)


async def component_none(interaction: ComponentInteraction) -> None:
    await follow_up(interaction.token)


async def autocomplete_none(interaction: AutocompleteInteraction) -> None:
    await follow_up(interaction.token)


async def modal_none(interaction: ModalInteraction) -> None:
    await follow_up(interaction.token)


async def command_optional(interaction: CommandInteraction) -> InteractionMessageBuilder | None:
    return Message() if interaction.command_name == "ping" else None


async def component_optional(interaction: ComponentInteraction) -> InteractionModalBuilder | None:
    return None


async def autocomplete_optional(interaction: AutocompleteInteraction) -> InteractionAutocompleteBuilder | None:
    return Choices() if interaction.focused_option == "city" else None


async def modal_optional(interaction: ModalInteraction) -> InteractionDeferredBuilder | None:
    return Deferred() if interaction.values else None


# A listener whose parameter is wider than the kind it is registered for.


async def partial_none(interaction: PartialInteraction) -> None:
    await follow_up(interaction.token)


async def partial_deferred(interaction: PartialInteraction) -> InteractionDeferredBuilder:
    return Deferred()


async def partial_choices(interaction: PartialInteraction) -> InteractionAutocompleteBuilder:
    return Choices()


async def base_command_none(interaction: BaseCommandInteraction) -> None:
    await follow_up(f"{interaction.command_id}:{interaction.command_name}")


# Async generator listeners: yield the reply once, go on running after it was sent.


async def command_gen(interaction: CommandInteraction) -> AsyncGenerator[InteractionMessageBuilder | None, None]:
    yield Message()
    await follow_up(interaction.token)


async def command_gen_any(interaction: CommandInteraction) -> AsyncGenerator[AnyCommandReply | None, None]:
    yield Deferred()
    await follow_up(interaction.token)


async def command_gen_none(interaction: CommandInteraction) -> AsyncGenerator[None, None]:
    yield None
    await follow_up(interaction.token)


async def component_gen(interaction: ComponentInteraction) -> AsyncGenerator[InteractionDeferredBuilder | None, None]:
    yield Deferred()
    await follow_up(interaction.custom_id)


async def autocomplete_gen(
    interaction: AutocompleteInteraction,
) -> AsyncGenerator[InteractionAutocompleteBuilder | None, None]:
    yield Choices()


async def modal_gen(interaction: ModalInteraction) -> AsyncGenerator[InteractionMessageBuilder, None]:
    yield Message()
    await follow_up(interaction.token)


async def partial_gen(interaction: PartialInteraction) -> AsyncGenerator[None, None]:
    yield None
    await follow_up(interaction.token)


# Bound methods and callable objects are listeners too.


class Bot:
    def __init__(self) -> None:
        self.seen: list[str] = []

    async def on_command(self, interaction: CommandInteraction) -> InteractionMessageBuilder:
        self.seen.append(interaction.command_name)
        return Message()

    async def on_modal(self, interaction: ModalInteraction) -> AsyncGenerator[InteractionDeferredBuilder | None, None]:
        yield Deferred()
        self.seen.append(interaction.custom_id)


class AutocompleteHandler:
    async def __call__(self, interaction: AutocompleteInteraction) -> InteractionAutocompleteBuilder:
        return Choices()


# A plain function returning an awaitable is typed like a coroutine function (the checkers cannot tell them
# apart); it works with a server that dispatches on the *result* of the call, as the reference server does.
def not_async_but_awaitable(interaction: ComponentInteraction) -> Awaitable[InteractionMessageBuilder | None]:
    return component_reply(interaction)


async def component_reply(interaction: ComponentInteraction) -> InteractionMessageBuilder | None:
    return Message()


# Other ways of spelling a listener of one interaction.

P = ParamSpec("P")
R = TypeVar("R")


class Database:
    async def record(self, token: str) -> None: ...


async def with_database(database: Database, interaction: CommandInteraction) -> InteractionMessageBuilder:
    await database.record(interaction.token)
    return Message()


async def positional_only(interaction: CommandInteraction, /) -> InteractionMessageBuilder:
    return Message()


async def optional_extra(interaction: ComponentInteraction, retries: int = 3) -> InteractionDeferredBuilder:
    return Deferred()


def logged(func: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        print(func.__name__)
        return func(*args, **kwargs)

    return wrapper


@logged
async def decorated(interaction: ModalInteraction) -> InteractionDeferredBuilder:
    return Deferred()


@logged
async def decorated_gen(interaction: AutocompleteInteraction) -> AsyncGenerator[InteractionAutocompleteBuilder, None]:
    yield Choices()


def register_spellings(server: InteractionServer, database: Database) -> None:
    server.set_listener(CommandInteraction, functools.partial(with_database, database))
    server.set_listener(CommandInteraction, positional_only, replace=True)
    server.set_listener(ComponentInteraction, optional_extra)
    server.set_listener(ModalInteraction, decorated)
    server.set_listener(AutocompleteInteraction, decorated_gen)
    server.set_listener(CommandInteraction, lambda interaction: positional_only(interaction), replace=True)


def register(server: InteractionServer, bot: Bot) -> None:
    server.set_listener(CommandInteraction, command_none)
    server.set_listener(ComponentInteraction, component_none)
    server.set_listener(AutocompleteInteraction, autocomplete_none)
    server.set_listener(ModalInteraction, modal_none)

    server.set_listener(CommandInteraction, command_optional, replace=True)
    server.set_listener(ComponentInteraction, component_optional, replace=True)
    server.set_listener(AutocompleteInteraction, autocomplete_optional, replace=True)
    server.set_listener(ModalInteraction, modal_optional, replace=True)

    server.set_listener(CommandInteraction, partial_none, replace=True)
    server.set_listener(ComponentInteraction, partial_none, replace=True)
    server.set_listener(AutocompleteInteraction, partial_none, replace=True)
    server.set_listener(ModalInteraction, partial_none, replace=True)
    server.set_listener(CommandInteraction, partial_deferred, replace=True)
    server.set_listener(ComponentInteraction, partial_deferred, replace=True)
    server.set_listener(ModalInteraction, partial_deferred, replace=True)
    server.set_listener(AutocompleteInteraction, partial_choices, replace=True)
    server.set_listener(CommandInteraction, base_command_none, replace=True)
    server.set_listener(AutocompleteInteraction, base_command_none, replace=True)

    server.set_listener(CommandInteraction, command_gen, replace=True)
    server.set_listener(CommandInteraction, command_gen_any, replace=True)
    server.set_listener(CommandInteraction, command_gen_none, replace=True)
    server.set_listener(ComponentInteraction, component_gen, replace=True)
    server.set_listener(AutocompleteInteraction, autocomplete_gen, replace=True)
    server.set_listener(ModalInteraction, modal_gen, replace=True)
    server.set_listener(CommandInteraction, partial_gen, replace=True)
    server.set_listener(ComponentInteraction, partial_gen, replace=True)
    server.set_listener(AutocompleteInteraction, partial_gen, replace=True)
    server.set_listener(ModalInteraction, partial_gen, replace=True)

    server.set_listener(CommandInteraction, bot.on_command, replace=True)
    server.set_listener(ModalInteraction, bot.on_modal, replace=True)
    server.set_listener(AutocompleteInteraction, AutocompleteHandler(), replace=True)
    server.set_listener(ComponentInteraction, not_async_but_awaitable, replace=True)


# `ListenerT[Interaction, Builder]` as an annotation.

command_listener: ListenerT[CommandInteraction, InteractionMessageBuilder] = command_optional
command_gen_listener: ListenerT[CommandInteraction, InteractionMessageBuilder] = command_gen
any_command_listener: ListenerT[CommandInteraction, AnyCommandReply] = command_gen_any
autocomplete_listener: ListenerT[AutocompleteInteraction, InteractionAutocompleteBuilder] = autocomplete_gen
modal_listener: ListenerT[ModalInteraction, InteractionMessageBuilder | InteractionDeferredBuilder] = modal_none
partial_listener: ListenerT[PartialInteraction, InteractionResponseBuilder] = partial_gen
widened: ListenerT[CommandInteraction, InteractionResponseBuilder] = partial_listener



def spelled_out(listener: ListenerT[CommandInteraction, InteractionMessageBuilder]) -> None:
    assert_type(
        listener,
        Callable[[CommandInteraction], Awaitable[InteractionMessageBuilder | None]]
        | Callable[[CommandInteraction], AsyncGenerator[InteractionMessageBuilder | None, None]],
    )


def register_annotated(server: InteractionServer, listeners: Sequence[ListenerT[ComponentInteraction, Deferred]]) -> None:
    server.set_listener(CommandInteraction, command_listener)
    server.set_listener(CommandInteraction, command_gen_listener, replace=True)
    server.set_listener(CommandInteraction, any_command_listener, replace=True)
    server.set_listener(AutocompleteInteraction, autocomplete_listener)
    server.set_listener(ModalInteraction, modal_listener)
    for listener in listeners:
        server.set_listener(ComponentInteraction, listener, replace=True)


def make_command_listener(reply: InteractionMessageBuilder) -> ListenerT[CommandInteraction, InteractionMessageBuilder]:
    async def listener(interaction: CommandInteraction) -> InteractionMessageBuilder:
        return reply

    return listener
