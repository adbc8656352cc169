"""The page where an official creates and revokes their own API tokens. It only ever touches
the signed-in user's tokens: another user's token is not found (404)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.access.permissions import visible_bodies
from styr.api.actions import TokenError, do_create_token, do_revoke_token
from styr.api.models import ApiToken

VALIDITY_DAYS = (30, 90, 180, 365)
NEW_SECRET = "api_token_secret"


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required
    return user


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    bodies = list(visible_bodies(user).select_related("municipality"))
    error, status = "", 200
    # Shown once, on the page the creation redirects to (a reload must not create another).
    secret = request.session.pop(NEW_SECRET, "")
    if request.method == "POST":
        chosen_ids = {int(b) for b in request.POST.getlist("bodies") if b.isdigit()}
        days = request.POST.get("days", "")
        try:
            if not days.isdigit() or int(days) not in VALIDITY_DAYS:
                raise TokenError(_("Giltig: välj hur länge nyckeln ska gälla."))
            _token, created = do_create_token(
                user,
                name=request.POST.get("name", ""),
                bodies=[b for b in bodies if b.pk in chosen_ids],
                expires_on=timezone.localdate() + timedelta(days=int(days)),
                may_write=request.POST.get("may_write") == "yes",
                acting_user=user,
            )
        except TokenError as exc:
            error, status = str(exc), 400
        else:
            request.session[NEW_SECRET] = created
            return redirect("api-tokens:list")
    return render(
        request,
        "api/tokens.html",
        {
            "tokens": ApiToken.objects.of_user(user.pk).prefetch_related("bodies"),
            "bodies": bodies,
            "days": VALIDITY_DAYS,
            "error": error,
            "secret": secret,
            "posted": request.POST if error else {},
        },
        status=status,
    )


@login_required
@require_POST
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    user = _user(request)
    token = ApiToken.objects.of_user(user.pk).filter(pk=token_id).first()
    if token is None:
        raise Http404(_("Nyckeln finns inte bland dina."))
    do_revoke_token(token, acting_user=user)
    messages.success(request, _("Nyckeln %(name)s är återkallad.") % {"name": token.name})
    return redirect("api-tokens:list")
