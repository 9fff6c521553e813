import abc
from collections.abc import Mapping
from collections.abc import Sequence

from interaction_spec.files import ResponseFile

__all__ = (
    "InteractionAutocompleteBuilder",
    "InteractionDeferredBuilder",
    "InteractionMessageBuilder",
    "InteractionModalBuilder",
    "InteractionResponseBuilder",
)

class InteractionResponseBuilder(abc.ABC):
    @property
    @abc.abstractmethod
    def type(self) -> int: ...
    @abc.abstractmethod
    def build(self) -> tuple[Mapping[str, object], Sequence[ResponseFile]]: ...

class InteractionMessageBuilder(InteractionResponseBuilder, metaclass=abc.ABCMeta): ...
class InteractionDeferredBuilder(InteractionResponseBuilder, metaclass=abc.ABCMeta): ...
class InteractionAutocompleteBuilder(InteractionResponseBuilder, metaclass=abc.ABCMeta): ...
class InteractionModalBuilder(InteractionResponseBuilder, metaclass=abc.ABCMeta): ...
