"""An uploaded workbook waiting between its preview and the editor's confirmation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.plans.models import Plan


class PendingWorkbook(models.Model):
    """A workbook an editor uploaded and was shown the changes of, kept until they confirm
    (then a background job imports exactly those changes) or for an hour.

    It is kept in the database rather than on one server's disk, so that the confirmation may
    reach another web server and the import run on any worker."""

    key = models.CharField(
        _("nyckel"), max_length=32, unique=True, help_text="Random; the signed token names it."
    )
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uppladdad av"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    name = models.CharField(_("filnamn"), max_length=200, help_text="The name the file had.")
    content = models.BinaryField(_("arbetsbok"))
    created_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)

    class Meta:
        verbose_name = _("arbetsbok som väntar")
        verbose_name_plural = _("arbetsböcker som väntar")

    def __str__(self) -> str:
        return self.name
