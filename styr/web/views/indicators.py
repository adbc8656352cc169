"""An indicator in a plan: its trend, its values by year, and entering them."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.access.permissions import access_indicator, access_plan, can_edit, report_scope
from styr.audit.models import AuditEntry
from styr.core.conflicts import Seen, StaleRecord, StaleValue, seen_text
from styr.core.formatting import format_number
from styr.indicators.actions import do_change_indicator, do_set_indicator_value
from styr.indicators.assessment import Value, assess_indicator, assessable_years, target_value
from styr.indicators.kolada import do_accept_kolada_outcome, do_take_kolada_outcomes
from styr.indicators.models import Comparator, Indicator, IndicatorValue, ValueKind
from styr.indicators.targets import parse_relative, target_text
from styr.indicators.vocabulary import vocabulary
from styr.kolada.models import Kpi
from styr.planfiles.nodes import parse_number
from styr.plans.actions import PlanLocked
from styr.plans.models import Plan, PlanState
from styr.web.chart import trend_chart
from styr.web.forms import CONFLICT, IndicatorSettingsForm
from styr.web.kolada_panel import kolada_panel


def _table(values: list[IndicatorValue], decimals: int) -> list[dict[str, object]]:
    years = sorted({v.year for v in values})
    rows = []
    for year in years:
        cells = {}
        for kind in ValueKind:
            value = next((v for v in values if v.year == year and v.kind == kind), None)
            text = format_number(value.value, None) if value else ""
            if value is not None and value.reference_year is not None:
                text = target_text(value.comparator, value.value, value.reference_year)
            elif value is not None and value.comparator:
                text = f"{value.comparator} {text}"
            cells[kind.value] = text
        rows.append({"year": year, **cells})
    return rows


def _as_plotted(values: list[IndicatorValue]) -> list[IndicatorValue | Value]:
    """The values as the chart draws them: a relative target at the number it stands for
    (the reference year's outcome plus the change), or not at all without that outcome."""
    plotted: list[IndicatorValue | Value] = []
    for value in values:
        if value.kind == ValueKind.TARGET and value.reference_year is not None:
            goal = target_value(value, values)
            if goal is not None:
                plotted.append(Value(value.year, value.kind, goal, value.comparator))
            continue
        plotted.append(value)
    return plotted


@login_required
def indicator_page(
    request: HttpRequest,
    plan_id: int,
    indicator_id: int,
    settings: "tuple[IndicatorSettingsForm, str, int] | None" = None,
) -> HttpResponse:
    """The page; `settings` is a refused settings form to show again (form, error, status)."""
    # Reporters enter outcomes too; targets are checked against the editor role in _save.
    posting_value = request.method == "POST" and settings is None
    plan = access_plan(request.user, plan_id, report=posting_value)
    indicator = access_indicator(request.user, indicator_id)
    if indicator.body_id != plan.body_id:
        raise Http404(_("Indikatorn hör inte till planens organ."))
    reportable = report_scope(request.user, plan.body).covers_indicator(plan, indicator)
    if posting_value and not reportable:
        raise PermissionDenied(_("Du rapporterar bara utfall för indikatorer som tilldelats dig."))
    error, code, saved = "", 200, ""
    if posting_value:
        error, code = _save(request, plan, indicator)
        if not error:
            saved = _saved(request)
    values = list(indicator.values.all())
    tolerance = plan.body.municipality.target_tolerance
    # The latest year with a result and a target, as on the plan page.
    year = max((y for y in assessable_years(values) if y <= plan.year), default=plan.year)
    status = assess_indicator(indicator, values, year, tolerance)
    kolada = kolada_panel(indicator, plan.body.municipality, values)
    rows = _table(values, indicator.decimals)
    for row in rows:
        row["from_kolada"] = kolada is not None and row["year"] in kolada.kolada_years
    context = {
        "plan": plan,
        "indicator": indicator,
        "chart": trend_chart(
            _as_plotted(values),
            indicator.decimals,
            kolada.comparisons if kolada is not None else None,
        ),  # fmt: skip
        "rows": rows,
        "kolada": kolada,
        "kinds": ValueKind.choices,
        "comparators": [c for c in Comparator.choices if c[0]],
        "status": status,
        "status_year": year,
        "words": vocabulary(plan.body.municipality_id),
        # Outcomes and forecasts are entered until the plan is locked; targets only while it
        # is not yet adopted, and only by its editors.
        "editable": reportable and plan.state != PlanState.LOCKED,
        "kinds_open": [
            (k, label)
            for k, label in ValueKind.choices
            if k != ValueKind.TARGET or (can_edit(request.user, plan.body) and not plan.is_frozen)
        ],
        "error": error,
        # Said aloud by screen readers (role=status): the save went through.
        "saved": saved,
        # What was typed stays in the form when the save is refused.
        "posted": request.POST if error else {},
        "settings": settings[0]
        if settings
        else IndicatorSettingsForm(instance=indicator, initial=_chosen_kpi(request))
        if can_edit(request.user, plan.body) and not plan.is_frozen
        else None,
        **_kpi_search(request),
        "settings_error": settings[1] if settings else "",
        "seen": ";".join(f"{v.year}|{v.kind}|{seen_text(v.value)}" for v in values),
        "years": list(range(plan.year - 4, plan.year + 3)),
        "history": AuditEntry.objects.for_object(indicator)
        .select_related("actor")
        .order_by("-at", "-pk")[:20],
    }
    return render(request, "web/indicator.html", context, status=settings[2] if settings else code)


@login_required
@require_POST
def change_indicator(request: HttpRequest, plan_id: int, indicator_id: int) -> HttpResponse:
    """Change what the indicator is (editors, while the plan is not adopted)."""
    plan = access_plan(request.user, plan_id, write=True)
    indicator = access_indicator(request.user, indicator_id)
    if indicator.body_id != plan.body_id:
        raise Http404(_("Indikatorn hör inte till planens organ."))
    form = IndicatorSettingsForm(request.POST, instance=indicator)
    url = reverse("web:indicator", args=[plan.pk, indicator.pk])
    if not form.is_valid():
        return indicator_page(request, plan_id, indicator_id, settings=(form, "", 400))
    try:
        do_change_indicator(
            indicator, form.cleaned_data, plan=plan, acting_user=request.user,
            expect=form.expectation(),
        )  # fmt: skip
    except StaleRecord as stale:
        form.rebase(stale.current)
        return indicator_page(request, plan_id, indicator_id, settings=(form, str(CONFLICT), 409))
    except PlanLocked as exc:
        return indicator_page(request, plan_id, indicator_id, settings=(form, str(exc), 403))
    messages.success(request, _("Indikatorn är sparad."))
    return redirect(url)


@login_required
@require_POST
def take_from_kolada(request: HttpRequest, plan_id: int, indicator_id: int) -> HttpResponse:
    """Take Kolada's outcomes for the indicator: all years, or Kolada's number for one year
    where a typed value differs."""
    plan = access_plan(request.user, plan_id, report=True)
    indicator = access_indicator(request.user, indicator_id)
    if indicator.body_id != plan.body_id or not indicator.kolada_kpi:
        raise Http404(_("Indikatorn är inte kopplad till Kolada i planens organ."))
    if not report_scope(request.user, plan.body).covers_indicator(plan, indicator):
        raise PermissionDenied(_("Du rapporterar bara utfall för indikatorer som tilldelats dig."))
    url = reverse("web:indicator", args=[plan.pk, indicator.pk])
    try:
        if request.POST.get("year"):
            year = int(request.POST["year"])
            do_accept_kolada_outcome(indicator, plan=plan, year=year, acting_user=request.user)
            messages.success(request, _("Utfallet %(year)s är nu Koladas värde.") % {"year": year})
        else:
            report = do_take_kolada_outcomes(
                plan.body, measures=[indicator], acting_user=request.user
            )
            counts = {
                "added": report.added,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "differing": len(report.conflicts),
                "held": len(report.held),
            }
            if report.held:
                taken = _(
                    "Från Kolada: %(added)s nya och %(updated)s ändrade utfall, %(unchanged)s "
                    "oförändrade, %(differing)s skiljer sig från inskrivna värden (de står "
                    "kvar); %(held)s beslutade år där Kolada nu anger annat behåller sina värden."
                )
            else:
                taken = _(
                    "Från Kolada: %(added)s nya och %(updated)s ändrade utfall, %(unchanged)s "
                    "oförändrade, %(differing)s skiljer sig från inskrivna värden (de står kvar)."
                )
            messages.success(request, taken % counts)
    except (ValueError, PlanLocked) as exc:
        messages.error(request, str(exc))
    return redirect(url)


def _seen(request: HttpRequest, year: int, kind: str) -> Seen | None:
    """The value of (year, kind) as the page showed it; None when the form did not say."""
    text = request.POST.get("seen")
    if text is None:
        return None
    for item in text.split(";"):
        seen_year, _bar, rest = item.partition("|")
        seen_kind, _bar, number = rest.partition("|")
        if seen_year == str(year) and seen_kind == kind:
            try:
                return Seen(parse_number(number))
            except ValueError:
                return None
    return Seen(None)


KPI_RESULTS = 25


def _kpi_search(request: HttpRequest) -> dict[str, Any]:
    """Kolada's KPIs matching `kpi_sok` (id or words of the name), to link the indicator."""
    text = request.GET.get("kpi_sok", "").strip()[:100]
    if not text:
        return {"kpi_query": ""}
    found = Kpi.objects.search(text, KPI_RESULTS + 1)
    return {"kpi_query": text, "kpi_results": found[:KPI_RESULTS],
            "kpi_more": len(found) > KPI_RESULTS}  # fmt: skip


def _chosen_kpi(request: HttpRequest) -> dict[str, str]:
    """A KPI chosen from the search: filled in, saved only when the editor saves the form."""
    chosen = request.GET.get("kpi", "")
    return {"kolada_kpi": chosen} if chosen and Kpi.objects.filter(id=chosen).exists() else {}


def _saved(request: HttpRequest) -> str:
    """What a successful save did, in words: "Utfall 2024 är sparat: 101"."""
    what = {"kind": ValueKind(request.POST["kind"]).label, "year": request.POST["year"]}
    raw = request.POST.get("value", "").strip()
    if not raw:
        # Translators: e.g. "Utfall 2024 är borttaget." (%(kind)s: outcome, forecast, target …)
        return _("%(kind)s %(year)s är borttaget.") % what
    comparator = request.POST.get("comparator", "")
    value = f"{comparator} {raw[:40]}" if comparator else raw[:40]
    # Translators: e.g. "Utfall 2024 är sparat: 101."
    return _("%(kind)s %(year)s är sparat: %(value)s.") % {**what, "value": value}


def _save(request: HttpRequest, plan: Plan, indicator: Indicator) -> tuple[str, int]:
    """Save the posted value; return an error message naming the field (or "") and a status."""
    error = _try_save(request, plan, indicator)
    if isinstance(error, StaleValue):
        now = format_number(error.current, None) if error.current is not None else _("inget värde")
        message = _(
            "Någon annan har ändrat värdet till %(now)s medan du skrev. Det du skrev står kvar "
            "nedan; spara igen för att ersätta det."
        ) % {"now": now}
        return message, 409
    return error, 400 if error else 200


def _try_save(request: HttpRequest, plan: Plan, indicator: Indicator) -> str | StaleValue:
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        return _("År: ange ett årtal.")
    if not plan.year - 4 <= year <= plan.year + 2:
        return _("År: välj ett år mellan %(first)s och %(last)s.") % {
            "first": plan.year - 4,
            "last": plan.year + 2,
        }
    try:
        kind = ValueKind(request.POST.get("kind", ""))
    except ValueError:
        return _("Slag: välj utfall, utfall delår, prognos eller mål.")
    raw = request.POST.get("value", "").strip()
    comparator = request.POST.get("comparator", "")
    value = None
    reference_year = None
    relative = parse_relative(raw) if kind == ValueKind.TARGET else None
    if relative is not None:
        comparator, value, reference_year = relative
    elif raw:
        try:
            value = parse_number(raw)
        except ValueError:
            if kind == ValueKind.TARGET:
                return _(
                    "Värde: ”%(raw)s” är inte ett tal (skriv t.ex. 83,6, eller för ett mål t.ex. "
                    "”ökning jämfört med %(year)s”)."
                ) % {"raw": raw[:40], "year": year - 2}
            return _("Värde: ”%(raw)s” är inte ett tal (skriv t.ex. 83,6).") % {"raw": raw[:40]}
    if kind == ValueKind.TARGET and not can_edit(request.user, plan.body):
        return _("Slag: mål sätts av planens redaktör.")
    if comparator not in Comparator.values:
        return _("Jämförelse: välj ≥, ≤, =, > eller <.")
    try:
        do_set_indicator_value(
            indicator, plan=plan, year=year, kind=kind, value=value, comparator=comparator,
            reference_year=reference_year, acting_user=request.user,
            seen=_seen(request, year, kind),
        )  # fmt: skip
    except PlanLocked as exc:
        return str(exc)
    except ValueError as exc:
        return _("Värde: %(error)s") % {"error": exc}
    except StaleValue as exc:
        return exc
    return ""
