"""Open data: the published datasets as files, and the catalogue that lists them.

Every file is built from the publication rule (styr.portal.published, through
styr.opendata.datasets), the same for an anonymous reader and a signed-in official: a draft
plan's datasets answer 404 to its own editor too. Files are cached like the portal's pages
(styr.portal.views.cached_page) until anything changes in Styr.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from styr.indicators.models import Indicator
from styr.opendata import datasets
from styr.opendata.catalogue import catalogue_graph, serialise
from styr.opendata.datasets import Dataset, latest_decision
from styr.opendata.formats import DIALECTS, as_csv, as_json
from styr.plans.models import Plan
from styr.portal.published import public_indicator, public_municipality, public_plan, public_plans
from styr.portal.views import cached_page

View = Callable[..., HttpResponse]

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml; charset=utf-8",
}


def open_file(view: View) -> View:
    """Around the cache, so a file served from it has them too: any web page may fetch open
    data (CORS), and a download is named for what it holds (marks-KS-2024-mal.csv), not for
    the last part of its address alone."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            response["Access-Control-Allow-Origin"] = "*"
            name = "-".join(part for part in request.path.split("/")[3:] if part)
            disposition = "attachment" if name.endswith(".csv") else "inline"
            response["Content-Disposition"] = f'{disposition}; filename="{name}"'
        return response

    return wrapper


def base_url(request: HttpRequest) -> str:
    """Where Styr is reached: STYR_BASE_URL when set (one address in a cached catalogue,
    whichever host name was asked first), else the request's own."""
    return settings.STYR_BASE_URL or f"{request.scheme}://{request.get_host()}"


def _format(fmt: str, allowed: tuple[str, ...]) -> str:
    if fmt not in allowed:
        raise Http404(_("Okänt format."))
    return fmt


def _file(
    request: HttpRequest, dataset: Dataset, fmt: str, metadata: dict[str, Any]
) -> HttpResponse:
    if fmt == "json":
        return HttpResponse(as_json(dataset, metadata), content_type=CONTENT_TYPES["json"])
    dialect = DIALECTS.get(request.GET.get("sep", ""))
    if dialect is None:
        return HttpResponseBadRequest(
            _("Okänt avgränsningstecken: skriv sep=semicolon eller sep=comma.")
        )
    return HttpResponse(as_csv(dataset, dialect), content_type=CONTENT_TYPES["csv"])


def _titles(title: Callable[[], str]) -> dict[str, str]:
    """The dataset's title in Swedish and English, whichever language the reader chose: the
    file is the same for everyone."""
    with translation.override("sv"):
        swedish = title()
    with translation.override("en"):
        return {"title": swedish, "title_en": title()}


def _metadata(
    request: HttpRequest,
    titles: dict[str, str],
    plans: list[Plan],
    landing_page: str,
    year: int | None,
) -> dict[str, Any]:
    body = plans[0].body
    issued = min((p.adopted_on for p in plans if p.adopted_on), default=None)
    modified = latest_decision(plans)
    return {
        **titles,
        "municipality": body.municipality.name,
        "municipality_key": body.municipality.key,
        "body": body.name,
        "body_code": body.code,
        "year": year,
        "licence": settings.OPEN_DATA_LICENCE,
        "issued": issued.isoformat() if issued else None,
        "modified": modified.isoformat() if modified else None,
        "landing_page": base_url(request) + landing_page,
    }


@open_file
@cached_page
def plan_dataset(
    request: HttpRequest, municipality: str, body: str, year: int, name: str, fmt: str
) -> HttpResponse:
    _format(fmt, ("csv", "json"))
    plan = public_plan(municipality, body, year)
    dataset = datasets.plan_dataset(plan, name)
    metadata: dict[str, Any] = {}
    if fmt == "json":
        metadata = _metadata(
            request,
            _titles(lambda: datasets.plan_titles(plan)[name]),
            [plan],
            reverse("portal:plan", args=[municipality, body, year]),
            year,
        )
    return _file(request, dataset, fmt, metadata)


@open_file
@cached_page
def indicator_dataset(
    request: HttpRequest, municipality: str, body: str, key: str, fmt: str
) -> HttpResponse:
    _format(fmt, ("csv", "json"))
    indicator: Indicator = public_indicator(municipality, body, key)
    dataset = datasets.indicator_dataset(indicator)
    metadata: dict[str, Any] = {}
    if fmt == "json":
        plans = list(public_plans().filter(body=indicator.body))
        metadata = _metadata(
            request,
            _titles(lambda: datasets.indicator_title(indicator)),
            plans,
            reverse("portal:indicator", args=[municipality, body, key]),
            None,
        )
    return _file(request, dataset, fmt, metadata)


@open_file
@cached_page
def catalogue(request: HttpRequest, municipality: str, fmt: str) -> HttpResponse:
    """The DCAT-AP-SE catalogue of every dataset published of the municipality."""
    _format(fmt, ("jsonld", "rdf"))
    found = public_municipality(municipality)
    graph = catalogue_graph(found, base_url(request))
    return HttpResponse(serialise(graph, fmt), content_type=CONTENT_TYPES[fmt])
