"""Indicators (with targets) and metrics (följetal, without), and their values by year.

Indicators and metrics belong to a body, not to one plan: their outcomes are facts about the
years, and next year's plan follows the same indicator on.
"""

import re
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from styr.organisation.models import Body


class Polarity(models.TextChoices):
    HIGHER_IS_BETTER = "higher_is_better", _("Högre är bättre")
    LOWER_IS_BETTER = "lower_is_better", _("Lägre är bättre")


TEXT_VALUE_LIMIT = 100


class ValueKind(models.TextChoices):
    OUTCOME = "outcome", _("Utfall")
    INTERIM_OUTCOME = "interim_outcome", _("Utfall delår")
    FORECAST = "forecast", _("Prognos")
    # Translators: the target of an indicator for a year (not a goal of the plan).
    TARGET = "target", pgettext_lazy("indicator value", "Mål")


class ValueSource(models.TextChoices):
    MANUAL = "manual", _("Manuell")
    KOLADA = "kolada", "Kolada"


class Comparator(models.TextChoices):
    # Blank: the plan states the target as a bare number; the polarity says which way is good.
    NONE = "", "–"
    AT_LEAST = "≥", "≥"
    AT_MOST = "≤", "≤"
    EQUAL = "=", "="
    ABOVE = ">", ">"
    BELOW = "<", "<"


class MeasureBase(models.Model):
    body = models.ForeignKey(Body, verbose_name=_("organ"), on_delete=models.CASCADE)
    key = models.SlugField(_("nyckel"), max_length=64)
    name = models.CharField(_("namn"), max_length=500)
    unit = models.CharField(_("enhet"), max_length=50, blank=True, help_text="E.g. %, antal, kr.")
    decimals = models.PositiveSmallIntegerField(
        _("decimaler"), default=0, help_text="How many decimals values are shown with."
    )
    kolada_kpi = models.CharField(
        _("Kolada-nyckeltal"),
        max_length=10,
        blank=True,
        help_text="Kolada KPI id (e.g. N01951) when outcomes come from Kolada; empty: manual.",
    )
    kolada_area = models.CharField(
        _("Kolada-område"),
        max_length=4,
        blank=True,
        help_text="The Kolada area whose values are the outcomes; empty: the municipality's own.",
    )
    kolada_comparisons = models.CharField(
        _("jämförelseområden"),
        max_length=200,
        blank=True,
        help_text="Kolada areas shown beside the own as comparison series, comma-separated "
        "(e.g. 0000 for Riket, 0014 for the region, neighbours); empty: the region and Riket.",
    )
    description = models.TextField(_("beskrivning"), blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def source(self) -> str:
        return f"Kolada {self.kolada_kpi}" if self.kolada_kpi else gettext("Manuell")


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def for_body(self, body: Body) -> "IndicatorQuerySet":
        return self.filter(body=body)


class Indicator(MeasureBase):
    """A measure with targets that shows whether a goal is met (indikator)."""

    polarity = models.CharField(
        _("riktning"), max_length=20, choices=Polarity.choices, default=Polarity.HIGHER_IS_BETTER
    )
    public = models.BooleanField(
        _("offentlig"),
        default=True,
        help_text="Shown to residents in the open portal, open data and the public API once "
        "a plan that uses it is adopted. Off for an indicator the municipality does not "
        "publish, e.g. one built on so few people that they could be recognised.",
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        default_related_name = "indicators"
        ordering = ["body", "name"]
        constraints = [models.UniqueConstraint(fields=["body", "key"], name="indicator_key")]


class GoalIndicator(models.Model):
    """An indicator's place under a committee goal."""

    goal = models.ForeignKey("steering.CommitteeGoal", on_delete=models.CASCADE)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE)
    position = models.PositiveIntegerField(_("ordning"), default=0)
    published = models.BooleanField(
        _("publicerad med beslutet"),
        default=True,
        help_text="Whether the indicator was public when the goal's plan was decided (set at "
        "each decision on the plan). An indicator marked public later shows under the plans "
        "decided after that, not under those already decided; marked not public, it is "
        "withdrawn from all at once.",
    )

    class Meta:
        verbose_name = _("indikator för mål")
        verbose_name_plural = _("indikatorer för mål")
        ordering = ["goal", "position"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "indicator"], name="goal_indicator_unique")
        ]

    def __str__(self) -> str:
        return f"{self.goal} – {self.indicator}"


class ValueBase(models.Model):
    year = models.PositiveIntegerField(_("år"))
    kind = models.CharField(_("slag"), max_length=20, choices=ValueKind.choices)
    value = models.DecimalField(_("värde"), max_digits=24, decimal_places=6)
    source = models.CharField(
        _("källa"),
        max_length=10,
        choices=ValueSource.choices,
        default=ValueSource.MANUAL,
        help_text="Where the value comes from: typed or imported by an official, or Kolada.",
    )

    class Meta:
        abstract = True
        ordering = ["year", "kind"]


