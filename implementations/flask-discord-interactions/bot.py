"""The conformance bot on flask-discord-interactions 2.1.2, a Flask extension, served by gunicorn.

Commands are ``@discord.command()`` functions whose parameters are the options
(``Autocomplete(str)``, ``Autocomplete(int)`` for ``/pick``), buttons and modals
``@discord.custom_handler(custom_id)`` functions, autocompletes
``@command.autocomplete()`` functions; replies are the library's ``Message``,
``Modal`` and ``AutocompleteResult``; ``discord.set_route("/interactions")``
adds the Flask view that verifies the signature and dispatches.

Besides the profile, it registers the commands the suite's corpus invokes
and the custom IDs of its components and modals, from the corpus manifest
(``../corpus_manifest.py``): the library answers an interaction it has no
handler for with 500, and Discord sends an app only its own commands and
components. Each answers with a short ephemeral message (a component with a
deferred update), each autocomplete with a choice of the focused option's type.

Commands are "synced" with the library's own offline switch,
``DONT_REGISTER_WITH_DISCORD``: ``update_commands()`` then calls nothing. The
switch also silences the library's REST calls (``Context.edit`` and ``send``
return at once while it is set), so it is turned off once the commands are
synced.

Profile v2's REST calls go through the library where it has a call for them:
``Context.edit()`` completes ``/defer-ephemeral`` and ``/slow``, ``Context.send()``
sends ``/followup``'s follow-up, both to the library's ``DISCORD_BASE_URL``
setting, pointed at ``CONFORMANCE_DISCORD_API_URL``, and to the application
``DISCORD_CLIENT_ID`` (the double's). They run in a thread started after the
reply, as the library's documentation does for deferred work. The library has
no call for the interaction callback, so ``/rest`` posts the library's own
encoding of its ``Message`` (``Message.encode()``) with requests, the library's
HTTP client, and a ``User-Agent`` naming it, then ends the request with 202.
gunicorn serves ``bot:app`` (settings in ``../gunicorn_settings.py``) on
``CONFORMANCE_HOST``:``CONFORMANCE_PORT``, verifying with ``CONFORMANCE_PUBLIC_KEY``.
"""

import os
import pathlib
import sys
import threading
import time
import typing

import flask
import requests
from flask_discord_interactions import ActionRow
from flask_discord_interactions import Autocomplete
from flask_discord_interactions import Context
from flask_discord_interactions import DiscordInteractions
from flask_discord_interactions import Message
from flask_discord_interactions import Modal
from flask_discord_interactions import Option
from flask_discord_interactions import TextInput
from flask_discord_interactions import TextStyles

# The conformance bot's profile and the corpus manifest, read by the modules beside this folder (standard library
# only): this process runs in its own environment, without the suite installed.
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

DEFER_EPHEMERAL_CONTENT = "Only you can see this, after a deferral."
FOLLOWUP_REPLY_CONTENT = "First, the reply."
FOLLOWUP_CONTENT = "Then, a follow-up."
REST_CONTENT = "Answered through the REST callback."
"""Profile v2's replies (``conformance/bot/__init__.py``), which ``../bot_profile.py`` does not restate."""
REST_USER_AGENT = f"DiscordBot (https://requests.readthedocs.io, {requests.__version__})"
"""The User-Agent of the one REST call the bot makes itself (``/rest``'s callback), with requests."""

CORPUS = corpus_manifest.load_manifest()
"""The commands, components and modals the suite's corpus sends (docs/corpus.md)."""

app = flask.Flask(__name__)
app.config["DISCORD_PUBLIC_KEY"] = os.environ["CONFORMANCE_PUBLIC_KEY"]
app.config["DISCORD_CLIENT_ID"] = "1250000000000000001"
"""The application the suite's Discord API double issues interactions under: the library addresses edits and
follow-ups to ``/webhooks/{DISCORD_CLIENT_ID}/{token}``, not to the interaction's ``application_id``."""
app.config["DISCORD_BASE_URL"] = os.environ.get("CONFORMANCE_DISCORD_API_URL", "https://discord.com/api/v10")
app.config["DONT_REGISTER_WITH_DISCORD"] = True
discord = DiscordInteractions(app)


