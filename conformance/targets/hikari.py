"""The adapter for hikari 2.7.0's interaction server: the worked example of a third-party adapter.

hikari's `InteractionServer` mirrors the contract with its own types, so this
adapter maps the suite's needs onto hikari's classes and builders. It runs
fully offline: the server is made from an explicit public key and never
started, and the suite calls its ``on_interaction`` directly.
"""

from __future__ import annotations

__all__ = ("HikariAdapter",)

import asyncio
import typing

import hikari
from hikari import files as hikari_files
from hikari.impl import rest as hikari_rest
from hikari.impl import special_endpoints as builders

from conformance.adapter import Adapter
from conformance.adapter import ResponseView
from conformance.model import ReplyFile
from conformance.model import TargetError
from interaction_spec import InteractionType

if typing.TYPE_CHECKING:
    from conformance.adapter import ServerUnderTest

_CLASSES: typing.Final[typing.Mapping[InteractionType, type[typing.Any]]] = {
    InteractionType.APPLICATION_COMMAND: hikari.CommandInteraction,
    InteractionType.MESSAGE_COMPONENT: hikari.ComponentInteraction,
    InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE: hikari.AutocompleteInteraction,
    InteractionType.MODAL_SUBMIT: hikari.ModalInteraction,
}


def _focused(
    options: typing.Sequence[hikari.AutocompleteInteractionOption] | None,
) -> hikari.AutocompleteInteractionOption | None:
    for option in options or ():
        if option.is_focused:
            return option
        nested = typing.cast(
            "typing.Sequence[hikari.AutocompleteInteractionOption] | None",
            option.options,  # pyright: ignore[reportUnknownMemberType] - hikari types it Sequence[Self]
        )
        found = _focused(nested)
        if found is not None:
            return found
    return None


_NESTING: typing.Final = frozenset({hikari.OptionType.SUB_COMMAND, hikari.OptionType.SUB_COMMAND_GROUP})


def _options(options: typing.Sequence[hikari.CommandInteractionOption] | None) -> dict[str, object]:
    """Return the leaf options by name, from the invoked subcommand if any, typed as `interaction_spec.OptionValue`."""
    values: dict[str, object] = {}
    for option in options or ():
        if option.type in _NESTING:
            nested = typing.cast(
                "typing.Sequence[hikari.CommandInteractionOption] | None",
                option.options,  # pyright: ignore[reportUnknownMemberType] - hikari types it Sequence[Self]
            )
            return _options(nested)
        value = option.value
        if isinstance(value, hikari.Snowflake):
            value = int(value)
        elif option.type == hikari.OptionType.FLOAT and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        values[option.name] = value
    return values


def _modal_values(interaction: hikari.ModalInteraction) -> dict[str, object]:
    """Return the submitted values by custom ID, typed as `interaction_spec.ModalValue`.

    hikari 2.7.0 parses only the legacy shape, action rows of text inputs, whose
    values are `str`; it drops every top-level Label, so a checkbox's `bool`, a
    radio group's `None` and a file upload's attachment IDs never reach it.
    """
    values: dict[str, object] = {}
    for row in interaction.components:
        for component in row.components:
            values[component.custom_id] = component.value
    return values


def _flags(ephemeral: bool) -> hikari.MessageFlag | hikari.UndefinedType:
    return hikari.MessageFlag.EPHEMERAL if ephemeral else hikari.UNDEFINED


