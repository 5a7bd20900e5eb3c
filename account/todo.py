"""What the home page asks of someone now: a participant's replies, evaluations, reports
and guide rounds; a coordinator's reports, comments, prep groups, offered seats and
meetings without a place or agenda. Each kind is one query over all the person's
trajecten, so the home page runs a fixed number of queries however many they have."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from bijeenkomsten.choices import Antwoord, BijeenkomstStatus
from bijeenkomsten.models import Aanwezigheid, Bijeenkomst
from groepen.models import Voorbereidingsgroep
from trajecten.choices import InschrijvingStatus, Tag
from trajecten.models import Inschrijving
from verslagen.choices import RondeStatus
from verslagen.models import Evaluatie, Gelezen, Opmerking, Reviewronde, Verslag

# How far ahead a reply is asked, and how long after a meeting its evaluation and report
# stay on the list.
REPLY_AHEAD = timedelta(days=42)
RECENT = timedelta(days=21)


@dataclass(frozen=True)
class Taak:
    """One thing to do: ``soort`` picks the sentence the template shows."""

    soort: str
    url: str
    traject: str
    nummer: int | None = None
    wanneer: datetime | None = None
    aantal: int | None = None
    naam: str = ""


def _meeting_url(name: str, b) -> str:
    return reverse(name, kwargs={"pk": b.pk})


def participant_tasks(user, inschrijvingen) -> list[Taak]:
    """The participant's to-do, soonest deadline first. ``inschrijvingen``: their own,
    with their trajecten (already loaded for the home page)."""
    now = timezone.now()
    taken = []
    placed = {}
    for i in inschrijvingen:
        if i.status == InschrijvingStatus.AANGEBODEN and i.aangeboden_op:
            lapses = i.aangeboden_op + timedelta(hours=i.traject.aanbod_uren)
            url = reverse("trajecten:aanbod", kwargs={"slug": i.traject.slug})
            taken.append(Taak("aanbod", url, i.traject.naam, wanneer=lapses))
        elif i.status == InschrijvingStatus.GEPLAATST:
            placed[i.traject_id] = i
    if not placed:
        return taken
    mine = [i.pk for i in placed.values()]
    answered = Aanwezigheid.objects.filter(
        bijeenkomst=OuterRef("pk"),
        inschrijving__in=mine,
        antwoord__in=[Antwoord.KOMT, Antwoord.KOMT_NIET],
    )
    for b in (
        Bijeenkomst.objects.komend()
        .gepland()
        .filter(traject_id__in=placed, start__gt=now, start__lte=now + REPLY_AHEAD)
        .exclude(Exists(answered))
        .select_related("traject")
    ):
        url = _meeting_url("bijeenkomsten:detail", b) + "#antwoord"
        taken.append(Taak("antwoord", url, b.traject.naam, b.nummer, b.start))
    evaluated = Evaluatie.objects.filter(bijeenkomst=OuterRef("pk"), inschrijving__in=mine)
    published = Verslag.objects.filter(bijeenkomst=OuterRef("pk"), gepubliceerd__isnull=False)
    for b in (
        Bijeenkomst.objects.gepland()
        .filter(traject_id__in=placed, start__lte=now, start__gte=now - RECENT)
        .exclude(Exists(evaluated))
        .exclude(Exists(published))
        .select_related("traject")
    ):
        url = _meeting_url("verslagen:evaluatie", b)
        taken.append(Taak("evaluatie", url, b.traject.naam, b.nummer))
    for v in Verslag.objects.filter(
        bijeenkomst__traject_id__in=placed, gepubliceerd__gepubliceerd_op__gte=now - RECENT
    ).select_related("bijeenkomst__traject"):
        b = v.bijeenkomst
        url = _meeting_url("verslagen:verslag", b)
        taken.append(Taak("verslag", url, b.traject.naam, b.nummer))
    read = Gelezen.objects.filter(ronde=OuterRef("pk"), inschrijving__in=mine)
    for r in (
        Reviewronde.objects.filter(
            status=RondeStatus.OPEN,
            deadline__gt=now,
            versie__handreiking__traject_id__in=placed,
        )
        .exclude(Exists(read))
        .select_related("versie__handreiking__traject")
        .only(
            "deadline", "versie__handreiking__traject__naam", "versie__handreiking__traject__slug"
        )
    ):
        traject = r.versie.handreiking.traject
        url = reverse("handreiking:detail", kwargs={"slug": traject.slug})
        taken.append(Taak("handreiking", url, traject.naam, wanneer=r.deadline))
    far = now + timedelta(days=3650)
    return sorted(taken, key=lambda t: t.wanneer or far)


@dataclass
class Overzicht:
    """A coordinated traject on the home page: its to-do and its next meeting."""

    traject: object
    taken: list
    volgende: object = None
    antwoorden: dict | None = None


def coordinator_overview(trajecten) -> list[Overzicht]:
    """Per coordinated traject (not finished ones): what needs doing, and the next meeting
    with the replies per background."""
    now = timezone.now()
    by_id = {t.pk: Overzicht(t, []) for t in trajecten}
    if not by_id:
        return []
    ids = list(by_id)

    def add(traject_id, taak):
        by_id[traject_id].taken.append(taak)

    published = Verslag.objects.filter(bijeenkomst=OuterRef("pk"), gepubliceerd__isnull=False)
    for b in (
        Bijeenkomst.objects.gepland()
        .filter(traject_id__in=ids, einde__lt=now)
        .exclude(Exists(published))
        .order_by("start")
    ):
        add(b.traject_id, Taak("verslag", _meeting_url("verslagen:verslag", b), "", b.nummer))
    for row in (
        Opmerking.objects.filter(opgelost=False, ronde__versie__handreiking__traject_id__in=ids)
        .values(
            "ronde__versie__handreiking__traject_id", "ronde__versie__handreiking__traject__slug"
        )
        .annotate(n=Count("id"))
        .order_by()
    ):
        traject_id = row["ronde__versie__handreiking__traject_id"]
        slug = row["ronde__versie__handreiking__traject__slug"]
        url = reverse("handreiking:detail", kwargs={"slug": slug})
        add(traject_id, Taak("opmerkingen", url, "", aantal=row["n"]))
    for g in (
        Voorbereidingsgroep.objects.filter(
            bijeenkomst__traject_id__in=ids,
            bijeenkomst__einde__gte=now,
            bijeenkomst__status=BijeenkomstStatus.GEPLAND,
        )
        .annotate(n=Count("leden"))
        .filter(n=0)
        .select_related("bijeenkomst")
    ):
        b = g.bijeenkomst
        add(b.traject_id, Taak("groep", _meeting_url("groepen:voorbereiding", b), "", b.nummer))
    for i in Inschrijving.objects.filter(
        traject_id__in=ids, status=InschrijvingStatus.AANGEBODEN, aangeboden_op__isnull=False
    ).select_related("traject"):
        lapses = i.aangeboden_op + timedelta(hours=i.traject.aanbod_uren)
        url = reverse("trajecten:deelnemers", kwargs={"slug": i.traject.slug})
        add(
            i.traject_id,
            Taak("aanbod", f"{url}?status=aangeboden", "", wanneer=lapses, naam=i.naam),
        )
    for b in (
        Bijeenkomst.objects.komend()
        .gepland()
        .filter(traject_id__in=ids)
        .annotate(punten=Count("agenda"))
        .filter(Q(punten=0) | (Q(plaats="") & Q(online_link="")))
    ):
        soort = "plaats" if not (b.plaats or b.online_link) else "agenda"
        add(b.traject_id, Taak(soort, _meeting_url("bijeenkomsten:bewerken", b), "", b.nummer))
    _next_meetings(by_id, ids)
    return list(by_id.values())


def _next_meetings(by_id: dict, ids: list) -> None:
    """Each traject's next meeting, and who replied what per background: two queries."""
    for b in Bijeenkomst.objects.komend().gepland().filter(traject_id__in=ids):
        entry = by_id[b.traject_id]
        if entry.volgende is None:
            entry.volgende = b
    meetings = [e.volgende.pk for e in by_id.values() if e.volgende]
    counts = defaultdict(lambda: defaultdict(dict))
    for row in (
        Aanwezigheid.objects.filter(bijeenkomst__in=meetings)
        .values("bijeenkomst_id", "antwoord", "inschrijving__tag")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts[row["bijeenkomst_id"]][row["antwoord"]][row["inschrijving__tag"]] = row["n"]
    for entry in by_id.values():
        if entry.volgende:
            got = counts[entry.volgende.pk]
            entry.antwoorden = [
                (tag, label, got[Antwoord.KOMT].get(tag, 0), got[Antwoord.KOMT_NIET].get(tag, 0))
                for tag, label in Tag.choices
            ]
