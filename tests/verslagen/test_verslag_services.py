"""Build requests, the build itself (called directly, as the task does), the narrative and
publishing."""

import factories
import pytest
from django.db import IntegrityError, transaction
from verslag_data import seed_meeting

from bijeenkomsten.models import Bijdrage
from verslagen import document, services, tasks
from verslagen.choices import OpdrachtStatus
from verslagen.errors import VerslagError
from verslagen.models import Verslag, Verslagopdracht, VerslagVersie

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return seed_meeting()


def build(s, django_capture_on_commit_callbacks=None):
    opdracht = services.request_build(bijeenkomst=s.bijeenkomst, door=s.coordinator)
    tasks.build_verslag.run(opdracht.pk)  # the task's body, in this process
    opdracht.refresh_from_db()
    return opdracht


def test_request_build_enqueues_after_commit(s, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        opdracht = services.request_build(bijeenkomst=s.bijeenkomst, door=s.coordinator)
    assert len(callbacks) == 1
    assert opdracht.status == OpdrachtStatus.WACHTRIJ


def test_second_request_joins_the_open_one(s, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = services.request_build(bijeenkomst=s.bijeenkomst, door=s.coordinator)
        second = services.request_build(bijeenkomst=s.bijeenkomst, door=s.coordinator)
    assert second.pk == first.pk
    assert len(callbacks) == 1
    assert Verslagopdracht.objects.count() == 1


def test_database_allows_one_open_request_per_report(s):
    verslag = Verslag.objects.create(bijeenkomst=s.bijeenkomst)
    Verslagopdracht.objects.create(verslag=verslag)
    with pytest.raises(IntegrityError), transaction.atomic():
        Verslagopdracht.objects.create(verslag=verslag, status=OpdrachtStatus.BEZIG)


def test_build_makes_version_one_with_html_and_pdf(s):
    opdracht = build(s)
    assert opdracht.status == OpdrachtStatus.KLAAR
    assert opdracht.voortgang == 100
    versie = opdracht.versie
    assert versie.nummer == 1
    assert versie.pdf[:5] == b"%PDF-"
    assert "Samen kom je verder." in versie.html
    assert versie.aangemaakt_door == s.coordinator


def test_same_data_makes_no_new_version(s):
    first = build(s)
    second = build(s)
    assert second.status == OpdrachtStatus.KLAAR
    assert second.versie_id == first.versie_id
    assert VerslagVersie.objects.count() == 1


def test_changed_data_makes_version_two_with_the_narrative(s):
    first = build(s)
    services.set_verhaal(versie=first.versie, tekst="Een *goede* avond.")
    Bijdrage.objects.create(bijeenkomst=s.bijeenkomst, soort="idee", tekst="Nog een idee")
    second = build(s)
    assert second.versie.nummer == 2
    assert second.versie.verhaal == "Een *goede* avond."
    assert "Nog een idee" in second.versie.html


def test_running_the_task_twice_does_nothing_the_second_time(s):
    opdracht = build(s)
    assert tasks.build_verslag.run(opdracht.pk) is None
    assert VerslagVersie.objects.count() == 1


def test_task_for_a_request_that_is_gone_returns_quietly(s):
    assert tasks.build_verslag.run(987654) is None


def test_redelivered_task_finishes_a_request_left_running(s):
    """A worker died mid-build: the request is "bezig"; the redelivered task finishes it."""
    opdracht = services.request_build(bijeenkomst=s.bijeenkomst, door=s.coordinator)
    Verslagopdracht.objects.filter(pk=opdracht.pk).update(status=OpdrachtStatus.BEZIG, voortgang=60)
    assert tasks.build_verslag.run(opdracht.pk) is not None
    opdracht.refresh_from_db()
    assert opdracht.status == OpdrachtStatus.KLAAR


def test_failed_build_is_marked_mislukt_and_can_be_retried(s, monkeypatch):
    monkeypatch.setattr(document, "PRINT_CSS", "css/bestaat-niet.css")  # a missing file
    failed = build(s)
    assert failed.status == OpdrachtStatus.MISLUKT
    assert "bestaat-niet.css" in failed.fout
    assert failed.versie is None
    assert VerslagVersie.objects.count() == 0
    monkeypatch.undo()
    retried = build(s)
    assert retried.pk != failed.pk
    assert retried.status == OpdrachtStatus.KLAAR
    assert retried.versie.nummer == 1


def test_narrative_only_on_the_newest_draft(s):
    versie = build(s).versie
    services.publish(versie=versie, door=s.coordinator)
    versie.refresh_from_db()
    with pytest.raises(VerslagError):
        services.set_verhaal(versie=versie, tekst="Te laat")


def test_set_verhaal_clears_the_pdf_and_draft_pdf_renders_it(s):
    versie = build(s).versie
    versie = services.set_verhaal(versie=versie, tekst="## Terugblik")
    assert bytes(versie.pdf) == b""
    assert services.draft_pdf(versie)[:5] == b"%PDF-"


def test_publish_sets_the_published_version_and_queues_mail(s, django_capture_on_commit_callbacks):
    versie = build(s).versie
    with django_capture_on_commit_callbacks() as callbacks:
        services.publish(versie=versie, door=s.coordinator)
    verslag = Verslag.objects.get(bijeenkomst=s.bijeenkomst)
    assert verslag.gepubliceerd_id == versie.pk
    versie.refresh_from_db()
    assert versie.gepubliceerd_op is not None
    assert bytes(versie.pdf)[:5] == b"%PDF-"
    from berichten.models import Verzending

    rows = Verzending.objects.filter(doel="verslag_gedeeld")
    assert sorted(rows.values_list("ontvanger_id", flat=True)) == sorted(
        i.deelnemer.user_id for i in s.people
    )
    assert set(rows.values_list("sleutel", flat=True)) == {str(versie.pk)}
    assert len(callbacks) == 1  # one chunk


def test_publishing_twice_is_refused(s):
    versie = build(s).versie
    services.publish(versie=versie, door=s.coordinator)
    versie.refresh_from_db()
    with pytest.raises(VerslagError):
        services.publish(versie=versie, door=s.coordinator)


def test_report_published_for_the_sweep(s):
    from bijeenkomsten.queries import report_shared as report_published

    assert report_published(s.bijeenkomst) is False
    services.publish(versie=build(s).versie, door=s.coordinator)
    assert report_published(s.bijeenkomst) is True


def test_other_people_are_not_mailed(s):
    outsider = factories.inschrijving(factories.traject(), user=factories.user())
    services.publish(versie=build(s).versie, door=s.coordinator)
    from berichten.models import Verzending

    assert not Verzending.objects.filter(ontvanger=outsider.deelnemer.user).exists()
