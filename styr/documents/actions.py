"""Freezing a decided document, and writing a decided version as a file.

When a body adopts its plan or a report, every document of that occasion is built once from the
data as it then stands and stored as a version. Everything later reads the version, never the
data: an adopted document is what was decided.
"""

import hashlib
import re
from datetime import UTC, datetime
from functools import lru_cache

import yaml
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from styr.audit.actions import Actor, record
from styr.documents import frozen
from styr.documents.build import build_document
from styr.documents.context import Printed
from styr.documents.models import (
    DocumentFile,
    DocumentTemplate,
    DocumentVersion,
    Edition,
    VersionKind,
)
from styr.documents.render import Format, render
from styr.documents.spec import PlacementError, TemplateSpec
from styr.documents.templates import TemplateError, parse, template_for
from styr.documents.tree import Document
from styr.indicators.actions import freeze_publication
from styr.organisation.models import Municipality
from styr.plans.models import Plan, ReportOccasion


class FreezeError(ValueError):
    """A document of the occasion could not be built, so the decision cannot be recorded."""


def occasion_templates(occasion: ReportOccasion) -> list[TemplateSpec]:
    """The templates that print this kind of occasion for the plan's municipality."""
    municipality = occasion.plan.body.municipality
    keys = sorted(
        set(DocumentTemplate.objects.for_municipality(municipality).values_list("key", flat=True))
    )
    specs = []
    for key in keys:
        try:
            spec = template_for(municipality, key)
        except TemplateError as exc:
            stored = DocumentTemplate.objects.current(key, municipality)
            if declared_occasion(stored) in (occasion.kind, None):
                raise FreezeError(
                    _("dokumentmallen %(key)s kan inte läsas: %(problem)s")
                    % {"key": key, "problem": exc}
                ) from None
            continue  # a broken template of another kind of report does not stop this one
        if spec.occasion == occasion.kind:
            specs.append(spec)
    return specs


def declared_occasion(stored: DocumentTemplate) -> str | None:
    """The kind of occasion a template says it prints, read leniently; None if unreadable."""
    return _declared_kind(stored.definition)


@lru_cache(maxsize=64)
def _declared_kind(definition: str) -> str | None:
    # Pages ask for every own template's kind; a definition is read once per process.
    try:
        data = yaml.safe_load(definition)
    except yaml.YAMLError:
        return None
    occasion = data.get("occasion") if isinstance(data, dict) else None
    return occasion if isinstance(occasion, str) else None


def do_freeze_occasion(
    occasion: ReportOccasion, *, acting_user: Actor, at: datetime | None = None
) -> list[DocumentVersion]:
    """Store every document of a just-decided occasion as its next version.

    Runs inside the decision's own transaction: if a document cannot be built, nothing is
    decided. The first version is the adoption; later ones are revisions."""
    decided_on, minute = occasion.decision
    if decided_on is None:
        raise FreezeError(_("%(occasion)s har inget beslutsdatum") % {"occasion": occasion})
    issued = (at or datetime.now(UTC)).replace(microsecond=0)
    versions = []
    with transaction.atomic():
        if occasion.is_plan:
            freeze_publication(occasion.plan)
        for spec in occasion_templates(occasion):
            try:
                document = build_document(occasion.plan, spec, occasion)
            except PlacementError as exc:
                raise FreezeError(
                    _("dokumentet %(name)s kan inte skrivas: %(problem)s")
                    % {"name": spec.name, "problem": exc}
                ) from None
            document.issued = issued
            # Built from the same data in the same transaction: what residents get is the
            # decided document less what is not theirs, never a later state of the data.
            printed = Printed()
            public = build_document(occasion.plan, spec, occasion, public=True, printed=printed)
            public.issued = issued
            previous = DocumentVersion.objects.filter(
                occasion=occasion, template_key=spec.key
            ).aggregate(n=Max("number"))["n"]
            version = DocumentVersion.objects.create(
                occasion=occasion,
                template_key=spec.key,
                template_version=spec.version,
                number=(previous or 0) + 1,
                kind=VersionKind.REVISION if previous else VersionKind.ADOPTED,
                title=document.title[:300],
                decided_on=decided_on,
                minute=minute,
                tree=frozen.dump(document),
                public_tree=frozen.dump(public),
                public_items=printed.as_json(),
                created_at=issued,
                created_by=acting_user if isinstance(acting_user, User) else None,
            )
            record(
                "document_frozen",
                acting_user=acting_user,
                obj=version,
                changes={
                    "template": spec.key,
                    "version": version.number,
                    "kind": version.kind,
                    "decided_on": decided_on.isoformat(),
                    "minute": minute,
                },
            )
            versions.append(version)
    return versions


