from celery import shared_task

from . import personal_data


@shared_task(name="samenspel.bewaartermijn")
def bewaartermijn() -> None:
    """Daily: remove the personal data of finished trajecten past their retention period."""
    personal_data.run_retention()
