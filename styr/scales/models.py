"""Status scales: the lists of statuses and grades that follow-up uses.

They are reference data. Styr ships defaults as versioned YAML files in
`styr/scales/reference/`; a municipality can copy one and change its words and colours on the
web, and its copy is used for its plans only, never another municipality's.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from styr.core.language import in_reader_language
from styr.organisation.models import Municipality


class ScaleQuerySet(models.QuerySet["Scale"]):
    def shipped(self) -> "ScaleQuerySet":
        return self.filter(municipality__isnull=True)

    def _by_preference(
        self, municipality: Municipality | int | None, keys: list[str]
    ) -> "ScaleQuerySet":
        """The keys' scales a municipality may use, in order of preference: its own before the
        shipped ones, newest version first. The first of each key is the current one."""
        shipped = models.Q(municipality__isnull=True)
        return self.filter(
            shipped | models.Q(municipality=municipality) if municipality is not None else shipped,
            key__in=keys,
        ).order_by(models.F("municipality").asc(nulls_last=True), "-version")

    def current(self, key: str, municipality: Municipality | int | None = None) -> "Scale":
        """The scale a municipality uses: its own newest version of the key, else the newest
        shipped one. Without a municipality, the shipped one. One query."""
        found = self._by_preference(municipality, [key]).first()
        if found is None:
            raise Scale.DoesNotExist(f"no scale {key!r}")
        return found

    def current_options(
        self, municipality: Municipality | int | None, *keys: str
    ) -> dict[str, list["ScaleOption"]]:
        """The options of each key's current scale (see `current`), for any number of keys in
        two queries: a follow-up page shows five scales. A key without a scale is left out."""
        chosen: dict[str, Scale] = {}
        for scale in self._by_preference(municipality, list(keys)).prefetch_related("options"):
            chosen.setdefault(scale.key, scale)
        return {key: list(scale.options.all()) for key, scale in chosen.items()}


class Scale(models.Model):
    """A list of options used to assess something, e.g. the status of an assignment."""

    key = models.SlugField(
        _("nyckel"), max_length=64, help_text="Stable name, e.g. assignment-status."
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("namn"), max_length=200)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommun"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="scales",
        help_text="Empty for the scales Styr ships; else the municipality's own copy.",
    )

    objects = ScaleQuerySet.as_manager()

    class Meta:
        verbose_name = _("statusskala")
        verbose_name_plural = _("statusskalor")
        ordering = ["key", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "version"],
                condition=models.Q(municipality__isnull=True),
                name="scale_key_version",
            ),
            models.UniqueConstraint(
                fields=["municipality", "key", "version"],
                condition=models.Q(municipality__isnull=False),
                name="scale_municipality_key_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class ScaleOption(models.Model):
    """One option of a scale, e.g. "Pågående" of the assignment statuses."""

    scale = models.ForeignKey(Scale, on_delete=models.CASCADE, related_name="options")
    key = models.SlugField(
        _("nyckel"), max_length=64, help_text="Stable name used in files and code."
    )
    label = models.CharField(
        _("benämning"), max_length=100, help_text="Swedish label shown to users."
    )
    label_en = models.CharField(_("benämning (engelska)"), max_length=100, blank=True)
    colour = models.CharField(
        _("färg"),
        max_length=7,
        blank=True,
        help_text="Hex colour of the status mark, e.g. #2e7d32.",
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("alternativ")
        verbose_name_plural = pgettext_lazy("plural", "alternativ")
        # By the parent's id: ordering by the parent itself would join its table into every
        # query of these, prefetches among them (as it joined a plan's body and municipality).
        ordering = ["scale_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "key"], name="scale_option_key"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def shown(self) -> str:
        """The label in the reader's language: the scale's English label when the reader has
        chosen English and the scale gives one (the municipality's documents use `label`)."""
        return in_reader_language(self.label, self.label_en)
