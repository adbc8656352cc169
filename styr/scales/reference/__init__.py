"""Loading the status scales shipped as YAML into the database."""

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from styr.scales.models import Scale, ScaleOption

REFERENCE_DIR = Path(__file__).parent


def sync_scales() -> None:
    """Create or update every shipped scale version. Idempotent."""
    with transaction.atomic():
        for path in sorted(REFERENCE_DIR.glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            scale, _ = Scale.objects.update_or_create(
                key=data["key"],
                version=data["version"],
                municipality=None,
                defaults={"name": data["name"]},
            )
            for position, option in enumerate(data["options"]):
                ScaleOption.objects.update_or_create(
                    scale=scale,
                    key=option["key"],
                    defaults={
                        "label": option["label"],
                        "label_en": option.get("label_en", ""),
                        "colour": option.get("colour", ""),
                        "position": position,
                    },
                )


def sync_after_migrate(**kwargs: Any) -> None:
    sync_scales()
