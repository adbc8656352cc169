"""Abstract building blocks shared by the domain apps (no tables of their own)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChapterTextBase(models.Model):
    """A free chapter text: a heading and Markdown body, placed by the document template."""

    key = models.SlugField(
        _("nyckel"),
        max_length=64,
        help_text="Stable name the document template uses to place the text, e.g. participation.",
    )
    title = models.CharField(_("rubrik"), max_length=300, blank=True)
    text = models.TextField(
        _("text"), blank=True, help_text="Markdown: paragraphs, ### headings, - lists."
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        abstract = True
        ordering = ["position"]

    def __str__(self) -> str:
        return self.title or self.key


class ReportedItem(models.Model):
    """An item of a plan whose follow-up an official reports: an assignment, goal or risk."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rapportör"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The official (rapportör) who reports this item's follow-up; the body's "
        "editors report on every item.",
    )

    class Meta:
        abstract = True
