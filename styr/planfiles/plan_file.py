"""Importing a plan file: one body's plan for one year, with everything in it."""

from django.utils.translation import gettext as _

from styr.indicators.models import (
    GoalIndicator,
    GroupMetric,
    Indicator,
    IndicatorValue,
    MeasureBase,
    Metric,
    MetricGroup,
    MetricSection,
    MetricValue,
    Polarity,
    ValueKind,
    ValueSource,
    text_value,
)
from styr.organisation.models import Body, Municipality
from styr.planfiles.budget_sections import import_budget_tables
from styr.planfiles.guard import Guard, check_state
from styr.planfiles.keys import KeyRegistry
from styr.planfiles.nodes import Node, quoted
from styr.planfiles.plan_sections import (
    import_activities,
    import_assignments,
    import_internal_control,
    import_plan_items,
    occasion_of,
)
from styr.planfiles.sync import Tally, delete_missing, upsert
from styr.planfiles.texts import opt_text, req_text
from styr.planfiles.values import ScaleLookup, parse_target
from styr.plans.models import OccasionKind, Plan, PlanState, PlanText, ReportOccasion
from styr.steering.models import CommitteeGoal, GoalFollowUp, MunicipalPlan

FORMAT = "styr/plan/1"
FIELDS = {
    "format", "municipality", "body", "year", "title", "state", "adopted_on", "adopted_minute",
    "occasions", "texts", "goals", "metric_groups", "assignments", "budget_tables",
    "internal_control", "activities", "digitalisation", "digitalisation_totals",
    "premises_needs", "competence_needs",
}  # fmt: skip


def import_plan_file(root: Node, tally: Tally) -> Plan:
    root.check_keys(FIELDS)
    m_node = root.req("municipality")
    municipality = Municipality.objects.filter(key=m_node.text().strip()).first()
    if municipality is None:
        raise m_node.error(
            _(
                "ingen kommun har nyckeln %(key)s; läs först in kommunfilen (format: "
                "styr/municipality/1)"
            )
            % {"key": quoted(m_node.text().strip())}
        )
    body_node = root.req("body")
    body = Body.objects.filter(municipality=municipality, code=body_node.text().strip()).first()
    if body is None:
        raise body_node.error(
            _("%(municipality)s har inget organ med koden %(code)s")
            % {"municipality": municipality, "code": quoted(body_node.text())}
        )
    year = root.req("year").year()
    adopted = root.get("adopted_on")
    state_node = root.get("state")
    state = state_node.choice(set(PlanState.values)) if state_node else PlanState.DRAFT
    existing = Plan.objects.filter(body=body, year=year).first()
    tally.root = root
    if existing is not None:
        # A file records a plan; the workflow alone moves it from draft to locked.
        check_state(existing, state_node, state)
        tally.guard = Guard(existing, fresh=False)
    plan = upsert(
        tally,
        Plan,
        {"body": body, "year": year},
        {
            "title": req_text(root, "title"),
            "state": existing.state if existing is not None else state,
            "adopted_on": adopted.date() if adopted else None,
            "adopted_minute": opt_text(root, "adopted_minute"),
        },
        at=root,
    )
    if existing is None:
        tally.guard = Guard(plan, fresh=True)
    municipal_plan = MunicipalPlan.objects.filter(municipality=municipality, year=year).first()
    occasions = _import_occasions(root, plan, tally)
    _import_texts(root, plan, tally, occasions)
    goals = _import_goals(root, plan, municipal_plan, occasions, tally)
    _import_metric_groups(root, plan, tally)
    assignments = import_assignments(root, plan, occasions, tally)
    import_budget_tables(root, plan, occasions, tally)
    import_internal_control(root, plan, occasions, tally)
    import_activities(root, plan, occasions, goals, assignments, tally)
    import_plan_items(root, plan, tally)
    tally.guard = tally.root = None
    return plan


