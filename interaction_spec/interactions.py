"""The interaction types a listener receives.

These are the fields every interaction of a kind carries, so that a listener
typed against the spec can read them whatever library delivers the interaction.
An implementation subclasses each type and provides every property; the bases
raise `NotImplementedError`. They are deliberately not abstract: the classes
themselves are passed to `InteractionServer.set_listener` as keys, where type
checkers only accept concrete classes.
"""

from __future__ import annotations

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

import typing

OptionValue: typing.TypeAlias = str | int | float | bool
"""The value of one command option, as `CommandInteraction.options` gives it.

Its type follows the option's type in the command's definition (Discord's
application command option types):

- ``STRING`` (3): `str`;
- ``INTEGER`` (4): `int`;
- ``NUMBER`` (10): `float`, even when Discord sends a whole number;
- ``BOOLEAN`` (5): `bool`;
- ``USER`` (6), ``CHANNEL`` (7), ``ROLE`` (8), ``MENTIONABLE`` (9) and
  ``ATTACHMENT`` (11): the chosen entity's snowflake ID as an `int`, like every
  other ID of the contract (Discord sends it as a string).

`bool` is a subclass of `int`, so test for `bool` before `int` when an
option's type is not known in advance.
"""

ModalValue: typing.TypeAlias = str | bool | typing.Sequence[str] | None
"""The value of one component of a submitted modal, as `ModalInteraction.values` gives it.

Its type follows the component's type (Discord's component types):

- Text Input (4): `str`, the text typed; ``""`` for an optional input left empty;
- String Select (3): a sequence of `str`, the values of the chosen options;
- User (5), Role (6), Mentionable (7) and Channel (8) Selects: a sequence of
  `str`, the chosen entities' snowflake IDs as Discord sends them;
- File Upload (19): a sequence of `str`, the uploaded attachments' snowflake
  IDs (Discord describes each attachment in the submit's ``resolved`` data);
- Radio Group (21): `str`, the value of the chosen option, or `None` when the
  user chose none;
- Checkbox Group (22): a sequence of `str`, the values of the checked options,
  empty when none is checked;
- Checkbox (23): `bool`, whether it is checked.

A listener knows each component's type from the modal it sent, and narrows
with ``isinstance(value, str)``, ``isinstance(value, bool)`` and
``value is None``; what remains is a sequence of `str`. A `str` is itself a
sequence of `str`, so test for `str` before treating a value as a sequence.
"""


class PartialInteraction:
    """Fields shared by every interaction."""

    __slots__ = ()

    @property
    def id(self) -> int:
        """The interaction's snowflake ID."""
        raise NotImplementedError

    @property
    def application_id(self) -> int:
        """The ID of the application the interaction is for."""
        raise NotImplementedError

    @property
    def type(self) -> int:
        """The interaction type, one of `interaction_spec.InteractionType`'s values."""
        raise NotImplementedError

    @property
    def token(self) -> str:
        """The token used to follow up on the interaction through Discord's REST API."""
        raise NotImplementedError

    @property
    def version(self) -> int:
        """The interaction structure's version; always 1 today."""
        raise NotImplementedError


class BaseCommandInteraction(PartialInteraction):
    """Fields shared by command invocations and command autocompletion."""

    __slots__ = ()

    @property
    def command_id(self) -> int:
        """The ID of the invoked application command."""
        raise NotImplementedError

    @property
    def command_name(self) -> str:
        """The name of the invoked application command."""
        raise NotImplementedError


class CommandInteraction(BaseCommandInteraction):
    """An application command invocation (interaction type 2)."""

    __slots__ = ()

    @property
    def options(self) -> typing.Mapping[str, OptionValue]:
        """The values the user gave the command's options, by option name.

        Only options that hold a value: when the user invoked a subcommand
        (possibly within a subcommand group), the options given to that
        subcommand, with no entry for the subcommand or the group. An optional
        option the user left out is absent, so a command invoked without
        options, and any user or message command, gives an empty mapping.
        Each value's type follows its option's type, as `OptionValue`
        describes.
        """
        raise NotImplementedError


class AutocompleteInteraction(BaseCommandInteraction):
    """A request for autocomplete choices (interaction type 4)."""

    __slots__ = ()

    @property
    def focused_option(self) -> str:
        """The name of the option the user is typing into."""
        raise NotImplementedError

    @property
    def focused_value(self) -> str | int | float:
        """What the user has typed so far into the focused option."""
        raise NotImplementedError


class ComponentInteraction(PartialInteraction):
    """A message component was used (interaction type 3)."""

    __slots__ = ()

    @property
    def custom_id(self) -> str:
        """The developer-defined ID of the component."""
        raise NotImplementedError

    @property
    def component_type(self) -> int:
        """Discord's component type: 2 for a button, 3 and 5 to 8 for select menus."""
        raise NotImplementedError

    @property
    def values(self) -> typing.Sequence[str]:
        """The values chosen in a select menu; empty for a button."""
        raise NotImplementedError


class ModalInteraction(PartialInteraction):
    """A modal was submitted (interaction type 5)."""

    __slots__ = ()

    @property
    def custom_id(self) -> str:
        """The developer-defined ID of the modal."""
        raise NotImplementedError

    @property
    def values(self) -> typing.Mapping[str, ModalValue]:
        """What was submitted, by component custom ID.

        Every component with a custom ID has an entry, whether it sits in a
        Label or in a (legacy) action row; components without a value, such as
        a Text Display, have none. Each value's type follows its component's
        type, as `ModalValue` describes: a text input gives its text, a
        checkbox a `bool`, a radio group the chosen value or `None`, and a
        select, checkbox group or file upload a sequence of `str`.
        """
        raise NotImplementedError
