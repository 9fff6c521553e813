"""The conformance bot on hikari 2.7.0's ``RESTBot``, served by hikari's own aiohttp interaction server.

Offline: the public key comes from ``CONFORMANCE_PUBLIC_KEY`` (hikari then
never fetches the application), ``check_for_updates=False``, loopback only.
Profile v2's REST calls (``/rest``'s callback, the edits that complete
``/defer-ephemeral`` and ``/slow``, ``/followup``'s follow-up) go through
hikari's own REST client, pointed at the suite's double by RESTBot's
``rest_url`` option, from ``CONFORMANCE_DISCORD_API_URL``.
Run it with ``CONFORMANCE_HOST``, ``CONFORMANCE_PORT`` and
``CONFORMANCE_PUBLIC_KEY`` set: ``python implementations/hikari/bot.py``.
"""

from __future__ import annotations

__all__ = ("build_bot", "main")

import asyncio
import os
import typing

import hikari
from hikari.api import special_endpoints
from hikari.impl import special_endpoints as builders

from conformance import bot

_HANDLED: str = "handled by hikari"


_Reply: typing.TypeAlias = special_endpoints.InteractionResponseBuilder


def _message(content: str, *, ephemeral: bool = False) -> builders.InteractionMessageBuilder:
    flags = hikari.MessageFlag.EPHEMERAL if ephemeral else hikari.MessageFlag.NONE
    return builders.InteractionMessageBuilder(hikari.ResponseType.MESSAGE_CREATE, content, flags=flags)


def _option(options: typing.Sequence[hikari.CommandInteractionOption] | None, name: str) -> object:
    """Return the value of the option called ``name``, or `None`."""
    return next((option.value for option in options or () if option.name == name), None)


def _reply(interaction: hikari.CommandInteraction) -> _Reply | None:
    name = interaction.command_name
    if name == bot.ECHO:
        return _message(str(_option(interaction.options, bot.ECHO_TEXT)))
    if name == bot.EPHEMERAL:
        return _message(bot.EPHEMERAL_CONTENT, ephemeral=True)
    if name == bot.DEFER_EPHEMERAL:
        return builders.InteractionDeferredBuilder(
            hikari.ResponseType.DEFERRED_MESSAGE_CREATE, flags=hikari.MessageFlag.EPHEMERAL
        )
    if name == bot.FEEDBACK:
        # hikari 2.7.0 has no Label component (type 18): it builds the deprecated action row holding the text
        # input with its own label, which the profile accepts (reply.modal-label, SHOULD, judges the layout).
        text_input = builders.TextInputBuilder(
            custom_id=bot.FEEDBACK_INPUT, label=bot.FEEDBACK_LABEL, style=hikari.TextInputStyle.PARAGRAPH
        )
        row = builders.ModalActionRowBuilder(components=[text_input])
        return builders.InteractionModalBuilder(bot.FEEDBACK_TITLE, bot.FEEDBACK_MODAL, components=[row])
    if name == bot.FILE:
        attachment = hikari.Bytes(bot.FILE_DATA, bot.FILE_NAME)
        return builders.InteractionMessageBuilder(
            hikari.ResponseType.MESSAGE_CREATE, bot.FILE_CONTENT, attachments=[attachment]
        )
    if name == bot.REST:
        return None  # answered through the callback endpoint first; hikari answers the request with 204
    if name == bot.SLOW:
        return builders.InteractionDeferredBuilder(hikari.ResponseType.DEFERRED_MESSAGE_CREATE)
    if name == bot.FOLLOWUP:
        return _message(bot.FOLLOWUP_REPLY_CONTENT)
    return _message(f"/{name} {_HANDLED}", ephemeral=True)


