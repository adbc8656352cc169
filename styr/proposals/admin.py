"""E-förslag in the admin: read, and residents erased on request. Every change of a proposal
goes through the moderation page and its actions (publish, reject, merge, committee, decision),
so the admin cannot set a state the workflow never reaches, or move a signature."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy, ngettext

from styr.audit.admin_base import AuditedAdmin
from styr.proposals.actions import do_erase_resident
from styr.proposals.models import Proposal, ProposalImage, Resident, Signature


class ReadOnlyAdmin(AuditedAdmin[Any]):
    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Resident)
class ResidentAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "verified_at", "active_at", "erased_at"]
    actions = ["erase"]

    @admin.action(description=gettext_lazy("Radera valda invånares uppgifter"))
    def erase(self, request: HttpRequest, queryset: QuerySet[Resident]) -> None:
        for resident in queryset:
            do_erase_resident(resident, acting_user=request.user)
        count = len(queryset)
        messages.success(
            request,
            ngettext(
                "%(count)s invånares uppgifter raderade.",
                "%(count)s invånares uppgifter raderade.",
                count,
            )  # fmt: skip
            % {"count": count},
        )


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["title", "municipality", "state", "created_at"]
    list_filter = ["state", "municipality"]


@admin.register(ProposalImage)
class ProposalImageAdmin(ReadOnlyAdmin):
    list_display = ["alt", "proposal"]


@admin.register(Signature)
class SignatureAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "resident", "signed_at"]
