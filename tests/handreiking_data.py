"""Test data for the joint guide: a traject with two published reports, values on the
board and quotes (used by tests/verslagen and the browser journey)."""

from dataclasses import dataclass
from datetime import timedelta

import factories
from django.utils import timezone

from bijeenkomsten.models import Bijeenkomst
from samenspel.models import User
from trajecten.choices import TAG_VAN_ROL, InschrijvingStatus, Rol
from trajecten.models import Deelnemer, Inschrijving
from verslagen.models import Verslag
from waarden import services as waarden_services
from waarden.catalogue import ensure_catalogue
from waarden.models import Citaat, Waarde

ROLLEN = [Rol.BEROEPSKRACHT, Rol.VRIJWILLIGER, Rol.ERVARINGSDESKUNDIGE]


def publish_report(bijeenkomst, html: str) -> Verslag:
    """A published report, made directly (reports have their own builder)."""
    return factories.verslagversie(bijeenkomst, html=html, gepubliceerd=True).verslag


def meeting(traject, nummer: int, thema: str = "") -> Bijeenkomst:
    start = timezone.now().replace(microsecond=0) - timedelta(days=30 - nummer * 7)
    return factories.bijeenkomst(traject, nummer=nummer, thema=thema, start=start)


def bulk_people(traject, n: int, *, prefix: str = "massa") -> list[Inschrijving]:
    users = User.objects.bulk_create(
        User(email=f"{prefix}{i}@voorbeeld.nl", naam=f"Naam{i} {prefix}") for i in range(n)
    )
    deelnemers = Deelnemer.objects.bulk_create(Deelnemer(user=u) for u in users)
    return Inschrijving.objects.bulk_create(
        Inschrijving(
            traject=traject,
            deelnemer=d,
            naam=d.user.naam,
            rol=ROLLEN[i % 3],
            tag=TAG_VAN_ROL[ROLLEN[i % 3]],
            status=InschrijvingStatus.GEPLAATST,
        )
        for i, d in enumerate(deelnemers)
    )


@dataclass
class Gids:
    traject: object
    coordinator: object
    anna: Inschrijving
    bo: Inschrijving
    manager: object


def make_gids() -> Gids:
    ensure_catalogue(Waarde)  # a transactional test before may have emptied the tables
    coordinator = factories.user(naam="Carla Coördinator", is_coordinator=True)
    manager = factories.user(naam="Mo Manager", is_manager=True)
    gebied = factories.gebied()
    gebied.managers.add(manager)
    traject = factories.traject(
        naam="Samen in Zuid",
        gebied=gebied,
        coordinatoren=[coordinator],
        doel="Een handreiking voor betere samenwerking in de wijk.",
        capaciteit=1000,
    )
    respect = Waarde.objects.get(slug="respect", traject__isnull=True)
    warmte = Waarde.objects.get(slug="warmte", traject__isnull=True)
    waarden_services.set_bord(traject=traject, waarden=[respect, warmte], drempel=30)
    anna = factories.inschrijving(traject, user=factories.user(naam="Anna de Wit"))
    bo = factories.inschrijving(
        traject, user=factories.user(naam="Bo Jansen"), rol=Rol.BEROEPSKRACHT
    )
    b1 = meeting(traject, 1, "Kennismaken")
    meeting(traject, 2, "Omdenken")  # no published report: not in the guide
    b3 = meeting(traject, 3, "Samen verder")
    # Published in reverse order: the guide follows the meetings, not the publishing.
    publish_report(b3, "<h2>Wat we deden</h2><p>We maakten plannen voor de buurt.</p>")
    publish_report(b1, "<h2>Wat we deden</h2><p>We leerden elkaar kennen.</p>")
    for i in (anna, bo):
        waarden_services.set_endorsement(inschrijving=i, waarde=respect, aan=True)
    Citaat.objects.create(
        inschrijving=anna, waarde=respect, tekst="Luisteren is het begin van alles.", toon_naam=True
    )
    Citaat.objects.create(inschrijving=bo, waarde=warmte, tekst="Een kop koffie helpt.")
    return Gids(traject, coordinator, anna, bo, manager)
