"""A municipality's reference data on the web: its status scales, copied from Styr's defaults
and changed by the municipality's administrators."""

import re
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.access.permissions import can_manage_reference, managed_municipalities
from styr.documents.actions import TemplateRefused, do_save_template
from styr.documents.models import DocumentTemplate
from styr.internal_control.actions import MatrixError, do_copy_risk_matrix, do_save_risk_matrix
from styr.internal_control.models import RiskMatrix
from styr.organisation.actions import WORD_BASE_LIMIT, do_remove_word_base, do_set_word_base
from styr.organisation.models import Municipality, WordBase
from styr.scales.actions import OptionInput, ScaleError, do_copy_scale, do_save_scale, uses
from styr.scales.models import Scale, ScaleOption

NEW_ROWS = 2  # empty rows offered for new options


@dataclass
class ScaleRow:
    key: str
    scale: Scale  # the one the municipality uses
    own: bool


def _municipality(request: HttpRequest, key: str) -> Municipality:
    municipality = Municipality.objects.filter(key=key).first()
    if municipality is None:
        raise Http404(_("Kommunen finns inte."))
    if not can_manage_reference(request.user, municipality):
        raise PermissionDenied(_("Referensdata ändras av kommunens administratör."))
    return municipality


def _scales(municipality: Municipality) -> list[ScaleRow]:
    keys = sorted(set(Scale.objects.shipped().values_list("key", flat=True)))
    rows = []
    for key in keys:
        scale = Scale.objects.current(key, municipality)
        rows.append(ScaleRow(key, scale, scale.municipality_id == municipality.pk))
    return rows


@dataclass
class TemplateRow:
    key: str
    template: DocumentTemplate  # the version the municipality uses
    own: bool


def _templates(municipality: Municipality) -> list[TemplateRow]:
    keys = sorted(
        set(DocumentTemplate.objects.for_municipality(municipality).values_list("key", flat=True))
    )
    rows = []
    for key in keys:
        template = DocumentTemplate.objects.current(key, municipality)
        rows.append(TemplateRow(key, template, template.municipality_id == municipality.pk))
    return rows


@dataclass
class MatrixRow:
    key: str
    matrix: RiskMatrix  # the one the municipality's plans get by this key
    own: bool


def _matrices(municipality: Municipality) -> list[MatrixRow]:
    rows = []
    usable = RiskMatrix.objects.for_municipality(municipality)
    for key in sorted(set(usable.values_list("key", flat=True))):
        own = usable.filter(key=key, municipality=municipality).order_by("-version").first()
        matrix = own or usable.filter(key=key).order_by("-version").first()
        assert matrix is not None
        rows.append(MatrixRow(key, matrix, own is not None))
    return rows


def _sections(municipality: Municipality) -> tuple[object, ...]:
    word = WordBase.objects.filter(municipality=municipality).defer("content").first()
    return (
        municipality,
        _scales(municipality),
        _templates(municipality),
        _matrices(municipality),
        word,
    )


@login_required
def reference_home(request: HttpRequest) -> HttpResponse:
    municipalities = list(managed_municipalities(request.user))
    if not municipalities:
        raise PermissionDenied(_("Referensdata ändras av kommunens administratör."))
    return render(
        request,
        "web/reference.html",
        {"municipalities": [_sections(m) for m in municipalities]},
    )


@login_required
@require_POST
def copy_matrix(request: HttpRequest, municipality_key: str, matrix_key: str) -> HttpResponse:
    municipality = _municipality(request, municipality_key)
    try:
        matrix = do_copy_risk_matrix(matrix_key, municipality, acting_user=request.user)
    except MatrixError as exc:
        messages.error(request, str(exc))
        return redirect("web:reference")
    messages.success(
        request,
        _("%(municipality)s har nu en egen %(matrix)s.")
        % {"municipality": municipality.name, "matrix": matrix.name.lower()},
    )
    return redirect(
        "web:reference-matrix", municipality_key=municipality.key, matrix_key=matrix_key
    )


@login_required
def edit_matrix(request: HttpRequest, municipality_key: str, matrix_key: str) -> HttpResponse:
    municipality = _municipality(request, municipality_key)
    matrix = (
        RiskMatrix.objects.filter(key=matrix_key, municipality=municipality)
        .order_by("-version")
        .first()
    )
    if matrix is None:
        raise Http404(_("Kommunen har ingen egen sådan riskmatris; gör en egen kopia först."))
    levels = list(matrix.levels.all())
    error = ""
    if request.method == "POST":
        post = request.POST
        threshold = post.get("plan_threshold", "")
        given = {
            (lv.axis, lv.value): (
                post.get(f"label-{lv.pk}", lv.label),
                post.get(f"label_en-{lv.pk}", lv.label_en),
                post.get(f"description-{lv.pk}", lv.description),
                post.get(f"colour-{lv.pk}", lv.colour).strip(),
            )
            for lv in levels
        }
        try:
            if not re.fullmatch(r"[0-9]{1,4}", threshold.strip()):
                raise MatrixError(_("Riktmärke: ange ett heltal, t.ex. 8."))
            do_save_risk_matrix(
                matrix, plan_threshold=int(threshold), levels=given, acting_user=request.user
            )
        except MatrixError as exc:
            error = str(exc)
        else:
            messages.success(request, _("%(name)s är sparad.") % {"name": matrix.name})
            return redirect(reverse("web:reference-matrix", args=[municipality.key, matrix_key]))
    return render(
        request,
        "web/reference_matrix.html",
        {"municipality": municipality, "matrix": matrix, "levels": levels, "error": error},
        status=400 if error else 200,
    )


