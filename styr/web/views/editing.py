"""Opening one item's editor: lists show items, and an item's form is fetched when asked for.

A list page with a form per item renders every form's fields and choices on each view, which
made the goal, assignment and risk lists of a large plan take most of a second. Now the list
links to the item's address; htmx loads the form into the list, and without JavaScript the
link opens the item's own page with the same form.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def edit_response(
    request: HttpRequest, page: str, context: dict[str, Any], *, button: str, swap: str = ""
) -> HttpResponse:
    """`swap`: the id of the element a save in place replaces (the view then answers an htmx
    save with that element); without it the form is posted as a page."""
    if request.headers.get("HX-Request") == "true":
        fragment = {**context, "action": request.path, "button": button, "swap": swap}
        return render(request, "web/_edit_form.html", fragment)
    return render(request, page, context)
