"""Document templates stored in the database: the shipped ones and a municipality's own."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from styr.organisation.models import Municipality
from styr.plans.models import ReportOccasion


class DocumentTemplateQuerySet(models.QuerySet["DocumentTemplate"]):
    def for_municipality(self, municipality: Municipality) -> "DocumentTemplateQuerySet":
        """The templates a municipality can use: its own and the shipped ones."""
        return self.filter(
            models.Q(municipality=municipality) | models.Q(municipality__isnull=True)
        )

    def current(self, key: str, municipality: Municipality) -> "DocumentTemplate":
        """The municipality's own newest version of a template, else the shipped newest."""
        own = self.filter(key=key, municipality=municipality).order_by("-version").first()
        if own is not None:
            return own
        shipped = self.filter(key=key, municipality__isnull=True).order_by("-version").first()
        if shipped is None:
            raise DocumentTemplate.DoesNotExist(f"no document template {key!r}")
        return shipped


class DocumentTemplate(models.Model):
    """A document type's chapters and sections, as YAML (docs/document-templates.md).

    Shipped templates (Nämndplan, Delårsrapport, Årsrapport) have no municipality; a
    municipality's own template with the same key replaces the shipped one for it.
    """

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommun"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text="Empty for the templates Styr ships.",
    )
    key = models.SlugField(_("nyckel"), max_length=64, help_text="E.g. namndplan.")
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("namn"), max_length=200, help_text="E.g. Nämndplan.")
    definition = models.TextField(_("definition (YAML)"))
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = DocumentTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("dokumentmall")
        verbose_name_plural = _("dokumentmallar")
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "key", "version"], name="document_template_version"
            ),
            models.UniqueConstraint(
                fields=["key", "version"],
                condition=models.Q(municipality__isnull=True),
                name="document_template_shipped_version",
            ),
        ]

    def __str__(self) -> str:
        owner = self.municipality.name if self.municipality else "Styr"
        return f"{self.name} v{self.version} ({owner})"

    def clean(self) -> None:
        from styr.documents.templates import parse

        try:
            spec = parse(self.definition, f"{self.key or 'mall'}.yaml")
        except ValueError as exc:
            raise ValidationError({"definition": str(exc)}) from None
        if self.key and spec.key != self.key:
            raise ValidationError({"definition": f"the definition's key is {spec.key!r}"})
        if self.version and spec.version != self.version:
            raise ValidationError(
                {"definition": f"the definition's version is {spec.version}, not {self.version}"}
            )


class VersionKind(models.TextChoices):
    ADOPTED = "adopted", _("Fastställd")
    REVISION = "revision", _("Reviderad")


class DocumentVersionQuerySet(models.QuerySet["DocumentVersion"]):
    def for_occasion(self, occasion: ReportOccasion) -> "DocumentVersionQuerySet":
        return self.filter(occasion=occasion)

    def of_template(self, key: str) -> "DocumentVersionQuerySet":
        return self.filter(template_key=key)


class DocumentVersion(models.Model):
    """A document as it was decided: the plan or a report frozen when the body adopted it.

    The document tree is stored as it was built at the decision, so the document can be shown
    and rendered again byte for byte, whatever happens to the data afterwards (next year's plan
    renames a shared indicator, Kolada revises a value). A revision of an adopted document
    (reviderad nämndplan) is a new version with its own decision.
    """

    occasion = models.ForeignKey(
        ReportOccasion,
        verbose_name=_("rapporttillfälle"),
        # A decision on record is never deleted along with its data by accident.
        on_delete=models.PROTECT,
        related_name="versions",
    )
    template_key = models.SlugField(_("dokumentmall"), max_length=64, help_text="E.g. namndplan.")
    template_version = models.PositiveIntegerField(_("mallens version"))
    number = models.PositiveIntegerField(_("version"), help_text="1 for the first decision.")
    kind = models.CharField(_("typ"), max_length=16, choices=VersionKind.choices)
    title = models.CharField(_("rubrik"), max_length=300)
    decided_on = models.DateField(_("beslutsdatum"))
    minute = models.CharField(_("protokollsparagraf"), max_length=50)
    tree = models.JSONField(_("dokumentet"), help_text="The document tree as decided.")
    public_tree = models.JSONField(
        _("offentlig utgåva"),
        null=True,
        blank=True,
        help_text="The edition for residents, frozen with the decision: without analyses and "
        "comments marked internal, indicators and assignments marked not public, and "
        "internal control. Empty for versions decided before Styr kept one (the portal then "
        "offers no file).",
    )
    public_items = models.JSONField(
        _("publicerat i den offentliga utgåvan"),
        default=dict,
        blank=True,
        help_text="The ids of the indicators and assignments the public edition printed: once "
        "one of them is marked not public, the portal withdraws the edition.",
    )
    created_at = models.DateTimeField(_("fryst"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fryst av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = DocumentVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("beslutad version")
        verbose_name_plural = _("beslutade versioner")
        ordering = ["occasion", "template_key", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["occasion", "template_key", "number"], name="document_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number} ({self.decided_on}, {self.minute})"

    @property
    def label(self) -> str:
        """`Version 2, reviderad 2024-04-15 § 55`."""
        # Translators: "Version 2, revised 2024-04-15 § 55"; kind is adopted or revised.
        return gettext("Version %(number)s, %(kind)s %(date)s %(minute)s") % {
            "number": self.number,
            "kind": self.get_kind_display().lower(),
            "date": self.decided_on.isoformat(),
            "minute": self.minute,
        }


class Edition(models.TextChoices):
    FULL = "full", _("Beslutad")
    PUBLIC = "public", _("Offentlig")


class DocumentFile(models.Model):
    """A decided version written as PDF, DOCX or HTML, kept so every later copy is the same
    file, byte for byte, as the first."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(_("format"), max_length=8)
    edition = models.CharField(
        _("utgåva"),
        max_length=8,
        choices=Edition.choices,
        default=Edition.FULL,
        help_text="The decided document as the body has it, or its public edition.",
    )
    content = models.BinaryField(_("innehåll"))
    sha256 = models.CharField("SHA-256", max_length=64)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("dokumentfil")
        verbose_name_plural = _("dokumentfiler")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "format", "edition"], name="document_file_edition"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} ({self.format}, {self.get_edition_display().lower()})"
