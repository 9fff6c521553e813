"""The conformance bot on discord-interactions 0.4.0 (Discord's Python helper), on Flask, as the library's README shows.

``@verify_key_decorator(public_key)`` on the Flask view verifies the signature
and answers PINGs; the view answers every other interaction with JSON built from
the library's constants (``InteractionType``, ``InteractionResponseType``,
``InteractionResponseFlags``). It answers the commands, components and modals
of the suite's corpus too, looked up in the corpus manifest (``../corpus_manifest.py``),
and an autocomplete of the corpus with a choice of the focused option's type.
The library leaves the reply to the app, so every
reply of the profile can be expressed: ``/file`` is ``multipart/form-data``
(encoded by urllib3).

Profile v2's REST calls (``/rest``'s callback, the edits that complete
``/defer-ephemeral`` and ``/slow``, ``/followup``'s follow-up) are the bot's own:
discord-interactions has no REST client, so the bot makes them with requests, as
a bot author on this library would, to the base URL in ``CONFORMANCE_DISCORD_API_URL``
(Discord's otherwise), with a ``User-Agent`` naming requests, the client that
sends them. ``/rest`` sends its callback before its HTTP reply, a 202 with no body;
the calls that follow a reply run in a thread of their own, so the reply is not held.

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
from discord_interactions import InteractionResponseFlags
from discord_interactions import InteractionResponseType
from discord_interactions import InteractionType
from discord_interactions import verify_key_decorator
from urllib3 import encode_multipart_formdata

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

DISCORD_API_URL = os.environ.get("CONFORMANCE_DISCORD_API_URL", "https://discord.com/api/v10").rstrip("/")
"""Where the bot's REST calls go: the suite's Discord API double when the runner serves one."""
USER_AGENT = f"DiscordBot (https://requests.readthedocs.io, {requests.__version__})"
"""The User-Agent Discord asks every REST call for: the bot's calls are made by requests."""
REST_ATTEMPTS, REST_MAX_WAIT_S, REST_TIMEOUT_S = 3, 10.0, 10.0
"""A call rate limited (429) is retried after its ``Retry-After``, at most this often and this long."""
RATE_LIMITED = 429

CORPUS = corpus_manifest.load_manifest()
"""The commands, components and modals the suite's corpus sends (docs/corpus.md); this library has no registry of
its own, so the handlers below look them up in it."""
CORPUS_COMPONENTS = frozenset(component["custom_id"] for component in CORPUS["components"])
CORPUS_MODALS = frozenset(modal["custom_id"] for modal in CORPUS["modals"])
TEXT_INPUT, LABEL, PARAGRAPH = 4, 18, 2
"""Component types and the text input style: discord-interactions 0.4.0 has no constants for components."""

Json = dict[str, typing.Any]
app = flask.Flask(__name__)


def rest_call(method: str, path: str, body: Json) -> None:
    """Send one REST call with ``body`` as JSON, waiting out a 429's ``Retry-After`` before each retry.

    A failure is printed to standard error (the bot's log) and the call given up.
    """
    for _ in range(REST_ATTEMPTS):
        try:
            response = requests.request(
                method, DISCORD_API_URL + path, json=body, headers={"User-Agent": USER_AGENT}, timeout=REST_TIMEOUT_S
            )
        except requests.RequestException as exc:
            print(f"{method} {path}: {exc}", file=sys.stderr)
            return
        if response.status_code != RATE_LIMITED:
            if not response.ok:
                print(f"{method} {path}: {response.status_code} {response.text[:200]}", file=sys.stderr)
            return
        time.sleep(min(float(response.headers.get("Retry-After", 1)), REST_MAX_WAIT_S))
    print(f"{method} {path}: still rate limited after {REST_ATTEMPTS} attempts", file=sys.stderr)


def after_reply(interaction: Json, work: typing.Callable[[str], None]) -> None:
    """Run ``work`` with the interaction's webhook path in a thread of its own, while the reply goes out."""
    webhook = f"/webhooks/{interaction['application_id']}/{interaction['token']}"
    threading.Thread(target=work, args=(webhook,), daemon=True).start()


def edit_original(webhook: str, content: str, *, delay_s: float = 0.0) -> None:
    """Edit the original response to ``content``, after ``delay_s`` seconds."""
    time.sleep(delay_s)
    rest_call("PATCH", f"{webhook}/messages/@original", {"content": content})


def message(content: str, *, ephemeral: bool = False) -> Json:
    """Return a ``CHANNEL_MESSAGE_WITH_SOURCE`` callback."""
    data: Json = {"content": content}
    if ephemeral:
        data["flags"] = InteractionResponseFlags.EPHEMERAL
    return {"type": InteractionResponseType.CHANNEL_MESSAGE_WITH_SOURCE, "data": data}


def file_reply() -> flask.Response:
    """Return ``/file``'s reply: ``multipart/form-data`` with the callback and one file."""
    callback = message(FILE_CONTENT)
    callback["data"]["attachments"] = [{"id": 0, "filename": FILE_NAME}]
    body, content_type = encode_multipart_formdata(
        [("payload_json", flask.json.dumps(callback)), ("files[0]", (FILE_NAME, FILE_DATA, "text/plain"))]
    )
    return flask.Response(body, content_type=content_type)


