from django.contrib import admin
from django.urls import include, path

from account import views as account_views
from bijeenkomsten import views as bijeenkomsten_views
from dashboard import views as dashboard_views
from trajecten import audit_views

from . import views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("inloggen/link/", account_views.inloglink, name="inloglink"),
    path("inloggen/verstuurd/", account_views.inloglink_verstuurd, name="inloglink_verstuurd"),
    path("inloggen/", views.inloggen, name="inloggen"),
    path("uitloggen/", views.uitloggen, name="uitloggen"),
    path("taal/", views.taal, name="taal"),
    path("privacy/", views.privacy, name="privacy"),
    path("mijn-gegevens/", account_views.mijn_gegevens, name="mijn_gegevens"),
    path("mijn-gegevens/e-mails/", account_views.voorkeuren, name="voorkeuren"),
    path("afmelden/<str:token>/", account_views.afmelden, name="afmelden"),
    path("sms/binnen/<str:token>/", account_views.sms_binnen, name="sms_binnen"),
    path(
        "mijn-gegevens/verwijderen/", account_views.account_verwijderen, name="account_verwijderen"
    ),
    path("toegankelijkheid", views.toegankelijkheid, name="toegankelijkheid"),
    path("healthz", views.healthz, name="healthz"),
    path("meting/leeg/", views.leeg, name="leeg"),
    path("trajecten/<slug:slug>/balans/", dashboard_views.traject_balans, name="traject_balans"),
    path("trajecten/", account_views.trajecten, name="trajecten"),
    path("trajecten/", include("trajecten.urls")),
    path("trajecten/<slug:slug>/agenda.ics", bijeenkomsten_views.traject_ics, name="traject_ics"),
    path(
        "trajecten/<slug:slug>/bijeenkomsten/nieuw/",
        bijeenkomsten_views.nieuw,
        name="bijeenkomst_nieuw",
    ),
    path("trajecten/<slug:slug>/logboek/", audit_views.logboek, name="logboek"),
    path("trajecten/<slug:slug>/berichten/", bijeenkomsten_views.berichten, name="berichten"),
    path("trajecten/<slug:slug>/berichten/", include("mededelingen.urls")),
    path("trajecten/<slug:slug>/waarden/", include("waarden.urls")),
    path("bijeenkomsten/", include("bijeenkomsten.urls")),
    path("bijeenkomsten/", include("groepen.urls")),
    path("bijeenkomsten/", include("verslagen.urls")),
    path("trajecten/<slug:slug>/handreiking/", include("verslagen.handreiking.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("beheer/", include("beheer.urls")),
    path("agenda/vernieuwen/", bijeenkomsten_views.agenda_vernieuwen, name="agenda_vernieuwen"),
    path("agenda/<str:token>.ics", bijeenkomsten_views.persoonlijk_ics, name="persoonlijk_ics"),
    path("admin/", admin.site.urls),
]

handler400 = "samenspel.views.error_400"
handler403 = "samenspel.views.error_403"
handler404 = "samenspel.views.error_404"
handler500 = "samenspel.views.error_500"
