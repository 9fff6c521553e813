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


_TEXT_DISPLAY: typing.Final[dict[str, object]] = {"type": 10, "content": "Hello"}


def _v2(components: list[dict[str, object]]) -> dict[str, object]:
    return {"type": 4, "data": {"flags": 1 << 15, "components": components}}


def _in_row(component: dict[str, object]) -> dict[str, object]:
    return {"type": 4, "data": {"components": [{"type": 1, "components": [component]}]}}


def _link(url: str) -> dict[str, object]:
    return {"type": 2, "style": 5, "label": "Open", "url": url}


def _select(options: int = 2) -> dict[str, object]:
    return {
        "type": 3,
        "custom_id": "pick",
        "options": [{"label": f"Option {n}", "value": f"o{n}"} for n in range(options)],
    }


def _section(children: int) -> dict[str, object]:
    return {"type": 9, "components": [_TEXT_DISPLAY] * children, "accessory": _button("s")}


def _radio(options: int) -> dict[str, object]:
    return {"type": 21, "custom_id": "r", "options": [{"label": f"L{n}", "value": f"v{n}"} for n in range(options)]}


def _choice(value: object) -> dict[str, object]:
    return {"name": "Edge", "value": value}


def _poll(*, answers: int = 2, question: str = "Lunch?", answer: str = "Yes", duration: int = 24) -> dict[str, object]:
    return {
        "question": {"text": question},
        "answers": [{"poll_media": {"text": answer}}] * answers,
        "duration": duration,
    }


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
        {"type": 4, "data": {"embeds": [{"description": "d" * 3000}, {"description": "d" * 3001}]}},
        "6001 characters",
    ),
    ("reply.message-limits", _COMMAND, {"type": 4, "data": {"embeds": None, "content": "hi"}}, None),
    (
        "reply.message-limits",
        _COMMAND,
        {
            "type": 4,
            "data": {"embeds": [{"description": " " * 100 + "d" * 3000 + "\n" * 100}, {"description": "d" * 3000}]},
        },
        None,
    ),
    (
        "reply.message-limits",
        _COMMAND,
        {
            "type": 4,
            "data": {
                "embeds": [
                    {"description": "d" * 3000, "fields": [{"name": " n ", "value": "v" * 1000}]},
                    {"description": "d" * 2000},
                ]
            },
        },
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
        {"type": 4, "data": {"content": "hi", "allowed_mentions": {"parse": ["users"], "users": []}}},
        None,
    ),
    ("reply.modal", _COMMAND, _MODAL, None),
    ("reply.modal", _COMMAND, _modal(title=""), None),
    ("reply.modal", _COMMAND, _modal(components=[_label(_TEXT_INPUT, "")]), None),
    ("reply.modal", _COMMAND, _modal(components=[_label({**_TEXT_INPUT, "max_length": 0})]), "max_length must be 1"),
    ("reply.modal", _COMMAND, _modal(components=[_label({**_TEXT_INPUT, "min_length": 0})]), None),
    ("reply.modal", _COMMAND, _modal(components=[_label({"type": 4, "custom_id": "t"})]), "needs a style"),
    (
        "reply.modal",
        _COMMAND,
        _modal(components=[_label({**_TEXT_INPUT, "placeholder": "p" * 101})]),
        "placeholder must be a string of 0 to 100",
    ),
    (
        "reply.modal",
        _COMMAND,
        _modal(components=[{**_label(_TEXT_INPUT), "description": "d" * 101}]),
        "label's description must be a string of 0 to 100",
    ),
    ("reply.modal", _COMMAND, _modal(components=[_label(_radio(2))]), None),
    ("reply.modal", _COMMAND, _modal(components=[_label(_radio(1))]), "offers 1 options, not 2 to 10"),
    ("reply.modal", _COMMAND, _modal(components=[_label(_radio(11))]), "offers 11 options"),
    ("reply.modal", _COMMAND, _modal(components=[_label({**_radio(1), "type": 22})]), None),
    ("reply.modal", _COMMAND, _modal(components=[_label({**_radio(0), "type": 22})]), "offers 0 options, not 1 to 10"),
    (
        "reply.modal",
        _COMMAND,
        _modal(components=[_label({"type": 23, "custom_id": "c", "required": True})]),
        "required",
    ),
    ("reply.modal", _COMMAND, _modal(components=[_label({"type": 19, "custom_id": "f", "max_values": 11})]), "0 to 10"),
    (
        "reply.modal",
        _COMMAND,
        _modal(components=[_label({"type": 19, "custom_id": "f", "file_types": [".a"] * 11})]),
        "11 file types",
    ),
    ("reply.modal", _COMMAND, _modal(title="t" * 46), "title must be a string of 0 to 45"),
    ("reply.modal", _COMMAND, _modal(custom_id=""), "custom_id must be a string of 1 to 100"),
    ("reply.modal", _COMMAND, _modal(components=[_label(_TEXT_INPUT)] * 6), "1 to 5 component objects"),
    ("reply.modal", _COMMAND, _modal(components=[[_label(_TEXT_INPUT)], []]), "1 to 5 component objects"),
    ("reply.modal", _COMMAND, _modal(components=[_label(_TEXT_INPUT, "l" * 46)]), "label must be a string"),
    ("reply.modal", _COMMAND, _modal(components=[_label({**_TEXT_INPUT, "disabled": True})]), "is disabled"),
    ("reply.modal", _COMMAND, _modal(components=[_label({**_TEXT_INPUT, "max_length": 4001})]), "1 to 4000"),
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
    ("reply.autocomplete", _autocomplete(4), {"type": 8, "data": {"choices": [_choice(2**53 - 1)]}}, None),
    ("reply.autocomplete", _autocomplete(4), {"type": 8, "data": {"choices": [_choice(-(2**53))]}}, "outside -2"),
    ("reply.autocomplete", _autocomplete(10), {"type": 8, "data": {"choices": [_choice(-(2.0**53))]}}, None),
    ("reply.autocomplete", _autocomplete(10), {"type": 8, "data": {"choices": [_choice(2.0**54)]}}, "outside -2"),
    ("reply.message-limits", _COMMAND, {"type": 4, "data": {"embeds": [{"title": "t" * 256}]}}, None),
    ("reply.message-limits", _COMMAND, {"type": 4, "data": {"embeds": [{"title": " " + "t" * 256 + " "}]}}, None),
    ("reply.message-limits", _COMMAND, {"type": 4, "data": {"embeds": [{"title": "t" * 257}]}}, "title holds 257"),
    ("reply.message-limits", _COMMAND, {"type": 4, "data": {"embeds": [{"description": "d" * 4097}]}}, "4097"),
    (
        "reply.message-limits",
        _COMMAND,
        {"type": 4, "data": {"embeds": [{"footer": {"text": "f" * 2049}}]}},
        "footer.text holds 2049",
    ),
    (
        "reply.message-limits",
        _COMMAND,
        {"type": 4, "data": {"embeds": [{"author": {"name": "a" * 257}}]}},
        "author.name holds 257",
    ),
    (
        "reply.message-limits",
        _COMMAND,
        {"type": 4, "data": {"embeds": [{"fields": [{"name": "n", "value": "v"}] * 26}]}},
        "26 fields",
    ),
    (
        "reply.message-limits",
        _COMMAND,
        {"type": 4, "data": {"embeds": [{"fields": [{"name": "n" * 257, "value": "v"}]}]}},
        "name holds 257",
    ),
    (
        "reply.message-limits",
        _COMMAND,
        {"type": 4, "data": {"embeds": [{"fields": [{"name": "n", "value": "v" * 1025}]}]}},
        "value holds 1025",
    ),
    ("reply.message-limits", _COMMAND, {"type": 4, "data": {}}, "the message is empty"),
    ("reply.message-limits", _COMMAND, {"type": 4}, "the message is empty"),
    ("reply.message-limits", _COMPONENT, {"type": 7, "data": {}}, None),
    (
        "reply.message-limits",
        _COMMAND,
        {"type": 4, "data": {"content": "hi", "allowed_mentions": {"users": ["1"] * 101}}},
        "allowed_mentions.users lists 101",
    ),
    ("reply.message-limits", _COMMAND, {"type": 4, "data": {"poll": _poll()}}, None),
    ("reply.message-limits", _COMMAND, {"type": 4, "data": {"poll": _poll(answers=11)}}, "11 answers"),
    ("reply.message-limits", _COMMAND, {"type": 4, "data": {"poll": _poll(question="q" * 301)}}, "question"),
    ("reply.message-limits", _COMMAND, {"type": 4, "data": {"poll": _poll(answer="a" * 56)}}, "answer's text"),
    ("reply.message-limits", _COMMAND, {"type": 4, "data": {"poll": _poll(duration=769)}}, "at most 768 hours"),
    ("reply.flags", _COMMAND, {"type": 4, "data": {"flags": 1 << 15, "poll": _poll()}}, "carries poll"),
    ("reply.flags", _COMMAND, {"type": 4, "data": {"flags": 1 << 15, "sticker_ids": ["1"]}}, "carries sticker_ids"),
    ("reply.components", _COMMAND, {"type": 4, "data": {"components": _rows(5)}}, None),
    ("reply.components", _COMMAND, {"type": 4, "data": {"components": [_TEXT_DISPLAY]}}, "not action rows"),
    (
        "reply.components",
        _COMMAND,
        {"type": 4, "data": {"components": [{"type": 1, "components": [_TEXT_DISPLAY]}]}},
        "needs the flag IS_COMPONENTS_V2",
    ),
    ("reply.components", _COMMAND, _v2([_TEXT_DISPLAY, {"type": 1, "components": [_button("b")]}]), None),
    ("reply.components", _COMMAND, _v2([_button("b")]), "a button stands outside"),
    ("reply.components", _COMMAND, _v2([{"type": 17, "components": [_select()]}]), "a select of type 3 stands outside"),
    (
        "reply.components",
        _COMMAND,
        {"type": 4, "data": {"components": [{"type": 1, "components": [_button(f"b{n}") for n in range(6)]}]}},
        "up to 5 buttons or a single select",
    ),
    (
        "reply.components",
        _COMMAND,
        {"type": 4, "data": {"components": [{"type": 1, "components": [_button("b"), _select()]}]}},
        "up to 5 buttons or a single select",
    ),
    ("reply.components", _COMMAND, {"type": 4, "data": {"components": [{"type": 1, "components": [_select()]}]}}, None),
    (
        "reply.components",
        _COMMAND,
        {"type": 4, "data": {"components": [{"type": 1, "components": [_TEXT_INPUT]}]}},
        "belongs in modals",
    ),
    ("reply.components", _COMMAND, _v2([_section(1)]), None),
    ("reply.components", _COMMAND, _v2([_section(4)]), "holds 4 components, not 1 to 3"),
    ("reply.components", _COMMAND, _v2([{**_section(1), "accessory": None}]), "has no accessory"),
    ("reply.components", _COMMAND, _v2([{**_TEXT_DISPLAY, "id": 3}, {**_TEXT_DISPLAY, "id": 3}]), "id 3 is used twice"),
    ("reply.components", _V2_COMPONENT, {"type": 7, "data": {"components": [_TEXT_DISPLAY]}}, None),
    ("reply.component-fields", _COMMAND, {"type": 4, "data": {"components": _rows(1)}}, None),
    (
        "reply.component-fields",
        _COMMAND,
        _in_row({**_button("b"), "label": "l" * 81}),
        "label must be a string of 0 to 80",
    ),
    ("reply.component-fields", _COMMAND, _in_row({**_button(""), "label": "Go"}), "custom_id must be a string of 1 to"),
    ("reply.component-fields", _COMMAND, _in_row(_link("https://x.example/")), None),
    ("reply.component-fields", _COMMAND, _in_row({**_link("https://x.example/"), "custom_id": "c"}), "a link button"),
    ("reply.component-fields", _COMMAND, _in_row(_link("https://x.example/" + "p" * 500)), "url must be a string"),
    ("reply.component-fields", _COMMAND, _in_row({"type": 2, "style": 1, "label": "Go"}), "needs a custom_id"),
    ("reply.component-fields", _COMMAND, _in_row({"type": 2, "style": 6, "sku_id": "1"}), None),
    ("reply.component-fields", _COMMAND, _in_row({"type": 2, "style": 6, "sku_id": "1", "label": "Buy"}), "premium"),
    ("reply.component-fields", _COMMAND, _in_row(_select()), None),
    ("reply.component-fields", _COMMAND, _in_row(_select(options=26)), "26 options, more than 25"),
    ("reply.component-fields", _COMMAND, _in_row({**_select(), "placeholder": "p" * 151}), "placeholder"),
    ("reply.component-fields", _COMMAND, _in_row({**_select(), "max_values": 26}), "max_values must be 0 to 25"),
    (
        "reply.component-fields",
        _COMMAND,
        _in_row({"type": 5, "custom_id": "u", "max_values": 1, "default_values": [{"id": "1", "type": "user"}] * 2}),
        "2 default values",
    ),
    (
        "reply.component-fields",
        _COMMAND,
        _in_row({**_select(), "options": [{"label": "l" * 101, "value": "v"}]}),
        "option's label",
    ),
    ("reply.component-fields", _COMMAND, _v2([{"type": 12, "items": []}]), "0 items, not 1 to 10"),
    (
        "reply.component-fields",
        _COMMAND,
        _v2([{"type": 12, "items": [{"media": {"url": "https://x.example/a.png"}, "description": "d" * 1025}]}]),
        "description must be a string of 0 to 1024",
    ),
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
        ("reply.components", {"type": 5}),
        ("reply.component-fields", _MODAL),
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


def test_each_file_fits_the_interactions_attachment_size_limit() -> None:
    limit = typing.cast("int", _COMMAND["attachment_size_limit"])
    for size, refused in [(limit, None), (limit + 1, "more than the interaction's attachment_size_limit")]:
        read = read_callback(
            _reply({"type": 4, "data": {}}, files=(ReplyFile("a", b"a" * size, "files[0]"),)), _COMMAND
        )
        assert read is not None
        if refused is None:
            assert REPLY_CHECKS["reply.files"](read) is True
        else:
            with pytest.raises(CaseFailure, match=refused):
                REPLY_CHECKS["reply.files"](read)


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
