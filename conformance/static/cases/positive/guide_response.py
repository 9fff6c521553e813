"""The typing guide (docs/typing.md): classes that satisfy the `Response` and `ResponseFile` protocols.

The guide shows the sections between the ``--8<--`` markers verbatim; the type-case runner checks that every
line of this file is accepted by mypy and pyright.
"""

import dataclasses
from collections.abc import MutableMapping
from collections.abc import Sequence
from typing import NamedTuple

from interaction_spec import InteractionServer
from interaction_spec import Response
from interaction_spec import ResponseFile


# --8<-- [start:named-tuple]
class Reply(NamedTuple):
    status_code: int
    payload: bytes | None = None
    content_type: str | None = None
    charset: str | None = None
    headers: MutableMapping[str, str] | None = None
    files: Sequence[ResponseFile] = ()


pong: Response = Reply(200, b'{"type":1}', "application/json", "utf-8")
unauthorized: Response = Reply(401, b"invalid request signature", "text/plain", "utf-8")
accepted: Response = Reply(202)  # no payload: no content type and no charset either
# --8<-- [end:named-tuple]


# --8<-- [start:dataclass]
@dataclasses.dataclass(frozen=True)
class FrozenReply:
    status_code: int
    payload: bytes | None
    content_type: str | None = "application/json"
    charset: str | None = "utf-8"
    headers: MutableMapping[str, str] | None = dataclasses.field(default_factory=lambda: {"X-Served-By": "mybot"})
    files: Sequence[ResponseFile] = ()


also_pong: Response = FrozenReply(200, b'{"type":1}')
# --8<-- [end:dataclass]


# --8<-- [start:files]
class InMemoryFile:
    def __init__(self, filename: str, data: bytes) -> None:
        self.filename = filename
        self._data = data

    async def read(self) -> bytes:
        return self._data


chart = InMemoryFile("chart.png", b"\x89PNG...")
report: Response = Reply(
    200,
    b'{"type":4,"data":{"content":"Your chart","attachments":[{"id":0,"filename":"chart.png"}]}}',
    "application/json",
    "utf-8",
    None,
    [chart],
)
# --8<-- [end:files]


# --8<-- [start:read]
async def status_of(server: InteractionServer, body: bytes, signature: bytes, timestamp: bytes) -> int:
    response = await server.on_interaction(body, signature, timestamp)
    if response.payload is not None:
        print(f"{len(response.payload)} bytes of {response.content_type}")
    for file in response.files:
        print(file.filename, len(await file.read()))
    return response.status_code
# --8<-- [end:read]
