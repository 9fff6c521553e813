from collections.abc import Awaitable
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any
from typing import TypeAlias

from interaction_spec.server import InteractionServer

__all__ = ("InteractionApp",)

# The send channel takes `Any` on purpose: asgiref/uvicorn/hypercorn type it with unions of
# TypedDicts and Starlette with `MutableMapping[str, Any]`; only `Any` accepts both.
_Scope: TypeAlias = Mapping[str, object]
_Receive: TypeAlias = Callable[[], Awaitable[Mapping[str, object]]]
_Send: TypeAlias = Callable[[Any], Awaitable[None]]

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
