"""How audit entries read to people: names for actions and changed fields, in the reader's
language (Swedish unless they chose English).

Entries store stable codes (`assignment_reported`, `{"comment": [old, new]}`) so that the
trail never depends on wording; the wording lives here and is looked up as the log is shown.
"""

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

ACTIONS: dict[str, StrOrPromise] = {
    "activity_changed": _("Aktivitet ändrad"),
    "activity_created": _("Aktivitet tillagd"),
    "activity_reported": _("Aktivitet rapporterad"),
    "admin_changed": _("Ändrat i administrationen"),
    "admin_created": _("Skapat i administrationen"),
    "admin_deleted": _("Borttaget i administrationen"),
    "admin_inline_changed": _("Del ändrad i administrationen"),
    "api_token_created": _("API-nyckel skapad"),
    "api_token_revoked": _("API-nyckel återkallad"),
    "assignment_changed": _("Uppdrag ändrat"),
    "assignment_created": _("Uppdrag tillagt"),
    "assignment_reported": _("Uppdrag rapporterat"),
    "budget_amount_set": _("Budgetbelopp ändrat"),
    "budget_follow_up_prepared": _("Uppföljningskolumner tillagda i budgeten"),
    "control_result_recorded": _("Kontrollresultat rapporterat"),
    "competenceneed_changed": _("Kompetensbehov ändrat"),
    "competenceneed_created": _("Kompetensbehov tillagt"),
    "competenceneed_deleted": _("Kompetensbehov borttaget"),
    "demo_account_created": _("Demokonto skapat"),
    "document_frozen": _("Beslutad version sparad"),
    "digitalisationitem_changed": _("Digitaliseringsinitiativ ändrat"),
    "digitalisationitem_created": _("Digitaliseringsinitiativ tillagt"),
    "digitalisationitem_deleted": _("Digitaliseringsinitiativ borttaget"),
    "excel_imported": _("Excelfil inläst"),
    "goal_assessed": _("Mål bedömt"),
    "goal_changed": _("Mål ändrat"),
    "goal_created": _("Mål tillagt"),
    "indicator_added": _("Indikator tillagd"),
    "indicator_changed": _("Indikator ändrad"),
    "indicator_value_set": _("Indikatorvärde ändrat"),
    "kolada_imported": _("Kolada-data inläst"),
    "kolada_outcomes_taken": _("Utfall hämtade från Kolada"),
    "metric_value_set": _("Följetalsvärde ändrat"),
    "municipality_deleted": _("Kommun borttagen"),
    "plan_adopt": _("Plan fastställd"),
    "premisesneed_changed": _("Lokalbehov ändrat"),
    "premisesneed_created": _("Lokalbehov tillagt"),
    "premisesneed_deleted": _("Lokalbehov borttaget"),
    "plan_copied": _("Plan kopierad till nästa år"),
    "plan_file_imported": _("Planfil inläst"),
    "plan_lock": _("Plan låst"),
    "plan_reopen": _("Plan återöppnad"),
    "plan_revise": _("Plan öppnad för revidering"),
    "plan_submit": _("Plan inlämnad"),
    "plan_text_changed": _("Kapiteltext ändrad"),
    "proposal_decided": _("E-förslag besvarat av nämnden"),
    "proposal_merged": _("E-förslag sammanslaget med ett annat"),
    "proposal_published": _("E-förslag publicerat"),
    "proposal_rejected": _("E-förslag avvisat"),
    "proposal_sent_to_committee": _("E-förslag skickat till nämnden"),
    "proposal_signed": _("E-förslag undertecknat"),
    "proposal_submitted": _("E-förslag inskickat"),
    "occasion_deadline_set": _("Sista dag att rapportera ändrad"),
    "reminder_sent": _("Påminnelse skickad"),
    "reminders_changed": _("Påminnelser på eller av"),
    "report_adopt": _("Rapport fastställd"),
    "report_reopen": _("Rapport återöppnad"),
    "report_revise": _("Rapport öppnad för revidering"),
    "report_submit": _("Rapport inlämnad"),
    "report_text_changed": _("Rapporttext ändrad"),
    "reporter_assigned": _("Rapportör utsedd"),
    "resident_erased": _("Invånares uppgifter raderade"),
    "resident_verified": _("Invånares e-postadress verifierad"),
    "risk_changed": _("Risk ändrad"),
    "risk_created": _("Risk tillagd"),
    "risk_matrix_changed": _("Riskmatris ändrad"),
    "risk_matrix_copied": _("Egen riskmatris skapad"),
    "role_granted": _("Behörighet given"),
    "scale_changed": _("Statusskala ändrad"),
    "scale_copied": _("Egen statusskala skapad"),
    "template_saved": _("Dokumentmall sparad"),
    "user_changed": _("Konto ändrat"),
    "user_created": _("Konto skapat"),
    "user_deleted": _("Konto borttaget"),
    "text_image_added": _("Bild tillagd"),
    "sso_account_linked": _("Konto kopplat till inloggningstjänsten"),
    "sso_mapping_changed": _("Koppling av grupp till roll ändrad"),
    "sso_mapping_created": _("Koppling av grupp till roll tillagd"),
    "sso_mapping_deleted": _("Koppling av grupp till roll borttagen"),
    "sso_role_granted": _("Behörighet given via inloggningstjänsten"),
    "sso_role_revoked": _("Behörighet borttagen via inloggningstjänsten"),
    "synthetic_municipality_generated": _("Syntetisk kommun skapad"),
    "word_base_removed": _("Word-mall borttagen"),
    "word_base_set": _("Word-mall uppladdad"),
    "write_refused": _("Ändring nekad"),
}

