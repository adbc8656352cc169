"""The sample plan's words and numbers, to measure how much of it an export or document holds.

The sample is Marks kommun's Nämndplan 2024 for Kommunstyrelsen as extracted text (the copy
in this folder). Tests of plan files and of rendered documents compare against it.
"""

import re
from collections import Counter
from pathlib import Path

SAMPLE = Path(__file__).with_name("sample-plan-ks-2024.txt")
WORD = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]+")
# Numbers as the sample prints them: 35 201, 83,6, -205,6, 2023-06-15 (as its parts).
NUMBER = re.compile(r"\d+(?:,\d+)?")
# Where the sample prints `118 116 108` it is three table cells, not one number in thousands.
JOINED = re.compile(r"\d+(?:,\d+)?(?: \d{3}\b(?:,\d+)?)*")
# The sample's numbered headings, 1 … 11.3, in order.
HEADING = re.compile(r"(?m)^\s*(\d{1,2}(?:\.\d{1,2})?)\s+([A-ZÅÄÖ].*?)\s*$")


def sample_text() -> str:
    """The sample without chapter and page numbers, which belong to the document template."""
    text = SAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^\s*\d{1,2}(?:\.\d{1,2})?\s+(?=[A-ZÅÄÖ])", "", text)
    return re.sub(r"(?m)^\s*\d+\s*$", "", text)


def sample_headings() -> list[tuple[str, str]]:
    """(number, first words) of each numbered chapter and section heading of the sample."""
    found = []
    for number, title in HEADING.findall(SAMPLE.read_text(encoding="utf-8")):
        if "." in number or int(number) <= 11:
            found.append((number, title))
    # Page numbers that run into a line (`20 KOMMUNGEMENSA…`) are not headings.
    return [(n, t) for n, t in found if not t.isupper()]


def words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in WORD.findall(text))


def numbers(text: str) -> Counter[str]:
    joined = re.sub(r"(?<=\d) (?=\d{3}\b)", "", text)  # 35 201 → 35201
    return Counter(NUMBER.findall(joined))


def word_coverage(sample: Counter[str], found: Counter[str]) -> float:
    total = sum(sample.values())
    return sum(min(n, found[token]) for token, n in sample.items()) / total


def number_coverage(text: str, found: Counter[str]) -> tuple[float, list[str]]:
    """The share of the sample's numbers that `found` holds, and the ones it lacks.

    A run like `35 201` counts as held when `found` holds 35201, or each part (35 and 201) as
    the cells of a table row.
    """
    left = Counter(found)
    held, missing = 0, []
    runs = JOINED.findall(text)
    for run in runs:
        parts = run.split(" ")
        if left["".join(parts)] > 0:
            left["".join(parts)] -= 1
            held += 1
        elif len(parts) > 1 and all(left[p] >= n for p, n in Counter(parts).items()):
            left.subtract(parts)
            held += 1
        else:
            missing.append(run)
    return held / len(runs), missing
