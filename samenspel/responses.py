"""Small response helpers shared by the views of every app."""

from django.http import HttpResponse

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def wants_partial(request) -> bool:
    """An htmx swap gets the partial; restoring a page from history needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def download(content, formaat: str, naam: str) -> HttpResponse:
    """An export as an attachment: ``formaat`` is a key of ``EXPORT_TYPES``."""
    response = HttpResponse(content, content_type=EXPORT_TYPES[formaat])
    response["Content-Disposition"] = f'attachment; filename="{naam}.{formaat}"'
    return response
