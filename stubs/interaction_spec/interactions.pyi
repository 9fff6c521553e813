from collections.abc import Mapping
from collections.abc import Sequence
from typing import TypeAlias

__all__ = (
    "AutocompleteInteraction",
    "BaseCommandInteraction",
    "CommandInteraction",
    "ComponentInteraction",
    "ModalInteraction",
    "ModalValue",
    "OptionValue",
    "PartialInteraction",
)

OptionValue: TypeAlias = str | int | float | bool
ModalValue: TypeAlias = str | bool | Sequence[str] | None

class PartialInteraction:
    @property
    def id(self) -> int: ...
    @property
    def application_id(self) -> int: ...
    @property
    def type(self) -> int: ...
    @property
    def token(self) -> str: ...
    @property
    def version(self) -> int: ...

class BaseCommandInteraction(PartialInteraction):
    @property
    def command_id(self) -> int: ...
    @property
    def command_name(self) -> str: ...

class CommandInteraction(BaseCommandInteraction):
    @property
    def options(self) -> Mapping[str, OptionValue]: ...

class AutocompleteInteraction(BaseCommandInteraction):
    @property
    def focused_option(self) -> str: ...
    @property
    def focused_value(self) -> str | int | float: ...

class ComponentInteraction(PartialInteraction):
    @property
    def custom_id(self) -> str: ...
    @property
    def component_type(self) -> int: ...
    @property
    def values(self) -> Sequence[str]: ...

class ModalInteraction(PartialInteraction):
    @property
    def custom_id(self) -> str: ...
    @property
    def values(self) -> Mapping[str, ModalValue]: ...
