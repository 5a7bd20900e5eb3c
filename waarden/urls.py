from django.urls import path

from . import views

app_name = "waarden"

# Included at trajecten/<slug:slug>/waarden/: every view takes ``slug``.
urlpatterns = [
    path("", views.bord, name="bord"),
    path("kiezen/", views.onderschrijven, name="onderschrijven"),
    path("citaten/", views.citaat_nieuw, name="citaat_nieuw"),
    path("citaten/<int:pk>/verbergen/", views.citaat_verbergen, name="citaat_verbergen"),
    path("beheer/", views.beheer, name="beheer"),
    path("beheer/nieuw/", views.waarde_nieuw, name="waarde_nieuw"),
]
