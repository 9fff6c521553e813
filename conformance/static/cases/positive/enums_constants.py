"""Enums, the callback table and the protocol constants."""

from collections.abc import Mapping
from typing import Literal

from typing_extensions import assert_type

import interaction_spec
from interaction_spec import MAX_RESPONSE_FILES
from interaction_spec import RESPONSE_DEADLINE_S
from interaction_spec import SIGNATURE_HEADER
from interaction_spec import TIMESTAMP_HEADER
from interaction_spec import VALID_CALLBACK_TYPES
from interaction_spec import CallbackType
from interaction_spec import InteractionType

assert_type(CallbackType.PONG, Literal[CallbackType.PONG])
assert_type(CallbackType.PONG.value, Literal[1])
assert_type(CallbackType.CHANNEL_MESSAGE_WITH_SOURCE.value, Literal[4])
assert_type(CallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT.value, Literal[8])
assert_type(CallbackType.LAUNCH_ACTIVITY.value, Literal[12])
assert_type(InteractionType.PING, Literal[InteractionType.PING])
assert_type(InteractionType.MODAL_SUBMIT.value, Literal[5])
assert_type(CallbackType(4), CallbackType)
assert_type(InteractionType(2), InteractionType)

# IntEnum members are ints.
pong: int = CallbackType.PONG
kind: int = InteractionType.APPLICATION_COMMAND
total: int = CallbackType.MODAL + 1

assert_type(VALID_CALLBACK_TYPES, Mapping[InteractionType, frozenset[CallbackType]])
assert_type(VALID_CALLBACK_TYPES[InteractionType.PING], frozenset[CallbackType])
modal_allowed: bool = CallbackType.MODAL in VALID_CALLBACK_TYPES[InteractionType.APPLICATION_COMMAND]
for interaction_type, callback_types in VALID_CALLBACK_TYPES.items():
    assert_type(interaction_type, InteractionType)
    assert_type(callback_types, frozenset[CallbackType])

for member in CallbackType:
    assert_type(member, CallbackType)

assert_type(SIGNATURE_HEADER, Literal["X-Signature-Ed25519"])
assert_type(TIMESTAMP_HEADER, Literal["X-Signature-Timestamp"])
assert_type(MAX_RESPONSE_FILES, Literal[10])
assert_type(RESPONSE_DEADLINE_S, float)
signature_header: Literal["X-Signature-Ed25519"] = SIGNATURE_HEADER
headers: dict[str, str] = {SIGNATURE_HEADER: "00", TIMESTAMP_HEADER: "0"}
deadline: float = RESPONSE_DEADLINE_S
assert_type(interaction_spec.__version__, str)
assert_type(interaction_spec.CallbackType.MODAL, Literal[CallbackType.MODAL])


def reply_allowed(interaction_type: InteractionType, callback_type: CallbackType) -> bool:
    return callback_type in VALID_CALLBACK_TYPES.get(interaction_type, frozenset())
