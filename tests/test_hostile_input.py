"""Reliability and security under hostile input: the reference server, the ASGI bridge and the served reference.

The strategies, probes and invariants live in `tests.hostile` (its docstring
lists and explains every invariant); this file runs them for a bounded number
of examples (the ``hostile-ci`` hypothesis profile) and checks that the
invariants are not vacuous. The long run, with the same code::

    python -m tests.fuzz_reference --examples 100000 --target both
"""

from __future__ import annotations

import dataclasses
import logging
import re
import subprocess
import sys
import typing
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import settings

from conformance import payloads
from conformance.reference import ReferenceInteractionServer
from conformance.reference import ReferenceResponse
from tests import hostile
from tests.endpoints import SEED
from tests.endpoints import free_port
from tests.endpoints import serving

if typing.TYPE_CHECKING:
    from collections.abc import Iterator

    from interaction_spec import Response

REPO = Path(__file__).resolve().parent.parent
CI_PROFILE = "hostile-ci"
settings.register_profile(
    CI_PROFILE,
    max_examples=300,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=hostile.SUPPRESSED_HEALTH_CHECKS,
)
CI = settings.get_profile(CI_PROFILE)
HTTP_CI = settings(CI, max_examples=150)

GENERATED_STATUSES = {200, 400, 401, 500}
"""What the bounded generated run must reach, or the strategies have stopped exercising some path."""
PROBED_STATUSES = {200, 202, 400, 401, 500, 501}
"""What the named probes reach on the reference: every status a correctly or wrongly signed request can get."""
_PROBE_IDS = list(hostile.PROBES)


# ---------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------


@pytest.fixture
def harness(caplog: pytest.LogCaptureFixture) -> Iterator[hostile.Harness]:
    caplog.set_level(logging.ERROR, logger=hostile.REFERENCE_LOGGER)
    caplog.set_level(logging.ERROR, logger=hostile.BRIDGE_LOGGER)
    checked = hostile.Harness(caplog)
    yield checked
    checked.close()


@pytest.fixture(scope="module")
def served() -> Iterator[hostile.HttpTarget]:
    """``interaction-conformance serve`` in a subprocess on 127.0.0.1, verifying `tests.hostile.SIGNER`."""
    port = free_port()
    command = ("-m", "conformance", "serve", "--port", str(port), "--signing-seed", SEED.hex())
    with serving(*command, port=port) as url, httpx.Client(timeout=30.0) as client:
        yield hostile.HttpTarget(client, url)


def _assert_exercised(statistics: hostile.Statistics, statuses: set[int]) -> None:
    missing = statuses - set(statistics.statuses)
    assert not missing, f"the run reached no {sorted(missing)}: {statistics}"


# ---------------------------------------------------------------------------
# Bounded property-based runs
# ---------------------------------------------------------------------------


def test_reference_on_interaction_under_hostile_input(harness: hostile.Harness) -> None:
    @CI
    @given(request=hostile.hostile_requests())
    def run(request: hostile.HostileRequest) -> None:
        harness.check_reference(request)

    run()
    _assert_exercised(harness.statistics, GENERATED_STATUSES)
    assert set(harness.statistics.listener_calls) == {"command", "component", "autocomplete", "modal"}
    assert harness.statistics.listener_failures > 0


def test_asgi_bridge_under_hostile_input(harness: hostile.Harness) -> None:
    @CI
    @given(request=hostile.hostile_requests())
    def run(request: hostile.HostileRequest) -> None:
        harness.check_asgi(request)

    run()
    _assert_exercised(harness.statistics, GENERATED_STATUSES)
    assert set(harness.statistics.listener_calls) == {"command", "component", "autocomplete", "modal"}
    assert harness.statistics.listener_failures > 0


def test_served_reference_under_hostile_input(served: hostile.HttpTarget) -> None:
    @HTTP_CI
    @given(request=hostile.hostile_requests(http_safe=True))
    def run(request: hostile.HostileRequest) -> None:
        served.check(request)

    run()
    _assert_exercised(served.statistics, {200, 400, 401, 501})


