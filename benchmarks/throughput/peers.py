"""The peer servers: implementations of the results matrix, found and started through their ``implementation.json``.

Each folder ``implementations/<slug>/`` describes how its endpoint is installed
and started (``docs/guide.md`` and the matrix runner follow the same rules):

- ``registry`` ``"npm"``: the ``install`` commands (``npm ci ...``) run in the
  work directory; ``installed`` names the path that exists once they have.
- ``registry`` ``"pypi"``: a virtual environment ``<workdir>/.venv`` with
  ``requirements.txt`` installed (``--require-hashes`` when it pins hashes);
  ``"python"`` in ``start`` means that environment's interpreter.
- ``registry`` ``"project"``: the project's own environment (this interpreter).

The endpoint is started with ``start`` in its work directory, with
``CONFORMANCE_HOST``, ``CONFORMANCE_PORT`` and ``CONFORMANCE_PUBLIC_KEY`` set,
and answers on ``path``.
"""

from __future__ import annotations

__all__ = ("Peer", "PeerError", "find_peers", "install", "install_command_line", "install_steps")

import dataclasses
import json
import os
import pathlib
import shlex
import subprocess
import sys
import typing

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

_INSTALL_TIMEOUT_S: typing.Final = 900.0


class PeerError(Exception):
    """A peer cannot be used; the message says why in one line."""


@dataclasses.dataclass(frozen=True, slots=True)
class Peer:
    """One implementation, as its ``implementation.json`` describes it.

    Attributes
    ----------
    slug : str
        The folder's name: the matrix column.
    title : str
        The column title (library, version and server).
    registry : str
        ``"npm"``, ``"pypi"`` or ``"project"``.
    workdir : pathlib.Path
        Where it is installed and started.
    start : tuple[str, ...]
        The start command, ``"python"`` already resolved.
    path : str
        The interactions URL path.
    install_commands : tuple[tuple[str, ...], ...]
        The ``install`` commands of the file.
    installed : pathlib.Path | None
        The path whose existence means installed (`None`: nothing to check).
    """

    slug: str
    title: str
    registry: str
    workdir: pathlib.Path
    start: tuple[str, ...]
    path: str
    install_commands: tuple[tuple[str, ...], ...]
    installed: pathlib.Path | None

    @property
    def is_installed(self) -> bool:
        """Whether the peer's dependencies are in place."""
        return self.installed is None or self.installed.exists()

    def environment(self, port: int, public_key: bytes) -> dict[str, str]:
        """Return the environment to start the endpoint with.

        Parameters
        ----------
        port : int
            The port to listen on, on 127.0.0.1.
        public_key : bytes
            The 32-byte Ed25519 public key to verify with.

        Returns
        -------
        dict[str, str]
            This process's environment plus the three ``CONFORMANCE_*`` variables.
        """
        return {
            **os.environ,
            "CONFORMANCE_HOST": "127.0.0.1",
            "CONFORMANCE_PORT": str(port),
            "CONFORMANCE_PUBLIC_KEY": public_key.hex(),
        }


def _strings(value: object, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in typing.cast("list[object]", value)):
        raise PeerError(f"{what} is not a list of strings")
    return tuple(typing.cast("list[str]", value))


