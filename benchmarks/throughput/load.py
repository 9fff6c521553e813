"""The load generator: keep-alive connections, each sending its next request as soon as its reply arrives.

It is the same for every server measured. Each request of a workload is
encoded once, before any timing, by h11 (the HTTP/1.1 bytes a client sends);
replies are parsed by httptools' C parser. So the client's own cost per request
is small next to any server's, and on a two-core machine it leaves the second
core to the server.
"""

from __future__ import annotations

__all__ = ("Measurement", "encode_requests", "fetch", "measure")

import asyncio
import dataclasses
import functools
import math
import time
import typing

import h11
import httptools

if typing.TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Sequence

    from benchmarks.throughput.workloads import Workload

_HOST: typing.Final = "127.0.0.1"
_RECONNECT_PAUSE_S: typing.Final = 0.01


def encode_requests(load: Workload, port: int, path: str) -> tuple[bytes, ...]:
    """Return the HTTP/1.1 bytes of each request of ``load``, as h11 writes them.

    Parameters
    ----------
    load : Workload
        The requests.
    port : int
        The server's port on 127.0.0.1 (for the ``Host`` header).
    path : str
        The request target.

    Returns
    -------
    tuple[bytes, ...]
        One encoded request per request of the pool.
    """
    encoded: list[bytes] = []
    for request in load.requests:
        connection = h11.Connection(h11.CLIENT)
        headers = [
            ("Host", f"{_HOST}:{port}"),
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(request.body))),
            ("X-Signature-Ed25519", request.signature),
            ("X-Signature-Timestamp", request.timestamp),
        ]
        parts = [
            connection.send(h11.Request(method="POST", target=path, headers=headers)),
            connection.send(h11.Data(data=request.body)),
            connection.send(h11.EndOfMessage()),
        ]
        encoded.append(b"".join(part for part in parts if part))
    return tuple(encoded)


@dataclasses.dataclass(frozen=True, slots=True)
class Measurement:
    """One timed window of one server answering one workload.

    Attributes
    ----------
    requests_per_second : float
        Right replies received in the window, divided by its length.
    p50 : float
        The median latency of the requests sent in the window, in seconds.
    p99 : float
        Their 99th percentile latency, in seconds.
    errors : int
        Requests sent in the window that failed or were answered wrongly.
    server_cpu : float | None
        The server's CPU use over the window, in cores (`None` if unknown).
    client_cpu : float
        The load generator's CPU use over the window, in cores.
    """

    requests_per_second: float
    p50: float
    p99: float
    errors: int
    server_cpu: float | None
    client_cpu: float

    @property
    def server_cpu_per_request(self) -> float | None:
        """Server CPU seconds per reply, or `None` if unknown."""
        if self.server_cpu is None or self.requests_per_second <= 0:
            return None
        return self.server_cpu / self.requests_per_second


class _Window:
    """The shared state of one measurement: the requests, the window and the tallies."""

    __slots__ = ("begin", "completed", "end", "errors", "expected", "latencies", "requests", "stride")

    def __init__(self, requests: Sequence[bytes], expected: bytes, begin: float, end: float, stride: int) -> None:
        self.requests = requests
        self.expected = expected
        self.begin = begin
        self.end = end
        self.stride = stride
        self.latencies: list[float] = []
        self.completed = 0
        self.errors = 0

    def record(self, start: float, stop: float, good: bool) -> None:
        if start >= self.begin:
            self.latencies.append(stop - start)
            if not good:
                self.errors += 1
        if good and self.begin <= stop <= self.end:
            self.completed += 1


class _Connection(asyncio.Protocol):
    """One keep-alive connection: sends a request, waits for its reply, sends the next, until the window ends."""

    __slots__ = ("_body", "_done", "_parser", "_sent_at", "_transport", "_window", "index")

    def __init__(self, window: _Window, index: int, done: asyncio.Future[None]) -> None:
        self._window = window
        self._done = done
        self.index = index
        self._body: list[bytes] = []
        self._sent_at: float | None = None
        self._transport: asyncio.Transport | None = None
        self._parser = httptools.HttpResponseParser(self)

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = typing.cast("asyncio.Transport", transport)
        self._send()

    def _send(self) -> None:
        now = time.perf_counter()
        transport = typing.cast("asyncio.Transport", self._transport)
        if now >= self._window.end:
            transport.close()
            return
        requests = self._window.requests
        self._sent_at = now
        transport.write(requests[self.index % len(requests)])
        self.index += self._window.stride

    def data_received(self, data: bytes) -> None:
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError:
            self._fail()

    def on_body(self, body: bytes) -> None:
        self._body.append(body)

    def on_message_complete(self) -> None:
        stop = time.perf_counter()
        body = b"".join(self._body)
        self._body.clear()
        good = self._parser.get_status_code() == 200 and body == self._window.expected
        if self._sent_at is not None:
            self._window.record(self._sent_at, stop, good)
            self._sent_at = None
        if self._parser.should_keep_alive():
            self._send()
        else:
            typing.cast("asyncio.Transport", self._transport).close()

    def _fail(self) -> None:
        if self._sent_at is not None:
            self._window.record(self._sent_at, time.perf_counter(), False)
            self._sent_at = None
        typing.cast("asyncio.Transport", self._transport).close()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._sent_at is not None:
            self._window.record(self._sent_at, time.perf_counter(), False)
            self._sent_at = None
        if not self._done.done():
            self._done.set_result(None)


