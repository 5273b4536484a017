"""Health checks for operators and load balancers.

Each app registers the checks for what it depends on (in its ``AppConfig.ready``),
so this module never imports a feature app. A *critical* check failing means the
site cannot serve pages (the database); a non-critical one means it serves them in
a degraded way (search falls back to the database when the engine is down), so a
load balancer should keep sending traffic.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    detail: str


@dataclass(frozen=True)
class HealthCheck:
    name: str
    run: Callable[[], CheckResult]
    critical: bool


_checks: dict[str, HealthCheck] = {}


def health_check_register(*, name: str, run: Callable[[], CheckResult], critical: bool) -> None:
    _checks[name] = HealthCheck(name=name, run=run, critical=critical)


def health_check_names() -> list[str]:
    return list(_checks)


def _run(check: HealthCheck) -> CheckResult:
    try:
        return check.run()
    except Exception as error:  # a health check reports failures, it never raises
        return CheckResult(ok=False, detail=f"{type(error).__name__}: {error}")


def health_report(*, only: str | None = None) -> tuple[dict, bool]:
    """The report as JSON-ready data, and whether the site can serve pages."""
    checks = [_checks[only]] if only else list(_checks.values())
    results = {check.name: (check, _run(check)) for check in checks}
    serving = all(result.ok for check, result in results.values() if check.critical)
    everything = all(result.ok for _check, result in results.values())
    report = {
        "status": "ok" if everything else ("degraded" if serving else "down"),
        "checks": {
            name: {"status": "ok" if result.ok else "down", "detail": result.detail}
            for name, (_check, result) in results.items()
        },
    }
    return report, serving


def _database() -> CheckResult:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return CheckResult(ok=True, detail=connection.vendor)


health_check_register(name="database", run=_database, critical=True)
