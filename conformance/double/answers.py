"""The answers the Discord API double gives, in the shapes Discord's documentation shows.

Statuses and bodies follow ``developers/interactions/receiving-and-responding.mdx``
(204 from the callback endpoint, 200 with the interaction callback response
when ``with_response`` is true, 204 from a delete),
``developers/topics/opcodes-and-status-codes.mdx`` (the JSON error codes) and
``developers/topics/rate-limits.mdx`` (a 429's body and headers), at the
pinned commit `conformance.catalogue.DISCORD_DOCS_COMMIT`.
"""

from __future__ import annotations

__all__ = (
    "ALREADY_ACKNOWLEDGED",
    "INVALID_FORM_BODY",
    "UNKNOWN_INTERACTION",
    "UNKNOWN_MESSAGE",
    "Answer",
    "error",
    "invalid_form_body",
    "json_answer",
    "no_content",
    "not_found",
    "rate_limited",
)

import dataclasses
import json
import math
import time
import typing

UNKNOWN_MESSAGE: typing.Final = (10008, "Unknown Message")
UNKNOWN_INTERACTION: typing.Final = (10062, "Unknown interaction")
ALREADY_ACKNOWLEDGED: typing.Final = (40060, "Interaction has already been acknowledged")
INVALID_FORM_BODY: typing.Final = (50035, "Invalid Form Body")


@dataclasses.dataclass(frozen=True, slots=True)
class Answer:
    """A status, headers and a body for the double to send."""

    status: int
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()


def json_answer(status: int, body: object, headers: tuple[tuple[str, str], ...] = ()) -> Answer:
    """Return ``body`` as a JSON answer."""
    encoded = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    return Answer(status, encoded, (("content-type", "application/json"), *headers))


def no_content() -> Answer:
    """Return ``204 No Content``."""
    return Answer(204)


def error(status: int, code: tuple[int, str], errors: typing.Mapping[str, object] | None = None) -> Answer:
    """Return Discord's JSON error: ``{"code": ..., "message": ...}``, with ``errors`` when given."""
    body: dict[str, object] = {"code": code[0], "message": code[1]}
    if errors is not None:
        body["errors"] = dict(errors)
    return json_answer(status, body)


def invalid_form_body(field: str, reason: str) -> Answer:
    """Return ``400`` with error 50035 naming the field at fault (``_errors`` under it, as Discord nests them)."""
    errors: dict[str, object] = {"_errors": [{"code": "BASE_TYPE_INVALID", "message": reason}]}
    for key in reversed([part for part in field.split(".") if part]):
        errors = {key: errors}
    return error(400, INVALID_FORM_BODY, errors)


def not_found() -> Answer:
    """Return ``404`` for a path the double does not serve, as Discord's ``404: Not Found``."""
    return json_answer(404, {"message": "404: Not Found", "code": 0})


def rate_limited(retry_after_s: float, bucket: str) -> Answer:
    """Return ``429`` with the rate-limit body and the headers Discord sends with it.

    ``Retry-After`` is in whole seconds, rounded up, as Discord's examples show it; ``retry_after`` and
    ``X-RateLimit-Reset-After`` carry the exact value.
    """
    reset = time.time() + retry_after_s
    headers = (
        ("retry-after", str(math.ceil(retry_after_s))),
        ("x-ratelimit-limit", "1"),
        ("x-ratelimit-remaining", "0"),
        ("x-ratelimit-reset", f"{reset:.3f}"),
        ("x-ratelimit-reset-after", f"{retry_after_s:.3f}"),
        ("x-ratelimit-bucket", bucket),
        ("x-ratelimit-scope", "shared"),
    )
    body = {"message": "The resource is being rate limited.", "retry_after": retry_after_s, "global": False}
    return json_answer(429, body, headers)
