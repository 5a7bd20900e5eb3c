"""City-scale test data for benchmarks and query-count tests, written with ``bulk_create``.

``maak_stad()`` builds, by default, 50 trajecten in 8 areas with 3,000 people (60 per
traject: 50 seated, 10 waiting), 200 meetings (4 per traject; the first three in the past),
10,000 attendance rows, a prep group of four for every meeting, the twelve values on every
board with endorsements, DOEI evaluations and contributions. It takes a few seconds.
Deterministic for a given seed. Every name it makes is listed in ``Stad.namen`` so that
tests can check that none of them leaks into a page.
"""

import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from bijeenkomsten.choices import Antwoord, BijdrageSoort
from bijeenkomsten.models import Aanwezigheid, Bijdrage, Bijeenkomst
from groepen.choices import GroepsReden
from groepen.models import Groepslid, Voorbereidingsgroep
from samenspel.models import User
from trajecten.choices import (
    ROLLEN_PER_TAG,
    GebiedSoort,
    InschrijvingStatus,
    Tag,
    TrajectStatus,
)
from trajecten.models import Deelnemer, Gebied, Inschrijving, Organisatie, Traject
from verslagen.models import Evaluatie
from waarden.catalogue import ensure_catalogue
from waarden.models import Onderschrijving, TrajectWaarde, Waarde, Waardenbord

VOORNAMEN = ("Anna", "Bram", "Carla", "Dirk", "Esra", "Fatima", "Gerrit", "Hanna", "Ilse", "Joost")
ACHTERNAMEN = ("Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos", "Vos", "Kaya")


@dataclass
class Stad:
    trajecten: list[Traject]
    gebieden: list[Gebied]
    organisaties: list[Organisatie]
    namen: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    telefoons: list[str] = field(default_factory=list)
    teksten: list[str] = field(default_factory=list)  # free text that must stay private


