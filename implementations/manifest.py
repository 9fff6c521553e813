"""An implementation's ``implementation.json``: what to install, how to start it, what it cannot express.

The format is the driver interface every folder under ``implementations/``
follows; `discover` finds them by globbing ``implementations/*/implementation.json``,
so that a folder added later (or missing here) needs no change to the runner.
"""

from __future__ import annotations

__all__ = (
    "IMPLEMENTATIONS_DIR",
    "Implementation",
    "ManifestError",
    "StaticTarget",
    "Unsupported",
    "discover",
    "load",
)

import dataclasses
import json
import pathlib
import typing

IMPLEMENTATIONS_DIR: typing.Final = pathlib.Path(__file__).resolve().parent
"""The folder holding one folder per implementation."""
_REGISTRIES: typing.Final = frozenset({"npm", "pypi", "project"})
_MODES: typing.Final = ("in-process", "http")
_MODAL_LAYOUTS: typing.Final = ("label", "action-row")


class ManifestError(ValueError):
    """An ``implementation.json`` is missing, unreadable or incomplete; the message names the file and the key."""


@dataclasses.dataclass(frozen=True, slots=True)
class Unsupported:
    """Cases the library cannot express, by ID prefix, and why."""

    cases: str
    reason: str


@dataclasses.dataclass(frozen=True, slots=True)
class StaticTarget:
    """A server class whose registry ``interaction-conformance typecheck`` checks: one static column."""

    target: str
    """The class, as ``module:Class``."""
    name: str = ""
    """Tells the implementation's static columns apart: empty for the first, then e.g. ``restbot``."""

    @property
    def report(self) -> str:
        """The report's file stem after the implementation's slug: ``static`` or ``static-<name>``."""
        return f"static-{self.name}" if self.name else "static"


@dataclasses.dataclass(frozen=True, slots=True)
class Implementation:
    """One implementation of the matrix, as its ``implementation.json`` declares it."""

    slug: str
    """The folder's name: the column slug of its reports (``<slug>-<mode>.json``)."""
    title: str
    library: str
    version: str
    registry: str
    """``npm``, ``pypi`` or ``project`` (the project's own environment)."""
    workdir: pathlib.Path
    """Where the install and start commands run."""
    install: tuple[tuple[str, ...], ...]
    installed: pathlib.Path
    """A path whose existence means the implementation is installed."""
    start: tuple[str, ...]
    path: str
    """The interactions URL path on the endpoint."""
    modes: tuple[str, ...]
    target: str
    """The ``--target`` of the in-process mode; empty without that mode."""
    unsupported: tuple[Unsupported, ...]
    static: tuple[StaticTarget, ...] = ()
    """The server classes to type-check (``"static"``), in the project's own environment."""
    modal_layout: str = ""
    """The layout the library's modals always take (``label`` or ``action-row``), passed as ``--modal-layout``
    over HTTP; empty when the bot's ``/feedback`` shows it."""

    @property
    def venv(self) -> pathlib.Path:
        """The virtual environment of a ``pypi`` implementation."""
        return self.workdir / ".venv"


def _text(data: typing.Mapping[str, object], key: str, where: pathlib.Path) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise ManifestError(f"{where}: {key!r} is missing or not a JSON string")
    return value


def _list(data: typing.Mapping[str, object], key: str, where: pathlib.Path) -> list[object]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ManifestError(f"{where}: {key!r} is not a JSON list")
    return typing.cast("list[object]", value)


def _argv(value: object, key: str, where: pathlib.Path) -> tuple[str, ...]:
    parts = typing.cast("list[object]", value) if isinstance(value, list) else []
    if not parts or not all(isinstance(part, str) for part in parts):
        raise ManifestError(f"{where}: {key!r} must be a non-empty list of strings")
    return tuple(str(part) for part in parts)


