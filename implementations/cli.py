"""``python -m implementations``: install, start and run every implementation, then rewrite the matrix page.

For each implementation (``--only NAME`` for one): install what is missing,
run the suite in process where that mode exists, then start the endpoint on a
free port of 127.0.0.1 and run the suite over HTTP against it with ``--bot``,
the Discord API double on another free port (``--discord-api``; the driver
reads its base URL from ``CONFORMANCE_DISCORD_API_URL``) and the driver's
``--unsupported`` cases, stop it, and write
``docs/reports/<name>-<mode>.json``; then regenerate ``docs/matrix.md``.
``--case CASE`` instead reproduces one case: it runs only that case with
``-v``, printing the raw requests and replies, and writes nothing.

An implementation that cannot be installed or started is reported in one line
(with its log file) and the others still run. Exit status: 0 every run was
made (whatever the verdicts); 1 some could not be made; 2 a usage error.
"""

from __future__ import annotations

__all__ = ("MATRIX_SEED", "main")

import argparse
import pathlib
import subprocess
import sys
import time
import typing

from conformance.cases import ALL_CASES
from conformance.model import Mode
from conformance.runner import unmatched_prefixes
from conformance.signing import Signer
from implementations import endpoint
from implementations import manifest

if typing.TYPE_CHECKING:
    from implementations.manifest import Implementation

MATRIX_SEED: typing.Final = bytes(range(32))
"""The signing seed of every matrix run, fixed so that a run can be reproduced request for request."""
_PROG: typing.Final = "python -m implementations"
_ROOT: typing.Final = manifest.IMPLEMENTATIONS_DIR.parent
_REPORTS: typing.Final = _ROOT / "docs" / "reports"
_SUITE_TIMEOUT_S: typing.Final = 900.0
_EXIT_OK: typing.Final = 0
_EXIT_FAILED: typing.Final = 1
_EXIT_USAGE: typing.Final = 2
_SUITE_EXIT_USAGE: typing.Final = 2


class _RunError(Exception):
    """One run could not be made; the message says why in one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> typing.NoReturn:
        print(f"{_PROG}: error: {message}", file=sys.stderr)
        raise SystemExit(_EXIT_USAGE)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=_PROG, description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--only", metavar="NAME", help="run only this implementation (its folder's name)")
    parser.add_argument(
        "--case",
        metavar="CASE",
        help="with --only: run only CASE with -v (over HTTP when it runs in both modes) and write nothing",
    )
    parser.add_argument(
        "--reports", type=pathlib.Path, default=_REPORTS, metavar="DIR", help="where to write the JSON reports"
    )
    parser.add_argument(
        "--implementations",
        type=pathlib.Path,
        default=manifest.IMPLEMENTATIONS_DIR,
        metavar="DIR",
        help="the folder of implementation folders (default: implementations/)",
    )
    parser.add_argument("--no-matrix", action="store_true", help="do not regenerate docs/matrix.md afterwards")
    return parser


def _unsupported_options(implementation: Implementation, mode: Mode) -> list[str]:
    """Return ``--unsupported PREFIX=REASON`` for the driver's declarations that select cases in ``mode``."""
    options: list[str] = []
    for entry in implementation.unsupported:
        if not unmatched_prefixes(ALL_CASES, mode, [entry.cases]):
            options += ["--unsupported", f"{entry.cases}={entry.reason}"]
    return options


