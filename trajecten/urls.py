from django.urls import path, re_path

from . import deelnemers_views, team_views, views

app_name = "trajecten"

urlpatterns = [
    path("nieuw/", views.nieuw, name="nieuw"),
    path("aanbod/<str:token>/", views.aanbod_link, name="aanbod_link"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/bewerken/", views.bewerken, name="bewerken"),
    path("<slug:slug>/team/", team_views.team_view, name="team"),
    re_path(
        r"^(?P<slug>[-\w]+)/team/(?P<rol>coordinator|rapporteur|organisatie)/(?P<pk>\d+)/weg/$",
        team_views.team_weg,
        name="team_weg",
    ),
    path("<slug:slug>/aanmelden/", views.aanmelden, name="aanmelden"),
    path("<slug:slug>/aanmelden/klaar/", views.aangemeld, name="aangemeld"),
    path(
        "<slug:slug>/aanmelden/bevestigen/<str:token>/",
        views.aanmelding_bevestigen,
        name="aanmelding_bevestigen",
    ),
    path("<slug:slug>/afmelden/", views.afmelden, name="afmelden"),
    path("<slug:slug>/aanbod/", views.aanbod, name="aanbod"),
    path("<slug:slug>/deelnemers/", deelnemers_views.deelnemers, name="deelnemers"),
    path("<slug:slug>/deelnemers/<int:pk>/", deelnemers_views.inschrijving, name="inschrijving"),
    path("<slug:slug>/deelnemers/nieuw/", deelnemers_views.deelnemer_nieuw, name="deelnemer_nieuw"),
    path("<slug:slug>/deelnemers/uitnodigen/", deelnemers_views.uitnodigen, name="uitnodigen"),
    path(
        "<slug:slug>/deelnemers/uitnodigen/opnieuw/",
        deelnemers_views.opnieuw_uitnodigen,
        name="opnieuw_uitnodigen",
    ),
    path("<slug:slug>/deelnemers/importeren/", deelnemers_views.importeren, name="importeren"),
    path(
        "<slug:slug>/deelnemers/importeren/<int:pk>/",
        deelnemers_views.import_status,
        name="import_status",
    ),
]
