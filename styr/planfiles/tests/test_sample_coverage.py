"""The demo holds the whole sample plan: its words and its numbers."""

import re
from collections import Counter
from pathlib import Path

import pytest

from styr.planfiles.tests.helpers import FIXTURES, export_files
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db

SAMPLE = FIXTURES / "sample-plan-ks-2024.txt"
WORD = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]+")
# Numbers as the sample prints them: 35 201, 83,6, -205,6, 2023-06-15 (as its parts).
NUMBER = re.compile(r"\d+(?:,\d+)?")


def _words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in WORD.findall(text))


def _sample_text() -> str:
    text = SAMPLE.read_text(encoding="utf-8")
    # Chapter numbers (1.1 … 11.3) and page numbers belong to the document template, not to
    # the plan's data.
    text = re.sub(r"(?m)^\s*\d{1,2}(?:\.\d{1,2})?\s+(?=[A-ZÅÄÖ])", "", text)
    return re.sub(r"(?m)^\s*\d+\s*$", "", text)


def _numbers(text: str) -> Counter[str]:
    joined = re.sub(r"(?<=\d) (?=\d{3}\b)", "", text)  # 35 201 → 35201
    return Counter(NUMBER.findall(joined))


# Where the sample prints `118 116 108` it is three table cells, not one number in thousands.
JOINED = re.compile(r"\d+(?:,\d+)?(?: \d{3}\b(?:,\d+)?)*")


def _number_coverage(sample_text: str, exported: Counter[str]) -> tuple[float, list[str]]:
    """The share of the sample's numbers the files hold, and the ones they lack.

    A run like `35 201` counts as held when the files hold 35201, or when they hold each part
    (35 and 201) as the cells of a table row.
    """
    left = Counter(exported)
    found, missing = 0, []
    runs = JOINED.findall(sample_text)
    for run in runs:
        parts = run.split(" ")
        if left["".join(parts)] > 0:
            left["".join(parts)] -= 1
            found += 1
        elif len(parts) > 1 and all(left[p] >= n for p, n in Counter(parts).items()):
            left.subtract(parts)
            found += 1
        else:
            missing.append(run)
    return found / len(runs), missing


def _exported_text(plan: Plan, folder: Path) -> str:
    texts = []
    for path in export_files(plan, folder):
        raw = path.read_text(encoding="utf-8")
        # The files write numbers the YAML way (83.6); compare them the Swedish way (83,6).
        texts.append(re.sub(r"(?<=\d)\.(?=\d)", ",", raw))
    return "\n".join(texts)


def _coverage(sample: Counter[str], exported: Counter[str]) -> float:
    total = sum(sample.values())
    found = sum(min(n, exported[token]) for token, n in sample.items())
    return found / total


def test_it_holds_the_samples_words(ks_plan: Plan, tmp_path: Path) -> None:
    sample = _words(_sample_text())
    exported = _words(_exported_text(ks_plan, tmp_path))
    assert _coverage(sample, exported) >= 0.97


def test_it_holds_the_samples_numbers(ks_plan: Plan, tmp_path: Path) -> None:
    exported = _numbers(_exported_text(ks_plan, tmp_path))
    coverage, missing = _number_coverage(_sample_text(), exported)
    assert coverage >= 0.98, missing
