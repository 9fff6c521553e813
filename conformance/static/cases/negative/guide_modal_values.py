"""The typing guide (docs/typing.md): reading a modal's values without narrowing them first.

The guide shows the sections between the ``--8<--`` markers verbatim; the type-case runner checks that every
line with an error marker is an error under mypy and pyright, and that no other line is.
"""

from collections.abc import Mapping
from collections.abc import Sequence

from interaction_spec import ModalInteraction
from interaction_spec import ModalValue


# --8<-- [start:unnarrowed]
def unnarrowed(interaction: ModalInteraction, value: ModalValue) -> None:
    text: str = value  # E: a checkbox gives a bool, a radio group None, a select a sequence
    checked: bool = value  # E: only a checkbox gives a bool
    choice: str | None = value  # E: a select, checkbox group or file upload gives a sequence
    options: Sequence[str] = value  # E: a checkbox gives a bool, a radio group None
    upload: Sequence[int] = interaction.values["bug:files"]  # E: attachment IDs are snowflake strings
    before: Mapping[str, str | Sequence[str]] = interaction.values  # E: the values before ModalValue: no bool, no None
    interaction.values["bug:reproducible"] = True  # E: the values are read-only
    print(text, checked, choice, options, upload, before)
# --8<-- [end:unnarrowed]
