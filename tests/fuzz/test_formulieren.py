"""Form fuzzing: every form of the project, fed generated submissions (plausible and
hostile: empty, huge, unicode, NUL, wrong types, HTML, several values for one field) through
the test client to its real view, signed in as the role that may use it.

For every submission: no 5xx (the client re-raises a server error), and nothing half-written:
the row counts of the tables a form may write move only as that form allows, and not at all
when the answer is not a redirect (an error page or a form with errors writes nothing).
A coordinator's write leaves exactly one audit row.

``FUZZ_VOORBEELDEN`` sets the examples per form. The default, 100, posts about 3,400
submissions in about two minutes; the full run of over 10,000 (the figure in BENCHMARKS.md):

    FUZZ_VOORBEELDEN=350 uv run pytest tests/fuzz -s

A form without a fuzz target fails ``test_every_form_has_a_fuzz_target``.
"""

import importlib
import inspect
import os
import pkgutil
import string
from dataclasses import dataclass, field
from datetime import timedelta

import factories
import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

VOORBEELDEN = int(os.environ.get("FUZZ_VOORBEELDEN", "100"))
APPS = (
    "samenspel",
    "trajecten",
    "bijeenkomsten",
    "waarden",
    "verslagen",
    "dashboard",
    "mededelingen",
    "beheer",
)

# --- values ---------------------------------------------------------------------------------

VIJANDIG = [
    "",
    " ",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "'; DROP TABLE trajecten_traject; --",
    '=HYPERLINK("http://x")',
    "{{ 7*7 }}",
    "{% debug %}",
    "%s%s%n",
    "../../etc/passwd",
    "\u202egnp.exe",
    "\r\n\r\nX: y",
    "a\x00b",
    "\x00",
    "-1",
    "0",
    "1",
    "2",
    "99999999999999999999999",
    "-99999999999999999999999",
    "1e309",
    "NaN",
    "3.5",
    "on",
    "true",
    "null",
    "[]",
    "{}",
    "2027-02-30",
    "2027-13-01",
    "0000-00-00",
    "24:61",
    "25:00",
    "ans@voorbeeld.nl",
    "ANS@VOORBEELD.NL",
    "@",
    "a@b",
    "🌷" * 300,
    "Ĳsselmeer ÿ ß",
    # Input that once broke a traject: years out of range, the hour that does not exist
    # (summer time starts) or exists twice (it ends), line breaks and invisible characters.
    "0001-01-01",
    "10000-01-01",
    "9999-12-31",
    "2027-03-28",
    "2027-10-31",
    "02:30",
    "Samen\r\nin Oost",
    "Oost\u2066\u200b",
    "a\u2028b\x85c",
    "\x1b[31mrood",
]


def _huge(ch, n):
    return ch * n


WAARDE = st.one_of(
    st.sampled_from(VIJANDIG),
    st.text(max_size=30),
    st.builds(_huge, st.sampled_from(["a", "é", "🌷", "<", "\n", "x "]), st.integers(200, 12000)),
    st.integers(-(10**6), 10**6).map(str),
)


def _field_value(plausibel):
    """One field: left out, one value, or several (a list posts the name more than once)."""
    options = [st.none(), WAARDE, st.lists(WAARDE, min_size=0, max_size=3)]
    if plausibel:
        good = st.sampled_from(plausibel)
        options += [good, good, st.lists(good, min_size=1, max_size=3)]
    return st.one_of(options)


def _data(fields: dict, extra_keys=True):
    """A data dict over ``fields`` (name -> plausible values); now and then an unknown key."""
    base = st.fixed_dictionaries({name: _field_value(values) for name, values in fields.items()})
    extra = (
        st.dictionaries(st.text(string.ascii_letters + "-_\x00", max_size=12), WAARDE, max_size=2)
        if extra_keys
        else st.just({})
    )
    return st.builds(
        lambda d, e: {**e, **{k: v for k, v in d.items() if v is not None}}, base, extra
    )


def _near_valid(geldig, w):
    """A valid submission, drawn fresh (it may depend on what earlier examples wrote), with
    up to two fields left out or replaced by a generated value."""

    def draw_base():
        base = geldig(w)
        return st.fixed_dictionaries(
            {k: v if isinstance(v, st.SearchStrategy) else st.just(v) for k, v in base.items()}
        )

    def mutate(base):
        changes = st.dictionaries(
            st.sampled_from(sorted(base)), st.one_of(st.none(), WAARDE), max_size=2
        )
        return changes.map(
            lambda c: {k: c.get(k, v) for k, v in {**base, **c}.items() if c.get(k, v) is not None}
        )

    return st.builds(draw_base).flatmap(lambda s: s).flatmap(mutate)


# --- the world the forms act on ------------------------------------------------------------


@dataclass
class Wereld:
    coordinator: object
    deelnemer: object  # a user with a seat
    traject: object
    b: object  # a meeting with an agenda, a prep group and people who come
    inschrijvingen: list
    waarden: list
    citaat: object
    extra: dict = field(default_factory=dict)


def _build_world(*, met_tafels=False) -> Wereld:
    from bijeenkomsten.models import Aanwezigheid, Agendapunt
    from groepen import services as groepen_services
    from trajecten.choices import Rol
    from waarden import services as waarden_services
    from waarden.catalogue import ensure_catalogue
    from waarden.models import Citaat, Waarde

    ensure_catalogue(Waarde)
    coordinator = factories.user(is_coordinator=True, naam="Carla Coördinator")
    traject = factories.traject(coordinatoren=[coordinator], capaciteit=40)
    waarden = list(Waarde.objects.filter(traject=None).order_by("volgorde"))
    waarden_services.set_bord(traject=traject, waarden=waarden, drempel=30)
    rollen = [Rol.BEROEPSKRACHT, Rol.VRIJWILLIGER, Rol.ERVARINGSDESKUNDIGE, Rol.MANTELZORGER]
    inschrijvingen = [
        factories.inschrijving(traject, rol=rollen[n % 4], wil_voorbereiden=True) for n in range(10)
    ]
    start = timezone.now() + timedelta(days=10)
    b = factories.bijeenkomst(traject, nummer=2, start=start)
    Agendapunt.objects.create(bijeenkomst=b, volgorde=1, titel="Welkom", duur=10)
    factories.voorbereidingsgroep(b, grootte=4)
    # Everyone but the first says they come; the first answers (or is checked in) by form.
    for i in inschrijvingen[1:]:
        Aanwezigheid.objects.create(bijeenkomst=b, inschrijving=i, antwoord="komt")
    citaat = Citaat.objects.create(inschrijving=inschrijvingen[0], waarde=waarden[0], tekst="Ja.")
    if met_tafels:
        groepen_services.make_tables(bijeenkomst=b)  # the first (not coming) sits nowhere
    later = factories.bijeenkomst(traject, nummer=3, start=start + timedelta(days=21))
    return Wereld(
        coordinator=coordinator,
        deelnemer=inschrijvingen[0].deelnemer.user,
        traject=traject,
        b=b,
        inschrijvingen=inschrijvingen,
        waarden=waarden,
        citaat=citaat,
        extra={"zonder_groep": later},
    )


