"""A small client for the REST half of an interaction, on httpx: what the reference bot sends Discord.

It sends an interaction's initial response through the callback endpoint,
edits the original response and sends follow-up messages, to the base URL it is
given (Discord's, ``https://discord.com/api/v10``, or the suite's double,
which ``--discord-api`` prints). Every request carries the ``User-Agent``
Discord asks for (``DiscordBot ($url, $versionNumber)``). A 429 is retried once
its ``Retry-After`` has elapsed, a bounded number of times; any other failure
raises `RestError`.
"""

from __future__ import annotations

__all__ = ("DISCORD_API_URL", "USER_AGENT", "RestClient", "RestError")

import asyncio
import functools
import json
import ssl
import typing

import httpx

import interaction_spec

if typing.TYPE_CHECKING:
    from interaction_spec import PartialInteraction

DISCORD_API_URL: typing.Final = "https://discord.com/api/v10"
USER_AGENT: typing.Final = (
    f"DiscordBot (https://github.com/interaction-spec/interaction-spec, {interaction_spec.__version__})"
)
_RATE_LIMITED: typing.Final = 429
_MAX_ATTEMPTS: typing.Final = 3
_MAX_RETRY_AFTER_S: typing.Final = 10.0
_TIMEOUT_S: typing.Final = 10.0


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """Return the one TLS context every client shares: making one costs tens of milliseconds."""
    return ssl.create_default_context()


class RestError(Exception):
    """A REST call failed; the message names the request and what came back."""


class RestClient:
    """Sends an interaction's REST calls to ``base_url``.

    Parameters
    ----------
    base_url : str
        The API's base URL, version included: ``https://discord.com/api/v10``, or the double's.

    Other Parameters
    ----------------
    user_agent : str | None
        The ``User-Agent`` every request carries; `None` leaves httpx's own.
    """

    __slots__ = ("_client",)

    def __init__(self, base_url: str = DISCORD_API_URL, *, user_agent: str | None = USER_AGENT) -> None:
        headers = {"User-Agent": user_agent} if user_agent is not None else {}
        self._client = httpx.AsyncClient(
            base_url=base_url.rstrip("/"), headers=headers, timeout=_TIMEOUT_S, verify=_tls_context()
        )

    async def respond(
        self,
        interaction: PartialInteraction,
        callback: typing.Mapping[str, object],
        files: typing.Sequence[interaction_spec.ResponseFile] = (),
    ) -> None:
        """Send the initial response through ``POST /interactions/{id}/{token}/callback``."""
        await self.request("POST", f"/interactions/{interaction.id}/{interaction.token}/callback", callback, files)

    async def edit_original(self, interaction: PartialInteraction, message: typing.Mapping[str, object]) -> None:
        """Edit the initial response: ``PATCH /webhooks/{application_id}/{token}/messages/@original``."""
        await self.request(
            "PATCH", f"/webhooks/{interaction.application_id}/{interaction.token}/messages/@original", message
        )

    async def follow_up(self, interaction: PartialInteraction, message: typing.Mapping[str, object]) -> None:
        """Send a follow-up message: ``POST /webhooks/{application_id}/{token}``."""
        await self.request("POST", f"/webhooks/{interaction.application_id}/{interaction.token}", message)

    async def request(
        self,
        method: str,
        path: str,
        body: typing.Mapping[str, object],
        files: typing.Sequence[interaction_spec.ResponseFile] = (),
    ) -> None:
        """Send one request with ``body`` as JSON (multipart, with ``payload_json``, when there are files).

        Raises
        ------
        RestError
            If it fails, or is still rate limited after a few attempts.
        """
        encoded = json.dumps(body).encode()
        parts: list[tuple[str, tuple[str | None, bytes, str]]] = []
        if files:
            parts.append(("payload_json", (None, encoded, "application/json")))
            for index, file in enumerate(files):
                parts.append((f"files[{index}]", (file.filename, await file.read(), "application/octet-stream")))
        for _ in range(_MAX_ATTEMPTS):
            try:
                if parts:
                    response = await self._client.request(method, path, files=parts)
                else:
                    response = await self._client.request(
                        method, path, content=encoded, headers={"Content-Type": "application/json"}
                    )
            except httpx.HTTPError as exc:
                raise RestError(f"{method} {path}: {type(exc).__name__}: {exc}") from exc
            if response.status_code != _RATE_LIMITED:
                if response.is_success:
                    return
                raise RestError(f"{method} {path}: {response.status_code} {response.text[:200]}")
            await asyncio.sleep(self.retry_delay(response))
        raise RestError(f"{method} {path}: still rate limited after {_MAX_ATTEMPTS} attempts")

    async def aclose(self) -> None:
        """Close the connections."""
        await self._client.aclose()

    def retry_delay(self, response: httpx.Response) -> float:
        """Return how long to wait before retrying after the 429 ``response``: the longer of its two waits."""
        return _retry_after(response)


def _retry_after(response: httpx.Response) -> float:
    """Return how long a 429 asks to wait: the longer of ``Retry-After`` (seconds) and the body's ``retry_after``."""
    candidates: list[object] = [response.headers.get("retry-after")]
    try:
        decoded: object = response.json()
    except ValueError:
        decoded = None
    if isinstance(decoded, dict):
        candidates.append(typing.cast("dict[str, object]", decoded).get("retry_after"))
    waits: list[float] = []
    for candidate in candidates:
        try:
            waits.append(float(typing.cast("str | float", candidate)))
        except (TypeError, ValueError):
            continue
    return min(max(waits, default=1.0), _MAX_RETRY_AFTER_S)