def _import_occasions(root: Node, plan: Plan, tally: Tally) -> dict[str, ReportOccasion]:
    nodes = root.get("occasions")
    registry = KeyRegistry("occasions")
    result: dict[str, ReportOccasion] = {}
    for position, item in enumerate(nodes.list() if nodes else []):
        item.check_keys({"key", "kind", "name", "date", "deadline"})
        name = req_text(item, "name")
        key = registry.take(item, name)
        date_node = item.get("date")
        deadline_node = item.get("deadline")
        kind = item.req("kind").choice(set(OccasionKind.values))
        _refuse_decided_occasion(plan, key, item, kind=kind)
        result[key] = upsert(
            tally,
            ReportOccasion,
            {"plan": plan, "key": key},
            {
                "kind": kind,
                "name": name,
                "date": date_node.date() if date_node else None,
                # The last day to report, which reporters are reminded of (styr.reminders).
                "deadline": deadline_node.date() if deadline_node else None,
                "position": position,
            },
            at=item,
        )
    for missing in plan.occasions.exclude(pk__in=[o.pk for o in result.values()]):
        _refuse_decided_occasion(plan, missing.key, nodes or root, kind=None)
    delete_missing(tally, plan.occasions.all(), [o.pk for o in result.values()], at=nodes)
    return result


def _refuse_decided_occasion(plan: Plan, key: str, at: Node, *, kind: str | None) -> None:
    """A report with a decision on record (adopted, or with a decided version) stays: a file
    can neither remove it nor make it another kind of report."""
    if plan.pk is None:
        return
    occasion = plan.occasions.filter(key=key).first()
    if occasion is None or (kind is not None and kind == occasion.kind):
        return
    decided = occasion.state == PlanState.ADOPTED or occasion.versions.exists()
    if decided:
        values = {"key": quoted(key), "name": occasion.name}
        if kind is None:
            raise at.error(
                _(
                    "rapporttillfället %(key)s (%(name)s) har ett beslut; en planfil kan inte ta "
                    "bort det"
                )
                % values
            )
        values |= {"kind": OccasionKind(kind).label.lower(), "value": kind}
        raise at.error(
            _(
                "rapporttillfället %(key)s (%(name)s) har ett beslut; en planfil kan inte göra "
                "det till %(kind)s (%(value)s)"
            )
            % values
        )


def _import_texts(
    root: Node, plan: Plan, tally: Tally, occasions: dict[str, ReportOccasion]
) -> None:
    """The plan's chapter texts, and with `occasion:` the texts written for one report."""
    nodes = root.get("texts")
    registries: dict[str, KeyRegistry] = {}
    keep = []
    for position, item in enumerate(nodes.list() if nodes else []):
        item.check_keys({"key", "title", "text", "occasion"})
        occasion = _text_occasion(item, occasions)
        title = opt_text(item, "title")
        scope = occasion.key if occasion else ""
        registry = registries.setdefault(
            scope,
            KeyRegistry(
                # Translators: "texts" is a plan file's field; keep it.
                _("texts för %(occasion)s") % {"occasion": occasion.name} if occasion else "texts"
            ),
        )
        key = registry.take(item, title)
        keep.append(
            upsert(
                tally,
                PlanText,
                {"plan": plan, "occasion": occasion, "key": key},
                {"title": title, "text": opt_text(item, "text"), "position": position},
                at=item,
            ).pk
        )
    delete_missing(tally, plan.texts.all(), keep, at=nodes)


def _text_occasion(item: Node, occasions: dict[str, ReportOccasion]) -> ReportOccasion | None:
    node = item.get("occasion")
    if node is None:
        return None
    key = node.text().strip()
    occasion = occasions.get(key)
    if occasion is None:
        known = ", ".join(k for k, o in occasions.items() if o.kind != OccasionKind.PLAN)
        raise node.error(
            _("planen har inget rapporttillfälle %(key)s (rapporterna: %(known)s)")
            % {"key": quoted(key), "known": known or _("inga")}
        )
    if occasion.kind == OccasionKind.PLAN:
        raise node.error(
            _(
                "planens egna texter skrivs utan occasion:; ange occasion: bara för en text som "
                "hör till en rapport"
            )
        )
    return occasion


