from django.http import HttpRequest

from styr.access.permissions import can_read_audit_log, managed_municipalities


def navigation(request: HttpRequest) -> dict[str, bool]:
    """What the site header offers the signed-in user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"can_read_audit_log": False, "can_manage_reference": False}
    return {
        "can_read_audit_log": can_read_audit_log(user),
        "can_manage_reference": managed_municipalities(user).exists(),
    }
