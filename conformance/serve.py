"""``interaction-conformance serve``: the reference implementation as a known-good HTTP endpoint.

The reference server answers every interaction kind with a valid reply and
implements the conformance bot (`conformance.bot`, ``docs/bot.md``): its
commands, buttons, autocomplete and modal get the replies the profile defines,
every other interaction a generic valid reply. Given the base URL of Discord's
API (``--discord-api-url``, the one the suite's double prints), it also sends
what profile v2 sends by REST (`conformance.reference.rest.RestClient`):
``/rest``'s callback, the edits that complete ``/defer-ephemeral`` and
``/slow``, and ``/followup``'s follow-up message. It is served through
`interaction_spec.asgi.InteractionApp` under granian, through its RSGI entry
(`DEFAULT_SERVER` says why): the self-test target of black-box mode (``--bot``
included) and an endpoint to compare one's own against.
"""

from __future__ import annotations

__all__ = (
    "DEFAULT_SERVER",
    "DISCORD_API_URL_VARIABLE",
    "PUBLIC_KEY_VARIABLE",
    "ServeError",
    "app_from_environment",
    "granian_server",
    "reference_app",
    "serve_reference",
    "uvicorn_config",
)

import asyncio
import importlib.util
import logging
import os
import socket
import typing

import interaction_spec
from conformance import bot
from conformance import reference
from conformance.reference.interactions import ReferenceComponentInteraction
from conformance.reference.rest import RestClient
from conformance.reference.rest import RestError

if typing.TYPE_CHECKING:
    import uvicorn
    from granian.server.common import AbstractServer

    from interaction_spec.asgi import InteractionApp


DEFAULT_SERVER: typing.Final = "granian-rsgi"
"""The server ``serve`` runs the reference under: granian through the bridge's RSGI entry (`granian_server`). Of
the servers ``benchmarks/http_throughput.py`` compares, it answers the most requests per second at the lowest p99
latency, for about uvicorn's CPU time per request (``docs/performance.md``)."""
PUBLIC_KEY_VARIABLE: typing.Final = "INTERACTION_CONFORMANCE_SERVE_PUBLIC_KEY"
DISCORD_API_URL_VARIABLE: typing.Final = "INTERACTION_CONFORMANCE_SERVE_DISCORD_API_URL"
"""The environment variable that gives granian's worker the base URL of the bot's REST calls, when it has one."""
"""Where granian's worker process reads the public key from (hex): `app_from_environment` builds the app there."""


class ServeError(Exception):
    """The endpoint cannot be served; the message says why in one line."""


_IS_COMPONENTS_V2: typing.Final = 1 << 15

_CommandReply: typing.TypeAlias = (
    interaction_spec.InteractionMessageBuilder
    | interaction_spec.InteractionDeferredBuilder
    | interaction_spec.InteractionModalBuilder
    | None
)
_LOGGER: typing.Final = logging.getLogger(__name__)


class _Bot:
    """The bot's command listener; with a REST client, it also sends what follows its replies by REST."""

    __slots__ = ("rest",)

    def __init__(self, rest: RestClient | None) -> None:
        self.rest = rest

    async def on_command(
        self, interaction: interaction_spec.CommandInteraction
    ) -> typing.AsyncGenerator[_CommandReply, None]:
        """Yield the reply to a command, then send by REST what follows it (the server runs that after replying)."""
        name = interaction.command_name
        if name == bot.REST and self.rest is not None:
            await self._call(self.rest.respond(interaction, {"type": 4, "data": {"content": bot.REST_CONTENT}}))
        yield _command_reply(interaction)
        if self.rest is None:
            return
        if name == bot.DEFER_EPHEMERAL:
            await self._call(self.rest.edit_original(interaction, {"content": bot.DEFER_EPHEMERAL_CONTENT}))
        elif name == bot.SLOW:
            await asyncio.sleep(bot.SLOW_DELAY_S)
            await self._call(self.rest.edit_original(interaction, {"content": bot.SLOW_CONTENT}))
        elif name == bot.FOLLOWUP:
            await self._call(self.rest.follow_up(interaction, {"content": bot.FOLLOWUP_CONTENT}))

    @staticmethod
    async def _call(request: typing.Awaitable[None]) -> None:
        try:
            await request
        except RestError as exc:
            _LOGGER.warning("a REST call of the conformance bot failed: %s", exc)

    async def aclose(self) -> None:
        """Close the REST client's connections."""
        if self.rest is not None:
            await self.rest.aclose()


