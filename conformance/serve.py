"""``interaction-conformance serve``: the reference implementation as a known-good HTTP endpoint.

The reference server answers every interaction kind with a valid reply and
implements the conformance bot (`conformance.bot`, ``docs/bot.md``): its
commands, buttons, autocomplete and modal get the replies the profile defines,
every other interaction a generic valid reply. Given the base URL of Discord's
API (``--discord-api-url``, the one the suite's double prints), it also sends
what profile v2 sends by REST (`conformance.reference.rest.RestClient`):
``/rest``'s callback, the edits that complete ``/defer-ephemeral`` and
``/slow``, and ``/followup``'s follow-up message. It is served through
`interaction_spec.asgi.InteractionApp` under uvicorn: the self-test target of
black-box mode (``--bot`` included) and an endpoint to compare one's own against.
"""

from __future__ import annotations

__all__ = ("DEFAULT_SERVER", "ServeError", "reference_app", "serve_reference", "uvicorn_config")

import asyncio
import logging
import socket
import typing

import interaction_spec
from conformance import bot
from conformance import reference
from conformance.reference.rest import RestClient
from conformance.reference.rest import RestError

if typing.TYPE_CHECKING:
    import uvicorn

    from interaction_spec.asgi import InteractionApp


DEFAULT_SERVER: typing.Final = "uvicorn"
"""The ASGI server ``serve`` runs the reference under (with httptools and uvloop when installed, as the
``serve`` extra has them): of those ``benchmarks/http_throughput.py`` compares, the one spending the least CPU time
per request (``docs/performance.md``)."""


class ServeError(Exception):
    """The endpoint cannot be served; the message says why in one line."""


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


def serve_reference(host: str, port: int, public_key: bytes, *, discord_api_url: str | None = None) -> None:
    """Serve the reference on ``host:port`` until interrupted.

    Raises
    ------
    ServeError
        If uvicorn is missing or the address cannot be listened on.
    """
    try:
        import uvicorn  # noqa: PLC0415
    except ImportError:
        raise ServeError("serve needs uvicorn: pip install 'interaction-spec[serve]'") from None
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    print(f"serving the reference implementation on http://{host}:{port}/", flush=True)
    print(f"public key: {public_key.hex()}", flush=True)
    if discord_api_url is not None:
        print(f"REST calls go to {discord_api_url}", flush=True)
    app = reference_app(public_key, discord_api_url=discord_api_url)
    uvicorn.Server(uvicorn_config(app, host, port)).run()
