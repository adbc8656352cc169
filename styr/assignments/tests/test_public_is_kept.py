"""An assignment is published unless someone said otherwise: a new one the caller says nothing
about is public, a change that leaves `public` out keeps it, a report that leaves `internal`
out keeps the mark, and next year's copy keeps whether it is public."""

import pytest

from styr.assignments.actions import do_report_assignment, do_save_assignment
from styr.assignments.models import Assignment
from styr.plans.copying import do_copy_plan_to_next_year
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_a_new_assignment_is_public_unless_told(ks_plan: Plan) -> None:
    values = {"origin": "own", "text": "Ny lekplats.", "period_note": "", "extra_cost_unit": "mnkr",
              "extra_cost_note": ""}  # every field but `public`  # fmt: skip
    added = do_save_assignment(ks_plan, None, values, acting_user=None)
    assert added.public is True
    do_save_assignment(ks_plan, added, {"text": "Ny lekplats i Kinna."}, acting_user=None)
    assert Assignment.objects.get(pk=added.pk).public is True


def test_a_report_without_the_mark_keeps_it(ks_plan: Plan) -> None:
    assignment = ks_plan.assignments.get(key="p-huset-kinna")
    occasion = ks_plan.occasions.get(key="delar")
    do_report_assignment(assignment, occasion, status=None, grade=None, comment="Ett.",
                         internal=True, acting_user=None)  # fmt: skip
    kept = do_report_assignment(assignment, occasion, status=None, grade=None, comment="Två.",
                                acting_user=None)  # fmt: skip
    assert (kept.comment, kept.internal) == ("Två.", True)


def test_next_years_copy_keeps_whether_it_is_public(ks_plan: Plan) -> None:
    Assignment.objects.filter(plan=ks_plan, key="cykelstrategi").update(public=False)
    copy = do_copy_plan_to_next_year(ks_plan, acting_user=None)
    assert copy.assignments.get(key="cykelstrategi").public is False
