"""The conformance bot's profile (``conformance/bot/__init__.py``, docs/bot.md) as the Python drivers restate it.

A driver runs in its own environment, without the suite installed, and imports this file by its folder
(``sys.path``); only the standard library.
"""

from __future__ import annotations

__all__ = (
    "DEFER_EPHEMERAL_CONTENT",
    "DEFER_UPDATE_BUTTON",
    "ECHO_MAX_LENGTH",
    "EPHEMERAL_CONTENT",
    "FEEDBACK_INPUT",
    "FEEDBACK_LABEL",
    "FEEDBACK_MODAL",
    "FEEDBACK_TITLE",
    "FILE_CONTENT",
    "FILE_DATA",
    "FILE_NAME",
    "FOLLOWUP_CONTENT",
    "FOLLOWUP_REPLY_CONTENT",
    "FRUITS",
    "MAX_CHOICES",
    "NUMBER_MAX",
    "NUMBER_MIN",
    "REST_CONTENT",
    "SLOW_CONTENT",
    "SLOW_DELAY_S",
    "UPDATE_BUTTON",
    "UPDATE_CONTENT",
    "pick_choices",
)

import typing

ECHO_MAX_LENGTH: typing.Final = 2000
EPHEMERAL_CONTENT: typing.Final = "Only you can see this."
UPDATE_BUTTON: typing.Final = "bot:update"
DEFER_UPDATE_BUTTON: typing.Final = "bot:defer-update"
UPDATE_CONTENT: typing.Final = "Updated by the conformance bot."
FEEDBACK_MODAL: typing.Final = "bot:feedback"
FEEDBACK_TITLE: typing.Final = "Feedback"
FEEDBACK_INPUT: typing.Final = "bot:feedback:text"
FEEDBACK_LABEL: typing.Final = "What do you think of this bot?"
FILE_CONTENT: typing.Final = "Here is a file from the conformance bot."
FILE_NAME: typing.Final = "conformance-bot.txt"
FILE_DATA: typing.Final = "The conformance bot attached this file. \u2713\n".encode()
SLOW_CONTENT: typing.Final = "Done, after two seconds."
SLOW_DELAY_S: typing.Final = 2.0
DEFER_EPHEMERAL_CONTENT: typing.Final = "Only you can see this, after a deferral."
FOLLOWUP_REPLY_CONTENT: typing.Final = "First, the reply."
FOLLOWUP_CONTENT: typing.Final = "Then, a follow-up."
REST_CONTENT: typing.Final = "Answered through the REST callback."
MAX_CHOICES: typing.Final = 25
NUMBER_MIN: typing.Final = 0
NUMBER_MAX: typing.Final = 999
FRUITS: typing.Final = (
    *("Apple", "Apricot", "Avocado", "Banana", "Blackberry", "Blackcurrant", "Blueberry", "Cherry", "Clementine"),
    *("Coconut", "Cranberry", "Date", "Dragon fruit", "Elderberry", "Fig", "Gooseberry", "Grape", "Grapefruit"),
    *("Guava", "Kiwi", "Lemon", "Lime", "Lychee", "Mango", "Melon", "Nectarine", "Orange", "Papaya", "Peach"),
    *("Pear", "Pineapple", "Plum", "Pomegranate", "Raspberry", "Strawberry", "Watermelon"),
)


def pick_choices(option: str, typed: str) -> list[dict[str, str | int]]:
    """Return the profile's choices for ``/pick``'s option ``option`` after ``typed`` was typed.

    The fruits, or the numbers, that start with it (case ignored), at most `MAX_CHOICES`; none for another option.
    """
    if option == "fruit":
        fruits = [fruit for fruit in FRUITS if fruit.casefold().startswith(typed.casefold())][:MAX_CHOICES]
        return [{"name": fruit, "value": fruit.lower()} for fruit in fruits]
    if option == "number":
        numbers = [n for n in range(NUMBER_MIN, NUMBER_MAX + 1) if str(n).startswith(typed.strip())][:MAX_CHOICES]
        return [{"name": str(n), "value": n} for n in numbers]
    return []
