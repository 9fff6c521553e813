from interaction_spec.builders import InteractionAutocompleteBuilder as InteractionAutocompleteBuilder
from interaction_spec.builders import InteractionDeferredBuilder as InteractionDeferredBuilder
from interaction_spec.builders import InteractionMessageBuilder as InteractionMessageBuilder
from interaction_spec.builders import InteractionModalBuilder as InteractionModalBuilder
from interaction_spec.builders import InteractionResponseBuilder as InteractionResponseBuilder
from interaction_spec.constants import MAX_RESPONSE_FILES as MAX_RESPONSE_FILES
from interaction_spec.constants import RESPONSE_DEADLINE_S as RESPONSE_DEADLINE_S
from interaction_spec.constants import SIGNATURE_HEADER as SIGNATURE_HEADER
from interaction_spec.constants import TIMESTAMP_HEADER as TIMESTAMP_HEADER
from interaction_spec.enums import VALID_CALLBACK_TYPES as VALID_CALLBACK_TYPES
from interaction_spec.enums import CallbackType as CallbackType
from interaction_spec.enums import InteractionType as InteractionType
from interaction_spec.files import ResponseFile as ResponseFile
from interaction_spec.interactions import AutocompleteInteraction as AutocompleteInteraction
from interaction_spec.interactions import BaseCommandInteraction as BaseCommandInteraction
from interaction_spec.interactions import CommandInteraction as CommandInteraction
from interaction_spec.interactions import ComponentInteraction as ComponentInteraction
from interaction_spec.interactions import ModalInteraction as ModalInteraction
from interaction_spec.interactions import ModalValue as ModalValue
from interaction_spec.interactions import OptionValue as OptionValue
from interaction_spec.interactions import PartialInteraction as PartialInteraction
from interaction_spec.registry import ListenerRegistry as ListenerRegistry
from interaction_spec.server import InteractionServer as InteractionServer
from interaction_spec.server import ListenerT as ListenerT
from interaction_spec.server import Response as Response

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

__version__: str
