import threading
from datetime import timedelta

import factories
import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from devtools.demo_values import seed_waarden_demo
from trajecten.choices import InschrijvingStatus, Rol, TrajectStatus
from waarden import queries, services
from waarden.errors import WaardenError
from waarden.models import Citaat, Onderschrijving, TrajectWaarde, Waarde, Waardenbord

pytestmark = pytest.mark.django_db

VIJF = ["respect", "warmte", "openheid", "zelfregie", "veiligheid"]


def meeting(traject, nummer=1):
    return factories.bijeenkomst(
        traject, nummer=nummer, start=timezone.now() + timedelta(days=nummer)
    )


@pytest.fixture
def anna(traject):
    return factories.inschrijving(traject, user=factories.user(naam="Anna de Wit"))


def endorsed(inschrijving):
    return set(
        Onderschrijving.objects.filter(inschrijving=inschrijving).values_list(
            "waarde__slug", flat=True
        )
    )


# --- The catalogue -------------------------------------------------------------------------


def test_catalogue_has_the_guides_twelve_values_in_two_languages():
    catalogue = list(Waarde.objects.filter(traject__isnull=True).order_by("volgorde"))
    assert [w.slug for w in catalogue] == [
        "transparantie",
        "autonomie",
        "veiligheid",
        "rechtvaardigheid",
        "stimuleren",
        "creatief",
        "warmte",
        "openheid",
        "zelfregie",
        "verantwoordelijkheid",
        "respect",
        "gelijkwaardigheid",
    ]
    for w in catalogue:
        assert w.naam and w.naam_en and w.beschrijving_nl and w.beschrijving_en
        assert len(w.beschrijving_nl) <= 200


def test_value_name_and_description_follow_the_language(waarde):
    from django.utils import translation

    w = waarde("gelijkwaardigheid")
    with translation.override("nl"):
        assert (w.titel, w.uitleg) == ("Gelijkwaardigheid", w.beschrijving_nl)
    with translation.override("en"):
        assert (w.titel, w.uitleg) == ("Equality", w.beschrijving_en)


# --- Endorsements --------------------------------------------------------------------------


def test_endorse_and_change_mind(anna, waarde):
    assert services.set_endorsement(inschrijving=anna, waarde=waarde("respect"), aan=True) == 1
    assert services.set_endorsement(inschrijving=anna, waarde=waarde("respect"), aan=True) == 1
    assert services.set_endorsement(inschrijving=anna, waarde=waarde("warmte"), aan=True) == 2
    assert endorsed(anna) == {"respect", "warmte"}
    assert services.set_endorsement(inschrijving=anna, waarde=waarde("respect"), aan=False) == 1
    assert services.set_endorsement(inschrijving=anna, waarde=waarde("respect"), aan=False) == 1
    assert endorsed(anna) == {"warmte"}


def test_endorse_at_most_five(anna, waarde):
    for slug in VIJF:
        services.set_endorsement(inschrijving=anna, waarde=waarde(slug), aan=True)
    with pytest.raises(WaardenError) as exc:
        services.set_endorsement(inschrijving=anna, waarde=waarde("creatief"), aan=True)
    assert str(exc.value) == (
        "Je hebt al 5 kernwaarden gekozen. Haal er eerst een weg als je deze wilt kiezen."
    )
    assert endorsed(anna) == set(VIJF)
    # Changing one's mind: one off, then the other on.
    services.set_endorsement(inschrijving=anna, waarde=waarde("warmte"), aan=False)
    assert services.set_endorsement(inschrijving=anna, waarde=waarde("creatief"), aan=True) == 5
    # Pressing an endorsed value again with five is fine (nothing changes).
    assert services.set_endorsement(inschrijving=anna, waarde=waarde("creatief"), aan=True) == 5