async def on_command(interaction: hikari.CommandInteraction) -> typing.AsyncGenerator[_Reply | None, None]:
    """Answer the profile's commands, and any other command with a short ephemeral message.

    An async generator: hikari sends the first value it yields, and runs the rest after the reply, which is
    where the profile's REST calls that follow a reply are made.
    """
    name = interaction.command_name
    if name == bot.REST:
        await interaction.create_initial_response(hikari.ResponseType.MESSAGE_CREATE, bot.REST_CONTENT)
    yield _reply(interaction)
    if name == bot.DEFER_EPHEMERAL:
        await interaction.edit_initial_response(bot.DEFER_EPHEMERAL_CONTENT)
    elif name == bot.SLOW:
        await asyncio.sleep(bot.SLOW_DELAY_S)
        await interaction.edit_initial_response(bot.SLOW_CONTENT)
    elif name == bot.FOLLOWUP:
        await interaction.execute(bot.FOLLOWUP_CONTENT)


async def on_component(interaction: hikari.ComponentInteraction) -> _Reply:
    """Answer the profile's buttons, and any other component by deferring an update of its message."""
    if interaction.custom_id == bot.UPDATE_BUTTON:
        return builders.InteractionMessageBuilder(hikari.ResponseType.MESSAGE_UPDATE, bot.UPDATE_CONTENT)
    return builders.InteractionDeferredBuilder(hikari.ResponseType.DEFERRED_MESSAGE_UPDATE)


async def on_autocomplete(interaction: hikari.AutocompleteInteraction) -> _Reply:
    """Offer the profile's fruits and numbers for ``/pick``, and nothing for any other command."""
    focused = next((option for option in interaction.options if option.is_focused), None)
    choices: list[special_endpoints.AutocompleteChoiceBuilder] = []
    if interaction.command_name == bot.PICK and focused is not None:
        typed = str(focused.value)
        offered: list[tuple[str, str]] | list[tuple[str, int]] = []
        if focused.name == bot.PICK_FRUIT:
            offered = bot.fruit_choices(typed)
        elif focused.name == bot.PICK_NUMBER:
            offered = bot.number_choices(typed)
        choices = [builders.AutocompleteChoiceBuilder(name=name, value=value) for name, value in offered]
    return builders.InteractionAutocompleteBuilder(choices)


async def on_modal(interaction: hikari.ModalInteraction) -> _Reply:
    """Echo the feedback modal's text, and answer any other modal with a short ephemeral message."""
    if interaction.custom_id == bot.FEEDBACK_MODAL:
        for row in interaction.components:
            for component in row.components:
                if component.custom_id == bot.FEEDBACK_INPUT:
                    return _message(component.value)
    return _message(f"{interaction.custom_id} {_HANDLED}", ephemeral=True)


def build_bot(public_key: str, rest_url: str | None = None) -> hikari.RESTBot:
    """Return the conformance bot: a ``RESTBot`` verifying with ``public_key``, its listeners set.

    Its REST calls go to ``rest_url`` (RESTBot's own option), Discord's API when `None`.
    """
    rest_bot = hikari.RESTBot(
        "conformance-suite-token", "Bot", public_key=public_key, banner=None, logs="WARNING", rest_url=rest_url
    )
    rest_bot.set_listener(hikari.CommandInteraction, on_command)
    rest_bot.set_listener(hikari.ComponentInteraction, on_component)
    rest_bot.set_listener(hikari.AutocompleteInteraction, on_autocomplete)
    rest_bot.set_listener(hikari.ModalInteraction, on_modal)
    return rest_bot


def main() -> None:
    """Serve the bot on ``CONFORMANCE_HOST``:``CONFORMANCE_PORT`` until SIGTERM or SIGINT."""
    rest_bot = build_bot(os.environ["CONFORMANCE_PUBLIC_KEY"], os.environ.get("CONFORMANCE_DISCORD_API_URL"))
    rest_bot.run(host=os.environ["CONFORMANCE_HOST"], port=int(os.environ["CONFORMANCE_PORT"]), check_for_updates=False)


if __name__ == "__main__":
    main()
