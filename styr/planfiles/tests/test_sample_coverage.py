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
    sample = _numbers(_sample_text())
    exported = _numbers(_exported_text(ks_plan, tmp_path))
    missing = {t: n - exported[t] for t, n in sample.items() if exported[t] < n}
    assert _coverage(sample, exported) >= 0.98, missing
