"""The site's own views, outside every app: the health check operators probe.

Each app registers the checks for what it depends on (marketplace.core.health), so
this page learns of the search engine without importing the search app.
"""

from django.http import JsonResponse

from marketplace.accounts.access import public
from marketplace.core.health import health_check_names, health_report


@public
def health(request, check: str | None = None):
    """503 when the site cannot serve pages (or the one check named is down)."""
    if check is not None and check not in health_check_names():
        return JsonResponse({"status": "unknown check", "checks": {}}, status=404)
    report, serving = health_report(only=check)
    healthy = report["status"] == "ok" if check else serving
    return JsonResponse(report, status=200 if healthy else 503)
