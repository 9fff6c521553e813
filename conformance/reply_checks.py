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
MAX_MENTIONS: typing.Final = 100
MAX_EMBED_FIELDS: typing.Final = 25
EMBED_TEXT_LIMITS: typing.Final[tuple[tuple[tuple[str, ...], int], ...]] = (
    (("title",), 256),
    (("description",), 4096),
    (("footer", "text"), 2048),
    (("author", "name"), 256),
)
"""The limits of an embed's texts, by key path (message.mdx:611-618), counted trimmed."""
MAX_FIELD_NAME: typing.Final = 256
MAX_FIELD_VALUE: typing.Final = 1024
MAX_POLL_ANSWERS: typing.Final = 10
MAX_POLL_QUESTION: typing.Final = 300
MAX_POLL_ANSWER: typing.Final = 55
MAX_POLL_HOURS: typing.Final = 32 * 24
MAX_BUTTONS: typing.Final = 5
MAX_BUTTON_LABEL: typing.Final = 80
MAX_BUTTON_URL: typing.Final = 512
MAX_SELECT_OPTIONS: typing.Final = 25
MAX_OPTION_TEXT: typing.Final = 100
MAX_PLACEHOLDER: typing.Final = 150
MAX_SELECT_VALUES: typing.Final = 25
MAX_SECTION_CHILDREN: typing.Final = 3
MAX_GALLERY_ITEMS: typing.Final = 10
MAX_MEDIA_DESCRIPTION: typing.Final = 1024
MAX_INPUT_PLACEHOLDER: typing.Final = 100
MAX_LABEL_DESCRIPTION: typing.Final = 100
MAX_MODAL_OPTIONS: typing.Final = 10
MAX_UPLOADS: typing.Final = 10
MAX_FILE_TYPES: typing.Final = 10
MAX_SAFE_INTEGER: typing.Final = 2**53 - 1
"""INTEGER options take -2^53+1 to 2^53-1 (application-commands.mdx:104)."""
MAX_NUMBER: typing.Final = 2.0**53
"""NUMBER options take -2^53 to 2^53 (application-commands.mdx:110)."""

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
_BUTTON: typing.Final = 2
_STRING_SELECT: typing.Final = 3
_TEXT_INPUT: typing.Final = 4
_SECTION: typing.Final = 9
_TEXT_DISPLAY: typing.Final = 10
_MEDIA_GALLERY: typing.Final = 12
_LABEL: typing.Final = 18
_FILE_UPLOAD: typing.Final = 19
_RADIO_GROUP: typing.Final = 21
_CHECKBOX_GROUP: typing.Final = 22
_CHECKBOX: typing.Final = 23
_SELECTS: typing.Final = frozenset({_STRING_SELECT, 5, 6, 7, 8})
"""String, user, role, mentionable and channel selects."""
_V2_ONLY: typing.Final = frozenset({_SECTION, _TEXT_DISPLAY, 11, _MEDIA_GALLERY, 13, 14, 17})
"""Section, Text Display, Thumbnail, Media Gallery, File, Separator and Container: messages with IS_COMPONENTS_V2."""
_MODAL_ONLY: typing.Final = frozenset({_TEXT_INPUT, _LABEL, _FILE_UPLOAD, _RADIO_GROUP, _CHECKBOX_GROUP, _CHECKBOX})
"""Text Input, Label, File Upload, Radio Group, Checkbox Group and Checkbox: modals only."""
_LINK: typing.Final = 5
_PREMIUM: typing.Final = 6
_ACCESSORY: typing.Final = "accessory"
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
        present = [key for key in ("content", "embeds", "poll", "sticker_ids") if callback.data.get(key)]
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
    for embed in embed_list:
        _check_embed(embed)
    characters = sum(_embed_characters(embed) for embed in embed_list)
    expect(characters <= MAX_EMBED_CHARACTERS, f"the embeds hold {characters} characters, over {MAX_EMBED_CHARACTERS}")
    _check_poll(_field(data, "poll", None))
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
            listed = mention_map.get(key)
            count = len(typing.cast("list[object]", listed)) if isinstance(listed, list) else 0
            expect(count <= MAX_MENTIONS, f"allowed_mentions.{key} lists {count} IDs, more than {MAX_MENTIONS}")
    if callback.type == CallbackType.CHANNEL_MESSAGE_WITH_SOURCE:
        carried = [key for key in ("content", "embeds", "components", "poll") if data.get(key)]
        expect(
            bool(carried or callback.reply.files), "the message is empty: no content, embeds, components, files or poll"
        )
    return True


