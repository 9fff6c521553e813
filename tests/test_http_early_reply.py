"""The HTTP transport reads a reply that comes before the request body is all sent.

A body over `STREAMING_THRESHOLD_BYTES` is uploaded while the reply is read, so an
endpoint that answers 413 once it has the head, and then resets the connection
under the upload, is read every time, with ``request_complete=False``; one that
reads the whole body first gives ``request_complete=True``. Failures to connect
or to answer map to the same errors as on the httpx path.
"""

from __future__ import annotations

import asyncio
import collections.abc
import typing

import pytest

from conformance.cases import ALL_CASES
from conformance.cases.transport import OVERSIZED_BYTES
from conformance.http import DEFAULT_READ_TIMEOUT_S
from conformance.http import STREAMING_THRESHOLD_BYTES
from conformance.http import HttpTransport
from conformance.model import Reply
from conformance.model import Request
from conformance.model import TargetError
from conformance.model import TargetUnresponsiveError
from conformance.runner import Outcome
from conformance.runner import Runner
from conformance.signing import Signer
from tests.endpoints import SEED
from tests.endpoints import free_port
from tests.endpoints import serving
from tests.endpoints.early_reply import Oversized
from tests.endpoints.early_reply import serve

_ATTEMPTS: typing.Final = 20
_OVERSIZED: typing.Final = b" " * OVERSIZED_BYTES
_STREAMED: typing.Final = b" " * (STREAMING_THRESHOLD_BYTES + 1)
_SHORT_TIMEOUT_S: typing.Final = 0.5
"""The read timeout against an endpoint that never answers: it is always waited out, so it is short."""
_LONG_TIMEOUT_S: typing.Final = 60.0
_BOUNDARY: typing.Final = "early-reply-boundary"
_MULTIPART: typing.Final = (
    f"--{_BOUNDARY}\r\n"
    'Content-Disposition: form-data; name="payload_json"\r\n'
    "Content-Type: application/json; charset=utf-8\r\n\r\n"
    '{"type":4,"data":{"attachments":[{"id":0}]}}\r\n'
    f"--{_BOUNDARY}\r\n"
    'Content-Disposition: form-data; name="files[0]"; filename="a.txt"\r\n'
    "Content-Type: text/plain\r\n\r\n"
    "attached\r\n"
    f"--{_BOUNDARY}--\r\n"
).encode()

_Outcome = tuple[int, bool | None] | str
_T = typing.TypeVar("_T")


def _request(body: bytes) -> Request:
    return Signer(SEED).sign(body)


async def _exchange(url: str, body: bytes, *, read_timeout_s: float = DEFAULT_READ_TIMEOUT_S) -> Reply:
    transport = HttpTransport(url, read_timeout_s=read_timeout_s)
    try:
        return await transport.exchange(_request(body))
    finally:
        await transport.aclose()


async def _outcomes(url: str, attempts: int) -> list[_Outcome]:
    """Send the 2 MiB request ``attempts`` times; note each reply's status and completeness, or the error."""
    outcomes: list[_Outcome] = []
    for _ in range(attempts):
        try:
            reply = await _exchange(url, _OVERSIZED)
        except TargetError as exc:
            outcomes.append(f"{type(exc).__name__}: {exc}")
        else:
            outcomes.append((reply.status, reply.request_complete))
    return outcomes


async def _with_endpoint(
    scenario: collections.abc.Callable[[str], collections.abc.Awaitable[_T]],
    oversized: Oversized = "early",
    reply: tuple[str, bytes] = ("application/json", b'{"type":1}'),
) -> _T:
    """Run ``scenario(url)`` against the early-reply endpoint served in the running event loop."""
    async with serve(oversized=oversized, reply=reply) as port:
        return await scenario(f"http://127.0.0.1:{port}/interactions")


def test_early_413_is_read_every_time_in_process() -> None:
    outcomes = asyncio.run(_with_endpoint(lambda url: _outcomes(url, _ATTEMPTS)))
    assert outcomes == [(413, False)] * _ATTEMPTS


def test_early_413_is_read_every_time_from_another_process() -> None:
    port = free_port()
    with serving("-m", "tests.endpoints.early_reply", "--port", str(port), port=port) as url:
        outcomes = asyncio.run(_outcomes(url, _ATTEMPTS))
    assert outcomes == [(413, False)] * _ATTEMPTS


def test_413_after_the_whole_body_has_request_complete() -> None:
    reply = asyncio.run(_with_endpoint(lambda url: _exchange(url, _OVERSIZED), "drained"))
    assert (reply.status, reply.request_complete) == (413, True)
    assert (reply.body, reply.content_type) == (b"request body too large", "text/plain")


