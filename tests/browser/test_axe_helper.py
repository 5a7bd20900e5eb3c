"""The accessibility helper itself: it must fail on real violations, also under the site's CSP."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import AXE_OPTIONS, assert_accessible

pytestmark = pytest.mark.browser

BAD_PAGE = """<!doctype html><html lang="nl"><head><title>Fout</title></head><body><main>
<h1>Fout</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<label>Naam</label><input type="text">
</main></body></html>"""


def test_assert_accessible_fails_on_violations(page):
    page.set_content(BAD_PAGE)
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_accessible(page)
    report = str(failure.value)
    assert "image-alt" in report or "Images must have alternative text" in report
    assert "label" in report


@pytest.mark.django_db(transaction=True)
def test_axe_runs_under_the_sites_csp(page, site):
    """The site's Content-Security-Policy (script-src 'self') must not stop axe."""
    response = page.goto(f"{site}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    results = Axe().run(page, options={**AXE_OPTIONS, "resultTypes": ["passes", "violations"]})
    passed = {rule["id"] for rule in results.response["passes"]}
    assert {"document-title", "html-has-lang", "label", "color-contrast"} <= passed
    assert_accessible(page)
