"""Runs cases against a target, each bounded in time, and collects their outcomes.

Cases run one after another on an event loop in a worker thread. A case that
awaits forever is cancelled at its timeout; a target that blocks the loop
itself (a synchronous hang) cannot be cancelled, so the runner abandons that
worker and starts a fresh one for the remaining cases.
"""

from __future__ import annotations

__all__ = ("CaseResult", "Outcome", "RunReport", "Runner", "select_cases", "unmatched_prefixes")

import asyncio
import concurrent.futures
import dataclasses
import enum
import threading
import time
import typing

from conformance.catalogue import Level
from conformance.context import CaseContext
from conformance.model import CaseFailure
from conformance.model import Mode
from conformance.model import TargetError
from conformance.model import TargetUnresponsiveError

if typing.TYPE_CHECKING:
    from conformance.adapter import Adapter
    from conformance.case import Case
    from conformance.context import Transport
    from conformance.signing import Signer

_STALL_GRACE_S: typing.Final = 2.0
_CLOSE_TIMEOUT_S: typing.Final = 3.0
_UNRESPONSIVE_LIMIT: typing.Final = 3


class Outcome(enum.Enum):
    """How a case ended."""

    PASSED = "passed"
    FAILED = "failed"
    """The target does not meet the clause."""
    SKIPPED = "skipped"
    """The case does not apply to this target."""
    ERROR = "error"
    """The case could not be carried out: the target raised, hung or answered something unreadable."""


@dataclasses.dataclass(frozen=True, slots=True)
class CaseResult:
    """The outcome of one case."""

    case: Case
    outcome: Outcome
    detail: str
    duration_s: float

    def counts_against(self, *, strict: bool) -> bool:
        """Whether this result makes the target non-conformant.

        MUST cases always count; SHOULD and MAY cases count only in strict runs.
        """
        if self.outcome not in (Outcome.FAILED, Outcome.ERROR):
            return False
        return strict or self.case.level is Level.MUST


@dataclasses.dataclass(frozen=True, slots=True)
class RunReport:
    """The results of one run of the suite."""

    suite_version: str
    target: str
    mode: Mode
    strict: bool
    results: tuple[CaseResult, ...]

    @property
    def conformant(self) -> bool:
        """Whether the target conforms; never true when no case ran."""
        ran = any(result.outcome is not Outcome.SKIPPED for result in self.results)
        return ran and not any(result.counts_against(strict=self.strict) for result in self.results)

    def count(self, outcome: Outcome) -> int:
        """Return how many cases ended with ``outcome``."""
        return sum(result.outcome is outcome for result in self.results)


def select_cases(
    cases: typing.Iterable[Case],
    mode: Mode,
    *,
    only: typing.Sequence[str] = (),
    skip: typing.Sequence[str] = (),
) -> tuple[Case, ...]:
    """Return the cases that apply to ``mode`` and match the ID prefixes.

    A prefix matches an ID equal to it or continuing it after a dot: ``sig``
    selects ``sig.reject.ping.wrong-key`` but ``sig.rej`` selects nothing.
    """
    return tuple(
        case
        for case in cases
        if mode in case.modes
        and (not only or any(_matches(case.id, prefix) for prefix in only))
        and not any(_matches(case.id, prefix) for prefix in skip)
    )


def _matches(case_id: str, prefix: str) -> bool:
    prefix = prefix.rstrip(".")
    return case_id == prefix or case_id.startswith(prefix + ".")


def unmatched_prefixes(cases: typing.Iterable[Case], mode: Mode, prefixes: typing.Iterable[str]) -> list[str]:
    """Return the prefixes that select no case of ``mode``: a typo must not silently select nothing."""
    ids = [case.id for case in cases if mode in case.modes]
    return [prefix for prefix in prefixes if not any(_matches(case_id, prefix) for case_id in ids)]


