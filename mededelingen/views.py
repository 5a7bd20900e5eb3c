"""A coordinator writes to the people of a traject: a form, a preview with the number of
people it reaches, then sending (once, whatever is pressed twice)."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from berichten.messages import render as render_message
from samenspel import audit
from samenspel.permissions import Actie, login_required
from trajecten.permissions import traject_or_404

from . import services
from .choices import AuditActie, Bericht
from .forms import MededelingForm
from .queries import count, recipients


@login_required
def nieuw(request, slug):
    traject = traject_or_404(request.user, slug, Actie.COORDINEREN)
    form = MededelingForm(request.POST or None, traject=traject)
    actie = request.POST.get("actie")
    if request.method == "POST" and actie in ("voorbeeld", "versturen") and form.is_valid():
        data = form.cleaned_data
        sleutel = _uuid(request.POST.get("sleutel", ""))
        if actie == "versturen" and sleutel is not None:
            return _send(request, traject, data, sleutel)
        return _preview(request, traject, form, data)
    context = {
        "traject": traject,
        "form": form,
        "verstuurd": traject.mededelingen.select_related("verstuurd_door", "bijeenkomst")[:50],
    }
    return render(request, "mededelingen/nieuw.html", context)


def _uuid(text: str):
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def _preview(request, traject, form, data):
    people = list(recipients(traject, data["ontvangers"], data["bijeenkomst"], data["groep"]))
    per_email, without = count(people)
    example = next((i.deelnemer.user for i in people if i.deelnemer.user.heeft_email), None)
    mededeling = services.unsaved(traject=traject, door=request.user, data=data)
    email = render_message(
        Bericht.MEDEDELING,
        {
            "user": example or request.user,
            "traject": traject,
            "mededeling": mededeling,
            "site_url": settings.SITE_URL,
        },
        to="",
        language=(example or request.user).taal,
    )
    context = {
        "traject": traject,
        "form": form,
        "per_email": per_email,
        "zonder_email": without,
        # The rendered text is marked safe; as plain str it is escaped on this page.
        "onderwerp": email.subject.replace("\r\n", "\n"),
        "tekst": email.body.replace("\r\n", "\n"),
        "sleutel": uuid.uuid4(),
    }
    return render(request, "mededelingen/voorbeeld.html", context)


def _send(request, traject, data, sleutel):
    mededeling, nieuw = services.send(
        traject=traject, door=request.user, data=data, sleutel=sleutel
    )
    if nieuw:
        audit.log(
            request.user,
            AuditActie.MEDEDELING_VERSTUURD,
            mededeling,
            traject=traject,
            ontvangers=mededeling.ontvangers,
            aantal=mededeling.aantal,
        )
        messages.success(
            request,
            ngettext(
                "Het bericht gaat naar %(aantal)s persoon.",
                "Het bericht gaat naar %(aantal)s mensen.",
                mededeling.aantal,
            )
            % {"aantal": mededeling.aantal},
        )
    else:
        messages.info(request, _("Dit bericht was al verstuurd. We sturen het niet nog een keer."))
    return redirect("mededelingen:nieuw", slug=traject.slug)
