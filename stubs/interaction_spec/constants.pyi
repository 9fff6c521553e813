from typing import Final

__all__ = ("MAX_RESPONSE_FILES", "RESPONSE_DEADLINE_S", "SIGNATURE_HEADER", "TIMESTAMP_HEADER")

SIGNATURE_HEADER: Final = "X-Signature-Ed25519"
TIMESTAMP_HEADER: Final = "X-Signature-Timestamp"
MAX_RESPONSE_FILES: Final = 10
RESPONSE_DEADLINE_S: Final[float] = 3.0
