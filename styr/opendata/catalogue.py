"""A municipality's catalogue of open datasets as DCAT-AP-SE, for dataportal.se to harvest.

The datasets listed are exactly those the publication rule serves: four per public plan
(public_plans) and one per public indicator of a body with a public plan (public_indicators).
Titles, descriptions and keywords are given in Swedish and English; the publisher is the
municipality; themes, file types, languages and access rights come from the EU's controlled
vocabularies, which DCAT-AP-SE requires.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from styr.indicators.models import Indicator
from styr.opendata.datasets import (
    ASSIGNMENTS,
    BUDGET,
    GOALS,
    INDICATOR_VALUES,
    PLAN_DATASETS,
    indicator_title,
    latest_decision,
    plan_titles,
)
from styr.organisation.models import Municipality
from styr.plans.models import Plan
from styr.portal.published import public_indicators, public_plans

# rdflib 7.6 ships no vCard namespace; DCAT-AP's contact point is a vCard.
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
THEME = Namespace(EU + "data-theme/")
FILE_TYPE = Namespace(EU + "file-type/")
LANGUAGE = Namespace(EU + "language/")
ACCESS_RIGHT = Namespace(EU + "access-right/")
PUBLISHER_TYPE = Namespace("http://purl.org/adms/publishertype/")
MEDIA_TYPE = Namespace("https://www.iana.org/assignments/media-types/")

LANGUAGES = ("sv", "en")
# Each format: its file type in the EU vocabulary and its IANA media type.
FORMATS = {"csv": (FILE_TYPE.CSV, MEDIA_TYPE["text/csv"]),
           "json": (FILE_TYPE.JSON, MEDIA_TYPE["application/json"])}  # fmt: skip

Texts = dict[str, str]  # by language code


@dataclass
class Entry:
    """One dataset of the catalogue, with what DCAT says of it."""

    path: str  # its address without the format: …/2024/mal, …/indikator/nyckel
    title: Texts
    description: Texts
    keywords: dict[str, list[str]]
    landing_page: str
    issued: datetime.date | None
    modified: datetime.date | None
    themes: list[URIRef] = field(default_factory=lambda: [THEME.GOVE])


def _in_each_language(text: Callable[[], str]) -> Texts:
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = text()
    return texts


def _plan_texts(plan: Plan) -> dict[str, tuple[str, str, list[str]]]:
    """Each plan dataset's title, description and keywords, in the active language."""
    titles = plan_titles(plan)
    return {
        GOALS: (
            titles[GOALS],
            _("Nämndens mål i planen: vad varje mål bidrar till, hur det bedöms och analysen, "
              "enligt planen och de rapporter som är fastställda."),
            [_("mål"), _("måluppfyllelse")],
        ),
        ASSIGNMENTS: (
            titles[ASSIGNMENTS],
            _("Nämndens uppdrag i planen: vem som gav dem, startdatum, status och kommentar "
              "enligt planen och de rapporter som är fastställda."),
            [_("uppdrag")],
        ),
        BUDGET: (
            titles[BUDGET],
            _("Planens budgettabeller, ett belopp per rad och kolumn: budgeten som den "
              "beslutades och utfall, prognos och avvikelse från de rapporter som är "
              "fastställda."),
            [_("budget"), _("ekonomi")],
        ),
        INDICATOR_VALUES: (
            titles[INDICATOR_VALUES],
            _("Värdena (utfall, prognos, mål) för indikatorerna som följer planens mål, de år "
              "som ett beslut har visat dem."),
            [_("indikatorer"), _("nyckeltal")],
        ),
    }  # fmt: skip


