import threading

import factories
import pytest
from django.db import IntegrityError, close_old_connections, transaction

from trajecten import services
from trajecten.choices import InschrijvingStatus, Rol, TrajectStatus
from trajecten.errors import TrajectError
from trajecten.models import Inschrijving

W = InschrijvingStatus


def _aanmelding(n, rol=Rol.VRIJWILLIGER):
    return services.Aanmelding(naam=f"Persoon {n}", email=f"p{n}@voorbeeld.nl", rol=rol)


def _race(traject, aanmeldingen):
    errors = []
    barrier = threading.Barrier(len(aanmeldingen))

    def run(aanmelding):
        try:
            barrier.wait()
            services.sign_up(traject=traject, aanmelding=aanmelding, notify=False)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=run, args=(a,)) for a in aanmeldingen]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_signups_for_last_seat():
    traject = factories.traject(capaciteit=3)
    for _ in range(2):
        factories.inschrijving(traject)
    errors = _race(traject, [_aanmelding(n) for n in range(50)])
    assert errors == []
    assert traject.inschrijvingen.filter(status=W.GEPLAATST).count() == 3
    positions = sorted(
        traject.inschrijvingen.wachtlijst().values_list("wachtlijst_positie", flat=True)
    )
    assert positions == list(range(1, 50))


def _race_confirmations(tokens):
    errors = []
    barrier = threading.Barrier(len(tokens))

    def run(token):
        try:
            barrier.wait()
            services.confirm_sign_up(token=token)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=run, args=(t,)) for t in tokens]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_confirmations_for_the_last_seat_give_one_seat():
    from trajecten.models import Aanmeldverzoek

    traject = factories.traject(capaciteit=3)
    for _ in range(2):
        factories.inschrijving(traject)
    for n in range(20):
        services.request_sign_up(traject=traject, aanmelding=_aanmelding(n))
    # Signing up alone takes nothing.
    assert traject.inschrijvingen.count() == 2
    tokens = list(Aanmeldverzoek.objects.values_list("token", flat=True))
    errors = _race_confirmations(tokens)
    assert errors == []
    assert traject.inschrijvingen.filter(status=W.GEPLAATST).count() == 3
    positions = sorted(
        traject.inschrijvingen.wachtlijst().values_list("wachtlijst_positie", flat=True)
    )
    assert positions == list(range(1, 20))
    # Places went in the order of confirmation: the waiting list follows the enrolment time.
    order = list(
        traject.inschrijvingen.wachtlijst()
        .order_by("wachtlijst_positie")
        .values_list("ingeschreven_op", flat=True)
    )
    assert order == sorted(order)


@pytest.mark.django_db(transaction=True)
def test_the_same_link_confirmed_twice_at_once_enrols_once():
    from trajecten.models import Aanmeldverzoek

    traject = factories.traject(capaciteit=3)
    services.request_sign_up(traject=traject, aanmelding=_aanmelding(1))
    token = Aanmeldverzoek.objects.get().token
    assert _race_confirmations([token] * 5) == []
    assert traject.inschrijvingen.count() == 1


@pytest.mark.django_db(transaction=True)
def test_tag_limits_hold_under_race():
    # 10 seats, at most 60 % formeel: 6 formeel seats, whatever the race.
    traject = factories.traject(capaciteit=10, max_formeel=60)
    errors = _race(traject, [_aanmelding(n, Rol.BEROEPSKRACHT) for n in range(20)])
    assert errors == []
    assert traject.inschrijvingen.filter(status=W.GEPLAATST, tag="formeel").count() == 6
    assert traject.inschrijvingen.wachtlijst().count() == 14


@pytest.mark.django_db
def test_signup_twice_changes_nothing():
    traject = factories.traject()
    first, created = services.sign_up(traject=traject, aanmelding=_aanmelding(1), notify=False)
    again, created_again = services.sign_up(
        traject=traject,
        aanmelding=services.Aanmelding(naam="Ander", email="P1@Voorbeeld.nl", rol=Rol.AMBTENAAR),
        notify=False,
    )
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert again.rol == Rol.VRIJWILLIGER
    assert Inschrijving.objects.count() == 1