# --- row counts ----------------------------------------------------------------------------

TABELLEN = {
    "User": "samenspel_user",
    "Auditregel": "samenspel_auditregel",
    "Traject": "trajecten_traject",
    "Deelnemer": "trajecten_deelnemer",
    "Inschrijving": "trajecten_inschrijving",
    "Aanmeldverzoek": "trajecten_aanmeldverzoek",
    "Organisatie": "trajecten_organisatie",
    "Gebied": "trajecten_gebied",
    "Import": "trajecten_import",
    "Bijeenkomst": "bijeenkomsten_bijeenkomst",
    "Agendapunt": "bijeenkomsten_agendapunt",
    "Bouwsteen": "bijeenkomsten_bouwsteen",
    "Aanwezigheid": "bijeenkomsten_aanwezigheid",
    "Bijdrage": "bijeenkomsten_bijdrage",
    "LiveStand": "bijeenkomsten_livestand",
    "Voorbereidingsgroep": "bijeenkomsten_voorbereidingsgroep",
    "Groepslid": "bijeenkomsten_groepslid",
    "Mededeling": "mededelingen_mededeling",
    "Tafel": "bijeenkomsten_tafel",
    "Tafelplaats": "bijeenkomsten_tafelplaats",
    "Waarde": "waarden_waarde",
    "TrajectWaarde": "waarden_trajectwaarde",
    "Waardenbord": "waarden_waardenbord",
    "Onderschrijving": "waarden_onderschrijving",
    "Citaat": "waarden_citaat",
    "Evaluatie": "verslagen_evaluatie",
    "Verslag": "verslagen_verslag",
    "VerslagVersie": "verslagen_verslagversie",
    "Verslagopdracht": "verslagen_verslagopdracht",
    "Handreiking": "verslagen_handreiking",
    "HandreikingVersie": "verslagen_handreikingversie",
    "Reviewronde": "verslagen_reviewronde",
    "Gelezen": "verslagen_gelezen",
    "Opmerking": "verslagen_opmerking",
}
_TELLING = "SELECT " + ", ".join(f'(SELECT count(*) FROM "{t}")' for t in TABELLEN.values())


def _counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(_TELLING)
        return dict(zip(TABELLEN, cursor.fetchone(), strict=True))


# --- targets -------------------------------------------------------------------------------


@dataclass
class Doel:
    """One form and the view that takes it."""

    forms: tuple  # the form classes this target covers
    url: object  # Wereld -> url
    rol: str  # "anoniem", "deelnemer", "coordinator" or "manager"
    velden: dict  # field name -> plausible values (Wereld -> list), or a list
    schrijft: dict = field(default_factory=dict)  # table -> allowed deltas (a set) or "any"
    vast: dict = field(default_factory=dict)  # fixed extra data (e.g. which sub-form)
    methode: str = "post"
    bestand: bool = False  # the data carries an uploaded file
    # Showing a result (a group proposal) is logged too, without a redirect.
    logt_ook_tonen: bool = False
    met_tafels: bool = False  # the meeting's tables are made before the first example
    # Whether some submission must add rows (so the writing path is exercised); off where
    # the only writes are removals that depend on earlier examples.
    moet_schrijven: bool = True
    # Wereld -> one valid submission (values or strategies); the fuzzer also sends it with
    # a few fields broken, so both the writes and the near misses are exercised.
    geldig: object = None
    # Wereld -> None: what the form needs beyond the common world (a report, a guide).
    voorbereiden: object = None


def _pks(qs_of):
    return lambda w: [str(pk) for pk in qs_of(w).values_list("pk", flat=True)] + ["0", "-5"]


def _slug(w):
    from trajecten.models import Traject

    return {"slug": Traject.objects.get(pk=w.traject.pk).slug}


def _b(w):
    return {"pk": w.b.pk}


# --- what the report and guide forms need ---------------------------------------------------


def _begonnen(w):
    """A meeting that started an hour ago (evaluations are open), with a draft report."""
    from bijeenkomsten.models import Aanwezigheid

    b = factories.bijeenkomst(w.traject, start=timezone.now() - timedelta(hours=1))
    for i in w.inschrijvingen:
        Aanwezigheid.objects.create(bijeenkomst=b, inschrijving=i, antwoord="komt", aanwezig=True)
    factories.verslagversie(b, inhoud_hash="a" * 64, pdf=b"%PDF-1.7")
    w.extra["begonnen"] = b


def _handreiking(w, *, ronde=False):
    """A guide with one version; with ``ronde`` a review round is open, the participant
    has read it and commented once."""
    from verslagen.models import Gelezen, Handreiking, HandreikingVersie, Opmerking, Reviewronde

    h = Handreiking.objects.create(traject=w.traject)
    versie = HandreikingVersie.objects.create(
        handreiking=h,
        nummer=1,
        inhoud_hash="x",
        secties=[
            {"slug": "inleiding", "titel": "Inleiding"},
            {"slug": "samen-doen", "titel": "Samen doen"},
        ],
        html=(
            '<section class="hoofdstuk" data-sectie="inleiding">Begin</section>'
            '<section class="hoofdstuk" data-sectie="samen-doen">Doen</section>'
        ),
        pdf=b"%PDF-",
    )
    if ronde:
        r = Reviewronde.objects.create(versie=versie, deadline=timezone.now() + timedelta(days=7))
        Gelezen.objects.create(ronde=r, inschrijving=w.inschrijvingen[0])
        w.extra["opmerking"] = Opmerking.objects.create(
            ronde=r, sectie="inleiding", inschrijving=w.inschrijvingen[0], tekst="Mooi."
        )


