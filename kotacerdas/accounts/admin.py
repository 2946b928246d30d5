from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kotacerdas.accounts.models import ApiToken, Invitation, OutgoingEmail, User


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
            {
                "fields": [
                    "role",
                    "deputy",
                    "region",
                    "opd",
                    "assigned_regions",
                    "home_province",
                    "phone",
                    "language",
                ]
            },
        ),
    )
    # Who may grant rights: only a superuser. Staff (the office) see accounts here but
    # manage people in the platform's own pages, under the rules of accounts.access.
    GRANTING_FIELDS = ("is_superuser", "is_staff", "groups", "user_permissions")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += [name for name in self.GRANTING_FIELDS if name not in fields]
        return fields

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False  # a superuser's account (and password) is changed by superusers
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        target = self.get_object(request, id)
        if target is not None and target.is_superuser and not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "hint", "created_at", "last_used_at", "expires_at"]
    readonly_fields = ["hint", "created_at", "last_used_at"]
    search_fields = ["name", "user__username"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # created by their owners, so the raw value is shown only to them


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: invitations are made, re-sent and revoked on the people pages (or the
    API), which send the email with the link; the link's secret is never stored."""

    list_display = ["email", "role", "deputy", "region", "invited_by", "created_at", "expires_at"]
    list_filter = ["role", "deputy"]
    list_select_related = ["region", "invited_by"]
    search_fields = ["email", "first_name", "last_name"]
    exclude = ["token_hash"]
    raw_id_fields = ["region", "opd", "home_province", "invited_by", "user"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """What was sent, what waits for a retry and what failed (operations.md)."""

    list_display = ["to", "subject", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to", "subject"]
    exclude = ["body"]  # an invitation or reset link is a secret until it is sent
    readonly_fields = [
        "to",
        "subject",
        "secret",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
