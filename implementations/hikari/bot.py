"""The conformance bot on hikari 2.7.0's ``RESTBot``, served by hikari's own aiohttp interaction server.

Offline: the public key comes from ``CONFORMANCE_PUBLIC_KEY`` (hikari then
never fetches the application), ``check_for_updates=False``, loopback only.
Run it with ``CONFORMANCE_HOST``, ``CONFORMANCE_PORT`` and
``CONFORMANCE_PUBLIC_KEY`` set: ``python implementations/hikari/bot.py``.
"""

from __future__ import annotations

__all__ = ("build_bot", "main")

import asyncio
import os

import hikari
from hikari.api import special_endpoints

from conformance import bot

_HANDLED: str = "handled by hikari"


def _option(options: object, name: str) -> object:
    """Return the value of the option called ``name``, or `None`."""
    for option in options if isinstance(options, (list, tuple)) else ():
        if getattr(option, "name", None) == name:
            return getattr(option, "value", None)
    return None


async def on_command(interaction: hikari.CommandInteraction) -> special_endpoints.InteractionResponseBuilder | None:
    """Answer the profile's commands, and any other command with a short ephemeral message."""
    name = interaction.command_name
    if name == bot.ECHO:
        return interaction.build_response().set_content(str(_option(interaction.options, bot.ECHO_TEXT)))
    if name == bot.EPHEMERAL:
        return interaction.build_response().set_content(bot.EPHEMERAL_CONTENT).set_flags(hikari.MessageFlag.EPHEMERAL)
    if name == bot.DEFER_EPHEMERAL:
        return interaction.build_deferred_response().set_flags(hikari.MessageFlag.EPHEMERAL)
    if name == bot.FEEDBACK:
        # hikari 2.7.0 has no Label component (type 18): the nearest it can build is an action row holding the
        # text input with its own label, so the case that checks the Label is declared unsupported.
        action_row = hikari.impl.ModalActionRowBuilder().add_text_input(
            bot.FEEDBACK_INPUT, bot.FEEDBACK_LABEL, style=hikari.TextInputStyle.PARAGRAPH
        )
        return interaction.build_modal_response(bot.FEEDBACK_TITLE, bot.FEEDBACK_MODAL).add_component(action_row)
    if name == bot.FILE:
        attachment = hikari.Bytes(bot.FILE_DATA, bot.FILE_NAME)
        return interaction.build_response().set_content(bot.FILE_CONTENT).add_attachment(attachment)
    if name == bot.REST:
        return None  # hikari answers a listener that returns nothing with 204
    if name == bot.SLOW:
        await asyncio.sleep(bot.SLOW_DELAY_S)
        return interaction.build_response().set_content(bot.SLOW_CONTENT)
    return interaction.build_response().set_content(f"/{name} {_HANDLED}").set_flags(hikari.MessageFlag.EPHEMERAL)


async def on_component(interaction: hikari.ComponentInteraction) -> special_endpoints.InteractionResponseBuilder:
    """Answer the profile's buttons, and any other component by deferring an update of its message."""
    if interaction.custom_id == bot.UPDATE_BUTTON:
        return interaction.build_response(hikari.ResponseType.MESSAGE_UPDATE).set_content(bot.UPDATE_CONTENT)
    return interaction.build_deferred_response(hikari.ResponseType.DEFERRED_MESSAGE_UPDATE)


async def on_autocomplete(interaction: hikari.AutocompleteInteraction) -> special_endpoints.InteractionResponseBuilder:
    """Offer the profile's fruits and numbers for ``/pick``, and nothing for any other command."""
    focused = next((option for option in interaction.options if option.is_focused), None)
    choices: list[special_endpoints.AutocompleteChoiceBuilder] = []
    if interaction.command_name == bot.PICK and focused is not None:
        typed = str(focused.value)
        if focused.name == bot.PICK_FRUIT:
            choices = [hikari.impl.AutocompleteChoiceBuilder(name, value) for name, value in bot.fruit_choices(typed)]
        elif focused.name == bot.PICK_NUMBER:
            choices = [hikari.impl.AutocompleteChoiceBuilder(name, value) for name, value in bot.number_choices(typed)]
    return interaction.build_response(choices)


async def on_modal(interaction: hikari.ModalInteraction) -> special_endpoints.InteractionResponseBuilder:
    """Echo the feedback modal's text, and answer any other modal with a short ephemeral message."""
    if interaction.custom_id == bot.FEEDBACK_MODAL:
        for row in interaction.components:
            for component in getattr(row, "components", ()):
                if getattr(component, "custom_id", None) == bot.FEEDBACK_INPUT:
                    return interaction.build_response().set_content(str(component.value))
    response = interaction.build_response().set_content(f"{interaction.custom_id} {_HANDLED}")
    return response.set_flags(hikari.MessageFlag.EPHEMERAL)


def build_bot(public_key: str) -> hikari.RESTBot:
    """Return the conformance bot: a ``RESTBot`` verifying with ``public_key``, its listeners set."""
    rest_bot = hikari.RESTBot("conformance-suite-token", "Bot", public_key=public_key, banner=None, logs="WARNING")
    rest_bot.set_listener(hikari.CommandInteraction, on_command)
    rest_bot.set_listener(hikari.ComponentInteraction, on_component)
    rest_bot.set_listener(hikari.AutocompleteInteraction, on_autocomplete)
    rest_bot.set_listener(hikari.ModalInteraction, on_modal)
    return rest_bot


def main() -> None:
    """Serve the bot on ``CONFORMANCE_HOST``:``CONFORMANCE_PORT`` until SIGTERM or SIGINT."""
    rest_bot = build_bot(os.environ["CONFORMANCE_PUBLIC_KEY"])
    rest_bot.run(host=os.environ["CONFORMANCE_HOST"], port=int(os.environ["CONFORMANCE_PORT"]), check_for_updates=False)


if __name__ == "__main__":
    main()
