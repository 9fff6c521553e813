"""The commands the suite's corpus invokes, as a table a driver registers.

Discord sends an app only the commands the app has registered, so a bot that
receives the corpus's interactions (`conformance.payloads`: its commands and
autocompletes, minimal and spelling samples included) has registered their
commands. A driver that runs in its own environment, without the suite, reads
them from a JSON copy of `table` beside it; the tests check that the copy is
current. ``python -m implementations.corpus_commands [PATH]`` writes the JSON to
PATH, or prints it.

Each entry is a command: its ``name``, its ``type`` (1 slash command, 2 user
and 3 message context menu), the ``guild_ids`` it is registered to (the
``data.guild_id`` its interactions carry; empty for a global command), its
``integration_types`` (the keys of ``authorizing_integration_owners``: 0 guild
install, 1 user install), its ``options`` and the ``samples`` that invoke it. A
subcommand or group option has ``name``, ``type`` and ``options``; any other
option has ``name``, ``type``, ``required`` and ``autocomplete``. An option the
corpus sends every time its command or subcommand is used is required, one it
omits at times is optional, and one that is ever focused has autocomplete.
Options come in the order the corpus first sends them, required ones first, as
Discord requires.
"""

from __future__ import annotations

__all__ = ("GENERATED_BY", "main", "render", "samples", "table")

import dataclasses
import json
import pathlib
import sys
import typing

from conformance import payloads
from interaction_spec.enums import InteractionType

if typing.TYPE_CHECKING:
    from collections.abc import Mapping
    from collections.abc import Sequence

    from conformance.payloads import Sample

GENERATED_BY: typing.Final = "python -m implementations.corpus_commands"
"""The command that writes the table, named in the JSON so that nobody edits it by hand."""
_KINDS: typing.Final = (InteractionType.APPLICATION_COMMAND, InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE)
_SUBCOMMAND_TYPES: typing.Final = frozenset({1, 2})
"""``SUB_COMMAND`` and ``SUB_COMMAND_GROUP``: options that hold options."""


@dataclasses.dataclass(slots=True)
class _Level:
    """The options seen at one level of a command: the command itself, or one of its subcommands."""

    uses: int = 0
    options: dict[str, _Option] = dataclasses.field(default_factory=lambda: {})


@dataclasses.dataclass(slots=True)
class _Option:
    """One option of a level, and how often and how the corpus sends it."""

    type: int
    seen: int = 0
    focused: bool = False
    level: _Level | None = None


@dataclasses.dataclass(slots=True)
class _Command:
    """One command, and what its interactions say of its registration."""

    name: str
    type: int
    guild_ids: set[str] = dataclasses.field(default_factory=set[str])
    integration_types: set[int] = dataclasses.field(default_factory=set[int])
    samples: list[str] = dataclasses.field(default_factory=list[str])
    level: _Level = dataclasses.field(default_factory=_Level)


def _mapping(value: object) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise TypeError(f"expected a JSON object, got {value!r}")
    return typing.cast("Mapping[str, object]", value)


def _options(data: Mapping[str, object]) -> list[Mapping[str, object]]:
    value = data.get("options", [])
    if not isinstance(value, list):
        raise TypeError(f"expected a list of options, got {value!r}")
    return [_mapping(option) for option in typing.cast("list[object]", value)]


def samples() -> tuple[Sample, ...]:
    """Return every corpus sample that invokes a command, once each.

    Returns
    -------
    tuple[Sample, ...]
        The commands and autocompletes of `payloads.ALL_SAMPLES`, `payloads.MINIMAL_SAMPLES` and
        `payloads.SPELLING_SAMPLES`, in that order, without repeats.
    """
    every = (*payloads.ALL_SAMPLES, *payloads.MINIMAL_SAMPLES, *payloads.SPELLING_SAMPLES)
    return tuple(dict.fromkeys(sample for sample in every if sample.interaction_type in _KINDS))


def _visit(level: _Level, options: Sequence[Mapping[str, object]], where: str) -> None:
    level.uses += 1
    for option in options:
        name, kind = str(option["name"]), int(typing.cast("int", option["type"]))
        entry = level.options.setdefault(name, _Option(kind))
        if entry.type != kind:
            raise ValueError(f"{where}: option {name!r} has type {kind}, elsewhere {entry.type}")
        entry.seen += 1
        if kind in _SUBCOMMAND_TYPES:
            entry.level = entry.level or _Level()
            _visit(entry.level, _options(option), where)
        else:
            entry.focused = entry.focused or option.get("focused") is True


def _render_level(level: _Level) -> list[dict[str, object]]:
    rendered: list[dict[str, object]] = []
    for name, option in level.options.items():
        if option.level is not None:
            rendered.append({"name": name, "type": option.type, "options": _render_level(option.level)})
        else:
            required = option.seen == level.uses
            rendered.append({"name": name, "type": option.type, "required": required, "autocomplete": option.focused})
    return sorted(rendered, key=lambda option: option.get("required") is False)


def table() -> list[dict[str, object]]:
    """Return the corpus's commands, in the order the corpus first invokes them.

    Returns
    -------
    list[dict[str, object]]
        One JSON-ready entry per command, as the module's docstring describes.

    Raises
    ------
    ValueError
        If the corpus sends one option with two types.
    """
    commands: dict[tuple[str, int], _Command] = {}
    for sample in samples():
        data = _mapping(sample.payload["data"])
        name, kind = str(data["name"]), int(typing.cast("int", data["type"]))
        command = commands.setdefault((name, kind), _Command(name, kind))
        if "guild_id" in data:
            command.guild_ids.add(str(data["guild_id"]))
        owners = _mapping(sample.payload.get("authorizing_integration_owners", {}))
        command.integration_types.update(int(key) for key in owners)
        command.samples.append(sample.name)
        _visit(command.level, _options(data), sample.name)
    return [
        {
            "name": command.name,
            "type": command.type,
            "guild_ids": sorted(command.guild_ids),
            "integration_types": sorted(command.integration_types),
            "options": _render_level(command.level),
            "samples": command.samples,
        }
        for command in commands.values()
    ]


def render() -> str:
    """Return the table as the JSON file a driver reads.

    Returns
    -------
    str
        ``{"generated_by": ..., "commands": table()}``, indented, non-ASCII kept, with a final newline.
    """
    return json.dumps({"generated_by": GENERATED_BY, "commands": table()}, indent=2, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Write the table to the path given, or print it.

    Parameters
    ----------
    argv : Sequence[str] or None
        ``[PATH]`` or nothing; `sys.argv` without the program by default.

    Returns
    -------
    int
        0, or 2 for a usage error or a path that cannot be written.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    if len(arguments) > 1 or any(argument.startswith("-") for argument in arguments):
        print(f"usage: {GENERATED_BY} [PATH]", file=sys.stderr)
        return 2
    text = render()
    if not arguments:
        sys.stdout.write(text)
        return 0
    try:
        pathlib.Path(arguments[0]).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"{GENERATED_BY}: cannot write {arguments[0]}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
