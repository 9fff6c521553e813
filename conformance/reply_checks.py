"""What Discord accepts as the reply to an interaction: one check per clause of section ``reply``.

Each check reads a `Callback` (a 2xx reply with a body, and the interaction it
answers) and either returns whether its clause constrains that kind of callback
(an autocomplete check says nothing about a message) or raises `CaseFailure`
naming what breaks the clause. `REPLY_CHECKS` maps each clause ID to its check;
`expect_callback_valid` runs them all.

The limits are those of Discord's documentation at
`conformance.catalogue.DISCORD_DOCS_COMMIT`, quoted on the clauses.
"""

from __future__ import annotations

__all__ = (
    "DEFERRED_MESSAGE_FLAGS",
    "MESSAGE_FLAGS",
    "REPLY_CHECKS",
    "REPLY_MESSAGE_FLAGS",
    "Callback",
    "expect_callback_type_valid",
    "expect_callback_valid",
    "focused_option_type",
    "read_callback",
)

import dataclasses
import re
import typing

from conformance.catalogue import Level
from conformance.catalogue import clause
from conformance.checks import expect
from conformance.checks import expect_json_reply
from conformance.checks import is_success
from conformance.model import CaseFailure
from interaction_spec import VALID_CALLBACK_TYPES
from interaction_spec import CallbackType
from interaction_spec import InteractionType

if typing.TYPE_CHECKING:
    from conformance.model import Reply

_JSONObject = typing.Mapping[str, object]

MAX_CONTENT: typing.Final = 2000
MAX_EMBEDS: typing.Final = 10
MAX_EMBED_CHARACTERS: typing.Final = 6000
MAX_ACTION_ROWS: typing.Final = 5
MAX_V2_COMPONENTS: typing.Final = 40
MAX_CHOICES: typing.Final = 25
MAX_CHOICE_NAME: typing.Final = 100
MAX_CHOICE_STRING: typing.Final = 100
MAX_MODAL_TITLE: typing.Final = 45
MAX_CUSTOM_ID: typing.Final = 100
MAX_MODAL_COMPONENTS: typing.Final = 5
MAX_LABEL: typing.Final = 45
MAX_TEXT_INPUT: typing.Final = 4000
MAX_FILES: typing.Final = 10

IS_COMPONENTS_V2: typing.Final = 1 << 15
MESSAGE_FLAGS: typing.Final[typing.Mapping[int, str]] = {
    1 << 2: "SUPPRESS_EMBEDS",
    1 << 6: "EPHEMERAL",
    1 << 12: "SUPPRESS_NOTIFICATIONS",
    1 << 13: "IS_VOICE_MESSAGE",
    IS_COMPONENTS_V2: "IS_COMPONENTS_V2",
}
"""The message flags a reply may set, by value."""
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

_ACTION_ROW: typing.Final = 1
_TEXT_INPUT: typing.Final = 4
_TEXT_DISPLAY: typing.Final = 10
_LABEL: typing.Final = 18
_LABEL_CHILDREN: typing.Final = frozenset({3, _TEXT_INPUT, 5, 6, 7, 8, 19, 21, 22, 23})
"""String, user, role, mentionable and channel selects, text input, file upload, radio group, checkbox group and
checkbox: what a Label may wrap."""
_MESSAGES: typing.Final = frozenset({CallbackType.CHANNEL_MESSAGE_WITH_SOURCE, CallbackType.UPDATE_MESSAGE})
_EMBED_TEXT: typing.Final = (("title",), ("description",), ("footer", "text"), ("author", "name"))
_FILE_PART: typing.Final = re.compile(r"files\[(?P<n>\d+)\]")

_STRING_OPTION: typing.Final = 3
_INTEGER_OPTION: typing.Final = 4
_NUMBER_OPTION: typing.Final = 10


@dataclasses.dataclass(frozen=True, slots=True)
class Callback:
    """A 2xx reply with a body, read as an interaction callback, beside the interaction it answers."""

    reply: Reply
    type: object
    """The callback's ``type``, as it came (not necessarily an integer)."""
    data: _JSONObject
    """The callback's ``data``; empty when absent, or when it is not an object (`reply.valid-callback` says so)."""
    interaction: _JSONObject
    """The interaction the reply answers, as the suite sent it."""

    @property
    def interaction_type(self) -> InteractionType:
        """The type of the interaction the reply answers."""
        return InteractionType(typing.cast("int", self.interaction["type"]))


