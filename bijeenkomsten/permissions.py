"""Which meetings a person may see: those of the trajecten they may see for the action."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from samenspel.permissions import Actie, DeniedWithPage
from trajecten.choices import InschrijvingStatus
from trajecten.models import Inschrijving
from trajecten.permissions import trajecten_voor

from .models import Bijeenkomst


class OpWachtlijst(DeniedWithPage):
    """A meeting page asked for by someone on the traject's waiting list. They know the
    traject, so nothing leaks by saying so: the 403 handler shows them a kind page with
    their place instead of a bare 404. Nothing of the meeting itself is shown. (Someone
    offered a place holds it already and sees the meeting.)"""

    template_name = "bijeenkomsten/wachtlijst.html"

    def __init__(self, inschrijving):
        super().__init__({"inschrijving": inschrijving, "traject": inschrijving.traject})
        self.inschrijving = inschrijving


def _waiting_for(user, bijeenkomst_pk: int):
    if not user.is_authenticated:
        return None
    return (
        Inschrijving.objects.filter(
            deelnemer__user=user,
            status=InschrijvingStatus.WACHTLIJST,
            traject__bijeenkomsten__pk=bijeenkomst_pk,
        )
        .select_related("traject")
        .first()
    )


def bijeenkomst_or_404(user, pk: int, actie: Actie = Actie.DEELNEMEN):
    try:
        return get_object_or_404(
            Bijeenkomst.objects.select_related("traject", "bouwsteen").filter(
                traject__in=trajecten_voor(user, actie)
            ),
            pk=pk,
        )
    except Http404:
        # Only for pages everyone at the table sees; coordinators' pages stay a 404.
        waiting_pages = (Actie.DEELNEMEN, Actie.INBRENGEN)
        if actie in waiting_pages and (wachtend := _waiting_for(user, pk)) is not None:
            raise OpWachtlijst(wachtend) from None
        raise
