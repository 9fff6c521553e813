"""Server processes: start one in a session of its own, wait until it listens, measure its CPU, stop it."""

from __future__ import annotations

__all__ = ("Launch", "SetupError", "Target", "free_port", "running")

import contextlib
import dataclasses
import os
import pathlib
import signal
import socket
import subprocess
import tempfile
import time
import typing

if typing.TYPE_CHECKING:
    from collections.abc import Generator
    from collections.abc import Mapping
    from collections.abc import Sequence

_START_TIMEOUT_S: typing.Final = 60.0
_STOP_TIMEOUT_S: typing.Final = 10.0
_PROC: typing.Final = pathlib.Path("/proc")


class SetupError(Exception):
    """A server could not be started, or answered a check wrongly; the message is one line."""


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclasses.dataclass(frozen=True, slots=True)
class Launch:
    """How to start one server.

    Attributes
    ----------
    name : str
        The server's row name in the report.
    command : tuple[str, ...]
        The command.
    cwd : pathlib.Path | None
        Its working directory (`None`: this one).
    environment : Mapping[str, str] | None
        Its environment (`None`: this one's).
    port : int
        The port it will listen on, on 127.0.0.1.
    path : str
        The request target interactions are posted to.
    """

    name: str
    command: tuple[str, ...]
    cwd: pathlib.Path | None
    environment: Mapping[str, str] | None
    port: int
    path: str


@dataclasses.dataclass(slots=True)
class Target:
    """A running server.

    Attributes
    ----------
    launch : Launch
        How it was started.
    process : subprocess.Popen[bytes]
        Its process, leader of a session of its own (its workers, if any, are in the session too).
    log : typing.IO[bytes]
        Its stdout and stderr.
    replies : dict[str, bytes]
        By workload kind, the body every reply must repeat (set by the checks).
    """

    launch: Launch
    process: subprocess.Popen[bytes]
    log: typing.IO[bytes]
    replies: dict[str, bytes] = dataclasses.field(default_factory=dict[str, bytes])

    @property
    def name(self) -> str:
        """The server's row name."""
        return self.launch.name

    def last_log_line(self) -> str:
        """Return the last line the server printed, or a placeholder."""
        self.log.seek(0)
        lines = self.log.read().decode(errors="replace").strip().splitlines()
        return lines[-1].strip() if lines else "(no output)"

    def cpu_seconds(self) -> float | None:
        """Return the user + system CPU seconds of every live process of the server's session.

        Returns
        -------
        float | None
            The sum, or `None` where ``/proc`` cannot tell.
        """
        session = self.process.pid
        ticks = 0
        try:
            entries = list(_PROC.iterdir())
        except OSError:
            return None
        found = False
        for entry in entries:
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue  # the process has just exited
            if int(fields[3]) == session:
                found = True
                ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK") if found else None


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate a server's session, and kill it if its leader does not exit in time."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=_STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=_STOP_TIMEOUT_S)


def _wait_listening(target: Target) -> None:
    """Return once ``target`` accepts connections; raise `SetupError` if it exits or takes too long."""
    deadline = time.monotonic() + _START_TIMEOUT_S
    while True:
        if target.process.poll() is not None:
            raise SetupError(
                f"the {target.name} server exited with {target.process.returncode}: {target.last_log_line()}"
            )
        try:
            with socket.create_connection(("127.0.0.1", target.launch.port), timeout=0.2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise SetupError(
                    f"the {target.name} server did not listen on port {target.launch.port} "
                    f"within {_START_TIMEOUT_S:.0f} s: {target.last_log_line()}"
                ) from None
            time.sleep(0.05)


@contextlib.contextmanager
def running(launches: Sequence[Launch]) -> Generator[list[Target], None, None]:
    """Start every server, wait until each accepts connections, and stop them all when the block ends.

    Parameters
    ----------
    launches : Sequence[Launch]
        The servers.

    Yields
    ------
    list[Target]
        The running servers, in the order given.

    Raises
    ------
    SetupError
        If a server cannot be started, exits, or does not listen within the start timeout.
    """
    with contextlib.ExitStack() as stack:
        targets: list[Target] = []
        for launch in launches:
            log = stack.enter_context(tempfile.TemporaryFile())
            try:
                process = subprocess.Popen(
                    launch.command,
                    cwd=launch.cwd,
                    env=launch.environment,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            except OSError as exc:
                raise SetupError(f"the {launch.name} server cannot be started: {exc.strerror or exc}") from None
            stack.callback(_stop, process)
            targets.append(Target(launch, process, log))
        for target in targets:
            _wait_listening(target)
        yield targets
