"""The conformance bot (``--bot``): its profile, and the endpoints that implement it.

Every endpoint is served in a subprocess on a free port of 127.0.0.1 and
``interaction-conformance --url ... --bot`` runs against it, writing its JSON
report: the served reference and the guide's bot pass a strict run with nothing
left unverified. Without ``--bot`` the bot cases are not verified. The manifest
agrees with the constants the cases use, and with what they send. The mutant
bots, which break one bot reply each, are HTTP mutants (`tests.endpoints.mutants`),
held to their declarations by `tests.test_http_mutants`.
"""

from __future__ import annotations

import email.parser
import email.policy
import functools
import json
import pathlib
import re
import typing
from collections.abc import Iterator
from collections.abc import Mapping

import pytest

from conformance import bot
from conformance.case import Case
from conformance.cases import ALL_CASES
from conformance.cases import bot as bot_cases
from conformance.double import DiscordApiDouble
from conformance.model import Mode
from conformance.model import Reply
from conformance.model import ReplyFile
from conformance.model import Request
from conformance.runner import Outcome
from conformance.runner import Runner
from conformance.runner import select_cases
from conformance.serve import reference_app
from conformance.signing import Signer
from tests.endpoints import SEED
from tests.endpoints import BlackBoxRun
from tests.endpoints import black_box
from tests.endpoints import free_port
from tests.endpoints import serving

pytestmark = pytest.mark.xdist_group("bot-endpoint")
"""The module's tests share a module-scoped fixture: one xdist group makes it once, in one worker."""

_CASES: typing.Final[tuple[Case, ...]] = select_cases(ALL_CASES, Mode.HTTP)
_CASES_BY_ID: typing.Final[Mapping[str, Case]] = {case.id: case for case in _CASES}
_BOT_CASE_IDS: typing.Final = frozenset(case.id for case in bot_cases.CASES)
_LAYOUT_CASE: typing.Final = "robust.handled-other-layout.modal"
"""Not verified without the bot either: the run learns the endpoint's modal layout from its ``/feedback``."""
_NEEDS_BOT: typing.Final = frozenset(case.id for case in _CASES if case.needs_bot)
_NEEDS_DOUBLE: typing.Final = frozenset(case.id for case in _CASES if case.needs_double)
_PUBLIC_KEY: typing.Final = Signer(SEED).public_key.hex()
_EXIT_CONFORMANT: typing.Final = 0


def _outcomes(run: BlackBoxRun) -> dict[str, tuple[Outcome, str]]:
    """Return each case's outcome and detail by ID; fail the test if the run wrote no report."""
    return {case["id"]: (Outcome(case["outcome"]), case["detail"]) for case in run.cases()}


def _not_passed(run: BlackBoxRun) -> list[str]:
    """Describe every case that did not pass."""
    return [
        f"{case_id}: {outcome.value} ({detail})"
        for case_id, (outcome, detail) in _outcomes(run).items()
        if outcome is not Outcome.PASSED
    ]


def _assert_passes_everything(run: BlackBoxRun) -> None:
    assert run.returncode == _EXIT_CONFORMANT, f"exit {run.returncode}\n{run.stdout}\n{run.stderr}"
    assert run.report is not None
    assert run.report["bot"] is True
    assert run.report["strict"] is True
    assert run.report["conformant"] is True
    assert run.report["partial"] is False
    outcomes = _outcomes(run)
    assert sorted(outcomes) == sorted(_CASES_BY_ID)
    assert set(outcomes) >= _BOT_CASE_IDS
    assert not _not_passed(run), "not every case passed:\n" + "\n".join(_not_passed(run))


# ---------------------------------------------------------------------------------------------------------------------
# The profile


def test_manifest_is_the_profile_of_the_constants() -> None:
    assert bot.load_manifest() == bot.build_manifest(), "regenerate conformance/bot/manifest.json from build_manifest()"


def test_manifest_names_each_bot_case_once() -> None:
    replies = typing.cast("list[dict[str, typing.Any]]", bot.load_manifest()["replies"])
    named = [case_id for reply in replies for case_id in reply["cases"]]

    assert sorted(named) == sorted(_BOT_CASE_IDS)
    assert len(bot_cases.CASES) == 25


def _valid_name(name: object) -> bool:
    """Whether ``name`` is a valid CHAT_INPUT command or option name: 1 to 32 lower-case word characters, - or '."""
    return isinstance(name, str) and re.fullmatch(r"[-_'\w]{1,32}", name) is not None and name == name.lower()


