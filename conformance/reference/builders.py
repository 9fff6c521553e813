"""The reference implementation's reply builders.

Each builder checks Discord's limits when it is made, so that an invalid reply
fails in the listener that makes it rather than at Discord.
"""

from __future__ import annotations

__all__ = ("AutocompleteBuilder", "DeferredBuilder", "MessageBuilder", "ModalBuilder", "TextInput")

import typing

import interaction_spec
from interaction_spec import CallbackType

MAX_CONTENT_LENGTH: typing.Final = 2000
MAX_CHOICES: typing.Final = 25
MAX_CHOICE_NAME: typing.Final = 100
MAX_MODAL_TITLE: typing.Final = 45
MAX_CUSTOM_ID: typing.Final = 100
MAX_MODAL_INPUTS: typing.Final = 5
MAX_LABEL: typing.Final = 45
EPHEMERAL: typing.Final = 1 << 6


def _check_length(what: str, value: str, low: int, high: int) -> None:
    if not low <= len(value) <= high:
        raise ValueError(f"{what} must be {low} to {high} characters long, not {len(value)}")


class MessageBuilder(interaction_spec.InteractionMessageBuilder):
    """A message reply, sent as a new message or as an edit of the component's message.

    Parameters
    ----------
    content : str | None
        The message text, at most 2000 characters.

    Other Parameters
    ----------------
    update : bool
        Edit the message the component is on (``UPDATE_MESSAGE``) instead of
        sending a new one (``CHANNEL_MESSAGE_WITH_SOURCE``).
    ephemeral : bool
        Show the message only to the invoking user.
    files : typing.Sequence[interaction_spec.ResponseFile]
        At most 10 files to attach.
    """

    __slots__ = ("_content", "_files", "_flags", "_type")

    def __init__(
        self,
        content: str | None = None,
        *,
        update: bool = False,
        ephemeral: bool = False,
        files: typing.Sequence[interaction_spec.ResponseFile] = (),
    ) -> None:
        if content is not None and len(content) > MAX_CONTENT_LENGTH:
            raise ValueError(f"message content must be at most {MAX_CONTENT_LENGTH} characters, not {len(content)}")
        if len(files) > interaction_spec.MAX_RESPONSE_FILES:
            raise ValueError(f"a reply carries at most {interaction_spec.MAX_RESPONSE_FILES} files, not {len(files)}")
        self._type = CallbackType.UPDATE_MESSAGE if update else CallbackType.CHANNEL_MESSAGE_WITH_SOURCE
        self._content = content
        self._flags = EPHEMERAL if ephemeral else 0
        self._files = tuple(files)

    @property
    def type(self) -> int:
        """``UPDATE_MESSAGE`` (7) or ``CHANNEL_MESSAGE_WITH_SOURCE`` (4)."""
        return self._type

    def build(self) -> tuple[typing.Mapping[str, object], typing.Sequence[interaction_spec.ResponseFile]]:
        """Build the callback object and its files."""
        data: dict[str, object] = {}
        if self._content is not None:
            data["content"] = self._content
        if self._flags:
            data["flags"] = self._flags
        if self._files:
            data["attachments"] = [{"id": index, "filename": file.filename} for index, file in enumerate(self._files)]
        return {"type": self._type, "data": data}, self._files


class DeferredBuilder(interaction_spec.InteractionDeferredBuilder):
    """Acknowledge now and answer later through Discord's REST API.

    Other Parameters
    ----------------
    update : bool
        Acknowledge a component by deferring an edit of its message
        (``DEFERRED_UPDATE_MESSAGE``) instead of a new message
        (``DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE``).
    ephemeral : bool
        Make the message sent later visible only to the invoking user.
    """

    __slots__ = ("_flags", "_type")

    def __init__(self, *, update: bool = False, ephemeral: bool = False) -> None:
        if update and ephemeral:
            raise ValueError("a deferred message update cannot be ephemeral")
        self._type = (
            CallbackType.DEFERRED_UPDATE_MESSAGE if update else CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
        )
        self._flags = EPHEMERAL if ephemeral else 0

    @property
    def type(self) -> int:
        """``DEFERRED_UPDATE_MESSAGE`` (6) or ``DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE`` (5)."""
        return self._type

    def build(self) -> tuple[typing.Mapping[str, object], typing.Sequence[interaction_spec.ResponseFile]]:
        """Build the callback object; a deferral carries no files."""
        if self._flags:
            return {"type": self._type, "data": {"flags": self._flags}}, ()
        return {"type": self._type}, ()


