"""The black-box transport: cases sent over HTTP to a running endpoint.

Every request goes only to the URL the user gave, with explicit timeouts, no
proxies from the environment and no redirects followed. A reply is read back
into the same `Reply` the in-process transport produces; a ``multipart/form-data``
reply is split with the standard library's MIME parser into its
``payload_json`` part (the body) and its ``files[n]`` parts.

A body larger than `STREAMING_THRESHOLD_BYTES` is not sent through httpx, which
reads the reply only once the whole body is sent: an endpoint may answer (413,
say) after the head alone and then drop the connection, and the reply would be
lost to the failed upload. Such a request is spoken with h11 over the event
loop's socket calls instead, the upload running alongside the reading of the
reply. The upload stops once the reply's head has arrived, a reset after that
is no error, and `Reply.request_complete` says whether the upload had finished.
asyncio's stream transports are not used for it: once a write fails they stop
reading, and so lose a reply that had already arrived.
"""

from __future__ import annotations

__all__ = (
    "DEFAULT_READ_TIMEOUT_S",
    "STREAMING_THRESHOLD_BYTES",
    "HttpTransport",
    "check_url",
    "header_bytes",
    "read_reply",
)

import asyncio
import email.message
import email.parser
import email.policy
import functools
import json
import socket
import ssl
import time
import typing
import urllib.parse

import h11
import httpx

import interaction_spec
from conformance.evidence import request_headers
from conformance.model import Reply
from conformance.model import ReplyFile
from conformance.model import TargetError
from conformance.model import TargetUnresponsiveError

if typing.TYPE_CHECKING:
    from conformance.model import Request

DEFAULT_READ_TIMEOUT_S: typing.Final = interaction_spec.RESPONSE_DEADLINE_S + 1.0
"""How long to wait for a reply: Discord's deadline and a second, not much more."""
STREAMING_THRESHOLD_BYTES: typing.Final = 64 * 1024
"""A request body larger than this is streamed while the reply is read, rather than sent through httpx."""
_CONNECT_TIMEOUT_S: typing.Final = 3.0
_CHUNK_BYTES: typing.Final = 64 * 1024
_RECEIVE_BYTES: typing.Final = 64 * 1024
_CLOSED_WITHOUT_REPLY: typing.Final = "HTTP exchange failed: the endpoint closed the connection without a reply"
_SEND_BUFFER_BYTES: typing.Final = 256 * 1024
"""The socket's send buffer on the streamed path: small enough that a body the operating system
has taken is close to a body the endpoint has been sent, so `Reply.request_complete` means something."""


