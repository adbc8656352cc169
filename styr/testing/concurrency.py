"""Real concurrent saves against a database: N threads, each with its own connection and its
own transaction, all begin from the same version of one editable thing and save at once.

Run by the PostgreSQL concurrency test as `python -m styr.testing.concurrency KIND N` against a
database of its own (restored from the test database's backup); prints one JSON line:
{"kind", "saved", "stale", "errors": [...], "stored", "winners": [...]}. With optimistic
locking there is exactly one save; every other is told it is stale; nothing else happens, and
what is stored is the one save's value (no lost update).
"""

import json
import sys
import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any


def _setup() -> None:
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styr.settings")
    django.setup()


# Each kind: (prepare() -> state shared by the threads, save(state, i) -> value saved,
# stored(state) -> value stored at the end). Imports happen after Django is set up.
Kind = tuple[Callable[[], Any], Callable[[Any, int], Any], Callable[[Any], Any]]


def _kinds() -> dict[str, Kind]:
    from styr.activities.actions import do_report_activity, do_save_activity
    from styr.activities.models import ActivityFollowUp
    from styr.assignments.actions import do_report_assignment, do_save_assignment
    from styr.assignments.models import Assignment, AssignmentFollowUp
    from styr.core.conflicts import Fingerprint, Seen, fingerprint_of, version_of
    from styr.finance.actions import do_set_budget_cell
    from styr.finance.models import BudgetCell
    from styr.indicators.actions import do_set_indicator_value, do_set_metric_value
    from styr.indicators.models import Indicator, IndicatorValue, Metric, MetricValue, ValueKind
    from styr.internal_control.actions import do_record_control_result
    from styr.internal_control.models import Risk, RiskFollowUp
    from styr.plans.actions import do_update_plan_text, fingerprint
    from styr.plans.copying import do_copy_plan_to_next_year
    from styr.plans.models import Plan, PlanText
    from styr.scales.models import Scale
    from styr.steering.actions import do_assess_goal
    from styr.steering.models import GoalFollowUp

    def plan(state: str) -> Plan:
        """A Marks plan in the state: decided content is edited in a draft, follow-up in an
        adopted plan (the test adopts Kommunstyrelsen's before it makes the backup)."""
        found = (
            Plan.objects.filter(body__municipality__key="marks", state=state)
            .exclude(assignments=None)
            .order_by("body__code", "year")
            .first()
        )
        if found is None and state == "draft":
            # Next year's plan, made as officials make it, is the draft to edit.
            adopted = plan("adopted")
            return Plan.objects.filter(body=adopted.body, year=adopted.year + 1).first() or (
                do_copy_plan_to_next_year(adopted, acting_user=None)
            )
        if found is None:
            raise RuntimeError(f"no {state} plan with assignments")
        return found

    fields = ("text", "origin", "start_date")

    def assignment_prepare() -> Any:
        a = plan("draft").assignments.order_by("position").first()
        return a, Fingerprint(fields, fingerprint_of(a, fields))

    def assignment_save(state: Any, i: int) -> Any:
        a, seen = state
        text = f"Uppdrag i tråd {i}"
        do_save_assignment(a.plan, a, {"text": text}, acting_user=None, expect=seen)
        return text

    def follow_up_prepare() -> Any:
        p = plan("adopted")
        a = p.assignments.order_by("position").first()
        occasion = p.occasions.get(key="delar")
        current = AssignmentFollowUp.objects.filter(assignment=a, occasion=occasion).first()
        version = version_of(
            current.status.key if current and current.status else None,
            current.grade.key if current and current.grade else None,
            current.comment if current else "",
        )
        ongoing = Scale.objects.current("assignment-status", p.body.municipality_id)
        return a, occasion, version, ongoing.options.get(key="ongoing")

    def follow_up_save(state: Any, i: int) -> Any:
        a, occasion, version, ongoing = state
        comment = f"Kommentar från tråd {i}"
        do_report_assignment(
            a, occasion, status=ongoing, grade=None, comment=comment, acting_user=None,
            expect=version,
        )  # fmt: skip
        return comment

    def goal_prepare() -> Any:
        p = plan("adopted")
        goal = p.goals.order_by("position").first()
        occasion = p.occasions.get(key="delar")
        current = GoalFollowUp.objects.filter(goal=goal, occasion=occasion).first()
        version = version_of(
            current.fulfilment.key if current and current.fulfilment else None,
            current.analysis if current else "",
        )
        return goal, occasion, version

    def goal_save(state: Any, i: int) -> Any:
        goal, occasion, version = state
        analysis = f"Analys från tråd {i}"
        do_assess_goal(goal, occasion, fulfilment=None, analysis=analysis, acting_user=None,
                       expect=version)  # fmt: skip
        return analysis

    def api_prepare() -> Any:
        """The goal assessment again, through the REST API: each thread a PUT with the ETag
        all of them read (If-Match), as integrations racing an official would send it."""
        from datetime import timedelta

        from django.conf import settings
        from django.contrib.auth.models import User
        from django.test import Client
        from django.utils import timezone

        from styr.api.actions import do_create_token

        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        p = plan("adopted")
        goal = p.goals.order_by("position")[1]
        editor = User.objects.get(username="ks.redaktor")
        _token, secret = do_create_token(
            editor, name="samtidighet", bodies=[p.body], may_write=True,
            expires_on=timezone.localdate() + timedelta(days=1), acting_user=editor,
        )  # fmt: skip
        url = f"/api/plans/{p.pk}/follow-up/delar/goals/{goal.pk}"
        headers = {"Authorization": f"Bearer {secret}"}
        etag = Client(headers=headers).get(url)["ETag"]
        return goal, p.occasions.get(key="delar"), url, {**headers, "If-Match": etag}

    def api_save(state: Any, i: int) -> Any:
        from django.test import Client

        from styr.core.conflicts import StaleRecord

        _goal, _occasion, url, headers = state
        analysis = f"Analys via API från tråd {i}"
        response = Client(headers=headers).put(
            url, json.dumps({"analysis": analysis}), content_type="application/json"
        )
        if response.status_code == 412:
            raise StaleRecord(None)
        if response.status_code != 200:
            raise RuntimeError(f"{response.status_code}: {response.content[:200]!r}")
        return analysis

    def value_prepare() -> Any:
        p = plan("adopted")
        indicator = Indicator.objects.filter(body=p.body, goalindicator__goal__plan=p).first()
        IndicatorValue.objects.filter(indicator=indicator, year=p.year,
                                      kind=ValueKind.FORECAST).delete()  # fmt: skip
        return p, indicator

    def value_save(state: Any, i: int) -> Any:
        p, indicator = state
        do_set_indicator_value(indicator, plan=p, year=p.year, kind=ValueKind.FORECAST,
                               value=Decimal(i), acting_user=None, seen=Seen(None))  # fmt: skip
        return str(Decimal(i))

    def metric_prepare() -> Any:
        p = plan("adopted")
        metric = Metric.objects.filter(body=p.body).order_by("pk").first()
        MetricValue.objects.filter(metric=metric, year=p.year, kind=ValueKind.FORECAST).delete()
        return p, metric

    def metric_save(state: Any, i: int) -> Any:
        p, metric = state
        do_set_metric_value(metric, plan=p, year=p.year, kind=ValueKind.FORECAST,
                            value=Decimal(i), acting_user=None, seen=Seen(None))  # fmt: skip
        return str(Decimal(i))

    def cell_prepare() -> Any:
        p = plan("adopted")
        for table in p.budget_tables.all():
            columns = [c for c in table.columns.filter(occasion__key="delar") if not c.is_computed]
            column = columns[0] if columns else None
            row = table.rows.filter(kind="item").order_by("position").first()
            if column is not None and row is not None:
                BudgetCell.objects.filter(row=row, column=column).delete()
                return row, column
        raise RuntimeError("no budget follow-up column")

    def cell_save(state: Any, i: int) -> Any:
        row, column = state
        do_set_budget_cell(row, column, Decimal(i), acting_user=None, seen=Seen(None))
        return str(Decimal(i))

    def control_prepare() -> Any:
        p = plan("adopted")
        risk = Risk.objects.for_plan(p).order_by("pk").first()
        occasion = p.occasions.get(key="delar")
        current = RiskFollowUp.objects.filter(risk=risk, occasion=occasion).first()
        return risk, occasion, version_of(current.result if current else "")

    def control_save(state: Any, i: int) -> Any:
        risk, occasion, version = state
        result = f"Kontrollerat i tråd {i}"
        do_record_control_result(risk, occasion, result=result, acting_user=None, expect=version)
        return result

    def activity_prepare() -> Any:
        p = plan("adopted")
        activity = do_save_activity(p, None, {"title": "Samtidig aktivitet"}, acting_user=None)
        return activity, p.occasions.get(key="delar"), version_of(None, None, "")

    def activity_save(state: Any, i: int) -> Any:
        activity, occasion, version = state
        comment = f"Aktivitet rapporterad i tråd {i}"
        do_report_activity(activity, occasion, status=None, percent_complete=i, comment=comment,
                           acting_user=None, expect=version)  # fmt: skip
        return comment

    def text_prepare() -> Any:
        p = plan("draft")
        chapter = PlanText.objects.of_plan().filter(plan=p).order_by("pk").first()
        return p, chapter.key, fingerprint(chapter.text)  # type: ignore[union-attr]

    def text_save(state: Any, i: int) -> Any:
        p, key, based_on = state
        text = f"Text från tråd {i}"
        do_update_plan_text(p, key, text, based_on=based_on, acting_user=None)
        return text

    return {
        "assignment": (assignment_prepare, assignment_save,
                       lambda s: Assignment.objects.get(pk=s[0].pk).text),
        "follow_up": (follow_up_prepare, follow_up_save,
                      lambda s: AssignmentFollowUp.objects.get(assignment=s[0],
                                                               occasion=s[1]).comment),
        "goal_assessment": (goal_prepare, goal_save,
                            lambda s: GoalFollowUp.objects.get(goal=s[0],
                                                               occasion=s[1]).analysis),
        "api_goal_assessment": (api_prepare, api_save,
                                lambda s: GoalFollowUp.objects.get(goal=s[0],
                                                                   occasion=s[1]).analysis),
        "indicator_value": (value_prepare, value_save,
                            lambda s: format(IndicatorValue.objects.get(
                                indicator=s[1], year=s[0].year, kind=ValueKind.FORECAST
                            ).value.normalize(), "f")),
        "metric_value": (metric_prepare, metric_save,
                         lambda s: format(MetricValue.objects.get(
                             metric=s[1], year=s[0].year, kind=ValueKind.FORECAST
                         ).value.normalize(), "f")),  # type: ignore[union-attr]
        "budget_cell": (cell_prepare, cell_save,
                        lambda s: format(BudgetCell.objects.get(row=s[0],
                                                             column=s[1]).amount.normalize(), "f")),
        "control_result": (control_prepare, control_save,
                           lambda s: RiskFollowUp.objects.get(risk=s[0], occasion=s[1]).result),
        "activity_report": (activity_prepare, activity_save,
                            lambda s: ActivityFollowUp.objects.get(activity=s[0],
                                                                   occasion=s[1]).comment),
        "plan_text": (text_prepare, text_save,
                      lambda s: PlanText.objects.of_plan().get(plan=s[0], key=s[1]).text),
    }  # fmt: skip


def run(kind: str, threads: int) -> dict[str, Any]:
    from django.db import connection

    from styr.core.conflicts import StaleRecord, StaleValue
    from styr.plans.actions import EditConflict

    prepare, save, stored = _kinds()[kind]
    state = prepare()
    start = threading.Barrier(threads)
    lock = threading.Lock()
    result: dict[str, Any] = {"kind": kind, "saved": 0, "stale": 0, "errors": [], "winners": []}

    def worker(i: int) -> None:
        try:
            start.wait()
            value = save(state, i)
            with lock:
                result["saved"] += 1
                result["winners"].append(value)
        except (StaleRecord, StaleValue, EditConflict):
            with lock:
                result["stale"] += 1
        except Exception as exc:  # every other outcome is what the test counts as a failure
            with lock:
                result["errors"].append(f"{type(exc).__name__}: {exc}"[:300])
        finally:
            connection.close()

    workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    result["stored"] = stored(state)
    return result


if __name__ == "__main__":
    _setup()
    print(json.dumps(run(sys.argv[1], int(sys.argv[2])), ensure_ascii=False))
