"""The conformance bot (profile v2) on discohook 0.2.0, a Starlette app that answers only through REST.

discohook's ``Client`` is a Starlette application whose interactions route
verifies the signature, runs the handler and answers the HTTP request with an
empty 200; every answer goes through the library's REST client
(``interaction.response``: ``send``, ``defer``, ``edit_origin``, ``send_modal``,
``autocomplete``, ``followup``, and ``InteractionResponse.edit``), i.e. through
Discord's create interaction response endpoint.

- Commands are ``ApplicationCommand`` objects (``discohook.command.slash``) with
  ``Option`` objects, added with ``client.commands``; buttons and modals are
  ``Handler`` objects (``discohook.handler``) added with ``client.register``;
  autocompletes ``on_autocomplete`` callbacks.
- Besides the profile it registers what the suite's corpus sends, from the corpus
  manifest (``../corpus_manifest.py``): discohook answers a command or custom ID
  it has no handler for with 500 (``engine.py``), and Discord sends an app only
  its own commands and components.
- Pointed at the suite's Discord API double by the library's own injection
  point: ``Client.http`` is an ``HTTPClient`` whose ``session`` attribute (a
  constructor argument of ``HTTPClient``, ``https.py`` line 25) is the aiohttp
  session every request goes through, with paths ``/api/v10/...``; the bot sets it
  to a session whose base URL is the double's origin. Nothing else is replaced.
- Offline: discohook syncs commands only when its dashboard's sync route is
  called (``Client._sync``); nothing calls Discord at start.

Run with ``CONFORMANCE_HOST``, ``CONFORMANCE_PORT``, ``CONFORMANCE_PUBLIC_KEY`` and
``CONFORMANCE_DISCORD_API_URL`` set: ``python bot.py`` (served by uvicorn).
"""

import asyncio
import contextlib
import os
import pathlib
import sys
import typing
import urllib.parse

import aiohttp
import discohook
import uvicorn
from discohook.command import slash
from discohook.enums import ApplicationCommandOptionType
from discohook.enums import ApplicationCommandType
from discohook.enums import TextInputFieldLength

# The profile and the corpus manifest, read by the modules beside this folder (standard library only): this process
# runs in its own environment, without the suite installed.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
import corpus_manifest
from bot_profile import DEFER_UPDATE_BUTTON
from bot_profile import EPHEMERAL_CONTENT
from bot_profile import FEEDBACK_INPUT
from bot_profile import FEEDBACK_LABEL
from bot_profile import FEEDBACK_MODAL
from bot_profile import FEEDBACK_TITLE
from bot_profile import FILE_CONTENT
from bot_profile import FILE_DATA
from bot_profile import FILE_NAME
from bot_profile import SLOW_CONTENT
from bot_profile import SLOW_DELAY_S
from bot_profile import UPDATE_BUTTON
from bot_profile import UPDATE_CONTENT
from bot_profile import pick_choices

# Profile v2's texts (conformance/bot/__init__.py, docs/bot.md).
DEFER_EPHEMERAL_CONTENT: typing.Final = "Only you can see this, after a deferral."
REST_CONTENT: typing.Final = "Answered through the REST callback."
FOLLOWUP_REPLY_CONTENT: typing.Final = "First, the reply."
FOLLOWUP_CONTENT: typing.Final = "Then, a follow-up."

CORPUS = corpus_manifest.load_manifest()
"""The commands, components and modals the suite's corpus sends (docs/corpus.md)."""
API_PATH: typing.Final = "/api/v10"
"""The path discohook puts before every route (``HTTPClient.DISCORD_API_VERSION`` 10)."""
_HANDLED: typing.Final = "handled by discohook"
_FOLLOW_THROUGHS: set[asyncio.Task[object]] = set()
"""The REST calls that follow a reply, running after the handler has returned (a reference keeps each alive)."""


def after_reply(work: typing.Coroutine[typing.Any, typing.Any, object]) -> None:
    """Run ``work`` once the handler has returned, so that the HTTP request is answered at once.

    discohook answers the HTTP request only when the handler returns; what the profile does after its initial
    response (edit the original, send a follow-up) runs as a task of the server's loop, as ``/slow`` must not block.
    """
    task = asyncio.get_running_loop().create_task(work)
    _FOLLOW_THROUGHS.add(task)
    task.add_done_callback(_FOLLOW_THROUGHS.discard)


