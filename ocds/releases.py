"""Releases of every source, by financial year or by ocid, in a stable order."""

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone

from . import builders, selectors


def financial_year_of(moment: datetime | date) -> int:
    """The year a UK financial year (April to March) starts: 2027-03-31 -> 2026."""
    day = timezone.localdate(moment) if isinstance(moment, datetime) else moment
    return day.year if day.month >= 4 else day.year - 1


def financial_year_slug(year: int) -> str:
    """2026 -> "2026-27", as in the bulk files' names."""
    return f"{year}-{(year + 1) % 100:02d}"


def financial_year_parse(slug: str) -> int | None:
    """ "2026-27" -> 2026; None for anything else, such as "2026-28" or "abcd-ef"."""
    start, _, end = slug.partition("-")
    if not (start.isdigit() and len(start) == 4 and end.isdigit() and len(end) == 2):
        return None
    year = int(start)
    return year if financial_year_slug(year) == slug else None


def _sorted(releases: list[dict]) -> list[dict]:
    return sorted(releases, key=lambda release: (release["date"], release["id"]))


def releases_all(*, financial_year: int | None = None) -> list[dict]:
    """Planning releases of the year's strategies, and award and contract releases
    of contracts awarded in the year; every release when no year is given."""
    prefix = settings.OCDS_OCID_PREFIX
    releases = [
        builders.planning_release(facts, prefix=prefix)
        for facts in selectors.planned_procurements(financial_year=financial_year)
    ]
    for award in selectors.awards():
        if financial_year is None or financial_year_of(award.date) == financial_year:
            releases.extend(builders.award_releases(award, prefix=prefix))
    return _sorted(releases)


def releases_for(*, ocid: str) -> list[dict]:
    return [release for release in releases_all() if release["ocid"] == ocid]


def financial_years() -> list[int]:
    """Years with at least one release, newest first."""
    years = selectors.planning_years()
    years.update(financial_year_of(award.date) for award in selectors.awards())
    return sorted(years, reverse=True)