@transaction.atomic
def maak_stad(
    *,
    trajecten: int = 50,
    per_traject: int = 60,
    geplaatst: int = 50,
    bijeenkomsten: int = 4,
    gebieden: int = 8,
    seed: int = 2026,
    prefix: str = "stad",
) -> Stad:
    """Bulk-create a city's worth of trajecten; see the module docstring for the defaults.

    Attendance: every seated person has a row for every past meeting (present about 85% of
    the time) and for the upcoming one (no answer yet), so 50 seated × 4 meetings × 50
    trajecten = 10,000 rows."""
    rng = random.Random(seed)
    now = timezone.now().replace(microsecond=0)
    ensure_catalogue(Waarde)
    catalogue = list(Waarde.objects.filter(traject__isnull=True).order_by("volgorde"))

    areas = Gebied.objects.bulk_create(
        Gebied(naam=f"{prefix.title()} gebied {k + 1}", soort=GebiedSoort.STADSDEEL)
        for k in range(gebieden)
    )
    orgs = Organisatie.objects.bulk_create(
        Organisatie(naam=f"{prefix.title()} organisatie {k + 1}") for k in range(10)
    )
    tr = Traject.objects.bulk_create(
        Traject(
            naam=f"{prefix.title()} traject {k + 1}",
            slug=f"{prefix}-traject-{k + 1}",
            gebied=areas[k % gebieden],
            capaciteit=geplaatst,
            status=TrajectStatus.LOPEND if k % 5 else TrajectStatus.AFGEROND,
            startdatum=(now - timedelta(days=60)).date(),
        )
        for k in range(trajecten)
    )
    Traject.organisaties.through.objects.bulk_create(
        Traject.organisaties.through(traject_id=t.pk, organisatie_id=orgs[k % len(orgs)].pk)
        for k, t in enumerate(tr)
    )
    stad = Stad(trajecten=tr, gebieden=areas, organisaties=orgs)

    n_people = trajecten * per_traject
    users = []
    for k in range(n_people):
        naam = f"{rng.choice(VOORNAMEN)} {rng.choice(ACHTERNAMEN)} {prefix}{k}"
        email = f"{prefix}{k}@stad.voorbeeld.nl"
        stad.namen.append(naam)
        stad.emails.append(email)
        users.append(User(email=email, naam=naam, password="!"))
    users = User.objects.bulk_create(users)
    deelnemers = []
    for k, u in enumerate(users):
        telefoon = f"06{seed % 100:02d}{k:06d}"
        stad.telefoons.append(telefoon)
        deelnemers.append(Deelnemer(user=u, telefoon=telefoon, agenda_token=f"{prefix}-{seed}-{k}"))
    deelnemers = Deelnemer.objects.bulk_create(deelnemers)

    tags = [Tag.FORMEEL] * 25 + [Tag.INFORMEEL] * 15 + [Tag.ERVARINGSDESKUNDIGE] * 10
    inschrijvingen = []
    for t_index, t in enumerate(tr):
        people = deelnemers[t_index * per_traject : (t_index + 1) * per_traject]
        order = tags[:]
        rng.shuffle(order)
        for k, d in enumerate(people):
            tag = order[k % len(order)]
            rol = rng.choice(ROLLEN_PER_TAG[tag])
            seated = k < geplaatst
            wens = f"Wens van {stad.namen[t_index * per_traject + k]}"
            stad.teksten.append(wens)
            inschrijvingen.append(
                Inschrijving(
                    traject=t,
                    deelnemer=d,
                    naam=d.user.naam,
                    telefoon=d.telefoon,
                    tag=tag,
                    rol=rol,
                    organisatie=orgs[k % len(orgs)] if tag == Tag.FORMEEL else None,
                    wensen=wens,
                    wil_voorbereiden=k % 5 != 0,
                    status=InschrijvingStatus.GEPLAATST
                    if seated
                    else InschrijvingStatus.WACHTLIJST,
                    wachtlijst_positie=None if seated else k - geplaatst + 1,
                    ingeschreven_op=now - timedelta(days=90, minutes=k),
                )
            )
    inschrijvingen = Inschrijving.objects.bulk_create(inschrijvingen)

    meetings = []
    for t in tr:
        for n in range(1, bijeenkomsten + 1):
            start = now + timedelta(days=14 * (n - bijeenkomsten + 1) - 1)
            meetings.append(
                Bijeenkomst(
                    traject=t,
                    nummer=n,
                    start=start,
                    einde=start + timedelta(hours=2),
                    thema=f"Thema {n}",
                )
            )
    meetings = Bijeenkomst.objects.bulk_create(meetings)

    naam_van = {d.pk: stad.namen[k] for k, d in enumerate(deelnemers)}
    attendance, groups, members, evaluations, contributions = [], [], [], [], []
    for t_index in range(trajecten):
        seated = inschrijvingen[t_index * per_traject : t_index * per_traject + geplaatst]
        for m in meetings[t_index * bijeenkomsten : (t_index + 1) * bijeenkomsten]:
            past = m.start < now
            for i in seated:
                present = past and rng.random() < 0.85
                attendance.append(
                    Aanwezigheid(
                        bijeenkomst=m,
                        inschrijving=i,
                        antwoord=Antwoord.KOMT if present else Antwoord.WEET_NIET,
                        aanwezig=present,
                        aangemeld_op=m.start if present else None,
                    )
                )
                if present and rng.random() < 0.6:
                    scores = [rng.randint(2, 5) for _ in range(4)]
                    tekst = f"Werkte goed voor {naam_van[i.deelnemer_id]}"
                    stad.teksten.append(tekst)
                    evaluations.append(
                        Evaluatie(
                            bijeenkomst=m,
                            inschrijving=i,
                            doelmatigheid=scores[0],
                            open=scores[1],
                            eerlijk=scores[2],
                            inzet=scores[3],
                            wat_werkte=tekst,
                        )
                    )
            groups.append(Voorbereidingsgroep(bijeenkomst=m, grootte=4))
            for s in range(5):
                tekst = f"Idee {s} van bijeenkomst {m.nummer}"
                stad.teksten.append(tekst)
                contributions.append(Bijdrage(bijeenkomst=m, soort=BijdrageSoort.IDEE, tekst=tekst))
    Aanwezigheid.objects.bulk_create(attendance, batch_size=5000)
    Evaluatie.objects.bulk_create(evaluations, batch_size=5000)
    Bijdrage.objects.bulk_create(contributions, batch_size=5000)
    groups = Voorbereidingsgroep.objects.bulk_create(groups)
    for g_index, g in enumerate(groups):
        t_index = g_index // bijeenkomsten
        seated = inschrijvingen[t_index * per_traject : t_index * per_traject + geplaatst]
        for i in rng.sample(seated, 4):
            members.append(Groepslid(groep=g, inschrijving=i, reden=GroepsReden.NOG_GEEN_BEURT))
    Groepslid.objects.bulk_create(members, batch_size=5000)

    Waardenbord.objects.bulk_create(Waardenbord(traject=t, drempel=30) for t in tr)
    TrajectWaarde.objects.bulk_create(
        TrajectWaarde(traject=t, waarde=w) for t in tr for w in catalogue
    )
    endorsements = []
    for t_index in range(trajecten):
        seated = inschrijvingen[t_index * per_traject : t_index * per_traject + geplaatst]
        for i in seated:
            for w in rng.sample(catalogue[:6], 3):
                endorsements.append(Onderschrijving(inschrijving=i, waarde=w))
    Onderschrijving.objects.bulk_create(endorsements, batch_size=5000)
    return stad
