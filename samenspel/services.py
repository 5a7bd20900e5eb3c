from django.utils.translation import get_language

from . import queueing, tasks


def request_signin_link(*, email: str) -> bool:
    """Queue the sign-in e-mail; False when the broker is down. Whether the address is
    known is decided in the task, so the answer and its timing never tell. Queued at once,
    not after a commit: nothing is saved, so the person must hear when it did not work."""
    return queueing.send(tasks.send_signin_link, email.strip().lower(), get_language())
