"""The corpus as data (`conformance.corpus`): its files, its reader, its manifest, and the wheel that ships them."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
import typing
import zipfile

import pytest

from conformance import corpus
from conformance import payloads
from conformance.corpus import manifest
from interaction_spec.enums import InteractionType
from tests.typecases import runner as typecases

if typing.TYPE_CHECKING:
    from collections.abc import Iterator
    from collections.abc import Mapping
    from collections.abc import Sequence

_REPO = pathlib.Path(__file__).resolve().parent.parent
_FOLDER = _REPO / "conformance" / "corpus"
_KINDS = (InteractionType.APPLICATION_COMMAND, InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE)
_SUBCOMMAND_TYPES = (1, 2)

_Json = dict[str, typing.Any]


# --------------------------------------------------------------------------- the files and their reader


def test_every_sample_file_is_listed_once_and_named_after_its_sample() -> None:
    files = sorted(path.stem for path in (_FOLDER / "samples").glob("*.json"))
    assert files == sorted(corpus.index().samples)
    assert [sample.name for sample in payloads.ALL_SAMPLES] == list(corpus.index().samples)
    for raw in corpus.raw_samples():
        assert raw.description, f"{raw.name} has no description"


def test_the_python_samples_are_the_data_with_python_types() -> None:
    raw = {sample.name: sample for sample in corpus.raw_samples()}
    for sample in payloads.ALL_SAMPLES:
        data = raw[sample.name]
        assert sample.payload == data.payload
        assert sample.body() == json.dumps(data.payload, separators=(",", ":")).encode()
        assert sample.description == data.description
        assert sample.interaction_type is InteractionType(typing.cast("int", data.payload["type"]))
        assert sample.expected["type"] is sample.interaction_type
        assert sample.expected["id"] == int(typing.cast("str", data.payload["id"]))
        assert isinstance(data.expected["id"], str)  # snowflakes beyond 2**53 are strings in the data
    options = payloads.COMMAND_ENTITY_OPTIONS.expected["options"]
    assert options == {
        "user": 641381894767771648,
        "channel": 816385675032137306,
        "notify": 817069418604528726,
        "evidence": 1379750222284066501,
    }
    assert payloads.MODAL_FILE_UPLOAD.expected["values"] == {
        "bug:files": ("1379802203941898613", "1379802205363765393"),
        "bug:area": None,
        "bug:reproducible": True,
        "bug:platforms": ("desktop", "android"),
    }
    assert payloads.COMPONENT_ROLE_SELECT.expected["values"] == ("817069418604528726", "933398085369856000")


def test_focused_integer_and_number_values_are_strings_and_the_data_says_why() -> None:
    for sample in (payloads.AUTOCOMPLETE_INTEGER, payloads.AUTOCOMPLETE_NUMBER):
        assert isinstance(sample.expected["focused_value"], str)
        assert "is a string whatever the option's type" in sample.description, sample.name
        assert "issue #4338" in sample.description, sample.name


def _message_components(components: Sequence[_Json]) -> Iterator[_Json]:
    for component in components:
        yield component
        yield from _message_components(component.get("components", []))
        if "accessory" in component:
            yield component["accessory"]


def test_the_samples_have_the_shapes_discord_sends_today() -> None:
    entitlements: list[_Json] = []
    for sample in payloads.ALL_SAMPLES:
        entitlements.extend(typing.cast("list[_Json]", sample.payload.get("entitlements", [])))
    assert len(entitlements) == 3  # Alice's subscription, in the three samples from her DM with the bot
    for entitlement in entitlements:
        assert (entitlement["type"], entitlement["ends_at"]) == (1, None)  # change-log.mdx:2314, "New System"
    channels: list[_Json] = []
    for sample in payloads.ALL_SAMPLES:
        resolved = typing.cast("_Json", sample.payload.get("data", {})).get("resolved", {})
        channels.extend(resolved.get("channels", {}).values())
    assert len(channels) == 2
    assert all(isinstance(channel.get("app_permissions"), str) for channel in channels)  # change-log.mdx:106
    selects = [
        sample
        for sample in payloads.samples_of(InteractionType.MESSAGE_COMPONENT)
        if typing.cast("_Json", sample.payload["data"])["component_type"] in (3, 5, 6, 7, 8)
    ]
    assert len(selects) == 4
    for sample in selects:
        data = typing.cast("_Json", sample.payload["data"])
        message = typing.cast("_Json", sample.payload["message"])
        [component] = [c for c in _message_components(message["components"]) if c.get("custom_id") == data["custom_id"]]
        assert data["id"] == component["id"], sample.name  # components/reference.mdx: "id | integer" of each select


def test_a_corpus_file_that_is_missing_or_malformed_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(corpus.CorpusError, match=r"^corpus file samples/nothing\.json: "):
        corpus.read_json("samples/nothing.json")
    files: dict[str, object] = {}

    def read_json(name: str) -> object:
        return files[name]

    monkeypatch.setattr(corpus, "read_json", read_json)
    files["samples/ping.json"] = {"name": "other", "description": "", "payload": {}, "expected": {}}
    with pytest.raises(corpus.CorpusError, match=r"^samples/ping\.json: its name is 'other'$"):
        corpus.read_sample("ping")
    files["samples/ping.json"] = {"name": "ping", "payload": {}}
    with pytest.raises(corpus.CorpusError, match=r"^samples/ping\.json: keys \['name', 'payload'\], expected"):
        corpus.read_sample("ping")
    files["samples/ping.json"] = []
    with pytest.raises(corpus.CorpusError, match=r"^samples/ping\.json: expected a JSON object$"):
        corpus.read_sample("ping")


# --------------------------------------------------------------------------- the manifest


def test_the_committed_manifest_is_current() -> None:
    assert (_FOLDER / manifest.MANIFEST).read_text(encoding="utf-8") == manifest.render(), (
        f"conformance/corpus/{manifest.MANIFEST} is stale: run {manifest.GENERATED_BY}"
    )
    assert manifest.main(["--check"]) == 0


def test_check_fails_on_a_stale_manifest_and_usage_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(manifest, "render", lambda: "{}\n")
    assert manifest.main(["--check"]) == 1
    assert capsys.readouterr().err == f"conformance/corpus/manifest.json is stale: run {manifest.GENERATED_BY}\n"
    assert manifest.main(["--write"]) == 2
    assert capsys.readouterr().err == f"usage: {manifest.GENERATED_BY} [--check]\n"


def _committed() -> _Json:
    return typing.cast("_Json", json.loads((_FOLDER / manifest.MANIFEST).read_text(encoding="utf-8")))


def _invocations() -> Iterator[payloads.Sample]:
    return (sample for sample in payloads.ALL_SAMPLES if sample.interaction_type in _KINDS)


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


def test_the_manifest_declares_every_command_option_custom_id_and_modal_the_corpus_sends() -> None:
    committed = _committed()
    assert committed["format"] == 1
    assert committed["application_id"] == payloads.PING.payload["application_id"]
    commands = {(entry["name"], entry["type"]): entry for entry in committed["commands"]}
    assert committed["guild_commands"] == {}  # no sample carries data.guild_id
    invoked: set[tuple[str, int]] = set()
    for sample in _invocations():
        data = typing.cast("_Json", sample.payload["data"])
        key = (data["name"], data["type"])
        invoked.add(key)
        entry = commands.get(key)
        assert entry is not None, f"{sample.name}: command {data['name']!r} of type {data['type']} is not declared"
        owners = typing.cast("Mapping[str, object]", sample.payload["authorizing_integration_owners"])
        assert {int(key) for key in owners} <= set(entry["integration_types"]), sample.name
        assert sample.payload["context"] in entry["contexts"], sample.name
        _sent(data.get("options", []), entry.get("options", []), sample.name)
        route = committed["samples"][sample.name]
        assert (route["command"], route["command_type"]) == key
    assert set(commands) == invoked, "the manifest declares a command that no sample invokes"
    assert len(invoked) == 11  # /say, /weather, /tag, /report, /roll, /tip, /poll, two user installs, two menus
    custom_ids = {(entry["custom_id"], entry["component_type"]) for entry in committed["components"]}
    clicked: set[tuple[str, int]] = set()
    for sample in payloads.samples_of(InteractionType.MESSAGE_COMPONENT):
        data = typing.cast("_Json", sample.payload["data"])
        clicked.add((data["custom_id"], data["component_type"]))
        assert (data["custom_id"], data["component_type"]) in custom_ids, sample.name
    assert custom_ids == clicked, "the manifest lists a component that no sample clicks"
    assert {"poll:yes", "colours"} <= {custom_id for custom_id, _ in custom_ids}
    modals = {entry["custom_id"]: entry for entry in committed["modals"]}
    submitted_modals: set[str] = set()
    for sample in payloads.samples_of(InteractionType.MODAL_SUBMIT):
        submitted = typing.cast("Mapping[str, object]", sample.expected["values"])
        submitted_modals.add(typing.cast("str", sample.expected["custom_id"]))
        entry = modals[typing.cast("str", sample.expected["custom_id"])]
        assert [component["custom_id"] for component in entry["components"]] == list(submitted), sample.name
    assert set(modals) == submitted_modals, "the manifest lists a modal that no sample submits"
    assert {"feedback", "bug_report"} <= submitted_modals
    assert list(committed["samples"]) == [sample.name for sample in payloads.ALL_SAMPLES]


def test_commands_are_ready_for_discords_bulk_overwrite() -> None:
    """Each command has the fields Discord's create-command body takes, and only those."""

    def options(entries: Sequence[_Json], where: str) -> Iterator[_Json]:
        required = [entry.get("required") is not False for entry in entries]
        assert required == sorted(required, reverse=True), f"{where}: an optional option before a required one"
        for entry in entries:
            assert 1 <= len(entry["description"]) <= 100, where
            if entry["type"] in _SUBCOMMAND_TYPES:
                assert set(entry) == {"type", "name", "description", "options"}, where
                yield from options(entry["options"], f"{where} {entry['name']}")
            else:
                assert set(entry) - {"autocomplete"} == {"type", "name", "description", "required"}, where
                assert ("autocomplete" in entry) == (entry["type"] in (3, 4, 10)), where
                yield entry

    for command in _committed()["commands"]:
        if command["type"] == 1:
            assert set(command) == {"type", "name", "description", "options", "integration_types", "contexts"}
            assert 1 <= len(command["description"]) <= 100
            assert command["name"] == command["name"].lower()
            list(options(command["options"], command["name"]))
        else:
            assert set(command) == {"type", "name", "description", "integration_types", "contexts"}
            assert command["description"] == ""


