"""The corpus's commands (`implementations.corpus_commands`), and the discord-http driver that registers them.

The driver runs in its own environment, without the suite, so it reads the commands from
``implementations/discord-http/corpus_commands.json``. Here, from the suite's side, that table is checked
against the corpus and against the driver's source; at start, the driver checks its registrations against
the table (``check_corpus_commands`` in ``bot.py``).
"""

from __future__ import annotations

import ast
import json
import pathlib
import typing

import pytest

from conformance import payloads
from conformance.payloads import Sample
from implementations import corpus_commands
from interaction_spec.enums import InteractionType

if typing.TYPE_CHECKING:
    from collections.abc import Iterator
    from collections.abc import Mapping
    from collections.abc import Sequence

_DRIVER = pathlib.Path(__file__).resolve().parent.parent / "implementations" / "discord-http"
_TABLE = _DRIVER / "corpus_commands.json"
_KINDS = (InteractionType.APPLICATION_COMMAND, InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE)
_SUBCOMMAND_TYPES = (1, 2)
_DECORATOR_TYPES = {"command": 1, "group": 1, "user_command": 2, "message_command": 3}
"""The discord-http ``Client`` decorators that register a top-level command, and the command type of each."""

_Json = dict[str, typing.Any]


def _committed() -> list[_Json]:
    data: _Json = json.loads(_TABLE.read_text(encoding="utf-8"))
    return typing.cast("list[_Json]", data["commands"])


def _invocations() -> Iterator[Sample]:
    for sample in (*payloads.ALL_SAMPLES, *payloads.MINIMAL_SAMPLES, *payloads.SPELLING_SAMPLES):
        if sample.interaction_type in _KINDS:
            yield sample


def _data(sample: Sample) -> _Json:
    return typing.cast("_Json", sample.payload["data"])


def _sent(options: Sequence[_Json], declared: Sequence[_Json], where: str) -> None:
    """Assert that every option sent is declared with its type, and that every required one is sent."""
    by_name = {option["name"]: option for option in declared}
    for option in options:
        entry = by_name.get(option["name"])
        assert entry is not None, f"{where}: option {option['name']!r} is not declared"
        assert entry["type"] == option["type"], f"{where}: option {option['name']!r} is declared as another type"
        if option["type"] in _SUBCOMMAND_TYPES:
            _sent(option.get("options", []), entry["options"], f"{where} {option['name']}")
        elif option.get("focused"):
            assert entry["autocomplete"], f"{where}: option {option['name']!r} is focused but has no autocomplete"
    sent = {option["name"] for option in options}
    missing = [option["name"] for option in declared if option.get("required") and option["name"] not in sent]
    assert not missing, f"{where}: the required options {missing} are not sent"


# --------------------------------------------------------------------------- the committed table


def test_the_drivers_table_declares_every_command_and_option_the_corpus_sends() -> None:
    commands = {(entry["name"], entry["type"]): entry for entry in _committed()}
    invoked: set[tuple[str, int]] = set()
    for sample in _invocations():
        data = _data(sample)
        key = (data["name"], data["type"])
        invoked.add(key)
        entry = commands.get(key)
        assert entry is not None, f"{sample.name}: command {data['name']!r} of type {data['type']} is not declared"
        assert sample.name in entry["samples"], sample.name
        if "guild_id" in data:
            assert data["guild_id"] in entry["guild_ids"], f"{sample.name}: not registered to its guild"
        owners = typing.cast("Mapping[str, object]", sample.payload["authorizing_integration_owners"])
        assert {int(key) for key in owners} <= set(entry["integration_types"]), sample.name
        _sent(data.get("options", []), entry["options"], sample.name)
    assert set(commands) == invoked, "the table declares a command that no sample invokes"
    assert len(invoked) == 11  # /say, /weather, /tag, /report, /roll, /tip, /poll, two user installs, two menus


def test_the_committed_table_is_the_one_the_corpus_makes() -> None:
    assert _TABLE.read_text(encoding="utf-8") == corpus_commands.render(), (
        f"{_TABLE.name} is stale: run {corpus_commands.GENERATED_BY} {_TABLE.relative_to(_DRIVER.parent.parent)}"
    )


def test_required_options_come_before_optional_ones_as_discord_requires() -> None:
    def levels(options: Sequence[_Json]) -> Iterator[list[bool]]:
        yield [option.get("required") is not False for option in options]
        for option in options:
            yield from levels(option.get("options", []))

    for entry in _committed():
        for required in levels(entry["options"]):
            assert required == sorted(required, reverse=True), entry["name"]


# --------------------------------------------------------------------------- the rules of the table


def _sample(name: str, kind: InteractionType, data: _Json, owners: Mapping[str, str] | None = None) -> Sample:
    payload = {"type": int(kind), "data": data, "authorizing_integration_owners": owners or {"0": "1"}}
    return Sample(name=name, interaction_type=kind, payload=payload, expected={})


