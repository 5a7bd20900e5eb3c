"""The audit log: every coordinator action leaves one row, and no row holds personal data."""

import json
from datetime import timedelta

import factories
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from bijeenkomsten.choices import AuditActie as BijeenkomstActie
from bijeenkomsten.models import Aanwezigheid, Agendapunt, Bijdrage
from groepen.choices import AuditActie as GroepActie
from mededelingen.choices import AuditActie as MededelingActie
from samenspel import audit
from samenspel.models import Auditregel
from trajecten.choices import AuditActie as TrajectActie
from trajecten.choices import Rol
from verslagen import tasks
from verslagen.choices import AuditActie as VerslagActie
from verslagen.models import (
    Handreiking,
    HandreikingVersie,
    Opmerking,
    Reviewronde,
    Verslagopdracht,
)
from waarden.choices import AuditActie as WaardenActie
from waarden.models import Citaat, Waarde

pytestmark = pytest.mark.django_db

# The people in the walk, with details that must never reach the log.
MENSEN = [
    ("Ans Bakker", "ans.bakker@voorbeeld.nl", Rol.BEROEPSKRACHT),
    ("Bert Visser", "bert.visser@voorbeeld.nl", Rol.VRIJWILLIGER),
    ("Chantal Jansen", "chantal.jansen@voorbeeld.nl", Rol.ERVARINGSDESKUNDIGE),
    ("Dirk de Vries", "dirk.devries@voorbeeld.nl", Rol.MANTELZORGER),
    ("Fatima el Amrani", "fatima.elamrani@voorbeeld.nl", Rol.AMBTENAAR),
]
GEHEIM = "Zeer persoonlijk verhaal"
INLOOP = ("Eva Inloop", "eva.inloop@voorbeeld.nl")

# Coordinator-only pages that only show things; they write nothing, so log nothing.
ALLEEN_LEZEN = {
    "trajecten:deelnemers",
    "trajecten:import_status",
    "berichten",
    "logboek",
    "bijeenkomsten:live",
    "verslagen:verslag",
    "verslagen:pdf",
    "handreiking:pdf",
    "traject_balans",
    "bijeenkomsten:lijst_pdf",
}


@pytest.fixture
def wereld():
    coordinator = factories.user(is_coordinator=True, naam="Carla Coördinator")
    traject = factories.traject(coordinatoren=[coordinator], capaciteit=100)
    mensen = [
        factories.inschrijving(
            traject,
            user=factories.user(naam=naam, email=email),
            rol=rol,
            talenten=GEHEIM,
            wensen=GEHEIM,
            wil_voorbereiden=True,
        )
        for naam, email, rol in MENSEN
    ]
    b = factories.bijeenkomst(traject, start=timezone.now() + timedelta(days=7))
    Agendapunt.objects.create(bijeenkomst=b, volgorde=1, titel="Welkom", duur=10)
    for i in mensen:
        Aanwezigheid.objects.create(bijeenkomst=b, inschrijving=i, antwoord="komt")
    bijdrage = Bijdrage.objects.create(
        bijeenkomst=b, soort="idee", tekst=GEHEIM, door=mensen[0].deelnemer.user
    )
    waarde = Waarde.objects.create(traject=traject, naam="Humor", slug="humor")
    citaat = Citaat.objects.create(inschrijving=mensen[1], waarde=waarde, tekst=GEHEIM)
    handreiking = Handreiking.objects.create(traject=traject)
    HandreikingVersie.objects.create(
        handreiking=handreiking,
        nummer=1,
        inhoud_hash="x",
        secties=[{"slug": "inleiding", "titel": "Inleiding"}],
        html='<section class="hoofdstuk" data-sectie="inleiding">Tekst</section>',
    )
    return {
        "coordinator": coordinator,
        "traject": traject,
        "mensen": mensen,
        "b": b,
        "bijdrage": bijdrage,
        "citaat": citaat,
        "waarde": waarde,
    }


