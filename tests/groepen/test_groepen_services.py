"""Prep groups and table groups on the database: joining under a lock, the proposal
accepted, the e-mails (once per person and change), table splits and late arrivals, and the
database constraints behind them."""

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factories
import pytest
from django.db import IntegrityError, connection, transaction
from outbox import send_claimed

from berichten.models import Verzending
from bijeenkomsten.models import Aanwezigheid
from groepen import queries as groepen_queries
from groepen import services as groepen_services
from groepen import tasks
from groepen.choices import GroepsReden
from groepen.grouping import pairs_of
from groepen.models import Groepslid, Tafel, Tafelplaats, Voorbereidingsgroep
from groepen.services import NieuwLid
from trajecten.choices import InschrijvingStatus, Rol
from trajecten.errors import TrajectError

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def traject():
    return factories.traject(capaciteit=100)


def _meeting(traject, nummer=1, days=0):
    start = datetime(2026, 3, 10, 19, 0, tzinfo=AMS) + timedelta(days=days)
    return factories.bijeenkomst(traject, nummer=nummer, start=start)


@pytest.fixture
def bijeenkomst(traject):
    return _meeting(traject)


@pytest.fixture
def groep(bijeenkomst):
    return factories.voorbereidingsgroep(bijeenkomst, grootte=3)


def _person(traject, rol=Rol.VRIJWILLIGER, naam=None, **kw):
    user = factories.user(naam=naam) if naam else factories.user()
    return factories.inschrijving(traject, user=user, rol=rol, **kw)


def _ids(groep):
    return set(groep.leden.values_list("inschrijving_id", flat=True))


# --- joining and leaving --------------------------------------------------------------


def test_join_adds_member_marks_willing_and_tells_the_others(
    traject, groep, django_capture_on_commit_callbacks
):
    ans = _person(traject)
    with django_capture_on_commit_callbacks() as callbacks:
        assert groepen_services.join_groep(groep=groep, inschrijving=ans) is True
    lid = Groepslid.objects.get(groep=groep)
    assert (lid.inschrijving, lid.reden) == (ans, GroepsReden.ZELF)
    ans.refresh_from_db()
    groep.refresh_from_db()
    assert ans.wil_voorbereiden is True
    assert groep.versie == 1
    assert len(callbacks) == 1


def test_join_twice_changes_nothing(traject, groep):
    ans = _person(traject)
    groepen_services.join_groep(groep=groep, inschrijving=ans)
    assert groepen_services.join_groep(groep=groep, inschrijving=ans) is False
    groep.refresh_from_db()
    assert (groep.leden.count(), groep.versie) == (1, 1)


def test_join_full_group_is_refused_with_a_clear_message(traject, groep):
    for _ in range(3):
        groepen_services.join_groep(groep=groep, inschrijving=_person(traject))
    with pytest.raises(TrajectError) as exc:
        groepen_services.join_groep(groep=groep, inschrijving=_person(traject))
    assert str(exc.value) == (
        "Deze groep is vol: er zijn al 3 mensen. Misschien een volgende keer?"
    )
    assert groep.leden.count() == 3


def test_join_locked_group_is_refused(traject, groep):
    groepen_services.lock_groep(groep=groep, vergrendeld=True)
    with pytest.raises(TrajectError, match="vergrendeld"):
        groepen_services.join_groep(groep=groep, inschrijving=_person(traject))
    assert groep.leden.count() == 0


def test_join_never_refused_for_balance(traject, groep):
    """Three volunteers fill the group although it lacks the other tags."""
    for _ in range(3):
        assert groepen_services.join_groep(groep=groep, inschrijving=_person(traject)) is True


def test_join_needs_a_seat_in_this_traject(traject, groep):
    wachtend = _person(traject, status=InschrijvingStatus.WACHTLIJST)
    elders = _person(factories.traject())
    for inschrijving in (wachtend, elders):
        with pytest.raises(TrajectError, match="Alleen deelnemers met een plek"):
            groepen_services.join_groep(groep=groep, inschrijving=inschrijving)


