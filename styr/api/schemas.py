"""What the API reads and writes, named as in the glossary (../shared/glossary.md)."""

from datetime import date

from ninja import Schema
from pydantic import Field


class ErrorOut(Schema):
    detail: str = Field(description="What is wrong, in the caller's language (Swedish first).")


# The refusals every operation may answer with, each with a `detail` (see api.py).
READ_ERRORS: dict[int, type[ErrorOut]] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut,
                                          429: ErrorOut}  # fmt: skip
WRITE_ERRORS: dict[int, type[ErrorOut]] = {
    **READ_ERRORS, 400: ErrorOut, 403: ErrorOut, 409: ErrorOut, 412: ErrorOut, 428: ErrorOut,
}  # fmt: skip


class OccasionOut(Schema):
    key: str = Field(description="The report occasion's key, e.g. plan, delar, arsrapport.")
    kind: str = Field(description="plan, interim or annual.")
    name: str
    state: str = Field(description="draft, submitted, adopted or locked.")
    adopted_on: date | None
    adopted_minute: str


class PlanOut(Schema):
    id: int
    municipality: str = Field(description="The municipality's key, e.g. marks.")
    body: str = Field(description="The body's code, e.g. KS.")
    body_name: str
    year: int
    title: str
    state: str = Field(description="draft, submitted, adopted or locked.")
    adopted_on: date | None
    adopted_minute: str
    occasions: list[OccasionOut]


class GoalIndicatorOut(Schema):
    id: int
    key: str
    name: str
    unit: str
    result: float | None = Field(description="The latest result the status is read from.")
    target: str = Field(description="The target as the plan states it, e.g. ≥ 80.")
    status: str = Field(description="met, near, not_met or no_data.")


class GoalOut(Schema):
    id: int
    key: str
    title: str
    contributes_to: str = Field(description="Strategic area → municipal goal it answers to.")
    status: str = Field(description="met, near, not_met or no_data.")
    status_label: str = Field(description="The status in the municipality's own words.")
    assessed_by_hand: bool
    analysis: str
    indicators: list[GoalIndicatorOut]


class AssignmentOut(Schema):
    id: int
    key: str
    text: str
    origin: str = Field(description="Who gave it: council, executive_board, budget, own, …")
    origin_label: str
    start_date: date | None = Field(description="The date of the decision that gave it.")
    status: str = Field(description="The status option's key, empty for none.")
    status_label: str
    comment: str


class ValueOut(Schema):
    year: int
    kind: str = Field(description="outcome, interim_outcome, forecast or target.")
    value: float
    comparator: str


class IndicatorOut(Schema):
    id: int
    key: str
    name: str
    unit: str
    decimals: int
    polarity: str
    kolada_kpi: str
    values: list[ValueOut]


class GoalAssessmentOut(Schema):
    goal: int
    occasion: str
    fulfilment: str | None = Field(description="The fulfilment option's key, null for none.")
    analysis: str
    internal: bool = Field(description="The analysis is for the administration only.")
    version: str = Field(description="The ETag a change must send back in If-Match.")


class GoalAssessmentIn(Schema):
    fulfilment: str | None = Field(None, max_length=64, description="An option's key or null.")
    analysis: str = Field("", max_length=20000)
    internal: bool | None = Field(None, description="Left out: the mark stays as it is.")


class AssignmentReportOut(Schema):
    assignment: int
    occasion: str
    status: str | None
    grade: str | None
    comment: str
    internal: bool
    version: str


class AssignmentReportIn(Schema):
    status: str | None = Field(None, max_length=64, description="An option's key or null.")
    grade: str | None = Field(None, max_length=64, description="Annual report only.")
    comment: str = Field("", max_length=20000)
    internal: bool | None = Field(None, description="Left out: the mark stays as it is.")


class IndicatorValueOut(Schema):
    indicator: int
    year: int
    kind: str
    value: float | None
    version: str


class IndicatorValueIn(Schema):
    value: float | None = Field(
        description="The value; null removes it.", allow_inf_nan=False, ge=-1e15, le=1e15
    )


class ActivityReportOut(Schema):
    activity: int
    occasion: str
    status: str | None = Field(description="The status option's key, null for none.")
    percent_complete: int | None
    comment: str
    version: str


class ActivityReportIn(Schema):
    status: str | None = Field(None, max_length=64, description="An option's key or null.")
    percent_complete: int | None = Field(None, ge=0, le=100)
    comment: str = Field("", max_length=20000)
