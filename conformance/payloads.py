"""A corpus of realistic Discord interaction payloads.

Each `Sample` is one interaction body as Discord would POST it to an
Interactions Endpoint URL, together with the values a listener must see
through the `interaction_spec` properties once a server has parsed it.

The payloads follow the shapes Discord sends today: snowflakes and permission
sets as strings, ISO 8601 timestamps, and on every non-PING interaction the
fields ``app_permissions``, ``entitlements``, ``authorizing_integration_owners``,
``attachment_size_limit``, ``locale``, ``context``, ``channel``/``channel_id``
and either ``guild_id`` + ``guild_locale`` + ``member`` (in a guild) or
``user`` (in a DM). The exceptions are `MINIMAL_SAMPLES`, which carry only
the fields Discord sends with every interaction of their kind, and the PINGs. Everything is fixed: the IDs,
tokens and timestamps are literals, so a body is byte-for-byte the same on
every run.

`spell` writes a sample's payload in other, equivalent JSON spellings (spacing,
escapes, key order), for the cases about signatures over the exact bytes.

The module imports only the standard library and `interaction_spec`, so the
suite can use it both in-process and over HTTP without pulling in a Discord
library.
"""

from __future__ import annotations

__all__ = (
    "ALL_SAMPLES",
    "AUTOCOMPLETE_INTEGER",
    "AUTOCOMPLETE_MINIMAL",
    "AUTOCOMPLETE_NUMBER",
    "AUTOCOMPLETE_SUBCOMMAND",
    "AUTOCOMPLETE_TOP_LEVEL",
    "COMMAND_DM",
    "COMMAND_ENTITY_OPTIONS",
    "COMMAND_GUILD",
    "COMMAND_MESSAGE_CONTEXT",
    "COMMAND_MINIMAL",
    "COMMAND_UNICODE",
    "COMMAND_USER_CONTEXT",
    "COMMAND_USER_INSTALL_DM",
    "COMMAND_USER_INSTALL_GROUP_DM",
    "COMPONENT_BUTTON",
    "COMPONENT_CHANNEL_SELECT",
    "COMPONENT_MINIMAL",
    "COMPONENT_ROLE_SELECT",
    "COMPONENT_STRING_SELECT",
    "COMPONENT_USER_SELECT",
    "COMPONENT_V2",
    "MINIMAL_SAMPLES",
    "MODAL_ACTION_ROWS",
    "MODAL_FILE_UPLOAD",
    "MODAL_FROM_COMMAND",
    "MODAL_FROM_COMPONENT",
    "MODAL_LABELS",
    "MODAL_MINIMAL",
    "PING",
    "PING_LEGACY",
    "PING_UNICODE",
    "SPELLINGS",
    "SPELLING_SAMPLES",
    "Sample",
    "default_sample",
    "samples_of",
    "spell",
)

import dataclasses
import json
import typing
from collections.abc import Mapping
from collections.abc import Sequence
from copy import deepcopy

from interaction_spec.enums import InteractionType


@dataclasses.dataclass(frozen=True, slots=True)
class Sample:
    """One interaction payload and what a listener must read from it.

    Attributes
    ----------
    name : str
        A stable, unique name such as ``"command.guild"``: the kind, a dot,
        and what distinguishes the sample.
    interaction_type : InteractionType
        The interaction's ``type``.
    payload : Mapping[str, object]
        The interaction object as Discord sends it (JSON-compatible). Shared
        by every user of the module, so treat it as read-only: use `copy` to
        get a version to mutate.
    expected : Mapping[str, object]
        The values a listener must see through the `interaction_spec`
        properties, by property name. Every sample has ``id``,
        ``application_id`` (both `int`), ``type``, ``token`` and ``version``.
        Commands and autocompletes add ``command_id`` and ``command_name``;
        commands add ``options`` (a dict from option name to value, typed as
        `interaction_spec.OptionValue` describes: the options of the invoked
        subcommand, empty when there are none); autocompletes add
        ``focused_option`` and ``focused_value``; components add
        ``custom_id``, ``component_type`` and ``values`` (a tuple of `str`);
        modals add ``custom_id`` and ``values`` (a dict from component custom
        ID to its value, typed as `interaction_spec.ModalValue` describes: the
        text of a text input, the chosen value of a radio group or `None`, a
        checkbox's `bool`, or the tuple of values chosen in a select or
        checkbox group, or of the uploaded attachments' snowflake IDs as `str`).

    Notes
    -----
    Samples compare by all four fields but hash by `name` and
    `interaction_type` only, so they can be set members and mapping keys.
    """

    name: str
    interaction_type: InteractionType
    payload: Mapping[str, object] = dataclasses.field(hash=False)
    expected: Mapping[str, object] = dataclasses.field(hash=False)

    def body(self) -> bytes:
        """Return the payload as compact JSON, the way Discord sends it.

        Returns
        -------
        bytes
            ``json.dumps(payload, separators=(",", ":"))``, UTF-8 encoded.
        """
        return json.dumps(self.payload, separators=(",", ":")).encode()

    def copy(self) -> dict[str, object]:
        """Return a deep copy of the payload that the caller may mutate.

        Returns
        -------
        dict[str, object]
            A fresh copy sharing no container with `payload`.
        """
        return deepcopy(dict(self.payload))


# ---------------------------------------------------------------------------
# Fixed identities. The snowflakes are consistent with their creation times
# (a message's ID encodes the same instant as its "timestamp").
# ---------------------------------------------------------------------------

_APPLICATION_ID = "1284458905291718656"
_GUILD_ID = "816380470999646208"
_CHANNEL_ID = "816380470999646209"
_CATEGORY_ID = "816380470999646210"
_DM_CHANNEL_ID = "1286597718839525376"
_USER_ID = "470518848823492608"
_OTHER_USER_ID = "641381894767771648"
_MEMBER_ROLE_ID = "817003487035392000"
_EVENTS_ROLE_ID = "933398085369856000"
_SKU_ID = "1290599084851200000"
_ENTITLEMENT_ID = "1338928113794416640"

_SAY_COMMAND_ID = "1284463659288100864"
_AVATAR_COMMAND_ID = "1284463660219236352"
_TAG_COMMAND_ID = "1284463661158760448"
_WEATHER_COMMAND_ID = "1284463662006009856"
_POLL_COMMAND_ID = "1284463662849064960"
_COLOURS_COMMAND_ID = "1284463663704702976"

_POLL_INTERACTION_ID = "1379460906320531463"
_POLL_MESSAGE_ID = "1379460907586945036"
_COLOURS_INTERACTION_ID = "1379462493570994179"
_COLOURS_MESSAGE_ID = "1379462494787076100"
_REPORT_MESSAGE_ID = "1379464811728994305"
_EARLIER_DM_MESSAGE_ID = "1378822170209288197"

_LOCALE = "en-GB"
_GUILD_LOCALE = "en-US"
_ATTACHMENT_SIZE_LIMIT = 10_485_760  # 10 MiB, the limit without boosts.

# Permission sets, as the decimal strings Discord sends.
# The member: the usual @everyone set of a new guild (view, send, embed, attach,
# history, reactions, external emoji/stickers/sounds/apps, voice, threads, polls...).
_MEMBER_PERMISSIONS = "1826261000638017"
# The app in the guild channel: the member set plus MANAGE_MESSAGES,
# MANAGE_THREADS, MENTION_EVERYONE and MANAGE_WEBHOOKS.
_APP_GUILD_PERMISSIONS = "1826278717517377"
# The app in its bot DM: what a DM allows (view, send, embed, attach, history,
# reactions, mention, external emoji/stickers/apps, commands, voice messages, polls).
_APP_DM_PERMISSIONS = "1759358191389760"

_GUILD_INSTALL = "0"
"""The `authorizing_integration_owners` key for a guild installation."""


def _alice() -> dict[str, object]:
    """Return the invoking user of every sample."""
    return {
        "avatar": "5f1c8b8e2a9d4e07b6c3a1f09d2e4b7c",
        "avatar_decoration_data": None,
        "clan": None,
        "collectibles": None,
        "discriminator": "0",
        "global_name": "Alice",
        "id": _USER_ID,
        "primary_guild": None,
        "public_flags": 64,
        "username": "alice.dev",
    }


def _bob() -> dict[str, object]:
    """Return the target of the user command."""
    return {
        "avatar": None,
        "avatar_decoration_data": None,
        "clan": None,
        "collectibles": None,
        "discriminator": "0",
        "global_name": "Bob",
        "id": _OTHER_USER_ID,
        "primary_guild": None,
        "public_flags": 0,
        "username": "bob_builds",
    }


def _bot_user() -> dict[str, object]:
    """Return the app's bot user, the author of the messages components sit on."""
    return {
        "avatar": "0b2f6a3c9e8d7f1a4c5b6e7d8f9a0b1c",
        "avatar_decoration_data": None,
        "bot": True,
        "clan": None,
        "collectibles": None,
        "discriminator": "4821",
        "global_name": None,
        "id": _APPLICATION_ID,
        "primary_guild": None,
        "public_flags": 524288,  # BOT_HTTP_INTERACTIONS
        "username": "Relay",
    }


def _member() -> dict[str, object]:
    """Return Alice as a guild member, as the ``member`` field carries her."""
    return {
        "avatar": None,
        "banner": None,
        "communication_disabled_until": None,
        "deaf": False,
        "flags": 0,
        "joined_at": "2021-03-02T19:03:27.480000+00:00",
        "mute": False,
        "nick": "Ali",
        "pending": False,
        "permissions": _MEMBER_PERMISSIONS,
        "premium_since": None,
        "roles": [_MEMBER_ROLE_ID, _EVENTS_ROLE_ID],
        "unusual_dm_activity_until": None,
        "user": _alice(),
    }


def _guild() -> dict[str, object]:
    """Return the partial guild object guild interactions carry."""
    return {"features": ["COMMUNITY", "NEWS"], "id": _GUILD_ID, "locale": _GUILD_LOCALE}


def _guild_channel(last_message_id: str) -> dict[str, object]:
    """Return the partial text channel guild interactions come from."""
    return {
        "flags": 0,
        "guild_id": _GUILD_ID,
        "id": _CHANNEL_ID,
        "last_message_id": last_message_id,
        "name": "general",
        "nsfw": False,
        "parent_id": _CATEGORY_ID,
        "permissions": _MEMBER_PERMISSIONS,
        "position": 0,
        "rate_limit_per_user": 0,
        "theme_color": None,
        "topic": "Anything goes (within the rules).",
        "type": 0,
    }


def _dm_channel(last_message_id: str) -> dict[str, object]:
    """Return the partial DM channel between Alice and the bot."""
    return {
        "flags": 0,
        "id": _DM_CHANNEL_ID,
        "last_message_id": last_message_id,
        "recipients": [_alice()],
        "type": 1,
    }


def _in_guild(
    interaction_id: str, interaction_type: InteractionType, token: str, last_message_id: str
) -> dict[str, object]:
    """Return the fields every interaction from the guild's #general carries."""
    return {
        "app_permissions": _APP_GUILD_PERMISSIONS,
        "application_id": _APPLICATION_ID,
        "attachment_size_limit": _ATTACHMENT_SIZE_LIMIT,
        "authorizing_integration_owners": {_GUILD_INSTALL: _GUILD_ID},
        "channel": _guild_channel(last_message_id),
        "channel_id": _CHANNEL_ID,
        "context": 0,  # GUILD
        "entitlement_sku_ids": [],
        "entitlements": [],
        "guild": _guild(),
        "guild_id": _GUILD_ID,
        "guild_locale": _GUILD_LOCALE,
        "id": interaction_id,
        "locale": _LOCALE,
        "member": _member(),
        "token": token,
        "type": int(interaction_type),
        "version": 1,
    }


