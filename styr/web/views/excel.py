"""The plan as an Excel workbook: download it, upload it edited, see what will change, confirm.

Between preview and confirmation the upload stays on the server, under a random name that only
a signed token names; the token binds it to the plan, the user and the exact changes previewed,
so a client can neither swap the file nor confirm changes it was not shown.
"""

import secrets
import time
from io import BytesIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.access.permissions import access_plan, can_edit
from styr.excel.actions import do_import_workbook
from styr.excel.changes import ChangesMoved, WorkbookRefused
from styr.excel.export import write_workbook
from styr.excel.read import read_workbook
from styr.plans.actions import PlanLocked
from styr.plans.models import Plan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD = 10 * 1024 * 1024
SALT = "styr.web.excel"
# An upload waits this long for its confirmation; older ones are removed.
KEEP_SECONDS = 3600


def upload_dir() -> Path:
    folder = Path(settings.UPLOAD_DIR) / "excel"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _forget_old_uploads(folder: Path) -> None:
    limit = time.time() - KEEP_SECONDS
    for path in folder.glob("*.xlsx"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


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
    folder = upload_dir()
    _forget_old_uploads(folder)
    stored = f"{secrets.token_hex(16)}.xlsx"
    path = folder / stored
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    name = Path(upload.name or "arbetsbok.xlsx").name
    changes = read_workbook(path, plan=plan, name=name)
    if not changes.ok or not changes.changes:
        path.unlink(missing_ok=True)
        status = 200 if changes.ok else 400
        return _page(request, plan, status, changes=changes, file_name=name)
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
    path = upload_dir() / Path(str(ticket["file"])).name
    if not path.is_file():
        return _page(request, plan, 400, upload_error=_("Arbetsboken finns inte längre kvar. "
                     "Läs in den igen."))  # fmt: skip
    try:
        summary = do_import_workbook(
            path, plan=plan, acting_user=request.user, expected=ticket["digest"],
            name=ticket.get("name", ""),
        )  # fmt: skip
    except ChangesMoved:
        changes = read_workbook(path, plan=plan, name=ticket.get("name", ""))
        path.unlink(missing_ok=True)
        moved = _(
            "Planen har ändrats sedan förhandsgranskningen; ingenting är inläst. Läs in "
            "arbetsboken igen för att se ändringarna som de är nu."
        )
        return _page(request, plan, 409, changes=changes, file_name=ticket.get("name", ""),
                     upload_error=moved)  # fmt: skip
    except (WorkbookRefused, PlanLocked, ValueError) as exc:
        # ValueError: an action's own refusal of a value the preview let through.
        path.unlink(missing_ok=True)
        return _page(
            request, plan, 400, upload_error=_("Ingenting är inläst: %(error)s") % {"error": exc}
        )
    path.unlink(missing_ok=True)
    parts = ", ".join(f"{sheet} {n}" for sheet, n in summary.by_sheet.items())
    messages.success(
        request,
        # Translators: %(parts)s lists the sheets with their counts, e.g. "Uppdrag 3, Mål 2".
        _("%(total)s ändrade celler lästes in från Excel (%(parts)s).")
        % {"total": summary.total, "parts": parts},
    )
    return redirect("web:plan", plan_id=plan.pk)
