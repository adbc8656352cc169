"""Document templates stored in the database: the shipped ones and a municipality's own."""

from django.core.exceptions import ValidationError
from django.db import models

from styr.organisation.models import Municipality


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
        verbose_name="kommun",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text="Empty for the templates Styr ships.",
    )
    key = models.SlugField("nyckel", max_length=64, help_text="E.g. namndplan.")
    version = models.PositiveIntegerField("version", default=1)
    name = models.CharField("namn", max_length=200, help_text="E.g. Nämndplan.")
    definition = models.TextField("definition (YAML)")
    updated_at = models.DateTimeField("ändrad", auto_now=True)

    objects = DocumentTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = "dokumentmall"
        verbose_name_plural = "dokumentmallar"
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
