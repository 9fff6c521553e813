"""The conformance bot, profile v2: what an endpoint registers for ``--bot``, and what it must answer.

Over HTTP the suite cannot know what an endpoint's listeners answer, unless
they answer something known. The conformance bot is that something: a few
commands, two buttons, an autocomplete and a modal, each with one defined
reply, that any implementation can stand up in a few dozen lines. Against an
endpoint that runs it (``interaction-conformance --url ... --bot``), the cases
of `conformance.cases.bot` check what its replies are.

The names and replies are the constants below; ``manifest.json`` next to this
module holds the same profile as JSON (`load_manifest`; `build_manifest` makes it
from the constants), with the commands as Discord application-command objects
ready for its bulk-overwrite endpoint. ``docs/bot.md`` describes the profile.
"""

from __future__ import annotations

__all__ = (
    "API_VERSION",
    "CHANNELS",
    "DEFER_EPHEMERAL",
    "DEFER_EPHEMERAL_CONTENT",
    "DEFER_UPDATE_BUTTON",
    "ECHO",
    "ECHO_MAX_LENGTH",
    "ECHO_TEXT",
    "EPHEMERAL",
    "EPHEMERAL_CONTENT",
    "EPHEMERAL_FLAG",
    "FEEDBACK",
    "FEEDBACK_INPUT",
    "FEEDBACK_LABEL",
    "FEEDBACK_MODAL",
    "FEEDBACK_TITLE",
    "FILE",
    "FILE_CONTENT",
    "FILE_DATA",
    "FILE_NAME",
    "FOLLOWUP",
    "FOLLOWUP_CONTENT",
    "FOLLOWUP_REPLY_CONTENT",
    "FOLLOW_THROUGH_S",
    "FRUITS",
    "MANIFEST_PATH",
    "MAX_CHOICES",
    "NUMBER_MAX",
    "NUMBER_MIN",
    "PICK",
    "PICK_FRUIT",
    "PICK_NUMBER",
    "PROFILE_VERSION",
    "REST",
    "REST_CONTENT",
    "SLOW",
    "SLOW_CONTENT",
    "SLOW_DELAY_S",
    "UPDATE_BUTTON",
    "UPDATE_CONTENT",
    "build_manifest",
    "fruit_choices",
    "load_manifest",
    "number_choices",
)

import json
import pathlib
import typing

PROFILE_VERSION: typing.Final = 2
"""The version of the profile; a change to any name or reply makes a new one."""

# Commands (CHAT_INPUT) and their options.
ECHO: typing.Final = "echo"
"""``/echo text:<string>``: a message whose content is exactly the text."""
ECHO_TEXT: typing.Final = "text"
"""The string option of ``/echo``."""
ECHO_MAX_LENGTH: typing.Final = 2000
"""The longest text ``/echo`` takes (the option's ``max_length``): a message's content limit."""
EPHEMERAL: typing.Final = "ephemeral"
"""``/ephemeral``: the message `EPHEMERAL_CONTENT` with exactly the flag EPHEMERAL."""
DEFER_EPHEMERAL: typing.Final = "defer-ephemeral"
"""``/defer-ephemeral``: a deferred message (callback 5) flagged EPHEMERAL, then the original edited to
`DEFER_EPHEMERAL_CONTENT` within `FOLLOW_THROUGH_S`."""
PICK: typing.Final = "pick"
"""``/pick fruit:<string> number:<integer>``, both options with autocomplete."""
PICK_FRUIT: typing.Final = "fruit"
"""The string option of ``/pick``; the bot offers `FRUITS`."""
PICK_NUMBER: typing.Final = "number"
"""The integer option of ``/pick``; the bot offers the numbers `NUMBER_MIN` to `NUMBER_MAX`."""
FEEDBACK: typing.Final = "feedback"
"""``/feedback``: the modal `FEEDBACK_MODAL`, whose submission is echoed."""
FILE: typing.Final = "file"
"""``/file``: the message `FILE_CONTENT` with the file `FILE_NAME` attached."""
REST: typing.Final = "rest"
"""``/rest``: the message `REST_CONTENT` sent through Discord's REST callback; the HTTP reply is 202 with no body."""
SLOW: typing.Final = "slow"
"""``/slow``: a deferred message (callback 5) at once, then after `SLOW_DELAY_S` seconds the original edited to
`SLOW_CONTENT`, without delaying other interactions."""
FOLLOWUP: typing.Final = "followup"
"""``/followup``: the message `FOLLOWUP_REPLY_CONTENT`, then one follow-up message `FOLLOWUP_CONTENT`."""

