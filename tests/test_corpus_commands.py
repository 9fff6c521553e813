"""The drivers that register the corpus's commands from the corpus manifest (``conformance/corpus/manifest.json``).

The drivers run in their own environments, without the suite, so they read the manifest file themselves. Here,
from the suite's side, each driver's source is checked against the manifest: discord-http's decorated functions
register every command of it with its options, and its bot checks its registrations against the manifest before it
serves; the Node drivers build their commands, components and modals from the file (their shared
``implementations/corpus.cjs`` is run under Node), and so do the Python drivers through their shared
``implementations/corpus_manifest.py``, which must offer the same choices. The profile the Python drivers restate
(``implementations/bot_profile.py``) must be the suite's. The manifest itself is tested in ``tests/test_corpus.py``.
"""

from __future__ import annotations

import ast
import json
import pathlib
import shutil
import subprocess
import typing

import pytest

from conformance import bot
from conformance import payloads
from conformance.payloads import Sample
from implementations import bot_profile
from implementations import corpus_manifest
from interaction_spec.enums import InteractionType

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

_ROOT = pathlib.Path(__file__).resolve().parent.parent
_DRIVER = _ROOT / "implementations" / "discord-http"
_MANIFEST = _ROOT / "conformance" / "corpus" / "manifest.json"
_CORPUS_JS = _ROOT / "implementations" / "corpus.cjs"
_DECORATOR_TYPES = {"command": 1, "group": 1, "user_command": 2, "message_command": 3}
"""The discord-http ``Client`` decorators that register a top-level command, and the command type of each."""

_Json = dict[str, typing.Any]


def _committed() -> list[_Json]:
    data: _Json = json.loads(_MANIFEST.read_text(encoding="utf-8"))
    return typing.cast("list[_Json]", data["commands"])


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


def test_the_driver_registers_every_command_of_the_manifest_with_its_options() -> None:
    registered = _registrations()
    for entry in _committed():
        assert entry["name"] in registered, f"bot.py registers no command {entry['name']!r}"
        assert registered[entry["name"]] == (entry["type"], _names(entry.get("options", []))), entry["name"]


def test_the_driver_checks_its_registrations_against_the_manifest_before_it_serves() -> None:
    module = ast.parse((_DRIVER / "bot.py").read_text(encoding="utf-8"))
    [main] = [node for node in module.body if isinstance(node, ast.If)]
    calls = [
        ast.unparse(statement.value.func)
        for statement in main.body
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)
    ]
    assert calls[:2] == ["check_corpus_commands", "client.start"]
    [path] = [
        ast.unparse(node.value)
        for node in module.body
        if isinstance(node, ast.Assign) and [ast.unparse(target) for target in node.targets] == ["CORPUS_MANIFEST"]
    ]
    assert path == "pathlib.Path(__file__).resolve().parents[2] / 'conformance' / 'corpus' / 'manifest.json'"
    assert (_DRIVER / "bot.py").resolve().parents[2] / "conformance" / "corpus" / "manifest.json" == _MANIFEST


# --------------------------------------------------------------------------- the Node drivers


def _node_choices(samples: Sequence[Sample]) -> dict[str, list[_Json]]:
    """Run ``implementations/corpus.cjs`` under Node on each sample's ``data``; return the choices it offers."""
    node = shutil.which("node")
    assert node is not None, "the Node drivers' shared module needs node on the PATH"
    script = (
        "const corpus = require(process.argv[1]); const manifest = corpus.loadManifest(); const out = {};"
        "for (const [name, data] of JSON.parse(process.argv[2])) out[name] = corpus.choices(manifest, data);"
        "process.stdout.write(JSON.stringify(out));"
    )
    pairs = json.dumps([[sample.name, sample.payload["data"]] for sample in samples])
    result = subprocess.run(
        [node, "-e", script, str(_CORPUS_JS), pairs], capture_output=True, text=True, check=True, timeout=60
    )
    return typing.cast("dict[str, list[_Json]]", json.loads(result.stdout))


def test_the_node_drivers_offer_choices_of_the_focused_options_declared_type() -> None:
    samples = payloads.samples_of(InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE)
    offered = _node_choices(samples)
    value_types: dict[str, type] = {}
    for sample in samples:
        [choice] = offered[sample.name]
        value_types[sample.name] = type(choice["value"])
        assert isinstance(choice["name"], str) and 1 <= len(choice["name"]) <= 100, sample.name
    assert value_types == {
        "autocomplete.top_level": str,
        "autocomplete.subcommand": str,
        "autocomplete.integer": int,
        "autocomplete.number": float,
        "autocomplete.minimal": str,
    }
    unknown = Sample("unknown", InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE, {"data": {"name": "nope"}}, {})
    assert _node_choices([unknown]) == {"unknown": []}


