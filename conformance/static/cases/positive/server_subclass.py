"""A concrete `InteractionServer`: implements every abstract method (with the overloads) and can be instantiated."""

import dataclasses
import json
from collections.abc import AsyncGenerator
from collections.abc import MutableMapping
from collections.abc import Sequence
from typing import Any
from typing import TypeAlias
from typing import overload

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
from interaction_spec import PartialInteraction
from interaction_spec import Response
from interaction_spec import ResponseFile

MessageDeferredOrModal: TypeAlias = InteractionMessageBuilder | InteractionDeferredBuilder | InteractionModalBuilder
MessageOrDeferred: TypeAlias = InteractionMessageBuilder | InteractionDeferredBuilder


@dataclasses.dataclass(frozen=True)
class SimpleResponse:
    status_code: int
    payload: bytes | None = None
    content_type: str | None = None
    charset: str | None = None
    headers: MutableMapping[str, str] | None = None
    files: Sequence[ResponseFile] = ()


class DictServer(InteractionServer):
    def __init__(self) -> None:
        self._listeners: dict[type[PartialInteraction], ListenerT[Any, Any]] = {}

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        if not signature or not timestamp:
            return SimpleResponse(401)
        payload = json.dumps({"type": 1}).encode()
        return SimpleResponse(200, payload, "application/json", "UTF-8")

    @overload
    def get_listener(
        self, interaction_type: type[CommandInteraction], /
    ) -> ListenerT[CommandInteraction, MessageDeferredOrModal] | None: ...

    @overload
    def get_listener(
        self, interaction_type: type[ComponentInteraction], /
    ) -> ListenerT[ComponentInteraction, MessageDeferredOrModal] | None: ...

    @overload
    def get_listener(
        self, interaction_type: type[AutocompleteInteraction], /
    ) -> ListenerT[AutocompleteInteraction, InteractionAutocompleteBuilder] | None: ...

    @overload
    def get_listener(
        self, interaction_type: type[ModalInteraction], /
    ) -> ListenerT[ModalInteraction, MessageOrDeferred] | None: ...

    def get_listener(
        self, interaction_type: type[PartialInteraction], /
    ) -> ListenerT[Any, InteractionResponseBuilder] | None:
        return self._listeners.get(interaction_type)

    @overload
    def set_listener(
        self,
        interaction_type: type[CommandInteraction],
        listener: ListenerT[CommandInteraction, MessageDeferredOrModal] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...

    @overload
    def set_listener(
        self,
        interaction_type: type[ComponentInteraction],
        listener: ListenerT[ComponentInteraction, MessageDeferredOrModal] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...

    @overload
    def set_listener(
        self,
        interaction_type: type[AutocompleteInteraction],
        listener: ListenerT[AutocompleteInteraction, InteractionAutocompleteBuilder] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...

    @overload
    def set_listener(
        self,
        interaction_type: type[ModalInteraction],
        listener: ListenerT[ModalInteraction, MessageOrDeferred] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...

    def set_listener(
        self,
        interaction_type: type[PartialInteraction],
        listener: ListenerT[Any, InteractionResponseBuilder] | None,
        /,
        *,
        replace: bool = False,
    ) -> None:
        if listener is None:
            self._listeners.pop(interaction_type, None)
            return
        if interaction_type in self._listeners and not replace:
            raise TypeError(f"a listener is already registered for {interaction_type.__name__}")
        self._listeners[interaction_type] = listener


class LoggingServer(DictServer):
    """A subclass of a concrete server that only adds behaviour stays concrete."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        response = await super().on_interaction(body, signature, timestamp)
        print(response.status_code)
        return response


async def on_command(interaction: CommandInteraction) -> AsyncGenerator[InteractionDeferredBuilder | None, None]:
    yield None


async def main() -> None:
    server = DictServer()
    assert_type(server, DictServer)
    base: InteractionServer = server
    server.set_listener(CommandInteraction, on_command)
    base.set_listener(CommandInteraction, on_command, replace=True)
    assert_type(server.get_listener(CommandInteraction), ListenerT[CommandInteraction, MessageDeferredOrModal] | None)
    assert_type(server.get_listener(ModalInteraction), ListenerT[ModalInteraction, MessageOrDeferred] | None)
    response = await server.on_interaction(b"{}", bytes.fromhex("00" * 64), b"1700000000")
    assert_type(response, Response)
    assert_type(await LoggingServer().on_interaction(b"{}", b"", b""), Response)
    servers: list[InteractionServer] = [DictServer(), LoggingServer()]
    for each in servers:
        each.set_listener(CommandInteraction, None)


class BroadServer(InteractionServer):
    """One broad signature per method (no overloads) is also a valid implementation."""

    def __init__(self) -> None:
        self._listeners: dict[type[PartialInteraction], ListenerT[Any, Any]] = {}

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        return SimpleResponse(202)

    def get_listener(self, interaction_type: type[PartialInteraction], /) -> ListenerT[Any, Any] | None:
        return self._listeners.get(interaction_type)

    def set_listener(
        self,
        interaction_type: type[PartialInteraction],
        listener: ListenerT[Any, Any] | None,
        /,
        *,
        replace: bool = False,
    ) -> None:
        if listener is not None:
            self._listeners[interaction_type] = listener


def use_broad(server: InteractionServer) -> None:
    server.set_listener(CommandInteraction, on_command)
    assert_type(server.get_listener(CommandInteraction), ListenerT[CommandInteraction, MessageDeferredOrModal] | None)


broad = BroadServer()
use_broad(broad)
assert_type(broad.get_listener(CommandInteraction), ListenerT[Any, Any] | None)
