"""OCDS 1.1 releases, records and packages, built from facts (``ocds/facts.py``).

Pure functions: no database, no request. Dates are ISO 8601 date-times in UTC,
amounts are numbers in GBP, and party ids are org-id identifiers where the
organisation has one.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from .facts import AwardFacts, OrganisationFacts, PlannedProcurementFacts

LICENSE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
TENDER_STATUS = {
    "planned": "planned",
    "in-procurement": "active",
    "awarded": "complete",
    "withdrawn": "withdrawn",
}


def ocid(*, prefix: str, key: str) -> str:
    return f"{prefix}-{key}"


def _datetime(value: datetime | date) -> str:
    if not isinstance(value, datetime):
        value = datetime.combine(value, time.min, tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _money(amount: Decimal) -> dict:
    # OCDS amounts are JSON numbers; pence survive as two decimal places.
    return {"amount": float(amount), "currency": "GBP"}


def _period(start: date | None, end: date | None = None) -> dict:
    period = {}
    if start:
        period["startDate"] = _datetime(start)
    if end:
        period["endDate"] = _datetime(end)
    return period


def _party(organisation: OrganisationFacts, roles: list[str]) -> dict:
    party: dict[str, Any] = {"id": organisation.party_id, "name": organisation.name}
    if organisation.scheme:
        party["identifier"] = {
            "scheme": organisation.scheme,
            "id": organisation.identifier,
            "legalName": organisation.name,
        }
    if organisation.region:
        party["address"] = {"region": organisation.region, "countryName": "United Kingdom"}
    details: dict[str, Any] = {}
    if organisation.scale:
        details["scale"] = organisation.scale
    if organisation.vcse is not None:
        details["vcse"] = organisation.vcse
    if details:
        party["details"] = details
    party["roles"] = roles
    return party


def _classification(code: str, description: str) -> dict:
    return {"scheme": "CPV", "id": code, **({"description": description} if description else {})}


def _reference(organisation: OrganisationFacts) -> dict:
    return {"id": organisation.party_id, "name": organisation.name}


def planning_release(facts: PlannedProcurementFacts, *, prefix: str) -> dict:
    """A planning release: the pipeline notice of one planned procurement."""
    release_ocid = ocid(prefix=prefix, key=facts.key)
    tender: dict[str, Any] = {
        "id": facts.key,
        "title": facts.title,
        "status": TENDER_STATUS.get(facts.status, "planned"),
        "procuringEntity": _reference(facts.buyer),
        # The Procurement Act 2023 pipeline notice says whether the work suits
        # small businesses and VCSEs (the UK's suitability extension fields).
        "suitability": {"sme": facts.suitable_for_sme, "vcse": facts.suitable_for_vcse},
    }
    if facts.description:
        tender["description"] = facts.description
    if facts.cpv or facts.regions:
        tender["items"] = [
            {
                "id": "1",
                "description": facts.title,
                **({"classification": _classification(*facts.cpv[0])} if facts.cpv else {}),
                "additionalClassifications": [
                    _classification(code, name) for code, name in facts.cpv[1:]
                ],
                "deliveryAddresses": [
                    {"region": name, "countryName": "United Kingdom", "itl1": code}
                    for code, name in facts.regions
                ],
            }
        ]
    if facts.value is not None:
        tender["value"] = _money(facts.value)
    if facts.procurement_start:
        tender["tenderPeriod"] = _period(facts.procurement_start)
    if facts.contract_start:
        tender["contractPeriod"] = _period(facts.contract_start)
    if facts.framework:
        tender["procurementMethodDetails"] = f"Call-off from the {facts.framework} framework"
    planning: dict[str, Any] = {
        "rationale": f"Pipeline of the {facts.buyer.name} procurement strategy for the "
        f"financial year {facts.financial_year} to {facts.financial_year + 1}",
        "documents": [
            {
                "id": "strategy",
                "documentType": "procurementPlan",
                "title": "Procurement strategy",
                "url": facts.url,
                "format": "text/html",
                "language": "en",
            }
        ],
    }
    if facts.value is not None:
        planning["budget"] = {"amount": _money(facts.value)}
    return {
        "ocid": release_ocid,
        "id": f"{release_ocid}-planning",
        "date": _datetime(facts.published),
        "tag": ["planning"],
        "initiationType": "tender",
        "language": "en",
        "parties": [_party(facts.buyer, ["buyer", "procuringEntity"])],
        "buyer": _reference(facts.buyer),
        "planning": planning,
        "tender": tender,
    }


def award_releases(facts: AwardFacts, *, prefix: str) -> list[dict]:
    """An award release and a contract release for one contract awarded."""
    release_ocid = ocid(prefix=prefix, key=facts.key)
    common = {
        "ocid": release_ocid,
        "date": _datetime(facts.date),
        "initiationType": "tender",
        "language": "en",
        "parties": [
            _party(facts.buyer, ["buyer", "procuringEntity"]),
            _party(facts.supplier, ["supplier"]),
        ],
        "buyer": _reference(facts.buyer),
    }
    item = {"id": facts.item_id, "description": facts.title, "quantity": 1}
    period = _period(facts.start, facts.end)
    award: dict[str, Any] = {
        "id": facts.key,
        "title": facts.title,
        "status": "active",
        "date": _datetime(facts.date),
        "value": _money(facts.value),
        "suppliers": [_reference(facts.supplier)],
        "items": [item],
        "documents": [
            {
                "id": "service",
                "documentType": "technicalSpecifications",
                "title": "Service description",
                "url": facts.url,
                "format": "text/html",
                "language": "en",
            }
        ],
    }
    if facts.description:
        award["description"] = facts.description
    if period:
        award["contractPeriod"] = period
    tender = {
        "id": facts.key,
        "title": facts.title,
        "status": "complete",
        "procuringEntity": _reference(facts.buyer),
        "procurementMethod": "limited",
        "procurementMethodDetails": facts.method_details,
    }
    contract: dict[str, Any] = {
        "id": facts.key,
        "awardID": facts.key,
        "title": facts.title,
        "value": _money(facts.value),
        "items": [item],
    }
    if period:
        contract["period"] = period
    return [
        {
            **common,
            "id": f"{release_ocid}-award",
            "tag": ["award"],
            "tender": tender,
            "awards": [award],
        },
        {**common, "id": f"{release_ocid}-contract", "tag": ["contract"], "contracts": [contract]},
    ]


def _publisher(name: str, uri: str) -> dict:
    return {"name": name, "uri": uri}


def release_package(
    releases: list[dict],
    *,
    uri: str,
    published: datetime,
    publisher: str,
    publisher_uri: str,
    publication_policy: str,
    links: dict[str, str] | None = None,
) -> dict:
    package: dict[str, Any] = {
        "uri": uri,
        "version": "1.1",
        "publishedDate": _datetime(published),
        "publisher": _publisher(publisher, publisher_uri),
        "license": LICENSE_URL,
        "publicationPolicy": publication_policy,
        "releases": releases,
    }
    if links:
        package["links"] = links
    return package


def _merge(earlier: Any, later: Any) -> Any:
    """OCDS merging, simplified to what these releases contain: objects merge
    field by field, arrays of objects with ids merge by id, other values are
    replaced by the later release's."""
    if isinstance(earlier, dict) and isinstance(later, dict):
        merged = dict(earlier)
        for name, value in later.items():
            merged[name] = _merge(earlier[name], value) if name in earlier else value
        return merged
    if (
        isinstance(earlier, list)
        and isinstance(later, list)
        and all(isinstance(item, dict) and "id" in item for item in [*earlier, *later])
    ):
        by_id = {item["id"]: item for item in earlier}
        for item in later:
            by_id[item["id"]] = _merge(by_id[item["id"]], item) if item["id"] in by_id else item
        return list(by_id.values())
    return later


def compiled_release(releases: list[dict]) -> dict:
    compiled: dict[str, Any] = {}
    for release in sorted(releases, key=lambda r: (r["date"], r["id"])):
        compiled = _merge(compiled, {k: v for k, v in release.items() if k != "tag"})
    compiled["id"] = f"{compiled['ocid']}-compiled"
    compiled["tag"] = ["compiled"]
    return compiled


def record_package(
    releases: Iterable[dict],
    *,
    uri: str,
    published: datetime,
    publisher: str,
    publisher_uri: str,
    publication_policy: str,
) -> dict:
    """Records (one per ocid) with their releases embedded and compiled."""
    by_ocid: dict[str, list[dict]] = {}
    for release in releases:
        by_ocid.setdefault(release["ocid"], []).append(release)
    return {
        "uri": uri,
        "version": "1.1",
        "publishedDate": _datetime(published),
        "publisher": _publisher(publisher, publisher_uri),
        "license": LICENSE_URL,
        "publicationPolicy": publication_policy,
        "records": [
            {"ocid": key, "releases": group, "compiledRelease": compiled_release(group)}
            for key, group in by_ocid.items()
        ],
    }