ROLLEN = [
    "beroepskracht",
    "ambtenaar",
    "leidinggevende",
    "vrijwilliger",
    "mantelzorger",
    "actieve_bewoner",
    "ervaringsdeskundige",
]
DATUMS = ["2027-01-12", "2027-03-01", "2026-12-24", "2027-03-28", "2027-10-31", "0001-01-01"]
TIJDEN = ["09:00", "14:00", "17:30", "02:30"]
EMAILS = ["nieuw@voorbeeld.nl", "ans@voorbeeld.nl", "Iemand.Anders@Voorbeeld.nl"]
NAMEN = ["Ans de Vries", "Zoë Ĳsbrand", "Mo", "Mo\u202e\u200b", "Ans\nde Vries"]
JA_NEE = ["1", "0"]


def _targets():
    from beheer import forms as bhf
    from bijeenkomsten import forms as bf
    from bijeenkomsten.live import forms as lf
    from bijeenkomsten.models import Bouwsteen
    from dashboard import forms as dbf
    from groepen import forms as gf
    from groepen.models import Voorbereidingsgroep
    from mededelingen import forms as mdf
    from samenspel import forms as sf
    from trajecten import deelnemers_forms as df
    from trajecten import forms as tf
    from trajecten.models import Gebied, Organisatie
    from verslagen import evaluatie_forms as ef
    from verslagen import narrative_forms as vf
    from verslagen.content import DOEI
    from verslagen.handreiking import forms as hf
    from waarden import forms as wf
    from waarden.models import Waarde

    audit = {"Auditregel": {0, 1}}
    traject_velden = {
        "contact_telefoon": ["020 1234567", "+31 6 1234 5678", ""],
        "naam": ["Samen in Oost", "Buurt & zorg", "Samen\r\nin Oost", "Oost\u202e"],
        "slug": ["oost", "zuid-2027", "traject-x"],
        "gebied": lambda w: [str(w.traject.gebied_id)],
        "organisatoren": ["Gemeente"],
        "beschrijving": ["Wij praten samen."],
        "doel": ["Een handreiking"],
        "capaciteit": ["10", "40", "1", "0"],
        "doel_formeel": ["50", "40"],
        "doel_informeel": ["30", "40"],
        "doel_ervaringsdeskundige": ["20"],
        "max_formeel": ["", "50", "101"],
        "max_informeel": ["", "60"],
        "max_ervaringsdeskundige": ["", "30"],
        "aantal_bijeenkomsten": ["4", "1", "12", "13"],
        "herinnering_dagen": ["7,1", "", "61", "3,3"],
        "aanbod_uren": ["48", "", "337"],
        "startdatum": DATUMS,
        "einddatum": DATUMS,
        "status": ["concept", "open", "lopend", "afgerond"],
    }
    bijeenkomst_velden = {
        "datum": DATUMS,
        "begintijd": TIJDEN,
        "eindtijd": TIJDEN,
        "thema": ["Omdenken"],
        "bouwsteen": _pks(lambda w: Bouwsteen.objects),
        "plaats": ["Buurthuis"],
        "adres": ["Straat 1"],
        "online_link": ["https://meet.voorbeeld.nl/x", "javascript:alert(1)", "x"],
        "drempelvrij": ["on"],
        "ringleiding": ["on"],
        "stille_ruimte": ["on"],
        "toegankelijkheid": ["Lift aanwezig"],
        "agenda-TOTAL_FORMS": ["0", "1", "2", "1000", "-1"],
        "agenda-INITIAL_FORMS": ["0", "1"],
        "agenda-0-volgorde": ["1"],
        "agenda-0-titel": ["Welkom"],
        "agenda-0-duur": ["15"],
        "agenda-0-id": _pks(lambda w: w.b.agenda.all()),
        "agenda-0-DELETE": ["on"],
        "agenda-1-titel": ["Brainstorm"],
        "agenda-1-duur": ["20"],
    }
    inschrijving = lambda w: {**_slug(w), "pk": w.inschrijvingen[1].pk}  # noqa: E731
    uniek = st.integers(0, 10**9)

    def traject_geldig(w, nieuw):
        from trajecten.models import Traject

        return {
            "naam": "Samen in Oost",
            "slug": uniek.map(lambda n: f"fuzz-{n}")
            if nieuw
            else Traject.objects.get(pk=w.traject.pk).slug,
            "gebied": str(w.traject.gebied_id),
            "capaciteit": "40",
            "doel_formeel": "50",
            "doel_informeel": "30",
            "doel_ervaringsdeskundige": "20",
            "aantal_bijeenkomsten": "4",
            "herinnering_dagen": "7,1",
            "startdatum": "2027-01-12",
            # Keep the traject open, so later examples can still sign up.
            "status": "open",
        }

    def bijeenkomst_geldig(w, nieuw):
        data = {
            "datum": "2027-02-03",
            "begintijd": "14:00",
            "eindtijd": "16:00",
            "thema": "Omdenken",
            "agenda-TOTAL_FORMS": "1",
            "agenda-INITIAL_FORMS": "0",
            "agenda-0-volgorde": "1",
            "agenda-0-titel": "Welkom",
            "agenda-0-duur": "15",
        }
        if not nieuw:
            # Always the same fields (Hypothesis wants the same shape every time): the
            # meeting's first agenda item, kept, and one new item.
            eerste = w.extra.setdefault("eerste_punt", w.b.agenda.order_by("pk").first().pk)
            data.update(
                {
                    "agenda-TOTAL_FORMS": "2",
                    "agenda-INITIAL_FORMS": "1",
                    "agenda-0-id": str(eerste),
                    "agenda-1-volgorde": "9",
                    "agenda-1-titel": "Afsluiting",
                    "agenda-1-duur": "10",
                }
            )
        return data

    def csv_geldig(w):
        rows = st.lists(uniek, min_size=1, max_size=3, unique=True).map(
            lambda ns: (
                "naam;email;achtergrond;rol\n"
                + "\n".join(
                    f"Persoon {n};import{n}@voorbeeld.nl;informeel;vrijwilliger" for n in ns
                )
            )
        )
        return {"bestand": rows.map(lambda t: SimpleUploadedFile("lijst.csv", t.encode("utf-8")))}

    mensen = lambda w: w.traject.inschrijvingen.all()  # noqa: E731
    return {
        "inloglink": Doel(
            (sf.InloglinkForm,), lambda w: reverse("inloglink"), "anoniem", {"email": EMAILS}
        ),
        "voorkeuren": Doel(
            (sf.VoorkeurenForm,),
            lambda w: reverse("voorkeuren"),
            "deelnemer",
            {
                "wil_herinneringen": ["on"],
                "wil_voorbereiding_herinneringen": ["on"],
                "wil_evaluatie_verzoeken": ["on"],
                "taal": ["nl", "en", "fr"],
                "per_sms": ["on"],
                "mobiel": ["06 12345678", "+44 7911 123456", "020 1234567", "0612"],
            },
        ),
        "aanmelden": Doel(
            (tf.AanmeldForm,),
            lambda w: reverse("trajecten:aanmelden", kwargs=_slug(w)),
            "anoniem",
            {
                "naam": NAMEN,
                "email": EMAILS,
                "telefoon": ["0612345678", "+31 6 1234"],
                "organisatie": ["Buurtteam", "BUURTTEAM"],
                "rol": ROLLEN,
                "talenten": ["Koken"],
                "wensen": ["Eenzaamheid"],
                "wil_voorbereiden": ["on"],
                "taal": ["nl", "en"],
                "toestemming": ["on"],
            },
            # Only a sign-up waiting for its confirmation by e-mail; no person, enrolment or
            # organisation before that (none at all for an address with three waiting).
            {"Aanmeldverzoek": {0, 1}},
            geldig=lambda w: {
                "naam": "Ans de Vries",
                "email": uniek.map(lambda n: f"a{n}@voorbeeld.nl"),
                "rol": "vrijwilliger",
                "taal": "nl",
                "toestemming": "on",
                "organisatie": "Buurtteam",
            },
        ),
        "traject_nieuw": Doel(
            (tf.TrajectForm,),
            lambda w: reverse("trajecten:nieuw"),
            "coordinator",
            traject_velden,
            {"Traject": {0, 1}, "Bijeenkomst": "any", **audit},
            geldig=lambda w: traject_geldig(w, True),
        ),
        "traject_bewerken": Doel(
            (tf.TrajectForm,),
            lambda w: reverse("trajecten:bewerken", kwargs=_slug(w)),
            "coordinator",
            traject_velden,
            audit,
            geldig=lambda w: traject_geldig(w, False),
        ),
        "uitnodigen": Doel(
            (tf.UitnodigForm,),
            lambda w: reverse("trajecten:uitnodigen", kwargs=_slug(w)),
            "coordinator",
            {"emails": ["a@voorbeeld.nl\nb@voorbeeld.nl", *EMAILS]},
            audit,
        ),
        "importeren": Doel(
            (tf.ImportForm,),
            lambda w: reverse("trajecten:importeren", kwargs=_slug(w)),
            "coordinator",
            {},
            {
                "Inschrijving": "any",
                "User": "any",
                "Deelnemer": "any",
                "Organisatie": "any",
                "Import": {0, 1},
                **audit,
            },
            bestand=True,
            geldig=csv_geldig,
        ),
        "deelnemers_filter": Doel(
            (df.DeelnemerFilterForm,),
            lambda w: reverse("trajecten:deelnemers", kwargs=_slug(w)),
            "coordinator",
            {
                "zoek": ["Anna", "voorbeeld.nl"],
                "tag": ["formeel", "informeel"],
                "rol": ROLLEN,
                "status": ["geplaatst", "wachtlijst"],
                "format": ["csv", "xlsx", "pdf"],
            },
            methode="get",
        ),
        "gebied": Doel(
            (bhf.GebiedForm,),
            lambda w: reverse("beheer:gebieden"),
            "beheerder",
            {
                "naam": ["Nieuw-West", "Oost", "Zuid"],
                "soort": ["stadsdeel", "wijk"],
                "ligt_in": _pks(lambda w: Gebied.objects),
            },
            {"Gebied": {0, 1}, **audit},
            geldig=lambda w: {"naam": uniek.map(lambda n: f"Gebied {n}"), "soort": "wijk"},
        ),
        "organisatie_beheer": Doel(
            (bhf.OrganisatieForm,),
            lambda w: reverse("beheer:organisaties"),
            "beheerder",
            {"naam": ["Buurtteam", "Stadsdeel Oost"]},
            {"Organisatie": {0, 1}, **audit},
            geldig=lambda w: {"naam": uniek.map(lambda n: f"Organisatie {n}")},
        ),
        "mensen_zoeken": Doel(
            (bhf.ZoekForm,),
            lambda w: reverse("beheer:mensen"),
            "beheerder",
            {"zoek": ["Anna", "voorbeeld.nl"]},
            methode="get",
        ),
        "rollen": Doel(
            (bhf.RollenForm,),
            lambda w: reverse("beheer:persoon", kwargs={"pk": w.deelnemer.pk}),
            "beheerder",
            {
                "is_coordinator": ["on"],
                "is_rapporteur": ["on"],
                "is_manager": ["on"],
                "is_beheerder": ["on"],
                "gebieden": _pks(lambda w: Gebied.objects),
                "organisaties": _pks(lambda w: Organisatie.objects),
            },
            {"Auditregel": "any"},
            moet_schrijven=False,
        ),
        "team": Doel(
            (tf.TeamLidForm,),
            lambda w: reverse("trajecten:team", kwargs=_slug(w)),
            "coordinator",
            {
                "email": lambda w: [w.deelnemer.email, "niemand@voorbeeld.nl", *EMAILS],
                "rol": ["coordinator", "rapporteur"],
            },
            {"Auditregel": "any"},
            vast={"actie": "lid"},
            moet_schrijven=False,
        ),
        "team_organisatie": Doel(
            (tf.OrganisatieKoppelForm,),
            lambda w: reverse("trajecten:team", kwargs=_slug(w)),
            "coordinator",
            {"organisatie": _pks(lambda w: Organisatie.objects)},
            {"Auditregel": "any"},
            vast={"actie": "organisatie"},
            moet_schrijven=False,
        ),
        "mededeling": Doel(
            (mdf.MededelingForm,),
            lambda w: reverse("mededelingen:nieuw", kwargs=_slug(w)),
            "coordinator",
            {
                "ontvangers": ["geplaatst", "iedereen", "wachtlijst", "bijeenkomst", "groep"],
                "bijeenkomst": _pks(lambda w: w.traject.bijeenkomsten.all()),
                "groep": _pks(lambda w: Voorbereidingsgroep.objects.all()),
                "onderwerp": ["Andere zaal", "Nieuws"],
                "tekst": ["De zaal is verhuisd.\nWe zitten boven.", "Tot dan!"],
            },
            # One key for every example: the first valid one sends, later ones find it.
            {"Mededeling": {0, 1}, **audit},
            vast={"actie": "versturen", "sleutel": "6f1d2c1e-8f3b-4c55-9d1a-0d7b1f2e3a4b"},
            geldig=lambda w: {"ontvangers": "geplaatst", "onderwerp": "Nieuws", "tekst": "Tot dan"},
        ),
        "deelnemer_nieuw": Doel(
            (df.NamensForm,),
            lambda w: reverse("trajecten:deelnemer_nieuw", kwargs=_slug(w)),
            "coordinator",
            {
                "naam": ["Gerda Mulder", "Ö'Brien-de Vries"],
                "rol": ROLLEN,
                "contact": ["email", "telefoon", "geen"],
                "email": ["nieuw@voorbeeld.nl", *EMAILS],
                "telefoon": ["06 12345678", "+32 470 12 34 56", "0201234567"],
                "organisatie": _pks(lambda w: Organisatie.objects),
            },
            {
                "Auditregel": {0, 1},
                "Inschrijving": {0, 1},
                "Deelnemer": {0, 1},
                "User": {0, 1},
                "Organisatie": {0},
            },
        ),
        "inschrijving_gegevens": Doel(
            (df.InschrijvingForm,),
            lambda w: reverse("trajecten:inschrijving", kwargs=inschrijving(w)),
            "coordinator",
            {
                "gegevens-rol": ROLLEN,
                "gegevens-organisatie": _pks(lambda w: Organisatie.objects),
                "gegevens-talenten": ["Koken"],
                "gegevens-wensen": ["Buurt"],
            },
            audit,
            vast={"actie": "gegevens"},
        ),
        "inschrijving_status": Doel(
            (df.StatusForm,),
            lambda w: reverse("trajecten:inschrijving", kwargs=inschrijving(w)),
            "coordinator",
            {"status": ["geplaatst", "wachtlijst", "afgemeld", "aangeboden"]},
            # Someone who withdraws leaves the prep groups and tables still to come.
            {"Groepslid": "any", "Tafelplaats": "any", **audit},
            vast={"actie": "status"},
            moet_schrijven=False,
            geldig=lambda w: {"status": st.sampled_from(["geplaatst", "wachtlijst", "afgemeld"])},
        ),
        "bijeenkomst_nieuw": Doel(
            (bf.BijeenkomstForm,),
            lambda w: reverse("bijeenkomst_nieuw", kwargs=_slug(w)),
            "coordinator",
            bijeenkomst_velden,
            {"Bijeenkomst": {0, 1}, "Agendapunt": "any", **audit},
            geldig=lambda w: bijeenkomst_geldig(w, True),
        ),
        "bijeenkomst_bewerken": Doel(
            (bf.BijeenkomstForm,),
            lambda w: reverse("bijeenkomsten:bewerken", kwargs=_b(w)),
            "coordinator",
            bijeenkomst_velden,
            {"Agendapunt": "any", **audit},
            geldig=lambda w: bijeenkomst_geldig(w, False),
        ),
        "annuleren": Doel(
            (bf.AnnulerenForm,),
            lambda w: reverse("bijeenkomsten:annuleren", kwargs=_b(w)),
            "coordinator",
            {"reden": ["De zaal is dicht.", "", "x" * 1000, "x" * 1001]},
            audit,
            moet_schrijven=False,  # cancelling changes a row; it adds none
        ),
        "antwoord": Doel(
            (bf.AntwoordForm,),
            lambda w: reverse("bijeenkomsten:antwoord", kwargs=_b(w)),
            "deelnemer",
            {"antwoord": ["komt", "komt_niet", "misschien"]},
            {"Aanwezigheid": {0, 1}},
        ),
        "aanwezigheid": Doel(
            (lf.CheckInForm,),
            lambda w: reverse("bijeenkomsten:aanwezigheid", kwargs=_b(w)),
            "coordinator",
            {"inschrijving": _pks(mensen), "aanwezig": JA_NEE, "zoek": ["Ans"]},
            {"Aanwezigheid": {0, 1}, **audit},
            geldig=lambda w: {
                "inschrijving": st.sampled_from([str(i.pk) for i in w.inschrijvingen]),
                "aanwezig": st.sampled_from(JA_NEE),
            },
        ),
        "inloop": Doel(
            (lf.InloopForm,),
            lambda w: reverse("bijeenkomsten:inloop", kwargs=_b(w)),
            "coordinator",
            # Over capacity, a walk-in without the explicit yes writes nothing (a warning).
            {"naam": NAMEN, "email": EMAILS, "rol": ROLLEN, "boven_capaciteit": ["1", "", "0"]},
            {
                "User": {0, 1},
                "Deelnemer": {0, 1},
                "Inschrijving": {0, 1},
                "Aanwezigheid": {0, 1},
                **audit,
            },
            geldig=lambda w: {
                "naam": "Eva",
                "email": uniek.map(lambda n: f"e{n}@voorbeeld.nl"),
                "rol": "vrijwilliger",
            },
        ),
        "live_actie": Doel(
            (lf.LiveActieForm,),
            lambda w: reverse("bijeenkomsten:live_actie", kwargs=_b(w)),
            "coordinator",
            {
                "actie": ["punt", "timer_start", "timer_stop", "ja_maar", "ja_en"],
                "punt": _pks(lambda w: w.b.agenda.all()),
                "minuten": ["20", "0", "121"],
            },
            {"LiveStand": {0, 1}, **audit},
        ),
        "inbreng": Doel(
            (lf.BijdrageForm,),
            lambda w: reverse("bijeenkomsten:inbreng", kwargs=_b(w)),
            "deelnemer",
            {
                "soort": ["idee", "kracht", "knelpunt", "citaat", "fluitend"],
                "tekst": ["Samen koken"],
                "toon_naam": ["on"],
                "vanaf": ["live"],
            },
            {"Bijdrage": {0, 1}},
            geldig=lambda w: {"soort": "idee", "tekst": "Samen koken"},
        ),
        "groep_instellingen": Doel(
            (gf.GroepForm,),
            # A meeting without a prep group yet: the first valid post makes it.
            lambda w: reverse(
                "groepen:voorbereiding_instellingen",
                kwargs={"pk": w.extra["zonder_groep"].pk},
            ),
            "coordinator",
            {
                "grootte": ["3", "4", "6", "7"],
                "plaats": ["Bij Ans"],
                "datum": DATUMS,
                "begintijd": TIJDEN,
                "eindtijd": TIJDEN,
                "online_link": ["https://meet.voorbeeld.nl/x"],
            },
            {"Voorbereidingsgroep": {0, 1}, **audit},
            geldig=lambda w: {"grootte": "5", "plaats": "Buurthuis"},
        ),
        "bereid": Doel(
            (gf.BereidForm,),
            lambda w: reverse("groepen:voorbereiding_bereid", kwargs=_b(w)),
            "deelnemer",
            {"wil": JA_NEE},
        ),
        "vergrendelen": Doel(
            (gf.VergrendelForm,),
            lambda w: reverse("groepen:voorbereiding_vergrendelen", kwargs=_b(w)),
            "coordinator",
            {"vergrendeld": JA_NEE},
            audit,
        ),
        "voorstel": Doel(
            (gf.VoorstelForm,),
            lambda w: reverse("groepen:voorbereiding_voorstel", kwargs=_b(w)),
            "coordinator",
            {
                "actie": ["voorstel", "ander", "wissel", "accepteer"],
                "seed": ["0", "1", "7"],
                "leidinggevende": ["on"],
                "lid": _pks(mensen),
                "uit": _pks(mensen),
                "erin": _pks(mensen),
            },
            {"Groepslid": "any", **audit},
            geldig=lambda w: {
                "actie": st.sampled_from(["voorstel", "accepteer"]),
                "seed": st.integers(0, 20).map(str),
                "lid": st.lists(
                    st.sampled_from([str(i.pk) for i in w.inschrijvingen]),
                    min_size=3,
                    max_size=4,
                    unique=True,
                ),
            },
            logt_ook_tonen=True,
        ),
        "tafels_indelen": Doel(
            (gf.TafelsForm,),
            lambda w: reverse("groepen:tafels_indelen", kwargs=_b(w)),
            "coordinator",
            {"seed": ["0", "1", "1000000001"]},
            {"Tafel": "any", "Tafelplaats": "any", **audit},
            geldig=lambda w: {"seed": st.integers(0, 50).map(str)},
        ),
        "tafels_erbij": Doel(
            (gf.LaatForm,),
            lambda w: reverse("groepen:tafels_erbij", kwargs=_b(w)),
            "coordinator",
            {"inschrijving": _pks(mensen)},
            {"Tafel": {0, 1}, "Tafelplaats": {0, 1}, **audit},
            geldig=lambda w: {
                "inschrijving": st.sampled_from([str(i.pk) for i in w.inschrijvingen])
            },
            met_tafels=True,
        ),
        "tafels_verplaatsen": Doel(
            (gf.VerplaatsForm,),
            lambda w: reverse("groepen:tafels_verplaatsen", kwargs=_b(w)),
            "coordinator",
            {
                "inschrijving": _pks(mensen),
                "naar": ["1", "2", "3", "nieuw", "0", "999", "1000", " 2", "²", "-1", ""],
            },
            # A move changes a row; to a new table adds one, and leaves one empty table.
            {"Tafel": {-1, 0, 1}, "Tafelplaats": {0, 1}, **audit},
            geldig=lambda w: {
                "inschrijving": st.sampled_from([str(i.pk) for i in w.inschrijvingen]),
                "naar": st.sampled_from(["1", "2", "nieuw"]),
            },
            met_tafels=True,
        ),
        "tafels_vergrendelen": Doel(
            (gf.TafelSlotForm,),
            lambda w: reverse("groepen:tafels_vergrendelen", kwargs=_b(w)),
            "coordinator",
            {"tafel": ["1", "2", "3", "0", "-1", "1000"], "vergrendeld": JA_NEE},
            {**audit},
            geldig=lambda w: {
                "tafel": st.sampled_from(["1", "2"]),
                "vergrendeld": st.sampled_from(JA_NEE),
            },
            met_tafels=True,
        ),
        "onderschrijven": Doel(
            (wf.OnderschrijvingForm,),
            lambda w: reverse("waarden:onderschrijven", kwargs=_slug(w)),
            "deelnemer",
            {"waarde": _pks(lambda w: Waarde.objects), "aan": JA_NEE},
            {"Onderschrijving": {-1, 0, 1}},
            geldig=lambda w: {
                "waarde": st.sampled_from([str(x.pk) for x in w.waarden]),
                "aan": st.sampled_from(JA_NEE),
            },
        ),
        "citaat_nieuw": Doel(
            (wf.CitaatForm,),
            lambda w: reverse("waarden:citaat_nieuw", kwargs=_slug(w)),
            "deelnemer",
            {
                "waarde": _pks(lambda w: Waarde.objects),
                "tekst": ["Samen sterk"],
                "bijeenkomst": _pks(lambda w: w.traject.bijeenkomsten),
                "toon_naam": ["on"],
            },
            {"Citaat": {0, 1}},
            geldig=lambda w: {"waarde": str(w.waarden[1].pk), "tekst": "Samen sterk"},
        ),
        "citaat_verbergen": Doel(
            (wf.VerbergenForm,),
            lambda w: reverse("waarden:citaat_verbergen", kwargs={**_slug(w), "pk": w.citaat.pk}),
            "coordinator",
            {"verborgen": JA_NEE},
            audit,
        ),
        "beheer": Doel(
            (wf.BordForm,),
            lambda w: reverse("waarden:beheer", kwargs=_slug(w)),
            "coordinator",
            {"waarden": _pks(lambda w: Waarde.objects), "drempel": ["30", "1", "100", "101"]},
            {"TrajectWaarde": "any", "Waardenbord": {0, 1}, **audit},
            geldig=lambda w: {
                "waarden": st.lists(st.sampled_from([str(x.pk) for x in w.waarden]), unique=True),
                "drempel": "30",
            },
        ),
        "waarde_nieuw": Doel(
            (wf.WaardeForm,),
            lambda w: reverse("waarden:waarde_nieuw", kwargs=_slug(w)),
            "coordinator",
            {
                "naam": ["Humor", "humor", "Respect"],
                "beschrijving_nl": ["Lachen"],
                "naam_en": ["Humour"],
                "beschrijving_en": ["Laughing"],
            },
            {"Waarde": {0, 1}, "TrajectWaarde": {0, 1}, **audit},
            geldig=lambda w: {"naam": uniek.map(lambda n: f"Waarde {n}")},
        ),
        "evaluatie": Doel(
            (ef.EvaluatieForm,),
            lambda w: reverse("verslagen:evaluatie", kwargs={"pk": w.extra["begonnen"].pk}),
            "deelnemer",
            {
                **{veld: ["1", "3", "5", "0", "6"] for veld in DOEI},
                "wat_werkte": ["Samen koken"],
                "kan_beter": ["Meer tijd"],
            },
            {"Evaluatie": {0, 1}},
            geldig=lambda w: {
                **{veld: st.sampled_from(["1", "2", "3", "4", "5"]) for veld in DOEI},
                "wat_werkte": "Samen koken",
            },
            voorbereiden=_begonnen,
        ),
        "verhaal": Doel(
            (vf.VerhaalForm,),
            lambda w: reverse("verslagen:verhaal", kwargs={"pk": w.extra["begonnen"].pk}),
            "coordinator",
            {"verhaal": ["Het ging **goed**.", "# Kop\n\n- een\n- twee", "[x](javascript:1)"]},
            audit,
            geldig=lambda w: {"verhaal": "Samen **koken** werkte."},
            voorbereiden=_begonnen,
        ),
        "ronde_openen": Doel(
            (hf.RondeForm,),
            lambda w: reverse("handreiking:ronde_openen", kwargs=_slug(w)),
            "coordinator",
            {
                "deadline": [
                    (timezone.localdate() + timedelta(days=14)).isoformat(),
                    timezone.localdate().isoformat(),
                    "01-03-2099",
                    "2020-01-01",
                ]
            },
            {"Reviewronde": {0, 1}, **audit},
            geldig=lambda w: {"deadline": (timezone.localdate() + timedelta(days=14)).isoformat()},
            voorbereiden=_handreiking,
        ),
        "reageren": Doel(
            (hf.OpmerkingForm,),
            lambda w: reverse("handreiking:reageren", kwargs=_slug(w)),
            "deelnemer",
            {"sectie": ["inleiding", "samen-doen", "slot", "Inleiding"], "tekst": ["Mooi stuk"]},
            {"Opmerking": {0, 1}},
            geldig=lambda w: {
                "sectie": st.sampled_from(["inleiding", "samen-doen"]),
                "tekst": "Mooi stuk",
            },
            voorbereiden=lambda w: _handreiking(w, ronde=True),
        ),
        "afhandelen": Doel(
            (hf.AfhandelForm,),
            lambda w: reverse(
                "handreiking:afhandelen", kwargs={**_slug(w), "pk": w.extra["opmerking"].pk}
            ),
            "coordinator",
            {"antwoord": ["Dank je, we passen het aan.", ""]},
            audit,
            voorbereiden=lambda w: _handreiking(w, ronde=True),
        ),
        "dashboard_filter": Doel(
            (dbf.DashboardFilterForm,),
            lambda w: reverse("dashboard:overzicht"),
            "manager",
            {
                "gebied": _pks(lambda w: Gebied.objects),
                "organisatie": _pks(lambda w: Organisatie.objects),
                "status": ["", "concept", "open", "lopend", "afgerond"],
                "van": DATUMS,
                "tot": DATUMS,
                "format": ["csv", "xlsx", "pdf"],
            },
            methode="get",
        ),
        # A form without a view yet: fuzzed on the form itself (see test_form_without_view).
        "bouwsteen": Doel(
            (bf.BouwsteenForm,),
            None,
            "",
            {"titel": ["Omdenken"], "tekst": ["Ja, en"]},
            {"Bouwsteen": {0, 1}},
        ),
    }


