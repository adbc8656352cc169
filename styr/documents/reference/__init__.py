"""Loading the document templates shipped as YAML into the database."""

from pathlib import Path
from typing import Any

from django.db import transaction

from styr.documents.models import DocumentTemplate
from styr.documents.templates import parse

REFERENCE_DIR = Path(__file__).parent


def sync_templates() -> None:
    """Create or update every shipped template version. Idempotent."""
    with transaction.atomic():
        for path in sorted(REFERENCE_DIR.glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            spec = parse(text, path.name)
            DocumentTemplate.objects.update_or_create(
                municipality=None,
                key=spec.key,
                version=spec.version,
                defaults={"name": spec.name, "definition": text},
            )


def sync_after_migrate(**kwargs: Any) -> None:
    sync_templates()
