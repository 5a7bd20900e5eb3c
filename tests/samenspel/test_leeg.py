import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_bare_page_absent_unless_switched_on(client, settings):
    settings.BENCHMARK_VIEW = False
    assert client.get(reverse("leeg")).status_code == 404


def test_bare_page_is_the_layout_only(client, settings, django_assert_num_queries):
    settings.BENCHMARK_VIEW = True
    with django_assert_num_queries(0):
        response = client.get(reverse("leeg"))
    assert response.status_code == 200
    assert response.templates[0].name == "base.html"
    # The layout and its header's parts, nothing else.
    assert {t.name for t in response.templates if not t.name.startswith("django/")} == {
        "base.html",
        "samenspel/_taal.html",
        "samenspel/_menu_links.html",
    }