def _in_dm(
    interaction_id: str, interaction_type: InteractionType, token: str, last_message_id: str
) -> dict[str, object]:
    """Return the fields every interaction from Alice's DM with the bot carries.

    Alice holds a subscription to the app here, so ``entitlements`` is not empty.
    """
    return {
        "app_permissions": _APP_DM_PERMISSIONS,
        "application_id": _APPLICATION_ID,
        "attachment_size_limit": _ATTACHMENT_SIZE_LIMIT,
        # A guild-installed app used in its bot DM: the guild install key maps to "0".
        "authorizing_integration_owners": {_GUILD_INSTALL: "0"},
        "channel": _dm_channel(last_message_id),
        "channel_id": _DM_CHANNEL_ID,
        "context": 1,  # BOT_DM
        "entitlement_sku_ids": [_SKU_ID],
        "entitlements": [
            {
                "application_id": _APPLICATION_ID,
                "consumed": False,
                "deleted": False,
                "ends_at": "2025-06-11T17:42:18.410000+00:00",
                "gift_code_flags": 0,
                "id": _ENTITLEMENT_ID,
                "promotion_id": None,
                "sku_id": _SKU_ID,
                "starts_at": "2025-05-11T17:42:18.410000+00:00",
                "subscription_id": "1338928113580507136",
                "type": 8,  # APPLICATION_SUBSCRIPTION
                "user_id": _USER_ID,
            }
        ],
        "id": interaction_id,
        "locale": _LOCALE,
        "token": token,
        "type": int(interaction_type),
        "user": _alice(),
        "version": 1,
    }


def _command_reply(
    *,
    message_id: str,
    timestamp: str,
    channel_id: str,
    interaction_id: str,
    command_name: str,
    owners: dict[str, str],
    content: str,
    components: list[object],
) -> dict[str, object]:
    """Return a message the app sent as the reply to a slash command (message type 20)."""
    return {
        "application_id": _APPLICATION_ID,
        "attachments": [],
        "author": _bot_user(),
        "channel_id": channel_id,
        "components": components,
        "content": content,
        "edited_timestamp": None,
        "embeds": [],
        "flags": 0,
        "id": message_id,
        "interaction": {"id": interaction_id, "name": command_name, "type": 2, "user": _alice()},
        "interaction_metadata": {
            "authorizing_integration_owners": owners,
            "command_type": 1,
            "id": interaction_id,
            "name": command_name,
            "type": 2,
            "user": _alice(),
        },
        "mention_everyone": False,
        "mention_roles": [],
        "mentions": [],
        "pinned": False,
        "timestamp": timestamp,
        "tts": False,
        "type": 20,  # CHAT_INPUT_COMMAND
        "webhook_id": _APPLICATION_ID,
    }


# ---------------------------------------------------------------------------
# PING
# ---------------------------------------------------------------------------

_PING_ID = "1284460020838567936"
_PING_TOKEN = (
    "aW50ZXJhY3Rpb246MTI4NDQ2MDAyMDgzODU2NzkzNjpsaEd1bEFPUzFyMXY2MVZPTEp6d01vSWpYdUlpSXVNdUV1eHBnOVBSd01q"
    "bkdibXFwT0t0WDhhUlR0akhzMjlaclhPUHJOS25xVHBjT2VMdG56OXRLaFJISWtVeHFwWUlsb1REaXA0MWo5NU9yc1h1bmtrQWpI"
    "WVpHdnEyREVHQg"
)

_DISCORD_SYSTEM_USER_ID = "643945264868098049"


def _discord_system_user() -> dict[str, object]:
    """Return Discord's system user, the ``user`` of the PINGs Discord sends today."""
    return {
        "avatar": "c6a249645d46209f337279cd2ca998c7",
        "avatar_decoration_data": None,
        "bot": True,
        "clan": None,
        "collectibles": None,
        "discriminator": "0000",
        "global_name": "Discord",
        "id": _DISCORD_SYSTEM_USER_ID,
        "primary_guild": None,
        "public_flags": 1,  # STAFF
        "system": True,
        "username": "discord",
    }


PING = Sample(
    name="ping",
    interaction_type=InteractionType.PING,
    payload={
        # The (G)DM set: EMBED_LINKS, ATTACH_FILES, MENTION_EVERYONE and SEND_POLLS.
        "app_permissions": "562949953601536",
        "application_id": _APPLICATION_ID,
        "attachment_size_limit": _ATTACHMENT_SIZE_LIMIT,
        "authorizing_integration_owners": {},
        "entitlements": [],
        "id": _PING_ID,
        "token": _PING_TOKEN,
        "type": 1,
        "user": _discord_system_user(),
        "version": 1,
    },
    expected={
        "id": int(_PING_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.PING,
        "token": _PING_TOKEN,
        "version": 1,
    },
)
"""Discord checking the endpoint, as it does today; only the PONG reply is valid.

Its ``user`` is Discord's system user (``"system": true``), and it carries ``app_permissions`` and
``attachment_size_limit`` but no ``locale``, ``channel`` or ``data``.
"""


# ---------------------------------------------------------------------------
# APPLICATION_COMMAND
# ---------------------------------------------------------------------------

_COMMAND_GUILD_ID = "1379461422781960192"
_COMMAND_GUILD_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTQ2MTQyMjc4MTk2MDE5MjplSEpEUHpPTWRNWTVibGdMU25COWlQZWRkWEdRYmNOdnB5ZEE1c2ZoMnB6"
    "VnBkNzlOMkZ5endTTkZ5VFZkNGNHT3pPa3RHNGZ4bjdwajFFQ0diWTlBNnYwVTFJQjlRYnZPazVlZDl1UmZnczRtam1pR2tNeFR5"
    "c2ZLaW9sZ2xXOQ"
)

COMMAND_GUILD = Sample(
    name="command.guild",
    interaction_type=InteractionType.APPLICATION_COMMAND,
    payload={
        **_in_guild(_COMMAND_GUILD_ID, InteractionType.APPLICATION_COMMAND, _COMMAND_GUILD_TOKEN, _POLL_MESSAGE_ID),
        "data": {
            "id": _SAY_COMMAND_ID,
            "name": "say",
            "options": [
                {"name": "text", "type": 3, "value": "Hello from the conformance suite!"},
                {"name": "ephemeral", "type": 5, "value": True},
            ],
            "type": 1,  # CHAT_INPUT
        },
    },
    expected={
        "id": int(_COMMAND_GUILD_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.APPLICATION_COMMAND,
        "token": _COMMAND_GUILD_TOKEN,
        "version": 1,
        "command_id": int(_SAY_COMMAND_ID),
        "command_name": "say",
        "options": {"text": "Hello from the conformance suite!", "ephemeral": True},
    },
)
"""``/say text:… ephemeral:True`` in a guild text channel."""

_COMMAND_DM_ID = "1379461635743551489"
_COMMAND_DM_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTQ2MTYzNTc0MzU1MTQ4OTpOanRQYkFQVFhwaWtKdklIdFlocE9XTW0wYTA0YnNDeTkxdU1HdjJpWVo4"
    "N2MzY0Zmb2lhdFludFl4VVRwVUJIejRhRzhBc2IzYVVZS1pHQ0hQN0RGVDFGNHNQR250cjRFWHVmbnBEVklxQ3ZpNkt0cG96dnNp"
    "R3h4N0lOVkRzYg"
)

COMMAND_DM = Sample(
    name="command.dm",
    interaction_type=InteractionType.APPLICATION_COMMAND,
    payload={
        **_in_dm(_COMMAND_DM_ID, InteractionType.APPLICATION_COMMAND, _COMMAND_DM_TOKEN, _EARLIER_DM_MESSAGE_ID),
        "data": {
            "id": _SAY_COMMAND_ID,
            "name": "say",
            "options": [{"name": "text", "type": 3, "value": "ping from a DM"}],
            "type": 1,  # CHAT_INPUT
        },
    },
    expected={
        "id": int(_COMMAND_DM_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.APPLICATION_COMMAND,
        "token": _COMMAND_DM_TOKEN,
        "version": 1,
        "command_id": int(_SAY_COMMAND_ID),
        "command_name": "say",
        "options": {"text": "ping from a DM"},
    },
)
"""``/say text:…`` in the bot's DM: ``user`` instead of ``member``, with an entitlement."""

_COMMAND_USER_CONTEXT_ID = "1379462062522372098"
_COMMAND_USER_CONTEXT_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTQ2MjA2MjUyMjM3MjA5ODpaUEhwaW1zQXU1d2xWUUxmUGY5VFpVeUNYSExWVzhrZkpNM0NZMW1jd09O"
    "bEdJemNWZmdueHJkMzhINjJySFNCdUs1Z1pxSDlObEI5aW9EaHo1Qk94SWJOSFZxMjdjdmZUaGZNbnlsNUZpWUVBYXJCVmVCS3c4"
    "TExZWXZLeXVNZg"
)

COMMAND_USER_CONTEXT = Sample(
    name="command.user_context",
    interaction_type=InteractionType.APPLICATION_COMMAND,
    payload={
        **_in_guild(
            _COMMAND_USER_CONTEXT_ID,
            InteractionType.APPLICATION_COMMAND,
            _COMMAND_USER_CONTEXT_TOKEN,
            _POLL_MESSAGE_ID,
        ),
        "data": {
            "id": _AVATAR_COMMAND_ID,
            "name": "Show avatar",
            "resolved": {
                "members": {
                    _OTHER_USER_ID: {
                        "avatar": None,
                        "banner": None,
                        "communication_disabled_until": None,
                        "flags": 0,
                        "joined_at": "2022-08-14T11:26:03.115000+00:00",
                        "nick": None,
                        "pending": False,
                        "permissions": _MEMBER_PERMISSIONS,
                        "premium_since": None,
                        "roles": [_MEMBER_ROLE_ID],
                        "unusual_dm_activity_until": None,
                    }
                },
                "users": {_OTHER_USER_ID: _bob()},
            },
            "target_id": _OTHER_USER_ID,
            "type": 2,  # USER
        },
    },
    expected={
        "id": int(_COMMAND_USER_CONTEXT_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.APPLICATION_COMMAND,
        "token": _COMMAND_USER_CONTEXT_TOKEN,
        "version": 1,
        "command_id": int(_AVATAR_COMMAND_ID),
        "command_name": "Show avatar",
        "options": {},
    },
)
"""The "Show avatar" user context-menu command on another member: ``target_id`` and ``resolved``."""


# ---------------------------------------------------------------------------
# MESSAGE_COMPONENT
# ---------------------------------------------------------------------------

_COMPONENT_BUTTON_ID = "1379462135234826244"
_COMPONENT_BUTTON_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTQ2MjEzNTIzNDgyNjI0NDpTYzkxNDRWeDFHU0pFMlFHcFczZ0NYQ01ROVdCUXk5eHZybkYycmhNTDdN"
    "cklZaWF0dms2akxPYzN4UE9VanpDZEx6NFB6SWt5VmJjQWVwdWxEV3ExeGN1VVlzS25tbWZ0R3FnbWRzeTNQazhXcEFaWjJ4c2Rk"
    "Qm9neXltc2J5eg"
)

COMPONENT_BUTTON = Sample(
    name="component.button",
    interaction_type=InteractionType.MESSAGE_COMPONENT,
    payload={
        **_in_guild(_COMPONENT_BUTTON_ID, InteractionType.MESSAGE_COMPONENT, _COMPONENT_BUTTON_TOKEN, _POLL_MESSAGE_ID),
        "data": {"component_type": 2, "custom_id": "poll:yes"},
        "message": _command_reply(
            message_id=_POLL_MESSAGE_ID,
            timestamp="2025-06-03T14:05:09.512000+00:00",
            channel_id=_CHANNEL_ID,
            interaction_id=_POLL_INTERACTION_ID,
            command_name="poll",
            owners={_GUILD_INSTALL: _GUILD_ID},
            content="Move game night to Friday?",
            components=[
                {
                    "components": [
                        {"custom_id": "poll:yes", "id": 2, "label": "Yes", "style": 3, "type": 2},
                        {"custom_id": "poll:no", "id": 3, "label": "No", "style": 4, "type": 2},
                    ],
                    "id": 1,
                    "type": 1,
                }
            ],
        ),
    },
    expected={
        "id": int(_COMPONENT_BUTTON_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.MESSAGE_COMPONENT,
        "token": _COMPONENT_BUTTON_TOKEN,
        "version": 1,
        "custom_id": "poll:yes",
        "component_type": 2,
        "values": (),
    },
)
"""A click on the "Yes" button of the app's reply to ``/poll`` in a guild."""

_COMPONENT_STRING_SELECT_ID = "1379462694301995013"
_COMPONENT_STRING_SELECT_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTQ2MjY5NDMwMTk5NTAxMzplOVFPQ01aMjdqNzZFUXRST0Y5Wms3cVNQMEJpVmY1QjJWTGNBajFkaW1Z"
    "bDZiQmFFcGNCQTFqdnlUWnBFUUtWOEg4UFRxcm04dmJnaU9oZGtFc0JhQmpvdHRLMmJFdUNHRlpKaXY0RUs5UzdwcWVIWVloNVV4"
    "VWRDejJtU2FaTg"
)