def _api_origin(base_url: str) -> str:
    """Return the origin of the double's base URL, which must end in the path discohook adds itself."""
    parts = urllib.parse.urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path.rstrip("/") != API_PATH:
        raise SystemExit(f"CONFORMANCE_DISCORD_API_URL: expected http://HOST:PORT{API_PATH}, got {base_url!r}")
    return f"{parts.scheme}://{parts.netloc}"


@contextlib.asynccontextmanager
async def lifespan(app: discohook.Client) -> typing.AsyncIterator[None]:
    """Give the library's REST client a session on the double for the app's lifetime."""
    session = aiohttp.ClientSession(_api_origin(os.environ["CONFORMANCE_DISCORD_API_URL"]))
    app.http.session = session
    try:
        yield
    finally:
        await session.close()


app = discohook.Client(
    application_id=CORPUS["application_id"],
    public_key=os.environ["CONFORMANCE_PUBLIC_KEY"],
    token="conformance-suite-token",
    route="/interactions",
    lifespan=lifespan,
)


# --------------------------------------------------------------------------- the profile


@slash(
    "echo",
    description="Repeats the text exactly.",
    options=[discohook.Option.string("text", "The text to repeat.", required=True, max_length=2000)],
)
async def echo(interaction: discohook.Interaction, text: str) -> None:
    """Reply with exactly the text."""
    await interaction.response.send(text)


@slash("ephemeral", description="Answers with a message only you can see.")
async def ephemeral(interaction: discohook.Interaction) -> None:
    """Reply with an ephemeral message."""
    await interaction.response.send(EPHEMERAL_CONTENT, ephemeral=True)


@slash("defer-ephemeral", description="Defers an answer only you will see.")
async def defer_ephemeral(interaction: discohook.Interaction) -> None:
    """Defer an ephemeral reply, then edit the original."""
    response = await interaction.response.defer(ephemeral=True)
    after_reply(response.edit(DEFER_EPHEMERAL_CONTENT))


@slash(
    "pick",
    description="Picks a fruit and a number, with autocomplete.",
    options=[
        discohook.Option.string("fruit", "A fruit.", required=True, autocomplete=True),
        discohook.Option.integer("number", "A number.", required=True, autocomplete=True),
    ],
)
async def pick(interaction: discohook.Interaction, fruit: str, number: int) -> None:
    """Reply with the picks (the profile only ever sends its autocompletes)."""
    await interaction.response.send(f"{fruit} {number}")


@pick.on_autocomplete
async def pick_autocomplete(interaction: discohook.Interaction, fruit: str = "", number: int = 0) -> None:
    """Offer the fruits, or the numbers, that start with what was typed into the focused option."""
    focused = interaction.focused_option_name or ""
    typed = fruit if focused == "fruit" else str(number)
    choices = [discohook.Choice(str(c["name"]), c["value"]) for c in pick_choices(focused, typed)]
    await interaction.response.autocomplete(choices)


@slash("feedback", description="Opens a feedback form and repeats what you submit.")
async def feedback(interaction: discohook.Interaction) -> None:
    """Open the feedback modal: a Label holding a paragraph text input."""
    modal = discohook.Modal(FEEDBACK_TITLE, handler=feedback_submitted)
    modal.input(custom_id=FEEDBACK_INPUT, label=FEEDBACK_LABEL, style=TextInputFieldLength.long, required=True)
    await interaction.response.send_modal(modal)


@slash("file", description="Answers with a file attached.")
async def file(interaction: discohook.Interaction) -> None:
    """Reply with a message and the file."""
    await interaction.response.send(FILE_CONTENT, discohook.File(name=FILE_NAME, content=FILE_DATA))


@slash("rest", description="Answers through Discord's REST callback.")
async def rest(interaction: discohook.Interaction) -> None:
    """Answer through the callback endpoint, as discohook answers everything."""
    await interaction.response.send(REST_CONTENT)


@slash("slow", description="Answers after two seconds.")
async def slow(interaction: discohook.Interaction) -> None:
    """Defer at once, then edit the original two seconds later."""
    response = await interaction.response.defer()

    async def edit_later() -> None:
        await asyncio.sleep(SLOW_DELAY_S)
        await response.edit(SLOW_CONTENT)

    after_reply(edit_later())


