"""Background jobs on the web: a large document asked for, its progress while a worker makes
it, and the file when it is done. The page reads the job from the database, so it survives a
reload and shows the same on every web server."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from styr.access.permissions import access_job, access_plan
from styr.documents.produce import DocumentError, occasion_for
from styr.documents.render import Format
from styr.tasks.models import Job, JobState
from styr.tasks.queue import enqueue

FORMAT_NAMES = {Format.PDF: "PDF", Format.DOCX: "Word", Format.HTML: "HTML"}


@login_required
@require_POST
def document_render(request: HttpRequest, plan_id: int, template: str) -> HttpResponse:
    """Today's draft of a document, made in the background (a large plan takes seconds)."""
    plan = access_plan(request.user, plan_id)
    try:
        fmt = Format(request.POST.get("format", ""))
    except ValueError:
        raise Http404(_("Okänt format.")) from None
    try:
        occasion = occasion_for(plan, template, request.POST.get("tillfalle") or None)
    except DocumentError as exc:
        raise Http404(str(exc)) from None
    waiting = Job.objects.for_user(request.user).unfinished().count()
    if waiting >= settings.JOB_MAX_UNFINISHED:
        messages.error(
            request,
            _(
                "Du har redan %(n)s jobb som inte är klara. Vänta tills något av dem är klart "
                "innan du beställer fler."
            )
            % {"n": waiting},
        )
        return redirect("web:my-jobs")
    job = enqueue(
        "render",
        {"plan": plan.pk, "template": template, "occasion": occasion.key, "format": fmt.value},
        title=_("%(occasion)s, %(body)s, som %(format)s")
        % {"occasion": occasion.name, "body": plan.body.name, "format": FORMAT_NAMES[fmt]},
        acting_user=request.user,
    )
    return redirect("web:job", job.pk)


def _context(job: Job) -> dict[str, object]:
    done = job.state == JobState.DONE
    return {
        "job": job,
        "plan": getattr(job, "plan", None),
        "has_file": bool(job.file_name),
        "message": _summary(job) if done else "",
        "no_worker": _waiting_without_worker(job),
    }


# A job queued this long (seconds) with no worker alive is worth telling the user about.
LONG_WAIT = 60


def _waiting_without_worker(job: Job) -> bool:
    from styr.web.views.health import worker_state

    if job.state != JobState.QUEUED:
        return False
    if (timezone.now() - job.created_at).total_seconds() < LONG_WAIT:
        return False
    return worker_state() == "missing"


def _summary(job: Job) -> str:
    """What a finished job did, in a sentence."""
    from styr.web.views.excel import imported_message

    if job.kind == "excel_import":
        return imported_message(job)
    if job.kind == "kolada_fetch":
        result = job.result
        if not result.get("kpis"):
            return _("Inga indikatorer eller följetal är kopplade till Kolada; inget hämtades.")
        return _(
            "%(kpis)s nyckeltal för %(areas)s områden, åren %(years)s: %(added)s nya och "
            "%(updated)s ändrade värden. Kopplade mått: %(measures)s, med %(taken)s nya och "
            "%(changed)s ändrade utfall."
        ) % {
            "kpis": result["kpis"],
            "areas": result["areas"],
            "years": result["years"],
            "added": result["added"],
            "updated": result["updated"],
            "measures": result["measures"],
            "taken": result["outcomes_added"],
            "changed": result["outcomes_updated"],
        }
    return ""


@login_required
@require_GET
def job_page(request: HttpRequest, job_id: int) -> HttpResponse:
    job = access_job(request.user, job_id)
    return render(request, "web/job.html", _context(job))


@login_required
@require_GET
def job_status(request: HttpRequest, job_id: int) -> HttpResponse:
    """The part of the job page that htmx asks for again until the job is done."""
    job = access_job(request.user, job_id)
    return render(request, "web/_job_status.html", _context(job))


@login_required
@require_GET
def job_file(request: HttpRequest, job_id: int) -> HttpResponse:
    job = access_job(request.user, job_id)
    if not job.file_name:
        raise Http404(_("Jobbet har ingen fil (än)."))
    content = Job.objects.values_list("file_content", flat=True).get(pk=job.pk)
    response = HttpResponse(bytes(content or b""), content_type=job.file_type)
    disposition = "inline" if job.file_type == "application/pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{job.file_name}"'
    return response


@login_required
@require_POST
def kolada_fetch_now(request: HttpRequest, key: str) -> HttpResponse:
    """The nightly Kolada fetch, now, for one municipality: its administrator asks for it after
    linking new indicators, rather than waiting for the night."""
    from styr.web.views.reference import _municipality

    municipality = _municipality(request, key)
    job = enqueue(
        "kolada_fetch",
        {"municipality": municipality.key},
        title=_("Hämtning från Kolada för %(name)s") % {"name": municipality.name},
        acting_user=request.user,
    )
    return redirect("web:job", job.pk)


@login_required
@require_GET
def my_jobs(request: HttpRequest) -> HttpResponse:
    jobs = list(Job.objects.for_user(request.user).defer("file_content")[:50])
    return render(request, "web/jobs.html", {"jobs": jobs, "job_url": reverse("web:my-jobs")})