def test_the_node_drivers_read_the_manifest_through_their_shared_module() -> None:
    assert "path.join(__dirname, '..', 'conformance', 'corpus', 'manifest.json')" in _CORPUS_JS.read_text("utf-8")
    slash_create = (_ROOT / "implementations" / "slash-create-express" / "bot.js").read_text(encoding="utf-8")
    assert "require('../corpus.cjs')" in slash_create
    assert "...CORPUS.commands.map(corpusCommand)" in slash_create
    discord_interactions = (_ROOT / "implementations" / "discord-interactions" / "server.js").read_text("utf-8")
    assert "import corpus from '../corpus.cjs';" in discord_interactions


def test_the_node_drivers_of_issue_20_register_the_manifest_one_by_one() -> None:
    hono = (_ROOT / "implementations" / "discord-hono" / "server.js").read_text(encoding="utf-8")
    assert "import corpus from '../corpus.cjs';" in hono
    assert "for (const command of CORPUS.commands)" in hono
    assert "for (const { custom_id: customId } of CORPUS.modals)" in hono
    dressed = _ROOT / "implementations" / "dressed"
    assert "import corpus from '../corpus.cjs';" in (dressed / "register-corpus.mjs").read_text(encoding="utf-8")
    install = json.loads((dressed / "implementation.json").read_text(encoding="utf-8"))["install"]
    assert install.index(["node", "register-corpus.mjs"]) < [command[:3] for command in install].index(
        ["npx", "--no-install", "dressed"]
    )


# --------------------------------------------------------------------------- the Python drivers


def _data(sample: Sample) -> _Json:
    return typing.cast("_Json", sample.payload["data"])


def test_the_python_drivers_offer_the_same_choices_as_the_node_drivers() -> None:
    samples = payloads.samples_of(InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE)
    manifest = corpus_manifest.load_manifest()
    offered = {sample.name: corpus_manifest.choices(manifest, _data(sample)) for sample in samples}
    assert offered == _node_choices(samples)
    assert {type(choice["value"]) for [choice] in offered.values()} == {str, int, float}
    assert corpus_manifest.choices(manifest, {"name": "nope", "options": []}) == []


def test_the_python_drivers_find_only_the_manifests_commands() -> None:
    manifest = corpus_manifest.load_manifest()
    for entry in _committed():
        assert corpus_manifest.find_command(manifest, {"name": entry["name"], "type": entry["type"]}) == entry
    assert corpus_manifest.find_command(manifest, {"name": "say", "type": 2}) is None
    assert corpus_manifest.find_command(manifest, {"name": "echo"}) is None


@pytest.mark.parametrize(
    ("change", "problem"),
    [({"format": 2}, "format 2, the drivers read format 1"), ({"guild_commands": {"1": []}}, "guild commands")],
)
def test_the_python_drivers_refuse_a_manifest_they_cannot_read(
    tmp_path: pathlib.Path, change: _Json, problem: str
) -> None:
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps({**json.loads(_MANIFEST.read_text(encoding="utf-8")), **change}), encoding="utf-8")
    with pytest.raises(SystemExit, match=rf"^{path}: {problem}"):
        corpus_manifest.load_manifest(path)


def test_the_python_drivers_read_the_manifest_and_profile_through_their_shared_modules() -> None:
    assert corpus_manifest.MANIFEST == _MANIFEST
    for driver in ("discord-interactions-py", "flask-discord-interactions"):
        source = (_ROOT / "implementations" / driver / "bot.py").read_text(encoding="utf-8")
        assert "sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))" in source, driver
        assert "CORPUS = corpus_manifest.load_manifest()" in source, driver
        assert "from bot_profile import pick_choices" in source, driver


def test_the_profile_the_python_drivers_restate_is_the_suites() -> None:
    for name in bot_profile.__all__:
        if name != "pick_choices":
            assert getattr(bot_profile, name) == getattr(bot, name), name
    for typed in ("", "bA", "zzz"):
        assert bot_profile.pick_choices("fruit", typed) == [
            {"name": name, "value": value} for name, value in bot.fruit_choices(typed)
        ]
    for typed in ("", "12", " 7 ", "x"):
        assert bot_profile.pick_choices("number", typed) == [
            {"name": name, "value": value} for name, value in bot.number_choices(typed)
        ]
    assert bot_profile.pick_choices("colour", "") == []
