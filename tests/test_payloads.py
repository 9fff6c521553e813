"""The payload corpus: its own invariants, and hikari 2.7.0 as an independent realism check.

hikari is a dev dependency: these tests import it (and PyNaCl) unconditionally,
so a missing install fails the module instead of skipping it.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import re
import socket
import typing
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence

import hikari
import nacl.signing
import pytest

from conformance import payloads
from conformance.cases.handling import without
from conformance.payloads import ALL_SAMPLES
from conformance.payloads import Sample
from interaction_spec import InteractionType

_SIGNING_KEY = nacl.signing.SigningKey(bytes(range(32)))
_PUBLIC_KEY_HEX = _SIGNING_KEY.verify_key.encode().hex()

_NON_PING = tuple(sample for sample in ALL_SAMPLES if sample.interaction_type is not InteractionType.PING)
_FULL = tuple(sample for sample in _NON_PING if sample not in payloads.MINIMAL_SAMPLES)

_SNOWFLAKE = re.compile(r"[1-9][0-9]{15,19}")

_COMMON_KEYS = frozenset({"id", "application_id", "type", "token", "version"})
_EXPECTED_KEYS: Mapping[InteractionType, frozenset[str]] = {
    InteractionType.PING: _COMMON_KEYS,
    InteractionType.APPLICATION_COMMAND: _COMMON_KEYS | {"command_id", "command_name", "options"},
    InteractionType.MESSAGE_COMPONENT: _COMMON_KEYS | {"custom_id", "component_type", "values"},
    InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE: _COMMON_KEYS
    | {"command_id", "command_name", "focused_option", "focused_value"},
    InteractionType.MODAL_SUBMIT: _COMMON_KEYS | {"custom_id", "values"},
}

_REQUIRED_FIELDS = frozenset(
    {
        "id",
        "application_id",
        "type",
        "token",
        "version",
        "app_permissions",
        "entitlements",
        "authorizing_integration_owners",
        "attachment_size_limit",
        "locale",
        "context",
        "channel",
        "channel_id",
        "data",
    }
)

_ALWAYS_SENT = frozenset(
    {
        "id",
        "application_id",
        "type",
        "data",
        "token",
        "version",
        "app_permissions",
        "locale",
        "entitlements",
        "authorizing_integration_owners",
        "attachment_size_limit",
    }
)
"""The interaction fields receiving-and-responding.mdx marks as always present (no ``?``), or as always present on
every kind but PING in a footnote (``data``, ``locale``)."""
_SENT_TODAY = frozenset({"channel", "channel_id", "context"})
"""The fields the docs mark optional that Discord sends with every interaction today (the change log: "Interactions
now contain a channel field"); the minimal samples carry them, and robust.optional-fields removes them."""
_USER_FIELDS = frozenset({"id", "username", "discriminator", "global_name", "avatar"})
"""The user object's fields without ``?`` (resources/user.mdx)."""
_MESSAGE_FIELDS = frozenset(
    {
        "id",
        "channel_id",
        "author",
        "content",
        "timestamp",
        "edited_timestamp",
        "tts",
        "mention_everyone",
        "mentions",
        "mention_roles",
        "attachments",
        "embeds",
        "pinned",
        "type",
    }
)
"""The message object's fields without ``?`` (resources/message.mdx)."""

_HIKARI_CLASSES: Mapping[InteractionType, type[hikari.PartialInteraction]] = {
    InteractionType.APPLICATION_COMMAND: hikari.CommandInteraction,
    InteractionType.MESSAGE_COMPONENT: hikari.ComponentInteraction,
    InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE: hikari.AutocompleteInteraction,
    InteractionType.MODAL_SUBMIT: hikari.ModalInteraction,
}

# Where hikari 2.7.0 knowingly differs from `Sample.expected`. Its modal parser keeps
# only top-level action rows (type 1); any other top-level component is skipped with a
# DEBUG log and no error. The Label shape (type 18, beside a Text Display, type 10) thus
# arrives as a ModalInteraction with no components at all; so does every other modal made
# of Labels, whatever they wrap (text inputs, selects, file uploads, radio groups, checkboxes).
_LABEL_MODALS = ("modal.labels", "modal.minimal", "modal.from_command", "modal.from_component", "modal.file_upload")
_HIKARI_DIVERGENCES: Mapping[str, Mapping[str, object]] = {name: {"values": {}} for name in _LABEL_MODALS}


def _ids(sample: Sample) -> str:
    return sample.name


# --------------------------------------------------------------------------------------
# Offline hikari
# --------------------------------------------------------------------------------------


def _refuse_network(*args: object, **kwargs: object) -> None:
    raise AssertionError(f"network access attempted: {args!r} {kwargs!r}")


@pytest.fixture(scope="module", autouse=True)
def no_network() -> Iterator[None]:
    """Make every outgoing connection and name lookup fail for this module's tests."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", _refuse_network)
        patch.setattr(socket.socket, "connect_ex", _refuse_network)
        patch.setattr(socket, "create_connection", _refuse_network)
        patch.setattr(socket, "getaddrinfo", _refuse_network)
        yield


@pytest.fixture(scope="module")
def bot(no_network: None) -> hikari.RESTBot:
    return hikari.RESTBot(
        "token",
        "Bot",
        public_key=_PUBLIC_KEY_HEX,
        banner=None,
        logs=None,
        suppress_optimization_warning=True,
    )


def test_network_guard_is_active(bot: hikari.RESTBot) -> None:
    with pytest.raises(AssertionError, match="network access attempted"):
        socket.create_connection(("discord.com", 443))
    with pytest.raises(AssertionError, match="network access attempted"):
        socket.getaddrinfo("discord.com", 443)


def _focused(
    options: Sequence[hikari.AutocompleteInteractionOption] | None,
) -> hikari.AutocompleteInteractionOption | None:
    for option in options or ():
        if option.is_focused:
            return option
        # hikari declares `options` as `Sequence[Self]` on an attrs class; pyright leaves Self unbound there.
        suboptions = typing.cast(
            "Sequence[hikari.AutocompleteInteractionOption] | None",
            option.options,  # pyright: ignore[reportUnknownMemberType]
        )
        if (found := _focused(suboptions)) is not None:
            return found
    return None


def _hikari_view(interaction: hikari.PartialInteraction) -> dict[str, object]:
    """Read through hikari's model the same keys `Sample.expected` holds."""
    view: dict[str, object] = {
        "id": int(interaction.id),
        "application_id": int(interaction.application_id),
        "type": int(interaction.type),
        "token": interaction.token,
        "version": interaction.version,
    }
    if isinstance(interaction, (hikari.CommandInteraction, hikari.AutocompleteInteraction)):
        view["command_id"] = int(interaction.command_id)
        view["command_name"] = interaction.command_name
    if isinstance(interaction, hikari.CommandInteraction):
        # The corpus's commands have top-level options only (no subcommand), so hikari's list maps directly.
        view["options"] = {option.name: option.value for option in interaction.options}
    if isinstance(interaction, hikari.AutocompleteInteraction):
        focused = _focused(interaction.options)
        assert focused is not None, "hikari found no focused option"
        view["focused_option"] = focused.name
        view["focused_value"] = focused.value
    if isinstance(interaction, hikari.ComponentInteraction):
        view["custom_id"] = interaction.custom_id
        view["component_type"] = int(interaction.component_type)
        view["values"] = tuple(interaction.values)
    if isinstance(interaction, hikari.ModalInteraction):
        view["custom_id"] = interaction.custom_id
        view["values"] = {
            component.custom_id: component.value for row in interaction.components for component in row.components
        }
    return view


# --------------------------------------------------------------------------------------
# The corpus itself
# --------------------------------------------------------------------------------------


def test_names_are_unique() -> None:
    names = [sample.name for sample in ALL_SAMPLES]
    assert len(names) == len(set(names))


def test_every_non_ping_type_has_at_least_two_samples() -> None:
    for interaction_type in InteractionType:
        count = sum(sample.interaction_type is interaction_type for sample in ALL_SAMPLES)
        assert count >= (1 if interaction_type is InteractionType.PING else 2), interaction_type


def test_module_constants_are_all_samples() -> None:
    constants = {name: getattr(payloads, name) for name in payloads.__all__ if name.isupper()}
    exported = tuple(value for value in constants.values() if isinstance(value, Sample))
    assert set(exported) == set(ALL_SAMPLES)
    assert len(exported) == len(ALL_SAMPLES)
    groups = {name for name, value in constants.items() if not isinstance(value, Sample)}
    assert groups == {"ALL_SAMPLES", "MINIMAL_SAMPLES", "SPELLING_SAMPLES", "SPELLINGS"}
    assert set(payloads.MINIMAL_SAMPLES) | set(payloads.SPELLING_SAMPLES) <= set(ALL_SAMPLES)


@pytest.mark.parametrize("sample", ALL_SAMPLES, ids=_ids)
def test_type_agrees_everywhere(sample: Sample) -> None:
    assert isinstance(sample.interaction_type, InteractionType)
    assert sample.expected["type"] == sample.payload["type"] == sample.interaction_type
    assert type(sample.payload["type"]) is int


@pytest.mark.parametrize("sample", ALL_SAMPLES, ids=_ids)
def test_expected_has_exactly_the_keys_of_its_kind(sample: Sample) -> None:
    assert set(sample.expected) == _EXPECTED_KEYS[sample.interaction_type]
    assert sample.expected["id"] == int(str(sample.payload["id"]))
    assert sample.expected["application_id"] == int(str(sample.payload["application_id"]))
    assert sample.expected["token"] == sample.payload["token"]
    assert sample.expected["version"] == sample.payload["version"] == 1
    values = sample.expected.get("values")
    if sample.interaction_type is InteractionType.MESSAGE_COMPONENT:
        assert isinstance(values, tuple)
    if sample.interaction_type is InteractionType.MODAL_SUBMIT:
        assert isinstance(values, dict)
        assert values


@pytest.mark.parametrize("sample", ALL_SAMPLES, ids=_ids)
def test_body_is_compact_json_that_round_trips(sample: Sample) -> None:
    body = sample.body()
    assert body == json.dumps(sample.payload, separators=(",", ":")).encode()
    assert json.loads(body) == sample.payload
    assert json.dumps(json.loads(body), separators=(",", ":")).encode() == body
    assert sample.body() == body


@pytest.mark.parametrize("sample", ALL_SAMPLES, ids=_ids)
def test_copy_is_deep_and_detached(sample: Sample) -> None:
    before = sample.body()
    copied = sample.copy()
    assert copied == sample.payload
    assert copied is not sample.payload
    copied["id"] = "0"
    if isinstance(channel := copied.get("channel"), dict):
        channel["id"] = "0"
    if isinstance(data := copied.get("data"), dict):
        data.clear()
    assert sample.body() == before


@pytest.mark.parametrize("sample", ALL_SAMPLES, ids=_ids)
def test_ids_and_token_look_real(sample: Sample) -> None:
    for key in ("id", "application_id"):
        value = sample.payload[key]
        assert isinstance(value, str)
        assert _SNOWFLAKE.fullmatch(value), (key, value)
    token = sample.payload["token"]
    assert isinstance(token, str)
    decoded = base64.b64decode(token + "=" * (-len(token) % 4), validate=True)
    assert decoded.startswith(f"interaction:{sample.payload['id']}:".encode())


@pytest.mark.parametrize("sample", _FULL, ids=_ids)
def test_non_ping_payload_carries_every_documented_field(sample: Sample) -> None:
    payload = sample.payload
    assert set(payload) >= _REQUIRED_FIELDS
    assert isinstance(payload["app_permissions"], str)
    assert payload["app_permissions"].isdigit()
    channel = payload["channel"]
    assert isinstance(channel, dict)
    assert channel["id"] == payload["channel_id"]
    in_guild = "guild_id" in payload
    assert in_guild != ("user" in payload)
    if in_guild:
        assert {"member", "guild_locale"} <= set(payload)
        member = payload["member"]
        assert isinstance(member, dict)
        assert isinstance(member["permissions"], str)
        assert payload["context"] == 0
    else:
        assert "member" not in payload
        assert payload["context"] in (1, 2)
    assert ("message" in payload) >= (sample.interaction_type is InteractionType.MESSAGE_COMPONENT)


def test_one_minimal_sample_of_each_non_ping_kind() -> None:
    kinds = [sample.interaction_type for sample in payloads.MINIMAL_SAMPLES]
    assert kinds == [kind for kind in InteractionType if kind is not InteractionType.PING]
    assert all(sample.name.endswith(".minimal") for sample in payloads.MINIMAL_SAMPLES)


@pytest.mark.parametrize("sample", payloads.MINIMAL_SAMPLES, ids=_ids)
def test_minimal_sample_carries_only_what_discord_always_sends(sample: Sample) -> None:
    payload = sample.payload
    on_message = sample.interaction_type is InteractionType.MESSAGE_COMPONENT
    assert set(payload) == _ALWAYS_SENT | _SENT_TODAY | {"user"} | ({"message"} if on_message else set())
    assert payload["channel"] == {"id": payload["channel_id"], "type": 1}  # the DM, as small as Discord sends it
    assert payload["context"] == 1  # BOT_DM
    assert set(_obj(payload["user"])) == _USER_FIELDS
    if on_message:
        message = _obj(payload["message"])
        assert set(message) == _MESSAGE_FIELDS | {"components", "flags"}
        assert set(_obj(message["author"])) == _USER_FIELDS | {"bot"}
    assert payload["authorizing_integration_owners"] == {"0": "0"}  # a guild install, used in its bot's DM
    assert isinstance(payload["app_permissions"], str)
    assert payload["app_permissions"].isdigit()


def test_spelling_samples_hold_what_every_spelling_changes() -> None:
    for sample in payloads.SPELLING_SAMPLES:
        text = json.dumps(sample.payload, ensure_ascii=False)
        assert "/" in text
        assert any(0x7F < ord(char) <= 0xFFFF for char in text)
        assert any(ord(char) > 0xFFFF for char in text)
    assert payloads.PING_UNICODE.interaction_type is InteractionType.PING
    assert {"app_permissions", "attachment_size_limit", "user"} <= set(payloads.PING_UNICODE.payload)


def test_samples_of_and_default_sample() -> None:
    for interaction_type in InteractionType:
        of_type = payloads.samples_of(interaction_type)
        assert of_type == tuple(sample for sample in ALL_SAMPLES if sample.interaction_type is interaction_type)
        assert payloads.default_sample(interaction_type) is of_type[0]
    assert payloads.default_sample(InteractionType.PING) is payloads.PING
    assert payloads.default_sample(InteractionType.APPLICATION_COMMAND) is payloads.COMMAND_GUILD
    assert payloads.default_sample(InteractionType.MESSAGE_COMPONENT) is payloads.COMPONENT_BUTTON
    assert payloads.default_sample(InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE) is payloads.AUTOCOMPLETE_TOP_LEVEL
    assert payloads.default_sample(InteractionType.MODAL_SUBMIT) is payloads.MODAL_ACTION_ROWS


def _obj(value: object) -> Mapping[str, object]:
    assert isinstance(value, dict)
    return typing.cast("Mapping[str, object]", value)


def _arr(value: object) -> Sequence[object]:
    assert isinstance(value, list)
    return typing.cast("Sequence[object]", value)


def test_autocomplete_focus_positions() -> None:
    top_options = _arr(_obj(payloads.AUTOCOMPLETE_TOP_LEVEL.payload["data"])["options"])
    assert top_options[1] == {"focused": True, "name": "city", "type": 3, "value": "Lon"}
    subcommand = _obj(_arr(_obj(payloads.AUTOCOMPLETE_SUBCOMMAND.payload["data"])["options"])[0])
    assert subcommand["type"] == 1
    assert _arr(subcommand["options"])[1] == {"focused": True, "name": "name", "type": 3, "value": "wel"}


def test_modal_shapes() -> None:
    rows = [_obj(row) for row in _arr(_obj(payloads.MODAL_ACTION_ROWS.payload["data"])["components"])]
    assert [row["type"] for row in rows] == [1, 1, 1]
    assert [_obj(component)["type"] for row in rows for component in _arr(row["components"])] == [4, 4, 4]
    top_level = [_obj(component) for component in _arr(_obj(payloads.MODAL_LABELS.payload["data"])["components"])]
    assert [component["type"] for component in top_level] == [10, 18, 18]
    assert [_obj(label["component"])["type"] for label in top_level[1:]] == [4, 3]


# --------------------------------------------------------------------------------------
# hikari 2.7.0
# --------------------------------------------------------------------------------------


def test_hikari_version() -> None:
    assert hikari.__version__ == "2.7.0"


@pytest.mark.parametrize("sample", _FULL, ids=_ids)
def test_hikari_deserializes_sample(bot: hikari.RESTBot, sample: Sample) -> None:
    interaction = bot.entity_factory.deserialize_interaction(sample.copy())

    assert type(interaction) is _HIKARI_CLASSES[sample.interaction_type]
    expected = {**sample.expected, **_HIKARI_DIVERGENCES.get(sample.name, {})}
    assert _hikari_view(interaction) == expected


@pytest.mark.parametrize("sample", payloads.MINIMAL_SAMPLES, ids=_ids)
def test_hikari_reads_minimal_samples(bot: hikari.RESTBot, sample: Sample) -> None:
    interaction = bot.entity_factory.deserialize_interaction(sample.copy())

    assert type(interaction) is _HIKARI_CLASSES[sample.interaction_type]
    expected = {**sample.expected, **_HIKARI_DIVERGENCES.get(sample.name, {})}
    assert _hikari_view(interaction) == expected


@pytest.mark.parametrize("sample", payloads.MINIMAL_SAMPLES, ids=_ids)
def test_hikari_needs_the_fields_the_docs_mark_optional(bot: hikari.RESTBot, sample: Sample) -> None:
    # hikari 2.7.0 reads `channel`, `context` and a message's `flags` unconditionally: robust.optional-fields.
    needed = [("channel",), ("context",)] + ([("message", "flags")] if "message" in sample.payload else [])
    for path in needed:
        with pytest.raises(KeyError, match=repr(path[-1])):
            bot.entity_factory.deserialize_interaction(without(sample, path).copy())


def test_hikari_drops_the_label_modal_shape(bot: hikari.RESTBot, caplog: pytest.LogCaptureFixture) -> None:
    sample = payloads.MODAL_LABELS
    with caplog.at_level(logging.DEBUG, logger="hikari.entity_factory"):
        interaction = bot.entity_factory.deserialize_interaction(sample.copy())

    assert isinstance(interaction, hikari.ModalInteraction)
    assert interaction.custom_id == "bug_report"
    assert list(interaction.components) == []
    assert [record.getMessage() for record in caplog.records if record.name == "hikari.entity_factory"] == [
        "Unknown top-level message component type TEXT_DISPLAY",
        "Unknown top-level message component type 18",
        "Unknown top-level message component type 18",
    ]
    # The divergence is real: a Label-aware server does see values here.
    assert sample.expected["values"] == {
        "summary": "Buttons stop responding after the message is edited",
        "severity": ("high",),
    }


def test_hikari_keeps_the_legacy_modal_shape(bot: hikari.RESTBot) -> None:
    interaction = bot.entity_factory.deserialize_interaction(payloads.MODAL_ACTION_ROWS.copy())

    assert isinstance(interaction, hikari.ModalInteraction)
    assert [row.type for row in interaction.components] == [hikari.ComponentType.ACTION_ROW] * 3
    assert [component.type for row in interaction.components for component in row.components] == [
        hikari.ComponentType.TEXT_INPUT
    ] * 3


def test_hikari_entity_factory_refuses_ping(bot: hikari.RESTBot) -> None:
    # PING never reaches the entity factory in hikari: its interaction server answers it first.
    with pytest.raises(hikari.UnrecognisedEntityError, match="Unrecognised interaction type 1"):
        bot.entity_factory.deserialize_interaction(payloads.PING.copy())


def test_hikari_server_answers_ping_with_pong(bot: hikari.RESTBot) -> None:
    body = payloads.PING.body()
    timestamp = b"1726309533"
    signature = _SIGNING_KEY.sign(timestamp + body).signature

    response = asyncio.run(bot.interaction_server.on_interaction(body, signature, timestamp))

    assert response.status_code == 200
    assert response.payload is not None
    assert json.loads(response.payload) == {"type": 1}


# --------------------------------------------------------------------------------------
# Today's traffic: what each of the newer samples must hold
# --------------------------------------------------------------------------------------

_SYSTEM_USER_ID = "643945264868098049"


def _data(sample: Sample) -> Mapping[str, object]:
    return _obj(sample.payload["data"])


def _tree(component: object) -> Iterator[Mapping[str, object]]:
    """Yield a component and every component nested in it (``components``, ``component``, ``accessory``)."""
    node = _obj(component)
    yield node
    for key in ("component", "accessory"):
        if key in node:
            yield from _tree(node[key])
    for child in _arr(node.get("components", [])):
        yield from _tree(child)


def test_ping_is_the_one_discord_sends_today() -> None:
    payload = payloads.PING.payload
    user = _obj(payload["user"])
    assert user["id"] == _SYSTEM_USER_ID
    assert user["system"] is True
    assert isinstance(payload["app_permissions"], str)
    assert payload["app_permissions"].isdigit()
    assert isinstance(payload["attachment_size_limit"], int)
    assert not {"locale", "channel", "data", "context"} & set(payload)
    legacy = payloads.PING_LEGACY.payload
    assert not {"app_permissions", "attachment_size_limit"} & set(legacy)
    assert _obj(legacy["user"])["id"] != _SYSTEM_USER_ID


@pytest.mark.parametrize(
    ("sample", "context", "channel_type"),
    [(payloads.COMMAND_USER_INSTALL_DM, 1, 1), (payloads.COMMAND_USER_INSTALL_GROUP_DM, 2, 3)],
    ids=["bot-dm", "group-dm"],
)
def test_user_installed_samples(sample: Sample, context: int, channel_type: int) -> None:
    payload = sample.payload
    user = _obj(payload["user"])
    assert payload["authorizing_integration_owners"] == {"1": user["id"]}
    assert payload["context"] == context
    assert _obj(payload["channel"])["type"] == channel_type
    assert not {"guild_id", "member"} & set(payload)


def test_non_ascii_in_names_and_values() -> None:
    for sample in (payloads.COMMAND_USER_INSTALL_DM, payloads.COMMAND_USER_INSTALL_GROUP_DM):
        options = typing.cast("dict[str, object]", sample.expected["options"])
        assert not str(sample.expected["command_name"]).isascii()
        assert not all(str(value).isascii() for value in options.values())
    group_dm = typing.cast("dict[str, object]", payloads.COMMAND_USER_INSTALL_GROUP_DM.expected["options"])
    assert not all(name.isascii() for name in group_dm)


def test_message_command_resolves_its_target() -> None:
    data = _data(payloads.COMMAND_MESSAGE_CONTEXT)
    assert data["type"] == 3
    messages = _obj(_obj(data["resolved"])["messages"])
    assert list(messages) == [data["target_id"]]
    assert _obj(messages[str(data["target_id"])])["id"] == data["target_id"]


def test_entity_options_are_resolved_by_kind() -> None:
    data = _data(payloads.COMMAND_ENTITY_OPTIONS)
    resolved = _obj(data["resolved"])
    kinds = {6: "users", 7: "channels", 8: "roles", 11: "attachments"}
    options = [_obj(option) for option in _arr(data["options"])]
    assert sorted(int(str(option["type"])) for option in options) == sorted(kinds)
    for option in options:
        entities = _obj(resolved[kinds[int(str(option["type"]))]])
        assert _obj(entities[str(option["value"])])["id"] == option["value"]
    assert set(_obj(resolved["members"])) <= set(_obj(resolved["users"]))


@pytest.mark.parametrize(
    ("sample", "kind", "key"),
    [
        (payloads.COMPONENT_USER_SELECT, 5, "users"),
        (payloads.COMPONENT_ROLE_SELECT, 6, "roles"),
        (payloads.COMPONENT_CHANNEL_SELECT, 8, "channels"),
    ],
    ids=["user", "role", "channel"],
)
def test_entity_selects_are_resolved(sample: Sample, kind: int, key: str) -> None:
    data = _data(sample)
    assert data["component_type"] == kind
    assert set(_arr(data["values"])) == set(_obj(_obj(data["resolved"])[key]))
    message = _obj(sample.payload["message"])
    found = [
        node for row in _arr(message["components"]) for node in _tree(row) if node.get("custom_id") == data["custom_id"]
    ]
    assert [node["type"] for node in found] == [kind]


def test_components_v2_message() -> None:
    sample = payloads.COMPONENT_V2
    message = _obj(sample.payload["message"])
    assert isinstance(message["flags"], int)
    assert message["flags"] & (1 << 15)
    assert message["content"] == ""
    nodes = [node for top in _arr(message["components"]) for node in _tree(top)]
    assert {17, 9, 10, 2} <= {node["type"] for node in nodes}
    [button] = [node for node in nodes if node.get("custom_id") == _data(sample)["custom_id"]]
    assert button["type"] == 2
    assert button["id"] == _data(sample)["id"]


@pytest.mark.parametrize(
    ("sample", "kind"),
    [(payloads.AUTOCOMPLETE_INTEGER, 4), (payloads.AUTOCOMPLETE_NUMBER, 10)],
    ids=["integer", "number"],
)
def test_numeric_autocomplete_sends_the_typed_text(sample: Sample, kind: int) -> None:
    options = [_obj(option) for option in _arr(_data(sample)["options"])]
    assert {option["type"] for option in options} == {kind}
    [focused] = [option for option in options if option.get("focused") is True]
    assert isinstance(focused["value"], str)
    assert focused["value"] == sample.expected["focused_value"]
    assert all(isinstance(option["value"], (int, float)) for option in options if option is not focused)


def test_modal_from_command_and_from_component() -> None:
    assert "message" not in payloads.MODAL_FROM_COMMAND.payload
    assert "message" in payloads.MODAL_FROM_COMPONENT.payload


def test_every_modal_component_kind_is_in_a_label() -> None:
    submitted = {
        int(str(_obj(label["component"])["type"])): _obj(label["component"])
        for sample in payloads.samples_of(InteractionType.MODAL_SUBMIT)
        for label in map(_obj, _arr(_data(sample)["components"]))
        if label["type"] == 18
    }
    assert {3, 4, 19, 21, 22, 23} <= set(submitted)
    upload = _data(payloads.MODAL_FILE_UPLOAD)
    files = _arr(submitted[19]["values"])
    assert files
    assert set(files) == set(_obj(_obj(upload["resolved"])["attachments"]))
    values = payloads.MODAL_FILE_UPLOAD.expected["values"]
    assert values == {
        "bug:files": tuple(files),
        "bug:area": None,
        "bug:reproducible": True,
        "bug:platforms": ("desktop", "android"),
    }
    assert any(
        _obj(label["component"]).get("type") == 21 and _obj(label["component"])["value"] is None
        for label in map(_obj, _arr(upload["components"]))
        if label["type"] == 18
    )


def test_hikari_reads_the_resolved_entities(bot: hikari.RESTBot) -> None:
    command = bot.entity_factory.deserialize_interaction(payloads.COMMAND_ENTITY_OPTIONS.copy())
    assert isinstance(command, hikari.CommandInteraction)
    assert command.resolved is not None
    assert [attachment.filename for attachment in command.resolved.attachments.values()] == ["screenshot.png"]
    assert [role.name for role in command.resolved.roles.values()] == ["Moderators"]
    quoted = bot.entity_factory.deserialize_interaction(payloads.COMMAND_MESSAGE_CONTEXT.copy())
    assert isinstance(quoted, hikari.CommandInteraction)
    assert quoted.resolved is not None
    target = int(str(_data(payloads.COMMAND_MESSAGE_CONTEXT)["target_id"]))
    assert quoted.target_id == target
    assert [int(message_id) for message_id in quoted.resolved.messages] == [target]


def test_hikari_drops_every_label_modal(bot: hikari.RESTBot) -> None:
    full = [sample for sample in _FULL if sample.name in _LABEL_MODALS]
    assert len(full) == len(_LABEL_MODALS) - 1  # all but the minimal one, which hikari refuses (no "channel")
    for sample in full:
        name = sample.name
        interaction = bot.entity_factory.deserialize_interaction(sample.copy())
        assert isinstance(interaction, hikari.ModalInteraction)
        assert list(interaction.components) == [], name
        assert sample.expected["values"], name