def _traject_data(**overrides):
    data = {
        "naam": "Samen in Oost",
        "slug": "oost",
        "gebied": factories.gebied().pk,
        "capaciteit": 24,
        "doel_formeel": 50,
        "doel_informeel": 30,
        "doel_ervaringsdeskundige": 20,
        "aantal_bijeenkomsten": 4,
        "herinnering_dagen": "7,1",
        "startdatum": "2027-01-12",
        "status": "open",
    }
    return {**data, **overrides}


def _meeting_data(**overrides):
    data = {
        "datum": "2027-02-03",
        "begintijd": "15:00",
        "eindtijd": "17:00",
        "thema": "Omdenken",
        "plaats": "Buurthuis",
        "agenda-TOTAL_FORMS": "1",
        "agenda-INITIAL_FORMS": "0",
        "agenda-0-volgorde": "1",
        "agenda-0-titel": "Welkom",
        "agenda-0-duur": "15",
    }
    return {**data, **overrides}


def _csv(rows: int) -> SimpleUploadedFile:
    lines = ["naam,email,telefoon,organisatie,achtergrond,rol"]
    lines += [
        f"Import Persoon{n},import{n}@voorbeeld.nl,0612345678,,formeel,beroepskracht"
        for n in range(rows)
    ]
    return SimpleUploadedFile("mensen.csv", "\n".join(lines).encode(), "text/csv")


