"""A corpus of realistic Discord interaction payloads.

Each `Sample` is one interaction body as Discord would POST it to an
Interactions Endpoint URL, together with the values a listener must see
through the `interaction_spec` properties once a server has parsed it.

The samples are data: JSON files in `conformance.corpus` (``index.json`` and
``samples/<name>.json``, described in docs/corpus.md), which any language can
read; this module gives them their Python types. The payloads follow the shapes
Discord sends today: snowflakes and permission sets as strings, ISO 8601
timestamps, and on every non-PING interaction the fields ``app_permissions``,
``entitlements``, ``authorizing_integration_owners``, ``attachment_size_limit``,
``locale``, ``context``, ``channel``/``channel_id`` and either ``guild_id`` +
``guild_locale`` + ``member`` (in a guild) or ``user`` (in a DM). The
exceptions are `MINIMAL_SAMPLES`, which carry only the fields Discord sends
with every interaction of their kind, and the PINGs. Everything is fixed: the
IDs, tokens and timestamps are literals, so a body is byte-for-byte the same on
every run. Each sample's `Sample.description` says what it is.

`spell` writes a sample's payload in other, equivalent JSON spellings (spacing,
escapes, key order), for the cases about signatures over the exact bytes.

The module imports only the standard library, `conformance.corpus` and
`interaction_spec`, so the suite can use it both in-process and over HTTP
without pulling in a Discord library.
"""

from __future__ import annotations

__all__ = (
    "ALL_SAMPLES",
    "AUTOCOMPLETE_INTEGER",
    "AUTOCOMPLETE_MINIMAL",
    "AUTOCOMPLETE_NUMBER",
    "AUTOCOMPLETE_SUBCOMMAND",
    "AUTOCOMPLETE_TOP_LEVEL",
    "COMMAND_DM",
    "COMMAND_ENTITY_OPTIONS",
    "COMMAND_GUILD",
    "COMMAND_MESSAGE_CONTEXT",
    "COMMAND_MINIMAL",
    "COMMAND_UNICODE",
    "COMMAND_USER_CONTEXT",
    "COMMAND_USER_INSTALL_DM",
    "COMMAND_USER_INSTALL_GROUP_DM",
    "COMPONENT_BUTTON",
    "COMPONENT_CHANNEL_SELECT",
    "COMPONENT_MINIMAL",
    "COMPONENT_ROLE_SELECT",
    "COMPONENT_STRING_SELECT",
    "COMPONENT_USER_SELECT",
    "COMPONENT_V2",
    "MINIMAL_SAMPLES",
    "MODAL_ACTION_ROWS",
    "MODAL_FILE_UPLOAD",
    "MODAL_FROM_COMMAND",
    "MODAL_FROM_COMPONENT",
    "MODAL_LABELS",
    "MODAL_MINIMAL",
    "PING",
    "PING_LEGACY",
    "PING_UNICODE",
    "SPELLINGS",
    "SPELLING_SAMPLES",
    "Sample",
    "default_sample",
    "samples_of",
    "spell",
)

import dataclasses
import json
import typing
from collections.abc import Mapping
from collections.abc import Sequence
from copy import deepcopy

from conformance import corpus
from interaction_spec.enums import InteractionType


@dataclasses.dataclass(frozen=True, slots=True)
class Sample:
    """One interaction payload and what a listener must read from it.

    Attributes
    ----------
    name : str
        A stable, unique name such as ``"command.guild"``: the kind, a dot,
        and what distinguishes the sample.
    interaction_type : InteractionType
        The interaction's ``type``.
    payload : Mapping[str, object]
        The interaction object as Discord sends it (JSON-compatible). Shared
        by every user of the module, so treat it as read-only: use `copy` to
        get a version to mutate.
    expected : Mapping[str, object]
        The values a listener must see through the `interaction_spec`
        properties, by property name. Every sample has ``id``,
        ``application_id`` (both `int`), ``type``, ``token`` and ``version``.
        Commands and autocompletes add ``command_id`` and ``command_name``;
        commands add ``options`` (a dict from option name to value, typed as
        `interaction_spec.OptionValue` describes: the options of the invoked
        subcommand, empty when there are none); autocompletes add
        ``focused_option`` and ``focused_value``; components add
        ``custom_id``, ``component_type`` and ``values`` (a tuple of `str`);
        modals add ``custom_id`` and ``values`` (a dict from component custom
        ID to its value, typed as `interaction_spec.ModalValue` describes: the
        text of a text input, the chosen value of a radio group or `None`, a
        checkbox's `bool`, or the tuple of values chosen in a select or
        checkbox group, or of the uploaded attachments' snowflake IDs as `str`).
    description : str
        What the sample is, in a sentence or two; empty for a sample made on the spot.

    Notes
    -----
    Samples compare by their first four fields but hash by `name` and
    `interaction_type` only, so they can be set members and mapping keys.
    """

    name: str
    interaction_type: InteractionType
    payload: Mapping[str, object] = dataclasses.field(hash=False)
    expected: Mapping[str, object] = dataclasses.field(hash=False)
    description: str = dataclasses.field(default="", compare=False)

    def body(self) -> bytes:
        """Return the payload as compact JSON, the way Discord sends it.

        Returns
        -------
        bytes
            ``json.dumps(payload, separators=(",", ":"))``, UTF-8 encoded.
        """
        return json.dumps(self.payload, separators=(",", ":")).encode()

    def copy(self) -> dict[str, object]:
        """Return a deep copy of the payload that the caller may mutate.

        Returns
        -------
        dict[str, object]
            A fresh copy sharing no container with `payload`.
        """
        return deepcopy(dict(self.payload))


