"""What this app holds about a person: evaluations, comments on the guide, and their name in
stored reports and guides (see ``samenspel.personal_data``)."""

from samenspel import personal_data

from .models import Evaluatie, Opmerking
from .scrubbing import people_of, remove_from_documents


def export(user) -> dict:
    return {
        "evaluaties": [
            {
                "traject": e.bijeenkomst.traject.naam,
                "bijeenkomst": e.bijeenkomst.nummer,
                "doelmatigheid": e.doelmatigheid,
                "open": e.open,
                "eerlijk": e.eerlijk,
                "inzet": e.inzet,
                "wat_werkte": e.wat_werkte,
                "kan_beter": e.kan_beter,
                "op": e.ingevuld_op.isoformat(),
            }
            for e in Evaluatie.objects.filter(inschrijving__deelnemer__user=user)
            .select_related("bijeenkomst__traject")
            .order_by("bijeenkomst__start", "pk")
        ],
        "reacties_handreiking": [
            {
                "traject": o.ronde.versie.handreiking.traject.naam,
                "versie": o.ronde.versie.nummer,
                "hoofdstuk": o.sectie,
                "tekst": o.tekst,
                "op": o.aangemaakt_op.isoformat(),
                "afgehandeld": o.opgelost,
                "antwoord": o.antwoord,
            }
            for o in Opmerking.objects.filter(inschrijving__deelnemer__user=user)
            .select_related("ronde__versie__handreiking__traject")
            .order_by("aangemaakt_op", "pk")
        ],
    }


def anonymise(inschrijvingen) -> None:
    # Stored reports and guides first, while it is still known what the person wrote.
    remove_from_documents(
        traject_ids={i.traject_id for i in inschrijvingen}, mensen=people_of(inschrijvingen)
    )
    ids = [i.pk for i in inschrijvingen]
    Evaluatie.objects.filter(inschrijving_id__in=ids).update(wat_werkte="", kan_beter="")
    Opmerking.objects.filter(inschrijving_id__in=ids).delete()


personal_data.register("verslagen", export=export, anonymise=anonymise)
