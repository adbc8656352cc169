"""Reading document templates: from YAML text, and the one a plan's municipality uses."""

from styr.documents.blocks import REGISTRY, schemas
from styr.documents.models import DocumentTemplate
from styr.documents.spec import TemplateSpec, parse_template
from styr.organisation.models import Municipality
from styr.planfiles.nodes import PlanFileError


class TemplateError(ValueError):
    """A template that cannot be used, with where and why."""


def parse(text: str, label: str) -> TemplateSpec:
    try:
        spec = parse_template(text, label, schemas())
    except PlanFileError as exc:
        raise TemplateError(str(exc)) from None
    for chapter in spec.chapters:
        blocks = list(chapter.content) + [b for s in chapter.sections for b in s.content]
        for block in blocks:
            check = REGISTRY[block.type].check
            if check is None:
                continue
            try:
                check(block)
            except ValueError as exc:
                raise TemplateError(f"{block.where}: {block.type}: {exc}") from None
    return spec


def template_for(municipality: Municipality, key: str) -> TemplateSpec:
    try:
        stored = DocumentTemplate.objects.current(key, municipality)
    except DocumentTemplate.DoesNotExist:
        known = sorted(
            set(
                DocumentTemplate.objects.for_municipality(municipality).values_list(
                    "key", flat=True
                )
            )
        )
        raise TemplateError(
            f"there is no document template {key!r} (known: {', '.join(known)})"
        ) from None
    return parse(stored.definition, f"{stored.key}-v{stored.version}.yaml")