def test_leave_removes_member_and_locked_group_keeps_them(traject, groep):
    ans, bo = _person(traject), _person(traject)
    groepen_services.join_groep(groep=groep, inschrijving=ans)
    groepen_services.join_groep(groep=groep, inschrijving=bo)
    assert groepen_services.leave_groep(groep=groep, inschrijving=ans) is True
    assert groepen_services.leave_groep(groep=groep, inschrijving=ans) is False
    groepen_services.lock_groep(groep=groep, vergrendeld=True)
    with pytest.raises(TrajectError, match="Vraag het de coördinator"):
        groepen_services.leave_groep(groep=groep, inschrijving=bo)
    assert _ids(groep) == {bo.pk}


@pytest.mark.django_db(transaction=True)
def test_last_place_goes_to_exactly_one_of_two_at_once():
    """Two people press "Doe mee" for the last place at the same moment: the row lock on
    the group decides, one is in and the other hears the group is full."""
    traject = factories.traject(capaciteit=100)
    b = _meeting(traject)
    groep = factories.voorbereidingsgroep(b, grootte=3)
    for _ in range(2):
        groepen_services.join_groep(groep=groep, inschrijving=_person(traject))
    racers = [_person(traject), _person(traject)]
    barrier = threading.Barrier(2)
    results = []

    def join(inschrijving):
        try:
            barrier.wait()
            results.append(groepen_services.join_groep(groep=groep, inschrijving=inschrijving))
        except TrajectError as exc:
            results.append(str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=join, args=(i,)) for i in racers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results, key=str) == [
        "Deze groep is vol: er zijn al 3 mensen. Misschien een volgende keer?",
        True,
    ]
    assert groep.leden.count() == 3


def test_group_size_is_a_database_constraint(bijeenkomst):
    with pytest.raises(IntegrityError), transaction.atomic():
        Voorbereidingsgroep.objects.create(bijeenkomst=bijeenkomst, grootte=7)


def test_member_once_per_group_in_the_database(traject, groep):
    ans = _person(traject)
    Groepslid.objects.create(groep=groep, inschrijving=ans, reden=GroepsReden.ZELF)
    with pytest.raises(IntegrityError), transaction.atomic():
        Groepslid.objects.create(groep=groep, inschrijving=ans, reden=GroepsReden.ZELF)


# --- history ----------------------------------------------------------------------------


def test_history_counts_only_earlier_meetings(traject, django_assert_num_queries):
    eerste, tweede, derde = (_meeting(traject, n, days=7 * n) for n in (1, 2, 3))
    a, b, c = (_person(traject) for _ in range(3))
    for meeting, people in ((eerste, [a, b]), (tweede, [a, c]), (derde, [b, c])):
        factories.voorbereidingsgroep(meeting, leden=people)
    with django_assert_num_queries(1):
        history = groepen_queries.prep_history(derde)
    assert history.beurten == {a.pk: 2, b.pk: 1, c.pk: 1}
    assert history.paren == pairs_of([[a.pk, b.pk], [a.pk, c.pk]])


# --- the proposal -----------------------------------------------------------------------


def _willing(traject, rollen):
    return [_person(traject, rol=rol, wil_voorbereiden=True) for rol in rollen]


def test_proposal_balances_and_gives_reasons(traject, bijeenkomst, django_assert_num_queries):
    groep = factories.voorbereidingsgroep(bijeenkomst, grootte=4)
    _willing(traject, [Rol.BEROEPSKRACHT] * 4 + [Rol.VRIJWILLIGER] * 3)
    _willing(traject, [Rol.ERVARINGSDESKUNDIGE])
    _person(traject, rol=Rol.ERVARINGSDESKUNDIGE)  # not willing: never proposed
    groep = Voorbereidingsgroep.objects.select_related("bijeenkomst__traject").get(pk=groep.pk)
    with django_assert_num_queries(2):  # the pool, the history
        voorstel = groepen_queries.voorstel(groep, seed=3)
    tags = sorted(lid.inschrijving.tag for lid in voorstel.leden)
    assert tags == ["ervaringsdeskundige", "formeel", "formeel", "informeel"]
    assert voorstel.balans.index_procent == 95
    ervaringsdeskundige = next(
        lid for lid in voorstel.leden if lid.inschrijving.tag == "ervaringsdeskundige"
    )
    assert ervaringsdeskundige.reden == GroepsReden.TAG_NODIG
    assert ervaringsdeskundige.reden_tekst == (
        "Nodig voor de balans: er is verder niemand beschikbaar (ervaringsdeskundige)."
    )
    assert all(len(lid.wissels) >= 1 for lid in voorstel.leden)
    again = groepen_queries.voorstel(groep, seed=3)
    assert again.ids == voorstel.ids


