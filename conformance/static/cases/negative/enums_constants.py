"""The constants are Final, the table is read-only, the enums are closed."""

from interaction_spec import SIGNATURE_HEADER
from interaction_spec import VALID_CALLBACK_TYPES
from interaction_spec import CallbackType
from interaction_spec import InteractionType

SIGNATURE_HEADER = "X-Signature"  # E: a Final constant cannot be reassigned
VALID_CALLBACK_TYPES[InteractionType.PING] = frozenset()  # E: the table is a read-only Mapping
CallbackType.PONG = 2  # E: enum members cannot be reassigned
CallbackType.PREMIUM_REQUIRED_V2  # E: no such callback type
InteractionType.PONG  # E: PONG is a callback type, not an interaction type
deadline_header: int = SIGNATURE_HEADER  # E: the header is a str
callback_types: set[CallbackType] = VALID_CALLBACK_TYPES[InteractionType.PING]  # E: the table's values are frozensets
by_int: frozenset[CallbackType] = VALID_CALLBACK_TYPES["PING"]  # E: the table is keyed by InteractionType