# ---------------------------------------------------------------------------
# Every named probe, on every target
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", _PROBE_IDS)
def test_probe_reference(harness: hostile.Harness, name: str) -> None:
    harness.check_reference(hostile.PROBES[name])


@pytest.mark.parametrize("name", _PROBE_IDS)
def test_probe_asgi(harness: hostile.Harness, name: str) -> None:
    harness.check_asgi(hostile.PROBES[name])


def test_probes_reach_every_status(harness: hostile.Harness) -> None:
    for request in hostile.PROBES.values():
        try:
            harness.check_reference(request)
        except hostile.InvariantViolation:
            continue  # reported by test_probe_reference
    _assert_exercised(harness.statistics, PROBED_STATUSES)


@pytest.mark.parametrize("name", _PROBE_IDS)
def test_probe_served_reference(served: hostile.HttpTarget, name: str) -> None:
    request = hostile.PROBES[name]
    served.check(dataclasses.replace(request, timestamp=hostile.header_safe(request.timestamp)))


# ---------------------------------------------------------------------------
# The oracle and the document writer
# ---------------------------------------------------------------------------


def test_verifies_only_the_signers_signature() -> None:
    request = hostile.SIGNER.sign(b"{}", b"1700000000")
    assert hostile.verifies(request.signature, request.timestamp, request.body)
    assert not hostile.verifies(request.signature, request.timestamp, request.body + b" ")
    assert not hostile.verifies(request.signature[:63], request.timestamp, request.body)
    # The signed message is timestamp + body: where the two meet does not matter.
    assert hostile.verifies(request.signature, request.timestamp + b"{", b"}")


def test_signed_view_follows_the_documented_header_rules() -> None:
    signature, timestamp = bytes(range(64)), b"1700000000"
    plain = [(b"x-signature-ed25519", signature.hex().encode()), (b"x-signature-timestamp", timestamp)]
    assert hostile.signed_view(plain) == (signature, timestamp)
    assert hostile.signed_view([(b"X-Signature-Ed25519", signature.hex().upper().encode())]) == (signature, b"")
    assert hostile.signed_view(plain + plain[:1]) is None
    assert hostile.signed_view(plain + plain[1:]) is None
    assert hostile.signed_view([(b"x-signature-ed25519", b" " + signature.hex().encode())]) is None
    assert hostile.signed_view([(b"x-signature-ed25519", b"abc")]) is None
    assert hostile.signed_view([(b"x-signature-ed25519", b"")]) is None
    assert hostile.signed_view(plain[1:]) is None


def test_encode_writes_what_json_dumps_cannot() -> None:
    document: hostile.Json = {
        "type": hostile.Twice(2, 1),
        "big": hostile.Raw(b"1" + b"0" * 5000),
        "nan": float("nan"),
        "surrogate": "\ud800",
        "list": [None, True, hostile.Raw(b"1e400")],
    }
    text = hostile.encode(document)
    assert text.startswith(b'{"type":2,"type":1,"big":10000')
    assert b'"nan":NaN' in text
    assert b'"surrogate":"\\ud800"' in text
    assert text.endswith(b'"list":[null,true,1e400]}')
    assert b'"surrogate":"\xed\xa0\x80"' in hostile.encode(document, ensure_ascii=False)


@settings(CI, max_examples=200)
@given(text=hostile.texts(max_size=60))
def test_generated_text_cannot_spell_a_leak_marker(text: str) -> None:
    assert hostile.echo_safe(text)
    assert not any(marker in text for marker in hostile.LEAK_MARKERS)


@settings(CI, max_examples=50)
@given(request=hostile.hostile_requests(http_safe=True))
def test_http_safe_requests_have_sendable_headers(request: hostile.HostileRequest) -> None:
    for name, value in request.http.headers(request.signature, request.timestamp, request.body):
        assert re.fullmatch(rb"[!-~]*", name)
        assert re.fullmatch(rb"[!-~]*", value)


# ---------------------------------------------------------------------------
# The invariants are not vacuous: broken servers are caught
# ---------------------------------------------------------------------------