def _command_reply(interaction: interaction_spec.CommandInteraction) -> _CommandReply:
    name = interaction.command_name
    if name == bot.ECHO:
        text = interaction.options.get(bot.ECHO_TEXT)
        if isinstance(text, str) and len(text) <= bot.ECHO_MAX_LENGTH:
            return reference.MessageBuilder(text)
    elif name == bot.EPHEMERAL:
        return reference.MessageBuilder(bot.EPHEMERAL_CONTENT, ephemeral=True)
    elif name == bot.DEFER_EPHEMERAL:
        return reference.DeferredBuilder(ephemeral=True)
    elif name == bot.FEEDBACK:
        text_input = reference.TextInput(bot.FEEDBACK_INPUT, bot.FEEDBACK_LABEL, paragraph=True)
        return reference.ModalBuilder(bot.FEEDBACK_TITLE, bot.FEEDBACK_MODAL, [text_input])
    elif name == bot.FILE:
        return reference.MessageBuilder(bot.FILE_CONTENT, files=[reference.BytesFile(bot.FILE_NAME, bot.FILE_DATA)])
    elif name == bot.REST:
        return None  # answered through the REST callback (when the bot has a REST client): the server replies 202
    elif name == bot.SLOW:
        return reference.DeferredBuilder()
    elif name == bot.FOLLOWUP:
        return reference.MessageBuilder(bot.FOLLOWUP_REPLY_CONTENT)
    return reference.MessageBuilder(f"/{name} handled by the reference", ephemeral=True)


async def _on_component(
    interaction: interaction_spec.ComponentInteraction,
) -> interaction_spec.InteractionMessageBuilder | interaction_spec.InteractionDeferredBuilder:
    if interaction.custom_id == bot.UPDATE_BUTTON:
        return reference.MessageBuilder(bot.UPDATE_CONTENT, update=True)
    if interaction.custom_id == bot.DEFER_UPDATE_BUTTON:
        return reference.DeferredBuilder(update=True)
    if isinstance(interaction, ReferenceComponentInteraction) and interaction.message_flags & _IS_COMPONENTS_V2:
        return reference.DeferredBuilder(update=True)  # a Components V2 message stays V2: it cannot take content
    return reference.MessageBuilder(f"{interaction.custom_id} handled by the reference", update=True)


async def _on_autocomplete(
    interaction: interaction_spec.AutocompleteInteraction,
) -> interaction_spec.InteractionAutocompleteBuilder:
    if interaction.command_name == bot.PICK:
        typed = str(interaction.focused_value)
        if interaction.focused_option == bot.PICK_FRUIT:
            return reference.AutocompleteBuilder(bot.fruit_choices(typed))
        if interaction.focused_option == bot.PICK_NUMBER:
            return reference.AutocompleteBuilder(bot.number_choices(typed))
    # A command the bot does not know: it cannot tell the option's type, which a choice's value must have.
    return reference.AutocompleteBuilder([])


async def _on_modal(interaction: interaction_spec.ModalInteraction) -> interaction_spec.InteractionMessageBuilder:
    if interaction.custom_id == bot.FEEDBACK_MODAL:
        text = interaction.values.get(bot.FEEDBACK_INPUT)
        if isinstance(text, str) and len(text) <= bot.ECHO_MAX_LENGTH:
            return reference.MessageBuilder(text)
    return reference.MessageBuilder(f"{interaction.custom_id}: {len(interaction.values)} values received")


def reference_app(
    public_key: bytes,
    *,
    max_body_size: int | None = None,
    discord_api_url: str | None = None,
    rest_client: RestClient | None = None,
) -> InteractionApp:
    """Return the ASGI application serving a reference server that answers every kind and implements the bot.

    Parameters
    ----------
    public_key : bytes
        The 32-byte Ed25519 public key requests are verified with.

    Other Parameters
    ----------------
    max_body_size : int | None
        The bridge's request size limit; `None` for its default.
    discord_api_url : str | None
        The base URL of Discord's API the bot sends its REST calls to (the suite's double); `None` for none: the
        bot then sends nothing by REST.
    rest_client : RestClient | None
        The REST client to send them with, instead of one made for ``discord_api_url``.
    """
    from interaction_spec.asgi import InteractionApp  # noqa: PLC0415 - keeps `import conformance.serve` light

    server = reference.ReferenceInteractionServer(public_key)
    if rest_client is None and discord_api_url is not None:
        rest_client = RestClient(discord_api_url)
    listeners = _Bot(rest_client)
    server.set_listener(interaction_spec.CommandInteraction, listeners.on_command)
    server.set_listener(interaction_spec.ComponentInteraction, _on_component)
    server.set_listener(interaction_spec.AutocompleteInteraction, _on_autocomplete)
    server.set_listener(interaction_spec.ModalInteraction, _on_modal)
    on_shutdown = [server.close, listeners.aclose]
    if max_body_size is None:
        return InteractionApp(server, on_shutdown=on_shutdown)
    return InteractionApp(server, on_shutdown=on_shutdown, max_body_size=max_body_size)


