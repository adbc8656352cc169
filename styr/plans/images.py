"""Adding images to a plan's chapter texts: checked to be a PNG or JPEG of a sensible size,
with an alternative text, and never changed once added."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from styr.audit.actions import Actor, record
from styr.core.keys import unique_key
from styr.plans.actions import refuse_if_locked
from styr.plans.models import Plan, TextImage

IMAGE_LIMIT = 2 * 1024 * 1024  # bytes: a diagram or a photo for a report, not a poster
ALT_LIMIT = 300
TYPES = {"image/png", "image/jpeg"}


class ImageRefused(ValueError):
    """An image that cannot be added; the message names the file and why."""


@dataclass(frozen=True)
class CheckedImage:
    alt: str  # with its white space made single
    content_type: str
    width: int
    height: int


def checked_image(name: str, content: bytes, alt: str) -> CheckedImage:
    """An uploaded picture as Styr keeps one (a plan's text image, an e-förslag's): PNG or
    JPEG within the size limit, with an alternative text; else ImageRefused naming the file."""
    alt = " ".join(alt.split())
    if not alt:
        raise ImageRefused(
            _("%(file)s: skriv en alternativtext, vad bilden visar, för den som inte ser den.")
            % {"file": name}
        )
    if len(alt) > ALT_LIMIT:
        raise ImageRefused(
            _("%(file)s: alternativtexten får vara högst %(limit)s tecken.")
            % {"file": name, "limit": ALT_LIMIT}
        )
    if len(content) > IMAGE_LIMIT:
        raise ImageRefused(
            _("%(file)s: bilden är %(size)s KiB; högst %(limit)s KiB.")
            % {"file": name, "size": len(content) // 1024, "limit": IMAGE_LIMIT // 1024}
        )
    # Read here, not at import: the admin imports this module at every start of a command,
    # and a PDF render loads no python-docx (styr/core/tests/test_command_start.py).
    from docx.image.exceptions import UnrecognizedImageError
    from docx.image.image import Image

    try:
        image = Image.from_blob(content)
    except (UnrecognizedImageError, Exception):  # a truncated file fails in several ways
        raise ImageRefused(
            _("%(file)s: filen är ingen bild (PNG eller JPEG).") % {"file": name}
        ) from None
    if image.content_type not in TYPES or not image.px_width or not image.px_height:
        raise ImageRefused(
            _("%(file)s: bara PNG och JPEG går att visa i alla format.") % {"file": name}
        )
    return CheckedImage(alt, image.content_type, image.px_width, image.px_height)


def do_add_text_image(
    plan: Plan, name: str, content: bytes, alt: str, *, acting_user: Actor
) -> TextImage:
    """Add an image the plan's texts (and its reports' texts) can show as `![…](bild:KEY)`.
    Images are added until the plan is locked: adding one changes no decided document."""
    checked = checked_image(name, content, alt)
    refuse_if_locked(plan, f"add image {name[:60]}", acting_user, follow_up=True)
    with transaction.atomic():
        # Two uploads of one file name at once: the second waits and gets the next key.
        Plan.objects.select_for_update(of=("self",)).filter(pk=plan.pk).first()
        existing = TextImage.objects.filter(plan=plan)
        stem = name.rsplit(".", 1)[0] or "bild"
        key = unique_key(stem, lambda k: existing.filter(key=k).exists())
        added = TextImage.objects.create(
            plan=plan, key=key, alt=checked.alt, content_type=checked.content_type,
            content=content, width=checked.width, height=checked.height,
        )  # fmt: skip
        record(
            "text_image_added",
            acting_user=acting_user,
            obj=added,
            changes={"key": key, "alt": checked.alt, "bytes": len(content)},
        )
    return added
