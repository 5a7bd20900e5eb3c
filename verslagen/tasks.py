from celery import shared_task


@shared_task(name="verslagen.build_verslag", acks_late=True)
def build_verslag(opdracht_id: int) -> int | None:
    """Build a report. Idempotent (see ``services.build_report``), so a worker killed
    mid-build leaves the request to be redelivered and finished."""
    from . import services

    versie = services.build_report(opdracht_id=opdracht_id)
    return versie.pk if versie else None


@shared_task(name="verslagen.render_pdfs", acks_late=True)
def render_pdfs(verslag_versie_ids: list[int], handreiking_versie_ids: list[int]) -> int:
    """Render again the PDFs dropped when a person was taken out of stored versions.
    Idempotent: versions that have a PDF again, or are gone, are skipped."""
    from .scrubbing import render_missing_pdfs

    return render_missing_pdfs(verslag_versie_ids, handreiking_versie_ids)


# The guide's task lives in its own module; importing it here registers it with the worker.
from .handreiking.tasks import build_handreiking, compile_handreiking  # noqa: E402, F401
