"""The guide's server (tests/examples/guide_server.py) passes the whole in-process suite in strict mode."""

from __future__ import annotations

import interaction_spec
from conformance.adapter import ServerUnderTest
from conformance.cases import ALL_CASES
from conformance.model import Mode
from conformance.runner import Outcome
from conformance.runner import Runner
from conformance.runner import RunReport
from conformance.runner import select_cases
from conformance.signing import Signer
from conformance.targets.reference import ReferenceAdapter
from tests.examples.guide_server import MyInteractionServer


class GuideAdapter(ReferenceAdapter):
    """The adapter the guide's section 3 writes for its server."""

    name = "guide-server"

    def create_server(self, public_key: bytes) -> ServerUnderTest:
        return MyInteractionServer(public_key)

    async def close_server(self, server: ServerUnderTest) -> None:
        assert isinstance(server, MyInteractionServer)
        await server.close()


def test_the_guides_server_passes_every_in_process_case_strictly() -> None:
    cases = select_cases(ALL_CASES, Mode.IN_PROCESS)
    with Runner(Signer(), adapter=GuideAdapter()) as runner:
        results = runner.run(cases)
    failing = [
        (result.case.id, result.outcome, result.detail) for result in results if result.outcome is not Outcome.PASSED
    ]
    assert failing == []
    report = RunReport(interaction_spec.__version__, "guide-server", Mode.IN_PROCESS, True, tuple(results))
    assert report.conformant


def test_the_registry_comes_from_the_contracts_base() -> None:
    server = MyInteractionServer(bytes(32))
    assert isinstance(server, interaction_spec.ListenerRegistry)
    assert "set_listener" not in vars(MyInteractionServer)
    assert "get_listener" not in vars(MyInteractionServer)