def check_url(url: str) -> str:
    """Return ``url`` if it is an absolute http(s) URL with a host.

    Raises
    ------
    ValueError
        Saying what is wrong with it.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"--url must be an absolute http:// or https:// URL, not {url!r}")
    return url


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """Return the one TLS context every client shares: making one costs tens of milliseconds."""
    return ssl.create_default_context()


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    message = email.message.Message()
    message["content-type"] = value
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


def _split_multipart(content_type: str, body: bytes) -> tuple[bytes, str | None, str | None, tuple[ReplyFile, ...]]:
    """Split a multipart/form-data reply into its JSON and its files.

    The JSON is the ``payload_json`` part, whatever Content-Type that part declares (Discord sets no rule for it);
    without one, the JSON parameters came as form fields (the JSON body "can optionally be provided using the
    payload_json parameter", reference.mdx:433), so the JSON is the object of those fields, each value read as JSON
    where it parses. A part with a filename, or named ``files[...]``, is a file.
    """
    document = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    if not document.is_multipart():
        raise TargetError("the reply says multipart/form-data but is not a readable multipart body")
    payload: bytes | None = None
    charset: str | None = None
    fields: dict[str, object] = {}
    files: list[ReplyFile] = []
    for part in document.iter_parts():
        name = part.get_param("name", header="content-disposition")
        part_name = name if isinstance(name, str) else ""
        filename = part.get_filename()
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes):
            data = b""
        if part_name == "payload_json":
            payload = data
            charset = _content_type(part.get("content-type"))[1]
        elif filename is None and part_name and not part_name.startswith("files["):
            fields[part_name] = _form_value(data)
        else:
            files.append(ReplyFile(filename if isinstance(filename, str) else "", data, part_name))
    if payload is None:
        payload = json.dumps(fields).encode()
    return payload, "application/json", charset, tuple(files)


def _form_value(data: bytes) -> object:
    """Read a form field's value: as JSON where it parses (``4`` is the number 4), else as text."""
    text = data.decode("utf-8", errors="replace")
    try:
        value: object = json.loads(text)
    except ValueError:
        return text
    return value


def read_reply(
    status: int, body: bytes, headers: dict[str, str], elapsed_s: float, request_complete: bool | None = None
) -> Reply:
    """Build a `Reply` from a message whose header names are lower case, splitting a multipart body.

    The Discord API double reads the bodies of REST callbacks with it too, so that a callback sent by REST is
    checked exactly as one in an HTTP reply.

    Raises
    ------
    TargetError
        If a body declared ``multipart/form-data`` is not a readable multipart body with a ``payload_json`` part.
    """
    raw_type = headers.get("content-type")
    content_type, charset = _content_type(raw_type)
    if content_type == "multipart/form-data" and raw_type is not None:
        payload, content_type, charset, files = _split_multipart(raw_type, body)
        return Reply(status, payload, content_type, charset, headers, files, elapsed_s, request_complete, body)
    return Reply(status, body, content_type, charset, headers, (), elapsed_s, request_complete)


def header_bytes(value: str) -> bytes:
    """Return a header value as sent: Latin-1, as HTTP reads it, or UTF-8 for text Latin-1 cannot write."""
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode()


def _decode_header(value: bytes) -> str:
    try:
        return value.decode()
    except UnicodeDecodeError:
        return value.decode("latin-1")


async def _settle(task: asyncio.Task[typing.Any]) -> None:
    """Cancel ``task`` if it is still running and wait until it has ended, whatever its outcome."""
    if not task.done():
        task.cancel()
        await asyncio.wait({task})


class _Connection:
    """A TCP connection, under TLS for https, whose failed sends leave receiving intact."""

    __slots__ = ("_incoming", "_loop", "_outgoing", "_sock", "_tls")

    def __init__(self, sock: socket.socket, server_hostname: str | None) -> None:
        self._loop = asyncio.get_running_loop()
        self._sock = sock
        self._incoming = ssl.MemoryBIO()
        self._outgoing = ssl.MemoryBIO()
        self._tls: ssl.SSLObject | None = None
        if server_hostname is not None:
            self._tls = _tls_context().wrap_bio(self._incoming, self._outgoing, server_hostname=server_hostname)

    @classmethod
    async def open(cls, host: str, port: int, *, tls: bool) -> _Connection:
        """Connect to ``host`` and finish the TLS handshake if ``tls``.

        Raises
        ------
        OSError
            If no address of ``host`` accepts the connection, or the handshake fails.
        """
        loop = asyncio.get_running_loop()
        addresses = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        error = OSError(f"no address found for {host}")
        for family, kind, protocol, _, address in addresses:
            sock = socket.socket(family, kind, protocol)
            try:
                sock.setblocking(False)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, _SEND_BUFFER_BYTES)
                await loop.sock_connect(sock, address)
            except OSError as exc:
                sock.close()
                error = exc
                continue
            except BaseException:
                sock.close()
                raise
            connection = cls(sock, host if tls else None)
            try:
                await connection._handshake()
            except BaseException:
                connection.close()
                raise
            return connection
        raise error

    async def _handshake(self) -> None:
        if self._tls is None:
            return
        while True:
            try:
                self._tls.do_handshake()
            except ssl.SSLWantReadError:
                await self._flush()
                data = await self._loop.sock_recv(self._sock, _RECEIVE_BYTES)
                if not data:
                    raise ConnectionResetError("the connection closed during the TLS handshake") from None
                self._incoming.write(data)
            else:
                await self._flush()
                return

    async def _flush(self) -> None:
        pending = self._outgoing.read()
        if pending:
            await self._loop.sock_sendall(self._sock, pending)

    async def send(self, data: bytes) -> None:
        """Send all of ``data``; raise `OSError` if the connection fails."""
        if self._tls is None:
            await self._loop.sock_sendall(self._sock, data)
        else:
            self._tls.write(data)
            await self._flush()

    async def receive(self) -> bytes:
        """Return the next bytes that arrive, ``b""`` at the end; raise `OSError` if the connection fails."""
        if self._tls is None:
            return await self._loop.sock_recv(self._sock, _RECEIVE_BYTES)
        while True:
            try:
                return self._tls.read(_RECEIVE_BYTES)
            except ssl.SSLWantReadError:
                pass
            except (ssl.SSLZeroReturnError, ssl.SSLEOFError):
                return b""
            data = await self._loop.sock_recv(self._sock, _RECEIVE_BYTES)
            if data:
                self._incoming.write(data)
            else:
                self._incoming.write_eof()

    def close(self) -> None:
        """Close the socket, without a TLS goodbye: the exchange is over either way."""
        self._sock.close()


