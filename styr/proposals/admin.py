from django.contrib import admin

from styr.audit.admin_base import AuditedAdmin
from styr.proposals.models import Proposal, ProposalImage, Resident, Signature


@admin.register(Resident)
class ResidentAdmin(AuditedAdmin[Resident]):
    list_display = ["__str__", "verified_at", "active_at", "erased_at"]


@admin.register(Proposal)
class ProposalAdmin(AuditedAdmin[Proposal]):
    list_display = ["title", "municipality", "state", "created_at"]
    list_filter = ["state", "municipality"]


@admin.register(ProposalImage)
class ProposalImageAdmin(AuditedAdmin[ProposalImage]):
    list_display = ["alt", "proposal"]


@admin.register(Signature)
class SignatureAdmin(AuditedAdmin[Signature]):
    list_display = ["proposal", "resident", "signed_at"]