def uvicorn_config(app: InteractionApp, host: str, port: int) -> uvicorn.Config:
    """Return the uvicorn settings ``serve`` runs ``app`` with (``benchmarks/http_throughput.py`` measures them).

    uvicorn picks httptools and uvloop when they are installed, as the ``serve``
    extra has them. The access log, the ``Server`` header and the proxy-headers
    middleware are off: the reference needs none of them, and each costs time
    on every request.

    Parameters
    ----------
    app : InteractionApp
        The application.
    host : str
        The address to listen on.
    port : int
        The port.

    Returns
    -------
    uvicorn.Config
        The settings.
    """
    import uvicorn  # noqa: PLC0415 - keeps `import conformance.serve` light

    return uvicorn.Config(
        app,
        host=host,
        port=port,
        ws="none",
        lifespan="on",
        log_level="warning",
        access_log=False,
        server_header=False,
        proxy_headers=False,
    )


def app_from_environment() -> InteractionApp:
    """Return the reference app for the public key in `PUBLIC_KEY_VARIABLE`: granian's application factory.

    The bot sends its REST calls to the base URL in `DISCORD_API_URL_VARIABLE`, when it is set.

    Returns
    -------
    InteractionApp
        The application; granian calls its ``__rsgi__`` entry.
    """
    discord_api_url = os.environ.get(DISCORD_API_URL_VARIABLE) or None
    return reference_app(bytes.fromhex(os.environ[PUBLIC_KEY_VARIABLE]), discord_api_url=discord_api_url)


def granian_server(
    host: str, port: int, public_key: bytes, *, discord_api_url: str | None = None
) -> AbstractServer[typing.Any]:
    """Return the granian server ``serve`` runs (``benchmarks/http_throughput.py`` measures it).

    One worker process serves `app_from_environment` through the bridge's RSGI
    entry (`interaction_spec.asgi.InteractionApp.__rsgi__`): granian parses
    HTTP and writes each reply in Rust, one call per reply. HTTP/1.1 only, no
    websockets, uvloop when installed, warnings only, no access log.

    Parameters
    ----------
    host : str
        The address to listen on.
    port : int
        The port.
    public_key : bytes
        The 32-byte Ed25519 public key requests are verified with; set in
        `PUBLIC_KEY_VARIABLE` for the worker, which inherits it.

    Other Parameters
    ----------------
    discord_api_url : str | None
        The base URL the bot sends its REST calls to, set in `DISCORD_API_URL_VARIABLE` for the worker; `None`
        for none: the bot then answers in the HTTP reply only.

    Returns
    -------
    granian.server.common.AbstractServer
        The server; ``serve()`` runs it until interrupted.
    """
    from granian.constants import HTTPModes  # noqa: PLC0415 - keeps `import conformance.serve` light
    from granian.constants import Interfaces  # noqa: PLC0415
    from granian.constants import Loops  # noqa: PLC0415
    from granian.log import LogLevels  # noqa: PLC0415
    from granian.server import Server  # noqa: PLC0415

    os.environ[PUBLIC_KEY_VARIABLE] = public_key.hex()
    if discord_api_url is None:
        os.environ.pop(DISCORD_API_URL_VARIABLE, None)
    else:
        os.environ[DISCORD_API_URL_VARIABLE] = discord_api_url
    return Server(
        f"{__name__}:{app_from_environment.__name__}",
        address=host,
        port=port,
        interface=Interfaces.RSGI,
        workers=1,
        loop=Loops.auto,
        http=HTTPModes.http1,
        websockets=False,
        log_level=LogLevels.warning,
        log_access=False,
        factory=True,
    )


def serve_reference(host: str, port: int, public_key: bytes, *, discord_api_url: str | None = None) -> None:
    """Serve the reference on ``host:port`` until interrupted.

    Raises
    ------
    ServeError
        If granian is missing or the address cannot be listened on.
    """
    if importlib.util.find_spec("granian") is None:
        raise ServeError("serve needs granian: pip install 'interaction-spec[serve]'")
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    print(f"serving the reference implementation on http://{host}:{port}/", flush=True)
    print(f"public key: {public_key.hex()}", flush=True)
    if discord_api_url is not None:
        print(f"REST calls go to {discord_api_url}", flush=True)
    granian_server(host, port, public_key, discord_api_url=discord_api_url).serve()
