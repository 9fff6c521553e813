"""Run the README's test command several times while CPU-bound processes keep the cores busy.

The project's tests must hold on a busy machine: this is the check. It starts
``--busy`` processes that spin in a loop (two by default, one per core of a
two-core machine), runs the test command ``--runs`` times in a row (three by
default) from the folder given (a fresh clone, say), stops the busy processes,
and prints each run's verdict and wall time. The command is the second of the
README's quick start, read as ``.ci/run`` reads it, unless ``--command`` gives
another. Each run's output goes to ``--logs`` (a new temporary folder by
default), whose path is printed.

Usage::

    python tests/loaded_run.py [--runs N] [--busy K] [--command CMD] [--logs DIR] [FOLDER]

Exit status: 0 if every run passed, 1 if one failed, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pathlib
import subprocess
import sys
import tempfile
import time
import typing

if typing.TYPE_CHECKING:
    from collections.abc import Generator

_SPIN = "while True:\n    pass\n"
_STOP_BOUND_S = 30.0


class UsageError(Exception):
    """A bad argument or a README without the command: one line, exit 2."""


def readme_test_command(folder: pathlib.Path) -> str:
    """Return the second command of the README's quick start, found as ``.ci/run`` finds it.

    Parameters
    ----------
    folder : pathlib.Path
        The project folder holding ``README.md``.

    Returns
    -------
    str
        The command, as written.

    Raises
    ------
    UsageError
        If the README or its quick start's two commands are missing.
    """
    readme = folder / "README.md"
    if not readme.is_file():
        raise UsageError(f"no README.md in {folder}")
    commands: list[str] = []
    section = block = False
    for line in readme.read_text(encoding="utf-8").splitlines():
        if line.startswith("## Quick start"):
            section = True
        elif section and line.startswith("```"):
            if block:
                break
            block = True
        elif block:
            commands.append(line)
    if len(commands) != 2:
        raise UsageError(f"the README's quick start must hold exactly two commands, found {len(commands)}")
    return commands[1]


@contextlib.contextmanager
def busy_processes(count: int) -> Generator[list[subprocess.Popen[bytes]], None, None]:
    """Keep ``count`` processes spinning on the CPU until the block ends.

    Parameters
    ----------
    count : int
        How many.

    Yields
    ------
    list[subprocess.Popen[bytes]]
        The processes.
    """
    spinning: list[subprocess.Popen[bytes]] = []
    try:
        spinning.extend(subprocess.Popen([sys.executable, "-c", _SPIN]) for _ in range(count))
        yield spinning
    finally:
        for process in spinning:
            process.terminate()
        for process in spinning:
            try:
                process.wait(timeout=_STOP_BOUND_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=_STOP_BOUND_S)


def run_once(command: str, folder: pathlib.Path, log: pathlib.Path) -> tuple[int, float]:
    """Run ``command`` in ``folder`` with bash, its output to ``log``; return its exit status and wall time."""
    started = time.perf_counter()
    with log.open("wb") as out:
        status = subprocess.run(["bash", "-c", command], cwd=folder, stdout=out, stderr=subprocess.STDOUT, check=False)
    return status.returncode, time.perf_counter() - started


def _last_line(log: pathlib.Path) -> str:
    lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return lines[-1] if lines else "(no output)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="loaded_run.py", description="Run the README's test command on a machine kept busy."
    )
    parser.add_argument("folder", nargs="?", type=pathlib.Path, default=pathlib.Path.cwd(), help="the project folder")
    parser.add_argument("--runs", type=int, default=3, help="how many runs in a row (default 3)")
    parser.add_argument("--busy", type=int, default=2, help="how many CPU-bound processes beside them (default 2)")
    parser.add_argument("--command", help="the command to run instead of the README's second quick-start command")
    parser.add_argument("--logs", type=pathlib.Path, help="where each run's output goes (default: a new temp folder)")
    return parser


def main(argv: typing.Sequence[str] | None = None) -> int:
    """Run the command under load; return 0 if every run passed, 1 if one failed, 2 on a usage error."""
    args = _parser().parse_args(argv)
    try:
        if args.runs < 1 or args.busy < 0:
            raise UsageError("--runs must be at least 1 and --busy at least 0")
        folder = typing.cast("pathlib.Path", args.folder).resolve()
        command: str = args.command or readme_test_command(folder)
    except UsageError as exc:
        print(f"loaded_run.py: error: {exc}", file=sys.stderr)
        return 2
    logs = args.logs or pathlib.Path(tempfile.mkdtemp(prefix="loaded-run-"))
    logs.mkdir(parents=True, exist_ok=True)
    print(f"command: {command}\nin: {folder}\nbusy processes: {args.busy}\nlogs: {logs}", flush=True)
    verdicts: list[bool] = []
    with busy_processes(args.busy):
        for run in range(1, args.runs + 1):
            log = logs / f"run-{run}.log"
            status, wall = run_once(command, folder, log)
            verdicts.append(status == 0)
            verdict = "passed" if status == 0 else f"FAILED (exit {status})"
            load = " ".join(f"{figure:.1f}" for figure in os.getloadavg())
            print(f"run {run}: {verdict} in {wall:.1f} s wall (load average {load}): {_last_line(log)}", flush=True)
    print(f"{sum(verdicts)} of {len(verdicts)} runs passed")
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
