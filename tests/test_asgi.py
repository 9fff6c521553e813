"""`interaction_spec.asgi.InteractionApp`: driven directly through ASGI, and through uvicorn with httpx."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import email.message
import email.parser
import email.policy
import inspect
import json
import logging
import socket
import subprocess
import sys
import threading
import time
import typing
from pathlib import Path

import httpx
import pytest
import uvicorn
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

import interaction_spec
from conformance import payloads
from conformance.reference import BytesFile
from conformance.reference import MessageBuilder
from conformance.reference import ReferenceInteractionServer
from conformance.reference import ReferenceResponse
from conformance.signing import Signer
from interaction_spec.asgi import InteractionApp

if typing.TYPE_CHECKING:
    from collections.abc import Awaitable
    from collections.abc import Callable
    from collections.abc import Generator
    from collections.abc import Iterator
    from collections.abc import Mapping
    from collections.abc import Sequence

    from interaction_spec import Response

REPO = Path(__file__).resolve().parent.parent
SIGNER = Signer()
PING = payloads.PING.body()
COMMAND = payloads.COMMAND_GUILD.body()
LOGGER = "interaction_spec.asgi"
SECRET = "the secret detail of the failure"

Headers = list[tuple[bytes, bytes]]
Message = dict[str, object]


# ---------------------------------------------------------------------------
# Servers and replies used by the tests
# ---------------------------------------------------------------------------


def two_files() -> list[interaction_spec.ResponseFile]:
    return [BytesFile("notes.txt", b"first file\r\n--not a boundary\r\n"), BytesFile("all.bin", bytes(range(256)))]


def files_reply() -> MessageBuilder:
    return MessageBuilder("here are two files", files=two_files())


async def files_listener(
    interaction: interaction_spec.CommandInteraction,
) -> interaction_spec.InteractionMessageBuilder:
    return files_reply()


def reference_server() -> ReferenceInteractionServer:
    server = ReferenceInteractionServer(SIGNER.public_key)
    server.set_listener(interaction_spec.CommandInteraction, files_listener)
    return server


class RecordingServer(ReferenceInteractionServer):
    """The reference server, recording what it was called with; or a canned reply when given one."""

    def __init__(self, reply: object = None) -> None:
        super().__init__(SIGNER.public_key)
        self.calls: list[tuple[bytes, bytes, bytes]] = []
        self.reply = reply

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        self.calls.append((body, signature, timestamp))
        if self.reply is not None:
            return typing.cast("Response", self.reply)
        return await super().on_interaction(body, signature, timestamp)


class RaisingServer(ReferenceInteractionServer):
    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        raise RuntimeError(SECRET)


class LiveServer(ReferenceInteractionServer):
    """What the uvicorn tests serve: the reference server, plus bodies that trigger canned behaviour."""

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        if body == b"raise":
            raise RuntimeError(SECRET)
        if body == b"custom":
            return ReferenceResponse(200, "café".encode("latin-1"), "text/plain", "iso-8859-1", {"X-Trace": "t-1"})
        return await super().on_interaction(body, signature, timestamp)


@dataclasses.dataclass
class LooseResponse:
    """A `Response` whose members may be of any type, as a broken server might return."""

    status_code: object = 200
    payload: object = b"{}"
    content_type: object = "application/json"
    charset: object = None
    headers: object = None
    files: object = ()


class FailingFile:
    filename = "broken.txt"

    async def read(self) -> bytes:
        raise OSError(SECRET)


class TextFile:
    filename = "text.txt"

    async def read(self) -> str:
        return "not bytes"


# ---------------------------------------------------------------------------
# Driving the app directly
# ---------------------------------------------------------------------------


def signed_headers(body: bytes) -> Headers:
    request = SIGNER.sign(body)
    return [(b"x-signature-ed25519", request.signature.hex().encode()), (b"x-signature-timestamp", request.timestamp)]


def request_messages(*chunks: bytes) -> list[Message]:
    """The ``http.request`` messages delivering ``chunks`` (one empty message for no chunk)."""
    parts = chunks or (b"",)
    return [
        {"type": "http.request", "body": chunk, "more_body": index < len(parts) - 1}
        for index, chunk in enumerate(parts)
    ]


@dataclasses.dataclass
class Exchange:
    sent: list[Message]
    receive_calls: int


async def drive(
    app: InteractionApp, scope: Mapping[str, object], messages: Sequence[Mapping[str, object]], *, endless: bool = True
) -> Exchange:
    """Run the app on ``scope``; once ``messages`` are used up, ``receive`` says the client disconnected."""
    pending = list(messages)
    sent: list[Message] = []
    calls = 0

    async def receive() -> Mapping[str, object]:
        nonlocal calls
        calls += 1
        if pending:
            return pending.pop(0)
        if not endless:
            raise AssertionError("receive() called after the last message")
        return {"type": "http.disconnect"}

    async def send(message: Mapping[str, object]) -> None:
        sent.append(dict(message))

    await app(scope, receive, send)
    return Exchange(sent, calls)


def http_scope(method: str = "POST", headers: Headers | None = None, path: str = "/") -> Message:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [] if headers is None else headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }


@dataclasses.dataclass(frozen=True)
class Reply:
    status: int
    headers: Headers
    body: bytes

    def values(self, name: str) -> list[str]:
        return [value.decode("latin-1") for key, value in self.headers if key.lower() == name.lower().encode()]

    def header(self, name: str) -> str | None:
        values = self.values(name)
        assert len(values) <= 1, f"{name} sent {len(values)} times"
        return values[0] if values else None


def reply_of(sent: Sequence[Message]) -> Reply:
    """Check the ASGI reply messages (one start, then body messages ending the reply) and decode them."""
    assert sent, "the app sent nothing"
    start, *rest = sent
    assert start["type"] == "http.response.start"
    status = start["status"]
    assert isinstance(status, int)
    headers = [
        (bytes(name), bytes(value)) for name, value in typing.cast("list[tuple[bytes, bytes]]", start["headers"])
    ]
    assert rest, "no http.response.body message"
    body = b""
    for index, message in enumerate(rest):
        assert message["type"] == "http.response.body"
        chunk = message.get("body", b"")
        assert isinstance(chunk, bytes)
        body += chunk
        assert bool(message.get("more_body", False)) == (index < len(rest) - 1)
    return Reply(status, headers, body)


def call(
    app: InteractionApp,
    *chunks: bytes,
    method: str = "POST",
    headers: Headers | None = None,
    path: str = "/",
) -> Reply:
    exchange = asyncio.run(drive(app, http_scope(method, headers, path), request_messages(*chunks)))
    reply = reply_of(exchange.sent)
    length = reply.header("content-length")
    if reply.status in {204, 304}:
        assert length is None  # RFC 9110 section 8.6: no Content-Length in a 204
    else:
        assert length is not None
        assert int(length) == len(reply.body)
    return reply


def call_signed(app: InteractionApp, body: bytes) -> Reply:
    return call(app, body, headers=signed_headers(body))


# ---------------------------------------------------------------------------
# Multipart parsing with the standard library
# ---------------------------------------------------------------------------


def parse_multipart(content_type: str, body: bytes) -> list[email.message.MIMEPart]:
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    assert message.is_multipart()
    assert not message.defects, message.defects
    parts = list(message.iter_parts())
    for part in parts:
        assert not part.defects, part.defects
    return parts


def part_bytes(part: email.message.MIMEPart) -> bytes:
    data: object = part.get_payload(decode=True)
    assert isinstance(data, bytes)
    return data


def part_name(part: email.message.MIMEPart) -> str | None:
    name: object = part.get_param("name", header="content-disposition")
    assert name is None or isinstance(name, str)
    return name


def check_files_reply(content_type: str | None, body: bytes) -> None:
    """The multipart reply to `files_reply`: payload_json equal to the builder's body, then files[0] and files[1]."""
    assert content_type is not None
    assert content_type.startswith("multipart/form-data; boundary=")
    boundary = content_type.split("boundary=", 1)[1].encode()
    parts = parse_multipart(content_type, body)
    assert [part_name(part) for part in parts] == ["payload_json", "files[0]", "files[1]"]

    payload_json, first, second = parts
    assert payload_json.get_content_type() == "application/json"
    assert payload_json.get_param("charset") == "utf-8"
    assert payload_json.get_filename() is None
    expected, _ = files_reply().build()
    assert json.loads(part_bytes(payload_json)) == json.loads(json.dumps(expected))

    for part, file, data in zip(
        (first, second),
        ("notes.txt", "all.bin"),
        (b"first file\r\n--not a boundary\r\n", bytes(range(256))),
        strict=True,
    ):
        assert part.get_filename() == file
        assert part.get_content_type() == "application/octet-stream"
        assert part_bytes(part) == data
        assert boundary not in data


