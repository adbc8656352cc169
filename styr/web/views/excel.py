"""The plan as an Excel workbook: download it, upload it edited, see what will change, confirm.
Between preview and confirmation the upload waits in the database (PendingWorkbook) under a
random key that only a signed token names; the token binds it to the plan, the user and the
exact changes previewed, so a client can neither swap the file nor confirm changes it was not
shown. The confirmed import runs as a background job (styr.tasks), on any worker.
"""

import secrets
from datetime import timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.access.permissions import access_plan, can_edit
from styr.excel.export import write_workbook
from styr.excel.models import PendingWorkbook
from styr.excel.read import read_workbook
from styr.plans.models import Plan
from styr.tasks.kinds import MOVED
from styr.tasks.models import Job, JobState
from styr.tasks.queue import enqueue

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD = 10 * 1024 * 1024
SALT = "styr.web.excel"
# An upload waits this long for its confirmation; older ones are removed.
KEEP_SECONDS = 3600


def _forget_old_uploads() -> None:
    limit = timezone.now() - timedelta(seconds=KEEP_SECONDS)
    PendingWorkbook.objects.filter(created_at__lt=limit).delete()


def imported_message(job: Job) -> str:
    """What an editor is told once the workbook is in."""
    by_sheet: dict[str, int] = job.result.get("by_sheet", {})
    parts = ", ".join(f"{sheet} {n}" for sheet, n in by_sheet.items())
    # Translators: %(parts)s lists the sheets with their counts, e.g. "Uppdrag 3, Mål 2".
    return _("%(total)s ändrade celler lästes in från Excel (%(parts)s).") % {
        "total": job.result.get("total", 0),
        "parts": parts,
    }


def _page(request: HttpRequest, plan: Plan, status: int = 200, **extra: Any) -> HttpResponse:
    context = {
        "plan": plan,
        "editable": can_edit(request.user, plan.body) and plan.state != "locked",
        **extra,
    }
    return render(request, "web/excel.html", context, status=status)


@login_required
def excel_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _page(request, access_plan(request.user, plan_id))


@login_required
def excel_download(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    buffer = BytesIO()
    write_workbook(plan, buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    name = f"{plan.body.code.lower()}-{plan.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def excel_preview(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Read the uploaded workbook and show what it would change; write nothing."""
    plan = access_plan(request.user, plan_id, write=True)
    upload = request.FILES.get("workbook")
    if upload is None:
        return _page(request, plan, 400, upload_error=_("Välj en arbetsbok (.xlsx) att läsa in."))
    if upload.size is not None and upload.size > MAX_UPLOAD:
        return _page(request, plan, 400, upload_error=_("Arbetsboken är större än 10 MB."))
    _forget_old_uploads()
    content = b"".join(upload.chunks())
    name = Path(upload.name or "arbetsbok.xlsx").name
    changes = read_workbook(content, plan=plan, name=name)
    if not changes.ok or not changes.changes:
        status = 200 if changes.ok else 400
        return _page(request, plan, status, changes=changes, file_name=name)
    stored = secrets.token_hex(16)
    editor = request.user
    assert isinstance(editor, User)  # signed in: access_plan let them write
    PendingWorkbook.objects.create(
        key=stored, plan=plan, uploaded_by=editor, name=name[:200], content=content
    )
    token = signing.dumps(
        {"file": stored, "plan": plan.pk, "user": request.user.pk, "digest": changes.digest(),
         "name": name},
        salt=SALT,
    )  # fmt: skip
    return _page(request, plan, changes=changes, file_name=name, token=token)


@login_required
@require_POST
def excel_import(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Apply the previewed changes: exactly those, from the file kept on the server."""
    plan = access_plan(request.user, plan_id, write=True)
    try:
        ticket = signing.loads(request.POST.get("token", ""), salt=SALT, max_age=KEEP_SECONDS)
    except signing.BadSignature:
        return _page(request, plan, 400, upload_error=_("Förhandsgranskningen har gått ut eller "
                     "är ogiltig. Läs in arbetsboken igen."))  # fmt: skip
    if ticket.get("plan") != plan.pk or ticket.get("user") != request.user.pk:
        return _page(request, plan, 400, upload_error=_("Förhandsgranskningen gäller inte den "
                     "här planen eller användaren. Läs in arbetsboken igen."))  # fmt: skip
    pending = PendingWorkbook.objects.filter(
        key=str(ticket.get("file", "")), plan=plan, uploaded_by_id=request.user.pk
    )
    if not pending.exists():
        return _page(request, plan, 400, upload_error=_("Arbetsboken finns inte längre kvar. "
                     "Läs in den igen."))  # fmt: skip
    job = enqueue(
        "excel_import",
        {"pending": ticket["file"], "plan": plan.pk, "digest": ticket["digest"]},
        title=_("Excel till %(body)s %(year)s: %(name)s")
        % {"body": plan.body.name, "year": plan.year, "name": ticket.get("name", "")},
        acting_user=request.user,
    )
    job.refresh_from_db()
    if job.state == JobState.DONE:
        messages.success(request, imported_message(job))
        return redirect("web:plan", plan_id=plan.pk)
    if job.state == JobState.FAILED:
        moved = job.error == MOVED
        return _page(request, plan, 409 if moved else 400, upload_error=_(job.error))
    # Still running (a worker, or the web process's own runner): its page follows it.
    return redirect("web:job", job.pk)
