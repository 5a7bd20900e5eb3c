"""The coordinator's participant pages: the list (with export), one enrolment, inviting
and importing people. Every view is for the coordinators of the traject only."""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from samenspel import audit
from samenspel.middleware import upload_view
from samenspel.permissions import Actie, login_required
from samenspel.responses import EXPORT_TYPES, download, vary_on_htmx, wants_partial

from . import export, services
from .choices import AuditActie, InschrijvingStatus
from .deelnemers_forms import DeelnemerFilterForm, InschrijvingForm, NamensForm, StatusForm
from .errors import TrajectError
from .file_import import read_rows
from .forms import ImportForm, UitnodigForm
from .models import Import, Inschrijving, Traject
from .permissions import traject_or_404
from .queries import deelnemerslijst, invitations, offers_explained, traject_balans

# Files with more data rows than this are imported by a Celery worker, not in the request.
ACHTERGROND_VANAF = 300


@login_required
def deelnemers(request, slug):
    traject = traject_or_404(request.user, slug, Actie.COORDINEREN)
    filter_form = DeelnemerFilterForm(request.GET)
    lijst = deelnemerslijst(traject, **filter_form.filters())

    formaat = request.GET.get("format")
    if formaat in EXPORT_TYPES:
        rows = export.rows(lijst)
        if formaat == "csv":
            content = export.to_csv(rows)
        else:
            content = export.to_xlsx(rows, titel=_("Deelnemers"))
        return download(content, formaat, f"deelnemers-{traject.slug}")

    query = request.GET.copy()
    query.pop("format", None)
    lijst = list(lijst)
    aanbiedingen = offers_explained(traject, lijst)
    for i in lijst:
        i.aanbod = aanbiedingen.get(i.pk)
    context = {
        "traject": traject,
        "filter_form": filter_form,
        "inschrijvingen": lijst,
        "filter_query": query.urlencode(),
    }
    if wants_partial(request):
        template = "trajecten/deelnemers.html#lijst"
    else:
        template = "trajecten/deelnemers.html"
        context["balans"] = traject_balans(traject)
    response = render(request, template, context)
    vary_on_htmx(response)
    return response


def _status_preview(traject: Traject, inschrijving: Inschrijving, status: str) -> dict:
    nu, na = services.balance_after(traject=traject, inschrijving=inschrijving, status=status)
    return {"status": status, "label": InschrijvingStatus(status).label, "nu": nu, "na": na}


@login_required
def inschrijving(request, slug, pk):
    traject = traject_or_404(request.user, slug, Actie.COORDINEREN)
    inschrijving = get_object_or_404(
        Inschrijving.objects.select_related("deelnemer__user", "organisatie"),
        pk=pk,
        traject=traject,
    )
    url = request.path
    actie = request.POST.get("actie")
    form = InschrijvingForm(
        request.POST if actie == "gegevens" else None, instance=inschrijving, prefix="gegevens"
    )
    # Changing the status takes two steps: choosing (a GET) shows the effect on the balance,
    # then the confirm button posts.
    status_data = (
        request.POST if actie == "status" else request.GET if "status" in request.GET else None
    )
    status_form = StatusForm(status_data, huidig=inschrijving.status)
    preview = None

    if actie == "gegevens" and form.is_valid():
        form.save()
        audit.log(
            request.user, AuditActie.INSCHRIJVING_BEWERKT, inschrijving, velden=form.changed_data
        )
        messages.success(request, _("De gegevens zijn opgeslagen."))
        return redirect(url)
    if actie == "status" and status_form.is_valid():
        van = inschrijving.status
        try:
            offered = services.set_status(
                inschrijving=inschrijving, status=status_form.cleaned_data["status"]
            )
        except TrajectError as exc:
            messages.error(request, str(exc))
        else:
            audit.log(
                request.user,
                AuditActie.INSCHRIJVING_STATUS,
                inschrijving,
                van=van,
                naar=status_form.cleaned_data["status"],
                aangeboden=[i.pk for i in offered],
            )
            messages.success(request, _("De status is veranderd."))
            if offered:
                messages.success(
                    request,
                    ngettext(
                        "Er is een plek aangeboden aan %(namen)s.",
                        "Er zijn plekken aangeboden aan %(namen)s.",
                        len(offered),
                    )
                    % {"namen": ", ".join(str(i.deelnemer) for i in offered)},
                )
        return redirect(url)
    if actie is None and status_form.is_bound and status_form.is_valid():
        preview = _status_preview(traject, inschrijving, status_form.cleaned_data["status"])

    context = {
        "traject": traject,
        "inschrijving": inschrijving,
        "form": form,
        "status_form": status_form,
        "preview": preview,
    }
    return render(request, "trajecten/inschrijving.html", context)


