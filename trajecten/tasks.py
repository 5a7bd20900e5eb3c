from celery import shared_task


@shared_task(name="trajecten.send_inschrijving_bevestiging")
def send_inschrijving_bevestiging(inschrijving_id: int) -> None:
    """Kept for messages queued before confirmations went through the ledger."""
    from .messages import notify_bevestiging
    from .models import Inschrijving

    inschrijving = Inschrijving.objects.filter(pk=inschrijving_id).first()
    if inschrijving is None:
        return
    notify_bevestiging(inschrijving)


@shared_task(name="trajecten.send_plek_aangeboden")
def send_plek_aangeboden(inschrijving_id: int) -> None:
    from .choices import InschrijvingStatus
    from .messages import notify_offer
    from .models import Inschrijving

    inschrijving = (
        Inschrijving.objects.select_related("traject", "deelnemer__user")
        .filter(pk=inschrijving_id, status=InschrijvingStatus.AANGEBODEN)
        .first()
    )
    if inschrijving is None:
        return
    notify_offer(inschrijving)


@shared_task(name="trajecten.run_import")
def run_import(import_id: int) -> None:
    """Import an uploaded participant file. Idempotent under ``acks_late``: a finished import
    is left alone, and the claim, the enrolments and the result commit together, so a worker
    that dies half-way leaves the import to run again from the start."""
    from . import services

    services.run_import(import_id=import_id)
