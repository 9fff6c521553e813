"""The conformance bot on discord-interactions 0.4.0 (Discord's Python helper), on Flask, as the library's README shows.

``@verify_key_decorator(public_key)`` on the Flask view verifies the signature
and answers PINGs; the view answers every other interaction with JSON built from
the library's constants (``InteractionType``, ``InteractionResponseType``,
``InteractionResponseFlags``). The library leaves the reply to the app, so every
reply of the profile can be expressed: ``/file`` is ``multipart/form-data``
(encoded by urllib3), ``/rest`` a 202 with no body.

gunicorn serves ``bot:app`` (settings in ``../gunicorn_settings.py``) on
``CONFORMANCE_HOST``:``CONFORMANCE_PORT``, verifying with ``CONFORMANCE_PUBLIC_KEY``.
"""

import os
import time
import typing

import flask
from discord_interactions import InteractionResponseFlags
from discord_interactions import InteractionResponseType
from discord_interactions import InteractionType
from discord_interactions import verify_key_decorator
from urllib3 import encode_multipart_formdata

# The conformance bot's profile (conformance/bot/__init__.py, docs/bot.md), restated: this process runs in its own
# environment, without the suite installed.
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


def choices(option: str, typed: str) -> list[Json]:
    """Return the profile's choices for ``/pick``'s option ``option`` after ``typed`` was typed."""
    if option == "fruit":
        fruits = [fruit for fruit in FRUITS if fruit.casefold().startswith(typed.casefold())][:MAX_CHOICES]
        return [{"name": fruit, "value": fruit.lower()} for fruit in fruits]
    if option == "number":
        numbers = [n for n in range(NUMBER_MIN, NUMBER_MAX + 1) if str(n).startswith(typed.strip())][:MAX_CHOICES]
        return [{"name": str(n), "value": n} for n in numbers]
    return []


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
    return message(f"/{name} handled by discord-interactions", ephemeral=True)


def on_component(data: Json) -> Json:
    """Answer the profile's buttons, and any other component by deferring an update of its message."""
    if data.get("custom_id") == UPDATE_BUTTON:
        return {"type": InteractionResponseType.UPDATE_MESSAGE, "data": {"content": UPDATE_CONTENT}}
    return {"type": InteractionResponseType.DEFERRED_UPDATE_MESSAGE}


def on_autocomplete(data: Json) -> Json:
    """Offer the profile's fruits and numbers for ``/pick``, and nothing for any other command."""
    focused = next((option for option in data.get("options", []) if option.get("focused")), None)
    offered = choices(focused["name"], str(focused.get("value", ""))) if data.get("name") == "pick" and focused else []
    return {"type": InteractionResponseType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT, "data": {"choices": offered}}


def on_modal(data: Json) -> Json:
    """Echo the feedback modal's text (in a Label or an action row), and answer any other modal briefly."""
    if data.get("custom_id") == FEEDBACK_MODAL:
        for row in data.get("components", []):
            for component in [row["component"]] if "component" in row else row.get("components", []):
                if component.get("custom_id") == FEEDBACK_INPUT:
                    return message(str(component.get("value", "")))
    return message(f"{data.get('custom_id')} handled by discord-interactions", ephemeral=True)


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
