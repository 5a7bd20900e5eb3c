"""Request guards and response fixes that apply to every page."""

from django.conf import settings
from django.shortcuts import render, resolve_url
from django.urls import Resolver404, resolve
from django_htmx.http import HttpResponseClientRedirect

_LEES_BLOK = 64 * 1024


def upload_view(view):
    """Mark a view that takes a file: its request body may be as large as
    ``FILE_UPLOAD_MAX_MEMORY_SIZE`` instead of ``DATA_UPLOAD_MAX_MEMORY_SIZE``."""
    view.upload_view = True
    return view


def request_limit(request) -> int:
    """The largest request body the URL of ``request`` accepts, in bytes."""
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        view = None
    if getattr(view, "upload_view", False):
        return settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def _too_large(request, limit: int) -> bool:
    """Decide from the Content-Length alone when there is one. A chunked body has none:
    read it in blocks, keeping nothing, and stop one byte past the limit. (Django reads no
    body without a Content-Length, so nothing is lost by reading it here.)"""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length:
        return length > limit
    if "chunked" not in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
        return False
    stream, read = request.META["wsgi.input"], 0
    while read <= limit:
        block = stream.read(min(_LEES_BLOK, limit + 1 - read))
        if not block:
            return False
        read += len(block)
    return True


class RequestSizeMiddleware:
    """Refuse a request body over the limit of its URL with a 413 before anything reads it.

    Django itself parses a multipart body in full (writing its files to a temporary file
    when they are larger than ``FILE_UPLOAD_MAX_MEMORY_SIZE``) as soon as something reads
    ``request.POST``, such as the CSRF check, and only then does the view refuse. So this
    middleware comes before every middleware that could read the body. Every URL accepts
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (1 MB); a view marked with ``upload_view`` (the
    participant import) accepts ``FILE_UPLOAD_MAX_MEMORY_SIZE``, and since that is also the
    in-memory limit, an upload that gets through is never written to disk."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = request_limit(request)
        if _too_large(request, limit):
            response = render(request, "samenspel/te_groot.html", {"limiet": limit}, status=413)
            return response
        return self.get_response(request)


def _has_nul(request) -> bool:
    if "\x00" in request.path:
        return True
    datas = [request.GET]
    if request.method == "POST":
        datas.append(request.POST)
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for data in datas
        for key, values in data.lists()
    )


class NulTekensMiddleware:
    """PostgreSQL cannot store or even compare text with a NUL character (``\\x00``): a
    query with one fails with a server error. No one types it; it comes from broken
    software or from probing. Any request with one in its path, query or form data gets a
    400 with a clear message before a view runs. (Django's form fields refuse it as well,
    but searches, tokens in paths and other raw values would not.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            return render(request, "samenspel/ongeldige_tekens.html", status=400)
        return self.get_response(request)


class HtmxSignInRedirectMiddleware:
    """A polling fragment whose session expired would get the sign-in page swapped into
    its target. Tell htmx to load the sign-in page as a whole page instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            getattr(request, "htmx", False)
            and response.status_code == 302
            and not request.user.is_authenticated
            and response["Location"].split("?")[0] == resolve_url(settings.LOGIN_URL)
        ):
            return HttpResponseClientRedirect(response["Location"])
        return response
