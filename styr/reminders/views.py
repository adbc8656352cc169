"""The page where a signed-in user turns their e-mail reminders on or off. It only ever
changes the signed-in user's own choice: no user is named in the address or the form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from styr.reminders.actions import do_set_reminders, reminders_enabled


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert user.is_authenticated  # login_required; narrows the type
    if request.method == "POST":
        enabled = request.POST.get("enabled") == "yes"
        do_set_reminders(user, enabled=enabled, acting_user=user)
        messages.success(
            request,
            _("Du får påminnelser per e-post.")
            if enabled
            else _("Du får inte längre påminnelser per e-post."),
        )
        return redirect("reminders:preferences")
    return render(
        request,
        "reminders/preferences.html",
        {
            "enabled": reminders_enabled(user),
            "email": getattr(user, "email", ""),
        },
    )
