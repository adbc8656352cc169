"""Residents and proposals of Marks for the e-förslag tests."""

import pytest
from django.test import Client
from django.utils import timezone

from styr.organisation.models import Municipality
from styr.proposals.actions import do_submit_proposal
from styr.proposals.models import Proposal, Resident
from styr.proposals.views import SESSION_KEY


@pytest.fixture
def marks(db: None) -> Municipality:
    return Municipality.objects.get(key="marks")


def make_resident(email: str, name: str = "") -> Resident:
    return Resident.objects.create(email=email, name=name, verified_at=timezone.now())


@pytest.fixture
def resident(db: None) -> Resident:
    return make_resident("anna@example.se", "Anna Andersson")


def signed_in(resident: Resident) -> Client:
    client = Client()
    session = client.session
    session[SESSION_KEY] = resident.pk
    session.save()
    return client


@pytest.fixture
def proposal(resident: Resident, marks: Municipality) -> Proposal:
    return do_submit_proposal(
        resident, marks, title="Fler parkbänkar", text="Vid sjön behövs bänkar.", area=None,
        show_name=False,
    )  # fmt: skip
