"""The access matrix: every URL of the project × every role, with the status each gets.

A URL missing here fails ``test_every_url_is_in_the_matrix``: add it when you add a page.
Someone who may not see an object gets 404 (never 403); anonymous visitors of a page that
needs signing in are redirected to the sign-in page.
"""

from dataclasses import dataclass, field
from datetime import timedelta

import factories
import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from trajecten.choices import InschrijvingStatus, Rol, TrajectStatus

ROLES = [
    "anoniem",
    "deelnemer_a",
    "deelnemer_b",
    "coordinator",
    "coordinator_ander",
    "manager_in",
    "manager_uit",
    "beheerder",
    "admin",
]
LOGIN = "login"  # a redirect to the sign-in page


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)


@pytest.fixture
def world(db):
    w = World()
    u = w.users
    u["deelnemer_a"] = factories.user(naam="Anna A")
    u["deelnemer_b"] = factories.user(naam="Bram B")
    u["coordinator"] = factories.user(is_coordinator=True)
    u["coordinator_ander"] = factories.user(is_coordinator=True)
    u["manager_in"] = factories.user(is_manager=True)
    u["manager_uit"] = factories.user(is_manager=True)
    u["beheerder"] = factories.user(is_beheerder=True)
    u["admin"] = factories.user(is_staff=True, is_superuser=True)
    gebied = factories.gebied()
    gebied.managers.add(u["manager_in"])
    factories.gebied().managers.add(u["manager_uit"])
    traject = factories.traject(gebied=gebied, coordinatoren=[u["coordinator"]])
    ander = factories.traject(status=TrajectStatus.CONCEPT, coordinatoren=[u["coordinator_ander"]])
    w.objects["traject"] = traject
    w.objects["organisatie"] = factories.organisatie()
    w.objects["ander"] = ander
    w.objects["inschrijving_a"] = factories.inschrijving(traject, user=u["deelnemer_a"])
    w.objects["inschrijving_b"] = factories.inschrijving(
        ander, user=u["deelnemer_b"], rol=Rol.MANTELZORGER, status=InschrijvingStatus.WACHTLIJST
    )
    from trajecten.models import Import

    w.objects["bijeenkomst"] = factories.bijeenkomst(
        traject, start=timezone.now() + timedelta(days=7)
    )
    w.objects["import"] = Import.objects.create(
        traject=traject, bestand=b"", bestandsnaam="x.csv", door=u["coordinator"]
    )
    return w


def everyone(status):
    return dict.fromkeys(ROLES, status)


def signed_in(status, **overrides):
    return {**dict.fromkeys(ROLES, status), "anoniem": LOGIN, **overrides}


def only(allowed: list[str], status=200, anonymous=LOGIN, others=404):
    result = dict.fromkeys(ROLES, others)
    result.update(dict.fromkeys(allowed, status))
    result["anoniem"] = anonymous
    return result


T = lambda w: {"slug": w.objects["traject"].slug}  # noqa: E731
ANDER = lambda w: {"slug": w.objects["ander"].slug}  # noqa: E731
B = lambda w: {"pk": w.objects["bijeenkomst"].pk}  # noqa: E731
PERSOON = lambda w: {"slug": w.objects["traject"].slug, "pk": w.objects["inschrijving_a"].pk}  # noqa: E731
IMPORT = lambda w: {"slug": w.objects["traject"].slug, "pk": w.objects["import"].pk}  # noqa: E731
TOKEN = lambda w: {"token": w.users["deelnemer_a"].deelnemer.agenda_token}  # noqa: E731
BIJDRAGE = lambda w: {"pk": w.objects["bijeenkomst"].pk, "bijdrage_pk": 1}  # noqa: E731
COORD = only(["coordinator", "admin"])
BEHEER = only(["beheerder", "admin"])


