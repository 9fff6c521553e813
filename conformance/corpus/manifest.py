"""The corpus manifest: what the corpus invokes, for a driver in any language to register.

Discord sends an app only the commands it has registered, and component and
modal interactions only for the custom IDs the app itself put on its messages
and modals. An endpoint that receives the corpus's interactions therefore
knows them all; ``manifest.json`` lists them, so that a driver registers them
without reading Python:

- ``commands``: the global commands, each an application command object ready
  for Discord's bulk-overwrite endpoint (``PUT /applications/{id}/commands``);
  ``guild_commands`` the same for guild commands, by guild ID;
- ``subcommands``: every subcommand invoked, by command and path;
- ``components``: every component ``custom_id`` clicked or chosen, with its type;
- ``modals``: every modal ``custom_id`` submitted, with its inputs;
- ``samples``: what each sample invokes, by sample name.

How each entry is derived is in `build`'s notes and docs/corpus.md.
``python -m conformance.corpus.manifest`` writes the file; with ``--check`` it
only says whether the file is current (exit 1 when stale).
"""

from __future__ import annotations

__all__ = ("FORMAT", "GENERATED_BY", "MANIFEST", "build", "main", "render")

import dataclasses
import importlib.resources
import json
import sys
import typing

from conformance import corpus

if typing.TYPE_CHECKING:
    from collections.abc import Mapping
    from collections.abc import Sequence

FORMAT: typing.Final = 1
"""The manifest's format version; drivers may rely on it staying 1 while the format is compatible."""
GENERATED_BY: typing.Final = "python -m conformance.corpus.manifest"
MANIFEST: typing.Final = "manifest.json"
"""The manifest's file name in the corpus folder (``conformance/corpus/manifest.json``)."""

_COMMAND, _COMPONENT, _AUTOCOMPLETE, _MODAL = 2, 3, 4, 5
_SUBCOMMAND_TYPES: typing.Final = frozenset({1, 2})
"""``SUB_COMMAND`` and ``SUB_COMMAND_GROUP``: options that hold options."""
_AUTOCOMPLETE_TYPES: typing.Final = frozenset({3, 4, 10})
"""STRING, INTEGER and NUMBER: the option types that may have autocomplete."""
_CHAT_INPUT: typing.Final = 1

_Json = dict[str, object]


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
    contexts: set[int] = dataclasses.field(default_factory=set[int])
    level: _Level = dataclasses.field(default_factory=_Level)