def _unsupported(value: list[object], where: pathlib.Path) -> tuple[Unsupported, ...]:
    entries: list[Unsupported] = []
    for entry in value:
        if not isinstance(entry, dict):
            raise ManifestError(f"{where}: each 'unsupported' entry must be an object with 'cases' and 'reason'")
        item = typing.cast("dict[str, object]", entry)
        cases, reason = item.get("cases"), item.get("reason")
        if not isinstance(cases, str) or not cases or not isinstance(reason, str) or not reason:
            raise ManifestError(f"{where}: each 'unsupported' entry needs a 'cases' prefix and a 'reason'")
        entries.append(Unsupported(cases, reason))
    return tuple(entries)


def _static(value: list[object], where: pathlib.Path) -> tuple[StaticTarget, ...]:
    targets: list[StaticTarget] = []
    for entry in value:
        item = typing.cast("dict[str, object]", entry) if isinstance(entry, dict) else {}
        target, name = item.get("target"), item.get("name", "")
        if not isinstance(target, str) or ":" not in target or not isinstance(name, str):
            raise ManifestError(f"{where}: each 'static' entry needs a 'target' module:Class and may have a 'name'")
        targets.append(StaticTarget(target, name))
    if len({target.name for target in targets}) != len(targets):
        raise ManifestError(f"{where}: the 'static' entries need distinct names (the first may have none)")
    return tuple(targets)


def load(path: pathlib.Path) -> Implementation:
    """Read one ``implementation.json``.

    Parameters
    ----------
    path : pathlib.Path
        The file; its folder's name is the implementation's slug.

    Returns
    -------
    Implementation
        What the file declares, paths made absolute.

    Raises
    ------
    ManifestError
        If the file cannot be read, or a key is missing or malformed.
    """
    try:
        data: object = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ManifestError(f"{path}: cannot be read as JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ManifestError(f"{path}: not a JSON object")
    fields = typing.cast("dict[str, object]", data)
    registry = _text(fields, "registry", path)
    if registry not in _REGISTRIES:
        raise ManifestError(f"{path}: 'registry' must be one of {sorted(_REGISTRIES)}, not {registry!r}")
    modes = _list(fields, "modes", path)
    if not modes or any(mode not in _MODES for mode in modes):
        raise ManifestError(f"{path}: 'modes' must list 'in-process' and/or 'http', not {modes!r}")
    target = fields.get("target", "")
    if "in-process" in modes and not (isinstance(target, str) and target):
        raise ManifestError(f"{path}: the in-process mode needs a 'target'")
    workdir = (path.parent / str(fields.get("workdir", "."))).resolve()
    modal_layout = fields.get("modal_layout", "")
    if modal_layout not in ("", *_MODAL_LAYOUTS):
        raise ManifestError(f"{path}: 'modal_layout' must be one of {list(_MODAL_LAYOUTS)}, not {modal_layout!r}")
    installs = _list(fields, "install", path)
    return Implementation(
        slug=path.parent.name,
        title=_text(fields, "title", path),
        library=_text(fields, "library", path),
        version=_text(fields, "version", path),
        registry=registry,
        workdir=workdir,
        install=tuple(_argv(command, "install", path) for command in installs),
        installed=workdir / str(fields.get("installed", ".")),
        start=_argv(fields.get("start"), "start", path),
        path=_text(fields, "path", path),
        modes=tuple(mode for mode in _MODES if mode in modes),
        target=str(target or ""),
        unsupported=_unsupported(_list(fields, "unsupported", path), path),
        static=_static(_list(fields, "static", path), path),
        modal_layout=str(modal_layout),
    )


def discover(root: pathlib.Path = IMPLEMENTATIONS_DIR) -> tuple[Implementation, ...]:
    """Return every implementation under ``root``, by folder name.

    Raises
    ------
    ManifestError
        If one of the ``implementation.json`` files is invalid.
    """
    return tuple(load(path) for path in sorted(root.glob("*/implementation.json")))
