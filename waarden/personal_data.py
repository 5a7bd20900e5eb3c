"""What this app holds about a person: endorsed values and quotes (see
``samenspel.personal_data``)."""

from samenspel import personal_data

from .models import Citaat, Onderschrijving


def export(user) -> dict:
    return {
        "kernwaarden": [
            {"traject": o.inschrijving.traject.naam, "waarde": o.waarde.naam}
            for o in Onderschrijving.objects.filter(inschrijving__deelnemer__user=user)
            .select_related("waarde", "inschrijving__traject")
            .order_by("waarde__naam")
        ],
        "citaten": [
            {
                "traject": c.inschrijving.traject.naam,
                "waarde": c.waarde.naam,
                "tekst": c.tekst,
                "naam_tonen": c.toon_naam,
                "op": c.aangemaakt_op.isoformat(),
            }
            for c in Citaat.objects.filter(inschrijving__deelnemer__user=user)
            .select_related("waarde", "inschrijving__traject")
            .order_by("aangemaakt_op")
        ],
    }


def anonymise(inschrijvingen) -> None:
    # Quotes stay for the values board, without a name.
    Citaat.objects.filter(inschrijving__in=[i.pk for i in inschrijvingen]).update(toon_naam=False)


personal_data.register("waarden", export=export, anonymise=anonymise)
