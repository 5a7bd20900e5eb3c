"""Demo data: the guide's programme in Amsterdam Zuid. Idempotent: running it again
changes nothing that is already there."""

from django.db import transaction

from bijeenkomsten.bouwstenen import seed_bouwstenen
from bijeenkomsten.models import Agendapunt, Bijeenkomst, Bouwsteen
from bijeenkomsten.planning import propose
from devtools.demo_lopend import seed_lopend
from devtools.demo_values import seed_waarden_demo
from samenspel.models import User
from trajecten.choices import TAG_VAN_ROL, GebiedSoort, InschrijvingStatus, Rol, TrajectStatus
from trajecten.models import Deelnemer, Gebied, Inschrijving, Organisatie, Traject

DEMO_USERS = {
    "coordinator": ("coordinator@voorbeeld.nl", "Carla Coördinator", {"is_coordinator": True}),
    "deelnemer": ("deelnemer@voorbeeld.nl", "Dirk Deelnemer", {}),
    "manager": ("manager@voorbeeld.nl", "Mira Manager", {"is_manager": True}),
    "beheerder": ("beheerder@voorbeeld.nl", "Bram Beheerder", {"is_beheerder": True}),
    "rapporteur": ("rapporteur@voorbeeld.nl", "Roos Rapporteur", {"is_rapporteur": True}),
}

ORGANISATIES = [
    "Wmo-werkplaats Hogeschool van Amsterdam",
    "Vrijwilligersacademie Amsterdam",
    "Stadsdeel Zuid",
    "Buurtteam Zuid",
    "Mantelzorg Zuid",
]

# (name, role, organisation index or None); the demo users come first.
MENSEN = [
    ("Mira Manager", Rol.LEIDINGGEVENDE, 3),
    ("Dirk Deelnemer", Rol.VRIJWILLIGER, 1),
    ("Henk de Vries", Rol.LEIDINGGEVENDE, 2),
    ("Fatima el Amrani", Rol.BEROEPSKRACHT, 3),
    ("Jeroen Bakker", Rol.BEROEPSKRACHT, 3),
    ("Sanne Visser", Rol.AMBTENAAR, 2),
    ("Peter Smit", Rol.AMBTENAAR, 2),
    ("Esra Yilmaz", Rol.BEROEPSKRACHT, 0),
    ("Marloes Jansen", Rol.BEROEPSKRACHT, 4),
    ("Kees Mulder", Rol.BEROEPSKRACHT, 3),
    ("Ingrid de Boer", Rol.AMBTENAAR, 2),
    ("Rachid Bouzid", Rol.BEROEPSKRACHT, 3),
    ("Annelies Meijer", Rol.BEROEPSKRACHT, 0),
    ("Tom de Graaf", Rol.AMBTENAAR, 2),
    ("Wilma Hendriks", Rol.MANTELZORGER, 4),
    ("Gerrit van Dijk", Rol.VRIJWILLIGER, 1),
    ("Naima Aziz", Rol.ACTIEVE_BEWONER, None),
    ("Bep Koster", Rol.MANTELZORGER, None),
    ("Johan Vos", Rol.ACTIEVE_BEWONER, None),
    ("Lotte Peters", Rol.VRIJWILLIGER, 1),
    ("Hans Willems", Rol.ACTIEVE_BEWONER, None),
    ("Corrie Dekker", Rol.MANTELZORGER, 4),
    ("Ahmed Benali", Rol.VRIJWILLIGER, 1),
    ("Ria Brouwer", Rol.ERVARINGSDESKUNDIGE, None),
    ("Youssef Tahiri", Rol.ERVARINGSDESKUNDIGE, None),
    ("Mieke de Wit", Rol.ERVARINGSDESKUNDIGE, None),
    ("Sjaak Kok", Rol.ERVARINGSDESKUNDIGE, None),
    ("Linda Bos", Rol.ERVARINGSDESKUNDIGE, None),
    # The table is full (28 seats); these wait.
    ("Frank Schouten", Rol.BEROEPSKRACHT, 3),
    ("Greet Vermeulen", Rol.MANTELZORGER, None),
    ("Dennis Prins", Rol.AMBTENAAR, 2),
    ("Aysel Kaya", Rol.ERVARINGSDESKUNDIGE, None),
]
CAPACITEIT = 28
# Reached without e-mail: by text message (a mobile number), or only through the
# coordinator (no number: on the call list and a letter per meeting).
ZONDER_EMAIL = {"Sjaak Kok": "+31612345678", "Bep Koster": ""}


def _email(naam: str) -> str:
    return naam.lower().replace(" ", ".").replace("ë", "e") + "@voorbeeld.nl"


