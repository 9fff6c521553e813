"""The corpus manifest (``conformance/corpus/manifest.json``, docs/corpus.md) as the Python drivers read it.

The Python twin of ``corpus.cjs``: the commands, component custom IDs and modals the suite's corpus sends, which a
driver registers (Discord sends an app only what the app registered and put on its own messages and modals), and
autocomplete choices of the focused option's declared type. Only the standard library: a driver runs in its own
environment, without the suite installed, and imports this file by its folder (``sys.path``).
"""

from __future__ import annotations

__all__ = ("MANIFEST", "choices", "find_command", "load_manifest")

import json
import pathlib
import re
import typing

Json = dict[str, typing.Any]

MANIFEST: typing.Final = pathlib.Path(__file__).resolve().parent.parent / "conformance" / "corpus" / "manifest.json"
"""Where the manifest is, beside the corpus it is generated from."""
_FORMAT: typing.Final = 1
_SUBCOMMAND_TYPES: typing.Final = frozenset({1, 2})
_INTEGER: typing.Final = 4
_NUMBER: typing.Final = 10
_MAX_CHOICE_LENGTH: typing.Final = 100
_MAX_SAFE_INTEGER: typing.Final = 2**53 - 1
_LEADING_INTEGER: typing.Final = re.compile(r"[+-]?\d+")
_LEADING_NUMBER: typing.Final = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def load_manifest(path: pathlib.Path = MANIFEST) -> Json:
    """Return the manifest at ``path``.

    Raises
    ------
    SystemExit
        Naming the file, if it is of a format or holds guild commands the drivers do not read.
    """
    manifest: Json = json.loads(path.read_text(encoding="utf-8"))
    if manifest["format"] != _FORMAT:
        raise SystemExit(f"{path}: format {manifest['format']}, the drivers read format {_FORMAT}")
    if manifest["guild_commands"]:
        raise SystemExit(f"{path}: guild commands, which the drivers do not register")
    return manifest


def find_command(manifest: Json, data: Json) -> Json | None:
    """Return the manifest's command that an interaction's ``data`` invokes, or None."""
    kind = data.get("type", 1)
    return next((c for c in manifest["commands"] if c["name"] == data.get("name") and c["type"] == kind), None)


def _options(entry: Json | None) -> list[Json]:
    """Return the options of a command, a subcommand or an interaction's ``data``; none for None."""
    return typing.cast("list[Json]", entry.get("options", [])) if entry is not None else []


def _focused_option(manifest: Json, data: Json) -> tuple[object, Json] | None:
    """Return the value typed into an autocomplete's focused option and the option's declaration, or None."""
    declared = _options(find_command(manifest, data))
    sent = _options(data)
    subcommand = next((option for option in sent if option.get("type") in _SUBCOMMAND_TYPES), None)
    while subcommand is not None:
        declared = _options(next((option for option in declared if option["name"] == subcommand["name"]), None))
        sent = _options(subcommand)
        subcommand = next((option for option in sent if option.get("type") in _SUBCOMMAND_TYPES), None)
    focused = next((option for option in sent if option.get("focused")), None)
    if focused is None:
        return None
    declaration = next((option for option in declared if option["name"] == focused["name"]), None)
    return None if declaration is None else (focused.get("value"), declaration)


def choices(manifest: Json, data: Json) -> list[Json]:
    """Return autocomplete choices for an autocomplete's ``data``, as ``corpus.cjs`` does.

    The text typed, as a value of the focused option's declared type (Discord sends the typed text as a string
    whatever the type); none for a command or option the manifest does not declare.
    """
    focused = _focused_option(manifest, data)
    if focused is None:
        return []
    value, declaration = focused
    typed = str("" if value is None else value).strip()[:_MAX_CHOICE_LENGTH]
    if declaration["type"] == _INTEGER:
        integer = _LEADING_INTEGER.match(typed)
        number: int | float = int(integer.group()) if integer and abs(int(integer.group())) <= _MAX_SAFE_INTEGER else 1
        return [{"name": str(number), "value": number}]
    if declaration["type"] == _NUMBER:
        decimal = _LEADING_NUMBER.match(typed)
        number = float(decimal.group()) if decimal and abs(float(decimal.group())) <= 2**53 else 1.5
        return [{"name": _js_number(number), "value": number}]
    text = typed or str(declaration["name"])
    return [{"name": text, "value": text}]


def _js_number(number: float) -> str:
    """Return a number as ``corpus.cjs`` names it: integral numbers without a decimal point."""
    return str(int(number)) if number.is_integer() else repr(number)
