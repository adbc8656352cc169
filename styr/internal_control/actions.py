"""Risks and the result of their control at a report occasion, and a municipality's own risk
matrices."""

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from styr.audit.actions import record
from styr.core.conflicts import Fingerprint, check_fingerprint, check_version
from styr.core.keys import unique_key
from styr.core.text import clean_text, is_colour
from styr.internal_control.models import Axis, Risk, RiskFollowUp, RiskLevel, RiskMatrix
from styr.organisation.models import Municipality
from styr.plans.actions import refuse_if_locked
from styr.plans.models import ReportOccasion

if TYPE_CHECKING:
    from styr.plans.models import Plan

Actor = AbstractBaseUser | AnonymousUser | None


def do_record_control_result(
    risk: Risk,
    occasion: ReportOccasion,
    *,
    result: str,
    acting_user: Actor,
    expect: str | None = None,
) -> RiskFollowUp:
    """Record the control's result at the occasion; with `expect` (the version the form
    showed), a save over someone else's since is refused with StaleRecord."""
    plan = risk.category.plan
    if occasion.plan_id != plan.pk:
        raise ValueError(f"{occasion} is not an occasion of {plan}")
    refuse_if_locked(
        plan, f"control result {risk.key}", acting_user, follow_up=True, occasion=occasion
    )
    with transaction.atomic():
        follow_up, _created = RiskFollowUp.objects.select_for_update(of=("self",)).get_or_create(
            risk=risk, occasion=occasion
        )
        before = follow_up.result
        check_version(expect, before)
        follow_up.result = result.replace("\r\n", "\n").strip()
        follow_up.save()
        if before != follow_up.result:
            record(
                "control_result_recorded",
                acting_user=acting_user,
                obj=risk,
                changes={"occasion": occasion.key, "result": [before, follow_up.result]},
            )
    return follow_up


RISK_FIELDS = (
    "category", "main_process", "description", "probability", "consequence",
    "control_activity", "follow_up_method", "municipality_wide",
)  # fmt: skip


def do_save_risk(
    plan: "Plan",
    risk: Risk | None,
    values: dict[str, Any],
    *,
    acting_user: Actor,
    expect: Fingerprint | None = None,
) -> Risk:
    """Create a risk in one of the plan's categories (risk None) or change one."""
    refuse_if_locked(plan, "edit risk", acting_user)
    category = values["category"]
    if category.plan_id != plan.pk:
        raise ValueError(f"{category} is not a risk category of {plan}")
    with transaction.atomic():
        if risk is None:
            key = unique_key(
                values["description"], lambda k: Risk.objects.for_plan(plan).filter(key=k).exists()
            )
            position = (category.risks.aggregate(m=Max("position"))["m"] or 0) + 1
            risk = Risk(key=key, position=position, category=category)
            before: dict[str, Any] = {}
        else:
            if risk.category.plan_id != plan.pk:
                raise ValueError(f"{risk} is not a risk of {plan}")
            risk = Risk.objects.select_for_update(of=("self",)).get(pk=risk.pk)
            check_fingerprint(expect, risk)
            before = {f: getattr(risk, f) for f in RISK_FIELDS}
        # A field left out of `values` keeps its value (an import may set only some).
        fields = [f for f in RISK_FIELDS if f in values or not before]
        for field in fields:
            setattr(risk, field, values.get(field))
        risk.description = clean_text(risk.description).strip()
        # A score typed by hand would go stale; the plan's score is derived from now on.
        risk.stated_score = None
        risk.full_clean()
        risk.save()
        changes = {
            f: [str(before.get(f)) if f in before else None, str(values.get(f))]
            for f in fields
            if before.get(f) != values.get(f)
        }
        record(
            "risk_created" if not before else "risk_changed",
            acting_user=acting_user,
            obj=risk,
            changes=changes,
        )
    return risk


class MatrixError(ValueError):
    """A risk-matrix change that cannot be made; the message names the level and why."""


