"""A coordinator manages the team of their traject: co-coordinators, rapporteurs and the
organisations it is tied to. Every change is in the traject's audit log."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenspel import audit
from samenspel.permissions import Actie, login_required

from . import team
from .choices import AuditActie
from .errors import TrajectError
from .forms import OrganisatieKoppelForm, TeamLidForm
from .permissions import traject_or_404


def _page(request, traject, lid_form=None, org_form=None):
    context = {
        "traject": traject,
        "coordinatoren": traject.coordinatoren.order_by("naam", "email"),
        "rapporteurs": traject.rapporteurs.order_by("naam", "email"),
        "organisaties": traject.organisaties.order_by("naam"),
        "lid_form": lid_form or TeamLidForm(),
        "org_form": org_form or OrganisatieKoppelForm(traject=traject),
    }
    return render(request, "trajecten/team.html", context)


@login_required
def team_view(request, slug):
    traject = traject_or_404(request.user, slug, Actie.COORDINEREN)
    if request.method != "POST":
        return _page(request, traject)
    actie = request.POST.get("actie")
    if actie == "organisatie":
        form = OrganisatieKoppelForm(request.POST, traject=traject)
        if not form.is_valid():
            return _page(request, traject, org_form=form)
        organisatie = form.cleaned_data["organisatie"]
        traject.organisaties.add(organisatie)
        audit.log(request.user, AuditActie.ORGANISATIE_GEKOPPELD, organisatie, traject=traject)
        messages.success(request, _("%(naam)s hoort nu bij dit traject.") % {"naam": organisatie})
        return redirect("trajecten:team", slug=slug)
    form = TeamLidForm(request.POST)
    if not form.is_valid():
        return _page(request, traject, lid_form=form)
    try:
        user = team.add_member(traject=traject, **form.cleaned_data)
    except TrajectError as exc:
        form.add_error("email", str(exc))
        return _page(request, traject, lid_form=form)
    audit.log(
        request.user,
        AuditActie.TEAM_TOEGEVOEGD,
        user,
        traject=traject,
        rol=form.cleaned_data["rol"],
    )
    messages.success(request, _("%(naam)s hoort nu bij het team.") % {"naam": user})
    return redirect("trajecten:team", slug=slug)


@login_required
@require_POST
def team_weg(request, slug, rol, pk):
    traject = traject_or_404(request.user, slug, Actie.COORDINEREN)
    if rol == "organisatie":
        organisatie = get_object_or_404(traject.organisaties, pk=pk)
        traject.organisaties.remove(organisatie)
        audit.log(request.user, AuditActie.ORGANISATIE_ONTKOPPELD, organisatie, traject=traject)
        return redirect("trajecten:team", slug=slug)
    relation = traject.coordinatoren if rol == team.COORDINATOR else traject.rapporteurs
    user = get_object_or_404(relation, pk=pk)
    try:
        team.remove_member(traject=traject, user=user, rol=rol)
    except TrajectError as exc:
        messages.error(request, str(exc))
    else:
        audit.log(request.user, AuditActie.TEAM_VERWIJDERD, user, traject=traject, rol=rol)
        messages.success(request, _("%(naam)s hoort niet meer bij het team.") % {"naam": user})
    return redirect("trajecten:team", slug=slug)