FIELDS: dict[str, StrOrPromise] = {
    "kolada_area": _("Kolada-område"),
    "kolada_comparisons": _("jämförelseområden"),
    "kolada_kpi": _("Kolada-nyckeltal"),
    "decimals": _("decimaler"),
    "alt": _("alternativtext"),
    "bytes": _("storlek (byte)"),
    "plan_threshold": _("riktmärke för planen"),
    "label": _("benämning"),
    "label_en": _("benämning på engelska"),
    "colour": _("färg"),
    "moved": _("flyttade uppföljningar"),
    "options": pgettext_lazy("plural", "alternativ"),
    "percent_complete": _("färdiggrad"),
    "responsible_unit": _("ansvarig enhet"),
    "assignment": _("uppdrag"),
    "start": _("start"),
    "end": _("slut"),
    "decided_on": _("beslutsdatum"),
    "template": _("dokumentmall"),
    "version": _("version"),
    "unit": _("enhet"),
    "when": _("när"),
    "priority": _("prioritering"),
    "need": _("behov"),
    "motivation": _("motivering"),
    "key": _("nyckel"),
    "expected_effect": _("förväntad måluppfyllelse"),
    "budget_need": _("budgetbehov"),
    "actions": _("åtgärder"),
    "action": _("försök"),
    "adopted_on": _("fastställd"),
    "amount": _("belopp"),
    "analysis": _("analys"),
    "body": _("organ"),
    "category": _("kategori"),
    "column": _("kolumn"),
    "columns": _("kolumner"),
    "comment": _("kommentar"),
    "consequence": _("väsentlighet"),
    "control_activity": _("kontrollmoment"),
    "description": _("beskrivning"),
    "extra_cost": _("extra kostnad"),
    "extra_cost_note": _("extra kostnad i ord"),
    "extra_cost_unit": _("enhet"),
    "follow_up_method": _("uppföljning"),
    "from": _("från plan"),
    "fulfilment": _("måluppfyllelse"),
    "goal": _("mål"),
    "grade": _("måluppfyllelse"),
    # Translators: a follow-up's comment or analysis kept from residents, in the audit log.
    "internal": _("intern (visas inte för invånare)"),
    "kind": _("slag"),
    "main_process": _("huvudprocess"),
    "minute": _("protokollsparagraf"),
    "municipal_goal": _("kommungemensamt mål"),
    "municipality": _("kommun"),
    "municipality_wide": _("kommungemensam uppföljning"),
    "name": _("namn"),
    "occasion": _("rapporttillfälle"),
    "origin": _("uppdrag från"),
    "period_end": _("genomförande till"),
    "period_note": _("genomförandeperiod"),
    "period_start": _("genomförande från"),
    "polarity": _("riktning"),
    "prerequisite": _("förutsättning"),
    # Translators: an indicator or assignment shown to residents, in the audit log.
    "public": _("offentlig (visas för invånare)"),
    "probability": _("sannolikhet"),
    "refusal": _("skäl"),
    "reporter": _("rapportör"),
    "result": _("resultat"),
    "role": _("roll"),
    "row": _("rad"),
    "start_date": _("startdatum"),
    "starting_point": _("utgångspunkt"),
    "state": _("status"),
    "status": _("status"),
    "strategic_area": _("strategiskt område"),
    "text": _("text"),
    "title": _("rubrik"),
    "user": _("användare"),
    "year": _("år"),
    "units": _("medverkande enheter"),
    "unit_comments": _("enheternas kommentarer"),
    "objects": _("ändrade objekt"),
    "file": _("fil"),
    "created": _("tillagda"),
    "updated": _("ändrade"),
    "deleted": _("borttagna"),
    "username": _("användarnamn"),
    "first_name": _("förnamn"),
    "last_name": _("efternamn"),
    "email": _("e-post"),
    "deadline": _("sista dag att rapportera"),
    "days_before": _("dagar före"),
    "enabled": _("påminnelser"),
    "items": _("ej rapporterat"),
    "recipient": _("mottagare"),
    "is_active": _("aktiv"),
    "is_staff": _("personal"),
    "is_superuser": _("superanvändare"),
    "password": _("lösenord"),
    "inline": _("tabell"),
    "rows": _("rader"),
    "object": _("objekt"),
    "value": _("värde"),
    "kpi": _("Kolada-nyckeltal"),
    "area": _("Kolada-område"),
    # A Kolada import's summary.
    "files": _("filer"),
    "kpis": _("nyckeltal lästa"),
    "kpis_added": _("nyckeltal tillagda"),
    "kpis_updated": _("nyckeltal ändrade"),
    "areas": _("områden lästa"),
    "areas_added": _("områden tillagda"),
    "areas_updated": _("områden ändrade"),
    "values": _("värden lästa"),
    "added": _("värden tillagda"),
    "unchanged": _("värden oförändrade"),
    "withdrawn": _("värden återkallade av Kolada"),
    "refused": _("avvisade"),
    "first_import": _("första inläsningen"),
}