# Components (buttons) and the modal.
UPDATE_BUTTON: typing.Final = "bot:update"
"""A button whose click edits its message to `UPDATE_CONTENT` (callback 7)."""
DEFER_UPDATE_BUTTON: typing.Final = "bot:defer-update"
"""A button whose click defers an edit of its message (callback 6)."""
FEEDBACK_MODAL: typing.Final = "bot:feedback"
"""The custom ID of the modal ``/feedback`` opens, and of its submission."""
FEEDBACK_TITLE: typing.Final = "Feedback"
"""The modal's title (the suite checks only that a title has 1 to 45 characters)."""
FEEDBACK_INPUT: typing.Final = "bot:feedback:text"
"""The custom ID of the modal's one text input, wrapped in a Label (component type 18)."""
FEEDBACK_LABEL: typing.Final = "What do you think of this bot?"
"""The text of the Label around the input (1 to 45 characters)."""

# Replies.
EPHEMERAL_FLAG: typing.Final = 1 << 6
"""Discord's EPHEMERAL message flag."""
EPHEMERAL_CONTENT: typing.Final = "Only you can see this."
"""The content of the reply to ``/ephemeral``."""
UPDATE_CONTENT: typing.Final = "Updated by the conformance bot."
"""The content the ``bot:update`` button edits its message to."""
FILE_CONTENT: typing.Final = "Here is a file from the conformance bot."
"""The content of the reply to ``/file``."""
FILE_NAME: typing.Final = "conformance-bot.txt"
"""The name of the file ``/file`` attaches."""
FILE_DATA: typing.Final = "The conformance bot attached this file. \u2713\n".encode()
"""The bytes of the file ``/file`` attaches: this text in UTF-8."""
SLOW_CONTENT: typing.Final = "Done, after two seconds."
"""The content ``/slow`` edits its deferred response to."""
SLOW_DELAY_S: typing.Final = 2.0
"""How long after its deferral ``/slow`` edits the original response, without blocking anything else."""
DEFER_EPHEMERAL_CONTENT: typing.Final = "Only you can see this, after a deferral."
"""The content ``/defer-ephemeral`` edits its deferred response to."""
FOLLOWUP_REPLY_CONTENT: typing.Final = "First, the reply."
"""The content of the initial response to ``/followup``."""
FOLLOWUP_CONTENT: typing.Final = "Then, a follow-up."
"""The content of the one follow-up message ``/followup`` sends after its initial response."""
REST_CONTENT: typing.Final = "Answered through the REST callback."
"""The content of the message ``/rest`` sends through the callback endpoint."""
FOLLOW_THROUGH_S: typing.Final = 5.0
"""Within how many seconds of the interaction's arrival the bot completes what follows its initial response: the
edit of a deferred response (``/defer-ephemeral``, ``/slow``) and the follow-up message of ``/followup``."""
API_VERSION: typing.Final = 10
"""The Discord API version the bot's REST calls name in their path (``/api/v10/...``)."""

# Autocomplete.
MAX_CHOICES: typing.Final = 25
"""Discord's limit on autocomplete choices."""
FRUITS: typing.Final[tuple[str, ...]] = (
    "Apple",
    "Apricot",
    "Avocado",
    "Banana",
    "Blackberry",
    "Blackcurrant",
    "Blueberry",
    "Cherry",
    "Clementine",
    "Coconut",
    "Cranberry",
    "Date",
    "Dragon fruit",
    "Elderberry",
    "Fig",
    "Gooseberry",
    "Grape",
    "Grapefruit",
    "Guava",
    "Kiwi",
    "Lemon",
    "Lime",
    "Lychee",
    "Mango",
    "Melon",
    "Nectarine",
    "Orange",
    "Papaya",
    "Peach",
    "Pear",
    "Pineapple",
    "Plum",
    "Pomegranate",
    "Raspberry",
    "Strawberry",
    "Watermelon",
)
"""The fruits ``/pick fruit:`` offers: more than 25, so that an empty input needs the limit."""
NUMBER_MIN: typing.Final = 0
"""The smallest number ``/pick number:`` offers (the option's ``min_value``)."""
NUMBER_MAX: typing.Final = 999
"""The largest number ``/pick number:`` offers (the option's ``max_value``)."""

