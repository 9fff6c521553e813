"""The typing guide (docs/typing.md): misuses of what `get_listener` returns.

The guide shows the sections between the ``--8<--`` markers verbatim; the type-case runner checks that every
line with an error marker is an error under mypy and pyright, and that no other line is.
"""

from typing import TypeAlias

from interaction_spec import CommandInteraction
from interaction_spec import ComponentInteraction
from interaction_spec import InteractionDeferredBuilder
from interaction_spec import InteractionMessageBuilder
from interaction_spec import InteractionServer
from interaction_spec import ListenerT
from interaction_spec import ModalInteraction
from interaction_spec import PartialInteraction

MessageOrDeferred: TypeAlias = InteractionMessageBuilder | InteractionDeferredBuilder


# --8<-- [start:misuse]
async def misuse(server: InteractionServer, command: CommandInteraction, button: ComponentInteraction) -> None:
    server.get_listener(CommandInteraction)(command)  # E: the listener may be None
    listener = server.get_listener(CommandInteraction)
    if listener is None:
        return
    listener(button)  # E: a command listener takes a CommandInteraction
    await listener(command)  # E: the result may be an async generator, which cannot be awaited
    messages: ListenerT[CommandInteraction, InteractionMessageBuilder] = listener  # E: it may produce more than messages
    modal: ListenerT[ModalInteraction, MessageOrDeferred] | None = server.get_listener(ComponentInteraction)  # E: another kind's listener
    server.get_listener(PartialInteraction)  # E: PartialInteraction is no kind
    print(messages, modal)
# --8<-- [end:misuse]
