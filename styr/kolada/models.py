"""Kolada: the national database of municipal key figures (nyckeltal), as imported into Styr.

Kolada (run by RKA) publishes key performance indicators (KPIs) for every municipality, every
region and the whole country, year by year and, where it makes sense, split by gender. Styr keeps
a copy so that an indicator's outcomes and its comparison series come from the same numbers an
official sees on kolada.se. Only `styr.kolada.actions` writes these tables.
"""

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Gender(models.TextChoices):
    TOTAL = "T", _("Totalt")
    WOMEN = "K", _("Kvinnor")
    MEN = "M", _("Män")


class AreaType(models.TextChoices):
    MUNICIPALITY = "K", _("Kommun")
    REGION = "L", _("Region")


class KpiAreaType(models.TextChoices):
    MUNICIPALITY = "K", _("Kommun")
    REGION = "L", _("Region")
    ALL = "A", _("Kommun och region")


class KpiQuerySet(models.QuerySet["Kpi"]):
    def search(self, text: str, limit: int) -> list["Kpi"]:
        """KPIs whose id is the text, or whose title has every word of it, in any case (for
        linking an indicator by name rather than by its id). Matched in Python: SQLite's LIKE
        folds only ASCII letters, and ÅÄÖ are in most titles; the catalogue is a few
        thousand rows."""
        words = text.casefold().split()
        if not words:
            return []
        found = []
        for kpi in self.only("id", "title", "operating_area"):
            title = kpi.title.casefold()
            if kpi.id.casefold() == text.strip().casefold() or all(w in title for w in words):
                found.append(kpi)
                if len(found) >= limit:
                    break
        return found


class Kpi(models.Model):
    """A Kolada key figure (nyckeltal), e.g. N01951 Invånare totalt, antal.

    The catalogue entry only: its values are KoladaValue rows.
    """

    id = models.CharField(
        _("Kolada-id"), max_length=10, primary_key=True, help_text="Kolada's id, e.g. N01951."
    )
    title = models.CharField(
        _("titel"), max_length=500, help_text="Kolada's name of the key figure."
    )
    description = models.TextField(
        _("beskrivning"),
        blank=True,
        help_text="How Kolada defines it: what is counted and the source.",
    )
    operating_area = models.CharField(
        _("verksamhetsområde"),
        max_length=300,
        blank=True,
        help_text="Kolada's grouping by municipal service, e.g. Grundskola, Befolkning.",
    )
    perspective = models.CharField(
        _("perspektiv"),
        max_length=100,
        blank=True,
        help_text="Kolada's perspective, e.g. Kvalitet och resultat, Kostnader, Volymer.",
    )
    auspice = models.CharField(
        _("huvudman"),
        max_length=5,
        blank=True,
        help_text="Kolada's code for whose services the figure covers (e.g. T: all, E: own).",
    )
    is_divided_by_gender = models.BooleanField(
        _("könsuppdelad"), default=False, help_text="Whether Kolada gives values for women and men."
    )
    municipality_type = models.CharField(
        _("områdestyp"),
        max_length=1,
        choices=KpiAreaType.choices,
        blank=True,
        help_text="Whether the figure is published for municipalities, regions or both.",
    )
    publication_date = models.DateField(
        _("publiceringsdatum"),
        null=True,
        blank=True,
        help_text="When Kolada last published values.",
    )
    has_ou_data = models.BooleanField(
        _("data för enheter"),
        default=False,
        help_text="Whether Kolada also has values per organisational unit (school, home).",
    )

    objects = KpiQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kolada-nyckeltal")
        verbose_name_plural = pgettext_lazy("plural", "Kolada-nyckeltal")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.id} {self.title}"


class Area(models.Model):
    """An area Kolada publishes values for: a municipality, a region or the whole country.

    Ids are SCB's codes: four digits for a municipality (1463 Marks kommun), 00 and the county
    code for a region (0014 Västra Götalandsregionen), and 0000 for the whole country (Riket).
    """

    id = models.CharField(_("Kolada-id"), max_length=4, primary_key=True)
    title = models.CharField(_("namn"), max_length=200)
    type = models.CharField(_("typ"), max_length=1, choices=AreaType.choices)

    class Meta:
        verbose_name = _("Kolada-område")
        verbose_name_plural = _("Kolada-områden")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.id} {self.title}"


