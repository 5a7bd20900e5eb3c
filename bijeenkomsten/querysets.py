from django.db import models
from django.utils import timezone

from .choices import BijeenkomstStatus


class BijeenkomstQuerySet(models.QuerySet):
    def komend(self):
        return self.filter(einde__gte=timezone.now()).order_by("start")

    def gepland(self):
        return self.filter(status=BijeenkomstStatus.GEPLAND)

    def van_traject(self, traject):
        return self.filter(traject=traject)
