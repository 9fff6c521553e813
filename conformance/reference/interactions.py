"""The reference implementation's interaction types: thin views over the payload.

Construction checks only what every interaction of the kind must have, and a
command's options, which it parses (so that a malformed one is answered with
400); every other field is read from the payload when a listener asks for it.
"""

from __future__ import annotations

__all__ = ("parse_interaction",)

import math
import types
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


_SUB_COMMAND: typing.Final = 1
_SUB_COMMAND_GROUP: typing.Final = 2
_STRING: typing.Final = 3
_INTEGER: typing.Final = 4
_BOOLEAN: typing.Final = 5
_NUMBER: typing.Final = 10
_SNOWFLAKE_OPTIONS: typing.Final = frozenset({6, 7, 8, 9, 11})
"""USER, CHANNEL, ROLE, MENTIONABLE and ATTACHMENT: the value is the chosen entity's ID."""


def _option(raw: object) -> typing.Mapping[str, object]:
    if not isinstance(raw, dict):
        raise MalformedInteractionError("each option must be an object")
    return typing.cast("typing.Mapping[str, object]", raw)


def _only_nested(options: list[object]) -> tuple[int, typing.Mapping[str, object]] | None:
    """Return the type and object of a subcommand or group that is the only option at its level, else `None`."""
    if len(options) != 1:
        return None
    option = _option(options[0])
    kind = _integer(option, "type")
    return (kind, option) if kind in (_SUB_COMMAND, _SUB_COMMAND_GROUP) else None


def _finite(value: object) -> float | None:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _option_value(option: typing.Mapping[str, object], kind: int) -> interaction_spec.OptionValue:
    """Return an option's value as the contract gives it for the option's type."""
    value = option.get("value")
    if kind in _SNOWFLAKE_OPTIONS:
        return _snowflake(option, "value")
    if kind == _STRING:
        if isinstance(value, str):
            return value
    elif kind == _BOOLEAN:
        if isinstance(value, bool):
            return value
    elif kind == _INTEGER:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif kind == _NUMBER:
        number = _finite(value)
        if number is not None:
            return number
    elif isinstance(value, (str, int)):  # an option type newer than this server: the value as sent
        return value
    elif (number := _finite(value)) is not None:
        return number
    raise MalformedInteractionError("an option's value does not match its type")


def _command_options(data: typing.Mapping[str, object]) -> dict[str, interaction_spec.OptionValue]:
    """Return the leaf options of a command's ``data``: those of the invoked subcommand, if there is one.

    Raises
    ------
    MalformedInteractionError
        If the options are not shaped as Discord sends them: a group holds one
        subcommand, a subcommand only options with values, a name occurs once.
    """
    options = _list(data, "options")
    nested = _only_nested(options)
    if nested is not None and nested[0] == _SUB_COMMAND_GROUP:
        options = _list(nested[1], "options")
        nested = _only_nested(options)
        if nested is None or nested[0] != _SUB_COMMAND:
            raise MalformedInteractionError("a subcommand group must hold exactly one subcommand")
    if nested is not None:
        options = _list(nested[1], "options")
    values: dict[str, interaction_spec.OptionValue] = {}
    for raw in options:
        option = _option(raw)
        # The exact types JSON gives are checked inline; anything else goes through the full checks.
        kind = option.get("type")
        if type(kind) is not int:
            kind = _integer(option, "type")
        if kind in (_SUB_COMMAND, _SUB_COMMAND_GROUP):
            raise MalformedInteractionError("a subcommand or group must be the only option at its level")
        name = option.get("name")
        if type(name) is not str:
            name = _string(option, "name")
        if name in values:
            raise MalformedInteractionError(f"option {name!r} occurs twice")
        value = option.get("value")
        values[name] = value if kind == _STRING and type(value) is str else _option_value(option, kind)
    return values


class ReferenceCommandInteraction(_Fields, interaction_spec.CommandInteraction):
    """An application command invocation."""

    __slots__ = ("_options",)

    def __init__(self, payload: _Payload) -> None:
        super().__init__(payload)
        self._options: typing.Mapping[str, interaction_spec.OptionValue] = types.MappingProxyType(
            _command_options(self._data)
        )

    @property
    def options(self) -> typing.Mapping[str, interaction_spec.OptionValue]:
        return self._options


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

    @property
    def message_flags(self) -> int:
        """The flags of the message the component is on; 0 when Discord sent none (not part of the contract)."""
        message = self._payload.get("message")
        flags = typing.cast("typing.Mapping[str, object]", message).get("flags") if isinstance(message, dict) else None
        return flags if type(flags) is int else 0


def _modal_value(component: typing.Mapping[str, object]) -> interaction_spec.ModalValue:
    """Return a submitted component's value as the contract gives it (`interaction_spec.ModalValue`).

    The JSON type tells the kinds apart: ``values`` (selects, checkbox groups,
    file uploads) is a list of strings, a checkbox's ``value`` a boolean, an
    unanswered radio group's ``value`` null; any other ``value`` is text.
    """
    if "values" in component:
        return tuple(str(value) for value in _list(component, "values"))
    value = component.get("value")
    if value is None or isinstance(value, bool):
        return value
    return str(value)


def _submitted(component: typing.Mapping[str, object], into: dict[str, interaction_spec.ModalValue]) -> None:
    """Collect the values of a modal component tree: action rows, labels and their children."""
    custom_id = component.get("custom_id")
    if isinstance(custom_id, str) and ("value" in component or "values" in component):
        into[custom_id] = _modal_value(component)
    child = component.get("component")
    children: list[object] = [child] if isinstance(child, dict) else _list(component, "components")
    for nested in children:
        if isinstance(nested, dict):
            _submitted(typing.cast("typing.Mapping[str, object]", nested), into)


class ReferenceModalInteraction(_Fields, interaction_spec.ModalInteraction):
    """A modal was submitted."""

    __slots__ = ()

    @property
    def values(self) -> typing.Mapping[str, interaction_spec.ModalValue]:
        submitted: dict[str, interaction_spec.ModalValue] = {}
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