def _walk(w):
    """(url name, url kwargs, data or a function of the last response, expected action).
    A step may depend on the one before (the accepted proposal)."""
    t, b, mensen = w["traject"], w["b"], w["mensen"]
    slug, pk = {"slug": t.slug}, {"pk": b.pk}
    return [
        ("trajecten:nieuw", None, _traject_data(), TrajectActie.TRAJECT_NIEUW),
        (
            "trajecten:bewerken",
            slug,
            _traject_data(naam="Nieuwe naam", slug=t.slug, capaciteit=100),
            TrajectActie.TRAJECT_BEWERKT,
        ),
        (
            "trajecten:inschrijving",
            {**slug, "pk": mensen[0].pk},
            {
                "actie": "gegevens",
                "gegevens-rol": Rol.BEROEPSKRACHT,
                "gegevens-talenten": "Koken met Ans Bakker",
                "gegevens-wensen": GEHEIM,
            },
            TrajectActie.INSCHRIJVING_BEWERKT,
        ),
        (
            "trajecten:inschrijving",
            {**slug, "pk": mensen[4].pk},
            {"actie": "status", "status": "wachtlijst"},
            TrajectActie.INSCHRIJVING_STATUS,
        ),
        (
            "trajecten:uitnodigen",
            slug,
            {"emails": "nieuw.iemand@voorbeeld.nl"},
            TrajectActie.UITNODIGING,
        ),
        (
            "trajecten:opnieuw_uitnodigen",
            slug,
            {"adres": "nieuw.iemand@voorbeeld.nl"},
            TrajectActie.UITNODIGING,
        ),
        (
            "trajecten:deelnemer_nieuw",
            slug,
            {"naam": "Gerda Mulder", "rol": "mantelzorger", "contact": "geen"},
            TrajectActie.NAMENS_INGESCHREVEN,
        ),
        ("trajecten:importeren", slug, lambda _: {"bestand": _csv(2)}, TrajectActie.IMPORT),
        (
            "trajecten:importeren",
            slug,
            lambda _: {"bestand": _csv(301)},
            TrajectActie.IMPORT_GESTART,
        ),
        ("bijeenkomst_nieuw", slug, _meeting_data(), BijeenkomstActie.BIJEENKOMST_NIEUW),
        (
            "bijeenkomsten:bewerken",
            pk,
            _meeting_data(thema="Samen verder"),
            BijeenkomstActie.BIJEENKOMST_BEWERKT,
        ),
        (
            "bijeenkomsten:aanwezigheid",
            pk,
            {"inschrijving": mensen[0].pk, "aanwezig": "1"},
            BijeenkomstActie.AANWEZIG,
        ),
        (
            "bijeenkomsten:inloop",
            pk,
            {"naam": INLOOP[0], "email": INLOOP[1], "rol": Rol.VRIJWILLIGER},
            BijeenkomstActie.INLOOP,
        ),
        ("bijeenkomsten:live_actie", pk, {"actie": "ja_maar"}, BijeenkomstActie.LIVE_STAP),
        (
            "bijeenkomsten:bijdrage_verbergen",
            {**pk, "bijdrage_pk": w["bijdrage"].pk},
            {},
            BijeenkomstActie.BIJDRAGE_VERBORGEN,
        ),
        (
            "groepen:voorbereiding_instellingen",
            pk,
            {"grootte": "4", "plaats": "Bij Ans Bakker thuis"},
            GroepActie.GROEP_INSTELLINGEN,
        ),
        (
            "groepen:voorbereiding_vergrendelen",
            pk,
            {"vergrendeld": "1"},
            GroepActie.GROEP_VERGRENDELD,
        ),
        (
            "groepen:voorbereiding_voorstel",
            pk,
            {"actie": "voorstel", "seed": "0"},
            GroepActie.GROEP_VOORSTEL,
        ),
        (
            "groepen:voorbereiding_voorstel",
            pk,
            lambda vorige: {
                "actie": "accepteer",
                "seed": "0",
                "lid": vorige.context["voorstel"].ids,
            },
            GroepActie.GROEP_SAMENGESTELD,
        ),
        ("groepen:tafels_indelen", pk, {"seed": "0"}, GroepActie.TAFELS_INGEDEELD),
        (
            "groepen:tafels_erbij",
            pk,
            lambda _: {"inschrijving": w["traject"].inschrijvingen.latest("pk").pk},
            GroepActie.TAFEL_ERBIJ,
        ),
        (
            "groepen:tafels_verplaatsen",
            pk,
            lambda _: {
                "inschrijving": w["traject"].inschrijvingen.latest("pk").pk,
                "naar": "nieuw",
            },
            GroepActie.TAFEL_VERPLAATST,
        ),
        (
            "groepen:tafels_vergrendelen",
            pk,
            {"tafel": "1", "vergrendeld": "1"},
            GroepActie.TAFEL_VERGRENDELD,
        ),
        (
            "waarden:citaat_verbergen",
            {**slug, "pk": w["citaat"].pk},
            {"verborgen": "1"},
            WaardenActie.CITAAT_VERBORGEN,
        ),
        (
            "waarden:beheer",
            slug,
            {"waarden": [w["waarde"].pk], "drempel": "40"},
            WaardenActie.WAARDENBORD,
        ),
        ("waarden:waarde_nieuw", slug, {"naam": "Geduld"}, WaardenActie.WAARDE_NIEUW),
        ("verslagen:maak", pk, {}, VerslagActie.VERSLAG_GEVRAAGD),
        (
            "verslagen:verhaal",
            pk,
            lambda _: _build_report(b) or {"verhaal": f"{GEHEIM} van Ans Bakker"},
            VerslagActie.VERSLAG_VERHAAL,
        ),
        ("verslagen:publiceren", pk, {}, VerslagActie.VERSLAG_GEDEELD),
        ("handreiking:nieuwe_versie", slug, {}, VerslagActie.HANDREIKING_VERSIE),
        (
            "handreiking:ronde_openen",
            slug,
            {"deadline": (timezone.localdate() + timedelta(days=14)).isoformat()},
            VerslagActie.HANDREIKING_RONDE_OPEN,
        ),
        (
            "handreiking:afhandelen",
            lambda _: {**slug, "pk": _comment(mensen[2]).pk},
            {"antwoord": f"Dank je, {MENSEN[2][0]}"},
            VerslagActie.HANDREIKING_AFGEHANDELD,
        ),
        ("handreiking:ronde_sluiten", slug, {}, VerslagActie.HANDREIKING_RONDE_DICHT),
        ("handreiking:definitief", slug, {}, VerslagActie.HANDREIKING_DEFINITIEF),
        (
            "mededelingen:nieuw",
            slug,
            {
                "ontvangers": "geplaatst",
                "onderwerp": "Andere zaal",
                "tekst": GEHEIM,
                "actie": "versturen",
                "sleutel": "0b0c5a4e-2a1d-4a7e-9b1f-3c2d1e0f9a8b",
            },
            MededelingActie.MEDEDELING_VERSTUURD,
        ),
        (
            "trajecten:team",
            slug,
            {"actie": "lid", "email": MENSEN[1][1], "rol": "rapporteur"},
            TrajectActie.TEAM_TOEGEVOEGD,
        ),
        ("bijeenkomsten:annuleren", pk, {}, BijeenkomstActie.BIJEENKOMST_GEANNULEERD),
    ]