# ---------------------------------------------------------------------------
# The samples, read from the corpus's data files
# ---------------------------------------------------------------------------

_TOP_LEVEL_SNOWFLAKES: typing.Final = ("id", "application_id", "command_id")
_SNOWFLAKE_OPTION_TYPES: typing.Final = frozenset({6, 7, 8, 9, 11})
"""USER, CHANNEL, ROLE, MENTIONABLE and ATTACHMENT: options whose value is a snowflake."""
_NUMBER_OPTION_TYPE: typing.Final = 10
_SUBCOMMAND_OPTION_TYPES: typing.Final = frozenset({1, 2})


def _leaf_option_types(payload: Mapping[str, object]) -> dict[str, int]:
    """Return the types of the options of the invoked command or subcommand, by name."""
    data = payload.get("data")
    options: object = typing.cast("Mapping[str, object]", data).get("options", []) if isinstance(data, dict) else []
    found: dict[str, int] = {}
    for option in typing.cast("list[Mapping[str, object]]", options):
        kind = typing.cast("int", option["type"])
        if kind in _SUBCOMMAND_OPTION_TYPES:
            return _leaf_option_types({"data": option})
        found[typing.cast("str", option["name"])] = kind
    return found


def _option_value(value: object, kind: int | None) -> object:
    if kind in _SNOWFLAKE_OPTION_TYPES:
        return int(typing.cast("str", value))
    if kind == _NUMBER_OPTION_TYPE:
        return float(typing.cast("float", value))
    return value


def _tuples(value: object) -> object:
    return tuple(typing.cast("list[object]", value)) if isinstance(value, list) else value


def _expected(raw: corpus.RawSample) -> dict[str, object]:
    """Return a sample's expected values in their Python types, as docs/corpus.md says to read them."""
    expected = dict(raw.expected)
    expected["type"] = InteractionType(typing.cast("int", expected["type"]))
    for key in _TOP_LEVEL_SNOWFLAKES:
        if key in expected:
            expected[key] = int(typing.cast("str", expected[key]))
    if "options" in expected:
        kinds = _leaf_option_types(raw.payload)
        options = typing.cast("Mapping[str, object]", expected["options"])
        expected["options"] = {name: _option_value(value, kinds.get(name)) for name, value in options.items()}
    values = expected.get("values")
    if isinstance(values, list):
        expected["values"] = tuple(typing.cast("list[object]", values))
    elif isinstance(values, dict):
        expected["values"] = {name: _tuples(value) for name, value in typing.cast("dict[str, object]", values).items()}
    return expected


def _sample(raw: corpus.RawSample) -> Sample:
    interaction_type = InteractionType(typing.cast("int", raw.payload["type"]))
    return Sample(raw.name, interaction_type, dict(raw.payload), _expected(raw), raw.description)


_SAMPLES: typing.Final = {raw.name: _sample(raw) for raw in corpus.raw_samples()}

