"""Celery tasks of the joint guide. Registered by importing them from ``tasks``."""

from celery import shared_task

from trajecten.models import Traject


@shared_task(name="verslagen.build_handreiking", acks_late=True)
def build_handreiking(opdracht_id: int) -> int | None:
    """Compile the version a request asks for. Idempotent (see ``services.build``)."""
    from . import services

    versie = services.build(opdracht_id=opdracht_id)
    return versie.pk if versie else None


@shared_task(name="verslagen.compile_handreiking")
def compile_handreiking(traject_id: int, user_id: int | None = None) -> None:
    """Messages queued before builds were tracked as requests: make them a request."""
    from django.contrib.auth import get_user_model

    from . import services

    traject = Traject.objects.filter(pk=traject_id).first()
    if traject is None:
        return
    door = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    try:
        services.request_compile(traject=traject, door=door)
    except services.HandreikingError:  # a review round opened meanwhile
        return