MANIFEST_PATH: typing.Final = pathlib.Path(__file__).with_name("manifest.json")
"""The profile as JSON: the application commands, the components, the modal and the expected replies."""


def fruit_choices(typed: str) -> list[tuple[str, str]]:
    """Return what the bot offers for ``/pick fruit:``: the first 25 fruits whose names start with ``typed``.

    Parameters
    ----------
    typed : str
        What the user has typed so far; compared ignoring case.

    Returns
    -------
    list[tuple[str, str]]
        ``(name, value)`` pairs, the value being the name in lower case.
    """
    prefix = typed.casefold()
    matches = [(fruit, fruit.lower()) for fruit in FRUITS if fruit.casefold().startswith(prefix)]
    return matches[:MAX_CHOICES]


def number_choices(typed: str) -> list[tuple[str, int]]:
    """Return what the bot offers for ``/pick number:``: the first 25 numbers whose decimal form starts with ``typed``.

    Discord sends the focused option's partial input as a string, whatever
    the option's type; input that no number starts with gets no choices.

    Parameters
    ----------
    typed : str
        What the user has typed so far.

    Returns
    -------
    list[tuple[str, int]]
        ``(name, value)`` pairs: the number's decimal form and the number.
    """
    typed = typed.strip()
    numbers = [number for number in range(NUMBER_MIN, NUMBER_MAX + 1) if str(number).startswith(typed)]
    return [(str(number), number) for number in numbers[:MAX_CHOICES]]


def _commands() -> list[dict[str, object]]:
    """Return the bot's commands as Discord application-command objects (bulk-overwrite format)."""

    def command(name: str, description: str, options: list[dict[str, object]] | None = None) -> dict[str, object]:
        entry: dict[str, object] = {"name": name, "type": 1, "description": description}
        if options:
            entry["options"] = options
        return entry

    return [
        command(
            ECHO,
            "Repeats the text exactly.",
            [
                {
                    "type": 3,
                    "name": ECHO_TEXT,
                    "description": "The text to repeat",
                    "required": True,
                    "max_length": ECHO_MAX_LENGTH,
                }
            ],
        ),
        command(EPHEMERAL, "Answers with a message only you can see."),
        command(DEFER_EPHEMERAL, "Defers an answer only you will see."),
        command(
            PICK,
            "Picks a fruit and a number, with autocomplete.",
            [
                {"type": 3, "name": PICK_FRUIT, "description": "A fruit", "required": True, "autocomplete": True},
                {
                    "type": 4,
                    "name": PICK_NUMBER,
                    "description": "A number",
                    "required": True,
                    "autocomplete": True,
                    "min_value": NUMBER_MIN,
                    "max_value": NUMBER_MAX,
                },
            ],
        ),
        command(FEEDBACK, "Opens a feedback form and repeats what you submit."),
        command(FILE, "Answers with a file attached."),
        command(REST, "Answers through Discord's REST callback."),
        command(SLOW, "Defers, then answers after two seconds."),
        command(FOLLOWUP, "Answers, then sends a follow-up message."),
    ]


def _modal() -> dict[str, object]:
    text_input = {"type": 4, "custom_id": FEEDBACK_INPUT, "style": 2, "required": True}
    label = {"type": 18, "label": FEEDBACK_LABEL, "component": text_input}
    return {"custom_id": FEEDBACK_MODAL, "title": FEEDBACK_TITLE, "components": [label]}


def _message(content: str, flags: int = 0) -> dict[str, object]:
    data: dict[str, object] = {"content": content}
    if flags:
        data["flags"] = flags
    return data