PING: typing.Final = _SAMPLES["ping"]
COMMAND_GUILD: typing.Final = _SAMPLES["command.guild"]
COMMAND_DM: typing.Final = _SAMPLES["command.dm"]
COMMAND_USER_CONTEXT: typing.Final = _SAMPLES["command.user_context"]
COMPONENT_BUTTON: typing.Final = _SAMPLES["component.button"]
COMPONENT_STRING_SELECT: typing.Final = _SAMPLES["component.string_select"]
AUTOCOMPLETE_TOP_LEVEL: typing.Final = _SAMPLES["autocomplete.top_level"]
AUTOCOMPLETE_SUBCOMMAND: typing.Final = _SAMPLES["autocomplete.subcommand"]
MODAL_ACTION_ROWS: typing.Final = _SAMPLES["modal.action_rows"]
MODAL_LABELS: typing.Final = _SAMPLES["modal.labels"]
PING_LEGACY: typing.Final = _SAMPLES["ping.legacy"]
COMMAND_USER_INSTALL_DM: typing.Final = _SAMPLES["command.user_install_dm"]
COMMAND_USER_INSTALL_GROUP_DM: typing.Final = _SAMPLES["command.user_install_group_dm"]
COMMAND_MESSAGE_CONTEXT: typing.Final = _SAMPLES["command.message_context"]
COMMAND_ENTITY_OPTIONS: typing.Final = _SAMPLES["command.entity_options"]
COMPONENT_USER_SELECT: typing.Final = _SAMPLES["component.user_select"]
COMPONENT_ROLE_SELECT: typing.Final = _SAMPLES["component.role_select"]
COMPONENT_CHANNEL_SELECT: typing.Final = _SAMPLES["component.channel_select"]
COMPONENT_V2: typing.Final = _SAMPLES["component.components_v2"]
AUTOCOMPLETE_INTEGER: typing.Final = _SAMPLES["autocomplete.integer"]
AUTOCOMPLETE_NUMBER: typing.Final = _SAMPLES["autocomplete.number"]
MODAL_FROM_COMMAND: typing.Final = _SAMPLES["modal.from_command"]
MODAL_FROM_COMPONENT: typing.Final = _SAMPLES["modal.from_component"]
MODAL_FILE_UPLOAD: typing.Final = _SAMPLES["modal.file_upload"]
PING_UNICODE: typing.Final = _SAMPLES["ping.unicode"]
COMMAND_UNICODE: typing.Final = _SAMPLES["command.unicode"]
COMMAND_MINIMAL: typing.Final = _SAMPLES["command.minimal"]
COMPONENT_MINIMAL: typing.Final = _SAMPLES["component.minimal"]
AUTOCOMPLETE_MINIMAL: typing.Final = _SAMPLES["autocomplete.minimal"]
MODAL_MINIMAL: typing.Final = _SAMPLES["modal.minimal"]

MINIMAL_SAMPLES: tuple[Sample, ...] = tuple(_SAMPLES[name] for name in corpus.index().minimal)
"""One interaction of each non-PING kind with only the fields Discord always sends."""

SPELLING_SAMPLES: tuple[Sample, ...] = tuple(_SAMPLES[name] for name in corpus.index().spelling)
"""The samples `spell` is applied to: their text goes beyond ASCII and holds a slash, so every spelling differs."""

ALL_SAMPLES: tuple[Sample, ...] = tuple(_SAMPLES.values())
"""Every sample, in the corpus's order: the default one of each interaction type first among its kind."""

_BY_TYPE: dict[InteractionType, tuple[Sample, ...]] = {
    interaction_type: tuple(sample for sample in ALL_SAMPLES if sample.interaction_type is interaction_type)
    for interaction_type in InteractionType
}


def samples_of(interaction_type: InteractionType) -> tuple[Sample, ...]:
    """Return every sample of one interaction type, in `ALL_SAMPLES` order.

    Parameters
    ----------
    interaction_type : InteractionType
        The kind of interaction.

    Returns
    -------
    tuple[Sample, ...]
        The samples whose `Sample.interaction_type` is ``interaction_type``.
    """
    return _BY_TYPE[InteractionType(interaction_type)]


def default_sample(interaction_type: InteractionType) -> Sample:
    """Return the most typical sample of one interaction type.

    Parameters
    ----------
    interaction_type : InteractionType
        The kind of interaction.

    Returns
    -------
    Sample
        The first of `samples_of` ``interaction_type``: `PING`, `COMMAND_GUILD`,
        `COMPONENT_BUTTON`, `AUTOCOMPLETE_TOP_LEVEL` or `MODAL_ACTION_ROWS`.
    """
    return _BY_TYPE[InteractionType(interaction_type)][0]


# ---------------------------------------------------------------------------
# Spellings: one JSON value, written out in different but equivalent bytes
# ---------------------------------------------------------------------------

_SHORT_ESCAPES: dict[str, str] = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
}
_PRINTABLE_ASCII = range(0x20, 0x7F)
_BMP_END = 0x10000