DOELEN = _targets()


def _project_forms():
    found = set()
    for app in APPS:
        package = importlib.import_module(app)
        for info in pkgutil.iter_modules(package.__path__):
            if "forms" not in info.name:
                continue
            module = importlib.import_module(f"{app}.{info.name}")
            for _name, obj in inspect.getmembers(module, inspect.isclass):
                if issubclass(obj, forms.BaseForm) and obj.__module__ == module.__name__:
                    found.add(obj)
    return found


def test_every_form_has_a_fuzz_target():
    covered = {form for doel in DOELEN.values() for form in doel.forms}
    missing = sorted(f"{f.__module__}.{f.__name__}" for f in _project_forms() - covered)
    assert missing == []


@pytest.mark.parametrize("naam", [n for n, d in DOELEN.items() if d.url])
def test_every_field_of_the_form_is_fuzzed(naam):
    doel = DOELEN[naam]
    prefix = "gegevens-" if naam == "inschrijving_gegevens" else ""
    declared = {prefix + name for form in doel.forms for name in form.base_fields}
    if doel.bestand:
        declared -= {"bestand"}
    # BijeenkomstForm's model fields live in Meta; base_fields has them all.
    assert declared - set(doel.velden) == set()


# --- the file of the import: CSV-like text or arbitrary bytes, under a chosen name ---------