def _replies() -> list[dict[str, object]]:
    """Return what the bot answers, interaction by interaction, with the cases that check each answer."""
    command, component, autocomplete, modal = 2, 3, 4, 5
    return [
        {
            "interaction": {"type": command, "command": ECHO},
            "status": 200,
            "callback": {"type": 4, "data": {"content": "{text}"}},
            "notes": "content is exactly the text option, non-ASCII included; no flags",
            "cases": ["reply.callback.bot.echo", "reply.charset.bot.echo-unicode"],
        },
        {
            "interaction": {"type": command, "command": EPHEMERAL},
            "status": 200,
            "callback": {"type": 4, "data": _message(EPHEMERAL_CONTENT, EPHEMERAL_FLAG)},
            "notes": "flags exactly 64 (EPHEMERAL)",
            "cases": ["reply.callback.bot.ephemeral", "reply.flags.bot.ephemeral"],
        },
        {
            "interaction": {"type": command, "command": DEFER_EPHEMERAL},
            "status": 200,
            "callback": {"type": 5, "data": {"flags": EPHEMERAL_FLAG}},
            "then": [_edit_original(DEFER_EPHEMERAL_CONTENT)],
            "notes": f"the deferral at once, then the edit within {FOLLOW_THROUGH_S:g}s of the interaction",
            "cases": [
                "reply.callback.bot.deferred-ephemeral",
                "reply.flags.bot.deferred-ephemeral",
                "rest.deferral-completed.bot.defer-ephemeral",
            ],
        },
        {
            "interaction": {"type": autocomplete, "command": PICK, "focused": PICK_FRUIT},
            "status": 200,
            "callback": {"type": 8, "data": {"choices": "1 to 25"}},
            "notes": "each choice's name (1 to 100 characters) starts with the typed text, ignoring case; each "
            "value is a string of at most 100 characters. The bot offers the fruits of 'autocomplete'.",
            "cases": ["reply.callback.bot.autocomplete-string", "reply.autocomplete.bot.pick-string"],
        },
        {
            "interaction": {"type": autocomplete, "command": PICK, "focused": PICK_NUMBER},
            "status": 200,
            "callback": {"type": 8, "data": {"choices": "1 to 25"}},
            "notes": "each choice's name (1 to 100 characters) starts with the typed text; each value is an "
            "integer. The bot offers the numbers of 'autocomplete' whose decimal form starts with the typed text.",
            "cases": ["reply.callback.bot.autocomplete-integer", "reply.autocomplete.bot.pick-integer"],
        },
        {
            "interaction": {"type": command, "command": FEEDBACK},
            "status": 200,
            "callback": {"type": 9, "data": _modal()},
            "notes": "custom_id and the input's custom_id exactly; any title of 1 to 45 characters; one Label "
            "(type 18) wrapping one text input (type 4); the deprecated action row (type 1) holding the input "
            "also passes reply.callback, and fails only reply.modal-label (SHOULD)",
            "cases": ["reply.callback.bot.modal", "reply.modal.bot.feedback", "reply.modal-label.bot.feedback"],
        },
        {
            "interaction": {"type": modal, "custom_id": FEEDBACK_MODAL},
            "status": 200,
            "callback": {"type": 4, "data": {"content": "{" + FEEDBACK_INPUT + "}"}},
            "notes": "content is exactly the submitted text of the input",
            "cases": ["reply.callback.bot.modal-submit"],
        },
        {
            "interaction": {"type": command, "command": FILE},
            "status": 200,
            "content_type": "multipart/form-data",
            "callback": {
                "type": 4,
                "data": {"content": FILE_CONTENT, "attachments": [{"id": 0, "filename": FILE_NAME}]},
            },
            "files": [{"part": "files[0]", "filename": FILE_NAME, "content": FILE_DATA.decode()}],
            "notes": "a payload_json part holding the callback, and a files[0] part with the file",
            "cases": ["reply.files.bot.file"],
        },
        {
            "interaction": {"type": command, "command": REST},
            "status": 202,
            "channels": [_REST_CHANNEL],
            "callback": {"type": 4, "data": _message(REST_CONTENT)},
            "notes": "the callback only through the callback endpoint; the HTTP reply has no body: any 2xx without "
            "a body passes reply.none, only 202 passes reply.none-202",
            "cases": ["reply.none.bot.rest", "reply.none-202.bot.rest", "reply.callback.bot.rest"],
        },
        {
            "interaction": {"type": command, "command": SLOW},
            "status": 200,
            "callback": {"type": 5},
            "then": [{**_edit_original(SLOW_CONTENT), "after_s": SLOW_DELAY_S}],
            "notes": f"the deferral at once, then the edit {SLOW_DELAY_S:g}s later, without blocking: other "
            f"interactions are answered meanwhile; the edit within {FOLLOW_THROUGH_S:g}s of the interaction",
            "cases": [
                "concurrency.independent.bot.slow",
                "concurrency.prompt.bot.slow",
                "rest.deferral-completed.bot.slow",
            ],
        },
        {
            "interaction": {"type": command, "command": FOLLOWUP},
            "status": 200,
            "callback": {"type": 4, "data": _message(FOLLOWUP_REPLY_CONTENT)},
            "then": [
                {
                    "request": "POST /webhooks/{application_id}/{token}",
                    "body": _message(FOLLOWUP_CONTENT),
                    "within_s": FOLLOW_THROUGH_S,
                }
            ],
            "notes": "the reply, then exactly one follow-up message, sent after the initial response",
            "cases": ["reply.callback.bot.followup"],
        },
        {
            "interaction": {"type": component, "custom_id": UPDATE_BUTTON},
            "status": 200,
            "callback": {"type": 7, "data": _message(UPDATE_CONTENT)},
            "cases": ["reply.callback.bot.update"],
        },
        {
            "interaction": {"type": component, "custom_id": DEFER_UPDATE_BUTTON},
            "status": 200,
            "callback": {"type": 6},
            "cases": ["reply.callback.bot.deferred-update"],
        },
    ]