def do_copy_risk_matrix(key: str, municipality: Municipality, *, acting_user: Actor) -> RiskMatrix:
    """Give the municipality its own copy of a shipped risk matrix (levels, words, colours,
    threshold), and move its plans that use Styr's onto the copy: the levels' values are the
    same, so every risk keeps its score."""
    with transaction.atomic():
        # Two administrators at once: the second waits, then finds the first one's copy.
        Municipality.objects.select_for_update(of=("self",)).filter(pk=municipality.pk).first()
        if RiskMatrix.objects.filter(key=key, municipality=municipality).exists():
            raise MatrixError(
                _("%(municipality)s har redan en egen kopia av riskmatrisen.")
                % {"municipality": municipality.name}
            )
        shipped = (
            RiskMatrix.objects.filter(key=key, municipality__isnull=True)
            .order_by("-version")
            .first()
        )
        if shipped is None:
            raise MatrixError(_("Det finns ingen sådan riskmatris i Styr."))
        own = RiskMatrix.objects.create(
            key=key, version=1, name=shipped.name, plan_threshold=shipped.plan_threshold,
            municipality=municipality,
        )  # fmt: skip
        RiskLevel.objects.bulk_create(
            RiskLevel(matrix=own, axis=lv.axis, value=lv.value, label=lv.label,
                      label_en=lv.label_en, description=lv.description, colour=lv.colour)
            for lv in shipped.levels.all()
        )  # fmt: skip
        from styr.plans.models import Plan as PlanModel

        moved = PlanModel.objects.filter(
            body__municipality=municipality, risk_matrix__key=key,
            risk_matrix__municipality__isnull=True,
        ).update(risk_matrix=own)  # fmt: skip
        record(
            "risk_matrix_copied",
            acting_user=acting_user,
            obj=own,
            changes={"key": key, "from": str(shipped), "moved": moved},
        )
    return own


LEVEL_LABEL_LIMIT = 100


def do_save_risk_matrix(
    matrix: RiskMatrix,
    *,
    plan_threshold: int,
    levels: dict[tuple[str, int], tuple[str, str, str, str]],
    acting_user: Actor,
) -> RiskMatrix:
    """Change a municipality's own matrix: the threshold for the control plan and each level's
    label, English label, description and colour, by (axis, value). The levels themselves
    stay, so no risk's score changes."""
    if matrix.municipality_id is None:
        raise MatrixError(_("Styrs standardmatriser ändras inte; gör en egen kopia för kommunen."))
    with transaction.atomic():
        matrix = RiskMatrix.objects.select_for_update(of=("self",)).get(pk=matrix.pk)
        stored = {(lv.axis, lv.value): lv for lv in matrix.levels.all()}
        highest = max((v for (_, v) in stored), default=1) ** 2
        if not 1 <= plan_threshold <= highest:
            raise MatrixError(
                _("Riktmärke: ange ett riskvärde mellan 1 och %(highest)s.") % {"highest": highest}
            )
        changes: dict[str, Any] = {}
        if plan_threshold != matrix.plan_threshold:
            changes["plan_threshold"] = [matrix.plan_threshold, plan_threshold]
            matrix.plan_threshold = plan_threshold
            matrix.save(update_fields=["plan_threshold"])
        for (axis, value), (label, label_en, description, colour) in levels.items():
            level = stored.get((axis, value))
            # "Sannolikhet 4": the level the message is about.
            name = Axis(axis).label if axis in Axis.values else axis
            where = {"level": f"{name} {value}"}
            if level is None:
                raise MatrixError(_("%(level)s: nivån finns inte i matrisen.") % where)
            label, label_en = label.strip(), label_en.strip()
            if not label or len(label) > LEVEL_LABEL_LIMIT:
                raise MatrixError(
                    _("%(level)s: skriv en benämning på högst %(limit)s tecken.")
                    % {**where, "limit": LEVEL_LABEL_LIMIT}
                )
            if len(label_en) > LEVEL_LABEL_LIMIT:
                raise MatrixError(
                    _("%(level)s: den engelska benämningen får vara högst %(limit)s tecken.")
                    % {**where, "limit": LEVEL_LABEL_LIMIT}
                )
            if colour and not is_colour(colour):
                raise MatrixError(
                    _("%(level)s: färgen ska skrivas #rrggbb, t.ex. #c62828.") % where
                )
            after = {
                "label": label,
                "label_en": label_en,
                "description": clean_text(description).strip(),
                "colour": colour.lower(),
            }
            changed = {
                field: [getattr(level, field), new]
                for field, new in after.items()
                if getattr(level, field) != new
            }
            if changed:
                for field, (_old, new) in changed.items():
                    setattr(level, field, new)
                level.save(update_fields=list(changed))
                changes[f"{axis}-{value}"] = changed
        if changes:
            record("risk_matrix_changed", acting_user=acting_user, obj=matrix, changes=changes)
    return matrix
