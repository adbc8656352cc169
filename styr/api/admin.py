from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy, ngettext

from styr.api.actions import do_revoke_token
from styr.api.models import ApiToken
from styr.audit.admin_base import AuditedAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin[ApiToken]):
    """Tokens are read and revoked here (say, when a laptop is lost); they are created only by
    their owner on the web, where the secret is shown once."""

    list_display = ["name", "user", "prefix", "may_write", "expires_on", "revoked_at",
                    "last_used_at"]  # fmt: skip
    list_filter = ["may_write", "revoked_at"]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = ["user", "name", "prefix", "digest", "bodies", "may_write", "created_at",
                       "expires_on", "revoked_at", "last_used_at"]  # fmt: skip
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=gettext_lazy("Återkalla valda API-nycklar"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            do_revoke_token(token, acting_user=request.user)  # type: ignore[arg-type]
        count = len(queryset)
        messages.success(
            request,
            ngettext("%(count)s nyckel återkallad.", "%(count)s nycklar återkallade.", count)
            % {"count": count},
        )
