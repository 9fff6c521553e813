"""The reference served through `interaction_spec.asgi.InteractionApp` under each ASGI server ``serve`` could use.

Each runs in a subprocess of its own (``http_throughput.py --serve-asgi NAME``),
one worker, on uvloop, access logging off, otherwise with the server's defaults:

- uvicorn with httptools (its C HTTP parser);
- granian (HTTP in Rust; the ASGI application on one Python worker process);
- hypercorn (h11, pure Python).

The application is `conformance.serve.reference_app`, the same object
``interaction-conformance serve`` serves.
"""

from __future__ import annotations

__all__ = ("ASGI_SERVERS", "PUBLIC_KEY_VARIABLE", "app_from_environment", "describe", "missing", "serve")

import importlib.metadata
import importlib.util
import os
import typing

if typing.TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Coroutine

    from interaction_spec.asgi import InteractionApp

ASGI_SERVERS: typing.Final = ("uvicorn", "granian", "hypercorn")
"""The servers, in the order they are measured."""
PUBLIC_KEY_VARIABLE: typing.Final = "HTTP_THROUGHPUT_PUBLIC_KEY"
"""The environment variable granian's worker reads the public key from (hex)."""
_NEEDS: typing.Final[typing.Mapping[str, tuple[str, ...]]] = {
    "uvicorn": ("uvicorn", "httptools", "uvloop"),
    "granian": ("granian", "uvloop"),
    "hypercorn": ("hypercorn", "uvloop"),
}
_SETTINGS: typing.Final[typing.Mapping[str, str]] = {
    "uvicorn": "serve's settings: http httptools, loop uvloop, access log, Server header and proxy headers off",
    "granian": "interface asgi, http 1, loop uvloop, log_level warning, access log off",
    "hypercorn": "h11, uvloop, log level WARNING, access log off",
}


def missing(name: str) -> str | None:
    """Return the first module ``name`` needs that is not installed, or `None`.

    Parameters
    ----------
    name : str
        One of `ASGI_SERVERS`.

    Returns
    -------
    str | None
        The missing module's name, or `None`.
    """
    return next((module for module in _NEEDS[name] if importlib.util.find_spec(module) is None), None)


def describe(name: str) -> str:
    """Return the server's name, version and settings, for the report.

    Parameters
    ----------
    name : str
        One of `ASGI_SERVERS`.

    Returns
    -------
    str
        For instance ``"uvicorn 0.54.0 (http httptools, loop uvloop, ...)"``.
    """
    try:
        version = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        version = "(version unknown)"
    return f"{name} {version} ({_SETTINGS[name]})"


def app_from_environment() -> InteractionApp:
    """Return the reference app for the public key in `PUBLIC_KEY_VARIABLE`: granian's application factory.

    Returns
    -------
    InteractionApp
        The application.
    """
    from conformance.serve import reference_app  # noqa: PLC0415 - only the server processes need it

    return reference_app(bytes.fromhex(os.environ[PUBLIC_KEY_VARIABLE]))


def serve(name: str, port: int, public_key: bytes) -> None:
    """Serve the reference app under ``name`` on 127.0.0.1 until terminated.

    Parameters
    ----------
    name : str
        One of `ASGI_SERVERS`.
    port : int
        The port.
    public_key : bytes
        The 32-byte Ed25519 public key requests are verified with.
    """
    os.environ[PUBLIC_KEY_VARIABLE] = public_key.hex()
    if name == "uvicorn":
        _serve_uvicorn(port)
    elif name == "granian":
        _serve_granian(port)
    else:
        _serve_hypercorn(port)


def _serve_uvicorn(port: int) -> None:
    import uvicorn  # noqa: PLC0415 - each server process imports only its own server

    from conformance.serve import uvicorn_config  # noqa: PLC0415

    uvicorn.Server(uvicorn_config(app_from_environment(), "127.0.0.1", port)).run()


def _serve_granian(port: int) -> None:
    from granian.constants import HTTPModes  # noqa: PLC0415
    from granian.constants import Interfaces  # noqa: PLC0415
    from granian.constants import Loops  # noqa: PLC0415
    from granian.log import LogLevels  # noqa: PLC0415
    from granian.server import Server  # noqa: PLC0415

    server = Server(
        f"{__name__}:{app_from_environment.__name__}",
        address="127.0.0.1",
        port=port,
        interface=Interfaces.ASGI,
        workers=1,
        loop=Loops.uvloop,
        http=HTTPModes.http1,
        websockets=False,
        log_level=LogLevels.warning,
        log_access=False,
        factory=True,
    )
    server.serve()


def _serve_hypercorn(port: int) -> None:
    import hypercorn.asyncio  # noqa: PLC0415
    import uvloop  # noqa: PLC0415
    from hypercorn.config import Config  # noqa: PLC0415

    # Its signature names types hypercorn leaves partly unknown to a strict checker.
    hypercorn_serve = typing.cast("Callable[..., Coroutine[object, object, None]]", vars(hypercorn.asyncio)["serve"])

    config = Config()
    config.bind = [f"127.0.0.1:{port}"]
    config.accesslog = None
    config.loglevel = "WARNING"
    app = app_from_environment()
    uvloop.run(hypercorn_serve(app, config, mode="asgi"))
