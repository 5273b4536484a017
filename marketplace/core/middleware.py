"""Security headers Django 5.2 does not set itself.

Content-Security-Policy: each request gets a fresh nonce (``request.csp_nonce``),
which the layout template puts on its two inline scripts, so the policy can refuse
every other inline script. The Wagtail admin gets its own, looser policy (see
``CSP_ADMIN`` in the settings for why).

Cache-Control: a page shown to a signed-in person can hold their organisation's
data; ``no-store`` keeps it out of shared caches and out of the browser's history
cache on a shared computer after they sign out.
"""

import secrets
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property

HEADER = "Content-Security-Policy"


def csp_header(policy: dict[str, list[str]], *, nonce: str) -> str:
    return "; ".join(
        " ".join([directive, *(source.format(nonce=nonce) for source in sources)])
        for directive, sources in policy.items()
    )


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    @cached_property
    def admin_prefix(self) -> str:
        return reverse("wagtailadmin_home")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.csp_nonce = secrets.token_urlsafe(16)  # type: ignore[attr-defined]
        response = self.get_response(request)
        admin = request.path.startswith(self.admin_prefix)
        policy = settings.CSP_ADMIN if admin else settings.CSP
        if policy and HEADER not in response:
            response[HEADER] = csp_header(policy, nonce=request.csp_nonce)  # type: ignore[attr-defined]
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