@transaction.atomic
def seed_demo() -> Traject:
    users = {}
    for key, (email, naam, roles) in DEMO_USERS.items():
        users[key], _ = User.objects.update_or_create(email=email, defaults={"naam": naam, **roles})
    zuid, _ = Gebied.objects.get_or_create(
        naam="Amsterdam Zuid", defaults={"soort": GebiedSoort.STADSDEEL}
    )
    zuid.managers.add(users["manager"])
    organisaties = [Organisatie.objects.get_or_create(naam=naam)[0] for naam in ORGANISATIES]
    traject, _ = Traject.objects.get_or_create(
        slug="amsterdam-zuid",
        defaults={
            "naam": "Samenspel Amsterdam Zuid",
            "gebied": zuid,
            "organisatoren": "Wmo-werkplaats HvA en Vrijwilligersacademie",
            "beschrijving": (
                "Professionals, vrijwilligers, mantelzorgers, actieve bewoners en "
                "ervaringsdeskundigen leren in vier bijeenkomsten samenwerken in de wijk."
            ),
            "doel": "Gedeelde waarden en een handreiking die we samen schrijven.",
            "capaciteit": CAPACITEIT,
            "status": TrajectStatus.OPEN,
            "contact_telefoon": "020 555 0100",
        },
    )
    traject.organisaties.add(*organisaties)
    traject.coordinatoren.add(users["coordinator"])
    traject.rapporteurs.add(users["rapporteur"])
    by_email = {u.email: u for u in users.values()}
    wachtend = 0
    for nummer, (naam, rol, org) in enumerate(MENSEN):
        if naam in ZONDER_EMAIL:
            deelnemer = _zonder_email(traject, naam, ZONDER_EMAIL[naam])
        else:
            email = DEMO_USERS["manager"][0] if nummer == 0 else None
            email = email or (DEMO_USERS["deelnemer"][0] if nummer == 1 else _email(naam))
            user = (
                by_email.get(email)
                or User.objects.get_or_create(email=email, defaults={"naam": naam})[0]
            )
            deelnemer, _ = Deelnemer.objects.get_or_create(user=user)
        geplaatst = nummer < CAPACITEIT
        if not geplaatst:
            wachtend += 1
        Inschrijving.objects.get_or_create(
            traject=traject,
            deelnemer=deelnemer,
            defaults={
                "naam": naam,
                "tag": TAG_VAN_ROL[rol],
                "rol": rol,
                "organisatie": organisaties[org] if org is not None else None,
                "status": InschrijvingStatus.GEPLAATST
                if geplaatst
                else InschrijvingStatus.WACHTLIJST,
                "wachtlijst_positie": None if geplaatst else wachtend,
                "talenten": "Luisteren, koken voor de buurt" if nummer % 3 == 0 else "",
                "wensen": "Hoe werken we samen zonder elkaars werk over te nemen?"
                if nummer % 4 == 0
                else "",
            },
        )
    _seed_bijeenkomsten(traject)
    seed_waarden_demo(traject)
    seed_lopend(zuid, users)
    return traject


def _zonder_email(traject, naam: str, mobiel: str) -> Deelnemer:
    """The person of that name in the demo traject, or a new account without an address."""
    bestaand = traject.inschrijvingen.filter(naam=naam).select_related("deelnemer").first()
    if bestaand:
        return bestaand.deelnemer
    user = User.objects.create_without_email(naam=naam)
    if mobiel:
        User.objects.filter(pk=user.pk).update(mobiel=mobiel, per_sms=True)
    return Deelnemer.objects.create(user=user, telefoon=mobiel or "+31205550123")


THEMAS = [
    "Kennismaken: wat breng je mee en wat wil je bespreken?",
    "Omdenken in de wijk",
    "Samenwerken, concurreren en loyaliteit",
    "Gedeelde waarden",
]
AGENDA = [
    ("Welkom en openingsronde: wat zit er in je hoofd, hart en buik?", 20),
    ("Bouwsteen", 15),
    ("In kleine groepen: zorgen, krachten en knelpunten delen", 30),
    ("Brainstorm (twintig minuten)", 20),
    ("Pauze", 15),
    ("Samen terugkijken", 30),
    ("Fluitend naar huis: wat maakt je hoopvol?", 10),
]


def _seed_bijeenkomsten(traject: Traject) -> None:
    from datetime import timedelta

    from django.utils import timezone

    bouwstenen = seed_bouwstenen(Bouwsteen)
    if traject.bijeenkomsten.exists():
        return
    # The first meeting was last week; the other three are still to come.
    slots = propose(timezone.localdate() - timedelta(weeks=1), 4)
    for nummer, ((start, einde), thema, bouwsteen) in enumerate(
        zip(slots, THEMAS, bouwstenen, strict=True), start=1
    ):
        b = Bijeenkomst.objects.create(
            traject=traject,
            nummer=nummer,
            start=start,
            einde=einde,
            thema=thema,
            bouwsteen=bouwsteen,
            plaats="Huis van de Wijk Zuid",
            adres="Voorbeeldstraat 1, 1077 AA Amsterdam",
            drempelvrij=True,
            ringleiding=True,
            stille_ruimte=nummer % 2 == 1,
            toegankelijkheid="Lift naar de eerste verdieping. Invalidentoilet aanwezig.",
        )
        Agendapunt.objects.bulk_create(
            [
                Agendapunt(bijeenkomst=b, volgorde=n, titel=titel, duur=duur)
                for n, (titel, duur) in enumerate(AGENDA, start=1)
            ]
        )
