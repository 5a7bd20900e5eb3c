"""A participant's rights: the export for Excel, and deletion that keeps the shared work."""

import csv
import io
from datetime import timedelta

import factories
import pytest
from django.urls import reverse
from django.utils import timezone

from bijeenkomsten.models import Aanwezigheid, Bijdrage
from samenspel.models import User
from trajecten.choices import InschrijvingStatus, TrajectStatus
from trajecten.models import Inschrijving
from verslagen.models import Evaluatie
from waarden.models import Citaat, Onderschrijving

pytestmark = pytest.mark.django_db


def _meeting(traject):
    return factories.bijeenkomst(traject, start=timezone.now() - timedelta(days=3))


def test_csv_export_opens_in_dutch_excel(client):
    traject = factories.traject(naam="Samen in Zuid")
    mijn = factories.inschrijving(
        traject, user=factories.user(naam="Wim Jansen"), talenten="=SUM(A1)", wensen="Buurt"
    )
    Citaat.objects.create(
        inschrijving=mijn,
        waarde=factories.kernwaarde(),
        tekst="Samen; sterk",
    )
    client.force_login(mijn.deelnemer.user)
    response = client.get(reverse("mijn_gegevens") + "?format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="mijn-gegevens.csv"'
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0:3] == [
        ["account"],
        [
            "email",
            "naam",
            "taal",
            "mobiel",
            "berichten_per_sms",
            "aangemaakt_op",
            "laatst_ingelogd",
        ],
        [mijn.deelnemer.user.email, "Wim Jansen", "nl", "", "nee", rows[2][5], rows[2][6]],
    ]
    start = rows.index(["inschrijvingen"])
    header, row = rows[start + 1], rows[start + 2]
    assert dict(zip(header, row, strict=True))["talenten"] == "'=SUM(A1)"  # no formula
    assert dict(zip(header, row, strict=True))["traject"] == "Samen in Zuid"
    quote = rows[rows.index(["citaten"]) + 2]
    assert "Samen; sterk" in quote


def test_mijn_gegevens_offers_both_downloads(client):
    user = factories.user()
    client.force_login(user)
    html = client.get(reverse("mijn_gegevens")).content.decode()
    assert 'href="?format=csv"' in html
    assert 'href="?format=json"' in html


def test_deleting_keeps_quotes_contributions_and_counts_without_the_person(client):
    traject = factories.traject(capaciteit=10)
    user = factories.user(naam="Wim Jansen", email="wim.jansen@voorbeeld.nl")
    mijn = factories.inschrijving(traject, user=user, talenten="Koken", wensen="Buurt")
    b = _meeting(traject)
    Aanwezigheid.objects.create(bijeenkomst=b, inschrijving=mijn, aanwezig=True)
    waarde = factories.kernwaarde()
    Onderschrijving.objects.create(inschrijving=mijn, waarde=waarde)
    Citaat.objects.create(inschrijving=mijn, waarde=waarde, tekst="Samen sterk", toon_naam=True)
    Bijdrage.objects.create(bijeenkomst=b, soort="idee", tekst="Buurtsoep", door=user)
    Evaluatie.objects.create(
        bijeenkomst=b,
        inschrijving=mijn,
        doelmatigheid=4,
        open=4,
        eerlijk=4,
        inzet=5,
        wat_werkte="Ik, Wim, vond het fijn",
    )
    client.force_login(user)
    client.post(reverse("account_verwijderen"), {"bevestig": "ja"})

    assert not User.objects.filter(pk=user.pk).exists()
    assert not User.objects.filter(email__icontains="wim").exists()
    over = Inschrijving.objects.get(traject=traject)
    assert (over.tag, over.rol, over.status, over.talenten, over.wensen) == (
        mijn.tag,
        mijn.rol,
        InschrijvingStatus.AFGEMELD,
        "",
        "",
    )
    assert over.deelnemer.user.naam == ""
    assert over.deelnemer.user.is_active is False
    assert list(Citaat.objects.values_list("tekst", "toon_naam", "inschrijving")) == [
        ("Samen sterk", False, over.pk)
    ]
    assert list(Bijdrage.objects.values_list("tekst", "door")) == [("Buurtsoep", None)]
    assert Aanwezigheid.objects.get().inschrijving_id == over.pk
    assert Onderschrijving.objects.get().inschrijving_id == over.pk
    evaluatie = Evaluatie.objects.get()
    assert (evaluatie.inzet, evaluatie.wat_werkte) == (5, "")


def test_deleting_in_a_finished_traject_keeps_the_status(client):
    traject = factories.traject(status=TrajectStatus.AFGEROND)
    mijn = factories.inschrijving(traject)
    client.force_login(mijn.deelnemer.user)
    client.post(reverse("account_verwijderen"), {"bevestig": "ja"})
    assert Inschrijving.objects.get().status == InschrijvingStatus.GEPLAATST


def test_the_placeholder_cannot_sign_in_or_get_mail(client):
    from samenspel.auth import user_from_token

    traject = factories.traject()
    mijn = factories.inschrijving(traject)
    client.force_login(mijn.deelnemer.user)
    client.post(reverse("account_verwijderen"), {"bevestig": "ja"})
    placeholder = Inschrijving.objects.get().deelnemer.user
    from django.test import RequestFactory
    from sesame.utils import get_token

    request = RequestFactory().post(reverse("inloggen"))
    assert user_from_token(request, get_token(placeholder), use=False) is None
    assert not placeholder.has_usable_password()
    assert (placeholder.wil_herinneringen, placeholder.wil_evaluatie_verzoeken) == (False, False)
    assert placeholder.email.endswith("@anoniem.invalid")


def test_accessibility_statement_follows_the_government_model(client):
    html = client.get(reverse("toegankelijkheid")).content.decode()
    for kop in (
        "<h2>Status</h2>",
        "<h2>Wat is nog niet toegankelijk?</h2>",
        "<h2>Werkt iets niet? Laat het ons weten</h2>",
    ):
        assert kop in html
    assert "voldoet gedeeltelijk" in html
    assert 'href="mailto:privacy@samenspel.localhost"' in html


def test_privacy_statement_covers_data_purpose_period_rights_contact(client, settings):
    settings.CONTACT_EMAIL = "avg@gemeente.voorbeeld.nl"
    html = client.get(reverse("privacy")).content.decode()
    for kop in (
        "Welke gegevens bewaren we?",
        "Waarom bewaren we die gegevens?",
        "Hoe lang bewaren we je gegevens?",
        "Jouw rechten",
        "Contact",
    ):
        assert f">{kop}</h2>" in html
    assert "12 maanden nadat de laatste bijeenkomst" in html
    assert 'href="mailto:avg@gemeente.voorbeeld.nl"' in html


def test_a_placeholder_shows_as_removed_person(client):
    traject = factories.traject()
    mijn = factories.inschrijving(traject)
    client.force_login(mijn.deelnemer.user)
    client.post(reverse("account_verwijderen"), {"bevestig": "ja"})
    assert str(Inschrijving.objects.get().deelnemer) == "Verwijderde deelnemer"
