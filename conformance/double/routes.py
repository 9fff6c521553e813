"""The paths the Discord API double serves, read into what they name.

Every path is under ``/api``, with or without a version (``/api/v10/...``):
Discord routes a path without one to its default version, so the double
accepts both and records which (clause ``rest.api-version`` judges it).
"""

from __future__ import annotations

__all__ = ("CALLBACK", "DELETE", "EDIT", "FOLLOW_UP", "GET", "Route", "match")

import dataclasses
import re
import typing

CALLBACK: typing.Final = "callback"
"""``POST /interactions/{id}/{token}/callback``: the initial response."""
FOLLOW_UP: typing.Final = "follow-up"
"""``POST /webhooks/{application_id}/{token}``: a follow-up message."""
GET: typing.Final = "get message"
EDIT: typing.Final = "edit message"
DELETE: typing.Final = "delete message"

_PREFIX: typing.Final = r"^/api(?:/v(?P<version>[0-9]+))?"
_CALLBACK_PATH: typing.Final = re.compile(_PREFIX + r"/interactions/(?P<id>[^/]+)/(?P<token>[^/]+)/callback/?$")
_WEBHOOK_PATH: typing.Final = re.compile(_PREFIX + r"/webhooks/(?P<app>[^/]+)/(?P<token>[^/]+)/?$")
_MESSAGE_PATH: typing.Final = re.compile(
    _PREFIX + r"/webhooks/(?P<app>[^/]+)/(?P<token>[^/]+)/messages/(?P<message>[^/]+)/?$"
)
_MESSAGE_ROUTES: typing.Final = {"GET": GET, "PATCH": EDIT, "DELETE": DELETE}


@dataclasses.dataclass(frozen=True, slots=True)
class Route:
    """What a request's method and path name."""

    name: str
    """One of `CALLBACK`, `FOLLOW_UP`, `GET`, `EDIT`, `DELETE`."""
    token: str
    version: int | None
    """The API version in the path; `None` when the path has none."""
    interaction_id: str = ""
    application_id: str = ""
    message_id: str = ""
    """``@original`` for the initial response, else a follow-up's ID."""


def match(method: str, path: str) -> Route | None:
    """Return the route ``method`` and ``path`` name, or `None` when the double serves no such request."""
    found = _CALLBACK_PATH.match(path)
    if found is not None:
        if method != "POST":
            return None
        return Route(CALLBACK, found["token"], _version(found), interaction_id=found["id"])
    found = _WEBHOOK_PATH.match(path)
    if found is not None:
        if method != "POST":
            return None
        return Route(FOLLOW_UP, found["token"], _version(found), application_id=found["app"])
    found = _MESSAGE_PATH.match(path)
    if found is not None and method in _MESSAGE_ROUTES:
        return Route(
            _MESSAGE_ROUTES[method],
            found["token"],
            _version(found),
            application_id=found["app"],
            message_id=found["message"],
        )
    return None


def _version(found: re.Match[str]) -> int | None:
    version = found["version"]
    return int(version) if version is not None else None
