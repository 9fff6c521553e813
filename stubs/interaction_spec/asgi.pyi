import asyncio
from collections.abc import AsyncIterator
from collections.abc import Awaitable
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any
from typing import Protocol
from typing import TypeAlias

from interaction_spec.server import InteractionServer

__all__ = ("InteractionApp",)

# The send channel takes `Any` on purpose: asgiref/uvicorn/hypercorn type it with unions of
# TypedDicts and Starlette with `MutableMapping[str, Any]`; only `Any` accepts both.
_Scope: TypeAlias = Mapping[str, object]
_Receive: TypeAlias = Callable[[], Awaitable[Mapping[str, object]]]
_Send: TypeAlias = Callable[[Any], Awaitable[None]]

# The part of granian's RSGI interface the bridge uses; granian's own classes satisfy these protocols.
class _RSGIHeaders(Protocol):
    def get_all(self, key: str) -> list[str]: ...

class _RSGIScope(Protocol):
    @property
    def proto(self) -> str: ...
    @property
    def method(self) -> str: ...
    @property
    def headers(self) -> _RSGIHeaders: ...

class _RSGIProtocol(Protocol):
    def __call__(self) -> Awaitable[bytes]: ...
    def __aiter__(self) -> AsyncIterator[bytes]: ...
    def response_bytes(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None: ...

class _RSGIWebsocketProtocol(Protocol):
    def close(self, status: int | None) -> object: ...

class InteractionApp:
    def __init__(
        self,
        server: InteractionServer,
        *,
        max_body_size: int = 1_048_576,
        on_startup: Sequence[Callable[[], Awaitable[None]]] = (),
        on_shutdown: Sequence[Callable[[], Awaitable[None]]] = (),
        reply_timeout_s: float = 3.0,
    ) -> None: ...
    async def __call__(self, scope: _Scope, receive: _Receive, send: _Send) -> None: ...
    async def __rsgi__(self, scope: _RSGIScope, protocol: _RSGIProtocol | _RSGIWebsocketProtocol) -> None: ...
    def __rsgi_init__(self, loop: asyncio.AbstractEventLoop) -> None: ...
    def __rsgi_del__(self, loop: asyncio.AbstractEventLoop) -> None: ...
