"""The reference `InteractionServer`: the suite's default target.

Built only on `interaction_spec` and PyNaCl, it passes every clause of the
spec, SHOULD included, and shows implementers one way to meet each.
"""

from __future__ import annotations

__all__ = (
    "AutocompleteBuilder",
    "BytesFile",
    "DeferredBuilder",
    "MessageBuilder",
    "ModalBuilder",
    "ReferenceInteractionServer",
    "ReferenceResponse",
    "TextInput",
)

from conformance.reference.builders import AutocompleteBuilder
from conformance.reference.builders import DeferredBuilder
from conformance.reference.builders import MessageBuilder
from conformance.reference.builders import ModalBuilder
from conformance.reference.builders import TextInput
from conformance.reference.files import BytesFile
from conformance.reference.response import ReferenceResponse
from conformance.reference.server import ReferenceInteractionServer