@dataclasses.dataclass(frozen=True, slots=True)
class _Spelling:
    """How to write JSON: which characters to escape, where whitespace goes, in which order keys come."""

    escape_non_ascii: bool = False
    """Write every character beyond ASCII as a \\u escape with upper-case hex digits, not as UTF-8."""
    solidus: bool = False
    """Write ``/`` as ``\\/``."""
    item_separator: str = ","
    key_separator: str = ":"
    indent: int | None = None
    """Put every member and element on a line of its own, indented this much per level."""
    keys_backwards: bool = False
    """Write every object's keys in reverse alphabetical order, and the top level's ``type`` last."""
    trailer: str = ""


_SPELLINGS: dict[str, _Spelling] = {
    "raw-utf8": _Spelling(),
    "escaped-unicode": _Spelling(escape_non_ascii=True),
    "escaped-solidus": _Spelling(solidus=True),
    "spaced": _Spelling(item_separator=", ", key_separator=": "),
    "pretty": _Spelling(key_separator=": ", indent=2),
    "unsorted-keys": _Spelling(keys_backwards=True),
    "trailing-newline": _Spelling(trailer="\n"),
}

SPELLINGS: tuple[str, ...] = tuple(_SPELLINGS)
r"""The names `spell` takes: ways to write a payload other than `Sample.body`'s, each one what its name says.

``raw-utf8`` is the compact form with text beyond ASCII as raw UTF-8, as JavaScript's ``JSON.stringify``
writes it (`Sample.body` writes \u escapes with lower-case hex digits instead). Each other spelling changes
one thing in it:
``escaped-unicode``: text beyond ASCII as \u escapes with upper-case hex digits and a surrogate pair beyond the
BMP, as .NET and Java serialisers write them;
``escaped-solidus``: every ``/`` as ``\/``, as PHP writes it;
``spaced``: a space after every ``,`` and ``:``, as Python's `json.dumps` writes by default;
``pretty``: one member per line, indented by two spaces;
``unsorted-keys``: every object's keys in reverse alphabetical order, and the top-level ``type`` last;
``trailing-newline``: a newline after the JSON."""


def _write_string(text: str, spelling: _Spelling) -> str:
    out = ['"']
    for char in text:
        code = ord(char)
        if char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif char == "/" and spelling.solidus:
            out.append("\\/")
        elif code in _PRINTABLE_ASCII or (code > 0x7F and not spelling.escape_non_ascii):
            out.append(char)
        else:
            units = [code] if code < _BMP_END else [0xD800 + ((code - _BMP_END) >> 10), 0xDC00 + (code & 0x3FF)]
            out.extend(f"\\u{unit:04X}" for unit in units)
    out.append('"')
    return "".join(out)


def _ordered_keys(mapping: Mapping[str, object], spelling: _Spelling, *, top: bool) -> list[str]:
    keys = list(mapping)
    if not spelling.keys_backwards:
        return keys
    keys.sort(reverse=True)
    if top and "type" in keys:
        keys.remove("type")
        keys.append("type")
    return keys


def _write(value: object, spelling: _Spelling, depth: int) -> str:
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return _write_string(value, spelling)
    if isinstance(value, Mapping):
        mapping = typing.cast("Mapping[str, object]", value)
        members = [
            _write_string(key, spelling) + spelling.key_separator + _write(mapping[key], spelling, depth + 1)
            for key in _ordered_keys(mapping, spelling, top=depth == 0)
        ]
        return _enclose("{", members, "}", spelling, depth)
    if isinstance(value, (list, tuple)):
        items = typing.cast("Sequence[object]", value)
        return _enclose("[", [_write(item, spelling, depth + 1) for item in items], "]", spelling, depth)
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def _enclose(opening: str, parts: list[str], closing: str, spelling: _Spelling, depth: int) -> str:
    if not parts:
        return opening + closing
    if spelling.indent is None:
        return opening + spelling.item_separator.join(parts) + closing
    inner = "\n" + " " * (spelling.indent * (depth + 1))
    return opening + inner + ("," + inner).join(parts) + "\n" + " " * (spelling.indent * depth) + closing


def spell(sample: Sample, spelling: str) -> bytes:
    """Return the sample's payload written in one of the `SPELLINGS`.

    The bytes are written out here, character by character, rather than by a
    JSON library, so that each spelling is exactly what its name says.

    Parameters
    ----------
    sample : Sample
        The interaction to write.
    spelling : str
        One of `SPELLINGS`.

    Returns
    -------
    bytes
        UTF-8 JSON that decodes to ``sample.payload``.

    Raises
    ------
    KeyError
        If ``spelling`` is not one of `SPELLINGS`.
    """
    style = _SPELLINGS[spelling]
    return (_write(sample.payload, style, 0) + style.trailer).encode()
