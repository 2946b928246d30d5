from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kotacerdas.accounts.models import ApiToken, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "get_full_name", "role", "region", "is_active"]
    list_filter = ["role", "is_active", "is_staff"]
    list_select_related = ["region"]
    raw_id_fields = ["region", "opd"]
    filter_horizontal = ["assigned_regions", "groups", "user_permissions"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (
            _("Role in the program"),
            {"fields": ["role", "region", "opd", "assigned_regions", "home_province", "phone"]},
        ),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "hint", "created_at", "last_used_at", "expires_at"]
    readonly_fields = ["hint", "created_at", "last_used_at"]
    search_fields = ["name", "user__username"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # created by their owners, so the raw value is shown only to them
