"""What `get_listener` returns is exactly its kind's listener: not narrower, not another kind's, possibly `None`."""

from collections.abc import AsyncGenerator
from collections.abc import Awaitable
from typing import TypeAlias

from typing_extensions import assert_type

from interaction_spec import AutocompleteInteraction
from interaction_spec import CommandInteraction
from interaction_spec import ComponentInteraction
from interaction_spec import InteractionAutocompleteBuilder
from interaction_spec import InteractionDeferredBuilder
from interaction_spec import InteractionMessageBuilder
from interaction_spec import InteractionModalBuilder
from interaction_spec import InteractionServer
from interaction_spec import ListenerT
from interaction_spec import ModalInteraction
from interaction_spec import PartialInteraction

MessageDeferredOrModal: TypeAlias = InteractionMessageBuilder | InteractionDeferredBuilder | InteractionModalBuilder
MessageOrDeferred: TypeAlias = InteractionMessageBuilder | InteractionDeferredBuilder


def not_narrower(server: InteractionServer) -> None:
    assert_type(server.get_listener(CommandInteraction), ListenerT[CommandInteraction, InteractionMessageBuilder] | None)  # E: a command listener may produce more than messages
    assert_type(server.get_listener(CommandInteraction), ListenerT[CommandInteraction, MessageDeferredOrModal])  # E: the result may be None
    assert_type(server.get_listener(ModalInteraction), ListenerT[ModalInteraction, MessageDeferredOrModal] | None)  # E: a modal-submit listener produces no modal
    assert_type(server.get_listener(AutocompleteInteraction), ListenerT[AutocompleteInteraction, MessageDeferredOrModal] | None)  # E: an autocomplete listener produces choices only
    assert_type(server.get_listener(ComponentInteraction), ListenerT[CommandInteraction, MessageDeferredOrModal] | None)  # E: a component listener is not a command listener
    message_only: ListenerT[CommandInteraction, InteractionMessageBuilder] | None = server.get_listener(CommandInteraction)  # E: a command listener may produce more than messages
    message_or_deferred: ListenerT[ComponentInteraction, MessageOrDeferred] | None = server.get_listener(ComponentInteraction)  # E: a component listener may produce modals
    not_none: ListenerT[ModalInteraction, MessageOrDeferred] = server.get_listener(ModalInteraction)  # E: the result may be None
    wrong_kind: ListenerT[ModalInteraction, MessageOrDeferred] | None = server.get_listener(ComponentInteraction)  # E: a component listener is not a modal listener
    exact: ListenerT[AutocompleteInteraction, InteractionAutocompleteBuilder] | None = server.get_listener(AutocompleteInteraction)
    print(message_only, message_or_deferred, not_none, wrong_kind, exact)


async def calls(
    server: InteractionServer,
    command: CommandInteraction,
    component: ComponentInteraction,
    autocomplete: AutocompleteInteraction,
    modal: ModalInteraction,
    partial: PartialInteraction,
) -> None:
    server.get_listener(CommandInteraction)(command)  # E: the listener may be None
    on_command: ListenerT[CommandInteraction, MessageDeferredOrModal] | None = server.get_listener(CommandInteraction)
    on_component: ListenerT[ComponentInteraction, MessageDeferredOrModal] | None = server.get_listener(ComponentInteraction)
    on_autocomplete: ListenerT[AutocompleteInteraction, InteractionAutocompleteBuilder] | None = server.get_listener(AutocompleteInteraction)
    on_modal: ListenerT[ModalInteraction, MessageOrDeferred] | None = server.get_listener(ModalInteraction)
    assert on_command is not None and on_component is not None
    assert on_autocomplete is not None and on_modal is not None
    on_command(component)  # E: a command listener called with a component interaction
    on_command(modal)  # E: a command listener called with a modal interaction
    on_command(autocomplete)  # E: a command listener called with an autocomplete interaction
    on_command(partial)  # E: a command listener called with any interaction
    on_component(command)  # E: a component listener called with a command interaction
    on_autocomplete(command)  # E: an autocomplete listener called with a command interaction
    on_modal(component)  # E: a modal listener called with a component interaction
    on_command()  # E: a listener takes the interaction
    on_command(command, command)  # E: a listener takes only the interaction
    on_command(interaction=command)  # E: the interaction is passed positionally
    await on_command(command)  # E: the result may be an async generator, which cannot be awaited
    replies: list[MessageOrDeferred | None] = [reply async for reply in on_modal(modal)]  # E: the result may be a plain awaitable, which cannot be iterated
    awaited: Awaitable[MessageOrDeferred | None] = on_modal(modal)  # E: the result may be an async generator
    generated: AsyncGenerator[MessageOrDeferred | None, None] = on_modal(modal)  # E: the result may be a plain awaitable
    print(awaited, generated, replies)
