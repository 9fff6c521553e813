"""The layout of an endpoint's modals decides which modal submissions are input Discord sends it."""

from __future__ import annotations

import asyncio
import pathlib
import typing

import pytest

from conformance import bot
from conformance import payloads
from conformance.context import CaseContext
from conformance.modal_layout import ACTION_ROW
from conformance.modal_layout import LABEL
from conformance.modal_layout import OTHER_LAYOUT_CLAUSE
from conformance.modal_layout import layout_of
from conformance.modal_layout import learn
from conformance.modal_layout import submission_layout
from conformance.model import HandlingFailure
from conformance.model import Reply
from conformance.signing import Signer
from interaction_spec import InteractionType
from tests.endpoints import SEED
from tests.endpoints import black_box
from tests.endpoints import free_port
from tests.endpoints import serving

if typing.TYPE_CHECKING:
    from conformance.model import Request

_ROWS: typing.Final = next(s for s in payloads.ALL_SAMPLES if s.name == "modal.action_rows")
_LABELS: typing.Final = next(s for s in payloads.ALL_SAMPLES if s.name == "modal.labels")


def test_layouts_are_read_from_the_top_level_components() -> None:
    assert layout_of([{"type": 18}, {"type": 10}]) == LABEL
    assert layout_of([{"type": 1, "components": [object()]}]) == ACTION_ROW
    assert layout_of([{"type": 1}, {"type": 18}]) is None
    assert layout_of([{"type": 10}]) is None
    assert layout_of("not a list") is None
    assert submission_layout(_ROWS.payload) == ACTION_ROW
    assert submission_layout(_LABELS.payload) == LABEL
    assert submission_layout(payloads.default_sample(InteractionType.APPLICATION_COMMAND).payload) is None


class _Answers:
    """A transport that answers every request with one reply, and counts them."""

    def __init__(self, reply: Reply) -> None:
        self.reply = reply
        self.sent: list[Request] = []

    async def exchange(self, request: Request) -> Reply:
        self.sent.append(request)
        return self.reply

    async def aclose(self) -> None:
        """Nothing to release."""


def _json(status: int, body: bytes) -> Reply:
    return Reply(status, body, "application/json", None, {}, (), 0.0)


@pytest.mark.parametrize(
    ("components", "expected"),
    [(b'[{"type":18,"label":"Q","component":{"type":4}}]', LABEL), (b'[{"type":1,"components":[]}]', ACTION_ROW)],
)
def test_the_layout_is_learned_from_the_feedback_modal(components: bytes, expected: str) -> None:
    transport = _Answers(
        _json(200, b'{"type":9,"data":{"custom_id":"m","title":"t","components":' + components + b"}}")
    )

    assert asyncio.run(learn(transport, Signer())) == expected
    assert len(transport.sent) == 1
    assert f'"name":"{bot.FEEDBACK}"'.encode() in transport.sent[0].body.replace(b" ", b"")


def test_no_modal_teaches_nothing() -> None:
    assert asyncio.run(learn(_Answers(_json(200, b'{"type":4,"data":{"content":"hi"}}')), Signer())) is None
    assert asyncio.run(learn(_Answers(_json(404, b"")), Signer())) is None


@pytest.mark.parametrize(
    ("own", "sample", "breached"),
    [
        (LABEL, _ROWS, OTHER_LAYOUT_CLAUSE),
        (LABEL, _LABELS, "robust.handled"),
        (ACTION_ROW, _LABELS, OTHER_LAYOUT_CLAUSE),
        (ACTION_ROW, _ROWS, "robust.handled"),
        (None, _ROWS, "robust.handled"),
    ],
)
def test_a_5xx_to_a_submission_of_the_other_layout_breaches_the_should(
    own: str | None, sample: payloads.Sample, breached: str
) -> None:
    context = CaseContext(Signer(), transport=_Answers(_json(500, b"{}")), modal_layout=own)

    with pytest.raises(HandlingFailure) as failure:
        asyncio.run(context.interact(sample))
    assert failure.value.clause_id == breached


_SELECTED: typing.Final = "reply.valid-callback.modal,robust.handled-other-layout,timing.deadline.modal"


@pytest.mark.parametrize(("declared", "exit_status"), [(("--modal-layout", "label"), 0), ((), 1)])
def test_a_declared_layout_makes_a_crash_on_the_other_a_should_finding(
    declared: tuple[str, ...], exit_status: int, tmp_path: pathlib.Path
) -> None:
    port = free_port()
    public_key = Signer(SEED).public_key.hex()
    command = ("-m", "tests.endpoints.mutants", "CrashesOnActionRowSubmissions", "--port", str(port))
    with serving(*command, "--public-key", public_key, port=port) as url:
        run = black_box(url, tmp_path / "report.json", "--only", _SELECTED, *declared)

    by_id = {case["id"]: case for case in run.cases()}
    crashed = by_id["reply.valid-callback.modal.action_rows"]
    assert crashed["outcome"] == "failed"
    assert crashed["counts_against"] == (OTHER_LAYOUT_CLAUSE if declared else "robust.handled")
    assert crashed["level"] == ("SHOULD" if declared else "MUST")
    assert by_id["reply.valid-callback.modal.labels"]["outcome"] == "passed"
    assert run.returncode == exit_status, run.stdout
