"""Importing plan files: the one way plan files change the database."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from styr.audit.actions import Actor, record
from styr.documents.actions import FreezeError, do_freeze_decided
from styr.indicators.rollup import keep_current
from styr.planfiles import municipality_file, plan_file
from styr.planfiles.guard import DecisionRefused
from styr.planfiles.nodes import Node, PlanFileError, load, quoted
from styr.planfiles.sync import Tally
from styr.plans.models import Plan
from styr.steering.models import MunicipalPlan


@dataclass
class ImportResult:
    municipal_plans: list[MunicipalPlan]
    plans: list[Plan]
    tally: Tally


def _format_of(node: Node) -> str:
    fmt = node.req("format")
    value = fmt.text().strip()
    if value not in (municipality_file.FORMAT, plan_file.FORMAT):
        raise fmt.error(
            _("%(value)s är inget planfilsformat som Styr känner till (skriv %(municipality)s "
              "eller %(plan)s)")
            % {"value": quoted(value), "municipality": municipality_file.FORMAT,
               "plan": plan_file.FORMAT}
        )  # fmt: skip
    return value


def _freeze_if_decided(doc: Node, plan: Plan, acting_user: Actor) -> None:
    """A plan that arrives adopted is a decision made elsewhere: its documents are frozen as
    the decided version, as if it had been adopted here."""
    if not plan.is_frozen:
        return
    try:
        do_freeze_decided(plan, acting_user=acting_user)
    except FreezeError as exc:
        raise PlanFileError(doc.file, None, "adopted_on", str(exc)) from None


def _in_order(documents: list[Node]) -> list[Node]:
    """The documents in the order their results are listed: municipality files, then plans."""
    return [d for d in documents if _format_of(d) == municipality_file.FORMAT] + [
        d for d in documents if _format_of(d) != municipality_file.FORMAT
    ]


def do_import_plan_files(
    paths: Sequence[Path],
    *,
    acting_user: AbstractBaseUser | AnonymousUser | None,
    prune: bool = False,
) -> ImportResult:
    """Import plan files, all or nothing.

    Every file is read and checked for YAML syntax first; then, in one transaction, the
    municipality files are applied before the plan files that refer to them. Any error rolls
    the whole import back and is raised as a PlanFileError naming file, line and field.
    Objects that the files no longer have are deleted only with `prune`; without it the import
    is refused with a list of them, so nothing added elsewhere is lost unnoticed.
    """
    documents = [load(path) for path in paths]
    ordered = sorted(documents, key=lambda d: _format_of(d) != municipality_file.FORMAT)
    tally = Tally(prune=prune)
    result = ImportResult([], [], tally)
    current: Node | None = None
    try:
        with transaction.atomic():
            for doc in ordered:
                current = doc
                if _format_of(doc) == municipality_file.FORMAT:
                    result.municipal_plans.append(
                        municipality_file.import_municipality_file(doc, tally)
                    )
                else:
                    result.plans.append(plan_file.import_plan_file(doc, tally))
                    _freeze_if_decided(doc, result.plans[-1], acting_user)
            current = None
            # A file writes goals, links, values and assessments directly: count every plan of
            # its bodies again (values belong to the body, so other years' plans read them).
            bodies = {p.body_id for p in result.plans}
            keep_current(Plan.objects.filter(body__in=bodies).values_list("pk", flat=True))
            for file, listed in tally.withheld.items():
                shown = "; ".join(listed[:10]) + (
                    _("; och %(count)s till") % {"count": len(listed) - 10}
                    if len(listed) > 10
                    else ""
                )
                raise PlanFileError(
                    file, None, "",
                    _("filen saknar det här som finns i Styr: %(missing)s. Inget har lästs in. "
                      "Lägg tillbaka dem i filen, eller läs in med --prune för att ta bort dem.")
                    % {"missing": shown},
                )  # fmt: skip
            for obj, doc in zip([*result.municipal_plans, *result.plans], _in_order(ordered),
                                strict=True):  # fmt: skip
                # Each file's entry holds its own change set, object by object.
                record(
                    "plan_file_imported",
                    acting_user=acting_user,
                    obj=obj,
                    changes={**tally.as_dict(), "file": doc.file,
                             "objects": tally.log.get(doc.file, [])},
                )  # fmt: skip
    except DecisionRefused as exc:
        # The import rolled back; the attempt on a decided plan is history all the same.
        with transaction.atomic():
            record(
                "write_refused",
                acting_user=acting_user,
                obj=exc.plan,
                changes={"action": "import plan file", "state": exc.plan.state,
                         "refusal": str(exc)[:500]},
            )  # fmt: skip
        raise
    except ProtectedError as exc:
        file = current.file if current else ""
        names = ", ".join(sorted({str(o) for o in exc.protected_objects})[:3])
        raise PlanFileError(
            file, None, "",
            _("filen saknar något som fortfarande används av: %(users)s, så det kan inte tas "
              "bort. Behåll det i filen, eller ta först bort det som använder det.")
            % {"users": names},
        ) from None  # fmt: skip
    except (IntegrityError, DatabaseError) as exc:
        file = current.file if current else ""
        raise PlanFileError(
            file, None, "", _("databasen tog inte emot uppgifterna: %(error)s") % {"error": exc}
        ) from None
    return result