@login_required
def uitnodigen(request, slug):
    traject = traject_or_404(request.user, slug, Actie.COORDINEREN)
    form = UitnodigForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not traject.is_publiek:
            form.add_error(None, _("Uitnodigen kan pas als het traject open is voor aanmelding."))
        else:
            aantal = services.invite(
                traject=traject, emails=form.cleaned_data["emails"], language=settings.LANGUAGE_CODE
            )
            audit.log(request.user, AuditActie.UITNODIGING, traject, aantal=aantal)
            messages.success(
                request,
                ngettext(
                    "We sturen %(aantal)s uitnodiging.",
                    "We sturen %(aantal)s uitnodigingen.",
                    aantal,
                )
                % {"aantal": aantal},
            )
            return redirect("trajecten:uitnodigen", slug=traject.slug)
    context = {"traject": traject, "form": form, "uitnodigingen": invitations(traject)}
    return render(request, "trajecten/uitnodigen.html", context)


@login_required
def deelnemer_nieuw(request, slug):
    """Enrol someone on their behalf, with or without an e-mail address."""
    traject = traject_or_404(request.user, slug, Actie.COORDINEREN)
    form = NamensForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            nieuw = services.enrol_on_behalf(
                traject=traject,
                naam=data["naam"],
                rol=data["rol"],
                email=data["email"],
                telefoon=data["telefoon"],
                per_sms=data["contact"] == NamensForm.SMS,
                organisatie=data["organisatie"],
            )
        except TrajectError as exc:
            form.add_error("email", str(exc))
        else:
            audit.log(
                request.user,
                AuditActie.NAMENS_INGESCHREVEN,
                nieuw,
                contact=data["contact"],
                status=nieuw.status,
            )
            messages.success(
                request,
                _("%(naam)s is ingeschreven: %(status)s.")
                % {"naam": nieuw.naam, "status": nieuw.get_status_display().lower()},
            )
            return redirect("trajecten:inschrijving", slug=traject.slug, pk=nieuw.pk)
    return render(request, "trajecten/deelnemer_nieuw.html", {"traject": traject, "form": form})


@login_required
@require_POST
def opnieuw_uitnodigen(request, slug):
    """Send an invitation again to an address invited before that has not signed up."""
    traject = traject_or_404(request.user, slug, Actie.COORDINEREN)
    adres = request.POST.get("adres", "").strip().lower()
    bekend = {u.adres.lower(): u for u in invitations(traject)}
    uitnodiging = bekend.get(adres)
    if uitnodiging is None or uitnodiging.staat == "aangemeld" or not traject.is_publiek:
        messages.error(request, _("Deze uitnodiging kun je niet opnieuw sturen."))
    else:
        services.invite(
            traject=traject, emails=[uitnodiging.adres], language=settings.LANGUAGE_CODE
        )
        audit.log(request.user, AuditActie.UITNODIGING, traject, aantal=1, opnieuw=True)
        messages.success(request, _("We sturen de uitnodiging opnieuw."))
    return redirect("trajecten:uitnodigen", slug=traject.slug)


def _count_data_rows(data: bytes, filename: str) -> int:
    try:
        rows = read_rows(data, filename)
    except ValueError:
        return 0  # the service reports the unreadable file
    return max(sum(1 for row in rows if any(cell.strip() for cell in row)) - 1, 0)


@upload_view
@transaction.atomic
@login_required
def importeren(request, slug):
    traject = traject_or_404(request.user, slug, Actie.COORDINEREN)
    form = ImportForm(request.POST or None, request.FILES or None)
    fouten = []
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        data = form.cleaned_data["data"]
        if _count_data_rows(data, bestand.name) > ACHTERGROND_VANAF:
            upload = services.start_import(
                traject=traject, data=data, filename=bestand.name, user=request.user
            )
            audit.log(request.user, AuditActie.IMPORT_GESTART, upload)
            return redirect("trajecten:import_status", slug=traject.slug, pk=upload.pk)
        imported, fouten = services.import_deelnemers(
            traject=traject, data=data, filename=bestand.name
        )
        if not fouten:
            audit.log(request.user, AuditActie.IMPORT, traject, aantal=len(imported))
            messages.success(
                request,
                ngettext(
                    "%(aantal)s persoon toegevoegd.",
                    "%(aantal)s mensen toegevoegd.",
                    len(imported),
                )
                % {"aantal": len(imported)},
            )
            return redirect("trajecten:deelnemers", slug=traject.slug)
    context = {"traject": traject, "form": form, "fouten": fouten}
    return render(request, "trajecten/importeren.html", context)


@login_required
def import_status(request, slug, pk):
    traject = traject_or_404(request.user, slug, Actie.COORDINEREN)
    upload = get_object_or_404(Import.objects.defer("bestand"), pk=pk, traject=traject)
    if wants_partial(request) and request.GET.get("gezien") == upload.status:
        # Nothing new since the last poll: no swap, so screen readers hear nothing again.
        return HttpResponse(status=204)
    context = {"traject": traject, "upload": upload, "fouten": upload.fouten}
    template = "trajecten/import_status.html"
    if wants_partial(request):
        template += "#voortgang"
    response = render(request, template, context)
    vary_on_htmx(response)
    return response
