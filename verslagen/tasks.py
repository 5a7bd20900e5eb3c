from celery import shared_task


@shared_task(name="verslagen.build_verslag", acks_late=True)
def build_verslag(opdracht_id: int) -> int | None:
    """Build a report. Idempotent (see ``services.build_report``), so a worker killed
    mid-build leaves the request to be redelivered and finished."""
    from . import services

    versie = services.build_report(opdracht_id=opdracht_id)
    return versie.pk if versie else None