@slash("followup", description="Answers, then sends a follow-up message.")
async def followup(interaction: discohook.Interaction) -> None:
    """Reply, then send one follow-up message."""
    await interaction.response.send(FOLLOWUP_REPLY_CONTENT)
    after_reply(_followup(interaction))


async def _followup(interaction: discohook.Interaction) -> None:
    await interaction.response.followup(FOLLOWUP_CONTENT)


@discohook.handler(UPDATE_BUTTON)
async def update(interaction: discohook.Interaction, custom_id: str) -> None:
    """Edit the button's message."""
    await interaction.response.edit_origin(UPDATE_CONTENT)


@discohook.handler(DEFER_UPDATE_BUTTON)
async def defer_update(interaction: discohook.Interaction, custom_id: str) -> None:
    """Defer an edit of the button's message."""
    await interaction.response.defer()


@discohook.handler(FEEDBACK_MODAL)
async def feedback_submitted(interaction: discohook.Interaction) -> None:
    """Reply with exactly the submitted text (its custom ID is no Python name, so it is read from the data)."""
    labels = interaction.data["components"]
    text = next(
        label["component"]["value"] for label in labels if label.get("component", {}).get("custom_id") == FEEDBACK_INPUT
    )
    await interaction.response.send(text)


# --------------------------------------------------------------------------- the corpus's commands and components


async def corpus_command(interaction: discohook.Interaction, *target: object) -> None:
    """Answer a corpus command with a short ephemeral message."""
    await interaction.response.send(f"/{interaction.data['name']} {_HANDLED}", ephemeral=True)


async def corpus_autocomplete(interaction: discohook.Interaction, *options: object) -> None:
    """Offer a choice of the focused option's declared type for a corpus autocomplete."""
    choices = corpus_manifest.choices(CORPUS, interaction.data)
    await interaction.response.autocomplete([discohook.Choice(c["name"], c["value"]) for c in choices])


async def corpus_component(interaction: discohook.Interaction, value: object) -> None:
    """Defer an update of a corpus component's message."""
    await interaction.response.defer()


async def corpus_modal(interaction: discohook.Interaction) -> None:
    """Answer a corpus modal with a short ephemeral message."""
    await interaction.response.send(f"{interaction.data['custom_id']} {_HANDLED}", ephemeral=True)


def _option(entry: dict[str, typing.Any]) -> discohook.Option:
    option = discohook.Option(
        entry["name"],
        entry["description"],
        required=entry.get("required", False),
        kind=ApplicationCommandOptionType(entry["type"]),
    )
    option.autocomplete = entry.get("autocomplete")
    return option


def _corpus_command(entry: dict[str, typing.Any]) -> discohook.ApplicationCommand:
    """Return the manifest's command as discohook's command, its subcommands and autocompletes included."""
    options = [option for option in entry.get("options", []) if option["type"] not in (1, 2)]
    command = discohook.ApplicationCommand(
        entry["name"],
        description=entry.get("description"),
        options=[_option(option) for option in options],
        type=ApplicationCommandType(entry["type"]),
        handler_func=corpus_command,
    )
    for sub in (option for option in entry.get("options", []) if option["type"] == 1):
        subcommand = command.subcommand(
            sub["name"], description=sub["description"], options=[_option(o) for o in sub.get("options", [])]
        )(corpus_command)
        if any(o.get("autocomplete") for o in sub.get("options", [])):
            subcommand.on_autocomplete(corpus_autocomplete)
    if any(option.get("autocomplete") for option in options):
        command.on_autocomplete(corpus_autocomplete)
    return command


def register() -> None:
    """Register the profile, and the corpus manifest's commands, components and modals."""
    app.commands(echo, ephemeral, defer_ephemeral, pick, feedback, file, rest, slow, followup)
    for entry in (update, defer_update, feedback_submitted):
        app.register(entry)
    app.commands(*(_corpus_command(entry) for entry in CORPUS["commands"]))
    for component in CORPUS["components"]:
        app.register(discohook.handler(component["custom_id"])(corpus_component))
    for modal in CORPUS["modals"]:
        app.register(discohook.handler(modal["custom_id"])(corpus_modal))


register()

if __name__ == "__main__":
    uvicorn.run(app, host=os.environ["CONFORMANCE_HOST"], port=int(os.environ["CONFORMANCE_PORT"]), log_level="warning")