def test_endorse_limit_counts_only_values_on_the_board(traject, anna, waarde):
    for slug in VIJF:
        services.set_endorsement(inschrijving=anna, waarde=waarde(slug), aan=True)
    on_board = [w for w in queries.bord_waarden(traject) if w.slug != "veiligheid"]
    services.set_bord(traject=traject, waarden=on_board, drempel=30)
    assert services.set_endorsement(inschrijving=anna, waarde=waarde("creatief"), aan=True) == 5
    # The endorsement of the value taken off the board is kept, and counts when it is back.
    assert endorsed(anna) == {*VIJF, "creatief"}
    services.set_bord(traject=traject, waarden=[*on_board, waarde("veiligheid")], drempel=30)
    assert services.endorsement_count(anna) == 6
    with pytest.raises(WaardenError):
        services.set_endorsement(inschrijving=anna, waarde=waarde("autonomie"), aan=True)


def test_endorse_value_not_on_the_board(traject, anna, waarde):
    services.set_bord(traject=traject, waarden=[waarde("respect")], drempel=30)
    with pytest.raises(WaardenError, match="staat niet op het bord"):
        services.set_endorsement(inschrijving=anna, waarde=waarde("warmte"), aan=True)
    ander = factories.traject()
    eigen = services.add_eigen_waarde(traject=ander, naam="Humor")
    with pytest.raises(WaardenError, match="staat niet op het bord"):
        services.set_endorsement(inschrijving=anna, waarde=eigen, aan=True)
    assert endorsed(anna) == set()


@pytest.mark.parametrize("status", [InschrijvingStatus.WACHTLIJST, InschrijvingStatus.AFGEMELD])
def test_endorse_needs_a_seat(traject, waarde, status):
    i = factories.inschrijving(traject, status=status)
    with pytest.raises(WaardenError, match="plek aan tafel"):
        services.set_endorsement(inschrijving=i, waarde=waarde("respect"), aan=True)


def test_endorse_offered_seat_counts_as_a_seat(traject, waarde):
    i = factories.inschrijving(
        traject, status=InschrijvingStatus.AANGEBODEN, aangeboden_op=timezone.now()
    )
    assert services.set_endorsement(inschrijving=i, waarde=waarde("respect"), aan=True) == 1


