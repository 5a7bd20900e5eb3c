"""The outbox's Celery tasks: the sweep (beat) and sending one chunk."""

from celery import shared_task

from . import sending
from .sending import TransientSendError
from .sweep import sweep


@shared_task(name="bijeenkomsten.sweep_herinneringen")  # the name beat schedules by
def sweep_herinneringen() -> dict:
    return sweep()


@shared_task(
    bind=True,
    name="bijeenkomsten.send_chunk",  # kept, so chunks queued before an update still run
    autoretry_for=(TransientSendError,),
    retry_backoff=30,
    retry_backoff_max=900,
    retry_jitter=True,
    max_retries=6,
)
def send_chunk(self, token: str) -> int:
    try:
        return sending.send_chunk(token)
    except TransientSendError as exc:
        if self.request.retries >= self.max_retries:
            sending.give_up(token, str(exc))
            return 0
        raise