_CEL = st.one_of(st.sampled_from(VIJANDIG), st.text(max_size=20))
_CSV = st.lists(st.lists(_CEL, min_size=0, max_size=7), min_size=0, max_size=8).map(
    lambda rows: "\n".join(
        ["naam,email,telefoon,organisatie,achtergrond,rol"]
        + [",".join(c.replace(",", " ").replace("\n", " ") for c in r) for r in rows]
    ).encode("utf-8", "surrogatepass")
)
_BESTAND = st.builds(
    SimpleUploadedFile,
    st.sampled_from(["lijst.csv", "lijst.xlsx", "lijst.txt", "LIJST.CSV", "x", ".csv"]),
    st.one_of(_CSV, st.binary(max_size=600), st.just(b"PK\x03\x04" + b"\x00" * 40)),
)


def _resolve(w, velden):
    return {name: (values(w) if callable(values) else values) for name, values in velden.items()}


def _login(client, w, rol):
    if rol == "coordinator":
        client.force_login(w.coordinator)
    elif rol == "deelnemer":
        client.force_login(w.deelnemer)
    elif rol == "manager":
        client.force_login(factories.user(is_manager=True))
    elif rol == "beheerder":
        client.force_login(factories.user(is_beheerder=True))


# Single-line text as stored: never a control character, line break, bidi override or
# zero-width character (``samenspel.cleaning`` strips them at every form and the import).
_ONZUIVER = r"[\x01-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"


