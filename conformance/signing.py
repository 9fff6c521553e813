"""Signing requests the way Discord does, with a key derived from a fixed seed."""

from __future__ import annotations

__all__ = ("DEFAULT_SEED", "Signer")

import time
import typing

from nacl.signing import SigningKey

from conformance.model import Request

DEFAULT_SEED: typing.Final = bytes(range(32))
"""The seed the suite signs with unless told otherwise; fixed so that runs repeat."""


class Signer:
    """Signs interaction requests as Discord would.

    Parameters
    ----------
    seed : bytes
        The 32-byte Ed25519 seed of the signing key.
    """

    __slots__ = ("_key", "public_key", "seed")

    def __init__(self, seed: bytes = DEFAULT_SEED) -> None:
        if len(seed) != 32:
            raise ValueError(f"an Ed25519 seed is 32 bytes, not {len(seed)}")
        self.seed = seed
        """The 32-byte seed: a test key, written in reports so that their requests can be signed again."""
        self._key = SigningKey(seed)
        self.public_key: bytes = bytes(self._key.verify_key)
        """The 32-byte public key the target must verify with."""

    @staticmethod
    def now() -> bytes:
        """Return the current Unix time as Discord formats ``X-Signature-Timestamp``."""
        return str(int(time.time())).encode()

    def signature(self, timestamp: bytes, body: bytes) -> bytes:
        """Return the raw signature of ``timestamp + body``."""
        return self._key.sign(timestamp + body).signature

    def sign(self, body: bytes, timestamp: bytes | None = None) -> Request:
        """Return a correctly signed request for ``body``."""
        stamp = self.now() if timestamp is None else timestamp
        return Request(body, self.signature(stamp, body), stamp)
