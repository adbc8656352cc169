"""`styr plan` runs the workflow from the command line with the web's rules and audit."""

from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from styr.audit.models import AuditEntry
from styr.plans.models import Plan, PlanState

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("plan", *args, stdout=out)
    return out.getvalue()


def test_it_adopts_with_date_and_paragraph_as_the_named_user(ks_plan: Plan, editor: User) -> None:
    out = _run(
        "adopt", "--body", "KS", "--year", "2024", "--date", "2023-11-20",
        "--paragraph", "§ 123", "--as", "ks.redaktor",
    )  # fmt: skip

    assert out.strip() == "KS Nämndplan 2024: utkast → fastställd (2023-11-20, § 123)"
    ks_plan.refresh_from_db()
    assert (ks_plan.state, ks_plan.adopted_on, ks_plan.adopted_minute) == (
        PlanState.ADOPTED, date(2023, 11, 20), "§ 123",
    )  # fmt: skip
    entry = AuditEntry.objects.get(action="plan_adopt")
    assert entry.actor == editor
    assert entry.changes["state"] == ["draft", "adopted"]


def test_adoption_needs_a_date_and_a_paragraph(ks_plan: Plan) -> None:
    with pytest.raises(CommandError, match="Ange beslutsdatum och protokollsparagraf"):
        _run("adopt", "--body", "KS", "--year", "2024", "--date", "2023-11-20")
    ks_plan.refresh_from_db()
    assert ks_plan.state == PlanState.DRAFT


def test_a_step_the_state_does_not_allow_is_refused(ks_plan: Plan) -> None:
    with pytest.raises(CommandError, match="utkast; det steget går inte härifrån"):
        _run("lock", "--body", "KS", "--year", "2024")


def test_it_submits_reopens_and_locks(ks_plan: Plan) -> None:
    assert "utkast → inlämnad" in _run("submit", "--body", "KS", "--year", "2024")
    assert "inlämnad → utkast" in _run("reopen", "--body", "KS", "--year", "2024")
    _run("adopt", "--body", "ks", "--year", "2024", "--date", "2023-11-20", "--paragraph", "§ 1")
    with pytest.raises(CommandError, match="inte fastställda än: Delårsrapport 2024, Årsrapport"):
        _run("lock", "--body", "KS", "--year", "2024")
    for n, key in enumerate(["delar", "arsrapport"], start=2):
        assert "utkast → fastställd" in _run(
            "adopt", "--body", "KS", "--year", "2024", "--occasion", key,
            "--date", f"2025-0{n}-10", "--paragraph", f"§ {n}",
        )  # fmt: skip
    assert "fastställd → låst" in _run("lock", "--body", "KS", "--year", "2024")
    assert AuditEntry.objects.filter(action="plan_lock", actor=None).exists()


def test_it_names_an_unknown_user_body_or_year(ks_plan: Plan) -> None:
    with pytest.raises(CommandError, match="ingen aktiv användare heter 'nobody'"):
        _run("submit", "--body", "KS", "--year", "2024", "--as", "nobody")
    with pytest.raises(CommandError, match="ingen kommun har ett organ med koden ”XX”"):
        _run("submit", "--body", "XX", "--year", "2024")
    with pytest.raises(CommandError, match="har ingen plan för 1999"):
        _run("submit", "--body", "KS", "--year", "1999")
    with pytest.raises(CommandError, match="--date och --paragraph används bara med adopt"):
        _run("submit", "--body", "KS", "--year", "2024", "--paragraph", "§ 2")
    ks_plan.refresh_from_db()
    assert ks_plan.state == PlanState.DRAFT
