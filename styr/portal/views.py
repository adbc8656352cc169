"""The open portal: what residents read without signing in.

Every page is built from the publication rule (styr.portal.published), the same for an
anonymous reader and a signed-in official, and kept in the cache until anything changes in
Styr (every change writes an audit entry, see web.overview.newest_change): an adoption, a
correction, an indicator marked not public all show at the next request.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from styr.documents.actions import version_document, version_file
from styr.documents.models import DocumentVersion
from styr.documents.render import CONTENT_TYPES, Format
from styr.documents.render.html import render_article
from styr.indicators.vocabulary import vocabulary
from styr.portal import pages
from styr.portal.published import (
    latest_report,
    public_indicator,
    public_municipality,
    public_plan,
    public_versions,
)
from styr.web.chart import trend_chart
from styr.web.kolada_panel import kolada_panel
from styr.web.overview import newest_change
from styr.web.views.indicators import _as_plotted, _table

View = Callable[..., HttpResponse]


def cached_page(view: View) -> View:
    """Serve the page from the cache while nothing has changed. The pages hold nothing
    personal (no CSRF token, no user name), so one copy serves every reader of a language."""

    @require_safe
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # The path and the one parameter a page reads (open data's separator): any other
        # query string would only fill the cache with copies.
        sep = request.GET.get("sep", "")
        key = f"portal:{newest_change()}:{get_language()}:{request.path}:{sep}"
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set(
                key, (response.content, response["Content-Type"]), settings.PORTAL_CACHE_SECONDS
            )
        return response

    return wrapper


@cached_page
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/index.html", {"municipalities": pages.municipalities()})


@cached_page
def municipality(request: HttpRequest, municipality: str) -> HttpResponse:
    found = public_municipality(municipality)
    return render(request, "portal/municipality.html", pages.municipality_page(found))


@cached_page
def plan(request: HttpRequest, municipality: str, body: str, year: int) -> HttpResponse:
    found = public_plan(municipality, body, year)
    return render(request, "portal/plan.html", pages.plan_page(found))


@cached_page
def goal(request: HttpRequest, municipality: str, body: str, year: int, key: str) -> HttpResponse:
    found = public_plan(municipality, body, year)
    rows, assessed = pages.public_goal_rows(found, only=key)
    if not rows:
        raise Http404(_("Planen har inget sådant mål."))
    return render(
        request,
        "portal/goal.html",
        {
            "plan": found,
            "row": rows[0],
            "year": assessed,
            "report": latest_report(found),
            "words": vocabulary(found.body.municipality_id),
        },
    )


@cached_page
def assignment(
    request: HttpRequest, municipality: str, body: str, year: int, key: str
) -> HttpResponse:
    found = public_plan(municipality, body, year)
    rows = pages.public_assignments(found, only=key)
    if not rows:
        raise Http404(_("Planen har inget sådant uppdrag."))
    # A granted e-förslag the assignment came from (styr.proposals), linked back.
    proposal = rows[0].assignment.proposals.filter(municipality=found.body.municipality).first()
    return render(
        request, "portal/assignment.html", {"plan": found, "row": rows[0], "proposal": proposal}
    )


@cached_page
def indicator(request: HttpRequest, municipality: str, body: str, key: str) -> HttpResponse:
    found = public_indicator(municipality, body, key)
    context = pages.indicator_page(found)
    values = context["values"]
    kolada = kolada_panel(found, found.body.municipality, values)
    context.update(
        chart=trend_chart(
            _as_plotted(values), found.decimals, kolada.comparisons if kolada else None
        ),
        rows=_table(values, found.decimals),
        kolada=kolada,
    )
    return render(request, "portal/indicator.html", context)


def _version(plan_id: int, version_id: int) -> DocumentVersion:
    """A public decided document of the public plan (published.public_versions): only the
    public edition is served, the decided document itself prints what residents do not get."""
    version = next((v for v in public_versions(plan_id) if v.pk == version_id), None)
    if version is None:
        raise Http404(_("Det finns inget sådant beslutat dokument."))
    return version


@cached_page
def document(
    request: HttpRequest, municipality: str, body: str, year: int, version_id: int
) -> HttpResponse:
    found = public_plan(municipality, body, year)
    version = _version(found.pk, version_id)
    article = render_article(version_document(version, public=True))
    return render(
        request, "portal/document.html", {"plan": found, "version": version, "article": article}
    )


@require_safe
def document_file(
    request: HttpRequest, municipality: str, body: str, year: int, version_id: int, fmt: str
) -> HttpResponse:
    """A decided document's public edition as the file kept of it (the same bytes for every
    reader)."""
    found = public_plan(municipality, body, year)
    version = _version(found.pk, version_id)
    if fmt not in Format.__members__.values():
        raise Http404(_("Okänt format."))
    format = Format(fmt)
    content = version_file(version, format, public=True)
    response = HttpResponse(content, content_type=CONTENT_TYPES[format])
    name = f"{found.body.code.lower()}-{version.template_key}-{found.year}-v{version.number}.{fmt}"
    disposition = "inline" if format == Format.PDF else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


@cached_page
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/accessibility.html",
        {
            "contact": settings.PORTAL_ACCESSIBILITY_CONTACT,
            "assessed_on": settings.PORTAL_ACCESSIBILITY_ASSESSED_ON,
        },
    )


@require_safe
def language(request: HttpRequest, code: str) -> HttpResponse:
    """The portal's language switch: a link, not a form, so the pages carry no CSRF token and
    one cached copy serves everyone."""
    if code not in dict(settings.LANGUAGES):
        raise Http404(_("Okänt språk."))
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/oppen/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response
