"""The reference served through `interaction_spec.asgi.InteractionApp` under each server ``serve`` could use.

Each runs in a subprocess of its own (``http_throughput.py --serve-asgi NAME``),
one worker, on uvloop, access logging off, otherwise with the server's defaults:

- uvicorn with httptools (its C HTTP parser), with ``serve``'s former settings
  (`conformance.serve.uvicorn_config`);
- granian (HTTP in Rust; the application on one Python worker process), through
  the bridge's ASGI entry;
- granian through the bridge's RSGI entry (``InteractionApp.__rsgi__``, one call
  per reply): ``serve``'s server, with its settings (`conformance.serve.granian_server`);
- hypercorn (h11, pure Python).

The application is `conformance.serve.reference_app`, the same object
``interaction-conformance serve`` serves.
"""

from __future__ import annotations

__all__ = ("ASGI_SERVERS", "describe", "missing", "serve")

import importlib.metadata
import importlib.util
import os
import typing

if typing.TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Coroutine

ASGI_SERVERS: typing.Final = ("uvicorn", "granian", "granian-rsgi", "hypercorn")
"""The servers, in the order they are measured."""
_NEEDS: typing.Final[typing.Mapping[str, tuple[str, ...]]] = {
    "uvicorn": ("uvicorn", "httptools", "uvloop"),
    "granian": ("granian", "uvloop"),
    "granian-rsgi": ("granian", "uvloop"),
    "hypercorn": ("hypercorn", "uvloop"),
}
_SETTINGS: typing.Final[typing.Mapping[str, str]] = {
    "uvicorn": "http httptools, loop uvloop, access log, Server header and proxy headers off",
    "granian": "interface asgi, http 1, loop uvloop, log_level warning, access log off",
    "granian-rsgi": "serve's settings: interface rsgi, http 1, loop auto (uvloop), log_level warning, access log off",
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
        version = importlib.metadata.version(_NEEDS[name][0])
    except importlib.metadata.PackageNotFoundError:
        version = "(version unknown)"
    return f"{_NEEDS[name][0]} {version} ({_SETTINGS[name]})"


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
    if name == "uvicorn":
        _serve_uvicorn(port, public_key)
    elif name == "granian":
        _serve_granian_asgi(port, public_key)
    elif name == "granian-rsgi":
        from conformance.serve import granian_server  # noqa: PLC0415

        granian_server("127.0.0.1", port, public_key).serve()
    else:
        _serve_hypercorn(port, public_key)


def _serve_uvicorn(port: int, public_key: bytes) -> None:
    import uvicorn  # noqa: PLC0415 - each server process imports only its own server

    from conformance.serve import reference_app  # noqa: PLC0415
    from conformance.serve import uvicorn_config  # noqa: PLC0415

    uvicorn.Server(uvicorn_config(reference_app(public_key), "127.0.0.1", port)).run()


def _serve_granian_asgi(port: int, public_key: bytes) -> None:
    from granian.constants import HTTPModes  # noqa: PLC0415
    from granian.constants import Interfaces  # noqa: PLC0415
    from granian.constants import Loops  # noqa: PLC0415
    from granian.log import LogLevels  # noqa: PLC0415
    from granian.server import Server  # noqa: PLC0415

    from conformance import serve  # noqa: PLC0415

    os.environ[serve.PUBLIC_KEY_VARIABLE] = public_key.hex()
    server = Server(
        f"{serve.__name__}:{serve.app_from_environment.__name__}",
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


def _serve_hypercorn(port: int, public_key: bytes) -> None:
    import hypercorn.asyncio  # noqa: PLC0415
    import uvloop  # noqa: PLC0415
    from hypercorn.config import Config  # noqa: PLC0415

    # Its signature names types hypercorn leaves partly unknown to a strict checker.
    hypercorn_serve = typing.cast("Callable[..., Coroutine[object, object, None]]", vars(hypercorn.asyncio)["serve"])

    config = Config()
    config.bind = [f"127.0.0.1:{port}"]
    config.accesslog = None
    config.loglevel = "WARNING"
    from conformance.serve import reference_app  # noqa: PLC0415

    app = reference_app(public_key)
    uvloop.run(hypercorn_serve(app, config, mode="asgi"))