def _at(value: object, path: tuple[str, ...]) -> object:
    for key in path:
        value = typing.cast("_JSONObject", value).get(key) if isinstance(value, dict) else None
    return value


def _check_embed(embed: _JSONObject) -> None:
    """Check an embed's own limits, each text counted trimmed as Discord counts it (message.mdx:607-618)."""
    for path, limit in EMBED_TEXT_LIMITS:
        value = _at(embed, path)
        if isinstance(value, str):
            length = len(value.strip())
            expect(length <= limit, f"an embed's {'.'.join(path)} holds {length} characters, more than {limit}")
    fields = _objects(embed.get("fields"))
    expect(len(fields) <= MAX_EMBED_FIELDS, f"an embed holds {len(fields)} fields, more than {MAX_EMBED_FIELDS}")
    for field in fields:
        for key, limit in (("name", MAX_FIELD_NAME), ("value", MAX_FIELD_VALUE)):
            value = field.get(key)
            length = len(value.strip()) if isinstance(value, str) else 0
            expect(length <= limit, f"an embed field's {key} holds {length} characters, more than {limit}")


def _check_poll(poll: object) -> None:
    """Check a poll request's limits (poll.mdx:46-47, :75)."""
    if not isinstance(poll, dict):
        return
    poll_map = typing.cast("_JSONObject", poll)
    question = _at(poll_map, ("question", "text"))
    if isinstance(question, str):
        _text("a poll's question", question, 0, MAX_POLL_QUESTION)
    answers = _objects(poll_map.get("answers"))
    expect(len(answers) <= MAX_POLL_ANSWERS, f"a poll with {len(answers)} answers, more than {MAX_POLL_ANSWERS}")
    for answer in answers:
        text = _at(answer, ("poll_media", "text"))
        if isinstance(text, str):
            _text("a poll answer's text", text, 0, MAX_POLL_ANSWER)
    duration = poll_map.get("duration")
    expect(
        duration is None or (type(duration) is int and duration <= MAX_POLL_HOURS),
        f"a poll's duration must be at most {MAX_POLL_HOURS} hours (32 days), got {duration!r}",
    )


def _is_components_v2(callback: Callback) -> bool:
    flags = _message_flags(callback)
    return type(flags) is int and bool(flags & IS_COMPONENTS_V2)


def check_components(callback: Callback) -> bool:
    """``reply.components``: each message component where Discord takes it."""
    if callback.type not in _MESSAGES:
        return False
    v2 = _is_components_v2(callback)
    top = _objects(_field(callback.data, "components", []))
    if not v2:
        kinds = sorted({repr(kind) for component in top if (kind := component.get("type")) != _ACTION_ROW})
        expect(
            not kinds,
            f"a message without IS_COMPONENTS_V2 holds top-level components of type {', '.join(kinds)}, "
            "not action rows",
        )
    _check_placement(top, None, v2=v2)
    ids = [component.get("id") for component in _walk(top) if component.get("id") is not None]
    twice = sorted({repr(value) for value in ids if ids.count(value) > 1})
    expect(not twice, f"component id {', '.join(twice)} is used twice in the message")
    return True