def test_swap_shows_effect_on_balance(traject, bijeenkomst):
    groep = factories.voorbereidingsgroep(bijeenkomst, grootte=4)
    _willing(traject, [Rol.BEROEPSKRACHT] * 3 + [Rol.VRIJWILLIGER] * 2 + [Rol.ERVARINGSDESKUNDIGE])
    first = groepen_queries.voorstel(groep)
    ervaringsdeskundige = next(
        lid for lid in first.leden if lid.inschrijving.tag == "ervaringsdeskundige"
    )
    spare = next(
        w for w in ervaringsdeskundige.wissels if w.inschrijving.tag == "formeel"
    ).inschrijving
    swapped = groepen_queries.voorstel(
        groep, leden=first.ids, wissel=(ervaringsdeskundige.inschrijving.pk, spare.pk)
    )
    assert set(swapped.ids) == set(first.ids) - {ervaringsdeskundige.inschrijving.pk} | {spare.pk}
    assert (swapped.wissel.voor, swapped.wissel.na) == (95, 75)
    nieuw = next(lid for lid in swapped.leden if lid.inschrijving == spare)
    assert nieuw.reden == GroepsReden.COORDINATOR
    with pytest.raises(TrajectError, match="Deze wissel kan niet"):
        groepen_queries.voorstel(groep, leden=swapped.ids, wissel=(spare.pk, spare.pk))


def test_proposal_refuses_people_who_left_the_pool(traject, bijeenkomst):
    groep = factories.voorbereidingsgroep(bijeenkomst, grootte=3)
    people = _willing(traject, [Rol.BEROEPSKRACHT, Rol.VRIJWILLIGER, Rol.ERVARINGSDESKUNDIGE])
    people[0].wil_voorbereiden = False
    people[0].save()
    with pytest.raises(TrajectError, match="kan niet meer meedoen"):
        groepen_queries.voorstel(groep, leden=[p.pk for p in people])


def test_proposal_with_nobody_willing_says_so(groep):
    with pytest.raises(TrajectError, match="Er is nog niemand"):
        groepen_queries.voorstel(groep)


def test_accept_replaces_members_and_tells_everyone_once(
    traject, groep, mailbox, django_capture_on_commit_callbacks
):
    zelf = _person(traject, naam="Zelfa Zelf")
    groepen_services.join_groep(groep=groep, inschrijving=zelf)
    people = _willing(traject, [Rol.BEROEPSKRACHT, Rol.VRIJWILLIGER, Rol.ERVARINGSDESKUNDIGE])
    with django_capture_on_commit_callbacks() as callbacks:
        changed = groepen_services.accept_voorstel(
            groep=groep,
            leden=[NieuwLid(p.pk, GroepsReden.NOG_GEEN_BEURT) for p in people],
        )
    assert changed is True
    assert _ids(groep) == {p.pk for p in people}
    groep.refresh_from_db()
    assert groep.versie == 2
    assert len(callbacks) == 1
    # The task, run directly (and twice: a retried or duplicated message).
    tasks.send_groep_gewijzigd(groep.pk, 2, None, [zelf.pk])
    tasks.send_groep_gewijzigd(groep.pk, 2, None, [zelf.pk])
    assert send_claimed() == 4  # through the outbox, as the worker sends it
    received = mailbox.wait_for(4)
    assert sorted(m["To"] for m in received) == sorted(
        [p.deelnemer.user.email for p in people] + [zelf.deelnemer.user.email]
    )
    uit = next(m for m in received if m["To"] == zelf.deelnemer.user.email)
    assert uit["Subject"].startswith("Je zit niet meer in de voorbereidingsgroep")
    assert (
        Verzending.objects.filter(
            doel__in=["groep", "groep_uit"], sleutel=f"{groep.pk}:2", status="verzonden"
        ).count()
        == 4
    )
    assert len(mailbox.messages) == 4


