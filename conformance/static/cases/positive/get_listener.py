"""`get_listener` returns exactly the listener type of its kind; an implementation calls it with that kind."""

from collections.abc import AsyncGenerator
from collections.abc import Awaitable
from collections.abc import Callable
from typing import TypeAlias

from typing_extensions import assert_type

from interaction_spec import AutocompleteInteraction
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

MessageDeferredOrModal: TypeAlias = InteractionMessageBuilder | InteractionDeferredBuilder | InteractionModalBuilder
MessageOrDeferred: TypeAlias = InteractionMessageBuilder | InteractionDeferredBuilder


def exact_types(server: InteractionServer) -> None:
    assert_type(server.get_listener(CommandInteraction), ListenerT[CommandInteraction, MessageDeferredOrModal] | None)
    assert_type(server.get_listener(ComponentInteraction), ListenerT[ComponentInteraction, MessageDeferredOrModal] | None)
    assert_type(
        server.get_listener(AutocompleteInteraction),
        ListenerT[AutocompleteInteraction, InteractionAutocompleteBuilder] | None,
    )
    assert_type(server.get_listener(ModalInteraction), ListenerT[ModalInteraction, MessageOrDeferred] | None)


def spelled_out(server: InteractionServer) -> None:
    assert_type(
        server.get_listener(CommandInteraction),
        Callable[[CommandInteraction], Awaitable[MessageDeferredOrModal | None]]
        | Callable[[CommandInteraction], AsyncGenerator[MessageDeferredOrModal | None, None]]
        | None,
    )
    assert_type(
        server.get_listener(ComponentInteraction),
        Callable[[ComponentInteraction], Awaitable[MessageDeferredOrModal | None]]
        | Callable[[ComponentInteraction], AsyncGenerator[MessageDeferredOrModal | None, None]]
        | None,
    )
    assert_type(
        server.get_listener(AutocompleteInteraction),
        Callable[[AutocompleteInteraction], Awaitable[InteractionAutocompleteBuilder | None]]
        | Callable[[AutocompleteInteraction], AsyncGenerator[InteractionAutocompleteBuilder | None, None]]
        | None,
    )
    assert_type(
        server.get_listener(ModalInteraction),
        Callable[[ModalInteraction], Awaitable[MessageOrDeferred | None]]
        | Callable[[ModalInteraction], AsyncGenerator[MessageOrDeferred | None, None]]
        | None,
    )


def stored(server: InteractionServer) -> tuple[object, ...]:
    command: ListenerT[CommandInteraction, MessageDeferredOrModal] | None = server.get_listener(CommandInteraction)
    assert_type(command, ListenerT[CommandInteraction, MessageDeferredOrModal] | None)
    modal: ListenerT[ModalInteraction, MessageOrDeferred] | None = server.get_listener(ModalInteraction)
    # A listener of fewer builders is a listener of more builders, and every listener is one of the base builder.
    wider: ListenerT[ModalInteraction, MessageDeferredOrModal] | None = modal
    base: ListenerT[ComponentInteraction, InteractionResponseBuilder] | None = server.get_listener(ComponentInteraction)
    return command, wider, base


def round_trip(server: InteractionServer) -> None:
    listener = server.get_listener(AutocompleteInteraction)
    server.set_listener(AutocompleteInteraction, None)
    server.set_listener(AutocompleteInteraction, listener)
    other = server.get_listener(CommandInteraction)
    if other is not None:
        server.set_listener(CommandInteraction, other, replace=True)


async def dispatch_command(server: InteractionServer, interaction: CommandInteraction) -> MessageDeferredOrModal | None:
    listener = server.get_listener(CommandInteraction)
    if listener is None:
        return None
    result = listener(interaction)
    assert_type(
        result,
        Awaitable[MessageDeferredOrModal | None] | AsyncGenerator[MessageDeferredOrModal | None, None],
    )
    if isinstance(result, AsyncGenerator):
        return await anext(result)
    assert_type(result, Awaitable[MessageDeferredOrModal | None])
    return await result


async def dispatch_component(server: InteractionServer, interaction: ComponentInteraction) -> None:
    listener = server.get_listener(ComponentInteraction)
    if listener is not None:
        result = listener(interaction)
        if isinstance(result, AsyncGenerator):
            async for reply in result:
                assert_type(reply, MessageDeferredOrModal | None)
        else:
            assert_type(await result, MessageDeferredOrModal | None)


async def dispatch_autocomplete(
    server: InteractionServer, interaction: AutocompleteInteraction
) -> InteractionAutocompleteBuilder | None:
    listener = server.get_listener(AutocompleteInteraction)
    if listener is None:
        return None
    result = listener(interaction)
    if isinstance(result, AsyncGenerator):
        return await anext(result)
    return await result


async def dispatch_modal(server: InteractionServer, interaction: ModalInteraction) -> MessageOrDeferred | None:
    listener = server.get_listener(ModalInteraction)
    if listener is None:
        return None
    result = listener(interaction)
    if isinstance(result, AsyncGenerator):
        reply = await anext(result)
        assert_type(reply, MessageOrDeferred | None)
        return reply
    assert_type(result, Awaitable[MessageOrDeferred | None])
    return await result


class MyCommand(CommandInteraction):
    """An implementation's concrete interaction: what a listener is called with at run time."""

    @property
    def command_name(self) -> str:
        return "ping"


async def call_with_subclass(server: InteractionServer) -> None:
    listener = server.get_listener(CommandInteraction)
    if listener is not None:
        result = listener(MyCommand())
        if not isinstance(result, AsyncGenerator):
            assert_type(await result, MessageDeferredOrModal | None)


def union_of_kinds(server: InteractionServer, kind: type[CommandInteraction] | type[ModalInteraction]) -> None:
    # Overload evaluation expands the union argument: the result is the union of both kinds' listener types.
    assert_type(
        server.get_listener(kind),
        ListenerT[CommandInteraction, MessageDeferredOrModal] | ListenerT[ModalInteraction, MessageOrDeferred] | None,
    )
    server.set_listener(kind, None)


def remove_all(server: InteractionServer) -> None:
    for kind in (CommandInteraction, ComponentInteraction, AutocompleteInteraction, ModalInteraction):
        server.set_listener(kind, None)
        print(server.get_listener(kind))
