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
the reply) is the library's own. Profile v2's REST calls (``/rest``'s callback,
the edits that complete ``/defer-ephemeral`` and ``/slow``, ``/followup``'s
follow-up) are discord-http's own, made in a reply's ``call_after`` coroutine
(which the library runs once the HTTP reply is sent), through its REST client
pointed at the suite's double by the ``api_base_url`` option of ``Client``, from
``CONFORMANCE_DISCORD_API_URL`` (without its ``/v10``, which discord-http
appends). Without it, ``api_base_url`` points at a closed local port, so no
REST call can reach Discord.

Besides the conformance bot's profile, it registers the commands that the
suite's corpus of payloads invokes (``/say``, ``/weather``, the ``Show avatar``
context menu…), as the corpus manifest (``conformance/corpus/manifest.json``,
docs/corpus.md) lists them: Discord sends an app only the commands it has
registered. They are written as discord-http's docs show, one decorated function
each, since discord-http reads a command's options from its function's
parameters. Each answers with a short message, each autocomplete with choices of
its option's type. Before it serves, the bot checks that it registers every
command of the manifest as the manifest says, and exits if not.

Run it with ``CONFORMANCE_HOST``, ``CONFORMANCE_PORT`` and
``CONFORMANCE_PUBLIC_KEY`` set: ``.venv/bin/python bot.py``.
"""

# No ``from __future__ import annotations``: discord-http reads each option's type from its parameter's
# annotation object, and would register every option of a postponed (string) annotation as a string.

import asyncio
import io
import os
import pathlib
import sys
import typing

from discord_http import Application
from discord_http import Attachment
from discord_http import AutocompleteResponse
from discord_http import Client
from discord_http import Context
from discord_http import DeferResponse
from discord_http import EmptyResponse
from discord_http import File
from discord_http import Member
from discord_http import Message
from discord_http import MessageResponse
from discord_http import Modal
from discord_http import ModalResponse
from discord_http import Role
from discord_http import TextChannel
from discord_http import TextInputComponent
from discord_http import TextStyles
from discord_http import User
from discord_http.commands import Command
from discord_http.commands import Range

# The conformance bot's profile and the corpus manifest, read by the modules beside this folder (standard library
# only): this process runs in its own environment, without the suite installed.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
import corpus_manifest
from bot_profile import DEFER_EPHEMERAL_CONTENT
from bot_profile import DEFER_UPDATE_BUTTON
from bot_profile import ECHO_MAX_LENGTH
from bot_profile import EPHEMERAL_CONTENT
from bot_profile import FEEDBACK_INPUT
from bot_profile import FEEDBACK_LABEL
from bot_profile import FEEDBACK_MODAL
from bot_profile import FEEDBACK_TITLE
from bot_profile import FILE_CONTENT
from bot_profile import FILE_DATA
from bot_profile import FILE_NAME
from bot_profile import FOLLOWUP_CONTENT
from bot_profile import FOLLOWUP_REPLY_CONTENT
from bot_profile import MAX_CHOICES
from bot_profile import NUMBER_MAX
from bot_profile import NUMBER_MIN
from bot_profile import REST_CONTENT
from bot_profile import SLOW_CONTENT
from bot_profile import SLOW_DELAY_S
from bot_profile import UPDATE_BUTTON
from bot_profile import UPDATE_CONTENT
from bot_profile import pick_choices

DOUBLE_APPLICATION_ID = "1250000000000000001"
"""The application ID the suite's interactions carry while its Discord API double runs (the double issues them)."""
APPLICATION_ID = DOUBLE_APPLICATION_ID if "CONFORMANCE_DISCORD_API_URL" in os.environ else "1284458905291718656"
"""The application ID the suite's interactions carry: discord-http names its own in every webhook route."""

API_VERSION_SUFFIX = "/v10"
"""discord-http appends ``/v{api_version}`` to its ``api_base_url``; the double's base URL ends with it."""


def _api_base_url() -> str:
    """Return the base URL for discord-http's REST client: the double's, without the version it appends.

    Without ``CONFORMANCE_DISCORD_API_URL``, a closed local port, so that no REST call can reach Discord.
    """
    double = os.environ.get("CONFORMANCE_DISCORD_API_URL", "http://127.0.0.1:9/api/v10").rstrip("/")
    return double.removesuffix(API_VERSION_SUFFIX)


