"""Cases whose input Discord never sends run last, so a target they take down is judged on everything else."""

from __future__ import annotations

import json
import pathlib
import typing

from conformance.cases import ALL_CASES
from conformance.cases import NEVER_SENT_BY_DISCORD
from conformance.catalogue import clause
from conformance.signing import Signer
from tests.endpoints import SEED
from tests.endpoints import black_box
from tests.endpoints import free_port
from tests.endpoints import serving

_SELECTED: typing.Final = "sig.accept,ping,robust.handled,timing.deadline,reply.valid-callback,input,http.method"
"""Some MUST clauses of what Discord sends, and the clauses that send a signed body that is not JSON (``input``)."""


def test_cases_of_input_discord_never_sends_come_last() -> None:
    never_sent = [index for index, case in enumerate(ALL_CASES) if case.clause.id in NEVER_SENT_BY_DISCORD]
    sent = [index for index, case in enumerate(ALL_CASES) if case.clause.id not in NEVER_SENT_BY_DISCORD]

    assert never_sent
    assert sent
    assert max(sent) < min(never_sent)
    assert {clause(clause_id).id for clause_id in NEVER_SENT_BY_DISCORD} == NEVER_SENT_BY_DISCORD


def test_a_target_that_dies_on_signed_non_json_is_judged_on_all_discord_sends(tmp_path: pathlib.Path) -> None:
    port = free_port()
    public_key = Signer(SEED).public_key.hex()
    command = ("-m", "tests.endpoints.faulty", "dies-on-non-json", "--port", str(port), "--public-key", public_key)
    with serving(*command, port=port) as url:
        run = black_box(url, tmp_path / "report.json", "--only", _SELECTED)

    cases = [case for case in run.cases() if case["outcome"] != "deselected"]
    outcomes = {case["id"]: case["outcome"] for case in cases}
    levels = {case["id"]: clause(case["clause"]).level.value for case in cases}
    must = {case_id: outcome for case_id, outcome in outcomes.items() if levels[case_id] == "MUST"}
    assert must
    assert set(must.values()) == {"passed"}, json.dumps(must, indent=1)
    died = [case_id for case_id, outcome in outcomes.items() if outcome in ("error", "failed", "not-run")]
    assert died
    assert all(case_id.startswith(("input.", "http.")) for case_id in died), died
    assert run.returncode == 0, run.stdout