def read_callback(reply: Reply, interaction: _JSONObject) -> Callback | None:
    """Read a reply as a callback; `None` for a reply that carries none (not 2xx, or no body).

    Raises
    ------
    CaseFailure
        If a 2xx reply's body is not a JSON object declared as application/json.
    """
    if not is_success(reply) or not reply.body:
        return None
    body = expect_json_reply(reply, reply.status)
    data = body.get("data")
    return Callback(
        reply, body.get("type"), typing.cast("_JSONObject", data) if isinstance(data, dict) else {}, interaction
    )


def _field(data: _JSONObject, key: str, default: object) -> object:
    """Return ``data[key]``, or ``default`` when the key is absent or null: Discord reads a null field as absent.

    The docs tell apps to send null for the fields a Components V2 edit drops (webhook.mdx:341).
    """
    value = data.get(key)
    return default if value is None else value


def _message_flags(callback: Callback) -> object:
    """Return the flags a message callback gives its message, as they came (null and absent read as 0).

    An UPDATE_MESSAGE keeps IS_COMPONENTS_V2 when the message it edits has it: "Once a message has been sent with
    this flag, it can't be removed from that message" (components/reference.mdx:13).
    """
    flags = _field(callback.data, "flags", 0)
    if callback.type == CallbackType.UPDATE_MESSAGE and type(flags) is int and _edits_components_v2(callback):
        return flags | IS_COMPONENTS_V2
    return flags


def _edits_components_v2(callback: Callback) -> bool:
    """Whether the message the interaction carries, which an update edits, has IS_COMPONENTS_V2."""
    message = callback.interaction.get("message")
    flags = typing.cast("_JSONObject", message).get("flags") if isinstance(message, dict) else None
    return type(flags) is int and bool(flags & IS_COMPONENTS_V2)


def _objects(value: object) -> list[_JSONObject]:
    """Return the objects of a JSON array (anything else holds none)."""
    if not isinstance(value, list):
        return []
    return [typing.cast("_JSONObject", item) for item in typing.cast("list[object]", value) if isinstance(item, dict)]


def _walk(components: object) -> typing.Iterator[_JSONObject]:
    """Yield every component of a tree: action rows' and containers' children, a label's and a section's."""
    for component in _objects(components):
        yield component
        yield from _walk(component.get("components"))
        for key in ("component", "accessory"):
            child = component.get(key)
            if isinstance(child, dict):
                yield from _walk([typing.cast("object", child)])


def _text(what: str, value: object, low: int, high: int) -> None:
    expect(
        isinstance(value, str) and low <= len(value) <= high,
        f"{what} must be a string of {low} to {high} characters, got {_show(value)}",
    )


def _show(value: object) -> str:
    if isinstance(value, str) and len(value) > 40:
        return f"a string of {len(value)} characters"
    return repr(value)


def _flag_names(bits: int) -> str:
    flags = (1 << bit for bit in range(bits.bit_length()) if bits >> bit & 1)
    return ", ".join(
        MESSAGE_FLAGS.get(flag) or _OTHER_FLAGS.get(flag) or f"1 << {flag.bit_length() - 1}" for flag in flags
    )


# --------------------------------------------------------------------------- the checks, one per clause


def check_valid_callback(callback: Callback) -> bool:
    """``reply.valid-callback``: a callback type Discord accepts for the interaction, with object data."""
    kind = callback.interaction_type
    valid = VALID_CALLBACK_TYPES[kind]
    expect(
        type(callback.type) is int and callback.type in valid,
        f"callback type {callback.type!r} is not valid for {kind.name} "
        f"(valid: {', '.join(str(int(v)) for v in sorted(valid))})",
    )
    data = callback.reply.json_object().get("data")
    expect(data is None or isinstance(data, dict), "the callback's data is not an object")
    return True


def check_premium_required(callback: Callback) -> bool:
    """``reply.premium-required``: not the deprecated PREMIUM_REQUIRED callback."""
    expect(callback.type != CallbackType.PREMIUM_REQUIRED, "the reply uses the deprecated PREMIUM_REQUIRED (10)")
    return True


