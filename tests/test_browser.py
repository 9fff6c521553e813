"""The browser fixture itself: a real page renders, and a page cannot reach the network."""

from __future__ import annotations

import typing

if typing.TYPE_CHECKING:
    import pathlib

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
