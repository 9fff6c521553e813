"""The conformance bot on discord-http 3.3.0, served by its own aiohttp HTTP server.

discord-http takes no public key: at start it reads the application, and with
it ``verify_key``, from ``GET /applications/@me``, then syncs its commands with
Discord. To run offline, exactly two calls on ``client.state`` (its REST API
object) are replaced before start, and nothing else:

- ``state.me()`` (``GET /applications/@me``) returns the application made from
  a local object, whose ``verify_key`` is ``CONFORMANCE_PUBLIC_KEY`` and whose
  ``interactions_endpoint_url`` is set, so that the library starts in HTTP mode;
- ``state.update_commands()`` (the command sync, ``PUT
  /applications/{id}/commands``) returns the commands it was given, with IDs.

The interaction request path (signature verification, parsing, dispatch and
the reply) is the library's own. ``api_base_url`` points at a closed local port,
so any other REST call would fail instead of reaching Discord.

Run it with ``CONFORMANCE_HOST``, ``CONFORMANCE_PORT`` and
``CONFORMANCE_PUBLIC_KEY`` set: ``.venv/bin/python bot.py``.
"""

from __future__ import annotations

import asyncio
import io
import os
import typing

from discord_http import Application
from discord_http import AutocompleteResponse
from discord_http import Client
from discord_http import Context
from discord_http import DeferResponse
from discord_http import EmptyResponse
from discord_http import File
from discord_http import MessageResponse
from discord_http import Modal
from discord_http import ModalResponse
from discord_http import TextInputComponent
from discord_http import TextStyles
from discord_http.commands import Range

# The conformance bot's profile (conformance/bot/__init__.py, docs/bot.md), restated: this process runs
# in its own environment, without the suite installed.
ECHO_MAX_LENGTH = 2000
EPHEMERAL_CONTENT = "Only you can see this."
UPDATE_BUTTON = "bot:update"
DEFER_UPDATE_BUTTON = "bot:defer-update"
UPDATE_CONTENT = "Updated by the conformance bot."
FEEDBACK_MODAL = "bot:feedback"
FEEDBACK_TITLE = "Feedback"
FEEDBACK_INPUT = "bot:feedback:text"
FEEDBACK_LABEL = "What do you think of this bot?"
FILE_CONTENT = "Here is a file from the conformance bot."
FILE_NAME = "conformance-bot.txt"
FILE_DATA = "The conformance bot attached this file. \u2713\n".encode()
SLOW_CONTENT = "Done, after two seconds."
SLOW_DELAY_S = 2.0
MAX_CHOICES = 25
NUMBER_MIN, NUMBER_MAX = 0, 999
FRUITS = (
    *("Apple", "Apricot", "Avocado", "Banana", "Blackberry", "Blackcurrant", "Blueberry", "Cherry", "Clementine"),
    *("Coconut", "Cranberry", "Date", "Dragon fruit", "Elderberry", "Fig", "Gooseberry", "Grape", "Grapefruit"),
    *("Guava", "Kiwi", "Lemon", "Lime", "Lychee", "Mango", "Melon", "Nectarine", "Orange", "Papaya", "Peach"),
    *("Pear", "Pineapple", "Plum", "Pomegranate", "Raspberry", "Strawberry", "Watermelon"),
)

APPLICATION_ID = "1284458905291718656"
"""The application ID the suite's payloads carry."""

client = Client(
    token="conformance-suite-token",
    api_base_url="http://127.0.0.1:9/api",
    logging_level=20,
)


# --------------------------------------------------------------------------- the two replaced REST calls


async def _me() -> Application:
    """Stand in for ``GET /applications/@me``: the application, with the suite's public key as its verify key."""
    return client.create_application_from_data(
        {
            "id": APPLICATION_ID,
            "name": "conformance bot",
            "verify_key": os.environ["CONFORMANCE_PUBLIC_KEY"],
            "interactions_endpoint_url": f"http://{os.environ['CONFORMANCE_HOST']}:{os.environ['CONFORMANCE_PORT']}/",
            "flags": 0,
            "bot": {"id": APPLICATION_ID, "username": "conformance-bot", "discriminator": "0", "avatar": None},
        }
    )


async def _update_commands(
    data: list[dict[str, typing.Any]], guild_id: int | None = None
) -> list[dict[str, typing.Any]]:
    """Stand in for the command sync: Discord answers with the commands, each given an ID."""
    return [{**command, "id": str(1290000000000000000 + index)} for index, command in enumerate(data)]


