"""Installing an implementation into its own folder, and running its endpoint on 127.0.0.1 for one run.

Installs come from the registries only, with the lockfile, into the
implementation's folder (``node_modules``) or its own virtual environment
(``.venv``), never into the project's environment. An endpoint is started with
the interface's environment (``CONFORMANCE_HOST``, ``CONFORMANCE_PORT``,
``CONFORMANCE_PUBLIC_KEY``, and ``CONFORMANCE_DISCORD_API_URL``, the base URL
of the suite's Discord API double), its output captured to a log file, awaited in
bounded time (its port open, then the suite's own preflight PING answered), and
stopped with SIGTERM, then SIGKILL.
"""

from __future__ import annotations

__all__ = ("EndpointError", "free_port", "install", "interpreter", "running")

import asyncio
import contextlib
import os
import pathlib
import signal
import socket
import subprocess
import sys
import time
import typing

from conformance.http import HttpTransport
from conformance.preflight import ping_problem

if typing.TYPE_CHECKING:
    from conformance.signing import Signer
    from implementations.manifest import Implementation

_HOST: typing.Final = "127.0.0.1"
_INSTALL_TIMEOUT_S: typing.Final = 600.0
_LISTEN_TIMEOUT_S: typing.Final = 60.0
_READY_TIMEOUT_S: typing.Final = 20.0
_POLL_S: typing.Final = 0.1
_PING_TIMEOUT_S: typing.Final = 3.0
_STOP_GRACE_S: typing.Final = 15.0


class EndpointError(Exception):
    """An implementation could not be installed or started; the message says why in one line."""


def interpreter(implementation: Implementation) -> str:
    """Return the Python that runs the implementation: its own venv's for ``pypi``, else this one."""
    return str(implementation.venv / "bin" / "python") if implementation.registry == "pypi" else sys.executable


def _command(implementation: Implementation, argv: typing.Sequence[str]) -> list[str]:
    """Resolve ``python`` in a start or install command to the implementation's interpreter."""
    return [interpreter(implementation) if part == "python" else part for part in argv]


def _run_logged(command: typing.Sequence[str], workdir: pathlib.Path, log: typing.IO[bytes]) -> None:
    log.write(f"$ {' '.join(command)}\n".encode())
    log.flush()
    try:
        result = subprocess.run(
            command, cwd=workdir, stdout=log, stderr=subprocess.STDOUT, timeout=_INSTALL_TIMEOUT_S, check=False
        )
    except FileNotFoundError:
        raise EndpointError(f"cannot run {command[0]!r}: not found") from None
    except subprocess.TimeoutExpired:
        raise EndpointError(f"{' '.join(command)} took over {_INSTALL_TIMEOUT_S:g}s") from None
    if result.returncode != 0:
        raise EndpointError(f"{' '.join(command)} exited with {result.returncode}")


def install(implementation: Implementation, log: typing.IO[bytes]) -> bool:
    """Install the implementation if it is not installed yet.

    Parameters
    ----------
    implementation : Implementation
        What to install.
    log : typing.IO[bytes]
        Where the install commands' output goes.

    Returns
    -------
    bool
        Whether anything was installed.

    Raises
    ------
    EndpointError
        If an install command fails or cannot be run.
    """
    if implementation.registry == "pypi":
        if pathlib.Path(interpreter(implementation)).exists():
            return False
        requirements = implementation.workdir / "requirements.txt"
        hashed = "--hash=" in requirements.read_text(encoding="utf-8")
        _run_logged([sys.executable, "-m", "venv", str(implementation.venv)], implementation.workdir, log)
        pip = [interpreter(implementation), "-m", "pip", "install", "--no-deps", "-r", str(requirements)]
        _run_logged([*pip, "--require-hashes"] if hashed else pip, implementation.workdir, log)
        return True
    if implementation.installed.exists():
        return False
    for command in implementation.install:
        _run_logged(_command(implementation, command), implementation.workdir, log)
    if not implementation.installed.exists():
        raise EndpointError(f"installed, but {implementation.installed} is still missing")
    return True


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((_HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _listening(port: int) -> bool:
    try:
        with socket.create_connection((_HOST, port), timeout=_POLL_S):
            return True
    except OSError:
        return False


def _preflight(url: str, signer: Signer) -> str:
    async def ping() -> str:
        transport = HttpTransport(url, read_timeout_s=_PING_TIMEOUT_S)
        try:
            return await ping_problem(transport, signer)
        finally:
            await transport.aclose()

    return asyncio.run(ping())


def _wait_ready(process: subprocess.Popen[bytes], port: int, url: str, signer: Signer) -> None:
    """Wait, bounded, for the port to open and then for a signed PING to get PONG."""
    deadline = time.monotonic() + _LISTEN_TIMEOUT_S
    while not _listening(port):
        if process.poll() is not None:
            raise EndpointError(f"the endpoint exited with {process.returncode} before listening on port {port}")
        if time.monotonic() > deadline:
            raise EndpointError(f"the endpoint did not listen on port {port} within {_LISTEN_TIMEOUT_S:g}s")
        time.sleep(_POLL_S)
    deadline = time.monotonic() + _READY_TIMEOUT_S
    while problem := _preflight(url, signer):
        if process.poll() is not None:
            raise EndpointError(f"the endpoint exited with {process.returncode}")
        if time.monotonic() > deadline:
            raise EndpointError(f"preflight: {problem}")
        time.sleep(_POLL_S)


def _stop(process: subprocess.Popen[bytes], log: typing.IO[bytes]) -> None:
    """Stop the endpoint with SIGTERM, or SIGKILL when it has not exited after the grace period; log which."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=_STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=_STOP_GRACE_S)
            log.write(f"[runner] killed: still running {_STOP_GRACE_S:g}s after SIGTERM\n".encode())
            return
    log.write(f"[runner] stopped: exit status {process.returncode}\n".encode())


@contextlib.contextmanager
def running(
    implementation: Implementation, signer: Signer, log_path: pathlib.Path, *, discord_api_url: str | None = None
) -> typing.Generator[str, None, None]:
    """Run the implementation's endpoint for the duration of the block.

    Parameters
    ----------
    implementation : Implementation
        The implementation, installed.
    signer : Signer
        The suite's signer: the endpoint verifies with its public key.
    log_path : pathlib.Path
        The file the endpoint's stdout and stderr are written to.
    discord_api_url : str | None
        The base URL of the suite's Discord API double, given to the endpoint as ``CONFORMANCE_DISCORD_API_URL``:
        the driver points its library's REST client there.

    Yields
    ------
    str
        The interactions URL, once the endpoint answers a signed PING with PONG.

    Raises
    ------
    EndpointError
        If the endpoint cannot be started, or does not answer in time.
    """
    port = free_port()
    url = f"http://{_HOST}:{port}{implementation.path}"
    environment = {
        **os.environ,
        "CONFORMANCE_HOST": _HOST,
        "CONFORMANCE_PORT": str(port),
        "CONFORMANCE_PUBLIC_KEY": signer.public_key.hex(),
        "PYTHONUNBUFFERED": "1",
    }
    if discord_api_url is not None:
        environment["CONFORMANCE_DISCORD_API_URL"] = discord_api_url
    with log_path.open("ab") as log:
        try:
            process = subprocess.Popen(
                _command(implementation, implementation.start),
                cwd=implementation.workdir,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        except OSError as exc:
            raise EndpointError(f"cannot start {implementation.start[0]!r}: {exc.strerror or exc}") from None
        try:
            _wait_ready(process, port, url, signer)
            yield url
        finally:
            _stop(process, log)
