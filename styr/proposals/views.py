"""The residents' pages under /oppen/<kommun>/forslag/ and the moderation pages in the
workspace. Residents' pages are personal (signed-in resident, CSRF) and never cached."""

import hashlib
import math
import time
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.organisation.models import Body, Municipality
from styr.portal.pages import public_assignments
from styr.portal.published import public_plans
from styr.proposals import actions
from styr.proposals.access import can_decide, can_moderate
from styr.proposals.forms import DecideForm, ProposalForm, RejectForm, SignUpForm
from styr.proposals.models import Proposal, Resident, State
from styr.steering.models import MunicipalPlan, StrategicArea

SESSION_KEY = "styr_resident"
HOUR = 3600
SALT = "styr.proposals.sign-in"
SHOWN = [State.PUBLISHED, State.COMMITTEE, State.DECIDED]
OTHER = "annat"


def _municipality(key: str) -> Municipality:
    return get_object_or_404(Municipality, key=key)


def current_resident(request: HttpRequest) -> Resident | None:
    pk = request.session.get(SESSION_KEY)
    if pk is None:
        return None
    return Resident.objects.filter(pk=pk, verified_at__isnull=False, erased_at__isnull=True).first()


def _areas(municipality: Municipality) -> list[StrategicArea]:
    plan = MunicipalPlan.objects.filter(municipality=municipality).order_by("-year").first()
    return list(StrategicArea.objects.filter(municipal_plan=plan)) if plan else []


def _client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def _over_limit(kind: str, value: str, limit: int) -> bool:
    """Counts within the hour from the first mail, in the rate-limit cache every process
    shares (settings.CACHES); True once the limit is passed. The window is stored with the
    count and each write keeps its end, so a count never outlives its hour nor restarts it."""
    key = "proposals:mails:" + kind + ":" + hashlib.sha256(value.encode()).hexdigest()
    limits = caches["limits"]
    now = time.time()
    stored = limits.get(key)
    started, count = stored if isinstance(stored, tuple) else (now, 0)
    if now - started >= HOUR:
        started, count = now, 0
    count += 1
    limits.set(key, (started, count), max(1, math.ceil(started + HOUR - now)))
    return count > limit


def sign_up(request: HttpRequest, municipality: str) -> HttpResponse:
    found = _municipality(municipality)
    form = SignUpForm(request.POST or None)
    if request.method == "POST":
        if form.is_spam():
            messages.info(request, _("Tack. Om adressen fungerar får du strax ett e-brev."))
            return HttpResponseRedirect(request.path)
        if form.is_valid():
            email = form.cleaned_data["email"].strip().lower()
            limited = _over_limit("address", email, settings.PROPOSAL_MAILS_PER_ADDRESS)
            limited = (
                _over_limit("ip", _client_ip(request), settings.PROPOSAL_MAILS_PER_IP) or limited
            )
            if limited:
                form.add_error(None, _("För många e-brev har begärts. Försök igen om en timme."))
            else:
                token = signing.dumps({"e": email}, salt=SALT)
                link = request.build_absolute_uri(
                    reverse("proposals:verify", args=[found.key, token])
                )
                send_mail(
                    _("Logga in på e-förslag i %(municipality)s") % {"municipality": found.name},
                    _(
                        "Hej!\n\nKlicka på länken för att logga in och lämna eller skriva under "
                        "e-förslag. Länken gäller i %(hours)s timmar.\n\n%(link)s\n\n"
                        "Har du inte bett om det här kan du strunta i e-brevet."
                    )
                    % {"hours": settings.PROPOSAL_LINK_HOURS, "link": link},
                    None,
                    [email],
                )
                messages.info(request, _("Tack. Om adressen fungerar får du strax ett e-brev."))
                return HttpResponseRedirect(request.path)
    return render(request, "proposals/sign_up.html", {"municipality": found, "form": form})


def verify(request: HttpRequest, municipality: str, token: str) -> HttpResponse:
    """The link in the e-mail: opening it asks the resident to confirm, and only that POST
    signs in, so a mail scanner that opens every link verifies nobody."""
    found = _municipality(municipality)
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.PROPOSAL_LINK_HOURS * 3600)
    except signing.BadSignature:
        return render(request, "proposals/link_expired.html", {"municipality": found}, status=400)
    if request.method != "POST":
        return render(request, "proposals/confirm.html", {"municipality": found})
    resident = actions.do_verify_resident(str(data["e"]))
    request.session.cycle_key()
    request.session[SESSION_KEY] = resident.pk
    messages.success(request, _("Du är inloggad."))
    return HttpResponseRedirect(reverse("proposals:mine", args=[found.key]))


@require_POST
def sign_out(request: HttpRequest, municipality: str) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    return HttpResponseRedirect(reverse("proposals:index", args=[municipality]))


