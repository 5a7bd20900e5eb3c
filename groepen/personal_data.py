"""What this app holds about a person: prep groups and tables (see
``samenspel.personal_data``). Membership stays with the anonymised enrolment."""

from samenspel import personal_data

from .models import Groepslid, Tafelplaats


def export(user) -> dict:
    return {
        "voorbereidingsgroepen": [
            {"traject": g.groep.bijeenkomst.traject.naam, "bijeenkomst": g.groep.bijeenkomst.nummer}
            for g in Groepslid.objects.filter(inschrijving__deelnemer__user=user).select_related(
                "groep__bijeenkomst__traject"
            )
        ],
        "tafels": [
            {
                "traject": t.bijeenkomst.traject.naam,
                "bijeenkomst": t.bijeenkomst.nummer,
                "tafel": t.tafel.nummer,
            }
            for t in Tafelplaats.objects.filter(inschrijving__deelnemer__user=user).select_related(
                "bijeenkomst__traject", "tafel"
            )
        ],
    }


personal_data.register("groepen", export=export)