# Words Styr itself writes into entries as values: read in the reader's language.
STORED_WORDS: dict[str, StrOrPromise] = {
    # Translators: a password in the audit log: "lösenord – → ändrat" ("changed").
    "ändrat": _("ändrat"),
    # Translators: an inline row removed in the admin, in the audit log ("removed").
    "borttagen": _("borttagen"),
}
# The keys a plan-file import writes for each object it changed (planfiles.sync).
SYNC_KEYS: dict[str, StrOrPromise] = {
    # Translators: an object a plan-file import added ("added").
    "tillagd": _("tillagd"),
    # Translators: an object a plan-file import changed ("changed").
    "ändrad": _("ändrad"),
    # Translators: the fields a plan-file import changed ("fields").
    "fält": _("fält"),
    "borttagen": _("borttagen"),
}
COMMAND_LINE = "kommandorad: "  # how audit.cli names the operating-system user


def actor_label(name: str) -> str:
    """Who made a change, as the log shows it: a change from the command line without an
    account reads "kommandorad: NAME" in the reader's language."""
    if name.startswith(COMMAND_LINE):
        return gettext("kommandorad: %(user)s") % {"user": name.removeprefix(COMMAND_LINE)}
    return name


def _choice_label(code: str) -> str | None:
    """Plan states, decided versions and value kinds appear as codes in entries; they read as
    the interface names them, in lower case ("adopted" → "fastställd")."""
    from styr.documents.models import VersionKind
    from styr.indicators.models import ValueKind
    from styr.plans.models import PlanState

    for choices in (PlanState, VersionKind, ValueKind):
        if code in choices.values:
            return str(choices(code).label).lower()
    return None


