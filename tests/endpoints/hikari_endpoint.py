"""hikari 2.7.0's own aiohttp interaction server as a black-box target, answering every kind validly.

Offline: explicit public key, ``check_for_updates=False``, loopback only.
Usage: ``python -m tests.endpoints.hikari_endpoint --port P --public-key HEX``.
"""

from __future__ import annotations

import argparse

import hikari
from hikari.impl import special_endpoints as builders


async def on_command(interaction: hikari.CommandInteraction) -> builders.InteractionMessageBuilder:
    return builders.InteractionMessageBuilder(
        hikari.ResponseType.MESSAGE_CREATE, f"/{interaction.command_name} by hikari"
    )


async def on_component(interaction: hikari.ComponentInteraction) -> builders.InteractionMessageBuilder:
    return builders.InteractionMessageBuilder(hikari.ResponseType.MESSAGE_UPDATE, f"{interaction.custom_id} by hikari")


async def on_autocomplete(interaction: hikari.AutocompleteInteraction) -> builders.InteractionAutocompleteBuilder:
    return builders.InteractionAutocompleteBuilder([builders.AutocompleteChoiceBuilder(name="hikari", value="hikari")])


async def on_modal(interaction: hikari.ModalInteraction) -> builders.InteractionMessageBuilder:
    return builders.InteractionMessageBuilder(hikari.ResponseType.MESSAGE_CREATE, f"{interaction.custom_id} by hikari")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--public-key", required=True)
    args = parser.parse_args()
    bot = hikari.RESTBot("conformance-suite-token", "Bot", public_key=args.public_key, banner=None, logs="WARNING")
    bot.set_listener(hikari.CommandInteraction, on_command)
    bot.set_listener(hikari.ComponentInteraction, on_component)
    bot.set_listener(hikari.AutocompleteInteraction, on_autocomplete)
    bot.set_listener(hikari.ModalInteraction, on_modal)
    bot.run(host="127.0.0.1", port=args.port, check_for_updates=False)


if __name__ == "__main__":
    main()
