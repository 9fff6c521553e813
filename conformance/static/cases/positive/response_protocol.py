"""Classes that satisfy the `Response` and `ResponseFile` protocols structurally, without subclassing them."""

import dataclasses
from collections.abc import MutableMapping
from collections.abc import Sequence

from typing_extensions import assert_type

from interaction_spec import MAX_RESPONSE_FILES
from interaction_spec import InteractionServer
from interaction_spec import Response
from interaction_spec import ResponseFile


class BytesFile:
    """A `ResponseFile` with a plain attribute for `filename`."""

    def __init__(self, filename: str, data: bytes) -> None:
        self.filename = filename
        self._data = data

    async def read(self) -> bytes:
        return self._data


class PathFile:
    """A `ResponseFile` with a property for `filename`."""

    def __init__(self, path: str) -> None:
        self._path = path

    @property
    def filename(self) -> str:
        return self._path.rsplit("/", 1)[-1]

    async def read(self) -> bytes:
        with open(self._path, "rb") as file:
            return file.read()


@dataclasses.dataclass(frozen=True)
class FrozenResponse:
    """A `Response` as a frozen dataclass."""

    status_code: int
    payload: bytes | None
    content_type: str | None
    charset: str | None
    headers: MutableMapping[str, str] | None
    files: Sequence[ResponseFile]


class PropertyResponse:
    """A `Response` with read-only properties."""

    def __init__(self, status_code: int) -> None:
        self._status_code = status_code

    @property
    def status_code(self) -> int:
        return self._status_code

    @property
    def payload(self) -> bytes | None:
        return None

    @property
    def content_type(self) -> str | None:
        return None

    @property
    def charset(self) -> str | None:
        return None

    @property
    def headers(self) -> MutableMapping[str, str] | None:
        return None

    @property
    def files(self) -> Sequence[ResponseFile]:
        return ()


class MutableResponse:
    """A `Response` with mutable attributes of narrower types (the protocol's members are read-only)."""

    def __init__(self, payload: bytes, files: list[BytesFile]) -> None:
        self.status_code = 200
        self.payload = payload
        self.content_type = "application/json"
        self.charset = "UTF-8"
        self.headers: dict[str, str] = {"Cache-Control": "no-store"}
        self.files = files


bytes_file: ResponseFile = BytesFile("a.txt", b"a")
path_file: ResponseFile = PathFile("/tmp/b.txt")
files: list[ResponseFile] = [bytes_file, path_file, BytesFile("c.txt", b"c")]

frozen: Response = FrozenResponse(200, b"{}", "application/json", "UTF-8", None, files)
empty: Response = FrozenResponse(202, None, None, None, None, ())
props: Response = PropertyResponse(204)
mutable: Response = MutableResponse(b"{}", [BytesFile("d.txt", b"d")])
responses: list[Response] = [frozen, empty, props, mutable]


async def send(response: Response) -> int:
    assert_type(response.status_code, int)
    assert_type(response.payload, bytes | None)
    assert_type(response.content_type, str | None)
    assert_type(response.charset, str | None)
    assert_type(response.headers, MutableMapping[str, str] | None)
    assert_type(response.files, Sequence[ResponseFile])
    if response.headers is not None:
        response.headers["Content-Length"] = str(len(response.payload or b""))
    total = 0
    for file in response.files[:MAX_RESPONSE_FILES]:
        assert_type(file.filename, str)
        assert_type(await file.read(), bytes)
        total += len(await file.read())
    return total


async def serve(server: InteractionServer, body: bytes, signature: bytes, timestamp: bytes) -> int:
    response = await server.on_interaction(body, signature, timestamp)
    assert_type(response, Response)
    return await send(response)


def narrow(value: object) -> int | None:
    # Both protocols are runtime-checkable.
    if isinstance(value, Response):
        assert_type(value, Response)
        return value.status_code
    if isinstance(value, ResponseFile):
        assert_type(value, ResponseFile)
        return len(value.filename)
    return None
