"""The message objects the Discord API double answers with: those a REST call creates, edits or gets.

Only the fields an interaction's messages always have are filled in, from what
the interaction and the request carried: enough for a library to read the
answer as a message (``developers/resources/message.mdx``), nothing more.
"""

from __future__ import annotations

__all__ = ("ORIGINAL", "MessageFactory", "callback_response", "initial_message")

import datetime
import itertools
import threading
import typing

if typing.TYPE_CHECKING:
    from conformance.double.records import InteractionRecord

ORIGINAL: typing.Final = "@original"
"""The message ID that names an interaction's initial response."""
_MESSAGE_CALLBACKS: typing.Final = frozenset({4, 5})
_UPDATE_CALLBACKS: typing.Final = frozenset({6, 7})
_MESSAGE_FIELDS: typing.Final = ("content", "embeds", "components", "flags", "attachments", "poll", "tts")
_CHAT_INPUT_COMMAND: typing.Final = 20
_DEFAULT: typing.Final = 0
_APPLICATION_COMMAND: typing.Final = 2
_EPHEMERAL: typing.Final = 1 << 6
_LOADING: typing.Final = 1 << 7
_FIRST_SNOWFLAKE: typing.Final = 1_300_000_000_000_000_000


def _timestamp() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat()


class MessageFactory:
    """Makes message objects with IDs unique to the double."""

    __slots__ = ("_ids", "_lock")

    def __init__(self) -> None:
        self._ids = itertools.count(_FIRST_SNOWFLAKE)
        self._lock = threading.Lock()

    def next_id(self) -> str:
        """Return a fresh message ID (a snowflake as a string)."""
        with self._lock:
            return str(next(self._ids))

    def create(
        self, interaction: typing.Mapping[str, object], data: typing.Mapping[str, object], *, loading: bool = False
    ) -> dict[str, object]:
        """Return the message an interaction's response or follow-up creates from the message ``data`` sent."""
        application_id = str(interaction.get("application_id", ""))
        channel = interaction.get("channel")
        channel_id = interaction.get("channel_id") or (
            typing.cast("typing.Mapping[str, object]", channel).get("id") if isinstance(channel, dict) else None
        )
        message: dict[str, object] = {
            "id": self.next_id(),
            "type": _CHAT_INPUT_COMMAND if interaction.get("type") == _APPLICATION_COMMAND else _DEFAULT,
            "channel_id": str(channel_id or "0"),
            "application_id": application_id,
            "webhook_id": application_id,
            "author": {
                "id": application_id,
                "username": "conformance",
                "discriminator": "0000",
                "global_name": None,
                "avatar": None,
                "bot": True,
                "public_flags": 0,
            },
            "content": "",
            "embeds": [],
            "components": [],
            "attachments": [],
            "mentions": [],
            "mention_roles": [],
            "mention_everyone": False,
            "pinned": False,
            "tts": False,
            "timestamp": _timestamp(),
            "edited_timestamp": None,
            "flags": _LOADING if loading else 0,
        }
        return self.edit(message, data, edited=False)

    @staticmethod
    def edit(
        message: dict[str, object], data: typing.Mapping[str, object], *, edited: bool = True
    ) -> dict[str, object]:
        """Apply the message fields of ``data`` to ``message``; return it."""
        for field in _MESSAGE_FIELDS:
            if field in data and data[field] is not None:
                message[field] = data[field]
        if "attachments" in data:
            attachments = data["attachments"]
            entries = typing.cast("list[object]", attachments) if isinstance(attachments, list) else []
            message["attachments"] = [
                _attachment(typing.cast("dict[str, object]", entry)) for entry in entries if isinstance(entry, dict)
            ]
        if edited:
            message["edited_timestamp"] = _timestamp()
            flags = message.get("flags")
            if isinstance(flags, int):
                message["flags"] = flags & ~_LOADING
        return message


def _attachment(entry: dict[str, object]) -> dict[str, object]:
    filename = str(entry.get("filename", "file"))
    return {"id": str(entry.get("id", "0")), "filename": filename, "size": 0, "url": "", "proxy_url": ""}


def callback_response(
    interaction: typing.Mapping[str, object], callback_type: int, message: dict[str, object] | None
) -> dict[str, object]:
    """Return the interaction callback response ``with_response=true`` asks for."""
    about: dict[str, object] = {"id": str(interaction.get("id", "")), "type": interaction.get("type")}
    resource: dict[str, object] = {"type": callback_type}
    if message is not None:
        flags = message.get("flags")
        bits = flags if isinstance(flags, int) else 0
        about["response_message_id"] = message["id"]
        about["response_message_loading"] = bool(bits & _LOADING)
        about["response_message_ephemeral"] = bool(bits & _EPHEMERAL)
        resource["message"] = message
    return {"interaction": about, "resource": resource}


def initial_message(
    factory: MessageFactory, record: InteractionRecord, callback_type: int, data: typing.Mapping[str, object]
) -> dict[str, object] | None:
    """Make and keep the message an initial response of ``callback_type`` creates or edits; `None` for none."""
    if callback_type in _MESSAGE_CALLBACKS:
        message = factory.create(record.payload, data, loading=callback_type == 5)
    elif callback_type in _UPDATE_CALLBACKS and isinstance(record.payload.get("message"), dict):
        original = dict(typing.cast("dict[str, object]", record.payload["message"]))
        message = factory.edit(original, data) if callback_type == 7 else original
    else:
        return None
    record.messages[ORIGINAL] = message
    return message
