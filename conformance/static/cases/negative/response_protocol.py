"""An object is a `Response` / `ResponseFile` only if it has every member, with compatible types."""

from collections.abc import MutableMapping
from collections.abc import Sequence

from interaction_spec import InteractionServer
from interaction_spec import Response
from interaction_spec import ResponseFile


class GoodFile:
    def __init__(self) -> None:
        self.filename = "a.txt"

    async def read(self) -> bytes:
        return b"a"


class FileWithoutRead:
    def __init__(self) -> None:
        self.filename = "a.txt"


class FileWithoutFilename:
    async def read(self) -> bytes:
        return b"a"


class FileWithSyncRead:
    def __init__(self) -> None:
        self.filename = "a.txt"

    def read(self) -> bytes:
        return b"a"


class FileReadingStr:
    def __init__(self) -> None:
        self.filename = "a.txt"

    async def read(self) -> str:
        return "a"


class FileWithIntName:
    def __init__(self) -> None:
        self.filename = 1

    async def read(self) -> bytes:
        return b"a"


class Complete:
    def __init__(self) -> None:
        self.status_code = 200
        self.payload: bytes | None = b"{}"
        self.content_type: str | None = "application/json"
        self.charset: str | None = "UTF-8"
        self.headers: MutableMapping[str, str] | None = None
        self.files: Sequence[ResponseFile] = [GoodFile()]


class NoCharset:
    def __init__(self) -> None:
        self.status_code = 200
        self.payload: bytes | None = b"{}"
        self.content_type: str | None = "application/json"
        self.headers: MutableMapping[str, str] | None = None
        self.files: Sequence[ResponseFile] = ()


class NoFiles:
    def __init__(self) -> None:
        self.status_code = 200
        self.payload: bytes | None = b"{}"
        self.content_type: str | None = "application/json"
        self.charset: str | None = "UTF-8"
        self.headers: MutableMapping[str, str] | None = None


class NoStatusCode:
    def __init__(self) -> None:
        self.payload: bytes | None = b"{}"
        self.content_type: str | None = "application/json"
        self.charset: str | None = "UTF-8"
        self.headers: MutableMapping[str, str] | None = None
        self.files: Sequence[ResponseFile] = ()


class NoHeaders:
    def __init__(self) -> None:
        self.status_code = 200
        self.payload: bytes | None = b"{}"
        self.content_type: str | None = "application/json"
        self.charset: str | None = "UTF-8"
        self.files: Sequence[ResponseFile] = ()


class StrStatus:
    def __init__(self) -> None:
        self.status_code = "200 OK"
        self.payload: bytes | None = b"{}"
        self.content_type: str | None = "application/json"
        self.charset: str | None = "UTF-8"
        self.headers: MutableMapping[str, str] | None = None
        self.files: Sequence[ResponseFile] = ()


class StrPayload:
    def __init__(self) -> None:
        self.status_code = 200
        self.payload = "{}"
        self.content_type: str | None = "application/json"
        self.charset: str | None = "UTF-8"
        self.headers: MutableMapping[str, str] | None = None
        self.files: Sequence[ResponseFile] = ()


class StrFiles:
    def __init__(self) -> None:
        self.status_code = 200
        self.payload: bytes | None = b"{}"
        self.content_type: str | None = "application/json"
        self.charset: str | None = "UTF-8"
        self.headers: MutableMapping[str, str] | None = None
        self.files: Sequence[str] = ["a.txt"]


class ImmutableHeaders:
    def __init__(self) -> None:
        self.status_code = 200
        self.payload: bytes | None = b"{}"
        self.content_type: str | None = "application/json"
        self.charset: str | None = "UTF-8"
        self.headers: tuple[tuple[str, str], ...] = (("X-A", "1"),)
        self.files: Sequence[ResponseFile] = ()


complete: Response = Complete()
no_charset: Response = NoCharset()  # E: lacks charset
no_files: Response = NoFiles()  # E: lacks files
no_status_code: Response = NoStatusCode()  # E: lacks status_code
no_headers: Response = NoHeaders()  # E: lacks headers
str_status: Response = StrStatus()  # E: status_code is str, not int
str_payload: Response = StrPayload()  # E: payload is str, not bytes
str_files: Response = StrFiles()  # E: files are not ResponseFiles
immutable_headers: Response = ImmutableHeaders()  # E: headers is not a mutable mapping
not_a_response: Response = {"status_code": 200}  # E: a dict is no Response

good_file: ResponseFile = GoodFile()
file_without_read: ResponseFile = FileWithoutRead()  # E: lacks read
file_without_filename: ResponseFile = FileWithoutFilename()  # E: lacks filename
file_with_sync_read: ResponseFile = FileWithSyncRead()  # E: read must be async
file_reading_str: ResponseFile = FileReadingStr()  # E: read returns bytes, not str
file_with_int_name: ResponseFile = FileWithIntName()  # E: filename is str, not int
files_of_bytes: Sequence[ResponseFile] = [b"raw bytes"]  # E: bytes are no ResponseFile


async def read_only(server: InteractionServer, response: Response) -> None:
    response.status_code = 500  # E: the protocol's members are read-only
    response.files = ()  # E: the protocol's members are read-only
    reply: Response = await server.on_interaction(b"", b"", b"")
    status: str = reply.status_code  # E: status_code is int
    body: bytes = reply.payload  # E: payload may be None
    print(status, body)
