"""The custom IDs of the corpus's components and modals (`implementations.corpus_components`), and the drivers' copies.

A driver whose library dispatches by custom ID registers a handler for each of them, reading a JSON copy beside it
(flask-discord-interactions' ``corpus_components.json``); drivers that register the corpus's commands read a copy of
``corpus_commands.json``. Here every copy is checked against the corpus.
"""

from __future__ import annotations

import json
import pathlib
import typing

import pytest

from conformance import payloads
from conformance.payloads import Sample
from implementations import corpus_commands
from implementations import corpus_components
from interaction_spec.enums import InteractionType

_IMPLEMENTATIONS = pathlib.Path(__file__).resolve().parent.parent / "implementations"


def test_every_drivers_copy_of_the_corpus_tables_is_current() -> None:
    components = sorted(_IMPLEMENTATIONS.glob("*/corpus_components.json"))
    commands = sorted(_IMPLEMENTATIONS.glob("*/corpus_commands.json"))
    assert [path.parent.name for path in components] == ["flask-discord-interactions"]
    assert [path.parent.name for path in commands] == ["discord-http", "flask-discord-interactions"]
    for path in components:
        assert path.read_text(encoding="utf-8") == corpus_components.render(), (
            f"{path} is stale: run {corpus_components.GENERATED_BY} {path.relative_to(_IMPLEMENTATIONS.parent)}"
        )
    for path in commands:
        assert path.read_text(encoding="utf-8") == corpus_commands.render(), (
            f"{path} is stale: run {corpus_commands.GENERATED_BY} {path.relative_to(_IMPLEMENTATIONS.parent)}"
        )


def test_the_table_lists_the_custom_id_of_every_component_and_modal_the_corpus_sends() -> None:
    table = corpus_components.table()
    kinds = {InteractionType.MESSAGE_COMPONENT: "components", InteractionType.MODAL_SUBMIT: "modals"}
    sent: dict[str, set[str]] = {"components": set(), "modals": set()}
    for sample in (*payloads.ALL_SAMPLES, *payloads.MINIMAL_SAMPLES, *payloads.SPELLING_SAMPLES):
        if sample.interaction_type in kinds:
            data = typing.cast("dict[str, object]", sample.copy()["data"])
            sent[kinds[sample.interaction_type]].add(str(data["custom_id"]))
    assert table == {name: sorted(ids) for name, ids in sent.items()}
    assert {"poll:yes", "colours"} <= set(table["components"])
    assert {"feedback", "bug_report"} <= set(table["modals"])


def test_a_new_custom_id_in_the_corpus_joins_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    modals = (sample for sample in payloads.ALL_SAMPLES if sample.interaction_type == InteractionType.MODAL_SUBMIT)
    template = next(modals)
    payload = template.copy()
    payload["data"] = {**typing.cast("dict[str, object]", payload["data"]), "custom_id": "survey:new"}
    added = Sample(name="modal.survey", interaction_type=template.interaction_type, payload=payload, expected={})
    monkeypatch.setattr(payloads, "ALL_SAMPLES", (*payloads.ALL_SAMPLES, added))
    assert "survey:new" in corpus_components.table()["modals"]
    assert "survey:new" not in corpus_components.table()["components"]


def test_the_command_writes_prints_or_names_its_problem(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "table.json"
    assert corpus_components.main([str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["generated_by"] == corpus_components.GENERATED_BY
    assert corpus_components.main([]) == 0
    assert capsys.readouterr().out == corpus_components.render()
    assert corpus_components.main(["--help"]) == 2
    assert capsys.readouterr().err == f"usage: {corpus_components.GENERATED_BY} [PATH]\n"
    assert corpus_components.main([str(tmp_path / "missing" / "table.json")]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"{corpus_components.GENERATED_BY}: cannot write {tmp_path}")
    assert error.count("\n") == 1