COMPONENT_STRING_SELECT = Sample(
    name="component.string_select",
    interaction_type=InteractionType.MESSAGE_COMPONENT,
    payload={
        **_in_dm(
            _COMPONENT_STRING_SELECT_ID,
            InteractionType.MESSAGE_COMPONENT,
            _COMPONENT_STRING_SELECT_TOKEN,
            _COLOURS_MESSAGE_ID,
        ),
        "data": {"component_type": 3, "custom_id": "colours", "values": ["red", "blue"]},
        "message": _command_reply(
            message_id=_COLOURS_MESSAGE_ID,
            timestamp="2025-06-03T14:11:27.931000+00:00",
            channel_id=_DM_CHANNEL_ID,
            interaction_id=_COLOURS_INTERACTION_ID,
            command_name="colours",
            owners={_GUILD_INSTALL: "0"},
            content="Which colours should your profile card use?",
            components=[
                {
                    "components": [
                        {
                            "custom_id": "colours",
                            "id": 2,
                            "max_values": 3,
                            "min_values": 1,
                            "options": [
                                {"label": "Red", "value": "red"},
                                {"label": "Green", "value": "green"},
                                {"label": "Blue", "value": "blue", "description": "The default"},
                            ],
                            "placeholder": "Pick up to three",
                            "type": 3,
                        }
                    ],
                    "id": 1,
                    "type": 1,
                }
            ],
        ),
    },
    expected={
        "id": int(_COMPONENT_STRING_SELECT_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.MESSAGE_COMPONENT,
        "token": _COMPONENT_STRING_SELECT_TOKEN,
        "version": 1,
        "custom_id": "colours",
        "component_type": 3,
        "values": ("red", "blue"),
    },
)
"""Two options chosen in a string select on the app's reply to ``/colours``, in the bot's DM."""


# ---------------------------------------------------------------------------
# APPLICATION_COMMAND_AUTOCOMPLETE
# ---------------------------------------------------------------------------

_AUTOCOMPLETE_TOP_LEVEL_ID = "1379463166438019080"
_AUTOCOMPLETE_TOP_LEVEL_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTQ2MzE2NjQzODAxOTA4MDpxZFhZekJ4Q1B6NVpRY0dwa2ZOR29DWW5Sc2d2M3BFS1hBcElvVjRHSEZ1"
    "Zm9xWmh1MXpuMG9XMXVOZVdMbjJERFBjSTkxcjgzS0Yyb1FwZDRob1pXNk1zd1Y3ajFLdUM5T1ZidHNESURYQWlSY3hUeXMwYXVm"
    "WTU4cjFJRHNtSw"
)

AUTOCOMPLETE_TOP_LEVEL = Sample(
    name="autocomplete.top_level",
    interaction_type=InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE,
    payload={
        **_in_guild(
            _AUTOCOMPLETE_TOP_LEVEL_ID,
            InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE,
            _AUTOCOMPLETE_TOP_LEVEL_TOKEN,
            _POLL_MESSAGE_ID,
        ),
        "data": {
            "id": _WEATHER_COMMAND_ID,  # a global command: autocomplete.minimal uses it in a DM
            "name": "weather",
            "options": [
                {"name": "units", "type": 3, "value": "metric"},
                {"focused": True, "name": "city", "type": 3, "value": "Lon"},
            ],
            "type": 1,  # CHAT_INPUT
        },
    },
    expected={
        "id": int(_AUTOCOMPLETE_TOP_LEVEL_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE,
        "token": _AUTOCOMPLETE_TOP_LEVEL_TOKEN,
        "version": 1,
        "command_id": int(_WEATHER_COMMAND_ID),
        "command_name": "weather",
        "focused_option": "city",
        "focused_value": "Lon",
    },
)
"""Typing into ``/weather city:`` (top-level option, after a filled-in ``units``) in a guild."""

_AUTOCOMPLETE_SUBCOMMAND_ID = "1379463039208001542"
_AUTOCOMPLETE_SUBCOMMAND_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTQ2MzAzOTIwODAwMTU0MjpJdE5pQk5Bd25hcVVLSWlLbGJmbnEwa3IwbTJ1Tm9tNHJ1ZFBoSDVpcnJ0"
    "bzEwM0o4RnNHR3hpNXRObW1MSXVkeHd1ZmlqUjVxTE43Z21zblByVExXdzNKTnNmZDFQWHdhdlU0Y2RuQzNPdjV2NVk1YnpxR0w3"
    "Zm5EVW5aUlpBUA"
)

AUTOCOMPLETE_SUBCOMMAND = Sample(
    name="autocomplete.subcommand",
    interaction_type=InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE,
    payload={
        **_in_guild(
            _AUTOCOMPLETE_SUBCOMMAND_ID,
            InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE,
            _AUTOCOMPLETE_SUBCOMMAND_TOKEN,
            _POLL_MESSAGE_ID,
        ),
        "data": {
            "id": _TAG_COMMAND_ID,
            "name": "tag",
            "options": [
                {
                    "name": "show",
                    "options": [
                        {"name": "scope", "type": 3, "value": "server"},
                        {"focused": True, "name": "name", "type": 3, "value": "wel"},
                    ],
                    "type": 1,  # SUB_COMMAND
                }
            ],
            "type": 1,  # CHAT_INPUT
        },
    },
    expected={
        "id": int(_AUTOCOMPLETE_SUBCOMMAND_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE,
        "token": _AUTOCOMPLETE_SUBCOMMAND_TOKEN,
        "version": 1,
        "command_id": int(_TAG_COMMAND_ID),
        "command_name": "tag",
        "focused_option": "name",
        "focused_value": "wel",
    },
)
"""Typing into ``/tag show name:``: the focused option sits in ``options[0].options[1]``."""


# ---------------------------------------------------------------------------
# MODAL_SUBMIT
# ---------------------------------------------------------------------------

_MODAL_ACTION_ROWS_ID = "1379463852315774986"
_MODAL_ACTION_ROWS_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTQ2Mzg1MjMxNTc3NDk4NjpnaHlVb1lyVU01aTRmUEd3Wmh2aDRCUFFqNlowcHBkWGpWR3Qyc3p0Ykp"
    "VdGZhUExoSlF6YXlzNkhIRTR3UjVadFJMTUdPMWpObUx2Znp3UzRNZWxjOWF1SVFsOXVBWFVhYXlCVDRUNUh0dHdDZGRiWmFubU"
    "xFWmh1bzJIU1RReA"
)

MODAL_ACTION_ROWS = Sample(
    name="modal.action_rows",
    interaction_type=InteractionType.MODAL_SUBMIT,
    payload={
        **_in_dm(_MODAL_ACTION_ROWS_ID, InteractionType.MODAL_SUBMIT, _MODAL_ACTION_ROWS_TOKEN, _COLOURS_MESSAGE_ID),
        "data": {
            "components": [
                {
                    "components": [{"custom_id": "subject", "id": 2, "type": 4, "value": "Love the new polls"}],
                    "id": 1,
                    "type": 1,
                },
                {
                    "components": [
                        {
                            "custom_id": "details",
                            "id": 4,
                            "type": 4,
                            "value": "Could results be shown as a bar chart?\nAlso: thanks!",
                        }
                    ],
                    "id": 3,
                    "type": 1,
                },
                # An optional input the user left empty arrives as "".
                {"components": [{"custom_id": "contact", "id": 6, "type": 4, "value": ""}], "id": 5, "type": 1},
            ],
            "custom_id": "feedback",
        },
    },
    expected={
        "id": int(_MODAL_ACTION_ROWS_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.MODAL_SUBMIT,
        "token": _MODAL_ACTION_ROWS_TOKEN,
        "version": 1,
        "custom_id": "feedback",
        "values": {
            "subject": "Love the new polls",
            "details": "Could results be shown as a bar chart?\nAlso: thanks!",
            "contact": "",
        },
    },
)
"""The legacy shape: action rows (type 1) each holding one text input (type 4); opened by a command in the DM."""

_MODAL_LABELS_ID = "1379464948337741835"
_MODAL_LABELS_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTQ2NDk0ODMzNzc0MTgzNTpHTFNBQ1hBb2xxRWdNTlJ5VFNoaWk4MXJOb29YSmpLeUN4ZUhIRExRYm03"
    "R3BNNUtNMzdUZU84T2VwRUVJQlZ2d1NvaFRXTUxvSlBqMW5qd25MUk16dGkwV3dqallOdmQxQzhoTWluaWFZMXR4dFVPdmdJWXh0"
    "T0FTdVdpYXpaTA"
)

MODAL_LABELS = Sample(
    name="modal.labels",
    interaction_type=InteractionType.MODAL_SUBMIT,
    payload={
        **_in_guild(_MODAL_LABELS_ID, InteractionType.MODAL_SUBMIT, _MODAL_LABELS_TOKEN, _REPORT_MESSAGE_ID),
        "data": {
            "components": [
                {"id": 1, "type": 10},  # a Text Display: reported with its id only
                {
                    "component": {
                        "custom_id": "summary",
                        "id": 3,
                        "type": 4,
                        "value": "Buttons stop responding after the message is edited",
                    },
                    "id": 2,
                    "type": 18,
                },
                {
                    "component": {"custom_id": "severity", "id": 5, "type": 3, "values": ["high"]},
                    "id": 4,
                    "type": 18,
                },
            ],
            "custom_id": "bug_report",
        },
        # Opened from a button, so the message that button sits on comes along.
        "message": {
            "attachments": [],
            "author": _bot_user(),
            "channel_id": _CHANNEL_ID,
            "components": [
                {
                    "components": [
                        {"custom_id": "bug:open", "id": 2, "label": "Report a bug", "style": 2, "type": 2},
                    ],
                    "id": 1,
                    "type": 1,
                }
            ],
            "content": "Found a problem? Tell us about it.",
            "edited_timestamp": None,
            "embeds": [],
            "flags": 0,
            "id": _REPORT_MESSAGE_ID,
            "mention_everyone": False,
            "mention_roles": [],
            "mentions": [],
            "pinned": True,
            "timestamp": "2025-06-03T14:20:40.333000+00:00",
            "tts": False,
            "type": 0,  # DEFAULT
        },
    },
    expected={
        "id": int(_MODAL_LABELS_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.MODAL_SUBMIT,
        "token": _MODAL_LABELS_TOKEN,
        "version": 1,
        "custom_id": "bug_report",
        "values": {
            "summary": "Buttons stop responding after the message is edited",
            "severity": ("high",),
        },
    },
)
"""The Label shape: a Text Display, then Labels (type 18) wrapping a text input and a string select."""


# ---------------------------------------------------------------------------
# Text beyond ASCII, for the signature cases' spellings
# ---------------------------------------------------------------------------

_ZOE_ID = "1083454830955069445"
_ZOE_DM_CHANNEL_ID = "1308703955580223495"
_ZOE_LAST_MESSAGE_ID = "1378821420502614018"
_NAMEPLATE_SKU_ID = "1356598974873731073"


def _zoe() -> dict[str, object]:
    """Return a user whose profile carries non-ASCII text, an emoji beyond the BMP and a path with slashes."""
    return {
        "avatar": "a_9c0f3e5d2b7a41c8e6f1d3b5a7c9e2f4",
        "avatar_decoration_data": None,
        "clan": None,
        "collectibles": {
            "nameplate": {
                "asset": "nameplates/nameplates_v3/koi_pond/",
                "label": "COLLECTIBLES_NAMEPLATES_VOL_3_KOI_POND_A11Y",
                "palette": "bubble_gum",
                "sku_id": _NAMEPLATE_SKU_ID,
            }
        },
        "discriminator": "0",
        "global_name": "Zoë ゾエ 🦊",
        "id": _ZOE_ID,
        "primary_guild": None,
        "public_flags": 0,
        "username": "zoe.codes",
    }


_PING_UNICODE_ID = "1379467431772291072"
_PING_UNICODE_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTQ2NzQzMTc3MjI5MTA3MjpJaFdIZE93UG5id1RkbU5SdTB4RzhYb2VINURvVkZ3RUNVWDRwM1FtcDAx"
    "bkdQQmpub3pwbnl4QkduSlZuUzU2Tmt5WERJNDAzRXVSbFFDanZYa3BWTzhhVG9XWWltTnloM2hYc3dQaGtPREVjSGg3OGxYTEc2"
    "NFdLR0RVZHlxaQ"
)