def _steering_ref(
    item: Node, field: str, municipal_plan: MunicipalPlan | None, related: str
) -> object | None:
    node = item.get(field)
    if node is None:
        return None
    key = node.text().strip()
    if municipal_plan is None:
        raise node.error(
            _(
                "planen hänvisar till den kommungemensamma styrningen, men ingen kommunfil för "
                "planens år har lästs in; läs in den först (format: styr/municipality/1)"
            )
        )
    items = getattr(municipal_plan, related)
    obj = items.filter(key=key).first()
    if obj is None:
        raise node.error(
            _("nyckeln %(key)s finns inte bland %(objects)s i %(plan)s")
            % {"key": quoted(key), "objects": items.model._meta.verbose_name_plural,
               "plan": municipal_plan}
        )  # fmt: skip
    return obj


def _import_goals(
    root: Node,
    plan: Plan,
    municipal_plan: MunicipalPlan | None,
    occasions: dict[str, ReportOccasion],
    tally: Tally,
) -> dict[str, CommitteeGoal]:
    nodes = root.get("goals")
    registry = KeyRegistry("goals")
    indicator_keys = KeyRegistry("indicators")
    fulfilment = ScaleLookup("goal-fulfilment", plan.body.municipality_id)
    result: dict[str, CommitteeGoal] = {}
    for position, item in enumerate(nodes.list() if nodes else []):
        item.check_keys({
            "key", "title", "description", "strategic_area", "municipal_goal", "prerequisite",
            "starting_point", "indicators", "follow_up",
        })  # fmt: skip
        refs = {
            "strategic_area": _steering_ref(
                item, "strategic_area", municipal_plan, "strategic_areas"
            ),
            "municipal_goal": _steering_ref(
                item, "municipal_goal", municipal_plan, "municipal_goals"
            ),
            "prerequisite": _steering_ref(item, "prerequisite", municipal_plan, "prerequisites"),
            "starting_point": _steering_ref(
                item, "starting_point", municipal_plan, "starting_points"
            ),
        }
        title = opt_text(item, "title")
        if not title and refs["municipal_goal"] is None:
            raise item.error(
                _(
                    "ett mål behöver title:, eller municipal_goal: med ett kommungemensamt mål som "
                    "nämnden antar som sitt"
                )
            )
        if not any(refs[f] for f in ("strategic_area", "prerequisite", "starting_point")):
            raise item.error(
                _(
                    "ett mål ska höra till något av strategic_area:, prerequisite: eller "
                    "starting_point:; ange ett av dem"
                )
            )
        source = title or str(refs["municipal_goal"])
        key = registry.take(item, source)
        goal = upsert(
            tally,
            CommitteeGoal,
            {"plan": plan, "key": key},
            {"title": title, "description": opt_text(item, "description"), "position": position,
             **refs}, at=item,
        )  # fmt: skip
        result[key] = goal
        _import_goal_indicators(item, goal, plan.body, indicator_keys, tally)
        _import_goal_follow_up(item, goal, occasions, fulfilment, tally)
    delete_missing(tally, plan.goals.all(), [g.pk for g in result.values()], at=nodes)
    return result


def _import_goal_follow_up(
    item: Node,
    goal: CommitteeGoal,
    occasions: dict[str, ReportOccasion],
    fulfilment: ScaleLookup,
    tally: Tally,
) -> None:
    nodes = item.get("follow_up")
    keep = []
    for occasion_key, entry in nodes.items() if nodes else []:
        entry.check_keys({"fulfilment", "analysis", "internal"})
        level = entry.get("fulfilment")
        internal = entry.get("internal")
        keep.append(
            upsert(
                tally,
                GoalFollowUp,
                {"goal": goal, "occasion": occasion_of(occasions, entry, occasion_key)},
                {
                    "fulfilment": fulfilment.find(level) if level else None,
                    "analysis": opt_text(entry, "analysis"),
                    # Left out (an older file): the mark stays as it is, never lifted unseen.
                    **({"internal": internal.boolean()} if internal else {}),
                },
                at=entry,
            ).pk
        )
    delete_missing(tally, goal.follow_ups.all(), keep, at=nodes or item)


