"""Loading the risk matrices shipped as YAML into the database."""

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from styr.internal_control.models import Axis, RiskLevel, RiskMatrix

REFERENCE_DIR = Path(__file__).parent


def sync_risk_matrices() -> None:
    """Create or update every shipped matrix version. Idempotent."""
    with transaction.atomic():
        for path in sorted(REFERENCE_DIR.glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            matrix, _ = RiskMatrix.objects.update_or_create(
                key=data["key"],
                version=data["version"],
                municipality=None,
                defaults={"name": data["name"], "plan_threshold": data["plan_threshold"]},
            )
            for axis in Axis:
                for level in data[axis.value]:
                    RiskLevel.objects.update_or_create(
                        matrix=matrix,
                        axis=axis.value,
                        value=level["value"],
                        defaults={
                            "label": level["label"],
                            "label_en": level.get("label_en", ""),
                            "description": level.get("description", ""),
                            "colour": level.get("colour", ""),
                        },
                    )


def sync_after_migrate(**kwargs: Any) -> None:
    sync_risk_matrices()