def test_accept_same_members_is_no_change(traject, groep, django_capture_on_commit_callbacks):
    people = _willing(traject, [Rol.BEROEPSKRACHT, Rol.VRIJWILLIGER, Rol.ERVARINGSDESKUNDIGE])
    leden = [NieuwLid(p.pk, GroepsReden.NOG_GEEN_BEURT) for p in people]
    groepen_services.accept_voorstel(groep=groep, leden=leden)
    with django_capture_on_commit_callbacks() as callbacks:
        assert groepen_services.accept_voorstel(groep=groep, leden=leden) is False
    assert callbacks == []


def test_accept_refuses_people_without_a_seat(traject, groep):
    wachtend = _person(traject, status=InschrijvingStatus.WACHTLIJST)
    with pytest.raises(TrajectError, match="kan niet meer meedoen"):
        groepen_services.accept_voorstel(
            groep=groep, leden=[NieuwLid(wachtend.pk, GroepsReden.ZELF)]
        )


def test_group_email_skips_the_one_who_acted_and_superseded_versions(traject, groep, mailoutbox):
    ans, bo = _person(traject, naam="Ans Bakker"), _person(traject, naam="Bo de Vries")
    groepen_services.join_groep(groep=groep, inschrijving=ans)  # versie 1
    groepen_services.join_groep(groep=groep, inschrijving=bo)  # versie 2
    tasks.send_groep_gewijzigd(groep.pk, 1, ans.pk, [])  # superseded by 2: nothing
    assert send_claimed() == 0
    assert mailoutbox == []
    tasks.send_groep_gewijzigd(groep.pk, 2, bo.pk, [])
    send_claimed()
    assert [m.to for m in mailoutbox] == [[ans.deelnemer.user.email]]
    assert "In de groep: Ans, Bo" in mailoutbox[0].body
    assert f"/bijeenkomsten/{groep.bijeenkomst_id}/voorbereiding/" in mailoutbox[0].body


def test_group_email_task_for_a_group_that_is_gone(mailoutbox):
    tasks.send_groep_gewijzigd(987654, 1, None, [])
    assert send_claimed() == 0
    assert mailoutbox == []


def test_group_email_is_not_sent_once_superseded_before_the_worker_runs(traject, groep, mailoutbox):
    ans, bo = _person(traject, naam="Ans Bakker"), _person(traject, naam="Bo de Vries")
    groepen_services.join_groep(groep=groep, inschrijving=ans)  # versie 1
    tasks.send_groep_gewijzigd(groep.pk, 1, None, [])  # queued for Ans
    groepen_services.join_groep(groep=groep, inschrijving=bo)  # versie 2 before sending
    assert send_claimed() == 0
    assert set(Verzending.objects.values_list("status", flat=True)) == {"overgeslagen"}


def test_new_prep_moment_is_told_to_members(traject, groep, django_capture_on_commit_callbacks):
    from groepen.forms import GroepForm

    groepen_services.join_groep(groep=groep, inschrijving=_person(traject))
    data = {"grootte": 3, "datum": "2026-03-03", "begintijd": "19:00", "eindtijd": "20:30"}
    form = GroepForm(data, instance=groep)
    assert form.is_valid(), form.errors
    with django_capture_on_commit_callbacks() as callbacks:
        groepen_services.save_groep(form=form)
    groep.refresh_from_db()
    assert groep.start == datetime(2026, 3, 3, 19, 0, tzinfo=AMS)
    assert groep.einde == datetime(2026, 3, 3, 20, 30, tzinfo=AMS)
    assert (groep.versie, len(callbacks)) == (2, 1)


def test_size_below_members_is_refused(traject, groep):
    from groepen.forms import GroepForm

    for _ in range(3):
        groepen_services.join_groep(groep=groep, inschrijving=_person(traject))
    groep.grootte = 4
    groep.save()
    groepen_services.join_groep(groep=groep, inschrijving=_person(traject))
    form = GroepForm({"grootte": 3}, instance=groep)
    assert form.is_valid(), form.errors
    with pytest.raises(TrajectError, match="Kies een grootte van minstens 4"):
        groepen_services.save_groep(form=form)


# --- tables -----------------------------------------------------------------------------

