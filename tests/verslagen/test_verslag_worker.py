"""A report built by a real Celery worker over the real Redis broker, then published with
e-mails to a real SMTP sink."""

import io
import time

import pytest
from pypdf import PdfReader
from verslag_data import seed_meeting

from verslagen import services
from verslagen.choices import OpdrachtStatus
from verslagen.models import Verslagopdracht, VerslagVersie

pytestmark = pytest.mark.django_db(transaction=True)


def wait_done(opdracht, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        opdracht.refresh_from_db()
        if opdracht.status not in (OpdrachtStatus.WACHTRIJ, OpdrachtStatus.BEZIG):
            return opdracht
        time.sleep(0.2)
    raise AssertionError(f"request still {opdracht.status} after {timeout}s")


def pdf_text(versie) -> str:
    reader = PdfReader(io.BytesIO(bytes(versie.pdf)))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_worker_builds_the_report_and_a_second_request_adds_no_version(celery_worker, mailbox):
    s = seed_meeting(formeel=3, informeel=2, ervaring=1)
    english = s.people[1].deelnemer.user
    english.taal = "en"
    english.save()

    first = wait_done(services.request_build(bijeenkomst=s.bijeenkomst, door=s.coordinator))
    assert first.status == OpdrachtStatus.KLAAR, first.fout
    versie = first.versie
    assert versie.nummer == 1
    text = pdf_text(versie)
    assert "dinsdag 10 maart 2026" in text
    assert "6 mensen waren er." in text  # no counts per background under five
    assert "Aanwezig per achtergrond" not in text
    assert "Samen kom je verder." in text
    assert "Een buurtmaaltijd" in text

    second = wait_done(services.request_build(bijeenkomst=s.bijeenkomst, door=s.coordinator))
    assert second.pk != first.pk
    assert second.status == OpdrachtStatus.KLAAR
    assert second.versie_id == versie.pk
    assert VerslagVersie.objects.count() == 1
    assert Verslagopdracht.objects.filter(status=OpdrachtStatus.KLAAR).count() == 2

    services.set_verhaal(versie=versie, tekst="Een **warme** avond.")
    services.publish(versie=versie, door=s.coordinator)
    messages = mailbox.wait_for(len(s.people), timeout=30)
    assert sorted(m["To"] for m in messages) == sorted(i.deelnemer.user.email for i in s.people)
    by_to = {m["To"]: m for m in messages}
    assert by_to[english.email]["Content-Language"] == "en"
    dutch = by_to[s.people[0].deelnemer.user.email]
    assert dutch["Subject"] == "Het verslag van bijeenkomst 1 (Samen in Zuid) staat klaar"
    assert f"/bijeenkomsten/{s.bijeenkomst.pk}/verslag/" in dutch.get_body(("plain",)).get_content()
    versie.refresh_from_db()
    assert "Een warme avond." in pdf_text(versie)

    # Publishing again is refused, so nobody gets a second e-mail.
    with pytest.raises(services.VerslagError):
        services.publish(versie=versie, door=s.coordinator)
    time.sleep(1)
    assert len(mailbox.messages) == len(s.people)
