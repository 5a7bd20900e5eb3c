from django.urls import path

from . import views

app_name = "groepen"

# Under /bijeenkomsten/, beside the meeting's own pages: a meeting's prep group and tables.
urlpatterns = [
    path("<int:pk>/voorbereiding/", views.voorbereiding, name="voorbereiding"),
    path("<int:pk>/voorbereiding/meedoen/", views.meedoen, name="voorbereiding_meedoen"),
    path("<int:pk>/voorbereiding/stoppen/", views.stoppen, name="voorbereiding_stoppen"),
    path("<int:pk>/voorbereiding/bereid/", views.bereid, name="voorbereiding_bereid"),
    path(
        "<int:pk>/voorbereiding/instellingen/",
        views.instellingen,
        name="voorbereiding_instellingen",
    ),
    path(
        "<int:pk>/voorbereiding/vergrendelen/",
        views.vergrendelen,
        name="voorbereiding_vergrendelen",
    ),
    path("<int:pk>/voorbereiding/voorstel/", views.voorstel, name="voorbereiding_voorstel"),
    path("<int:pk>/tafels/", views.tafels, name="tafels"),
    path("<int:pk>/tafels/indelen/", views.tafels_indelen, name="tafels_indelen"),
    path("<int:pk>/tafels/erbij/", views.tafels_erbij, name="tafels_erbij"),
    path(
        "<int:pk>/tafels/verplaatsen/",
        views.tafels_verplaatsen,
        name="tafels_verplaatsen",
    ),
    path(
        "<int:pk>/tafels/vergrendelen/",
        views.tafels_vergrendelen,
        name="tafels_vergrendelen",
    ),
]
