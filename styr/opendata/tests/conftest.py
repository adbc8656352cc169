"""Open data's fixtures: the portal's (the Kommunstyrelsen plan adopted, its interim report's
follow-up written with internal analyses and comments, then adopted), and readers of files."""

import csv
import io
import json
from typing import Any

from django.test import Client

from styr.portal.tests.conftest import followed_up, reported

__all__ = ["followed_up", "reported"]

PLAN = "/oppen/data/marks/KS/2024/"
PLAN_DATASETS = ("mal", "uppdrag", "budget", "indikatorvarden")


def fetch(client: Client, path: str) -> tuple[int, bytes]:
    response = client.get(path, secure=True)
    return response.status_code, response.content


def read_csv(content: bytes, delimiter: str = ",") -> list[dict[str, str]]:
    """A CSV file as a spreadsheet or a program reads it: the BOM dropped, the first line the
    headers."""
    text = content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def headers(content: bytes, delimiter: str = ",") -> list[str]:
    text = content.decode("utf-8-sig")
    return next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def read_json(content: bytes) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(content.decode("utf-8"))
    return document
