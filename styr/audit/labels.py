"""How audit entries read to people: Swedish names for actions and changed fields.

Entries store stable codes (`assignment_reported`, `{"comment": [old, new]}`) so that the
trail never depends on wording; the wording lives here.
"""

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

ACTIONS = {
    "activity_changed": "Aktivitet ändrad",
    "activity_created": "Aktivitet tillagd",
    "activity_reported": "Aktivitet rapporterad",
    "admin_changed": "Ändrat i administrationen",
    "admin_created": "Skapat i administrationen",
    "admin_deleted": "Borttaget i administrationen",
    "admin_inline_changed": "Del ändrad i administrationen",
    "assignment_changed": "Uppdrag ändrat",
    "assignment_created": "Uppdrag tillagt",
    "assignment_reported": "Uppdrag rapporterat",
    "budget_amount_set": "Budgetbelopp ändrat",
    "budget_follow_up_prepared": "Uppföljningskolumner tillagda i budgeten",
    "control_result_recorded": "Kontrollresultat rapporterat",
    "competenceneed_changed": "Kompetensbehov ändrat",
    "competenceneed_created": "Kompetensbehov tillagt",
    "competenceneed_deleted": "Kompetensbehov borttaget",
    "demo_account_created": "Demokonto skapat",
    "document_frozen": "Beslutad version sparad",
    "digitalisationitem_changed": "Digitaliseringsinitiativ ändrat",
    "digitalisationitem_created": "Digitaliseringsinitiativ tillagt",
    "digitalisationitem_deleted": "Digitaliseringsinitiativ borttaget",
    "excel_imported": "Excelfil inläst",
    "goal_assessed": "Mål bedömt",
    "goal_changed": "Mål ändrat",
    "goal_created": "Mål tillagt",
    "indicator_added": "Indikator tillagd",
    "indicator_changed": "Indikator ändrad",
    "indicator_value_set": "Indikatorvärde ändrat",
    "kolada_imported": "Kolada-data inläst",
    "kolada_outcomes_taken": "Utfall hämtade från Kolada",
    "metric_value_set": "Följetalsvärde ändrat",
    "municipality_deleted": "Kommun borttagen",
    "plan_adopt": "Plan fastställd",
    "premisesneed_changed": "Lokalbehov ändrat",
    "premisesneed_created": "Lokalbehov tillagt",
    "premisesneed_deleted": "Lokalbehov borttaget",
    "plan_copied": "Plan kopierad till nästa år",
    "plan_file_imported": "Planfil inläst",
    "plan_lock": "Plan låst",
    "plan_reopen": "Plan återöppnad",
    "plan_revise": "Plan öppnad för revidering",
    "plan_submit": "Plan inlämnad",
    "plan_text_changed": "Kapiteltext ändrad",
    "report_adopt": "Rapport fastställd",
    "report_reopen": "Rapport återöppnad",
    "report_revise": "Rapport öppnad för revidering",
    "report_submit": "Rapport inlämnad",
    "report_text_changed": "Rapporttext ändrad",
    "reporter_assigned": "Rapportör utsedd",
    "risk_changed": "Risk ändrad",
    "risk_created": "Risk tillagd",
    "risk_matrix_changed": "Riskmatris ändrad",
    "risk_matrix_copied": "Egen riskmatris skapad",
    "role_granted": "Behörighet given",
    "scale_changed": "Statusskala ändrad",
    "scale_copied": "Egen statusskala skapad",
    "template_saved": "Dokumentmall sparad",
    "user_changed": "Konto ändrat",
    "user_created": "Konto skapat",
    "user_deleted": "Konto borttaget",
    "text_image_added": "Bild tillagd",
    "synthetic_municipality_generated": "Syntetisk kommun skapad",
    "word_base_removed": "Word-mall borttagen",
    "word_base_set": "Word-mall uppladdad",
    "write_refused": "Ändring nekad",
}

