"""Evidence that replays: the JSON report keeps each exchange's exact bytes, and ``replay`` sends them again."""

from __future__ import annotations

import base64
import json
import pathlib
import subprocess
import sys
import typing

import pytest
from nacl.signing import VerifyKey

from conformance import payloads
from conformance.cases import ALL_CASES
from conformance.cli import main
from conformance.evidence import EvidenceBudget
from conformance.model import Mode
from conformance.model import WireRequest
from conformance.replay import ReplayError
from conformance.replay import resign
from conformance.reports.json_report import report_object
from conformance.runner import Runner
from conformance.runner import RunReport
from conformance.runner import select_cases
from conformance.signing import DEFAULT_SEED
from conformance.signing import Signer
from conformance.targets import load_adapter
from tests.endpoints import SEED
from tests.endpoints import black_box
from tests.endpoints import free_port
from tests.endpoints import serving

_PUBLIC_KEY: typing.Final = Signer(SEED).public_key.hex()
_CASE: typing.Final = "sig.reject.ping.wrong-key"


def _mutant(name: str) -> typing.ContextManager[str]:
    port = free_port()
    return serving("-m", "tests.endpoints.mutants", name, "--port", str(port), "--public-key", _PUBLIC_KEY, port=port)


def _reference() -> typing.ContextManager[str]:
    port = free_port()
    return serving("-m", "conformance", "serve", "--port", str(port), "--signing-seed", SEED.hex(), port=port)


