from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samenspel import audit
from samenspel.auth import signup_allowed, signup_wait_minutes
from samenspel.models import User
from samenspel.permissions import Actie, is_coordinator, login_required, role_required

from . import services
from .choices import TAG_VAN_ROL, AuditActie, Rol, Tag
from .errors import TrajectError
from .forms import AanmeldForm, TrajectForm
from .models import Aanmeldverzoek, Inschrijving, Traject
from .permissions import may, traject_or_404
from .queries import traject_balans


def detail(request, slug):
    traject = traject_or_404(request.user, slug, Actie.ZIEN)
    mijn = None
    if request.user.is_authenticated:
        mijn = traject.inschrijvingen.filter(deelnemer__user=request.user).first()
    context = {
        "traject": traject,
        "bijeenkomsten": traject.bijeenkomsten.all(),
        "aan_tafel": may(request.user, traject, Actie.DEELNEMEN),
        "mijn": mijn,
        "balans": traject_balans(traject)["bezet"],
        "coordineert": may(request.user, traject, Actie.COORDINEREN),
        "ziet_balans": may(request.user, traject, Actie.BALANS),
    }
    return render(request, "trajecten/detail.html", context)


def aanmelden(request, slug):
    """The public sign-up form. A valid post always gets the same answer ("kijk in je
    e-mail"), whatever the address: only the link in the e-mail enrols."""
    traject = get_object_or_404(Traject.objects.publiek(), slug=slug)
    if request.method == "POST" and not signup_allowed(request):
        context = {"traject": traject, "minuten": signup_wait_minutes()}
        return render(request, "trajecten/te_vaak.html", context, status=429)
    form = AanmeldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_sign_up(traject=traject, aanmelding=form.aanmelding())
        except TrajectError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("trajecten:aangemeld", slug=traject.slug)
    return render(request, "trajecten/aanmelden.html", {"traject": traject, "form": form})


def aangemeld(request, slug):
    traject = get_object_or_404(Traject.objects.publiek(), slug=slug)
    context = {"traject": traject, "geldig_uren": settings.AANMELDING_GELDIG_UREN}
    return render(request, "trajecten/aangemeld.html", context)


@never_cache
def aanmelding_bevestigen(request, slug, token):
    """The link from the e-mail, without signing in. GET shows what was filled in and a
    button, so a mail scanner that opens the link confirms nothing; the POST confirms."""
    verzoek = (
        Aanmeldverzoek.objects.select_related("traject", "inschrijving")
        .filter(token=token, traject__slug=slug)
        .first()
        if len(token) <= 64
        else None
    )
    if verzoek is None:
        return render(
            request, "trajecten/aanmelding_bevestigen.html", {"verlopen": True}, status=410
        )
    traject = verzoek.traject
    if request.method == "POST":
        try:
            bevestiging = services.confirm_sign_up(token=token)
        except TrajectError as exc:
            context = {"verlopen": True, "traject": traject, "fout": str(exc)}
            return render(request, "trajecten/aanmelding_bevestigen.html", context, status=410)
        context = {
            "traject": traject,
            "inschrijving": bevestiging.inschrijving,
            "bevestigd": True,
            "nieuw": bevestiging.nieuw,
            "al_bevestigd": bevestiging.al_bevestigd,
        }
        return render(request, "trajecten/aanmelding_bevestigen.html", context)
    if verzoek.bevestigd_op is not None:
        context = {
            "traject": traject,
            "inschrijving": verzoek.inschrijving,
            "bevestigd": True,
            "nieuw": False,
            "al_bevestigd": True,
        }
        return render(request, "trajecten/aanmelding_bevestigen.html", context)
    if services.open_verzoek(token) is None:
        return render(
            request,
            "trajecten/aanmelding_bevestigen.html",
            {"verlopen": True, "traject": traject},
            status=410,
        )
    context = {
        "traject": traject,
        "verzoek": verzoek,
        "rol": Rol(verzoek.rol).label,
        "tag": Tag(TAG_VAN_ROL[verzoek.rol]).label,
        "bekend": User.objects.filter(email__iexact=verzoek.email).exists(),
    }
    return render(request, "trajecten/aanmelding_bevestigen.html", context)


def _own_enrolment(request, slug):
    traject = traject_or_404(request.user, slug, Actie.ZIEN)
    inschrijving = traject.inschrijvingen.filter(deelnemer__user=request.user).first()
    if inschrijving is None:
        raise Http404
    return traject, inschrijving


@login_required
@require_POST
def afmelden(request, slug):
    traject, inschrijving = _own_enrolment(request, slug)
    services.withdraw(inschrijving=inschrijving)
    messages.success(request, _("Je bent afgemeld. Jammer dat je niet meer meedoet."))
    return redirect(traject)


@login_required
@require_POST
def aanbod(request, slug):
    traject, inschrijving = _own_enrolment(request, slug)
    try:
        if request.POST.get("antwoord") == "ja":
            services.accept_offer(inschrijving=inschrijving)
            messages.success(request, _("Fijn! Je hebt nu een plek."))
        else:
            services.withdraw(inschrijving=inschrijving)
            messages.success(request, _("Dank je. We geven de plek aan iemand anders."))
    except TrajectError as exc:
        messages.error(request, str(exc))
    return redirect(traject)


@role_required(is_coordinator)
def nieuw(request):
    form = TrajectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        traject = services.create_traject(form=form, coordinator=request.user)
        audit.log(request.user, AuditActie.TRAJECT_NIEUW, traject, velden=form.changed_data)
        messages.success(request, _("Het traject is aangemaakt."))
        return redirect(traject)
    return render(request, "trajecten/bewerken.html", {"form": form, "traject": None})


@login_required
def bewerken(request, slug):
    traject = traject_or_404(request.user, slug, Actie.COORDINEREN)
    form = TrajectForm(request.POST or None, instance=traject)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit.log(request.user, AuditActie.TRAJECT_BEWERKT, traject, velden=form.changed_data)
        messages.success(request, _("De wijzigingen zijn opgeslagen."))
        return redirect(traject)
    return render(request, "trajecten/bewerken.html", {"form": form, "traject": traject})


def aanbod_link(request, token):
    """Accept or decline an offered seat from the e-mail, without signing in."""
    from .offer_links import deadline, is_current, offered_id

    pk = offered_id(token)
    inschrijving = None
    if pk is not None:
        inschrijving = (
            Inschrijving.objects.select_related("traject", "deelnemer__user")
            .filter(pk=pk, status="aangeboden")
            .first()
        )
    if inschrijving is None or not is_current(token, inschrijving):
        return render(request, "trajecten/aanbod_link.html", {"verlopen": True}, status=410)
    if request.method == "POST":
        try:
            if request.POST.get("antwoord") == "ja":
                services.accept_offer(inschrijving=inschrijving)
                antwoord = "ja"
            else:
                services.withdraw(inschrijving=inschrijving)
                antwoord = "nee"
        except TrajectError:
            return render(request, "trajecten/aanbod_link.html", {"verlopen": True}, status=410)
        return render(
            request,
            "trajecten/aanbod_link.html",
            {"antwoord": antwoord, "traject": inschrijving.traject},
        )
    return render(
        request,
        "trajecten/aanbod_link.html",
        {
            "inschrijving": inschrijving,
            "traject": inschrijving.traject,
            "deadline": deadline(inschrijving),
        },
    )
