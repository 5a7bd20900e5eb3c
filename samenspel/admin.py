from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Auditregel, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "naam", "is_coordinator", "is_manager", "is_rapporteur", "is_staff"]
    list_filter = ["is_coordinator", "is_manager", "is_rapporteur", "is_staff", "is_active"]
    search_fields = ["email", "naam"]
    fieldsets = [
        (None, {"fields": ["email", "naam", "taal", "password"]}),
        (_("Rollen"), {"fields": ["is_coordinator", "is_rapporteur", "is_manager"]}),
        (
            _("Beheer"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Datums"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "naam", "taal"]})]


@admin.register(Auditregel)
class AuditregelAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the app, never edited by hand."""

    list_display = ["moment", "door", "traject_id", "actie", "objecttype", "object_id"]
    list_filter = ["actie"]
    list_select_related = ["door"]
    date_hierarchy = "moment"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
