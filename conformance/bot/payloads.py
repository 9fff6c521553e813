"""The interactions the bot cases send: the corpus's default payloads with the bot's ``data``.

Each payload is `conformance.payloads.default_sample` of its kind, copied, with
``data`` replaced by the bot's command, component or modal, and a fresh
interaction ID and token, so that no two interactions the suite sends look like
a redelivery of one another (the slow case sends two at once).
"""

from __future__ import annotations

__all__ = (
    "ECHO_TEXT",
    "ECHO_UNICODE_TEXT",
    "FEEDBACK_TEXT",
    "autocomplete",
    "button",
    "command",
    "feedback_submit",
)

import base64
import hashlib
import typing

from conformance import bot
from conformance import payloads
from interaction_spec import InteractionType

ECHO_TEXT: typing.Final = "Hello from the conformance suite, bot!"
"""The ASCII text ``/echo`` is sent with."""
ECHO_UNICODE_TEXT: typing.Final = 'naïve café ✓ 日本語 🎉 — \u2028 "quoted" \\ back'
"""Text that a reply must carry intact: accents, CJK, an emoji beyond the BMP, U+2028, a quote and a backslash."""
FEEDBACK_TEXT: typing.Final = "Works well.\nMerci — ✓ 🎉"
"""The text submitted in the feedback modal: two lines and non-ASCII."""

_DISCORD_EPOCH_MS: typing.Final = 1_420_070_400_000
_FIRST_MS: typing.Final = 1_748_962_800_000
"""2025-06-03T15:00:00Z, shortly after the corpus's interactions; each payload is one second later than the last."""
_COMMAND_IDS: typing.Final = {
    name: str((_FIRST_MS - 86_400_000 - _DISCORD_EPOCH_MS + index) << 22)
    for index, name in enumerate(
        (
            bot.ECHO,
            bot.EPHEMERAL,
            bot.DEFER_EPHEMERAL,
            bot.PICK,
            bot.FEEDBACK,
            bot.FILE,
            bot.REST,
            bot.SLOW,
            bot.FOLLOWUP,
        )
    )
}
"""The IDs Discord gave the bot's commands, a day before: fixed, like every ID of the corpus."""


def _snowflake(serial: int) -> str:
    return str((_FIRST_MS + 1000 * serial - _DISCORD_EPOCH_MS) << 22)


def _identity(payload: dict[str, object], name: str) -> None:
    """Give the payload an interaction ID and token of its own, made from its name."""
    serial = int.from_bytes(hashlib.sha256(name.encode()).digest()[:3], "big")
    interaction_id = _snowflake(serial)
    secret = base64.b64encode(hashlib.sha512(name.encode()).digest(), b"-_").decode().rstrip("=")
    token = base64.urlsafe_b64encode(f"interaction:{interaction_id}:{secret}".encode()).decode().rstrip("=")
    payload["id"] = interaction_id
    payload["token"] = token


def _sample(name: str, kind: InteractionType, data: dict[str, object], **fields: object) -> payloads.Sample:
    payload = payloads.default_sample(kind).copy()
    payload["data"] = data
    payload.update(fields)
    _identity(payload, name)
    expected: dict[str, object] = {
        "id": int(typing.cast("str", payload["id"])),
        "application_id": int(typing.cast("str", payload["application_id"])),
        "type": kind,
        "token": payload["token"],
        "version": 1,
    }
    return payloads.Sample(f"bot.{name}", kind, payload, expected)


def command(name: str, options: typing.Sequence[typing.Mapping[str, object]] = (), *, tag: str = "") -> payloads.Sample:
    """Return the invocation of one of the bot's commands, in a guild.

    Parameters
    ----------
    name : str
        The command's name, such as `conformance.bot.ECHO`.
    options : typing.Sequence[typing.Mapping[str, object]]
        The options, as Discord sends them (``name``, ``type``, ``value``).

    Other Parameters
    ----------------
    tag : str
        Tells apart invocations of the same command, so each gets an ID of its own.

    Returns
    -------
    conformance.payloads.Sample
        The interaction, named ``bot.<name>`` (``bot.<name>.<tag>`` with a tag).
    """
    data: dict[str, object] = {"id": _COMMAND_IDS[name], "name": name, "type": 1}
    if options:
        data["options"] = [dict(option) for option in options]
    return _sample(f"{name}{'.' + tag if tag else ''}", InteractionType.APPLICATION_COMMAND, data)


