"""Importing the sections of a plan file after goals: assignments, internal control, activities
and plan items (the budget tables: budget_sections)."""

from django.db.models import F
from django.utils.translation import gettext as _

from styr.activities.models import Activity, ActivityFollowUp, ActivityUnitComment
from styr.assignments.models import Assignment, AssignmentFollowUp, Origin
from styr.internal_control.models import Axis, Risk, RiskCategory, RiskFollowUp, RiskMatrix
from styr.organisation.models import Unit
from styr.planfiles.keys import KeyRegistry
from styr.planfiles.nodes import Node, quoted
from styr.planfiles.sync import Tally, delete_missing, set_related, upsert
from styr.planfiles.texts import opt_text, req_text
from styr.planfiles.values import ScaleLookup, parse_amount, parse_period
from styr.plans.models import (
    CompetenceNeed,
    DigitalisationItem,
    DigitalisationKind,
    DigitalisationTotal,
    Plan,
    PremisesNeed,
    ReportOccasion,
)
from styr.steering.models import CommitteeGoal


def occasion_of(occasions: dict[str, ReportOccasion], node: Node, key: str) -> ReportOccasion:
    occasion = occasions.get(key)
    if occasion is None:
        known = ", ".join(occasions) or _("inga")
        raise node.error(
            _("%(key)s är inget rapporttillfälle i planen (rapporttillfällena: %(known)s)")
            % {"key": quoted(key), "known": known}
        )
    return occasion


def import_assignments(
    root: Node, plan: Plan, occasions: dict[str, ReportOccasion], tally: Tally
) -> dict[str, Assignment]:
    nodes = root.get("assignments")
    registry = KeyRegistry("assignments")
    statuses = ScaleLookup("assignment-status", plan.body.municipality_id)
    grades = ScaleLookup("fulfilment-grade", plan.body.municipality_id)
    result: dict[str, Assignment] = {}
    for position, item in enumerate(nodes.list() if nodes else []):
        item.check_keys(
            {"key", "origin", "text", "start_date", "period", "extra_cost", "public", "follow_up"}
        )
        text = req_text(item, "text")
        key = registry.take(item, text)
        start = item.get("start_date")
        period = parse_period(item.get("period"))
        cost = parse_amount(item.get("extra_cost"))
        public = item.get("public")
        assignment = upsert(
            tally,
            Assignment,
            {"plan": plan, "key": key},
            {
                "origin": item.req("origin").choice(set(Origin.values)),
                "text": text,
                "start_date": start.date() if start else None,
                "period_start": period.start,
                "period_end": period.end,
                "period_note": period.note,
                "extra_cost": cost.amount,
                "extra_cost_unit": cost.unit,
                "extra_cost_note": cost.note,
                # Left out (an older file): as it is, never made public unseen.
                **({"public": public.boolean()} if public else {}),
                "position": position,
            },
            at=item,
        )
        result[key] = assignment
        keep = []
        follow_up = item.get("follow_up")
        for occasion_key, entry in follow_up.items() if follow_up else []:
            entry.check_keys({"status", "grade", "comment", "internal"})
            status, grade = entry.get("status"), entry.get("grade")
            internal = entry.get("internal")
            keep.append(
                upsert(
                    tally,
                    AssignmentFollowUp,
                    {
                        "assignment": assignment,
                        "occasion": occasion_of(occasions, entry, occasion_key),
                    },
                    {
                        "status": statuses.find(status) if status else None,
                        "grade": grades.find(grade) if grade else None,
                        "comment": opt_text(entry, "comment"),
                        # Left out (an older file): the mark stays as it is.
                        **({"internal": internal.boolean()} if internal else {}),
                    },
                    at=entry,
                ).pk
            )
        delete_missing(tally, assignment.follow_ups.all(), keep, at=follow_up or item)
    delete_missing(tally, plan.assignments.all(), [a.pk for a in result.values()], at=nodes)
    return result


