import factories
import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from bijeenkomsten import verzenden
from bijeenkomsten.choices import VerzendDoel, VerzendStatus
from bijeenkomsten.models import Verzending
from trajecten import services, tasks
from trajecten.choices import InschrijvingStatus, Rol
from trajecten.models import Inschrijving
from trajecten.services import Aanmelding

pytestmark = pytest.mark.django_db

FORM = {
    "naam": "Wim Jansen",
    "email": "wim@voorbeeld.nl",
    "rol": Rol.MANTELZORGER,
    "talenten": "Koken",
    "wensen": "Eenzaamheid in de buurt",
    "taal": "nl",
    "toestemming": "on",
}


def test_signup_places_and_says_so(client, django_capture_on_commit_callbacks):
    traject = factories.traject(capaciteit=5)
    url = reverse("trajecten:aanmelden", kwargs={"slug": traject.slug})
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url, FORM, follow=True)
    assert response.status_code == 200
    assert "Je hebt een plek bij" in response.content.decode()
    inschrijving = Inschrijving.objects.get()
    assert (inschrijving.tag, inschrijving.status) == ("informeel", InschrijvingStatus.GEPLAATST)
    assert len(callbacks) == 1


def test_signup_full_says_waiting_list_number(client):
    traject = factories.traject(capaciteit=1)
    factories.inschrijving(traject)
    factories.inschrijving(traject, status=InschrijvingStatus.WACHTLIJST)
    url = reverse("trajecten:aanmelden", kwargs={"slug": traject.slug})
    response = client.post(url, FORM, follow=True)
    assert "Je staat op de wachtlijst, op nummer 2." in response.content.decode()


def test_signup_twice_is_kind(client):
    traject = factories.traject()
    url = reverse("trajecten:aanmelden", kwargs={"slug": traject.slug})
    client.post(url, FORM)
    response = client.post(url, {**FORM, "email": "WIM@voorbeeld.nl"}, follow=True)
    assert "Je was al aangemeld. Er is niets veranderd." in response.content.decode()
    assert Inschrijving.objects.count() == 1


