"""Forms of the plan editor: labels in the reader's language, Swedish numbers, messages that name
the field."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar, cast

from django import forms
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from styr.assignments.models import Assignment
from styr.core.conflicts import Fingerprint, fingerprint_of
from styr.core.formatting import format_number
from styr.indicators.models import Indicator
from styr.internal_control.models import Axis, Risk
from styr.kolada.models import Area, Kpi
from styr.planfiles.nodes import parse_number
from styr.plans.items import ItemKind
from styr.plans.models import Plan
from styr.steering.models import CommitteeGoal, MunicipalPlan

T = TypeVar("T")


CONFLICT = gettext_lazy(
    "Någon annan har sparat ändringar medan du redigerade. Det du skrev finns kvar i formuläret "
    "nedan; spara igen för att ersätta den andra versionen, eller ladda om sidan för att se den."
)


class ConflictChecked:
    """Optimistic locking for a ModelForm: the form carries the fingerprint of the object it
    was opened on, and refuses to save over a change someone else has made since."""

    def add_fingerprint(self) -> None:
        form: Any = self
        form.fields["based_on"] = forms.CharField(widget=forms.HiddenInput, required=False)
        if form.instance.pk:
            form.initial["based_on"] = fingerprint_of(form.instance, list(form._meta.fields))

    def current_fingerprint(self, current: Any) -> str:
        form: Any = self
        return fingerprint_of(current, list(form._meta.fields))

    def rebase(self, current: Any) -> None:
        """After a conflict: the next save of this form replaces the stored version."""
        form: Any = self
        form.data = form.data.copy()
        form.data["based_on"] = self.current_fingerprint(current)

    def expectation(self) -> Fingerprint | None:
        """What the action checks under the row lock: the version this form was opened on."""
        form: Any = self
        if not form.instance.pk:
            return None
        return Fingerprint(tuple(form._meta.fields), str(form.data.get("based_on", "")))


def swedish_help(form: forms.BaseForm, texts: dict[str, str]) -> None:
    """Help texts in the reader's language (Swedish unless chosen otherwise); the models' own
    are written in English for developers. A select's empty choice reads as a word, not
    Django's dashes."""
    for name, field in form.fields.items():
        field.help_text = texts.get(name, "")
        blank = _blank(field.required)
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label is not None:
                field.empty_label = blank
        elif isinstance(field, forms.ChoiceField):
            choices: Any = field.choices
            field.choices = [
                (value, blank if value == "" and label == "---------" else label)
                for value, label in list(choices)
            ]


def _blank(required: bool) -> str:
    """A select's empty choice: a prompt when a choice is required, else the word for none."""
    # Translators: the empty choice of a required select.
    return _("– välj –") if required else _("Inget")


class ObjectChoiceField(forms.ChoiceField):
    """A choice among objects fetched once per page, not once per form.

    A page with a form per goal or risk would otherwise query each form's choices again."""

    def __init__(self, objects: list[Any], *, required: bool, label: Any) -> None:
        self.objects = {str(o.pk): o for o in objects}
        blank = _blank(required)
        choices = [("", blank)] + [(str(o.pk), str(o)) for o in objects]
        super().__init__(choices=choices, required=required, label=label)

    def prepare_value(self, value: Any) -> Any:
        return str(getattr(value, "pk", value) or "")

    def clean(self, value: Any) -> Any:
        return self.objects.get(str(super().clean(value)))


def once_per_page(plan: Plan, name: str, compute: Callable[[], T]) -> T:
    """A value computed once for all the forms of a page (they share the plan object)."""
    cache: dict[str, Any] = plan.__dict__.setdefault("_form_choices", {})
    if name not in cache:
        cache[name] = compute()
    return cast(T, cache[name])


class SwedishDecimalField(forms.CharField):
    """A number written the Swedish way: `0,5`, `2 500 000`, `−1,2`."""

    def prepare_value(self, value: Any) -> Any:
        return format_number(value) if isinstance(value, Decimal) else value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_number(text)
        except ValueError:
            raise forms.ValidationError(
                _("%(text)s är inte ett tal (skriv t.ex. 0,5).") % {"text": repr(text)},
                code="invalid",
            ) from None