def check_status(callback: Callback) -> bool:
    """``reply.status``: a callback comes with 200."""
    expect(callback.reply.status == 200, f"a reply carrying a callback has status {callback.reply.status}, not 200")
    return True


def check_flags(callback: Callback) -> bool:
    """``reply.flags``: only the flags a reply may set; with IS_COMPONENTS_V2, no content or embeds."""
    if callback.type == CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE:
        allowed = DEFERRED_MESSAGE_FLAGS
    elif callback.type in _MESSAGES:
        allowed = REPLY_MESSAGE_FLAGS
    else:
        return False
    flags = _message_flags(callback)
    expect(type(flags) is int and flags >= 0, f"flags must be a non-negative integer, got {flags!r}")
    assert isinstance(flags, int)
    forbidden = flags & ~allowed
    expect(
        not forbidden,
        f"callback {callback.type} sets flags {flags}, of which {_flag_names(forbidden)} may not be set "
        f"(allowed: {_flag_names(allowed)})",
    )
    if flags & IS_COMPONENTS_V2:
        present = [key for key in ("content", "embeds") if callback.data.get(key)]
        kept = "" if _field(callback.data, "flags", 0) == flags else " (the message it edits has IS_COMPONENTS_V2)"
        expect(not present, f"a message with IS_COMPONENTS_V2{kept} carries {' and '.join(present)}")
    return True


def _embed_characters(embed: _JSONObject) -> int:
    total = 0
    for path in _EMBED_TEXT:
        value: object = embed
        for key in path:
            value = typing.cast("_JSONObject", value).get(key) if isinstance(value, dict) else None
        total += len(value.strip()) if isinstance(value, str) else 0
    for field in _objects(embed.get("fields")):
        total += sum(len(text.strip()) for text in (field.get("name"), field.get("value")) if isinstance(text, str))
    return total


def check_message_limits(callback: Callback) -> bool:
    """``reply.message-limits``: content, embeds, components, custom IDs and allowed mentions within limits."""
    if callback.type not in _MESSAGES:
        return False
    data = callback.data
    content = data.get("content")
    expect(
        content is None or (isinstance(content, str) and len(content) <= MAX_CONTENT),
        f"content must be a string of at most {MAX_CONTENT} characters, got {_show(content)}",
    )
    embeds = _field(data, "embeds", [])
    expect(isinstance(embeds, list), "embeds is not an array")
    embed_list = _objects(embeds)
    expect(len(embed_list) <= MAX_EMBEDS, f"{len(embed_list)} embeds, more than {MAX_EMBEDS}")
    characters = sum(_embed_characters(embed) for embed in embed_list)
    expect(characters <= MAX_EMBED_CHARACTERS, f"the embeds hold {characters} characters, over {MAX_EMBED_CHARACTERS}")
    top = _objects(data.get("components"))
    flags = _message_flags(callback)
    if type(flags) is int and flags & IS_COMPONENTS_V2:
        total = sum(1 for _ in _walk(top))
        expect(total <= MAX_V2_COMPONENTS, f"{total} components, more than {MAX_V2_COMPONENTS} (IS_COMPONENTS_V2)")
    else:
        expect(len(top) <= MAX_ACTION_ROWS, f"{len(top)} top-level components, more than {MAX_ACTION_ROWS} action rows")
    _expect_unique_custom_ids(top)
    mentions = data.get("allowed_mentions")
    if isinstance(mentions, dict):
        mention_map = typing.cast("_JSONObject", mentions)
        parse = mention_map.get("parse")
        parsed: set[object] = set(typing.cast("list[object]", parse)) if isinstance(parse, list) else set()
        for key in ("users", "roles"):
            expect(
                key not in parsed or not mention_map.get(key),
                f"allowed_mentions.parse holds {key!r} beside a list of allowed_mentions.{key}",
            )
    return True


def _expect_unique_custom_ids(components: object) -> None:
    seen: set[str] = set()
    for component in _walk(components):
        custom_id = component.get("custom_id")
        if isinstance(custom_id, str):
            expect(custom_id not in seen, f"custom_id {custom_id!r} is used twice")
            seen.add(custom_id)


