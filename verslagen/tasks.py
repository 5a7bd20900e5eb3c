from celery import shared_task


@shared_task(name="verslagen.build_verslag", acks_late=True)
def build_verslag(opdracht_id: int) -> int | None:
    """Build a report. Idempotent (see ``services.build_report``), so a worker killed
    mid-build leaves the request to be redelivered and finished."""
    from . import services

    versie = services.build_report(opdracht_id=opdracht_id)
    return versie.pk if versie else None


# The guide's task lives in its own module; importing it here registers it with the worker.
from .handreiking_tasks import compile_handreiking  # noqa: E402, F401
