"""Loading the demo: the Marks sample plan, the fictitious Styrby kommun, the demo accounts."""

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from styr.access.actions import do_assign_reporters, do_grant_role
from styr.access.models import Role
from styr.audit.actions import record
from styr.core.models import ReportedItem
from styr.demo.styrby import prepare_styrby, styrby_files
from styr.indicators.kolada import do_take_kolada_outcomes
from styr.internal_control.models import Risk
from styr.kolada.actions import load_shipped_kolada
from styr.kolada.models import KoladaValue
from styr.organisation.models import Body, Municipality
from styr.planfiles.actions import ImportResult, do_import_plan_files
from styr.plans.models import Plan

DATA_DIR = Path(__file__).parent / "data"
DEMO_PASSWORD = "demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    description: str
    role: Role | None  # None: the superuser
    body_code: str | None = None
    municipality: str = "marks"


DEMO_ACCOUNTS = [
    DemoAccount("admin", "administratör (Django-admin)", None),
    DemoAccount("ks.redaktor", "redaktör för Kommunstyrelsen", Role.EDITOR, "KS"),
    DemoAccount("kfn.redaktor", "redaktör för Kultur- och fritidsnämnden", Role.EDITOR, "KFN"),
    DemoAccount("ks.rapportor", "rapportör för Kommunstyrelsen", Role.REPORTER, "KS"),
    DemoAccount("politiker", "läsare av Kommunstyrelsen", Role.READER, "KS"),
    DemoAccount("revisor", "revisor, läser allt", Role.AUDITOR),
    DemoAccount("kommunadmin", "administratör för Marks kommun: referensdata", Role.ADMINISTRATOR),
    DemoAccount(
        "bun.redaktor",
        "redaktör för Barn- och utbildningsnämnden i Styrby kommun (fiktiv)",
        Role.EDITOR,
        "BUN",
        "styrby",
    ),
]


def demo_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yaml")) + styrby_files()


def do_load_demo(*, acting_user: AbstractBaseUser | AnonymousUser | None) -> ImportResult:
    """Load the Marks sample plan and the demo accounts. Running it again changes nothing."""
    with transaction.atomic():
        # The demo restores its own data: what was added to it since is removed.
        result = do_import_plan_files(demo_files(), acting_user=acting_user, prune=True)
        prepare_styrby(acting_user)
        municipality = Municipality.objects.get(key="marks")
        user_model = get_user_model()
        for account in DEMO_ACCOUNTS:
            user = user_model.objects.filter(username=account.username).first()
            if user is None:
                user = user_model.objects.create_user(
                    username=account.username,
                    password=DEMO_PASSWORD,
                    is_staff=account.role is None,
                    is_superuser=account.role is None,
                )
                record("demo_account_created", acting_user=acting_user, obj=user)
            if account.role is None:
                continue
            home = Municipality.objects.get(key=account.municipality)
            body = (
                Body.objects.get(municipality=home, code=account.body_code)
                if account.body_code
                else None
            )
            do_grant_role(user, account.role, municipality=home, body=body, acting_user=acting_user)
        _give_reporter_items(municipality, acting_user=acting_user)
        _take_kolada_outcomes(municipality, acting_user=acting_user)
    return result


def _take_kolada_outcomes(
    municipality: Municipality, *, acting_user: AbstractBaseUser | AnonymousUser | None
) -> None:
    """Real Kolada values for the indicators linked to a KPI, and comparison series."""
    if not KoladaValue.objects.filter(area_id=municipality.kolada_id).exists():
        load_shipped_kolada(acting_user=acting_user)
    linked = Body.objects.filter(municipality=municipality, indicators__kolada_kpi__gt="")
    for body in linked.distinct():
        do_take_kolada_outcomes(body, acting_user=acting_user)


def _give_reporter_items(
    municipality: Municipality, *, acting_user: AbstractBaseUser | AnonymousUser | None
) -> None:
    """Make the demo reporter responsible for a few of KS's items, as a controller would."""
    plan = Plan.objects.filter(body__municipality=municipality, body__code="KS").first()
    reporter = get_user_model().objects.filter(username="ks.rapportor").first()
    if plan is None or reporter is None:
        return
    goals = list(plan.goals.all()[:1])
    assignments = list(plan.assignments.all()[:3])
    risks = list(Risk.objects.for_plan(plan)[:1])
    items: list[ReportedItem] = [*goals, *assignments, *risks]
    if any(item.reporter_id for item in items):
        return  # loaded before: the controller may have changed who reports since
    do_assign_reporters(plan, dict.fromkeys(items, reporter), acting_user=acting_user)
