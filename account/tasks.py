from celery import shared_task

from . import services


@shared_task(name="samenspel.send_signin_link")
def send_signin_link(email: str, language: str = "", key: str = "") -> int:
    """Put the sign-in link in the outbox, if the address has an account. Idempotent: a
    retried task has the same key, and the ledger holds one row per account and key.
    ``language`` is left from tasks queued by an earlier version; the account's decides."""
    return services.send_signin_link(email=email, key=key)
