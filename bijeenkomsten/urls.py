from django.urls import path, re_path

from bijeenkomsten.live import views as live_views

from . import views

app_name = "bijeenkomsten"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.bewerken, name="bewerken"),
    path("<int:pk>/annuleren/", views.annuleren, name="annuleren"),
    path("<int:pk>/antwoord/", views.antwoord, name="antwoord"),
    path("<int:pk>/bijeenkomst.ics", views.bijeenkomst_ics, name="ics"),
    # Only these names: /bijeenkomsten/<pk>/verslag.pdf belongs to the reports.
    re_path(
        r"^(?P<pk>[0-9]+)/(?P<soort>presentielijst|bellijst|brieven)\.pdf$",
        views.lijst_pdf,
        name="lijst_pdf",
    ),
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
