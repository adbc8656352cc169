"""A plan's documents on the web: the decided version or the draft, its files, and what changed
between versions."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from styr.access.permissions import access_plan
from styr.documents.actions import version_document, version_file
from styr.documents.diff import compare
from styr.documents.models import DocumentVersion
from styr.documents.produce import DocumentError, document_for, occasion_for, versions_of
from styr.documents.render import CONTENT_TYPES, Format
from styr.documents.render import render as render_document
from styr.documents.render.html import render_article
from styr.documents.tree import Document
from styr.plans.models import Plan, ReportOccasion

DRAFT = "utkast"
PUBLIC = "offentlig"  # ?utgava=offentlig: the public edition, as residents get it


@dataclass
class Shown:
    """Which form of a document a page shows: a decided version, or the data as they are now."""

    occasion: ReportOccasion
    versions: list[DocumentVersion]
    version: DocumentVersion | None  # None: the draft from today's data
    public: bool = False

    @property
    def latest(self) -> DocumentVersion | None:
        return self.versions[-1] if self.versions else None

    @property
    def occasion_query(self) -> str:
        """The query naming the occasion, so two reports of one kind are kept apart."""
        return f"tillfalle={self.occasion.key}&"

    @property
    def query(self) -> str:
        which = self.version.number if self.version else DRAFT
        edition = f"&utgava={PUBLIC}" if self.public else ""
        return f"?{self.occasion_query}version={which}{edition}"


def _occasion(request: HttpRequest, plan: Plan, template: str) -> ReportOccasion:
    """`?tillfalle=KEY` names the report; without it, the plan's first of the template's kind."""
    try:
        occasion = occasion_for(plan, template, request.GET.get("tillfalle") or None)
    except DocumentError as exc:
        raise Http404(str(exc)) from None
    occasion.plan = plan
    return occasion


def _shown(request: HttpRequest, plan: Plan, template: str) -> Shown:
    """`?version=N` a decided version, `?version=utkast` the draft; by default the newest
    decided version once the occasion is decided, else the draft."""
    occasion = _occasion(request, plan, template)
    versions = versions_of(occasion, template)
    public = request.GET.get("utgava") == PUBLIC
    asked = request.GET.get("version", "")
    if asked == DRAFT:
        return Shown(occasion, versions, None, public)
    if asked:
        found = next((v for v in versions if str(v.number) == asked), None)
        if found is None:
            raise Http404(
                _("%(occasion)s har ingen beslutad version %(version)s.")
                % {"occasion": occasion.name, "version": asked[:10]}
            )
        return Shown(occasion, versions, found, public)
    decided = versions[-1] if occasion.is_decided and versions else None
    return Shown(occasion, versions, decided, public)


def _document(plan: Plan, template: str, shown: Shown) -> Document:
    if shown.version is not None:
        try:
            return version_document(shown.version, public=shown.public)
        except ValueError:
            raise Http404(
                _("%(version)s beslutades innan Styr sparade en offentlig utgåva.")
                % {"version": shown.version.label}
            ) from None
    try:
        return document_for(plan, template, shown.occasion.key, public=shown.public)
    except DocumentError as exc:
        raise Http404(str(exc)) from None


@login_required
def document_preview(request: HttpRequest, plan_id: int, template: str) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    shown = _shown(request, plan, template)
    document = _document(plan, template, shown)
    return render(
        request,
        "web/document.html",
        {
            "plan": plan,
            "template": template,
            "shown": shown,
            "article": render_article(document),
            "title": document.title,
            "formats": [("pdf", "PDF"), ("docx", "Word"), ("html", "HTML")],
        },
    )


@login_required
def document_download(request: HttpRequest, plan_id: int, template: str, fmt: str) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    if fmt not in Format.__members__.values():
        raise Http404(_("Okänt format."))
    format = Format(fmt)
    shown = _shown(request, plan, template)
    if shown.version is not None:
        if shown.public and shown.version.public_tree is None:
            _document(plan, template, shown)  # says why there is none
        content = version_file(shown.version, format, public=shown.public)
        suffix = f"-v{shown.version.number}"
    else:
        content = render_document(_document(plan, template, shown), format)
        suffix = "-utkast" if shown.versions else ""
    if shown.public:
        suffix += "-offentlig"
    response = HttpResponse(content, content_type=CONTENT_TYPES[format])
    name = f"{plan.body.code.lower()}-{template}-{plan.year}{suffix}.{fmt}"
    disposition = "inline" if format == Format.PDF else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


def _side(
    plan: Plan, template: str, occasion: ReportOccasion, versions: list[DocumentVersion], key: str
) -> tuple[str, Document]:
    if key == DRAFT:
        return _("dagens uppgifter (utkast)"), _document(
            plan, template, Shown(occasion, versions, None)
        )
    found = next((v for v in versions if str(v.number) == key), None)
    if found is None:
        raise Http404(
            _("%(occasion)s har ingen beslutad version %(version)s.")
            % {"occasion": occasion.name, "version": key[:10]}
        )
    return found.label.lower(), version_document(found)


@login_required
def document_compare(request: HttpRequest, plan_id: int, template: str) -> HttpResponse:
    """Two versions side by side in one list of changes: by default the newest decided
    version against today's data."""
    plan = access_plan(request.user, plan_id)
    occasion = _occasion(request, plan, template)
    versions = versions_of(occasion, template)
    context: dict[str, Any] = {
        "plan": plan,
        "template": template,
        "occasion": occasion,
        "versions": versions,
        "draft": DRAFT,
        "base": f"{reverse('web:document', args=[plan.pk, template])}?tillfalle={occasion.key}",
    }
    if not versions:
        return render(request, "web/document_compare.html", context)
    old_key = request.GET.get("fran") or str(versions[-1].number)
    new_key = request.GET.get("till") or DRAFT
    old_label, old = _side(plan, template, occasion, versions, old_key)
    new_label, new = _side(plan, template, occasion, versions, new_key)
    context.update(
        old_key=old_key,
        new_key=new_key,
        old_label=old_label,
        new_label=new_label,
        title=new.title,
        comparison=compare(old, new),
    )
    return render(request, "web/document_compare.html", context)