PING_UNICODE = Sample(
    name="ping.unicode",
    interaction_type=InteractionType.PING,
    payload={
        "app_permissions": "562949953601536",
        "application_id": _APPLICATION_ID,
        "attachment_size_limit": _ATTACHMENT_SIZE_LIMIT,
        "authorizing_integration_owners": {},
        "entitlements": [],
        "id": _PING_UNICODE_ID,
        "token": _PING_UNICODE_TOKEN,
        "type": 1,
        "user": _zoe(),
        "version": 1,
    },
    expected={
        "id": int(_PING_UNICODE_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.PING,
        "token": _PING_UNICODE_TOKEN,
        "version": 1,
    },
)
"""A PING with the fields today's PINGs carry (``app_permissions``, ``attachment_size_limit``, a ``user``).

Discord's own PINGs name its system user, whose profile is plain ASCII; this one names a user whose
display name and nameplate path give every spelling of `spell` something to change.
"""

_COMMAND_UNICODE_ID = "1379467587477438465"
_COMMAND_UNICODE_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTQ2NzU4NzQ3NzQzODQ2NTpzb2x2azRyM1U5NEY2TXh1NHhsVHAxVUkzcGF1emNlSlZQQTVLZlJTN2lK"
    "Q0dUYWo2Ym9mT3VJSWVqUERyanNKZG9lMDhVNHV2eW9hN2MycnhjemhlZTBuUkVKNm1BYk00UVVIUm9CNTdHM1QxaGI3dHFIc0xC"
    "NXFpYnhCOXJ6WA"
)

