"""Each reply clause's check accepts what Discord accepts and names what it refuses (conformance.reply_checks)."""

from __future__ import annotations

import json
import typing

import pytest

from conformance import payloads
from conformance.model import CaseFailure
from conformance.model import Reply
from conformance.model import ReplyFile
from conformance.reply_checks import REPLY_CHECKS
from conformance.reply_checks import expect_callback_type_valid
from conformance.reply_checks import expect_callback_valid
from conformance.reply_checks import focused_option_type
from conformance.reply_checks import read_callback
from interaction_spec import InteractionType

_COMMAND: typing.Final = payloads.default_sample(InteractionType.APPLICATION_COMMAND).payload
_COMPONENT: typing.Final = payloads.default_sample(InteractionType.MESSAGE_COMPONENT).payload
_MODAL_SUBMIT: typing.Final = payloads.default_sample(InteractionType.MODAL_SUBMIT).payload
_V2_COMPONENT: typing.Final = next(s for s in payloads.ALL_SAMPLES if s.name == "component.components_v2").payload
_KEPT_ID: typing.Final = "1379460907586945999"


def _with_attachment(interaction: typing.Mapping[str, object], attachment_id: str) -> dict[str, object]:
    """Return the interaction with one attachment of that ID on its message: a file an edit may keep."""
    message = typing.cast("dict[str, object]", interaction["message"])
    return {**interaction, "message": {**message, "attachments": [{"id": attachment_id, "filename": "a.png"}]}}


def _autocomplete(option_type: int) -> dict[str, object]:
    return {
        "type": 4,
        "data": {
            "name": "pick",
            "options": [{"name": "sub", "type": 1, "options": [{"name": "x", "type": option_type, "focused": True}]}],
        },
    }


def _reply(callback: object, status: int = 200, files: tuple[ReplyFile, ...] = ()) -> Reply:
    body = json.dumps(callback).encode()
    return Reply(status, body, "application/json", None, {}, files, 0.0)


def _label(child: typing.Mapping[str, object], label: str = "Your answer") -> dict[str, object]:
    return {"type": 18, "label": label, "component": child}


_TEXT_INPUT: typing.Final[dict[str, object]] = {"type": 4, "custom_id": "text", "style": 1}
_MODAL: typing.Final[dict[str, object]] = {
    "type": 9,
    "data": {"title": "Tell us", "custom_id": "modal", "components": [_label(_TEXT_INPUT)]},
}


def _modal(**changes: object) -> dict[str, object]:
    return {"type": 9, "data": {**typing.cast("dict[str, object]", _MODAL["data"]), **changes}}


def _button(custom_id: str) -> dict[str, object]:
    return {"type": 2, "style": 1, "label": "Go", "custom_id": custom_id}


def _rows(count: int) -> list[dict[str, object]]:
    return [{"type": 1, "components": [_button(f"b{index}")]} for index in range(count)]