# --------------------------------------------------------------------------- the profile


def after_reply(work: typing.Callable[[], object]) -> None:
    """Run ``work`` in a thread of its own, in the app's context, once the reply has been handed to the server.

    The library's ``Context`` holds Flask's ``current_app``, which a thread sees only in an app context.
    """

    def in_app_context() -> None:
        with app.app_context():
            work()

    @flask.after_this_request
    def start(response: flask.Response) -> flask.Response:
        threading.Thread(target=in_app_context, daemon=True).start()
        return response


@discord.command(description="Repeats the text exactly.")
def echo(ctx: Context, text: str) -> Message:
    """Reply with exactly the text."""
    return Message(text)


@discord.command(description="Answers with a message only you can see.")
def ephemeral(ctx: Context) -> Message:
    """Reply with an ephemeral message."""
    return Message(EPHEMERAL_CONTENT, ephemeral=True)


@discord.command(name="defer-ephemeral", description="Defers an answer only you will see.")
def defer_ephemeral(ctx: Context) -> Message:
    """Defer an ephemeral reply, then edit it."""
    after_reply(lambda: ctx.edit(DEFER_EPHEMERAL_CONTENT))
    return Message(deferred=True, ephemeral=True)


@discord.command(description="Picks a fruit and a number, with autocomplete.")
def pick(ctx: Context, fruit: Autocomplete(str), number: Autocomplete(int)) -> Message:
    """Reply with the picks (the profile only ever sends its autocompletes)."""
    return Message(f"{fruit} {number}")


@pick.autocomplete()
def pick_autocomplete(ctx: Context, fruit: Option = None, number: Option = None) -> list[dict[str, typing.Any]]:
    """Offer the fruits, or the numbers, that start with what was typed into the focused option."""
    focused = next((option for option in (fruit, number) if option is not None and option.focused), None)
    return pick_choices(focused.name, str(focused.value or "")) if focused is not None else []


@discord.command(description="Opens a feedback form and repeats what you submit.")
def feedback(ctx: Context) -> Modal:
    """Open the feedback modal: the library builds only action rows, so the text input sits in one, with its label."""
    text_input = TextInput(custom_id=FEEDBACK_INPUT, label=FEEDBACK_LABEL, style=TextStyles.PARAGRAPH, required=True)
    return Modal(FEEDBACK_MODAL, FEEDBACK_TITLE, [ActionRow(components=[text_input])])


@discord.command(description="Answers with a file attached.")
def file(ctx: Context) -> Message:
    """Reply with a message and the file."""
    return Message(FILE_CONTENT, file=(FILE_NAME, FILE_DATA, "text/plain"))


@discord.command(description="Answers through Discord's REST callback.")
def rest(ctx: Context) -> Message:
    """Answer through the REST callback, then end the HTTP request with 202 and no body.

    The library has no call for the callback endpoint: the bot posts the library's encoding of the ``Message``.
    The library turns any return value into a callback, so the handler ends the request with Flask's ``abort``
    and a response, as the library answers a PING itself.
    """
    body, mimetype = Message(REST_CONTENT).encode()
    callback = requests.post(
        f"{app.config['DISCORD_BASE_URL']}/interactions/{ctx.id}/{ctx.token}/callback",
        data=body,
        headers={"Content-Type": mimetype, "User-Agent": REST_USER_AGENT},
        timeout=10,
    )
    if not callback.ok:  # logged, as a failed callback cannot change the HTTP reply: the interaction is lost
        print(f"/rest: the callback got {callback.status_code}: {callback.text[:200]}", file=sys.stderr)
    flask.abort(flask.Response(status=202))


