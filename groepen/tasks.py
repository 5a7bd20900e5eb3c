from celery import shared_task


@shared_task(name="bijeenkomsten.send_groep_gewijzigd")  # the name queued tasks carry
def send_groep_gewijzigd(
    groep_id: int, versie: int, behalve_id: int | None = None, uit_ids: list[int] | None = None
) -> None:
    """Tell the members of a prep group that it was formed or changed (not ``behalve_id``,
    who made the change), and the people in ``uit_ids`` that they are no longer in it. The
    ledger keeps it to one e-mail per person and version."""
    from .models import Voorbereidingsgroep
    from .services import send_groep_bericht  # services queue this task

    groep = (
        Voorbereidingsgroep.objects.select_related("bijeenkomst__traject")
        .filter(pk=groep_id)
        .first()
    )
    if groep is None:
        return
    send_groep_bericht(groep=groep, versie=versie, behalve=behalve_id, uit=uit_ids or [])
