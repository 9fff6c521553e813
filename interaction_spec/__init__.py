"""The typed contract of a Discord HTTP-interaction server.

An interaction server verifies each request's Ed25519 signature, answers PING
with PONG and hands every other interaction to the listener registered for its
kind; the listener's reply builder becomes the HTTP reply.
"""

from __future__ import annotations

__all__ = (
    "MAX_RESPONSE_FILES",
    "RESPONSE_DEADLINE_S",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "VALID_CALLBACK_TYPES",
    "AutocompleteInteraction",
    "BaseCommandInteraction",
    "CallbackType",
    "CommandInteraction",
    "ComponentInteraction",
    "InteractionAutocompleteBuilder",
    "InteractionDeferredBuilder",
    "InteractionMessageBuilder",
    "InteractionModalBuilder",
    "InteractionResponseBuilder",
    "InteractionServer",
    "InteractionType",
    "ListenerRegistry",
    "ListenerT",
    "ModalInteraction",
    "ModalValue",
    "OptionValue",
    "PartialInteraction",
    "Response",
    "ResponseFile",
)

from interaction_spec.builders import InteractionAutocompleteBuilder
from interaction_spec.builders import InteractionDeferredBuilder
from interaction_spec.builders import InteractionMessageBuilder
from interaction_spec.builders import InteractionModalBuilder
from interaction_spec.builders import InteractionResponseBuilder
from interaction_spec.constants import MAX_RESPONSE_FILES
from interaction_spec.constants import RESPONSE_DEADLINE_S
from interaction_spec.constants import SIGNATURE_HEADER
from interaction_spec.constants import TIMESTAMP_HEADER
from interaction_spec.enums import VALID_CALLBACK_TYPES
from interaction_spec.enums import CallbackType
from interaction_spec.enums import InteractionType
from interaction_spec.files import ResponseFile
from interaction_spec.interactions import AutocompleteInteraction
from interaction_spec.interactions import BaseCommandInteraction
from interaction_spec.interactions import CommandInteraction
from interaction_spec.interactions import ComponentInteraction
from interaction_spec.interactions import ModalInteraction
from interaction_spec.interactions import ModalValue
from interaction_spec.interactions import OptionValue
from interaction_spec.interactions import PartialInteraction
from interaction_spec.registry import ListenerRegistry
from interaction_spec.server import InteractionServer
from interaction_spec.server import ListenerT
from interaction_spec.server import Response

__version__ = "0.3.0"
