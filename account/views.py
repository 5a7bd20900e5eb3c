"""A person's own pages: asking for a sign-in link, home, their data, its export and
deletion, and their e-mails."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from berichten.messages import read_unsubscribe_token
from bijeenkomsten.queries import komende_bijeenkomsten
from samenspel import personal_data
from samenspel.auth import signin_limits
from samenspel.forms import InloglinkForm, VoorkeurenForm
from samenspel.permissions import is_coordinator
from samenspel.queueing import BROKER_ERRORS
from samenspel.responses import prive
from trajecten.choices import TrajectStatus
from trajecten.models import Deelnemer
from trajecten.queries import (
    areas_with_trajecten,
    finished_trajecten,
    gecoordineerde_trajecten,
    mijn_inschrijvingen,
    public_trajecten,
)
from verslagen.handreiking.queries import definitive_versions

from . import services, todo
from .calendars import calendar_links
from .export_csv import to_csv


@require_POST
def inloglink(request):
    form = InloglinkForm(request.POST)
    if not form.is_valid():
        return render(request, "samenspel/inloggen.html", {"form": form}, status=400)
    try:
        # The limits count in the Redis cache, the e-mail goes through the broker (Redis):
        # when it is down the person is told to try again, not shown an error page.
        ip_ok, address_ok = signin_limits(request, form.cleaned_data["email"])
        if not ip_ok:
            return render(request, "samenspel/te_vaak.html", status=429)
        # Over the per-address limit nothing more is sent, yet the answer is the usual one.
        queued = not address_ok or services.request_signin_link(email=form.cleaned_data["email"])
    except BROKER_ERRORS:
        queued = False
    if not queued:
        context = {"form": form, "storing": True}
        return render(request, "samenspel/inloggen.html", context, status=503)
    return redirect("inloglink_verstuurd")


@require_GET
def inloglink_verstuurd(request):
    return render(request, "samenspel/inloglink_verstuurd.html")


def home(request):
    if not request.user.is_authenticated:
        context = {"form": InloglinkForm(), "aanbod": public_trajecten()}
        return render(request, "samenspel/inloggen.html", context)
    user = request.user
    deelnemer = Deelnemer.objects.filter(user=user).only("agenda_token").first()
    inschrijvingen = list(mijn_inschrijvingen(user))
    gecoordineerd = list(gecoordineerde_trajecten(user)) if is_coordinator(user) else []
    lopend = [t for t in gecoordineerd if t.status != TrajectStatus.AFGEROND]
    context = {
        "taken": todo.participant_tasks(user, inschrijvingen),
        "komend": komende_bijeenkomsten(user),
        "agenda": calendar_links(deelnemer.agenda_token) if deelnemer else None,
        "inschrijvingen": inschrijvingen,
        "coordinatie": todo.coordinator_overview(lopend),
        "gecoordineerd": [t for t in gecoordineerd if t not in lopend],
        "mag_nieuw": is_coordinator(user),
    }
    return render(request, "account/home.html", context)


@login_required
def mijn_gegevens(request):
    data = personal_data.export(request.user)
    if request.GET.get("format") == "json":
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
        return prive(response)
    if request.GET.get("format") == "csv":
        response = HttpResponse(to_csv(data), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.csv"'
        return prive(response)
    return render(request, "account/mijn_gegevens.html", {"data": data})


@login_required
def account_verwijderen(request):
    if request.method == "POST":
        if request.POST.get("bevestig") == "ja":
            services.delete_account(user=request.user)
            logout(request)
            messages.success(request, _("Je gegevens zijn verwijderd."))
            return redirect("home")
        messages.error(request, _("Vink aan dat je je gegevens echt wilt verwijderen."))
    return render(request, "account/account_verwijderen.html")


@login_required
def voorkeuren(request):
    form = VoorkeurenForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Je keuzes zijn opgeslagen."))
        return redirect("voorkeuren")
    return render(request, "account/voorkeuren.html", {"form": form})


@csrf_exempt  # the gateway posts replies without a session
def sms_binnen(request, token):
    """A reply to a text message, forwarded by the gateway (CM.com sends ``from`` and
    ``message`` as query or form fields, or as JSON). Only at the configured secret address;
    elsewhere it does not exist."""
    if not settings.SMS_INKOMEND_TOKEN or not constant_time_compare(
        token, settings.SMS_INKOMEND_TOKEN
    ):
        raise Http404
    data = request.GET.dict() | request.POST.dict()
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            return HttpResponse("bad json", status=400, content_type="text/plain")
        if isinstance(body, dict):
            data |= {k: str(v) for k, v in body.items()}
    number, text = data.get("from", ""), data.get("message", "")
    if not number:
        return HttpResponse("no sender", status=400, content_type="text/plain")
    services.stop_sms(number=number, text=text)
    return HttpResponse("ok", content_type="text/plain")


@csrf_exempt  # RFC 8058: mail programs post the one-click unsubscribe without a session
def afmelden(request, token):
    """One-click unsubscribe from one kind of e-mail. GET shows a button (a mail scanner
    opening the link changes nothing); POST, from the page or the mail program, does it."""
    found = read_unsubscribe_token(token)
    if found is None:
        return render(request, "account/afmelden.html", {"ongeldig": True}, status=400)
    user_id, doel = found
    if request.method == "POST":
        services.unsubscribe(user_id=user_id, doel=doel)
        return render(request, "account/afmelden.html", {"klaar": True, "doel": doel})
    return render(request, "account/afmelden.html", {"doel": doel})


def trajecten(request):
    """Every open and running traject, with a filter by area, the visitor's own, and an
    archive of finished ones with their definitive guide."""
    gebieden = list(areas_with_trajecten())
    gekozen = _area(request, gebieden)
    gebied_id = gekozen.pk if gekozen else None
    afgerond = list(finished_trajecten(gebied_id))
    gidsen = definitive_versions([t.pk for t in afgerond])
    for t in afgerond:
        t.gids = gidsen.get(t.pk)
    context = {
        "gebieden": gebieden,
        "gekozen": gekozen,
        "aanbod": public_trajecten(gebied_id),
        "afgerond": afgerond,
        "mijn": [],
        "eigen": set(),
    }
    user = request.user
    if user.is_authenticated:
        eigen = [i.traject for i in mijn_inschrijvingen(user)]
        if is_coordinator(user):
            eigen += [t for t in gecoordineerde_trajecten(user) if t not in eigen]
        context["mijn"] = eigen
        context["eigen"] = {t.pk for t in eigen}
    return render(request, "trajecten/lijst.html", context)


def _area(request, gebieden):
    """The area chosen in the filter; anything else (nothing, a typo) shows all."""
    wanted = request.GET.get("gebied", "")
    return next((g for g in gebieden if str(g.pk) == wanted), None)