def index(request: HttpRequest, municipality: str) -> HttpResponse:
    found = _municipality(municipality)
    proposals = (
        Proposal.objects.filter(municipality=found, state__in=SHOWN)
        .select_related("area")
        .order_by("-published_at")
    )
    return render(
        request,
        "proposals/index.html",
        {"municipality": found, "proposals": proposals, "resident": current_resident(request)},
    )


def _public_proposal(municipality: str, pk: int) -> Proposal:
    proposal = (
        Proposal.objects.filter(municipality__key=municipality, pk=pk, state__in=SHOWN)
        .select_related("municipality", "area", "body", "resident", "assignment__plan__body")
        .first()
    )
    if proposal is None:
        raise Http404(_("E-förslaget finns inte eller är inte publicerat."))
    return proposal


def assignment_status(proposal: Proposal) -> dict[str, Any] | None:
    """The assignment a granted proposal became, with its public status and portal address
    once its plan is adopted."""
    assignment = proposal.assignment
    if assignment is None:
        return None
    plan = assignment.plan
    shown = public_plans().filter(pk=plan.pk).exists() and assignment.public
    row = public_assignments(plan, only=assignment.key)[0] if shown else None
    url = (
        reverse(
            "portal:assignment",
            args=[plan.body.municipality.key, plan.body.code, plan.year, assignment.key],
        )
        if row is not None
        else ""
    )
    return {"assignment": assignment, "row": row, "url": url}