def _onzuivere_tekst() -> list:
    from bijeenkomsten.models import Agendapunt, Bijeenkomst
    from groepen.models import Voorbereidingsgroep
    from samenspel.models import User
    from trajecten.models import Organisatie, Traject
    from waarden.models import Waarde

    velden = [
        (Traject, "naam"),
        (Organisatie, "naam"),
        (User, "naam"),
        (Bijeenkomst, "thema"),
        (Bijeenkomst, "plaats"),
        (Bijeenkomst, "adres"),
        (Agendapunt, "titel"),
        (Voorbereidingsgroep, "plaats"),
        (Waarde, "naam"),
    ]
    return [
        (model.__name__, veld, waarde)
        for model, veld in velden
        for waarde in model.objects.filter(**{f"{veld}__regex": _ONZUIVER}).values_list(
            veld, flat=True
        )
    ]


def _check(doel, naam, data, response, before, after) -> bool:
    """Assert the invariants of one submission; True when it wrote something."""
    delta = {k: after[k] - before[k] for k in after if after[k] != before[k]}
    assert response.status_code < 500, (naam, data)
    assert _onzuivere_tekst() == [], (naam, data)
    if response.status_code != 302:
        # An error page or a form with its errors writes nothing.
        if doel.logt_ook_tonen and response.status_code == 200:
            delta.pop("Auditregel", None)
        assert delta == {}, (naam, response.status_code, delta, data)
        return False
    for table, change in delta.items():
        allowed = doel.schrijft.get(table, {0})
        assert allowed == "any" or change in allowed, (naam, table, change, data)
    # The live screen's state row is made on first use, by reading as well as by writing.
    written = {t for t in delta if t not in ("Auditregel", "LiveStand")}
    if doel.rol == "coordinator" and written:
        assert delta.get("Auditregel") == 1, (naam, delta, data)
    return bool(written)


