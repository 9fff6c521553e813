"""Shared pytest configuration for the project's own tests."""

from __future__ import annotations

import gc
import typing

import pytest

pytest_plugins = ["pytester", "tests.browser"]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Collect the garbage so far and freeze what survives, before each test.

    The in-process suite's ``asyncgen.continuation.not-collected`` case runs full garbage collections within its
    5 s timeout; in a test process holding every collected test (and, in a worker, what earlier tests kept), each
    took a large share of a busy core, and the case timed out. Frozen objects are left out of collections, so
    each test's collections walk only what it made itself, as in a run of the suite on its own.
    """
    gc.collect()
    gc.freeze()


STARTS_FIRST: typing.Final = "starts_first"
"""The marker of a test that takes tens of seconds, mostly waiting (timeouts, a slow endpoint)."""


def pytest_configure(config: pytest.Config) -> None:
    """Register `STARTS_FIRST`, and have xdist hand out work in the order of the collection (see below)."""
    config.addinivalue_line(
        "markers",
        f"{STARTS_FIRST}: takes tens of seconds, mostly waiting; collected first, so that in a parallel run it "
        "overlaps the other tests instead of trailing them",
    )
    if getattr(config.option, "loadscopereorder", False):
        # xdist's loadgroup scheduling otherwise sorts the work by the number of tests in each group, which puts a
        # group of three quick tests before a test of a minute.
        config.option.loadscopereorder = False


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Move the tests marked `STARTS_FIRST` to the front; on an xdist worker, name each test's ``xdist_group``."""
    items.sort(key=lambda item: item.get_closest_marker(STARTS_FIRST) is None)  # stable: each part keeps its order
    _name_groups(config, items)


def _name_groups(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Give each test marked ``xdist_group`` its group's suffix, on an xdist worker run with ``--dist loadgroup``.

    pytest-xdist 3.8.0 does this by setting ``item._nodeid``, which pytest 9.2 no longer reads (a node's ID
    is a ``NodeId`` in ``item._id``), so without this the groups are ignored and each worker that gets one
    of a group's tests builds the group's shared fixture again. Where the suffix is already there, nothing
    is done.
    """
    if not getattr(config.option, "loadgroup", False):  # set by xdist on its workers only, for --dist loadgroup
        return
    try:
        from _pytest.nodeid import NodeId  # noqa: PLC0415 - pytest 9.2's own type, absent before
    except ImportError:
        return
    for item in items:
        groups = sorted(
            {
                str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                for mark in item.iter_markers("xdist_group")
            }
        )
        if groups and "@" not in item.nodeid:
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(groups)}")  # pyright: ignore[reportPrivateUsage]
