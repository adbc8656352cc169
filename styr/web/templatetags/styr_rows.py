"""The rows a large plan repeats hundreds of times, and the start page's cards, built in Python.

A plan of fifty goals has some 250 indicators, and the plan page, the follow-up page and the
indicator table each show every one. Written as template markup, each row's dozen lookups and
filters took a third of those pages' time; built here with format_html, as Django's admin
builds its change list, the same markup costs a fraction; plain f-strings with every value
escaped cost a fraction of format_html again. The markup is the templates' own: what each row
shows is unchanged, and everything in it is escaped."""

import html
from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from styr.documents.sections.goals import goal_name
from styr.web.indicator_list import Line
from styr.web.overview import GoalRow, IndicatorRow

register = template.Library()


def _e(text: object) -> str:
    """Escaped as Django's `escape` escapes (it calls the same function), without the lazy-text
    check and the SafeString that Django wraps around each of a row's values."""
    return html.escape(str(text))


def _status(item: IndicatorRow, words: dict[str, str]) -> str:
    status = item.assessment.status.value
    return f'<span class="status status--{status}">{_e(words.get(status, ""))}</span>'


def _findings(item: IndicatorRow) -> str:
    return "".join(f'<div class="finding">{_e(m)}</div>' for m in item.findings)


@register.simple_tag
def goal_indicator_rows(
    items: Iterable[IndicatorRow], indicator_base: str, words: dict[str, str]
) -> SafeString:
    """A goal's indicators on the plan page: name (with what `styr check` says of it), result,
    target and status, a table row each."""
    base = _e(indicator_base)
    return SafeString(
        "\n".join(
            f'<tr><th scope="row"><a href="{base}{item.indicator.pk}/">{_e(item.indicator.name)}'
            f"</a>{_findings(item)}</th>"
            f'<td class="num">{_e(item.result_text)}</td><td class="num">{_e(item.target_text)}'
            f"</td><td>{_status(item, words)}</td></tr>"
            for item in items
        )
    )


@register.simple_tag
def plan_goal_cards(
    rows: Iterable[GoalRow], year: int, indicator_base: str, words: dict[str, dict[str, str]]
) -> SafeString:
    """The plan page's card for each goal: what it answers to, its status and its indicators'
    table. The words every card repeats are translated once."""
    status_label, assessed = _e(_("Målstatus:")), _e(_("(bedömd)"))
    caption = _e(_("Indikatorer för målet, %(year)s") % {"year": year})
    # Outside the f-string: makemessages does not read calls inside one.
    indicator, result = _e(_("Indikator")), _e(_("Resultat"))
    target, state = _e(pgettext("indicator value", "Mål")), _e(_("Status"))
    headings = (
        f'<thead><tr><th scope="col">{indicator}</th><th scope="col" class="num">{result}</th>'
        f'<th scope="col" class="num">{target}</th><th scope="col">{state}</th></tr></thead>'
    )
    goal_words = words["goal"]

    def card(row: GoalRow) -> str:
        pk, title = row.goal.pk, row.goal.title
        table = (
            f'\n    <table>\n      <caption class="muted">{caption}</caption>\n'
            f"      {headings}\n      <tbody>\n"
            f"      {goal_indicator_rows(row.indicators, indicator_base, words['indicator'])}\n"
            f"      </tbody>\n    </table>"
            if row.indicators
            else ""
        )
        return (
            f'<article class="card" aria-labelledby="goal-{pk}">\n'
            f'    <h3 id="goal-{pk}">{_e(title or row.answers_to)}</h3>\n'
            + (f'    <p class="muted">{_e(row.answers_to)}</p>\n' if title else "")
            + f'    <p>{status_label} <span class="status status--{_e(row.status)}">'
            f"{_e(goal_words.get(row.status, ''))}</span>"
            f"{' ' + assessed if row.assessed_by_hand else ''}</p>{table}\n  </article>"
        )

    return SafeString("\n  ".join(card(row) for row in rows))