@pytest.mark.parametrize("naam", [n for n, d in DOELEN.items() if d.url])
def test_form_survives_generated_submissions(naam, client, db, settings_overrides):
    doel = DOELEN[naam]
    w = _build_world(met_tafels=doel.met_tafels)
    if doel.voorbereiden:
        doel.voorbereiden(w)
    _login(client, w, doel.rol)
    velden = _resolve(w, doel.velden)
    strategy = _data(velden)
    if doel.bestand:
        strategy = st.builds(lambda d, f: {**d, "bestand": f}, strategy, _BESTAND)
    if doel.geldig:
        strategy = st.one_of(strategy, _near_valid(doel.geldig, w))

    @settings(
        max_examples=VOORBEELDEN,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=strategy)
    def submit(data):
        before = _counts()
        url = doel.url(w)
        if doel.methode == "get":
            response = client.get(url, data)
        else:
            response = client.post(url, {**data, **doel.vast})
        statussen[response.status_code] = statussen.get(response.status_code, 0) + 1
        if _check(doel, naam, data, response, before, _counts()):
            statussen["geschreven"] = statussen.get("geschreven", 0) + 1

    statussen = {}
    submit()
    print(
        f"\n{naam}: {sum(v for k, v in statussen.items() if k != 'geschreven')} "
        f"submissions, {dict(sorted(statussen.items(), key=str))}"
    )
    if (
        VOORBEELDEN >= 100
        and doel.moet_schrijven
        and set(doel.schrijft) - {"Auditregel", "LiveStand"}
    ):
        # Plausible values must get through now and then, or the writes go untested.
        assert statussen.get("geschreven", 0) > 0, statussen


def test_form_without_view_survives_generated_data(db):
    """Forms not (yet) behind a view: validate, and save what validates, in one
    transaction; invalid data writes nothing."""
    from django.db import transaction

    doel = DOELEN["bouwsteen"]
    (form_class,) = doel.forms

    @settings(
        max_examples=VOORBEELDEN,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=_data(_resolve(None, doel.velden)))
    def submit(data):
        from django.http import QueryDict

        query = QueryDict(mutable=True)
        for key, value in data.items():
            query.setlist(key, value if isinstance(value, list) else [value])
        before = _counts()
        form = form_class(query)
        if form.is_valid():
            with transaction.atomic():
                form.save()
            assert _counts()["Bouwsteen"] == before["Bouwsteen"] + 1
        else:
            assert _counts() == before

    submit()


@pytest.fixture
def settings_overrides(settings):
    # The fuzzer is one visitor posting thousands of times: lift the per-IP limits.
    settings.AANMELD_LIMIET = "1000000/1m"
    settings.SIGNIN_RATE = "1000000/1m"
    return settings
