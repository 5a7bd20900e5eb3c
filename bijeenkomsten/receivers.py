"""What this app does when something happens in ``trajecten`` (see ``trajecten.signals``)."""

from django.dispatch import receiver

from trajecten import signals

from .services import propose_bijeenkomsten


@receiver(signals.traject_aangemaakt)
def propose_meetings(sender, traject, **kwargs):
    propose_bijeenkomsten(traject=traject)