def VOORBEREIDING(w):  # noqa: N802  (the meeting, with a prep group)
    from groepen.models import Voorbereidingsgroep

    Voorbereidingsgroep.objects.get_or_create(bijeenkomst=w.objects["bijeenkomst"])
    return B(w)


def AFMELD(w):  # noqa: N802
    from berichten.messages import unsubscribe_token

    return {"token": unsubscribe_token(w.users["deelnemer_a"], "herinnering")}


def CITAAT(w):  # noqa: N802  (a quote in the open traject, on a value of its own)
    from waarden.models import Citaat, Waarde

    traject = w.objects["traject"]
    waarde = Waarde.objects.create(traject=traject, naam="Humor", slug="humor")
    c = Citaat.objects.create(
        inschrijving=w.objects["inschrijving_a"], waarde=waarde, tekst="Hier."
    )
    return {"slug": traject.slug, "pk": c.pk}


def _report(w, *, shared: bool):
    factories.verslagversie(
        w.objects["bijeenkomst"], gepubliceerd=shared, inhoud_hash="a" * 64, pdf=b"%PDF-1.7"
    )
    return B(w)


def CONCEPT(w):  # noqa: N802  (the meeting, with a draft report)
    return _report(w, shared=False)


def GEDEELD(w):  # noqa: N802  (the meeting, with a published report)
    return _report(w, shared=True)


def BEGONNEN(w):  # noqa: N802  (the meeting, started an hour ago)
    b = w.objects["bijeenkomst"]
    b.start = timezone.now() - timedelta(hours=1)
    b.einde = b.start + timedelta(hours=2)
    b.save()
    return B(w)


def WACHTLIJST(w):  # noqa: N802  (a meeting of the traject where deelnemer_b waits)
    b = factories.bijeenkomst(w.objects["ander"], start=timezone.now() + timedelta(days=7))
    return {"pk": b.pk}


def _handreiking(w, *, ronde=False):
    from verslagen.models import Handreiking, HandreikingVersie, Opmerking, Reviewronde

    traject = w.objects["traject"]
    h = Handreiking.objects.create(traject=traject)
    v = HandreikingVersie.objects.create(
        handreiking=h,
        nummer=1,
        inhoud_hash="x",
        secties=[{"slug": "inleiding", "titel": "I"}],
        html='<section class="hoofdstuk" data-sectie="inleiding">Concept</section>',
        pdf=b"%PDF-",
    )
    if ronde:
        r = Reviewronde.objects.create(versie=v, deadline=timezone.now() + timedelta(days=3))
        w.objects["opmerking"] = Opmerking.objects.create(
            ronde=r, sectie="inleiding", inschrijving=w.objects["inschrijving_a"], tekst="Hm."
        )
    return T(w)


def HANDREIKING_CONCEPT(w):  # noqa: N802  (a draft version, no round: hidden from participants)
    return _handreiking(w)


def HANDREIKING_RONDE(w):  # noqa: N802  (a version in an open review round, with a comment)
    return _handreiking(w, ronde=True)


def OPMERKING(w):  # noqa: N802
    _handreiking(w, ronde=True)
    return {**T(w), "pk": w.objects["opmerking"].pk}


def VERZOEK(w):  # noqa: N802  (a sign-up waiting for its confirmation)
    from trajecten.models import Aanmeldverzoek

    verzoek = Aanmeldverzoek.objects.create(
        traject=w.objects["traject"], email="nieuw@voorbeeld.nl", naam="Nieuw", rol="vrijwilliger"
    )
    return {**T(w), "token": verzoek.token}


def only_post(allowed, status, others=404):
    return {**dict.fromkeys(ROLES, others), **dict.fromkeys(allowed, status), "anoniem": LOGIN}


AAN_TAFEL = only(["deelnemer_a", "coordinator", "manager_in", "admin"])
LEZERS = only(["deelnemer_a", "coordinator", "admin"])

