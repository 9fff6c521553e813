"""`interaction_spec.ListenerRegistry`, the registry a server may inherit: what the suite's registry cases leave out."""

from __future__ import annotations

import pytest

import interaction_spec
from conformance.reference.builders import MessageBuilder
from interaction_spec import CommandInteraction
from interaction_spec import ListenerRegistry
from interaction_spec import ModalInteraction
from interaction_spec import PartialInteraction


class Server(ListenerRegistry):
    """Implements only what the base leaves abstract, without an ``__init__``."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        raise NotImplementedError


class MyCommand(CommandInteraction):
    @property
    def command_name(self) -> str:
        return "ping"


async def on_command(interaction: CommandInteraction) -> MessageBuilder:
    return MessageBuilder(interaction.command_name)


def test_on_interaction_stays_abstract() -> None:
    assert ListenerRegistry.__abstractmethods__ == frozenset({"on_interaction"})
    with pytest.raises(TypeError, match="abstract"):
        ListenerRegistry()  # type: ignore[abstract]  # pyright: ignore[reportAbstractUsage]


def test_a_subclass_of_a_kind_is_that_kind() -> None:
    server = Server()
    server.set_listener(MyCommand, on_command)
    assert server.get_listener(CommandInteraction) is on_command
    with pytest.raises(TypeError, match="already registered for CommandInteraction"):
        server.set_listener(CommandInteraction, on_command)
    assert server.listener_for(MyCommand()) is on_command
    assert server.get_listener(ModalInteraction) is None


@pytest.mark.parametrize("kind", [int, PartialInteraction, interaction_spec.BaseCommandInteraction, "command"])
def test_anything_else_is_no_kind(kind: object) -> None:
    server = Server()
    with pytest.raises(TypeError, match="not an interaction kind"):
        server.set_listener(kind, None)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]
    with pytest.raises(TypeError, match="not an interaction kind"):
        server.get_listener(kind)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue, reportArgumentType]


def test_listener_for_an_interaction_of_no_kind_is_none() -> None:
    server = Server()
    server.set_listener(CommandInteraction, on_command)
    assert server.listener_for(PartialInteraction()) is None
    assert server.listener_for(MyCommand()) is on_command
    server.set_listener(CommandInteraction, None)
    assert server.listener_for(MyCommand()) is None


def test_each_server_has_its_own_registry() -> None:
    first, second = Server(), Server()
    first.set_listener(CommandInteraction, on_command)
    assert second.get_listener(CommandInteraction) is None
