from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from samenspel.permissions import (
    Actie,
    is_exact_viewer,
    is_manager,
    login_required,
    role_required,
    traject_or_404,
)
from waarden.queries import bord_waarden, traject_overlap

from . import queries, tabellen, weergave
from .forms import DashboardFilterForm

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _wants_partial(request) -> bool:
    """An htmx swap gets the partial; restoring a page from history needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def _export(tabellen_, formaat: str, naam: str) -> HttpResponse:
    content = tabellen.to_csv(tabellen_) if formaat == "csv" else tabellen.to_xlsx(tabellen_)
    response = HttpResponse(content, content_type=EXPORT_TYPES[formaat])
    response["Content-Disposition"] = f'attachment; filename="{naam}.{formaat}"'
    return response


@role_required(is_manager)
def overzicht(request):
    scope = queries.dashboard_trajecten(request.user)
    gebieden, organisaties = queries.filter_keuzes(scope)
    form = DashboardFilterForm(request.GET or None, gebieden=gebieden, organisaties=organisaties)
    filters = form.filters() if form.is_bound else {}
    trajecten = list(
        queries.filter_trajecten(scope, **filters).select_related("gebied").order_by("naam", "pk")
    )
    alle = queries.cijfers(trajecten, van=filters.get("van"), tot=filters.get("tot"))
    figuren = weergave.overzicht(alle, queries.exact_trajecten(request.user))

    formaat = request.GET.get("format")
    if formaat in EXPORT_TYPES:
        return _export(figuren.tabellen, formaat, "balansdashboard")

    query = request.GET.copy()
    query.pop("format", None)
    context = {"form": form, "figuren": figuren, "filter_query": query.urlencode()}
    template = "dashboard/overzicht.html"
    if _wants_partial(request):
        template += "#resultaten"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@login_required
def traject_balans(request, slug):
    traject = traject_or_404(request.user, slug, Actie.BALANS)
    exact = is_exact_viewer(request.user, traject)
    (cijfers,) = queries.cijfers([traject])
    waarden = bord_waarden(traject)
    overlap = traject_overlap(traject, waarden)
    namen = {w.pk: w.titel for w in waarden}
    pagina = weergave.balanspagina(cijfers, overlap, namen, exact)

    formaat = request.GET.get("format")
    if formaat in EXPORT_TYPES:
        return _export(pagina.tabellen, formaat, f"balans-{traject.slug}")
    return render(
        request,
        "dashboard/balans.html",
        {"traject": traject, "pagina": pagina, "exact": exact},
    )
