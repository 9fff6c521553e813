"""Signatures over the exact bytes, unsigned input of any shape, and interactions with only the fields Discord sends.

The spellings and tampers are checked for what they claim (same JSON value, other
bytes); the reference passes every case they make, in process and over HTTP; and
black-box mode catches endpoints that verify a re-serialised body, or that an
unsigned body that is not JSON takes down or hangs.
"""

from __future__ import annotations

import json
import pathlib
import re
import subprocess
import sys
import typing

import nacl.exceptions
import nacl.signing
import pytest

from conformance import payloads
from conformance.cases import ALL_CASES
from conformance.cases.signature import TAMPERS
from conformance.cases.signature import UNSIGNED_INPUTS
from conformance.cases.signature import Tamper
from conformance.model import Mode
from conformance.reference import ReferenceInteractionServer
from conformance.reference import ReferenceResponse
from conformance.runner import Outcome
from conformance.runner import Runner
from conformance.runner import select_cases
from conformance.signing import Signer
from conformance.targets.reference import ReferenceAdapter
from interaction_spec import InteractionType
from tests.endpoints import SEED
from tests.endpoints import free_port
from tests.endpoints import serving
from tests.mutant_declarations import SPELLINGS

if typing.TYPE_CHECKING:
    from conformance.adapter import ServerUnderTest
    from conformance.payloads import Sample
    from interaction_spec import Response

_SIGNER = Signer(SEED)
_PUBLIC_KEY = _SIGNER.public_key.hex()

_KEEP_MEANING = ("reordered-keys", "escaped-character", "unescaped-character", "added-whitespace")
_TARGETS = (("ping", payloads.PING), ("command", payloads.default_sample(InteractionType.APPLICATION_COMMAND)))


def _sample_ids(sample: Sample) -> str:
    return sample.name


def _tamper(name: str) -> Tamper:
    return next(tamper for tamper in TAMPERS if tamper.name == name)


# --------------------------------------------------------------------------------------
# The spellings and the tampers are what they say
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", payloads.SPELLING_SAMPLES, ids=_sample_ids)
def test_every_spelling_is_the_same_value_in_other_bytes(sample: Sample) -> None:
    spelled = {spelling: payloads.spell(sample, spelling) for spelling in payloads.SPELLINGS}
    for spelling, body in spelled.items():
        assert json.loads(body) == json.loads(sample.body()) == sample.payload, spelling
        assert body != sample.body(), spelling
    assert len(set(spelled.values())) == len(spelled)
    assert set(spelled) == set(SPELLINGS)


@pytest.mark.parametrize("sample", payloads.SPELLING_SAMPLES, ids=_sample_ids)
def test_each_spelling_is_exactly_what_its_name_says(sample: Sample) -> None:
    raw = payloads.spell(sample, "raw-utf8")
    assert raw == json.dumps(sample.payload, separators=(",", ":"), ensure_ascii=False).encode()
    assert not raw.isascii()
    assert b"\\u" not in raw
    assert b"\\/" not in raw

    escaped = payloads.spell(sample, "escaped-unicode")
    assert escaped.isascii()
    assert b"\\uD83E\\uDD8A" in escaped  # the fox emoji, beyond the BMP, as a surrogate pair
    assert re.sub(rb"\\u([0-9A-F]{4})", lambda match: b"\\u" + match.group(1).lower(), escaped) == sample.body()

    solidus = payloads.spell(sample, "escaped-solidus")
    assert b"\\/" in solidus
    assert solidus.replace(b"\\/", b"/") == raw

    assert payloads.spell(sample, "spaced") == json.dumps(sample.payload, ensure_ascii=False).encode()
    pretty = payloads.spell(sample, "pretty")
    assert pretty == json.dumps(sample.payload, indent=2, ensure_ascii=False).encode()
    assert pretty.count(b"\n") > 10

    unsorted = payloads.spell(sample, "unsorted-keys")
    keys = list(json.loads(unsorted, object_pairs_hook=lambda pairs: pairs))
    top_level = [key for key, _ in keys]
    assert top_level[-1] == "type"
    assert top_level not in (sorted(top_level), list(sample.payload))
    assert json.dumps(json.loads(unsorted), separators=(",", ":"), ensure_ascii=False).encode() == unsorted

    assert payloads.spell(sample, "trailing-newline") == raw + b"\n"