def _check_placement(components: list[_JSONObject], parent: object, *, v2: bool) -> None:
    """Check where each component of a message stands: ``parent`` is its holder's type, or `_ACCESSORY`."""
    for component in components:
        kind = component.get("type")
        expect(kind not in _MODAL_ONLY, f"a component of type {kind!r} belongs in modals, not messages")
        expect(v2 or kind not in _V2_ONLY, f"a component of type {kind!r} needs the flag IS_COMPONENTS_V2 (1 << 15)")
        if kind == _BUTTON:
            expect(
                parent in (_ACTION_ROW, _ACCESSORY), "a button stands outside an action row or a section's accessory"
            )
        if kind in _SELECTS:
            expect(parent == _ACTION_ROW, f"a select of type {kind!r} stands outside an action row")
        children = _objects(component.get("components"))
        _check_placement(children, kind, v2=v2)
        if kind == _ACTION_ROW:
            kinds = [child.get("type") for child in children]
            buttons = kinds.count(_BUTTON)
            expect(
                (buttons == len(kinds) and buttons <= MAX_BUTTONS) or (len(kinds) == 1 and kinds[0] in _SELECTS),
                f"an action row holds up to {MAX_BUTTONS} buttons or a single select, not {kinds}",
            )
        if kind == _SECTION:
            expect(
                1 <= len(children) <= MAX_SECTION_CHILDREN,
                f"a section holds {len(children)} components, not 1 to {MAX_SECTION_CHILDREN}",
            )
            expect(isinstance(component.get(_ACCESSORY), dict), "a section has no accessory")
        accessory = component.get(_ACCESSORY)
        if isinstance(accessory, dict):
            _check_placement([typing.cast("_JSONObject", accessory)], _ACCESSORY, v2=v2)


def check_component_fields(callback: Callback) -> bool:
    """``reply.component-fields``: each message component's fields within Discord's limits."""
    if callback.type not in _MESSAGES:
        return False
    for component in _walk(_field(callback.data, "components", [])):
        kind = component.get("type")
        if kind == _BUTTON:
            _check_button(component)
        elif kind in _SELECTS:
            _check_select(component, kind)
        elif kind == _MEDIA_GALLERY:
            items = _objects(component.get("items"))
            expect(
                1 <= len(items) <= MAX_GALLERY_ITEMS,
                f"a media gallery holds {len(items)} items, not 1 to {MAX_GALLERY_ITEMS}",
            )
        description = component.get("description")
        if isinstance(description, str):
            _text("a media description", description, 0, MAX_MEDIA_DESCRIPTION)
        for item in _objects(component.get("items")):
            if isinstance(item.get("description"), str):
                _text("a media gallery item's description", item.get("description"), 0, MAX_MEDIA_DESCRIPTION)
    return True


def _check_button(button: _JSONObject) -> None:
    style = button.get("style")
    label = button.get("label")
    if label is not None:
        _text("a button's label", label, 0, MAX_BUTTON_LABEL)
    if button.get("url") is not None:
        _text("a button's url", button.get("url"), 0, MAX_BUTTON_URL)
    present = {key for key in ("custom_id", "url", "sku_id") if button.get(key) is not None}
    if style == _LINK:
        expect(present == {"url"}, f"a link button needs a url and no custom_id or sku_id, has {sorted(present)}")
    elif style == _PREMIUM:
        extra = sorted({*present, *(key for key in ("label", "emoji") if button.get(key) is not None)} - {"sku_id"})
        expect("sku_id" in present and not extra, f"a premium button needs a sku_id and none of {extra}")
    else:
        expect(
            present == {"custom_id"},
            f"a button of style {style!r} needs a custom_id and no url or sku_id, has {sorted(present)}",
        )
    if "custom_id" in present:
        _text("a button's custom_id", button.get("custom_id"), 1, MAX_CUSTOM_ID)


