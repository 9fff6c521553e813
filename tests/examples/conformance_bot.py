"""The conformance bot (docs/bot.md) on the ASGI bridge, built on the reference implementation.

Serve it with ``DISCORD_PUBLIC_KEY=HEX uvicorn --factory conformance_bot:create_app --port 8080``, then run
``interaction-conformance --url http://127.0.0.1:8080/ --signing-seed SEED --bot``.
"""

from __future__ import annotations

import asyncio
import os

import interaction_spec
from conformance.bot import FRUITS
from conformance.reference import AutocompleteBuilder
from conformance.reference import BytesFile
from conformance.reference import DeferredBuilder
from conformance.reference import MessageBuilder
from conformance.reference import ModalBuilder
from conformance.reference import ReferenceInteractionServer
from conformance.reference import TextInput
from interaction_spec.asgi import InteractionApp


async def on_command(
    interaction: interaction_spec.CommandInteraction,
) -> (
    interaction_spec.InteractionMessageBuilder
    | interaction_spec.InteractionDeferredBuilder
    | interaction_spec.InteractionModalBuilder
    | None
):
    name = interaction.command_name
    options = interaction.options  # by option name; a subcommand's own options
    if name == "echo":
        return MessageBuilder(str(options["text"]))
    if name == "ephemeral":
        return MessageBuilder("Only you can see this.", ephemeral=True)
    if name == "defer-ephemeral":
        return DeferredBuilder(ephemeral=True)
    if name == "pick":
        return MessageBuilder(f"You picked {options.get('fruit')} and {options.get('number')}.")
    if name == "feedback":
        text = TextInput("bot:feedback:text", "What do you think of this bot?", paragraph=True)
        return ModalBuilder("Feedback", "bot:feedback", [text])
    if name == "file":
        file = BytesFile("conformance-bot.txt", "The conformance bot attached this file. \u2713\n".encode())
        return MessageBuilder("Here is a file from the conformance bot.", files=[file])
    if name == "rest":
        return None  # a real bot would answer through Discord's REST API; the server replies 202, no body
    if name == "slow":
        await asyncio.sleep(2)  # waits without blocking: other interactions are answered meanwhile
        return MessageBuilder("Done, after two seconds.")
    return MessageBuilder(f"/{name} is not a command of the conformance bot", ephemeral=True)


async def on_component(
    interaction: interaction_spec.ComponentInteraction,
) -> interaction_spec.InteractionMessageBuilder | interaction_spec.InteractionDeferredBuilder:
    if interaction.custom_id == "bot:update":
        return MessageBuilder("Updated by the conformance bot.", update=True)
    if interaction.custom_id == "bot:defer-update":
        return DeferredBuilder(update=True)
    return MessageBuilder(f"{interaction.custom_id} is not a component of the conformance bot", ephemeral=True)


async def on_autocomplete(
    interaction: interaction_spec.AutocompleteInteraction,
) -> interaction_spec.InteractionAutocompleteBuilder:
    typed = str(interaction.focused_value)  # Discord sends the partial input as a string, even for integers
    if interaction.command_name != "pick":
        return AutocompleteBuilder([])
    if interaction.focused_option == "fruit":
        fruits = [fruit for fruit in FRUITS if fruit.casefold().startswith(typed.casefold())]
        return AutocompleteBuilder([(fruit, fruit.lower()) for fruit in fruits[:25]])
    numbers = [number for number in range(1000) if str(number).startswith(typed)]
    return AutocompleteBuilder([(str(number), number) for number in numbers[:25]])


async def on_modal(interaction: interaction_spec.ModalInteraction) -> interaction_spec.InteractionMessageBuilder:
    if interaction.custom_id == "bot:feedback":
        return MessageBuilder(str(interaction.values["bot:feedback:text"]))
    return MessageBuilder(f"{interaction.custom_id} is not a modal of the conformance bot", ephemeral=True)


def create_app(public_key: str | None = None) -> InteractionApp:
    """Return the bot as an ASGI application; the key defaults to the environment's ``DISCORD_PUBLIC_KEY``."""
    key = public_key or os.environ["DISCORD_PUBLIC_KEY"]  # hex, as the Developer Portal shows it
    server = ReferenceInteractionServer(key)
    server.set_listener(interaction_spec.CommandInteraction, on_command)
    server.set_listener(interaction_spec.ComponentInteraction, on_component)
    server.set_listener(interaction_spec.AutocompleteInteraction, on_autocomplete)
    server.set_listener(interaction_spec.ModalInteraction, on_modal)
    return InteractionApp(server, on_shutdown=[server.close])