def import_internal_control(
    root: Node, plan: Plan, occasions: dict[str, ReportOccasion], tally: Tally
) -> None:
    section = root.get("internal_control")
    matrix = None
    keep_categories = []
    if section is not None:
        section.check_keys({"risk_matrix", "categories"})
        matrix_node = section.get("risk_matrix")
        if matrix_node is not None:
            matrix = _find_matrix(matrix_node, plan)
        categories = section.get("categories")
        risk_keys = KeyRegistry("risks")
        names: set[str] = set()
        for position, cat_node in enumerate(categories.list() if categories else []):
            cat_node.check_keys({"name", "risks"})
            name = req_text(cat_node, "name")
            if name in names:
                raise cat_node.req("name").error(
                    _("kategorin %(name)s står två gånger") % {"name": quoted(name)}
                )
            names.add(name)
            category = upsert(
                tally,
                RiskCategory,
                {"plan": plan, "name": name},
                {"position": position},
                at=cat_node,
            )
            keep_categories.append(category.pk)
            risks = cat_node.get("risks")
            if risks is not None and risks.list() and matrix is None:
                raise cat_node.error(
                    _(
                        "risker kräver att planen anger sin riskmatris; skriv den under "
                        "internal_control: som risk_matrix:"
                    )
                )
            keep_risks = [
                _import_risk(r_node, pos, category, matrix, risk_keys, occasions, tally).pk
                for pos, r_node in enumerate(risks.list() if risks else [])
            ]
            delete_missing(tally, category.risks.all(), keep_risks, at=risks or cat_node)
    delete_missing(tally, plan.risk_categories.all(), keep_categories, at=section)
    upsert(tally, Plan, {}, {"risk_matrix": matrix}, existing=plan, at=section or root)


def _find_matrix(node: Node, plan: Plan) -> RiskMatrix:
    """The matrix by key: the municipality's own copy if it has one, else Styr's."""
    raw = node.text().strip()
    key, _at, version = raw.partition("@")
    usable = RiskMatrix.objects.for_municipality(plan.body.municipality_id)
    found = usable.filter(key=key)
    if version:
        found = found.filter(version=int(version) if version.isdigit() else -1)
    # Own before shipped (nulls last), then the newest version.
    matrix = found.order_by(F("municipality").asc(nulls_last=True), "-version").first()
    if matrix is None:
        known = ", ".join(sorted(set(usable.values_list("key", flat=True))))
        raise node.error(
            _("%(value)s är ingen känd riskmatris (de som finns: %(known)s)")
            % {"value": quoted(raw), "known": known}
        )
    return matrix


def _level(node: Node, matrix: RiskMatrix, axis: str) -> int:
    raw = node.text().strip()
    levels = [lv for lv in matrix.levels.all() if lv.axis == axis]
    for level in levels:
        if raw == str(level.value) or raw.casefold() == level.label.casefold():
            return level.value
    known = ", ".join(f"{lv.value} {lv.label}" for lv in levels)
    raise node.error(
        _("%(value)s är ingen nivå i %(matrix)s (nivåerna: %(known)s)")
        % {"value": quoted(raw), "matrix": matrix.name, "known": known}
    )


def _import_risk(
    item: Node,
    position: int,
    category: RiskCategory,
    matrix: RiskMatrix | None,
    registry: KeyRegistry,
    occasions: dict[str, ReportOccasion],
    tally: Tally,
) -> Risk:
    assert matrix is not None
    item.check_keys({
        "key", "main_process", "risk", "probability", "consequence", "risk_score",
        "control_activity", "follow_up_method", "municipality_wide", "follow_up",
    })  # fmt: skip
    description = req_text(item, "risk")
    stated = item.get("risk_score")
    wide = item.get("municipality_wide")
    risk = upsert(
        tally,
        Risk,
        {"category": category, "key": registry.take(item, description)},
        {
            "main_process": opt_text(item, "main_process"),
            "description": description,
            "probability": _level(item.req("probability"), matrix, Axis.PROBABILITY),
            "consequence": _level(item.req("consequence"), matrix, Axis.CONSEQUENCE),
            "stated_score": stated.integer(minimum=0, maximum=1000) if stated else None,
            "control_activity": opt_text(item, "control_activity"),
            "follow_up_method": opt_text(item, "follow_up_method"),
            "municipality_wide": wide.boolean() if wide else False,
            "position": position,
        },
        at=item,
    )
    keep = []
    follow_up = item.get("follow_up")
    for occasion_key, entry in follow_up.items() if follow_up else []:
        entry.check_keys({"result"})
        keep.append(
            upsert(
                tally,
                RiskFollowUp,
                {"risk": risk, "occasion": occasion_of(occasions, entry, occasion_key)},
                {"result": opt_text(entry, "result")},
                at=entry,
            ).pk
        )
    delete_missing(tally, risk.follow_ups.all(), keep, at=follow_up or item)
    return risk


