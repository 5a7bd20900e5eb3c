"""Downloads with personal data, or figures about people, are never kept by a cache."""

import factories
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("formaat", ["json", "csv"])
def test_own_data_download_is_not_cached(client, formaat):
    inschrijving = factories.inschrijving(factories.traject())
    client.force_login(inschrijving.deelnemer.user)
    response = client.get(reverse("mijn_gegevens"), {"format": formaat})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("formaat", ["csv", "xlsx"])
def test_participant_list_export_is_not_cached(client, formaat):
    coordinator = factories.user(is_coordinator=True)
    traject = factories.traject(coordinatoren=[coordinator])
    factories.inschrijving(traject)
    client.force_login(coordinator)
    url = reverse("trajecten:deelnemers", kwargs={"slug": traject.slug})
    response = client.get(url, {"format": formaat})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("formaat", ["csv", "xlsx"])
def test_dashboard_and_balance_exports_are_not_cached(client, formaat):
    traject = factories.traject()
    manager = factories.user(is_manager=True)
    traject.gebied.managers.add(manager)
    client.force_login(manager)
    for url in (reverse("dashboard:overzicht"), reverse("traject_balans", args=[traject.slug])):
        response = client.get(url, {"format": formaat})
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