class TrustingServer(ReferenceInteractionServer):
    """Skips verification: re-signs whatever it gets."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        return await super().on_interaction(body, hostile.SIGNER.signature(timestamp, body), timestamp)


class LeakyServer(ReferenceInteractionServer):
    """Tells the client why a body is not JSON."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        response = await super().on_interaction(body, signature, timestamp)
        if response.status_code == 400:
            return ReferenceResponse.text(400, "JSONDecodeError: Expecting value: line 1 column 1 (char 0)")
        return response


class RaisingServer(ReferenceInteractionServer):
    """Lets a decoding error escape."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        body.decode("utf-8")
        return await super().on_interaction(body, signature, timestamp)


class SilentServer(ReferenceInteractionServer):
    """Answers 500 for an unknown type, without a listener or a log record."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        response = await super().on_interaction(body, signature, timestamp)
        return ReferenceResponse.text(500, "the listener failed") if response.status_code == 501 else response


@pytest.mark.parametrize(
    ("server_class", "probe", "kind"),
    [
        (TrustingServer, "unsigned.valid-body-zero-signature", "a request that is not correctly signed did not get"),
        (LeakyServer, "nesting.array-100k", "carries exception text"),
        (SilentServer, "unknown-type.99", "no listener ran"),
    ],
    ids=["trusting", "leaky", "silent-500"],
)
@pytest.mark.parametrize("target", ["reference", "asgi"])
def test_broken_servers_are_caught(
    caplog: pytest.LogCaptureFixture,
    server_class: type[ReferenceInteractionServer],
    probe: str,
    kind: str,
    target: str,
) -> None:
    checked = hostile.Harness(caplog, server_class)
    check = checked.check_reference if target == "reference" else checked.check_asgi
    try:
        with pytest.raises(hostile.InvariantViolation, match=re.escape(kind)):
            check(hostile.PROBES[probe])
    finally:
        checked.close()


def test_an_escaping_exception_is_caught(caplog: pytest.LogCaptureFixture) -> None:
    checked = hostile.Harness(caplog, RaisingServer)
    try:
        with pytest.raises(hostile.InvariantViolation, match="on_interaction raised"):
            checked.check_reference(hostile.PROBES["utf8.invalid-in-token"])
        with pytest.raises(hostile.InvariantViolation, match="the bridge logged an error"):
            checked.check_asgi(hostile.PROBES["utf8.invalid-in-token"])
    finally:
        checked.close()


def test_a_listener_reading_into_an_unsigned_request_is_caught(caplog: pytest.LogCaptureFixture) -> None:
    checked = hostile.Harness(caplog, TrustingServer)
    request = hostile.HostileRequest(payloads.COMMAND_GUILD.body(), bytes(64), b"1", "probe")
    try:
        with pytest.raises(hostile.InvariantViolation):
            checked.check_reference(request)
        assert [call.kind for call in checked.listeners.calls] == ["command"]
    finally:
        checked.close()


# ---------------------------------------------------------------------------
# The long-run command
# ---------------------------------------------------------------------------

_FINAL_LINE = re.compile(
    r"^(?P<target>reference|asgi): (?P<inputs>\d+) inputs, (?P<violations>\d+) invariant violations, "
    r"(?P<distinct>\d+) distinct statuses \{.*\}, [\d.]+ s$",
    re.MULTILINE,
)


def test_fuzz_command_reports_its_run() -> None:
    command = [sys.executable, "-m", "tests.fuzz_reference", "--examples", "40", "--target", "both", "--seed", "1"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600, check=False)
    finals = {match["target"]: match for match in _FINAL_LINE.finditer(result.stdout)}
    assert set(finals) == {"reference", "asgi"}, result.stdout + result.stderr
    for match in finals.values():
        assert int(match["inputs"]) >= 40
    probe_failures = re.findall(r"^\S+: \d+ probes, (\d+) violated", result.stdout, re.MULTILINE)
    violated = sum(int(match["violations"]) for match in finals.values()) + sum(map(int, probe_failures))
    assert result.returncode == (1 if violated else 0), result.stdout + result.stderr
