"""Per-client throttling: each address gets ``API_THROTTLE_RATE`` requests.

The rate is read from the settings on every request (DRF's own throttles read it
once, at import), so it can change per environment and in tests.
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class ClientRateThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self) -> str:
        return settings.API_THROTTLE_RATE

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