def on_command(interaction: Json) -> Json | flask.Response:
    """Answer the profile's commands, and any other command with a short ephemeral message."""
    data = interaction["data"]
    name = data.get("name")
    options = {option.get("name"): option.get("value") for option in data.get("options", [])}
    if name == "echo":
        return message(str(options.get("text", "")))
    if name == "ephemeral":
        return message(EPHEMERAL_CONTENT, ephemeral=True)
    if name == "defer-ephemeral":
        after_reply(interaction, lambda webhook: edit_original(webhook, DEFER_EPHEMERAL_CONTENT))
        return {
            "type": InteractionResponseType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE,
            "data": {"flags": InteractionResponseFlags.EPHEMERAL},
        }
    if name == "feedback":
        text_input = {"type": TEXT_INPUT, "custom_id": FEEDBACK_INPUT, "style": PARAGRAPH, "required": True}
        return {
            "type": InteractionResponseType.MODAL,
            "data": {
                "custom_id": FEEDBACK_MODAL,
                "title": FEEDBACK_TITLE,
                "components": [{"type": LABEL, "label": FEEDBACK_LABEL, "component": text_input}],
            },
        }
    if name == "file":
        return file_reply()
    if name == "rest":
        # Answered through Discord's REST callback first; the HTTP request then gets 202 and no body.
        rest_call("POST", f"/interactions/{interaction['id']}/{interaction['token']}/callback", message(REST_CONTENT))
        return flask.Response(status=202)
    if name == "slow":
        after_reply(interaction, lambda webhook: edit_original(webhook, SLOW_CONTENT, delay_s=SLOW_DELAY_S))
        return {"type": InteractionResponseType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE}
    if name == "followup":
        after_reply(interaction, lambda webhook: rest_call("POST", webhook, {"content": FOLLOWUP_CONTENT}))
        return message(FOLLOWUP_REPLY_CONTENT)
    if corpus_manifest.find_command(CORPUS, data):
        return message(f"/{name} handled by discord-interactions", ephemeral=True)
    return message(f"/{name} is not a command of the conformance bot", ephemeral=True)


def on_component(interaction: Json) -> Json:
    """Answer the profile's buttons, the corpus's components (a deferred update), and say any other is not the bot's."""
    data = interaction["data"]
    custom_id = data.get("custom_id")
    if custom_id == UPDATE_BUTTON:
        return {"type": InteractionResponseType.UPDATE_MESSAGE, "data": {"content": UPDATE_CONTENT}}
    if custom_id == DEFER_UPDATE_BUTTON or custom_id in CORPUS_COMPONENTS:
        return {"type": InteractionResponseType.DEFERRED_UPDATE_MESSAGE}
    return message(f"{custom_id} is not a component of the conformance bot", ephemeral=True)


def on_autocomplete(interaction: Json) -> Json:
    """Offer ``/pick``'s fruits and numbers, or choices of the focused option's type for the corpus's commands."""
    data = interaction["data"]
    focused = next((option for option in data.get("options", []) if option.get("focused")), None)
    if data.get("name") == "pick":
        offered = pick_choices(focused["name"], str(focused.get("value", ""))) if focused else []
    else:
        offered = corpus_manifest.choices(CORPUS, data)
    return {"type": InteractionResponseType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT, "data": {"choices": offered}}


def on_modal(interaction: Json) -> Json:
    """Echo the feedback modal's text (in a Label or an action row), and answer any other modal briefly."""
    data = interaction["data"]
    if data.get("custom_id") == FEEDBACK_MODAL:
        for row in data.get("components", []):
            for component in [row["component"]] if "component" in row else row.get("components", []):
                if component.get("custom_id") == FEEDBACK_INPUT:
                    return message(str(component.get("value", "")))
    if data.get("custom_id") in CORPUS_MODALS:
        return message(f"{data.get('custom_id')} handled by discord-interactions", ephemeral=True)
    return message(f"{data.get('custom_id')} is not a modal of the conformance bot", ephemeral=True)


HANDLERS: dict[int, typing.Callable[[Json], Json | flask.Response]] = {
    InteractionType.APPLICATION_COMMAND: on_command,
    InteractionType.MESSAGE_COMPONENT: on_component,
    InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE: on_autocomplete,
    InteractionType.MODAL_SUBMIT: on_modal,
}


@app.route("/interactions", methods=["POST"])
@verify_key_decorator(os.environ["CONFORMANCE_PUBLIC_KEY"])
def interactions() -> flask.typing.ResponseReturnValue:
    """Answer a verified interaction that is not a PING (the decorator answers those)."""
    interaction = flask.request.json
    data = interaction.get("data") if isinstance(interaction, dict) else None
    kind = interaction.get("type") if isinstance(data, dict) else None
    handler = HANDLERS.get(kind) if isinstance(kind, int) else None
    if handler is None:
        return {"error": "not an interaction of a known type with data"}, 400
    reply = handler(interaction)
    return flask.jsonify(reply) if isinstance(reply, dict) else reply
