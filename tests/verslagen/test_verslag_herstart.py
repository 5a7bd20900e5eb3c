"""Queueing again what never ran or whose worker died: report build requests and
participant imports left open, found by the sweep. A build a worker is running holds an
advisory lock (an import: its row lock), taken here from a second real database session."""

from contextlib import contextmanager
from datetime import timedelta

import factories
import harness
import psycopg
import pytest
from django.db import connection, transaction
from django.utils import timezone
from handreiking_data import make_gids
from verslag_data import seed_meeting

from berichten import sweep as herinnering_services
from trajecten import services as trajecten_services
from trajecten.choices import ImportStatus
from trajecten.models import Import
from verslagen import builds, services, tasks
from verslagen.choices import OpdrachtStatus
from verslagen.handreiking import services as guide_services
from verslagen.handreiking import tasks as guide_tasks
from verslagen.models import Handreikingopdracht, Verslagopdracht, VerslagVersie

LONG_AGO = timedelta(seconds=301)


@contextmanager
def other_session():
    """A second connection to the test database, like a worker's."""
    with psycopg.connect(harness.postgres_url(connection.settings_dict), autocommit=True) as c:
        yield c


@contextmanager
def building(opdracht_id: int):
    """Another worker building the request (it holds the request's advisory lock)."""
    with other_session() as c:
        c.execute("SELECT pg_advisory_lock(%s, %s)", [services.VERSLAG.lock, opdracht_id])
        yield


def _request(status=OpdrachtStatus.WACHTRIJ, age=LONG_AGO) -> Verslagopdracht:
    s = seed_meeting(formeel=1, informeel=1, ervaring=0, evaluaties=0)
    opdracht = services.request_build(bijeenkomst=s.bijeenkomst, door=s.coordinator)
    Verslagopdracht.objects.filter(pk=opdracht.pk).update(
        status=status, aangevraagd_op=timezone.now() - age
    )
    return opdracht


@pytest.mark.django_db
def test_restart_stale_queues_old_open_requests_nobody_builds(
    settings, django_capture_on_commit_callbacks, django_assert_num_queries
):
    settings.OPDRACHT_HERSTART_SECONDEN = 300
    waiting = _request()
    dead = _request(OpdrachtStatus.BEZIG)
    running = _request(OpdrachtStatus.BEZIG)
    _request(age=timedelta(seconds=30))  # just asked: its message is on its way
    _request(OpdrachtStatus.KLAAR)
    _request(OpdrachtStatus.MISLUKT)
    with (
        building(running.pk),
        django_capture_on_commit_callbacks() as callbacks,
        django_assert_num_queries(1),
    ):
        restarted = services.restart_stale()
    assert sorted(restarted) == sorted([waiting.pk, dead.pk])
    assert len(callbacks) == 2


@pytest.mark.django_db
def test_build_leaves_a_request_another_worker_is_building_alone():
    opdracht = _request()
    with building(opdracht.pk):
        assert tasks.build_verslag.run(opdracht.pk) is None
    opdracht.refresh_from_db()
    assert opdracht.status == OpdrachtStatus.WACHTRIJ
    assert VerslagVersie.objects.count() == 0

    # Once that worker is gone (its lock with it), the request is built, once.
    versie_id = tasks.build_verslag.run(opdracht.pk)
    opdracht.refresh_from_db()
    assert opdracht.status == OpdrachtStatus.KLAAR
    assert opdracht.versie_id == versie_id
    # A message queued again by the sweep meanwhile finds nothing to do.
    assert tasks.build_verslag.run(opdracht.pk) is None
    assert VerslagVersie.objects.count() == 1


@pytest.mark.django_db
def test_a_dead_workers_request_is_finished_by_the_restart_with_one_version():
    opdracht = _request()
    # A worker claimed it and died in the middle (after the claim, before the version).
    builds.claim(services.VERSLAG, opdracht.pk)
    assert services.restart_stale() == [opdracht.pk]
    assert tasks.build_verslag.run(opdracht.pk) is not None
    assert tasks.build_verslag.run(opdracht.pk) is None  # a duplicate message
    opdracht.refresh_from_db()
    assert opdracht.status == OpdrachtStatus.KLAAR
    assert VerslagVersie.objects.filter(verslag_id=opdracht.verslag_id).count() == 1


