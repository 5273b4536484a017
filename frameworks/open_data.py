"""The framework map as open data: the same rows feed the CSV and JSON downloads
and the tables on the map page, so what you download is what you saw."""

from collections.abc import Iterable

from django.http import HttpResponse

from marketplace.core.open_data import LICENCE
from marketplace.core.open_data import dataset_response as core_dataset_response

from .coverage import MapSummary
from .lifecycle import framework_status
from .models import Category, Framework, Lot

__all__ = ["LICENCE", "dataset_response"]

DICTIONARY: dict[str, dict[str, str]] = {
    "frameworks": {
        "slug": "Stable identifier of the framework on this service",
        "reference": "The buying organisation's reference, such as RM1557.13",
        "name": "Framework name",
        "buying_organisation": "Who runs the framework",
        "status": (
            "coming, open, pending, standstill, live or expired: worked out from the dates "
            "on the day you download"
        ),
        "planned": "true if it exists only in the desired map",
        "route_to_market": "direct-award, further-competition or both",
        "live_from": "Date the framework went live (YYYY-MM-DD)",
        "expires": "Date it expires (YYYY-MM-DD)",
        "previous_iteration": "Slug of the framework this one follows",
        "disposition": "Its future in the desired map: retain, merge, replace or retire",
        "disposition_target": "Slug of the framework it merges into or is replaced by",
        "disposition_rationale": "Why",
        "disposition_date": "When the change is planned (YYYY-MM-DD)",
        "sectors": "Buyer sectors that may use it, separated by |",
    },
    "lots": {
        "framework": "Slug of the framework",
        "number": "Lot number",
        "name": "Lot name",
        "max_categories": "Most categories a service on the lot may choose",
        "categories": "Slugs of the categories the lot covers, separated by |",
    },
    "categories": {
        "slug": "Stable identifier of the category",
        "name": "Category name",
        "parent": "Slug of the parent category (blank at the top level)",
        "cpv_codes": "Common Procurement Vocabulary codes, separated by |",
    },
    "coverage": {
        "category": "Slug of the map category",
        "category_name": "Category name",
        "group": "Top-level category it belongs to",
        "map": "current or desired",
        "frameworks": "Slugs of the frameworks covering it, separated by |",
        "framework_count": "How many frameworks cover it",
        "overlap": "true if two or more frameworks cover it",
        "gap": "true if no framework covers it",
    },
}


def _date(value) -> str:
    return value.isoformat() if value else ""


def frameworks_rows(frameworks: Iterable[Framework]) -> list[dict]:
    return [
        {
            "slug": f.slug,
            "reference": f.reference,
            "name": f.name,
            "buying_organisation": f.owner.name,
            "status": framework_status(framework=f),
            "planned": f.planned,
            "route_to_market": f.route_to_market,
            "live_from": _date(f.live_from),
            "expires": _date(f.expires),
            "previous_iteration": f.previous_iteration.slug if f.previous_iteration else "",
            "disposition": f.disposition,
            "disposition_target": f.disposition_target.slug if f.disposition_target else "",
            "disposition_rationale": f.disposition_rationale,
            "disposition_date": _date(f.disposition_date),
            "sectors": "|".join(f.sectors),
        }
        for f in frameworks
    ]


def lots_rows(lots: Iterable[Lot]) -> list[dict]:
    return [
        {
            "framework": lot.framework.slug,
            "number": lot.number,
            "name": lot.name,
            "max_categories": lot.max_categories or "",
            "categories": "|".join(sorted(c.slug for c in lot.categories.all())),
        }
        for lot in lots
    ]


def categories_rows(categories: Iterable[Category]) -> list[dict]:
    by_path = {c.path: c.slug for c in categories}
    return [
        {
            "slug": c.slug,
            "name": c.name,
            "parent": by_path.get(c.path[: -Category.steplen], "") if c.depth > 1 else "",
            "cpv_codes": "|".join(c.cpv_codes),
        }
        for c in categories
    ]


def coverage_rows(current: MapSummary, desired: MapSummary) -> list[dict]:
    return [
        {
            "category": row.category.slug,
            "category_name": row.category.name,
            "group": row.category.group,
            "map": label,
            "frameworks": "|".join(row.frameworks),
            "framework_count": len(row.frameworks),
            "overlap": row.is_overlap,
            "gap": row.is_gap,
        }
        for label, summary in (("current", current), ("desired", desired))
        for row in summary.coverage
    ]


def dataset_response(*, name: str, rows: list[dict], file_format: str) -> HttpResponse:
    return core_dataset_response(
        dataset=f"framework-map-{name}", fields=DICTIONARY[name], rows=rows, file_format=file_format
    )
