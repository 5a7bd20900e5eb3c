"""Reports and evaluations in the admin: for looking, not for editing. Builds, narratives
and publishing go through the report pages, so their rules and e-mails apply."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Evaluatie, Handreikingopdracht, Verslag, Verslagopdracht, VerslagVersie


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Evaluatie)
class EvaluatieAdmin(ReadOnlyAdmin):
    list_display = ["bijeenkomst", "doelmatigheid", "open", "eerlijk", "inzet", "gewijzigd_op"]
    list_select_related = ["bijeenkomst__traject"]
    list_filter = ["bijeenkomst__traject"]
    exclude = ["inschrijving"]  # the answers are anonymous in reports; keep them so here


class VersieInline(admin.TabularInline):
    model = VerslagVersie
    fields = ["nummer", "inhoud_hash", "aangemaakt_op", "aangemaakt_door", "gepubliceerd_op"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Verslag)
class VerslagAdmin(ReadOnlyAdmin):
    list_display = ["bijeenkomst", "gepubliceerd"]
    list_select_related = ["bijeenkomst__traject", "gepubliceerd"]
    inlines = [VersieInline]


@admin.register(VerslagVersie)
class VerslagVersieAdmin(ReadOnlyAdmin):
    list_display = ["verslag", "nummer", "aangemaakt_op", "gepubliceerd_op"]
    list_select_related = ["verslag__bijeenkomst__traject"]
    exclude = ["pdf", "html", "gegevens"]
    readonly_fields = ["pdf_grootte"]

    @admin.display(description=_("PDF (bytes)"))
    def pdf_grootte(self, obj):
        return len(obj.pdf or b"")

    def get_queryset(self, request):
        return super().get_queryset(request).defer("html", "gegevens")


class OpdrachtAdmin(ReadOnlyAdmin):
    """Deleting a request that hangs lets a coordinator ask again."""

    list_filter = ["status"]


@admin.register(Verslagopdracht)
class VerslagopdrachtAdmin(OpdrachtAdmin):
    list_display = ["verslag", "status", "voortgang", "aangevraagd_op", "klaar_op"]
    list_select_related = ["verslag__bijeenkomst__traject"]


@admin.register(Handreikingopdracht)
class HandreikingopdrachtAdmin(OpdrachtAdmin):
    list_display = ["handreiking", "status", "aangevraagd_op", "klaar_op"]
    list_select_related = ["handreiking__traject"]


from .handreiking import admin as guide_admin  # noqa: E402, F401 (registers the guide's models)
