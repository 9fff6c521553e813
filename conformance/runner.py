"""Runs cases against a target, each bounded in time, and collects their outcomes.

Cases run one after another on an event loop in a worker thread. A case that
awaits forever is cancelled at its timeout; a target that blocks the loop
itself (a synchronous hang) cannot be cancelled, so the runner abandons that
worker and starts a fresh one for the remaining cases.
"""

from __future__ import annotations

__all__ = (
    "CaseResult",
    "OriginVerdict",
    "Outcome",
    "RunReport",
    "Runner",
    "closest_prefix",
    "select_cases",
    "unmatched_prefixes",
)

import asyncio
import concurrent.futures
import dataclasses
import difflib
import enum
import threading
import time
import typing

from conformance import modal_layout
from conformance.catalogue import Level
from conformance.catalogue import Origin
from conformance.catalogue import clause
from conformance.context import CaseContext
from conformance.model import CaseFailure
from conformance.model import HandlingFailure
from conformance.model import Mode
from conformance.model import NotVerifiedError
from conformance.model import TargetError
from conformance.model import TargetUnresponsiveError

if typing.TYPE_CHECKING:
    from conformance.adapter import Adapter
    from conformance.case import Case
    from conformance.catalogue import Clause
    from conformance.context import Transport
    from conformance.double import DiscordApiDouble
    from conformance.evidence import EvidenceBudget
    from conformance.model import Exchange
    from conformance.signing import Signer

_STALL_GRACE_S: typing.Final = 2.0
_CLOSE_TIMEOUT_S: typing.Final = 3.0
_UNRESPONSIVE_LIMIT: typing.Final = 3
_LEARN_TIMEOUT_S: typing.Final = 5.0


class Outcome(enum.Enum):
    """How a case ended."""

    PASSED = "passed"
    FAILED = "failed"
    """The target does not meet the clause."""
    NOT_VERIFIED = "not-verified"
    """The case could not check its clause: the target did not handle what it sent, or the run has no bot."""
    SKIPPED = "skipped"
    """The case does not apply in this mode."""
    ERROR = "error"
    """The case could not be carried out: the target raised, hung or answered something unreadable."""
    NOT_RUN = "not-run"
    """The target had stopped answering before the case's turn."""
    DESELECTED = "deselected"
    """Left out by ``--only`` or ``--skip``."""
    UNSUPPORTED = "unsupported"
    """Not run: the run declared that the target cannot express what the case checks (``--unsupported``)."""


_FAILING: typing.Final = frozenset({Outcome.FAILED, Outcome.ERROR})
_PARTIAL: typing.Final = frozenset({Outcome.NOT_VERIFIED, Outcome.NOT_RUN, Outcome.UNSUPPORTED})
_CARRIED_OUT: typing.Final = frozenset({Outcome.PASSED, Outcome.FAILED, Outcome.ERROR})


@dataclasses.dataclass(frozen=True, slots=True)
class CaseResult:
    """The outcome of one case, with the evidence it rests on."""

    case: Case
    outcome: Outcome
    detail: str
    duration_s: float
    evidence: tuple[Exchange, ...] = ()
    """Every request the case sent and what came back."""
    breach: Clause | None = None
    """The clause a failure breaches when it is not the case's own: ``robust.handled`` for a 5xx or no reply."""

    @property
    def clause(self) -> Clause:
        """The clause the result counts against: the breached one, or the case's own."""
        return self.breach or self.case.clause

    @property
    def level(self) -> Level:
        """The level the result counts at."""
        return self.clause.level

    @property
    def origin(self) -> Origin:
        """The origin of the clause the result counts against."""
        return self.clause.origin

    def counts_against(self, *, strict: bool) -> bool:
        """Whether this result makes the target non-conformant.

        MUST failures always count; SHOULD and MAY failures count only in strict runs.
        """
        return self.outcome in _FAILING and (strict or self.level is Level.MUST)


@dataclasses.dataclass(frozen=True, slots=True)
class OriginVerdict:
    """The verdict on the clauses of one origin."""

    origin: Origin
    failures: typing.Mapping[Level, int]
    """Failed or errored cases, by the level they count at."""
    not_verified: int
    conformant: bool
    """No counted failure, every selected case of the origin's clauses was run, and one was verified."""


