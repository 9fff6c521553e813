"""The typing guide (docs/typing.md): reading a submitted modal's values, each component kind by its type.

The guide shows the sections between the ``--8<--`` markers verbatim; the type-case runner checks that every
line of this file is accepted by mypy and pyright.
"""

from collections.abc import Mapping
from collections.abc import Sequence

from typing_extensions import assert_type

from interaction_spec import ModalInteraction
from interaction_spec import ModalValue


# --8<-- [start:kinds]
def describe(value: ModalValue) -> str:
    if value is None:  # a radio group left unanswered
        assert_type(value, None)
        return "no choice"
    if isinstance(value, bool):  # a checkbox
        assert_type(value, bool)
        return "checked" if value else "unchecked"
    if isinstance(value, str):  # a text input, or the radio group's choice
        assert_type(value, str)
        return value
    # a select, a checkbox group, or a file upload's attachment IDs
    assert_type(value, Sequence[str])
    return ", ".join(value)
# --8<-- [end:kinds]


# --8<-- [start:by-id]
def chosen(value: ModalValue) -> Sequence[str]:
    """The values of a select or checkbox group, or a file upload's attachment IDs; empty for anything else."""
    if value is None or isinstance(value, (bool, str)):
        return ()
    return value


async def on_bug_report(interaction: ModalInteraction) -> str:
    values = interaction.values
    assert_type(values, Mapping[str, ModalValue])
    summary = values.get("bug:summary")
    reproducible = values.get("bug:reproducible") is True
    area = values.get("bug:area")
    attachment_ids = [int(snowflake) for snowflake in chosen(values.get("bug:files"))]
    platforms = chosen(values.get("bug:platforms"))
    return (
        f"{summary if isinstance(summary, str) else ''} in {area or 'an unnamed area'}"
        f" ({'reproducible' if reproducible else 'once'}, {len(attachment_ids)} files, on {', '.join(platforms)})"
    )
# --8<-- [end:by-id]


def every_kind(interaction: ModalInteraction) -> None:
    value = interaction.values["any"]
    assert_type(value, ModalValue)
    assert_type(value, str | bool | Sequence[str] | None)
    as_object: Mapping[str, object] = interaction.values
    text_or_choices: str | bool | Sequence[str] | None = value
    print(as_object, text_or_choices, describe(value))
