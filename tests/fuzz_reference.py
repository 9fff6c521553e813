"""Long hostile-input runs against the reference server, the ASGI bridge and the served reference.

Usage::

    python -m tests.fuzz_reference --examples 100000 [--target reference|asgi|both|http|all]
                                   [--seed N] [--time-limit SECONDS]

The same strategies, probes and invariant checks as ``tests/test_hostile_input.py``
(all in `tests.hostile`), for as many inputs as asked. Per target it first runs
every named probe, then generates ``--examples`` inputs with hypothesis, in
batches of at most 10,000. The first violation of an invariant of a new kind
stops hypothesis, which shrinks it to a minimal failing example that is
printed; the run then goes on, counting later violations of a known kind
without shrinking them again, until the number of inputs is reached or the
time limit is. Inputs checked while shrinking are not counted.

Per target the last line is::

    reference: 100000 inputs, 0 invariant violations, 5 distinct statuses {200: ..., ...}, 123.4 s

(the statuses of the inputs that broke no invariant). The exit status is 1 if
any probe or input violated an invariant, else 0.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import importlib.metadata
import logging
import sys
import time
import typing

import hypothesis
from hypothesis import Phase
from hypothesis import given
from hypothesis import settings

from tests import hostile

if typing.TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Sequence

_DESCRIPTION: typing.Final = (
    "Long hostile-input runs against the reference server, the ASGI bridge and the served reference."
)
_BATCH: typing.Final = 10_000
_TARGETS: typing.Final = {
    "reference": ("reference",),
    "asgi": ("asgi",),
    "both": ("reference", "asgi"),
    "http": ("http",),
    "all": ("reference", "asgi", "http"),
}


@dataclasses.dataclass
class _Target:
    name: str
    check: Callable[[hostile.HostileRequest], int]
    http_safe: bool


@dataclasses.dataclass
class _Run:
    """The state of one target's run, shared by its hypothesis batches."""

    examples: int
    deadline: float
    started: float
    progress_every: int
    generated: int = 0
    violations: int = 0
    shrink_inputs: int = 0
    statuses: collections.Counter[int] = dataclasses.field(default_factory=collections.Counter[int])
    known: dict[str, str] = dataclasses.field(default_factory=dict[str, str])
    kinds: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter[str])
    shrinking: str | None = None
    last_failing: hostile.HostileRequest | None = None
    out_of_time: bool = False

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def progress(self, name: str) -> None:
        print(
            f"{name}: {self.generated}/{self.examples} inputs, {self.violations} violations, {self.elapsed():.1f} s",
            flush=True,
        )


def _batch(target: _Target, run: _Run, size: int, seed: int | None) -> Callable[[], None]:
    @settings(
        max_examples=size,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=hostile.SUPPRESSED_HEALTH_CHECKS,
        report_multiple_bugs=False,
        phases=(Phase.generate, Phase.shrink),
        print_blob=False,
    )
    @given(request=hostile.hostile_requests(http_safe=target.http_safe))
    def check(request: hostile.HostileRequest) -> None:
        if run.shrinking is not None:
            run.shrink_inputs += 1
            try:
                target.check(request)
            except hostile.InvariantViolation as error:
                if error.kind == run.shrinking:
                    run.last_failing = request
                    raise
            return
        if run.out_of_time or run.generated >= run.examples:
            return
        if time.perf_counter() > run.deadline:
            run.out_of_time = True
            return
        run.generated += 1
        try:
            status = target.check(request)
        except hostile.InvariantViolation as error:
            run.violations += 1
            run.kinds[error.kind] += 1
            if error.kind in run.known:
                return
            run.shrinking = error.kind
            run.last_failing = request
            raise
        run.statuses[status] += 1
        if run.generated % run.progress_every == 0:
            run.progress(target.name)

    return check if seed is None else hypothesis.seed(seed)(check)


def _probes(target: _Target) -> int:
    violated = 0
    for name, probe in hostile.PROBES.items():
        request = probe
        if target.http_safe:
            request = dataclasses.replace(probe, timestamp=hostile.header_safe(probe.timestamp))
        try:
            target.check(request)
        except hostile.InvariantViolation as error:
            violated += 1
            print(f"{target.name}: probe {name} VIOLATED: {error}", flush=True)
    print(f"{target.name}: {len(hostile.PROBES)} probes, {violated} violated", flush=True)
    return violated