def version_document(version: DocumentVersion, *, public: bool = False) -> Document:
    """The decided document, or with `public` its public edition (ValueError if the version
    was decided before Styr kept one)."""
    if not public:
        return frozen.load(version.tree)
    if version.public_tree is None:
        raise ValueError(f"{version} has no public edition")
    return frozen.load(version.public_tree)


def version_file(version: DocumentVersion, format: Format, *, public: bool = False) -> bytes:
    """The version (or its public edition) as a file: written the first time it is asked for,
    then kept, so every copy of a decided document is the same file."""
    edition = Edition.PUBLIC if public else Edition.FULL
    kept = DocumentFile.objects.filter(version=version, format=format.value, edition=edition)
    stored = kept.first()
    if stored is not None:
        return bytes(stored.content)
    content = render(version_document(version, public=public), format)
    try:
        with transaction.atomic():
            DocumentFile.objects.create(
                version=version,
                format=format.value,
                edition=edition,
                content=content,
                sha256=hashlib.sha256(content).hexdigest(),
            )
    except IntegrityError:
        # Written by a concurrent request a moment ago: that file is the one kept.
        return bytes(kept.get().content)
    return content


def do_freeze_decided(plan: Plan, *, acting_user: Actor) -> list[DocumentVersion]:
    """Freeze the documents of the plan's decided occasions that have no version yet: a plan
    adopted before Styr kept versions, or one imported from a file as already adopted. The
    decision recorded on the plan or report is the version's; nothing else changes."""
    versions: list[DocumentVersion] = []
    with transaction.atomic():
        plan = (
            Plan.objects.select_for_update(of=("self",))
            .select_related("body__municipality")
            .get(pk=plan.pk)
        )
        for occasion in plan.occasions.all():
            occasion.plan = plan
            if not occasion.is_decided or occasion.versions.exists():
                continue
            if occasion.decision[0] is None:
                raise FreezeError(
                    _(
                        "%(occasion)s är %(state)s men saknar beslutsdatum; ange det innan "
                        "dokumentet sparas som beslutad version"
                    )
                    % {"occasion": occasion.name, "state": occasion.workflow_state_label.lower()}
                )
            versions += do_freeze_occasion(occasion, acting_user=acting_user)
    return versions


TEMPLATE_LIMIT = 200_000  # characters of YAML: a report's structure, never its content
_VERSION_LINE = re.compile(r"^version:[^\n]*$", re.MULTILINE)


class TemplateRefused(ValueError):
    """A template that cannot be saved; the message names the line and what is wrong."""


def check_template(key: str, definition: str, *, version: int = 1) -> tuple[str, TemplateSpec]:
    """The definition as it would be saved (its version line set) and as `styr render` reads
    it; raises TemplateRefused naming the line. Forms call it to refuse before saving."""
    if len(definition) > TEMPLATE_LIMIT:
        raise TemplateRefused(
            _("Mallen är %(length)s tecken; högst %(limit)s.")
            % {"length": len(definition), "limit": TEMPLATE_LIMIT}
        )
    text = definition.replace("\r\n", "\n")
    if _VERSION_LINE.search(text):
        text = _VERSION_LINE.sub(f"version: {version}", text, count=1)
    try:
        spec = parse(text, f"{key}.yaml")
    except TemplateError as exc:
        raise TemplateRefused(str(exc)) from None
    if spec.key != key:
        raise TemplateRefused(
            _("%(file)s: key: mallens nyckel är %(key)s och ändras inte.")
            % {"file": f"{key}.yaml", "key": repr(key)}
        )
    return text, spec


def do_save_template(
    municipality: Municipality, key: str, definition: str, *, acting_user: Actor
) -> DocumentTemplate:
    """Save a municipality's own version of a document template: the next version of its own,
    or version 1 of a copy of Styr's. The definition is checked as `styr render` reads it;
    Styr sets the version line, and the key stays the template's."""
    with transaction.atomic():
        # Two saves at once (or two first copies, with no row yet to lock): the second waits
        # and becomes the next version.
        Municipality.objects.select_for_update(of=("self",)).filter(pk=municipality.pk).first()
        own = DocumentTemplate.objects.filter(municipality=municipality, key=key)
        version = (own.aggregate(n=Max("version"))["n"] or 0) + 1
        text, spec = check_template(key, definition, version=version)
        template = DocumentTemplate.objects.create(
            municipality=municipality, key=key, version=version, name=spec.name, definition=text
        )
        record(
            "template_saved",
            acting_user=acting_user,
            obj=template,
            changes={"key": key, "version": version, "municipality": municipality.key},
        )
    return template
