"""A page in headless Chromium, for tests that check what a person reading a page sees.

The fixture `browser_page` gives a fresh Playwright page in Debian's Chromium
(``/usr/bin/chromium``; Playwright never downloads a browser here), with a new
empty profile under the test's ``tmp_path``. Pages may load ``file://`` URLs and
``http://127.0.0.1``; every other request is refused and recorded in
`BrowserPage.refused`, so a test can assert that a page needs no network.

Without Chromium the tests that use it skip, naming the package to install,
except in CI (``CI`` set), where they fail: a check that silently did not run
there would be a defect.
"""

from __future__ import annotations

__all__ = ("CHROMIUM", "BrowserPage", "browser_page", "require_chromium")

import dataclasses
import importlib.util
import os
import pathlib
import typing
import urllib.parse

import pytest

if typing.TYPE_CHECKING:
    from playwright.sync_api import Page
    from playwright.sync_api import Route

CHROMIUM: typing.Final = pathlib.Path("/usr/bin/chromium")
_ARGS: typing.Final = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
_LOCAL_HOSTS: typing.Final = frozenset({"127.0.0.1"})
_TIMEOUT_MS: typing.Final = 30_000
"""Generous: what a page does takes milliseconds, but the machine may be busy."""


@dataclasses.dataclass(slots=True)
class BrowserPage:
    """A page open in headless Chromium, and the requests it was refused."""

    page: Page
    refused: list[str] = dataclasses.field(default_factory=list[str])
    """URLs the page asked for that are neither ``file://`` nor on 127.0.0.1."""

    def open(self, path: pathlib.Path) -> Page:
        """Load a local file and return the page once it has loaded."""
        self.page.goto(path.resolve().as_uri(), wait_until="load")
        return self.page


def require_chromium() -> None:
    """Skip the test when Chromium or Playwright is missing; fail instead in CI."""
    problem = ""
    if not CHROMIUM.exists():
        problem = f"no Chromium at {CHROMIUM}: apt-get install chromium"
    elif importlib.util.find_spec("playwright") is None:  # a dev dependency; only browser tests need it
        problem = "Playwright for Python is missing: pip install -e '.[dev]' (and apt-get install chromium)"
    if problem and os.environ.get("CI"):
        pytest.fail(f"browser tests need headless Chromium in CI: {problem}", pytrace=False)
    if problem:
        pytest.skip(problem)


@pytest.fixture
def browser_page(tmp_path: pathlib.Path) -> typing.Iterator[BrowserPage]:
    """Yield a fresh page in headless Chromium that may load only local files and 127.0.0.1."""
    require_chromium()
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=list(_ARGS),
            viewport={"width": 1400, "height": 900},
        )
        try:
            context.set_default_timeout(_TIMEOUT_MS)
            opened = BrowserPage(context.pages[0] if context.pages else context.new_page())

            def gate(route: Route) -> None:
                url = urllib.parse.urlsplit(route.request.url)
                if url.scheme in ("file", "data", "blob", "about") or url.hostname in _LOCAL_HOSTS:
                    route.continue_()
                else:
                    opened.refused.append(route.request.url)
                    route.abort()

            context.route("**/*", gate)
            yield opened
        finally:
            context.close()
