from django.urls import path

from . import views

app_name = "bijeenkomsten"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.bewerken, name="bewerken"),
    path("<int:pk>/annuleren/", views.annuleren, name="annuleren"),
    path("<int:pk>/antwoord/", views.antwoord, name="antwoord"),
    path("<int:pk>/bijeenkomst.ics", views.bijeenkomst_ics, name="ics"),
]