client = Client(
    token="conformance-suite-token",
    api_base_url=_api_base_url(),
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
    """Defer an ephemeral reply, then edit it."""

    async def complete() -> None:
        await ctx.edit_original_response(content=DEFER_EPHEMERAL_CONTENT)

    return ctx.response.defer(thinking=True, ephemeral=True, call_after=complete)


@client.command(description="Picks a fruit and a number, with autocomplete.")
async def pick(ctx: Context, fruit: str, number: Range[int, NUMBER_MIN, NUMBER_MAX]) -> MessageResponse:
    """Reply with the picks (the profile only ever sends its autocompletes)."""
    return ctx.response.send_message(f"{fruit} {number}")


@pick.autocomplete("fruit")
async def pick_fruit(ctx: Context, current: str) -> AutocompleteResponse:
    """Offer the fruits whose names start with what was typed, ignoring case; each value in lower case."""
    return ctx.response.send_autocomplete(
        {choice["value"]: choice["name"] for choice in pick_choices("fruit", str(current))}
    )


@pick.autocomplete("number")
async def pick_number(ctx: Context, current: str) -> AutocompleteResponse:
    """Offer the numbers whose decimal form starts with what was typed."""
    return ctx.response.send_autocomplete(
        {choice["value"]: choice["name"] for choice in pick_choices("number", str(current))}
    )


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
    """Answer with an empty HTTP reply (202), then through the REST callback."""

    async def answer() -> None:
        await ctx.send(REST_CONTENT)

    return ctx.response.send_empty(call_after=answer)


@client.command(description="Answers after two seconds.")
async def slow(ctx: Context) -> DeferResponse:
    """Defer at once, then edit the reply two seconds later, without blocking other interactions."""

    async def complete() -> None:
        await asyncio.sleep(SLOW_DELAY_S)
        await ctx.edit_original_response(content=SLOW_CONTENT)

    return ctx.response.defer(thinking=True, call_after=complete)


@client.command(description="Replies, then sends a follow-up message.")
async def followup(ctx: Context) -> MessageResponse:
    """Reply, then send one follow-up message."""

    async def follow() -> None:
        await ctx.create_followup_response(FOLLOWUP_CONTENT)

    return ctx.response.send_message(FOLLOWUP_REPLY_CONTENT, call_after=follow)


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


# --------------------------------------------------------------------------- the corpus's commands

CORPUS_MANIFEST = pathlib.Path(__file__).resolve().parents[2] / "conformance" / "corpus" / "manifest.json"
"""The corpus manifest (docs/corpus.md): the commands the suite's corpus invokes, ready for bulk overwrite."""
CITIES = (
    *("Amsterdam", "Athens", "Berlin", "Brussels", "Dublin", "Lisbon", "London", "Londonderry", "Los Angeles"),
    *("Madrid", "New York", "Oslo", "Paris", "Prague", "Rome", "Tokyo", "Vienna", "Warsaw"),
)
TAGS = ("faq", "roles", "rules", "welcome", "welcome-back", "wiki")
DICE_MAX = 100
TIP_PERCENTS = (5.0, 10.0, 12.5, 15.0, 17.5, 18.0, 20.0, 22.5, 25.0)


def _starting_with(names: typing.Iterable[str], typed: str) -> list[str]:
    """Return the names that start with what was typed, ignoring case, at most `MAX_CHOICES`."""
    prefix = str(typed).strip().casefold()
    return [name for name in names if name.casefold().startswith(prefix)][:MAX_CHOICES]


@client.command(description="Says the text, for everyone or only for you.")
async def say(ctx: Context, text: str, ephemeral: bool = False) -> MessageResponse:
    """Reply with the text."""
    return ctx.response.send_message(text, ephemeral=ephemeral)


@client.user_command(name="Show avatar")
async def show_avatar(ctx: Context, user: Member | User) -> MessageResponse:
    """Reply with the user's avatar."""
    return ctx.response.send_message(f"{user.display_name}: {user.display_avatar.url}")


@client.command(description="Tells the weather in a city.")
async def weather(ctx: Context, city: str, units: str = "metric") -> MessageResponse:
    """Reply with the forecast (none offline)."""
    return ctx.response.send_message(f"No forecast for {city} ({units}) offline.")


@weather.autocomplete("city")
async def weather_city(ctx: Context, current: str) -> AutocompleteResponse:
    """Offer the cities whose names start with what was typed."""
    return ctx.response.send_autocomplete({city: city for city in _starting_with(CITIES, current)})


@client.group(description="The server's saved tags.")
def tag() -> None:
    """Hold ``/tag``'s subcommands."""


@tag.command(description="Shows a saved tag.")
async def show(ctx: Context, scope: str, name: str) -> MessageResponse:
    """Reply with the tag (none saved offline)."""
    return ctx.response.send_message(f"No {scope} tag {name!r} saved.")


@show.autocomplete("name")
async def show_name(ctx: Context, current: str) -> AutocompleteResponse:
    """Offer the tags whose names start with what was typed."""
    return ctx.response.send_autocomplete({name: name for name in _starting_with(TAGS, current)})


@client.command(name="übersetzen", description="Übersetzt einen Text.", guild_install=False, user_install=True)
async def translate(ctx: Context, text: str, sprache: str) -> MessageResponse:
    """Reply with the text and the language asked for (nothing is translated offline)."""
    return ctx.response.send_message(f"[{sprache}] {text}")


@client.command(name="翻訳", description="テキストを翻訳します。", guild_install=False, user_install=True)
async def translate_ja(
    ctx: Context,
    テキスト: str,  # noqa: N803, PLC2401 - discord-http names the option after its parameter
) -> MessageResponse:
    """Reply with the text (nothing is translated offline)."""
    return ctx.response.send_message(テキスト)


@client.message_command(name="Quote message")
async def quote_message(ctx: Context, message: Message) -> MessageResponse:
    """Reply with the message quoted."""
    return ctx.response.send_message(f"> {message.content}")


@client.command(description="Reports a user to the moderators.")
async def report(
    ctx: Context, user: Member | User, channel: TextChannel, notify: Role, evidence: Attachment
) -> MessageResponse:
    """Reply, only to the reporter, with what the report holds."""
    content = f"Reported {user.display_name} in #{channel.name} to @{notify.name}, with {evidence.filename}."
    return ctx.response.send_message(content, ephemeral=True)


@client.command(description="Rolls dice.")
async def roll(ctx: Context, sides: int, dice: int) -> MessageResponse:
    """Reply with what is rolled."""
    return ctx.response.send_message(f"Rolling {dice}d{sides}.")


@roll.autocomplete("dice")
async def roll_dice(ctx: Context, current: str) -> AutocompleteResponse:
    """Offer the counts of dice whose decimal form starts with what was typed: integers."""
    typed = str(current).strip()
    counts = [count for count in range(1, DICE_MAX + 1) if str(count).startswith(typed)][:MAX_CHOICES]
    return ctx.response.send_autocomplete({count: str(count) for count in counts})


@client.command(description="Works out a tip.")
async def tip(ctx: Context, bill: float, percent: float) -> MessageResponse:
    """Reply with the tip."""
    return ctx.response.send_message(f"Tip: {bill * percent / 100:.2f}")


@tip.autocomplete("percent")
async def tip_percent(ctx: Context, current: str) -> AutocompleteResponse:
    """Offer the usual percentages that start with what was typed: numbers."""
    typed = str(current).strip()
    percents = [percent for percent in TIP_PERCENTS if f"{percent:g}".startswith(typed)]
    return ctx.response.send_autocomplete({percent: f"{percent:g}%" for percent in percents})


@client.command(description="Starts a poll.")
async def poll(ctx: Context) -> MessageResponse:
    """Reply that no poll is open."""
    return ctx.response.send_message("No poll is open.")


def _option_shape(options: list[dict[str, typing.Any]]) -> list[dict[str, typing.Any]]:
    """Return options as the check compares them: names, types, required and autocomplete, subcommands' options."""
    shaped: list[dict[str, typing.Any]] = []
    for option in options:
        if option["type"] in (1, 2):
            shaped.append({"name": option["name"], "type": option["type"], "options": _option_shape(option["options"])})
        else:
            shaped.append(
                {
                    "name": option["name"],
                    "type": option["type"],
                    "required": bool(option.get("required", False)),
                    "autocomplete": bool(option.get("autocomplete", False)),
                }
            )
    return shaped


def _registers(command: Command, entry: dict[str, typing.Any]) -> bool:
    """Whether discord-http registers ``command`` as the manifest's ``entry`` asks.

    The same name, type and options; every integration type and context the entry lists (discord-http allows
    every context unless told otherwise, which includes the entry's).
    """
    data = command.to_dict()
    return (
        data["type"] == entry["type"]
        and not command.guild_ids
        and _option_shape(data["options"] or []) == _option_shape(entry.get("options", []))
        and set(entry["integration_types"]) <= set(data.get("integration_types", []))
        and set(entry["contexts"]) <= set(data["contexts"])
    )


def check_corpus_commands() -> None:
    """Exit, naming the first command, unless every command of the corpus manifest is registered as it says."""
    manifest = corpus_manifest.load_manifest(CORPUS_MANIFEST)
    for entry in manifest["commands"]:
        command = client.commands.get(entry["name"])
        if command is None or not _registers(command, entry):
            raise SystemExit(f"bot.py: {entry['name']!r} is not registered as {CORPUS_MANIFEST.name} lists it")


if __name__ == "__main__":
    check_corpus_commands()
    client.start(host=os.environ["CONFORMANCE_HOST"], port=int(os.environ["CONFORMANCE_PORT"]))
