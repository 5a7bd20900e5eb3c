"""Small response helpers shared by the views of every app."""

from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def wants_partial(request) -> bool:
    """An htmx swap gets the partial; restoring a page from history needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


PRIVE = "private, no-store"


def prive(response: HttpResponse) -> HttpResponse:
    """A download with personal data: no shared cache (a proxy) and no browser cache may
    keep a copy (a shared computer in a library or community centre)."""
    response["Cache-Control"] = PRIVE
    return response


def download(content, formaat: str, naam: str) -> HttpResponse:
    """An export as an attachment: ``formaat`` is a key of ``EXPORT_TYPES``. Exports hold
    people's data or figures about them, so they are never cached."""
    response = HttpResponse(content, content_type=EXPORT_TYPES[formaat])
    response["Content-Disposition"] = f'attachment; filename="{naam}.{formaat}"'
    return prive(response)


def vary_on_htmx(response: HttpResponse) -> HttpResponse:
    """A page that answers an htmx request with a partial: caches must keep both apart."""
    patch_vary_headers(response, ("HX-Request",))
    return response
