"""A long text's change in the audit log shows what changed, with a few words around it, not
the same cut-off opening on both sides; auditors read it, an outsider is refused."""

import pytest
from django.contrib.auth.models import User

from styr.audit.labels import describe
from styr.plans.actions import do_update_plan_text, fingerprint
from styr.plans.models import Plan, PlanText
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db

OPENING = "Kommunstyrelsen leder och samordnar kommunens verksamhet och ekonomi. " * 4


def test_the_log_shows_the_changed_words_of_a_long_text(
    ks_plan: Plan, editor: User, outsider: User
) -> None:
    chapter = PlanText.objects.of_plan().filter(plan=ks_plan).order_by("pk").first()
    assert chapter is not None
    before = OPENING + "Budgeten för 2024 är 35 miljoner kronor. Mer text följer här."
    do_update_plan_text(ks_plan, chapter.key, before, based_on=fingerprint(chapter.text),
                        acting_user=editor)  # fmt: skip
    after = before.replace("35 miljoner", "37 miljoner")
    do_update_plan_text(ks_plan, chapter.key, after, based_on=fingerprint(before),
                        acting_user=editor)  # fmt: skip

    [row] = describe({"text": [before, after]})
    assert row.old is not None and "35 miljoner" in row.old and "37" not in row.old
    assert "37 miljoner" in row.new and not row.new.startswith("Kommunstyrelsen leder")

    page = text_of(client_for(User.objects.get(username="revisor")).get("/logg/?q=Kapiteltext"))
    assert "35 miljoner" in page and "37 miljoner" in page
    assert client_for(outsider).get("/logg/").status_code == 404
