"""Every page's <title> reads "<page> – Samenspel" (or just "Samenspel"), and the site has
a favicon that browsers find at /favicon.ico."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from test_access import MATRIX, ROLES, world  # noqa: F401  (world is a fixture)

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
PAGES = [
    (key, next(role for role in ROLES if expected[role] == 200))
    for key, (_kwargs, method, expected) in MATRIX.items()
    if method == "get" and 200 in expected.values()
]


def _title(response) -> str | None:
    match = TITLE.search(response.content.decode())
    return match and match.group(1)


@pytest.mark.parametrize(("key", "role"), PAGES, ids=[f"{k[0]}-{k[1]}" for k, _ in PAGES])
def test_every_page_title_names_the_page_then_samenspel(client, world, key, role):  # noqa: F811
    name, _ = key
    kwargs_of, _method, _expected = MATRIX[key]
    if role != "anoniem":
        client.force_login(world.users[role])
    response = client.get(reverse(name, kwargs=kwargs_of(world) if kwargs_of else None))
    if not response["Content-Type"].startswith("text/html"):
        return  # a calendar file, a PDF, the health check: no title
    title = _title(response)
    page, separator, site = title.rpartition(" – ")
    assert (separator, site) == (" – ", "Samenspel"), title
    assert page.strip() == page != ""
    assert "Samenspel" not in page


def test_sign_in_page_title():
    from django.test import Client

    response = Client().get(reverse("inloglink_verstuurd"))
    assert _title(response) == "Kijk in je e-mail – Samenspel"


def test_page_without_a_title_is_just_samenspel():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    html = engines["django"].from_string('{% extends "base.html" %}').render({}, request)
    assert TITLE.search(html).group(1) == "Samenspel"


def test_titles_are_escaped_once():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    template = engines["django"].from_string(
        '{% extends "base.html" %}{% block title %}{{ naam }}{% endblock %}'
    )
    html = template.render({"naam": "Zuid & <Oost>"}, request)
    assert TITLE.search(html).group(1) == "Zuid &amp; &lt;Oost&gt; – Samenspel"


def test_favicon_linked_and_served(client, db):
    html = client.get(reverse("privacy")).content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="icon" href="/static/favicon.png" type="image/png" sizes="180x180">' in html
    ico = client.get("/favicon.ico")
    assert ico.status_code == 200
    assert b"".join(ico.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    svg = client.get("/static/favicon.svg")
    assert svg.status_code == 200
    png = client.get("/static/favicon.png")
    assert png.status_code == 200
    assert b"".join(png.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