class _StreamedExchange:
    """One request whose body is uploaded while the reply is read, on a connection of its own.

    Parameters
    ----------
    connection : _Connection
        The open connection, used for this request alone.
    timeout_s : float
        How long either direction may go without progress before the reply is given up on.
    """

    __slots__ = ("_active_at", "_connection", "_h11", "_loop", "_timeout_s", "_uploaded")

    def __init__(self, connection: _Connection, timeout_s: float) -> None:
        self._connection = connection
        self._timeout_s = timeout_s
        self._loop = asyncio.get_running_loop()
        self._h11 = h11.Connection(h11.CLIENT)
        self._uploaded = False
        self._active_at = self._loop.time()

    async def run(self, request: h11.Request, body: bytes, started: float) -> Reply:
        """Send ``request`` with ``body`` and return the reply.

        Raises
        ------
        TargetUnresponsiveError
            If the endpoint stopped answering for ``timeout_s``.
        TargetError
            If the connection broke, or the reply was not HTTP, before the reply's head arrived.
        """
        head = self._h11.send(request) or b""
        upload = asyncio.create_task(self._upload(head, body))
        try:
            return await self._read_reply(upload, started)
        except asyncio.TimeoutError:
            raise TargetUnresponsiveError(f"no reply within {self._timeout_s:g}s") from None
        finally:
            await _settle(upload)

    async def _upload(self, head: bytes, body: bytes) -> None:
        """Send the head and the body; stop quietly if sending fails or stalls, since the reply decides."""
        try:
            await self._send(head)
            for start in range(0, len(body), _CHUNK_BYTES):
                await self._send(self._h11.send(h11.Data(data=body[start : start + _CHUNK_BYTES])) or b"")
            await self._send(self._h11.send(h11.EndOfMessage()) or b"")
        except (OSError, asyncio.TimeoutError, h11.LocalProtocolError):
            return
        self._uploaded = True

    async def _send(self, data: bytes) -> None:
        if data:
            await asyncio.wait_for(self._connection.send(data), self._timeout_s)
            self._active_at = self._loop.time()

    async def _receive(self) -> bytes:
        """Return the next bytes received; time out after ``timeout_s`` with no progress either way."""
        receiving = asyncio.create_task(self._connection.receive())
        try:
            while not receiving.done():
                remaining = self._active_at + self._timeout_s - self._loop.time()
                if remaining <= 0:
                    raise asyncio.TimeoutError
                await asyncio.wait({receiving}, timeout=remaining)
            data = receiving.result()
        finally:
            await _settle(receiving)
        self._active_at = self._loop.time()
        return data

    async def _read_reply(self, upload: asyncio.Task[None], started: float) -> Reply:
        response: h11.Response | None = None
        request_complete = False
        body: list[bytes] = []
        ended = False
        while True:
            try:
                event = self._h11.next_event()
                if event is h11.NEED_DATA:
                    data = await self._receive()
                    ended = not data
                    self._h11.receive_data(data)
                    continue
            except asyncio.TimeoutError:
                raise  # an OSError since Python 3.11, but no broken connection
            except (OSError, h11.RemoteProtocolError) as exc:
                if response is not None and (ended or isinstance(exc, OSError)):
                    break  # once the head is in, a connection that breaks or closes short only ends the body
                if ended:
                    raise TargetError(_CLOSED_WITHOUT_REPLY) from None
                raise TargetError(f"HTTP exchange failed: {type(exc).__name__}: {exc}") from None
            if isinstance(event, h11.Response):
                response = event
                request_complete = self._uploaded
                upload.cancel()
            elif isinstance(event, h11.Data):
                body.append(event.data)
            elif not isinstance(event, h11.InformationalResponse):
                break
        if response is None:
            raise TargetError(_CLOSED_WITHOUT_REPLY)
        elapsed = time.perf_counter() - started
        headers: dict[str, str] = {}
        for name, value in response.headers:
            key = name.decode("latin-1")
            headers[key] = f"{headers[key]}, {_decode_header(value)}" if key in headers else _decode_header(value)
        return read_reply(response.status_code, b"".join(body), headers, elapsed, request_complete)