# (clause, interaction, callback, expected text of the failure or None when Discord takes it)
_CASES: typing.Final[list[tuple[str, typing.Mapping[str, object], dict[str, object], str | None]]] = [
    ("reply.valid-callback", _COMMAND, {"type": 4, "data": {"content": "hi"}}, None),
    ("reply.valid-callback", _COMMAND, {"type": 7, "data": {"content": "hi"}}, "not valid for APPLICATION_COMMAND"),
    ("reply.valid-callback", _MODAL_SUBMIT, {"type": 7, "data": {"content": "edited"}}, None),
    ("reply.valid-callback", _MODAL_SUBMIT, {"type": 6}, None),
    ("reply.valid-callback", _MODAL_SUBMIT, _MODAL, "not valid for MODAL_SUBMIT"),
    ("reply.valid-callback", _COMMAND, {"type": 10}, None),
    ("reply.valid-callback", _autocomplete(3), {"type": 10}, "not valid"),
    ("reply.valid-callback", _COMMAND, {"type": "4", "data": {}}, "not valid"),
    ("reply.valid-callback", _COMMAND, {"type": 4, "data": []}, "data is not an object"),
    ("reply.valid-callback", _COMMAND, {"type": 4, "data": None}, None),
    ("reply.premium-required", _COMMAND, {"type": 10}, "deprecated PREMIUM_REQUIRED"),
    ("reply.premium-required", _COMMAND, {"type": 4, "data": {}}, None),
    ("reply.flags", _COMMAND, {"type": 4, "data": {"flags": 64 | 4 | 4096}}, None),
    ("reply.flags", _COMMAND, {"type": 4, "data": {"flags": 2}}, "IS_CROSSPOST may not be set"),
    ("reply.flags", _COMMAND, {"type": 4, "data": {"flags": -1}}, "non-negative integer"),
    ("reply.flags", _COMMAND, {"type": 4, "data": {"flags": True}}, "non-negative integer"),
    ("reply.flags", _COMMAND, {"type": 5, "data": {"flags": 64}}, None),
    ("reply.flags", _COMMAND, {"type": 5, "data": {"flags": 4}}, "SUPPRESS_EMBEDS may not be set"),
    ("reply.flags", _COMMAND, {"type": 4, "data": {"flags": 1 << 15, "content": "x"}}, "carries content"),
    ("reply.flags", _COMMAND, {"type": 4, "data": {"flags": 1 << 15, "components": []}}, None),
    ("reply.flags", _COMMAND, {"type": 4, "data": {"flags": None, "content": "x"}}, None),
    ("reply.flags", _COMMAND, {"type": 5, "data": {"flags": None}}, None),
    (
        "reply.flags",
        _COMMAND,
        {"type": 4, "data": {"flags": 1 << 15, "content": None, "embeds": None, "components": []}},
        None,
    ),
    ("reply.flags", _V2_COMPONENT, {"type": 7, "data": {"components": []}}, None),
    (
        "reply.flags",
        _V2_COMPONENT,
        {"type": 7, "data": {"content": "edited"}},
        "IS_COMPONENTS_V2 \\(the message it edits has IS_COMPONENTS_V2\\) carries content",
    ),
    ("reply.flags", _COMPONENT, {"type": 7, "data": {"content": "edited"}}, None),
    ("reply.flags", _V2_COMPONENT, {"type": 4, "data": {"content": "a new message"}}, None),
    ("reply.message-limits", _COMMAND, {"type": 4, "data": {"content": "é" * 2000}}, None),
    ("reply.message-limits", _COMMAND, {"type": 4, "data": {"content": "x" * 2001}}, "at most 2000"),
    ("reply.message-limits", _COMMAND, {"type": 4, "data": {"embeds": [{}] * 11}}, "11 embeds"),
    (
        "reply.message-limits",
        _COMMAND,
        {"type": 4, "data": {"embeds": [{"title": "t" * 3000}, {"fields": [{"name": "n", "value": "v" * 3000}]}]}},
        "6001 characters",
    ),
    ("reply.message-limits", _COMMAND, {"type": 4, "data": {"embeds": None, "content": "hi"}}, None),
    (
        "reply.message-limits",
        _COMMAND,
        {"type": 4, "data": {"embeds": [{"title": " " * 100 + "t" * 3000 + "\n" * 100}, {"description": "d" * 3000}]}},
        None,
    ),
    (
        "reply.message-limits",
        _COMMAND,
        {"type": 4, "data": {"embeds": [{"title": "t" * 3000, "fields": [{"name": " n ", "value": "v" * 3000}]}]}},
        "6001 characters",
    ),
    (
        "reply.message-limits",
        _V2_COMPONENT,
        {"type": 7, "data": {"components": [{"type": 17, "components": _rows(6)}]}},
        None,
    ),
    (
        "reply.message-limits",
        _V2_COMPONENT,
        {"type": 7, "data": {"components": [{"type": 17, "components": _rows(20)}]}},
        "41 components, more than 40",
    ),
    ("reply.message-limits", _COMPONENT, {"type": 7, "data": {"components": _rows(5)}}, None),
    ("reply.message-limits", _COMPONENT, {"type": 7, "data": {"components": _rows(6)}}, "6 top-level components"),
    (
        "reply.message-limits",
        _COMMAND,
        {"type": 4, "data": {"flags": 1 << 15, "components": [{"type": 17, "components": _rows(20)}]}},
        "41 components, more than 40",
    ),
    (
        "reply.message-limits",
        _COMMAND,
        {"type": 4, "data": {"components": [{"type": 1, "components": [_button("a"), _button("a")]}]}},
        "custom_id 'a' is used twice",
    ),
    (
        "reply.message-limits",
        _COMMAND,
        {"type": 4, "data": {"allowed_mentions": {"parse": ["users"], "users": ["1"]}}},
        "beside a list of allowed_mentions.users",
    ),
    (
        "reply.message-limits",
        _COMMAND,
        {"type": 4, "data": {"allowed_mentions": {"parse": ["users"], "users": []}}},
        None,
    ),
    ("reply.modal", _COMMAND, _MODAL, None),
    ("reply.modal", _COMMAND, _modal(title="t" * 46), "title must be a string of 1 to 45"),
    ("reply.modal", _COMMAND, _modal(custom_id=""), "custom_id must be a string of 1 to 100"),
    ("reply.modal", _COMMAND, _modal(components=[_label(_TEXT_INPUT)] * 6), "1 to 5 component objects"),
    ("reply.modal", _COMMAND, _modal(components=[[_label(_TEXT_INPUT)], []]), "1 to 5 component objects"),
    ("reply.modal", _COMMAND, _modal(components=[_label(_TEXT_INPUT, "l" * 46)]), "label must be a string"),
    ("reply.modal", _COMMAND, _modal(components=[_label({**_TEXT_INPUT, "disabled": True})]), "is disabled"),
    ("reply.modal", _COMMAND, _modal(components=[_label({**_TEXT_INPUT, "max_length": 4001})]), "0 to 4000"),
    ("reply.modal", _COMMAND, _modal(components=[_label(_button("b"))]), "wraps a component of type 2"),
    ("reply.modal", _COMMAND, _modal(components=[{"type": 10, "content": "Read me"}, _label(_TEXT_INPUT)]), None),
    ("reply.modal", _COMMAND, _modal(components=[{"type": 1, "components": [_TEXT_INPUT]}]), None),
    ("reply.modal", _COMMAND, _modal(components=[{"type": 1, "components": [_button("b")]}]), "one text input"),
    ("reply.modal", _COMMAND, _modal(components=[{"type": 17, "components": _rows(0)}]), "type 17 is not allowed"),
    ("reply.modal-label", _COMMAND, _MODAL, None),
    ("reply.modal-label", _COMMAND, _modal(components=[{"type": 1, "components": [_TEXT_INPUT]}]), "deprecated"),
    ("reply.autocomplete", _autocomplete(3), {"type": 8, "data": {"choices": [{"name": "A", "value": "a"}]}}, None),
    ("reply.autocomplete", _autocomplete(4), {"type": 8, "data": {"choices": [{"name": "One", "value": 1}]}}, None),
    ("reply.autocomplete", _autocomplete(10), {"type": 8, "data": {"choices": [{"name": "Pi", "value": 3.14}]}}, None),
    (
        "reply.autocomplete",
        _autocomplete(4),
        {"type": 8, "data": {"choices": [{"name": "One", "value": "1"}]}},
        "is a string for an option of type 4",
    ),
    (
        "reply.autocomplete",
        _autocomplete(4),
        {"type": 8, "data": {"choices": [{"name": "Half", "value": 0.5}]}},
        "not an integer",
    ),
    (
        "reply.autocomplete",
        _autocomplete(3),
        {"type": 8, "data": {"choices": [{"name": "One", "value": 1}]}},
        "must be a string",
    ),
    (
        "reply.autocomplete",
        _autocomplete(10),
        {"type": 8, "data": {"choices": [{"name": "Yes", "value": True}]}},
        "does not match",
    ),
    (
        "reply.autocomplete",
        _autocomplete(3),
        {"type": 8, "data": {"choices": [{"name": "A", "value": "a"}] * 26}},
        "26 choices",
    ),
    (
        "reply.autocomplete",
        _autocomplete(3),
        {"type": 8, "data": {"choices": [{"name": "n" * 101, "value": "a"}]}},
        "name must be a string of 1 to 100",
    ),
    (
        "reply.autocomplete",
        _autocomplete(3),
        {"type": 8, "data": {"choices": [{"name": "A", "value": "v" * 101}]}},
        "string choice value must be a string of 0 to 100",
    ),
    ("reply.autocomplete", _autocomplete(3), {"type": 8, "data": {}}, "needs a choices array"),
]