def _raw(name: str, kind: InteractionType, data: _Json, owners: Mapping[str, str] | None = None) -> corpus.RawSample:
    payload = {
        "application_id": "7",
        "type": int(kind),
        "data": data,
        "authorizing_integration_owners": owners or {"0": "1"},
        "context": 0,
    }
    return corpus.RawSample(name, "", payload, {})


def _build(samples: Sequence[corpus.RawSample]) -> _Json:
    return manifest.build(samples)


def test_an_option_sometimes_omitted_is_optional_and_a_focused_one_has_autocomplete() -> None:
    command, autocomplete = InteractionType.APPLICATION_COMMAND, InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE
    first = {"name": "find", "type": 1, "options": [{"name": "where", "type": 3}, {"name": "what", "type": 3}]}
    second = {"name": "find", "type": 1, "guild_id": "9", "options": [{"name": "what", "type": 3, "focused": True}]}
    menu = {"name": "Inspect", "type": 3, "target_id": "5"}
    built = _build([_raw("a", command, first), _raw("b", autocomplete, second), _raw("c", command, menu, {"1": "7"})])
    find = {
        "type": 1,
        "name": "find",
        "description": "/find of the conformance corpus",
        "options": [
            {"type": 3, "name": "what", "description": "The what option", "required": True, "autocomplete": True},
            {"type": 3, "name": "where", "description": "The where option", "required": False, "autocomplete": False},
        ],
        "integration_types": [0],
    }
    assert built["guild_commands"] == {"9": [find]}
    assert built["commands"] == [
        {"type": 3, "name": "Inspect", "description": "", "integration_types": [1], "contexts": [0]}
    ]
    assert built["samples"]["b"] == {"interaction_type": 4, "command": "find", "command_type": 1, "focused": "what"}


