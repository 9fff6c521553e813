"""Endpoints the black-box tests serve on 127.0.0.1, each in a subprocess of its own."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import tempfile
import time
import typing

SEED: typing.Final = bytes(range(100, 132))
"""The signing seed of every endpoint the tests serve."""
_START_TIMEOUT_S: typing.Final = 20.0


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def serving(*command: str, port: int) -> typing.Generator[str, None, None]:
    """Run an endpoint command until the block ends; yield its URL once it accepts connections."""
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen([sys.executable, *command], stdout=log, stderr=subprocess.STDOUT)
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
