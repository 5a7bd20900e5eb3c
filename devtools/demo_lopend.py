"""A second, running programme in the demo: two meetings behind it, the first one's
report shared and the joint guide out for comments, so that every role's home has
something to do. Idempotent, like the rest of the demo data."""

import hashlib
from datetime import timedelta

from django.utils import timezone

from bijeenkomsten.choices import Antwoord
from bijeenkomsten.models import Aanwezigheid, Bijeenkomst
from samenspel.models import User
from trajecten.choices import TAG_VAN_ROL, GebiedSoort, InschrijvingStatus, Rol, TrajectStatus
from trajecten.models import Deelnemer, Gebied, Inschrijving, Traject
from verslagen.handreiking.services import compile_version, open_round
from verslagen.models import Handreiking, Verslag, VerslagVersie

MENSEN = [
    ("Dirk Deelnemer", Rol.VRIJWILLIGER),
    ("Anouk Smit", Rol.BEROEPSKRACHT),
    ("Bas Hoekstra", Rol.AMBTENAAR),
    ("Chantal Wijnberg", Rol.BEROEPSKRACHT),
    ("Erik Mol", Rol.MANTELZORGER),
    ("Fenna de Lange", Rol.ACTIEVE_BEWONER),
    ("Gijs Verbeek", Rol.ERVARINGSDESKUNDIGE),
    ("Hanneke Post", Rol.ERVARINGSDESKUNDIGE),
]

VERSLAG = (
    "<h2>Kennismaken</h2><p>We vertelden elkaar wat we meebrengen: ervaring met zorg voor "
    "een ouder, werk in het buurtteam, jaren vrijwilligerswerk. Iedereen kwam aan het woord."
    "</p><h2>Wat we willen bespreken</h2><ul><li>Hoe vinden bewoners de weg naar hulp?</li>"
    "<li>Wat doet een vrijwilliger, wat een beroepskracht?</li></ul>"
)


def seed_lopend(zuid: Gebied, users: dict) -> Traject:
    buitenveldert, _ = Gebied.objects.get_or_create(
        naam="Buitenveldert", defaults={"soort": GebiedSoort.WIJK, "ligt_in": zuid}
    )
    traject, created = Traject.objects.get_or_create(
        slug="buitenveldert",
        defaults={
            "naam": "Samenspel Buitenveldert",
            "gebied": buitenveldert,
            "organisatoren": "Buurtteam Zuid en Mantelzorg Zuid",
            "beschrijving": "Het tweede traject in Zuid: we zijn op de helft.",
            "doel": "Samen een handreiking voor de wijk.",
            "capaciteit": 16,
            "status": TrajectStatus.LOPEND,
            "contact_telefoon": "020 555 0100",
        },
    )
    if not created:
        return traject
    traject.coordinatoren.add(users["coordinator"])
    traject.rapporteurs.add(users["rapporteur"])
    people = []
    for naam, rol in MENSEN:
        email = users["deelnemer"].email if naam == "Dirk Deelnemer" else _email(naam)
        user, _ = User.objects.get_or_create(email=email, defaults={"naam": naam})
        deelnemer, _ = Deelnemer.objects.get_or_create(user=user)
        people.append(
            Inschrijving.objects.create(
                traject=traject,
                deelnemer=deelnemer,
                naam=naam,
                rol=rol,
                tag=TAG_VAN_ROL[rol],
                status=InschrijvingStatus.GEPLAATST,
            )
        )
    # Evenings, as the programme's meetings are.
    evening = timezone.localtime().replace(hour=19, minute=30, second=0, microsecond=0)
    meetings = []
    for nummer, days in ((1, -21), (2, -7), (3, 7), (4, 21)):
        start = evening + timedelta(days=days)
        meetings.append(
            Bijeenkomst.objects.create(
                traject=traject,
                nummer=nummer,
                start=start,
                einde=start + timedelta(hours=2),
                plaats="Buurthuis Buitenveldert",
                adres="Voorbeeldlaan 10, 1081 AA Amsterdam",
                drempelvrij=True,
            )
        )
    for b in meetings[:2]:  # everyone came, except Dirk the second time
        Aanwezigheid.objects.bulk_create(
            Aanwezigheid(
                bijeenkomst=b,
                inschrijving=i,
                antwoord=Antwoord.KOMT,
                aanwezig=not (b.nummer == 2 and i.naam == "Dirk Deelnemer"),
            )
            for i in people
        )
    verslag = Verslag.objects.create(bijeenkomst=meetings[0])
    versie = VerslagVersie.objects.create(
        verslag=verslag,
        nummer=1,
        html=VERSLAG,
        inhoud_hash=hashlib.sha256(VERSLAG.encode()).hexdigest(),
        gepubliceerd_op=timezone.now(),
        aangemaakt_door=users["rapporteur"],
    )
    verslag.gepubliceerd = versie
    verslag.save(update_fields=["gepubliceerd"])
    Handreiking.objects.get_or_create(traject=traject)
    compile_version(traject=traject, door=users["coordinator"])
    open_round(
        traject=traject,
        deadline=timezone.localdate() + timedelta(days=10),
        door=users["coordinator"],
    )
    return traject


def _email(naam: str) -> str:
    return naam.lower().replace(" ", ".") + "@voorbeeld.nl"
