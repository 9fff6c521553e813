"""Headless Chromium for the tests that look at a page as a reader does: Debian's ``chromium``, driven by Playwright.

Playwright never downloads a browser here: it launches the system's Chromium (`CHROMIUM`). Where it is absent,
a test that needs it is skipped with the command that installs it, except in CI (``CI`` set), where the
environment is expected to have it (``.ci/run`` installs it) and the test fails saying so.
"""

from __future__ import annotations

__all__ = ("CHROMIUM", "chromium")

import contextlib
import os
import pathlib
import typing

import pytest

if typing.TYPE_CHECKING:
    from collections.abc import Generator

    from playwright.sync_api import Browser

CHROMIUM: typing.Final = pathlib.Path(os.environ.get("CONFORMANCE_CHROMIUM", "/usr/bin/chromium"))
"""The Chromium executable: Debian's package, or the one ``CONFORMANCE_CHROMIUM`` names."""

_ARGUMENTS: typing.Final = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def _require_chromium() -> None:
    """Skip the test when Chromium is absent (fail in CI, which must have it)."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is absent, and CI must run the browser tests: .ci/run installs it (chromium)")
    pytest.skip(f"{CHROMIUM} is absent: apt-get install chromium (or set CONFORMANCE_CHROMIUM to a Chromium)")


@contextlib.contextmanager
def chromium() -> Generator[Browser, None, None]:
    """Launch headless Chromium for one test and close it afterwards.

    Yields
    ------
    playwright.sync_api.Browser
        The browser; open pages with ``new_page(viewport=...)``.
    """
    _require_chromium()
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only the browser tests need it

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(_ARGUMENTS))
        try:
            yield browser
        finally:
            browser.close()
