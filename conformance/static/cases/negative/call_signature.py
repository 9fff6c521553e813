"""How `set_listener`, `get_listener` and `on_interaction` must be called: positional-only kinds, keyword-only ``replace``."""

from interaction_spec import CommandInteraction
from interaction_spec import InteractionMessageBuilder
from interaction_spec import InteractionServer
from interaction_spec import PartialInteraction


async def on_command(interaction: CommandInteraction) -> InteractionMessageBuilder:
    raise NotImplementedError


class NotAnInteraction:
    @property
    def token(self) -> str:
        return "looks like one, is not one"


def register(server: InteractionServer, command: CommandInteraction) -> None:
    server.set_listener(CommandInteraction, on_command, True)  # E: replace passed positionally
    server.set_listener(CommandInteraction, listener=on_command)  # E: listener passed by keyword
    server.set_listener(interaction_type=CommandInteraction, listener=on_command)  # E: interaction_type and listener passed by keyword
    server.set_listener(CommandInteraction, on_command, replace="yes")  # E: replace is a bool
    server.set_listener(CommandInteraction, on_command, overwrite=True)  # E: no such keyword
    server.set_listener(CommandInteraction)  # E: the listener is required
    server.set_listener(on_command)  # E: the interaction kind is required
    server.set_listener(on_command, CommandInteraction)  # E: arguments swapped

    server.set_listener(int, on_command)  # E: int is no interaction
    server.set_listener(str, on_command)  # E: str is no interaction
    server.set_listener(object, on_command)  # E: object is no interaction
    server.set_listener(NotAnInteraction, on_command)  # E: a look-alike class is no interaction
    server.set_listener(command, on_command)  # E: an interaction instance instead of its class
    server.set_listener(PartialInteraction, on_command)  # E: the base of all interactions is not a kind
    server.set_listener(int, None)  # E: int is no interaction, even to remove

    server.get_listener(interaction_type=CommandInteraction)  # E: interaction_type passed by keyword
    server.get_listener(int)  # E: int is no interaction
    server.get_listener(str)  # E: str is no interaction
    server.get_listener(NotAnInteraction)  # E: a look-alike class is no interaction
    server.get_listener(command)  # E: an interaction instance instead of its class
    server.get_listener(PartialInteraction)  # E: the base of all interactions is not a kind
    server.get_listener()  # E: the interaction kind is required
    server.get_listener(CommandInteraction, replace=True)  # E: get_listener takes no replace


async def handle(server: InteractionServer, body: bytes, signature: bytes, timestamp: bytes) -> None:
    await server.on_interaction("{}", signature, timestamp)  # E: body is bytes, not str
    await server.on_interaction(body, "00ff", timestamp)  # E: signature is bytes, not str
    await server.on_interaction(body, signature, "1700000000")  # E: timestamp is bytes, not str
    await server.on_interaction("{}", "00ff", "1700000000")  # E: all three as str
    await server.on_interaction(body, signature)  # E: the timestamp is required
    await server.on_interaction(body, signature, timestamp, b"extra")  # E: too many arguments
    await server.on_interaction(body, signature, timestamp=1700000000)  # E: timestamp is bytes, not int
    await server.on_interaction(body=body, signature=signature, timestamp=timestamp, headers={})  # E: no headers parameter
    server.on_interaction(body, signature, timestamp).status_code  # E: the coroutine must be awaited
