"""Checks shared by many cases: what a rejection, a PONG or a valid callback looks like."""

from __future__ import annotations

__all__ = (
    "DEFERRED_MESSAGE_FLAGS",
    "MESSAGE_FLAGS",
    "REPLY_MESSAGE_FLAGS",
    "expect",
    "expect_callback_valid",
    "expect_json_reply",
    "expect_not_success",
    "expect_rejected",
    "is_success",
)

import typing

import interaction_spec
from conformance.model import CaseFailure

if typing.TYPE_CHECKING:
    from conformance.model import Reply

MAX_CONTENT: typing.Final = 2000
MAX_EMBEDS: typing.Final = 10
MAX_CHOICES: typing.Final = 25
MAX_CHOICE_NAME: typing.Final = 100
MAX_MODAL_TITLE: typing.Final = 45
MAX_CUSTOM_ID: typing.Final = 100
MAX_MODAL_COMPONENTS: typing.Final = 5

MESSAGE_FLAGS: typing.Final[typing.Mapping[int, str]] = {
    1 << 2: "SUPPRESS_EMBEDS",
    1 << 6: "EPHEMERAL",
    1 << 12: "SUPPRESS_NOTIFICATIONS",
    1 << 13: "IS_VOICE_MESSAGE",
    1 << 15: "IS_COMPONENTS_V2",
}
"""The message flags a reply may set, by value (``developers/resources/message.mdx``, Message Flags, at
`conformance.catalogue.DISCORD_DOCS_COMMIT`)."""
REPLY_MESSAGE_FLAGS: typing.Final = sum(MESSAGE_FLAGS)
"""The flags a ``CHANNEL_MESSAGE_WITH_SOURCE`` or ``UPDATE_MESSAGE`` callback may combine."""
DEFERRED_MESSAGE_FLAGS: typing.Final = 1 << 6
"""The only flag a ``DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE`` callback may set: EPHEMERAL."""
_OTHER_FLAGS: typing.Final[typing.Mapping[int, str]] = {
    1 << 0: "CROSSPOSTED",
    1 << 1: "IS_CROSSPOST",
    1 << 3: "SOURCE_MESSAGE_DELETED",
    1 << 4: "URGENT",
    1 << 5: "HAS_THREAD",
    1 << 7: "LOADING",
    1 << 8: "FAILED_TO_MENTION_SOME_ROLES_IN_THREAD",
    1 << 14: "HAS_SNAPSHOT",
}
"""The message flags Discord sets itself, named in failure details."""


def expect(condition: bool, detail: str) -> None:
    """Fail the case with ``detail`` unless ``condition`` holds."""
    if not condition:
        raise CaseFailure(detail)


def is_success(reply: Reply) -> bool:
    """Whether the reply's status is 2xx."""
    return 200 <= reply.status < 300


def expect_rejected(reply: Reply) -> None:
    """Expect a 4xx reply."""
    expect(400 <= reply.status < 500, f"expected a 4xx reply, got {reply.describe()}")


def expect_not_success(reply: Reply) -> None:
    """Expect a reply that is not 2xx."""
    expect(not is_success(reply), f"expected a non-2xx reply, got {reply.describe()}")


def expect_json_reply(reply: Reply, status: int = 200) -> typing.Mapping[str, object]:
    """Expect a JSON reply with ``status``, declared as application/json; return its body."""
    expect(reply.status == status, f"expected {status}, got {reply.describe()}")
    expect(
        reply.content_type is not None and reply.content_type.lower() == "application/json",
        f"expected Content-Type application/json, got {reply.content_type!r}",
    )
    return reply.json_object()


def _length(value: object) -> int | None:
    if isinstance(value, str):
        return len(value)
    return len(typing.cast("list[object]", value)) if isinstance(value, list) else None


def _check_text(what: str, value: object, low: int, high: int) -> None:
    size = _length(value) if isinstance(value, str) else None
    expect(size is not None and low <= size <= high, f"{what} must be a string of {low} to {high} characters")


