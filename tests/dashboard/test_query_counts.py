"""The dashboard and the balance page run a fixed number of queries, from 2 trajecten with
20 people to a city: 50 trajecten, 3,000 people, 200 meetings, 10,000 attendance rows."""

import factories
import pytest
from django.urls import reverse

from bijeenkomsten.models import Aanwezigheid, Bijeenkomst
from devtools.city_scale import maak_stad

pytestmark = pytest.mark.django_db

# Session and user (2), data version (1), filter choices (2), trajecten (1), exact ones (1),
# figures (7); with the figures cached only the first three.
DASHBOARD_MANAGER = 14
DASHBOARD_ADMIN = 13  # an administrator sees every traject exactly: no query for that
DASHBOARD_CACHED = 3
# Session and user (2), the traject (1), exact? (1), figures (7), values board and overlap
# (4), the area's name on the page (1; not in the export).
BALANS_MANAGER = 16
BALANS_EXPORT = 15


SIZES = {
    "klein": {"trajecten": 2, "per_traject": 10, "geplaatst": 8, "gebieden": 2},
    "stad": {},
}


@pytest.fixture(params=list(SIZES))
def stad(request):
    stad = maak_stad(**SIZES[request.param], prefix=f"q{request.param}")
    return request.param, stad


def test_city_scale_sizes(stad):
    size, s = stad
    if size == "stad":
        assert len(s.trajecten) == 50
        assert len(s.namen) == 3000
        assert Bijeenkomst.objects.filter(traject__in=s.trajecten).count() == 200
        assert Aanwezigheid.objects.filter(bijeenkomst__traject__in=s.trajecten).count() == 10_000
    else:
        assert len(s.namen) == 20


def test_dashboard_query_count_is_fixed(client, django_assert_num_queries, stad):
    _, s = stad
    manager = factories.user(is_manager=True)
    for g in s.gebieden:
        g.managers.add(manager)
    client.force_login(manager)
    with django_assert_num_queries(DASHBOARD_MANAGER):
        response = client.get(reverse("dashboard:overzicht"))
    assert response.content.decode().count('<tr><th scope="row"><a href="/trajecten/') == len(
        s.trajecten
    )
    with django_assert_num_queries(DASHBOARD_CACHED):
        client.get(reverse("dashboard:overzicht"))
    with django_assert_num_queries(DASHBOARD_CACHED):
        client.get(reverse("dashboard:overzicht"), {"format": "csv"})
    with django_assert_num_queries(DASHBOARD_MANAGER):
        client.get(reverse("dashboard:overzicht"), {"status": "lopend", "van": "2026-01-01"})
    client.force_login(factories.user(is_superuser=True, is_staff=True))
    with django_assert_num_queries(DASHBOARD_ADMIN):
        client.get(reverse("dashboard:overzicht"))


def test_balance_page_query_count_is_fixed(client, django_assert_num_queries, stad):
    _, s = stad
    manager = factories.user(is_manager=True)
    s.gebieden[0].managers.add(manager)
    client.force_login(manager)
    url = reverse("traject_balans", kwargs={"slug": s.trajecten[0].slug})
    with django_assert_num_queries(BALANS_MANAGER):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(BALANS_EXPORT):
        assert client.get(url, {"format": "csv"}).status_code == 200