def _same(connection: _Connection) -> _Connection:
    return connection


async def _keep_connected(port: int, window: _Window, index: int) -> None:
    """Run one connection slot until the window ends, reconnecting whenever the server closes the connection."""
    loop = asyncio.get_running_loop()
    while time.perf_counter() < window.end:
        done: asyncio.Future[None] = loop.create_future()
        connection = _Connection(window, index, done)
        try:
            await loop.create_connection(functools.partial(_same, connection), _HOST, port)
        except OSError:
            window.errors += 1
            await asyncio.sleep(_RECONNECT_PAUSE_S)
            continue
        await done
        index = connection.index


def _percentile(ordered: Sequence[float], share: float) -> float:
    """Return the nearest-rank percentile of sorted values (``nan`` if there are none)."""
    if not ordered:
        return math.nan
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


async def measure(
    port: int,
    requests: Sequence[bytes],
    expected: bytes,
    *,
    seconds: float,
    ramp: float,
    concurrency: int,
    server_cpu: Callable[[], float | None],
) -> Measurement:
    """Load one server with one workload and measure it.

    ``concurrency`` connections each send a request as soon as their previous
    reply has arrived. Nothing is counted during the first ``ramp`` seconds,
    while the connections open; then the window lasts ``seconds``.

    Parameters
    ----------
    port : int
        The server's port on 127.0.0.1.
    requests : Sequence[bytes]
        The encoded requests (`encode_requests`), sent round-robin.
    expected : bytes
        The body every reply must have (with status 200) to count as right.
    seconds : float
        The length of the timed window.
    ramp : float
        The untimed lead-in.
    concurrency : int
        The number of connections (and requests in flight).
    server_cpu : Callable[[], float | None]
        Returns the CPU seconds the server has used so far (`None` if unknown).

    Returns
    -------
    Measurement
        The figures of the window.
    """
    clock = time.perf_counter
    begin = clock() + ramp
    window = _Window(requests, expected, begin, begin + seconds, concurrency)
    tasks = [asyncio.create_task(_keep_connected(port, window, index)) for index in range(concurrency)]
    await asyncio.sleep(max(0.0, begin - clock()))
    server_before, client_before, wall_before = server_cpu(), time.process_time(), clock()
    await asyncio.sleep(max(0.0, window.end - clock()))
    server_after, client_after, wall_after = server_cpu(), time.process_time(), clock()
    await asyncio.gather(*tasks)

    wall = max(wall_after - wall_before, 1e-9)
    used = None if server_before is None or server_after is None else (server_after - server_before) / wall
    window.latencies.sort()
    return Measurement(
        requests_per_second=window.completed / seconds,
        p50=_percentile(window.latencies, 0.50),
        p99=_percentile(window.latencies, 0.99),
        errors=window.errors,
        server_cpu=used,
        client_cpu=(client_after - client_before) / wall,
    )


async def fetch(port: int, request: bytes, timeout: float) -> tuple[int, bytes]:
    """Send one encoded request on a connection of its own and return the reply's status and body.

    Parameters
    ----------
    port : int
        The server's port on 127.0.0.1.
    request : bytes
        The encoded request.
    timeout : float
        The most seconds to wait for the reply.

    Returns
    -------
    tuple[int, bytes]
        The status and body.

    Raises
    ------
    OSError
        If the connection fails or closes before a whole reply.
    TimeoutError
        If the reply takes longer than ``timeout``.
    """
    loop = asyncio.get_running_loop()
    reply: asyncio.Future[tuple[int, bytes]] = loop.create_future()
    body: list[bytes] = []

    class _Once(asyncio.Protocol):
        __slots__ = ("parser",)

        def __init__(self) -> None:
            self.parser = httptools.HttpResponseParser(self)

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            typing.cast("asyncio.Transport", transport).write(request)

        def data_received(self, data: bytes) -> None:
            try:
                self.parser.feed_data(data)
            except httptools.HttpParserError as exc:
                if not reply.done():
                    reply.set_exception(OSError(f"unparsable reply: {exc}"))

        def on_body(self, chunk: bytes) -> None:
            body.append(chunk)

        def on_message_complete(self) -> None:
            if not reply.done():
                reply.set_result((self.parser.get_status_code(), b"".join(body)))

        def connection_lost(self, exc: Exception | None) -> None:
            if not reply.done():
                reply.set_exception(OSError("the connection closed before a whole reply"))

    transport, _ = await asyncio.wait_for(loop.create_connection(_Once, _HOST, port), timeout)
    try:
        return await asyncio.wait_for(reply, timeout)
    finally:
        transport.close()
