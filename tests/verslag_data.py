"""A meeting with everything a report holds, for the report tests."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factories

from bijeenkomsten.choices import Antwoord, BijdrageSoort
from bijeenkomsten.models import Aanwezigheid, Agendapunt, Bijdrage, Bouwsteen
from groepen.choices import GroepsReden
from trajecten.choices import Rol
from verslagen.models import Evaluatie
from waarden.models import Citaat, Waarde

AMS = ZoneInfo("Europe/Amsterdam")
START = datetime(2026, 3, 10, 19, 0, tzinfo=AMS)


@dataclass
class Seeded:
    traject: object
    coordinator: object
    bijeenkomst: object
    people: list = field(default_factory=list)  # Inschrijvingen: formeel, informeel, ervaring


def seed_meeting(
    *, formeel=3, informeel=2, ervaring=1, evaluaties=3, start=START, coordinator=None
) -> Seeded:
    coordinator = coordinator or factories.user(naam="Carla Coördinator", is_coordinator=True)
    traject = factories.traject(naam="Samen in Zuid", coordinatoren=[coordinator], capaciteit=5000)
    bouwsteen = Bouwsteen.objects.create(titel="Omdenken", tekst="Van 'Ja maar' naar 'Ja, en'.")
    b = factories.bijeenkomst(
        traject,
        thema="Kennismaken",
        start=start,
        uren=2.5,
        plaats="Buurthuis De Pijp",
        adres="Van Ostadestraat 1",
        bouwsteen=bouwsteen,
    )
    for volgorde, titel in enumerate(["Welkom", "Brainstorm"], start=1):
        Agendapunt.objects.create(bijeenkomst=b, volgorde=volgorde, titel=titel, duur=30)
    people = []
    for rol, n in (
        (Rol.BEROEPSKRACHT, formeel),
        (Rol.VRIJWILLIGER, informeel),
        (Rol.ERVARINGSDESKUNDIGE, ervaring),
    ):
        for k in range(n):
            user = factories.user(naam=f"{rol.label.split()[0]}{k} Achternaam")
            people.append(factories.inschrijving(traject, user=user, rol=rol))
    Aanwezigheid.objects.bulk_create(
        Aanwezigheid(bijeenkomst=b, inschrijving=i, antwoord=Antwoord.KOMT, aanwezig=True)
        for i in people
    )
    auteur = people[0].deelnemer.user
    Bijdrage.objects.bulk_create(
        [
            Bijdrage(
                bijeenkomst=b,
                soort=BijdrageSoort.IDEE,
                tekst="Een buurtmaaltijd",
                door=auteur,
                toon_naam=True,
            ),
            Bijdrage(
                bijeenkomst=b, soort=BijdrageSoort.KRACHT, tekst="Veel vrijwilligers", door=auteur
            ),
            Bijdrage(
                bijeenkomst=b, soort=BijdrageSoort.KNELPUNT, tekst="Te weinig tijd", door=auteur
            ),
            Bijdrage(bijeenkomst=b, soort=BijdrageSoort.FLUITEND, tekst="Goede sfeer", door=auteur),
            Bijdrage(
                bijeenkomst=b,
                soort=BijdrageSoort.IDEE,
                tekst="Geheim idee",
                door=auteur,
                verborgen=True,
            ),
        ]
    )
    waarde = Waarde.objects.create(traject=traject, naam="Humor", slug="humor")
    Citaat.objects.create(
        waarde=waarde, inschrijving=people[-1], bijeenkomst=b, tekst="Samen kom je verder."
    )
    Citaat.objects.create(
        waarde=waarde, inschrijving=people[-1], bijeenkomst=b, tekst="Verborgen zin", verborgen=True
    )
    for n, i in enumerate(people[:evaluaties]):
        Evaluatie.objects.create(
            bijeenkomst=b,
            inschrijving=i,
            doelmatigheid=4,
            open=5,
            eerlijk=3 + n % 2,
            inzet=4,
            wat_werkte=f"De kleine groepen {n}",
            kan_beter="Meer pauze" if n == 0 else "",
        )
    volgende = factories.bijeenkomst(
        traject, nummer=2, thema="Samen sterker", start=start + timedelta(days=14)
    )
    factories.voorbereidingsgroep(
        volgende, leden=[people[0], people[-1]], reden=GroepsReden.TAG_NODIG, grootte=3
    )
    return Seeded(traject=traject, coordinator=coordinator, bijeenkomst=b, people=people)
