from django.urls import path

from . import evaluatie_views, views

app_name = "verslagen"

# Evaluations and reports of one meeting, under /bijeenkomsten/<pk>/.
urlpatterns = [
    path("<int:pk>/evaluatie/", evaluatie_views.evaluatie, name="evaluatie"),
    path("<int:pk>/verslag/", views.verslag, name="verslag"),
    path("<int:pk>/verslag/maak/", views.maak, name="maak"),
    path("<int:pk>/verslag/verhaal/", views.verhaal_bewerken, name="verhaal"),
    path("<int:pk>/verslag/publiceren/", views.publiceren, name="publiceren"),
    path("<int:pk>/verslag.pdf", views.pdf, name="pdf"),
]