def _load(folder: pathlib.Path) -> Peer:
    """Read ``folder/implementation.json``; raise `PeerError` if it is missing or malformed."""
    try:
        raw: object = json.loads((folder / "implementation.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PeerError(f"{folder} has no implementation.json") from None
    except (OSError, ValueError) as exc:
        raise PeerError(f"{folder}/implementation.json cannot be read: {exc}") from None
    if not isinstance(raw, dict):
        raise PeerError(f"{folder}/implementation.json is not a JSON object")
    spec = typing.cast("dict[str, object]", raw)
    registry, path, title = spec.get("registry"), spec.get("path", "/"), spec.get("title", folder.name)
    if registry not in ("npm", "pypi", "project") or not isinstance(path, str) or not isinstance(title, str):
        raise PeerError(f"{folder}/implementation.json has no valid registry, path or title")
    workdir = (folder / str(spec.get("workdir", "."))).resolve()
    start = _strings(spec.get("start"), f"{folder.name}'s start")
    if not start:
        raise PeerError(f"{folder.name}'s start command is empty")
    if start[0] == "python":
        python = workdir / ".venv" / "bin" / "python" if registry == "pypi" else pathlib.Path(sys.executable)
        start = (str(python), *start[1:])
    raw_install = spec.get("install", [])
    if not isinstance(raw_install, list):
        raise PeerError(f"{folder.name}'s install is not a list of commands")
    commands = tuple(
        _strings(command, f"{folder.name}'s install") for command in typing.cast("list[object]", raw_install)
    )
    installed_path = spec.get("installed")
    if registry == "pypi":
        installed: pathlib.Path | None = workdir / ".venv" / "bin" / "python"
    elif isinstance(installed_path, str):
        installed = workdir / installed_path
    else:
        installed = None
    return Peer(folder.name, title, str(registry), workdir, start, path, commands, installed)


def install_steps(peer: Peer) -> list[list[str]]:
    """Return the commands that install ``peer``, each to run in its work directory.

    Parameters
    ----------
    peer : Peer
        The peer.

    Returns
    -------
    list[list[str]]
        For pypi, the virtual environment and the pinned requirements first; then the ``install`` commands.
    """
    steps: list[list[str]] = []
    if peer.registry == "pypi":
        requirements = peer.workdir / "requirements.txt"
        hashes = requirements.exists() and "--hash=" in requirements.read_text(encoding="utf-8")
        steps.append([sys.executable, "-m", "venv", ".venv"])
        steps.append(
            [".venv/bin/pip", "install", "-q", *(["--require-hashes"] if hashes else []), "-r", "requirements.txt"]
        )
    steps.extend(list(command) for command in peer.install_commands)
    return steps


def install_command_line(peer: Peer) -> str:
    """Return one shell command line that installs ``peer``.

    Parameters
    ----------
    peer : Peer
        The peer.

    Returns
    -------
    str
        ``cd WORKDIR && STEP && STEP ...``.
    """
    steps = " && ".join(shlex.join(step) for step in install_steps(peer))
    return f"cd {shlex.quote(str(peer.workdir))} && {steps}"


def install(peer: Peer) -> None:
    """Run ``peer``'s install steps.

    Parameters
    ----------
    peer : Peer
        The peer.

    Raises
    ------
    PeerError
        If a step fails or takes too long.
    """
    for step in install_steps(peer):
        try:
            subprocess.run(
                step,
                cwd=peer.workdir,
                check=True,
                capture_output=True,
                timeout=_INSTALL_TIMEOUT_S,
                stdin=subprocess.DEVNULL,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise PeerError(f"installing {peer.slug} failed at {shlex.join(step)}: {type(exc).__name__}") from None


def find_peers(directory: pathlib.Path, slugs: Sequence[str], *, install_missing: bool) -> tuple[list[Peer], list[str]]:
    """Return the peers that can be started, and one line per peer that cannot.

    Parameters
    ----------
    directory : pathlib.Path
        The ``implementations`` folder.
    slugs : Sequence[str]
        The peers wanted, in order.
    install_missing : bool
        Install a peer that is not installed yet, instead of skipping it.

    Returns
    -------
    tuple[list[Peer], list[str]]
        The peers, and the skip lines (``"<slug> skipped: <why>"``).
    """
    peers: list[Peer] = []
    skipped: list[str] = []
    for slug in slugs:
        folder = directory / slug
        try:
            if not folder.is_dir():
                raise PeerError(f"no folder {folder}")
            peer = _load(folder)
            if not peer.is_installed:
                if not install_missing:
                    raise PeerError(f"not installed; install it with: {install_command_line(peer)}")
                install(peer)
        except PeerError as exc:
            skipped.append(f"{slug} skipped: {exc}")
            continue
        peers.append(peer)
    return peers, skipped