COMMAND_UNICODE = Sample(
    name="command.unicode",
    interaction_type=InteractionType.APPLICATION_COMMAND,
    payload={
        **_in_dm(
            _COMMAND_UNICODE_ID, InteractionType.APPLICATION_COMMAND, _COMMAND_UNICODE_TOKEN, _EARLIER_DM_MESSAGE_ID
        ),
        "channel": {
            "flags": 0,
            "id": _ZOE_DM_CHANNEL_ID,
            "last_message_id": _ZOE_LAST_MESSAGE_ID,
            "recipients": [_zoe()],
            "type": 1,
        },
        "channel_id": _ZOE_DM_CHANNEL_ID,
        "entitlement_sku_ids": [],
        "entitlements": [],
        "data": {
            "id": _SAY_COMMAND_ID,
            "name": "say",
            "options": [{"name": "text", "type": 3, "value": "Crème brûlée — 10/10 ☕🦊 «très bien»"}],
            "type": 1,  # CHAT_INPUT
        },
        "locale": "fr",
        "user": _zoe(),
    },
    expected={
        "id": int(_COMMAND_UNICODE_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.APPLICATION_COMMAND,
        "token": _COMMAND_UNICODE_TOKEN,
        "version": 1,
        "command_id": int(_SAY_COMMAND_ID),
        "command_name": "say",
        "options": {"text": "Crème brûlée — 10/10 ☕🦊 «très bien»"},
    },
)
"""``/say text:…`` in the bot's DM, typed in French with an emoji beyond the BMP and a slash."""


# ---------------------------------------------------------------------------
# Today's traffic: user installs, context menus, entity options and selects,
# Components V2, numeric autocomplete and every modal component kind
# ---------------------------------------------------------------------------

_USER_INSTALL = "1"
"""The `authorizing_integration_owners` key for a user installation; its value is the installing user's ID."""

# In (group) DMs between users, the app gets what receiving-and-responding.mdx's footnote names
# (ATTACH_FILES | EMBED_LINKS | MENTION_EVERYONE), plus SEND_POLLS.
_APP_PRIVATE_CHANNEL_PERMISSIONS = "562949953601536"

_GROUP_DM_CHANNEL_ID = "1351989633298333973"
_GROUP_DM_LAST_MESSAGE_ID = "1379736357424988727"
_ANNOUNCEMENTS_CHANNEL_ID = "816385675032137306"
_MODERATOR_ROLE_ID = "817069418604528726"
_TRANSLATE_COMMAND_ID = "1374386982494538936"
_HONYAKU_COMMAND_ID = "1374387011854532609"
"""``/翻訳`` is a command of its own, not a localisation of ``/übersetzen``: Discord sends a localised command under
its default names, so two names mean two commands, each with its own ID."""
_QUOTE_COMMAND_ID = "1284462483049940916"
_REPORT_COMMAND_ID = "1284462483926550842"
_ROLL_COMMAND_ID = "1284462484815741609"
_TIP_COMMAND_ID = "1284462485692353665"


def _user_installed(
    interaction_id: str,
    interaction_type: InteractionType,
    token: str,
    *,
    channel: dict[str, object],
    context: int,
    app_permissions: str,
    locale: str,
) -> dict[str, object]:
    """Return the fields of an interaction with the app Alice installed to her account, outside any guild."""
    return {
        "app_permissions": app_permissions,
        "application_id": _APPLICATION_ID,
        "attachment_size_limit": _ATTACHMENT_SIZE_LIMIT,
        "authorizing_integration_owners": {_USER_INSTALL: _USER_ID},
        "channel": channel,
        "channel_id": channel["id"],
        "context": context,
        "entitlement_sku_ids": [],
        "entitlements": [],
        "id": interaction_id,
        "locale": locale,
        "token": token,
        "type": int(interaction_type),
        "user": _alice(),
        "version": 1,
    }


def _partial_member(joined_at: str, roles: list[str]) -> dict[str, object]:
    """Return a member as ``resolved.members`` carries it: without ``user``, ``deaf`` and ``mute``."""
    return {
        "avatar": None,
        "banner": None,
        "collectibles": None,
        "communication_disabled_until": None,
        "flags": 0,
        "joined_at": joined_at,
        "nick": None,
        "pending": False,
        "permissions": _MEMBER_PERMISSIONS,
        "premium_since": None,
        "roles": roles,
        "unusual_dm_activity_until": None,
    }


def _announcements_channel() -> dict[str, object]:
    """Return #announcements as ``resolved.channels`` carries it (the partial channel's fields only)."""
    return {
        "flags": 0,
        "guild_id": _GUILD_ID,
        "id": _ANNOUNCEMENTS_CHANNEL_ID,
        "last_message_id": None,
        "name": "announcements",
        "nsfw": False,
        "parent_id": _CATEGORY_ID,
        "permissions": _MEMBER_PERMISSIONS,
        "position": 1,
        "rate_limit_per_user": 0,
        "topic": None,
        "type": 0,  # GUILD_TEXT
    }


def _role(role_id: str, name: str, color: int, position: int, emoji: str | None) -> dict[str, object]:
    """Return a role object as ``resolved.roles`` carries it."""
    return {
        "color": color,
        "colors": {"primary_color": color, "secondary_color": None, "tertiary_color": None},
        "description": None,
        "flags": 0,
        "hoist": False,
        "icon": None,
        "id": role_id,
        "managed": False,
        "mentionable": True,
        "name": name,
        "permissions": "0",
        "position": position,
        "unicode_emoji": emoji,
    }


def _attachment(
    attachment_id: str, *, folder: str, filename: str, content_type: str, size: int, signed: str
) -> dict[str, object]:
    """Return an attachment the user uploaded with an interaction, as ``resolved.attachments`` carries it."""
    url = f"discordapp.net/ephemeral-attachments/{folder}/{attachment_id}/{filename}?{signed}"
    return {
        "content_type": content_type,
        "ephemeral": True,
        "filename": filename,
        "id": attachment_id,
        "proxy_url": "https://media." + url,
        "size": size,
        "url": "https://cdn." + url.replace("discordapp.net", "discordapp.com"),
    }


def _image(
    attachment_id: str, *, folder: str, filename: str, size: int, signed: str, width: int, height: int, placeholder: str
) -> dict[str, object]:
    """Return an uploaded PNG image, which also carries its dimensions and a thumbhash placeholder."""
    return {
        **_attachment(
            attachment_id, folder=folder, filename=filename, content_type="image/png", size=size, signed=signed
        ),
        "height": height,
        "placeholder": placeholder,
        "placeholder_version": 1,
        "width": width,
    }


def _label(label_id: int, component: dict[str, object]) -> dict[str, object]:
    """Return a Label (type 18) of a modal submit, wrapping one submitted component."""
    return {"component": component, "id": label_id, "type": 18}


_PING_LEGACY_ID = "1284457496366417033"
_PING_LEGACY_TOKEN = (
    "aW50ZXJhY3Rpb246MTI4NDQ1NzQ5NjM2NjQxNzAzMzo1OVBKT01LRTU3Rk9JVTk0QzBkMUxucUdUeUszaW1qOXBWbWoxMXVRWjZk"
    "bmxsR2dYamNCdXVSVDkzTDRiQ1puVkxUZkhKZzlZbzdVcnFaM0xOZ0w0cVJwWjNhMk80MGlsSWk2UzZkQ09VSG4xRmh3OTNyeXk3"
    "dGtVaE1WR1V0ZQ"
)

PING_LEGACY = Sample(
    name="ping.legacy",
    interaction_type=InteractionType.PING,
    payload={
        "application_id": _APPLICATION_ID,
        "authorizing_integration_owners": {},
        "entitlements": [],
        "id": _PING_LEGACY_ID,
        "token": _PING_LEGACY_TOKEN,
        "type": 1,
        "user": _alice(),
        "version": 1,
    },
    expected={
        "id": int(_PING_LEGACY_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.PING,
        "token": _PING_LEGACY_TOKEN,
        "version": 1,
    },
)
"""A barer PING, as this corpus had it before: no ``app_permissions`` or ``attachment_size_limit``.

Its ``user`` is Alice, the app's owner, rather than Discord's system user; an endpoint must answer it all
the same, since nothing in a PING but its ``type`` decides the reply.
"""

_COMMAND_USER_INSTALL_DM_ID = "1379734610241520558"
_COMMAND_USER_INSTALL_DM_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTczNDYxMDI0MTUyMDU1ODpjUFFoa2NOOHRzY1BRR0xuTkhmNkJxTWJ2RXJsOEYzOFV0VnFlMmtmVnY1"
    "SW01TFB6R0ZTRWlmVENjeHM4aTdpY2loZUNiTWJQUHhaclgxUDVnelUwSVdTRk9YMHk0eUNRQmhTdlRXWUpRMXFRZkQwRjJNdWFH"
    "MDFWaTVWOFF5ZQ"
)

COMMAND_USER_INSTALL_DM = Sample(
    name="command.user_install_dm",
    interaction_type=InteractionType.APPLICATION_COMMAND,
    payload={
        **_user_installed(
            _COMMAND_USER_INSTALL_DM_ID,
            InteractionType.APPLICATION_COMMAND,
            _COMMAND_USER_INSTALL_DM_TOKEN,
            channel=_dm_channel(_EARLIER_DM_MESSAGE_ID),
            context=1,  # BOT_DM
            app_permissions=_APP_DM_PERMISSIONS,
            locale="de",
        ),
        "data": {
            "id": _TRANSLATE_COMMAND_ID,
            "name": "übersetzen",
            "options": [
                {"name": "text", "type": 3, "value": "Grüß Gott! Wie geht's? Schöne Grüße aus Köln."},
                {"name": "sprache", "type": 3, "value": "ja"},
            ],
            "type": 1,  # CHAT_INPUT
        },
    },
    expected={
        "id": int(_COMMAND_USER_INSTALL_DM_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.APPLICATION_COMMAND,
        "token": _COMMAND_USER_INSTALL_DM_TOKEN,
        "version": 1,
        "command_id": int(_TRANSLATE_COMMAND_ID),
        "command_name": "übersetzen",
        "options": {"text": "Grüß Gott! Wie geht's? Schöne Grüße aus Köln.", "sprache": "ja"},
    },
)
"""``/übersetzen`` from the app Alice installed to her account, used in its bot's DM (context 1).

``authorizing_integration_owners`` maps the user install (``"1"``) to Alice; the command's name and
its text go beyond ASCII.
"""

_COMMAND_GROUP_DM_ID = "1379736448210701375"
_COMMAND_GROUP_DM_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTczNjQ0ODIxMDcwMTM3NTprOFJhYzBtaWtZZHpidG5JRUE2SGdBV2ZxclJpSGhMNTBpNGFkNVZsenVZ"
    "UDFYTDdJSEhHaWxVZG1ZZWZnaU02aVQxSjhVaVdYV3QyQXlDWHptTDNNSEs2MTVhenRKRU5Ud1RQWnNGMUttanBreFNLa3Z6eDNj"
    "VERtRUZDRE01VQ"
)

COMMAND_USER_INSTALL_GROUP_DM = Sample(
    name="command.user_install_group_dm",
    interaction_type=InteractionType.APPLICATION_COMMAND,
    payload={
        **_user_installed(
            _COMMAND_GROUP_DM_ID,
            InteractionType.APPLICATION_COMMAND,
            _COMMAND_GROUP_DM_TOKEN,
            channel={
                "flags": 0,
                "icon": None,
                "id": _GROUP_DM_CHANNEL_ID,
                "last_message_id": _GROUP_DM_LAST_MESSAGE_ID,
                "name": "Spieleabend 🎲",
                "owner_id": _OTHER_USER_ID,
                "recipients": [_bob(), _zoe()],
                "type": 3,  # GROUP_DM
            },
            context=2,  # PRIVATE_CHANNEL
            app_permissions=_APP_PRIVATE_CHANNEL_PERMISSIONS,
            locale="ja",
        ),
        "data": {
            "id": _HONYAKU_COMMAND_ID,
            "name": "翻訳",
            "options": [{"name": "テキスト", "type": 3, "value": "また明日ね 👋 «à demain»"}],
            "type": 1,  # CHAT_INPUT
        },
    },
    expected={
        "id": int(_COMMAND_GROUP_DM_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.APPLICATION_COMMAND,
        "token": _COMMAND_GROUP_DM_TOKEN,
        "version": 1,
        "command_id": int(_HONYAKU_COMMAND_ID),
        "command_name": "翻訳",
        "options": {"テキスト": "また明日ね 👋 «à demain»"},
    },
)
"""The same user-installed command in a group DM with Bob and Zoë (context 2), with Japanese names.

The app is no member of the group DM: only the user install authorizes it, and ``app_permissions`` is the
(G)DM set.
"""

_TARGET_MESSAGE_ID = "1379746005469235313"
_COMMAND_MESSAGE_CONTEXT_ID = "1379746868065600703"
_COMMAND_MESSAGE_CONTEXT_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTc0Njg2ODA2NTYwMDcwMzpJV2xQNFJubnBoc1ltQlFSTHdJM1ZSbTZKaTZObFJJckZNT3JJam9tMllU"
    "UTNBZWdxMjF6WjNVaTFSOG5hYzBjZ213dGdEYjNaWmRvUkpyRGZJbTlVTDRvdzBYMzNwTGo1MWdnVnZiSFo5ZUxITXZCOFhWczZ5"
    "VDRGMGliem1jYw"
)

COMMAND_MESSAGE_CONTEXT = Sample(
    name="command.message_context",
    interaction_type=InteractionType.APPLICATION_COMMAND,
    payload={
        **_in_guild(
            _COMMAND_MESSAGE_CONTEXT_ID,
            InteractionType.APPLICATION_COMMAND,
            _COMMAND_MESSAGE_CONTEXT_TOKEN,
            _TARGET_MESSAGE_ID,
        ),
        "data": {
            "id": _QUOTE_COMMAND_ID,
            "name": "Quote message",
            "resolved": {
                "messages": {
                    _TARGET_MESSAGE_ID: {
                        "attachments": [],
                        "author": _bob(),
                        "channel_id": _CHANNEL_ID,
                        "components": [],
                        "content": "Who's up for Mario Kart tonight? 🏎️",
                        "edited_timestamp": None,
                        "embeds": [],
                        "flags": 0,
                        "id": _TARGET_MESSAGE_ID,
                        "mention_everyone": False,
                        "mention_roles": [],
                        "mentions": [],
                        "pinned": False,
                        "timestamp": "2025-06-04T08:58:02.145000+00:00",
                        "tts": False,
                        "type": 0,  # DEFAULT
                    }
                }
            },
            "target_id": _TARGET_MESSAGE_ID,
            "type": 3,  # MESSAGE
        },
    },
    expected={
        "id": int(_COMMAND_MESSAGE_CONTEXT_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.APPLICATION_COMMAND,
        "token": _COMMAND_MESSAGE_CONTEXT_TOKEN,
        "version": 1,
        "command_id": int(_QUOTE_COMMAND_ID),
        "command_name": "Quote message",
        "options": {},
    },
)
"""The "Quote message" message command (type 3) on Bob's message: ``target_id`` and ``resolved.messages``."""

_OPTION_ATTACHMENT_ID = "1379750222284066501"
_COMMAND_ENTITY_OPTIONS_ID = "1379750241510754014"
_COMMAND_ENTITY_OPTIONS_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTc1MDI0MTUxMDc1NDAxNDo0a3VrSXR1ckw1STE2OUlmclMxa01NMW5wSlVHUHJybkQ1bHVjTHlBNkl2"
    "OXdSZDg0M3dxOFBiUWZJZjNLSGVvQlh3QWFQSVd6UVAxWjUyR21oWEx3WWM3RnRDaTFFTmtqcGMxeG9uR3RaM1ZubDFHNFNveHZJ"
    "UG9ZcHo3Q09qbA"
)

COMMAND_ENTITY_OPTIONS = Sample(
    name="command.entity_options",
    interaction_type=InteractionType.APPLICATION_COMMAND,
    payload={
        **_in_guild(
            _COMMAND_ENTITY_OPTIONS_ID,
            InteractionType.APPLICATION_COMMAND,
            _COMMAND_ENTITY_OPTIONS_TOKEN,
            _TARGET_MESSAGE_ID,
        ),
        "data": {
            "id": _REPORT_COMMAND_ID,
            "name": "report",
            "options": [
                {"name": "user", "type": 6, "value": _OTHER_USER_ID},
                {"name": "channel", "type": 7, "value": _ANNOUNCEMENTS_CHANNEL_ID},
                {"name": "notify", "type": 8, "value": _MODERATOR_ROLE_ID},
                {"name": "evidence", "type": 11, "value": _OPTION_ATTACHMENT_ID},
            ],
            "resolved": {
                "attachments": {
                    _OPTION_ATTACHMENT_ID: _image(
                        _OPTION_ATTACHMENT_ID,
                        folder=_CHANNEL_ID,
                        filename="screenshot.png",
                        size=184_213,
                        signed="ex=68416007&is=68400e87&hm=a4c123b1612dd272d1371c17149d439536b3216fdaeeb975729fae923d5a4fd1&",
                        width=1280,
                        height=720,
                        placeholder="3ggGDYRvd4iHeHeAd3iHd4B3eAeIh4cAAAAAAAAAAA==",
                    )
                },
                "channels": {_ANNOUNCEMENTS_CHANNEL_ID: _announcements_channel()},
                "members": {_OTHER_USER_ID: _partial_member("2022-08-14T11:26:03.115000+00:00", [_MEMBER_ROLE_ID])},
                "roles": {_MODERATOR_ROLE_ID: _role(_MODERATOR_ROLE_ID, "Moderators", 3447003, 5, "🛡️")},
                "users": {_OTHER_USER_ID: _bob()},
            },
            "type": 1,  # CHAT_INPUT
        },
    },
    expected={
        "id": int(_COMMAND_ENTITY_OPTIONS_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.APPLICATION_COMMAND,
        "token": _COMMAND_ENTITY_OPTIONS_TOKEN,
        "version": 1,
        "command_id": int(_REPORT_COMMAND_ID),
        "command_name": "report",
        "options": {
            "user": int(_OTHER_USER_ID),
            "channel": int(_ANNOUNCEMENTS_CHANNEL_ID),
            "notify": int(_MODERATOR_ROLE_ID),
            "evidence": int(_OPTION_ATTACHMENT_ID),
        },
    },
)
"""``/report`` with a user, a channel, a role and an attachment option, each described in ``resolved``."""


def _settings_reply() -> dict[str, object]:
    """Return the app's reply to ``/settings``: a user, a role and a channel select, one action row each."""
    return _command_reply(
        message_id=_SETTINGS_MESSAGE_ID,
        timestamp="2025-06-04T09:58:30.913000+00:00",
        channel_id=_CHANNEL_ID,
        interaction_id=_SETTINGS_INTERACTION_ID,
        command_name="settings",
        owners={_GUILD_INSTALL: _GUILD_ID},
        content="Who should hear about new reports, and where should they go?",
        components=[
            {
                "components": [{"custom_id": "settings:notify", "id": 2, "max_values": 5, "min_values": 1, "type": 5}],
                "id": 1,
                "type": 1,
            },
            {
                "components": [{"custom_id": "settings:roles", "id": 4, "max_values": 3, "min_values": 1, "type": 6}],
                "id": 3,
                "type": 1,
            },
            {
                "components": [{"channel_types": [0], "custom_id": "settings:log", "id": 6, "type": 8}],
                "id": 5,
                "type": 1,
            },
        ],
    )


_SETTINGS_INTERACTION_ID = "1379761222118932617"
_SETTINGS_MESSAGE_ID = "1379761225625371512"
_COMPONENT_USER_SELECT_ID = "1379762150540708331"
_COMPONENT_USER_SELECT_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTc2MjE1MDU0MDcwODMzMTo2OVJRdGlxNWxERTVBMlJQTGNhWnZvWEJaNklLeUI0Y0NuNE9oSVBFOGFa"
    "eFMwN0czQTFlUGpZMmhZZnFmSnV3SVk3N0hOU1FkdUdlY3hudmdYbFM3SXVQbTdkcGp5QXcwbmVWTHFlVFdIZDdGMjBITnozdlVI"
    "OEdzQUxWcGdjOQ"
)

COMPONENT_USER_SELECT = Sample(
    name="component.user_select",
    interaction_type=InteractionType.MESSAGE_COMPONENT,
    payload={
        **_in_guild(
            _COMPONENT_USER_SELECT_ID,
            InteractionType.MESSAGE_COMPONENT,
            _COMPONENT_USER_SELECT_TOKEN,
            _SETTINGS_MESSAGE_ID,
        ),
        "data": {
            "component_type": 5,
            "custom_id": "settings:notify",
            "id": 2,
            "resolved": {
                "members": {_OTHER_USER_ID: _partial_member("2022-08-14T11:26:03.115000+00:00", [_MEMBER_ROLE_ID])},
                "users": {_OTHER_USER_ID: _bob()},
            },
            "values": [_OTHER_USER_ID],
        },
        "message": _settings_reply(),
    },
    expected={
        "id": int(_COMPONENT_USER_SELECT_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.MESSAGE_COMPONENT,
        "token": _COMPONENT_USER_SELECT_TOKEN,
        "version": 1,
        "custom_id": "settings:notify",
        "component_type": 5,
        "values": (_OTHER_USER_ID,),
    },
)
"""Bob chosen in the user select of the app's reply to ``/settings``: his user and member in ``resolved``."""

_COMPONENT_ROLE_SELECT_ID = "1379762274222344457"
_COMPONENT_ROLE_SELECT_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTc2MjI3NDIyMjM0NDQ1NzpLWXZiNHAyZmdmSXdwNGZYWTMwcVl1ZWMyUFI0bmFXZ0FhcHl1YVRFRjVr"
    "Y1JNSG56aFZ4bkJwUDB6ckVqV3JxNWVaWmpOOXFaY3Vtb2dnUGtvcGVYOXQ2WDl5YkxFT3RyR010S3hNbGZCNGVtMERVaWJsMWxH"
    "ektWOFAwQW93OQ"
)

COMPONENT_ROLE_SELECT = Sample(
    name="component.role_select",
    interaction_type=InteractionType.MESSAGE_COMPONENT,
    payload={
        **_in_guild(
            _COMPONENT_ROLE_SELECT_ID,
            InteractionType.MESSAGE_COMPONENT,
            _COMPONENT_ROLE_SELECT_TOKEN,
            _SETTINGS_MESSAGE_ID,
        ),
        "data": {
            "component_type": 6,
            "custom_id": "settings:roles",
            "id": 4,
            "resolved": {
                "roles": {
                    _MODERATOR_ROLE_ID: _role(_MODERATOR_ROLE_ID, "Moderators", 3447003, 5, "🛡️"),
                    _EVENTS_ROLE_ID: _role(_EVENTS_ROLE_ID, "Événements", 15105570, 2, None),
                }
            },
            "values": [_MODERATOR_ROLE_ID, _EVENTS_ROLE_ID],
        },
        "message": _settings_reply(),
    },
    expected={
        "id": int(_COMPONENT_ROLE_SELECT_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.MESSAGE_COMPONENT,
        "token": _COMPONENT_ROLE_SELECT_TOKEN,
        "version": 1,
        "custom_id": "settings:roles",
        "component_type": 6,
        "values": (_MODERATOR_ROLE_ID, _EVENTS_ROLE_ID),
    },
)
"""Two roles chosen in the role select of the same message, one with a name beyond ASCII."""

_COMPONENT_CHANNEL_SELECT_ID = "1379762375762249333"
_COMPONENT_CHANNEL_SELECT_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTc2MjM3NTc2MjI0OTMzMzpLb0haaFJ5RzVjdDBvbzR5ZU91aXdVRzljeVg0dEJMakNZbGFoQXk2S1F6"
    "aVZNS0liUURGV0RnRGdHcmhrQ3BacVgxMmZ3cTVWcmIyNER0NnVUeDNrN0xUVkxnSEtPYXpjeW5yUThJeGltbDJJNkVNOGF3eWRO"
    "b2UxQ1l6WXNSaw"
)

COMPONENT_CHANNEL_SELECT = Sample(
    name="component.channel_select",
    interaction_type=InteractionType.MESSAGE_COMPONENT,
    payload={
        **_in_guild(
            _COMPONENT_CHANNEL_SELECT_ID,
            InteractionType.MESSAGE_COMPONENT,
            _COMPONENT_CHANNEL_SELECT_TOKEN,
            _SETTINGS_MESSAGE_ID,
        ),
        "data": {
            "component_type": 8,
            "custom_id": "settings:log",
            "id": 6,
            "resolved": {"channels": {_ANNOUNCEMENTS_CHANNEL_ID: _announcements_channel()}},
            "values": [_ANNOUNCEMENTS_CHANNEL_ID],
        },
        "message": _settings_reply(),
    },
    expected={
        "id": int(_COMPONENT_CHANNEL_SELECT_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.MESSAGE_COMPONENT,
        "token": _COMPONENT_CHANNEL_SELECT_TOKEN,
        "version": 1,
        "custom_id": "settings:log",
        "component_type": 8,
        "values": (_ANNOUNCEMENTS_CHANNEL_ID,),
    },
)
"""#announcements chosen in the channel select of the same message."""

_STATUS_INTERACTION_ID = "1379769129233416426"
_STATUS_MESSAGE_ID = "1379769132689525527"
_COMPONENT_V2_ID = "1379769227304632705"
_COMPONENT_V2_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTc2OTIyNzMwNDYzMjcwNTpjakoyQzlFblNlS044ZEhJcTdDSDlhRDk5WTlTekdtSTJDYmpNQ3A5S09D"
    "eXdsM1lWR0NwWkxGNzE4QkFMSURmNVlWc0lKTnlwaVhaV3VQMk0yRUEzYWVxWmg4bTJwT1NTakpMdE1YVEhoRXhQZDFPeXdDSE1U"
    "OThUYlFTdkkzYw"
)

COMPONENT_V2 = Sample(
    name="component.components_v2",
    interaction_type=InteractionType.MESSAGE_COMPONENT,
    payload={
        **_in_guild(_COMPONENT_V2_ID, InteractionType.MESSAGE_COMPONENT, _COMPONENT_V2_TOKEN, _STATUS_MESSAGE_ID),
        "data": {"component_type": 2, "custom_id": "status:details", "id": 5},
        "message": {
            **_command_reply(
                message_id=_STATUS_MESSAGE_ID,
                timestamp="2025-06-04T10:29:56.104000+00:00",
                channel_id=_CHANNEL_ID,
                interaction_id=_STATUS_INTERACTION_ID,
                command_name="status",
                owners={_GUILD_INSTALL: _GUILD_ID},
                content="",  # a Components V2 message has no content
                components=[
                    {
                        "accent_color": 5763719,
                        "components": [
                            {"content": "## Server status", "id": 2, "type": 10},  # TEXT_DISPLAY
                            {
                                "accessory": {
                                    "custom_id": "status:details",
                                    "id": 5,
                                    "label": "Details",
                                    "style": 2,
                                    "type": 2,
                                },
                                "components": [
                                    {"content": "Build #812 deployed — every check is green ✅", "id": 4, "type": 10}
                                ],
                                "id": 3,
                                "type": 9,  # SECTION
                            },
                            {"divider": True, "id": 6, "spacing": 1, "type": 14},  # SEPARATOR
                            {
                                "components": [
                                    {"custom_id": "status:refresh", "id": 8, "label": "Refresh", "style": 1, "type": 2},
                                    {
                                        "id": 9,
                                        "label": "Dashboard",
                                        "style": 5,
                                        "type": 2,
                                        "url": "https://status.example.com/",
                                    },
                                ],
                                "id": 7,
                                "type": 1,
                            },
                        ],
                        "id": 1,
                        "spoiler": False,
                        "type": 17,  # CONTAINER
                    }
                ],
            ),
            "flags": 1 << 15,  # IS_COMPONENTS_V2
        },
    },
    expected={
        "id": int(_COMPONENT_V2_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.MESSAGE_COMPONENT,
        "token": _COMPONENT_V2_TOKEN,
        "version": 1,
        "custom_id": "status:details",
        "component_type": 2,
        "values": (),
    },
)
"""A button that is a Section's accessory, in a Container of a Components V2 message (flag ``1 << 15``)."""

_AUTOCOMPLETE_INTEGER_ID = "1379777995845275545"
_AUTOCOMPLETE_INTEGER_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTc3Nzk5NTg0NTI3NTU0NTpMTkI1c0J6SUp4cXRkYU9xbmNWbWtKSlpWaGZCNVNTc0NWMDU3ZU5vUGlr"
    "ekhlUkV6QzFpZlNmU205NHhVV1lkRUNvZDRQRjZOQjJINEZra2hRWWtLbmZpWTJFT0dpejBRaUt4SFpKQWVSanJHSlpqQ0x1TEtK"
    "UEN6U25Mb1ROYw"
)

AUTOCOMPLETE_INTEGER = Sample(
    name="autocomplete.integer",
    interaction_type=InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE,
    payload={
        **_in_guild(
            _AUTOCOMPLETE_INTEGER_ID,
            InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE,
            _AUTOCOMPLETE_INTEGER_TOKEN,
            _STATUS_MESSAGE_ID,
        ),
        "data": {
            "id": _ROLL_COMMAND_ID,
            "name": "roll",
            "options": [
                {"name": "sides", "type": 4, "value": 20},
                {"focused": True, "name": "dice", "type": 4, "value": "3"},
            ],
            "type": 1,  # CHAT_INPUT
        },
    },
    expected={
        "id": int(_AUTOCOMPLETE_INTEGER_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE,
        "token": _AUTOCOMPLETE_INTEGER_TOKEN,
        "version": 1,
        "command_id": int(_ROLL_COMMAND_ID),
        "command_name": "roll",
        "focused_option": "dice",
        "focused_value": "3",
    },
)
"""Typing into the INTEGER option ``/roll dice:`` after filling in ``sides``.

Discord sends what the user typed into the focused option as a string, whatever the option's type (a
Discord engineer: "Autocomplete sends you the user input (which is a string)", discord-api-docs issue
#4338; #4956 tracks documenting it), while options already filled in carry their validated value.
"""

_AUTOCOMPLETE_NUMBER_ID = "1379778396552298884"
_AUTOCOMPLETE_NUMBER_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTc3ODM5NjU1MjI5ODg4NDpCMVFvTDJjb2xiUDFPcnYyWFRDUG9aT1JFUWpESGpEdmxOcDB2azdINkxa"
    "MVBLamdDdzNhbHJ1TjU0MllTellzekVVZklleFB2RGU1OFpoeVBSbThOS3NjdjNaV0dpSjg1elJoTk9hOFdFenBQM05Va3A4b1ZO"
    "b0hLTUxYZldkNw"
)

AUTOCOMPLETE_NUMBER = Sample(
    name="autocomplete.number",
    interaction_type=InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE,
    payload={
        **_in_guild(
            _AUTOCOMPLETE_NUMBER_ID,
            InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE,
            _AUTOCOMPLETE_NUMBER_TOKEN,
            _STATUS_MESSAGE_ID,
        ),
        "data": {
            "id": _TIP_COMMAND_ID,
            "name": "tip",
            "options": [
                {"name": "bill", "type": 10, "value": 42.5},
                {"focused": True, "name": "percent", "type": 10, "value": "12.5"},
            ],
            "type": 1,  # CHAT_INPUT
        },
    },
    expected={
        "id": int(_AUTOCOMPLETE_NUMBER_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE,
        "token": _AUTOCOMPLETE_NUMBER_TOKEN,
        "version": 1,
        "command_id": int(_TIP_COMMAND_ID),
        "command_name": "tip",
        "focused_option": "percent",
        "focused_value": "12.5",
    },
)
"""Typing into the NUMBER option ``/tip percent:`` after filling in ``bill``: the typed text is a string."""

_MODAL_FROM_COMMAND_ID = "1379794466092747388"
_MODAL_FROM_COMMAND_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTc5NDQ2NjA5Mjc0NzM4ODpZT3VmRFp6OHRKd1FtU1pORmJPWHpvT1pHUFlHYmNYVXdVRDVWQ2xGQnZD"
    "YU56eUl5MzNRTlpuUXlzRURsTTgyNzNjV21TckFQQ1d5NXZZYm44RDZtNU9sNmYwSURtcnJoVmJGdXNqZzg3Znh5QkQ2U1FQOFlq"
    "VkN2OEY0MU5aaA"
)

MODAL_FROM_COMMAND = Sample(
    name="modal.from_command",
    interaction_type=InteractionType.MODAL_SUBMIT,
    payload={
        **_in_guild(
            _MODAL_FROM_COMMAND_ID, InteractionType.MODAL_SUBMIT, _MODAL_FROM_COMMAND_TOKEN, _STATUS_MESSAGE_ID
        ),
        "data": {
            "components": [
                _label(
                    1,
                    {
                        "custom_id": "idea",
                        "id": 2,
                        "type": 4,  # TEXT_INPUT
                        "value": "Ein Café-Kanal für Frühaufsteher ☕ — «bonjour» um 6 Uhr",
                    },
                ),
                _label(3, {"custom_id": "frequency", "id": 4, "type": 21, "value": "weekly"}),  # RADIO_GROUP
                _label(5, {"custom_id": "anonymous", "id": 6, "type": 23, "value": False}),  # CHECKBOX
            ],
            "custom_id": "feedback:idea",
        },
    },
    expected={
        "id": int(_MODAL_FROM_COMMAND_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.MODAL_SUBMIT,
        "token": _MODAL_FROM_COMMAND_TOKEN,
        "version": 1,
        "custom_id": "feedback:idea",
        "values": {
            "idea": "Ein Café-Kanal für Frühaufsteher ☕ — «bonjour» um 6 Uhr",
            "frequency": "weekly",
            "anonymous": False,
        },
    },
)
"""A modal the app opened in reply to a command, so no ``message``: a text input, a radio group with a
choice and an unchecked checkbox, each in a Label."""

_APPLY_MESSAGE_ID = "1379796884662651260"
_MODAL_FROM_COMPONENT_ID = "1379798050356200681"
_MODAL_FROM_COMPONENT_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTc5ODA1MDM1NjIwMDY4MTpVSGZBODFnejh0elMwcGJGQThIVHZDa1h6cjBYc2JOcWVnTGZuVnJmaWFt"
    "RlRYak5lTDZJR1BaRlV6U1ZLMlBrN3NaSHd0VXcwb3J0VnQ5RGtndXc3aGFzcldFREtvTTJDNFZVekdua2xIMkRCTEtqVlA1cUlI"
    "aXdpWXd5OTU0NQ"
)

MODAL_FROM_COMPONENT = Sample(
    name="modal.from_component",
    interaction_type=InteractionType.MODAL_SUBMIT,
    payload={
        **_in_guild(
            _MODAL_FROM_COMPONENT_ID, InteractionType.MODAL_SUBMIT, _MODAL_FROM_COMPONENT_TOKEN, _APPLY_MESSAGE_ID
        ),
        "data": {
            "components": [
                _label(1, {"custom_id": "apply:why", "id": 2, "type": 4, "value": "J'aimerais aider le soir 🌙"}),
                _label(3, {"custom_id": "apply:timezone", "id": 4, "type": 3, "values": ["Europe/Paris"]}),
                _label(5, {"custom_id": "apply:days", "id": 6, "type": 22, "values": []}),  # CHECKBOX_GROUP
            ],
            "custom_id": "apply:moderator",
        },
        # Opened from the "Apply" button, so the message it sits on comes along.
        "message": {
            "attachments": [],
            "author": _bot_user(),
            "channel_id": _CHANNEL_ID,
            "components": [
                {
                    "components": [
                        {"custom_id": "apply:open", "id": 2, "label": "Apply", "style": 1, "type": 2},
                    ],
                    "id": 1,
                    "type": 1,
                }
            ],
            "content": "We're looking for moderators — apply below.",
            "edited_timestamp": None,
            "embeds": [],
            "flags": 0,
            "id": _APPLY_MESSAGE_ID,
            "mention_everyone": False,
            "mention_roles": [],
            "mentions": [],
            "pinned": False,
            "timestamp": "2025-06-04T12:20:12.690000+00:00",
            "tts": False,
            "type": 0,  # DEFAULT
        },
    },
    expected={
        "id": int(_MODAL_FROM_COMPONENT_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.MODAL_SUBMIT,
        "token": _MODAL_FROM_COMPONENT_TOKEN,
        "version": 1,
        "custom_id": "apply:moderator",
        "values": {"apply:why": "J'aimerais aider le soir 🌙", "apply:timezone": ("Europe/Paris",), "apply:days": ()},
    },
)
"""A modal the app opened from a button, so with the button's ``message``: a text input, a string select
and a checkbox group with nothing checked (``[]``), each in a Label."""

_UPLOAD_ATTACHMENT_1_ID = "1379802203941898613"
_UPLOAD_ATTACHMENT_2_ID = "1379802205363765393"
_MODAL_FILE_UPLOAD_ID = "1379802210124302393"
_MODAL_FILE_UPLOAD_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTgwMjIxMDEyNDMwMjM5Mzo4cDB2NWFlaXlDVVowSWtkcWtOSTBmQW90Q3A1SWtsMjduUWh0a2hQRkZw"
    "TWRQRmJqWTE0ZWJxQXhwM1djN0U2WWlLRXZRTmlvMEg0dlJHbzdvVGkzd0d3VXZTSENwWm14dkE3OFpVRWtnVVJ1dFd0bkFNNE1r"
    "R0hYbXFFUklySw"
)

MODAL_FILE_UPLOAD = Sample(
    name="modal.file_upload",
    interaction_type=InteractionType.MODAL_SUBMIT,
    payload={
        **_in_guild(_MODAL_FILE_UPLOAD_ID, InteractionType.MODAL_SUBMIT, _MODAL_FILE_UPLOAD_TOKEN, _APPLY_MESSAGE_ID),
        "data": {
            "components": [
                {"id": 1, "type": 10},  # a Text Display: reported with its id only
                _label(
                    2,
                    {
                        "custom_id": "bug:files",
                        "id": 3,
                        "type": 19,  # FILE_UPLOAD
                        "values": [_UPLOAD_ATTACHMENT_1_ID, _UPLOAD_ATTACHMENT_2_ID],
                    },
                ),
                _label(4, {"custom_id": "bug:area", "id": 5, "type": 21, "value": None}),  # RADIO_GROUP, no choice
                _label(6, {"custom_id": "bug:reproducible", "id": 7, "type": 23, "value": True}),  # CHECKBOX
                _label(8, {"custom_id": "bug:platforms", "id": 9, "type": 22, "values": ["desktop", "android"]}),
            ],
            "custom_id": "bug:report",
            "resolved": {
                "attachments": {
                    _UPLOAD_ATTACHMENT_1_ID: _image(
                        _UPLOAD_ATTACHMENT_1_ID,
                        folder=_CHANNEL_ID,
                        filename="écran.png",
                        size=241_394,
                        signed="ex=68419070&is=68403ef0&hm=2aabfe228f219e9cb0eb53f16947ccf25ec84d8dbc74254770f58904dba41ecc&",
                        width=2482,
                        height=604,
                        placeholder="/PcBAoBQydvKesabEIoMsdg=",
                    ),
                    _UPLOAD_ATTACHMENT_2_ID: _attachment(
                        _UPLOAD_ATTACHMENT_2_ID,
                        folder=_CHANNEL_ID,
                        filename="console.log",
                        content_type="text/plain; charset=utf-8",
                        size=5_817,
                        signed="ex=68419070&is=68403ef0&hm=cc3fc1626e53a13043b026c48bbf33feff9243a8f506b40928b5b7a767c76fb0&",
                    ),
                }
            },
        },
    },
    expected={
        "id": int(_MODAL_FILE_UPLOAD_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.MODAL_SUBMIT,
        "token": _MODAL_FILE_UPLOAD_TOKEN,
        "version": 1,
        "custom_id": "bug:report",
        "values": {
            "bug:files": (_UPLOAD_ATTACHMENT_1_ID, _UPLOAD_ATTACHMENT_2_ID),
            "bug:area": None,
            "bug:reproducible": True,
            "bug:platforms": ("desktop", "android"),
        },
    },
)
"""Every newer modal component kind in a Label, opened from a command: a File Upload with two files
described in ``resolved.attachments``, a Radio Group left unanswered (``null``), a checked Checkbox and a
Checkbox Group with two boxes checked."""


# ---------------------------------------------------------------------------
# Minimal interactions: only the fields Discord sends with every interaction
#
# The interaction object's table (receiving-and-responding.mdx, "Interaction
# Structure") marks as always present: id, application_id, type, token,
# version, app_permissions, entitlements, authorizing_integration_owners and
# attachment_size_limit. Its footnotes add data (always present on every type
# but PING), locale ("available on all interaction types except PING") and
# member in a guild or user in a DM. It marks channel, channel_id and context
# optional, but Discord sends them with every interaction today (the change
# log: "Interactions now contain a channel field which is a partial channel
# object and guaranteed to contain id and type"), and a component's message
# carries its flags; these samples carry them, each as small as it comes: a
# partial channel with id and type. Whether a server copes without them is
# clause robust.optional-fields, whose cases remove them one at a time. These
# samples are DMs (user, no member), carry no other optional field, and fill
# their nested objects (user, message, data) with their required fields only.
# ---------------------------------------------------------------------------


def _plain_alice() -> dict[str, object]:
    """Return Alice with the user object's required fields only."""
    return {
        "avatar": "5f1c8b8e2a9d4e07b6c3a1f09d2e4b7c",
        "discriminator": "0",
        "global_name": "Alice",
        "id": _USER_ID,
        "username": "alice.dev",
    }


def _minimal(interaction_id: str, interaction_type: InteractionType, token: str) -> dict[str, object]:
    """Return the fields every interaction in Alice's DM with the bot carries, and no others."""
    return {
        "app_permissions": _APP_DM_PERMISSIONS,
        "application_id": _APPLICATION_ID,
        "attachment_size_limit": _ATTACHMENT_SIZE_LIMIT,
        "authorizing_integration_owners": {_GUILD_INSTALL: "0"},
        "channel": {"id": _DM_CHANNEL_ID, "type": 1},  # DM
        "channel_id": _DM_CHANNEL_ID,
        "context": 1,  # BOT_DM
        "entitlements": [],
        "id": interaction_id,
        "locale": _LOCALE,
        "token": token,
        "type": int(interaction_type),
        "user": _plain_alice(),
        "version": 1,
    }


_COMMAND_MINIMAL_ID = "1379467743182585858"
_COMMAND_MINIMAL_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTQ2Nzc0MzE4MjU4NTg1ODpmdlZQVUtKODUydGRtSGZIclFuRk9sVW14cXFMYzNxVnNKZmRpdmRDbUJx"
    "UlJRRkJOMUJwaHN0dERDdEdqVHJPTDZBekVvdHp5MkNTdHFtN2ZkMHVwOXNnaTR4UzdjczlkVVgweFhIVHpWQUpOSnl3dWM3ZU54"
    "NWxFQ1ZhdXI0Rg"
)

COMMAND_MINIMAL = Sample(
    name="command.minimal",
    interaction_type=InteractionType.APPLICATION_COMMAND,
    payload={
        **_minimal(_COMMAND_MINIMAL_ID, InteractionType.APPLICATION_COMMAND, _COMMAND_MINIMAL_TOKEN),
        "data": {"id": _POLL_COMMAND_ID, "name": "poll", "type": 1},  # CHAT_INPUT, no options
    },
    expected={
        "id": int(_COMMAND_MINIMAL_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.APPLICATION_COMMAND,
        "token": _COMMAND_MINIMAL_TOKEN,
        "version": 1,
        "command_id": int(_POLL_COMMAND_ID),
        "command_name": "poll",
        "options": {},
    },
)
"""``/poll`` without options, carrying only the fields Discord sends with every one."""

_ROLE_MENU_MESSAGE_ID = "1379025684353122307"
_COMPONENT_MINIMAL_ID = "1379467898887733251"
_COMPONENT_MINIMAL_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTQ2Nzg5ODg4NzczMzI1MTpTS2czOE9WWW5LVlhDUlZhV1FMMUFSMTNhcldvUFZxNEZBSFRmNUxMaUVq"
    "UUh3WmVDUjdXcGlWZTRPb2hCV3FVazd2dDZhclhjeklNaGlWdmd2ZmFEdFdDNFZ2QW9hblRkR2ZrZ2trZXpuR0M4THZvT0g5RjBt"
    "V1JNTklZNzhxZA"
)

COMPONENT_MINIMAL = Sample(
    name="component.minimal",
    interaction_type=InteractionType.MESSAGE_COMPONENT,
    payload={
        **_minimal(_COMPONENT_MINIMAL_ID, InteractionType.MESSAGE_COMPONENT, _COMPONENT_MINIMAL_TOKEN),
        "data": {"component_type": 2, "custom_id": "reminders:off"},
        "message": {
            "attachments": [],
            "author": {
                "avatar": "0b2f6a3c9e8d7f1a4c5b6e7d8f9a0b1c",
                "bot": True,
                "discriminator": "4821",
                "global_name": None,
                "id": _APPLICATION_ID,
                "username": "Relay",
            },
            "channel_id": _DM_CHANNEL_ID,
            "components": [
                {
                    "components": [
                        {"custom_id": "reminders:off", "id": 2, "label": "Stop reminders", "style": 2, "type": 2}
                    ],
                    "id": 1,
                    "type": 1,
                }
            ],
            "content": "Your weekly digest is ready.",
            "edited_timestamp": None,
            "embeds": [],
            "flags": 0,
            "id": _ROLE_MENU_MESSAGE_ID,
            "mention_everyone": False,
            "mention_roles": [],
            "mentions": [],
            "pinned": False,
            "timestamp": "2025-06-02T09:15:44.208000+00:00",
            "tts": False,
            "type": 0,  # DEFAULT
        },
    },
    expected={
        "id": int(_COMPONENT_MINIMAL_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.MESSAGE_COMPONENT,
        "token": _COMPONENT_MINIMAL_TOKEN,
        "version": 1,
        "custom_id": "reminders:off",
        "component_type": 2,
        "values": (),
    },
)
"""A button on a message the bot posted in Alice's DM, carrying only the fields Discord sends with every one."""

_AUTOCOMPLETE_MINIMAL_ID = "1379468210298028037"
_AUTOCOMPLETE_MINIMAL_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTQ2ODIxMDI5ODAyODAzNzphS1NEc044RFRkWFBYb1Vrb2l3ZGV4UVZISDhQWERoVEh1WTZVSE9sTzJn"
    "UEhlV0I5NVVTempoQU90SWpscU5kYXJ1MGpHWWhUajRHOVVFM0xad0xGMmtoa3lmMDl3RTBabmdhd2k3VXhlRFkwTUo1dWNOaU9Y"
    "azd5RnVqTlNaZw"
)

AUTOCOMPLETE_MINIMAL = Sample(
    name="autocomplete.minimal",
    interaction_type=InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE,
    payload={
        **_minimal(
            _AUTOCOMPLETE_MINIMAL_ID, InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE, _AUTOCOMPLETE_MINIMAL_TOKEN
        ),
        "data": {
            "id": _WEATHER_COMMAND_ID,
            "name": "weather",
            "options": [{"focused": True, "name": "city", "type": 3, "value": ""}],
            "type": 1,  # CHAT_INPUT
        },
    },
    expected={
        "id": int(_AUTOCOMPLETE_MINIMAL_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE,
        "token": _AUTOCOMPLETE_MINIMAL_TOKEN,
        "version": 1,
        "command_id": int(_WEATHER_COMMAND_ID),
        "command_name": "weather",
        "focused_option": "city",
        "focused_value": "",
    },
)
"""``/weather city:`` before anything is typed, carrying only the fields Discord sends with every one."""

_MODAL_MINIMAL_ID = "1379468366003175430"
_MODAL_MINIMAL_TOKEN = (
    "aW50ZXJhY3Rpb246MTM3OTQ2ODM2NjAwMzE3NTQzMDpwMjh4eFFOUXpzMXdQa1dJRWxrb3FGVlpESWJoWXJrcFh0cmc4cTBNOEtO"
    "a2poeExxOG5QbnJTNHY4VnJ3V2JLS0RONm4xSGtmWm55b2FjVldvaFFSTkc3SWl3TGJ3QXVxMUZ0VUVrRWNXczhQRUJRU3FBaTl1"
    "R0x5WU0zT0pZNg"
)

MODAL_MINIMAL = Sample(
    name="modal.minimal",
    interaction_type=InteractionType.MODAL_SUBMIT,
    payload={
        **_minimal(_MODAL_MINIMAL_ID, InteractionType.MODAL_SUBMIT, _MODAL_MINIMAL_TOKEN),
        "data": {
            "components": [
                {
                    "component": {"custom_id": "question", "id": 2, "type": 4, "value": "Which day works best?"},
                    "id": 1,
                    "type": 18,  # LABEL
                }
            ],
            "custom_id": "poll:new",
        },
    },
    expected={
        "id": int(_MODAL_MINIMAL_ID),
        "application_id": int(_APPLICATION_ID),
        "type": InteractionType.MODAL_SUBMIT,
        "token": _MODAL_MINIMAL_TOKEN,
        "version": 1,
        "custom_id": "poll:new",
        "values": {"question": "Which day works best?"},
    },
)
"""A modal opened by a command (so no ``message``): one Label wrapping a text input, the shape Discord's
docs show for a modal submit, carrying only the fields Discord sends with every one."""

MINIMAL_SAMPLES: tuple[Sample, ...] = (COMMAND_MINIMAL, COMPONENT_MINIMAL, AUTOCOMPLETE_MINIMAL, MODAL_MINIMAL)
"""One interaction of each non-PING kind with only the fields Discord always sends."""

SPELLING_SAMPLES: tuple[Sample, ...] = (PING_UNICODE, COMMAND_UNICODE)
"""The samples `spell` is applied to: their text goes beyond ASCII and holds a slash, so every spelling differs."""


# ---------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------

ALL_SAMPLES: tuple[Sample, ...] = (
    PING,
    COMMAND_GUILD,
    COMMAND_DM,
    COMMAND_USER_CONTEXT,
    COMPONENT_BUTTON,
    COMPONENT_STRING_SELECT,
    AUTOCOMPLETE_TOP_LEVEL,
    AUTOCOMPLETE_SUBCOMMAND,
    MODAL_ACTION_ROWS,
    MODAL_LABELS,
    PING_LEGACY,
    COMMAND_USER_INSTALL_DM,
    COMMAND_USER_INSTALL_GROUP_DM,
    COMMAND_MESSAGE_CONTEXT,
    COMMAND_ENTITY_OPTIONS,
    COMPONENT_USER_SELECT,
    COMPONENT_ROLE_SELECT,
    COMPONENT_CHANNEL_SELECT,
    COMPONENT_V2,
    AUTOCOMPLETE_INTEGER,
    AUTOCOMPLETE_NUMBER,
    MODAL_FROM_COMMAND,
    MODAL_FROM_COMPONENT,
    MODAL_FILE_UPLOAD,
    *SPELLING_SAMPLES,
    *MINIMAL_SAMPLES,
)
"""Every sample, the default one of each interaction type first among its kind."""

_BY_TYPE: dict[InteractionType, tuple[Sample, ...]] = {
    interaction_type: tuple(sample for sample in ALL_SAMPLES if sample.interaction_type is interaction_type)
    for interaction_type in InteractionType
}


def samples_of(interaction_type: InteractionType) -> tuple[Sample, ...]:
    """Return every sample of one interaction type, in `ALL_SAMPLES` order.

    Parameters
    ----------
    interaction_type : InteractionType
        The kind of interaction.

    Returns
    -------
    tuple[Sample, ...]
        The samples whose `Sample.interaction_type` is ``interaction_type``.
    """
    return _BY_TYPE[InteractionType(interaction_type)]


def default_sample(interaction_type: InteractionType) -> Sample:
    """Return the most typical sample of one interaction type.

    Parameters
    ----------
    interaction_type : InteractionType
        The kind of interaction.

    Returns
    -------
    Sample
        The first of `samples_of` ``interaction_type``: `PING`, `COMMAND_GUILD`,
        `COMPONENT_BUTTON`, `AUTOCOMPLETE_TOP_LEVEL` or `MODAL_ACTION_ROWS`.
    """
    return _BY_TYPE[InteractionType(interaction_type)][0]


# ---------------------------------------------------------------------------
# Spellings: one JSON value, written out in different but equivalent bytes
# ---------------------------------------------------------------------------

_SHORT_ESCAPES: dict[str, str] = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
}
_PRINTABLE_ASCII = range(0x20, 0x7F)
_BMP_END = 0x10000


@dataclasses.dataclass(frozen=True, slots=True)
class _Spelling:
    """How to write JSON: which characters to escape, where whitespace goes, in which order keys come."""

    escape_non_ascii: bool = False
    """Write every character beyond ASCII as a \\u escape with upper-case hex digits, not as UTF-8."""
    solidus: bool = False
    """Write ``/`` as ``\\/``."""
    item_separator: str = ","
    key_separator: str = ":"
    indent: int | None = None
    """Put every member and element on a line of its own, indented this much per level."""
    keys_backwards: bool = False
    """Write every object's keys in reverse alphabetical order, and the top level's ``type`` last."""
    trailer: str = ""


_SPELLINGS: dict[str, _Spelling] = {
    "raw-utf8": _Spelling(),
    "escaped-unicode": _Spelling(escape_non_ascii=True),
    "escaped-solidus": _Spelling(solidus=True),
    "spaced": _Spelling(item_separator=", ", key_separator=": "),
    "pretty": _Spelling(key_separator=": ", indent=2),
    "unsorted-keys": _Spelling(keys_backwards=True),
    "trailing-newline": _Spelling(trailer="\n"),
}

SPELLINGS: tuple[str, ...] = tuple(_SPELLINGS)
r"""The names `spell` takes: ways to write a payload other than `Sample.body`'s, each one what its name says.

``raw-utf8`` is the compact form with text beyond ASCII as raw UTF-8, as JavaScript's ``JSON.stringify``
writes it (`Sample.body` writes \u escapes with lower-case hex digits instead). Each other spelling changes
one thing in it:
``escaped-unicode``: text beyond ASCII as \u escapes with upper-case hex digits and a surrogate pair beyond the
BMP, as .NET and Java serialisers write them;
``escaped-solidus``: every ``/`` as ``\/``, as PHP writes it;
``spaced``: a space after every ``,`` and ``:``, as Python's `json.dumps` writes by default;
``pretty``: one member per line, indented by two spaces;
``unsorted-keys``: every object's keys in reverse alphabetical order, and the top-level ``type`` last;
``trailing-newline``: a newline after the JSON."""


def _write_string(text: str, spelling: _Spelling) -> str:
    out = ['"']
    for char in text:
        code = ord(char)
        if char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif char == "/" and spelling.solidus:
            out.append("\\/")
        elif code in _PRINTABLE_ASCII or (code > 0x7F and not spelling.escape_non_ascii):
            out.append(char)
        else:
            units = [code] if code < _BMP_END else [0xD800 + ((code - _BMP_END) >> 10), 0xDC00 + (code & 0x3FF)]
            out.extend(f"\\u{unit:04X}" for unit in units)
    out.append('"')
    return "".join(out)


def _ordered_keys(mapping: Mapping[str, object], spelling: _Spelling, *, top: bool) -> list[str]:
    keys = list(mapping)
    if not spelling.keys_backwards:
        return keys
    keys.sort(reverse=True)
    if top and "type" in keys:
        keys.remove("type")
        keys.append("type")
    return keys


def _write(value: object, spelling: _Spelling, depth: int) -> str:
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return _write_string(value, spelling)
    if isinstance(value, Mapping):
        mapping = typing.cast("Mapping[str, object]", value)
        members = [
            _write_string(key, spelling) + spelling.key_separator + _write(mapping[key], spelling, depth + 1)
            for key in _ordered_keys(mapping, spelling, top=depth == 0)
        ]
        return _enclose("{", members, "}", spelling, depth)
    if isinstance(value, (list, tuple)):
        items = typing.cast("Sequence[object]", value)
        return _enclose("[", [_write(item, spelling, depth + 1) for item in items], "]", spelling, depth)
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def _enclose(opening: str, parts: list[str], closing: str, spelling: _Spelling, depth: int) -> str:
    if not parts:
        return opening + closing
    if spelling.indent is None:
        return opening + spelling.item_separator.join(parts) + closing
    inner = "\n" + " " * (spelling.indent * (depth + 1))
    return opening + inner + ("," + inner).join(parts) + "\n" + " " * (spelling.indent * depth) + closing


def spell(sample: Sample, spelling: str) -> bytes:
    """Return the sample's payload written in one of the `SPELLINGS`.

    The bytes are written out here, character by character, rather than by a
    JSON library, so that each spelling is exactly what its name says.

    Parameters
    ----------
    sample : Sample
        The interaction to write.
    spelling : str
        One of `SPELLINGS`.

    Returns
    -------
    bytes
        UTF-8 JSON that decodes to ``sample.payload``.

    Raises
    ------
    KeyError
        If ``spelling`` is not one of `SPELLINGS`.
    """
    style = _SPELLINGS[spelling]
    return (_write(sample.payload, style, 0) + style.trailer).encode()