@dataclasses.dataclass(frozen=True, slots=True)
class RunReport:
    """The results of one run of the suite: one result per case, deselected ones included."""

    suite_version: str
    target: str
    mode: Mode
    strict: bool
    results: tuple[CaseResult, ...]
    bot: bool = False
    """Whether the run checked the conformance bot's replies (``--bot``)."""
    duration_s: float = 0.0
    """Wall time of the whole run."""
    interrupted: bool = False
    """The run was stopped early (Ctrl-C); the cases not reached are missing from `results`."""
    signing_seed: bytes | None = None
    """The seed the run signed with, so that its requests can be signed again (``replay``)."""
    evidence: EvidenceBudget | None = dataclasses.field(default=None, compare=False)
    """The bound on the exact bytes the run kept, and how much it kept; `None` when it kept none."""

    @property
    def executed(self) -> tuple[CaseResult, ...]:
        """The results of cases that were carried out."""
        idle = (Outcome.SKIPPED, Outcome.DESELECTED, Outcome.NOT_RUN, Outcome.UNSUPPORTED)
        return tuple(result for result in self.results if result.outcome not in idle)

    @property
    def stopped_by(self) -> str:
        """Why the rest of the run was not carried out, when the target stopped answering; else empty."""
        return next((result.detail for result in self.results if result.outcome is Outcome.NOT_RUN), "")

    @property
    def conformant(self) -> bool:
        """Whether the target conforms.

        Never true when no case was carried out, when the run was interrupted,
        or when the target stopped answering before every MUST case had run.
        """
        if self.interrupted or not any(r.outcome is not Outcome.NOT_VERIFIED for r in self.executed):
            return False
        if any(r.outcome is Outcome.NOT_RUN and r.level is Level.MUST for r in self.results):
            return False
        return not any(result.counts_against(strict=self.strict) for result in self.results)

    @property
    def partial(self) -> bool:
        """Whether some selected cases were not verified, not run or unsupported: the verdict covers less."""
        return any(result.outcome in _PARTIAL for result in self.results)

    def count(self, outcome: Outcome) -> int:
        """Return how many cases ended with ``outcome``."""
        return sum(result.outcome is outcome for result in self.results)

    def origin_verdicts(self) -> tuple[OriginVerdict, ...]:
        """Return the verdict per origin, in the order of `Origin`, for the origins the run touched."""
        verdicts: list[OriginVerdict] = []
        for origin in Origin:
            mine = [result for result in self.results if result.origin is origin]
            if not any(result.outcome not in (Outcome.SKIPPED, Outcome.DESELECTED) for result in mine):
                continue
            failures = {
                level: sum(result.outcome in _FAILING and result.level is level for result in mine) for level in Level
            }
            verdicts.append(
                OriginVerdict(
                    origin,
                    failures,
                    sum(result.outcome is Outcome.NOT_VERIFIED for result in mine),
                    not any(result.counts_against(strict=self.strict) for result in mine)
                    and not any(r.outcome is Outcome.NOT_RUN for r in mine)
                    and any(r.outcome in _CARRIED_OUT for r in mine),
                )
            )
        return tuple(verdicts)


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


