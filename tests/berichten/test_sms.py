"""Text messages, the outbox's second channel: reminders, changes and offered seats reach
people who chose SMS through the gateway (a local stand-in of CM.com's API, over HTTP),
exactly once, through a real Celery worker; STOP switches them off."""

from datetime import timedelta

import factories
import harness
import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from sms_gateway import TOKEN, FakeCm, Tekst

from berichten import sms, sweep
from berichten.choices import Kanaal, VerzendStatus
from berichten.models import Verzending
from berichten.sending import send_chunk
from berichten.tasks import sweep_herinneringen
from bijeenkomsten import services as meeting_services
from bijeenkomsten.models import Bijeenkomst
from samenspel.models import User
from trajecten.choices import InschrijvingStatus, Rol
from trajecten.messages import notify_offer
from trajecten.models import Inschrijving


@pytest.fixture
def gateway(settings):
    fake = FakeCm().start()
    settings.SMS_URL = fake.url
    yield fake
    fake.stop()


def _sms_person(traject, naam: str, mobiel: str, **kw) -> Inschrijving:
    user = User.objects.create_without_email(naam=naam)
    User.objects.filter(pk=user.pk).update(mobiel=mobiel, per_sms=True)
    return factories.inschrijving(traject, user=User.objects.get(pk=user.pk), naam=naam, **kw)


# --- the backend over HTTP -------------------------------------------------------------------


def test_cm_backend_posts_the_message_and_reads_the_answer(gateway):
    backend = sms.backend_from_url(gateway.url, "Samenspel")
    backend.send(to="+31612345678", text="Hallo", reference="verzending-1")
    (tekst,) = gateway.messages
    assert tekst == Tekst("+31612345678", "Hallo", "verzending-1", "Samenspel")


def test_cm_backend_tells_refusals_from_outages(gateway):
    backend = sms.backend_from_url(gateway.url, "Samenspel")
    gateway.refused.add("+31687654321")
    with pytest.raises(sms.SmsError, match="not valid"):
        backend.send(to="+31687654321", text="x", reference="r")
    wrong = sms.backend_from_url(gateway.url.replace(TOKEN, "fout"), "Samenspel")
    with pytest.raises(sms.SmsError, match="no account"):
        wrong.send(to="+31612345678", text="x", reference="r")
    gateway.busy = True
    with pytest.raises(sms.TransientSmsError):
        backend.send(to="+31612345678", text="x", reference="r")
    gateway.stop()
    with pytest.raises(sms.TransientSmsError):
        backend.send(to="+31612345678", text="x", reference="r")
    assert gateway.messages == []


def test_sms_url_chooses_the_backend():
    assert isinstance(sms.backend_from_url("console://", "S"), sms.ConsoleBackend)
    cm = sms.backend_from_url("cm://abc-123@gw.cmtelecom.com", "Samenspel")
    assert cm.url == "https://gw.cmtelecom.com/v1.0/message" and cm.token == "abc-123"
    with pytest.raises(Exception, match="unknown scheme"):
        sms.backend_from_url("twilio://x@y", "S")


