"""The browser fixture itself: a real page renders, and a page cannot reach the network."""

from __future__ import annotations

import pathlib
import typing

import pytest

from tests import browser

if typing.TYPE_CHECKING:
    from tests.browser import BrowserPage


def test_a_local_page_renders_and_remote_requests_are_refused(
    browser_page: BrowserPage, tmp_path: pathlib.Path
) -> None:
    page_file = tmp_path / "page.html"
    page_file.write_text(
        "<!doctype html><title>t</title><p id=shown>hello</p>"
        "<img src='https://example.invalid/pixel.png' alt=''>"
        "<script>document.getElementById('shown').textContent = 'from script';</script>",
        encoding="utf-8",
    )
    page = browser_page.open(page_file)
    assert page.locator("#shown").inner_text() == "from script"
    page.wait_for_function("() => document.images[0].complete")
    assert browser_page.refused == ["https://example.invalid/pixel.png"]


def test_without_chromium_browser_tests_skip_naming_the_package_but_fail_in_ci(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(browser, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        browser.require_chromium()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="browser tests need headless Chromium in CI: no Chromium at"):
        browser.require_chromium()
