"""What the Discord API double knows: the interactions it issued, and every REST exchange made for each.

The double serves on a thread of its own while cases run on the runner's
worker loop, so the `Ledger` is shared across threads: a lock guards it, and a
case waiting for a REST callback is woken on its own loop
(`asyncio.AbstractEventLoop.call_soon_threadsafe`), never by polling.
"""

from __future__ import annotations

__all__ = ("Acknowledgement", "InteractionRecord", "Ledger", "RateLimit", "RestExchange", "now", "wait_exchange")

import asyncio
import dataclasses
import enum
import threading
import time
import typing

from conformance.double.messages import MessageFactory

if typing.TYPE_CHECKING:
    from conformance.model import Reply


_T = typing.TypeVar("_T")


class Acknowledgement(enum.Enum):
    """How an interaction's initial response came."""

    HTTP = "http"
    """In the body of the HTTP reply."""
    REST = "rest"
    """Through ``POST /interactions/{id}/{token}/callback``."""


@dataclasses.dataclass(frozen=True, slots=True)
class RestExchange:
    """One REST request the double received, and what it answered."""

    method: str
    path: str
    """The path as requested, query string included."""
    headers: tuple[tuple[str, str], ...]
    """The request's headers, names in lower case, in order."""
    body: bytes
    received_at: float
    """When the request's body had been read, on the `time.perf_counter` clock."""
    status: int
    """The status the double answered."""
    answer: bytes
    """The body the double answered."""
    route: str
    """What the request was, in a few words: ``callback``, ``edit original``, ``follow-up``, ..."""

    def header(self, name: str) -> str | None:
        """Return the first value of the header ``name`` (any case), or `None`."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key == wanted), None)

    def describe(self) -> str:
        """Summarise the exchange in a few words for a failure detail."""
        return f"{self.method} {self.path} -> {self.status}"


@dataclasses.dataclass(slots=True)
class RateLimit:
    """A 429 the double answers to the first request of a route for one interaction."""

    route: str
    """The route it applies to (`RestExchange.route`)."""
    retry_after_s: float
    limited_at: float | None = None
    """When the 429 was sent; `None` until it has been."""


def _exchanges() -> list[RestExchange]:
    return []


def _messages() -> dict[str, dict[str, object]]:
    return {}


def _ids() -> set[str]:
    return set()


@dataclasses.dataclass(slots=True)
class InteractionRecord:
    """An interaction the suite sent with an ID and token the double issued."""

    interaction_id: str
    token: str
    application_id: str
    payload: typing.Mapping[str, object]
    """The interaction as sent, with the issued ID and token."""
    sent_at: float
    """When the suite sent it, on the `time.perf_counter` clock."""
    label: str = ""
    """The case that sent it."""
    exchanges: list[RestExchange] = dataclasses.field(default_factory=_exchanges)
    acknowledged: Acknowledgement | None = None
    callback: Reply | None = None
    """The initial response received through the callback endpoint, read as an HTTP reply would be."""
    callback_at: float | None = None
    """When that callback arrived."""
    http_after_callback: Reply | None = None
    """A 2xx HTTP reply with a body that came although the interaction had been answered by REST."""
    rate_limit: RateLimit | None = None
    messages: dict[str, dict[str, object]] = dataclasses.field(default_factory=_messages)
    """The messages sent for the interaction, by ID: ``@original`` for the initial response."""
    deleted: set[str] = dataclasses.field(default_factory=_ids)


class _Waiter:
    __slots__ = ("future", "loop", "wanted")

    def __init__(
        self, loop: asyncio.AbstractEventLoop, future: asyncio.Future[None], wanted: typing.Callable[[], bool]
    ) -> None:
        self.loop = loop
        self.future = future
        self.wanted = wanted


def _set_done(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class Ledger:
    """The interactions the double issued, shared between the double's thread and the cases' loops."""

    __slots__ = ("_by_token", "_lock", "_unknown", "_waiters", "messages")

    def __init__(self) -> None:
        self.messages = MessageFactory()
        """Makes the message objects of the interactions' responses."""
        self._lock = threading.RLock()
        self._by_token: dict[str, InteractionRecord] = {}
        self._unknown: list[RestExchange] = []
        self._waiters: list[_Waiter] = []

    def issue(self, record: InteractionRecord) -> None:
        """Register an interaction the suite is about to send."""
        with self._lock:
            self._by_token[record.token] = record

    def get(self, token: str) -> InteractionRecord | None:
        """Return the interaction issued with ``token``, if any."""
        with self._lock:
            return self._by_token.get(token)

    def records(self) -> list[InteractionRecord]:
        """Return every interaction issued so far, in the order issued."""
        with self._lock:
            return list(self._by_token.values())

    def waiting(self) -> int:
        """Return how many waits for a change are pending (a REST request held for its initial response, say)."""
        with self._lock:
            return len(self._waiters)

    def unknown(self) -> list[RestExchange]:
        """Return the REST exchanges that named no issued interaction."""
        with self._lock:
            return list(self._unknown)

    def update(self, token: str | None, change: typing.Callable[[InteractionRecord | None], RestExchange]) -> None:
        """Apply ``change`` to the record of ``token`` under the lock, record its exchange, and wake waiters.

        ``change`` gets `None` for a token the double never issued.
        """
        with self._lock:
            record = self._by_token.get(token) if token is not None else None
            exchange = change(record)
            if record is None:
                self._unknown.append(exchange)
            else:
                record.exchanges.append(exchange)
            waiters = self._satisfied()
        self._wake_all(waiters)

    def read(self, token: str, reader: typing.Callable[[InteractionRecord], _T]) -> _T | None:
        """Return ``reader(record)`` for the record of ``token``, under the lock; `None` for no such record."""
        with self._lock:
            record = self._by_token.get(token)
            return reader(record) if record is not None else None

    def note(self, token: str, change: typing.Callable[[InteractionRecord], _T]) -> _T | None:
        """Apply the suite's ``change`` to the record of ``token`` under the lock, wake waiters, return its result.

        The suite marks an interaction acknowledged over HTTP this way; a REST request the double holds until the
        interaction is acknowledged (an edit sent as soon as the HTTP reply left) is then answered at once.
        """
        with self._lock:
            record = self._by_token.get(token)
            if record is None:
                return None
            result = change(record)
            waiters = self._satisfied()
        self._wake_all(waiters)
        return result

    def _satisfied(self) -> list[_Waiter]:
        """Return the waiters whose condition holds; called under the lock."""
        return [waiter for waiter in self._waiters if waiter.wanted()]

    @staticmethod
    def _wake_all(waiters: list[_Waiter]) -> None:
        for waiter in waiters:
            waiter.loop.call_soon_threadsafe(_set_done, waiter.future)

    async def wait_for(self, wanted: typing.Callable[[], bool], timeout_s: float) -> bool:
        """Wait until ``wanted()`` holds (checked under the lock after each REST exchange) or ``timeout_s`` passes.

        Returns
        -------
        bool
            Whether it holds.
        """
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        waiter = _Waiter(loop, future, wanted)
        with self._lock:
            if wanted():
                return True
            self._waiters.append(waiter)
        try:
            await asyncio.wait_for(asyncio.shield(future), max(timeout_s, 0.0))
        except asyncio.TimeoutError:
            pass
        finally:
            with self._lock:
                self._waiters.remove(waiter)
        with self._lock:
            return wanted()


async def wait_exchange(
    ledger: Ledger, record: InteractionRecord, wanted: typing.Callable[[RestExchange], bool], until: float
) -> RestExchange | None:
    """Wait until the double has received an exchange for ``record`` that ``wanted`` accepts, or ``until`` passes.

    Returns
    -------
    RestExchange | None
        The first such exchange, or `None` when none came in time.
    """

    def found() -> RestExchange | None:
        return next((exchange for exchange in record.exchanges if wanted(exchange)), None)

    await ledger.wait_for(lambda: found() is not None, until - now())
    return ledger.read(record.token, lambda _: found())


def now() -> float:
    """Return the time on the clock every record uses."""
    return time.perf_counter()