def test_manifest_commands_are_valid_application_commands() -> None:
    commands = typing.cast("list[dict[str, typing.Any]]", bot.load_manifest()["commands"])

    assert len({command["name"] for command in commands}) == len(commands) == 9
    for command in commands:
        assert command["type"] == 1
        assert _valid_name(command["name"]), command["name"]
        assert 1 <= len(command["description"]) <= 100
        options = command.get("options", [])
        assert len(options) <= 25
        for option in options:
            assert _valid_name(option["name"]), option["name"]
            assert 1 <= len(option["description"]) <= 100
            assert option["type"] in (3, 4)


def test_bot_cases_need_the_bot_and_run_over_http_only() -> None:
    for case in bot_cases.CASES:
        assert case.needs_bot, case.id
        assert case.modes == frozenset({Mode.HTTP}), case.id
        assert ".bot." in case.id, case.id


class _Recorder:
    """A transport that records every body and hands it to the served reference's ASGI app, called in process."""

    def __init__(self, bodies: list[bytes], discord_api_url: str) -> None:
        self.bodies = bodies
        self.app = reference_app(Signer(SEED).public_key, discord_api_url=discord_api_url)

    async def exchange(self, request: Request) -> Reply:
        self.bodies.append(request.body)
        headers = [
            (b"x-signature-ed25519", request.signature.hex().encode()),
            (b"x-signature-timestamp", request.timestamp),
        ]
        pending: list[dict[str, object]] = [{"type": "http.request", "body": request.body, "more_body": False}]
        sent: list[Mapping[str, typing.Any]] = []

        async def receive() -> Mapping[str, object]:
            return pending.pop(0) if pending else {"type": "http.disconnect"}

        async def send(message: typing.Any) -> None:  # noqa: ANN401 - the ASGI send channel
            sent.append(message)

        await self.app({"type": "http", "method": "POST", "path": "/", "headers": headers}, receive, send)
        reply_headers = {name.decode().lower(): value.decode() for name, value in sent[0]["headers"]}
        raw_type = reply_headers.get("content-type", "")
        body = b"".join(message.get("body", b"") for message in sent[1:])
        if not raw_type.startswith("multipart/form-data"):
            return Reply(sent[0]["status"], body, raw_type.split(";")[0] or None, None, reply_headers, (), 0.0)
        document = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {raw_type}\r\n\r\n".encode() + body
        )
        parts = {str(part.get_param("name", header="content-disposition")): part for part in document.iter_parts()}
        payload = typing.cast("bytes", parts.pop("payload_json").get_payload(decode=True))
        files = tuple(
            ReplyFile(str(part.get_filename()), typing.cast("bytes", part.get_payload(decode=True)), name)
            for name, part in parts.items()
        )
        return Reply(sent[0]["status"], payload, "application/json", None, reply_headers, files, 0.0)

    async def aclose(self) -> None:
        """Nothing to release."""


def _sent_by_the_cases() -> list[dict[str, typing.Any]]:
    """Run the bot cases against the served reference in process, with the double; return every interaction sent."""
    bodies: list[bytes] = []
    with DiscordApiDouble("127.0.0.1", 0) as double:
        factory = functools.partial(_Recorder, bodies, double.base_url)
        with Runner(Signer(SEED), transport_factory=factory, bot=True, double=double) as runner:
            results = runner.run(bot_cases.CASES)
    not_passed = [f"{result.case.id}: {result.detail}" for result in results if result.outcome is not Outcome.PASSED]
    assert not not_passed, "the reference, called in process, does not pass:\n" + "\n".join(not_passed)
    return [json.loads(body) for body in bodies]


def test_the_cases_send_what_the_manifest_registers() -> None:
    manifest = bot.load_manifest()
    commands = {
        command["name"]: command for command in typing.cast("list[dict[str, typing.Any]]", manifest["commands"])
    }
    rows = typing.cast("list[dict[str, typing.Any]]", manifest["components"])
    buttons = {button["custom_id"] for row in rows for button in row["components"]}
    modal = typing.cast("dict[str, typing.Any]", manifest["modal"])
    inputs = {label["component"]["custom_id"] for label in modal["components"]}
    sent = _sent_by_the_cases()

    assert {payload["type"] for payload in sent} == {2, 3, 4, 5}
    for payload in sent:
        data = payload["data"]
        if payload["type"] in (2, 4):
            declared = {option["name"]: option for option in commands[data["name"]].get("options", [])}
            for option in data.get("options", []):
                assert option["type"] == declared[option["name"]]["type"], (data["name"], option)
                if option.get("focused"):
                    assert declared[option["name"]]["autocomplete"] is True
            if payload["type"] == 2:
                assert {option["name"] for option in data.get("options", [])} == set(declared)
        elif payload["type"] == 3:
            assert data["custom_id"] in buttons
        else:
            assert data["custom_id"] == modal["custom_id"]
            assert {label["component"]["custom_id"] for label in data["components"]} == inputs
    assert {payload["data"]["name"] for payload in sent if payload["type"] == 2} == set(commands) - {bot.PICK}
    assert {payload["data"]["custom_id"] for payload in sent if payload["type"] == 3} == buttons
    data_by_id: dict[str, set[str]] = {}
    for payload in sent:
        data_by_id.setdefault(payload["id"], set()).add(json.dumps(payload["data"], sort_keys=True))
    assert all(len(data) == 1 for data in data_by_id.values()), "two different interactions share an ID"


