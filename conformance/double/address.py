"""``--discord-api HOST:PORT``: where the Discord API double listens.

``PORT`` alone (or ``:PORT``) listens on 127.0.0.1. A host is taken as
written: a loopback address or ``localhost``, or any other IP address the user
names explicitly (``0.0.0.0``, ``192.0.2.7``). A host name that resolves
elsewhere is refused, so that a typo or a resolver never exposes the double.
Port 0 takes an ephemeral port.
"""

from __future__ import annotations

__all__ = ("DEFAULT_HOST", "parse_address")

import ipaddress
import socket
import typing

DEFAULT_HOST: typing.Final = "127.0.0.1"
_MAX_PORT: typing.Final = 65535


def _loopback(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0]).is_loopback for info in infos)


def parse_address(text: str) -> tuple[str, int]:
    """Return the host and port ``text`` names.

    Raises
    ------
    ValueError
        Saying what is wrong with ``text``, in one line.
    """
    host, colon, port_text = text.strip().rpartition(":")
    if not colon:
        host, port_text = "", text.strip()
    host = host.strip("[]") or DEFAULT_HOST
    if not port_text.isdigit() or int(port_text) > _MAX_PORT:
        raise ValueError(f"--discord-api must be HOST:PORT or PORT with a port from 0 to {_MAX_PORT}, not {text!r}")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if not _loopback(host):
            raise ValueError(
                f"--discord-api host {host!r} is not a loopback address: name an IP address explicitly to serve the "
                "double beyond this machine"
            ) from None
    return host, int(port_text)
