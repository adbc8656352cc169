from django import forms
from django.utils.translation import gettext_lazy as _

from styr.proposals.models import Decision

HONEYPOT = "webbplats"


class Honeypot(forms.Form):
    """A field people never see (hidden by CSS and from screen readers); bots fill it in."""

    webbplats = forms.CharField(required=False, label=_("Lämna tomt"))

    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT))


class SignUpForm(Honeypot):
    email = forms.EmailField(label=_("E-postadress"), max_length=254)


class ProposalForm(Honeypot):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    text = forms.CharField(label=_("Ditt förslag"), widget=forms.Textarea)
    area = forms.ChoiceField(label=_("Område"))
    name = forms.CharField(label=_("Ditt namn (frivilligt)"), max_length=100, required=False)
    show_name = forms.BooleanField(label=_("Visa mitt namn på förslaget"), required=False)
    image = forms.FileField(
        label=_("Bild (frivillig, PNG eller JPEG, högst 2 MiB)"), required=False
    )
    alt = forms.CharField(
        label=_("Vad bilden visar (alternativtext)"), max_length=300, required=False
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("image") and not data.get("alt"):
            self.add_error("alt", _("Skriv vad bilden visar, för den som inte ser den."))
        return data


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Skäl (invånaren får läsa det)"), widget=forms.Textarea)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("Beslut"), choices=Decision.choices)
    decided_on = forms.DateField(
        label=_("Beslutsdatum"), widget=forms.DateInput(attrs={"type": "date"})
    )
    minute = forms.CharField(label=_("Paragraf (§)"), max_length=40)
    answer = forms.CharField(
        label=_("Nämndens svar (vid bifall: uppdraget)"), widget=forms.Textarea
    )