# ---------------------------------------------------------------------------
# The module itself
# ---------------------------------------------------------------------------


def test_importing_the_package_does_not_import_the_asgi_module() -> None:
    code = (
        "import sys, interaction_spec\n"
        "assert 'interaction_spec.asgi' not in sys.modules\n"
        "import interaction_spec.asgi\n"
        "heavy = sorted({'asyncio', 'logging'} & set(sys.modules))\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_public_api() -> None:
    from interaction_spec import asgi  # noqa: PLC0415

    assert asgi.__all__ == ("InteractionApp",)
    app = InteractionApp(reference_server())
    assert not hasattr(app, "__dict__")
    assert "InteractionApp(" in repr(app)


@pytest.mark.parametrize(("size", "error"), [(-1, ValueError), (1.5, TypeError), (True, TypeError), ("1", TypeError)])
def test_max_body_size_is_checked(size: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="max_body_size"):
        InteractionApp(reference_server(), max_body_size=size)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


# ---------------------------------------------------------------------------
# Requests, directly through ASGI
# ---------------------------------------------------------------------------


def test_ping_is_answered_with_pong() -> None:
    reply = call_signed(InteractionApp(reference_server()), PING)
    assert reply.status == 200
    assert reply.header("content-type") == "application/json; charset=utf-8"
    assert json.loads(reply.body) == {"type": 1}


def test_any_path_is_served() -> None:
    app = InteractionApp(reference_server())
    assert call(app, PING, headers=signed_headers(PING), path="/deep/mount/point").status == 200


def test_header_names_are_case_insensitive() -> None:
    headers = [(name.title(), value) for name, value in signed_headers(PING)]
    assert headers[0][0] == b"X-Signature-Ed25519"
    assert call(InteractionApp(reference_server()), PING, headers=headers).status == 200


def test_bad_signature_is_401() -> None:
    other = SIGNER.sign(b'{"type":2}')
    headers = [(b"x-signature-ed25519", other.signature.hex().encode()), (b"x-signature-timestamp", other.timestamp)]
    assert call(InteractionApp(reference_server()), PING, headers=headers).status == 401


VALID = SIGNER.sign(PING)


@pytest.mark.parametrize(
    "signature",
    [
        pytest.param(None, id="missing"),
        pytest.param(b"", id="empty"),
        pytest.param(b"zz" * 64, id="non-hex"),
        pytest.param(VALID.signature.hex().encode()[:-1], id="odd-length"),
        pytest.param(b"\xff\xfe" * 64, id="non-ascii"),
        pytest.param("é".encode() * 64, id="utf-8"),
        pytest.param(b" " + VALID.signature.hex().encode(), id="leading-space"),
        pytest.param(VALID.signature.hex(" ", 1).encode(), id="spaced-hex"),
        pytest.param(b"0x" + VALID.signature.hex().encode(), id="0x-prefix"),
        pytest.param(b"\r\n", id="crlf"),
    ],
)
def test_malformed_signature_header_is_passed_as_empty_and_gives_401(signature: bytes | None) -> None:
    server = RecordingServer()
    headers = [(b"x-signature-timestamp", VALID.timestamp)]
    if signature is not None:
        headers.append((b"x-signature-ed25519", signature))
    reply = call(InteractionApp(server), PING, headers=headers)
    assert reply.status == 401
    assert server.calls == [(PING, b"", VALID.timestamp)]


def test_signature_is_decoded_from_hex_in_either_case() -> None:
    server = RecordingServer()
    headers = [
        (b"x-signature-ed25519", VALID.signature.hex().upper().encode()),
        (b"x-signature-timestamp", VALID.timestamp),
    ]
    assert call(InteractionApp(server), PING, headers=headers).status == 200
    assert server.calls == [(PING, VALID.signature, VALID.timestamp)]


def test_missing_timestamp_is_passed_as_empty() -> None:
    server = RecordingServer()
    headers = [(b"x-signature-ed25519", VALID.signature.hex().encode())]
    assert call(InteractionApp(server), PING, headers=headers).status == 401
    assert server.calls == [(PING, VALID.signature, b"")]


@pytest.mark.parametrize("duplicated", [b"x-signature-ed25519", b"x-signature-timestamp"])
def test_duplicated_signature_headers_are_invalid(duplicated: bytes) -> None:
    server = RecordingServer()
    headers = signed_headers(PING)
    headers += [(name.upper(), value) for name, value in headers if name == duplicated]
    assert call(InteractionApp(server), PING, headers=headers).status == 401
    assert server.calls == [(PING, b"", b"")]


@pytest.mark.parametrize("method", ["GET", "PUT", "HEAD", "DELETE", "OPTIONS", "PATCH", "post", ""])
def test_other_methods_are_405_without_reading(method: str) -> None:
    server = RecordingServer()
    exchange = asyncio.run(drive(InteractionApp(server), http_scope(method, signed_headers(PING)), []))
    reply = reply_of(exchange.sent)
    assert reply.status == 405
    assert reply.header("allow") == "POST"
    assert reply.header("content-type") == "text/plain; charset=utf-8"
    assert reply.body
    assert exchange.receive_calls == 0
    assert server.calls == []


def test_content_length_over_the_limit_is_413_without_reading() -> None:
    server = RecordingServer()
    headers = [*signed_headers(PING), (b"content-length", b"101")]
    exchange = asyncio.run(
        drive(InteractionApp(server, max_body_size=100), http_scope("POST", headers), request_messages(b"x" * 101))
    )
    reply = reply_of(exchange.sent)
    assert reply.status == 413
    assert reply.header("content-type") == "text/plain; charset=utf-8"
    assert exchange.receive_calls == 0
    assert server.calls == []


@pytest.mark.parametrize("length", [b"9" * 5000, b"0" * 3000 + b"101", b"18446744073709551616"])
def test_huge_content_length_is_413(length: bytes) -> None:
    reply = call(InteractionApp(RecordingServer(), max_body_size=100), b"", headers=[(b"content-length", length)])
    assert reply.status == 413


def test_streamed_body_over_the_limit_is_413_as_soon_as_it_is() -> None:
    server = RecordingServer()
    exchange = asyncio.run(
        drive(InteractionApp(server, max_body_size=250), http_scope(), request_messages(*[b"x" * 100] * 10))
    )
    assert reply_of(exchange.sent).status == 413
    assert exchange.receive_calls == 3
    assert server.calls == []


def test_body_longer_than_its_content_length_is_413() -> None:
    server = RecordingServer()
    app = InteractionApp(server, max_body_size=100)
    assert call(app, b"x" * 60, b"y" * 60, headers=[(b"content-length", b"10")]).status == 413
    assert server.calls == []


def test_body_at_the_limit_is_read_whole_from_its_chunks() -> None:
    server = RecordingServer()
    app = InteractionApp(server, max_body_size=len(PING))
    middle = len(PING) // 2
    assert call(app, PING[:middle], b"", PING[middle:], headers=signed_headers(PING)).status == 200
    assert [body for body, _, _ in server.calls] == [PING]


def test_zero_limit_accepts_only_an_empty_body() -> None:
    server = RecordingServer()
    assert call(InteractionApp(server, max_body_size=0), b"").status == 401
    assert call(InteractionApp(server, max_body_size=0), b"x").status == 413
    assert [body for body, _, _ in server.calls] == [b""]


@pytest.mark.parametrize(
    "lengths",
    [[b"abc"], [b"-1"], [b"+5"], [b"1.5"], [b""], [b" "], [b"0x10"], [b"1e3"], [b"\xff"], [b"5, 5"], [b"5", b"6"]],
)
def test_invalid_content_length_is_400(lengths: list[bytes]) -> None:
    server = RecordingServer()
    reply = call(InteractionApp(server), b"12345", headers=[(b"content-length", length) for length in lengths])
    assert reply.status == 400
    assert server.calls == []


def test_repeated_equal_content_lengths_are_accepted() -> None:
    server = RecordingServer()
    headers = [(b"content-length", b"5"), (b"Content-Length", b" 5 ")]
    assert call(InteractionApp(server), b"12345", headers=headers).status == 401
    assert len(server.calls) == 1


@pytest.mark.parametrize(
    "headers",
    [
        "not a list",
        [(b"x-signature-timestamp",)],
        [("x-signature-timestamp", "1")],
        [(b"x-signature-timestamp", 1)],
        [b"x-signature-timestamp: 1"],
    ],
)
def test_malformed_asgi_headers_are_400(headers: object) -> None:
    scope = {**http_scope(), "headers": headers}
    exchange = asyncio.run(drive(InteractionApp(RecordingServer()), scope, request_messages(PING)))
    assert reply_of(exchange.sent).status == 400


def test_malformed_request_messages_are_400() -> None:
    for message in ({"type": "http.request", "body": "text"}, {"type": "websocket.receive"}):
        exchange = asyncio.run(drive(InteractionApp(RecordingServer()), http_scope(), [message]))
        assert reply_of(exchange.sent).status == 400


def test_disconnect_while_reading_sends_nothing() -> None:
    server = RecordingServer()
    first = {"type": "http.request", "body": b"{", "more_body": True}
    exchange = asyncio.run(drive(InteractionApp(server), http_scope(), [first, {"type": "http.disconnect"}]))
    assert exchange.sent == []
    assert server.calls == []


# ---------------------------------------------------------------------------
# Replies, directly through ASGI
# ---------------------------------------------------------------------------


def test_reply_with_two_files_is_multipart_form_data() -> None:
    reply = call_signed(InteractionApp(reference_server()), COMMAND)
    assert reply.status == 200
    check_files_reply(reply.header("content-type"), reply.body)


def test_filenames_are_escaped_so_part_headers_stay_intact() -> None:
    names = ['quote".txt', "cr\rlf\n.txt", 'inject"\r\nX-Injected: yes\r\n\r\nbody', "back\\slash\\", "café ü.txt"]
    files = [BytesFile(name, b"data %d" % index) for index, name in enumerate(names)]
    server = RecordingServer(ReferenceResponse.json(b'{"type":4}', files))
    reply = call(InteractionApp(server), b"{}")
    assert reply.status == 200
    content_type = reply.header("content-type")
    assert content_type is not None

    raw_lines = reply.body.split(b"\r\n")
    assert b'Content-Disposition: form-data; name="files[0]"; filename="quote%22.txt"' in raw_lines
    assert b'Content-Disposition: form-data; name="files[1]"; filename="cr%0Dlf%0A.txt"' in raw_lines
    assert b'Content-Disposition: form-data; name="files[3]"; filename="back\\\\slash\\\\"' in raw_lines
    assert 'Content-Disposition: form-data; name="files[4]"; filename="café ü.txt"'.encode() in raw_lines
    assert not any(line.startswith(b"X-Injected") for line in raw_lines)

    parts = parse_multipart(content_type, reply.body)
    assert [part_name(part) for part in parts] == ["payload_json", *(f"files[{index}]" for index in range(5))]
    for index, part in enumerate(parts[1:]):
        assert sorted(part.keys()) == ["Content-Disposition", "Content-Type"]
        assert part_bytes(part) == b"data %d" % index
    assert [part.get_filename() for part in parts[1:4]] == [
        "quote%22.txt",
        "cr%0Dlf%0A.txt",
        "inject%22%0D%0AX-Injected: yes%0D%0A%0D%0Abody",
    ]
    assert parts[4].get_filename() == "back\\slash\\"


def test_payload_json_part_follows_the_response_content_type() -> None:
    files = [BytesFile("a.txt", b"a")]
    server = RecordingServer(ReferenceResponse(200, b'{"type":4}', "application/json", None, None, files))
    reply = call(InteractionApp(server), b"{}")
    content_type = reply.header("content-type")
    assert content_type is not None
    payload_json = parse_multipart(content_type, reply.body)[0]
    assert payload_json["Content-Type"] == "application/json"
    assert part_bytes(payload_json) == b'{"type":4}'


def test_boundary_never_occurs_in_a_part() -> None:
    # Whatever the file holds, the boundary is chosen afresh each time and checked against every part.
    seen: set[str] = set()
    for _ in range(20):
        reply = call_signed(InteractionApp(reference_server()), COMMAND)
        check_files_reply(reply.header("content-type"), reply.body)
        seen.add(reply.header("content-type") or "")
    assert len(seen) == 20


@pytest.mark.parametrize(
    ("content_type", "charset", "expected"),
    [
        ("text/plain", "iso-8859-1", "text/plain; charset=iso-8859-1"),
        ("application/json", "utf-8", "application/json; charset=utf-8"),
        ("application/octet-stream", None, "application/octet-stream"),
        (None, None, None),
    ],
)
def test_charset_is_added_to_the_content_type(
    content_type: str | None, charset: str | None, expected: str | None
) -> None:
    server = RecordingServer(ReferenceResponse(200, b"body", content_type, charset))
    reply = call(InteractionApp(server), b"{}")
    assert reply.header("content-type") == expected
    assert reply.body == b"body"


def test_extra_headers_pass_through_and_computed_ones_win() -> None:
    extra = {
        "X-Trace": "abc 123",
        "Cache-Control": "no-store",
        "Content-Type": "text/html",
        "content-length": "9999",
        "Transfer-Encoding": "chunked",
    }
    server = RecordingServer(ReferenceResponse(200, b'{"a":1}', "application/json", "utf-8", extra))
    reply = call(InteractionApp(server), b"{}")
    assert reply.header("x-trace") == "abc 123"
    assert reply.header("cache-control") == "no-store"
    assert reply.header("content-type") == "application/json; charset=utf-8"
    assert reply.header("content-length") == "7"
    assert reply.header("transfer-encoding") is None


def test_no_payload_gives_an_empty_body() -> None:
    reply = call(InteractionApp(RecordingServer(ReferenceResponse(202))), b"{}")
    assert (reply.status, reply.body, reply.header("content-length"), reply.header("content-type")) == (
        202,
        b"",
        "0",
        None,
    )


@pytest.mark.parametrize("status", [204, 304])
def test_no_body_statuses_never_carry_one(status: int) -> None:
    reply = call(InteractionApp(RecordingServer(ReferenceResponse.json(b"{}", status_code=status))), b"{}")
    assert (reply.status, reply.body) == (status, b"")


def test_server_that_raises_gives_500_without_the_exception_text(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger=LOGGER):
        reply = call_signed(InteractionApp(RaisingServer(SIGNER.public_key)), PING)
    assert reply.status == 500
    assert reply.header("content-type") == "text/plain; charset=utf-8"
    assert SECRET.encode() not in reply.body
    assert b"RuntimeError" not in reply.body
    [record] = [record for record in caplog.records if record.name == LOGGER]
    assert record.exc_info is not None
    assert SECRET in str(record.exc_info[1])


class HangingServer(ReferenceInteractionServer):
    """Never answers a command; records whether the hanging call was cancelled."""

    cancelled = 0

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        if body == COMMAND:
            try:
                await asyncio.Event().wait()
            except asyncio.CancelledError:
                HangingServer.cancelled += 1
                raise
        return await super().on_interaction(body, signature, timestamp)


def test_reply_timeout_cancels_the_server_and_answers_504(caplog: pytest.LogCaptureFixture) -> None:
    app = InteractionApp(HangingServer(SIGNER.public_key), reply_timeout_s=0.2)
    HangingServer.cancelled = 0
    started = time.perf_counter()
    with caplog.at_level(logging.ERROR, logger=LOGGER):
        reply = call_signed(app, COMMAND)
    elapsed = time.perf_counter() - started
    assert (reply.status, reply.body) == (504, b"no reply within the deadline")
    assert elapsed >= 0.2  # not before the deadline; how long after it depends on the machine's load
    assert HangingServer.cancelled == 1
    assert any("no reply within 0.2s" in record.getMessage() for record in caplog.records)
    assert call_signed(app, PING).status == 200


class CancelledServer(ReferenceInteractionServer):
    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        raise asyncio.CancelledError


def test_server_raising_cancelled_error_uncancelled_gives_500() -> None:
    assert call_signed(InteractionApp(CancelledServer(SIGNER.public_key)), PING).status == 500


class SuspendingServer(ReferenceInteractionServer):
    """Waits on the event loop twice (a bare yield, then a future) before answering, or failing."""

    fail = False

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> Response:
        await asyncio.sleep(0)
        woken = asyncio.get_running_loop().create_future()
        asyncio.get_running_loop().call_soon(woken.set_result, None)
        await woken
        if self.fail:
            raise RuntimeError("failed after suspending")
        return await super().on_interaction(body, signature, timestamp)


def test_a_server_that_suspends_before_its_reply_is_awaited_to_the_end() -> None:
    reply = call_signed(InteractionApp(SuspendingServer(SIGNER.public_key)), PING)
    assert (reply.status, reply.body) == (200, b'{"type":1}')


def test_a_server_failing_after_it_suspended_gives_500() -> None:
    server = SuspendingServer(SIGNER.public_key)
    server.fail = True
    assert call_signed(InteractionApp(server), PING).status == 500


def test_reply_timeout_defaults_to_discords_deadline() -> None:
    assert inspect.signature(InteractionApp).parameters["reply_timeout_s"].default == 3.0


@pytest.mark.parametrize("seconds", [0, -1.0])
def test_reply_timeout_must_be_positive(seconds: float) -> None:
    with pytest.raises(ValueError, match="reply_timeout_s must be positive"):
        InteractionApp(reference_server(), reply_timeout_s=seconds)


@pytest.mark.parametrize(
    "response",
    [
        pytest.param(LooseResponse(status_code=700), id="status-700"),
        pytest.param(LooseResponse(status_code=101), id="status-101"),
        pytest.param(LooseResponse(status_code="200"), id="status-str"),
        pytest.param(LooseResponse(status_code=True), id="status-bool"),
        pytest.param(LooseResponse(payload="text"), id="payload-str"),
        pytest.param(LooseResponse(content_type="text/plain\r\nX-Injected: 1"), id="content-type-crlf"),
        pytest.param(LooseResponse(content_type=1), id="content-type-int"),
        pytest.param(LooseResponse(charset="utf-8; boundary=x"), id="charset-not-a-token"),
        pytest.param(LooseResponse(headers={"X-A": "1\r\nX-Injected: 1"}), id="header-value-crlf"),
        pytest.param(LooseResponse(headers={"X-A": "\x00"}), id="header-value-nul"),
        pytest.param(LooseResponse(headers={"X-A": "\u2603"}), id="header-value-not-latin-1"),
        pytest.param(LooseResponse(headers={"X A": "1"}), id="header-name-space"),
        pytest.param(LooseResponse(headers={"": "1"}), id="header-name-empty"),
        pytest.param(LooseResponse(headers={"X-A": 1}), id="header-value-int"),
        pytest.param(LooseResponse(headers=[("X-A", "1")]), id="headers-list"),
        pytest.param(LooseResponse(files=[BytesFile("a", b"a")] * 11), id="eleven-files"),
        pytest.param(LooseResponse(files=[FailingFile()]), id="file-read-raises"),
        pytest.param(LooseResponse(files=[TextFile()]), id="file-read-str"),
        pytest.param(LooseResponse(files=[BytesFile("a", b"a")], payload=None), id="files-without-payload"),
        pytest.param(LooseResponse(files="abc"), id="files-str"),
        pytest.param(LooseResponse(files=[BytesFile("\udc80", b"a")]), id="filename-lone-surrogate"),
        pytest.param("not a response", id="not-a-response"),
    ],
)
def test_unsendable_response_is_500(response: object, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger=LOGGER):
        reply = call(InteractionApp(RecordingServer(response)), b"{}")
    assert reply.status == 500
    assert reply.body == b"internal server error"
    assert SECRET.encode() not in reply.body
    assert [record.name for record in caplog.records] == [LOGGER]


def test_ten_files_are_fine() -> None:
    files = [BytesFile(f"{index}.txt", b"%d" % index) for index in range(10)]
    reply = call(InteractionApp(RecordingServer(ReferenceResponse.json(b"{}", files))), b"{}")
    assert reply.status == 200
    content_type = reply.header("content-type")
    assert content_type is not None
    assert len(parse_multipart(content_type, reply.body)) == 11


# ---------------------------------------------------------------------------
# Lifespan, websocket and unknown scopes, directly through ASGI
# ---------------------------------------------------------------------------


def recorder(events: list[str], name: str, *, fail: bool = False) -> Callable[[], Awaitable[None]]:
    async def callback() -> None:
        events.append(name)
        if fail:
            raise RuntimeError(f"{name} failed")

    return callback


LIFESPAN: Message = {"type": "lifespan", "asgi": {"version": "3.0", "spec_version": "2.0"}}
STARTUP: Message = {"type": "lifespan.startup"}
SHUTDOWN: Message = {"type": "lifespan.shutdown"}


def test_lifespan_runs_the_callbacks_in_order() -> None:
    events: list[str] = []
    app = InteractionApp(
        reference_server(),
        on_startup=[recorder(events, "start 1"), recorder(events, "start 2")],
        on_shutdown=[recorder(events, "stop 1"), recorder(events, "stop 2")],
    )
    exchange = asyncio.run(drive(app, LIFESPAN, [STARTUP, SHUTDOWN], endless=False))
    assert exchange.sent == [{"type": "lifespan.startup.complete"}, {"type": "lifespan.shutdown.complete"}]
    assert events == ["start 1", "start 2", "stop 1", "stop 2"]


def test_lifespan_without_callbacks_completes() -> None:
    exchange = asyncio.run(drive(InteractionApp(reference_server()), LIFESPAN, [STARTUP, SHUTDOWN], endless=False))
    assert [message["type"] for message in exchange.sent] == ["lifespan.startup.complete", "lifespan.shutdown.complete"]


def test_failing_startup_is_reported_and_stops_the_startup(caplog: pytest.LogCaptureFixture) -> None:
    events: list[str] = []
    app = InteractionApp(
        reference_server(),
        on_startup=[recorder(events, "start 1", fail=True), recorder(events, "start 2")],
        on_shutdown=[recorder(events, "stop")],
    )
    with caplog.at_level(logging.ERROR, logger=LOGGER):
        exchange = asyncio.run(drive(app, LIFESPAN, [STARTUP], endless=False))
    [failed] = exchange.sent
    assert failed["type"] == "lifespan.startup.failed"
    assert "start 1 failed" in str(failed["message"])
    assert events == ["start 1"]
    assert [record.name for record in caplog.records] == [LOGGER]


def test_failing_shutdown_still_runs_every_callback() -> None:
    events: list[str] = []
    app = InteractionApp(
        reference_server(),
        on_shutdown=[recorder(events, "stop 1", fail=True), recorder(events, "stop 2", fail=True)],
    )
    exchange = asyncio.run(drive(app, LIFESPAN, [STARTUP, SHUTDOWN], endless=False))
    assert exchange.sent[0] == {"type": "lifespan.startup.complete"}
    assert exchange.sent[1]["type"] == "lifespan.shutdown.failed"
    assert "stop 1 failed" in str(exchange.sent[1]["message"])
    assert events == ["stop 1", "stop 2"]


def test_websocket_is_refused_with_a_close() -> None:
    scope: Message = {"type": "websocket", "path": "/", "headers": []}
    exchange = asyncio.run(drive(InteractionApp(reference_server()), scope, [{"type": "websocket.connect"}]))
    assert [message["type"] for message in exchange.sent] == ["websocket.close"]


def test_unknown_scope_type_raises_value_error() -> None:
    with pytest.raises(ValueError, match="does not handle ASGI scope type 'webtransport'"):
        asyncio.run(drive(InteractionApp(reference_server()), {"type": "webtransport"}, []))


# ---------------------------------------------------------------------------
# Property: no request makes the app raise, and every one gets exactly one reply
# ---------------------------------------------------------------------------

HEADER_NAMES = st.one_of(
    st.sampled_from(
        [b"x-signature-ed25519", b"X-Signature-Ed25519", b"x-signature-timestamp", b"content-length", b"content-type"]
    ),
    st.binary(max_size=24),
)
BODIES = st.one_of(st.sampled_from([sample.body() for sample in payloads.ALL_SAMPLES]), st.binary(max_size=400))


def fuzzed_request(
    headers: Headers, body: bytes, *, sign: bool, declare_length: bool, split: int
) -> tuple[Headers, list[bytes]]:
    """Return a fuzzed request's headers and body chunks: signed and length-declared as asked, in ``split`` parts."""
    all_headers = list(headers)
    if sign:
        all_headers += signed_headers(body)
    if declare_length:
        all_headers.append((b"content-length", b"%d" % len(body)))
    step = max(1, len(body) // split)
    return all_headers, [body[start : start + step] for start in range(0, len(body), step)]


@settings(max_examples=200, deadline=None, database=None)
@given(
    method=st.one_of(st.sampled_from(["POST", "GET", "PUT", "post"]), st.text(max_size=8)),
    headers=st.lists(st.tuples(HEADER_NAMES, st.binary(max_size=160)), max_size=6),
    body=BODIES,
    sign=st.booleans(),
    declare_length=st.booleans(),
    split=st.integers(min_value=1, max_value=4),
    max_body_size=st.one_of(st.just(1_048_576), st.integers(min_value=0, max_value=1_000)),
)
def test_no_request_makes_the_app_raise(
    *,
    method: str,
    headers: Headers,
    body: bytes,
    sign: bool,
    declare_length: bool,
    split: int,
    max_body_size: int,
) -> None:
    all_headers, chunks = fuzzed_request(headers, body, sign=sign, declare_length=declare_length, split=split)
    app = InteractionApp(reference_server(), max_body_size=max_body_size)
    exchange = asyncio.run(drive(app, http_scope(method, all_headers), request_messages(*chunks)))
    starts = [message for message in exchange.sent if message["type"] == "http.response.start"]
    assert len(starts) == 1
    reply = reply_of(exchange.sent)
    assert 200 <= reply.status <= 599


# ---------------------------------------------------------------------------
# Through a real server: uvicorn on 127.0.0.1, httpx as the client
# ---------------------------------------------------------------------------

STARTUP_TIMEOUT_S = 60.0  # a bound on a busy machine, never waited out when uvicorn starts


@dataclasses.dataclass
class Served:
    url: str
    server: uvicorn.Server
    thread: threading.Thread
    exit_codes: list[object]


@contextlib.contextmanager
def serve(app: InteractionApp) -> Generator[Served, None, None]:
    """Serve ``app`` with uvicorn on a free port of 127.0.0.1 in a background thread."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", log_config=None, lifespan="on")
    server = uvicorn.Server(config)
    exit_codes: list[object] = []

    def run() -> None:
        try:
            server.run(sockets=[sock])
        except SystemExit as exit_:  # uvicorn exits with status 3 when the startup fails
            exit_codes.append(exit_.code)

    thread = threading.Thread(target=run, name="uvicorn", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not server.started and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        yield Served(f"http://127.0.0.1:{port}", server, thread, exit_codes)
    finally:
        server.should_exit = True
        thread.join(timeout=STARTUP_TIMEOUT_S)
        sock.close()


def client(url: str) -> httpx.Client:
    return httpx.Client(base_url=url, timeout=httpx.Timeout(10.0), trust_env=False)


def signed(body: bytes) -> dict[str, str]:
    request = SIGNER.sign(body)
    return {"X-Signature-Ed25519": request.signature.hex(), "X-Signature-Timestamp": request.timestamp.decode()}


LIVE_LIMIT = 4096


@pytest.fixture(scope="module")
def live() -> Iterator[httpx.Client]:
    server = LiveServer(SIGNER.public_key)
    server.set_listener(interaction_spec.CommandInteraction, files_listener)
    with serve(InteractionApp(server, max_body_size=LIVE_LIMIT, on_shutdown=[server.close])) as served:
        assert served.server.started, "uvicorn did not start"
        with client(served.url) as http:
            yield http


def test_live_ping(live: httpx.Client) -> None:
    response = live.post("/interactions", content=PING, headers=signed(PING))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.json() == {"type": 1}


def test_live_bad_signature_is_401(live: httpx.Client) -> None:
    headers = signed(b"another body")
    assert live.post("/", content=PING, headers=headers).status_code == 401


@pytest.mark.parametrize(
    "signature",
    [None, b"", b"zz" * 64, b"abc", VALID.signature.hex().encode()[:-1], "é".encode() * 64, b"\xff" * 128],
    # Named, not shown: the truncated signature signs the current time, and every xdist worker must collect one ID.
    ids=["absent", "empty", "not-hex", "short", "valid-less-one-digit", "non-ascii", "not-utf-8"],
)
def test_live_malformed_signature_is_401(live: httpx.Client, signature: bytes | None) -> None:
    headers = {b"X-Signature-Timestamp": VALID.timestamp}
    if signature is not None:
        headers[b"X-Signature-Ed25519"] = signature
    assert live.post("/", content=PING, headers=headers).status_code == 401


def test_live_duplicate_signature_headers_are_401(live: httpx.Client) -> None:
    headers = list(signed(PING).items())
    response = live.post("/", content=PING, headers=[*headers, headers[0]])
    assert response.status_code == 401


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_live_other_methods_are_405(live: httpx.Client, method: str) -> None:
    response = live.request(method, "/interactions", content=b"" if method == "GET" else PING)
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert response.headers["content-type"] == "text/plain; charset=utf-8"


def test_live_oversize_by_content_length_is_413(live: httpx.Client) -> None:
    response = live.post("/", content=b"x" * (LIVE_LIMIT + 1), headers=signed(PING))
    assert response.status_code == 413


def test_live_oversize_by_streamed_chunks_is_413(live: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(16):
            yield b"x" * 512

    response = live.post("/", content=chunks(), headers=signed(PING))
    assert response.request.headers.get("transfer-encoding") == "chunked"
    assert "content-length" not in response.request.headers
    assert response.status_code == 413


def test_live_chunked_body_within_the_limit_is_served(live: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield PING[:100]
        yield PING[100:]

    assert live.post("/", content=chunks(), headers=signed(PING)).status_code == 200


def test_live_reply_with_two_files(live: httpx.Client) -> None:
    response = live.post("/", content=COMMAND, headers=signed(COMMAND))
    assert response.status_code == 200
    check_files_reply(response.headers.get("content-type"), response.content)
    assert int(response.headers["content-length"]) == len(response.content)


def test_live_charset_and_extra_headers(live: httpx.Client) -> None:
    response = live.post("/", content=b"custom")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; charset=iso-8859-1"
    assert response.headers["x-trace"] == "t-1"
    assert response.text == "café"


def test_live_server_that_raises_is_500(live: httpx.Client, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.CRITICAL, logger=LOGGER):
        response = live.post("/", content=b"raise")
    assert response.status_code == 500
    assert SECRET not in response.text
    assert "RuntimeError" not in response.text


def test_live_lifespan_runs_startup_and_shutdown() -> None:
    events: list[str] = []
    app = InteractionApp(
        reference_server(), on_startup=[recorder(events, "startup")], on_shutdown=[recorder(events, "shutdown")]
    )
    with serve(app) as served:
        assert served.server.started
        assert events == ["startup"]
        with client(served.url) as http:
            assert http.post("/", content=PING, headers=signed(PING)).status_code == 200
    assert not served.thread.is_alive()
    assert events == ["startup", "shutdown"]


def test_live_failing_startup_stops_uvicorn(caplog: pytest.LogCaptureFixture) -> None:
    events: list[str] = []
    app = InteractionApp(reference_server(), on_startup=[recorder(events, "startup", fail=True)])
    with caplog.at_level(logging.CRITICAL), serve(app) as served:
        served.thread.join(timeout=STARTUP_TIMEOUT_S)
        assert not served.thread.is_alive()
        assert not served.server.started
        assert served.exit_codes == [3]
    assert events == ["startup"]
