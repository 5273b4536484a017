"""Error pages in the service's own design, a health check for operators, and where
signing in lands each kind of user."""

from django.conf import settings
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader

from marketplace.accounts.access import public, signed_in
from marketplace.core.health import health_check_names, health_report


@public
def health(request, check: str | None = None):
    """503 when the site cannot serve pages (or the one check named is down)."""
    if check is not None and check not in health_check_names():
        return JsonResponse({"status": "unknown check", "checks": {}}, status=404)
    report, serving = health_report(only=check)
    healthy = report["status"] == "ok" if check else serving
    return JsonResponse(report, status=200 if healthy else 503)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def server_error(request):
    # No request context: whatever broke may be in a context processor or the database.
    template = loader.get_template("500.html")
    context = {
        "service_name": settings.SERVICE_NAME,
        "service_phase": settings.SERVICE_PHASE,
        "feedback_email": settings.FEEDBACK_EMAIL,
        "service_nav": [],
        "request": request,  # for the CSP nonce on the layout's scripts
    }
    return HttpResponseServerError(template.render(context))


@signed_in
def next_steps(request):
    """Where sign-in lands (LOGIN_REDIRECT_URL): each kind of user's own starting page.
    Someone with no organisation yet, such as a buyer whose request to join one is
    waiting, sees their account page, which says where they stand."""
    user = request.user
    if user.is_ccs_staff:
        return redirect("wagtailadmin_home")
    if user.is_supplier_user:
        return redirect("supplier_account:dashboard")
    if user.is_buyer:
        return redirect("/")  # the home page shows a buyer their next steps
    return redirect("accounts:your-account")