def test_spell_rejects_an_unknown_spelling() -> None:
    with pytest.raises(KeyError):
        payloads.spell(payloads.PING_UNICODE, "minified")


def _verifies(request_body: bytes, signature: bytes, timestamp: bytes) -> bool:
    try:
        nacl.signing.VerifyKey(_SIGNER.public_key).verify(timestamp + request_body, signature)
    except nacl.exceptions.BadSignatureError:
        return False
    return True


@pytest.mark.parametrize(("label", "sample"), _TARGETS, ids=[label for label, _ in _TARGETS])
@pytest.mark.parametrize("name", _KEEP_MEANING)
def test_meaning_keeping_tampers_change_only_the_bytes(name: str, label: str, sample: Sample) -> None:
    body = sample.body()
    request = _tamper(name).make(_SIGNER, body)
    assert json.loads(request.body) == json.loads(body)
    assert request.body.isascii()
    assert not _verifies(request.body, request.signature, request.timestamp)
    if name == "unescaped-character":
        assert request.body == body
        assert not _verifies(body, request.signature, request.timestamp)
    else:
        assert request.body != body
        assert _verifies(body, request.signature, request.timestamp)


def test_escaping_tampers_take_the_first_non_ascii_character_when_there_is_one() -> None:
    body = payloads.spell(payloads.COMMAND_UNICODE, "raw-utf8")
    first = next(char for char in body.decode() if not char.isascii())
    escaped = _tamper("escaped-character").make(_SIGNER, body).body
    assert escaped == body.replace(first.encode(), f"\\u{ord(first):04x}".encode(), 1)
    unescaped = _tamper("unescaped-character").make(_SIGNER, body)
    assert unescaped.body == body
    assert _verifies(escaped, unescaped.signature, unescaped.timestamp)


def test_ascii_bodies_get_a_letter_escaped_outside_any_escape() -> None:
    body = b'{"a":"\\u00e9x","type":1}'
    assert _tamper("escaped-character").make(_SIGNER, body).body == b'{"\\u0061":"\\u00e9x","type":1}'
    assert _tamper("escaped-character").make(_SIGNER, b'{"\\u0041":"\\u00e9z"}').body == b'{"\\u0041":"\\u00e9\\u007a"}'


def test_unsigned_inputs_carry_no_valid_signature() -> None:
    shapes: dict[str, bytes] = {}
    for tamper in UNSIGNED_INPUTS:
        request = tamper.make(_SIGNER, payloads.PING.body())
        assert not _verifies(request.body, request.signature, request.timestamp)
        shapes[tamper.name] = request.body
    assert len(shapes["2-mib"]) == 2 * 1024 * 1024
    assert shapes["empty"] == b""
    for name in ("not-json", "random-bytes"):
        with pytest.raises(ValueError):  # noqa: PT011 - json and UTF-8 errors are both ValueErrors
            json.loads(shapes[name])
    with pytest.raises(RecursionError):
        json.loads(shapes["deep-nesting"])


# --------------------------------------------------------------------------------------
# The cases: every new one exists, and the reference passes them
# --------------------------------------------------------------------------------------

_SPELLED = tuple(f"sig.accept.{kind}.{spelling}" for kind in ("ping", "command") for spelling in payloads.SPELLINGS)
_UNSIGNED = tuple(tamper.name for tamper in UNSIGNED_INPUTS)
_SURVIVES = (*_UNSIGNED, "no-signature-headers", "non-hex-signature")
_MINIMAL = tuple(sample.name for sample in payloads.MINIMAL_SAMPLES)