def detail(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    proposal = _public_proposal(municipality, pk)
    resident = current_resident(request)
    signed = resident is not None and proposal.signatures.filter(resident=resident).exists()
    return render(
        request,
        "proposals/detail.html",
        {
            "municipality": proposal.municipality,
            "proposal": proposal,
            "count": actions.signature_count(proposal),
            "threshold": settings.PROPOSAL_THRESHOLD,
            "resident": resident,
            "signed": signed,
            "open": proposal.state == State.PUBLISHED
            and (
                proposal.signing_ends_on is None or timezone.localdate() <= proposal.signing_ends_on
            ),
            "followed": assignment_status(proposal),
            "has_image": hasattr(proposal, "image"),
        },
    )


def image(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    proposal = Proposal.objects.filter(municipality__key=municipality, pk=pk).first()
    if proposal is None or not hasattr(proposal, "image"):
        raise Http404
    resident = current_resident(request)
    own = resident is not None and proposal.resident_id == resident.pk
    if (
        proposal.state not in SHOWN
        and not own
        and not can_moderate(request.user, proposal.municipality)
    ):
        raise Http404
    return HttpResponse(bytes(proposal.image.content), content_type=proposal.image.content_type)


@require_POST
def sign(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    proposal = _public_proposal(municipality, pk)
    resident = current_resident(request)
    if resident is None:
        return HttpResponseRedirect(reverse("proposals:sign-up", args=[municipality]))
    try:
        actions.do_sign_proposal(proposal, resident)
        messages.success(request, _("Tack för din underskrift."))
    except actions.ProposalRefused as refused:
        messages.error(request, str(refused))
    return HttpResponseRedirect(reverse("proposals:detail", args=[municipality, pk]))


def submit(request: HttpRequest, municipality: str) -> HttpResponse:
    found = _municipality(municipality)
    resident = current_resident(request)
    if resident is None:
        return HttpResponseRedirect(reverse("proposals:sign-up", args=[found.key]))
    areas = _areas(found)
    form = ProposalForm(request.POST or None, request.FILES or None)
    area_field = form.fields["area"]
    assert isinstance(area_field, forms.ChoiceField)
    area_field.choices = [(str(a.pk), a.name) for a in areas] + [(OTHER, _("Annat"))]
    if request.method == "POST":
        if form.is_spam():
            messages.info(request, _("Tack. Förslaget har tagits emot."))
            return HttpResponseRedirect(reverse("proposals:mine", args=[found.key]))
        if form.is_valid():
            data = form.cleaned_data
            area = next((a for a in areas if str(a.pk) == data["area"]), None)
            upload = data.get("image")
            picture = (
                actions.Picture(upload.name, upload.read(), data.get("alt") or "")
                if upload
                else None
            )
            try:
                actions.do_submit_proposal(
                    resident, found, title=data["title"], text=data["text"], area=area,
                    show_name=data["show_name"], picture=picture, name=data.get("name") or None,
                )  # fmt: skip
            except actions.ProposalRefused as refused:
                form.add_error("image" if picture else None, str(refused))
            else:
                messages.success(
                    request, _("Tack. Kommunen granskar förslaget innan det publiceras.")
                )
                return HttpResponseRedirect(reverse("proposals:mine", args=[found.key]))
    return render(
        request,
        "proposals/submit.html",
        {"municipality": found, "form": form, "resident": resident},
    )


def mine(request: HttpRequest, municipality: str) -> HttpResponse:
    found = _municipality(municipality)
    resident = current_resident(request)
    if resident is None:
        return HttpResponseRedirect(reverse("proposals:sign-up", args=[found.key]))
    proposals = resident.proposals.filter(municipality=found)
    return render(
        request,
        "proposals/mine.html",
        {"municipality": found, "resident": resident, "proposals": proposals},
    )


def erase(request: HttpRequest, municipality: str) -> HttpResponse:
    found = _municipality(municipality)
    resident = current_resident(request)
    if resident is None:
        return HttpResponseRedirect(reverse("proposals:sign-up", args=[found.key]))
    if request.method == "POST":
        actions.do_erase_resident(resident)
        request.session.flush()
        messages.success(request, _("Dina uppgifter är raderade."))
        return HttpResponseRedirect(reverse("proposals:index", args=[found.key]))
    return render(request, "proposals/erase.html", {"municipality": found, "resident": resident})


# The moderation pages in the signed-in workspace.


def _moderated(request: HttpRequest, municipality: str) -> Municipality:
    found = _municipality(municipality)
    if not can_moderate(request.user, found):
        raise PermissionDenied(_("E-förslag granskas av kommunens administratörer och redaktörer."))
    return found


@login_required
def moderation(request: HttpRequest, municipality: str) -> HttpResponse:
    found = _moderated(request, municipality)
    proposals = Proposal.objects.filter(municipality=found).select_related("area", "body")
    return render(
        request, "proposals/moderation.html", {"municipality": found, "proposals": proposals}
    )


@login_required
def moderate(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    found = _moderated(request, municipality)
    proposal = get_object_or_404(Proposal, municipality=found, pk=pk)
    reject_form = RejectForm(prefix="avvisa")
    decide_form = DecideForm(prefix="beslut")
    errors: list[str] = []
    if request.method == "POST":
        what = request.POST.get("do", "")
        try:
            if what == "publish":
                actions.do_publish_proposal(proposal, acting_user=request.user)
            elif what == "reject":
                reject_form = RejectForm(request.POST, prefix="avvisa")
                if not reject_form.is_valid():
                    raise actions.ProposalRefused(_("Skäl: skriv skälet för avvisningen."))
                actions.do_reject_proposal(
                    proposal, reject_form.cleaned_data["reason"], acting_user=request.user
                )
            elif what == "merge":
                into = Proposal.objects.filter(
                    municipality=found, pk=request.POST.get("into") or 0
                ).first()
                if into is None:
                    raise actions.ProposalRefused(_("Slå ihop med: välj ett e-förslag."))
                actions.do_merge_proposals(proposal, into, acting_user=request.user)
            elif what == "committee":
                body = Body.objects.filter(
                    municipality=found, pk=request.POST.get("body") or 0
                ).first()
                if body is None:
                    raise actions.ProposalRefused(_("Nämnd: välj den nämnd som ska svara."))
                actions.do_send_to_committee(proposal, body, acting_user=request.user)
            elif what == "decide":
                if not can_decide(request.user, proposal):
                    raise PermissionDenied(_("Beslutet förs in av en redaktör för nämnden."))
                decide_form = DecideForm(request.POST, prefix="beslut")
                if not decide_form.is_valid():
                    raise actions.ProposalRefused(
                        "; ".join(
                            f"{decide_form.fields[name].label}: {' '.join(str(e) for e in errs)}"
                            for name, errs in decide_form.errors.items()
                        )
                    )
                data = decide_form.cleaned_data
                actions.do_decide_proposal(
                    proposal, data["decision"], decided_on=data["decided_on"],
                    minute=data["minute"], answer=data["answer"], acting_user=request.user,
                )  # fmt: skip
            else:
                raise actions.ProposalRefused(_("Okänd åtgärd."))
        except actions.ProposalRefused as refused:
            errors.append(str(refused))
        else:
            messages.success(request, _("Ändringen är sparad."))
            return HttpResponseRedirect(request.path)
    return render(
        request,
        "proposals/moderate.html",
        {
            "municipality": found,
            "proposal": proposal,
            "count": actions.signature_count(proposal),
            "threshold": settings.PROPOSAL_THRESHOLD,
            "errors": errors,
            "reject_form": reject_form,
            "decide_form": decide_form,
            "others": Proposal.objects.filter(
                municipality=found, state__in=[State.SUBMITTED, State.PUBLISHED]
            ).exclude(pk=proposal.pk),
            "bodies": found.bodies.all(),
            "may_decide": can_decide(request.user, proposal),
            "has_image": hasattr(proposal, "image"),
        },
    )
