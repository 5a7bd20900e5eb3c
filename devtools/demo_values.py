"""Demo data for the values board. Idempotent: running it again changes nothing that is
already there. Called from ``devtools.demo_data.seed_demo`` with the demo traject."""

from django.db import transaction

from trajecten.choices import BEZETTE_STATUSSEN, Tag
from waarden.catalogue import ensure_catalogue
from waarden.models import Citaat, Onderschrijving, TrajectWaarde, Waarde

# Each group leans towards some values; everyone who takes part in the demo also picks
# respect, so it comes out as shared, and the differences give something to talk about.
VOORKEUREN = {
    Tag.FORMEEL: ["respect", "verantwoordelijkheid", "transparantie", "gelijkwaardigheid"],
    Tag.INFORMEEL: ["respect", "warmte", "gelijkwaardigheid", "zelfregie"],
    Tag.ERVARINGSDESKUNDIGE: ["respect", "zelfregie", "veiligheid", "openheid"],
}

# (index among the seated people, value, text, show first name)
CITATEN = [
    (0, "respect", "Ik voel me hier echt gehoord, ook als ik het anders zie.", True),
    (2, "gelijkwaardigheid", "Aan deze tafel is niemand de baas. Dat werkt.", False),
    (4, "zelfregie", "Vraag eerst wat iemand zelf wil, voordat je iets regelt.", True),
    (6, "warmte", "Een kop koffie en een luisterend oor doen soms meer dan een plan.", False),
    (8, "transparantie", "Als je uitlegt waarom iets niet kan, snap ik het beter.", False),
]


@transaction.atomic
def seed_waarden_demo(traject) -> None:
    """Put the twelve catalogue values on the board of ``traject``; about half of the
    people with a seat choose two to four of them, and a few add a quote."""
    ensure_catalogue(Waarde)
    catalogus = {w.slug: w for w in Waarde.objects.filter(traject__isnull=True)}
    TrajectWaarde.objects.bulk_create(
        [TrajectWaarde(traject=traject, waarde=w) for w in catalogus.values()],
        ignore_conflicts=True,
    )
    mensen = list(
        traject.inschrijvingen.filter(status__in=BEZETTE_STATUSSEN).order_by(
            "ingeschreven_op", "id"
        )
    )
    meedoen = mensen[::2]  # every other person: about half
    keuzes = []
    for n, inschrijving in enumerate(meedoen):
        voorkeur = VOORKEUREN[inschrijving.tag]
        aantal = 2 + n % 3  # two, three or four values
        keuzes += [
            Onderschrijving(inschrijving=inschrijving, waarde=catalogus[slug])
            for slug in voorkeur[:aantal]
        ]
    Onderschrijving.objects.bulk_create(keuzes, ignore_conflicts=True)

    eerste = traject.bijeenkomsten.order_by("nummer").first()
    for index, slug, tekst, toon_naam in CITATEN:
        if index >= len(meedoen):
            continue
        Citaat.objects.get_or_create(
            inschrijving=meedoen[index],
            waarde=catalogus[slug],
            tekst=tekst,
            defaults={"bijeenkomst": eerste, "toon_naam": toon_naam},
        )