def import_activities(
    root: Node,
    plan: Plan,
    occasions: dict[str, ReportOccasion],
    goals: dict[str, CommitteeGoal],
    assignments: dict[str, Assignment],
    tally: Tally,
) -> None:
    nodes = root.get("activities")
    registry = KeyRegistry("activities")
    statuses = ScaleLookup("activity-status", plan.body.municipality_id)
    units = {u.name: u for u in Unit.objects.filter(administration__body=plan.body)}
    keep = []
    for position, item in enumerate(nodes.list() if nodes else []):
        item.check_keys(
            {"key", "title", "goal", "assignment", "unit", "units", "start", "end", "follow_up"}
        )
        title = req_text(item, "title")
        goal_node, assignment_node = item.get("goal"), item.get("assignment")
        goal = assignment = None
        if goal_node is not None:
            goal = goals.get(goal_node.text().strip())
            if goal is None:
                raise goal_node.error(
                    _("planen har inget mål med nyckeln %(key)s")
                    % {"key": quoted(goal_node.text())}
                )
        if assignment_node is not None:
            assignment = assignments.get(assignment_node.text().strip())
            if assignment is None:
                raise assignment_node.error(
                    _("planen har inget uppdrag med nyckeln %(key)s")
                    % {"key": quoted(assignment_node.text())}
                )
        unit_node = item.get("unit")
        unit = None
        if unit_node is not None:
            unit = units.get(unit_node.text().strip())
            if unit is None:
                raise unit_node.error(
                    _("%(body)s har ingen enhet som heter %(unit)s")
                    % {"body": plan.body, "unit": quoted(unit_node.text())}
                )
        start, end = item.get("start"), item.get("end")
        start_date = start.date() if start else None
        end_date = end.date() if end else None
        if start_date and end_date and end_date < start_date:
            raise item.req("end").error(
                _(
                    "aktiviteten slutar innan den börjar; end: ska vara samma dag som start: "
                    "eller senare"
                )
            )
        activity = upsert(
            tally,
            Activity,
            {"plan": plan, "key": registry.take(item, title)},
            {
                "title": title,
                "goal": goal,
                "assignment": assignment,
                "responsible_unit": unit,
                "start": start_date,
                "end": end_date,
                "position": position,
            },
            at=item,
        )
        keep.append(activity.pk)
        taking_part = _units_taking_part(item, plan, units)
        set_related(tally, activity, "units", list(taking_part.values()), at=item)
        fu_keep = []
        follow_up = item.get("follow_up")
        for occasion_key, entry in follow_up.items() if follow_up else []:
            entry.check_keys({"status", "percent_complete", "comment", "unit_comments"})
            status, percent = entry.get("status"), entry.get("percent_complete")
            reported = upsert(
                tally,
                ActivityFollowUp,
                {"activity": activity, "occasion": occasion_of(occasions, entry, occasion_key)},
                {
                    "status": statuses.find(status) if status else None,
                    "percent_complete": percent.integer(minimum=0, maximum=100)
                    if percent
                    else None,
                    "comment": opt_text(entry, "comment"),
                },
                at=entry,
            )
            fu_keep.append(reported.pk)
            _import_unit_comments(entry, reported, taking_part, tally)
        delete_missing(tally, activity.follow_ups.all(), fu_keep, at=follow_up or item)
    delete_missing(tally, plan.activities.all(), keep, at=nodes)


def _units_taking_part(item: Node, plan: Plan, units: dict[str, Unit]) -> dict[str, Unit]:
    """The activity's participating units, by name, from its `units:` list."""
    named = item.get("units")
    taking_part: dict[str, Unit] = {}
    for node in named.list() if named else []:
        name = node.text().strip()
        if name not in units:
            raise node.error(
                _("%(body)s har ingen enhet som heter %(unit)s")
                % {"body": plan.body, "unit": f"”{name[:200]}”"}
            )
        if name in taking_part:
            raise node.error(_("%(unit)s står två gånger") % {"unit": f"”{name}”"})
        taking_part[name] = units[name]
    return taking_part