def _check_modal_input(component: _JSONObject) -> None:
    kind = component.get("type")
    expect("disabled" not in component or component.get("disabled") is False, f"a modal component ({kind}) is disabled")
    _text("a modal component's custom_id", component.get("custom_id"), 1, MAX_CUSTOM_ID)
    if kind == _TEXT_INPUT:
        for key in ("min_length", "max_length"):
            value = component.get(key)
            expect(
                value is None or (type(value) is int and 0 <= value <= MAX_TEXT_INPUT),
                f"a text input's {key} must be 0 to {MAX_TEXT_INPUT}, got {value!r}",
            )
        value = component.get("value")
        expect(
            value is None or (isinstance(value, str) and len(value) <= MAX_TEXT_INPUT),
            f"a text input's value must be at most {MAX_TEXT_INPUT} characters, got {_show(value)}",
        )


def check_modal(callback: Callback) -> bool:
    """``reply.modal``: custom_id, title and components within Discord's limits, of kinds a modal holds."""
    if callback.type != CallbackType.MODAL:
        return False
    data = callback.data
    _text("a modal's custom_id", data.get("custom_id"), 1, MAX_CUSTOM_ID)
    _text("a modal's title", data.get("title"), 1, MAX_MODAL_TITLE)
    components = data.get("components")
    described = _show(components)
    top = _objects(components)
    count = len(typing.cast("list[object]", components)) if isinstance(components, list) else -1
    expect(
        1 <= count <= MAX_MODAL_COMPONENTS and len(top) == count,
        f"a modal needs 1 to {MAX_MODAL_COMPONENTS} component objects, got {described}",
    )
    for component in top:
        kind = component.get("type")
        if kind == _LABEL:
            _text("a label's label", component.get("label"), 1, MAX_LABEL)
            child = component.get("component")
            expect(isinstance(child, dict), "a label wraps no component")
            child_map = typing.cast("_JSONObject", child)
            expect(
                child_map.get("type") in _LABEL_CHILDREN, f"a label wraps a component of type {child_map.get('type')!r}"
            )
            _check_modal_input(child_map)
        elif kind == _ACTION_ROW:
            row = _objects(component.get("components"))
            expect(
                len(row) == 1 and row[0].get("type") == _TEXT_INPUT,
                "an action row in a modal must hold exactly one text input",
            )
            _check_modal_input(row[0])
        else:
            expect(kind == _TEXT_DISPLAY, f"a modal's top-level component of type {kind!r} is not allowed")
    _expect_unique_custom_ids(top)
    return True


def check_modal_label(callback: Callback) -> bool:
    """``reply.modal-label``: text inputs wrapped in Labels, not in deprecated action rows."""
    if callback.type != CallbackType.MODAL:
        return False
    rows = [
        component for component in _objects(callback.data.get("components")) if component.get("type") == _ACTION_ROW
    ]
    expect(not rows, f"the modal holds {len(rows)} action row(s) of text inputs, a deprecated form: use Label (18)")
    return True


def focused_option_type(interaction: _JSONObject) -> int | None:
    """Return the type of the option being typed into, from an autocomplete's (nested) options."""
    data = interaction.get("data")
    pending = _objects(typing.cast("_JSONObject", data).get("options")) if isinstance(data, dict) else []
    while pending:
        option = pending.pop()
        if option.get("focused") is True:
            kind = option.get("type")
            return kind if type(kind) is int else None
        pending.extend(_objects(option.get("options")))
    return None


def _check_choice_value(value: object, option_type: int | None) -> None:
    if option_type == _STRING_OPTION or isinstance(value, str):
        expect(
            option_type in (None, _STRING_OPTION),
            f"the choice value {value!r} is a string for an option of type {option_type}",
        )
        _text("a string choice value", value, 0, MAX_CHOICE_STRING)
    elif option_type == _INTEGER_OPTION:
        expect(type(value) is int, f"the choice value {value!r} is not an integer, as the focused option is")
    else:
        expect(
            type(value) in (int, float) and option_type in (None, _NUMBER_OPTION),
            f"the choice value {value!r} does not match the focused option's type {option_type}",
        )


