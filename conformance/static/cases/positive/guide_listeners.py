"""The typing guide (docs/typing.md): listeners that `ListenerT` admits, registered under each `set_listener` overload.

The guide shows the sections between the ``--8<--`` markers verbatim; the type-case runner checks that every
line of this file is accepted by mypy and pyright.
"""

from collections.abc import AsyncGenerator
from collections.abc import Awaitable
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence

from typing_extensions import assert_type

from interaction_spec import AutocompleteInteraction
from interaction_spec import CallbackType
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
from interaction_spec import ResponseFile


async def make_report(token: str) -> None:
    """Stands for slow work, or a REST call that answers through the interaction's token."""


# --8<-- [start:builders]
class Say(InteractionMessageBuilder):
    """A message (callback type 4)."""

    def __init__(self, content: str) -> None:
        self.content = content

    @property
    def type(self) -> int:
        return CallbackType.CHANNEL_MESSAGE_WITH_SOURCE

    def build(self) -> tuple[Mapping[str, object], Sequence[ResponseFile]]:
        return {"type": self.type, "data": {"content": self.content}}, ()


class Later(InteractionDeferredBuilder):
    """A deferred message (callback type 5): "thinking...", the real answer follows through REST."""

    @property
    def type(self) -> int:
        return CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE

    def build(self) -> tuple[Mapping[str, object], Sequence[ResponseFile]]:
        return {"type": self.type}, ()


class Form(InteractionModalBuilder):
    """A modal (callback type 9)."""

    def __init__(self, title: str, custom_id: str) -> None:
        self.title = title
        self.custom_id = custom_id

    @property
    def type(self) -> int:
        return CallbackType.MODAL

    def build(self) -> tuple[Mapping[str, object], Sequence[ResponseFile]]:
        return {"type": self.type, "data": {"title": self.title, "custom_id": self.custom_id, "components": []}}, ()


class Choices(InteractionAutocompleteBuilder):
    """Autocomplete choices (callback type 8)."""

    def __init__(self, *names: str) -> None:
        self.names = names

    @property
    def type(self) -> int:
        return CallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT

    def build(self) -> tuple[Mapping[str, object], Sequence[ResponseFile]]:
        return {"type": self.type, "data": {"choices": [{"name": n, "value": n} for n in self.names]}}, ()
# --8<-- [end:builders]


# --8<-- [start:coroutine]
async def on_ping(interaction: CommandInteraction) -> InteractionMessageBuilder:
    return Say(f"pong from /{interaction.command_name}")


async def on_button(interaction: ComponentInteraction) -> Later | Form:
    if interaction.custom_id == "edit":
        return Form("Edit the entry", "edit-form")
    return Later()


async def on_search(interaction: AutocompleteInteraction) -> Choices:
    typed = str(interaction.focused_value)
    return Choices(f"{typed} one", f"{typed} two")
# --8<-- [end:coroutine]


# --8<-- [start:async-generator]
async def on_report(interaction: CommandInteraction) -> AsyncGenerator[InteractionMessageBuilder | None, None]:
    yield Say("Working on it...")  # the reply: the server sends it at once
    await make_report(interaction.token)  # runs after the reply has been sent
# --8<-- [end:async-generator]


# --8<-- [start:none]
async def on_submit(interaction: ModalInteraction) -> InteractionMessageBuilder | None:
    if not interaction.values:
        return Say("Nothing submitted.")
    await make_report(interaction.token)  # answered through the REST callback endpoint:
    return None  # so no builder, and the server replies 202 with no body
# --8<-- [end:none]


# --8<-- [start:wider]
async def audit(interaction: PartialInteraction) -> None:
    await make_report(interaction.token)
# --8<-- [end:wider]


# --8<-- [start:alias]
def show(listener: ListenerT[CommandInteraction, InteractionMessageBuilder]) -> None:
    assert_type(
        listener,
        Callable[[CommandInteraction], Awaitable[InteractionMessageBuilder | None]]
        | Callable[[CommandInteraction], AsyncGenerator[InteractionMessageBuilder | None, None]],
    )


show(on_ping)  # a coroutine function
show(on_report)  # an async generator function
show(audit)  # a wider parameter, and None for the builder
# --8<-- [end:alias]


# --8<-- [start:set-listener]
def register(server: InteractionServer) -> None:
    # CommandInteraction and ComponentInteraction: a message, a deferred message or a modal.
    server.set_listener(CommandInteraction, on_ping)
    server.set_listener(ComponentInteraction, on_button)
    # AutocompleteInteraction: autocomplete choices only.
    server.set_listener(AutocompleteInteraction, on_search)
    # ModalInteraction: a message or a deferred message, never another modal.
    server.set_listener(ModalInteraction, on_submit)


def reconfigure(server: InteractionServer) -> None:
    server.set_listener(CommandInteraction, on_report, replace=True)  # replacing must be asked for
    server.set_listener(ComponentInteraction, audit, replace=True)  # any kind takes a PartialInteraction listener
    server.set_listener(ModalInteraction, None)  # removing needs no replace=True
# --8<-- [end:set-listener]
