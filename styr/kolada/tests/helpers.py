"""Small Kolada files written by tests, in the API's shape."""

import json
from pathlib import Path
from typing import Any

KPIS = [
    {"id": "N01951", "title": "Invånare totalt, antal", "description": "", "auspice": "X",
     "municipality_type": "A", "is_divided_by_gender": 1, "operating_area": "Befolkning",
     "perspective": "Volymer", "publication_date": "2024-03-01", "prel_publication_date": None,
     "ou_publication_date": None, "has_ou_data": False},
]  # fmt: skip
AREAS = [
    {"id": "0000", "title": "Riket", "type": "L"},
    {"id": "0014", "title": "Region Västra Götaland", "type": "L"},
    {"id": "1463", "title": "Mark", "type": "K"},
]


def value(gender: str, number: Any) -> dict[str, Any]:
    return {"gender": gender, "count": 1, "status": "", "value": number, "isdeleted": False}


def record(area: str = "1463", period: Any = 2021, values: Any = None, **extra: Any) -> Any:
    return {
        "kpi": "N01951",
        "municipality": area,
        "period": period,
        "values": [value("T", 35201.0)] if values is None else values,
        **extra,
    }


def answer(records: list[Any]) -> dict[str, Any]:
    return {"values": records, "count": len(records), "next_url": None, "previous_url": None}


def write(folder: Path, name: str, content: Any) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = content if isinstance(content, str) else json.dumps(content, indent=1)
    path.write_text(text, encoding="utf-8")
    return path


def catalogue(folder: Path) -> list[Path]:
    return [
        write(folder, "kpi.json", answer(KPIS)),
        write(folder, "municipality.json", answer(AREAS)),
    ]
