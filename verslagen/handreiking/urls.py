from django.urls import path

from . import views

app_name = "handreiking"

# The joint guide of a traject, under /trajecten/<slug>/handreiking/.
urlpatterns = [
    path("", views.detail, name="detail"),
    path("pdf/", views.pdf, name="pdf"),
    path("reageren/", views.reageren, name="reageren"),
    path("versie/", views.nieuwe_versie, name="nieuwe_versie"),
    path("ronde/", views.ronde_openen, name="ronde_openen"),
    path("ronde/sluiten/", views.ronde_sluiten, name="ronde_sluiten"),
    path("reacties/<int:pk>/afhandelen/", views.afhandelen, name="afhandelen"),
    path("definitief/", views.definitief, name="definitief"),
]
