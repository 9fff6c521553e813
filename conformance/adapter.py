"""The adapter contract: what the suite needs from an implementation to test it in process.

An adapter maps the suite's few needs (make a server for a public key, name the
class of each interaction kind, make each kind of reply, read a `Response`
back) onto one implementation. `conformance.targets.reference` and
`conformance.targets.hikari` are complete examples.
"""

from __future__ import annotations

__all__ = ("Adapter", "ResponseView", "ServerUnderTest")

import abc
import dataclasses
import typing

import interaction_spec
from conformance.model import ReplyFile
from conformance.model import TargetError

if typing.TYPE_CHECKING:
    from interaction_spec import InteractionType


class ServerUnderTest(typing.Protocol):
    """The members of `interaction_spec.InteractionServer` the suite calls.

    Structural, so that an implementation whose own ABC mirrors the contract
    (hikari's does) is usable without subclassing ours.
    """

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> object:
        """Handle one request; the suite reads the result with `Adapter.read_response`."""
        ...

    def get_listener(self, interaction_type: typing.Any, /) -> object:  # noqa: ANN401 - any kind's class
        """Return the listener registered for the implementation's class of a kind."""
        ...

    def set_listener(
        self,
        interaction_type: typing.Any,  # noqa: ANN401 - any kind's class
        listener: typing.Any,  # noqa: ANN401 - any listener
        /,
        *,
        replace: bool = False,
    ) -> None:
        """Register, replace or remove the listener for the implementation's class of a kind."""
        ...


@dataclasses.dataclass(frozen=True, slots=True)
class ResponseView:
    """A `Response` read back into plain values."""

    status_code: int
    payload: bytes | None
    content_type: str | None
    charset: str | None
    headers: typing.Mapping[str, str]
    files: tuple[ReplyFile, ...]


_RESPONSE_MEMBERS: typing.Final = ("status_code", "payload", "content_type", "charset", "headers", "files")
_MIN_STATUS: typing.Final = 100
_MAX_STATUS: typing.Final = 599


async def read_spec_response(response: object) -> ResponseView:
    """Read an `interaction_spec.Response`, checking every member's type.

    Raises
    ------
    TargetError
        If ``response`` does not honour the `Response` protocol.
    """
    missing = [name for name in _RESPONSE_MEMBERS if not hasattr(response, name)]
    if missing:
        raise TargetError(f"on_interaction returned {type(response).__name__}, which lacks {', '.join(missing)}")
    values: dict[str, object] = {name: getattr(response, name) for name in _RESPONSE_MEMBERS}
    status, payload, content_type = values["status_code"], values["payload"], values["content_type"]
    charset, headers, members = values["charset"], values["headers"], values["files"]
    if type(status) is not int or not _MIN_STATUS <= status <= _MAX_STATUS:
        raise TargetError(f"Response.status_code is {status!r}, not an HTTP status code")
    if payload is not None and not isinstance(payload, bytes):
        raise TargetError(f"Response.payload is {type(payload).__name__}, not bytes or None")
    if content_type is not None and not isinstance(content_type, str):
        raise TargetError(f"Response.content_type is {type(content_type).__name__}, not str or None")
    if charset is not None and not isinstance(charset, str):
        raise TargetError(f"Response.charset is {type(charset).__name__}, not str or None")
    if headers is None:
        headers = {}
    if not isinstance(headers, typing.Mapping):
        raise TargetError(f"Response.headers is {type(headers).__name__}, not a mapping or None")
    header_items = typing.cast("typing.Mapping[object, object]", headers).items()
    if not all(isinstance(name, str) and isinstance(value, str) for name, value in header_items):
        raise TargetError("Response.headers holds a name or value that is not a str")
    if not isinstance(members, typing.Sequence):
        raise TargetError(f"Response.files is {type(members).__name__}, not a sequence")
    files: list[ReplyFile] = []
    for file in typing.cast("typing.Sequence[object]", members):
        if not isinstance(file, interaction_spec.ResponseFile):
            raise TargetError(f"Response.files holds {type(file).__name__}, not a ResponseFile")
        data = typing.cast("object", await file.read())
        if not isinstance(data, bytes):
            raise TargetError(f"ResponseFile.read() of {file.filename!r} returned {type(data).__name__}, not bytes")
        files.append(ReplyFile(file.filename, data))
    if len(files) > interaction_spec.MAX_RESPONSE_FILES:
        raise TargetError(f"Response.files holds {len(files)} files, more than {interaction_spec.MAX_RESPONSE_FILES}")
    return ResponseView(
        status, payload, content_type, charset, dict(typing.cast("typing.Mapping[str, str]", headers)), tuple(files)
    )


