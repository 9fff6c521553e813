"""The response builders a listener returns.

Each kind of reply is its own class so that type checkers can tell which
replies a listener of each interaction kind may produce.
"""

from __future__ import annotations

__all__ = (
    "InteractionAutocompleteBuilder",
    "InteractionDeferredBuilder",
    "InteractionMessageBuilder",
    "InteractionModalBuilder",
    "InteractionResponseBuilder",
)

import abc
import typing

if typing.TYPE_CHECKING:
    from interaction_spec.files import ResponseFile


class InteractionResponseBuilder(abc.ABC):
    """Base of every interaction reply."""

    __slots__ = ()

    @property
    @abc.abstractmethod
    def type(self) -> int:
        """The callback type the reply is sent as, one of `interaction_spec.CallbackType`'s values."""

    @abc.abstractmethod
    def build(self) -> tuple[typing.Mapping[str, object], typing.Sequence[ResponseFile]]:
        """Build the reply.

        Returns
        -------
        tuple[typing.Mapping[str, object], typing.Sequence[ResponseFile]]
            The interaction callback object (``{"type": ..., "data": {...}}``),
            ready to be serialised as JSON, and the files to attach to it.
        """


class InteractionMessageBuilder(InteractionResponseBuilder):
    """A message reply: ``CHANNEL_MESSAGE_WITH_SOURCE`` (4) or ``UPDATE_MESSAGE`` (7)."""

    __slots__ = ()


class InteractionDeferredBuilder(InteractionResponseBuilder):
    """A deferred reply: ``DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE`` (5) or ``DEFERRED_UPDATE_MESSAGE`` (6)."""

    __slots__ = ()


class InteractionAutocompleteBuilder(InteractionResponseBuilder):
    """Autocomplete choices: ``APPLICATION_COMMAND_AUTOCOMPLETE_RESULT`` (8)."""

    __slots__ = ()


class InteractionModalBuilder(InteractionResponseBuilder):
    """A modal to open: ``MODAL`` (9)."""

    __slots__ = ()
