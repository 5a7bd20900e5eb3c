"""Every kind of message the apps register goes through the one outbox: a ledger row first,
then a real Celery worker sends it to a real SMTP server, with a stable Message-ID, the
recipient's language and, where a preference governs it, one-click unsubscribe."""

import secrets
import uuid
from datetime import timedelta

import factories
import harness
import pytest
from django.utils import timezone
from handreiking_data import publish_report

from account.choices import Bericht as AccountBericht
from account.messages import signin_key
from berichten import kinds
from berichten.choices import VerzendStatus
from berichten.models import Verzending
from berichten.sending import Due, queue
from bijeenkomsten import messages as meeting_messages
from bijeenkomsten.choices import Bericht as BijeenkomstBericht
from groepen import messages as group_messages
from groepen.choices import Bericht as GroepBericht
from mededelingen.choices import Bericht as MededelingBericht
from mededelingen.models import Mededeling
from trajecten import messages as trajecten_messages
from trajecten.choices import Bericht as TrajectBericht
from trajecten.choices import InschrijvingStatus
from trajecten.models import Aanmeldverzoek
from verslagen.choices import Bericht as VerslagBericht
from verslagen.handreiking.messages import open_key
from verslagen.models import Handreiking, HandreikingVersie, Reviewronde

pytestmark = pytest.mark.django_db(transaction=True)


def _dues(traject, coordinator, persoon, inschrijving):
    now = timezone.now()
    komend = factories.bijeenkomst(traject, nummer=2, start=now + timedelta(days=6))
    geweest = factories.bijeenkomst(traject, nummer=1, start=now - timedelta(days=2))
    groep = factories.voorbereidingsgroep(
        komend,
        leden=[inschrijving],
        start=now + timedelta(days=2),
        einde=now + timedelta(days=2, hours=1),
    )
    verslag = publish_report(geweest, "<p>Verslag</p>")
    handreiking = Handreiking.objects.create(traject=traject)
    versie = HandreikingVersie.objects.create(
        handreiking=handreiking, nummer=1, inhoud_hash="x", html="<p>Concept</p>"
    )
    ronde = Reviewronde.objects.create(versie=versie, deadline=now + timedelta(days=10))
    uit = factories.inschrijving(traject)  # was in the prep group, is out now
    aanbod = factories.inschrijving(
        traject, status=InschrijvingStatus.AANGEBODEN, aangeboden_op=now
    )
    verzoek = Aanmeldverzoek.objects.create(
        traject=traject,
        email="nieuw@voorbeeld.nl",
        naam="Nieuw",
        token=secrets.token_urlsafe(24),
        rol=inschrijving.rol,
    )
    mededeling = Mededeling.objects.create(
        traject=traject,
        onderwerp="Andere zaal",
        tekst="We zitten boven.",
        ontvangers="geplaatst",
        verstuurd_door=coordinator,
        sleutel=uuid.uuid4(),
    )
    user = persoon.pk
    return {
        BijeenkomstBericht.HERINNERING: Due(
            user, traject.pk, "herinnering", meeting_messages.meeting_key(komend, 7), komend.pk
        ),
        BijeenkomstBericht.EVALUATIE: Due(
            user, traject.pk, "evaluatie", str(geweest.pk), geweest.pk
        ),
        GroepBericht.VOORBEREIDING: Due(
            user,
            traject.pk,
            "voorbereiding",
            group_messages.prep_key(groep.pk, groep.start),
            komend.pk,
        ),
        BijeenkomstBericht.WIJZIGING: Due(
            user, traject.pk, "wijziging", f"{komend.pk}:{komend.volgnummer}", komend.pk
        ),
        TrajectBericht.AANBOD: Due(
            aanbod.deelnemer.user_id,
            traject.pk,
            "aanbod",
            trajecten_messages.offer_key(aanbod),
            inschrijving_id=aanbod.pk,
        ),
        TrajectBericht.BEVESTIGING: Due(
            user,
            traject.pk,
            "inschrijving_bevestiging",
            trajecten_messages.bevestiging_key(inschrijving),
            inschrijving_id=inschrijving.pk,
        ),
        TrajectBericht.UITNODIGING: Due(
            None, traject.pk, "uitnodiging", "1", adres="buur@voorbeeld.nl", taal="en"
        ),
        TrajectBericht.AANMELDING: Due(
            None, traject.pk, "aanmelding", str(verzoek.pk), aanmeldverzoek_id=verzoek.pk
        ),
        VerslagBericht.VERSLAG: Due(
            coordinator.pk, traject.pk, "verslag", str(komend.pk), komend.pk
        ),
        VerslagBericht.VERSLAG_GEDEELD: Due(
            user, traject.pk, "verslag_gedeeld", str(verslag.gepubliceerd_id), geweest.pk
        ),
        VerslagBericht.HANDREIKING: Due(
            user, traject.pk, "handreiking", open_key(ronde.pk), None, inschrijving.pk
        ),
        GroepBericht.GROEP: Due(
            user,
            traject.pk,
            "groep",
            group_messages.group_key(groep, 0),
            komend.pk,
            inschrijving.pk,
        ),
        AccountBericht.INLOGLINK: Due(user, None, "inloglink", signin_key()),
        MededelingBericht.MEDEDELING: Due(
            user, traject.pk, "mededeling", f"m{mededeling.pk}", inschrijving_id=inschrijving.pk
        ),
        GroepBericht.GROEP_UIT: Due(
            uit.deelnemer.user_id,
            traject.pk,
            "groep_uit",
            group_messages.group_key(groep, 0),
            komend.pk,
            uit.pk,
        ),
    }


def test_every_registered_kind_is_sent_once_through_the_worker(celery_worker, mailbox):
    coordinator = factories.user(naam="Carla Coördinator", is_coordinator=True)
    traject = factories.traject(coordinatoren=[coordinator])
    persoon = factories.user(naam="Ans Bakker")
    inschrijving = factories.inschrijving(traject, user=persoon)
    dues = _dues(traject, coordinator, persoon, inschrijving)

    registered = {k.code for k in kinds.all_kinds()}
    # The test covers every kind the apps register; a new kind must be added here.
    assert registered == {str(code) for code in dues}

    queue(list(dues.values()))

    messages = mailbox.wait_for(len(registered), timeout=60)
    assert len(messages) == len(registered)
    # A row is marked just after its message was handed to the SMTP server.
    harness.wait_until(
        lambda: not Verzending.objects.filter(status=VerzendStatus.GECLAIMD).exists(),
        30,
        "the rows to be marked sent",
    )
    rows = Verzending.objects.all()
    assert {r.doel for r in rows} == registered
    assert {r.status for r in rows} == {VerzendStatus.VERZONDEN}
    by_row = {}
    for message in messages:
        mid = str(message["Message-ID"]).strip()
        row = next((r for r in rows if mid.startswith(f"<verzending-{r.pk}@")), None)
        by_row[row.pk if row else None] = message
    # Each message carries the Message-ID of its own ledger row.
    assert set(by_row) == {r.pk for r in rows}
    preferences = kinds.preferences()
    for row in rows:
        message = by_row[row.pk]
        assert str(message["Content-Language"]).strip() in ("nl", "en")
        if row.doel in preferences:
            assert str(message["List-Unsubscribe"]).strip().startswith("<http")
            assert str(message["List-Unsubscribe-Post"]).strip() == "List-Unsubscribe=One-Click"
        else:
            assert message["List-Unsubscribe"] is None