_HTTP_CHANNEL: typing.Final = "http"
_REST_CHANNEL: typing.Final = "rest"
CHANNELS: typing.Final[typing.Mapping[str, str]] = {
    _HTTP_CHANNEL: "the callback is the body of the HTTP reply, with the status the reply names",
    _REST_CHANNEL: "the callback is the body of POST /interactions/{id}/{token}/callback (JSON, or multipart with "
    "payload_json and files[n]) to the Discord API's base URL; the HTTP reply is then 202 with no body",
}
"""Where the initial response to an interaction may come: every reply takes either, unless it names its channels."""


def _edit_original(content: str) -> dict[str, object]:
    return {
        "request": "PATCH /webhooks/{application_id}/{token}/messages/@original",
        "body": _message(content),
        "within_s": FOLLOW_THROUGH_S,
    }


def build_manifest() -> dict[str, object]:
    """Return the profile as the JSON-ready object ``manifest.json`` holds, made from this module's constants."""
    buttons = [
        {"type": 2, "style": 1, "label": "Update", "custom_id": UPDATE_BUTTON},
        {"type": 2, "style": 2, "label": "Defer update", "custom_id": DEFER_UPDATE_BUTTON},
    ]
    return {
        "profile": "interaction-conformance bot",
        "version": PROFILE_VERSION,
        "commands": _commands(),
        "components": [{"type": 1, "components": buttons}],
        "modal": _modal(),
        "autocomplete": {PICK_FRUIT: list(FRUITS), PICK_NUMBER: {"min": NUMBER_MIN, "max": NUMBER_MAX}},
        "channels": dict(CHANNELS),
        "discord_api": {
            "base_url": f"http://HOST:PORT/api/v{API_VERSION}",
            "user_agent": "DiscordBot ($url, $versionNumber)",
        },
        "replies": [{"channels": [_HTTP_CHANNEL, _REST_CHANNEL], **reply} for reply in _replies()],
    }


def load_manifest() -> dict[str, object]:
    """Return the contents of ``manifest.json``.

    Raises
    ------
    TypeError
        If the file does not hold a JSON object.
    """
    loaded: object = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    if not isinstance(loaded, dict):
        raise TypeError(f"{MANIFEST_PATH} does not hold a JSON object")
    return typing.cast("dict[str, object]", loaded)