ROLLEN = [Rol.BEROEPSKRACHT, Rol.VRIJWILLIGER, Rol.ERVARINGSDESKUNDIGE, Rol.MANTELZORGER]


def _coming(traject, b, n, *, aanwezig=False):
    people = [_person(traject, rol=ROLLEN[i % len(ROLLEN)]) for i in range(n)]
    for p in people:
        Aanwezigheid.objects.create(
            bijeenkomst=b, inschrijving=p, antwoord="komt", aanwezig=aanwezig
        )
    return people


def test_make_tables_balanced_and_everyone_once(traject, bijeenkomst):
    people = _coming(traject, bijeenkomst, 22)
    indeling = groepen_services.make_tables(bijeenkomst=bijeenkomst, seed=1)
    assert [t.nummer for t in indeling.tafels] == [1, 2, 3, 4]
    assert indeling.plan.sizes == (6, 6, 5, 5)
    assert indeling.plan.as_promised is True
    seats = list(Tafelplaats.objects.filter(bijeenkomst=bijeenkomst))
    assert sorted(s.inschrijving_id for s in seats) == sorted(p.pk for p in people)
    sizes = sorted(
        Tafelplaats.objects.filter(tafel=t).count()
        for t in Tafel.objects.filter(bijeenkomst=bijeenkomst)
    )
    assert sizes == [5, 5, 6, 6]
    for t in groepen_queries.tafels(bijeenkomst):
        counts = {tc.tag: tc.aantal for tc in t.balans.per_tag}
        assert counts["ervaringsdeskundige"] in (1, 2)


def test_make_tables_prefers_checked_in_people(traject, bijeenkomst):
    _coming(traject, bijeenkomst, 5)
    binnen = _coming(traject, bijeenkomst, 4, aanwezig=True)
    groepen_services.make_tables(bijeenkomst=bijeenkomst)
    seated = set(Tafelplaats.objects.values_list("inschrijving_id", flat=True))
    assert seated == {p.pk for p in binnen}


def test_make_tables_again_replaces_the_split(traject, bijeenkomst):
    _coming(traject, bijeenkomst, 12)
    groepen_services.make_tables(bijeenkomst=bijeenkomst, seed=0)
    groepen_services.make_tables(bijeenkomst=bijeenkomst, seed=1)
    assert Tafel.objects.filter(bijeenkomst=bijeenkomst).count() == 2
    assert set(Tafel.objects.values_list("indeling", flat=True)) == {1}
    assert Tafelplaats.objects.filter(bijeenkomst=bijeenkomst).count() == 12


def test_make_tables_avoids_pairs_from_earlier_meetings(traject):
    eerste, tweede = _meeting(traject, 1), _meeting(traject, 2, days=14)
    people = [_person(traject) for _ in range(8)]
    for p in people:
        for b in (eerste, tweede):
            Aanwezigheid.objects.create(bijeenkomst=b, inschrijving=p, antwoord="komt")
    groepen_services.make_tables(bijeenkomst=eerste)
    earlier = groepen_queries.sat_together(tweede)
    assert len(earlier) == 12  # two tables of four
    groepen_services.make_tables(bijeenkomst=tweede)
    now = [list(t.plaatsen.values_list("inschrijving_id", flat=True)) for t in tweede.tafels.all()]
    assert len(pairs_of(now) & earlier) == 4  # the fewest possible: 2 of each 4 met before


def test_make_tables_with_nobody_says_so(bijeenkomst):
    with pytest.raises(TrajectError, match="Er is nog niemand om in te delen"):
        groepen_services.make_tables(bijeenkomst=bijeenkomst)


