from celery import shared_task


@shared_task(name="bijeenkomsten.send_bijeenkomst_gewijzigd")
def send_bijeenkomst_gewijzigd(bijeenkomst_id: int, volgnummer: int) -> None:
    """Tell everyone with a seat about a rescheduled or cancelled meeting. A newer change
    supersedes this one; the ledger keeps it to one e-mail per person and change."""
    from .messages import notify_change
    from .models import Bijeenkomst

    bijeenkomst = (
        Bijeenkomst.objects.select_related("traject")
        .filter(pk=bijeenkomst_id, volgnummer=volgnummer)
        .first()
    )
    if bijeenkomst is None:
        return
    notify_change(bijeenkomst)


@shared_task(name="bijeenkomsten.send_groep_gewijzigd")
def send_groep_gewijzigd(
    groep_id: int, versie: int, behalve_id: int | None = None, uit_ids: list[int] | None = None
) -> None:
    """Tell the members of a prep group that it was formed or changed (not ``behalve_id``,
    who made the change), and the people in ``uit_ids`` that they are no longer in it. The
    ledger keeps it to one e-mail per person and version."""
    from .groepen_services import send_groep_bericht
    from .models import Voorbereidingsgroep

    groep = (
        Voorbereidingsgroep.objects.select_related("bijeenkomst__traject")
        .filter(pk=groep_id)
        .first()
    )
    if groep is None:
        return
    send_groep_bericht(groep=groep, versie=versie, behalve=behalve_id, uit=uit_ids or [])
