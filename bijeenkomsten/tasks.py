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
