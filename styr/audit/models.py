"""The audit trail: who changed what, when, and from which value to which."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def visible_to(self, user: Any) -> "AuditEntryQuerySet":
        """The entries a user may read in the log: a superuser all of them; an auditor or an
        administrator those of the municipalities they have that role in."""
        if getattr(user, "is_superuser", False):
            return self
        from styr.access.models import Grant, Role

        municipalities = Grant.objects.filter(
            user=user, role__in=[Role.AUDITOR, Role.ADMINISTRATOR]
        ).values("municipality_id")
        return self.filter(municipality_id__in=municipalities)

    def for_object(self, obj: models.Model) -> "AuditEntryQuerySet":
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))

    def for_objects(self, objects: list[models.Model]) -> "AuditEntryQuerySet":
        """Entries about any of the objects (e.g. a plan and its chapter texts)."""
        query = models.Q(pk__in=[])
        for obj in objects:
            query |= models.Q(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        return self.filter(query)

    def for_plan(self, plan: Any) -> "AuditEntryQuerySet":
        """Entries about the plan and what it holds: texts, goals and their indicators,
        assignments, activities, risks, budget tables, reports and plan items."""
        return self.filter(_plan_query(plan))

    def for_body(self, body: Any) -> "AuditEntryQuerySet":
        """Entries about the body itself, its indicators and metrics (the body's own, whether a
        goal measures them or not) and each of its plans (see for_plan)."""
        from styr.indicators.models import Indicator, Metric

        query = models.Q(object_type=body._meta.label_lower, object_id=str(body.pk))
        for model in (Indicator, Metric):
            # object_id is text: the ids as text, in the same statement.
            ids = (
                model.objects.filter(body=body)
                .annotate(text_id=Cast("pk", models.CharField()))
                .values("text_id")
            )
            query |= models.Q(object_type=model._meta.label_lower, object_id__in=ids)
        for plan in body.plans.all():
            query |= _plan_query(plan)
        return self.filter(query)

    def search(self, text: str) -> "AuditEntryQuerySet":
        """Entries whose object, action (its code or Swedish name) or user matches every word."""
        from styr.audit.labels import actions_matching

        entries = self
        for word in text.split():
            entries = entries.filter(
                models.Q(object_repr__icontains=word)
                | models.Q(action__icontains=word)
                | models.Q(action__in=actions_matching(word))
                | models.Q(actor_name__icontains=word)
            )
        return entries


def _plan_query(plan: Any) -> models.Q:
    """Which entries concern the plan (see AuditEntryQuerySet.for_plan)."""
    from styr.indicators.models import GoalIndicator
    from styr.internal_control.models import Risk

    parts: list[models.QuerySet[Any]] = [
        plan.texts.all(), plan.goals.all(), plan.assignments.all(), plan.activities.all(),
        plan.budget_tables.all(), plan.occasions.all(), plan.digitalisation_items.all(),
        plan.premises_needs.all(), plan.competence_needs.all(), plan.metric_groups.all(),
        Risk.objects.filter(category__plan=plan),
    ]  # fmt: skip
    query = models.Q(object_type=plan._meta.label_lower, object_id=str(plan.pk))
    for part in parts:
        ids = [str(pk) for pk in part.values_list("pk", flat=True)]
        if ids:
            query |= models.Q(object_type=part.model._meta.label_lower, object_id__in=ids)
    indicators = GoalIndicator.objects.filter(goal__plan=plan).values_list(
        "indicator_id", flat=True
    )
    ids = [str(pk) for pk in set(indicators)]
    if ids:
        query |= models.Q(object_type="indicators.indicator", object_id__in=ids)
    return query


class AuditEntry(models.Model):
    """One change to the municipality's steering data.

    Written by the action that made the change, in the same transaction, so the trail can never
    disagree with the data. Auditors (revisorer) read it.
    """

    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text="Who made the change; empty for changes made by the system itself.",
    )
    actor_name = models.CharField(
        _("vem"),
        max_length=200,
        blank=True,
        help_text="Who made the change, as text: the account's username, or for a command run "
        "without --as the operating-system user ('kommandorad: NAME'); kept when the account "
        "is deleted. Empty for the system itself.",
    )
    municipality = models.ForeignKey(
        "organisation.Municipality",
        verbose_name=_("kommun"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Whose data the change was: the log each municipality's auditors read. Empty "
        "for what is no municipality's own (user accounts, Styr's shipped reference data).",
    )
    action = models.CharField(
        _("händelse"), max_length=64, help_text="What was done, e.g. plan_imported."
    )
    object_type = models.CharField(_("objekttyp"), max_length=100, blank=True)
    object_id = models.CharField(_("objekt-id"), max_length=64, blank=True)
    object_repr = models.CharField(_("objekt"), max_length=300, blank=True)
    changes = models.JSONField(
        _("ändringar"),
        default=dict,
        blank=True,
        help_text="Old and new values by field, or a summary of what an import did.",
    )

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("logghändelse")
        verbose_name_plural = _("granskningslogg")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"