# --- through the outbox and a real worker ------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_reminder_goes_by_sms_once_to_who_chose_it(gateway, mailbox, celery_worker):
    traject = factories.traject(capaciteit=10, contact_telefoon="020 123 4567")
    per_email = factories.inschrijving(traject)
    zonder_email = _sms_person(traject, "Gerda Mulder", "+31612345678")
    beide = factories.inschrijving(traject)
    User.objects.filter(pk=beide.deelnemer.user_id).update(mobiel="+31698765432", per_sms=True)
    b = factories.bijeenkomst(traject, start=timezone.now() + timedelta(days=6), plaats="Buurthuis")

    sweep.sweep()
    texts = gateway.wait_for(2)
    mailbox.wait_for(1)
    assert sorted(t.to for t in texts) == ["+31612345678", "+31698765432"]
    gerda = next(t for t in texts if t.to == "+31612345678")
    assert gerda.text.startswith("Hallo Gerda, op ")
    assert f"is bijeenkomst {b.nummer} van {traject.naam}" in gerda.text
    assert "Waar: Buurthuis" in gerda.text and "Bel 020 123 4567" in gerda.text
    assert "Geen sms meer? Stuur STOP." in gerda.text
    row = Verzending.objects.get(ontvanger=zonder_email.deelnemer.user)
    assert (row.kanaal, row.status) == (Kanaal.SMS, VerzendStatus.VERZONDEN)
    assert gerda.reference == f"verzending-{row.pk}"
    assert [m["To"] for m in mailbox.messages] == [per_email.deelnemer.user.email]

    # More sweeps, through the worker: nothing more.
    before = sweep.sweeps_done()
    sweep_herinneringen.delay()
    harness.wait_until(lambda: sweep.sweeps_done() > before, 60, "a sweep by the worker")
    assert len(gateway.messages) == 2 and len(mailbox.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_a_change_and_an_offer_go_by_sms_and_the_short_link_answers(
    gateway, mailbox, celery_worker, client
):
    traject = factories.traject(capaciteit=10)
    geplaatst = _sms_person(traject, "Henk", "+31612345678")
    b = factories.bijeenkomst(traject, start=timezone.now() + timedelta(days=20))
    Bijeenkomst.objects.filter(pk=b.pk).update(volgnummer=F("volgnummer") + 1)
    b.refresh_from_db()
    meeting_services._notify_change(b)
    (change,) = gateway.wait_for(1)
    assert change.to == "+31612345678" and "is gewijzigd" in change.text

    gateway.clear()
    aanbod = _sms_person(
        traject,
        "Ina",
        "+31611111111",
        rol=Rol.VRIJWILLIGER,
        status=InschrijvingStatus.AANGEBODEN,
        aangeboden_op=timezone.now(),
    )
    notify_offer(aanbod)
    (offer,) = gateway.wait_for(1)
    assert "er is een plek vrij" in offer.text
    link = next(word for word in offer.text.split() if "/trajecten/aanbod/k" in word)
    assert len(link) < 80, link
    path = link.split("testserver", 1)[-1] if "testserver" in link else link[link.index("/tra") :]
    assert client.get(path).status_code == 200
    client.post(path, {"antwoord": "ja"})
    aanbod.refresh_from_db()
    assert aanbod.status == InschrijvingStatus.GEPLAATST
    assert client.get(path).status_code == 410  # an answered offer's link does nothing
    assert geplaatst.deelnemer.user.verzendingen.filter(kanaal=Kanaal.SMS).count() == 1


@pytest.mark.django_db
def test_a_refused_number_fails_its_row_only(gateway, mailbox, django_capture_on_commit_callbacks):
    traject = factories.traject(capaciteit=10)
    _sms_person(traject, "Jan", "+31622222222")
    _sms_person(traject, "Kees", "+31633333333")
    gateway.refused.add("+31622222222")
    factories.bijeenkomst(traject, start=timezone.now() + timedelta(days=6))
    with django_capture_on_commit_callbacks():  # the chunks are sent here, not queued
        sweep.sweep()
    for claim in set(Verzending.objects.values_list("claim", flat=True)):
        send_chunk(str(claim))
    rows = dict(Verzending.objects.values_list("ontvanger__naam", "status"))
    assert rows == {"Jan": VerzendStatus.MISLUKT, "Kees": VerzendStatus.VERZONDEN}
    assert [t.to for t in gateway.messages] == ["+31633333333"]


# --- STOP and the preferences page ---------------------------------------------------------------


@pytest.mark.django_db
def test_stop_reply_switches_sms_off(client, settings):
    settings.SMS_INKOMEND_TOKEN = "geheim-adres-123"
    user = User.objects.create_without_email(naam="Lies")
    User.objects.filter(pk=user.pk).update(mobiel="+31612345678", per_sms=True)
    url = reverse("sms_binnen", kwargs={"token": "geheim-adres-123"})
    wrong = reverse("sms_binnen", kwargs={"token": "geraden"})
    assert client.post(wrong, {"from": "0031612345678", "message": "STOP"}).status_code == 404

    assert client.get(url, {"from": "0031612345678", "message": "Hallo"}).status_code == 200
    assert User.objects.get(pk=user.pk).per_sms
    assert client.get(url, {"message": "STOP"}).status_code == 400
    assert client.post(url, "{not json", content_type="application/json").status_code == 400

    response = client.post(
        url, {"from": "0031612345678", "message": " stop "}, content_type="application/json"
    )
    assert response.status_code == 200
    assert not User.objects.get(pk=user.pk).per_sms
    settings.SMS_INKOMEND_TOKEN = ""
    assert client.get(url, {"from": "0031612345678", "message": "STOP"}).status_code == 404


@pytest.mark.django_db
def test_preferences_choose_sms_with_a_mobile_number(client):
    user = factories.user()
    client.force_login(user)
    url = reverse("voorkeuren")
    base = {"wil_herinneringen": "on", "taal": "nl"}
    response = client.post(url, {**base, "per_sms": "on", "mobiel": ""})
    assert "Vul je mobiele nummer in om sms&#x27;jes te krijgen." in response.content.decode()
    response = client.post(url, {**base, "per_sms": "on", "mobiel": "020 123 4567"})
    assert "Dit is geen mobiel nummer." in response.content.decode()
    client.post(url, {**base, "per_sms": "on", "mobiel": "06-1234 5678"})
    user.refresh_from_db()
    assert (user.per_sms, user.mobiel) == (True, "+31612345678")
    client.post(url, {**base, "mobiel": "06-1234 5678"})
    user.refresh_from_db()
    assert not user.per_sms


@pytest.mark.django_db
def test_coordinator_enrols_someone_on_sms(client):
    coordinator = factories.user(is_coordinator=True)
    traject = factories.traject(coordinatoren=[coordinator], capaciteit=10)
    client.force_login(coordinator)
    url = reverse("trajecten:deelnemer_nieuw", kwargs={"slug": traject.slug})
    data = {"naam": "Mien", "rol": Rol.MANTELZORGER, "contact": "sms"}
    response = client.post(url, {**data, "telefoon": "020 123 4567"})
    assert "Voor sms is een mobiel nummer nodig." in response.content.decode()
    client.post(url, {**data, "telefoon": "06 1234 5678"})
    user = Inschrijving.objects.get(naam="Mien").deelnemer.user
    assert (user.per_sms, user.mobiel, user.heeft_email) == (True, "+31612345678", False)
    page = client.get(reverse("trajecten:deelnemers", kwargs={"slug": traject.slug}))
    assert "Geen e-mail: per sms" in page.content.decode()


@pytest.mark.django_db
def test_only_people_without_address_or_sms_are_on_the_call_list():
    from bijeenkomsten.print_lists import _without_email

    traject = factories.traject(capaciteit=10)
    _sms_person(traject, "Sms Sjaak", "+31612345678")
    factories.inschrijving(traject, user=User.objects.create_without_email(naam="Bep"), naam="Bep")
    factories.inschrijving(traject)
    seated = Inschrijving.objects.filter(traject=traject)
    assert [i.naam for i in _without_email(seated)] == ["Bep"]
