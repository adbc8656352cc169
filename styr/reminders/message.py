"""The reminder e-mail: per report occasion, what the reporter has not reported, with links.

Written in Swedish whatever language the reader chose on the web: like the plan's documents,
what Styr sends out stays Swedish (the strings are still translatable, for the catalogue).
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from styr.documents.sections.goals import goal_name
from styr.plans.models import ReportOccasion
from styr.plans.reporting import KINDS, Missing

# The longest text an item is named by in the list (assignments and risks are paragraphs).
NAME_LENGTH = 140


@dataclass
class Line:
    name: str
    url: str


@dataclass
class Section:
    heading: str
    lines: list[Line]


@dataclass
class OccasionPart:
    """What one occasion's part of the e-mail says."""

    occasion: ReportOccasion
    deadline: date
    days_left: int
    url: str  # the follow-up page showing only the reader's items not yet reported
    sections: list[Section] = field(default_factory=list)

    @property
    def title(self) -> str:
        plan = self.occasion.plan
        return f"{self.occasion.name} – {plan.body.name}"

    @property
    def when(self) -> str:
        if self.days_left == 0:
            return _("i dag")
        if self.days_left == 1:
            return _("i morgon")
        return ngettext("om %(n)d dag", "om %(n)d dagar", self.days_left) % {"n": self.days_left}


def absolute(path: str) -> str:
    return f"{settings.STYR_BASE_URL}{path}"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= NAME_LENGTH else text[: NAME_LENGTH - 1].rstrip() + "…"


def _headings() -> dict[str, str]:
    return {
        "goal": _("Mål att bedöma"),
        "indicator": _("Indikatorer utan utfall eller prognos"),
        "assignment": _("Uppdrag utan status eller kommentar"),
        "risk": _("Risker utan kontrollresultat"),
        "activity": _("Aktiviteter utan status"),
    }


def _line(kind: str, item: Any, occasion: ReportOccasion, follow_up: str) -> Line:
    plan_id = occasion.plan_id
    if kind == "goal":
        return Line(_short(goal_name(item)), f"{follow_up}#goal-{item.pk}")
    if kind == "indicator":
        return Line(_short(item.name), absolute(reverse("web:indicator", args=[plan_id, item.pk])))
    if kind == "assignment":
        return Line(_short(item.text), f"{follow_up}#assignment-{item.pk}")
    if kind == "risk":
        return Line(_short(item.description), f"{follow_up}#risk-{item.pk}")
    query = urlencode({"rapport": occasion.key})
    path = reverse("web:activities", args=[plan_id])
    return Line(_short(item.title), absolute(f"{path}?{query}#aktivitet-{item.pk}"))


def occasion_part(
    occasion: ReportOccasion, deadline: date, today: date, missing: list[Missing]
) -> OccasionPart:
    """The occasion's part of one reader's e-mail; `missing` holds the reader's items only."""
    with translation.override("sv"):
        page = absolute(reverse("web:follow-up", args=[occasion.plan_id, occasion.key]))
        part = OccasionPart(
            occasion,
            deadline,
            (deadline - today).days,
            f"{page}?{urlencode({'visa': 'mina', 'rapporterat': 'nej'})}",
        )
        headings = _headings()
        for kind in KINDS:
            lines = [_line(kind, m.item, occasion, page) for m in missing if m.kind == kind]
            if lines:
                part.sections.append(Section(headings[kind], lines))
    return part


def reminder_email(*, to: str, name: str, parts: list[OccasionPart]) -> EmailMultiAlternatives:
    """The e-mail, as plain text with an HTML alternative of the same content."""
    with translation.override("sv"):
        if len(parts) == 1:
            subject = _("Påminnelse: rapportera till %(report)s senast %(deadline)s") % {
                "report": parts[0].occasion.name,
                "deadline": parts[0].deadline.isoformat(),
            }
        else:
            subject = _("Påminnelse: %(n)d rapporter väntar på din rapportering") % {
                "n": len(parts)
            }
        context = {
            "name": name,
            "parts": parts,
            "preferences_url": absolute(reverse("reminders:preferences")),
        }
        text = render_to_string("reminders/reminder.txt", context)
        html = render_to_string("reminders/reminder.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    return message
