"""Protocol constants shared by every implementation."""

from __future__ import annotations

__all__ = ("MAX_RESPONSE_FILES", "RESPONSE_DEADLINE_S", "SIGNATURE_HEADER", "TIMESTAMP_HEADER")

import typing

SIGNATURE_HEADER: typing.Final = "X-Signature-Ed25519"
"""Header carrying the hex-encoded Ed25519 signature of timestamp + body."""

TIMESTAMP_HEADER: typing.Final = "X-Signature-Timestamp"
"""Header carrying the timestamp that is signed together with the body."""

MAX_RESPONSE_FILES: typing.Final = 10
"""The most files one `Response` may carry."""

RESPONSE_DEADLINE_S: typing.Final[float] = 3.0
"""Seconds Discord waits for the initial reply before it invalidates the interaction token."""
