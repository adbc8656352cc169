"""Status scales: the lists of statuses and grades that follow-up uses.

They are reference data, loaded from versioned YAML files in `styr/scales/reference/`, so that a
municipality can use its own words and colours without a code change.
"""

from django.db import models


class ScaleQuerySet(models.QuerySet["Scale"]):
    def current(self, key: str) -> "Scale":
        """The newest version of the scale with this key."""
        return self.filter(key=key).order_by("-version").first() or self.get(key=key)


class Scale(models.Model):
    """A list of options used to assess something, e.g. the status of an assignment."""

    key = models.SlugField(
        "nyckel", max_length=64, help_text="Stable name, e.g. assignment-status."
    )
    version = models.PositiveIntegerField("version", default=1)
    name = models.CharField("namn", max_length=200)

    objects = ScaleQuerySet.as_manager()

    class Meta:
        verbose_name = "statusskala"
        verbose_name_plural = "statusskalor"
        ordering = ["key", "version"]
        constraints = [models.UniqueConstraint(fields=["key", "version"], name="scale_key_version")]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class ScaleOption(models.Model):
    """One option of a scale, e.g. "Pågående" of the assignment statuses."""

    scale = models.ForeignKey(Scale, on_delete=models.CASCADE, related_name="options")
    key = models.SlugField("nyckel", max_length=64, help_text="Stable name used in files and code.")
    label = models.CharField("benämning", max_length=100, help_text="Swedish label shown to users.")
    label_en = models.CharField("benämning (engelska)", max_length=100, blank=True)
    colour = models.CharField(
        "färg", max_length=7, blank=True, help_text="Hex colour of the status mark, e.g. #2e7d32."
    )
    position = models.PositiveIntegerField("ordning", default=0)

    class Meta:
        verbose_name = "alternativ"
        verbose_name_plural = "alternativ"
        ordering = ["scale", "position"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "key"], name="scale_option_key"),
        ]

    def __str__(self) -> str:
        return self.label
