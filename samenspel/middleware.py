"""Request guards and response fixes that apply to every page."""

from django.conf import settings
from django.shortcuts import render, resolve_url
from django_htmx.http import HttpResponseClientRedirect


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
