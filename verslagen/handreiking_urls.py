from django.urls import path  # noqa: F401

app_name = "handreiking"

# The joint guide of a traject, under /trajecten/<slug>/handreiking/.
urlpatterns = []