@pytest.mark.django_db(transaction=True)
def test_restart_stale_imports_skips_one_a_worker_holds(settings):
    settings.OPDRACHT_HERSTART_SECONDEN = 300
    traject = factories.traject()
    old = timezone.now() - LONG_AGO

    def upload(status, aangemaakt_op=old):
        return Import.objects.create(
            traject=traject, bestand=b"x", bestandsnaam="x.csv", status=status,
            aangemaakt_op=aangemaakt_op,
        )  # fmt: skip

    waiting = upload(ImportStatus.WACHT)
    dead = upload(ImportStatus.BEZIG)
    running = upload(ImportStatus.BEZIG)
    upload(ImportStatus.WACHT, timezone.now())
    upload(ImportStatus.KLAAR)
    upload(ImportStatus.FOUT)
    with other_session() as worker, worker.transaction():
        worker.execute("SELECT 1 FROM trajecten_import WHERE id = %s FOR UPDATE", [running.pk])
        with transaction.atomic():
            restarted = trajecten_services.restart_stale_imports()
    assert sorted(restarted) == sorted([waiting.pk, dead.pk])


@pytest.mark.django_db
def test_sweep_restarts_builds_and_imports(settings, django_capture_on_commit_callbacks):
    settings.OPDRACHT_HERSTART_SECONDEN = 300
    _request()
    Import.objects.create(
        traject=factories.traject(),
        bestand=b"x",
        bestandsnaam="x.csv",
        aangemaakt_op=timezone.now() - LONG_AGO,
    )
    with django_capture_on_commit_callbacks() as callbacks:
        result = herinnering_services.sweep()
    assert result["verslagen_herstart"] == 1
    assert result["importen_herstart"] == 1
    assert len(callbacks) == 2


# The guide's builds are tracked the same way (``verslagen.builds``).


def _guide_request(status=OpdrachtStatus.WACHTRIJ, age=LONG_AGO):
    gids = make_gids()
    opdracht = guide_services.request_compile(traject=gids.traject, door=gids.coordinator)
    Handreikingopdracht.objects.filter(pk=opdracht.pk).update(
        status=status, aangevraagd_op=timezone.now() - age
    )
    return gids, opdracht


@pytest.mark.django_db
def test_a_second_guide_request_joins_the_open_one(django_capture_on_commit_callbacks):
    gids = make_gids()
    with django_capture_on_commit_callbacks() as callbacks:
        first = guide_services.request_compile(traject=gids.traject, door=gids.coordinator)
        second = guide_services.request_compile(traject=gids.traject, door=gids.coordinator)
    assert first.pk == second.pk
    assert len(callbacks) == 1  # one task queued


@pytest.mark.django_db
def test_guide_requests_nobody_builds_are_restarted_by_the_sweep(
    settings, django_capture_on_commit_callbacks
):
    settings.OPDRACHT_HERSTART_SECONDEN = 300
    _gids, waiting = _guide_request()
    _guide_request(age=timedelta(seconds=30))  # just asked
    with django_capture_on_commit_callbacks() as callbacks:
        result = herinnering_services.sweep()
    assert result["handreiking_herstart"] == 1
    assert len(callbacks) == 1
    # The task the sweep queued compiles it once; a duplicate message finds nothing to do.
    assert guide_tasks.build_handreiking.run(waiting.pk) is not None
    assert guide_tasks.build_handreiking.run(waiting.pk) is None
    waiting.refresh_from_db()
    assert waiting.status == OpdrachtStatus.KLAAR and waiting.versie.nummer == 1


@pytest.mark.django_db
def test_guide_build_leaves_a_request_another_worker_is_building_alone():
    _gids, opdracht = _guide_request()
    with other_session() as c:
        c.execute("SELECT pg_advisory_lock(%s, %s)", [guide_services.HANDREIKING.lock, opdracht.pk])
        assert guide_tasks.build_handreiking.run(opdracht.pk) is None
    opdracht.refresh_from_db()
    assert opdracht.status == OpdrachtStatus.WACHTRIJ


@pytest.mark.django_db
def test_a_rule_that_stops_the_guide_build_is_told_once(client):
    gids, opdracht = _guide_request(age=timedelta(0))
    # A review round opened between the request and the build.
    guide_services.compile_version(traject=gids.traject, door=gids.coordinator)
    guide_services.open_round(
        traject=gids.traject,
        deadline=timezone.localdate() + timedelta(days=7),
        door=gids.coordinator,
    )
    gids.traject.doel = "Een ander doel"  # so the build has something new to compile
    gids.traject.save(update_fields=["doel"])
    assert guide_tasks.build_handreiking.run(opdracht.pk) is None
    opdracht.refresh_from_db()
    assert opdracht.status == OpdrachtStatus.MISLUKT
    assert "Er loopt een reactieronde" in opdracht.fout
    client.force_login(gids.coordinator)
    url = f"/trajecten/{gids.traject.slug}/handreiking/"
    refused = "Er loopt een reactieronde. Sluit die eerst"
    assert refused in client.get(url).content.decode()
    assert refused not in client.get(url).content.decode()