def _check_select(select: _JSONObject, kind: object) -> None:
    _text("a select's custom_id", select.get("custom_id"), 1, MAX_CUSTOM_ID)
    if select.get("placeholder") is not None:
        _text("a select's placeholder", select.get("placeholder"), 0, MAX_PLACEHOLDER)
    low, high = select.get("min_values", 1), select.get("max_values", 1)
    for key, value in (("min_values", low), ("max_values", high)):
        expect(
            type(value) is int and 0 <= value <= MAX_SELECT_VALUES,
            f"a select's {key} must be 0 to {MAX_SELECT_VALUES}, got {value!r}",
        )
    if kind == _STRING_SELECT:
        options = _objects(select.get("options"))
        expect(
            len(options) <= MAX_SELECT_OPTIONS,
            f"a string select offers {len(options)} options, more than {MAX_SELECT_OPTIONS}",
        )
        for option in options:
            for key in ("label", "value"):
                _text(f"a select option's {key}", option.get(key), 0, MAX_OPTION_TEXT)
            if option.get("description") is not None:
                _text("a select option's description", option.get("description"), 0, MAX_OPTION_TEXT)
    defaults = select.get("default_values")
    if isinstance(defaults, list) and type(low) is int and type(high) is int:
        count = len(typing.cast("list[object]", defaults))
        expect(
            low <= count <= high, f"a select has {count} default values, outside min_values {low} to max_values {high}"
        )


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
    if kind in _SELECTS:
        _check_select(component, kind)
    elif kind == _RADIO_GROUP:
        _check_modal_options(component, "a radio group", 2)
    elif kind == _CHECKBOX_GROUP:
        _check_modal_options(component, "a checkbox group", 1)
    elif kind == _CHECKBOX:
        expect(component.get("required") is not True, "a checkbox cannot be required")
    elif kind == _FILE_UPLOAD:
        for key in ("min_values", "max_values"):
            value = component.get(key)
            expect(
                value is None or (type(value) is int and 0 <= value <= MAX_UPLOADS),
                f"a file upload's {key} must be 0 to {MAX_UPLOADS}, got {value!r}",
            )
        types = component.get("file_types")
        count = len(typing.cast("list[object]", types)) if isinstance(types, list) else 0
        expect(count <= MAX_FILE_TYPES, f"a file upload filters {count} file types, more than {MAX_FILE_TYPES}")
    if kind == _TEXT_INPUT:
        expect(component.get("style") in (1, 2), f"a text input needs a style, 1 or 2, got {component.get('style')!r}")
        for key, low in (("min_length", 0), ("max_length", 1)):
            value = component.get(key)
            expect(
                value is None or (type(value) is int and low <= value <= MAX_TEXT_INPUT),
                f"a text input's {key} must be {low} to {MAX_TEXT_INPUT}, got {value!r}",
            )
        if component.get("placeholder") is not None:
            _text("a text input's placeholder", component.get("placeholder"), 0, MAX_INPUT_PLACEHOLDER)
        value = component.get("value")
        expect(
            value is None or (isinstance(value, str) and len(value) <= MAX_TEXT_INPUT),
            f"a text input's value must be at most {MAX_TEXT_INPUT} characters, got {_show(value)}",
        )


def _check_modal_options(component: _JSONObject, what: str, low: int) -> None:
    options = _objects(component.get("options"))
    expect(
        low <= len(options) <= MAX_MODAL_OPTIONS,
        f"{what} offers {len(options)} options, not {low} to {MAX_MODAL_OPTIONS}",
    )
    for option in options:
        for key in ("label", "value"):
            _text(f"{what}'s option {key}", option.get(key), 0, MAX_OPTION_TEXT)
        if option.get("description") is not None:
            _text(f"{what}'s option description", option.get("description"), 0, MAX_OPTION_TEXT)


def check_modal(callback: Callback) -> bool:
    """``reply.modal``: custom_id, title and components within Discord's limits, of kinds a modal holds."""
    if callback.type != CallbackType.MODAL:
        return False
    data = callback.data
    _text("a modal's custom_id", data.get("custom_id"), 1, MAX_CUSTOM_ID)
    _text("a modal's title", data.get("title"), 0, MAX_MODAL_TITLE)
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
            _text("a label's label", component.get("label"), 0, MAX_LABEL)
            if component.get("description") is not None:
                _text("a label's description", component.get("description"), 0, MAX_LABEL_DESCRIPTION)
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
        assert isinstance(value, int)
        expect(
            -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER,
            f"the integer choice value {value} is outside -2^53+1 to 2^53-1",
        )
    else:
        expect(
            type(value) in (int, float) and option_type in (None, _NUMBER_OPTION),
            f"the choice value {value!r} does not match the focused option's type {option_type}",
        )
        assert isinstance(value, (int, float))
        expect(-MAX_NUMBER <= value <= MAX_NUMBER, f"the number choice value {value!r} is outside -2^53 to 2^53")


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
    limit = callback.interaction.get("attachment_size_limit")
    for file in files:
        expect(bool(file.filename), f"the file part {file.name or '?'} has no filename")
        expect(
            type(limit) is not int or len(file.data) <= limit,
            f"the file {file.name or file.filename!r} holds {len(file.data)} bytes, more than the interaction's "
            f"attachment_size_limit of {limit}",
        )
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
    "reply.components": check_components,
    "reply.component-fields": check_component_fields,
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
