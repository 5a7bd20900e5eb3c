"""What this app does when something happens in ``trajecten`` (see ``trajecten.signals``)."""

from django.dispatch import receiver
from django.utils import timezone

from trajecten import signals

from .models import Groepslid, Tafelplaats


@receiver(signals.inschrijving_vertrokken)
def leave_future_groups(sender, inschrijving, **kwargs):
    """Someone who leaves is taken out of prep groups and tables of meetings still to come
    (past ones stay, they are history)."""
    now = timezone.now()
    Groepslid.objects.filter(inschrijving=inschrijving, groep__bijeenkomst__start__gt=now).delete()
    Tafelplaats.objects.filter(inschrijving=inschrijving, bijeenkomst__start__gt=now).delete()