def _build_report(b):
    """Run the queued report build in this process, as the worker would."""
    opdracht = Verslagopdracht.objects.get(verslag__bijeenkomst=b)
    tasks.build_verslag.run(opdracht.pk)


def _comment(inschrijving):
    """A participant's comment in the round the walk just opened."""
    ronde = Reviewronde.objects.get(versie__handreiking__traject=inschrijving.traject)
    return Opmerking.objects.create(
        ronde=ronde, sectie="inleiding", inschrijving=inschrijving, tekst=GEHEIM
    )


def _coordinator_only_urls():
    """From the access matrix: pages a coordinator may use and a participant may not."""
    from test_access import MATRIX

    return {
        name
        for (name, _variant), (_kwargs, _method, expected) in MATRIX.items()
        if expected["coordinator"] in (200, 302, 400) and expected["deelnemer_a"] == 404
    }


def test_every_coordinator_post_leaves_one_clean_row(client, wereld):
    client.force_login(wereld["coordinator"])
    vorige = None
    for name, kwargs, data, actie in _walk(wereld):
        before = Auditregel.objects.count()
        if callable(kwargs):
            kwargs = kwargs(vorige)
        if callable(data):
            data = data(vorige)
        vorige = client.post(reverse(name, kwargs=kwargs), data)
        assert vorige.status_code in (200, 302), (name, vorige.status_code)
        nieuw = list(Auditregel.objects.filter(pk__gt=0).order_by("-id")[:1])
        assert Auditregel.objects.count() == before + 1, name
        regel = nieuw[0]
        assert (regel.actie, regel.door) == (actie, wereld["coordinator"]), name
        assert regel.traject_id is not None, name

    # Nothing personal anywhere in the log: names, addresses, free text.
    dump = json.dumps(list(Auditregel.objects.values("objecttype", "payload")))
    verboden = [naam for naam, _, _ in MENSEN] + [email for _, email, _ in MENSEN]
    verboden += [*INLOOP, GEHEIM, "Koken", "Ans", "Bakker", "@"]
    assert [woord for woord in verboden if woord in dump] == []

    gelopen = {name for name, *_ in _walk(wereld)}
    assert _coordinator_only_urls() - ALLEEN_LEZEN - gelopen == set()


def test_log_names_changed_fields_only(client, wereld):
    client.force_login(wereld["coordinator"])
    t = wereld["traject"]
    client.post(
        reverse("trajecten:bewerken", kwargs={"slug": t.slug}),
        _traject_data(naam=t.naam, slug=t.slug, capaciteit=60),
    )
    regel = Auditregel.objects.get()
    assert set(regel.payload) == {"velden"}
    assert "capaciteit" in regel.payload["velden"]
    assert {"naam", "slug", "doel_formeel"} & set(regel.payload["velden"]) == set()


def test_log_refuses_personal_values(wereld):
    coordinator, inschrijving = wereld["coordinator"], wereld["mensen"][0]
    for bad in ({"naam": "Ans Bakker"}, {"email": "ans.bakker@voorbeeld.nl"}, {"x": 1.5}):
        with pytest.raises(ValueError):
            audit.log(coordinator, TrajectActie.INSCHRIJVING_BEWERKT, inschrijving, **bad)
    with pytest.raises(ValueError):
        audit.log(coordinator, TrajectActie.INSCHRIJVING_BEWERKT, inschrijving, velden=["Ans B"])
    assert Auditregel.objects.count() == 0