def test_streamed_body_within_the_limit_gets_the_whole_reply() -> None:
    reply = asyncio.run(_with_endpoint(lambda url: _exchange(url, _STREAMED)))
    assert (reply.status, reply.request_complete) == (200, True)
    assert reply.json_object() == {"type": 1}
    assert reply.headers["content-type"] == "application/json"


def test_small_body_goes_through_httpx() -> None:
    reply = asyncio.run(_with_endpoint(lambda url: _exchange(url, b'{"type":1}')))
    assert (reply.status, reply.request_complete) == (200, None)
    assert reply.json_object() == {"type": 1}


def test_multipart_reply_is_split_alike_on_both_paths() -> None:
    async def both(url: str) -> tuple[Reply, Reply]:
        return await _exchange(url, b'{"type":1}'), await _exchange(url, _STREAMED)

    multipart = (f"multipart/form-data; boundary={_BOUNDARY}", _MULTIPART)
    small, streamed = asyncio.run(_with_endpoint(both, reply=multipart))
    assert streamed.files == small.files
    assert (streamed.status, streamed.body, streamed.content_type, streamed.charset) == (
        small.status,
        small.body,
        small.content_type,
        small.charset,
    )
    assert streamed.body == b'{"type":4,"data":{"attachments":[{"id":0}]}}'
    assert [(file.filename, file.data) for file in streamed.files] == [("a.txt", b"attached")]


def test_refused_connection_is_unresponsive() -> None:
    with pytest.raises(TargetUnresponsiveError, match=r"^cannot connect: "):
        asyncio.run(_exchange(f"http://127.0.0.1:{free_port()}/", _OVERSIZED))


def test_close_without_an_answer_is_an_error() -> None:
    message = r"^HTTP exchange failed: (the endpoint closed the connection without a reply|ConnectionResetError: )"
    with pytest.raises(TargetError, match=message) as caught:
        asyncio.run(_with_endpoint(lambda url: _exchange(url, _OVERSIZED), "silent"))
    assert not isinstance(caught.value, TargetUnresponsiveError)


@pytest.mark.parametrize(
    ("kind", "read_timeout_s", "error", "message"),
    [
        # An endpoint that closes or answers garbage does so at once: the generous read timeout is never waited out,
        # and a busy machine's slow endpoint cannot turn its answer into a timeout.
        ("close", _LONG_TIMEOUT_S, TargetError, "^HTTP exchange failed: "),
        ("garbage", _LONG_TIMEOUT_S, TargetError, "^HTTP exchange failed: RemoteProtocolError: "),
        ("hang", _SHORT_TIMEOUT_S, TargetUnresponsiveError, f"^no reply within {_SHORT_TIMEOUT_S:g}s$"),
    ],
)
def test_faulty_endpoint_gives_the_httpx_path_errors(
    kind: str, read_timeout_s: float, error: type[TargetError], message: str
) -> None:
    port = free_port()
    public_key = Signer(SEED).public_key.hex()
    command = ("-m", "tests.endpoints.faulty", kind, "--port", str(port), "--public-key", public_key)
    with serving(*command, port=port) as url, pytest.raises(error, match=message) as caught:
        asyncio.run(_exchange(url, _OVERSIZED, read_timeout_s=read_timeout_s))
    assert type(caught.value) is error


def _early_refusal_outcome(oversized: Oversized) -> tuple[Outcome, str]:
    """Run case http.body-limit-early against the endpoint in a mode; return its outcome and detail."""

    async def scenario(url: str) -> tuple[Outcome, str]:
        def run() -> tuple[Outcome, str]:
            with Runner(Signer(SEED), transport_factory=lambda: HttpTransport(url)) as runner:
                result = runner.run_case(_EARLY_CASE)
            return result.outcome, result.detail

        return await asyncio.to_thread(run)

    return asyncio.run(_with_endpoint(scenario, oversized))


_EARLY_CASE: typing.Final = next(case for case in ALL_CASES if case.clause.id == "http.body-limit-early")


@pytest.mark.parametrize("oversized", ["early", "at-limit"])
def test_refusing_before_the_end_of_the_body_passes_the_early_case(oversized: Oversized) -> None:
    for _ in range(5):
        assert _early_refusal_outcome(oversized) == (Outcome.PASSED, "")


def test_refusing_only_after_the_whole_body_fails_the_early_case() -> None:
    outcome, detail = _early_refusal_outcome("drained")
    assert outcome is Outcome.FAILED
    assert detail == "the 413 reply to an unsigned 16 MiB PING came only after the whole body was sent"