def test_late_arrival_joins_table_with_fewest_of_their_tag(traject, bijeenkomst):
    _coming(traject, bijeenkomst, 9)  # tags rotate: 3 formeel, 4 informeel, 2 ervaringsd.
    groepen_services.make_tables(bijeenkomst=bijeenkomst)
    laat = _person(traject, rol=Rol.ERVARINGSDESKUNDIGE)
    aanschuiven = groepen_services.seat_late_arrival(bijeenkomst=bijeenkomst, inschrijving=laat)
    tafel = aanschuiven.tafel
    assert aanschuiven.nieuwe_tafel is False
    tags = list(
        Tafelplaats.objects.filter(tafel=tafel)
        .exclude(inschrijving=laat)
        .values_list("inschrijving__tag", flat=True)
    )
    assert tags.count("ervaringsdeskundige") == 1
    assert Tafelplaats.objects.get(inschrijving=laat).laat is True
    # Twice: they keep their table.
    again = groepen_services.seat_late_arrival(bijeenkomst=bijeenkomst, inschrijving=laat)
    assert again == groepen_services.Aanschuiven(tafel)
    assert Tafelplaats.objects.filter(inschrijving=laat).count() == 1


def test_late_arrival_without_tables_is_refused(traject, bijeenkomst):
    with pytest.raises(TrajectError, match="Er zijn nog geen tafels"):
        groepen_services.seat_late_arrival(bijeenkomst=bijeenkomst, inschrijving=_person(traject))


def _sizes(bijeenkomst):
    return {t.nummer: t.plaatsen.count() for t in Tafel.objects.filter(bijeenkomst=bijeenkomst)}


def _table_of(inschrijving):
    return Tafelplaats.objects.get(inschrijving=inschrijving).tafel.nummer


def test_make_tables_for_seven_says_the_promise_cannot_be_kept(traject, bijeenkomst):
    _coming(traject, bijeenkomst, 7)
    indeling = groepen_services.make_tables(bijeenkomst=bijeenkomst)
    assert (indeling.plan.sizes, indeling.plan.as_promised) == ((4, 3), False)
    assert sorted(_sizes(bijeenkomst).values()) == [3, 4]


def test_late_arrivals_one_by_one_never_make_a_table_of_seven(traject, bijeenkomst):
    _coming(traject, bijeenkomst, 12)
    groepen_services.make_tables(bijeenkomst=bijeenkomst)
    assert _sizes(bijeenkomst) == {1: 6, 2: 6}
    nieuw = []
    for i in range(7):
        laat = _person(traject, rol=ROLLEN[i % len(ROLLEN)])
        aanschuiven = groepen_services.seat_late_arrival(bijeenkomst=bijeenkomst, inschrijving=laat)
        nieuw.append(aanschuiven.nieuwe_tafel)
        assert max(_sizes(bijeenkomst).values()) <= 6
    assert nieuw == [True, False, False, False, False, False, True]
    assert _sizes(bijeenkomst) == {1: 6, 2: 6, 3: 6, 4: 1}


def test_locked_table_survives_a_new_split_and_gets_no_late_arrivals(traject, bijeenkomst):
    _coming(traject, bijeenkomst, 10)
    groepen_services.make_tables(bijeenkomst=bijeenkomst, seed=0)
    tafel = Tafel.objects.get(bijeenkomst=bijeenkomst, nummer=2)
    people = set(tafel.plaatsen.values_list("inschrijving_id", flat=True))
    groepen_services.lock_tafel(tafel=tafel, vergrendeld=True)
    for seed in (1, 2):
        indeling = groepen_services.make_tables(bijeenkomst=bijeenkomst, seed=seed)
        assert [t.nummer for t in indeling.tafels] == [1, 2]
        kept = Tafel.objects.get(pk=tafel.pk)
        assert (kept.nummer, kept.vergrendeld, kept.indeling) == (2, True, seed)
        assert set(kept.plaatsen.values_list("inschrijving_id", flat=True)) == people
    assert indeling.plan.sizes == (5,)
    laat = _person(traject)
    aanschuiven = groepen_services.seat_late_arrival(bijeenkomst=bijeenkomst, inschrijving=laat)
    assert (aanschuiven.tafel.nummer, aanschuiven.nieuwe_tafel) == (1, False)
    groepen_services.move_to_table(bijeenkomst=bijeenkomst, inschrijving=laat, nummer=None)
    groepen_services.lock_tafel(tafel=Tafel.objects.get(nummer=1), vergrendeld=True)
    groepen_services.lock_tafel(tafel=Tafel.objects.get(nummer=3), vergrendeld=True)
    later = _person(traject)
    aanschuiven = groepen_services.seat_late_arrival(bijeenkomst=bijeenkomst, inschrijving=later)
    assert (aanschuiven.tafel.nummer, aanschuiven.nieuwe_tafel) == (4, True)