class _Worker:
    """A thread running an event loop that cases are submitted to."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="conformance-worker", daemon=True)
        self.thread.start()

    def submit(
        self, coroutine: typing.Coroutine[typing.Any, typing.Any, tuple[CaseResult, bool]]
    ) -> concurrent.futures.Future[tuple[CaseResult, bool]]:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def stop(self, grace_s: float) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=grace_s)
        if not self.thread.is_alive():
            self.loop.close()


class Runner:
    """Runs cases against one target.

    Parameters
    ----------
    signer : Signer
        Signs every request; the target verifies with its public key.
    adapter : Adapter | None
        The in-process target.
    transport_factory : typing.Callable[[], Transport] | None
        Makes the way to an HTTP target, once per case.

    Other Parameters
    ----------------
    close_timeout_s : float
        How long closing a case's server may take.
    stall_grace_s : float
        How long past a case's timeout (and the close) the runner waits for an
        event loop the target has blocked before abandoning it.
    unresponsive_limit : int
        After this many consecutive cases in which the target did not answer at
        all (timed out, blocked, or refused the connection), the remaining cases
        end as errors at once, so that a dead target costs seconds, not minutes.
    """

    def __init__(
        self,
        signer: Signer,
        *,
        adapter: Adapter | None = None,
        transport_factory: typing.Callable[[], Transport] | None = None,
        close_timeout_s: float = _CLOSE_TIMEOUT_S,
        stall_grace_s: float = _STALL_GRACE_S,
        unresponsive_limit: int = _UNRESPONSIVE_LIMIT,
    ) -> None:
        if (adapter is None) == (transport_factory is None):
            raise ValueError("a runner takes either an adapter or a transport factory")
        self.signer = signer
        self.adapter = adapter
        self.transport_factory = transport_factory
        self.mode = Mode.IN_PROCESS if adapter is not None else Mode.HTTP
        self.close_timeout_s = close_timeout_s
        self.stall_grace_s = stall_grace_s
        self.unresponsive_limit = unresponsive_limit
        self._unresponsive_streak = 0
        self._worker: _Worker | None = None

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker thread."""
        if self._worker is not None:
            self._worker.stop(self.stall_grace_s)
            self._worker = None

    def run_case(self, case: Case) -> CaseResult:
        """Run one case, bounded by its timeout, whatever the target does."""
        if self.mode not in case.modes:
            return CaseResult(case, Outcome.SKIPPED, f"does not apply in {self.mode.value} mode", 0.0)
        if self._unresponsive_streak >= self.unresponsive_limit:
            detail = f"not run: the target did not answer in the last {self._unresponsive_streak} cases"
            return CaseResult(case, Outcome.ERROR, detail, 0.0)
        result, unresponsive = self._run_bounded(case)
        self._unresponsive_streak = self._unresponsive_streak + 1 if unresponsive else 0
        return result

    def _run_bounded(self, case: Case) -> tuple[CaseResult, bool]:
        """Run one case; also say whether the target failed to answer at all."""
        if self._worker is None:
            self._worker = _Worker()
        started = time.perf_counter()
        future = self._worker.submit(self._guarded(case))
        try:
            return future.result(timeout=case.timeout_s + self.close_timeout_s + self.stall_grace_s)
        except concurrent.futures.CancelledError:
            detail = "the case was cancelled from inside the target (it raised CancelledError)"
            return CaseResult(case, Outcome.ERROR, detail, time.perf_counter() - started), False
        except concurrent.futures.TimeoutError:
            future.cancel()
            blocked, self._worker = self._worker, None  # abandon it, start afresh for the next case
            blocked.loop.call_soon_threadsafe(blocked.loop.stop)  # ends its thread once the target lets go
            detail = f"the target blocked the event loop for over {case.timeout_s:g}s"
            return CaseResult(case, Outcome.ERROR, detail, time.perf_counter() - started), True

    def run(self, cases: typing.Iterable[Case]) -> list[CaseResult]:
        """Run cases in order."""
        return [self.run_case(case) for case in cases]

    async def _guarded(self, case: Case) -> tuple[CaseResult, bool]:
        if self.adapter is not None:
            context = CaseContext(self.signer, adapter=self.adapter)
        else:
            assert self.transport_factory is not None
            context = CaseContext(self.signer, transport=self.transport_factory())
        started = time.perf_counter()
        unresponsive = False
        try:
            await asyncio.wait_for(case.run(context), case.timeout_s)
        except CaseFailure as exc:
            outcome, detail = Outcome.FAILED, str(exc)
        except asyncio.TimeoutError:
            outcome, detail, unresponsive = Outcome.ERROR, f"timed out after {case.timeout_s:g}s", True
        except TargetUnresponsiveError as exc:
            outcome, detail, unresponsive = Outcome.ERROR, str(exc), True
        except TargetError as exc:
            outcome, detail = Outcome.ERROR, str(exc)
        except Exception as exc:
            outcome, detail = Outcome.ERROR, f"{type(exc).__name__}: {exc}"
        else:
            outcome, detail = Outcome.PASSED, ""
        duration = time.perf_counter() - started
        try:
            await asyncio.wait_for(context.close(), self.close_timeout_s)
        except asyncio.TimeoutError:
            if outcome is Outcome.PASSED:
                outcome, detail = Outcome.ERROR, f"closing the server took over {self.close_timeout_s:g}s"
        except Exception as exc:
            if outcome is Outcome.PASSED:
                outcome, detail = Outcome.ERROR, f"closing the server raised {type(exc).__name__}: {exc}"
        return CaseResult(case, outcome, _one_line(detail), duration), unresponsive


def _one_line(text: str, limit: int = 300) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