class Adapter(abc.ABC):
    """Maps what the suite needs onto one `InteractionServer` implementation.

    Subclass it, implement the abstract members, and pass an instance (or a
    ``module:attribute`` naming one) as the suite's target. Replies are opaque
    to the suite: it only hands them back to the server from its listeners.
    """

    @abc.abstractmethod
    def create_server(self, public_key: bytes) -> ServerUnderTest:
        """Return a new server, with no listener, that verifies requests with ``public_key`` (32 raw bytes)."""

    @abc.abstractmethod
    def interaction_class(self, interaction_type: InteractionType) -> type[typing.Any]:
        """Return the class that ``set_listener`` takes for the kind, e.g. its command interaction class."""

    @abc.abstractmethod
    def message_reply(
        self, content: str, *, update: bool = False, ephemeral: bool = False, files: typing.Sequence[ReplyFile] = ()
    ) -> object:
        """Return a message reply builder (callback 4, or 7 with ``update``), with ``files`` attached.

        With ``ephemeral``, the message sets the EPHEMERAL flag (64).
        """

    @abc.abstractmethod
    def deferred_reply(self, *, update: bool = False, ephemeral: bool = False) -> object:
        """Return a deferred reply builder (callback 5, or 6 with ``update``); with ``ephemeral``, flags 64."""

    @abc.abstractmethod
    def modal_reply(self, title: str, custom_id: str, text_input_id: str) -> object:
        """Return a modal reply builder (callback 9) with one short text input."""

    @abc.abstractmethod
    def autocomplete_reply(self, choices: typing.Sequence[tuple[str, str | int | float]]) -> object:
        """Return an autocomplete reply builder (callback 8) offering ``(name, value)`` choices.

        A value's type is the focused option's: `str`, `int` or `float`.
        """

    async def read_response(self, response: object) -> ResponseView:
        """Read what ``on_interaction`` returned; the default reads an `interaction_spec.Response`."""
        return await read_spec_response(response)

    def read_field(self, interaction: object, name: str) -> object:
        """Return an interaction's field by its `interaction_spec` property name; the default uses ``getattr``."""
        return getattr(interaction, name)

    supports_rest: typing.ClassVar[bool] = False
    """Whether `rest_message_reply` can send a reply through the target's own REST client: the in-process cases
    that judge what a listener sends through REST run only then (they are skipped otherwise)."""

    def point_rest_at(self, base_url: str) -> None:  # noqa: B027 - optional hook
        """Have the servers made from now on send their REST calls to ``base_url`` (the suite's double).

        For a target whose REST client is configured when its server is made; the default does nothing.
        """

    async def rest_message_reply(self, interaction: object, content: str, base_url: str) -> None:
        """Answer ``interaction`` with a message (callback 4, ``content``) through the target's own REST client.

        The client sends it to ``base_url`` (the suite's Discord API double) as the target would send it to
        Discord, as a listener that answers through REST and returns `None` does. An adapter that can sets
        `supports_rest`.

        Raises
        ------
        NotImplementedError
            If the target has no REST client the suite can point at the double.
        """
        raise NotImplementedError(f"{type(self).__name__} sends no reply through REST")

    async def close_server(self, server: ServerUnderTest) -> None:  # noqa: B027 - optional hook
        """Release a server after its case, letting listener continuations finish; the default does nothing."""
