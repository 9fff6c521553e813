"""Black-box mode against real endpoints on 127.0.0.1: the hikari driver of the matrix, on hikari's aiohttp server."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
import typing

import pytest

from conformance.signing import Signer
from implementations import endpoint
from implementations import manifest
from tests.endpoints import SEED
from tests.endpoints import free_port

_REPORTS = pathlib.Path(__file__).resolve().parent.parent / "docs" / "reports"


def _black_box(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "conformance", "--url", url, "--signing-seed", SEED.hex(), "--no-color", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)


def _outcomes(report: typing.Mapping[str, typing.Any]) -> dict[str, tuple[str, str]]:
    return {case["id"]: (case["outcome"], case["detail"]) for case in report["cases"]}


@pytest.mark.starts_first
def test_hikari_http_matches_the_committed_report(tmp_path: pathlib.Path) -> None:
    hikari = manifest.load(manifest.IMPLEMENTATIONS_DIR / "hikari" / "implementation.json")
    unsupported = [f"--unsupported={entry.cases}={entry.reason}" for entry in hikari.unsupported]
    api = f"127.0.0.1:{free_port()}"
    with endpoint.running(
        hikari, Signer(SEED), tmp_path / "hikari.log", discord_api_url=f"http://{api}/api/v10"
    ) as url:
        result = _black_box(url, "--bot", "--discord-api", api, *unsupported, "--json", str(tmp_path / "report.json"))
    assert result.returncode == 1, result.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    committed = json.loads((_REPORTS / "hikari-http.json").read_text(encoding="utf-8"))
    assert report["mode"] == committed["mode"] == "http"
    assert _outcomes(report) == _outcomes(committed)
    outcomes = _outcomes(report)
    assert outcomes["sig.status-401.ping.non-hex-signature"][0] == "failed"
    assert outcomes["input.reject.json-array"] == (
        "failed",
        "expected a 4xx reply, got 500 (text/plain, b'500 Internal Server Error\\n\\nServer got itself in trouble')",
    )
    assert outcomes["http.body-limit.2-mib-signed"] == ("passed", "")
    assert outcomes["http.body-limit.2-mib-unsigned"] == ("passed", "")
    assert outcomes["reply.callback.bot.echo"] == ("passed", "")
    # hikari 2.7.0 nests each action row's (payload, attachments) pair in the modal's components
    assert outcomes["reply.callback.bot.modal"][0] == "failed"
    assert "a modal needs 1 to 5 component objects, got [[{'type': 1" in outcomes["reply.callback.bot.modal"][1]
    assert outcomes["reply.callback.bot.modal-submit"][0] == "not-verified"
    assert outcomes["reply.none-202.bot.rest"] == (
        "failed",
        "/rest: expected 202 with no body, got 204 (no content type, no body)",
    )
    assert "[runner] stopped: exit status" in (tmp_path / "hikari.log").read_text(encoding="utf-8")


def test_unreachable_url_exits_2_with_one_line() -> None:
    result = _black_box(f"http://127.0.0.1:{free_port()}/")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("interaction-conformance: error: preflight: http://127.0.0.1:")
    assert ": no answer to a signed PING: cannot connect" in result.stderr
