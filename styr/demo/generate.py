"""A synthetic large municipality, for tests and benchmarks of scale.

Deterministic for a given seed. Written with bulk inserts: a 40-body municipality has hundreds
of thousands of values.
"""

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from styr.assignments.models import Assignment, AssignmentFollowUp, Origin
from styr.audit.actions import record
from styr.finance.models import BudgetCell, BudgetColumn, BudgetRow, BudgetTable, RowKind, TableKind
from styr.indicators.models import (
    GoalIndicator,
    GroupMetric,
    Indicator,
    IndicatorValue,
    Metric,
    MetricGroup,
    MetricSection,
    MetricValue,
    Polarity,
    ValueKind,
)
from styr.indicators.rollup import keep_current
from styr.internal_control.models import Risk, RiskCategory, RiskMatrix
from styr.organisation.actions import do_delete_municipality
from styr.organisation.models import Administration, Body, BodyKind, Municipality
from styr.plans.models import DigitalisationItem, OccasionKind, Plan, PlanText, ReportOccasion
from styr.scales.models import Scale
from styr.steering.models import (
    CommitteeGoal,
    MunicipalGoal,
    MunicipalPlan,
    Prerequisite,
    StrategicArea,
)

KEY = "syntetisk"
WORDS = (
    "verksamhet kvalitet trygghet service utveckling hållbar digital skola omsorg miljö "
    "företag bostäder kultur fritid delaktighet effektiv samverkan kompetens ekonomi"
).split()


