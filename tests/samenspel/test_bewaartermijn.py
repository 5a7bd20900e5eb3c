"""The retention job: personal data of finished trajecten goes after the set period; the
figures the dashboards count stay exactly the same."""

import json
import time
from datetime import timedelta

import factories
import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.db.models import Avg, Count
from django.urls import reverse
from django.utils import timezone

from berichten.models import Verzending
from bijeenkomsten.models import Aanwezigheid, Bijdrage
from groepen.models import Groepslid
from samenspel import tasks
from samenspel.models import Auditregel, User
from trajecten import anonymise as anonimiseren
from trajecten.choices import InschrijvingStatus, Rol, TrajectStatus
from trajecten.models import Deelnemer, Import, Inschrijving
from verslagen import content, document
from verslagen.models import (
    Evaluatie,
    Handreiking,
    HandreikingVersie,
    Opmerking,
    Reviewronde,
    VerslagVersie,
)
from waarden.models import Citaat, Onderschrijving

pytestmark = pytest.mark.django_db

MENSEN = [
    ("Annemarie Bakker", "annemarie.bakker@voorbeeld.nl", "0611111111", Rol.BEROEPSKRACHT),
    ("Bertus Visser", "bertus.visser@voorbeeld.nl", "0622222222", Rol.VRIJWILLIGER),
    ("Chantal Jansen", "chantal.jansen@voorbeeld.nl", "0633333333", Rol.ERVARINGSDESKUNDIGE),
    ("Dirk-Jan de Vries", "dirkjan.devries@voorbeeld.nl", "0644444444", Rol.MANTELZORGER),
    ("Fatima el Amrani", "fatima.elamrani@voorbeeld.nl", "0655555555", Rol.AMBTENAAR),
    ("Gerrit Wachtlijst", "gerrit.wachtlijst@voorbeeld.nl", "0666666666", Rol.LEIDINGGEVENDE),
]
TALENT = "Ik kan goed luisteren naar Annemarie"
WENS = "Mijn buurman Kees Pietersen helpen"
VRIJE_TEKST = "Mijn verhaal over thuis"
# Someone who is also in a traject that still runs: their account stays.
OOK_ELDERS = "Hendrik Tweemaal", "hendrik.tweemaal@voorbeeld.nl"


def _finished_traject(maanden_geleden=13, **kw):
    coordinator = factories.user(is_coordinator=True, naam="Carla Coördinator")
    traject = factories.traject(
        coordinatoren=[coordinator], status=TrajectStatus.AFGEROND, capaciteit=50, **kw
    )
    einde = timezone.now() - timedelta(days=round(maanden_geleden * 30.5))
    meetings = [
        factories.bijeenkomst(traject, nummer=n, einde=einde - timedelta(days=21 * (2 - n)))
        for n in (1, 2)
    ]
    return traject, meetings


@pytest.fixture
def wereld():
    traject, (b1, b2) = _finished_traject()
    mensen = []
    for n, (naam, email, telefoon, rol) in enumerate(MENSEN):
        user = factories.user(naam=naam, email=email)
        Deelnemer.objects.create(user=user, telefoon=telefoon)
        status = InschrijvingStatus.WACHTLIJST if n == 5 else InschrijvingStatus.GEPLAATST
        mensen.append(
            factories.inschrijving(
                traject,
                user=user,
                rol=rol,
                status=status,
                talenten=TALENT,
                wensen=WENS,
                organisatie=factories.organisatie(),
            )
        )
    elders = factories.user(naam=OOK_ELDERS[0], email=OOK_ELDERS[1])
    mensen.append(factories.inschrijving(traject, user=elders, talenten=TALENT, wensen=WENS))
    lopend = factories.traject(status=TrajectStatus.LOPEND)
    factories.inschrijving(lopend, user=elders, talenten="Koken")

    for b in (b1, b2):
        for i in mensen[:5]:
            Aanwezigheid.objects.create(
                bijeenkomst=b, inschrijving=i, antwoord="komt", aanwezig=i.pk % 2 == 0
            )
        Evaluatie.objects.create(
            bijeenkomst=b,
            inschrijving=mensen[0],
            doelmatigheid=4,
            open=5,
            eerlijk=3,
            inzet=4,
            wat_werkte=VRIJE_TEKST,
            kan_beter=VRIJE_TEKST,
        )
    factories.voorbereidingsgroep(b2, leden=mensen[:3])
    waarde = factories.kernwaarde()
    for i in mensen[:4]:
        Onderschrijving.objects.create(inschrijving=i, waarde=waarde)
    Citaat.objects.create(
        inschrijving=mensen[1], waarde=waarde, tekst="Samen staan we sterk", toon_naam=True
    )
    Bijdrage.objects.create(
        bijeenkomst=b1,
        soort="idee",
        tekst="Een buurtmaaltijd",
        door=mensen[2].deelnemer.user,
        toon_naam=True,
    )
    Bijdrage.objects.create(bijeenkomst=b1, soort="idee", tekst="Elders", door=elders)
    gegevens = content.assemble(b1)  # Chantal's named idea; the next prep group's names
    versie = factories.verslagversie(
        b1,
        inhoud_hash="a",
        gegevens=gegevens,
        html=document.render_fragment(gegevens),
        verhaal="Voorbereid door Annemarie Bakker en Bertus Visser.",
        pdf=b"%PDF-namen",
    )
    gids = HandreikingVersie.objects.create(
        handreiking=Handreiking.objects.create(traject=traject),
        nummer=1,
        inhoud_hash="b",
        secties=[{"slug": "inleiding", "titel": "Inleiding"}],
        html="<p>Met dank aan chantal.jansen@voorbeeld.nl</p>",
    )
    ronde = Reviewronde.objects.create(versie=gids, deadline=timezone.now())
    Opmerking.objects.create(
        ronde=ronde, sectie="inleiding", inschrijving=mensen[3], tekst=VRIJE_TEKST
    )
    Verzending.objects.create(
        ontvanger=mensen[0].deelnemer.user,
        traject=traject,
        inschrijving=mensen[0],
        doel="herinnering",
        sleutel="1",
        fout="550 annemarie.bakker@voorbeeld.nl unknown",
    )
    Import.objects.create(
        traject=traject,
        bestand=b"",
        bestandsnaam="lijst-annemarie.csv",
        fouten=[[2, "annemarie.bakker@voorbeeld.nl doet al mee"]],
    )
    return {"traject": traject, "mensen": mensen, "versie": versie, "elders": elders}


