"""The black-box transport: cases sent over HTTP to a running endpoint.

Every request goes only to the URL the user gave, with explicit timeouts, no
proxies from the environment and no redirects followed. A reply is read back
into the same `Reply` the in-process transport produces; a ``multipart/form-data``
reply is split with the standard library's MIME parser into its
``payload_json`` part (the body) and its ``files[n]`` parts.
"""

from __future__ import annotations

__all__ = ("DEFAULT_READ_TIMEOUT_S", "HttpTransport", "check_url")

import email.message
import email.parser
import email.policy
import functools
import ssl
import time
import typing
import urllib.parse

import httpx

import interaction_spec
from conformance.model import Reply
from conformance.model import ReplyFile
from conformance.model import TargetError
from conformance.model import TargetUnresponsiveError

if typing.TYPE_CHECKING:
    from conformance.model import Request

DEFAULT_READ_TIMEOUT_S: typing.Final = interaction_spec.RESPONSE_DEADLINE_S + 1.0
"""How long to wait for a reply: Discord's deadline and a second, not much more."""
_CONNECT_TIMEOUT_S: typing.Final = 3.0
_USER_AGENT: typing.Final = f"interaction-conformance/{interaction_spec.__version__}"
_SIGNATURE: typing.Final = interaction_spec.SIGNATURE_HEADER.encode()
_TIMESTAMP: typing.Final = interaction_spec.TIMESTAMP_HEADER.encode()


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
    """Split a multipart/form-data reply into its payload_json part and its files."""
    document = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    if not document.is_multipart():
        raise TargetError("the reply says multipart/form-data but is not a readable multipart body")
    payload: bytes | None = None
    payload_type: tuple[str | None, str | None] = (None, None)
    files: list[ReplyFile] = []
    for part in document.iter_parts():
        name = part.get_param("name", header="content-disposition")
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes):
            data = b""
        if name == "payload_json":
            payload = data
            payload_type = _content_type(part.get("content-type"))
        else:
            filename = part.get_filename()
            files.append(ReplyFile(filename if isinstance(filename, str) else "", data))
    if payload is None:
        raise TargetError("the multipart reply has no payload_json part")
    return payload, payload_type[0] or "application/json", payload_type[1], tuple(files)


class HttpTransport:
    """Sends each request to ``url``, each on a fresh connection, through one client per case.

    Parameters
    ----------
    url : str
        The endpoint's interactions URL.
    read_timeout_s : float
        How long to wait for a reply before giving up on it.
    """

    __slots__ = ("_client", "_read_timeout_s", "_url")

    def __init__(self, url: str, *, read_timeout_s: float = DEFAULT_READ_TIMEOUT_S) -> None:
        self._url = check_url(url)
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
        """Send one request and read the reply; raise `TargetError` if none came."""
        headers = {b"content-type": b"application/json", b"user-agent": _USER_AGENT.encode()}
        if request.headers is None:
            headers[_SIGNATURE] = request.signature.hex().encode()
            headers[_TIMESTAMP] = request.timestamp
        else:
            headers.update(
                {name.encode(): value.encode() for name, value in request.headers.items() if value is not None}
            )
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
        body = response.content
        content_type, charset = _content_type(response.headers.get("content-type"))
        files: tuple[ReplyFile, ...] = ()
        if content_type == "multipart/form-data":
            body, content_type, charset, files = _split_multipart(response.headers["content-type"], body)
        return Reply(response.status_code, body, content_type, charset, dict(response.headers), files, elapsed)
