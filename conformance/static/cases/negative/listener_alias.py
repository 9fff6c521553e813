"""`ListenerT` is bounded: its first argument is an interaction, its second a response builder."""

from interaction_spec import CommandInteraction
from interaction_spec import InteractionMessageBuilder
from interaction_spec import ListenerT


async def on_command(interaction: CommandInteraction) -> InteractionMessageBuilder:
    raise NotImplementedError


not_an_interaction: ListenerT[int, InteractionMessageBuilder]  # E: int is no interaction
not_a_builder: ListenerT[CommandInteraction, str]  # E: str is no response builder
swapped: ListenerT[InteractionMessageBuilder, CommandInteraction]  # E: arguments swapped
control: ListenerT[CommandInteraction, InteractionMessageBuilder] = on_command
too_narrow: ListenerT[CommandInteraction, None] = on_command  # E: None is no response builder