def test_the_offers_follow_the_rules_the_cases_check() -> None:
    assert len(bot.fruit_choices("")) == bot.MAX_CHOICES < len(bot.FRUITS)
    assert bot.fruit_choices("bA") == [("Banana", "banana")]
    assert bot.fruit_choices("zz") == []
    assert bot.number_choices("12") == [("12", 12), *((str(n), n) for n in range(120, 130))]
    assert [value for _, value in bot.number_choices("")] == list(range(25))
    assert bot.number_choices("x") == []


# ---------------------------------------------------------------------------------------------------------------------
# Endpoints that implement the bot


@pytest.fixture(scope="module")
def served_reference() -> Iterator[tuple[str, str]]:
    """Serve the reference with its REST client pointed at a double's address; yield its URL and that address."""
    port, api_port = free_port(), free_port()
    api = f"127.0.0.1:{api_port}"
    command = ("-m", "conformance", "serve", "--port", str(port), "--signing-seed", SEED.hex())
    with serving(*command, "--discord-api-url", f"http://{api}/api/v10", port=port) as url:
        yield url, api


def test_served_reference_passes_every_case_with_the_bot(
    served_reference: tuple[str, str], tmp_path: pathlib.Path
) -> None:
    url, api = served_reference
    run = black_box(url, tmp_path / "report.json", "--bot", "--strict", "--discord-api", api)
    assert f"Discord API double: http://{api}/api/v10" in run.stdout
    _assert_passes_everything(run)


def test_without_bot_the_bot_cases_are_not_verified(served_reference: tuple[str, str], tmp_path: pathlib.Path) -> None:
    run = black_box(served_reference[0], tmp_path / "report.json", "--strict")

    assert run.report is not None
    assert run.report["bot"] is False
    assert run.report["partial"] is True
    not_verified = {case_id for case_id, (outcome, _) in _outcomes(run).items() if outcome is Outcome.NOT_VERIFIED}
    assert not_verified == {*_NEEDS_BOT, _LAYOUT_CASE}  # the modal layout is learned from the bot's /feedback
    assert all("--bot" in _outcomes(run)[case_id][1] for case_id in not_verified)
    assert [line for line in _not_passed(run) if line.split(":")[0] not in {*_NEEDS_BOT, _LAYOUT_CASE}] == []


def test_without_the_double_the_rest_cases_are_not_verified(
    served_reference: tuple[str, str], tmp_path: pathlib.Path
) -> None:
    run = black_box(served_reference[0], tmp_path / "report.json", "--bot", "--strict")

    assert run.report is not None
    assert run.report["partial"] is True
    not_verified = {case_id for case_id, (outcome, _) in _outcomes(run).items() if outcome is Outcome.NOT_VERIFIED}
    assert not_verified == _NEEDS_DOUBLE
    assert all("--discord-api" in _outcomes(run)[case_id][1] for case_id in not_verified)
    assert [line for line in _not_passed(run) if line.split(":")[0] not in _NEEDS_DOUBLE] == []


def test_guide_bot_passes_every_case_with_the_bot(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_PUBLIC_KEY", _PUBLIC_KEY)
    port, api = free_port(), f"127.0.0.1:{free_port()}"
    monkeypatch.setenv("DISCORD_API_URL", f"http://{api}/api/v10")
    command = ("-m", "uvicorn", "--factory", "tests.examples.conformance_bot:create_app", "--port", str(port))
    with serving(*command, "--host", "127.0.0.1", "--log-level", "warning", port=port) as url:
        run = black_box(url, tmp_path / "report.json", "--bot", "--strict", "--discord-api", api)
    _assert_passes_everything(run)