def _suite(arguments: typing.Sequence[str], *, verbose: bool) -> str:
    """Run the suite; return its last line (the counts and the verdict); raise when it could not run."""
    command = [sys.executable, "-m", "conformance", "--no-color", *arguments]
    try:
        result = subprocess.run(
            command, cwd=_ROOT, capture_output=not verbose, text=True, timeout=_SUITE_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        raise _RunError(f"the suite took over {_SUITE_TIMEOUT_S:g}s") from None
    if result.returncode == _SUITE_EXIT_USAGE:
        raise _RunError((result.stderr or "").strip().splitlines()[-1] if result.stderr else "the suite exited with 2")
    lines = (result.stdout or "").strip().splitlines()
    return lines[-1] if lines else f"exit {result.returncode}"


def _run(implementation: Implementation, reports: pathlib.Path, case: str | None, log_path: pathlib.Path) -> list[str]:
    """Make the runs of one implementation; return a line per run."""
    signer = Signer(MATRIX_SEED)
    done: list[str] = []
    selection = ["--only", case, "-v"] if case else []
    modes = [Mode(mode) for mode in implementation.modes]
    if case:
        modes = [mode for mode in modes if not unmatched_prefixes(ALL_CASES, mode, [case])][-1:]
        if not modes:
            raise _RunError(f"no case {case!r} in the modes of {implementation.slug}")
    for mode in modes:
        unsupported = _unsupported_options(implementation, mode)
        report = reports / f"{implementation.slug}-{mode.value}.json"
        output = [] if case else ["--json", str(report), "--evidence-bytes", "0"]  # committed: no megabytes of bytes
        if mode is Mode.IN_PROCESS:
            line = _suite(["--target", implementation.target, *unsupported, *output, *selection], verbose=bool(case))
        else:
            api = f"127.0.0.1:{endpoint.free_port()}"
            with endpoint.running(implementation, signer, log_path, discord_api_url=f"http://{api}/api/v10") as url:
                seed = ["--signing-seed", MATRIX_SEED.hex(), "--discord-api", api]
                if implementation.modal_layout:
                    seed += ["--modal-layout", implementation.modal_layout]
                line = _suite(["--url", url, *seed, "--bot", *unsupported, *output, *selection], verbose=bool(case))
        done.append(f"{implementation.slug} {mode.value}: {line}")
    if not case:
        for static in implementation.static:
            output = ["--json", str(reports / f"{implementation.slug}-{static.report}.json")]
            line = _suite(["typecheck", static.target, *output], verbose=False)
            done.append(f"{implementation.slug} {static.report} ({static.target}): {line}")
    return done


def _regenerate() -> bool:
    result = subprocess.run(
        [sys.executable, str(_ROOT / "docs" / "generate.py")], cwd=_ROOT, capture_output=True, text=True, check=False
    )
    print((result.stdout + result.stderr).strip() or "docs/matrix.md is up to date")
    return result.returncode == 0


def main(argv: typing.Sequence[str] | None = None) -> int:
    """Run the command.

    Parameters
    ----------
    argv : typing.Sequence[str] | None
        The arguments, without the program name; `None` reads ``sys.argv``.

    Returns
    -------
    int
        0 every run was made, 1 some could not be, 2 a usage error.
    """
    args = _parser().parse_args(argv)
    try:
        implementations = manifest.discover(args.implementations)
    except manifest.ManifestError as exc:
        print(f"{_PROG}: error: {exc}", file=sys.stderr)
        return _EXIT_USAGE
    if args.only is not None:
        implementations = tuple(item for item in implementations if item.slug == args.only)
        if not implementations:
            print(f"{_PROG}: error: no implementation {args.only!r} under {args.implementations}", file=sys.stderr)
            return _EXIT_USAGE
    elif args.case is not None:
        print(f"{_PROG}: error: --case needs --only NAME", file=sys.stderr)
        return _EXIT_USAGE
    if not args.reports.is_dir():
        print(f"{_PROG}: error: {args.reports} is not a directory", file=sys.stderr)
        return _EXIT_USAGE
    logs = args.implementations / ".logs"
    logs.mkdir(exist_ok=True)
    failed = 0
    started = time.perf_counter()
    for implementation in implementations:
        log_path = logs / f"{implementation.slug}.log"
        log_path.write_bytes(b"")
        try:
            with log_path.open("ab") as log:
                if endpoint.install(implementation, log):
                    print(f"{implementation.slug}: installed {implementation.library} {implementation.version}")
            for line in _run(implementation, args.reports, args.case, log_path):
                print(line, flush=True)
        except (endpoint.EndpointError, _RunError) as exc:
            failed += 1
            print(f"{implementation.slug}: FAILED TO RUN: {exc} (log: {log_path})", flush=True)
    wall = time.perf_counter() - started
    print(f"{len(implementations) - failed} of {len(implementations)} implementations run in {wall:.1f}s")
    if args.case is None and not args.no_matrix and not _regenerate():
        failed += 1
    return _EXIT_FAILED if failed else _EXIT_OK
