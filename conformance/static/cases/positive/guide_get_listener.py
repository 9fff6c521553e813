"""The typing guide (docs/typing.md): what each `get_listener` overload returns, and how to call the result.

The guide shows the sections between the ``--8<--`` markers verbatim; the type-case runner checks that every
line of this file is accepted by mypy and pyright.
"""

from collections.abc import AsyncGenerator
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


# --8<-- [start:types]
MessageDeferredOrModal: TypeAlias = InteractionMessageBuilder | InteractionDeferredBuilder | InteractionModalBuilder
MessageOrDeferred: TypeAlias = InteractionMessageBuilder | InteractionDeferredBuilder


def listener_types(server: InteractionServer) -> None:
    assert_type(
        server.get_listener(CommandInteraction),
        ListenerT[CommandInteraction, MessageDeferredOrModal] | None,
    )
    assert_type(
        server.get_listener(ComponentInteraction),
        ListenerT[ComponentInteraction, MessageDeferredOrModal] | None,
    )
    assert_type(
        server.get_listener(AutocompleteInteraction),
        ListenerT[AutocompleteInteraction, InteractionAutocompleteBuilder] | None,
    )
    assert_type(
        server.get_listener(ModalInteraction),
        ListenerT[ModalInteraction, MessageOrDeferred] | None,
    )
# --8<-- [end:types]


# --8<-- [start:call]
async def first_reply(server: InteractionServer, interaction: CommandInteraction) -> MessageDeferredOrModal | None:
    listener = server.get_listener(CommandInteraction)
    if listener is None:
        raise LookupError("no command listener")  # a server answers such a request with a non-2xx status
    produced = listener(interaction)
    if isinstance(produced, AsyncGenerator):
        return await anext(produced)  # an async generator listener: its first yield is the reply
    return await produced  # a coroutine function listener: its result is the reply
# --8<-- [end:call]


# --8<-- [start:move]
def move_listener(source: InteractionServer, target: InteractionServer) -> None:
    target.set_listener(AutocompleteInteraction, source.get_listener(AutocompleteInteraction), replace=True)
# --8<-- [end:move]
