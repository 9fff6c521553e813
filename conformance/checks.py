"""Checks shared by many cases: what a failure, a rejection or a JSON reply looks like.

What makes a callback valid is `conformance.reply_checks`' job.
"""

from __future__ import annotations

__all__ = (
    "expect",
    "expect_json_reply",
    "expect_not_success",
    "expect_rejected",
    "is_pong",
    "is_success",
)

import json
import typing

from conformance.model import CaseFailure

if typing.TYPE_CHECKING:
    from conformance.model import Reply


def expect(condition: bool, detail: str) -> None:
    """Fail the case with ``detail`` unless ``condition`` holds."""
    if not condition:
        raise CaseFailure(detail)


def is_success(reply: Reply) -> bool:
    """Whether the reply's status is 2xx."""
    return 200 <= reply.status < 300


def is_pong(reply: Reply) -> bool:
    """Whether the reply is a PONG: 200 with a JSON object whose ``type`` is 1.

    The docs ask for "a PONG payload (which has the same type: 1)" (overview.mdx:81); other members of the object
    do not make it something else.
    """
    if reply.status != 200:
        return False
    try:
        decoded: object = json.loads(reply.body)
    except (ValueError, RecursionError):
        return False
    return (
        isinstance(decoded, dict)
        and type(typing.cast("dict[str, object]", decoded).get("type")) is int
        and (typing.cast("dict[str, object]", decoded)["type"] == 1)
    )


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
