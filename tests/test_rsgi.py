"""`interaction_spec.asgi.InteractionApp`'s RSGI entry: driven directly, against its ASGI entry, and under granian.

The RSGI entry (``__rsgi__``, granian's native interface) must behave exactly
as the ASGI one: the property test below sends the same generated requests
through both and compares the replies byte for byte. The served reference
(``interaction-conformance serve``) runs under granian through this entry, so
the black-box runs against it (``tests/test_http_mutants.py`` and others)
exercise it end to end; the last tests here check the HTTP edges through a
real granian.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import typing

import httpx
import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from conformance.reference import ReferenceInteractionServer
from interaction_spec.asgi import InteractionApp
from tests.endpoints import SEED
from tests.endpoints import free_port
from tests.endpoints import serving
from tests.test_asgi import BODIES
from tests.test_asgi import COMMAND
from tests.test_asgi import HEADER_NAMES
from tests.test_asgi import LOGGER
from tests.test_asgi import PING
from tests.test_asgi import SIGNER
from tests.test_asgi import Headers
from tests.test_asgi import LooseResponse
from tests.test_asgi import RaisingServer
from tests.test_asgi import RecordingServer
from tests.test_asgi import Reply
from tests.test_asgi import call
from tests.test_asgi import check_files_reply
from tests.test_asgi import fuzzed_request
from tests.test_asgi import recorder
from tests.test_asgi import reference_server
from tests.test_asgi import signed_headers

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator
    from collections.abc import Iterator

    from conformance.signing import Signer


class FakeHeaders:
    """An RSGI scope's headers as granian gives them: lower-case names, text values, repeats kept in order."""

    def __init__(self, headers: Headers) -> None:
        self._pairs = [(name.decode("latin-1").lower(), value.decode("latin-1")) for name, value in headers]

    def get_all(self, key: str) -> list[str]:
        return [value for name, value in self._pairs if name == key]


@dataclasses.dataclass
class FakeScope:
    method: str
    headers: FakeHeaders
    proto: str = "http"


