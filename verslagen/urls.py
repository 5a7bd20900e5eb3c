from django.urls import path  # noqa: F401

app_name = "verslagen"

# Evaluations and reports of one meeting, under /bijeenkomsten/<pk>/.
urlpatterns = []