class HttpTransport:
    """Sends each request to ``url``, each on a fresh connection, through one client per case.

    Parameters
    ----------
    url : str
        The endpoint's interactions URL.
    read_timeout_s : float
        How long to wait for a reply before giving up on it.
    """

    __slots__ = ("_client", "_read_timeout_s", "_url", "path")

    def __init__(self, url: str, *, read_timeout_s: float = DEFAULT_READ_TIMEOUT_S) -> None:
        self._url = check_url(url)
        parts = urllib.parse.urlsplit(url)
        self.path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        """The request target every request is sent to: the URL's path and query."""
        self._read_timeout_s = read_timeout_s
        self._client: httpx.AsyncClient | None = None

    def _get_client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                verify=_tls_context(),
                timeout=httpx.Timeout(self._read_timeout_s, connect=_CONNECT_TIMEOUT_S),
                limits=httpx.Limits(max_keepalive_connections=0),
                trust_env=False,
                follow_redirects=False,
            )
        return self._client

    async def aclose(self) -> None:
        """Close the client, if one was made."""
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def exchange(self, request: Request) -> Reply:
        """Send one request and read the reply; raise `TargetError` if none came.

        A body over `STREAMING_THRESHOLD_BYTES` is uploaded while the reply is read, so a reply
        that comes before the upload ends is read all the same; see `Reply.request_complete`.
        """
        headers = {name.encode(): header_bytes(value) for name, value in request_headers(request)}
        if len(request.body) > STREAMING_THRESHOLD_BYTES:
            return await self._exchange_streamed(request, headers)
        client = self._get_client()
        started = time.perf_counter()
        try:
            response = await client.request(request.method, self._url, content=request.body, headers=headers)
        except httpx.TimeoutException:
            raise TargetUnresponsiveError(f"no reply within {self._read_timeout_s:g}s") from None
        except httpx.ConnectError as exc:
            raise TargetUnresponsiveError(f"cannot connect: {exc}") from None
        except httpx.HTTPError as exc:
            raise TargetError(f"HTTP exchange failed: {type(exc).__name__}: {exc}") from None
        elapsed = time.perf_counter() - started
        return read_reply(response.status_code, response.content, dict(response.headers), elapsed, None)

    async def _exchange_streamed(self, request: Request, headers: dict[bytes, bytes]) -> Reply:
        """Send a large request on a connection of its own, reading the reply while the body goes."""
        parts = urllib.parse.urlsplit(self._url)
        tls = parts.scheme == "https"
        host = parts.hostname or ""
        target = self.path
        fields = [(b"host", parts.netloc.rpartition("@")[2].encode()), (b"accept", b"*/*")]
        fields += [(b"accept-encoding", b"identity"), (b"connection", b"close"), *headers.items()]
        if b"content-length" not in {name.lower() for name, _ in fields}:
            fields.append((b"content-length", str(len(request.body)).encode()))
        try:
            head = h11.Request(method=request.method, target=target, headers=fields)
        except h11.LocalProtocolError as exc:
            raise TargetError(f"HTTP exchange failed: LocalProtocolError: {exc}") from None
        started = time.perf_counter()
        try:
            connection = await asyncio.wait_for(
                _Connection.open(host, parts.port or (443 if tls else 80), tls=tls), _CONNECT_TIMEOUT_S
            )
        except asyncio.TimeoutError:
            raise TargetUnresponsiveError(f"cannot connect: no connection within {_CONNECT_TIMEOUT_S:g}s") from None
        except OSError as exc:
            raise TargetUnresponsiveError(f"cannot connect: {exc}") from None
        try:
            return await _StreamedExchange(connection, self._read_timeout_s).run(head, request.body, started)
        finally:
            connection.close()
