"""Every change of a proposal, a signature or a resident: each in its own transaction with its
audit entry. Entries name a resident by id, never by e-mail address."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from styr.assignments.actions import do_save_assignment
from styr.assignments.models import Assignment, CostUnit, Origin
from styr.audit.actions import Actor, record
from styr.organisation.models import Body, Municipality
from styr.plans.decided import why_refused
from styr.plans.images import ImageRefused, checked_image
from styr.plans.models import Plan
from styr.proposals.models import (
    Decision,
    Proposal,
    ProposalImage,
    Resident,
    Signature,
    State,
)
from styr.steering.models import StrategicArea


class ProposalRefused(ValueError):
    """A change that cannot be made; the message says why, in plain Swedish."""


@dataclass
class Picture:
    name: str
    content: bytes
    alt: str


def signature_count(proposal: Proposal) -> int:
    return proposal.signatures.count()


def do_verify_resident(email: str) -> Resident:
    """The resident with this address, verified now (created at the first sign-in)."""
    email = email.strip().lower()
    with transaction.atomic():
        resident, created = Resident.objects.select_for_update().get_or_create(email=email)
        now = timezone.now()
        first = resident.verified_at is None
        resident.verified_at = resident.verified_at or now
        resident.active_at = now
        resident.save()
        if first:
            record("resident_verified", acting_user=None, obj=resident, changes={})
    return resident


def _checked_picture(picture: Picture) -> ProposalImage:
    """The picture checked as every picture Styr keeps (styr.plans.images.checked_image)."""
    try:
        checked = checked_image(picture.name, picture.content, picture.alt)
    except ImageRefused as refused:
        raise ProposalRefused(str(refused)) from None
    return ProposalImage(
        alt=checked.alt, content_type=checked.content_type, content=picture.content,
        width=checked.width, height=checked.height,
    )  # fmt: skip


def do_submit_proposal(
    resident: Resident,
    municipality: Municipality,
    *,
    title: str,
    text: str,
    area: StrategicArea | None,
    show_name: bool,
    picture: Picture | None = None,
    name: str | None = None,
) -> Proposal:
    """A verified resident's proposal, waiting for the municipality to moderate it. `name`: the
    name the resident gives with it (None keeps the one they gave before)."""
    if resident.verified_at is None or resident.erased_at is not None:
        raise ProposalRefused(_("Bara verifierade invånare kan lämna e-förslag."))
    if area is not None and area.municipal_plan.municipality_id != municipality.pk:
        raise ProposalRefused(_("Området hör inte till kommunen."))
    image = _checked_picture(picture) if picture is not None else None
    with transaction.atomic():
        proposal = Proposal.objects.create(
            municipality=municipality, resident=resident, title=title.strip(),
            text=text.strip(), area=area, show_name=show_name,
        )  # fmt: skip
        if image is not None:
            image.proposal = proposal
            image.save()
        given = {"name": name.strip()[:100]} if name is not None and name.strip() else {}
        Resident.objects.filter(pk=resident.pk).update(active_at=timezone.now(), **given)
        record(
            "proposal_submitted",
            acting_user=None,
            obj=proposal,
            # Whether a name was given, not the name: the entry names no one.
            changes={"resident": resident.pk, "image": image is not None, "named": bool(given)},
        )
    return proposal


def _locked(proposal: Proposal, *states: str) -> Proposal:
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.state not in states:
        raise ProposalRefused(
            _("E-förslaget är %(state)s och kan inte ändras så.")
            % {"state": locked.get_state_display().lower()}
        )
    return locked


def do_publish_proposal(proposal: Proposal, *, acting_user: Actor) -> Proposal:
    with transaction.atomic():
        proposal = _locked(proposal, State.SUBMITTED)
        proposal.state = State.PUBLISHED
        proposal.published_at = timezone.now()
        proposal.signing_ends_on = timezone.localdate() + timedelta(
            days=settings.PROPOSAL_SIGNING_DAYS
        )
        proposal.save()
        record(
            "proposal_published",
            acting_user=acting_user,
            obj=proposal,
            changes={"signing_ends_on": str(proposal.signing_ends_on)},
        )
    return proposal


def do_reject_proposal(proposal: Proposal, reason: str, *, acting_user: Actor) -> Proposal:
    reason = reason.strip()
    if not reason:
        raise ProposalRefused(_("Skriv skälet: invånaren får läsa det."))
    with transaction.atomic():
        proposal = _locked(proposal, State.SUBMITTED)
        proposal.state = State.REJECTED
        proposal.reason = reason
        proposal.save()
        record(
            "proposal_rejected", acting_user=acting_user, obj=proposal, changes={"reason": reason}
        )
    return proposal


def do_merge_proposals(duplicate: Proposal, into: Proposal, *, acting_user: Actor) -> Proposal:
    """Merge a duplicate into another proposal of the municipality: its signatures move over,
    a resident who signed both counted once."""
    if duplicate.pk == into.pk or duplicate.municipality_id != into.municipality_id:
        raise ProposalRefused(_("Välj ett annat e-förslag i samma kommun."))
    with transaction.atomic():
        duplicate = _locked(duplicate, State.SUBMITTED, State.PUBLISHED)
        into = _locked(into, State.SUBMITTED, State.PUBLISHED)
        already = set(into.signatures.values_list("resident_id", flat=True))
        moving = duplicate.signatures.exclude(resident_id__in=already)
        moved = moving.update(proposal=into)
        dropped, _deleted = duplicate.signatures.all().delete()
        duplicate.state = State.MERGED
        duplicate.merged_into = into
        duplicate.save()
        record(
            "proposal_merged",
            acting_user=acting_user,
            obj=duplicate,
            changes={"into": into.pk, "moved": moved, "counted_once": dropped},
        )
    return into


def do_sign_proposal(proposal: Proposal, resident: Resident) -> Signature:
    """One signature per resident and proposal, while the proposal is open for signing."""
    if resident.verified_at is None or resident.erased_at is not None:
        raise ProposalRefused(_("Bara verifierade invånare kan skriva under."))
    with transaction.atomic():
        proposal = _locked(proposal, State.PUBLISHED)
        if proposal.signing_ends_on is not None and timezone.localdate() > proposal.signing_ends_on:
            raise ProposalRefused(_("Tiden för underskrifter är slut."))
        if proposal.signatures.filter(resident=resident).exists():
            raise ProposalRefused(_("Du har redan skrivit under det här e-förslaget."))
        try:
            with transaction.atomic():
                signature = Signature.objects.create(proposal=proposal, resident=resident)
        except IntegrityError:
            raise ProposalRefused(_("Du har redan skrivit under det här e-förslaget.")) from None
        Resident.objects.filter(pk=resident.pk).update(active_at=timezone.now())
        record("proposal_signed", acting_user=None, obj=proposal, changes={"resident": resident.pk})
    return signature


def do_send_to_committee(proposal: Proposal, body: Body, *, acting_user: Actor) -> Proposal:
    """A proposal with enough signatures goes to the committee that will answer it."""
    if body.municipality_id != proposal.municipality_id:
        raise ProposalRefused(_("Nämnden hör inte till kommunen."))
    with transaction.atomic():
        proposal = _locked(proposal, State.PUBLISHED)
        count = signature_count(proposal)
        if count < settings.PROPOSAL_THRESHOLD:
            raise ProposalRefused(
                _("E-förslaget har %(count)s underskrifter; det behövs %(needed)s.")
                % {"count": count, "needed": settings.PROPOSAL_THRESHOLD}
            )
        proposal.state = State.COMMITTEE
        proposal.body = body
        proposal.save()
        record(
            "proposal_sent_to_committee",
            acting_user=acting_user,
            obj=proposal,
            changes={"body": body.code, "signatures": count},
        )
    return proposal


def do_decide_proposal(
    proposal: Proposal,
    decision: str,
    *,
    decided_on: date,
    minute: str,
    answer: str,
    acting_user: Actor,
) -> Proposal:
    """The committee's decision. Bifall gives the committee an assignment in its plan of the
    decision's year (still a draft or under revision), linked both ways."""
    if decision not in Decision.values:
        raise ProposalRefused(_("Välj bifall, avslag eller besvarad."))
    if not minute.strip() or not answer.strip():
        raise ProposalRefused(_("Skriv paragrafen och nämndens svar."))
    with transaction.atomic():
        proposal = _locked(proposal, State.COMMITTEE)
        assert proposal.body is not None
        assignment: Assignment | None = None
        if decision == Decision.GRANTED:
            plan = Plan.objects.filter(body=proposal.body, year=decided_on.year).first()
            if plan is None:
                raise ProposalRefused(
                    _("%(body)s har ingen plan för %(year)s att lägga uppdraget i.")
                    % {"body": proposal.body.name, "year": decided_on.year}
                )
            refused = why_refused(plan, follow_up=False)
            if refused is not None:
                raise ProposalRefused(refused.message)
            assignment = do_save_assignment(
                plan,
                None,
                {"origin": Origin.OWN, "text": answer.strip(), "start_date": decided_on,
                 "period_start": decided_on.year, "period_end": None, "period_note": "",
                 "extra_cost": None, "extra_cost_unit": CostUnit.MNKR, "extra_cost_note": ""},
                acting_user=acting_user,
            )  # fmt: skip
        proposal.state = State.DECIDED
        proposal.decision = decision
        proposal.decided_on = decided_on
        proposal.minute = minute.strip()
        proposal.answer = answer.strip()
        proposal.assignment = assignment
        proposal.save()
        record(
            "proposal_decided",
            acting_user=acting_user,
            obj=proposal,
            changes={
                "decision": decision,
                "decided_on": str(decided_on),
                "minute": proposal.minute,
                "assignment": assignment.pk if assignment is not None else None,
            },
        )
    return proposal


def do_erase_resident(resident: Resident, *, acting_user: Actor = None) -> Resident:
    """Remove the e-mail address and the name; proposals stay anonymised, signatures counted."""
    with transaction.atomic():
        resident = Resident.objects.select_for_update().get(pk=resident.pk)
        resident.email = None
        resident.name = ""
        resident.erased_at = resident.erased_at or timezone.now()
        resident.save()
        resident.proposals.update(show_name=False)
        record("resident_erased", acting_user=acting_user, obj=resident, changes={})
    return resident


def do_purge_residents(*, acting_user: Actor = None) -> int:
    """Erase every resident inactive longer than PROPOSAL_RETENTION_DAYS."""
    cutoff = timezone.now() - timedelta(days=settings.PROPOSAL_RETENTION_DAYS)
    stale = Resident.objects.filter(erased_at__isnull=True, active_at__lt=cutoff)
    erased = 0
    for resident in stale:
        do_erase_resident(resident, acting_user=acting_user)
        erased += 1
    return erased
