from django.urls import path

from bijeenkomsten import groepen_views, live_views

from . import views

app_name = "bijeenkomsten"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.bewerken, name="bewerken"),
    path("<int:pk>/annuleren/", views.annuleren, name="annuleren"),
    path("<int:pk>/antwoord/", views.antwoord, name="antwoord"),
    path("<int:pk>/bijeenkomst.ics", views.bijeenkomst_ics, name="ics"),
    path("<int:pk>/aanwezigheid/", live_views.aanwezigheid, name="aanwezigheid"),
    path("<int:pk>/aanwezigheid/nieuw/", live_views.inloop, name="inloop"),
    path("<int:pk>/live/", live_views.live, name="live"),
    path("<int:pk>/live/actie/", live_views.live_actie, name="live_actie"),
    path("<int:pk>/inbreng/", live_views.inbreng, name="inbreng"),
    path(
        "<int:pk>/bijdragen/<int:bijdrage_pk>/verbergen/",
        live_views.bijdrage_verbergen,
        name="bijdrage_verbergen",
    ),
]

# Prep groups and table groups.
urlpatterns += [
    path("<int:pk>/voorbereiding/", groepen_views.voorbereiding, name="voorbereiding"),
    path("<int:pk>/voorbereiding/meedoen/", groepen_views.meedoen, name="voorbereiding_meedoen"),
    path("<int:pk>/voorbereiding/stoppen/", groepen_views.stoppen, name="voorbereiding_stoppen"),
    path("<int:pk>/voorbereiding/bereid/", groepen_views.bereid, name="voorbereiding_bereid"),
    path(
        "<int:pk>/voorbereiding/instellingen/",
        groepen_views.instellingen,
        name="voorbereiding_instellingen",
    ),
    path(
        "<int:pk>/voorbereiding/vergrendelen/",
        groepen_views.vergrendelen,
        name="voorbereiding_vergrendelen",
    ),
    path("<int:pk>/voorbereiding/voorstel/", groepen_views.voorstel, name="voorbereiding_voorstel"),
    path("<int:pk>/tafels/", groepen_views.tafels, name="tafels"),
    path("<int:pk>/tafels/indelen/", groepen_views.tafels_indelen, name="tafels_indelen"),
    path("<int:pk>/tafels/erbij/", groepen_views.tafels_erbij, name="tafels_erbij"),
    path(
        "<int:pk>/tafels/verplaatsen/",
        groepen_views.tafels_verplaatsen,
        name="tafels_verplaatsen",
    ),
    path(
        "<int:pk>/tafels/vergrendelen/",
        groepen_views.tafels_vergrendelen,
        name="tafels_vergrendelen",
    ),
]