def closest_prefix(cases: typing.Iterable[Case], mode: Mode, prefix: str) -> str:
    """Return the ID prefix of a case of ``mode`` closest in spelling to ``prefix``, or an empty string.

    The prefixes are the case IDs and every dotted start of them (``sig``,
    ``sig.reject``, ...), so ``sig.rejct`` gives ``sig.reject``.
    """
    known: set[str] = set()
    for case in cases:
        if mode in case.modes:
            parts = case.id.split(".")
            known.update(".".join(parts[:end]) for end in range(1, len(parts) + 1))
    close = difflib.get_close_matches(prefix.rstrip("."), sorted(known), n=1, cutoff=0.75)
    return close[0] if close else ""


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
    bot : bool
        The HTTP target implements the conformance bot, so the cases that need
        it run; without it they are not verified.
    raw_evidence : bool
        Keep each request and reply object in the evidence (`Exchange.sent`,
        `Exchange.reply`).
    evidence : EvidenceBudget | None
        Keep each exchange's exact bytes (`Exchange.wire_request`,
        `Exchange.wire_reply`) within this budget's bound for the run; `None`
        keeps none.
    health_check : typing.Callable[[], str] | None
        Called after a case in which the target did not answer some request (no
        reply, a dropped connection or a timeout);
        returns why the target is down (it answers no signed PING), or an empty
        string when it still answers. A down target ends the run: the rest of
        the cases are not run, with that cause.
    close_timeout_s : float
        How long closing a case's server may take.
    unsupported : typing.Mapping[str, str]
        Case ID prefixes the target declares it cannot express, each with
        why: those cases are not run and end `Outcome.UNSUPPORTED`, never
        passed and never counted against the target.
    double : DiscordApiDouble | None
        The Discord API double the run serves (``--discord-api``): interactions
        carry IDs and tokens it issued, and replies are judged on either
        channel. Without it, the cases that need it are not verified over
        HTTP; in process, where the suite points the target's REST client
        itself, the runner serves one of its own on an ephemeral port of
        127.0.0.1 for them (when the adapter `supports_rest`), until `close`.
    stall_grace_s : float
        How long past a case's timeout (and the close) the runner waits for an
        event loop the target has blocked before abandoning it.
    unresponsive_limit : int
        Without a health check: after this many consecutive cases in which the
        target left some request unanswered (timed out, blocked, dropped the
        connection), it is taken as down, so that a dead target costs seconds,
        not minutes.
    modal_layout : str | None
        The layout of the target's own modals (`conformance.modal_layout`), as
        its driver declares it. Unless declared, a run with the bot learns it
        from the bot's ``/feedback`` modal before the first case.
    """

    def __init__(
        self,
        signer: Signer,
        *,
        adapter: Adapter | None = None,
        transport_factory: typing.Callable[[], Transport] | None = None,
        bot: bool = False,
        health_check: typing.Callable[[], str] | None = None,
        unsupported: typing.Mapping[str, str] | None = None,
        raw_evidence: bool = False,
        evidence: EvidenceBudget | None = None,
        close_timeout_s: float = _CLOSE_TIMEOUT_S,
        stall_grace_s: float = _STALL_GRACE_S,
        unresponsive_limit: int = _UNRESPONSIVE_LIMIT,
        modal_layout: str | None = None,
        double: DiscordApiDouble | None = None,
    ) -> None:
        if (adapter is None) == (transport_factory is None):
            raise ValueError("a runner takes either an adapter or a transport factory")
        self.signer = signer
        self.adapter = adapter
        self.transport_factory = transport_factory
        self.mode = Mode.IN_PROCESS if adapter is not None else Mode.HTTP
        self.bot = bot
        self.health_check = health_check
        self.unsupported = dict(unsupported or {})
        self.raw_evidence = raw_evidence
        self.evidence = evidence
        self.close_timeout_s = close_timeout_s
        self.stall_grace_s = stall_grace_s
        self.unresponsive_limit = unresponsive_limit
        self.modal_layout = modal_layout
        self._layout_pending = modal_layout is None and bot and transport_factory is not None
        self.double = double
        self._own_double: DiscordApiDouble | None = None
        self._unresponsive_streak = 0
        self._down = ""
        self._worker: _Worker | None = None

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker thread, and the double the runner served itself."""
        if self._worker is not None:
            self._worker.stop(self.stall_grace_s)
            self._worker = None
        if self._own_double is not None:
            self._own_double.stop()
            self.double = self._own_double = None

    def _serve_own_double(self) -> str:
        """In process: serve a double for the cases that need one; return why it cannot be, or an empty string."""
        from conformance.double import DiscordApiDouble  # noqa: PLC0415 - only the cases that need it load uvicorn
        from conformance.double import DoubleError  # noqa: PLC0415

        double = DiscordApiDouble("127.0.0.1", 0)
        try:
            double.start()
        except DoubleError as exc:
            return str(exc)
        self.double = self._own_double = double
        if self.adapter is not None:
            self.adapter.point_rest_at(double.base_url)
        return ""

    def run_case(self, case: Case) -> CaseResult:
        """Run one case, bounded by its timeout, whatever the target does."""
        if self.mode not in case.modes:
            return CaseResult(case, Outcome.SKIPPED, f"does not apply in {self.mode.value} mode", 0.0)
        if case.needs_bot and self.mode is Mode.HTTP and not self.bot:
            detail = "needs an endpoint that implements the conformance bot: run with --bot against one (see bot.md)"
            return CaseResult(case, Outcome.NOT_VERIFIED, detail, 0.0)
        if case.needs_double and self.adapter is not None and not self.adapter.supports_rest:
            detail = "the target's REST client cannot be pointed at the Discord API double (Adapter.supports_rest)"
            return CaseResult(case, Outcome.SKIPPED, detail, 0.0)
        if case.needs_double and self.double is None and self.mode is Mode.IN_PROCESS:
            problem = self._serve_own_double()
            if problem:
                return CaseResult(case, Outcome.NOT_VERIFIED, f"needs the Discord API double: {problem}", 0.0)
        if case.needs_double and self.double is None:
            detail = (
                "needs the Discord API double: run with --discord-api HOST:PORT and point the endpoint's REST client "
                "at the base URL it prints (see bot.md)"
            )
            return CaseResult(case, Outcome.NOT_VERIFIED, detail, 0.0)
        reason = next((why for prefix, why in self.unsupported.items() if _matches(case.id, prefix)), None)
        if reason is not None:
            return CaseResult(case, Outcome.UNSUPPORTED, f"not supported by the target: {reason}", 0.0)
        if self._down:
            return CaseResult(case, Outcome.NOT_RUN, self._down, 0.0)
        if self._layout_pending:
            self._layout_pending = False
            self.modal_layout = self._learn_modal_layout()
        result, timed_out = self._run_bounded(case)
        dropped = self.mode is Mode.HTTP and any(exchange.status is None for exchange in result.evidence)
        unanswered = timed_out or dropped  # in process, a target that raises has answered: that is its finding
        self._unresponsive_streak = self._unresponsive_streak + 1 if unanswered else 0
        if self.health_check is not None:
            problem = self.health_check() if unanswered else ""
            if problem:
                self._down = f"the target stopped answering during {case.id}: {problem}"
        elif self._unresponsive_streak >= self.unresponsive_limit:
            self._down = f"the target stopped answering: no answer in {self._unresponsive_streak} cases up to {case.id}"
        return result

    def iter_run(self, cases: typing.Iterable[Case]) -> typing.Iterator[CaseResult]:
        """Run cases in order, yielding each result as soon as it is known."""
        for case in cases:
            yield self.run_case(case)

    def run(self, cases: typing.Iterable[Case]) -> list[CaseResult]:
        """Run cases in order."""
        return list(self.iter_run(cases))

    def _learn_modal_layout(self) -> str | None:
        """Ask the conformance bot for its ``/feedback`` modal; return the modal's layout, `None` if none came."""
        assert self.transport_factory is not None
        transport = self.transport_factory()

        async def learn() -> str | None:
            try:
                return await asyncio.wait_for(modal_layout.learn(transport, self.signer, self.double), _LEARN_TIMEOUT_S)
            except asyncio.TimeoutError:
                return None
            finally:
                await transport.aclose()

        if self._worker is None:
            self._worker = _Worker()
        future = asyncio.run_coroutine_threadsafe(learn(), self._worker.loop)
        try:
            return future.result(timeout=_LEARN_TIMEOUT_S + self.close_timeout_s + self.stall_grace_s)
        except (concurrent.futures.TimeoutError, concurrent.futures.CancelledError):
            future.cancel()
            return None

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

    async def _guarded(self, case: Case) -> tuple[CaseResult, bool]:
        if self.adapter is not None:
            context = CaseContext(
                self.signer,
                adapter=self.adapter,
                raw=self.raw_evidence,
                budget=self.evidence,
                double=self.double,
                case_id=case.id,
            )
        else:
            assert self.transport_factory is not None
            context = CaseContext(
                self.signer,
                transport=self.transport_factory(),
                raw=self.raw_evidence,
                modal_layout=self.modal_layout,
                budget=self.evidence,
                double=self.double,
                case_id=case.id,
            )
        started = time.perf_counter()
        unresponsive = False
        breach: Clause | None = None
        try:
            await asyncio.wait_for(case.run(context), case.timeout_s)
        except HandlingFailure as exc:
            outcome, detail, breach = Outcome.FAILED, str(exc), clause(exc.clause_id)
        except CaseFailure as exc:
            outcome, detail = Outcome.FAILED, str(exc)
        except NotVerifiedError as exc:
            outcome, detail = Outcome.NOT_VERIFIED, str(exc)
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
        evidence = tuple(context.exchanges)
        return CaseResult(case, outcome, _one_line(detail), duration, evidence, breach), unresponsive


def _one_line(text: str, limit: int = 300) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
