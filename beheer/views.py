"""Functional administration: areas, organisations and people's roles, in the app. Only
for functional administrators (and superusers); for everyone else these pages do not
exist (404)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from samenspel import audit
from samenspel.models import Auditregel, User
from samenspel.permissions import is_beheerder, role_required
from trajecten.models import Gebied, Organisatie

from . import services
from .choices import AuditActie
from .forms import GebiedForm, OrganisatieForm, RollenForm, ZoekForm

PER_PAGINA = 50


@role_required(is_beheerder)
def index(request):
    return render(request, "beheer/index.html")


def _list_and_create(request, *, form_class, queryset, template, nieuw):
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        obj = form.save()
        audit.log(request.user, nieuw, obj, velden=form.changed_data)
        messages.success(request, _("%(naam)s is toegevoegd.") % {"naam": obj})
        return redirect(request.path)
    return render(request, template, {"form": form, "lijst": queryset})


def _edit(request, obj, *, form_class, bewerkt, terug):
    form = form_class(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit.log(request.user, bewerkt, obj, velden=form.changed_data)
        messages.success(request, _("De wijzigingen zijn opgeslagen."))
        return redirect(terug)
    return render(request, "beheer/bewerken.html", {"form": form, "object": obj, "terug": terug})


@role_required(is_beheerder)
def gebieden(request):
    return _list_and_create(
        request,
        form_class=GebiedForm,
        queryset=Gebied.objects.select_related("ligt_in").annotate(aantal=Count("trajecten")),
        template="beheer/gebieden.html",
        nieuw=AuditActie.GEBIED_NIEUW,
    )


@role_required(is_beheerder)
def gebied(request, pk):
    return _edit(
        request,
        get_object_or_404(Gebied, pk=pk),
        form_class=GebiedForm,
        bewerkt=AuditActie.GEBIED_BEWERKT,
        terug="beheer:gebieden",
    )


@role_required(is_beheerder)
def organisaties(request):
    return _list_and_create(
        request,
        form_class=OrganisatieForm,
        queryset=Organisatie.objects.annotate(aantal=Count("trajecten")),
        template="beheer/organisaties.html",
        nieuw=AuditActie.ORGANISATIE_NIEUW,
    )


@role_required(is_beheerder)
def organisatie(request, pk):
    return _edit(
        request,
        get_object_or_404(Organisatie, pk=pk),
        form_class=OrganisatieForm,
        bewerkt=AuditActie.ORGANISATIE_BEWERKT,
        terug="beheer:organisaties",
    )


@role_required(is_beheerder)
def mensen(request):
    form = ZoekForm(request.GET or None)
    zoek = form.cleaned_data["zoek"].strip() if form.is_valid() else ""
    people = User.objects.filter(is_active=True).exclude(email__endswith=".invalid")
    if zoek:
        people = people.filter(Q(naam__icontains=zoek) | Q(email__icontains=zoek))
    else:  # without a search: the people with a role
        people = people.filter(
            Q(is_coordinator=True)
            | Q(is_rapporteur=True)
            | Q(is_manager=True)
            | Q(is_beheerder=True)
        )
    page = Paginator(people.order_by("naam", "email"), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    return render(request, "beheer/mensen.html", {"form": form, "page": page, "zoek": zoek})


@role_required(is_beheerder)
def persoon(request, pk):
    person = get_object_or_404(User, pk=pk, is_active=True)
    # (Every box unticked posts nothing: the form is bound on any POST.)
    data = request.POST if request.method == "POST" else None
    form = RollenForm(data, instance=person, beheerder=request.user)
    if request.method == "POST" and form.is_valid():
        changed = services.set_roles(form=form)
        audit.log(request.user, AuditActie.ROLLEN_GEWIJZIGD, person, velden=changed)
        messages.success(request, _("De rollen van %(naam)s zijn opgeslagen.") % {"naam": person})
        return redirect("beheer:mensen")
    return render(request, "beheer/persoon.html", {"form": form, "persoon": person})


@role_required(is_beheerder)
def logboek(request):
    """What administrators changed (areas, organisations, roles): rows about no traject."""
    regels = Auditregel.objects.filter(
        actie__in=AuditActie.values, traject_id__isnull=True
    ).select_related("door")
    page = Paginator(regels, PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(request, "beheer/logboek.html", {"page": page})
