"""The language of the interface: Swedish unless the user has chosen English.

Django's LocaleMiddleware follows the browser's Accept-Language, so an official whose browser
is set to English would get a half-English workspace of a Swedish municipality without asking
for it. Styr speaks Swedish until the user picks another language with the switch in the page
header (Django's `set_language`, kept in the language cookie).
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


def chosen_language(request: HttpRequest) -> str:
    """The language the user has chosen, or the site's default."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if chosen in dict(settings.LANGUAGES):
        return chosen
    return str(settings.LANGUAGE_CODE)


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        # Caches must not hand one user's language to another.
        patch_vary_headers(response, ("Cookie",))
        return response


def in_reader_language(label: str, label_en: str) -> str:
    """A label the municipality gives in Swedish and, optionally, in English (scale options,
    risk levels): the English one when the reader has chosen English and there is one."""
    if label_en and translation.get_language() == "en":
        return label_en
    return label
