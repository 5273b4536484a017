"""Example answers shown on the documentation page (shortened, invented values)."""

import json

LICENCE = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
NEXT = "https://marketplace.example.gov.uk/api/v1/{}/?cursor=cD0xMjM%3D"


def _page(name: str, item: dict) -> dict:
    return {"licence": LICENCE, "next": NEXT.format(name), "previous": None, "results": [item]}


SAMPLES = {
    "frameworks": _page(
        "frameworks",
        {
            "slug": "g-cloud-14",
            "name": "G-Cloud 14",
            "owner": {"slug": "ccs", "name": "Crown Commercial Service"},
            "status": "live",
            "status_label": "Live",
            "live_from": "2024-11-12",
            "expires": "2025-11-11",
            "lots": [
                {
                    "slug": "cloud-software",
                    "number": "2",
                    "name": "Cloud software",
                    "categories": ["backup", "email"],
                }
            ],
        },
    ),
    "suppliers": _page(
        "suppliers",
        {
            "slug": "example-it-ltd",
            "display_name": "Example IT",
            "identifier": "GB-COH-01234567",
            "identifiers": [{"scheme": "GB-COH", "id": "01234567"}],
            "size": "small",
            "is_sme": True,
            "vcse": False,
            "head_office_region": "TLC",
            "regions_served": ["TLC", "TLD"],
            "feedback": {
                "reviews": 4,
                "would_use_again": 3,
                "would_use_again_answered": 4,
                "dimensions": [{"dimension": "overall", "mean": 4.3, "count": 4}],
            },
        },
    ),
    "listings": _page(
        "listings",
        {
            "id": 42,
            "version": 3,
            "supplier": {"slug": "example-it-ltd", "name": "Example IT"},
            "lot": "g-cloud-14/cloud-software",
            "name": "Cloud backup for schools",
            "price": "1.50",
            "price_unit": "user",
            "regions": [],
            "serves_whole_uk": True,
        },
    ),
    "search": {
        "licence": LICENCE,
        "total": 57,
        "page": 1,
        "page_size": 20,
        "next": "https://marketplace.example.gov.uk/api/v1/search/?q=backup&region=TLC&size=sme&page=2",
        "previous": None,
        "executor": "engine",
        "fell_back": False,
        "did_you_mean": None,
        "results": [{"id": 42, "name": "Cloud backup for schools", "price": 1.5}],
        "facets": {"size": [{"value": "small", "label": "Small", "count": 31}]},
    },
    "feedback": _page(
        "feedback",
        {
            "id": 7,
            "supplier": {"slug": "example-it-ltd", "name": "Example IT"},
            "from_name": "A council in the North East",
            "relationship": "Contract awarded through this service",
            "current": {
                "number": 1,
                "ratings": {"overall": 4, "quality": 5},
                "would_use_again": True,
                "went_well": "Restores were quick.",
            },
            "response": "Thank you.",
        },
    ),
    "pipeline": _page(
        "pipeline",
        {
            "id": 12,
            "title": "Hosting move",
            "organisation": {"slug": "leeds", "name": "Leeds City Council"},
            "financial_year": 2026,
            "cpv_codes": ["72317000"],
            "value_amount": "1500000.00",
            "procurement_start": "2026-09-01",
            "regions": ["TLE"],
            "suitable_for_sme": True,
            "status": "planned",
        },
    ),
    "awards": _page(
        "awards",
        {
            "id": 3,
            "supplier": {"slug": "example-it-ltd", "name": "Example IT"},
            "buyer_organisation": {
                "slug": "leeds-city-council",
                "name": "Leeds City Council",
                "sector": "local-government",
            },
            "listing_id": 42,
            "listing_version": 3,
            "value": "12000.00",
            "start_date": "2026-04-01",
            "end_date": "2027-03-31",
        },
    ),
    "orders": _page(
        "orders",
        {
            "id": 12,
            "supplier": {"slug": "example-it-ltd", "name": "Example IT"},
            "buyer_organisation": {
                "slug": "hill-top-academy",
                "name": "Hill Top Academy",
                "sector": "education",
            },
            "listing_id": 42,
            "listing_version": 3,
            "service_name": "School mailboxes",
            "unit": "mailbox",
            "quantity": 10,
            "unit_price": "25.00",
            "total_before_vat": "250.00",
            "vat": "50.00",
            "total": "300.00",
            "currency": "GBP",
            "paid_at": "2026-05-04T10:15:00Z",
        },
    ),
}


def samples_text() -> dict[str, str]:
    return {name: json.dumps(sample, indent=2) for name, sample in SAMPLES.items()}
