"""The follow-up page's goals and assignments, each a card with its form, built in Python.

An editor's follow-up page of a large plan has some seventy of them; as included templates,
each card's thirty lookups, translations and filters took most of the page's time. The cards
are the same on the page and in the htmx answer to a save (the partial templates call these
tags too), and everything officials typed is escaped."""

from functools import lru_cache
from typing import Any

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from styr.assignments.actions import report_version_parts
from styr.core.conflicts import version_of
from styr.steering.actions import assessment_version_parts
from styr.web.overview import GoalRow
from styr.web.templatetags.styr_rows import _e, goal_indicator_items, select_options

register = template.Library()


@lru_cache(maxsize=8)
def _words(language: str | None) -> dict[str, str]:
    """The cards' fixed words in the reader's language, translated and escaped once rather
    than once a card. The ones with a %(name)s are escaped after they are filled in."""
    fixed = {
        "status_by": _("Status enligt indikatorerna eller bedömningen:"),
        "assessed": _("(bedömd)"),
        "no_assessment": _("ingen bedömning"),
        "fulfilment": _("Bedömd måluppfyllelse"),
        "no_fulfilment": _("Ingen bedömning (status följer indikatorerna)"),
        "analysis": _("Analys (krävs vid bedömning)"),
        "save_assessment": _("Spara bedömning"),
        "assessment_saved": _("Bedömningen är sparad."),
        "no_status": _("ingen status"),
        "grade": _("Måluppfyllelse"),
        "status": _("Status"),
        "comment": _("Kommentar"),
        "save": _("Spara"),
        "saved": _("Uppgifterna är sparade."),
        "internal_analysis": _("Intern analys – visas inte för invånare"),
        "internal_comment": _("Intern kommentar – visas inte för invånare"),
        # Translators: beside an analysis or comment marked internal, where it is read.
        "internal": _("(intern, visas inte för invånare)"),
    }
    return {
        **{key: _e(text) for key, text in fixed.items()},
        "reporter": _("Rapportör: %(name)s"),
        "start": _("start %(date)s"),
        "status_is": _("Status: %(status)s"),
    }


def _reporter(item: Any, w: dict[str, str]) -> str:
    reporter = item.reporter
    if reporter is None:
        return ""
    name = reporter.get_full_name() or reporter.get_username()
    return f'<p class="muted">{_e(w["reporter"] % {"name": name})}</p>'


def _notes(context: template.Context, saved_text: str) -> str:
    """What the htmx answer to a save says: saved (`saved_text`, escaped), or why not."""
    parts = []
    if context.get("saved"):
        parts.append(f'<p role="status">{saved_text}</p>')
    if context.get("error"):
        parts.append(f'<p class="error" role="alert">{_e(context["error"])}</p>')
    return "\n  ".join(parts)


def _csrf(context: template.Context) -> str:
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{_e(token)}">'


def _form_open(context: template.Context, path: str, target: str, row_class: bool) -> str:
    action = _e(f"{context['fu_base']}{path}")
    css = ' class="row"' if row_class else ""
    return (
        f'<form method="post" action="{action}"{css}\n'
        f'        hx-post="{action}" hx-target="#{target}" hx-swap="outerHTML">\n'
        f"    {_csrf(context)}"
    )


def _previous(context: template.Context, item: Any, fields: tuple[str, str], nothing: str) -> str:
    """What the previous report said of the item: its option (`fields[0]`: a status or an
    assessment) and its text (`fields[1]`), when there is a previous report; `nothing`
    (escaped) when it chose no option."""
    before = getattr(item, "previous", None)
    if not context.get("previous"):
        return ""
    option = getattr(before, fields[0], None) if before is not None else None
    text = getattr(before, fields[1], "") if before is not None else ""
    return (
        f'<p class="muted">{_e(context["previous"].name)}: '
        f"{_e(option.shown) if option is not None else nothing}"
        f"{' · ' + _e(Truncator(text).chars(200)) if text else ''}</p>"
    )


def _internal_box(name: str, pk: int, checked: bool, label: str) -> str:
    """The checkbox that keeps a follow-up's text from residents."""
    return (
        f'<label for="{name}-{pk}"><input type="checkbox" id="{name}-{pk}" name="internal" '
        f'value="ja"{" checked" if checked else ""}> {label}</label>'
    )


def _typed_internal(context: template.Context, stored: bool) -> bool:
    """The mark as the form shows it: as posted after a refused save, else as stored."""
    posted = context.get("draft_internal")
    return bool(posted) if context.get("error") and posted is not None else stored


def _lines(*parts: str) -> str:
    return "\n  ".join(p for p in parts if p)


