"""What this app holds about a person: replies and attendance, contributions, prep groups,
tables and the e-mail ledger (see ``samenspel.personal_data``)."""

from django.db.models import Exists

from berichten.models import Verzending
from samenspel import personal_data

from .models import Aanwezigheid, Bijdrage


def export(user) -> dict:
    return {
        "aanwezigheid": [
            {
                "traject": a.bijeenkomst.traject.naam,
                "bijeenkomst": a.bijeenkomst.nummer,
                "antwoord": a.antwoord,
                "aanwezig": a.aanwezig,
            }
            for a in Aanwezigheid.objects.filter(inschrijving__deelnemer__user=user)
            .select_related("bijeenkomst__traject")
            .order_by("bijeenkomst__start")
        ],
        "bijdragen": [
            {"soort": b.soort, "tekst": b.tekst, "op": b.aangemaakt_op.isoformat()}
            for b in Bijdrage.objects.filter(door=user).order_by("aangemaakt_op")
        ],
    }


def anonymise(inschrijvingen) -> None:
    # Contributions name their author through the account; in these trajecten they stay,
    # without the author.
    Bijdrage.objects.filter(
        door_id__in=[i.deelnemer.user_id for i in inschrijvingen],
        bijeenkomst__traject_id__in={i.traject_id for i in inschrijvingen},
    ).update(door=None, toon_naam=False)


def purge_traject(traject) -> None:
    Verzending.objects.filter(traject=traject).delete()


def holds(traject_ref):
    return Exists(Verzending.objects.filter(traject=traject_ref))


personal_data.register(
    "bijeenkomsten", export=export, anonymise=anonymise, purge_traject=purge_traject, holds=holds
)
