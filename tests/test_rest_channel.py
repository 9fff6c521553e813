"""Replies judged wherever they arrive: an endpoint that answers everything through the REST callback conforms.

`tests.endpoints.mutants.AnswersEverythingByRest` is the served reference with
every reply but PONG sent to the Discord API double's callback endpoint and
the HTTP request answered 202 with no body, as REST-first libraries do. With
the double (``--discord-api``), black-box mode judges those callbacks with the
same cases and clause IDs as HTTP replies: the endpoint passes ``--bot
--strict`` with nothing left unverified, and the evidence says which channel
each reply took.
"""

from __future__ import annotations

import pathlib
import typing

from conformance.signing import Signer
from tests.endpoints import SEED
from tests.endpoints import black_box
from tests.endpoints import free_port
from tests.endpoints import serving
from tests.endpoints.mutants import DISCORD_API_URL_ENV

_PUBLIC_KEY: typing.Final = Signer(SEED).public_key.hex()
_EXIT_CONFORMANT: typing.Final = 0


def test_an_endpoint_answering_through_rest_passes_strictly(tmp_path: pathlib.Path) -> None:
    port, api_port = free_port(), free_port()
    api = f"127.0.0.1:{api_port}"
    command = ("-m", "tests.endpoints.mutants", "AnswersEverythingByRest", "--port", str(port))
    env = {DISCORD_API_URL_ENV: f"http://{api}/api/v10"}
    with serving(*command, "--public-key", _PUBLIC_KEY, port=port, env=env) as url:
        run = black_box(url, tmp_path / "report.json", "--bot", "--strict", "--discord-api", api)

    assert run.report is not None, run.stderr
    not_passed = [f"{case['id']}: {case['detail']}" for case in run.cases() if case["outcome"] != "passed"]
    assert not not_passed, "\n".join(not_passed)
    assert run.returncode == _EXIT_CONFORMANT
    assert run.report["partial"] is False
    channels = {
        case["id"]: {exchange["channel"] for exchange in case["evidence"]}
        for case in run.cases()
        if case["id"].startswith("reply.callback.")
    }
    assert channels, "no reply.callback case ran"
    assert all(found == {"rest"} for found in channels.values()), channels
    echo = next(case for case in run.cases() if case["id"] == "reply.callback.bot.echo")
    (exchange,) = echo["evidence"]
    assert exchange["status"] == 202
    assert [(call["method"], call["route"], call["status"]) for call in exchange["rest"]] == [("POST", "callback", 204)]