@register.simple_tag
def goal_indicator_items(
    items: Iterable[IndicatorRow], indicator_base: str, words: dict[str, str]
) -> SafeString:
    """A goal's indicators on the follow-up page: a list item each with result and target."""
    base = _e(indicator_base)
    return SafeString(
        "".join(
            f'<li><a href="{base}{item.indicator.pk}/">{_e(item.indicator.name)}</a>: '
            f"{_e(item.result_text or '–')}{_e(f' {note}' if (note := item.target_note) else '')}"
            f" {_status(item, words)}</li>"
            for item in items
        )
    )


@register.simple_tag
def indicator_table_rows(
    lines: Iterable[Line], indicator_base: str, goals_url: str, words: dict[str, str]
) -> SafeString:
    """The plan's indicator table: indicator, its goal, result, target, status and source."""
    names: dict[int, str] = {}  # a goal's name, worked out once for its indicators' rows
    base, goals = _e(indicator_base), _e(goals_url)

    def goal(line: Line) -> str:
        pk = line.goal.goal.pk
        return names.get(pk) or names.setdefault(pk, _e(goal_name(line.goal.goal)))

    return SafeString(
        "\n".join(
            f'<tr><th scope="row"><a href="{base}{line.row.indicator.pk}/">'
            f"{_e(line.row.indicator.name)}</a></th>"
            f'<td><a href="{goals}#g-{line.goal.goal.pk}">{goal(line)}</a></td>'
            f'<td class="num">{_e(line.row.result_text or "–")}</td>'
            f'<td class="num">{_e(line.row.target_text or "–")}</td>'
            f"<td>{_status(line.row, words)}</td><td>{_e(line.row.indicator.source)}</td></tr>"
            for line in lines
        )
    )


@register.simple_tag
def select_options(options: Iterable[Any], selected: object, by: str = "key") -> SafeString:
    """A scale's options for a select, the one whose `by` (key or pk) is `selected` chosen. The
    follow-up page repeats the same scale in each item's form: seventy forms on a large plan."""
    return SafeString(
        "".join(
            f'<option value="{_e(o.key)}"{" selected" if getattr(o, by) == selected else ""}>'
            f"{_e(o.shown)}</option>"
            for o in options
        )
    )


@register.simple_tag
def body_cards(rows: Iterable[dict[str, Any]]) -> SafeString:
    """The start page's card for each body: its plans, their report occasions and how its goals
    stand. The executive board's oversight sees every body of the municipality: forty cards of
    some five links each, which as template markup took half the page's time."""
    editor = _e(" · " + _("du är redaktör"))
    goals_label = _e(_("Mål:"))
    no_plan = "<p>" + _e(_("Ingen plan ännu.")) + "</p>"

    def goals(row: dict[str, Any]) -> str:
        if not row["goals"]:
            return ""
        words = row["words"]
        counts = "".join(
            f'<span class="status status--{_e(status)}">{_e(words.get(status))}: {n}</span> '
            for status, n in row["goals"].items()
            if n
        )
        return f"<p>{goals_label} {counts}</p>"

    def occasion(item: Any) -> str:
        shown = f'<a href="{_e(item.url)}">{_e(item.name)}</a>' if item.url else _e(item.name)
        return f"<li>{shown}{' ' + _e(item.as_of) if item.as_of else ''}</li>"

    def plans(row: dict[str, Any]) -> str:
        if not row["plans"]:
            return no_plan
        return "\n".join(
            f'<p><a href="{_e(plan.url)}">{_e(plan.title)}</a> – {_e(plan.get_state_display())}'
            f"</p>\n<ul>{''.join(occasion(o) for o in plan.occasions.all())}</ul>"
            for plan in row["plans"]
        )

    def card(row: dict[str, Any]) -> str:
        body = row["body"]
        return (
            f'<section class="card" aria-labelledby="organ-{body.pk}"><h2 id="organ-{body.pk}">'
            f'<a href="{_e(row["url"])}">{_e(body.name)}</a></h2>\n<p class="muted">'
            f"{_e(body.municipality.name)} · {_e(body.get_kind_display())}"
            f"{editor if row['editable'] else ''}</p>\n{goals(row)}{plans(row)}</section>"
        )

    return SafeString("\n".join(card(row) for row in rows))
