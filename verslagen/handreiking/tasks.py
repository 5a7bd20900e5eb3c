"""Celery task of the joint guide. Registered by importing it from ``tasks``."""

from celery import shared_task

from trajecten.models import Traject


@shared_task(name="verslagen.compile_handreiking")
def compile_handreiking(traject_id: int, user_id: int | None = None) -> None:
    """Compile a new version. Idempotent: the same content adds no version."""

    from . import services

    traject = Traject.objects.filter(pk=traject_id).first()
    if traject is None:
        return
    services.run_compile(traject=traject, door_id=user_id)
