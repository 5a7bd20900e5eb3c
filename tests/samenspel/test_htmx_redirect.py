"""A polling fragment whose session has expired loads the sign-in page as a whole page."""

from datetime import timedelta

import factories
from django.urls import reverse
from django.utils import timezone


def _meeting():
    return factories.bijeenkomst(factories.traject(), start=timezone.now() + timedelta(days=1))


def test_htmx_request_without_session_gets_a_client_redirect(client, db):
    url = reverse("bijeenkomsten:live", args=[_meeting().pk]) + "?deel=stand"
    response = client.get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(reverse("home"))
    assert "next=" in response["HX-Redirect"]


def test_plain_request_without_session_keeps_the_ordinary_redirect(client, db):
    url = reverse("bijeenkomsten:live", args=[_meeting().pk])
    response = client.get(url)
    assert response.status_code == 302
    assert "HX-Redirect" not in response


def test_htmx_redirects_of_signed_in_users_are_left_alone(client, db):
    user = factories.user(is_coordinator=True)
    b = _meeting()
    b.traject.coordinatoren.add(user)
    client.force_login(user)
    response = client.post(reverse("groepen:tafels_indelen", args=[b.pk]), HTTP_HX_REQUEST="true")
    assert "HX-Redirect" not in response