def _replay(report: pathlib.Path, case_id: str, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "conformance", "replay", str(report), case_id, "--url", url, *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _body(data: typing.Mapping[str, typing.Any]) -> bytes:
    if data["body_encoding"] == "base64":
        return base64.b64decode(data["body"])
    return typing.cast("str", data["body"]).encode()


def test_a_failure_recorded_by_one_run_is_reproduced_against_a_fresh_endpoint(tmp_path: pathlib.Path) -> None:
    report = tmp_path / "report.json"
    with _mutant("PongBeforeVerifying") as url:
        run = black_box(url, report, "--only", "sig.reject.ping,input.reject")
    assert run.returncode == 1, run.stderr
    outcomes = {case["id"]: case["outcome"] for case in run.cases()}
    assert outcomes[_CASE] == "failed"
    assert outcomes["input.reject.json-array"] == "passed"

    with _mutant("PongBeforeVerifying") as fresh:
        again = _replay(report, _CASE, fresh)
        signed = _replay(report, "input.reject.json-array", fresh)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"{_CASE} was failed in {report}" in again.stdout
    size = next(case for case in run.cases() if case["id"] == _CASE)["evidence"][0]["sent"]["body_size"]
    assert again.stdout.count(f"> POST / ({size} bytes)") == 2
    assert again.stdout.count('< {"type":1}') == 2  # the unverified PONG, then and now
    assert again.stdout.rstrip().endswith("reproduced: every reply has the recorded status (200)")
    # a correctly signed request is signed afresh: the endpoint verifies it and refuses the body, as in the run
    assert signed.returncode == 0, signed.stdout + signed.stderr
    assert signed.stdout.rstrip().endswith("reproduced: every reply has the recorded status (400)")

    with _reference() as conforming:
        fixed = _replay(report, _CASE, conforming)
    assert fixed.returncode == 1
    assert fixed.stdout.rstrip().endswith("not reproduced: exchange 1 got 401, recorded 200")


def test_the_json_report_keeps_the_exact_bytes_that_were_signed(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "report.json"
    assert main(["--only", "ping.pong", "--json", str(path)]) == 0
    report = json.loads(path.read_text(encoding="utf-8"))
    assert report["signing_seed"] == DEFAULT_SEED.hex()
    assert report["evidence_bytes"]["cut_bodies"] == 0
    verify_key = VerifyKey(Signer(DEFAULT_SEED).public_key)
    exchanges = [exchange for case in report["cases"] for exchange in case["evidence"]]
    assert exchanges
    for exchange in exchanges:
        sent = exchange["sent"]
        headers = dict(sent["headers"])
        body = _body(sent)
        assert len(body) == sent["body_size"] == sent["body_kept"]
        timestamp = headers["X-Signature-Timestamp"].encode()
        verify_key.verify(timestamp + body, bytes.fromhex(headers["X-Signature-Ed25519"]))
        assert exchange["reply"]["status"] == exchange["status"] == 200
        assert json.loads(_body(exchange["reply"])) == {"type": 1}
    assert report["evidence_bytes"]["kept"] == sum(
        exchange["sent"]["body_kept"] + exchange["reply"]["body_kept"] for exchange in exchanges
    )


def test_past_the_runs_bound_bodies_are_cut_and_the_report_says_so() -> None:
    cases = select_cases(ALL_CASES, Mode.IN_PROCESS, only=["ping.pong"])
    budget = EvidenceBudget(1000)
    with Runner(Signer(), adapter=load_adapter("reference"), evidence=budget) as runner:
        results = tuple(runner.run(cases))
    report = report_object(RunReport("0", "reference", Mode.IN_PROCESS, False, results, evidence=budget))
    assert report["evidence_bytes"] == {"bound": 1000, "kept": budget.kept_bytes, "cut_bodies": budget.cut_bodies}
    assert 0 < budget.kept_bytes <= 1000
    assert budget.cut_bodies > 0
    sent = [
        exchange["sent"] for case in typing.cast("list[typing.Any]", report["cases"]) for exchange in case["evidence"]
    ]
    assert sent[0]["body_kept"] == sent[0]["body_size"] == len(payloads.PING.body()) < 1000  # the first fits whole
    replies = [
        exchange["reply"] for case in typing.cast("list[typing.Any]", report["cases"]) for exchange in case["evidence"]
    ]
    cut = [body for body in (*sent, *replies) if body["body_kept"] < body["body_size"]]
    assert len(cut) == budget.cut_bodies
    assert all(len(_body(body)) == body["body_kept"] for body in cut)


def _signed(signer: Signer, timestamp: int, body: bytes, *, signature: bytes | None = None) -> WireRequest:
    raw = signature if signature is not None else signer.signature(str(timestamp).encode(), body)
    headers = (("X-Signature-Ed25519", raw.hex()), ("X-Signature-Timestamp", str(timestamp)))
    return WireRequest("POST", "/", headers, body, len(body), float(timestamp))


def test_resign_moves_the_timestamp_and_signs_only_what_was_signed() -> None:
    signer, body = Signer(DEFAULT_SEED), b'{"type":1}'
    verify_key = VerifyKey(signer.public_key)
    valid = resign(_signed(signer, 1_000_000, body), signer, 1_003_600.4)
    headers = dict(valid.headers)
    assert headers["X-Signature-Timestamp"] == "1003600"
    verify_key.verify(b"1003600" + body, bytes.fromhex(headers["X-Signature-Ed25519"]))

    stale = resign(_sent_at(_signed(signer, 1_000_000, body), 1_000_600), signer, 1_003_600)
    assert dict(stale.headers)["X-Signature-Timestamp"] == "1003000"  # still ten minutes behind the clock

    forged = _signed(signer, 1_000_000, body, signature=Signer(bytes(32)).signature(b"1000000", body))
    kept = resign(forged, signer, 1_003_600)
    assert dict(kept.headers)["X-Signature-Ed25519"] == dict(forged.headers)["X-Signature-Ed25519"]
    assert dict(kept.headers)["X-Signature-Timestamp"] == "1003600"

    with pytest.raises(ReplayError, match="kept 4 of the 10 bytes"):
        resign(WireRequest("POST", "/", (), body[:4], len(body), 0.0), signer, 1.0)


def _sent_at(request: WireRequest, sent_at: float) -> WireRequest:
    return WireRequest(request.method, request.path, request.headers, request.body, request.body_size, sent_at)


@pytest.mark.parametrize(
    ("case_id", "message"),
    [
        ("no.such.case", "the report has no case 'no.such.case'"),
        ("ping.pong.status", None),
    ],
)
def test_replay_errors_are_one_line(tmp_path: pathlib.Path, case_id: str, message: str | None) -> None:
    path = tmp_path / "report.json"
    assert main(["--only", "ping.pong", "--json", str(path)]) == 0
    if message is None:  # a report written before the bytes were kept
        report = json.loads(path.read_text(encoding="utf-8"))
        for case in report["cases"]:
            for exchange in case["evidence"]:
                del exchange["sent"]
        path.write_text(json.dumps(report), encoding="utf-8")
        message = "the report kept no bytes of ping.pong.status's requests"
    result = _replay(path, case_id, f"http://127.0.0.1:{free_port()}/")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_report_that_kept_no_bytes_says_it_cannot_be_replayed(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "report.json"
    assert main(["--only", "ping.pong.status", "--evidence-bytes", "0", "--json", str(path)]) == 0
    report = json.loads(path.read_text(encoding="utf-8"))
    assert report["evidence_bytes"] == {"bound": 0, "kept": 0, "cut_bodies": 2}
    result = _replay(path, "ping.pong.status", f"http://127.0.0.1:{free_port()}/")
    assert result.returncode == 2
    assert f"the report kept 0 of the {len(payloads.PING.body())} bytes of a request body" in result.stderr
    assert result.stderr.count("\n") == 1
