from django.http import HttpRequest

from styr.access.permissions import header_links


def navigation(request: HttpRequest) -> dict[str, bool]:
    """What the site header offers the signed-in user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"can_read_audit_log": False, "can_manage_reference": False}
    audit_log, reference = header_links(user)
    return {"can_read_audit_log": audit_log, "can_manage_reference": reference}