def test_an_option_sometimes_omitted_is_optional_and_a_focused_one_has_autocomplete(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    command, autocomplete = InteractionType.APPLICATION_COMMAND, InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE
    first = {"name": "find", "type": 1, "options": [{"name": "where", "type": 3}, {"name": "what", "type": 3}]}
    second = {"name": "find", "type": 1, "guild_id": "9", "options": [{"name": "what", "type": 3, "focused": True}]}
    menu = {"name": "Inspect", "type": 3, "target_id": "5"}
    monkeypatch.setattr(payloads, "ALL_SAMPLES", (_sample("a", command, first), _sample("b", autocomplete, second)))
    monkeypatch.setattr(payloads, "MINIMAL_SAMPLES", (_sample("c", command, menu, {"1": "7"}),))
    monkeypatch.setattr(payloads, "SPELLING_SAMPLES", (_sample("a", command, first),))
    assert corpus_commands.table() == [
        {
            "name": "find",
            "type": 1,
            "guild_ids": ["9"],
            "integration_types": [0],
            "options": [
                {"name": "what", "type": 3, "required": True, "autocomplete": True},
                {"name": "where", "type": 3, "required": False, "autocomplete": False},
            ],
            "samples": ["a", "b"],
        },
        {"name": "Inspect", "type": 3, "guild_ids": [], "integration_types": [1], "options": [], "samples": ["c"]},
    ]


def test_subcommands_hold_their_own_options_and_a_type_clash_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def tag(value_type: int) -> _Json:
        show = {"name": "show", "type": 1, "options": [{"name": "name", "type": value_type}]}
        return {"name": "tag", "type": 1, "options": [show]}

    command = InteractionType.APPLICATION_COMMAND
    monkeypatch.setattr(payloads, "MINIMAL_SAMPLES", ())
    monkeypatch.setattr(payloads, "SPELLING_SAMPLES", ())
    monkeypatch.setattr(payloads, "ALL_SAMPLES", (_sample("a", command, tag(3)),))
    [entry] = corpus_commands.table()
    assert entry["options"] == [
        {"name": "show", "type": 1, "options": [{"name": "name", "type": 3, "required": True, "autocomplete": False}]}
    ]
    monkeypatch.setattr(payloads, "ALL_SAMPLES", (_sample("a", command, tag(3)), _sample("b", command, tag(4))))
    with pytest.raises(ValueError, match=r"^b: option 'name' has type 4, elsewhere 3$"):
        corpus_commands.table()


def test_the_command_writes_prints_or_names_its_problem(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "table.json"
    assert corpus_commands.main([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == corpus_commands.render()
    assert corpus_commands.main([]) == 0
    assert capsys.readouterr().out == corpus_commands.render()
    assert corpus_commands.main(["--help"]) == 2
    assert capsys.readouterr().err == f"usage: {corpus_commands.GENERATED_BY} [PATH]\n"
    assert corpus_commands.main([str(tmp_path / "missing" / "table.json")]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"{corpus_commands.GENERATED_BY}: cannot write {tmp_path}")
    assert error.count("\n") == 1


# --------------------------------------------------------------------------- the driver's source


def _call_name(decorator: ast.expr) -> tuple[str, str, str | None] | None:
    """Return ``(owner, method, name=)`` of a decorator such as ``@client.command(name="x")``."""
    if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)):
        return None
    owner = decorator.func.value
    if not isinstance(owner, ast.Name):
        return None
    names = [keyword.value for keyword in decorator.keywords if keyword.arg == "name"]
    name = names[0].value if names and isinstance(names[0], ast.Constant) else None
    return owner.id, decorator.func.attr, name if isinstance(name, str) else None


def _registrations() -> dict[str, tuple[int, list[_Json]]]:
    """Return the driver's commands by name: their type, and their options' names (a group's: its subcommands')."""
    functions = [
        node
        for node in ast.parse((_DRIVER / "bot.py").read_text(encoding="utf-8")).body
        if isinstance(node, ast.AsyncFunctionDef | ast.FunctionDef)
    ]
    commands: dict[str, tuple[int, list[_Json]]] = {}
    groups: dict[str, str] = {}
    for function in functions:
        for decorator in function.decorator_list:
            found = _call_name(decorator)
            if found is None:
                continue
            owner, method, name = found
            parameters = [{"name": argument.arg} for argument in function.args.args[1:]]
            if owner == "client" and method in _DECORATOR_TYPES:
                options = parameters if method == "command" else []  # a context menu's parameter is its target
                commands[name or function.name] = (_DECORATOR_TYPES[method], options)
                if method == "group":
                    groups[function.name] = name or function.name
            elif owner in groups and method == "command":
                commands[groups[owner]][1].append({"name": name or function.name, "options": parameters})
    return commands


def _names(options: Sequence[_Json]) -> list[_Json]:
    """Return the options' names, and a subcommand's options' names."""
    return [
        {"name": option["name"], **({"options": _names(option["options"])} if "options" in option else {})}
        for option in options
    ]


def test_the_driver_registers_every_command_of_the_table_with_its_options() -> None:
    registered = _registrations()
    for entry in _committed():
        assert entry["name"] in registered, f"bot.py registers no command {entry['name']!r}"
        assert registered[entry["name"]] == (entry["type"], _names(entry["options"])), entry["name"]


def test_the_driver_checks_its_registrations_against_the_table_before_it_serves() -> None:
    module = ast.parse((_DRIVER / "bot.py").read_text(encoding="utf-8"))
    [main] = [node for node in module.body if isinstance(node, ast.If)]
    calls = [
        ast.unparse(statement.value.func)
        for statement in main.body
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)
    ]
    assert calls[:2] == ["check_corpus_commands", "client.start"]
