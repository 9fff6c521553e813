"""The custom IDs of the components and modals the suite's corpus sends, as a list a driver registers.

Discord sends an app an interaction of a component or a modal only when the app
made it, so a bot whose library dispatches components and modals by custom ID
(flask-discord-interactions, discord-hono) registers a handler for each custom ID
the corpus (`conformance.payloads`) uses, as it registers the corpus's commands
(`implementations.corpus_commands`). A driver reads them from a JSON copy beside
it; the tests check that the copy is current. ``python -m
implementations.corpus_components [PATH]`` writes the JSON to PATH, or prints it.
"""

from __future__ import annotations

__all__ = ("GENERATED_BY", "main", "render", "table")

import json
import pathlib
import sys
import typing

from conformance import payloads
from interaction_spec.enums import InteractionType

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

GENERATED_BY: typing.Final = "python -m implementations.corpus_components"
"""The command that writes the table, named in the JSON so that nobody edits it by hand."""


def table() -> dict[str, list[str]]:
    """Return the corpus's custom IDs: ``components`` and ``modals``, each sorted, without repeats.

    Returns
    -------
    dict[str, list[str]]
        The custom IDs of the message-component and of the modal-submit samples of `payloads.ALL_SAMPLES`,
        `payloads.MINIMAL_SAMPLES` and `payloads.SPELLING_SAMPLES`.
    """
    kinds = {InteractionType.MESSAGE_COMPONENT: "components", InteractionType.MODAL_SUBMIT: "modals"}
    found: dict[str, set[str]] = {name: set() for name in kinds.values()}
    for sample in (*payloads.ALL_SAMPLES, *payloads.MINIMAL_SAMPLES, *payloads.SPELLING_SAMPLES):
        kind = kinds.get(InteractionType(sample.interaction_type)) if sample.interaction_type in kinds else None
        data = sample.payload.get("data")
        if kind is not None and isinstance(data, dict):
            found[kind].add(str(typing.cast("dict[str, object]", data)["custom_id"]))
    return {name: sorted(ids) for name, ids in found.items()}


def render() -> str:
    """Return the table as the JSON file a driver reads, with a final newline."""
    return json.dumps({"generated_by": GENERATED_BY, **table()}, indent=2) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Write the table to the path given, or print it; return 0, or 2 for a usage error or an unwritable path."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if len(arguments) > 1 or any(argument.startswith("-") for argument in arguments):
        print(f"usage: {GENERATED_BY} [PATH]", file=sys.stderr)
        return 2
    if not arguments:
        sys.stdout.write(render())
        return 0
    try:
        pathlib.Path(arguments[0]).write_text(render(), encoding="utf-8")
    except OSError as exc:
        print(f"{GENERATED_BY}: cannot write {arguments[0]}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
