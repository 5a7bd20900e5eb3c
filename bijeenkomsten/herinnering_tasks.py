"""Celery tasks of the reminders; imported by tasks.py so autodiscovery finds them."""

from celery import shared_task

from .verzenden import TransientSendError


@shared_task(name="bijeenkomsten.sweep_herinneringen")
def sweep_herinneringen() -> dict:
    from .herinnering_services import sweep

    return sweep()


@shared_task(
    bind=True,
    name="bijeenkomsten.send_chunk",
    autoretry_for=(TransientSendError,),
    retry_backoff=30,
    retry_backoff_max=900,
    retry_jitter=True,
    max_retries=6,
)
def send_chunk(self, token: str) -> int:
    from . import verzenden

    try:
        return verzenden.send_chunk(token)
    except TransientSendError as exc:
        if self.request.retries >= self.max_retries:
            verzenden.give_up(token, str(exc))
            return 0
        raise
