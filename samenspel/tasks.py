from celery import shared_task

from . import mail, personal_data
from .models import User


@shared_task(name="samenspel.send_signin_link")
def send_signin_link(email: str, language: str = "nl") -> None:
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        return
    mail.send_signin_link(user=user, fallback_language=language)


@shared_task(name="samenspel.bewaartermijn")
def bewaartermijn() -> None:
    """Daily: remove the personal data of finished trajecten past their retention period."""
    personal_data.run_retention()