def autocomplete(focused: str, typed: str) -> payloads.Sample:
    """Return an autocomplete interaction of ``/pick``, focused on the option ``focused`` with ``typed`` typed.

    Discord sends the focused option's partial input as a string, even for
    the integer option; focused on ``number``, the ``fruit`` is already chosen.

    Parameters
    ----------
    focused : str
        `conformance.bot.PICK_FRUIT` or `conformance.bot.PICK_NUMBER`.
    typed : str
        What the user has typed so far.

    Returns
    -------
    conformance.payloads.Sample
        The interaction.
    """
    focused_type = 3 if focused == bot.PICK_FRUIT else 4
    options: list[dict[str, object]] = []
    if focused == bot.PICK_NUMBER:
        options.append({"name": bot.PICK_FRUIT, "type": 3, "value": "banana"})
    options.append({"focused": True, "name": focused, "type": focused_type, "value": typed})
    data: dict[str, object] = {"id": _COMMAND_IDS[bot.PICK], "name": bot.PICK, "options": options, "type": 1}
    return _sample(f"{bot.PICK}.{focused}.{typed!r}", InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE, data)


def _numbered(components: list[object]) -> list[object]:
    """Return the bot's components as Discord sends them back on its message: each with an ``id``, in order.

    Discord numbers the components of a message it stores when the app gave
    them no ``id`` ("generated sequentially if left empty").
    """
    counter = iter(range(1, 1 << 16))

    def number(component: object) -> object:
        if not isinstance(component, dict):
            return component
        fields = typing.cast("dict[str, object]", component)
        numbered: dict[str, object] = {**fields, "id": next(counter)}
        children = fields.get("components")
        if isinstance(children, list):
            numbered["components"] = [number(child) for child in typing.cast("list[object]", children)]
        return numbered

    return [number(component) for component in components]


def button(custom_id: str) -> payloads.Sample:
    """Return a click on one of the bot's buttons, sitting on a message the bot sent.

    Parameters
    ----------
    custom_id : str
        `conformance.bot.UPDATE_BUTTON` or `conformance.bot.DEFER_UPDATE_BUTTON`.

    Returns
    -------
    conformance.payloads.Sample
        The interaction.
    """
    kind = InteractionType.MESSAGE_COMPONENT
    message = typing.cast("dict[str, object]", payloads.default_sample(kind).copy()["message"])
    message["components"] = _numbered(typing.cast("list[object]", bot.build_manifest()["components"]))
    message["content"] = "Buttons of the conformance bot"
    data: dict[str, object] = {"component_type": 2, "custom_id": custom_id}
    return _sample(custom_id, kind, data, message=message)


def feedback_submit(text: str, *, action_row: bool = False) -> payloads.Sample:
    """Return the submission of the feedback modal, the text input holding ``text``.

    Parameters
    ----------
    text : str
        What the user typed into the input.

    Other Parameters
    ----------------
    action_row : bool
        Submit the input in an action row, as Discord does for a modal that
        used the deprecated layout, instead of in a Label.

    Returns
    -------
    conformance.payloads.Sample
        The interaction.
    """
    text_input = {"custom_id": bot.FEEDBACK_INPUT, "id": 2, "type": 4, "value": text}
    holder = (
        {"components": [text_input], "id": 1, "type": 1}
        if action_row
        else {"component": text_input, "id": 1, "type": 18}
    )
    data: dict[str, object] = {"components": [holder], "custom_id": bot.FEEDBACK_MODAL}
    return _sample(f"{bot.FEEDBACK_MODAL}.submit", InteractionType.MODAL_SUBMIT, data)