@pytest.mark.parametrize(
    ("clause_id", "interaction", "callback", "refused"),
    _CASES,
    ids=[f"{clause_id}:{index}" for index, (clause_id, *_) in enumerate(_CASES)],
)
def test_each_check_takes_what_discord_takes(
    clause_id: str, interaction: typing.Mapping[str, object], callback: dict[str, object], refused: str | None
) -> None:
    read = read_callback(_reply(callback), interaction)
    assert read is not None
    if refused is None:
        assert REPLY_CHECKS[clause_id](read) is True
    else:
        with pytest.raises(CaseFailure, match=refused):
            REPLY_CHECKS[clause_id](read)


@pytest.mark.parametrize(
    ("clause_id", "callback"),
    [
        ("reply.flags", _MODAL),
        ("reply.message-limits", {"type": 5}),
        ("reply.modal", {"type": 4, "data": {"content": "hi"}}),
        ("reply.modal-label", {"type": 4, "data": {"content": "hi"}}),
        ("reply.autocomplete", {"type": 4, "data": {"content": "hi"}}),
    ],
)
def test_a_check_says_when_its_clause_does_not_constrain_the_callback(
    clause_id: str, callback: dict[str, object]
) -> None:
    read = read_callback(_reply(callback), _COMMAND)
    assert read is not None
    assert REPLY_CHECKS[clause_id](read) is False


