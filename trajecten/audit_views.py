"""The audit log of one traject, for its coordinators and administrators."""

from django.core.paginator import Paginator
from django.shortcuts import render

from samenspel.models import Auditregel
from samenspel.permissions import Actie, login_required

from .permissions import traject_or_404

PER_PAGINA = 50


@login_required
def logboek(request, slug):
    traject = traject_or_404(request.user, slug, Actie.COORDINEREN)
    regels = Auditregel.objects.filter(traject_id=traject.pk).select_related("door")
    page = Paginator(regels, PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(request, "trajecten/logboek.html", {"traject": traject, "page": page})
