"""Audit entries read in Swedish: every action the code records has a name."""

import re
from pathlib import Path

from styr.audit.labels import ACTIONS, Change, action_label, describe
from styr.plans.actions import TRANSITIONS

SOURCE = Path(__file__).parents[2]
# The first argument of record(…): a literal, or literals chosen by a condition.
FIRST_ARGUMENT = re.compile(r"\brecord\(\s*(.*?),\s*acting_user", re.S)


def _recorded_actions() -> set[str]:
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for argument in FIRST_ARGUMENT.findall(path.read_text(encoding="utf-8")):
            found |= set(re.findall(r'(?<!f)"([a-z_]+)"', argument))
    return found | {f"plan_{step}" for step in TRANSITIONS}


def test_it_names_every_action_the_code_records() -> None:
    recorded = _recorded_actions()
    assert {"assignment_created", "assignment_changed", "plan_adopt"} <= recorded
    assert recorded <= set(ACTIONS), sorted(recorded - set(ACTIONS))


def test_it_reads_old_and_new_values_in_swedish() -> None:
    rows = describe({"state": ["draft", "adopted"], "comment": [None, "Klart."], "row": "Intäkter"})
    assert rows == [
        Change("status", "utkast", "fastställd", True),
        Change("kommentar", "–", "Klart.", True),
        Change("rad", None, "Intäkter", False),
    ]
    assert action_label("plan_adopt") == "Plan fastställd"
    # An action from a newer version than this list still reads as words, not as a code.
    assert action_label("budget_row_moved") == "Budget row moved"
