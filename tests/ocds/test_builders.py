"""The builders are pure: facts in, OCDS out, with no database or server."""

from datetime import UTC, date, datetime
from decimal import Decimal

from ocds import builders
from ocds.facts import AwardFacts, OrganisationFacts, PlannedProcurementFacts
from ocds.validation import package_errors

BUYER = OrganisationFacts(party_id="ocds-test-buyer-x", name="X Council")
SUPPLIER = OrganisationFacts(
    party_id="GB-CHC-1123456",
    name="Helping Hands",
    scheme="GB-CHC",
    identifier="1123456",
    scale="sme",
    vcse=True,
)
PLAN = PlannedProcurementFacts(
    key="pipeline-1",
    financial_year=2026,
    published=datetime(2026, 4, 2, 9, 30, tzinfo=UTC),
    buyer=BUYER,
    title="Library booking system",
    description="",
    cpv=(),
    value=None,
    procurement_start=None,
    contract_start=None,
    regions=(),
    suitable_for_sme=False,
    suitable_for_vcse=True,
    status="withdrawn",
    route_to_market="undecided",
    framework="",
    url="https://example.org/strategies/x/2026-27/",
)
AWARD = AwardFacts(
    key="award-3",
    date=datetime(2026, 7, 1, 10, 0, tzinfo=UTC),
    buyer=BUYER,
    supplier=SUPPLIER,
    title="Digital skills training",
    description="Training for residents",
    item_id="listing-5-version-2",
    method_details="Direct award from G-Cloud 14, lot 3",
    value=Decimal("12500.50"),
    start=date(2026, 8, 1),
    end=None,
    url="https://example.org/services/5/",
)
OPTIONS = {
    "uri": "https://example.org/p",
    "published": datetime(2026, 7, 2, tzinfo=UTC),
    "publisher": "Test",
    "publisher_uri": "https://example.org/",
    "publication_policy": "https://example.org/policy/",
}


def test_a_sparse_planning_release_is_valid_and_says_only_what_is_known():
    release = builders.planning_release(PLAN, prefix="ocds-test")

    assert release["ocid"] == "ocds-test-pipeline-1"
    assert release["date"] == "2026-04-02T09:30:00Z"
    assert release["tender"]["status"] == "withdrawn"
    assert "value" not in release["tender"]
    assert "items" not in release["tender"]
    assert "budget" not in release["planning"]
    package = builders.release_package([release], **OPTIONS)
    assert package_errors(package, kind="release") == []


def test_an_award_gives_an_award_and_a_contract_release_in_pounds():
    award, contract = builders.award_releases(AWARD, prefix="ocds-test")

    assert award["tag"] == ["award"]
    assert contract["tag"] == ["contract"]
    assert award["awards"][0]["value"] == {"amount": 12500.5, "currency": "GBP"}
    assert award["awards"][0]["contractPeriod"] == {"startDate": "2026-08-01T00:00:00Z"}
    assert award["parties"][1]["identifier"] == {
        "scheme": "GB-CHC",
        "id": "1123456",
        "legalName": "Helping Hands",
    }
    assert "identifier" not in award["parties"][0]
    assert (
        package_errors(builders.release_package([award, contract], **OPTIONS), kind="release") == []
    )


def test_the_compiled_release_merges_by_id():
    award, contract = builders.award_releases(AWARD, prefix="ocds-test")

    package = builders.record_package([contract, award], **OPTIONS)

    compiled = package["records"][0]["compiledRelease"]
    assert compiled["id"] == "ocds-test-award-3-compiled"
    assert [p["id"] for p in compiled["parties"]] == ["ocds-test-buyer-x", "GB-CHC-1123456"]
    assert compiled["awards"][0]["id"] == compiled["contracts"][0]["awardID"] == "award-3"
    assert package_errors(package, kind="record") == []


def test_an_invalid_package_is_reported():
    release = builders.planning_release(PLAN, prefix="ocds-test")
    del release["tender"]["id"]

    errors = package_errors(builders.release_package([release], **OPTIONS), kind="release")

    assert errors == ["releases/0/tender: 'id' is a required property"]