client.state.me = _me  # type: ignore[method-assign]
client.state.update_commands = _update_commands  # type: ignore[method-assign]


# --------------------------------------------------------------------------- commands


@client.command(description="Repeats the text exactly.")
async def echo(ctx: Context, text: Range[str, 1, ECHO_MAX_LENGTH]) -> MessageResponse:
    """Reply with exactly the text."""
    return ctx.response.send_message(text)


@client.command(description="Answers with a message only you can see.")
async def ephemeral(ctx: Context) -> MessageResponse:
    """Reply with an ephemeral message."""
    return ctx.response.send_message(EPHEMERAL_CONTENT, ephemeral=True)


@client.command(name="defer-ephemeral", description="Defers an answer only you will see.")
async def defer_ephemeral(ctx: Context) -> DeferResponse:
    """Defer an ephemeral reply."""
    return ctx.response.defer(thinking=True, ephemeral=True)


@client.command(description="Picks a fruit and a number, with autocomplete.")
async def pick(ctx: Context, fruit: str, number: Range[int, NUMBER_MIN, NUMBER_MAX]) -> MessageResponse:
    """Reply with the picks (the profile only ever sends its autocompletes)."""
    return ctx.response.send_message(f"{fruit} {number}")


@pick.autocomplete("fruit")
async def pick_fruit(ctx: Context, current: str) -> AutocompleteResponse:
    """Offer the fruits whose names start with what was typed, ignoring case; each value in lower case."""
    prefix = str(current).casefold()
    matches = [fruit for fruit in FRUITS if fruit.casefold().startswith(prefix)][:MAX_CHOICES]
    return ctx.response.send_autocomplete({fruit.lower(): fruit for fruit in matches})


@pick.autocomplete("number")
async def pick_number(ctx: Context, current: str) -> AutocompleteResponse:
    """Offer the numbers whose decimal form starts with what was typed."""
    typed = str(current).strip()
    matches = [n for n in range(NUMBER_MIN, NUMBER_MAX + 1) if str(n).startswith(typed)][:MAX_CHOICES]
    return ctx.response.send_autocomplete({n: str(n) for n in matches})


@client.command(description="Opens a feedback form and repeats what you submit.")
async def feedback(ctx: Context) -> ModalResponse:
    """Open the feedback modal: one Label wrapping a paragraph text input."""
    modal = Modal(title=FEEDBACK_TITLE, custom_id=FEEDBACK_MODAL)
    modal.add_item(TextInputComponent(custom_id=FEEDBACK_INPUT, style=TextStyles.paragraph), label=FEEDBACK_LABEL)
    return ctx.response.send_modal(modal)


@client.command(description="Answers with a file attached.")
async def file(ctx: Context) -> MessageResponse:
    """Reply with a message and the file."""
    return ctx.response.send_message(FILE_CONTENT, file=File(io.BytesIO(FILE_DATA), filename=FILE_NAME))


@client.command(description="Answers through Discord's REST callback.")
async def rest(ctx: Context) -> EmptyResponse:
    """Answer later through the REST callback: the HTTP reply has no body."""
    return ctx.response.send_empty()


@client.command(description="Answers after two seconds.")
async def slow(ctx: Context) -> MessageResponse:
    """Reply after two seconds, without blocking other interactions."""
    await asyncio.sleep(SLOW_DELAY_S)
    return ctx.response.send_message(SLOW_CONTENT)


# --------------------------------------------------------------------------- buttons and the modal


@client.interaction(UPDATE_BUTTON)
async def update(ctx: Context) -> MessageResponse:
    """Edit the button's message."""
    return ctx.response.edit_message(content=UPDATE_CONTENT)


@client.interaction(DEFER_UPDATE_BUTTON)
async def defer_update(ctx: Context) -> DeferResponse:
    """Defer an edit of the button's message."""
    return ctx.response.defer()


@client.interaction(FEEDBACK_MODAL)
async def feedback_submitted(ctx: Context) -> MessageResponse:
    """Reply with exactly the submitted text."""
    return ctx.response.send_message(str(ctx.modal_values.get(FEEDBACK_INPUT, "")))


@client.interaction(r".+", regex=True)
async def any_other(ctx: Context) -> MessageResponse:
    """Any other component or modal: a short ephemeral message."""
    return ctx.response.send_message(f"{ctx.custom_id} handled by discord-http", ephemeral=True)


if __name__ == "__main__":
    client.start(host=os.environ["CONFORMANCE_HOST"], port=int(os.environ["CONFORMANCE_PORT"]))