@register.simple_tag(takes_context=True)
def follow_up_goal(context: template.Context, row: GoalRow) -> SafeString:
    """A goal's card: its status, indicators, the previous report's assessment, and the form
    for its assessment (or the assessment as text)."""
    pk = row.goal.pk
    words, w = context["words"], _words(get_language())
    status = (
        f"<p>{w['status_by']} "
        f'<span class="status status--{_e(row.status)}">{_e(words["goal"].get(row.status, ""))}'
        f"</span>{' ' + w['assessed'] if row.assessed_by_hand else ''}</p>"
    )
    indicators = (
        f'<ul class="indicators">'
        f"{goal_indicator_items(row.indicators, context['indicator_base'], words['indicator'])}"
        f"</ul>"
        if row.indicators
        else ""
    )
    previous = _previous(context, row, ("fulfilment", "analysis"), w["no_assessment"])
    if context.get("can_report") and row.reportable:
        typed = context.get("draft", "") if context.get("error") else row.analysis
        version = version_of(
            *assessment_version_parts(row.fulfilment_key, row.analysis, row.internal)
        )
        internal = _internal_box(
            "analysis-internal", pk, _typed_internal(context, row.internal),
            w["internal_analysis"],
        )  # fmt: skip
        form = (
            f"{_form_open(context, f'mal/{pk}/', f'goal-{pk}', row_class=False)}\n"
            f'    <input type="hidden" name="based_on" value="{_e(version)}">\n'
            f'    <label for="fulfilment-{pk}">{w["fulfilment"]}</label>\n'
            f'    <select id="fulfilment-{pk}" name="fulfilment">\n'
            f'      <option value="">'
            f"{w['no_fulfilment']}</option>\n"
            f"      {select_options(context['fulfilments'], row.fulfilment_key)}\n"
            f"    </select>\n"
            f'    <label for="analysis-{pk}">{w["analysis"]}</label>\n'
            f'    <textarea id="analysis-{pk}" name="analysis" rows="4">{_e(typed)}</textarea>\n'
            f"    {internal}\n"
            f'    <p><button type="submit">{w["save_assessment"]}</button></p>\n'
            f"  </form>"
        )
    else:
        mark = f' <span class="muted">{w["internal"]}</span>' if row.internal else ""
        form = f"<p>{linebreaksbr(row.analysis, autoescape=True)}{mark}</p>" if row.analysis else ""
    return SafeString(
        f'<div id="goal-{pk}" class="card">\n  '
        + _lines(
            f"<h3>{_e(row.goal.title or row.answers_to)}</h3>",
            status,
            _reporter(row.goal, w),
            indicators,
            previous,
            _notes(context, w["assessment_saved"]),
            form,
        )
        + "\n</div>"
    )


@register.simple_tag(takes_context=True)
def follow_up_assignment(context: template.Context, assignment: Any) -> SafeString:
    """An assignment's card: its text, the previous report's status, and the form for its
    status (and grade, at the annual report) and comment (or these as text)."""
    pk = assignment.pk
    w = _words(get_language())
    current = getattr(assignment, "current", None)
    start = (
        " · " + _e(w["start"] % {"date": assignment.start_date.isoformat()})
        if assignment.start_date
        else ""
    )
    previous = _previous(context, assignment, ("status", "comment"), w["no_status"])
    status_key = current.status.key if current is not None and current.status else ""
    grade_key = current.grade.key if current is not None and current.grade else ""
    comment = current.comment if current is not None else ""
    internal = current is not None and current.internal
    if context.get("can_report") and getattr(assignment, "reportable", False):
        # A refused save keeps what was typed (its version stays the stored one's).
        draft = context.get("draft")
        typed = draft if context.get("error") and draft is not None else comment
        box = _internal_box(
            "comment-internal", pk, _typed_internal(context, internal), w["internal_comment"]
        )
        grade = (
            f'\n    <div><label for="grade-{pk}">{w["grade"]}</label>\n'
            f'      <select id="grade-{pk}" name="grade"><option value="">–</option>\n'
            f"      {select_options(context['grades'], grade_key)}</select></div>"
            if context.get("annual")
            else ""
        )
        form = (
            f"{_form_open(context, f'uppdrag/{pk}/', f'assignment-{pk}', row_class=True)}\n"
            f'    <input type="hidden" name="based_on" '
            f'value="{_e(version_of(*report_version_parts(current)))}">\n'
            f'    <div><label for="status-{pk}">{w["status"]}</label>\n'
            f'      <select id="status-{pk}" name="status"><option value="">–</option>\n'
            f"      {select_options(context['statuses'], status_key)}</select></div>{grade}\n"
            f'    <div style="flex:1"><label for="comment-{pk}">{w["comment"]}</label>\n'
            f'      <textarea id="comment-{pk}" name="comment" rows="2">{_e(typed)}</textarea>\n'
            f"      {box}</div>\n"
            f'    <button type="submit">{w["save"]}</button>\n'
            f"  </form>"
        )
    else:
        shown = current.status.shown if current is not None and current.status else "–"
        mark = f' <span class="muted">{w["internal"]}</span>' if comment and internal else ""
        form = (
            f"<p>{_e(w['status_is'] % {'status': shown})}"
            f"{' · ' + _e(comment) if comment else ''}{mark}</p>"
        )
    return SafeString(
        f'<div id="assignment-{pk}" class="card">\n  '
        + _lines(
            f"<p>{_e(assignment.text)}</p>",
            f'<p class="muted">{_e(assignment.get_origin_display())}{start}</p>',
            _reporter(assignment, w),
            previous,
            _notes(context, w["saved"]),
            form,
        )
        + "\n</div>"
    )