def check_autocomplete(callback: Callback) -> bool:
    """``reply.autocomplete``: up to 25 choices, with names and values Discord accepts for the focused option."""
    if callback.type != CallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT:
        return False
    choices = callback.data.get("choices")
    expect(isinstance(choices, list), "an autocomplete result needs a choices array")
    choice_list = typing.cast("list[object]", choices)
    expect(len(choice_list) <= MAX_CHOICES, f"{len(choice_list)} choices, more than {MAX_CHOICES}")
    option_type = focused_option_type(callback.interaction)
    for choice in choice_list:
        expect(isinstance(choice, dict), f"a choice is not an object: {choice!r}")
        choice_map = typing.cast("_JSONObject", choice)
        _text("a choice's name", choice_map.get("name"), 1, MAX_CHOICE_NAME)
        expect("value" in choice_map, "a choice has no value")
        _check_choice_value(choice_map["value"], option_type)
    return True


def check_files(callback: Callback) -> bool:
    """``reply.files``: over HTTP, parts named ``files[n]`` with filenames, numbering the JSON's attachments."""
    files = callback.reply.files
    if not files:
        return False
    numbers: set[str] = set()
    for file in files:
        expect(bool(file.filename), f"the file part {file.name or '?'} has no filename")
        if file.name:
            match = _FILE_PART.fullmatch(file.name)
            expect(match is not None, f"a file part is named {file.name!r}, not files[n]")
            assert match is not None
            expect(match["n"] not in numbers, f"two file parts are named {file.name}")
            numbers.add(match["n"])
    if numbers:
        kept = _kept_attachments(callback)
        for attachment in _objects(callback.data.get("attachments")):
            identifier = str(attachment.get("id"))
            expect(
                identifier in numbers or (kept is not None and identifier in kept),
                f"attachment id {attachment.get('id')!r} names no files[n] part ({', '.join(sorted(numbers))})"
                + (" nor an attachment of the message it edits" if kept is not None else ""),
            )
    return True


def _kept_attachments(callback: Callback) -> frozenset[str] | None:
    """Return the IDs of the attachments an UPDATE_MESSAGE may keep; `None` for a callback that edits nothing.

    "When editing, you must provide the id of each file to keep" (message.mdx:675): on an edit, an attachment's id
    is a files[n] index for a new file or the snowflake of one the message already has.
    """
    if callback.type != CallbackType.UPDATE_MESSAGE:
        return None
    message = callback.interaction.get("message")
    existing = _objects(typing.cast("_JSONObject", message).get("attachments")) if isinstance(message, dict) else []
    return frozenset(str(attachment.get("id")) for attachment in existing)


def check_files_limit(callback: Callback) -> bool:
    """``reply.files-limit``: at most 10 files."""
    files = callback.reply.files
    expect(len(files) <= MAX_FILES, f"the reply carries {len(files)} files, more than {MAX_FILES}")
    return bool(files)


REPLY_CHECKS: typing.Final[typing.Mapping[str, typing.Callable[[Callback], bool]]] = {
    "reply.valid-callback": check_valid_callback,
    "reply.premium-required": check_premium_required,
    "reply.status": check_status,
    "reply.flags": check_flags,
    "reply.message-limits": check_message_limits,
    "reply.modal": check_modal,
    "reply.modal-label": check_modal_label,
    "reply.autocomplete": check_autocomplete,
    "reply.files": check_files,
    "reply.files-limit": check_files_limit,
}
"""Each clause's check of a callback: it returns whether the clause constrains that callback, or fails the case."""


def expect_callback_type_valid(reply: Reply, interaction: _JSONObject) -> None:
    """Check a reply against ``reply.valid-callback`` alone: a callback type valid for the interaction, if any."""
    callback = read_callback(reply, interaction)
    if callback is not None:
        check_valid_callback(callback)


def expect_callback_valid(reply: Reply, interaction: _JSONObject) -> int | None:
    """Check a reply against every MUST clause in `REPLY_CHECKS`; return the callback type, or `None` for no callback.

    A reply that is not 2xx, or 2xx without a body, carries no callback and passes. The first clause broken fails
    the case, its ID leading the detail. A SHOULD clause (a deprecated callback, a status other than 200) fails its
    own cases only, never the MUST case that calls this.
    """
    callback = read_callback(reply, interaction)
    if callback is None:
        return None
    for clause_id, check in REPLY_CHECKS.items():
        if clause(clause_id).level is not Level.MUST:
            continue
        try:
            check(callback)
        except CaseFailure as exc:
            raise CaseFailure(f"[{clause_id}] {exc}") from None
    return typing.cast("int", callback.type)
