"""The odd-length signature case catches a lenient hex parser every run, not one run in 256."""

from __future__ import annotations

import json
import typing

import pytest
from nacl.signing import VerifyKey

from conformance import payloads
from conformance.cases.signature import TAMPERS
from conformance.signing import Signer
from interaction_spec import SIGNATURE_HEADER
from interaction_spec import InteractionType

_ODD_LENGTH: typing.Final = next(tamper for tamper in TAMPERS if tamper.name == "odd-length-signature")
_SEEDS: typing.Final = tuple(bytes([seed]) * 32 for seed in range(8))


@pytest.mark.parametrize("seed", _SEEDS, ids=lambda seed: seed[:1].hex())
@pytest.mark.parametrize(
    "sample", [payloads.PING, payloads.default_sample(InteractionType.APPLICATION_COMMAND)], ids=lambda s: s.name
)
def test_the_odd_length_signature_is_a_valid_one_less_a_trailing_zero(seed: bytes, sample: payloads.Sample) -> None:
    signer = Signer(seed)
    request = _ODD_LENGTH.make(signer, sample.body())
    assert request.headers is not None
    header = request.headers[SIGNATURE_HEADER]
    assert header is not None

    assert len(header) == 127
    assert header.endswith("0")
    assert len(request.body) == len(sample.body()) + 100  # one length, whatever the spelling: runs repeat exactly
    # A parser that reads the lone last digit as a byte gets a valid signature: it must reject by length, always.
    VerifyKey(signer.public_key).verify(request.timestamp + request.body, bytes.fromhex(header[:-1] + "00"))


def test_the_spaced_body_keeps_its_meaning() -> None:
    sample = payloads.default_sample(InteractionType.APPLICATION_COMMAND)
    request = _ODD_LENGTH.make(Signer(_SEEDS[1]), sample.body())
    assert json.loads(request.body) == json.loads(sample.body())