@dataclass(frozen=True)
class GenerateResult:
    municipality: Municipality
    bodies: int
    goals: int
    indicators: int
    values: int


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def do_generate(
    *,
    bodies: int,
    goals: int,
    indicators: int,
    years: int,
    scale: int = 1,
    seed: int = 1,
    acting_user: AbstractBaseUser | AnonymousUser | None,
) -> GenerateResult:
    """Replace the synthetic municipality with a fresh one of the given size.

    `goals` and `indicators` size each plan's goals; `scale` sizes the rest of it, where 1 is
    about the sample plan (38 assignments, 9 risks, 16 metrics, 16 digitalisation items and
    some 8 000 words of chapter text) and 10 is ten times that.
    """
    rng = random.Random(seed)
    last_year = 2024
    first_year = last_year - years + 1
    with transaction.atomic():
        previous = Municipality.objects.filter(key=KEY).first()
        if previous is not None:
            do_delete_municipality(previous, acting_user=acting_user)
        municipality = Municipality.objects.create(key=KEY, name="Syntetisk kommun")
        council = Body.objects.create(
            municipality=municipality, code="KF", name="Kommunfullmäktige", kind=BodyKind.COUNCIL
        )
        mplan = MunicipalPlan.objects.create(
            municipality=municipality, year=last_year, title=f"Budget {last_year}",
            vision=_sentence(rng, 40),
        )  # fmt: skip
        areas = StrategicArea.objects.bulk_create(
            StrategicArea(
                municipal_plan=mplan, key=f"omrade-{i}", name=_sentence(rng, 8), position=i
            )
            for i in range(4)
        )
        mgoals = MunicipalGoal.objects.bulk_create(
            MunicipalGoal(
                municipal_plan=mplan, key=f"mal-{i}", name=_sentence(rng, 3),
                strategic_area=areas[i], position=i,
            )
            for i in range(2)
        )  # fmt: skip
        prereq = Prerequisite.objects.create(
            municipal_plan=mplan, key="ekonomi", name="God ekonomisk hushållning"
        )
        matrix = RiskMatrix.objects.filter(key="probability-consequence-4x4").first()
        status_options = list(
            Scale.objects.current("assignment-status", municipality).options.all()
        )

        body_objs = Body.objects.bulk_create(
            Body(
                municipality=municipality, code=f"N{i:02d}", name=f"Nämnd {i:02d}",
                kind=BodyKind.COMMITTEE, parent=council, position=i + 1,
            )
            for i in range(bodies)
        )  # fmt: skip
        Administration.objects.bulk_create(
            Administration(body=b, name=f"{b.name}s förvaltning") for b in body_objs
        )
        plans = Plan.objects.bulk_create(
            Plan(body=b, year=last_year, title=f"Nämndplan {last_year}", risk_matrix=matrix)
            for b in body_objs
        )
        occasions = ReportOccasion.objects.bulk_create(
            ReportOccasion(plan=p, key=key, kind=kind, name=name, date=d, position=i)
            for p in plans
            for i, (key, kind, name, d) in enumerate(_occasions(last_year))
        )  # fmt: skip
        plan_occasion = {o.plan_id: o for o in occasions if o.key == "plan"}
        PlanText.objects.bulk_create(
            PlanText(
                plan=p,
                key=f"text-{i}",
                title=_sentence(rng, 3),
                text=_paragraphs(rng, 4, 100),
                position=i,
            )
            for p in plans
            for i in range(20 * scale)
        )
        goal_objs = CommitteeGoal.objects.bulk_create(
            CommitteeGoal(
                plan=p, key=f"mal-{g}", title=_sentence(rng, 6), description=_sentence(rng, 30),
                strategic_area=areas[g % 4] if g % 5 else None,
                prerequisite=None if g % 5 else prereq,
                municipal_goal=mgoals[g % 2] if g % 4 < 2 else None, position=g,
            )
            for p in plans
            for g in range(goals)
        )  # fmt: skip
        indicator_objs = Indicator.objects.bulk_create(
            Indicator(
                body_id=goal.plan.body_id, key=f"{goal.key}-ind-{i}", name=_sentence(rng, 6),
                unit="%", decimals=1,
                polarity=Polarity.LOWER_IS_BETTER if i % 3 == 0 else Polarity.HIGHER_IS_BETTER,
            )
            for goal in goal_objs
            for i in range(indicators)
        )  # fmt: skip
        GoalIndicator.objects.bulk_create(
            GoalIndicator(goal=goal_objs[n // indicators], indicator=ind, position=n % indicators)
            for n, ind in enumerate(indicator_objs)
        )
        values: list[IndicatorValue] = []
        for ind in indicator_objs:
            level = rng.uniform(20, 90)
            for year in range(first_year, last_year + 1):
                level += rng.uniform(-3, 3)
                kind = ValueKind.FORECAST if year == last_year else ValueKind.OUTCOME
                values.append(IndicatorValue(indicator=ind, year=year, kind=kind, value=_d(level)))
            comparator = "≤" if ind.polarity == Polarity.LOWER_IS_BETTER else "≥"
            for year in range(last_year - 1, last_year + 2):
                values.append(
                    IndicatorValue(
                        indicator=ind, year=year, kind=ValueKind.TARGET,
                        value=_d(level), comparator=comparator,
                    )
                )  # fmt: skip
        IndicatorValue.objects.bulk_create(values, batch_size=5000)

        assignments = Assignment.objects.bulk_create(
            Assignment(
                plan=p, key=f"uppdrag-{a}", origin=rng.choice(list(Origin)),
                text=_sentence(rng, 20), start_date=date(last_year - 1, 1 + a % 12, 1), position=a,
            )
            for p in plans
            for a in range(38 * scale)
        )  # fmt: skip
        AssignmentFollowUp.objects.bulk_create(
            AssignmentFollowUp(
                assignment=a, occasion=plan_occasion[a.plan_id],
                status=rng.choice(status_options), comment=_sentence(rng, 15),
            )
            for a in assignments
        )  # fmt: skip
        _generate_rest(rng, plans, matrix, first_year, last_year, scale)
        generated = Plan.objects.filter(body__municipality=municipality)
        keep_current(generated.values_list("pk", flat=True))
        result = GenerateResult(
            municipality, len(body_objs), len(goal_objs), len(indicator_objs), len(values)
        )
        record(
            "synthetic_municipality_generated",
            acting_user=acting_user,
            obj=municipality,
            changes={"bodies": bodies, "goals": goals, "indicators": indicators, "years": years},
        )
    return result


def _occasions(year: int) -> list[tuple[str, str, str, date | None]]:
    return [
        ("plan", OccasionKind.PLAN, f"Nämndplan {year}", None),
        ("delar", OccasionKind.INTERIM, f"Delårsrapport {year}", date(year, 8, 31)),
        ("arsrapport", OccasionKind.ANNUAL, f"Årsrapport {year}", date(year, 12, 31)),
    ]


def _paragraphs(rng: random.Random, count: int, words: int) -> str:
    return "\n\n".join(_sentence(rng, words) + "." for _ in range(count))


def _d(x: float) -> Decimal:
    return Decimal(f"{x:.1f}")


def _generate_rest(
    rng: random.Random,
    plans: list[Plan],
    matrix: RiskMatrix | None,
    first: int,
    last: int,
    scale: int,
) -> None:
    categories = RiskCategory.objects.bulk_create(
        RiskCategory(plan=p, name=name, position=i)
        for p in plans
        for i, name in enumerate(["Ekonomi", "Personal", "IT"])
    )
    if matrix is not None:
        Risk.objects.bulk_create(
            Risk(
                category=c, key=f"risk-{c.position}-{r}", main_process=_sentence(rng, 2),
                description=_sentence(rng, 12), probability=rng.randint(2, 5),
                consequence=rng.randint(2, 5), control_activity=_sentence(rng, 10),
                follow_up_method=_sentence(rng, 8), position=r,
            )
            for c in categories
            for r in range(3 * scale)
        )  # fmt: skip
    groups = MetricGroup.objects.bulk_create(
        MetricGroup(plan=p, key=f"grupp-{g}", section=section, title=_sentence(rng, 3), position=g)
        for p in plans
        for g, section in enumerate([MetricSection.METRICS, MetricSection.PERSONNEL])
    )
    metrics = Metric.objects.bulk_create(
        Metric(body_id=g.plan.body_id, key=f"{g.key}-m{m}", name=_sentence(rng, 5), decimals=0)
        for g in groups
        for m in range(8 * scale)
    )
    per_group = 8 * scale
    GroupMetric.objects.bulk_create(
        GroupMetric(group=groups[n // per_group], metric=m, position=n % per_group)
        for n, m in enumerate(metrics)
    )
    MetricValue.objects.bulk_create(
        (
            MetricValue(
                metric=m, year=y, kind=ValueKind.OUTCOME, value=Decimal(rng.randint(0, 900))
            )
            for m in metrics
            for y in range(first, last + 1)
        ),
        batch_size=5000,
    )
    tables = BudgetTable.objects.bulk_create(
        BudgetTable(plan=p, key="drift", kind=TableKind.OPERATING, title="Driftbudget (mnkr)")
        for p in plans
    )
    columns = BudgetColumn.objects.bulk_create(
        BudgetColumn(table=t, key=f"budget-{y}", kind="budget", year=y, position=y - last + 1)
        for t in tables
        for y in (last - 1, last, last + 1)
    )
    rows = BudgetRow.objects.bulk_create(
        BudgetRow(table=t, key=key, label=label, kind=kind, position=i)
        for t in tables
        for i, (key, label, kind) in enumerate([
            ("intakter", "Intäkter", RowKind.ITEM),
            ("personal", "Personalkostnader", RowKind.ITEM),
            ("ovrigt", "Övriga kostnader", RowKind.ITEM),
            ("netto", "Nettokostnader", RowKind.SUM),
        ])
    )  # fmt: skip
    cols_by_table: dict[int, list[BudgetColumn]] = {}
    for c in columns:
        cols_by_table.setdefault(c.table_id, []).append(c)
    cells = []
    for table in tables:
        table_rows = [r for r in rows if r.table_id == table.pk]
        for col in cols_by_table[table.pk]:
            amounts = [
                Decimal(rng.randint(5, 40)),
                -Decimal(rng.randint(50, 90)),
                -Decimal(rng.randint(20, 60)),
            ]
            for row, amount in zip(table_rows, [*amounts, sum(amounts)], strict=True):
                cells.append(BudgetCell(row=row, column=col, amount=amount))
    BudgetCell.objects.bulk_create(cells, batch_size=5000)
    DigitalisationItem.objects.bulk_create(
        DigitalisationItem(
            plan=p, key=f"dig-{i}", kind="operating" if i % 2 else "investment",
            name=_sentence(rng, 3), budget_need=Decimal(rng.randint(1, 40) * 100000),
            period_start=last, period_end=last + 1, expected_effect=_sentence(rng, 6), position=i,
        )
        for p in plans
        for i in range(16 * scale)
    )  # fmt: skip
