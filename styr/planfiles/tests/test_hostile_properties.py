"""Whatever text arrives as a plan file, a template or an editor's form, Styr answers with its own
message and never crashes: generated inputs (random structure, deep nesting, odd characters,
huge numbers) give a PlanFileError, a TemplateError or form errors, nothing else."""

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styr.documents.templates import TemplateError, parse
from styr.planfiles.nodes import PlanFileError, loads
from styr.plans.items import KINDS
from styr.plans.models import Plan
from styr.web.forms import (
    AssignmentForm,
    GoalForm,
    IndicatorForm,
    IndicatorSettingsForm,
    RiskForm,
    plan_item_form,
)

pytestmark = pytest.mark.django_db

# YAML's own punctuation, brackets and indentation, so the generator builds odd structure.
YAML_TEXT = st.text(
    alphabet=st.sampled_from(list("[]{}:,-#&*!|>'\"%@`\n ") + list("abcå0123456789.")),
    max_size=400,
)
NESTED = st.integers(min_value=1, max_value=5000).map(lambda n: "a: " + "[" * n + "]" * n)


@settings(max_examples=200, deadline=None)
@given(st.one_of(YAML_TEXT, NESTED, st.text(max_size=300)))
def test_any_text_is_a_plan_file_or_a_clear_refusal(text: str) -> None:
    try:
        loads(text, "fil.yaml")
    except PlanFileError as exc:
        assert str(exc).startswith("fil.yaml")
        assert len(str(exc)) <= 1300


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(YAML_TEXT, NESTED))
def test_any_text_is_a_template_or_a_clear_refusal(text: str) -> None:
    try:
        parse("key: egen\nversion: 1\nname: X\noccasion: plan\ntitle: X\n" + text, "egen.yaml")
    except TemplateError as exc:
        assert "egen.yaml" in str(exc)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(
    st.dictionaries(
        st.sampled_from(["origin", "text", "start_date", "period_start", "period_end",
                         "period_note", "extra_cost", "extra_cost_unit", "extra_cost_note"]),
        st.one_of(st.text(max_size=2000), st.integers().map(str), st.just("9" * 400)),
    )
)  # fmt: skip
def test_any_assignment_form_input_is_valid_or_names_its_errors(data: dict[str, str]) -> None:
    form = AssignmentForm(data)
    if not form.is_valid():
        assert form.errors and all(form.errors.values())


ANY_TEXT = st.one_of(
    st.text(max_size=2000),
    st.integers().map(str),
    st.just("9" * 400),
    st.just("−1,5e999"),
    st.just("2024-02-30"),
    st.just("\x00"),
)


@pytest.fixture(scope="module")
def plan_for_forms(django_db_blocker: Any) -> Plan:
    with django_db_blocker.unblock():
        return Plan.objects.get(body__municipality__key="marks", body__code="KS", year=2024)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(data=st.data())
def test_any_input_to_the_editors_forms_is_valid_or_names_its_errors(
    plan_for_forms: Plan, data: st.DataObject
) -> None:
    forms: list[Any] = [
        (RiskForm, {"plan": plan_for_forms}),
        (GoalForm, {"plan": plan_for_forms}),
        (IndicatorForm, {}),
        (IndicatorSettingsForm, {}),
        *[(plan_item_form(kind), {}) for kind in KINDS.values()],
    ]
    for form_class, extra in forms:
        fields = list(form_class(**extra).fields)
        given = data.draw(
            st.dictionaries(st.sampled_from(fields), ANY_TEXT), label=form_class.__name__
        )
        form = form_class(given, **extra)
        if not form.is_valid():
            assert form.errors and all(form.errors.values())
