"""The conformance bot (docs/bot.md, profile v2) on the ASGI bridge, built on the reference implementation.

Serve it with ``DISCORD_PUBLIC_KEY=HEX DISCORD_API_URL=http://127.0.0.1:8990/api/v10 uvicorn --factory
conformance_bot:create_app --port 8080``, then run ``interaction-conformance --url http://127.0.0.1:8080/
--signing-seed SEED --bot --discord-api 127.0.0.1:8990``. Its REST calls (``/rest``'s callback, the edits and the
follow-up) go to ``DISCORD_API_URL``: Discord's API by default, the suite's double in a test.
"""

from __future__ import annotations

import asyncio
import collections.abc
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
from conformance.reference.rest import DISCORD_API_URL
from conformance.reference.rest import RestClient
from interaction_spec.asgi import InteractionApp

_Reply = (
    interaction_spec.InteractionMessageBuilder
    | interaction_spec.InteractionDeferredBuilder
    | interaction_spec.InteractionModalBuilder
    | None
)


def command_listener(
    rest: RestClient,
) -> collections.abc.Callable[[interaction_spec.CommandInteraction], collections.abc.AsyncGenerator[_Reply, None]]:
    """Return the command listener; an async generator, so that what follows its reply runs after the reply."""

    async def on_command(
        interaction: interaction_spec.CommandInteraction,
    ) -> collections.abc.AsyncGenerator[_Reply, None]:
        name = interaction.command_name
        options = interaction.options  # by option name; a subcommand's own options
        if name == "echo":
            yield MessageBuilder(str(options["text"]))
        elif name == "ephemeral":
            yield MessageBuilder("Only you can see this.", ephemeral=True)
        elif name == "defer-ephemeral":
            yield DeferredBuilder(ephemeral=True)
            await rest.edit_original(interaction, {"content": "Only you can see this, after a deferral."})
        elif name == "pick":
            yield MessageBuilder(f"You picked {options.get('fruit')} and {options.get('number')}.")
        elif name == "feedback":
            text = TextInput("bot:feedback:text", "What do you think of this bot?", paragraph=True)
            yield ModalBuilder("Feedback", "bot:feedback", [text])
        elif name == "file":
            file = BytesFile("conformance-bot.txt", "The conformance bot attached this file. \u2713\n".encode())
            yield MessageBuilder("Here is a file from the conformance bot.", files=[file])
        elif name == "rest":
            await rest.respond(interaction, {"type": 4, "data": {"content": "Answered through the REST callback."}})
            yield None  # answered through the callback endpoint: the server replies 202, no body
        elif name == "slow":
            yield DeferredBuilder()
            await asyncio.sleep(2)  # waits without blocking: other interactions are answered meanwhile
            await rest.edit_original(interaction, {"content": "Done, after two seconds."})
        elif name == "followup":
            yield MessageBuilder("First, the reply.")
            await rest.follow_up(interaction, {"content": "Then, a follow-up."})
        else:
            yield MessageBuilder(f"/{name} is not a command of the conformance bot", ephemeral=True)

    return on_command


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
    rest = RestClient(os.environ.get("DISCORD_API_URL", DISCORD_API_URL))
    server = ReferenceInteractionServer(key)
    server.set_listener(interaction_spec.CommandInteraction, command_listener(rest))
    server.set_listener(interaction_spec.ComponentInteraction, on_component)
    server.set_listener(interaction_spec.AutocompleteInteraction, on_autocomplete)
    server.set_listener(interaction_spec.ModalInteraction, on_modal)
    return InteractionApp(server, on_shutdown=[server.close, rest.aclose])