def test_endorsement_unique_in_the_database(anna, waarde):
    Onderschrijving.objects.create(inschrijving=anna, waarde=waarde("respect"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Onderschrijving.objects.create(inschrijving=anna, waarde=waarde("respect"))


@pytest.mark.django_db(transaction=True)
def test_two_clicks_at_once_never_give_six(waarde):
    """Four values chosen; two other values pressed at the same moment: the row lock on
    the enrolment lets exactly one of them in."""
    traject = factories.traject()
    services.set_bord(
        traject=traject, waarden=Waarde.objects.filter(traject__isnull=True), drempel=30
    )
    anna = factories.inschrijving(traject)
    for slug in VIJF[:4]:
        services.set_endorsement(inschrijving=anna, waarde=waarde(slug), aan=True)
    barrier = threading.Barrier(2)
    results = []

    def press(slug):
        try:
            barrier.wait(timeout=10)
            services.set_endorsement(inschrijving=anna, waarde=waarde(slug), aan=True)
            results.append("ok")
        except WaardenError:
            results.append("vol")
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(s,)) for s in ("creatief", "autonomie")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(results) == ["ok", "vol"]
    assert Onderschrijving.objects.filter(inschrijving=anna).count() == 5


# --- Quotes --------------------------------------------------------------------------------


def test_add_quote(traject, anna, waarde):
    b = meeting(traject)
    c = services.add_citaat(
        inschrijving=anna,
        waarde=waarde("respect"),
        tekst="  Hier luisteren we echt naar elkaar.  ",
        bijeenkomst=b,
        toon_naam=True,
    )
    c.refresh_from_db()
    assert (c.tekst, c.bijeenkomst, c.toon_naam, c.verborgen) == (
        "Hier luisteren we echt naar elkaar.",
        b,
        True,
        False,
    )


def test_add_quote_refuses_meeting_of_other_traject(anna, waarde):
    other = meeting(factories.traject())
    with pytest.raises(WaardenError, match="hoort niet bij dit traject"):
        services.add_citaat(
            inschrijving=anna, waarde=waarde("respect"), tekst="Ja", bijeenkomst=other
        )


def test_add_quote_refuses_empty_text_and_value_off_the_board(traject, anna, waarde):
    with pytest.raises(WaardenError):
        services.add_citaat(inschrijving=anna, waarde=waarde("respect"), tekst="   ")
    services.set_bord(traject=traject, waarden=[waarde("respect")], drempel=30)
    with pytest.raises(WaardenError):
        services.add_citaat(inschrijving=anna, waarde=waarde("warmte"), tekst="Fijn")
    assert Citaat.objects.count() == 0


def test_add_quote_needs_a_seat(traject, waarde):
    i = factories.inschrijving(traject, status=InschrijvingStatus.WACHTLIJST)
    with pytest.raises(WaardenError):
        services.add_citaat(inschrijving=i, waarde=waarde("respect"), tekst="Fijn")


def test_quote_constraints_in_the_database(anna, waarde):
    for tekst in ("", "  ", "x" * 501):
        with pytest.raises(IntegrityError), transaction.atomic():
            Citaat.objects.create(inschrijving=anna, waarde=waarde("respect"), tekst=tekst)


def test_hide_and_show_quote(anna, waarde):
    c = services.add_citaat(inschrijving=anna, waarde=waarde("respect"), tekst="Mooi")
    services.set_citaat_verborgen(citaat=c, verborgen=True)
    c.refresh_from_db()
    assert c.verborgen is True
    services.set_citaat_verborgen(citaat=c, verborgen=False)
    c.refresh_from_db()
    assert c.verborgen is False


# --- The board -----------------------------------------------------------------------------


def test_set_board_replaces_values_and_threshold(traject, waarde):
    services.set_bord(traject=traject, waarden=[waarde("respect"), waarde("warmte")], drempel=40)
    assert [w.slug for w in queries.bord_waarden(traject)] == ["warmte", "respect"]
    assert queries.drempel(traject) == 40
    services.set_bord(traject=traject, waarden=[waarde("warmte")], drempel=25)
    assert [w.slug for w in queries.bord_waarden(traject)] == ["warmte"]
    assert Waardenbord.objects.get(traject=traject).drempel == 25


def test_threshold_defaults_to_30_without_a_board_row():
    assert queries.drempel(factories.traject()) == 30


def test_set_board_refuses_value_of_other_traject(traject):
    other = services.add_eigen_waarde(traject=factories.traject(), naam="Humor")
    with pytest.raises(WaardenError):
        services.set_bord(traject=traject, waarden=[other], drempel=30)


def test_threshold_constraint_in_the_database(traject):
    for drempel in (0, 101):
        with pytest.raises(IntegrityError), transaction.atomic():
            Waardenbord.objects.filter(traject=traject).update(drempel=drempel)


def test_own_value_goes_on_the_board(traject):
    w = services.add_eigen_waarde(
        traject=traject, naam=" Humor ", beschrijving_nl="We lachen samen.", naam_en="Humour"
    )
    assert (w.naam, w.slug, w.traject, w.naam_en) == ("Humor", "humor", traject, "Humour")
    assert queries.bord_waarden(traject)[-1] == w
    assert TrajectWaarde.objects.filter(traject=traject, waarde=w).count() == 1


def test_own_value_same_name_as_catalogue_or_own(traject):
    with pytest.raises(WaardenError, match="bestaat al"):
        services.add_eigen_waarde(traject=traject, naam="respect")
    services.add_eigen_waarde(traject=traject, naam="Humor")
    with pytest.raises(WaardenError, match="al een waarde met deze naam"):
        services.add_eigen_waarde(traject=traject, naam="HUMOR")
    # Another traject may have its own "Humor".
    services.add_eigen_waarde(traject=factories.traject(), naam="Humor")
    with pytest.raises(WaardenError):
        services.add_eigen_waarde(traject=traject, naam="!!!")


def test_own_value_slug_unique_per_traject_in_the_database(traject):
    Waarde.objects.create(traject=traject, naam="Humor", slug="humor")
    with pytest.raises(IntegrityError), transaction.atomic():
        Waarde.objects.create(traject=traject, naam="Humor", slug="humor")
    with pytest.raises(IntegrityError), transaction.atomic():
        Waarde.objects.create(naam="Respect", slug="respect")  # a second catalogue "respect"


# --- Reads for the live screen and reports -------------------------------------------------


def test_values_with_quotes_per_meeting(traject, anna, waarde, django_assert_num_queries):
    b1, b2 = meeting(traject, 1), meeting(traject, 2)
    services.add_citaat(inschrijving=anna, waarde=waarde("respect"), tekst="Een", bijeenkomst=b1)
    services.add_citaat(inschrijving=anna, waarde=waarde("respect"), tekst="Twee", bijeenkomst=b2)
    verborgen = services.add_citaat(inschrijving=anna, waarde=waarde("warmte"), tekst="Weg")
    services.set_citaat_verborgen(citaat=verborgen, verborgen=True)
    with django_assert_num_queries(2):
        rows = queries.waarden_met_citaten(traject, bijeenkomst=b1)
    assert len(rows) == 12
    assert {w.slug: [c.tekst for c in cs] for w, cs in rows if cs} == {"respect": ["Een"]}
    alle = queries.waarden_met_citaten(traject)
    assert {w.slug: [c.tekst for c in cs] for w, cs in alle if cs} == {"respect": ["Een", "Twee"]}


def test_first_name_only_when_chosen(traject, waarde):
    anna = factories.inschrijving(traject, user=factories.user(naam="Anna de Wit"))
    bo = factories.inschrijving(traject, user=factories.user(naam="Bo Jansen"))
    services.add_citaat(inschrijving=anna, waarde=waarde("respect"), tekst="A", toon_naam=True)
    services.add_citaat(inschrijving=bo, waarde=waarde("respect"), tekst="B")
    assert [c.voornaam for c in queries.citaten(traject)] == ["Anna", ""]


def test_overlap_counts_only_people_with_a_seat(traject, waarde):
    zitten = [factories.inschrijving(traject, rol=Rol.BEROEPSKRACHT) for _ in range(2)]
    wacht = factories.inschrijving(traject, rol=Rol.BEROEPSKRACHT)
    for i in [*zitten, wacht]:
        Onderschrijving.objects.create(inschrijving=i, waarde=waarde("respect"))
    wacht.status, wacht.wachtlijst_positie = InschrijvingStatus.WACHTLIJST, 1
    wacht.save()
    ov = queries.traject_overlap(traject)
    respect = next(w for w in ov.waarden if w.sleutel == waarde("respect").pk)
    assert respect.cel("formeel").aantal == 2
    assert respect.cel("formeel").totaal == 2
    assert ov.totalen == {"formeel": 2, "informeel": 0, "ervaringsdeskundige": 0}


# --- Demo data -----------------------------------------------------------------------------


def test_demo_is_idempotent_and_respects_the_limit(waarde):
    traject = factories.traject(status=TrajectStatus.OPEN, capaciteit=40)
    rollen = [Rol.BEROEPSKRACHT, Rol.VRIJWILLIGER, Rol.ERVARINGSDESKUNDIGE]
    for n in range(24):
        factories.inschrijving(traject, rol=rollen[n % 3])
    factories.inschrijving(traject, status=InschrijvingStatus.WACHTLIJST)
    meeting(traject)
    seed_waarden_demo(traject)
    counts = (
        TrajectWaarde.objects.filter(traject=traject).count(),
        Onderschrijving.objects.filter(inschrijving__traject=traject).count(),
        Citaat.objects.filter(inschrijving__traject=traject).count(),
    )
    seed_waarden_demo(traject)
    assert counts == (
        TrajectWaarde.objects.filter(traject=traject).count(),
        Onderschrijving.objects.filter(inschrijving__traject=traject).count(),
        Citaat.objects.filter(inschrijving__traject=traject).count(),
    )
    assert counts[0] == 12
    assert counts[2] == 5
    people = traject.inschrijvingen.bezet()
    with_values = [i for i in people if services.endorsement_count(i)]
    assert len(with_values) == 12  # half of 24
    assert max(services.endorsement_count(i) for i in people) <= 5
    ov = queries.traject_overlap(traject)
    assert ov.gedeeld == (waarde("respect").pk,)
