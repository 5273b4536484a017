"""The search engine's health check (registered with the core's /health/ page).

Not critical: while the engine is down buyers' searches fall back to the database
with a notice, so the site keeps serving and a load balancer should keep it in.
"""

from django.conf import settings

from marketplace.core.health import CheckResult

from .engine_client import EngineUnavailable, engine_cluster_health

# Shorter than a buyer's search timeout would be pointless, longer would let a hung
# engine hold up the monitor that is meant to notice it.
HEALTH_TIMEOUT = 2.0


def search_engine_health() -> CheckResult:
    if settings.SEARCH_ENGINE == "database":
        return CheckResult(ok=True, detail="not used: searches run on the database")
    try:
        health = engine_cluster_health(timeout=HEALTH_TIMEOUT)
    except EngineUnavailable as error:
        return CheckResult(ok=False, detail=f"no answer from the engine: {error}")
    colour = health.get("status", "unknown")
    nodes = health.get("number_of_nodes", 0)
    # Red means some primary shard has no copy: searches of it fail.
    return CheckResult(ok=colour in ("green", "yellow"), detail=f"{colour}, {nodes} node(s)")
