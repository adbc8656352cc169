"""A `public:` or `internal:` that is neither yes nor no is refused with file, line and field,
and nothing of the files is written."""

from pathlib import Path

import pytest

from styr.assignments.models import Assignment, AssignmentFollowUp
from styr.audit.models import AuditEntry
from styr.indicators.models import Indicator
from styr.planfiles.actions import do_import_plan_files
from styr.planfiles.nodes import PlanFileError
from styr.planfiles.tests.helpers import export_files
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def _state() -> tuple[object, ...]:
    return (
        list(Indicator.objects.order_by("pk").values_list("pk", "public", "name")),
        list(Assignment.objects.order_by("pk").values_list("pk", "public", "text")),
        list(AssignmentFollowUp.objects.order_by("pk").values_list("pk", "internal", "comment")),
        AuditEntry.objects.count(),
    )


def _insert_after(path: Path, anchor: str, line: str) -> int:
    """Put `line` after the line that starts with `anchor`; return its 1-based number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, text in enumerate(lines) if text.startswith(anchor)) + 1
    lines.insert(at, line)
    # A change elsewhere too, to show that none of the file is applied.
    path.write_text("\n".join(lines).replace("Nämndplan 2024", "Nämndplan 2024 (ny)", 1),
                    encoding="utf-8")  # fmt: skip
    return at + 1


def _refused(files: list[Path]) -> PlanFileError:
    before = _state()
    with pytest.raises(PlanFileError) as caught:
        do_import_plan_files(files, acting_user=None)
    assert _state() == before
    return caught.value


def test_it_names_an_indicators_public_that_is_not_yes_or_no(ks_plan: Plan, tmp_path: Path) -> None:
    files = list(export_files(ks_plan, tmp_path))
    line = _insert_after(files[1], "    polarity: higher_is_better", "    public: kanske")
    error = _refused(files)
    assert str(error) == (
        f"ks-2024.yaml:{line}: goals[0].indicators[0].public: ”kanske” är varken ja eller nej "
        "(skriv true eller false)"
    )


def test_it_names_a_follow_ups_internal_that_is_not_yes_or_no(
    ks_plan: Plan, tmp_path: Path
) -> None:
    files = list(export_files(ks_plan, tmp_path))
    line = _insert_after(files[1], "      comment: Under 2021", "      internal: 2")
    error = _refused(files)
    assert error.file == "ks-2024.yaml" and error.line == line
    assert error.path == "assignments[0].follow_up.plan.internal"
    assert "”2” är varken ja eller nej" in error.message