def _object(value: object, where: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise ValueError(f"{where}: expected a JSON object, got {value!r}")
    return typing.cast("Mapping[str, object]", value)


def _list(value: object, where: str) -> list[Mapping[str, object]]:
    if not isinstance(value, list):
        raise ValueError(f"{where}: expected a list, got {value!r}")
    return [_object(item, where) for item in typing.cast("list[object]", value)]


def _visit(
    level: _Level, options: Sequence[Mapping[str, object]], where: str, path: tuple[str, ...]
) -> tuple[str, ...]:
    """Record one use of a level; return the path of the subcommand invoked (empty for the command itself)."""
    level.uses += 1
    invoked = path
    for option in options:
        name, kind = str(option["name"]), int(typing.cast("int", option["type"]))
        entry = level.options.setdefault(name, _Option(kind))
        if entry.type != kind:
            raise ValueError(f"{where}: option {name!r} has type {kind}, elsewhere {entry.type}")
        entry.seen += 1
        if kind in _SUBCOMMAND_TYPES:
            entry.level = entry.level or _Level()
            invoked = _visit(entry.level, _list(option.get("options", []), where), where, (*path, name))
        else:
            entry.focused = entry.focused or option.get("focused") is True
    return invoked


def _render_level(level: _Level) -> list[_Json]:
    rendered: list[_Json] = []
    for name, option in level.options.items():
        entry: _Json = {"type": option.type, "name": name, "description": f"The {name} option"}
        if option.level is not None:
            entry["options"] = _render_level(option.level)
        else:
            entry["required"] = option.seen == level.uses
            if option.type in _AUTOCOMPLETE_TYPES:
                entry["autocomplete"] = option.focused
        rendered.append(entry)
    return sorted(rendered, key=lambda option: option.get("required") is False)


def _render_command(command: _Command) -> _Json:
    chat_input = command.type == _CHAT_INPUT
    rendered: _Json = {
        "type": command.type,
        "name": command.name,
        "description": f"/{command.name} of the conformance corpus" if chat_input else "",
    }
    if chat_input:
        rendered["options"] = _render_level(command.level)
    rendered["integration_types"] = sorted(command.integration_types)
    if not command.guild_ids:
        rendered["contexts"] = sorted(command.contexts)
    return rendered


def _inputs(components: Sequence[Mapping[str, object]], where: str) -> list[_Json]:
    """Return the custom IDs and types of a submitted modal's components, in order, at any depth."""
    found: list[_Json] = []
    for component in components:
        if "custom_id" in component:
            found.append({"custom_id": component["custom_id"], "type": component["type"]})
        if "component" in component:
            found.extend(_inputs([_object(component["component"], where)], where))
        found.extend(_inputs(_list(component.get("components", []), where), where))
    return found


def _unique(entries: list[_Json]) -> list[_Json]:
    return list({json.dumps(entry, sort_keys=True): entry for entry in entries}.values())


def build(samples: Sequence[corpus.RawSample]) -> _Json:
    """Return the manifest of some samples.

    Parameters
    ----------
    samples : Sequence[corpus.RawSample]
        The corpus's samples, as `corpus.raw_samples` reads them.

    Returns
    -------
    dict[str, object]
        The manifest, JSON-ready, as the module's docstring describes.

    Raises
    ------
    ValueError
        If the corpus sends one option with two types, or a payload is malformed.

    Notes
    -----
    A command's ``integration_types`` are the keys of the ``authorizing_integration_owners`` its
    interactions carry, its ``contexts`` their ``context`` values, and it is a guild command when its
    ``data.guild_id`` is set. An option the corpus sends every time its command or subcommand is used is
    required, one it omits at times is optional, and a STRING, INTEGER or NUMBER option that is ever
    focused has autocomplete. Options come in the order the corpus first sends them, required ones first,
    as Discord requires. Descriptions are made up: Discord never sends them, yet requires them for
    CHAT_INPUT commands and their options (and an empty one for user and message commands).
    """
    commands: dict[tuple[str, int], _Command] = {}
    subcommands: list[_Json] = []
    components: list[_Json] = []
    modals: list[_Json] = []
    routes: dict[str, _Json] = {}
    for sample in samples:
        kind = int(typing.cast("int", sample.payload["type"]))
        route: _Json = {"interaction_type": kind}
        routes[sample.name] = route
        if kind not in (_COMMAND, _COMPONENT, _AUTOCOMPLETE, _MODAL):
            continue
        data = _object(sample.payload.get("data"), sample.name)
        if kind in (_COMPONENT, _MODAL):
            route["custom_id"] = data["custom_id"]
            if kind == _COMPONENT:
                route["component_type"] = data["component_type"]
                components.append({"custom_id": data["custom_id"], "component_type": data["component_type"]})
            else:
                inputs = _inputs(_list(data.get("components", []), sample.name), sample.name)
                modals.append({"custom_id": data["custom_id"], "components": inputs})
            continue
        name, command_type = str(data["name"]), int(typing.cast("int", data["type"]))
        command = commands.setdefault((name, command_type), _Command(name, command_type))
        if "guild_id" in data:
            command.guild_ids.add(str(data["guild_id"]))
        owners = _object(sample.payload.get("authorizing_integration_owners", {}), sample.name)
        command.integration_types.update(int(key) for key in owners)
        if "context" in sample.payload:
            command.contexts.add(int(typing.cast("int", sample.payload["context"])))
        path = _visit(command.level, _list(data.get("options", []), sample.name), sample.name, ())
        route.update({"command": name, "command_type": command_type})
        if path:
            route["subcommand"] = list(path)
            subcommands.append({"command": name, "path": list(path)})
        if kind == _AUTOCOMPLETE:
            focused = _focused(_list(data.get("options", []), sample.name))
            if focused is not None:
                route["focused"] = focused
    global_commands = [_render_command(command) for command in commands.values() if not command.guild_ids]
    guild_commands: dict[str, list[_Json]] = {}
    for command in commands.values():
        for guild_id in sorted(command.guild_ids):
            guild_commands.setdefault(guild_id, []).append(_render_command(command))
    return {
        "format": FORMAT,
        "generated_by": GENERATED_BY,
        "application_id": _application_id(samples),
        "commands": global_commands,
        "guild_commands": guild_commands,
        "subcommands": _unique(subcommands),
        "components": _unique(components),
        "modals": _unique(modals),
        "samples": routes,
    }


def _focused(options: Sequence[Mapping[str, object]]) -> str | None:
    for option in options:
        if option.get("focused") is True:
            return str(option["name"])
        found = _focused(_list(option.get("options", []), "options"))
        if found is not None:
            return found
    return None


def _application_id(samples: Sequence[corpus.RawSample]) -> str | None:
    found = {str(sample.payload["application_id"]) for sample in samples if "application_id" in sample.payload}
    if len(found) > 1:
        raise ValueError(f"the samples belong to several applications: {sorted(found)}")
    return next(iter(found), None)


def render() -> str:
    """Return the manifest of the corpus as its file holds it.

    Returns
    -------
    str
        `build` of every sample, indented, non-ASCII kept, with a final newline.
    """
    return json.dumps(build(corpus.raw_samples()), indent=2, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Write the manifest into the corpus folder, or check that it is current.

    Parameters
    ----------
    argv : Sequence[str] or None
        ``[]`` or ``["--check"]``; `sys.argv` without the program by default.

    Returns
    -------
    int
        0; 1 when ``--check`` finds the file stale; 2 for a usage error or a file that cannot be written.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments not in ([], ["--check"]):
        print(f"usage: {GENERATED_BY} [--check]", file=sys.stderr)
        return 2
    target = importlib.resources.files(corpus).joinpath(MANIFEST)
    text = render()
    if arguments:
        try:
            current = target.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            print(f"conformance/corpus/{MANIFEST} is stale: run {GENERATED_BY}", file=sys.stderr)
            return 1
        return 0
    try:
        with importlib.resources.as_file(target) as path:
            path.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"{GENERATED_BY}: cannot write {MANIFEST}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
