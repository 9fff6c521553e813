"""The Discord API double answers as Discord's documentation says, and records every exchange per interaction."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import time
import typing

import httpx
import pytest

from conformance.bot import payloads
from conformance.double import DiscordApiDouble
from conformance.double import parse_address
from conformance.double.channel import settle
from conformance.double.issue import issue
from conformance.double.records import RateLimit
from conformance.model import Reply

if typing.TYPE_CHECKING:
    from collections.abc import Iterator

    from conformance.double.records import InteractionRecord


@pytest.fixture
def double() -> Iterator[DiscordApiDouble]:
    with DiscordApiDouble("127.0.0.1", 0) as serving:
        yield serving


@pytest.fixture
def client(double: DiscordApiDouble) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=double.base_url, timeout=10.0) as session:
        yield session


def _issued(double: DiscordApiDouble, command: str = "echo") -> InteractionRecord:
    body, record = issue(double.ledger, payloads.command(command).body())
    assert record is not None
    assert json.loads(body)["token"] == record.token
    return record


def _callback(record: InteractionRecord) -> str:
    return f"/interactions/{record.interaction_id}/{record.token}/callback"


def _webhook(record: InteractionRecord, tail: str = "") -> str:
    return f"/webhooks/{record.application_id}/{record.token}{tail}"


MESSAGE: typing.Final = {"type": 4, "data": {"content": "hello"}}


def test_base_url_names_the_bound_port_and_version(double: DiscordApiDouble) -> None:
    assert double.port != 0
    assert double.base_url == f"http://127.0.0.1:{double.port}/api/v10"


def test_issue_replaces_id_token_and_application_id_in_place(double: DiscordApiDouble) -> None:
    sample = payloads.command("echo")
    body, record = issue(double.ledger, sample.body())
    assert record is not None
    sent = json.loads(body)
    assert (sent["id"], sent["token"], sent["application_id"]) == (
        record.interaction_id,
        record.token,
        record.application_id,
    )
    assert sent["token"] != sample.payload["token"]
    assert {key: value for key, value in sent.items() if key not in ("id", "token", "application_id")} == {
        key: value for key, value in sample.payload.items() if key not in ("id", "token", "application_id")
    }
    assert double.ledger.get(record.token) is record


def test_issue_leaves_a_body_that_names_no_interaction_alone(double: DiscordApiDouble) -> None:
    assert issue(double.ledger, b"not json") == (b"not json", None)
    assert issue(double.ledger, b'{"type": 2}') == (b'{"type": 2}', None)


def test_callback_answers_204_and_with_response_200(double: DiscordApiDouble, client: httpx.Client) -> None:
    first, second = _issued(double), _issued(double)
    assert client.post(_callback(first), json=MESSAGE).status_code == 204
    answer = client.post(_callback(second) + "?with_response=true", json=MESSAGE)
    assert answer.status_code == 200
    body = answer.json()
    assert body["interaction"]["id"] == second.interaction_id
    assert body["resource"]["type"] == 4
    assert body["resource"]["message"]["content"] == "hello"


def test_a_second_initial_response_gets_40060(double: DiscordApiDouble, client: httpx.Client) -> None:
    record = _issued(double)
    assert client.post(_callback(record), json=MESSAGE).status_code == 204
    again = client.post(_callback(record), json=MESSAGE)
    assert (again.status_code, again.json()["code"]) == (400, 40060)
    assert [exchange.status for exchange in record.exchanges] == [204, 400]


def test_a_token_never_issued_gets_10062(client: httpx.Client) -> None:
    answer = client.post("/interactions/1/not-issued/callback", json=MESSAGE)
    assert (answer.status_code, answer.json()) == (404, {"code": 10062, "message": "Unknown interaction"})


def test_a_body_the_reply_checks_refuse_gets_invalid_form_body(double: DiscordApiDouble, client: httpx.Client) -> None:
    record = _issued(double)
    answer = client.post(_callback(record), json={"type": 8, "data": {"choices": []}})
    body = answer.json()
    assert (answer.status_code, body["code"], body["message"]) == (400, 50035, "Invalid Form Body")
    assert "reply.valid-callback" in json.dumps(body["errors"])
    assert record.acknowledged is None
    assert client.post(_callback(record), json=MESSAGE).status_code == 204


def test_multipart_callback_and_follow_up(double: DiscordApiDouble, client: httpx.Client) -> None:
    record = _issued(double)
    payload = {"type": 4, "data": {"content": "file", "attachments": [{"id": 0, "filename": "a.txt"}]}}
    files: dict[str, tuple[str | None, bytes, str]] = {
        "payload_json": (None, json.dumps(payload).encode(), "application/json"),
        "files[0]": ("a.txt", b"data", "text/plain"),
    }
    assert client.post(_callback(record), files=files).status_code == 204
    assert record.callback is not None
    assert [(file.name, file.filename, file.data) for file in record.callback.files] == [("files[0]", "a.txt", b"data")]
    followup = client.post(_webhook(record), json={"content": "later"})
    assert followup.status_code == 200
    message_id = followup.json()["id"]
    assert client.get(_webhook(record, f"/messages/{message_id}")).json()["content"] == "later"
    assert client.patch(_webhook(record, f"/messages/{message_id}"), json={"content": "again"}).status_code == 200
    assert client.delete(_webhook(record, f"/messages/{message_id}")).status_code == 204
    assert client.get(_webhook(record, f"/messages/{message_id}")).json()["code"] == 10008


def test_an_empty_follow_up_gets_50006(double: DiscordApiDouble, client: httpx.Client) -> None:
    record = _issued(double)
    client.post(_callback(record), json={"type": 5})
    answer = client.post(_webhook(record), json={})
    assert (answer.status_code, answer.json()["code"]) == (400, 50006)


def test_editing_a_deferral_completes_it(double: DiscordApiDouble, client: httpx.Client) -> None:
    record = _issued(double)
    client.post(_callback(record), json={"type": 5, "data": {"flags": 64}})
    edited = client.patch(_webhook(record, "/messages/@original"), json={"content": "done"})
    assert edited.status_code == 200
    assert edited.json()["content"] == "done"
    assert client.get(_webhook(record, "/messages/@original")).json()["content"] == "done"
    too_long = client.patch(_webhook(record, "/messages/@original"), json={"content": "x" * 2001})
    assert (too_long.status_code, too_long.json()["code"]) == (400, 50035)
    assert client.delete(_webhook(record, "/messages/@original")).status_code == 204


_HOLD_S: typing.Final = 600.0
_BOUND_S: typing.Final = 60.0
_POLL_S: typing.Final = 0.01


def test_an_edit_held_for_the_initial_response_is_answered_once_the_http_reply_is_noted(
    double: DiscordApiDouble, client: httpx.Client
) -> None:
    # An application that answers in the HTTP reply may send its edit before the suite has read that reply: the
    # double holds the edit until the suite notes the reply, and must answer it then, not when its wait runs out.
    record = _issued(double)
    record.sent_at += _HOLD_S  # the wait would run out _HOLD_S from now: far past any bound below
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        edit = pool.submit(client.patch, _webhook(record, "/messages/@original"), json={"content": "edited"})
        for _ in range(int(_BOUND_S / _POLL_S)):  # until the edit has reached the double and waits there
            if double.ledger.waiting():
                break
            time.sleep(_POLL_S)
        assert double.ledger.waiting() == 1, "the double did not hold the edit for the initial response"
        assert not edit.done()
        body = json.dumps(MESSAGE).encode()
        reply = Reply(200, body, "application/json", None, {}, (), 0.001)
        assert asyncio.run(settle(double.ledger, record, reply)) is reply

        answer = edit.result(timeout=_BOUND_S)
    assert answer.status_code == 200
    assert answer.json()["content"] == "edited"
    assert double.ledger.waiting() == 0


def test_rate_limit_answers_429_with_the_documented_headers(double: DiscordApiDouble, client: httpx.Client) -> None:
    record = _issued(double)
    record.rate_limit = RateLimit("callback", 1.0)
    limited = client.post(_callback(record), json=MESSAGE)
    assert limited.status_code == 429
    assert limited.headers["retry-after"] == "1"
    for header in ("x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "x-ratelimit-reset-after"):
        assert header in limited.headers
    assert limited.json() == {"message": "The resource is being rate limited.", "retry_after": 1.0, "global": False}
    assert client.post(_callback(record), json=MESSAGE).status_code == 204


def test_unversioned_paths_are_served_and_recorded(double: DiscordApiDouble, client: httpx.Client) -> None:
    record = _issued(double)
    answer = client.post(f"http://127.0.0.1:{double.port}/api{_callback(record)}", json=MESSAGE)
    assert answer.status_code == 204
    assert record.exchanges[0].path.startswith("/api/interactions/")


def test_every_exchange_keeps_method_path_headers_body_and_time(double: DiscordApiDouble, client: httpx.Client) -> None:
    record = _issued(double)
    client.post(_callback(record), json=MESSAGE, headers={"User-Agent": "DiscordBot (https://example.org, 1.0)"})
    (exchange,) = record.exchanges
    assert exchange.method == "POST"
    assert exchange.header("user-agent") == "DiscordBot (https://example.org, 1.0)"
    assert json.loads(exchange.body) == MESSAGE
    assert exchange.received_at >= record.sent_at


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8990", ("127.0.0.1", 8990)),
        (":0", ("127.0.0.1", 0)),
        ("localhost:1", ("localhost", 1)),
        ("0.0.0.0:5", ("0.0.0.0", 5)),
    ],
)
def test_parse_address(text: str, expected: tuple[str, int]) -> None:
    assert parse_address(text) == expected


@pytest.mark.parametrize("text", ["host:", "127.0.0.1:70000", "nowhere.invalid:80", "x"])
def test_parse_address_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="--discord-api"):
        parse_address(text)


def test_cli_refuses_a_bad_address_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from conformance.cli import main  # noqa: PLC0415

    status = main(["--url", "http://127.0.0.1:9/", "--signing-seed", "00" * 32, "--discord-api", "nowhere.invalid:80"])

    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1
    assert "--discord-api host 'nowhere.invalid' is not a loopback address" in err


def test_cli_refuses_the_double_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    from conformance.cli import main  # noqa: PLC0415

    assert main(["--discord-api", "127.0.0.1:0"]) == 2
    assert "--discord-api only applies to a black-box run (--url)" in capsys.readouterr().err