def test_signup_without_consent_shows_error_and_saves_nothing(client):
    traject = factories.traject()
    url = reverse("trajecten:aanmelden", kwargs={"slug": traject.slug})
    data = {k: v for k, v in FORM.items() if k != "toestemming"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Je kunt je alleen aanmelden als je akkoord gaat." in response.content.decode()
    assert Inschrijving.objects.count() == 0


def test_signup_bad_role_is_form_error_not_500(client):
    traject = factories.traject()
    url = reverse("trajecten:aanmelden", kwargs={"slug": traject.slug})
    response = client.post(url, {**FORM, "rol": "koning"})
    assert response.status_code == 200
    assert Inschrijving.objects.count() == 0


def test_confirmation_mail_has_status_and_link():
    traject = factories.traject(capaciteit=1)
    factories.inschrijving(traject)
    waiting = factories.inschrijving(traject, status=InschrijvingStatus.WACHTLIJST)
    tasks.send_inschrijving_bevestiging(waiting.pk)
    tasks.send_inschrijving_bevestiging(waiting.pk)  # twice: still one ledger row
    row = Verzending.objects.get()
    assert (row.doel, row.sleutel) == (VerzendDoel.BEVESTIGING, f"{waiting.pk}:wachtlijst")
    assert verzenden.send_chunk(str(row.claim)) == 1
    assert len(mail.outbox) == 1
    assert "op nummer 1" in mail.outbox[0].body
    assert "/inloggen/?sesame=" in mail.outbox[0].body
    assert verzenden.send_chunk(str(row.claim)) == 0
    tasks.send_inschrijving_bevestiging(999999)  # gone: quietly nothing
    assert len(mail.outbox) == 1


def test_confirmation_skipped_when_status_changed_before_sending():
    traject = factories.traject(capaciteit=1)
    aanmelding = Aanmelding(naam="Wim", email="wim@voorbeeld.nl", rol=Rol.MANTELZORGER)
    inschrijving, _ = services.sign_up(traject=traject, aanmelding=aanmelding)
    services.withdraw(inschrijving=inschrijving)
    row = Verzending.objects.get()
    assert verzenden.send_chunk(str(row.claim)) == 0
    assert Verzending.objects.get().status == VerzendStatus.OVERGESLAGEN
    assert mail.outbox == []


def test_placing_from_waiting_list_confirms_again():
    traject = factories.traject(capaciteit=1)
    factories.inschrijving(traject)
    aanmelding = Aanmelding(naam="Wim", email="wim@voorbeeld.nl", rol=Rol.MANTELZORGER)
    inschrijving, _ = services.sign_up(traject=traject, aanmelding=aanmelding)
    traject.capaciteit = 2
    traject.save()
    services.set_status(inschrijving=inschrijving, status=InschrijvingStatus.GEPLAATST)
    keys = sorted(Verzending.objects.values_list("sleutel", flat=True))
    assert keys == [f"{inschrijving.pk}:geplaatst", f"{inschrijving.pk}:wachtlijst"]
    row = Verzending.objects.get(sleutel=f"{inschrijving.pk}:geplaatst")
    assert verzenden.send_chunk(str(row.claim)) == 1
    assert "Je hebt een plek." in mail.outbox[0].body
    assert mail.outbox[0].alternatives[0][1] == "text/html"


@pytest.mark.parametrize("people", [10, 1000])
def test_signup_page_query_count_fixed(client, django_assert_num_queries, people):
    traject = factories.traject(capaciteit=2000)
    deelnemers = [factories.deelnemer() for _ in range(min(people, 10))]
    for d in deelnemers:
        factories.inschrijving(traject, deelnemer=d)
    if people > 10:
        from samenspel.models import User
        from trajecten.models import Deelnemer

        users = User.objects.bulk_create(
            [User(email=f"bulk{n}@voorbeeld.nl", naam=f"Bulk {n}") for n in range(people - 10)]
        )
        ds = Deelnemer.objects.bulk_create(
            [Deelnemer(user=u, agenda_token=f"t{u.pk}") for u in users]
        )
        Inschrijving.objects.bulk_create(
            [
                Inschrijving(
                    traject=traject, deelnemer=d, tag="formeel", rol="ambtenaar", status="geplaatst"
                )
                for d in ds
            ]
        )
    with django_assert_num_queries(1):
        assert (
            client.get(reverse("trajecten:aanmelden", kwargs={"slug": traject.slug})).status_code
            == 200
        )


def test_participant_withdraws_from_own_page(client):
    traject = factories.traject(capaciteit=1)
    mijn = factories.inschrijving(traject)
    waiting = factories.inschrijving(traject, status=InschrijvingStatus.WACHTLIJST)
    client.force_login(mijn.deelnemer.user)
    page = client.get(traject.get_absolute_url()).content.decode()
    assert "Afmelden voor dit traject" in page
    client.post(reverse("trajecten:afmelden", kwargs={"slug": traject.slug}))
    mijn.refresh_from_db()
    waiting.refresh_from_db()
    assert mijn.status == InschrijvingStatus.AFGEMELD
    assert waiting.status == InschrijvingStatus.AANGEBODEN
    client.force_login(waiting.deelnemer.user)
    client.post(reverse("trajecten:aanbod", kwargs={"slug": traject.slug}), {"antwoord": "ja"})
    waiting.refresh_from_db()
    assert waiting.status == InschrijvingStatus.GEPLAATST


def test_coordinator_creates_traject(client):
    coordinator = factories.user(is_coordinator=True)
    gebied = factories.gebied()
    client.force_login(coordinator)
    data = {
        "naam": "Samen in Noord",
        "slug": "noord",
        "gebied": gebied.pk,
        "capaciteit": 24,
        "doel_formeel": 50,
        "doel_informeel": 30,
        "doel_ervaringsdeskundige": 20,
        "aantal_bijeenkomsten": 4,
        "status": "open",
    }
    response = client.post(reverse("trajecten:nieuw"), data)
    assert response.status_code == 302
    traject = factories.Traject.objects.get(slug="noord")
    assert list(traject.coordinatoren.all()) == [coordinator]


def test_traject_form_targets_must_sum_to_100(client):
    client.force_login(factories.user(is_coordinator=True))
    data = {
        "naam": "X",
        "slug": "x",
        "gebied": factories.gebied().pk,
        "capaciteit": 10,
        "doel_formeel": 50,
        "doel_informeel": 40,
        "doel_ervaringsdeskundige": 20,
        "aantal_bijeenkomsten": 4,
        "status": "open",
    }
    response = client.post(reverse("trajecten:nieuw"), data)
    assert response.status_code == 200
    assert "De doelen samen moeten 100% zijn. Nu is het 110%." in response.content.decode()


def test_signup_and_its_email_commit_or_roll_back_together():
    traject = factories.traject(capaciteit=1)
    aanmelding = Aanmelding(naam="Wim", email="wim@voorbeeld.nl", rol=Rol.MANTELZORGER)
    with pytest.raises(RuntimeError), transaction.atomic():
        inschrijving, _ = services.sign_up(traject=traject, aanmelding=aanmelding)
        assert Verzending.objects.filter(inschrijving=inschrijving).count() == 1
        raise RuntimeError("the request fails after the sign-up")
    assert (Inschrijving.objects.count(), Verzending.objects.count()) == (0, 0)