@discord.command(description="Defers, then answers after two seconds.")
def slow(ctx: Context) -> Message:
    """Defer, then edit the reply two seconds later (in a thread of its own)."""

    def finish() -> None:
        time.sleep(SLOW_DELAY_S)
        ctx.edit(SLOW_CONTENT)

    after_reply(finish)
    return Message(deferred=True)


@discord.command(description="Answers, then sends a follow-up message.")
def followup(ctx: Context) -> Message:
    """Reply, then send one follow-up message."""
    after_reply(lambda: ctx.send(FOLLOWUP_CONTENT))
    return Message(FOLLOWUP_REPLY_CONTENT)


@discord.custom_handler(UPDATE_BUTTON)
def update(ctx: Context) -> Message:
    """Edit the button's message."""
    return Message(UPDATE_CONTENT, update=True)


@discord.custom_handler(DEFER_UPDATE_BUTTON)
def defer_update(ctx: Context) -> Message:
    """Defer an edit of the button's message."""
    return Message(deferred=True, update=True)


@discord.custom_handler(FEEDBACK_MODAL)
def feedback_submitted(ctx: Context) -> Message:
    """Reply with exactly the submitted text."""
    return Message(str(ctx.get_component(FEEDBACK_INPUT).value))


# --------------------------------------------------------------------------- the corpus's commands and components


def corpus_command(ctx: Context, *subcommands: str, **options: object) -> Message:
    """Answer a corpus command with a short ephemeral message."""
    return Message(f"/{ctx.command_name} handled by flask-discord-interactions", ephemeral=True)


def corpus_autocomplete(ctx: Context, *options: Option) -> list[dict[str, typing.Any]]:
    """Offer a choice of the focused option's declared type for a corpus autocomplete."""
    return corpus_manifest.choices(CORPUS, flask.request.get_json())


def corpus_component(ctx: Context, *state: str) -> Message:
    """Defer an update of a corpus component's message."""
    return Message(deferred=True, update=True)


def corpus_modal(ctx: Context, *state: str) -> Message:
    """Answer a corpus modal with a short ephemeral message."""
    return Message(f"{ctx.primary_id} handled by flask-discord-interactions", ephemeral=True)


def options(entries: list[dict[str, typing.Any]]) -> list[dict[str, typing.Any]]:
    """Return the manifest's options as the library's ``Option`` objects, dumped (as a subcommand's options are)."""
    return [
        Option(
            name=entry["name"],
            type=entry["type"],
            description=entry["description"],
            options=options(entry["options"]),
        ).dump()
        if "options" in entry
        else Option(
            name=entry["name"],
            type=entry["type"],
            description=entry["description"],
            required=entry["required"],
            autocomplete=entry.get("autocomplete", False),
        ).dump()
        for entry in entries
    ]


def _autocompletes(entries: list[dict[str, typing.Any]]) -> bool:
    """Whether any option of ``entries``, or of their subcommands, has autocomplete."""
    return any(entry.get("autocomplete") or _autocompletes(entry.get("options", [])) for entry in entries)


def register_corpus() -> None:
    """Register the corpus manifest's commands (with their autocompletes) and its components' and modals' IDs."""
    for entry in CORPUS["commands"]:
        discord.add_command(
            corpus_command,
            name=entry["name"],
            description=entry["description"],
            options=options(entry["options"]) if "options" in entry else None,
            type=entry["type"],
        )
        if _autocompletes(entry.get("options", [])):
            discord.add_autocomplete_handler(corpus_autocomplete, entry["name"])
    for component in CORPUS["components"]:
        discord.add_custom_handler(corpus_component, component["custom_id"])
    for modal in CORPUS["modals"]:
        discord.add_custom_handler(corpus_modal, modal["custom_id"])


register_corpus()
discord.set_route("/interactions")
discord.update_commands()
app.config["DONT_REGISTER_WITH_DISCORD"] = False  # the commands are synced (offline); the REST calls go out
