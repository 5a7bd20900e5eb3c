"""The dashboard's cached figures follow every write, bulk writes included."""

import factories
import pytest
from django.urls import reverse

from bijeenkomsten.models import Aanwezigheid
from dashboard import cache
from trajecten.choices import InschrijvingStatus, Rol
from trajecten.models import Inschrijving

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard:overzicht")


def test_every_kind_of_write_raises_the_version():
    before = cache.versie()
    traject = factories.traject()
    after_create = cache.versie()
    assert after_create > before
    Inschrijving.objects.bulk_create(
        [
            Inschrijving(
                traject=traject,
                deelnemer=factories.deelnemer(),
                tag="informeel",
                rol=Rol.VRIJWILLIGER,
                status=InschrijvingStatus.GEPLAATST,
            )
        ]
    )
    after_bulk = cache.versie()
    assert after_bulk > after_create
    Inschrijving.objects.filter(traject=traject).update(wil_voorbereiden=True)
    after_update = cache.versie()
    assert after_update > after_bulk
    Aanwezigheid.objects.filter(inschrijving__traject=traject).delete()  # deletes nothing
    assert cache.versie() > after_update
    before_read = cache.versie()
    list(Inschrijving.objects.all())
    assert cache.versie() == before_read


def test_dashboard_shows_a_change_right_after_it(client, tables):
    admin = factories.user(is_superuser=True, is_staff=True)
    traject = factories.traject(naam="Samen Oost")
    for _ in range(5):
        factories.inschrijving(traject, rol=Rol.BEROEPSKRACHT)
    client.force_login(admin)

    def at_table():
        rows = tables(client.get(DASHBOARD).content.decode())["trajecten"]["rows"]
        return dict(zip(rows[0], rows[1], strict=True))["Aan tafel"]

    assert at_table() == "5"
    assert at_table() == "5"  # from the cache
    # A write that bypasses model signals (QuerySet.update).
    Inschrijving.objects.filter(traject=traject).update(status=InschrijvingStatus.AFGEMELD)
    assert at_table() == "0"
