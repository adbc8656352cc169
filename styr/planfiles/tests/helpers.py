"""Helpers for plan-file tests: exporting the demo, and snapshotting the database."""

from pathlib import Path

from styr.planfiles.dump import dump
from styr.planfiles.export import export_municipal_plan, export_plan
from styr.plans.models import Plan
from styr.steering.models import MunicipalPlan


def export_files(plan: Plan, folder: Path) -> tuple[Path, Path]:
    municipal_plan = MunicipalPlan.objects.get(municipality=plan.body.municipality, year=plan.year)
    m_path = folder / f"{plan.body.municipality.key}-{plan.year}.yaml"
    p_path = folder / f"{plan.body.code.lower()}-{plan.year}.yaml"
    m_path.write_text(dump(export_municipal_plan(municipal_plan)), encoding="utf-8")
    p_path.write_text(dump(export_plan(plan)), encoding="utf-8")
    return m_path, p_path