def test_subcommands_hold_their_own_options_and_a_type_clash_is_an_error() -> None:
    def tag(value_type: int) -> _Json:
        show = {"name": "show", "type": 1, "options": [{"name": "name", "type": value_type}]}
        return {"name": "tag", "type": 1, "options": [show]}

    command = InteractionType.APPLICATION_COMMAND
    built = _build([_raw("a", command, tag(3))])
    [entry] = built["commands"]
    name = {"type": 3, "name": "name", "description": "The name option", "required": True, "autocomplete": False}
    assert entry["options"] == [{"type": 1, "name": "show", "description": "The show option", "options": [name]}]
    assert built["subcommands"] == [{"command": "tag", "path": ["show"]}]
    assert built["samples"]["a"]["subcommand"] == ["show"]
    with pytest.raises(ValueError, match=r"^b: option 'name' has type 4, elsewhere 3$"):
        manifest.build([_raw("a", command, tag(3)), _raw("b", command, tag(4))])


def test_components_and_modals_list_their_custom_ids_once() -> None:
    click = {"component_type": 2, "custom_id": "go"}
    inputs: list[_Json] = [
        {"id": 1, "type": 1, "components": [{"custom_id": "a", "id": 2, "type": 4, "value": "x"}]},
        {"id": 3, "type": 18, "component": {"custom_id": "b", "id": 4, "type": 3, "values": []}},
        {"id": 5, "type": 10, "content": "text"},
    ]
    submit = {"custom_id": "form", "components": inputs}
    built = _build(
        [
            _raw("a", InteractionType.MESSAGE_COMPONENT, click),
            _raw("b", InteractionType.MESSAGE_COMPONENT, click),
            _raw("c", InteractionType.MODAL_SUBMIT, submit),
        ]
    )
    assert built["components"] == [{"custom_id": "go", "component_type": 2}]
    assert built["modals"] == [
        {"custom_id": "form", "components": [{"custom_id": "a", "type": 4}, {"custom_id": "b", "type": 3}]}
    ]
    assert built["samples"]["c"] == {"interaction_type": 5, "custom_id": "form"}


# --------------------------------------------------------------------------- the wheel


def test_the_wheel_ships_the_corpus_and_the_samples_load_from_it(tmp_path: pathlib.Path) -> None:
    wheel = typecases.build_wheel(_REPO, tmp_path / "dist")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"conformance/corpus/samples/{name}.json" for name in corpus.index().samples}
    expected |= {"conformance/corpus/index.json", "conformance/corpus/manifest.json"}
    assert expected <= names, sorted(expected - names)
    site = typecases.install_wheel(wheel, tmp_path / "site")
    probe = "from conformance import payloads; print(len(payloads.ALL_SAMPLES), payloads.__file__)"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    count, where = result.stdout.split()
    assert int(count) == len(payloads.ALL_SAMPLES)
    assert pathlib.Path(where).is_relative_to(site)