class FakeProtocol:
    """An RSGI HTTP protocol: hands out the body (whole or in chunks) and records the one reply."""

    def __init__(self, chunks: tuple[bytes, ...]) -> None:
        self._chunks = chunks
        self.body_read = False
        self.replies: list[tuple[int, list[tuple[str, str]], bytes]] = []

    async def __call__(self) -> bytes:
        self.body_read = True
        return b"".join(self._chunks)

    async def _iterate(self) -> AsyncIterator[bytes]:
        self.body_read = True
        for chunk in self._chunks:
            yield chunk

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self._iterate()

    def response_bytes(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self.replies.append((status, headers, body))


class FakeWebsocket:
    def __init__(self) -> None:
        self.closed: list[int | None] = []

    def close(self, status: int | None) -> tuple[int, bool]:
        self.closed.append(status)
        return 0, True


def rsgi_call(
    app: InteractionApp, *chunks: bytes, method: str = "POST", headers: Headers | None = None
) -> tuple[Reply, FakeProtocol]:
    """Run the app's RSGI entry on one request; return its one reply (as bytes, like `call`) and the protocol."""
    protocol = FakeProtocol(chunks)
    asyncio.run(app.__rsgi__(FakeScope(method, FakeHeaders(headers or [])), protocol))
    assert len(protocol.replies) == 1, protocol.replies
    status, text_headers, body = protocol.replies[0]
    reply = Reply(status, [(name.encode("latin-1"), value.encode("latin-1")) for name, value in text_headers], body)
    return reply, protocol


def plain_app(max_body_size: int = 1_048_576) -> InteractionApp:
    """The bridge over the reference server, whose replies carry no random multipart boundary."""
    return InteractionApp(ReferenceInteractionServer(SIGNER.public_key), max_body_size=max_body_size)


def test_signed_ping_is_answered_in_one_call() -> None:
    reply, protocol = rsgi_call(plain_app(), PING, headers=signed_headers(PING))
    assert (reply.status, reply.body) == (200, b'{"type":1}')
    assert reply.header("content-type") == "application/json; charset=utf-8"
    assert reply.header("content-length") == "10"
    assert protocol.body_read


def test_a_reply_with_files_is_multipart_form_data() -> None:
    reply, _ = rsgi_call(InteractionApp(reference_server()), COMMAND, headers=signed_headers(COMMAND))
    assert reply.status == 200
    check_files_reply(reply.header("content-type"), reply.body)
    assert reply.header("content-length") == str(len(reply.body))


def test_wrong_signature_is_401() -> None:
    reply, _ = rsgi_call(plain_app(), PING, headers=signed_headers(b"another body"))
    assert reply.status == 401


def test_duplicated_signature_headers_are_invalid() -> None:
    headers = signed_headers(PING)
    reply, _ = rsgi_call(plain_app(), PING, headers=[*headers, headers[0]])
    assert reply.status == 401


@pytest.mark.parametrize("method", ["GET", "PUT", "post"])
def test_other_methods_are_405_without_reading(method: str) -> None:
    reply, protocol = rsgi_call(plain_app(), PING, method=method, headers=signed_headers(PING))
    assert reply.status == 405
    assert reply.header("allow") == "POST"
    assert not protocol.body_read


def test_content_length_over_the_limit_is_413_without_reading() -> None:
    reply, protocol = rsgi_call(plain_app(100), b"x" * 101, headers=[(b"content-length", b"101")])
    assert reply.status == 413
    assert not protocol.body_read


def test_body_past_the_limit_under_a_smaller_content_length_is_413() -> None:
    reply, _ = rsgi_call(plain_app(100), b"x" * 101, headers=[(b"content-length", b"10")])
    assert reply.status == 413


def test_streamed_body_over_the_limit_is_413() -> None:
    reply, protocol = rsgi_call(plain_app(100), b"x" * 60, b"x" * 60, headers=signed_headers(PING))
    assert reply.status == 413
    assert protocol.body_read


def test_streamed_body_within_the_limit_is_joined() -> None:
    reply, _ = rsgi_call(plain_app(), PING[:50], PING[50:], headers=signed_headers(PING))
    assert (reply.status, reply.body) == (200, b'{"type":1}')


def test_invalid_content_length_is_400() -> None:
    reply, protocol = rsgi_call(plain_app(), PING, headers=[*signed_headers(PING), (b"content-length", b"ten")])
    assert reply.status == 400
    assert not protocol.body_read


def test_server_that_raises_gives_500_without_the_exception_text(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger=LOGGER):
        reply, _ = rsgi_call(InteractionApp(RaisingServer(SIGNER.public_key)), PING, headers=signed_headers(PING))
    assert reply.status == 500
    assert b"secret" not in reply.body


def test_websocket_is_refused() -> None:
    websocket = FakeWebsocket()
    asyncio.run(plain_app().__rsgi__(FakeScope("GET", FakeHeaders([]), proto="ws"), websocket))
    assert websocket.closed == [403]


def test_init_runs_startup_in_order_and_del_runs_every_shutdown(caplog: pytest.LogCaptureFixture) -> None:
    events: list[str] = []
    app = InteractionApp(
        ReferenceInteractionServer(SIGNER.public_key),
        on_startup=[recorder(events, "start 1"), recorder(events, "start 2")],
        on_shutdown=[recorder(events, "stop 1", fail=True), recorder(events, "stop 2")],
    )
    loop = asyncio.new_event_loop()
    try:
        app.__rsgi_init__(loop)
        assert events == ["start 1", "start 2"]
        with caplog.at_level(logging.ERROR, logger=LOGGER):
            app.__rsgi_del__(loop)
    finally:
        loop.close()
    assert events == ["start 1", "start 2", "stop 1", "stop 2"]
    assert [record.name for record in caplog.records] == [LOGGER]


def test_a_failing_startup_stops_the_start() -> None:
    events: list[str] = []
    app = InteractionApp(
        ReferenceInteractionServer(SIGNER.public_key),
        on_startup=[recorder(events, "start 1", fail=True), recorder(events, "start 2")],
    )
    loop = asyncio.new_event_loop()
    try:
        with pytest.raises(RuntimeError, match="start 1 failed"):
            app.__rsgi_init__(loop)
    finally:
        loop.close()
    assert events == ["start 1"]


@settings(max_examples=200, deadline=None, database=None)
@given(
    method=st.one_of(st.sampled_from(["POST", "GET", "post"]), st.text(max_size=8)),
    headers=st.lists(st.tuples(HEADER_NAMES, st.binary(max_size=160)), max_size=6),
    body=BODIES,
    sign=st.booleans(),
    declare_length=st.booleans(),
    split=st.integers(min_value=1, max_value=4),
    max_body_size=st.one_of(st.just(1_048_576), st.integers(min_value=0, max_value=1_000)),
)
def test_rsgi_and_asgi_give_the_same_reply(
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
    app = plain_app(max_body_size)
    through_asgi = call(app, *chunks, method=method, headers=all_headers)
    through_rsgi, _ = rsgi_call(app, *chunks, method=method, headers=all_headers)
    assert through_rsgi == through_asgi


# ---------------------------------------------------------------------------
# Through granian: the served reference
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served_url() -> Iterator[str]:
    port = free_port()
    with serving("-m", "conformance", "serve", "--port", str(port), "--signing-seed", SEED.hex(), port=port) as url:
        yield url


@pytest.fixture
def served(served_url: str) -> Iterator[httpx.Client]:
    """A client of its own per test: a connection refused mid-body is not reused by the next test."""
    with httpx.Client(base_url=served_url, timeout=httpx.Timeout(10.0), trust_env=False) as http:
        yield http


def _signed(signer: Signer, body: bytes) -> dict[str, str]:
    request = signer.sign(body)
    return {"X-Signature-Ed25519": request.signature.hex(), "X-Signature-Timestamp": request.timestamp.decode()}


@pytest.fixture(scope="module")
def seed_signer() -> Signer:
    from conformance.signing import Signer  # noqa: PLC0415

    return Signer(SEED)


def test_served_ping(served: httpx.Client, seed_signer: Signer) -> None:
    response = served.post("/", content=PING, headers=_signed(seed_signer, PING))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.json() == {"type": 1}


def test_served_duplicate_signature_headers_are_401(served: httpx.Client, seed_signer: Signer) -> None:
    headers = list(_signed(seed_signer, PING).items())
    assert served.post("/", content=PING, headers=[*headers, headers[0]]).status_code == 401


def test_served_get_is_405(served: httpx.Client) -> None:
    response = served.get("/")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


def test_served_chunked_body_over_the_limit_is_413(served: httpx.Client, seed_signer: Signer) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            yield b"x" * 32_768

    response = served.post("/", content=chunks(), headers=_signed(seed_signer, PING))
    assert "content-length" not in response.request.headers
    assert response.status_code == 413


def test_served_chunked_body_within_the_limit_is_answered(served: httpx.Client, seed_signer: Signer) -> None:
    def chunks() -> Iterator[bytes]:
        yield COMMAND[:100]
        yield COMMAND[100:]

    response = served.post("/", content=chunks(), headers=_signed(seed_signer, COMMAND))
    assert response.status_code == 200
    assert response.json()["type"] == 4


# ---------------------------------------------------------------------------
# The bridge's plain-reply shortcut renders exactly what its full rendering does
# ---------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, database=None)
@given(
    status=st.one_of(st.sampled_from([200, 202, 204, 304, 404, 500, 599, 600, 199, True]), st.integers(100, 700)),
    payload=st.one_of(st.none(), st.binary(max_size=40), st.binary(max_size=40).map(bytearray)),
    content_type=st.one_of(st.none(), st.sampled_from(["application/json", "text/plain", "bad\nvalue", "café"])),
    charset=st.one_of(st.none(), st.sampled_from(["utf-8", "iso-8859-1", "not a token"])),
    files=st.sampled_from([None, (), []]),
)
def test_a_reply_without_headers_renders_as_one_with_an_empty_mapping(
    *, status: object, payload: object, content_type: object, charset: object, files: object
) -> None:
    # No extra headers takes the bridge's shortcut for plain replies; an empty mapping takes its full rendering.
    shortcut = LooseResponse(status, payload, content_type, charset, None, files)
    full = LooseResponse(status, payload, content_type, charset, dict[str, str](), files)
    logging.disable(logging.ERROR)  # the unsendable ones are logged; the replies are what is compared
    try:
        replies = [call(InteractionApp(RecordingServer(response)), PING) for response in (shortcut, full)]
    finally:
        logging.disable(logging.NOTSET)
    assert replies[0] == replies[1]
