"""The demo holds the whole sample plan: its words and its numbers."""

import re
from pathlib import Path

import pytest

from styr.planfiles.tests.helpers import export_files
from styr.plans.models import Plan
from styr.testing.sample import number_coverage, numbers, sample_text, word_coverage, words

pytestmark = pytest.mark.django_db


def _exported_text(plan: Plan, folder: Path) -> str:
    texts = []
    for path in export_files(plan, folder):
        raw = path.read_text(encoding="utf-8")
        # The files write numbers the YAML way (83.6); compare them the Swedish way (83,6).
        texts.append(re.sub(r"(?<=\d)\.(?=\d)", ",", raw))
    return "\n".join(texts)


def test_it_holds_the_samples_words(ks_plan: Plan, tmp_path: Path) -> None:
    exported = words(_exported_text(ks_plan, tmp_path))
    assert word_coverage(words(sample_text()), exported) >= 0.97


def test_it_holds_the_samples_numbers(ks_plan: Plan, tmp_path: Path) -> None:
    coverage, missing = number_coverage(sample_text(), numbers(_exported_text(ks_plan, tmp_path)))
    assert coverage >= 0.98, missing