def action_label(code: str) -> str:
    if code in ACTIONS:
        return str(ACTIONS[code])
    if code.startswith("set ") or not code:
        return code
    return code.replace("_", " ").capitalize()


def actions_matching(word: str) -> list[str]:
    """The action codes whose name contains the word (for the log's search), in the reader's
    language or in Swedish."""
    word = word.lower()
    shown = {code: str(label).lower() for code, label in ACTIONS.items()}
    with translation.override(settings.LANGUAGE_CODE):
        swedish = {code: str(label).lower() for code, label in ACTIONS.items()}
    return [code for code in ACTIONS if word in shown[code] or word in swedish[code]]


@dataclass(frozen=True)
class Change:
    field: str
    old: str | None  # None: the field had no old value, or the entry records a single value
    new: str
    changed: bool  # old → new; otherwise `new` is a plain fact about the change


# A number as entries store it ("55.2", "34781"): shown the Swedish way ("55,2", "34 781").
# Whole numbers of four digits are left as they are: most are years.
NBSP, MINUS = "\u00a0", "\u2212"
_NUMBER = re.compile(r"^((?:[≥≤=<>] )?)(-?)(\d+)(?:\.(\d+))?$")


def _text(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nej")
    text = str(value)
    number = _NUMBER.match(text)
    if number is not None and (number.group(4) is not None or len(number.group(3)) > 4):
        comparator, minus, whole, fraction = number.groups()
        grouped = f"{int(whole):,}".replace(",", NBSP) if len(whole) > 4 else whole
        sign = MINUS if minus else ""
        decimals = "," + fraction if fraction is not None else ""
        return f"{comparator}{sign}{grouped}{decimals}"
    if text in STORED_WORDS:
        return str(STORED_WORDS[text])
    return _choice_label(text) or text


LONG_TEXT = 160
CONTEXT_WORDS = 6


def text_diff(old: str, new: str) -> tuple[str, str]:
    """Two long texts as the parts that differ, each with a few words around it (… between
    parts): a chapter text's change shows what changed, not the same opening twice."""
    a, b = old.split(), new.split()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    old_parts: list[str] = []
    new_parts: list[str] = []
    for group in matcher.get_grouped_opcodes(CONTEXT_WORDS):
        first, last = group[0], group[-1]
        old_parts.append(" ".join(a[first[1] : last[2]]))
        new_parts.append(" ".join(b[first[3] : last[4]]))
    return " … ".join(old_parts) or "–", " … ".join(new_parts) or "–"


def _pair(value: Any) -> str:
    """A nested change (a unit's comment, an inline row's field): "old → new"."""
    if isinstance(value, list) and len(value) == 2:
        return f"{_text(value[0])} → {_text(value[1])}"
    return _text(value)


def _listed(item: Any) -> str:
    """One object of a list of changed objects ({"tillagd": "plan …"}), in words."""
    if isinstance(item, dict):
        return ", ".join(
            f"{SYNC_KEYS.get(k, FIELDS.get(k, k))}: {_text(v)}" for k, v in item.items()
        )
    return _text(item)


def describe(changes: dict[str, Any] | Iterable[Any]) -> list[Change]:
    """An entry's changes as rows: field, old value, new value."""
    if not isinstance(changes, dict):
        return []
    rows = []
    for key, value in changes.items():
        field = str(FIELDS.get(key, key.replace("_", " ")))
        if isinstance(value, list) and len(value) == 2:
            old, new = value
            if (
                isinstance(old, str)
                and isinstance(new, str)
                and max(len(old), len(new)) > LONG_TEXT
            ):
                rows.append(Change(field, *text_diff(old, new), True))
            else:
                rows.append(Change(field, _text(old), _text(new), True))
        elif isinstance(value, dict):
            inner = ", ".join(f"{FIELDS.get(k, k)} {_pair(v)}" for k, v in value.items())
            rows.append(Change(field, None, inner, False))
        elif isinstance(value, list):
            rows.append(Change(field, None, "; ".join(_listed(item) for item in value), False))
        else:
            rows.append(Change(field, None, _text(value), False))
    return rows
