"""The adapter for the bundled reference implementation."""

from __future__ import annotations

__all__ = ("ReferenceAdapter",)

import typing

import interaction_spec
from conformance import reference
from conformance.adapter import Adapter
from conformance.reference.rest import RestClient

if typing.TYPE_CHECKING:
    from conformance.adapter import ServerUnderTest
    from conformance.model import ReplyFile

_CLASSES: typing.Final[typing.Mapping[interaction_spec.InteractionType, type[interaction_spec.PartialInteraction]]] = {
    interaction_spec.InteractionType.APPLICATION_COMMAND: interaction_spec.CommandInteraction,
    interaction_spec.InteractionType.MESSAGE_COMPONENT: interaction_spec.ComponentInteraction,
    interaction_spec.InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE: interaction_spec.AutocompleteInteraction,
    interaction_spec.InteractionType.MODAL_SUBMIT: interaction_spec.ModalInteraction,
}


class ReferenceAdapter(Adapter):
    """Runs the suite against `conformance.reference.ReferenceInteractionServer`."""

    def create_server(self, public_key: bytes) -> ServerUnderTest:
        """Return a new reference server."""
        return reference.ReferenceInteractionServer(public_key)

    def interaction_class(self, interaction_type: interaction_spec.InteractionType) -> type[typing.Any]:
        """Return the spec's class for the kind; the reference registers listeners by the spec's classes."""
        return _CLASSES[interaction_type]

    def message_reply(
        self, content: str, *, update: bool = False, ephemeral: bool = False, files: typing.Sequence[ReplyFile] = ()
    ) -> object:
        """Return a `reference.MessageBuilder`."""
        attached = [reference.BytesFile(file.filename, file.data) for file in files]
        return reference.MessageBuilder(content, update=update, ephemeral=ephemeral, files=attached)

    def deferred_reply(self, *, update: bool = False, ephemeral: bool = False) -> object:
        """Return a `reference.DeferredBuilder`."""
        return reference.DeferredBuilder(update=update, ephemeral=ephemeral)

    def modal_reply(self, title: str, custom_id: str, text_input_id: str) -> object:
        """Return a `reference.ModalBuilder` with one text input."""
        return reference.ModalBuilder(title, custom_id, [reference.TextInput(text_input_id, "Your answer")])

    def autocomplete_reply(self, choices: typing.Sequence[tuple[str, str | int | float]]) -> object:
        """Return a `reference.AutocompleteBuilder`."""
        return reference.AutocompleteBuilder(choices)

    supports_rest: typing.ClassVar[bool] = True

    def rest_client(self, base_url: str) -> RestClient:
        """Return the REST client `rest_message_reply` sends through: the reference bot's, for ``base_url``."""
        return RestClient(base_url)

    async def rest_message_reply(self, interaction: object, content: str, base_url: str) -> None:
        """Send the message through the client `rest_client` returns (`conformance.reference.rest.RestClient`)."""
        assert isinstance(interaction, interaction_spec.PartialInteraction)
        client = self.rest_client(base_url)
        try:
            await client.respond(interaction, {"type": 4, "data": {"content": content}})
        finally:
            await client.aclose()

    async def close_server(self, server: ServerUnderTest) -> None:
        """Wait for the server's generator continuations."""
        assert isinstance(server, reference.ReferenceInteractionServer)
        await server.close()
