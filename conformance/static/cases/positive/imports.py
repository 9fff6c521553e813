"""Every public name imports from the package and from its defining module, and both spellings are the same type.

This file also proves that the checker found the *site's* ``interaction_spec``:
without it, every import below is an error (and the runner verifies that with
an empty site the import fails).
"""

from collections.abc import Mapping
from collections.abc import Sequence
from typing import Literal

from typing_extensions import assert_type

import interaction_spec
import interaction_spec.builders
import interaction_spec.constants
import interaction_spec.enums
import interaction_spec.files
import interaction_spec.interactions
import interaction_spec.server
from interaction_spec import MAX_RESPONSE_FILES
from interaction_spec import RESPONSE_DEADLINE_S
from interaction_spec import SIGNATURE_HEADER
from interaction_spec import TIMESTAMP_HEADER
from interaction_spec import VALID_CALLBACK_TYPES
from interaction_spec import AutocompleteInteraction
from interaction_spec import BaseCommandInteraction
from interaction_spec import CallbackType
from interaction_spec import CommandInteraction
from interaction_spec import ComponentInteraction
from interaction_spec import InteractionAutocompleteBuilder
from interaction_spec import InteractionDeferredBuilder
from interaction_spec import InteractionMessageBuilder
from interaction_spec import InteractionModalBuilder
from interaction_spec import InteractionResponseBuilder
from interaction_spec import InteractionServer
from interaction_spec import InteractionType
from interaction_spec import ListenerT
from interaction_spec import ModalInteraction
from interaction_spec import PartialInteraction
from interaction_spec import Response
from interaction_spec import ResponseFile
from interaction_spec.builders import InteractionMessageBuilder as SubmoduleMessageBuilder
from interaction_spec.server import ListenerT as SubmoduleListenerT


def same_classes(
    message: InteractionMessageBuilder,
    deferred: interaction_spec.builders.InteractionDeferredBuilder,
    server: interaction_spec.server.InteractionServer,
    command: interaction_spec.interactions.CommandInteraction,
    response: interaction_spec.server.Response,
    file: interaction_spec.files.ResponseFile,
) -> None:
    assert_type(message, SubmoduleMessageBuilder)
    assert_type(deferred, InteractionDeferredBuilder)
    assert_type(server, InteractionServer)
    assert_type(command, CommandInteraction)
    assert_type(response, Response)
    assert_type(file, ResponseFile)


def same_alias(
    listener: SubmoduleListenerT[ComponentInteraction, InteractionModalBuilder],
) -> ListenerT[ComponentInteraction, InteractionModalBuilder]:
    assert_type(listener, ListenerT[ComponentInteraction, InteractionModalBuilder])
    return listener


public: tuple[object, ...] = (
    MAX_RESPONSE_FILES,
    RESPONSE_DEADLINE_S,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    VALID_CALLBACK_TYPES,
    AutocompleteInteraction,
    BaseCommandInteraction,
    CallbackType,
    CommandInteraction,
    ComponentInteraction,
    InteractionAutocompleteBuilder,
    InteractionDeferredBuilder,
    InteractionMessageBuilder,
    InteractionModalBuilder,
    InteractionResponseBuilder,
    InteractionServer,
    InteractionType,
    ModalInteraction,
    PartialInteraction,
    Response,
    ResponseFile,
)
assert_type(interaction_spec.constants.SIGNATURE_HEADER, Literal["X-Signature-Ed25519"])
assert_type(interaction_spec.enums.VALID_CALLBACK_TYPES, Mapping[InteractionType, frozenset[CallbackType]])
names: Sequence[str] = interaction_spec.__all__
