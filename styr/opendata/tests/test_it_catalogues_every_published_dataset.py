"""The municipality's DCAT-AP-SE catalogue parses as RDF in both formats and lists exactly the
datasets that are published, each with what dataportal.se harvests."""

import pytest
from django.test import override_settings
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF
from rdflib.term import Node

from styr.indicators.models import Indicator
from styr.opendata.catalogue import VCARD
from styr.opendata.tests.conftest import PLAN_DATASETS, fetch
from styr.plans.models import Plan, PlanState
from styr.portal.published import public_indicators
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db

BASE = "https://testserver/oppen/data/marks"
GOVE = URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE")
FORMATS = {"jsonld": "json-ld", "rdf": "xml"}


def _graph(fmt: str) -> Graph:
    status, content = fetch(client_for(None), f"/oppen/data/marks/katalog.{fmt}")
    assert status == 200
    return Graph().parse(data=content, format=FORMATS[fmt])


def _expected(plan: Plan) -> set[URIRef]:
    paths = [f"{BASE}/KS/2024/{name}" for name in PLAN_DATASETS]
    paths += [f"{BASE}/KS/indikator/{i.key}" for i in public_indicators(plan.body)]
    return {URIRef(p) for p in paths}


def _one(graph: Graph, subject: Node, predicate: URIRef) -> Node:
    found = list(graph.objects(subject, predicate))
    assert len(found) == 1, (subject, predicate, found)
    return found[0]


def _texts(graph: Graph, subject: Node, predicate: URIRef) -> dict[str | None, str]:
    return {o.language: str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_it_lists_every_published_dataset(fmt: str, adopted_plan: Plan) -> None:
    graph = _graph(fmt)
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert datasets == _expected(adopted_plan)
    (catalogue,) = set(graph.subjects(RDF.type, DCAT.Catalog))
    assert set(graph.objects(catalogue, DCAT.dataset)) == datasets


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_it_describes_each_dataset_for_dataportal_se(fmt: str, adopted_plan: Plan) -> None:
    graph = _graph(fmt)
    client = client_for(None)
    for dataset in graph.subjects(RDF.type, DCAT.Dataset):
        assert set(_texts(graph, dataset, DCTERMS.title)) == {"sv", "en"}
        assert set(_texts(graph, dataset, DCTERMS.description)) == {"sv", "en"}
        assert GOVE in set(graph.objects(dataset, DCAT.theme))
        assert list(graph.objects(dataset, DCAT.keyword))
        assert _one(graph, dataset, DCTERMS.issued) and _one(graph, dataset, DCTERMS.modified)
        assert _one(graph, dataset, DCTERMS.license) == URIRef(
            "http://creativecommons.org/publicdomain/zero/1.0/"
        )
        publisher = _one(graph, dataset, DCTERMS.publisher)
        assert (publisher, RDF.type, FOAF.Agent) in graph
        assert str(_one(graph, publisher, FOAF.name)) == "Marks kommun"
        contact = _one(graph, dataset, DCAT.contactPoint)
        assert (contact, RDF.type, VCARD.Organization) in graph
        distributions = list(graph.objects(dataset, DCAT.distribution))
        media = {str(_one(graph, d, DCAT.mediaType)).rsplit("/", 1)[-1] for d in distributions}
        assert media == {"csv", "json"}
        for distribution in distributions:
            url = _one(graph, distribution, DCAT.downloadURL)
            assert _one(graph, distribution, DCAT.accessURL) == url
            assert _one(graph, distribution, DCTERMS.format)
            assert _one(graph, distribution, DCTERMS.license)
            # Every listed file is served.
            assert fetch(client, str(url).removeprefix("https://testserver"))[0] == 200, url


def test_it_lists_nothing_of_a_draft_plan(adopted_plan: Plan) -> None:
    # Kultur- och fritidsnämnden's plan is a draft: nothing of it, its indicators neither.
    draft = Plan.objects.get(body__municipality__key="marks", body__code="KFN", year=2024)
    assert draft.state == PlanState.DRAFT
    draft_only = Indicator.objects.filter(body=draft.body)
    for fmt in FORMATS:
        graph = _graph(fmt)
        text = graph.serialize(format="nt")
        assert "/KFN/" not in text
        assert all(i.name not in text for i in draft_only)


@override_settings(OPEN_DATA_CONTACT="oppnadata@example.se",
                   OPEN_DATA_LICENCE="https://creativecommons.org/licenses/by/4.0/")  # fmt: skip
def test_it_takes_licence_and_contact_from_the_settings(adopted_plan: Plan) -> None:
    graph = _graph("rdf")
    licence = URIRef("https://creativecommons.org/licenses/by/4.0/")
    for dataset in graph.subjects(RDF.type, DCAT.Dataset):
        assert _one(graph, dataset, DCTERMS.license) == licence
        contact = _one(graph, dataset, DCAT.contactPoint)
        assert _one(graph, contact, VCARD.hasEmail) == URIRef("mailto:oppnadata@example.se")


def test_it_says_the_same_in_both_formats(adopted_plan: Plan) -> None:
    jsonld, rdfxml = _graph("jsonld"), _graph("rdf")
    assert len(jsonld) == len(rdfxml) > 0
    assert set(jsonld) == set(rdfxml)  # no blank nodes: the very same triples
