"""Endpoints the black-box tests serve on 127.0.0.1, each in a subprocess of its own."""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import json
import os
import pathlib
import socket
import subprocess
import sys
import tempfile
import time
import typing

SEED: typing.Final = bytes(range(100, 132))
"""The signing seed of every endpoint the tests serve."""
_START_TIMEOUT_S: typing.Final = 120.0
"""How long an endpoint may take to listen: a bound for a busy machine, never waited out by one that starts."""
_COMMAND_TIMEOUT_S: typing.Final = 600.0


@dataclasses.dataclass(frozen=True)
class BlackBoxRun:
    """One run of ``interaction-conformance --url``: its exit status, output, JSON report and wall time."""

    returncode: int
    stdout: str
    stderr: str
    report: typing.Mapping[str, typing.Any] | None
    """The JSON report; `None` when the run wrote none (it stopped before running any case)."""
    wall_s: float

    def cases(self) -> list[typing.Mapping[str, typing.Any]]:
        """Return the report's cases; fail the test if the run wrote no report."""
        assert self.report is not None, f"the run (exit {self.returncode}) wrote no JSON report:\n{self.stderr}"
        return list(self.report["cases"])


def black_box(url: str, report_path: pathlib.Path, *args: str) -> BlackBoxRun:
    """Run black-box mode against ``url``, signing with `SEED`, writing the JSON report to ``report_path``."""
    command = [sys.executable, "-m", "conformance", "--url", url, "--signing-seed", SEED.hex(), "--no-color"]
    command += ["--json", str(report_path), *args]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, timeout=_COMMAND_TIMEOUT_S, check=False)
    wall_s = time.perf_counter() - started
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else None
    return BlackBoxRun(result.returncode, result.stdout, result.stderr, report, wall_s)


_WORKER_PORTS_FROM: typing.Final = 20000
"""Where the xdist workers' port ranges start: below Linux's ephemeral ports (32768 up), which the system hands out."""
_WORKER_PORTS: typing.Final = 500
_MAX_WORKERS: typing.Final = 25
_next_port = itertools.count()


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now, and that no other test worker hands out.

    A port found free is bound by the endpoint only a moment later. Under pytest-xdist each worker takes ports from
    a range of its own, so that another worker cannot take the same port meanwhile; a port in use is passed over.
    Outside xdist (or past its 25th worker), the system picks one.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    index = int(worker[2:]) if worker.startswith("gw") and worker[2:].isdigit() else None
    if index is not None and index < _MAX_WORKERS:
        first = _WORKER_PORTS_FROM + index * _WORKER_PORTS
        for _ in range(_WORKER_PORTS):
            port = first + next(_next_port) % _WORKER_PORTS
            with socket.socket() as probe:
                try:
                    probe.bind(("127.0.0.1", port))
                except OSError:
                    continue
                return port
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        chosen: int = probe.getsockname()[1]
        return chosen


@contextlib.contextmanager
def serving(*command: str, port: int, env: typing.Mapping[str, str] | None = None) -> typing.Generator[str, None, None]:
    """Run an endpoint command until the block ends; yield its URL once it accepts connections.

    ``env`` adds variables to the command's environment.
    """
    with tempfile.TemporaryFile() as log:
        environment = {**os.environ, **env} if env is not None else None
        process = subprocess.Popen([sys.executable, *command], stdout=log, stderr=subprocess.STDOUT, env=environment)
        try:
            _wait_listening(process, port, log)
            yield f"http://127.0.0.1:{port}/"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _wait_listening(process: subprocess.Popen[bytes], port: int, log: typing.IO[bytes]) -> None:
    deadline = time.monotonic() + _START_TIMEOUT_S
    while True:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"the endpoint exited with {process.returncode}: {log.read().decode(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"the endpoint did not listen on port {port} within {_START_TIMEOUT_S}s") from None
            time.sleep(0.05)
