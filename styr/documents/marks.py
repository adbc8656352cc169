"""Status marks: a scale option or a target comparison as a mark with text and tone."""

from styr.documents.tree import Mark, Tone
from styr.scales.models import ScaleOption

# Tones by the option's key across the shipped scales; a municipality's own options fall back
# to neutral, and their colour still shows.
_TONES = {
    "closed": Tone.GOOD, "completed": Tone.GOOD, "fully": Tone.GOOD, "met": Tone.GOOD,
    "largely": Tone.GOOD, "ongoing": Tone.FAIR, "partly": Tone.FAIR, "partly_met": Tone.FAIR,
    "delayed": Tone.BAD, "slightly": Tone.BAD, "not_at_all": Tone.BAD, "not_met": Tone.BAD,
    "cancelled": Tone.BAD,
}  # fmt: skip


def scale_mark(option: ScaleOption) -> Mark:
    return Mark(option.label, _TONES.get(option.key, Tone.NEUTRAL), option.colour)