def test_status_wants_200_for_a_callback() -> None:
    read = read_callback(_reply({"type": 4, "data": {}}, status=201), _COMMAND)
    assert read is not None
    with pytest.raises(CaseFailure, match="status 201, not 200"):
        REPLY_CHECKS["reply.status"](read)
    accepted = read_callback(_reply({"type": 4, "data": {}}, status=202), _COMMAND)
    assert accepted is not None
    with pytest.raises(CaseFailure, match="status 202"):
        REPLY_CHECKS["reply.status"](accepted)


def test_no_callback_in_a_reply_without_a_body_or_not_2xx() -> None:
    assert read_callback(Reply(202, b"", None, None, {}, (), 0.0), _COMMAND) is None
    assert read_callback(Reply(500, b"{}", "application/json", None, {}, (), 0.0), _COMMAND) is None
    assert expect_callback_valid(Reply(204, b"", None, None, {}, (), 0.0), _COMMAND) is None


def test_files_on_the_wire() -> None:
    good = (ReplyFile("a.txt", b"a", "files[0]"), ReplyFile("b.txt", b"b", "files[1]"))
    callback = {"type": 4, "data": {"attachments": [{"id": 0}, {"id": "1"}]}}
    read = read_callback(_reply(callback, files=good), _COMMAND)
    assert read is not None
    assert REPLY_CHECKS["reply.files"](read) is True
    for files, refused in [
        ((ReplyFile("a.txt", b"a", "file0"),), "not files\\[n\\]"),
        ((ReplyFile("", b"a", "files[0]"),), "has no filename"),
        ((ReplyFile("a.txt", b"a", "files[0]"), ReplyFile("b.txt", b"b", "files[0]")), "two file parts"),
        ((ReplyFile("a.txt", b"a", "files[3]"), ReplyFile("b.txt", b"b", "files[1]")), "attachment id 0"),
    ]:
        broken = read_callback(_reply(callback, files=files), _COMMAND)
        assert broken is not None
        with pytest.raises(CaseFailure, match=refused):
            REPLY_CHECKS["reply.files"](broken)
    eleven = tuple(ReplyFile(f"{n}.txt", b"", f"files[{n}]") for n in range(11))
    too_many = read_callback(_reply({"type": 4, "data": {}}, files=eleven), _COMMAND)
    assert too_many is not None
    with pytest.raises(CaseFailure, match="11 files, more than 10"):
        REPLY_CHECKS["reply.files-limit"](too_many)


def test_an_edit_keeps_the_files_it_names_by_snowflake() -> None:
    one = (ReplyFile("new.txt", b"n", "files[0]"),)
    edit = {"type": 7, "data": {"attachments": [{"id": _KEPT_ID}, {"id": 0}]}}
    keeps = read_callback(_reply(edit, files=one), _with_attachment(_COMPONENT, _KEPT_ID))
    assert keeps is not None
    assert REPLY_CHECKS["reply.files"](keeps) is True
    stranger = read_callback(_reply(edit, files=one), _with_attachment(_COMPONENT, "1379460907586945000"))
    assert stranger is not None
    with pytest.raises(CaseFailure, match="nor an attachment of the message it edits"):
        REPLY_CHECKS["reply.files"](stranger)
    created = read_callback(_reply({**edit, "type": 4}, files=one), _with_attachment(_COMPONENT, _KEPT_ID))
    assert created is not None
    with pytest.raises(CaseFailure, match=f"attachment id '{_KEPT_ID}' names no files"):
        REPLY_CHECKS["reply.files"](created)


def test_files_limit_wants_at_most_ten() -> None:
    eleven = tuple(ReplyFile(f"{n}.txt", b"", f"files[{n}]") for n in range(11))
    too_many = read_callback(_reply({"type": 4, "data": {}}, files=eleven), _COMMAND)
    assert too_many is not None
    with pytest.raises(CaseFailure, match="11 files, more than 10"):
        REPLY_CHECKS["reply.files-limit"](too_many)


def test_the_full_check_names_the_clause_broken() -> None:
    with pytest.raises(CaseFailure, match=r"^\[reply\.flags\] "):
        expect_callback_valid(_reply({"type": 4, "data": {"flags": 2}}), _COMMAND)
    assert expect_callback_valid(_reply({"type": 4, "data": {"content": "hi"}}), _COMMAND) == 4


def test_the_callback_type_check_ignores_the_other_clauses() -> None:
    expect_callback_type_valid(_reply({"type": 4, "data": {"flags": 2, "content": "x" * 3000}}), _COMMAND)
    with pytest.raises(CaseFailure, match="not valid for APPLICATION_COMMAND"):
        expect_callback_type_valid(_reply({"type": 8, "data": {"choices": []}}), _COMMAND)


def test_the_focused_option_is_found_in_subcommands() -> None:
    assert focused_option_type(_autocomplete(10)) == 10
    assert focused_option_type({"type": 4, "data": {"options": [{"name": "x", "type": 3}]}}) is None
    assert focused_option_type({"type": 4}) is None
