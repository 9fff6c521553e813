"""The reference implementation's interaction types: thin views over the payload.

Construction checks only what every interaction of the kind must have (so that a
malformed one is answered with 400); every field is read from the payload when a
listener asks for it.
"""

from __future__ import annotations

__all__ = ("parse_interaction",)

import typing

import interaction_spec

_Payload = dict[str, object]


class MalformedInteractionError(ValueError):
    """A verified interaction lacks a field every interaction of its kind has."""


def _object(payload: typing.Mapping[str, object], key: str) -> typing.Mapping[str, object]:
    value = payload.get(key)
    if not isinstance(value, dict):
        raise MalformedInteractionError(f"{key!r} must be an object")
    return typing.cast("typing.Mapping[str, object]", value)


def _string(payload: typing.Mapping[str, object], key: str) -> str:
    value = payload.get(key)
    if not isinstance(value, str):
        raise MalformedInteractionError(f"{key!r} must be a string")
    return value


_MAX_SNOWFLAKE_DIGITS: typing.Final = 20
"""A snowflake is an unsigned 64-bit integer: at most 20 decimal digits."""


def _snowflake(payload: typing.Mapping[str, object], key: str) -> int:
    value = payload.get(key)
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= _MAX_SNOWFLAKE_DIGITS:
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**64:
        return value
    raise MalformedInteractionError(f"{key!r} must be a snowflake")


def _integer(payload: typing.Mapping[str, object], key: str) -> int:
    value = payload.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise MalformedInteractionError(f"{key!r} must be an integer")


def _list(payload: typing.Mapping[str, object], key: str) -> list[object]:
    value = payload.get(key, [])
    if not isinstance(value, list):
        raise MalformedInteractionError(f"{key!r} must be an array")
    return typing.cast("list[object]", value)


class _Fields:
    """The fields every interaction has, read from its payload."""

    __slots__ = ("_data", "_payload")

    def __init__(self, payload: _Payload) -> None:
        _snowflake(payload, "id")
        _string(payload, "token")
        self._payload: _Payload = payload
        self._data: typing.Mapping[str, object] = _object(payload, "data")

    @property
    def id(self) -> int:
        return _snowflake(self._payload, "id")

    @property
    def application_id(self) -> int:
        return _snowflake(self._payload, "application_id")

    @property
    def type(self) -> int:
        return typing.cast("int", self._payload["type"])

    @property
    def token(self) -> str:
        return _string(self._payload, "token")

    @property
    def version(self) -> int:
        return _integer(self._payload, "version")

    @property
    def command_id(self) -> int:
        return _snowflake(self._data, "id")

    @property
    def command_name(self) -> str:
        return _string(self._data, "name")

    @property
    def custom_id(self) -> str:
        return _string(self._data, "custom_id")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self._payload.get('id')!r})"


class ReferenceCommandInteraction(_Fields, interaction_spec.CommandInteraction):
    """An application command invocation."""

    __slots__ = ()


class ReferenceAutocompleteInteraction(_Fields, interaction_spec.AutocompleteInteraction):
    """A request for autocomplete choices."""

    __slots__ = ()

    def _focused(self) -> typing.Mapping[str, object]:
        options = list(_list(self._data, "options"))
        while options:
            option = options.pop(0)
            if not isinstance(option, dict):
                continue
            option = typing.cast("typing.Mapping[str, object]", option)
            if option.get("focused") is True:
                return option
            options.extend(_list(option, "options"))
        raise MalformedInteractionError("no option is focused")

    @property
    def focused_option(self) -> str:
        return _string(self._focused(), "name")

    @property
    def focused_value(self) -> str | int | float:
        value = self._focused().get("value")
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return value
        raise MalformedInteractionError("the focused option has no value")


class ReferenceComponentInteraction(_Fields, interaction_spec.ComponentInteraction):
    """A message component was used."""

    __slots__ = ()

    @property
    def component_type(self) -> int:
        return _integer(self._data, "component_type")

    @property
    def values(self) -> typing.Sequence[str]:
        return tuple(str(value) for value in _list(self._data, "values"))


def _submitted(component: typing.Mapping[str, object], into: dict[str, str | typing.Sequence[str]]) -> None:
    """Collect the values of a modal component tree: action rows, labels and their children."""
    custom_id = component.get("custom_id")
    if isinstance(custom_id, str):
        if "value" in component:
            into[custom_id] = str(component["value"])
        elif "values" in component:
            into[custom_id] = tuple(str(value) for value in _list(component, "values"))
    child = component.get("component")
    children: list[object] = [child] if isinstance(child, dict) else _list(component, "components")
    for nested in children:
        if isinstance(nested, dict):
            _submitted(typing.cast("typing.Mapping[str, object]", nested), into)


class ReferenceModalInteraction(_Fields, interaction_spec.ModalInteraction):
    """A modal was submitted."""

    __slots__ = ()

    @property
    def values(self) -> typing.Mapping[str, str | typing.Sequence[str]]:
        submitted: dict[str, str | typing.Sequence[str]] = {}
        _submitted(self._data, submitted)
        return submitted


_CLASSES: typing.Final[typing.Mapping[int, typing.Callable[[_Payload], interaction_spec.PartialInteraction]]] = {
    interaction_spec.InteractionType.APPLICATION_COMMAND: ReferenceCommandInteraction,
    interaction_spec.InteractionType.MESSAGE_COMPONENT: ReferenceComponentInteraction,
    interaction_spec.InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE: ReferenceAutocompleteInteraction,
    interaction_spec.InteractionType.MODAL_SUBMIT: ReferenceModalInteraction,
}


def parse_interaction(payload: _Payload, interaction_type: int) -> interaction_spec.PartialInteraction | None:
    """Wrap a verified payload in its interaction type.

    Returns
    -------
    interaction_spec.PartialInteraction | None
        The interaction, or `None` for an interaction type this server does not know.

    Raises
    ------
    MalformedInteractionError
        If the payload lacks a field every interaction of its kind has.
    """
    make = _CLASSES.get(interaction_type)
    return None if make is None else make(payload)
