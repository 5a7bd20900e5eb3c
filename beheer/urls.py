from django.urls import path

from . import views

app_name = "beheer"

urlpatterns = [
    path("", views.index, name="index"),
    path("gebieden/", views.gebieden, name="gebieden"),
    path("gebieden/<int:pk>/", views.gebied, name="gebied"),
    path("organisaties/", views.organisaties, name="organisaties"),
    path("organisaties/<int:pk>/", views.organisatie, name="organisatie"),
    path("mensen/", views.mensen, name="mensen"),
    path("mensen/<int:pk>/", views.persoon, name="persoon"),
    path("logboek/", views.logboek, name="logboek"),
]
