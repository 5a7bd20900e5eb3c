from django.db import transaction
from django.utils.translation import get_language

from . import tasks, wachtrij


def request_signin_link(*, email: str) -> bool:
    """Queue the sign-in e-mail; False when the broker is down. Whether the address is
    known is decided in the task, so the answer and its timing never tell. Queued at once,
    not after a commit: nothing is saved, so the person must hear when it did not work."""
    return wachtrij.send(tasks.send_signin_link, email.strip().lower(), get_language())


def export_personal_data(*, user) -> dict:
    """Everything the app keeps about one person, as plain data (for the AVG/GDPR right
    of access and portability)."""
    from bijeenkomsten.models import Aanwezigheid, Bijdrage, Groepslid, Tafelplaats
    from trajecten.models import Inschrijving
    from verslagen.models import Evaluatie, Opmerking
    from waarden.models import Citaat, Onderschrijving

    inschrijvingen = Inschrijving.objects.filter(deelnemer__user=user).select_related(
        "traject", "organisatie", "deelnemer"
    )
    deelnemer = getattr(user, "deelnemer", None)
    return {
        "account": {
            "email": user.email,
            "naam": user.naam,
            "taal": user.taal,
            "aangemaakt_op": user.date_joined.isoformat(),
            "laatst_ingelogd": user.last_login.isoformat() if user.last_login else None,
        },
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


@transaction.atomic
def delete_account(*, user) -> None:
    """Remove a person and their personal data. Seats they held in trajecten still going
    are offered on first. Their enrolments stay for the figures, moved to an anonymous
    placeholder; contributions and quotes stay without their name; talents, wishes,
    evaluation answers and comments go."""
    from trajecten.choices import TrajectStatus
    from trajecten.models import Inschrijving
    from trajecten.services import withdraw

    from .anonimiseren import anonymise_inschrijvingen

    inschrijvingen = list(
        Inschrijving.objects.filter(deelnemer__user=user).select_related("traject")
    )
    for inschrijving in inschrijvingen:
        if inschrijving.traject.status != TrajectStatus.AFGEROND:
            withdraw(inschrijving=inschrijving)
    anonymise_inschrijvingen(inschrijvingen)
    user.delete()


def unsubscribe(*, user_id: int, doel: str) -> None:
    """Switch off one kind of e-mail for a person (idempotent)."""
    from bijeenkomsten.berichten import VOORKEUR

    from .models import User

    User.objects.filter(pk=user_id).update(**{VOORKEUR[doel]: False})
