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
    municipality = find_municipality(municipality_key)
    body = Body.objects.filter(municipality=municipality, code__iexact=body_code).first()
    if body is None:
        codes = ", ".join(municipality.bodies.values_list("code", flat=True))
        raise CommandError(f"{municipality} has no body {body_code!r} (bodies: {codes})")
    plan = Plan.objects.filter(body=body, year=year).select_related("body__municipality").first()
    if plan is None:
        years = ", ".join(str(y) for y in body.plans.values_list("year", flat=True)) or "none"
        raise CommandError(f"{body} has no plan for {year} (plans: {years})")
    return plan
