"""Browser journeys: a real Chromium (pytest-playwright) against pytest-django's live server.

Helpers for the tests in this folder:

- ``assert_accessible(page)`` runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules only) and fails
  with axe's report when anything is violated.
- ``switch_language(page, "English")`` presses a language button in the header.
- ``assert_accessible_in_both_languages(page)`` checks the current page with axe in Dutch and
  in English and leaves it in Dutch again.
- ``focus_next(page, predicate)`` presses Tab until the focused element matches.

A failed test leaves a screenshot in ``var/test-results/<test>.png``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

BASE_DIR = Path(__file__).resolve().parents[2]
RESULTS_DIR = BASE_DIR / "var" / "test-results"

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

LANGUAGE_BUTTONS = {"nl": "Nederlands", "en": "English"}

_axe = Axe()


# --- Screenshots on failure ---------------------------------------------------------------


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(autouse=True)
def _screenshot_on_failure(request):
    """Save a full-page screenshot of ``page`` when the test body failed.

    Requesting ``page`` here (when the test uses it) makes this teardown run while the page
    is still open."""
    page = request.getfixturevalue("page") if "page" in request.fixturenames else None
    yield
    report = getattr(request.node, "rep_call", None)
    if page is None or report is None or not report.failed or page.is_closed():
        return
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    try:
        page.screenshot(path=str(RESULTS_DIR / f"{name}.png"), full_page=True)
    except Exception as exc:  # noqa: BLE001 (a screenshot must never hide the real failure)
        print(f"Could not save a screenshot: {exc}")


# --- The site ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A Dutch visitor: Accept-Language nl-NL, so the site starts in Dutch (Chromium's
    default en-US would make LocaleMiddleware pick English)."""
    return {**browser_context_args, "locale": "nl-NL", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def site(live_server, settings):
    """The live server's base URL, with links in e-mails pointing at it.

    Cookies are not marked Secure here: the live server speaks plain HTTP."""
    settings.SITE_URL = live_server.url
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False
    return live_server.url


# --- Accessibility -----------------------------------------------------------------------


def assert_accessible(page) -> None:
    """Fail with axe's report when the page violates a WCAG 2.x A/AA rule."""
    page.wait_for_load_state("load")
    results = _axe.run(page, options=AXE_OPTIONS)
    if results.violations_count:
        lang = page.evaluate("document.documentElement.lang")
        pytest.fail(
            f"axe: {results.violations_count} WCAG violation(s) on {page.url} (lang={lang})\n"
            + results.generate_report(),
            pytrace=False,
        )


def current_language(page) -> str:
    return page.evaluate("document.documentElement.lang")


def switch_language(page, code: str, *, keyboard: bool = False) -> None:
    """Press the header's language button for ``code`` ("nl"/"en") and wait for the page
    to come back in that language. With ``keyboard=True`` it is reached by Tab and Enter."""
    name = LANGUAGE_BUTTONS[code]
    if keyboard:
        focus_next(page, f"form.taalkeuze button[value='{code}']")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    else:
        button = page.locator("form.taalkeuze").get_by_role("button", name=name, exact=True)
        with page.expect_navigation():
            button.click()
    page.wait_for_load_state("load")
    assert current_language(page) == code, f"html[lang] is {current_language(page)!r}"


def assert_accessible_in_both_languages(page, *, keyboard: bool = False) -> None:
    """axe on the current page in Dutch and in English; the page ends up in Dutch.

    The language switch reloads the page by GET (its ``next`` is the current URL)."""
    assert current_language(page) == "nl"
    assert_accessible(page)
    switch_language(page, "en", keyboard=keyboard)
    assert_accessible(page)
    switch_language(page, "nl", keyboard=keyboard)


# --- Keyboard ----------------------------------------------------------------------------

FOCUS_INFO = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), id: el.id, text: (el.innerText || el.value || "").trim(),
    outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth,
    focusVisible: el.matches(":focus-visible"), width: r.width, height: r.height,
  };
}"""


def focused(page) -> dict | None:
    return page.evaluate(FOCUS_INFO)


def assert_focus_visible(page) -> dict:
    """The focused element shows a focus indicator (an outline) and is not clipped away."""
    info = focused(page)
    assert info is not None, "nothing has focus"
    assert info["outlineStyle"] != "none" and info["outlineWidth"] != "0px", (
        f"focus not visible on {info}"
    )
    assert info["width"] > 1 and info["height"] > 1, f"focused element is hidden: {info}"
    return info


def focus_next(page, selector: str, *, max_tabs: int = 40) -> dict:
    """Press Tab until the element matching ``selector`` has focus, checking on every stop
    that the focus is visible."""
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        assert_focus_visible(page)
        if page.evaluate("(sel) => document.activeElement.matches(sel)", selector):
            return focused(page)
    pytest.fail(f"{selector} not reached with {max_tabs} Tabs on {page.url}")


# --- htmx ---------------------------------------------------------------------------------

# htmx fades swapped content in (CSS transitions), and axe measures contrast on what is
# painted. Settled: no htmx request or swap in progress and no finite animation (such a
# fade) still running. Endless ones (a spinner) do not count.
HTMX_SETTLED = """() => !document.querySelector(
  '.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')
  && !document.getAnimations().some((a) => a.playState === 'running'
       && a.effect && a.effect.getComputedTiming().iterations !== Infinity)"""


def settled(page) -> None:
    """Wait until htmx has swapped and its fade-in is over: a condition, not a fixed wait."""
    page.wait_for_function(HTMX_SETTLED)


def log_in(context, user, site: str) -> None:
    """Sign ``user`` in for the browser: a real session, its cookie in the context."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": site}])
