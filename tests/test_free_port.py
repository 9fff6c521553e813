"""`tests.endpoints.free_port`: under pytest-xdist no two workers hand out the same port."""

from __future__ import annotations

import itertools
import socket

import pytest

from tests import endpoints

_LAST_WORKER = "gw24"
_LAST_RANGE_FROM = 32000


def test_each_worker_takes_ports_from_a_range_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    taken: dict[str, set[int]] = {}
    for worker in ("gw0", "gw1", "gw5"):
        monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
        taken[worker] = {endpoints.free_port() for _ in range(20)}

    assert all(20000 <= port < 20500 for port in taken["gw0"])
    assert all(20500 <= port < 21000 for port in taken["gw1"])
    assert all(22500 <= port < 23000 for port in taken["gw5"])
    assert len(taken["gw0"]) == 20


def test_a_port_in_use_is_passed_over(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_XDIST_WORKER", _LAST_WORKER)
    monkeypatch.setattr(endpoints, "_next_port", itertools.count())
    with socket.socket() as held:
        held.bind(("127.0.0.1", _LAST_RANGE_FROM))
        held.listen()

        assert endpoints.free_port() == _LAST_RANGE_FROM + 1


def test_outside_xdist_the_system_picks_a_free_port(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    port = endpoints.free_port()

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", port))
