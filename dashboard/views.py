from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from samenspel.permissions import Actie, is_manager, login_required, role_required
from samenspel.responses import EXPORT_TYPES, download, vary_on_htmx, wants_partial
from trajecten.permissions import is_exact_viewer, traject_or_404
from waarden.queries import bord_waarden, traject_overlap

from . import balance_page, cache, overview_page, queries, tables
from .forms import DashboardFilterForm


def _export(tabellen_, formaat: str, naam: str) -> HttpResponse:
    content = tables.to_csv(tabellen_) if formaat == "csv" else tables.to_xlsx(tabellen_)
    return download(content, formaat, naam)


@dataclass
class _Dashboard:
    gebieden: list
    organisaties: list
    figuren: overview_page.Overzicht


def _build(user, query) -> _Dashboard:
    scope = queries.dashboard_trajecten(user)
    gebieden, organisaties = queries.filter_keuzes(scope)
    form = DashboardFilterForm(query or None, gebieden=gebieden, organisaties=organisaties)
    filters = form.filters()
    trajecten = list(
        queries.filter_trajecten(scope, **filters).select_related("gebied").order_by("naam", "pk")
    )
    alle = queries.cijfers(trajecten, van=filters.get("van"), tot=filters.get("tot"))
    figuren = overview_page.overzicht(alle, queries.exact_trajecten(user))
    return _Dashboard(gebieden, organisaties, figuren)


@role_required(is_manager)
def overzicht(request):
    query = request.GET.copy()
    formaat = query.pop("format", [None])[-1]
    # Finished figures per user, filters and language, under the data version read
    # before they are built: a write while they are built leaves them under a version
    # nobody asks for again. A hit costs one query beside the session and the user.
    key = cache.sleutel(
        cache.versie(),
        request.user.pk,
        request.user.is_superuser,
        get_language(),
        sorted(query.lists()),
    )
    data = cache.get_or_build(key, lambda: _build(request.user, query))

    if formaat in EXPORT_TYPES:
        return _export(data.figuren.tabellen, formaat, "balansdashboard")

    form = DashboardFilterForm(
        query or None, gebieden=data.gebieden, organisaties=data.organisaties
    )
    form.is_valid()  # errors for the page; no queries
    context = {"form": form, "figuren": data.figuren, "filter_query": query.urlencode()}
    template = "dashboard/overzicht.html"
    invalid = bool(form.errors)
    if wants_partial(request) and not invalid:
        template += "#resultaten"
    response = render(request, template, context)
    if wants_partial(request) and invalid:
        # The messages sit at the fields, outside the results: swap the whole content.
        response["HX-Retarget"] = "#inhoud"
        response["HX-Reselect"] = "#inhoud"
        response["HX-Reswap"] = "outerHTML"
    vary_on_htmx(response)
    return response


@login_required
def traject_balans(request, slug):
    traject = traject_or_404(request.user, slug, Actie.BALANS)
    exact = is_exact_viewer(request.user, traject)
    (cijfers,) = queries.cijfers([traject])
    waarden = bord_waarden(traject)
    overlap = traject_overlap(traject, waarden)
    namen = {w.pk: w.titel for w in waarden}
    pagina = balance_page.balanspagina(cijfers, overlap, namen, exact)

    formaat = request.GET.get("format")
    if formaat in EXPORT_TYPES:
        return _export(pagina.tabellen, formaat, f"balans-{traject.slug}")
    return render(
        request,
        "dashboard/balans.html",
        {"traject": traject, "pagina": pagina, "exact": exact},
    )