def _plan_entries(plan: Plan) -> list[Entry]:
    municipality, body = plan.body.municipality, plan.body
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = _plan_texts(plan)
    landing = reverse("portal:plan", args=[municipality.key, body.code, plan.year])
    modified = latest_decision([plan])
    named = [body.name, municipality.name, str(plan.year)]
    return [
        Entry(
            path=reverse(
                "opendata:plan-dataset", args=[municipality.key, body.code, plan.year, name, "csv"]
            ).removesuffix(".csv"),
            title={language: texts[language][name][0] for language in LANGUAGES},
            description={language: texts[language][name][1] for language in LANGUAGES},
            keywords={language: texts[language][name][2] + named for language in LANGUAGES},
            landing_page=landing,
            issued=plan.adopted_on,
            modified=modified,
            # The budget is also the economy's (ECON); all of it is government (GOVE).
            themes=[THEME.GOVE, THEME.ECON] if name == BUDGET else [THEME.GOVE],
        )
        for name in PLAN_DATASETS
    ]


def _indicator_entry(indicator: Indicator, plans: list[Plan]) -> Entry:
    municipality, body = indicator.body.municipality, indicator.body
    where = {"indicator": indicator.name, "body": body.name}
    return Entry(
        path=reverse(
            "opendata:indicator-dataset",
            args=[municipality.key, body.code, indicator.key, "csv"],
        ).removesuffix(".csv"),
        title=_in_each_language(lambda: indicator_title(indicator)),
        description=_in_each_language(
            lambda: _(
                "Indikatorn %(indicator)s år för år: utfall, prognos och mål, de år som ett "
                "beslut av %(body)s har visat dem."
            )
            % where
        ),
        keywords={
            language: [words, indicator.name, body.name, municipality.name]
            for language, words in _in_each_language(lambda: _("indikatorer")).items()
        },
        landing_page=reverse("portal:indicator", args=[municipality.key, body.code, indicator.key]),
        issued=min((p.adopted_on for p in plans if p.adopted_on), default=None),
        modified=latest_decision(plans),
    )


def entries(municipality: Municipality) -> list[Entry]:
    """Every dataset published of the municipality: its public plans' and public indicators'."""
    plans = list(
        public_plans().filter(body__municipality=municipality).order_by("body__position", "-year")
    )
    listed: list[Entry] = []
    plans_of: dict[int, list[Plan]] = {}
    for plan in plans:
        listed.extend(_plan_entries(plan))
        plans_of.setdefault(plan.body_id, []).append(plan)
    for body_plans in plans_of.values():
        body = body_plans[0].body
        for indicator in (
            public_indicators(body).select_related("body__municipality").order_by("key")
        ):
            listed.append(_indicator_entry(indicator, body_plans))
    return listed


def _date(value: datetime.date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def catalogue_graph(municipality: Municipality, base: str) -> Graph:
    """The catalogue as an RDF graph; `base` is the scheme and host addresses start with."""
    graph = Graph()
    for prefix, namespace in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD)):
        graph.bind(prefix, namespace)
    licence = URIRef(settings.OPEN_DATA_LICENCE)
    graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
    portal_page = URIRef(base + reverse("portal:municipality", args=[municipality.key]))
    catalogue = URIRef(base + reverse("opendata:catalogue", args=[municipality.key, "rdf"]))

    # Publisher and contact point named within the catalogue, not blank nodes: harvesters
    # merge a publisher by its URI, and a blank node shared by every dataset is one that
    # rdflib's pretty RDF/XML writer loses the description of.
    publisher = URIRef(f"{catalogue}#utgivare")
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(municipality.name, lang="sv")))
    graph.add((publisher, DCTERMS.type, PUBLISHER_TYPE.LocalAuthority))
    graph.add((publisher, FOAF.homepage, portal_page))
    contact = URIRef(f"{catalogue}#kontakt")
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(municipality.name, lang="sv")))
    if settings.OPEN_DATA_CONTACT:
        graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{settings.OPEN_DATA_CONTACT}")))
    else:
        graph.add((contact, VCARD.hasURL, portal_page))

    graph.add((catalogue, RDF.type, DCAT.Catalog))
    where = {"municipality": municipality.name}
    titles = _in_each_language(lambda: _("Öppna data från %(municipality)s") % where)
    for language, text in titles.items():
        graph.add((catalogue, DCTERMS.title, Literal(text, lang=language)))
    for language, text in _in_each_language(
        lambda: _(
            "Mål, uppdrag, budget och indikatorer ur de planer och rapporter som nämnderna i "
            "%(municipality)s har fastställt."
        )
        % where
    ).items():
        graph.add((catalogue, DCTERMS.description, Literal(text, lang=language)))
    graph.add((catalogue, DCTERMS.publisher, publisher))
    graph.add((catalogue, FOAF.homepage, portal_page))
    graph.add((catalogue, DCTERMS.license, licence))
    graph.add((catalogue, DCTERMS.language, LANGUAGE.SWE))

    listed = entries(municipality)
    newest = max((e.modified for e in listed if e.modified), default=None)
    if newest is not None:
        graph.add((catalogue, DCTERMS.modified, _date(newest)))
    for entry in listed:
        graph.add((catalogue, DCAT.dataset, _dataset(graph, entry, base, publisher, contact)))
    return graph


