"""The HTML report, read in headless Chromium: what a maintainer sees, and that the filters work."""

from __future__ import annotations

import json
import pathlib
import typing

from conformance.signing import Signer
from tests.endpoints import SEED
from tests.endpoints import black_box
from tests.endpoints import free_port
from tests.endpoints import serving

if typing.TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.browser import BrowserPage

_PUBLIC_KEY: typing.Final = Signer(SEED).public_key.hex()


def _failing_run(tmp_path: pathlib.Path) -> pathlib.Path:
    """Run black-box mode against an endpoint whose every command gets 500; return its HTML report."""
    page = tmp_path / "report.html"
    port = free_port()
    command = ("-m", "tests.endpoints.mutants", "AnswersErrorsToInteractions", "--port", str(port))
    with serving(*command, "--public-key", _PUBLIC_KEY, port=port) as url:
        run = black_box(url, tmp_path / "report.json", "--only", "sig.accept,ping", "--html", str(page))
    assert run.returncode == 1, run.stderr
    return page


def _visible(page: Page, selector: str) -> list[str]:
    """Return the case IDs of the rows matching ``selector`` that are shown."""
    rows = page.locator(selector)
    return [rows.nth(i).get_attribute("id") or "" for i in range(rows.count()) if rows.nth(i).is_visible()]


def test_a_must_failure_opens_to_its_request_and_reply(browser_page: BrowserPage, tmp_path: pathlib.Path) -> None:
    page = browser_page.open(_failing_run(tmp_path))
    assert page.locator("#verdict").inner_text().startswith("NOT conformant")
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    must_failures = sum(case["outcome"] == "failed" and case["level"] == "MUST" for case in report["cases"])
    origin_row = page.locator("table.summary tr", has_text="Discord requirements")
    assert f"NOT conformant: {must_failures} MUST failures" in origin_row.inner_text()

    failure = page.locator('details.case[data-outcome="failed"][data-level="MUST"]').first
    request_headers = failure.locator(".sent pre").first
    assert not request_headers.is_visible()  # closed until the reader opens it
    failure.locator("summary").click()
    assert request_headers.is_visible()
    assert "X-Signature-Ed25519: " in request_headers.inner_text()
    assert "X-Signature-Timestamp: " in request_headers.inner_text()
    assert failure.locator(".sent h4").inner_text() == "Request 1 of 1: POST /"
    assert failure.locator(".sent pre").nth(1).inner_text().startswith('{"app_permissions"')
    assert failure.locator(".reply h4").inner_text() == "Reply: 500"
    reply_body = failure.locator(".reply pre").nth(1)
    assert reply_body.is_visible()
    assert reply_body.inner_text() == "Internal Server Error"
    assert "a 5xx is never a correct answer" in failure.locator("summary").inner_text()
    assert "Counts against robust.handled (MUST)" in failure.inner_text()
    case_id = (failure.get_attribute("id") or "").removeprefix("case-")
    command = failure.locator(".repro pre").first.inner_text()
    assert command.startswith("interaction-conformance --url http://127.0.0.1:")
    assert command.endswith(f"--signing-seed {SEED.hex()} --only {case_id}")
    assert browser_page.refused == []  # the page loads nothing from the network


def test_the_filters_hide_passed_cases_levels_and_other_clauses(
    browser_page: BrowserPage, tmp_path: pathlib.Path
) -> None:
    page = browser_page.open(_failing_run(tmp_path))
    passed = _visible(page, 'details.case[data-outcome="passed"]')
    failed = _visible(page, 'details.case[data-outcome="failed"]')
    assert passed
    assert failed

    page.locator('input[name="outcome"][value="passed"]').uncheck()
    assert _visible(page, 'details.case[data-outcome="passed"]') == []
    assert _visible(page, 'details.case[data-outcome="failed"]') == failed
    shown = len(_visible(page, "details.case"))
    assert page.locator("#shown-count").inner_text() == f"{shown} of {page.locator('details.case').count()} cases shown"

    page.locator('input[name="outcome"][value="passed"]').check()
    page.locator('input[name="level"][value="MUST"]').uncheck()
    assert _visible(page, 'details.case[data-level="MUST"]') == []
    page.locator('input[name="level"][value="MUST"]').check()

    page.locator("#clause-filter").select_option("ping.pong")
    rows = _visible(page, "details.case")
    assert rows
    assert all(row.startswith("case-ping.pong.") for row in rows)
    assert set(_visible(page, 'details.case[data-clause="ping.pong"]')) == set(rows)
