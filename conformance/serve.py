"""``interaction-conformance serve``: the reference implementation as a known-good HTTP endpoint.

The reference server answers every interaction kind with a valid reply and is
served through `interaction_spec.asgi.InteractionApp` under uvicorn. It is the
self-test target of black-box mode and an endpoint to compare one's own against.
"""

from __future__ import annotations

__all__ = ("ServeError", "reference_app", "serve_reference")

import socket
import typing

import interaction_spec
from conformance import reference

if typing.TYPE_CHECKING:
    from interaction_spec.asgi import InteractionApp


class ServeError(Exception):
    """The endpoint cannot be served; the message says why in one line."""


async def _on_command(interaction: interaction_spec.CommandInteraction) -> interaction_spec.InteractionMessageBuilder:
    return reference.MessageBuilder(f"/{interaction.command_name} handled by the reference", ephemeral=True)


async def _on_component(
    interaction: interaction_spec.ComponentInteraction,
) -> interaction_spec.InteractionMessageBuilder:
    return reference.MessageBuilder(f"{interaction.custom_id} handled by the reference", update=True)


async def _on_autocomplete(
    interaction: interaction_spec.AutocompleteInteraction,
) -> interaction_spec.InteractionAutocompleteBuilder:
    typed = str(interaction.focused_value)[:90] or "choice"
    return reference.AutocompleteBuilder([(f"{typed} {number}", f"{typed}-{number}") for number in range(1, 4)])


async def _on_modal(interaction: interaction_spec.ModalInteraction) -> interaction_spec.InteractionMessageBuilder:
    return reference.MessageBuilder(f"{interaction.custom_id}: {len(interaction.values)} values received")


def reference_app(public_key: bytes, *, max_body_size: int | None = None) -> InteractionApp:
    """Return the ASGI application serving a reference server that answers every kind.

    Parameters
    ----------
    public_key : bytes
        The 32-byte Ed25519 public key requests are verified with.

    Other Parameters
    ----------------
    max_body_size : int | None
        The bridge's request size limit; `None` for its default.
    """
    from interaction_spec.asgi import InteractionApp  # noqa: PLC0415 - keeps `import conformance.serve` light

    server = reference.ReferenceInteractionServer(public_key)
    server.set_listener(interaction_spec.CommandInteraction, _on_command)
    server.set_listener(interaction_spec.ComponentInteraction, _on_component)
    server.set_listener(interaction_spec.AutocompleteInteraction, _on_autocomplete)
    server.set_listener(interaction_spec.ModalInteraction, _on_modal)
    if max_body_size is None:
        return InteractionApp(server, on_shutdown=[server.close])
    return InteractionApp(server, on_shutdown=[server.close], max_body_size=max_body_size)


def serve_reference(host: str, port: int, public_key: bytes) -> None:
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
    config = uvicorn.Config(reference_app(public_key), host=host, port=port, log_level="warning", lifespan="on")
    uvicorn.Server(config).run()