@pytest.mark.django_db
def test_signup_closed_traject_refused():
    traject = factories.traject(status=TrajectStatus.CONCEPT)
    with pytest.raises(TrajectError):
        services.sign_up(traject=traject, aanmelding=_aanmelding(1), notify=False)


@pytest.mark.django_db
def test_freed_seat_goes_to_balance_improving_candidate(django_capture_on_commit_callbacks):
    traject = factories.traject(capaciteit=4)
    leaving = factories.inschrijving(traject, rol=Rol.ERVARINGSDESKUNDIGE)
    for rol in (Rol.BEROEPSKRACHT, Rol.BEROEPSKRACHT, Rol.VRIJWILLIGER):
        factories.inschrijving(traject, rol=rol)
    first = factories.inschrijving(traject, rol=Rol.AMBTENAAR, status=W.WACHTLIJST)
    second = factories.inschrijving(traject, rol=Rol.ERVARINGSDESKUNDIGE, status=W.WACHTLIJST)
    with django_capture_on_commit_callbacks() as callbacks:
        offers = services.withdraw(inschrijving=leaving)
    assert [o.pk for o in offers] == [second.pk]
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.status == W.AANGEBODEN
    assert (first.status, first.wachtlijst_positie) == (W.WACHTLIJST, 1)
    assert len(callbacks) == 1  # the offer e-mail


@pytest.mark.django_db
def test_accepting_an_offer_places():
    traject = factories.traject(capaciteit=1)
    leaving = factories.inschrijving(traject)
    waiting = factories.inschrijving(traject, status=W.WACHTLIJST)
    services.withdraw(inschrijving=leaving)
    services.accept_offer(inschrijving=waiting)
    waiting.refresh_from_db()
    assert waiting.status == W.GEPLAATST
    with pytest.raises(TrajectError):
        services.accept_offer(inschrijving=waiting)


@pytest.mark.django_db
def test_leaving_waiting_list_closes_gap():
    traject = factories.traject(capaciteit=1)
    factories.inschrijving(traject)
    wachtenden = [factories.inschrijving(traject, status=W.WACHTLIJST) for _ in range(4)]
    services.withdraw(inschrijving=wachtenden[1])
    assert list(traject.inschrijvingen.wachtlijst().values_list("pk", "wachtlijst_positie")) == [
        (wachtenden[0].pk, 1),
        (wachtenden[2].pk, 2),
        (wachtenden[3].pk, 3),
    ]


@pytest.mark.django_db
def test_coordinator_cannot_overfill():
    traject = factories.traject(capaciteit=1)
    factories.inschrijving(traject)
    waiting = factories.inschrijving(traject, status=W.WACHTLIJST)
    with pytest.raises(TrajectError):
        services.set_status(inschrijving=waiting, status=W.GEPLAATST)


@pytest.mark.django_db
def test_balance_preview_for_manual_placement():
    traject = factories.traject(capaciteit=2)
    factories.inschrijving(traject, rol=Rol.BEROEPSKRACHT)
    waiting = factories.inschrijving(traject, rol=Rol.MANTELZORGER, status=W.WACHTLIJST)
    now, after = services.balance_after(traject=traject, inschrijving=waiting, status=W.GEPLAATST)
    assert (now.index_procent, after.index_procent) == (50, 80)


@pytest.mark.django_db
def test_database_refuses_two_enrolments_per_person():
    traject = factories.traject()
    first = factories.inschrijving(traject)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.inschrijving(traject, deelnemer=first.deelnemer)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"capaciteit": 0},
        {"doel_formeel": 60, "doel_informeel": 30, "doel_ervaringsdeskundige": 20},
        {"max_formeel": 0},
        {"aantal_bijeenkomsten": 13},
        {"status": "onbekend"},
    ],
)
def test_database_refuses_invalid_traject(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.traject(**fields)


@pytest.mark.django_db
def test_database_refuses_duplicate_waiting_position_and_position_when_placed():
    traject = factories.traject()
    factories.inschrijving(traject, status=W.WACHTLIJST, wachtlijst_positie=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.inschrijving(traject, status=W.WACHTLIJST, wachtlijst_positie=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.inschrijving(traject, status=W.GEPLAATST, wachtlijst_positie=5)
