"""Writing plan files: block-style YAML with literal texts, stable to the byte."""

from datetime import date
from decimal import Decimal
from typing import Any

import yaml

from styr.planfiles.values import Fixed, format_decimal

try:
    from yaml import CSafeDumper as _BaseDumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]


class Flow(dict[str, Any]):
    """A small mapping written on one line: `{outcome: 83.6, target: ≥ 81.2}`."""


class _Dumper(_BaseDumper):
    def ignore_aliases(self, data: Any) -> bool:
        # A plan file has no anchors or aliases (the importer refuses them): a value that
        # occurs twice is written twice.
        return True


def _str(dumper: "_Dumper", value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    # str(): a choice (PlanState.ADOPTED) is written as its plain value.
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style=style)


def _decimal(dumper: "_Dumper", value: Decimal) -> yaml.ScalarNode:
    text = format_decimal(value)
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


def _date(dumper: "_Dumper", value: date) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


def _flow(dumper: "_Dumper", value: Flow) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


_Dumper.add_representer(str, _str)
_Dumper.add_multi_representer(str, _str)
_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(Fixed, _decimal)
_Dumper.add_representer(date, _date)
_Dumper.add_representer(Flow, _flow)


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100000,
        indent=2,
    )


def compact(mapping: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty fields: an absent field and an empty one mean the same."""
    return {k: v for k, v in mapping.items() if v not in (None, "", [], {})}