def _new_case_ids(mode: Mode) -> set[str]:
    ids = {
        *_SPELLED,
        "sig.accept.ping",
        "sig.accept.command",
        *(f"sig.reject.{label}.{name}" for label, _ in _TARGETS for name in _KEEP_MEANING),
        *(f"sig.status-401.{label}.{name}" for label, _ in _TARGETS for name in _KEEP_MEANING),
        *(f"sig.reject.unsigned.{name}" for name in _UNSIGNED),
        *(f"sig.survives.{name}" for name in (_SURVIVES if mode is Mode.HTTP else _UNSIGNED)),
        *(f"robust.handled.{name}" for name in _MINIMAL),
        *(f"timing.deadline.{name}" for name in _MINIMAL),
    }
    if mode is Mode.IN_PROCESS:
        ids |= {f"sig.no-dispatch.command.{name}" for name in _KEEP_MEANING}
        ids |= {f"dispatch.{part}.{name}" for part in ("route", "fields") for name in (*_MINIMAL, "command.unicode")}
    return ids


@pytest.mark.parametrize("mode", [Mode.IN_PROCESS, Mode.HTTP], ids=["in-process", "http"])
def test_every_new_case_exists_in_its_modes(mode: Mode) -> None:
    expected = _new_case_ids(mode)
    present = {case.id for case in select_cases(ALL_CASES, mode)}
    assert expected <= present, sorted(expected - present)


def test_the_in_process_reference_passes_every_new_case() -> None:
    expected = _new_case_ids(Mode.IN_PROCESS)
    cases = [case for case in select_cases(ALL_CASES, Mode.IN_PROCESS) if case.id in expected]
    with Runner(Signer(), adapter=ReferenceAdapter()) as runner:
        results = runner.run(cases)
    assert {result.case.id for result in results} == expected
    assert {result.case.id: (result.outcome, result.detail) for result in results} == dict.fromkeys(
        expected, (Outcome.PASSED, "")
    )


class _BrokenByGarbage(ReferenceInteractionServer):
    """Answers 503 to everything once it has been sent a body that is not JSON, signed or not."""

    broken = False

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        try:
            json.loads(body)
        except (ValueError, RecursionError):
            self.broken = True
        if self.broken:
            return ReferenceResponse.text(503, "down")
        return await super().on_interaction(body, signature, timestamp)


class _BrokenByGarbageAdapter(ReferenceAdapter):
    def create_server(self, public_key: bytes) -> ServerUnderTest:
        return _BrokenByGarbage(public_key)


def test_in_process_survival_fails_for_a_server_that_unsigned_garbage_breaks() -> None:
    cases = select_cases(ALL_CASES, Mode.IN_PROCESS, only=("sig.survives",))
    with Runner(Signer(), adapter=_BrokenByGarbageAdapter()) as runner:
        outcomes = {result.case.id: (result.outcome, result.detail) for result in runner.run(cases)}
    assert outcomes == {
        "sig.survives.2-mib": (Outcome.PASSED, ""),
        "sig.survives.not-json": (
            Outcome.FAILED,
            "after a body that is not JSON, with a bad signature, a signed PING got 503 "
            "(text/plain, b'down'), not PONG",
        ),
        "sig.survives.empty": (
            Outcome.FAILED,
            "after an empty body with a bad signature, a signed PING got 503 (text/plain, b'down'), not PONG",
        ),
        "sig.survives.random-bytes": (
            Outcome.FAILED,
            "after 4 KiB of random bytes with a bad signature, a signed PING got 503 (text/plain, b'down'), not PONG",
        ),
        "sig.survives.deep-nesting": (
            Outcome.FAILED,
            "after a PING holding arrays nested 100,000 deep, with a bad signature, a signed PING got 503 "
            "(text/plain, b'down'), not PONG",
        ),
    }


# --------------------------------------------------------------------------------------
# Black box
# --------------------------------------------------------------------------------------


def _black_box(url: str, report: pathlib.Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "conformance", "--url", url, "--signing-seed", SEED.hex(), "--no-color"]
    return subprocess.run(
        [*command, "--json", str(report), *args], capture_output=True, text=True, timeout=600, check=False
    )