class KoladaValueQuerySet(models.QuerySet["KoladaValue"]):
    def for_kpi(self, kpi: Kpi | str) -> "KoladaValueQuerySet":
        return self.filter(kpi_id=kpi.pk if isinstance(kpi, Kpi) else kpi)

    def for_area(self, area: Area | str) -> "KoladaValueQuerySet":
        return self.filter(area_id=area.pk if isinstance(area, Area) else area)

    def for_areas(self, areas: Iterable[Area | str]) -> "KoladaValueQuerySet":
        return self.filter(area_id__in=[a.pk if isinstance(a, Area) else a for a in areas])

    def for_gender(self, gender: str) -> "KoladaValueQuerySet":
        return self.filter(gender=gender)

    def for_years(self, years: Iterable[int] | None) -> "KoladaValueQuerySet":
        """None means every year."""
        return self if years is None else self.filter(year__in=list(years))


class KoladaValue(models.Model):
    """One published Kolada value: a key figure for an area, a year and a gender.

    Kolada publishes no value where data is missing or secret: that has no row (never zero).
    """

    # The natural key is the primary key: a surrogate id would be a second index to maintain
    # for each of the millions of rows an import writes, and nothing refers to a value by id.
    # The column order serves both the import's merge and reading a series: one KPI, a few
    # areas, one gender, all years, straight from this index.
    pk = models.CompositePrimaryKey("kpi", "area", "gender", "year")

    # The importer checks every id against the catalogue before it writes, and it writes
    # millions of rows at a time: a database foreign-key check on each row only costs rate.
    kpi = models.ForeignKey(
        Kpi,
        verbose_name=_("nyckeltal"),
        on_delete=models.CASCADE,
        db_constraint=False,
        db_index=False,
        related_name="values",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("område"),
        on_delete=models.CASCADE,
        db_constraint=False,
        db_index=False,
        related_name="values",
    )
    year = models.PositiveSmallIntegerField(
        _("år"), help_text="Kolada's period: the calendar year."
    )
    gender = models.CharField(
        _("kön"), max_length=1, choices=Gender.choices, help_text="Totalt, kvinnor or män."
    )
    # Kolada's numbers are JSON doubles: stored as doubles they keep every significant digit
    # Kolada gives (7.355e-05, 83.6186…), where a fixed six decimals rounded some to zero.
    value = models.FloatField(_("värde"), help_text="Kolada's number exactly as Kolada gives it.")

    objects = KoladaValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kolada-värde")
        verbose_name_plural = _("Kolada-värden")
        ordering = ["kpi", "area", "gender", "year"]

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.area_id} {self.year} {self.gender}: {self.value}"


class KoladaChangeQuerySet(models.QuerySet["KoladaChange"]):
    def of_entry(self, entry_id: int) -> "KoladaChangeQuerySet":
        return self.filter(entry_id=entry_id).order_by("kpi_id", "area_id", "gender", "year")


class KoladaChange(models.Model):
    """One value an import of Kolada files added, changed or withdrew: the import's change set.

    The import's audit entry says who and when; these rows say what, value by value, so an
    auditor can retrieve what Kolada changed in the data Styr's indicators are taken from. A
    first import into an empty store records no rows: everything stored then came from it.
    Ids are kept as text (no foreign keys), so the history outlives a KPI Kolada removes.
    """

    entry = models.ForeignKey(
        "audit.AuditEntry",
        verbose_name=_("logghändelse"),
        on_delete=models.CASCADE,
        related_name="kolada_changes",
        help_text="The import's audit entry.",
    )
    kpi_id = models.CharField(_("nyckeltal"), max_length=10)
    area_id = models.CharField(_("område"), max_length=4)
    year = models.PositiveSmallIntegerField(_("år"))
    gender = models.CharField(_("kön"), max_length=1)
    old = models.FloatField(_("före"), null=True, help_text="Empty: the value was added.")
    new = models.FloatField(_("efter"), null=True, help_text="Empty: Kolada withdrew the value.")

    objects = KoladaChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("ändrat Kolada-värde")
        verbose_name_plural = _("ändrade Kolada-värden")

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.area_id} {self.year} {self.gender}: {self.old} → {self.new}"