MEASURE_FIELDS = {
    "key", "name", "unit", "decimals", "kolada_kpi", "kolada_area", "kolada_comparisons",
    "description", "values",
}  # fmt: skip


def _kolada_areas(item: Node, name: str) -> str:
    """Kolada area ids (four digits: 0000 Riket, 0014 a region, 1463 a municipality)."""
    node = item.get(name)
    text = node.text().strip() if node else ""
    ids = [a.strip() for a in text.split(",") if a.strip()]
    for area in ids:
        if not (area.isdigit() and len(area) == 4):
            assert node is not None
            raise node.error(
                _("%(value)s är inget Kolada-område (fyra siffror, t.ex. %(example)s)")
                % {"value": quoted(area), "example": "0000"}
            )
    return ",".join(ids)


def _measure_values(item: Node, name: str) -> dict[str, object]:
    kpi = item.get("kolada_kpi")
    kpi_id = kpi.text().strip() if kpi else ""
    if kpi is not None and not (len(kpi_id) == 6 and kpi_id[0].isalpha() and kpi_id[1:].isdigit()):
        raise kpi.error(
            _("%(value)s är inget nyckeltal i Kolada (en bokstav och fem siffror, t.ex. N01951)")
            % {"value": quoted(kpi_id)}
        )
    decimals = item.get("decimals")
    return {
        "name": name,
        "unit": opt_text(item, "unit"),
        "decimals": decimals.integer(minimum=0, maximum=6) if decimals else 0,
        "kolada_kpi": kpi_id,
        "kolada_area": _kolada_areas(item, "kolada_area"),
        "kolada_comparisons": _kolada_areas(item, "kolada_comparisons"),
        "description": opt_text(item, "description"),
    }


def _import_goal_indicators(
    item: Node, goal: CommitteeGoal, body: Body, registry: KeyRegistry, tally: Tally
) -> None:
    nodes = item.get("indicators")
    keep = []
    for position, ind in enumerate(nodes.list() if nodes else []):
        ind.check_keys(MEASURE_FIELDS | {"polarity", "public"})
        name = req_text(ind, "name")
        key = registry.take(ind, name)
        polarity = ind.get("polarity")
        public = ind.get("public")
        indicator = upsert(
            tally,
            Indicator,
            {"body": body, "key": key},
            {
                **_measure_values(ind, name),
                "polarity": polarity.choice(set(Polarity.values))
                if polarity
                else Polarity.HIGHER_IS_BETTER,
                # Left out (an older file): as it is, never made public unseen.
                **({"public": public.boolean()} if public else {}),
            },
            at=ind,
        )
        link = upsert(
            tally,
            GoalIndicator,
            {"goal": goal, "indicator": indicator},
            {"position": position},
            at=ind,
        )
        keep.append(link.pk)
        _import_values(ind, indicator, tally, allow_target=True)
    delete_missing(tally, GoalIndicator.objects.filter(goal=goal), keep, at=nodes or item)