FIELDS = {
    "kolada_area": "Kolada-område",
    "kolada_comparisons": "jämförelseområden",
    "kolada_kpi": "Kolada-nyckeltal",
    "decimals": "decimaler",
    "alt": "alternativtext",
    "bytes": "storlek (byte)",
    "plan_threshold": "riktmärke för planen",
    "moved": "flyttade uppföljningar",
    "options": "alternativ",
    "percent_complete": "färdiggrad",
    "responsible_unit": "ansvarig enhet",
    "assignment": "uppdrag",
    "start": "start",
    "end": "slut",
    "decided_on": "beslutsdatum",
    "template": "dokumentmall",
    "version": "version",
    "unit": "enhet",
    "when": "när",
    "priority": "prioritering",
    "need": "behov",
    "motivation": "motivering",
    "key": "nyckel",
    "expected_effect": "förväntad måluppfyllelse",
    "budget_need": "budgetbehov",
    "actions": "åtgärder",
    "action": "försök",
    "adopted_on": "fastställd",
    "amount": "belopp",
    "analysis": "analys",
    "body": "organ",
    "category": "kategori",
    "column": "kolumn",
    "columns": "kolumner",
    "comment": "kommentar",
    "consequence": "väsentlighet",
    "control_activity": "kontrollmoment",
    "description": "beskrivning",
    "extra_cost": "extra kostnad",
    "extra_cost_note": "extra kostnad i ord",
    "extra_cost_unit": "enhet",
    "follow_up_method": "uppföljning",
    "from": "från plan",
    "fulfilment": "måluppfyllelse",
    "goal": "mål",
    "grade": "måluppfyllelse",
    "kind": "slag",
    "main_process": "huvudprocess",
    "minute": "protokollsparagraf",
    "municipal_goal": "kommungemensamt mål",
    "municipality": "kommun",
    "municipality_wide": "kommungemensam uppföljning",
    "name": "namn",
    "occasion": "rapporttillfälle",
    "origin": "uppdrag från",
    "period_end": "genomförande till",
    "period_note": "genomförandeperiod",
    "period_start": "genomförande från",
    "polarity": "riktning",
    "prerequisite": "förutsättning",
    "probability": "sannolikhet",
    "refusal": "skäl",
    "reporter": "rapportör",
    "result": "resultat",
    "role": "roll",
    "row": "rad",
    "start_date": "startdatum",
    "starting_point": "utgångspunkt",
    "state": "status",
    "status": "status",
    "strategic_area": "strategiskt område",
    "text": "text",
    "title": "rubrik",
    "user": "användare",
    "year": "år",
    "units": "medverkande enheter",
    "unit_comments": "enheternas kommentarer",
    "objects": "ändrade objekt",
    "file": "fil",
    "created": "tillagda",
    "updated": "ändrade",
    "deleted": "borttagna",
    "username": "användarnamn",
    "first_name": "förnamn",
    "last_name": "efternamn",
    "email": "e-post",
    "is_active": "aktiv",
    "is_staff": "personal",
    "is_superuser": "superanvändare",
    "password": "lösenord",
    "inline": "tabell",
    "rows": "rader",
    "object": "objekt",
    "value": "värde",
    "kpi": "Kolada-nyckeltal",
    "area": "Kolada-område",
    # A Kolada import's summary.
    "files": "filer",
    "kpis": "nyckeltal lästa",
    "kpis_added": "nyckeltal tillagda",
    "kpis_updated": "nyckeltal ändrade",
    "areas": "områden lästa",
    "areas_added": "områden tillagda",
    "areas_updated": "områden ändrade",
    "values": "värden lästa",
    "added": "värden tillagda",
    "unchanged": "värden oförändrade",
    "withdrawn": "värden återkallade av Kolada",
    "refused": "avvisade",
    "first_import": "första inläsningen",
}

# Plan states and steps appear as values in entries; they read as the interface names them.
VALUES = {
    "outcome": "utfall",
    "interim_outcome": "utfall delår",
    "forecast": "prognos",
    "target": "mål",
    "draft": "utkast",
    "submitted": "inlämnad",
    "adopted": "fastställd",
    "locked": "låst",
    "revision": "reviderad",
}


def action_label(code: str) -> str:
    if code in ACTIONS:
        return ACTIONS[code]
    if code.startswith("set ") or not code:
        return code
    return code.replace("_", " ").capitalize()


def actions_matching(word: str) -> list[str]:
    """The action codes whose Swedish name contains the word (for the log's search)."""
    word = word.lower()
    return [code for code, label in ACTIONS.items() if word in label.lower()]


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
        return "ja" if value else "nej"
    text = str(value)
    number = _NUMBER.match(text)
    if number is not None and (number.group(4) is not None or len(number.group(3)) > 4):
        comparator, minus, whole, fraction = number.groups()
        grouped = f"{int(whole):,}".replace(",", NBSP) if len(whole) > 4 else whole
        sign = MINUS if minus else ""
        decimals = "," + fraction if fraction is not None else ""
        return f"{comparator}{sign}{grouped}{decimals}"
    return VALUES.get(text, text)


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


def describe(changes: dict[str, Any] | Iterable[Any]) -> list[Change]:
    """An entry's changes as rows: field, old value, new value."""
    if not isinstance(changes, dict):
        return []
    rows = []
    for key, value in changes.items():
        field = FIELDS.get(key, key.replace("_", " "))
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
        else:
            rows.append(Change(field, None, _text(value), False))
    return rows
