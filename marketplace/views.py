"""The site's own views, outside every app: the health check operators probe."""

from django.db import connection
from django.http import JsonResponse

from marketplace.accounts.access import public


@public
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
