"""The administrator's side of single sign-on: which groups give which roles (edited here,
each change through styr.sso.actions and so audited), and who has signed in (shown only)."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from styr.sso.actions import do_delete_mapping, do_save_mapping
from styr.sso.models import ClaimRoleMapping, SsoGrant, SsoIdentity, SsoSession


@admin.register(ClaimRoleMapping)
class ClaimRoleMappingAdmin(admin.ModelAdmin[ClaimRoleMapping]):
    list_display = ["description", "claim", "value", "role", "body", "municipality"]
    list_filter = ["municipality", "role", "claim"]
    search_fields = ["description", "value", "body__code", "body__name"]
    fields = ["municipality", "claim", "value", "description", "role", "body"]

    def save_model(
        self, request: HttpRequest, obj: ClaimRoleMapping, form: ModelForm[ClaimRoleMapping],
        change: bool,
    ) -> None:  # fmt: skip
        do_save_mapping(obj, acting_user=request.user)

    def delete_model(self, request: HttpRequest, obj: ClaimRoleMapping) -> None:
        do_delete_mapping(obj, acting_user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[ClaimRoleMapping]) -> None:
        for mapping in list(queryset):
            do_delete_mapping(mapping, acting_user=request.user)


class _ShownOnly(admin.ModelAdmin[Any]):
    """Written by sign-ins, never by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(SsoIdentity)
class SsoIdentityAdmin(_ShownOnly):
    list_display = ["user", "subject", "issuer", "last_login_at"]
    search_fields = ["user__username", "subject"]


@admin.register(SsoGrant)
class SsoGrantAdmin(_ShownOnly):
    list_display = ["grant", "created_at"]
    search_fields = ["grant__user__username", "grant__body__code"]


@admin.register(SsoSession)
class SsoSessionAdmin(_ShownOnly):
    list_display = ["sid", "session_key", "created_at"]
