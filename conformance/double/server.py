"""Serving the Discord API double: uvicorn on a thread of the suite's own process.

The socket is bound before the server starts, so the base URL (and an
ephemeral port) is known at once and a target may connect straight away:
connections wait in the backlog until uvicorn accepts them.
"""

from __future__ import annotations

__all__ = ("DiscordApiDouble", "DoubleError")

import asyncio
import socket
import threading
import typing

from conformance.double.app import DoubleApp
from conformance.double.records import Ledger

if typing.TYPE_CHECKING:
    import types

    import uvicorn

API_VERSION: typing.Final = 10
_STOP_TIMEOUT_S: typing.Final = 5.0


class DoubleError(Exception):
    """The double cannot be served; the message says why in one line."""


class DiscordApiDouble:
    """The local double of Discord's API, serving while the object is open (a context manager).

    Parameters
    ----------
    host : str
        The address to listen on.
    port : int
        The port; 0 for an ephemeral one.
    """

    __slots__ = ("_server", "_socket", "_thread", "app", "host", "ledger", "port")

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.ledger = Ledger()
        """What the double issued and received."""
        self.app = DoubleApp(self.ledger)
        self._socket: socket.socket | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """The base URL a target sends its REST calls to: ``http://HOST:PORT/api/v10``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/api/v{API_VERSION}"

    def start(self) -> None:
        """Bind the address and start serving.

        Raises
        ------
        DoubleError
            If uvicorn is missing or the address cannot be listened on.
        """
        try:
            import uvicorn  # noqa: PLC0415 - imported when the double starts; the `suite` extra installs it
        except ImportError:
            raise DoubleError("--discord-api needs uvicorn: pip install 'interaction-spec[suite]'") from None
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        try:
            self._socket = socket.create_server((self.host, self.port), family=family)
        except OSError as exc:
            raise DoubleError(f"cannot listen on {self.host}:{self.port}: {exc.strerror or exc}") from None
        self.port = self._socket.getsockname()[1]
        config = uvicorn.Config(
            self.app,
            ws="none",
            lifespan="off",
            log_level="warning",
            access_log=False,
            server_header=False,
            proxy_headers=False,
            loop="asyncio",
        )
        self._server = server = uvicorn.Server(config)
        sockets = [self._socket]
        self._thread = threading.Thread(
            target=lambda: asyncio.run(server.serve(sockets=sockets)), name="discord-api-double", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and release the address."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(_STOP_TIMEOUT_S)
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = self._socket = None

    def __enter__(self) -> DiscordApiDouble:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: types.TracebackType | None
    ) -> None:
        self.stop()