class AssignmentForm(ConflictChecked, forms.ModelForm[Assignment]):
    extra_cost = SwedishDecimalField(
        label=gettext_lazy("Extra kostnad utöver budget (belopp)"), required=False
    )

    class Meta:
        model = Assignment
        fields = [
            "origin", "text", "start_date", "period_start", "period_end", "period_note",
            "extra_cost", "extra_cost_unit", "extra_cost_note", "public",
        ]  # fmt: skip
        labels = {
            "origin": gettext_lazy("Uppdrag från"),
            "text": pgettext_lazy("one assignment", "Uppdrag"),
            "start_date": gettext_lazy("Startdatum (ÅÅÅÅ-MM-DD)"),
            "period_start": gettext_lazy("Genomförande från år"),
            "period_end": gettext_lazy("Genomförande till år"),
            "period_note": gettext_lazy("Genomförandeperiod i ord"),
            # Translators: the unit of the extra cost (kronor, thousand kronor …).
            "extra_cost_unit": gettext_lazy("Enhet"),
            "extra_cost_note": gettext_lazy("Extra kostnad i ord"),
            "public": gettext_lazy("Visas för invånare (offentlig)"),
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "period_note": forms.Textarea(attrs={"rows": 2}),
            "extra_cost_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Ids unique on a page that shows one form per assignment.
        self.auto_id = f"a{self.instance.pk or 'ny'}_%s"
        self.add_fingerprint()
        swedish_help(self, {
            "origin": _("Vem som gav uppdraget."),
            "text": _("Uppdraget som det beslutades."),
            "start_date": _("Dagen för beslutet."),
            "period_note": _("Genomförandeperioden i ord, om den inte är hela år."),
            "extra_cost_note": _("Extra kostnad i ord, när den inte är ett belopp."),
            "public": _(
                "Uppdraget visas i den öppna portalen när planen är fastställd. Kryssa ur för ett "
                "uppdrag som inte ska publiceras, t.ex. ett som gäller namngiven personal."
            ),
        })  # fmt: skip

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Slutåret kan inte vara före startåret."))
        return cleaned


class RiskForm(ConflictChecked, forms.ModelForm[Risk]):
    """A risk of the plan; probability and consequence are chosen among the matrix's levels."""

    class Meta:
        model = Risk
        fields = [
            "category", "main_process", "description", "probability", "consequence",
            "control_activity", "follow_up_method", "municipality_wide",
        ]  # fmt: skip
        labels = {
            "category": gettext_lazy("Kategori"),
            "main_process": gettext_lazy("Huvudprocess"),
            "description": gettext_lazy("Risk"),
            "probability": gettext_lazy("Sannolikhet"),
            "consequence": gettext_lazy("Väsentlighet"),
            "control_activity": gettext_lazy("Kontrollmoment"),
            "follow_up_method": gettext_lazy("Uppföljning"),
            "municipality_wide": gettext_lazy("Kommungemensam uppföljning"),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "control_activity": forms.Textarea(attrs={"rows": 2}),
            "follow_up_method": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.auto_id = f"r{self.instance.pk or 'ny'}_%s"
        self.add_fingerprint()
        swedish_help(self, {
            "main_process": _("T.ex. Inköp, Bisyssla."),
            "municipality_wide": _("Följs upp på samma sätt i alla nämnder."),
        })  # fmt: skip
        self.fields["category"] = ObjectChoiceField(
            once_per_page(plan, "categories", lambda: list(plan.risk_categories.all())),
            required=True,
            label=self.fields["category"].label,
        )
        matrix = plan.risk_matrix
        levels = once_per_page(
            plan, "levels", lambda: list(matrix.levels.all()) if matrix is not None else []
        )
        for axis in (Axis.PROBABILITY, Axis.CONSEQUENCE):
            choices = [(lv.value, f"{lv.shown} ({lv.value})") for lv in levels if lv.axis == axis]
            self.fields[axis.value] = forms.TypedChoiceField(
                label=self.fields[axis.value].label, choices=choices, coerce=int
            )


class GoalForm(ConflictChecked, forms.ModelForm[CommitteeGoal]):
    """A committee goal and what in the council's steering it answers to."""

    class Meta:
        model = CommitteeGoal
        fields = [
            "title", "description", "strategic_area", "municipal_goal", "prerequisite",
            "starting_point",
        ]  # fmt: skip
        labels = {
            "title": pgettext_lazy("one goal", "Mål"),
            "description": gettext_lazy("Beskrivning (stycken, ### rubriker, - punktlistor)"),
            "strategic_area": gettext_lazy("Strategiskt område"),
            "municipal_goal": gettext_lazy("Kommungemensamt mål"),
            "prerequisite": gettext_lazy("Förutsättning"),
            "starting_point": gettext_lazy("Utgångspunkt"),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.auto_id = f"g{self.instance.pk or 'ny'}_%s"
        self.add_fingerprint()
        swedish_help(self, {})
        council = once_per_page(
            plan,
            "council",
            lambda: MunicipalPlan.objects.filter(
                municipality_id=plan.body.municipality_id, year=plan.year
            ).first(),
        )
        for name, related in (
            ("strategic_area", "strategic_areas"), ("municipal_goal", "municipal_goals"),
            ("prerequisite", "prerequisites"), ("starting_point", "starting_points"),
        ):  # fmt: skip
            # Only the council's steering of the plan's own year can be answered to.
            def steering(related: str = related) -> list[Any]:
                return list(getattr(council, related).all()) if council else []

            objects = once_per_page(plan, related, steering)
            self.fields[name] = ObjectChoiceField(
                objects, required=False, label=self.fields[name].label
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        links = ("strategic_area", "municipal_goal", "prerequisite", "starting_point")
        if not cleaned.get("title") and not any(cleaned.get(n) for n in links):
            self.add_error("title", _("Skriv målet eller välj vad det svarar mot."))
        return cleaned


class IndicatorForm(forms.ModelForm[Indicator]):
    """A new indicator under a goal."""

    class Meta:
        model = Indicator
        fields = ["name", "unit", "decimals", "polarity", "kolada_kpi"]
        labels = {
            "name": gettext_lazy("Indikator"),
            "unit": gettext_lazy("Enhet (t.ex. %, antal)"),
            "decimals": gettext_lazy("Decimaler"),
            # Translators: whether higher or lower values of an indicator are better.
            "polarity": gettext_lazy("Riktning"),
            "kolada_kpi": gettext_lazy("Kolada-nyckeltal (t.ex. N15419), tomt om manuell"),
        }

    def __init__(self, *args: Any, goal_id: int | str = "ny", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.auto_id = f"i{goal_id}_%s"
        swedish_help(self, {"decimals": _("Hur många decimaler värdena visas med.")})


class IndicatorSettingsForm(ConflictChecked, forms.ModelForm[Indicator]):
    """What an indicator is, and where its outcomes come from."""

    class Meta:
        model = Indicator
        fields = [
            "name", "unit", "decimals", "polarity", "kolada_kpi", "kolada_area",
            "kolada_comparisons", "description", "public",
        ]  # fmt: skip
        labels = {
            "name": gettext_lazy("Indikator"),
            "unit": gettext_lazy("Enhet (t.ex. %, antal)"),
            "decimals": gettext_lazy("Decimaler"),
            "polarity": gettext_lazy("Riktning"),
            "kolada_kpi": gettext_lazy(
                "Kolada-nyckeltal (t.ex. N15419), tomt om utfallen skrivs in"
            ),
            "kolada_area": gettext_lazy("Kolada-område för utfallen, tomt för kommunen själv"),
            "kolada_comparisons": gettext_lazy(
                "Jämförelseområden (t.ex. 0000 för riket, 0014 för regionen), "
                "kommaseparerade; tomt för regionen och riket"
            ),
            "description": gettext_lazy("Beskrivning"),
            "public": gettext_lazy("Visas för invånare (offentlig)"),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.auto_id = "ind_%s"
        self.add_fingerprint()
        swedish_help(self, {
            "decimals": _("Hur många decimaler värdena visas med."),
            "public": _(
                "Indikatorn visas i den öppna portalen när en plan som använder den är "
                "fastställd. Kryssa ur för en indikator som inte ska publiceras, t.ex. en som "
                "bygger på så få personer att de kan kännas igen; den tas då bort ur portalen "
                "genast, ur de fastställda dokumentens offentliga utgåvor också. Kryssas den "
                "i igen visas den under planer som fastställs därefter, inte under dem som "
                "fastställdes medan den inte var offentlig."
            ),
        })  # fmt: skip
        # Several areas typed by mistake get a message about areas, not about length.
        self.fields["kolada_area"] = forms.CharField(
            required=False, label=self.fields["kolada_area"].label
        )

    def clean_kolada_kpi(self) -> str:
        kpi = str(self.cleaned_data.get("kolada_kpi") or "").strip().upper()
        # Checked against the catalogue once one is imported; before that, by its shape.
        if kpi and Kpi.objects.exists() and not Kpi.objects.filter(pk=kpi).exists():
            raise forms.ValidationError(
                _("%(kpi)s finns inte i Koladas nyckeltalskatalog.") % {"kpi": kpi}
            )
        if kpi and not (len(kpi) == 6 and kpi[0].isalpha() and kpi[1:].isdigit()):
            raise forms.ValidationError(_("Skriv ett Kolada-id: en bokstav och fem siffror."))
        return kpi

    def _areas(self, name: str) -> str:
        ids = [a.strip() for a in str(self.cleaned_data.get(name) or "").split(",") if a.strip()]
        for area in ids:
            if not (area.isdigit() and len(area) == 4):
                raise forms.ValidationError(
                    _("”%(area)s” är inget Kolada-område (fyra siffror).") % {"area": area}
                )
        known = set(Area.objects.filter(pk__in=ids).values_list("pk", flat=True))
        if Area.objects.exists() and (missing := [a for a in ids if a not in known]):
            raise forms.ValidationError(
                _("%(areas)s finns inte bland Koladas områden.") % {"areas": ", ".join(missing)}
            )
        return ",".join(ids)

    def clean_kolada_area(self) -> str:
        area = self._areas("kolada_area")
        if "," in area:
            raise forms.ValidationError(_("Ange ett enda område."))
        return area

    def clean_kolada_comparisons(self) -> str:
        return self._areas("kolada_comparisons")


class PlanItemFormBase(ConflictChecked, forms.ModelForm[Any]):
    pass


def plan_item_form(kind: ItemKind) -> type[PlanItemFormBase]:
    """A form for one kind of plan item, with optimistic locking like the other editors."""

    class PlanItemForm(PlanItemFormBase):
        class Meta:
            model = kind.model
            fields = list(kind.fields)
            labels = kind.labels
            widgets = {
                name: forms.Textarea(attrs={"rows": 2})
                for name in kind.fields
                if isinstance(kind.model._meta.get_field(name), models.TextField)
            }

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.auto_id = f"{kind.slug[:3]}{self.instance.pk or 'ny'}_%s"
            self.add_fingerprint()
            swedish_help(self, {})
            if "budget_need" in self.fields:
                self.fields["budget_need"] = SwedishDecimalField(
                    label=kind.labels["budget_need"], required=False
                )

        def clean(self) -> dict[str, Any]:
            cleaned = super().clean() or {}
            start, end = cleaned.get("period_start"), cleaned.get("period_end")
            if start and end and end < start:
                self.add_error("period_end", _("Slutåret kan inte vara före startåret."))
            return cleaned

    return PlanItemForm