@login_required
def edit_template(request: HttpRequest, municipality_key: str, template_key: str) -> HttpResponse:
    """A municipality's own document template as YAML: copying Styr's makes version 1, each
    save the next version; what `styr render` would refuse is refused here, with its line."""
    municipality = _municipality(request, municipality_key)
    try:
        current = DocumentTemplate.objects.current(template_key, municipality)
    except DocumentTemplate.DoesNotExist:
        raise Http404(_("Mallen finns inte.")) from None
    error = ""
    definition = current.definition
    if request.method == "POST":
        definition = request.POST.get("definition", "")
        try:
            saved = do_save_template(
                municipality, template_key, definition, acting_user=request.user
            )
        except TemplateRefused as exc:
            error = str(exc)
        else:
            messages.success(
                request,
                _("%(name)s version %(version)s är sparad.")
                % {"name": saved.name, "version": saved.version},
            )
            return redirect(
                reverse("web:reference-template", args=[municipality.key, template_key])
            )
    versions = DocumentTemplate.objects.filter(municipality=municipality, key=template_key)
    return render(
        request,
        "web/reference_template.html",
        {
            "municipality": municipality,
            "template": current,
            "own": current.municipality_id == municipality.pk,
            "definition": definition,
            "versions": versions.order_by("-version"),
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def copy_scale(request: HttpRequest, municipality_key: str, scale_key: str) -> HttpResponse:
    municipality = _municipality(request, municipality_key)
    if not Scale.objects.shipped().filter(key=scale_key).exists():
        raise Http404(_("Skalan finns inte."))
    try:
        scale = do_copy_scale(scale_key, municipality, acting_user=request.user)
    except ScaleError as exc:
        messages.error(request, str(exc))
        return redirect("web:reference")
    messages.success(
        request,
        _("%(municipality)s har nu en egen %(scale)s.")
        % {"municipality": municipality.name, "scale": scale.name.lower()},
    )
    return redirect("web:reference-scale", municipality_key=municipality.key, scale_key=scale_key)


def _rows(request: HttpRequest) -> list[OptionInput]:
    post = request.POST
    rows = post.get("rows", "")
    count = min(int(rows), 100) if re.fullmatch(r"[0-9]{1,3}", rows) else 0
    return [
        OptionInput(
            key=post.get(f"key-{i}", "").strip(),
            label=post.get(f"label-{i}", ""),
            label_en=post.get(f"label_en-{i}", ""),
            colour=post.get(f"colour-{i}", "").strip(),
            remove=post.get(f"remove-{i}") == "yes",
        )
        for i in range(count)
    ]


@login_required
def edit_scale(request: HttpRequest, municipality_key: str, scale_key: str) -> HttpResponse:
    municipality = _municipality(request, municipality_key)
    scale = Scale.objects.filter(key=scale_key, municipality=municipality).order_by("-version")
    own = scale.first()
    if own is None:
        raise Http404(_("Kommunen har ingen egen sådan skala; gör en egen kopia först."))
    error = ""
    if request.method == "POST":
        try:
            do_save_scale(own, _rows(request), acting_user=request.user)
        except ScaleError as exc:
            error = str(exc)
        else:
            messages.success(request, _("%(name)s är sparad.") % {"name": own.name})
            return redirect(reverse("web:reference-scale", args=[municipality.key, scale_key]))
    options: list[ScaleOption | None] = [*own.options.all(), *([None] * NEW_ROWS)]
    return render(
        request,
        "web/reference_scale.html",
        {
            "municipality": municipality,
            "scale": own,
            "rows": [(o, uses(o) if o else 0) for o in options],
            "count": len(options),
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def word_base(request: HttpRequest, municipality_key: str) -> HttpResponse:
    """Upload (or, with `remove`, take away) the .docx the municipality's Word files use."""
    municipality = _municipality(request, municipality_key)
    if request.POST.get("remove") == "yes":
        do_remove_word_base(municipality, acting_user=request.user)
        messages.success(request, _("Word-dokumenten skrivs åter på Styrs egen mall."))
        return redirect(f"{reverse('web:reference')}#word-{municipality.key}")
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Word-mall: välj en .docx-fil att ladda upp."))
        return redirect(f"{reverse('web:reference')}#word-{municipality.key}")
    if upload.size is not None and upload.size > WORD_BASE_LIMIT:
        messages.error(
            request,
            _("%(name)s: filen är %(size)s KiB; högst %(limit)s KiB.")
            % {"name": upload.name, "size": upload.size // 1024, "limit": WORD_BASE_LIMIT // 1024},
        )
        return redirect(f"{reverse('web:reference')}#word-{municipality.key}")
    try:
        do_set_word_base(
            municipality, upload.name or "mall.docx", upload.read(), acting_user=request.user
        )
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            # Translators: %(municipality)s's Word template ("Marks kommuns Word-mall").
            _("%(name)s är %(municipality)ss Word-mall: nya Word-filer skrivs på den.")
            % {"name": upload.name, "municipality": municipality.name},
        )
    return redirect(f"{reverse('web:reference')}#word-{municipality.key}")
