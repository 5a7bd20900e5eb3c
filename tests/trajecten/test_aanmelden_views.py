import re
from datetime import timedelta

import factories
import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from berichten import sending as verzenden
from berichten.choices import VerzendStatus
from berichten.models import Verzending
from samenspel.models import User
from trajecten import services, tasks
from trajecten.choices import Bericht, InschrijvingStatus, Rol
from trajecten.models import Aanmeldverzoek, Inschrijving
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


def _url(traject):
    return reverse("trajecten:aanmelden", kwargs={"slug": traject.slug})


def _send_ledger():
    """Send what the ledger holds, as the worker would; returns the messages sent."""
    for claim in set(Verzending.objects.values_list("claim", flat=True)):
        verzenden.send_chunk(str(claim))
    return mail.outbox


def _link(message) -> str:
    return re.search(r"http://\S+/aanmelden/bevestigen/\S+/", message.body).group(0)


def _path(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def test_signup_takes_no_seat_before_confirmation(client, django_capture_on_commit_callbacks):
    traject = factories.traject(capaciteit=5)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(_url(traject), FORM, follow=True)
    assert response.status_code == 200
    assert "Kijk in je e-mail" in response.content.decode()
    assert Inschrijving.objects.count() == 0
    assert User.objects.filter(email="wim@voorbeeld.nl").count() == 0
    verzoek = Aanmeldverzoek.objects.get()
    assert (verzoek.email, verzoek.rol, verzoek.bevestigd_op) == (
        "wim@voorbeeld.nl",
        Rol.MANTELZORGER,
        None,
    )
    row = Verzending.objects.get()
    assert (row.doel, row.ontvanger_id, row.aanmeldverzoek_id) == (
        Bericht.AANMELDING,
        None,
        verzoek.pk,
    )
    assert len(callbacks) == 1


def test_confirmation_link_takes_the_seat(client):
    traject = factories.traject(capaciteit=5)
    client.post(_url(traject), FORM)
    [message] = _send_ledger()
    assert message.to == ["wim@voorbeeld.nl"]
    assert message.subject == f"Bevestig je aanmelding voor {traject.naam}"
    path = _path(_link(message))
    # A mail scanner opening the link (twice) confirms nothing.
    for _ in range(2):
        page = client.get(path)
        assert page.status_code == 200
        assert "Ja, ik meld me aan" in page.content.decode()
    assert Inschrijving.objects.count() == 0
    response = client.post(path)
    assert response.status_code == 200
    assert f"Je hebt een plek bij {traject.naam}." in response.content.decode()
    inschrijving = Inschrijving.objects.get()
    assert (inschrijving.tag, inschrijving.status, inschrijving.talenten) == (
        "informeel",
        InschrijvingStatus.GEPLAATST,
        "Koken",
    )
    assert inschrijving.deelnemer.user.naam == "Wim Jansen"
    # Confirmed: the usual confirmation with a sign-in link follows through the ledger.
    assert Verzending.objects.filter(doel=Bericht.BEVESTIGING).count() == 1


def test_confirming_twice_is_kind_and_changes_nothing(client):
    traject = factories.traject(capaciteit=5)
    client.post(_url(traject), FORM)
    factories.bevestig_aanmelding(client, "wim@voorbeeld.nl")
    verzoek = Aanmeldverzoek.objects.get()
    path = reverse(
        "trajecten:aanmelding_bevestigen", kwargs={"slug": traject.slug, "token": verzoek.token}
    )
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 200
        page = response.content.decode()
        assert "Je aanmelding was al bevestigd. Er is niets veranderd." in page
        assert f"Je hebt een plek bij {traject.naam}." in page
    assert Inschrijving.objects.count() == 1


def test_lapsed_or_unknown_link_is_kind(client, settings):
    traject = factories.traject(capaciteit=5)
    client.post(_url(traject), FORM)
    verzoek = Aanmeldverzoek.objects.get()
    Aanmeldverzoek.objects.update(
        aangemaakt_op=timezone.now() - timedelta(hours=settings.AANMELDING_GELDIG_UREN, minutes=1)
    )
    path = reverse(
        "trajecten:aanmelding_bevestigen", kwargs={"slug": traject.slug, "token": verzoek.token}
    )
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 410
        assert "Deze link werkt niet meer." in response.content.decode()
    garbage = reverse(
        "trajecten:aanmelding_bevestigen", kwargs={"slug": traject.slug, "token": "x" * 500}
    )
    assert client.get(garbage).status_code == 410
    assert client.post(garbage).status_code == 410
    assert Inschrijving.objects.count() == 0


def test_signup_full_says_waiting_list_number_on_confirmation(client):
    traject = factories.traject(capaciteit=1)
    factories.inschrijving(traject)
    factories.inschrijving(traject, status=InschrijvingStatus.WACHTLIJST)
    client.post(_url(traject), FORM)
    response = factories.bevestig_aanmelding(client, "wim@voorbeeld.nl")
    assert "Je staat op de wachtlijst, op nummer 2." in response.content.decode()


def _without_csrf(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'"X-CSRFToken": "[^"]*"', "", html)


def test_known_address_answers_exactly_like_a_new_one(client):
    traject = factories.traject(capaciteit=5)
    ans = factories.inschrijving(
        traject, deelnemer=factories.deelnemer(email="ans@voorbeeld.nl", naam="Ans Bakker")
    )
    answers = []
    for email in ("ans@voorbeeld.nl", "nieuw@voorbeeld.nl"):
        form_page = client.get(_url(traject))
        posted = client.post(_url(traject), {**FORM, "email": email})
        done = client.get(posted["Location"])
        answers.append(
            (
                form_page.status_code,
                _without_csrf(form_page.content.decode()),
                posted.status_code,
                posted["Location"],
                posted.content,
                done.status_code,
                _without_csrf(done.content.decode()),
            )
        )
    assert answers[0] == answers[1]
    assert answers[0][2] == 302
    ans.refresh_from_db()
    assert (ans.status, Inschrijving.objects.count()) == (InschrijvingStatus.GEPLAATST, 1)


def test_already_enrolled_address_hears_so_by_email_only(client):
    traject = factories.traject(capaciteit=1)
    factories.inschrijving(traject)
    wachtend = factories.inschrijving(
        traject,
        status=InschrijvingStatus.WACHTLIJST,
        deelnemer=factories.deelnemer(email="ans@voorbeeld.nl", naam="Ans Bakker"),
    )
    client.post(_url(traject), {**FORM, "email": "Ans@voorbeeld.nl", "naam": "Iemand Anders"})
    [message] = _send_ledger()
    assert message.to == ["ans@voorbeeld.nl"]
    assert message.subject == f"Je aanmelding voor {traject.naam}"
    assert "Hallo Ans," in message.body
    assert "Je was al aangemeld. Er is niets veranderd." in message.body
    assert "Je staat op de wachtlijst, op nummer 1." in message.body
    assert "/aanmelden/bevestigen/" not in message.body
    wachtend.refresh_from_db()
    assert (wachtend.rol, wachtend.wachtlijst_positie) == (Rol.VRIJWILLIGER, 1)
    assert Inschrijving.objects.count() == 2


def test_stranger_data_never_reaches_another_persons_row(client):
    """A stranger signs someone up for another traject with a sensitive tag, another name
    and phone: nothing of it lands on that person's rows; even when the owner confirms
    (having seen it all on the page), their name and phone stay as they were."""
    elders = factories.traject()
    ans_deelnemer = factories.deelnemer(email="ans@voorbeeld.nl", naam="Ans Bakker")
    ans_deelnemer.telefoon = "06-11111111"
    ans_deelnemer.save()
    factories.inschrijving(elders, deelnemer=ans_deelnemer, rol=Rol.VRIJWILLIGER)
    traject = factories.traject(capaciteit=5)
    stranger = {
        **FORM,
        "email": "ans@voorbeeld.nl",
        "naam": "Verzonnen Naam",
        "telefoon": "06-99999999",
        "rol": Rol.ERVARINGSDESKUNDIGE,
    }
    client.post(_url(traject), stranger)
    assert traject.inschrijvingen.count() == 0
    [message] = _send_ledger()
    assert message.to == ["ans@voorbeeld.nl"]
    assert "06-11111111" not in message.body
    verzoek = Aanmeldverzoek.objects.get()
    path = reverse(
        "trajecten:aanmelding_bevestigen", kwargs={"slug": traject.slug, "token": verzoek.token}
    )
    page = client.get(path).content.decode()
    assert "06-99999999" in page  # the owner sees what was typed before confirming
    assert "Ervaringsdeskundige" in page
    assert "06-11111111" not in page
    assert "Je naam en telefoonnummer daarin blijven zoals ze zijn." in page
    client.post(path)
    ans_deelnemer.refresh_from_db()
    ans_deelnemer.user.refresh_from_db()
    assert (ans_deelnemer.user.naam, ans_deelnemer.telefoon) == ("Ans Bakker", "06-11111111")
    assert elders.inschrijvingen.get().tag == "informeel"


def test_many_signups_for_one_address_send_at_most_three_emails(client):
    traject = factories.traject(capaciteit=5)
    for _ in range(5):
        assert client.post(_url(traject), FORM).status_code == 302
    assert Aanmeldverzoek.objects.count() == 3
    assert len(_send_ledger()) == 3


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
    assert (row.doel, row.sleutel) == (Bericht.BEVESTIGING, f"{waiting.pk}:wachtlijst")
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


def test_coordinators_log_of_emails_leaves_out_unconfirmed_addresses(client):
    coordinator = factories.user(is_coordinator=True)
    traject = factories.traject(capaciteit=5, coordinatoren=[coordinator])
    client.post(_url(traject), {**FORM, "email": "verzonnen@voorbeeld.nl"})
    _send_ledger()
    client.force_login(coordinator)
    page = client.get(reverse("berichten", kwargs={"slug": traject.slug}))
    assert page.status_code == 200
    assert "verzonnen@voorbeeld.nl" not in page.content.decode()
    assert list(page.context["page"]) == []


def test_confirming_when_enrolled_meanwhile_changes_nothing(client):
    traject = factories.traject(capaciteit=5)
    client.post(_url(traject), FORM)
    factories.inschrijving(
        traject,
        deelnemer=factories.deelnemer(email="wim@voorbeeld.nl", naam="Wim"),
        rol=Rol.AMBTENAAR,
    )
    response = factories.bevestig_aanmelding(client, "wim@voorbeeld.nl")
    page = response.content.decode()
    assert "Je was al aangemeld. Er is niets veranderd." in page
    assert "We sturen je nog een e-mail" not in page
    assert Inschrijving.objects.get().rol == Rol.AMBTENAAR


def test_signup_with_overlong_address_is_a_form_error_not_500(client):
    traject = factories.traject()
    email = "a" * 64 + "@" + ("b" * 60 + ".") * 4 + "nl"  # valid, but 311 characters
    response = client.post(_url(traject), {**FORM, "email": email})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"email"}
    assert Aanmeldverzoek.objects.count() == 0
