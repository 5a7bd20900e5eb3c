from django.urls import path

from . import views

app_name = "mededelingen"

urlpatterns = [
    path("nieuw/", views.nieuw, name="nieuw"),
]
