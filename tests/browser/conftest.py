"""Browser fixtures: Debian's Chromium driven by Playwright, with axe-core.

Playwright's sync API runs an event loop in the test thread; Django refuses
database calls from a thread with a running loop unless told the caller is
synchronous, which it is here.
"""

import os
import re
from pathlib import Path

import pytest

from tests.service_checks import chromium_path, service_missing

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCRIPT_TAG = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        service_missing("Chromium", "no /usr/bin/chromium (apt-get install chromium)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Once Playwright runs its event loop in this thread, Django hands out new
    # connection objects, without the database snapshot that serialized_rollback
    # restores after each transactional test; carry the snapshot over.
    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            connections[alias]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page with JavaScript on, as most people browse."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture
def page_without_js(browser):
    """A page with JavaScript off, for journeys that must work without it."""
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def page_as_without_js(browser):
    """A page that receives every document with its scripts removed.

    It renders exactly what a browser without JavaScript shows, while still
    letting the test run axe-core in the page (Chromium runs no injected script
    at all once JavaScript is switched off).
    """
    context = browser.new_context()

    def strip_scripts(route):
        if route.request.resource_type != "document":
            route.continue_()
            return
        response = route.fetch()
        route.fulfill(response=response, body=SCRIPT_TAG.sub("", response.text()))

    context.route("**/*", strip_scripts)
    yield context.new_page()
    context.close()


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page and return the WCAG 2.2 AA violations, simplified."""
    page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map(n => n.target.join(" ")).slice(0, 5),
            }));
        }""",
        AXE_TAGS,
    )
    return result