def _figures(traject):
    """What the dashboards count for one traject."""
    inschrijvingen = Inschrijving.objects.filter(traject=traject)
    return {
        "per_tag_rol_status": sorted(
            inschrijvingen.values_list("tag", "rol", "status").annotate(n=Count("id"))
        ),
        "geplaatst_per_tag": sorted(
            inschrijvingen.filter(status="geplaatst").values_list("tag").annotate(n=Count("id"))
        ),
        "aanwezig_per_tag": sorted(
            Aanwezigheid.objects.filter(bijeenkomst__traject=traject, aanwezig=True)
            .values_list("bijeenkomst__nummer", "inschrijving__tag")
            .annotate(n=Count("id"))
        ),
        "groepsleden_per_tag": sorted(
            Groepslid.objects.filter(groep__bijeenkomst__traject=traject)
            .values_list("inschrijving__tag")
            .annotate(n=Count("id"))
        ),
        "onderschrijvingen": sorted(
            Onderschrijving.objects.filter(inschrijving__traject=traject)
            .values_list("waarde_id", "inschrijving__tag")
            .annotate(n=Count("id"))
        ),
        "scores": Evaluatie.objects.filter(bijeenkomst__traject=traject).aggregate(
            n=Count("id"), open=Avg("open"), inzet=Avg("inzet")
        ),
        "per_organisatie": sorted(
            inschrijvingen.values_list("organisatie__naam").annotate(n=Count("id")), key=str
        ),
        "bijdragen": Bijdrage.objects.filter(bijeenkomst__traject=traject).count(),
        "citaten": Citaat.objects.filter(inschrijving__traject=traject).count(),
    }