class AutocompleteBuilder(interaction_spec.InteractionAutocompleteBuilder):
    """Autocomplete choices.

    Parameters
    ----------
    choices : typing.Sequence[tuple[str, str | int | float]]
        At most 25 ``(name, value)`` pairs; each name 1 to 100 characters.
    """

    __slots__ = ("_choices",)

    def __init__(self, choices: typing.Sequence[tuple[str, str | int | float]]) -> None:
        if len(choices) > MAX_CHOICES:
            raise ValueError(f"autocomplete offers at most {MAX_CHOICES} choices, not {len(choices)}")
        for name, _ in choices:
            _check_length("a choice name", name, 1, MAX_CHOICE_NAME)
        self._choices = tuple(choices)

    @property
    def type(self) -> int:
        """``APPLICATION_COMMAND_AUTOCOMPLETE_RESULT`` (8)."""
        return CallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT

    def build(self) -> tuple[typing.Mapping[str, object], typing.Sequence[interaction_spec.ResponseFile]]:
        """Build the callback object."""
        choices = [{"name": name, "value": value} for name, value in self._choices]
        return {"type": CallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT, "data": {"choices": choices}}, ()


class TextInput(typing.NamedTuple):
    """A text input of a modal."""

    custom_id: str
    """ID the submitted value comes back under, 1 to 100 characters."""
    label: str
    """Label shown above the input."""
    paragraph: bool = False
    """A multi-line input instead of a single line."""
    required: bool = True
    """Whether the modal can be submitted with the input empty."""


class ModalBuilder(interaction_spec.InteractionModalBuilder):
    """A modal with text inputs, each wrapped in a Label (component type 18) that carries its label.

    The Label layout is the one Discord recommends; the older layout, an action
    row holding a text input with a ``label`` of its own, is deprecated.

    Parameters
    ----------
    title : str
        The modal's title, 1 to 45 characters.
    custom_id : str
        ID the submission comes back with, 1 to 100 characters.
    inputs : typing.Sequence[TextInput]
        One to five text inputs, each with a label of 1 to 45 characters.
    """

    __slots__ = ("_custom_id", "_inputs", "_title")

    def __init__(self, title: str, custom_id: str, inputs: typing.Sequence[TextInput]) -> None:
        _check_length("a modal title", title, 1, MAX_MODAL_TITLE)
        _check_length("a modal custom_id", custom_id, 1, MAX_CUSTOM_ID)
        if not 1 <= len(inputs) <= MAX_MODAL_INPUTS:
            raise ValueError(f"a modal holds 1 to {MAX_MODAL_INPUTS} inputs, not {len(inputs)}")
        for text_input in inputs:
            _check_length("a text input custom_id", text_input.custom_id, 1, MAX_CUSTOM_ID)
            _check_length("a label", text_input.label, 1, MAX_LABEL)
        self._title = title
        self._custom_id = custom_id
        self._inputs = tuple(inputs)

    @property
    def type(self) -> int:
        """``MODAL`` (9)."""
        return CallbackType.MODAL

    def build(self) -> tuple[typing.Mapping[str, object], typing.Sequence[interaction_spec.ResponseFile]]:
        """Build the callback object: each input in a Label of its own."""
        labels = [
            {
                "type": 18,
                "label": text_input.label,
                "component": {
                    "type": 4,
                    "custom_id": text_input.custom_id,
                    "style": 2 if text_input.paragraph else 1,
                    "required": text_input.required,
                },
            }
            for text_input in self._inputs
        ]
        data = {"title": self._title, "custom_id": self._custom_id, "components": labels}
        return {"type": CallbackType.MODAL, "data": data}, ()
