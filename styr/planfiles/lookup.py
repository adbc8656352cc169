"""Finding a plan from command-line arguments, with a one-line error when there is none."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from styr.organisation.models import Body, Municipality
from styr.planfiles.nodes import quoted
from styr.plans.models import Plan


def find_municipality(key: str | None) -> Municipality:
    if key:
        municipality = Municipality.objects.filter(key=key).first()
        if municipality is None:
            raise CommandError(_("ingen kommun har nyckeln %(key)s") % {"key": quoted(key)})
        return municipality
    municipalities = list(Municipality.objects.all()[:2])
    if not municipalities:
        raise CommandError(
            _(
                "databasen har ingen kommun än (kör `styr demo` eller läs in en kommunfil med "
                "`styr import`)"
            )
        )
    if len(municipalities) > 1:
        raise CommandError(_("databasen har flera kommuner: ange en med --municipality"))
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
                # Translators: %(count)s is always 2 or more.
                _(
                    "%(count)s kommuner har en plan för %(body)s %(year)s (%(keys)s): ange en med "
                    "--municipality"
                )
                % {"count": len(plans), "body": body_code, "year": year, "keys": keys}
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
            raise CommandError(
                _("ingen kommun har ett organ med koden %(code)s (organen: %(known)s)")
                % {"code": quoted(body_code), "known": known}
            )
        keys = ", ".join(sorted(b.municipality.key for b in bodies))
        raise CommandError(
            _(
                "ingen kommun har en plan för %(body)s %(year)s (kommuner med organet: %(keys)s); "
                "ange en med --municipality för att se vilka år den har planer för"
            )
            % {"body": body_code, "year": year, "keys": keys}
        )
    municipality = find_municipality(municipality_key)
    body = Body.objects.filter(municipality=municipality, code__iexact=body_code).first()
    if body is None:
        codes = ", ".join(municipality.bodies.values_list("code", flat=True))
        raise CommandError(
            _("%(municipality)s har inget organ med koden %(code)s (organen: %(known)s)")
            % {"municipality": municipality, "code": quoted(body_code), "known": codes}
        )
    return _plan_of(body, year)


def _plan_of(body: Body, year: int) -> Plan:
    plan = Plan.objects.filter(body=body, year=year).select_related("body__municipality").first()
    if plan is None:
        years = ", ".join(str(y) for y in body.plans.values_list("year", flat=True)) or _("inga")
        raise CommandError(
            _("%(body)s har ingen plan för %(year)s (planer finns för: %(years)s)")
            % {"body": body, "year": year, "years": years}
        )
    return plan
