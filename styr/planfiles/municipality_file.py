"""Importing a municipality file: the organisation and the council's steering for a year."""

from django.utils.translation import gettext as _

from styr.organisation.models import Administration, Body, BodyKind, Municipality, Unit
from styr.planfiles.keys import KeyRegistry
from styr.planfiles.nodes import Node, quoted
from styr.planfiles.sync import Tally, delete_missing, upsert
from styr.planfiles.texts import opt_text, req_text
from styr.steering.models import (
    CouncilText,
    MunicipalGoal,
    MunicipalPlan,
    Prerequisite,
    StartingPoint,
    SteeringItemBase,
    StrategicArea,
)

FORMAT = "styr/municipality/1"
FIELDS = {
    "format", "municipality", "year", "title", "bodies", "vision", "core_values",
    "strategic_areas", "municipal_goals", "prerequisites", "starting_points", "texts",
}  # fmt: skip


def import_municipality_file(root: Node, tally: Tally) -> MunicipalPlan:
    root.check_keys(FIELDS)
    m = root.req("municipality")
    m.check_keys({"key", "name", "kolada_id"})
    key_node = m.req("key")
    key = KeyRegistry("municipalities").take(m, key_node.text())
    kolada = m.get("kolada_id")
    kolada_id = kolada.text().strip() if kolada else ""
    if kolada is not None and not (kolada_id.isdigit() and len(kolada_id) == 4):
        raise kolada.error(
            _("%(value)s är inget Kolada-område (fyra siffror, t.ex. %(example)s)")
            % {"value": quoted(kolada_id), "example": "1463"}
        )
    municipality = upsert(
        tally, Municipality, {"key": key}, {"name": req_text(m, "name"), "kolada_id": kolada_id}
    )
    _import_bodies(root, municipality, tally)

    year = root.req("year").year()
    municipal_plan = upsert(
        tally,
        MunicipalPlan,
        {"municipality": municipality, "year": year},
        {
            "title": opt_text(root, "title"),
            "vision": opt_text(root, "vision"),
            "core_values": opt_text(root, "core_values"),
        },
    )
    areas: dict[str, SteeringItemBase] = _import_items(
        root, "strategic_areas", StrategicArea, municipal_plan, tally
    )
    _import_items(root, "municipal_goals", MunicipalGoal, municipal_plan, tally, areas)
    _import_items(root, "prerequisites", Prerequisite, municipal_plan, tally)
    _import_items(root, "starting_points", StartingPoint, municipal_plan, tally)
    _import_texts(root, municipal_plan, tally)
    return municipal_plan


def _import_bodies(root: Node, municipality: Municipality, tally: Tally) -> None:
    nodes = root.get("bodies")
    if nodes is None:
        return
    codes: dict[str, Node] = {}
    bodies: dict[str, Body] = {}
    parents: list[tuple[Body, Node]] = []
    for position, item in enumerate(nodes.list()):
        item.check_keys({"code", "name", "kind", "parent", "administrations"})
        code_node = item.req("code")
        code = code_node.text().strip()
        if not code or len(code) > 20:
            raise code_node.error(_("ett organs kod är 1–20 tecken, t.ex. KS"))
        if code in codes:
            raise code_node.error(
                _("organet %(code)s står två gånger (också på rad %(line)s)")
                % {"code": quoted(code), "line": codes[code].line}
            )
        codes[code] = code_node
        body = upsert(
            tally,
            Body,
            {"municipality": municipality, "code": code},
            {
                "name": req_text(item, "name"),
                "kind": item.req("kind").choice(set(BodyKind.values)),
                "position": position,
            },
        )
        bodies[code] = body
        parent = item.get("parent")
        if parent is not None:
            parents.append((body, parent))
        _import_administrations(item, body, tally)
    for body, parent_node in parents:
        parent_code = parent_node.text().strip()
        parent_body = (
            bodies.get(parent_code)
            or Body.objects.filter(municipality=municipality, code=parent_code).first()
        )
        if parent_body is None:
            raise parent_node.error(
                _("inget organ har koden %(code)s") % {"code": quoted(parent_code)}
            )
        if parent_body == body:
            raise parent_node.error(_("ett organ kan inte vara överordnat sig självt"))
        upsert(tally, Body, {}, {"parent": parent_body}, existing=body)


def _import_administrations(item: Node, body: Body, tally: Tally) -> None:
    nodes = item.get("administrations")
    if nodes is None:
        return
    names: set[str] = set()
    for position, admin_node in enumerate(nodes.list()):
        admin_node.check_keys({"name", "units"})
        name = req_text(admin_node, "name")
        if name in names:
            raise admin_node.req("name").error(
                _("förvaltningen %(name)s står två gånger") % {"name": quoted(name)}
            )
        names.add(name)
        admin = upsert(tally, Administration, {"body": body, "name": name}, {"position": position})
        unit_nodes = admin_node.get("units")
        for unit_position, unit_node in enumerate(unit_nodes.list() if unit_nodes else []):
            unit_node.check_keys({"name"})
            upsert(
                tally,
                Unit,
                {"administration": admin, "name": req_text(unit_node, "name")},
                {"position": unit_position},
            )


def _import_items(
    root: Node,
    field: str,
    model: type[SteeringItemBase],
    municipal_plan: MunicipalPlan,
    tally: Tally,
    areas: dict[str, SteeringItemBase] | None = None,
) -> dict[str, SteeringItemBase]:
    nodes = root.get(field)
    registry = KeyRegistry(field)
    result: dict[str, SteeringItemBase] = {}
    allowed = {"key", "name", "short_name", "description"}
    if areas is not None:
        allowed.add("strategic_area")
    for position, item in enumerate(nodes.list() if nodes else []):
        item.check_keys(allowed)
        name = req_text(item, "name")
        key = registry.take(item, name)
        values: dict[str, object] = {
            "name": name,
            "short_name": opt_text(item, "short_name"),
            "description": opt_text(item, "description"),
            "position": position,
        }
        if areas is not None:
            area_node = item.get("strategic_area")
            area = None
            if area_node is not None:
                area = areas.get(area_node.text().strip())
                if area is None:
                    raise area_node.error(
                        _("inget strategiskt område har nyckeln %(key)s")
                        % {"key": quoted(area_node.text().strip())}
                    )
            values["strategic_area"] = area
        result[key] = upsert(tally, model, {"municipal_plan": municipal_plan, "key": key}, values)
    delete_missing(
        tally,
        model._default_manager.filter(municipal_plan=municipal_plan),
        [obj.pk for obj in result.values()],
    )
    return result


def _import_texts(root: Node, municipal_plan: MunicipalPlan, tally: Tally) -> None:
    nodes = root.get("texts")
    registry = KeyRegistry("texts")
    keep = []
    for position, item in enumerate(nodes.list() if nodes else []):
        item.check_keys({"key", "title", "text"})
        title = opt_text(item, "title")
        key = registry.take(item, title)
        obj = upsert(
            tally,
            CouncilText,
            {"municipal_plan": municipal_plan, "key": key},
            {"title": title, "text": opt_text(item, "text"), "position": position},
        )
        keep.append(obj.pk)
    delete_missing(tally, CouncilText.objects.filter(municipal_plan=municipal_plan), keep)
