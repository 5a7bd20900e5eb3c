"""What this app holds about a person: their enrolments (see ``samenspel.personal_data``).
Enrolments themselves are anonymised in ``anonymise.py``; the retention sweep lives there."""

from samenspel import personal_data

from .anonymise import purge_due_trajecten
from .models import Inschrijving


def export(user) -> dict:
    inschrijvingen = Inschrijving.objects.filter(deelnemer__user=user).select_related(
        "traject", "organisatie", "deelnemer"
    )
    deelnemer = getattr(user, "deelnemer", None)
    return {
        "deelnemer": {
            "telefoon": deelnemer.telefoon,
            "toestemming_op": deelnemer.toestemming_op.isoformat()
            if deelnemer.toestemming_op
            else None,
        }
        if deelnemer
        else None,
        "inschrijvingen": [
            {
                "traject": i.traject.naam,
                "naam": i.naam,
                "telefoon": i.telefoon,
                "achtergrond": i.tag,
                "rol": i.rol,
                "organisatie": i.organisatie.naam if i.organisatie else None,
                "talenten": i.talenten,
                "wensen": i.wensen,
                "status": i.status,
                "wachtlijst_positie": i.wachtlijst_positie,
                "wil_voorbereiden": i.wil_voorbereiden,
                "ingeschreven_op": i.ingeschreven_op.isoformat(),
            }
            for i in inschrijvingen
        ],
    }


def retention(now=None) -> None:
    purge_due_trajecten(now)


personal_data.register("trajecten", export=export, retention=retention)
