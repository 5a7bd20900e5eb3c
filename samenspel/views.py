from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.db import connections
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language
from kombu import Connection

from .auth import user_from_token
from .forms import InloglinkForm
from .permissions import DeniedWithPage


@never_cache
def inloggen(request):
    """The link from the e-mail. GET shows a button, so a mail scanner that opens the
    link does not use it up; the POST signs in."""
    token = request.POST.get("sesame") or request.GET.get("sesame", "")
    if request.method == "POST":
        user = user_from_token(request, token, use=True)
        if user is not None:
            login(request, user, backend="sesame.backends.ModelBackend")
            response = redirect("home")
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.taal,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
            return response
    elif user_from_token(request, token, use=False) is not None:
        return render(request, "samenspel/inloggen_bevestig.html", {"token": token})
    return render(request, "samenspel/link_ongeldig.html", {"form": InloglinkForm()}, status=400)


@require_POST
def uitloggen(request):
    logout(request)
    messages.success(request, _("Je bent uitgelogd."))
    return redirect("home")


@require_POST
def taal(request):
    """Switch language; a signed-in user keeps the choice on their account too."""
    code = request.POST.get("language")
    if request.user.is_authenticated and code in dict(settings.LANGUAGES):
        request.user.taal = code
        request.user.save(update_fields=["taal"])
    return set_language(request)


def _contact() -> dict:
    return {"email": settings.CONTACT_EMAIL, "organisatie": settings.CONTACT_ORGANISATIE}


def privacy(request):
    context = {**_contact(), "maanden": settings.BEWAARTERMIJN_MAANDEN}
    return render(request, "samenspel/privacy.html", context)


def toegankelijkheid(request):
    return render(request, "samenspel/toegankelijkheid.html", _contact())


def _database_ok() -> bool:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


def _broker_ok() -> bool:
    try:
        with Connection(
            settings.CELERY_BROKER_URL,
            transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
            connect_timeout=2,
        ) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
        return True
    except Exception:
        return False


@never_cache
@require_GET
def healthz(request):
    state = {"database": _database_ok(), "broker": _broker_ok()}
    ok = all(state.values())
    return JsonResponse(
        {
            "status": "ok" if ok else "error",
            **{k: "ok" if v else "error" for k, v in state.items()},
        },
        status=200 if ok else 503,
    )


def leeg(request):
    """The layout and nothing else, through the same middleware: the yardstick the load
    test compares real pages with. Only there when BENCHMARK_VIEW is on."""
    if not settings.BENCHMARK_VIEW:
        raise Http404
    return render(request, "base.html")


def error_400(request, exception=None):
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    if isinstance(exception, DeniedWithPage):
        return render(request, exception.template_name, exception.context, status=403)
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)
