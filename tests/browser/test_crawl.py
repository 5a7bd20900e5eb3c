"""Every page each role of the demo can reach, in Dutch and English: at 320, 390 and 1280
px no page scrolls sideways; at 390 x 844 the header and menu bar take at most 130 px;
every title reads "<page> – Samenspel" (the home page: "Samenspel"); axe finds nothing;
the favicon answers.

Pages are found as a person would: the links of each page, breadth first from the home
page, leaving out downloads, sign-out and links that only make sense as a form's target.
"""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest

from devtools.demo_data import DEMO_USERS, seed_demo
from samenspel.models import User

from .conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (320, 390, 1280)
MAX_PAGES = 30  # per role and language: the pages a role reaches are far fewer in kind
SKIP = re.compile(
    r"(\.(pdf|ics|csv|xlsx|png|svg)$|format=|/uitloggen/|/inloggen|/afmelden/|/static/|"
    r"/admin/|/agenda/|/export|/lijsten/|/live/scherm/|/sms/)"
)
HEADER_MAX = 130

LINKS = "() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"
HEADER = """() => {
  const kop = document.querySelector('header.kop').getBoundingClientRect();
  const balk = document.querySelector('.kop__navbalk');
  const b = balk && getComputedStyle(balk).display !== 'none' ? balk.getBoundingClientRect() : null;
  return Math.max(kop.bottom, b ? b.bottom : 0);
}"""


def _crawl(page, site: str) -> list[str]:
    seen, queue, found = {"/"}, deque(["/"]), []
    while queue and len(found) < MAX_PAGES:
        path = queue.popleft()
        response = page.goto(site + path)
        assert response.status == 200, (path, response.status)
        if "text/html" not in response.headers.get("content-type", ""):
            continue  # a download (a PDF, a calendar) is no page
        found.append(path)
        for href in page.evaluate(LINKS):
            url = urlsplit(urljoin(site + path, href))
            if url.netloc != urlsplit(site).netloc or url.scheme not in ("http", "https"):
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if target in seen or SKIP.search(target) or "pagina=" in target:
                continue
            seen.add(target)
            queue.append(target)
    return found


def _check(page, site: str, path: str, problems: list[str]) -> None:
    page.set_viewport_size({"width": 1280, "height": 844})
    page.goto(site + path)
    title = page.title()
    if not (title == "Samenspel" or title.endswith(" – Samenspel")):
        problems.append(f"{path}: title {title!r}")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 844})
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            problems.append(f"{path}: {scroll} px wide at {width}")
        if width == 390:
            if (height := page.evaluate(HEADER)) > HEADER_MAX:
                problems.append(f"{path}: header {height:.0f} px at 390")
            assert_accessible(page)  # at phone size, where tables scroll in their box


@pytest.fixture
def demo():
    seed_demo()  # per test: a live-server test's database is emptied after it
    return {key: email for key, (email, _n, _r) in DEMO_USERS.items()}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("role", list(DEMO_USERS))
def test_every_page_a_role_reaches(browser, site, demo, role, language):
    user = User.objects.get(email=demo[role])
    User.objects.filter(pk=user.pk).update(taal=language)
    context = browser.new_context(
        locale="nl-NL" if language == "nl" else "en-GB",
        viewport={"width": 1280, "height": 844},
    )
    context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    log_in(context, user, site)
    page = context.new_page()
    pages = _crawl(page, site)
    assert len(pages) > 3, pages  # the role reaches its pages
    problems: list[str] = []
    for path in pages:
        _check(page, site, path, problems)
    assert problems == []
    if role == "deelnemer" and language == "nl":
        assert page.request.get(site + "/favicon.ico").status == 200
        icon = page.evaluate("document.querySelector('link[rel=icon]').href")
        assert page.request.get(icon).status == 200
    context.close()
