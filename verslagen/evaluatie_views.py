from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from bijeenkomsten.permissions import bijeenkomst_or_404
from samenspel.permissions import login_required
from trajecten.choices import InschrijvingStatus

from . import queries
from .errors import VerslagError
from .evaluatie_forms import EvaluatieForm


@login_required
def evaluatie(request, pk):
    """One person's evaluation of a meeting: for people placed in the traject, open from
    the start of the meeting until its report is published, then read-only."""
    b = bijeenkomst_or_404(request.user, pk)
    mijn = queries.eigen_inschrijving(request.user, b, statussen=[InschrijvingStatus.GEPLAATST])
    if mijn is None:
        raise Http404
    status = queries.evaluatie_status(b)
    bestaand = queries.eigen_evaluatie(b, mijn) if status != queries.TE_VROEG else None
    kan_invullen = status == queries.OPEN
    form = EvaluatieForm(
        request.POST if request.method == "POST" and kan_invullen else None,
        instance=bestaand,
        read_only=not kan_invullen,
    )
    if request.method == "POST":
        if not kan_invullen:
            messages.error(request, _("Je kunt deze evaluatie niet meer invullen of veranderen."))
            return redirect(reverse("verslagen:evaluatie", kwargs={"pk": b.pk}))
        if form.is_valid():
            try:
                form.save(bijeenkomst=b, inschrijving=mijn)
            except VerslagError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Bedankt! Je evaluatie is opgeslagen."))
                return redirect(reverse("verslagen:evaluatie", kwargs={"pk": b.pk}))
    return render(
        request,
        "verslagen/evaluatie.html",
        {
            "b": b,
            "form": form,
            "status": status,
            "bestaand": bestaand,
            "kan_invullen": kan_invullen,
        },
    )