def _all_text_in_database() -> str:
    """Every text, varchar and JSON column of every table, as one string."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' "
            "AND data_type IN ('text', 'character varying', 'jsonb', 'json')"
        )
        columns = cursor.fetchall()
        parts = []
        for table, column in columns:
            cursor.execute(f'SELECT "{column}"::text FROM "{table}" WHERE "{column}" IS NOT NULL')
            parts += [row[0] for row in cursor.fetchall()]
    return "\n".join(parts)


def _forbidden():
    words = []
    for naam, email, telefoon, _rol in MENSEN:
        words += [naam, email, telefoon]
    return [*words, TALENT, WENS, VRIJE_TEKST, "Kees Pietersen"]


def test_purge_removes_every_trace_and_keeps_every_figure(wereld):
    traject = wereld["traject"]
    before = _figures(traject)
    text = _all_text_in_database()
    assert [w for w in _forbidden() if w not in text] == []  # the check can fail

    assert anonimiseren.purge_due_trajecten() == {traject.pk: 7}

    assert _figures(traject) == before
    text = _all_text_in_database()
    assert [w for w in _forbidden() if w in text] == []
    assert OOK_ELDERS[1] in text  # still in a running traject: the account stays
    assert User.objects.filter(email__in=[m[1] for m in MENSEN]).count() == 0
    assert not Inschrijving.objects.filter(
        traject=traject, deelnemer__user=wereld["elders"]
    ).exists()
    assert Inschrijving.objects.filter(deelnemer__user=wereld["elders"]).count() == 1
    assert list(
        Bijdrage.objects.filter(bijeenkomst__traject=traject)
        .values_list("tekst", "door", "toon_naam")
        .order_by("tekst")
    ) == [("Een buurtmaaltijd", None, False), ("Elders", None, False)]
    assert list(Citaat.objects.values_list("tekst", "toon_naam")) == [
        ("Samen staan we sterk", False)
    ]
    assert Opmerking.objects.count() == 0
    assert (Verzending.objects.count(), Import.objects.count()) == (0, 0)
    versie = VerslagVersie.objects.get()
    assert versie.gegevens["voorbereiding"]["leden"] == []
    assert versie.gegevens["bijdragen"][0]["items"][0] == {
        "tekst": "Een buurtmaaltijd",
        "naam": "",
        "persoon": None,
    }
    opgeslagen = json.dumps(versie.gegevens, ensure_ascii=False) + versie.html + versie.verhaal
    for naam in ("Annemarie", "Bertus", "Chantal", "Bakker", "Visser"):
        assert naam not in opgeslagen
    assert versie.verhaal == "Voorbereid door [verwijderd] en [verwijderd]."
    assert "Een buurtmaaltijd" in versie.html
    assert bytes(versie.pdf) == b""
    gids = HandreikingVersie.objects.get()
    assert gids.html == "<p>Met dank aan [verwijderd]</p>"
    assert not User.objects.filter(email__endswith="@anoniem.invalid", is_active=True).exists()
    regel = Auditregel.objects.get()
    assert (regel.actie, regel.door, regel.traject_id, regel.payload) == (
        "gegevens_verwijderd",
        None,
        traject.pk,
        {"aantal": 7},
    )


def test_purge_twice_changes_nothing_more(wereld):
    traject = wereld["traject"]
    tasks.bewaartermijn()
    users = User.objects.count()
    figures = _figures(traject)
    tasks.bewaartermijn()
    assert anonimiseren.purge_traject(traject=traject) == 0
    assert (User.objects.count(), _figures(traject)) == (users, figures)
    assert Auditregel.objects.count() == 1


def test_recent_or_running_trajecten_are_left_alone(settings):
    recent, _ = _finished_traject(maanden_geleden=11)
    factories.inschrijving(recent, user=factories.user(naam="Recent Iemand"))
    running, _ = _finished_traject(maanden_geleden=24)
    running.status = TrajectStatus.LOPEND
    running.save()
    factories.inschrijving(running, user=factories.user(naam="Loopt Nog"))
    assert anonimiseren.purge_due_trajecten() == {}
    settings.BEWAARTERMIJN_MAANDEN = 6
    assert anonimiseren.purge_due_trajecten() == {recent.pk: 1}
    assert User.objects.filter(naam="Loopt Nog").exists()


def test_end_date_after_the_last_meeting_counts():
    traject, _ = _finished_traject(
        maanden_geleden=13, einddatum=(timezone.now() - timedelta(days=30)).date()
    )
    factories.inschrijving(traject)
    assert anonimiseren.purge_due_trajecten() == {}


def test_traject_without_meetings_uses_its_end_date():
    coordinator = factories.user(is_coordinator=True)
    traject = factories.traject(
        coordinatoren=[coordinator],
        status=TrajectStatus.AFGEROND,
        einddatum=(timezone.now() - timedelta(days=400)).date(),
    )
    factories.inschrijving(traject)
    assert anonimiseren.purge_due_trajecten() == {traject.pk: 1}


def test_coordinators_and_staff_keep_their_accounts():
    traject, _ = _finished_traject()
    manager = factories.user(is_manager=True, naam="Manager Meedoet")
    factories.inschrijving(traject, user=manager, rol=Rol.LEIDINGGEVENDE)
    anonimiseren.purge_due_trajecten()
    assert User.objects.filter(pk=manager.pk).exists()
    assert not Inschrijving.objects.filter(deelnemer__user=manager).exists()


def test_retention_runs_daily_from_beat():
    entry = django_settings.CELERY_BEAT_SCHEDULE["bewaartermijn"]
    assert entry["task"] == "samenspel.bewaartermijn"
    assert entry["schedule"].hour == {3}


def test_privacy_statement_names_the_retention_period(client, settings):
    settings.BEWAARTERMIJN_MAANDEN = 18
    html = client.get(reverse("privacy")).content.decode()
    assert "We verwijderen je persoonlijke gegevens 18 maanden nadat" in html


@pytest.mark.django_db(transaction=True)
def test_retention_task_runs_on_a_real_worker(celery_worker):
    traject, _ = _finished_traject()
    factories.inschrijving(traject, user=factories.user(naam="Via Worker"))
    tasks.bewaartermijn.delay()
    deadline = time.monotonic() + 30
    while User.objects.filter(naam="Via Worker").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not User.objects.filter(naam="Via Worker").exists()
