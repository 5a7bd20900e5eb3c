"""What a report holds, as plain data: the facts of the meeting, attendance per tag,
agenda and bouwsteen, contributions, quotes on values, the evaluation summary and the
next prep group.

``assemble`` reads it in a fixed number of queries (eight, whatever the number of people)
into a dict of strings, numbers and lists in a fixed order, with no clock in it, so the
same data give the same ``content_hash``. Labels are not in the data: the template
translates codes, so the hash does not depend on the language.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from zoneinfo import ZoneInfo

from bijeenkomsten.models import Bijdrage, Bijeenkomst
from bijeenkomsten.queries import attendance_counts, voornaam
from groepen.models import Groepslid
from waarden.models import Citaat

SCHEMA = 2  # 2: a person id ("persoon") beside every first name
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DOEI = ("doelmatigheid", "open", "eerlijk", "inzet")
SOORTEN = ("idee", "kracht", "knelpunt", "citaat", "fluitend")


def canonical_json(data: Mapping) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def content_hash(data: Mapping) -> str:
    """sha256 of the canonical JSON of ``data``."""
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


def _local(moment) -> str:
    return moment.astimezone(AMSTERDAM).isoformat() if moment else ""


# The evaluation form promises an anonymous answer: scores and open answers appear in a
# report only when at least this many people answered; below it only the number does.
MIN_EVALUATIES = 5
# The same for counts per background in a report: readers were in the room, so a small
# count would tell who has which background.
MIN_PER_TAG = 5


def summarise_evaluations(rows: Iterable[Mapping]) -> dict:
    """Count, average per DOEI statement (one decimal) and the open answers, sorted by
    text so their order tells nothing about who wrote them. With fewer than
    ``MIN_EVALUATIES`` answers only the count: nothing else is stored or shown."""
    rows = list(rows)
    aantal = len(rows)
    if aantal < MIN_EVALUATIES:
        return {"aantal": aantal, "getoond": False}
    gemiddelden = {
        veld: (round(sum(r[veld] for r in rows) / aantal, 1) if aantal else None) for veld in DOEI
    }
    verdeling = {
        veld: [sum(1 for r in rows if r[veld] == score) for score in range(1, 6)] for veld in DOEI
    }

    def answers(key):
        return sorted(t.strip() for r in rows if (t := r[key]) and t.strip())

    return {
        "aantal": aantal,
        "getoond": True,
        "gemiddelden": gemiddelden,
        "verdeling": verdeling,
        "wat_werkte": answers("wat_werkte"),
        "kan_beter": answers("kan_beter"),
    }


def assemble(bijeenkomst) -> dict:
    """The report data of one meeting, in eight queries."""

    from .models import Evaluatie

    b = Bijeenkomst.objects.select_related("traject", "bouwsteen").get(pk=bijeenkomst.pk)
    traject = b.traject

    agenda = [{"titel": p.titel, "duur": p.duur} for p in b.agenda.order_by("volgorde", "id")]

    counts = attendance_counts(b)

    bijdragen = {soort: [] for soort in SOORTEN}
    for bijdrage in (
        Bijdrage.objects.filter(bijeenkomst=b, verborgen=False)
        .select_related("door")
        .order_by("aangemaakt_op", "id")
    ):
        naam = voornaam(bijdrage.door) if bijdrage.toon_naam and bijdrage.door else ""
        bijdragen[bijdrage.soort].append(
            {"tekst": bijdrage.tekst, "naam": naam, "persoon": bijdrage.door_id if naam else None}
        )

    citaten: dict[str, dict] = {}
    for citaat in (
        Citaat.objects.filter(bijeenkomst=b, verborgen=False)
        .select_related("waarde", "inschrijving__deelnemer__user")
        .order_by("waarde__volgorde", "waarde__naam", "aangemaakt_op", "id")
    ):
        groep = citaten.setdefault(
            citaat.waarde.slug, {"waarde": citaat.waarde.naam, "citaten": []}
        )
        user = citaat.inschrijving.deelnemer.user
        naam = voornaam(user) if citaat.toon_naam else ""
        groep["citaten"].append(
            {"tekst": citaat.tekst, "naam": naam, "persoon": user.pk if naam else None}
        )

    evaluatie = summarise_evaluations(
        Evaluatie.objects.filter(bijeenkomst=b)
        .order_by("id")
        .values(*DOEI, "wat_werkte", "kan_beter")
    )

    volgende = (
        Bijeenkomst.objects.filter(traject=traject, nummer__gt=b.nummer)
        .gepland()
        .select_related("voorbereidingsgroep")
        .order_by("nummer")
        .first()
    )
    voorbereiding = None
    groep = getattr(volgende, "voorbereidingsgroep", None) if volgende else None
    if groep is not None:
        leden = [
            {
                "naam": voornaam(lid.inschrijving.deelnemer.user),
                "persoon": lid.inschrijving.deelnemer.user_id,
            }
            for lid in Groepslid.objects.filter(groep=groep)
            .select_related("inschrijving__deelnemer__user")
            .order_by("inschrijving__deelnemer__user__naam", "id")
        ]
        voorbereiding = {
            "nummer": volgende.nummer,
            "start": _local(volgende.start),
            "thema": volgende.thema,
            "leden": [lid for lid in leden if lid["naam"]],
        }

    return {
        "schema": SCHEMA,
        "bijeenkomst": {
            "traject": traject.naam,
            "nummer": b.nummer,
            "start": _local(b.start),
            "einde": _local(b.einde),
            "plaats": b.plaats,
            "adres": b.adres,
            "thema": b.thema,
            "geannuleerd": b.is_geannuleerd,
        },
        "bouwsteen": (
            {"titel": b.bouwsteen.titel, "tekst": b.bouwsteen.tekst} if b.bouwsteen else None
        ),
        "agenda": agenda,
        "aanwezigheid": {
            **counts,
            "doelen": {str(tag): pct for tag, pct in traject.doelen.items()},
        },
        "bijdragen": [{"soort": soort, "items": bijdragen[soort]} for soort in SOORTEN],
        "citaten": list(citaten.values()),
        "evaluatie": evaluatie,
        "voorbereiding": voorbereiding,
    }
