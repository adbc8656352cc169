"""The steering chain: vision → strategic areas → municipal goals → committee goals.

The council (kommunfullmäktige) decides the vision, strategic areas, municipal goals,
prerequisites and starting points for a year in its budget; every body's plan builds on them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from styr.core.models import ChapterTextBase, ReportedItem
from styr.organisation.models import Municipality


class MunicipalPlanQuerySet(models.QuerySet["MunicipalPlan"]):
    def for_year(self, year: int) -> "MunicipalPlanQuerySet":
        return self.filter(year=year)


class MunicipalPlan(models.Model):
    """What the council decides for all bodies in one year (e.g. "Budget 2024-2027")."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.CASCADE, related_name="plans"
    )
    year = models.PositiveIntegerField(_("år"), help_text="The budget year the decisions apply to.")
    title = models.CharField(
        _("rubrik"),
        max_length=200,
        blank=True,
        help_text="The council's document, e.g. Budget 2024-2027.",
    )
    vision = models.TextField(
        _("vision"), blank=True, help_text="The municipality's long-term picture, Markdown."
    )
    core_values = models.TextField(
        _("värdegrund"), blank=True, help_text="How staff work together, Markdown."
    )

    objects = MunicipalPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kommungemensam styrning")
        verbose_name_plural = _("kommungemensam styrning")
        ordering = ["municipality", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="municipal_plan_year"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}"


class SteeringItemBase(models.Model):
    """An element of the council's steering that goals hang under."""

    municipal_plan = models.ForeignKey(MunicipalPlan, on_delete=models.CASCADE)
    key = models.SlugField(_("nyckel"), max_length=64)
    name = models.CharField(_("namn"), max_length=300)
    short_name = models.CharField(
        _("kortnamn"),
        max_length=200,
        blank=True,
        help_text="Shorter name some plans use as heading.",
    )
    description = models.TextField(_("beskrivning"), blank=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        abstract = True
        # By the parent's id: ordering by the parent itself joins its own ordering's tables
        # (a plan's body and municipality) into every query, prefetches among them.
        ordering = ["municipal_plan_id", "position"]

    def __str__(self) -> str:
        return self.name


class StrategicArea(SteeringItemBase):
    """One of the council's priority areas (strategiskt område)."""

    class Meta(SteeringItemBase.Meta):
        verbose_name = _("strategiskt område")
        verbose_name_plural = _("strategiska områden")
        default_related_name = "strategic_areas"
        constraints = [
            models.UniqueConstraint(fields=["municipal_plan", "key"], name="strategic_area_key"),
        ]


class MunicipalGoal(SteeringItemBase):
    """A goal shared by all bodies (kommungemensamt mål), e.g. Bästa barnkommun."""

    strategic_area = models.ForeignKey(
        StrategicArea,
        verbose_name=_("strategiskt område"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="municipal_goals",
    )

    class Meta(SteeringItemBase.Meta):
        verbose_name = _("kommungemensamt mål")
        verbose_name_plural = _("kommungemensamma mål")
        default_related_name = "municipal_goals"
        constraints = [
            models.UniqueConstraint(fields=["municipal_plan", "key"], name="municipal_goal_key"),
        ]


class Prerequisite(SteeringItemBase):
    """A condition for reaching the goals (förutsättning), e.g. God ekonomisk hushållning."""

    class Meta(SteeringItemBase.Meta):
        verbose_name = _("förutsättning")
        verbose_name_plural = _("förutsättningar")
        default_related_name = "prerequisites"
        constraints = [
            models.UniqueConstraint(fields=["municipal_plan", "key"], name="prerequisite_key"),
        ]


class StartingPoint(SteeringItemBase):
    """A principle that shapes all planning (utgångspunkt), e.g. Hållbar utveckling."""

    class Meta(SteeringItemBase.Meta):
        verbose_name = _("utgångspunkt")
        verbose_name_plural = _("utgångspunkter")
        default_related_name = "starting_points"
        constraints = [
            models.UniqueConstraint(fields=["municipal_plan", "key"], name="starting_point_key"),
        ]


class CouncilText(ChapterTextBase):
    """A chapter text of the council's steering, shown in every body's plan."""

    municipal_plan = models.ForeignKey(
        MunicipalPlan, on_delete=models.CASCADE, related_name="texts"
    )

    class Meta(ChapterTextBase.Meta):
        verbose_name = _("kommungemensam text")
        verbose_name_plural = _("kommungemensamma texter")
        constraints = [
            models.UniqueConstraint(fields=["municipal_plan", "key"], name="council_text_key"),
        ]


class CommitteeGoal(ReportedItem):
    """A goal a body sets in its plan (nämndens mål) under the council's steering.

    It hangs under a strategic area, a prerequisite or a starting point, and may serve a
    municipal goal. When the body adopts the municipal goal itself as its goal, `title` is
    empty and the indicators measure the municipal goal.
    """

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="goals")
    key = models.SlugField(_("nyckel"), max_length=64)
    title = models.CharField(_("mål"), max_length=500, blank=True)
    description = models.TextField(_("beskrivning"), blank=True, help_text="Markdown.")
    strategic_area = models.ForeignKey(
        StrategicArea, null=True, blank=True, on_delete=models.PROTECT, related_name="goals"
    )
    municipal_goal = models.ForeignKey(
        MunicipalGoal, null=True, blank=True, on_delete=models.PROTECT, related_name="goals"
    )
    prerequisite = models.ForeignKey(
        Prerequisite, null=True, blank=True, on_delete=models.PROTECT, related_name="goals"
    )
    starting_point = models.ForeignKey(
        StartingPoint, null=True, blank=True, on_delete=models.PROTECT, related_name="goals"
    )
    indicators = models.ManyToManyField(
        "indicators.Indicator", through="indicators.GoalIndicator", related_name="goals"
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("nämndmål")
        verbose_name_plural = pgettext_lazy("plural", "nämndmål")
        # By the parent's id: ordering by the parent itself joins its own ordering's tables
        # (a plan's body and municipality) into every query, prefetches among them.
        ordering = ["plan_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="committee_goal_key"),
        ]

    def __str__(self) -> str:
        if self.title:
            return self.title
        if self.municipal_goal is not None:
            return self.municipal_goal.name
        return self.key

    @property
    def anchor(self) -> StrategicArea | Prerequisite | StartingPoint | None:
        """The part of the council's steering the goal hangs under."""
        return self.strategic_area or self.prerequisite or self.starting_point


class GoalFollowUp(models.Model):
    """The assessed fulfilment of a committee goal at a report occasion, with its analysis."""

    goal = models.ForeignKey(CommitteeGoal, on_delete=models.CASCADE, related_name="follow_ups")
    occasion = models.ForeignKey(
        "plans.ReportOccasion", on_delete=models.CASCADE, related_name="goal_follow_ups"
    )
    fulfilment = models.ForeignKey(
        "scales.ScaleOption",
        verbose_name=_("måluppfyllelse"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    analysis = models.TextField(_("analys"), blank=True)
    internal = models.BooleanField(
        _("intern analys"),
        default=False,
        help_text="The analysis is for the administration and the committee only: the open "
        "portal, open data and the public API never show it (the assessment they do).",
    )

    class Meta:
        verbose_name = _("måluppföljning")
        verbose_name_plural = _("måluppföljningar")
        constraints = [
            models.UniqueConstraint(fields=["goal", "occasion"], name="goal_follow_up_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.goal} – {self.occasion}"
