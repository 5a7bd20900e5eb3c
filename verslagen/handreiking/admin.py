"""Admin of the joint guide: read-mostly, for support. Imported from ``admin.py``."""

from django.contrib import admin

from ..models import Gelezen, Handreiking, HandreikingVersie, Opmerking, Reviewronde


class VersieInline(admin.TabularInline):
    model = HandreikingVersie
    fields = ("nummer", "inhoud_hash", "aangemaakt_op", "aangemaakt_door", "gepubliceerd_op")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Handreiking)
class HandreikingAdmin(admin.ModelAdmin):
    list_display = ("traject", "definitief")
    list_select_related = ("traject", "definitief")
    raw_id_fields = ("traject", "definitief")
    inlines = [VersieInline]


@admin.register(HandreikingVersie)
class HandreikingVersieAdmin(admin.ModelAdmin):
    list_display = ("handreiking", "nummer", "aangemaakt_op", "gepubliceerd_op")
    list_select_related = ("handreiking__traject",)
    exclude = ("pdf",)
    readonly_fields = ("inhoud_hash", "secties", "html", "aangemaakt_op", "aangemaakt_door")


@admin.register(Reviewronde)
class ReviewrondeAdmin(admin.ModelAdmin):
    list_display = ("versie", "status", "deadline", "geopend_op", "gesloten_op")
    list_filter = ("status",)
    list_select_related = ("versie__handreiking__traject",)
    raw_id_fields = ("versie", "geopend_door")


@admin.register(Opmerking)
class OpmerkingAdmin(admin.ModelAdmin):
    list_display = ("sectie", "ronde", "opgelost", "aangemaakt_op")
    list_filter = ("opgelost",)
    list_select_related = ("ronde__versie__handreiking__traject",)
    raw_id_fields = ("ronde", "inschrijving", "opgelost_door")


@admin.register(Gelezen)
class GelezenAdmin(admin.ModelAdmin):
    list_display = ("ronde", "inschrijving", "gelezen_op")
    raw_id_fields = ("ronde", "inschrijving")
