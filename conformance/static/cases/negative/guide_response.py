"""The typing guide (docs/typing.md): classes that do not satisfy `Response`, and misuses of one.

The guide shows the sections between the ``--8<--`` markers verbatim; the type-case runner checks that every
line with an error marker is an error under mypy and pyright, and that no other line is.
"""

from collections.abc import Mapping
from collections.abc import MutableMapping
from collections.abc import Sequence
from typing import NamedTuple

from interaction_spec import InteractionServer
from interaction_spec import Response
from interaction_spec import ResponseFile


# --8<-- [start:shapes]
class TextReply(NamedTuple):
    status_code: int
    payload: str | None  # the body is bytes, already encoded
    content_type: str | None
    charset: str | None
    headers: MutableMapping[str, str] | None
    files: Sequence[ResponseFile]


class FrozenHeaders(NamedTuple):
    status_code: int
    payload: bytes | None
    content_type: str | None
    charset: str | None
    headers: Mapping[str, str] | None  # the HTTP layer may add headers: it must be mutable
    files: Sequence[ResponseFile]


class NoFiles(NamedTuple):
    status_code: int
    payload: bytes | None
    content_type: str | None
    charset: str | None
    headers: MutableMapping[str, str] | None


class SyncFile:
    filename = "chart.png"

    def read(self) -> bytes:  # ResponseFile.read is a coroutine function
        return b"\x89PNG..."


text: Response = TextReply(200, '{"type":1}', "application/json", "utf-8", None, ())  # E: payload must be bytes
frozen: Response = FrozenHeaders(200, None, None, None, {}, ())  # E: headers must be a MutableMapping
no_files: Response = NoFiles(202, None, None, None, None)  # E: every member is required, files included
chart: ResponseFile = SyncFile()  # E: read must be async
# --8<-- [end:shapes]


# --8<-- [start:read]
async def misuse(server: InteractionServer) -> None:
    response = await server.on_interaction(b"{}", b"", b"")
    body: bytes = response.payload  # E: payload may be None
    response.status_code = 500  # E: the members are read-only
    print(body)
# --8<-- [end:read]
