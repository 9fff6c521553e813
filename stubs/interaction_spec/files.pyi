from typing import Protocol
from typing import runtime_checkable

__all__ = ("ResponseFile",)

@runtime_checkable
class ResponseFile(Protocol):
    @property
    def filename(self) -> str: ...
    async def read(self) -> bytes: ...