class HikariAdapter(Adapter):
    """Runs the suite against ``hikari.RESTBot(...).interaction_server`` (hikari 2.7.0)."""

    supports_rest: typing.ClassVar[bool] = True

    def __init__(self) -> None:
        self._rest_url: str | None = None

    def point_rest_at(self, base_url: str) -> None:
        """Make later bots with ``rest_url=base_url``: RESTBot's own option for where its REST calls go."""
        self._rest_url = base_url

    def create_server(self, public_key: bytes) -> ServerUnderTest:
        """Return the interaction server of a new, never-started `hikari.RESTBot`."""
        bot = hikari.RESTBot(
            "conformance-suite-token",
            "Bot",
            public_key=public_key.hex(),
            banner=None,
            logs=None,
            suppress_optimization_warning=True,
            rest_url=self._rest_url,
        )
        return typing.cast("ServerUnderTest", bot.interaction_server)

    async def rest_message_reply(self, interaction: object, content: str, base_url: str) -> None:
        """Answer through hikari's own REST path: the interaction's ``create_initial_response``, on the RESTBot.

        The bot's REST client is started for it (a never-started RESTBot has none running) and closed with the
        server. ``base_url`` is where `point_rest_at` pointed the bot already.
        """
        if not isinstance(interaction, hikari.CommandInteraction):
            raise TargetError(f"hikari's listener got {type(interaction).__name__}, not a CommandInteraction")
        rest = typing.cast("hikari_rest.RESTClientImpl", interaction.app.rest)
        if not rest.is_alive:
            rest.start()
        await interaction.create_initial_response(hikari.ResponseType.MESSAGE_CREATE, content)

    def interaction_class(self, interaction_type: InteractionType) -> type[typing.Any]:
        """Return hikari's interaction class for the kind."""
        return _CLASSES[interaction_type]

    def message_reply(
        self, content: str, *, update: bool = False, ephemeral: bool = False, files: typing.Sequence[ReplyFile] = ()
    ) -> object:
        """Return hikari's `InteractionMessageBuilder`."""
        response_type = hikari.ResponseType.MESSAGE_UPDATE if update else hikari.ResponseType.MESSAGE_CREATE
        attachments: list[hikari.Resourceish] = [hikari.Bytes(file.data, file.filename) for file in files]
        return builders.InteractionMessageBuilder(
            response_type, content, flags=_flags(ephemeral), attachments=attachments or hikari.UNDEFINED
        )

    def deferred_reply(self, *, update: bool = False, ephemeral: bool = False) -> object:
        """Return hikari's `InteractionDeferredBuilder`."""
        response_type = (
            hikari.ResponseType.DEFERRED_MESSAGE_UPDATE if update else hikari.ResponseType.DEFERRED_MESSAGE_CREATE
        )
        return builders.InteractionDeferredBuilder(response_type, flags=_flags(ephemeral))

    def modal_reply(self, title: str, custom_id: str, text_input_id: str) -> object:
        """Return hikari's `InteractionModalBuilder` with one action row holding a text input.

        hikari 2.7.0 has no builder for Label components, so its modals take the action-row layout.
        """
        text_input = builders.TextInputBuilder(custom_id=text_input_id, label="Your answer")
        return builders.InteractionModalBuilder(
            title, custom_id, [builders.ModalActionRowBuilder(components=[text_input])]
        )

    def autocomplete_reply(self, choices: typing.Sequence[tuple[str, str | int | float]]) -> object:
        """Return hikari's `InteractionAutocompleteBuilder`."""
        return builders.InteractionAutocompleteBuilder(
            [builders.AutocompleteChoiceBuilder(name=name, value=value) for name, value in choices]
        )

    async def read_response(self, response: object) -> ResponseView:
        """Read hikari's response; its files are hikari resources, read by streaming them."""
        view = await super().read_response(_WithoutFiles(response))
        files: list[ReplyFile] = []
        for item in typing.cast("typing.Sequence[object]", getattr(response, "files", ())):
            if not isinstance(item, hikari_files.Resource):
                raise TargetError(f"hikari's Response.files holds {type(item).__name__}, not a hikari.files.Resource")
            resource = typing.cast("hikari_files.Resource[hikari_files.AsyncReader]", item)
            async with resource.stream(executor=None) as reader:
                files.append(ReplyFile(resource.filename, await reader.read()))
        return ResponseView(view.status_code, view.payload, view.content_type, view.charset, view.headers, tuple(files))

    def read_field(self, interaction: object, name: str) -> object:
        """Read a spec property from hikari's interaction, whose names mostly match the spec's."""
        if name in {"focused_option", "focused_value"}:
            focused = _focused(getattr(interaction, "options", None))
            if focused is None:
                return None
            return focused.name if name == "focused_option" else focused.value
        if name == "values" and isinstance(interaction, hikari.ModalInteraction):
            return _modal_values(interaction)
        if name == "options" and isinstance(interaction, hikari.CommandInteraction):
            return _options(interaction.options)
        value = getattr(interaction, name)
        if name == "values":
            return tuple(value)
        return int(value) if isinstance(value, int) else value

    async def close_server(self, server: ServerUnderTest) -> None:
        """Wait for generator continuations, and close the bot's REST client if a case started it.

        hikari's ``close()`` only closes a started server.
        """
        running: typing.Collection[asyncio.Task[None]] = getattr(server, "_running_generator_listeners", ())
        while running:
            await asyncio.gather(*running, return_exceptions=True)
            running = getattr(server, "_running_generator_listeners", ())
        rest: object = getattr(server, "_rest_client", None)
        if isinstance(rest, hikari_rest.RESTClientImpl) and rest.is_alive:
            await rest.close()


class _WithoutFiles:
    """A view of a hikari response whose files the base class must not read as `ResponseFile`."""

    __slots__ = ("_response",)

    files: typing.Final = ()

    def __init__(self, response: object) -> None:
        self._response = response

    def __getattr__(self, name: str) -> object:
        return getattr(self._response, name)