def test_log_finds_the_traject_of_the_object(wereld):
    regel = audit.log(
        wereld["coordinator"], BijeenkomstActie.BIJDRAGE_VERBORGEN, wereld["bijdrage"]
    )
    assert (regel.traject_id, regel.objecttype, regel.object_id) == (
        wereld["traject"].pk,
        "bijeenkomsten.bijdrage",
        wereld["bijdrage"].pk,
    )
    regel = audit.log(wereld["coordinator"], TrajectActie.TRAJECT_BEWERKT, wereld["traject"])
    assert regel.traject_id == wereld["traject"].pk


def test_logboek_page_shows_actions_and_no_participant_data(client, wereld):
    audit.log(
        wereld["coordinator"],
        TrajectActie.INSCHRIJVING_STATUS,
        wereld["mensen"][0],
        van="geplaatst",
        naar="afgemeld",
    )
    client.force_login(wereld["coordinator"])
    response = client.get(reverse("logboek", kwargs={"slug": wereld["traject"].slug}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Carla Coördinator" in html
    assert "status van een deelnemer veranderd" in html
    assert "van: geplaatst; naar: afgemeld" in html
    assert "Ans Bakker" not in html


@pytest.mark.parametrize("aantal", [10, 300])
def test_logboek_query_count_is_fixed(client, wereld, django_assert_num_queries, aantal):
    Auditregel.objects.bulk_create(
        Auditregel(door=wereld["coordinator"], traject_id=wereld["traject"].pk, actie="live_stap")
        for _ in range(aantal)
    )
    client.force_login(wereld["coordinator"])
    url = reverse("logboek", kwargs={"slug": wereld["traject"].slug})
    # session, user, traject, count, page of rows (with the acting user joined)
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200


def test_logboek_shows_values_in_words(client, wereld):
    audit.log(
        wereld["coordinator"],
        TrajectActie.TRAJECT_BEWERKT,
        wereld["traject"],
        aanwezig=False,
        online=True,
        plaats=None,
        tafels=[1, 2],
    )
    client.force_login(wereld["coordinator"])
    html = client.get(reverse("logboek", kwargs={"slug": wereld["traject"].slug})).content.decode()
    for part in ("aanwezig: nee", "online: ja", "plaats: –", "tafels: 1, 2"):
        assert part in html
    assert "False" not in html and "True" not in html and "None" not in html


def test_logboek_pages_link_to_each_other(client, wereld):
    Auditregel.objects.bulk_create(
        Auditregel(door=wereld["coordinator"], traject_id=wereld["traject"].pk, actie="live_stap")
        for _ in range(120)
    )
    client.force_login(wereld["coordinator"])
    url = reverse("logboek", kwargs={"slug": wereld["traject"].slug})
    first = client.get(url).content.decode()
    assert 'class="utrecht-pagination' in first
    assert 'rel="next" href="?pagina=2"' in first
    assert 'rel="prev"' not in first
    assert "Pagina 1 van 3" in first
    last = client.get(url + "?pagina=3").content.decode()
    assert 'rel="prev" href="?pagina=2"' in last
    assert 'rel="next"' not in last


def test_an_action_no_app_registered_is_refused(wereld):
    with pytest.raises(ValueError, match="not registered"):
        audit.log(wereld["coordinator"], "iets_onbekends", wereld["traject"])
    assert not Auditregel.objects.filter(actie="iets_onbekends").exists()


def test_every_app_registers_its_own_actions():
    from samenspel import audit_actions

    codes = {code for code, _label in audit_actions.choices()}
    assert {"traject_nieuw", "bijeenkomst_nieuw", "waarde_nieuw", "verslag_gedeeld"} <= codes
