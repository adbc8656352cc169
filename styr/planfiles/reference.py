"""A municipality's reference data as files: its own status scales, risk matrices, document
templates and Word base, written out by `styr reference export` and read back by
`styr reference import`.

The files have the shape of the defaults Styr ships (`styr/scales/reference/`,
`styr/internal_control/reference/`, `styr/documents/reference/`), so a municipality can start
from Styr's file, change it in a text editor and keep it in version control. Every change goes
through the same actions as the *Referensdata* pages on the web: a scale or matrix is copied
from Styr's default the first time, a template is saved as the municipality's next version, and
each is audited. All files are imported, or none.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from styr.audit.actions import Actor
from styr.documents.actions import TemplateRefused, do_save_template
from styr.documents.models import DocumentTemplate
from styr.internal_control.actions import MatrixError, do_copy_risk_matrix, do_save_risk_matrix
from styr.internal_control.models import Axis, RiskMatrix
from styr.organisation.actions import do_set_word_base
from styr.organisation.models import Municipality, WordBase
from styr.planfiles.nodes import Node, PlanFileError, load, quoted
from styr.planfiles.texts import opt_text
from styr.scales.actions import OptionInput, ScaleError, do_copy_scale, do_save_scale
from styr.scales.models import Scale

SCALES_DIR = "skalor"
MATRICES_DIR = "riskmatriser"
TEMPLATES_DIR = "mallar"
WORD_BASE = "word-mall.docx"
_VERSION_LINE = "version:"
_M = TypeVar("_M", bound=models.Model)


@dataclass
class ReferenceResult:
    """What an import changed, as lines for the person who ran it."""

    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _kind(root: Node) -> str:
    keys = set(root.keys())
    if "chapters" in keys:
        return "template"
    if "options" in keys:
        return "scale"
    if "probability" in keys or "consequence" in keys:
        return "matrix"
    raise root.error(
        _(
            "filen är varken en statusskala (options:), en riskmatris (probability: och "
            "consequence:) eller en dokumentmall (chapters:)"
        )
    )


def _import_scale(root: Node, municipality: Municipality, acting_user: Actor) -> str | None:
    root.check_keys({"key", "version", "name", "options"})
    key_node = root.req("key")
    key = key_node.text().strip()
    if not Scale.objects.shipped().filter(key=key).exists():
        known = ", ".join(sorted(set(Scale.objects.shipped().values_list("key", flat=True))))
        raise key_node.error(
            _("Styr har ingen skala %(key)s (skalorna är %(known)s)")
            % {"key": quoted(key[:64]), "known": known}
        )
    own = Scale.objects.filter(key=key, municipality=municipality).order_by("-version").first()
    if own is None:
        own = do_copy_scale(key, municipality, acting_user=acting_user)
    existing = set(own.options.values_list("key", flat=True))
    options = root.req("options")
    rows: list[OptionInput] = []
    items = options.list()
    for item in items:
        item.check_keys({"key", "label", "label_en", "colour"})
        option_key = item.get("key")
        name = option_key.text().strip() if option_key else ""
        rows.append(
            OptionInput(
                key=name if name in existing else "",
                new_key="" if name in existing else name,
                label=item.req("label").text(),
                label_en=opt_text(item, "label_en"),
                colour=opt_text(item, "colour"),
            )
        )
    named = {r.key for r in rows}
    rows += [OptionInput(key=k, label="", remove=True) for k in sorted(existing - named)]
    before = _scale_state(own)
    try:
        do_save_scale(own, rows, acting_user=acting_user)
    except ScaleError as exc:
        # The action counts rows as the form shows them; here a row is the file's option.
        row = re.match(r"Rad (\d+): (.*)", str(exc), re.DOTALL)
        if row and int(row[1]) <= len(items):
            raise items[int(row[1]) - 1].error(row[2]) from None
        raise options.error(str(exc)) from None
    return None if _scale_state(own) == before else f"skalan {key}"


def _scale_state(scale: Scale) -> list[tuple[str, str, str, str]]:
    return [(o.key, o.label, o.label_en, o.colour) for o in scale.options.all()]


def _import_matrix(root: Node, municipality: Municipality, acting_user: Actor) -> str | None:
    root.check_keys({"key", "version", "name", "plan_threshold", "probability", "consequence"})
    key_node = root.req("key")
    key = key_node.text().strip()
    shipped = RiskMatrix.objects.filter(key=key, municipality__isnull=True)
    if not shipped.exists():
        known = ", ".join(
            sorted(
                set(
                    RiskMatrix.objects.filter(municipality__isnull=True).values_list(
                        "key", flat=True
                    )
                )
            )
        )
        raise key_node.error(
            _("Styr har ingen riskmatris %(key)s (matriserna är %(known)s)")
            % {"key": quoted(key[:64]), "known": known}
        )
    own = RiskMatrix.objects.filter(key=key, municipality=municipality).order_by("-version").first()
    if own is None:
        own = do_copy_risk_matrix(key, municipality, acting_user=acting_user)
    stored = {(lv.axis, lv.value) for lv in own.levels.all()}
    levels: dict[tuple[str, int], tuple[str, str, str, str]] = {}
    for axis in Axis.values:
        for item in root.req(axis).list():
            item.check_keys({"value", "label", "label_en", "description", "colour"})
            value = item.req("value").integer(minimum=0, maximum=100)
            if (axis, value) not in stored:
                raise item.error(
                    _(
                        "matrisen har ingen nivå %(level)s på axeln %(axis)s; nivåerna är Styrs "
                        "och ändras inte, bara deras ord och färger"
                    )
                    % {"level": value, "axis": Axis(axis).label.lower()}
                )
            if (axis, value) in levels:
                raise item.error(_("nivå %(level)s står två gånger") % {"level": value})
            levels[(axis, value)] = (
                item.req("label").text(),
                opt_text(item, "label_en"),
                opt_text(item, "description"),
                opt_text(item, "colour"),
            )
        missing = sorted(v for (a, v) in stored if a == axis and (a, v) not in levels)
        if missing:
            raise root.req(axis).error(
                ngettext("nivå %(levels)s saknas", "nivå %(levels)s saknas", len(missing))
                % {"levels": ", ".join(map(str, missing))}
            )
    threshold = root.req("plan_threshold")
    before = _matrix_state(own)
    try:
        do_save_risk_matrix(
            own, plan_threshold=threshold.integer(minimum=0), levels=levels,
            acting_user=acting_user,
        )  # fmt: skip
    except MatrixError as exc:
        raise threshold.error(str(exc)) from None
    own.refresh_from_db()
    return None if _matrix_state(own) == before else f"riskmatrisen {key}"


def _matrix_state(matrix: RiskMatrix) -> tuple[object, ...]:
    levels = [
        (lv.axis, lv.value, lv.label, lv.label_en, lv.description, lv.colour)
        for lv in matrix.levels.all()
    ]
    return (matrix.plan_threshold, levels)


def _without_version(text: str) -> list[str]:
    return [
        line for line in text.replace("\r\n", "\n").strip().split("\n")
        if not line.startswith(_VERSION_LINE)
    ]  # fmt: skip


def _import_template(
    root: Node, text: str, municipality: Municipality, acting_user: Actor
) -> str | None:
    key_node = root.req("key")
    key = key_node.text().strip()
    newest = (
        DocumentTemplate.objects.filter(municipality=municipality, key=key)
        .order_by("-version")
        .first()
    )
    if newest is not None and _without_version(newest.definition) == _without_version(text):
        return None
    try:
        saved = do_save_template(municipality, key, text, acting_user=acting_user)
    except TemplateRefused as exc:
        # The template's own checks name its file by key; name the file that was given.
        message = str(exc).removeprefix(f"{key}.yaml:").strip()
        raise PlanFileError(root.file, None, "", message) from None
    return f"mallen {key} (version {saved.version})"


def do_import_reference_files(
    paths: Sequence[Path], municipality: Municipality, *, acting_user: Actor
) -> ReferenceResult:
    """Import a municipality's reference files, all or nothing. A file that changes nothing
    (the same words, the same template) writes nothing, so importing twice is harmless."""
    result = ReferenceResult()
    with transaction.atomic():
        for path in paths:
            if path.suffix.lower() == ".docx":
                try:
                    content = path.read_bytes()
                    do_set_word_base(municipality, path.name, content, acting_user=acting_user)
                except OSError as exc:
                    raise PlanFileError(
                        path.name,
                        None,
                        "",
                        _("kan inte läsas: %(reason)s") % {"reason": exc.strerror},
                    ) from None
                except ValueError as exc:
                    raise PlanFileError(
                        path.name, None, "", str(exc).removeprefix(f"{path.name}: ")
                    ) from None
                result.changed.append(f"Word-mallen {path.name}")
                continue
            root = load(path)
            kind = _kind(root)
            if kind == "template":
                what = _import_template(
                    root, path.read_text(encoding="utf-8"), municipality, acting_user
                )
            elif kind == "scale":
                what = _import_scale(root, municipality, acting_user)
            else:
                what = _import_matrix(root, municipality, acting_user)
            (result.changed if what else result.unchanged).append(what or path.name)
    return result


def _dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def export_reference_files(municipality: Municipality, directory: Path) -> list[Path]:
    """Write the municipality's own reference data: each scale and risk matrix it has copied,
    the newest version of each of its templates, and its Word base. Returns the files."""
    written: list[Path] = []

    def write(relative: str, content: str | bytes) -> None:
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        written.append(path)

    for scale in _newest(Scale.objects.filter(municipality=municipality)):
        options = [
            {"key": o.key, "label": o.label, "label_en": o.label_en, "colour": o.colour}
            for o in scale.options.all()
        ]
        data = {"key": scale.key, "version": scale.version, "name": scale.name, "options": options}
        write(f"{SCALES_DIR}/{scale.key}.yaml", _dump(data))
    for matrix in _newest(RiskMatrix.objects.filter(municipality=municipality)):
        matrix_data: dict[str, object] = {
            "key": matrix.key, "version": matrix.version, "name": matrix.name,
            "plan_threshold": matrix.plan_threshold,
        }  # fmt: skip
        for axis in Axis.values:
            matrix_data[axis] = [
                {"value": lv.value, "label": lv.label, "label_en": lv.label_en,
                 "description": lv.description, "colour": lv.colour}
                for lv in matrix.levels.filter(axis=axis).order_by("value")
            ]  # fmt: skip
        write(f"{MATRICES_DIR}/{matrix.key}.yaml", _dump(matrix_data))
    for template in _newest(DocumentTemplate.objects.filter(municipality=municipality)):
        text = template.definition
        write(f"{TEMPLATES_DIR}/{template.key}.yaml", text if text.endswith("\n") else text + "\n")
    base = WordBase.objects.filter(municipality=municipality).first()
    if base is not None:
        write(WORD_BASE, bytes(base.content))
    return written


def _newest(queryset: QuerySet[_M]) -> list[_M]:
    newest: dict[str, _M] = {}
    for obj in queryset.order_by("key", "version"):
        newest[obj.key] = obj  # type: ignore[attr-defined]
    return list(newest.values())
