from django.conf import settings
from django.urls import reverse


def service(request):
    """Names the service, its phase and its navigation for the layout template."""
    return {
        "service_name": settings.SERVICE_NAME,
        "service_phase": settings.SERVICE_PHASE,
        "feedback_email": settings.FEEDBACK_EMAIL,
        "service_nav": service_navigation(request),
    }


def service_navigation(request) -> list[dict]:
    path = request.path
    user = getattr(request, "user", None)
    items = [
        {"href": reverse("search:results"), "text": "Find a service"},
        {"href": reverse("frameworks:index"), "text": "Frameworks"},
        {"href": reverse("suppliers:index"), "text": "Suppliers"},
    ]
    items.append({"href": "/strategies/", "text": "Procurement strategies"})
    if user is not None and user.is_authenticated:
        if user.is_supplier_user:
            items.append(
                {"href": reverse("supplier_account:dashboard"), "text": "Your organisation"}
            )
        items.append({"href": reverse("accounts:your-account"), "text": "Your account"})
    else:
        items.append({"href": reverse("accounts:sign-in"), "text": "Sign in"})
    for item in items:
        item["active"] = path.startswith(item["href"])
    return items
