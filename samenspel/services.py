from django.db import transaction
from django.utils.translation import get_language

from . import tasks


def request_signin_link(*, email: str) -> None:
    """Queue the sign-in e-mail. Whether the address is known is decided in the task,
    so the answer and its timing never tell."""
    language = get_language()
    transaction.on_commit(lambda: tasks.send_signin_link.delay(email.strip().lower(), language))