# (url name, variant) -> (kwargs builder, method, {role: status})
MATRIX = {
    ("home", ""): (None, "get", everyone(200)),
    ("trajecten", ""): (None, "get", everyone(200)),
    ("inloglink", ""): (None, "get", everyone(405)),
    ("inloglink_verstuurd", ""): (None, "get", everyone(200)),
    ("inloggen", ""): (None, "get", everyone(400)),  # without a token
    ("uitloggen", ""): (None, "get", everyone(405)),
    ("taal", ""): (None, "get", everyone(405)),
    ("privacy", ""): (None, "get", everyone(200)),
    ("mijn_gegevens", ""): (None, "get", signed_in(200)),
    ("voorkeuren", ""): (None, "get", signed_in(200)),
    ("afmelden", "geldig"): (AFMELD, "get", everyone(200)),
    ("afmelden", "ongeldig"): (lambda w: {"token": "vals"}, "get", everyone(400)),
    # Replies to text messages, only at the configured secret address (none in the tests).
    ("sms_binnen", ""): (lambda w: {"token": "geraden"}, "get", everyone(404)),
    ("trajecten:aanbod_link", "ongeldig"): (lambda w: {"token": "vals"}, "get", everyone(410)),
    ("berichten", ""): (T, "get", COORD),
    ("logboek", ""): (T, "get", COORD),
    ("account_verwijderen", ""): (None, "get", signed_in(200)),
    ("toegankelijkheid", ""): (None, "get", everyone(200)),
    ("healthz", ""): (None, "get", everyone(200)),
    ("leeg", ""): (None, "get", everyone(404)),  # only with BENCHMARK_VIEW on
    ("trajecten:nieuw", ""): (None, "get", only(["coordinator", "coordinator_ander", "admin"])),
    ("trajecten:detail", "open"): (T, "get", everyone(200)),
    ("trajecten:detail", "concept"): (
        ANDER,
        "get",
        {**everyone(404), "deelnemer_b": 200, "coordinator_ander": 200, "admin": 200},
    ),
    ("trajecten:bewerken", ""): (T, "get", only(["coordinator", "admin"])),
    ("trajecten:aanmelden", "open"): (T, "get", everyone(200)),
    ("trajecten:aanmelden", "concept"): (ANDER, "get", everyone(404)),
    ("trajecten:aangemeld", ""): (T, "get", everyone(200)),  # the same for everyone
    ("trajecten:aanmelding_bevestigen", "geldig"): (VERZOEK, "get", everyone(200)),
    ("trajecten:aanmelding_bevestigen", "ongeldig"): (
        lambda w: {**T(w), "token": "vals"},
        "get",
        everyone(410),
    ),
    ("trajecten:afmelden", ""): (T, "get", signed_in(405)),
    ("trajecten:aanbod", ""): (T, "get", signed_in(405)),
    ("trajecten:deelnemers", ""): (T, "get", COORD),
    ("trajecten:inschrijving", ""): (PERSOON, "get", COORD),
    ("trajecten:uitnodigen", ""): (T, "get", COORD),
    ("trajecten:deelnemer_nieuw", ""): (T, "get", COORD),
    ("mededelingen:nieuw", ""): (T, "get", COORD),
    ("trajecten:team", ""): (T, "get", COORD),
    ("trajecten:team_weg", ""): (
        lambda w: {"slug": w.objects["traject"].slug, "rol": "rapporteur", "pk": 1},
        "get",
        signed_in(405),
    ),
    ("beheer:index", ""): (None, "get", BEHEER),
    ("beheer:gebieden", ""): (None, "get", BEHEER),
    ("beheer:gebied", ""): (lambda w: {"pk": w.objects["traject"].gebied_id}, "get", BEHEER),
    ("beheer:organisaties", ""): (None, "get", BEHEER),
    ("beheer:organisatie", ""): (lambda w: {"pk": w.objects["organisatie"].pk}, "get", BEHEER),
    ("beheer:mensen", ""): (None, "get", BEHEER),
    ("beheer:persoon", ""): (lambda w: {"pk": w.users["deelnemer_a"].pk}, "get", BEHEER),
    ("beheer:logboek", ""): (None, "get", BEHEER),
    ("trajecten:opnieuw_uitnodigen", ""): (T, "get", signed_in(405)),
    # Nothing invited yet: the coordinator is told so and sent back.
    ("trajecten:opnieuw_uitnodigen", "post"): (T, "post", only_post(["coordinator", "admin"], 302)),
    ("trajecten:importeren", ""): (T, "get", COORD),
    ("trajecten:import_status", ""): (IMPORT, "get", COORD),
    ("traject_ics", "open"): (T, "get", everyone(200)),
    ("traject_ics", "concept"): (ANDER, "get", everyone(404)),
    ("bijeenkomst_nieuw", ""): (T, "get", COORD),
    ("bijeenkomsten:detail", ""): (B, "get", AAN_TAFEL),
    # On the waiting list: a kind page saying so (403), nothing of the meeting.
    ("bijeenkomsten:detail", "wachtlijst"): (
        WACHTLIJST,
        "get",
        {**only(["coordinator_ander", "admin"]), "deelnemer_b": 403},
    ),
    ("bijeenkomsten:bewerken", ""): (B, "get", COORD),
    ("bijeenkomsten:annuleren", ""): (B, "get", COORD),
    ("bijeenkomsten:antwoord", ""): (B, "get", signed_in(405)),
    ("bijeenkomsten:ics", ""): (B, "get", AAN_TAFEL),
    ("bijeenkomsten:lijst_pdf", ""): (lambda w: {**B(w), "soort": "brieven"}, "get", COORD),
    ("bijeenkomsten:aanwezigheid", ""): (B, "get", COORD),
    ("bijeenkomsten:inloop", ""): (B, "get", only(["coordinator", "admin"], status=302)),
    ("bijeenkomsten:live", ""): (B, "get", COORD),
    ("bijeenkomsten:live_actie", ""): (B, "get", signed_in(405)),
    # Contributions: people at the table and coordinators; a manager in scope may look at
    # the meeting but not contribute.
    ("bijeenkomsten:inbreng", ""): (B, "get", only(["deelnemer_a", "coordinator", "admin"])),
    ("bijeenkomsten:inbreng", "post"): (
        B,
        "post",
        only_post(["deelnemer_a", "coordinator", "admin"], 200),
    ),
    ("bijeenkomsten:bijdrage_verbergen", ""): (BIJDRAGE, "get", signed_in(405)),
    ("groepen:voorbereiding", ""): (B, "get", AAN_TAFEL),
    ("groepen:voorbereiding", "met groep"): (VOORBEREIDING, "get", AAN_TAFEL),
    ("groepen:voorbereiding_meedoen", ""): (B, "get", signed_in(405)),
    ("groepen:voorbereiding_meedoen", "post"): (
        VOORBEREIDING,
        "post",
        only_post(["deelnemer_a"], 302),
    ),
    ("groepen:voorbereiding_stoppen", ""): (B, "get", signed_in(405)),
    ("groepen:voorbereiding_stoppen", "post"): (
        VOORBEREIDING,
        "post",
        only_post(["deelnemer_a"], 302),
    ),
    ("groepen:voorbereiding_bereid", ""): (B, "get", signed_in(405)),
    ("groepen:voorbereiding_bereid", "post"): (B, "post", only_post(["deelnemer_a"], 302)),
    ("groepen:voorbereiding_instellingen", ""): (B, "get", signed_in(405)),
    ("groepen:voorbereiding_instellingen", "post"): (
        B,
        "post",
        only_post(["coordinator", "admin"], 200),
    ),
    ("groepen:voorbereiding_vergrendelen", ""): (B, "get", signed_in(405)),
    ("groepen:voorbereiding_vergrendelen", "post"): (
        VOORBEREIDING,
        "post",
        only_post(["coordinator", "admin"], 302),
    ),
    ("groepen:voorbereiding_voorstel", ""): (B, "get", signed_in(405)),
    ("groepen:voorbereiding_voorstel", "post"): (
        VOORBEREIDING,
        "post",
        only_post(["coordinator", "admin"], 400),
    ),
    ("groepen:tafels", ""): (B, "get", AAN_TAFEL),
    ("groepen:tafels_indelen", ""): (B, "get", signed_in(405)),
    ("groepen:tafels_indelen", "post"): (B, "post", only_post(["coordinator", "admin"], 302)),
    ("groepen:tafels_erbij", ""): (B, "get", signed_in(405)),
    ("groepen:tafels_erbij", "post"): (B, "post", only_post(["coordinator", "admin"], 400)),
    ("groepen:tafels_verplaatsen", ""): (B, "get", signed_in(405)),
    ("groepen:tafels_verplaatsen", "post"): (
        B,
        "post",
        only_post(["coordinator", "admin"], 400),
    ),
    ("groepen:tafels_vergrendelen", ""): (B, "get", signed_in(405)),
    ("groepen:tafels_vergrendelen", "post"): (
        B,
        "post",
        only_post(["coordinator", "admin"], 400),
    ),
    ("agenda_vernieuwen", ""): (None, "get", signed_in(405)),
    ("waarden:bord", ""): (T, "get", AAN_TAFEL),
    ("waarden:onderschrijven", ""): (T, "get", signed_in(405)),
    ("waarden:onderschrijven", "post"): (T, "post", only_post(["deelnemer_a"], 400)),
    ("waarden:citaat_nieuw", ""): (T, "get", signed_in(405)),
    ("waarden:citaat_nieuw", "post"): (T, "post", only_post(["deelnemer_a"], 200)),
    ("waarden:citaat_verbergen", ""): (CITAAT, "get", signed_in(405)),
    ("waarden:citaat_verbergen", "post"): (
        CITAAT,
        "post",
        only_post(["coordinator", "admin"], 400),
    ),
    ("waarden:beheer", ""): (T, "get", COORD),
    ("waarden:waarde_nieuw", ""): (T, "get", COORD),
    # Evaluations: placed people only; before the start the page says so.
    ("verslagen:evaluatie", ""): (B, "get", only(["deelnemer_a"])),
    ("verslagen:evaluatie", "begonnen"): (BEGONNEN, "get", only(["deelnemer_a"])),
    ("verslagen:evaluatie", "post"): (BEGONNEN, "post", only_post(["deelnemer_a"], 200)),
    # Reports: drafts for coordinators and rapporteurs; the published version also for
    # participants; managers never (reports hold first names and quotes).
    ("verslagen:verslag", ""): (B, "get", COORD),
    ("verslagen:verslag", "concept"): (CONCEPT, "get", COORD),
    ("verslagen:verslag", "gedeeld"): (
        GEDEELD,
        "get",
        only(["deelnemer_a", "coordinator", "admin"]),
    ),
    ("verslagen:maak", ""): (B, "get", signed_in(405)),
    ("verslagen:maak", "post"): (B, "post", only_post(["coordinator", "admin"], 302)),
    ("verslagen:verhaal", ""): (B, "get", only(["coordinator", "admin"], status=302)),
    ("verslagen:verhaal", "concept"): (CONCEPT, "get", COORD),
    ("verslagen:publiceren", ""): (B, "get", signed_in(405)),
    ("verslagen:publiceren", "post"): (B, "post", only_post(["coordinator", "admin"], 302)),
    ("verslagen:pdf", ""): (B, "get", only([])),
    ("verslagen:pdf", "concept"): (CONCEPT, "get", COORD),
    ("verslagen:pdf", "gedeeld"): (GEDEELD, "get", only(["deelnemer_a", "coordinator", "admin"])),
    # The joint guide: people with a seat and coordinators; managers not at the table 404.
    ("handreiking:detail", ""): (T, "get", LEZERS),
    ("handreiking:detail", "concept"): (HANDREIKING_CONCEPT, "get", LEZERS),
    ("handreiking:detail", "ronde"): (HANDREIKING_RONDE, "get", LEZERS),
    ("handreiking:pdf", ""): (T, "get", signed_in(404)),
    ("handreiking:pdf", "concept"): (HANDREIKING_CONCEPT, "get", COORD),
    ("handreiking:pdf", "ronde"): (HANDREIKING_RONDE, "get", LEZERS),
    ("handreiking:reageren", ""): (T, "get", signed_in(405)),
    ("handreiking:reageren", "post zonder ronde"): (T, "post", only_post(["deelnemer_a"], 302)),
    ("handreiking:reageren", "post"): (HANDREIKING_RONDE, "post", only_post(["deelnemer_a"], 302)),
    ("handreiking:nieuwe_versie", ""): (T, "get", signed_in(405)),
    ("handreiking:nieuwe_versie", "post"): (
        HANDREIKING_RONDE,  # refused during a round: no work is queued
        "post",
        only_post(["coordinator", "admin"], 302),
    ),
    ("handreiking:ronde_openen", ""): (T, "get", signed_in(405)),
    ("handreiking:ronde_openen", "post"): (
        HANDREIKING_CONCEPT,
        "post",
        only_post(["coordinator", "admin"], 200),  # no date: the form with its error
    ),
    ("handreiking:ronde_sluiten", ""): (T, "get", signed_in(405)),
    ("handreiking:ronde_sluiten", "post"): (
        HANDREIKING_RONDE,
        "post",
        only_post(["coordinator", "admin"], 302),
    ),
    ("handreiking:afhandelen", ""): (OPMERKING, "get", signed_in(405)),
    ("handreiking:afhandelen", "post"): (
        OPMERKING,
        "post",
        only_post(["coordinator", "admin"], 302),
    ),
    ("handreiking:definitief", ""): (T, "get", signed_in(405)),
    ("handreiking:definitief", "post"): (
        HANDREIKING_CONCEPT,
        "post",
        only_post(["coordinator", "admin"], 302),
    ),
    ("dashboard:overzicht", ""): (None, "get", only(["manager_in", "manager_uit", "admin"])),
    ("traject_balans", ""): (T, "get", only(["coordinator", "manager_in", "admin"])),
    ("traject_balans", "concept"): (ANDER, "get", only(["coordinator_ander", "admin"])),
    ("persoonlijk_ics", "eigen token"): (TOKEN, "get", everyone(200)),
    ("persoonlijk_ics", "fout token"): (lambda w: {"token": "geraden"}, "get", everyone(404)),
}


def _names(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{prefix}{p.name}"


def test_every_url_is_in_the_matrix():
    in_matrix = {name for name, _ in MATRIX}
    missing = sorted(set(_names(get_resolver().url_patterns)) - in_matrix)
    assert missing == []


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", list(MATRIX), ids=lambda k: f"{k[0]}{'-' + k[1] if k[1] else ''}")
def test_access(client, world, key, role):
    name, _ = key
    kwargs_of, method, expected = MATRIX[key]
    url = reverse(name, kwargs=kwargs_of(world) if kwargs_of else None)
    if role != "anoniem":
        client.force_login(world.users[role])
    response = getattr(client, method)(url)
    want = expected[role]
    if want == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("home"))
    else:
        assert response.status_code == want


@pytest.mark.parametrize("role", ROLES)
def test_admin_only_for_staff(client, world, role):
    if role != "anoniem":
        client.force_login(world.users[role])
    response = client.get("/admin/")
    assert response.status_code == (200 if role == "admin" else 302)