def _outcomes(report: pathlib.Path) -> dict[str, tuple[str, str]]:
    cases = json.loads(report.read_text(encoding="utf-8"))["cases"]
    return {case["id"]: (case["outcome"], case["detail"]) for case in cases}


def _serve(kind: str, port: int) -> typing.ContextManager[str]:
    return serving(
        "-m", "tests.endpoints.reserialising", kind, "--port", str(port), "--public-key", _PUBLIC_KEY, port=port
    )


def test_the_served_reference_passes_every_new_case(tmp_path: pathlib.Path) -> None:
    port = free_port()
    report = tmp_path / "report.json"
    with serving("-m", "conformance", "serve", "--port", str(port), "--signing-seed", SEED.hex(), port=port) as url:
        result = _black_box(url, report)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    outcomes = _outcomes(report)
    expected = _new_case_ids(Mode.HTTP)
    assert {case_id: outcomes.get(case_id) for case_id in expected} == dict.fromkeys(expected, ("passed", ""))


_CAUGHT_SPELLINGS = ("escaped-unicode", "escaped-solidus", "spaced", "pretty", "trailing-newline")
"""What a verifier of ``JSON.stringify(JSON.parse(body))`` rejects: all but raw UTF-8 and key order."""
_ACCEPTED_TAMPERS = ("tampered-body", "escaped-character", "added-whitespace")
"""What it accepts: the tampers whose body it writes back into the bytes that were signed."""


def test_a_verifier_of_the_reserialised_body_fails_exactly_the_expected_cases(tmp_path: pathlib.Path) -> None:
    port = free_port()
    report = tmp_path / "report.json"
    with _serve("reserialising", port) as url:
        result = _black_box(url, report)
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr
    outcomes = _outcomes(report)
    rejected_spellings = {f"sig.accept.{kind}.{name}" for kind in ("ping", "command") for name in _CAUGHT_SPELLINGS}
    accepted_tampers = {
        f"{clause}.{label}.{name}"
        for clause in ("sig.reject", "sig.status-401")
        for label, _ in _TARGETS
        for name in _ACCEPTED_TAMPERS
    }
    failing = {case_id for case_id, (outcome, _) in outcomes.items() if outcome in ("failed", "error")}
    assert failing == rejected_spellings | accepted_tampers
    assert {outcomes[case_id][0] for case_id in failing} == {"failed"}
    signature_outcomes = {outcome for case_id, (outcome, _) in outcomes.items() if case_id.startswith("sig.")}
    assert signature_outcomes == {"passed", "failed"}
    for case_id in rejected_spellings:
        assert outcomes[case_id][1].endswith("got 401: its valid signature was rejected"), case_id
    passing = {"sig.accept.ping", "sig.accept.command"} | {
        f"sig.accept.{kind}.{spelling}" for kind in ("ping", "command") for spelling in ("raw-utf8", "unsorted-keys")
    }
    assert {case_id: outcomes[case_id] for case_id in passing} == dict.fromkeys(passing, ("passed", ""))


@pytest.mark.parametrize("kind", ["dies", pytest.param("hangs", marks=pytest.mark.starts_first)])
def test_survival_fails_for_an_endpoint_that_unsigned_garbage_stops(kind: str, tmp_path: pathlib.Path) -> None:
    port = free_port()
    report = tmp_path / "report.json"
    with _serve(kind, port) as url:
        result = _black_box(url, report, "--only", "sig.survives")
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr
    outcomes = _outcomes(report)
    assert outcomes["sig.survives.2-mib"] == ("passed", "")
    outcome, detail = outcomes["sig.survives.not-json"]
    assert outcome == "failed"
    assert detail.startswith("after a body that is not JSON, with a bad signature, a signed PING got no reply")
    rest = [case_id for case_id in outcomes if case_id.startswith("sig.survives.")][2:]
    assert rest
    assert {outcomes[case_id][0] for case_id in rest} == {"not-run"}