class IndicatorValue(ValueBase):
    """One value of an indicator: the outcome, interim outcome, forecast or target of a year.

    A missing value has no row: an empty cell is not zero.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    comparator = models.CharField(
        _("jämförelse"),
        max_length=1,
        choices=Comparator.choices,
        blank=True,
        help_text="For targets: how the outcome must relate to the value (≥, ≤, =, >, <).",
    )
    reference_year = models.PositiveIntegerField(
        _("jämfört med år"),
        null=True,
        blank=True,
        help_text="For a relative target (ökning jämfört med 2022): the year whose outcome the "
        "result is compared with; the value is then the change required (0 for any change).",
    )

    class Meta(ValueBase.Meta):
        verbose_name = _("indikatorvärde")
        verbose_name_plural = _("indikatorvärden")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "kind"], name="indicator_value_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} {self.get_kind_display()}: {self.value}"


class MetricSection(models.TextChoices):
    CORE_MISSION = "core_mission", _("Följetal kopplade till grunduppdraget")
    METRICS = "metrics", _("Följetal")
    PERSONNEL = "personnel", _("Personalföljetal")


class MetricQuerySet(models.QuerySet["Metric"]):
    def for_body(self, body: Body) -> "MetricQuerySet":
        return self.filter(body=body)


class Metric(MeasureBase):
    """A measure followed over time without a target (följetal)."""

    objects = MetricQuerySet.as_manager()

    class Meta:
        verbose_name = _("följetal")
        verbose_name_plural = pgettext_lazy("plural", "följetal")
        default_related_name = "metrics"
        ordering = ["body", "name"]
        constraints = [models.UniqueConstraint(fields=["body", "key"], name="metric_key")]


class MetricGroup(models.Model):
    """A named table of metrics in a plan, e.g. "Personal - Sjukfrånvaro"."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="metric_groups")
    key = models.SlugField(_("nyckel"), max_length=64)
    section = models.CharField(_("avsnitt"), max_length=20, choices=MetricSection.choices)
    title = models.CharField(_("rubrik"), max_length=300, blank=True)
    metrics: "models.ManyToManyField[Metric, GroupMetric]" = models.ManyToManyField(
        Metric, through="GroupMetric", related_name="groups"
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("följetalsgrupp")
        verbose_name_plural = _("följetalsgrupper")
        # By the parent's id: ordering by the parent itself joins its own ordering's tables
        # (a plan's body and municipality) into every query, prefetches among them.
        ordering = ["plan_id", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="metric_group_key")]

    def __str__(self) -> str:
        return self.title or self.get_section_display()


class GroupMetric(models.Model):
    group = models.ForeignKey(MetricGroup, on_delete=models.CASCADE)
    metric = models.ForeignKey(Metric, on_delete=models.CASCADE)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["group", "position"]
        constraints = [
            models.UniqueConstraint(fields=["group", "metric"], name="group_metric_unique")
        ]

    def __str__(self) -> str:
        return f"{self.group} – {self.metric}"


class MetricValue(ValueBase):
    """One value of a metric for a year: outcome, interim outcome, forecast or target (the
    budgeted or planned figure). A value can be a word instead of a number where a report
    states one: "Stängt", "Ej aktuellt"."""

    metric = models.ForeignKey(Metric, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(  # type: ignore[assignment]
        _("värde"), max_digits=24, decimal_places=6, null=True, blank=True
    )
    text = models.CharField(
        _("textvärde"),
        max_length=TEXT_VALUE_LIMIT,
        blank=True,
        help_text="A value in words (Stängt, Ej aktuellt) where the metric has no number.",
    )

    class Meta(ValueBase.Meta):
        verbose_name = _("följetalsvärde")
        verbose_name_plural = _("följetalsvärden")
        constraints = [
            models.UniqueConstraint(fields=["metric", "year", "kind"], name="metric_value_unique"),
            models.CheckConstraint(
                condition=models.Q(value__isnull=False) | ~models.Q(text=""),
                name="metric_value_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.metric} {self.year} {self.get_kind_display()}: {self.text or self.value}"


TEXT_WORD = re.compile(r"^[^\d]+$")
NOT_WORDS = frozenset({"nan", "inf", "infinity", "e", "", "–", "-"})


def text_value(raw: str) -> str | None:
    """A metric value in words: text without digits (a digit means a number was meant)."""
    text = " ".join(raw.split())
    if text.lstrip("+-−").casefold() in NOT_WORDS:
        return None  # a broken number, not a word
    if text and TEXT_WORD.match(text) and len(text) <= TEXT_VALUE_LIMIT:
        return text
    return None


def comparator_contradicts(comparator: str, polarity: str) -> bool:
    """True when a target's comparator points the opposite way of what is better."""
    if polarity == Polarity.LOWER_IS_BETTER:
        return comparator in (Comparator.AT_LEAST, Comparator.ABOVE)
    return comparator in (Comparator.AT_MOST, Comparator.BELOW)


ZERO = Decimal(0)


class PlanRollup(models.Model):
    """How many of a plan's committee goals are met, nearly met, not met or lack data, as the
    start page shows them. Kept current by every action that changes what the statuses are
    judged from, in the same transaction (see styr.indicators.rollup); never typed by anyone."""

    plan = models.OneToOneField(
        "plans.Plan",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="rollup",
        help_text="The plan whose goals are counted.",
    )
    year = models.PositiveIntegerField(
        _("bedömt år"),
        null=True,
        help_text="The year the goals are judged in: the latest up to the plan year in which "
        "most indicators have both a result and a target (often last year's forecast while the "
        "plan is written).",
    )
    met = models.PositiveIntegerField(
        _("uppfyllda"),
        default=0,
        help_text="Goals met: by their indicators under the municipality's goal rule, or as "
        "assessed by hand at the latest report.",
    )
    near = models.PositiveIntegerField(
        _("nära målet"),
        default=0,
        help_text="Goals nearly met (within the municipality's tolerance), or partly met by hand.",
    )
    not_met = models.PositiveIntegerField(_("ej uppfyllda"), default=0, help_text="Goals not met.")
    no_data = models.PositiveIntegerField(
        _("uppgift saknas"),
        default=0,
        help_text="Goals none of whose indicators has both a result and a target for the year, "
        "and which nobody has assessed by hand.",
    )

    class Meta:
        verbose_name = _("måluppfyllelse i sammandrag")
        verbose_name_plural = _("måluppfyllelse i sammandrag")

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.met}/{self.near}/{self.not_met}/{self.no_data}"