def _fuzz(target: _Target, examples: int, seed: int | None, time_limit: float) -> int:
    """Run the probes and ``examples`` generated inputs against one target; return the number of violations."""
    started = time.perf_counter()
    probe_violations = _probes(target)
    run = _Run(examples, started + time_limit, started, max(1, min(10_000, examples // 10)))
    batch = 0
    while run.generated < examples and not run.out_of_time:
        run.shrinking = None
        before = run.generated
        check = _batch(target, run, min(_BATCH, examples - run.generated), None if seed is None else seed + batch)
        batch += 1
        try:
            check()
        except hostile.InvariantViolation as error:
            run.known[error.kind] = str(error)
            print(f"{target.name}: NEW VIOLATION after {run.generated} inputs: {error}", flush=True)
            minimal = "?" if run.last_failing is None else run.last_failing.describe()
            print(f"{target.name}: minimal failing example: {minimal}", flush=True)
        if run.generated == before:
            print(f"{target.name}: hypothesis generated no new input; stopping", flush=True)
            break
    if run.out_of_time:
        print(f"{target.name}: time limit of {time_limit:.0f} s reached", flush=True)
    for kind, message in run.known.items():
        print(f"{target.name}: violated by {run.kinds[kind]} inputs: {kind}\n    first seen as: {message}", flush=True)
    print(f"{target.name}: {run.shrink_inputs} further inputs checked while shrinking", flush=True)
    statuses = dict(sorted(run.statuses.items()))
    print(
        f"{target.name}: {run.generated} inputs, {run.violations} invariant violations, "
        f"{len(statuses)} distinct statuses {statuses}, {run.elapsed():.1f} s",
        flush=True,
    )
    return run.violations + probe_violations


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz_reference", description=_DESCRIPTION)
    parser.add_argument("--examples", type=int, default=100_000, help="generated inputs per target (default 100000)")
    parser.add_argument("--target", choices=sorted(_TARGETS), default="both", help="what to fuzz (default both)")
    parser.add_argument("--seed", type=int, default=None, help="seed hypothesis for a repeatable run")
    parser.add_argument(
        "--time-limit", type=float, default=3600.0, help="stop generating after this many seconds per target"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit status."""
    args = _parser().parse_args(argv)
    if args.examples < 1:
        raise SystemExit("--examples must be at least 1")
    handler = hostile.RecordingHandler()
    for name in (hostile.REFERENCE_LOGGER, hostile.BRIDGE_LOGGER):
        logging.getLogger(name).addHandler(handler)
    print(
        f"hostile-input fuzz: {args.examples} inputs per target, targets {', '.join(_TARGETS[args.target])}, "
        f"seed {args.seed}, hypothesis {importlib.metadata.version('hypothesis')}",
        flush=True,
    )
    violations = 0
    harness = hostile.Harness(handler)
    try:
        for name in _TARGETS[args.target]:
            if name == "http":
                violations += _fuzz_http(args.examples, args.seed, args.time_limit)
            else:
                check = harness.check_reference if name == "reference" else harness.check_asgi
                violations += _fuzz(_Target(name, check, http_safe=False), args.examples, args.seed, args.time_limit)
    finally:
        harness.close()
    return 1 if violations else 0


def _fuzz_http(examples: int, seed: int | None, time_limit: float) -> int:
    import httpx  # noqa: PLC0415 - only the HTTP target needs it

    from tests.endpoints import SEED  # noqa: PLC0415
    from tests.endpoints import free_port  # noqa: PLC0415
    from tests.endpoints import serving  # noqa: PLC0415

    port = free_port()
    command = ("-m", "conformance", "serve", "--port", str(port), "--signing-seed", SEED.hex())
    with serving(*command, port=port) as url, httpx.Client(timeout=30.0) as client:
        target = hostile.HttpTarget(client, url)
        return _fuzz(_Target("http", target.check, http_safe=True), examples, seed, time_limit)


if __name__ == "__main__":
    sys.exit(main())