def _dataset(graph: Graph, entry: Entry, base: str, publisher: URIRef, contact: URIRef) -> URIRef:
    # The dataset's address without a format names it; its distributions are the files.
    dataset = URIRef(base + entry.path)
    licence = URIRef(settings.OPEN_DATA_LICENCE)
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCTERMS.identifier, Literal(str(dataset))))
    for language in LANGUAGES:
        graph.add((dataset, DCTERMS.title, Literal(entry.title[language], lang=language)))
        graph.add(
            (dataset, DCTERMS.description, Literal(entry.description[language], lang=language))
        )
        for keyword in entry.keywords[language]:
            graph.add((dataset, DCAT.keyword, Literal(keyword, lang=language)))
    graph.add((dataset, DCTERMS.publisher, publisher))
    graph.add((dataset, DCAT.contactPoint, contact))
    graph.add((dataset, DCTERMS.license, licence))
    graph.add((dataset, DCTERMS.accessRights, ACCESS_RIGHT.PUBLIC))
    graph.add((dataset, DCTERMS.language, LANGUAGE.SWE))
    graph.add((dataset, DCAT.landingPage, URIRef(base + entry.landing_page)))
    for theme in entry.themes:
        graph.add((dataset, DCAT.theme, theme))
    if entry.issued is not None:
        graph.add((dataset, DCTERMS.issued, _date(entry.issued)))
    if entry.modified is not None:
        graph.add((dataset, DCTERMS.modified, _date(entry.modified)))
    for fmt, (file_type, media_type) in FORMATS.items():
        url = URIRef(f"{base}{entry.path}.{fmt}")
        distribution = url  # the file's own address names its distribution
        graph.add((distribution, RDF.type, DCAT.Distribution))
        for language in LANGUAGES:
            title = f"{entry.title[language]} ({fmt.upper()})"
            graph.add((distribution, DCTERMS.title, Literal(title, lang=language)))
        graph.add((distribution, DCAT.accessURL, url))
        graph.add((distribution, DCAT.downloadURL, url))
        graph.add((distribution, DCTERMS.format, file_type))
        graph.add((distribution, DCAT.mediaType, media_type))
        graph.add((distribution, DCTERMS.license, licence))
        graph.add((dataset, DCAT.distribution, distribution))
    return dataset


# The context that makes the JSON-LD read as DCAT does (prefixed names, not full IRIs).
JSONLD_CONTEXT = {"dcat": str(DCAT), "dct": str(DCTERMS), "foaf": str(FOAF),
                  "vcard": str(VCARD), "xsd": str(XSD)}  # fmt: skip


def serialise(graph: Graph, fmt: str) -> bytes:
    if fmt == "jsonld":
        text = graph.serialize(format="json-ld", context=JSONLD_CONTEXT, indent=1)
    else:
        text = graph.serialize(format="pretty-xml")
    return text.encode("utf-8")
