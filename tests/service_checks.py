"""Finding the real services the integration tests need.

Outside CI a developer may run a single test file without starting every
service, so a missing service skips its tests there. When CI=true (or
REQUIRE_SERVICES=1, which the test command sets after starting them all) a
missing service fails the test instead: CI never passes by skipping.
"""

import os
import shutil
import urllib.error
import urllib.request

import pytest


def services_required() -> bool:
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("REQUIRE_SERVICES") == "1"


def service_missing(name: str, why: str) -> None:
    message = (
        f"{name} is not available: {why}. Start it with scripts/services/ or run scripts/test."
    )
    if services_required():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)  # only outside CI, when the developer has not started it


def http_answers(url: str, *, headers: dict[str, str] | None = None) -> bool:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=3):  # noqa: S310 - loopback URL from settings
            return True
    except urllib.error.HTTPError:
        return True  # it answered, even if with an error status
    except (urllib.error.URLError, OSError):
        return False


def chromium_path() -> str | None:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    return path if shutil.which(path) else None
