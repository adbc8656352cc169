"""Block types, one module per domain. Importing this package registers them all."""

from styr.documents.sections import (  # noqa: F401
    assignments,
    finance,
    follow_up,
    goals,
    internal_control,
    metrics,
    plan_items,
    texts,
)
