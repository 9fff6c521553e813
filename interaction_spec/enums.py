"""Discord's interaction and interaction-callback type values."""

from __future__ import annotations

__all__ = ("VALID_CALLBACK_TYPES", "CallbackType", "InteractionType")

import enum
import typing


class InteractionType(enum.IntEnum):
    """The ``type`` of an interaction Discord sends to the endpoint."""

    PING = 1
    """Discord checking that the endpoint is alive; answered with `CallbackType.PONG`."""
    APPLICATION_COMMAND = 2
    """A slash, user or message command was invoked."""
    MESSAGE_COMPONENT = 3
    """A button or select menu on a message was used."""
    APPLICATION_COMMAND_AUTOCOMPLETE = 4
    """A user is typing into a command option that has autocomplete."""
    MODAL_SUBMIT = 5
    """A modal was submitted."""


class CallbackType(enum.IntEnum):
    """The ``type`` of the interaction callback an endpoint replies with."""

    PONG = 1
    """Acknowledge a PING."""
    CHANNEL_MESSAGE_WITH_SOURCE = 4
    """Reply with a message."""
    DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE = 5
    """Acknowledge now, send the message later."""
    DEFERRED_UPDATE_MESSAGE = 6
    """Acknowledge now, edit the message the component is on later."""
    UPDATE_MESSAGE = 7
    """Edit the message the component is on."""
    APPLICATION_COMMAND_AUTOCOMPLETE_RESULT = 8
    """Offer autocomplete choices."""
    MODAL = 9
    """Open a modal."""
    PREMIUM_REQUIRED = 10
    """Prompt the user to upgrade. Deprecated by Discord, which still accepts it for commands, components and modal
    submits."""
    LAUNCH_ACTIVITY = 12
    """Launch the app's Activity (Activities apps only)."""


_MESSAGE_CALLBACKS = frozenset(
    {
        CallbackType.CHANNEL_MESSAGE_WITH_SOURCE,
        CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE,
        CallbackType.LAUNCH_ACTIVITY,
        CallbackType.PREMIUM_REQUIRED,
    }
)
_UPDATE_CALLBACKS = frozenset({CallbackType.DEFERRED_UPDATE_MESSAGE, CallbackType.UPDATE_MESSAGE})

VALID_CALLBACK_TYPES: typing.Final[typing.Mapping[InteractionType, frozenset[CallbackType]]] = {
    InteractionType.PING: frozenset({CallbackType.PONG}),
    InteractionType.APPLICATION_COMMAND: _MESSAGE_CALLBACKS | {CallbackType.MODAL},
    InteractionType.MESSAGE_COMPONENT: _MESSAGE_CALLBACKS | _UPDATE_CALLBACKS | {CallbackType.MODAL},
    InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE: frozenset({CallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT}),
    InteractionType.MODAL_SUBMIT: _MESSAGE_CALLBACKS | _UPDATE_CALLBACKS,
}
"""The callback types Discord accepts in reply to each interaction type."""
