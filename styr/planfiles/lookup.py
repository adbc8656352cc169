"""Finding a plan from command-line arguments, with a one-line error when there is none."""

from django.core.management.base import CommandError

from styr.organisation.models import Body, Municipality
from styr.plans.models import Plan


def find_municipality(key: str | None) -> Municipality:
    if key:
        municipality = Municipality.objects.filter(key=key).first()
        if municipality is None:
            raise CommandError(f"no municipality has the key {key!r}")
        return municipality
    municipalities = list(Municipality.objects.all()[:2])
    if not municipalities:
        raise CommandError("the database holds no municipality yet (run `styr demo` or import one)")
    if len(municipalities) > 1:
        raise CommandError(
            "the database holds several municipalities: name one with --municipality"
        )
    return municipalities[0]


def find_plan(body_code: str, year: int, municipality_key: str | None = None) -> Plan:
    """The plan of a body and year. Without --municipality, a body code and year that only
    one municipality has a plan for names it; otherwise the municipality must be named."""
    if not municipality_key and Municipality.objects.count() > 1:
        plans = list(
            Plan.objects.filter(body__code__iexact=body_code, year=year).select_related(
                "body__municipality"
            )[:10]
        )
        if len(plans) == 1:
            return plans[0]
        if plans:
            keys = ", ".join(sorted(p.body.municipality.key for p in plans))
            raise CommandError(
                f"{len(plans)} municipalities have a plan for {body_code} {year} ({keys}): "
                "name one with --municipality"
            )
        bodies = list(
            Body.objects.filter(code__iexact=body_code).select_related("municipality")[:10]
        )
        if len(bodies) == 1:
            return _plan_of(bodies[0], year)
        if not bodies:
            known = "; ".join(
                f"{m.key}: {', '.join(m.bodies.values_list('code', flat=True))}"
                for m in Municipality.objects.all()[:10]
            )
            raise CommandError(f"no municipality has a body {body_code!r} (bodies: {known})")
        keys = ", ".join(sorted(b.municipality.key for b in bodies))
        raise CommandError(
            f"no municipality has a plan for {body_code} {year} (municipalities with the body: "
            f"{keys}); name one with --municipality to see its years"
        )
    municipality = find_municipality(municipality_key)
    body = Body.objects.filter(municipality=municipality, code__iexact=body_code).first()
    if body is None:
        codes = ", ".join(municipality.bodies.values_list("code", flat=True))
        raise CommandError(f"{municipality} has no body {body_code!r} (bodies: {codes})")
    return _plan_of(body, year)


def _plan_of(body: Body, year: int) -> Plan:
    plan = Plan.objects.filter(body=body, year=year).select_related("body__municipality").first()
    if plan is None:
        years = ", ".join(str(y) for y in body.plans.values_list("year", flat=True)) or "none"
        raise CommandError(f"{body} has no plan for {year} (plans: {years})")
    return plan