def _import_values(item: Node, measure: MeasureBase, tally: Tally, *, allow_target: bool) -> None:
    model: type[IndicatorValue] | type[MetricValue]
    owner: dict[str, MeasureBase]
    if isinstance(measure, Indicator):
        model, owner = IndicatorValue, {"indicator": measure}
    else:
        model, owner = MetricValue, {"metric": measure}
    kinds = set(ValueKind.values) if allow_target else set(ValueKind.values) - {ValueKind.TARGET}
    nodes = item.get("values")
    keep = []
    # Values taken from Kolada are Kolada's: a file that states the same number leaves them
    # as they are, and a file that leaves them out does not delete them.
    from_kolada = {
        (year, kind): (pk, value)
        for pk, year, kind, value in model._default_manager.filter(
            **owner, source=ValueSource.KOLADA
        ).values_list("pk", "year", "kind", "value")
    }
    relative: list[tuple[Node, int]] = []
    for year_text, cells in nodes.items() if nodes else []:
        try:
            year = int(year_text)
        except ValueError:
            raise cells.error(
                _("%(value)s är inte ett årtal") % {"value": quoted(year_text)}
            ) from None
        if not 1900 <= year <= 2200:
            raise cells.error(_("%(year)s är inte ett rimligt årtal (1900–2200)") % {"year": year})
        cells.check_keys(kinds)
        for kind, cell in cells.items():
            values: dict[str, object]
            words = text_value(cell.text()) if model is MetricValue else None
            if words is not None:
                # A metric's value in words ("Stängt", "Ej aktuellt").
                values = {"value": None, "text": words}
            elif kind == ValueKind.TARGET and model is MetricValue:
                values = {"value": cell.decimal(), "text": ""}
            elif kind == ValueKind.TARGET:
                comparator, value, reference_year = parse_target(cell)
                values = {"value": value, "comparator": comparator,
                          "reference_year": reference_year}  # fmt: skip
                if reference_year is not None:
                    relative.append((cell, reference_year))
            else:
                values = {"value": cell.decimal()}
                if model is MetricValue:
                    values["text"] = ""
            kolada = from_kolada.get((year, kind))
            if kolada is not None and kolada[1] == values["value"]:
                keep.append(kolada[0])
                continue
            values["source"] = ValueSource.MANUAL
            keep.append(
                upsert(tally, model, {**owner, "year": year, "kind": kind}, values, at=cell).pk
            )
    delete_missing(
        tally,
        model._default_manager.filter(**owner).exclude(source=ValueSource.KOLADA),
        keep,
        at=nodes or item,
    )
    for cell, reference_year in relative:
        # A relative target is judged against the reference year's outcome: without one the
        # target says nothing.
        if not model._default_manager.filter(
            **owner, year=reference_year, kind=ValueKind.OUTCOME
        ).exists():
            raise cell.error(
                _(
                    "målet %(target)s är relativt %(year)s, men %(year)s har inget utfall; ange "
                    "utfallet för %(year)s (eller ett mål i siffror)"
                )
                % {"target": quoted(cell.text()), "year": reference_year}
            )


def _import_metric_groups(root: Node, plan: Plan, tally: Tally) -> None:
    nodes = root.get("metric_groups")
    registry = KeyRegistry("metric_groups")
    metric_keys = KeyRegistry("metrics")
    keep = []
    for position, item in enumerate(nodes.list() if nodes else []):
        item.check_keys({"key", "section", "title", "metrics"})
        title = opt_text(item, "title")
        section = item.req("section").choice(set(MetricSection.values))
        key = registry.take(item, title or section)
        group = upsert(
            tally,
            MetricGroup,
            {"plan": plan, "key": key},
            {"section": section, "title": title, "position": position},
            at=item,
        )
        keep.append(group.pk)
        links = []
        metric_nodes = item.get("metrics")
        for m_position, m_node in enumerate(metric_nodes.list() if metric_nodes else []):
            m_node.check_keys(MEASURE_FIELDS)
            name = req_text(m_node, "name")
            metric = upsert(
                tally,
                Metric,
                {"body": plan.body, "key": metric_keys.take(m_node, name)},
                _measure_values(m_node, name),
                at=m_node,
            )
            links.append(
                upsert(
                    tally,
                    GroupMetric,
                    {"group": group, "metric": metric},
                    {"position": m_position},
                    at=m_node,
                ).pk
            )
            _import_values(m_node, metric, tally, allow_target=True)
        delete_missing(
            tally, GroupMetric.objects.filter(group=group), links, at=metric_nodes or item
        )
    delete_missing(tally, plan.metric_groups.all(), keep, at=nodes)