def _import_unit_comments(
    entry: Node, follow_up: ActivityFollowUp, taking_part: dict[str, Unit], tally: Tally
) -> None:
    """Each participating unit's own comment at the occasion: `unit_comments: {unit: text}`."""
    given = entry.get("unit_comments")
    keep = []
    for name, text in given.items() if given else []:
        unit = taking_part.get(name)
        if unit is None:
            raise text.error(
                _(
                    "enheten medverkar inte i aktiviteten; lägg först till den under aktivitetens "
                    "units:"
                )
            )
        comment = text.text().strip()
        if comment:
            keep.append(
                upsert(
                    tally, ActivityUnitComment, {"follow_up": follow_up, "unit": unit},
                    {"comment": comment}, at=text,
                ).pk
            )  # fmt: skip
    delete_missing(tally, follow_up.unit_comments.all(), keep, at=given or entry)


def import_plan_items(root: Node, plan: Plan, tally: Tally) -> None:
    _import_digitalisation(root, plan, tally)
    registry = KeyRegistry("premises_needs")
    keep = []
    nodes = root.get("premises_needs")
    for position, item in enumerate(nodes.list() if nodes else []):
        item.check_keys({"key", "description", "when", "category", "priority", "motivation"})
        description = req_text(item, "description")
        keep.append(
            upsert(
                tally,
                PremisesNeed,
                {"plan": plan, "key": registry.take(item, description)},
                {
                    "description": description,
                    "when": opt_text(item, "when"),
                    "category": opt_text(item, "category"),
                    "priority": opt_text(item, "priority"),
                    "motivation": opt_text(item, "motivation"),
                    "position": position,
                },
                at=item,
            ).pk
        )
    delete_missing(tally, plan.premises_needs.all(), keep, at=nodes)
    registry = KeyRegistry("competence_needs")
    keep = []
    nodes = root.get("competence_needs")
    for position, item in enumerate(nodes.list() if nodes else []):
        item.check_keys({"key", "need", "actions"})
        need = req_text(item, "need")
        keep.append(
            upsert(
                tally,
                CompetenceNeed,
                {"plan": plan, "key": registry.take(item, need)},
                {"need": need, "actions": opt_text(item, "actions"), "position": position},
                at=item,
            ).pk
        )
    delete_missing(tally, plan.competence_needs.all(), keep, at=nodes)


def _import_digitalisation(root: Node, plan: Plan, tally: Tally) -> None:
    registry = KeyRegistry("digitalisation")
    keep = []
    nodes = root.get("digitalisation")
    for position, item in enumerate(nodes.list() if nodes else []):
        item.check_keys({"key", "kind", "name", "budget_need", "period", "expected_effect"})
        name = req_text(item, "name")
        need = item.get("budget_need")
        period = parse_period(item.get("period"))
        keep.append(
            upsert(
                tally,
                DigitalisationItem,
                {"plan": plan, "key": registry.take(item, name)},
                {
                    "kind": item.req("kind").choice(set(DigitalisationKind.values)),
                    "name": name,
                    "budget_need": need.decimal() if need else None,
                    "period_start": period.start,
                    "period_end": period.end,
                    "period_note": period.note,
                    "expected_effect": opt_text(item, "expected_effect"),
                    "position": position,
                },
                at=item,
            ).pk
        )
    delete_missing(tally, plan.digitalisation_items.all(), keep, at=nodes)
    totals = root.get("digitalisation_totals")
    keep = []
    for kind, node in totals.items() if totals else []:
        if kind not in DigitalisationKind.values:
            raise node.error(
                _("%(value)s är varken operating (drift) eller investment (investering)")
                % {"value": quoted(kind)}
            )
        if node.node.tag.endswith(":map"):
            node.check_keys({"amount", "as_printed"})
            amount, printed = node.req("amount").decimal(), opt_text(node, "as_printed")
        else:
            amount, printed = node.decimal(), ""
        keep.append(
            upsert(
                tally,
                DigitalisationTotal,
                {"plan": plan, "kind": kind},
                {"amount": amount, "as_printed": printed},
                at=node,
            ).pk
        )
    delete_missing(tally, plan.digitalisation_totals.all(), keep, at=totals)