def test_move_to_table_moves_opens_and_removes_an_empty_table(traject, bijeenkomst):
    people = _coming(traject, bijeenkomst, 9)
    groepen_services.make_tables(bijeenkomst=bijeenkomst)
    assert _sizes(bijeenkomst) == {1: 5, 2: 4}
    ans = next(p for p in people if _table_of(p) == 1)
    tafel = groepen_services.move_to_table(bijeenkomst=bijeenkomst, inschrijving=ans, nummer=2)
    assert (tafel.nummer, _table_of(ans), _sizes(bijeenkomst)) == (2, 2, {1: 4, 2: 5})
    tafel = groepen_services.move_to_table(bijeenkomst=bijeenkomst, inschrijving=ans, nummer=None)
    assert (tafel.nummer, _sizes(bijeenkomst)) == (3, {1: 4, 2: 4, 3: 1})
    tafel = groepen_services.move_to_table(bijeenkomst=bijeenkomst, inschrijving=ans, nummer=1)
    assert (tafel.nummer, _sizes(bijeenkomst)) == (1, {1: 5, 2: 4})  # table 3 was left empty
    # Someone without a table can be seated by hand too.
    nieuw = _person(traject)
    groepen_services.move_to_table(bijeenkomst=bijeenkomst, inschrijving=nieuw, nummer=1)
    assert _sizes(bijeenkomst) == {1: 6, 2: 4}


def test_move_to_table_refuses_full_locked_and_missing_tables(traject, bijeenkomst):
    people = _coming(traject, bijeenkomst, 12)
    groepen_services.make_tables(bijeenkomst=bijeenkomst)
    ans = next(p for p in people if _table_of(p) == 1)
    with pytest.raises(TrajectError) as full:
        groepen_services.move_to_table(bijeenkomst=bijeenkomst, inschrijving=ans, nummer=2)
    assert str(full.value) == (
        "Tafel 2 is vol: er zitten al 6 mensen. Verplaats eerst iemand van die tafel, "
        "of kies een nieuwe tafel."
    )
    with pytest.raises(TrajectError, match="^Die tafel bestaat niet meer"):
        groepen_services.move_to_table(bijeenkomst=bijeenkomst, inschrijving=ans, nummer=9)
    groepen_services.lock_tafel(tafel=Tafel.objects.get(nummer=1), vergrendeld=True)
    with pytest.raises(TrajectError) as locked:
        groepen_services.move_to_table(bijeenkomst=bijeenkomst, inschrijving=ans, nummer=None)
    assert str(locked.value) == "Tafel 1 is vergrendeld. Open de tafel eerst."
    bob = next(p for p in people if _table_of(p) == 2)
    with pytest.raises(TrajectError, match="^Tafel 1 is vergrendeld"):
        groepen_services.move_to_table(bijeenkomst=bijeenkomst, inschrijving=bob, nummer=1)
    assert _sizes(bijeenkomst) == {1: 6, 2: 6}
    vreemde = _person(factories.traject())
    with pytest.raises(TrajectError, match="^Alleen deelnemers met een plek"):
        groepen_services.move_to_table(bijeenkomst=bijeenkomst, inschrijving=vreemde, nummer=2)


def test_nobody_at_two_tables_of_one_meeting_in_the_database(traject, bijeenkomst):
    ans = _person(traject)
    een = Tafel.objects.create(bijeenkomst=bijeenkomst, nummer=1)
    twee = Tafel.objects.create(bijeenkomst=bijeenkomst, nummer=2)
    Tafelplaats.objects.create(tafel=een, bijeenkomst=bijeenkomst, inschrijving=ans)
    with pytest.raises(IntegrityError), transaction.atomic():
        Tafelplaats.objects.create(tafel=twee, bijeenkomst=bijeenkomst, inschrijving=ans)


def test_seat_meeting_must_be_its_tables_meeting(traject, bijeenkomst):
    ander = _meeting(traject, 2, days=7)
    tafel = Tafel.objects.create(bijeenkomst=bijeenkomst, nummer=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        Tafelplaats.objects.create(tafel=tafel, bijeenkomst=ander, inschrijving=_person(traject))
