"""Where a framework is in its life, worked out from its dates and today's date.

This is the one place that says so: the map, the index and its status filter,
the framework page, the open data files and the listing form all ask
``framework_status``. A status typed in by hand goes stale the day a framework
expires; the dates do not.

The dates decide, latest first:

- ``expires`` has passed (today is after it): expired. The expiry date is the
  framework's last day.
- ``live_from`` has come: live.
- ``applications_close`` has passed: being evaluated (pending), or in standstill.
  No date marks the award decision that starts the standstill period, so the
  stored status tells those two apart.
- ``applications_open`` has come: open for applications.
- ``applications_open`` is still to come: coming.

The stored ``Framework.status`` is used only where the dates cannot decide: a
planned framework (or any other) with none of these dates yet, and pending
versus standstill as above. Even then it cannot say "live" or "expired" for a
framework whose live date is still to come: that one is coming.
"""

from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from .models import Framework, FrameworkStatus

# Suppliers may put new services only on a framework that is in force.
ACCEPTS_LISTINGS = frozenset({FrameworkStatus.LIVE})
BETWEEN_CLOSE_AND_LIVE = frozenset({FrameworkStatus.PENDING, FrameworkStatus.STANDSTILL})


def current_date() -> date:
    """Today, where the framework map is. Tests of fixed demo data pin it."""
    return timezone.localdate()


def framework_status(*, framework: Framework, today: date | None = None) -> FrameworkStatus:
    today = today or current_date()
    if framework.expires and today > framework.expires:
        return FrameworkStatus.EXPIRED
    if framework.live_from and today >= framework.live_from:
        return FrameworkStatus.LIVE
    if framework.applications_close and today > framework.applications_close:
        stored = FrameworkStatus(framework.status)
        return stored if stored in BETWEEN_CLOSE_AND_LIVE else FrameworkStatus.PENDING
    if framework.applications_open:
        if today >= framework.applications_open:
            return FrameworkStatus.OPEN
        return FrameworkStatus.COMING
    stored = FrameworkStatus(framework.status)
    if framework.live_from and stored in {FrameworkStatus.LIVE, FrameworkStatus.EXPIRED}:
        return FrameworkStatus.COMING  # its live date is still to come
    return stored


def framework_status_label(*, framework: Framework, today: date | None = None) -> str:
    return str(framework_status(framework=framework, today=today).label)


def framework_accepts_listings(*, framework: Framework, today: date | None = None) -> bool:
    return not framework.planned and (
        framework_status(framework=framework, today=today) in ACCEPTS_LISTINGS
    )


def framework_ids_with_status(
    *, frameworks: Iterable[Framework], statuses: Iterable[str], today: date | None = None
) -> list[int]:
    """The ids of those frameworks now in one of the statuses. Frameworks number
    in the tens, so working this out in Python keeps one definition of status."""
    wanted = set(statuses)
    today = today or current_date()
    return [f.pk for f in frameworks if framework_status(framework=f, today=today) in wanted]
