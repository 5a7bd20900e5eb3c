"""Coordinators see the name and phone given for THEIR traject: typing the address of
someone who signed up elsewhere (walk-in, import) never shows what was stored there."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import factories
import pytest
from django.urls import reverse

from account import services as account_services
from berichten.models import Verzending
from bijeenkomsten.choices import Bericht
from samenspel import personal_data
from samenspel.models import User
from trajecten import services
from trajecten.choices import Rol
from trajecten.models import Inschrijving

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
EMAIL = "anna@voorbeeld.nl"
GEHEIM = ("Andersson", "0612345678")
KOPPEN = "naam,email,telefoon,organisatie,achtergrond,rol"


@pytest.fixture
def anna_in_a(client):
    """Anna signs up for traject A through the public form and confirms by e-mail."""
    a = factories.traject(capaciteit=10)
    response = client.post(
        reverse("trajecten:aanmelden", kwargs={"slug": a.slug}),
        {
            "naam": "Anna Andersson",
            "email": EMAIL,
            "telefoon": "0612345678",
            "rol": Rol.MANTELZORGER,
            "taal": "nl",
            "toestemming": "on",
        },
    )
    assert response.status_code == 302
    assert factories.bevestig_aanmelding(client, EMAIL).status_code == 200
    inschrijving = Inschrijving.objects.get(traject=a, deelnemer__user__email=EMAIL)
    user = inschrijving.deelnemer.user
    assert (user.naam, inschrijving.deelnemer.telefoon) == ("Anna Andersson", "0612345678")
    client.logout()
    return inschrijving


@pytest.fixture
def coordinator_b():
    return factories.user(is_coordinator=True, naam="Bea Coördinator")


@pytest.fixture
def traject_b(coordinator_b):
    return factories.traject(coordinatoren=[coordinator_b], capaciteit=10)


@pytest.fixture
def b_client(client, coordinator_b):
    client.force_login(coordinator_b)
    return client


def _pages_of_b(b_client, traject_b, inschrijving, bijeenkomst=None) -> list[str]:
    """Every page, partial and download of traject B that names the person."""
    lijst = reverse("trajecten:deelnemers", kwargs={"slug": traject_b.slug})
    urls = [
        (lijst, {}),
        (lijst, {"HTTP_HX_REQUEST": "true"}),
        (lijst + "?format=csv", {}),
        (reverse("trajecten:inschrijving", args=[traject_b.slug, inschrijving.pk]), {}),
        (reverse("berichten", kwargs={"slug": traject_b.slug}), {}),
    ]
    if bijeenkomst is not None:
        for name in ("bijeenkomsten:aanwezigheid", "groepen:tafels", "groepen:voorbereiding"):
            urls.append((reverse(name, kwargs={"pk": bijeenkomst.pk}), {}))
    # An e-mail to the person in traject B, in the coordinator's log of messages.
    Verzending.objects.create(
        ontvanger=inschrijving.deelnemer.user,
        traject=traject_b,
        inschrijving=inschrijving,
        doel=Bericht.HERINNERING,
        sleutel=f"b-{inschrijving.pk}",
    )
    bodies = []
    for url, headers in urls:
        response = b_client.get(url, **headers)
        assert response.status_code == 200, url
        bodies.append(response.content.decode("utf-8-sig"))
    xlsx = b_client.get(lijst + "?format=xlsx")
    assert xlsx.status_code == 200
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    bodies.append(" ".join(str(c.value) for row in sheet.iter_rows() for c in row))
    return bodies


def _assert_nothing_from_a(bodies):
    for body in bodies:
        for secret in GEHEIM:
            assert secret not in body


def test_walk_in_of_a_known_address_shows_only_what_was_typed_in_this_traject(
    anna_in_a, b_client, traject_b
):
    bijeenkomst = factories.bijeenkomst(
        traject_b, start=datetime(2026, 3, 10, 19, 0, tzinfo=AMS), uren=2.5
    )
    response = b_client.post(
        reverse("bijeenkomsten:inloop", kwargs={"pk": bijeenkomst.pk}),
        {"naam": "A. Nieuw", "email": EMAIL, "rol": Rol.VRIJWILLIGER},
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "A. Nieuw is ingeschreven en aanwezig gemeld." in html
    inschrijving = Inschrijving.objects.get(traject=traject_b)
    bodies = _pages_of_b(b_client, traject_b, inschrijving, bijeenkomst)
    _assert_nothing_from_a([html, *bodies])
    assert all("A. Nieuw" in body for body in bodies[:2] + bodies[3:6])
    assert (inschrijving.naam, inschrijving.telefoon) == ("A. Nieuw", "")
    # The account is not changed by what a coordinator typed.
    user = User.objects.get(email=EMAIL)
    assert (user.naam, user.deelnemer.telefoon) == ("Anna Andersson", "0612345678")


def test_import_of_a_known_address_shows_only_the_row(anna_in_a, b_client, traject_b):
    data = f"{KOPPEN}\nA. Nieuw,{EMAIL},,,formeel,beroepskracht\n"
    response = b_client.post(
        reverse("trajecten:importeren", kwargs={"slug": traject_b.slug}),
        {"bestand": _upload(data)},
        follow=True,
    )
    assert response.status_code == 200
    inschrijving = Inschrijving.objects.get(traject=traject_b)
    bodies = _pages_of_b(b_client, traject_b, inschrijving)
    _assert_nothing_from_a([response.content.decode(), *bodies])
    assert "A. Nieuw" in bodies[0]
    assert "A. Nieuw" in bodies[2]
    assert "A. Nieuw" in bodies[4]
    assert (inschrijving.naam, inschrijving.telefoon) == ("A. Nieuw", "")


def test_own_data_holds_both_and_deletion_clears_both(anna_in_a, traject_b):
    imported, errors = services.import_deelnemers(
        traject=traject_b,
        data=f"{KOPPEN}\nA. Nieuw,{EMAIL},0698765432,,formeel,beroepskracht\n".encode(),
        filename="deelnemers.csv",
    )
    assert (len(imported), errors) == (1, [])
    user = User.objects.get(email=EMAIL)
    data = personal_data.export(user)
    per_traject = {i["traject"]: (i["naam"], i["telefoon"]) for i in data["inschrijvingen"]}
    assert per_traject == {
        anna_in_a.traject.naam: ("Anna Andersson", "0612345678"),
        traject_b.naam: ("A. Nieuw", "0698765432"),
    }
    text = json.dumps(data, ensure_ascii=False)
    assert all(secret in text for secret in GEHEIM)

    account_services.delete_account(user=user)

    assert not User.objects.filter(email=EMAIL).exists()
    assert list(Inschrijving.objects.order_by("pk").values_list("naam", "telefoon")) == [
        ("", ""),
        ("", ""),
    ]
    for i in Inschrijving.objects.all():
        assert i.weergavenaam == "Verwijderde deelnemer"


def test_retention_job_clears_the_name_and_phone_of_the_traject(anna_in_a):
    from trajecten.anonymise import purge_traject

    purge_traject(traject=anna_in_a.traject)
    anna_in_a.refresh_from_db()
    assert (anna_in_a.naam, anna_in_a.telefoon) == ("", "")


def _upload(text: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("deelnemers.csv", text.encode(), content_type="text/csv")


def test_the_name_given_in_a_traject_leaves_the_narrative_too(anna_in_a, traject_b):
    from verslagen.scrubbing import people_of, scrub_text

    services.import_deelnemers(
        traject=traject_b,
        data=f"{KOPPEN}\nA. Nieuw,{EMAIL},,,formeel,beroepskracht\n".encode(),
        filename="deelnemers.csv",
    )
    [weg] = people_of(Inschrijving.objects.select_related("deelnemer__user").order_by("pk"))
    tekst = "Anna Andersson en A. Nieuw spraken. Anna ook."
    assert scrub_text(tekst, [weg]) == "[verwijderd] en [verwijderd] spraken. [verwijderd] ook."


def test_my_data_page_lists_the_name_and_phone_per_traject(anna_in_a, traject_b, client):
    services.import_deelnemers(
        traject=traject_b,
        data=f"{KOPPEN}\nA. Nieuw,{EMAIL},0698765432,,formeel,beroepskracht\n".encode(),
        filename="deelnemers.csv",
    )
    client.force_login(User.objects.get(email=EMAIL))
    html = client.get(reverse("mijn_gegevens")).content.decode()
    assert "Naam in dit traject: Anna Andersson. Telefoon in dit traject: 0612345678" in html
    assert "Naam in dit traject: A. Nieuw. Telefoon in dit traject: 0698765432" in html
