"""Error pages in the service's own design."""

from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


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
