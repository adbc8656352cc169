"""How a status reads: one vocabulary, from the municipality's scales, for the web, the
documents and every other route.

An indicator's status is its result against the target: the words of the `target-result`
scale (Uppnått, Nära målet, Ej uppnått). A goal's status, whether it follows its indicators or
is assessed by hand, is its fulfilment: the words of the `goal-fulfilment` scale (Uppfyllt,
Delvis uppfyllt, Ej uppfyllt). A scale without a word for "near" reads a near result as not
met, everywhere alike.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from styr.indicators.assessment import Status
from styr.scales.models import Scale, ScaleOption

# The word when no scale gives one: interface text, in the reader's language (a document is
# built in the municipality's, see documents.build).
NO_DATA = _("Uppgift saknas")
# The option of each scale that a computed status reads as, best first.
INDICATOR_KEYS = {Status.MET: ["met"], Status.NEAR: ["near", "not_met"],
                  Status.NOT_MET: ["not_met"]}  # fmt: skip
GOAL_KEYS = {Status.MET: ["met"], Status.NEAR: ["partly_met", "not_met"],
             Status.NOT_MET: ["not_met"]}  # fmt: skip
# The scales `vocabulary` reads.
VOCABULARY_SCALES = ("target-result", "goal-fulfilment")
# A goal assessed by hand: its option's key as a status (for colour and counting).
FULFILMENT_STATUS = {"met": Status.MET, "partly_met": Status.NEAR, "not_met": Status.NOT_MET}


@dataclass(frozen=True)
class Words:
    """The words of one scale for the computed statuses, by status value."""

    options: dict[str, ScaleOption]
    keys: dict[Status, list[str]]

    def option(self, status: Status | str) -> ScaleOption | None:
        for key in self.keys.get(Status(status), []):
            if key in self.options:
                return self.options[key]
        return None

    def label(self, status: Status | str) -> str:
        option = self.option(status)
        return option.shown if option is not None else str(NO_DATA)

    def as_dict(self) -> dict[str, str]:
        """{status value: word}, for templates."""
        return {s.value: self.label(s) for s in Status}


def _options(key: str, municipality_id: int | None) -> dict[str, ScaleOption]:
    try:
        return {o.key: o for o in Scale.objects.current(key, municipality_id).options.all()}
    except Scale.DoesNotExist:
        return {}


def goal_words_for(municipality_ids: set[int]) -> dict[int, Words]:
    """Each municipality's goal words in two queries, for a page that lists several."""
    from django.db.models import Q

    scales = (
        Scale.objects.filter(key="goal-fulfilment")
        .filter(Q(municipality__in=municipality_ids) | Q(municipality__isnull=True))
        .prefetch_related("options")
        .order_by("-version")
    )
    own: dict[int, Scale] = {}
    shipped: Scale | None = None
    for scale in scales:
        if scale.municipality_id is None:
            shipped = shipped or scale
        else:
            own.setdefault(scale.municipality_id, scale)
    result = {}
    for municipality_id in municipality_ids:
        chosen = own.get(municipality_id, shipped)
        options = {o.key: o for o in chosen.options.all()} if chosen is not None else {}
        result[municipality_id] = Words(options, GOAL_KEYS)
    return result


def indicator_words(municipality_id: int | None) -> Words:
    return Words(_options("target-result", municipality_id), INDICATOR_KEYS)


def goal_words(municipality_id: int | None) -> Words:
    return Words(_options("goal-fulfilment", municipality_id), GOAL_KEYS)


def vocabulary(
    municipality_id: int | None, scales: dict[str, list[ScaleOption]] | None = None
) -> dict[str, dict[str, str]]:
    """Both vocabularies for a page: {"indicator": {...}, "goal": {...}}. From `scales` when
    the page has read them already (Scale.objects.current_options), else in two queries."""
    if scales is None:
        scales = Scale.objects.current_options(municipality_id, *VOCABULARY_SCALES)

    def words(key: str, keys: dict[Status, list[str]]) -> dict[str, str]:
        return Words({o.key: o for o in scales.get(key, [])}, keys).as_dict()

    return {"indicator": words("target-result", INDICATOR_KEYS),
            "goal": words("goal-fulfilment", GOAL_KEYS)}  # fmt: skip
