"""Search across the plans a user may read."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from styr.access.permissions import visible_bodies
from styr.web.search import search

TEXT_LIMIT = 200  # characters: a search is words, not a document


@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()[:TEXT_LIMIT]
    bodies = visible_bodies(request.user).values_list("pk", flat=True)
    groups = search(text, bodies) if text else []
    return render(
        request,
        "web/search.html",
        {"query": text, "groups": groups, "count": sum(len(g.hits) for g in groups)},
    )