def _flag_names(bits: int) -> str:
    """Name the set bits of ``bits`` (not negative), lowest first."""
    flags = (1 << bit for bit in range(bits.bit_length()) if bits >> bit & 1)
    return ", ".join(
        MESSAGE_FLAGS.get(flag) or _OTHER_FLAGS.get(flag) or f"1 << {flag.bit_length() - 1}" for flag in flags
    )


def _check_flags(callback_type: int, data: typing.Mapping[str, object], allowed: int) -> None:
    if "flags" not in data:
        return
    flags = data["flags"]
    expect(type(flags) is int, f"callback {callback_type}'s flags must be an integer, not {flags!r}")
    assert isinstance(flags, int)
    expect(flags >= 0, f"callback {callback_type}'s flags must not be negative, got {flags}")
    forbidden = flags & ~allowed
    expect(
        not forbidden,
        f"callback {callback_type} sets flags {flags}, of which {_flag_names(forbidden)} may not be set "
        f"(allowed: {_flag_names(allowed)})",
    )


def _check_data(callback_type: int, data: typing.Mapping[str, object]) -> None:
    types = interaction_spec.CallbackType
    if callback_type == types.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE:
        _check_flags(callback_type, data, DEFERRED_MESSAGE_FLAGS)
    elif callback_type in (types.CHANNEL_MESSAGE_WITH_SOURCE, types.UPDATE_MESSAGE):
        _check_flags(callback_type, data, REPLY_MESSAGE_FLAGS)
        content = data.get("content")
        expect(content is None or (isinstance(content, str) and len(content) <= MAX_CONTENT), "content over 2000")
        embeds = _length(data.get("embeds", []))
        expect(embeds is not None and embeds <= MAX_EMBEDS, "more than 10 embeds, or embeds not an array")
    elif callback_type == types.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT:
        choices = data.get("choices")
        expect(isinstance(choices, list), "an autocomplete result needs a choices array")
        assert isinstance(choices, list)
        expect(len(typing.cast("list[object]", choices)) <= MAX_CHOICES, "more than 25 autocomplete choices")
        for choice in typing.cast("list[object]", choices):
            expect(isinstance(choice, dict), "an autocomplete choice is not an object")
            choice_map = typing.cast("typing.Mapping[str, object]", choice)
            _check_text("a choice name", choice_map.get("name"), 1, MAX_CHOICE_NAME)
            expect("value" in choice_map, "an autocomplete choice has no value")
    elif callback_type == types.MODAL:
        _check_text("a modal title", data.get("title"), 1, MAX_MODAL_TITLE)
        _check_text("a modal custom_id", data.get("custom_id"), 1, MAX_CUSTOM_ID)
        components = _length(data.get("components"))
        expect(components is not None and 1 <= components <= MAX_MODAL_COMPONENTS, "a modal needs 1 to 5 components")


def expect_callback_valid(reply: Reply, interaction_type: interaction_spec.InteractionType) -> int | None:
    """Check a reply against ``reply.valid-callback``; return the callback type, or `None` for no callback.

    A reply that is not 2xx, or 2xx without a body, carries no callback and passes.
    """
    if not is_success(reply) or not reply.body:
        return None
    body = expect_json_reply(reply, reply.status)
    callback_type = body.get("type")
    valid = interaction_spec.VALID_CALLBACK_TYPES[interaction_type]
    expect(
        type(callback_type) is int and callback_type in valid,
        f"callback type {callback_type!r} is not valid for {interaction_type.name} "
        f"(valid: {', '.join(str(int(v)) for v in sorted(valid))})",
    )
    assert isinstance(callback_type, int)
    data = body.get("data", {})
    expect(isinstance(data, dict), "the callback's data is not an object")
    _check_data(callback_type, typing.cast("typing.Mapping[str, object]", data))
    return callback_type
