"""The conformance bot on discord-interactions 0.4.0 (Discord's Python helper), on Flask, as the library's README shows.

``@verify_key_decorator(public_key)`` on the Flask view verifies the signature
and answers PINGs; the view answers every other interaction with JSON built from
the library's constants (``InteractionType``, ``InteractionResponseType``,
``InteractionResponseFlags``). It answers the commands, components and modals
of the suite's corpus too, looked up in the corpus manifest (``../corpus_manifest.py``),
and an autocomplete of the corpus with a choice of the focused option's type.
The library leaves the reply to the app, so every
reply of the profile can be expressed: ``/file`` is ``multipart/form-data``
(encoded by urllib3), ``/rest`` a 202 with no body.

gunicorn serves ``bot:app`` (settings in ``../gunicorn_settings.py``) on
``CONFORMANCE_HOST``:``CONFORMANCE_PORT``, verifying with ``CONFORMANCE_PUBLIC_KEY``.
"""

import os
import pathlib
import sys
import time
import typing

import flask
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

CORPUS = corpus_manifest.load_manifest()
"""The commands, components and modals the suite's corpus sends (docs/corpus.md); this library has no registry of
its own, so the handlers below look them up in it."""
CORPUS_COMPONENTS = frozenset(component["custom_id"] for component in CORPUS["components"])
CORPUS_MODALS = frozenset(modal["custom_id"] for modal in CORPUS["modals"])
TEXT_INPUT, LABEL, PARAGRAPH = 4, 18, 2
"""Component types and the text input style: discord-interactions 0.4.0 has no constants for components."""

Json = dict[str, typing.Any]
app = flask.Flask(__name__)


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


def on_command(data: Json) -> Json | flask.Response:
    """Answer the profile's commands, and any other command with a short ephemeral message."""
    name = data.get("name")
    options = {option.get("name"): option.get("value") for option in data.get("options", [])}
    if name == "echo":
        return message(str(options.get("text", "")))
    if name == "ephemeral":
        return message(EPHEMERAL_CONTENT, ephemeral=True)
    if name == "defer-ephemeral":
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
        # A real bot would answer through Discord's REST callback; the HTTP request gets 202 and no body.
        return flask.Response(status=202)
    if name == "slow":
        time.sleep(SLOW_DELAY_S)
        return message(SLOW_CONTENT)
    if corpus_manifest.find_command(CORPUS, data):
        return message(f"/{name} handled by discord-interactions", ephemeral=True)
    return message(f"/{name} is not a command of the conformance bot", ephemeral=True)


def on_component(data: Json) -> Json:
    """Answer the profile's buttons, the corpus's components (a deferred update), and say any other is not the bot's."""
    custom_id = data.get("custom_id")
    if custom_id == UPDATE_BUTTON:
        return {"type": InteractionResponseType.UPDATE_MESSAGE, "data": {"content": UPDATE_CONTENT}}
    if custom_id == DEFER_UPDATE_BUTTON or custom_id in CORPUS_COMPONENTS:
        return {"type": InteractionResponseType.DEFERRED_UPDATE_MESSAGE}
    return message(f"{custom_id} is not a component of the conformance bot", ephemeral=True)


def on_autocomplete(data: Json) -> Json:
    """Offer ``/pick``'s fruits and numbers, or choices of the focused option's type for the corpus's commands."""
    focused = next((option for option in data.get("options", []) if option.get("focused")), None)
    if data.get("name") == "pick":
        offered = pick_choices(focused["name"], str(focused.get("value", ""))) if focused else []
    else:
        offered = corpus_manifest.choices(CORPUS, data)
    return {"type": InteractionResponseType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT, "data": {"choices": offered}}


def on_modal(data: Json) -> Json:
    """Echo the feedback modal's text (in a Label or an action row), and answer any other modal briefly."""
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
    reply = handler(data)
    return flask.jsonify(reply) if isinstance(reply, dict) else reply
