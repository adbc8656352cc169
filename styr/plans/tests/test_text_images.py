"""Images in chapter texts: an editor adds a PNG or JPEG with its alternative text, a text shows
it with `![…](bild:KEY)`, and it comes out in PDF (tagged with the alt text), Word and HTML;
what is not an image, too large or without an alt text is refused with the reason."""

import base64
import re
import struct
import subprocess
import zlib
from io import BytesIO

import docx
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from styr.documents.produce import document_for
from styr.documents.render import Format, render
from styr.plans.actions import do_update_plan_text, fingerprint
from styr.plans.images import ImageRefused, do_add_text_image
from styr.plans.models import Plan, TextImage
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db

ALT = "Karta över Marks kommun med de nya bostadsområdena markerade"


def _png(width: int = 40, height: int = 20) -> bytes:
    """A small real PNG: red pixels."""
    raw = b"".join(b"\x00" + b"\xc6\x28\x28" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))  # fmt: skip


def _show(plan: Plan, editor: User, key: str) -> None:
    chapter = plan.texts.get(key="agenda_2030")
    do_update_plan_text(
        plan, chapter.key, f"Så här ser det ut:\n\n![karta](bild:{key})\n\nSlut.",
        based_on=fingerprint(chapter.text), acting_user=editor,
    )  # fmt: skip


def test_an_image_comes_out_in_every_format(ks_plan: Plan, editor: User) -> None:
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/bilder/",
        {"file": SimpleUploadedFile("karta.png", _png()), "alt": ALT},
        follow=True,
    )
    assert "Bilden är tillagd. Skriv ![" in text_of(response)
    image = TextImage.objects.get(plan=ks_plan)
    assert (image.key, image.width, image.height) == ("karta", 40, 20)
    _show(ks_plan, editor, image.key)
    document = document_for(ks_plan, "namndplan")
    html = render(document, Format.HTML).decode("utf-8")
    assert f'alt="{ALT}"' in html and "data:image/png;base64," in html
    written = docx.Document(BytesIO(render(document, Format.DOCX)))
    assert written.inline_shapes[0]._inline.docPr.get("descr") == ALT
    pdf = render(document, Format.PDF)
    images = subprocess.run(
        [
            "pdfimages",
            "-list",
            "-",
        ],
        input=pdf,
        capture_output=True,
    )
    assert images.returncode == 0, images.stderr  # poppler-utils comes with `make tools`
    assert re.search(rb"\b40\s+20\b", images.stdout), images.stdout
    # The figure's structure element carries the alt text, as a UTF-16 hex string.
    assert b"/Alt<FEFF" + ALT.encode("utf-16-be").hex().upper().encode() + b">" in pdf
    # On the web the text shows the image too.
    page = client_for(editor).get(f"/plan/{ks_plan.pk}/texter/").content.decode()
    assert f'alt="{ALT}"' in page


@pytest.mark.parametrize(
    ("name", "content", "alt", "reason"),
    [
        ("karta.png", b"%PDF-1.7 inte en bild", ALT, "karta.png: filen är ingen bild"),
        ("karta.png", _png(), "  ", "skriv en alternativtext"),
        ("stor.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024 + 1), ALT, "högst 2048 KiB"),
    ],
)
def test_what_cannot_be_shown_is_refused(
    ks_plan: Plan, name: str, content: bytes, alt: str, reason: str
) -> None:
    with pytest.raises(ImageRefused, match=reason):
        do_add_text_image(ks_plan, name, content, alt, acting_user=None)
    assert not TextImage.objects.filter(plan=ks_plan).exists()


def test_a_reader_cannot_add_an_image(reader: User, outsider: User, ks_plan: Plan) -> None:
    upload = {"file": SimpleUploadedFile("karta.png", _png()), "alt": ALT}
    assert client_for(reader).post(f"/plan/{ks_plan.pk}/bilder/", upload).status_code == 403
    assert client_for(outsider).post(f"/plan/{ks_plan.pk}/bilder/", upload).status_code == 404
    assert not TextImage.objects.filter(plan=ks_plan).exists()


def test_an_unknown_image_key_stays_as_written(ks_plan: Plan, editor: User) -> None:
    _show(ks_plan, editor, "finns-inte")
    html = render(document_for(ks_plan, "namndplan"), Format.HTML).decode("utf-8")
    assert "![karta](bild:finns-inte)" in html


def test_a_decided_version_keeps_its_image(ks_plan: Plan, editor: User) -> None:
    from datetime import date

    from styr.documents.actions import version_document
    from styr.documents.models import DocumentVersion
    from styr.documents.tree import Figure
    from styr.plans.actions import do_change_plan_state

    image = do_add_text_image(ks_plan, "karta.png", _png(), ALT, acting_user=None)
    _show(ks_plan, editor, image.key)
    do_change_plan_state(
        ks_plan, "adopt", acting_user=None, adopted_on=date(2023, 11, 30), adopted_minute="§ 1"
    )
    version = DocumentVersion.objects.get(occasion__plan=ks_plan, template_key="namndplan")
    [figure] = [b for b in version_document(version).blocks if isinstance(b, Figure)]
    assert figure.data == _png() and figure.alt == ALT
    assert base64.b64encode(_png()).decode() in str(version.tree)
