"""The OCDS endpoints: valid packages, paging, records, nothing private, bad input."""

import pytest

from api.errors import error_body
from ocds import views
from ocds.validation import package_errors
from strategies.models import PipelineEntry
from tests.ocds.data import SECRETS

pytestmark = pytest.mark.django_db

PREFIX = "ocds-xxxxxx"


def releases_by_tag(package, tag):
    return [release for release in package["releases"] if release["tag"] == [tag]]


def test_the_paged_release_package_is_valid_ocds_with_every_release(client, marketplace):
    response = client.get("/api/v1/ocds/releases/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    package = response.json()
    assert package_errors(package, kind="release") == []
    assert package["license"] == (
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    )
    assert package["publicationPolicy"] == "http://testserver/api/v1/ocds/publication-policy/"
    assert len(releases_by_tag(package, "planning")) == 2
    assert len(releases_by_tag(package, "award")) == 4
    assert len(releases_by_tag(package, "contract")) == 4
    assert "links" not in package


def test_a_planning_release_carries_the_pipeline_notice(client, marketplace):
    package = client.get("/api/v1/ocds/releases/2026-27.json").json()

    [release] = [
        r
        for r in releases_by_tag(package, "planning")
        if r["tender"]["title"] == "Social care case management"
    ]
    entry = PipelineEntry.objects.get(title="Social care case management")
    assert release["ocid"] == f"{PREFIX}-pipeline-{entry.pk}"
    assert release["buyer"] == {
        "id": f"{PREFIX}-buying-organisation-northshire",
        "name": "Northshire County Council",
    }
    assert release["parties"][0]["roles"] == ["buyer", "procuringEntity"]
    tender = release["tender"]
    assert tender["value"] == {"amount": 2500000.0, "currency": "GBP"}
    assert tender["items"][0]["classification"] == {"scheme": "CPV", "id": "72212000"}
    assert [c["id"] for c in tender["items"][0]["additionalClassifications"]] == ["48000000"]
    assert [a["itl1"] for a in tender["items"][0]["deliveryAddresses"]] == ["TLC", "TLD"]
    assert tender["suitability"] == {"sme": True, "vcse": False}
    assert tender["tenderPeriod"] == {"startDate": "2026-06-01T00:00:00Z"}
    assert tender["contractPeriod"] == {"startDate": "2027-01-01T00:00:00Z"}
    assert release["planning"]["budget"]["amount"] == {"amount": 2500000.0, "currency": "GBP"}


def test_award_and_contract_releases_name_the_parties_with_org_ids(client, marketplace):
    package = client.get("/api/v1/ocds/releases/2026-27.json").json()

    award_release = next(
        r
        for r in releases_by_tag(package, "award")
        if r["awards"][0]["suppliers"][0]["name"] == "Payroll Partners Ltd"
    )
    supplier = next(p for p in award_release["parties"] if p["roles"] == ["supplier"])
    assert supplier["id"] == "GB-COH-01234567"
    assert supplier["identifier"] == {
        "scheme": "GB-COH",
        "id": "01234567",
        "legalName": "Payroll Partners Ltd",
    }
    assert supplier["details"] == {"scale": "sme", "vcse": False}
    buyer = next(p for p in award_release["parties"] if "buyer" in p["roles"])
    assert buyer["name"] == "Hill Top Academy Trust"
    assert award_release["awards"][0]["value"] == {"amount": 30000.0, "currency": "GBP"}
    contract_release = next(
        r for r in releases_by_tag(package, "contract") if r["ocid"] == award_release["ocid"]
    )
    assert contract_release["contracts"][0]["awardID"] == award_release["awards"][0]["id"]
    assert contract_release["contracts"][0]["period"]["startDate"] == "2026-05-04T00:00:00Z"
    charity = next(
        p
        for r in releases_by_tag(package, "award")
        for p in r["parties"]
        if p["name"] == "Digital Inclusion Trust"
    )
    assert charity["identifier"]["scheme"] == "GB-CHC"
    assert charity["details"] == {"scale": "sme", "vcse": True}


def test_the_bulk_file_holds_only_its_financial_year(client, marketplace):
    earlier = client.get("/api/v1/ocds/releases/2025-26.json").json()

    assert package_errors(earlier, kind="release") == []
    assert [r["tag"] for r in earlier["releases"]] == [["award"], ["contract"]]
    assert earlier["releases"][0]["awards"][0]["value"]["amount"] == 5000.0
    current = client.get("/api/v1/ocds/releases/2026-27.json").json()
    assert package_errors(current, kind="release") == []
    assert len(current["releases"]) == 2 + 3 * 2


def test_nothing_private_is_published(client, marketplace):
    bodies = [
        client.get(url).content.decode()
        for url in ["/api/v1/ocds/releases/", "/api/v1/ocds/releases/2026-27.json"]
    ]
    emails = [buyer.email for buyer in marketplace["buyers"].values()]

    for body in bodies:
        for secret in [*SECRETS, *emails]:
            assert secret not in body


def test_a_record_compiles_the_award_and_contract(client, marketplace):
    award = marketplace["awards"][0]
    ocid = f"{PREFIX}-award-{award.pk}"

    response = client.get(f"/api/v1/ocds/records/{ocid}/")

    assert response.status_code == 200
    package = response.json()
    assert package_errors(package, kind="record") == []
    [record] = package["records"]
    assert record["ocid"] == ocid
    assert [r["tag"] for r in record["releases"]] == [["award"], ["contract"]]
    compiled = record["compiledRelease"]
    assert compiled["tag"] == ["compiled"]
    assert compiled["awards"][0]["value"]["amount"] == 30000.0
    assert compiled["contracts"][0]["awardID"] == compiled["awards"][0]["id"]
    assert len(compiled["parties"]) == 2


def test_a_planning_record_is_valid(client, marketplace):
    entry = PipelineEntry.objects.get(title="Community transport booking")

    package = client.get(f"/api/v1/ocds/records/{PREFIX}-pipeline-{entry.pk}/").json()

    assert package_errors(package, kind="record") == []
    assert package["records"][0]["compiledRelease"]["tender"]["title"] == entry.title


def test_paging_links_the_pages(client, marketplace, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 4)

    first = client.get("/api/v1/ocds/releases/").json()
    third = client.get("/api/v1/ocds/releases/?page=3").json()

    assert len(first["releases"]) == 4
    assert first["links"] == {"next": "http://testserver/api/v1/ocds/releases/?page=2"}
    assert len(third["releases"]) == 2
    assert third["links"] == {"prev": "http://testserver/api/v1/ocds/releases/?page=2"}
    assert package_errors(third, kind="release") == []
    ids = [
        r["id"]
        for page in (1, 2, 3)
        for r in client.get(f"/api/v1/ocds/releases/?page={page}").json()["releases"]
    ]
    assert len(ids) == len(set(ids)) == 10


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        (
            "/api/v1/ocds/releases/?page=0",
            400,
            "The page must be a whole number from 1, like ?page=2",
        ),
        (
            "/api/v1/ocds/releases/?page=abc",
            400,
            "The page must be a whole number from 1, like ?page=2",
        ),
        (
            "/api/v1/ocds/releases/?page=99",
            404,
            "There is no page 99. The releases fill 1 page.",
        ),
        ("/api/v1/ocds/releases/2026-28.json", 404, "Write the financial year like 2026-27"),
        ("/api/v1/ocds/releases/next-year.json", 404, "Write the financial year like 2026-27"),
        (
            "/api/v1/ocds/records/ocds-xxxxxx-award-999999/",
            404,
            "There is no contracting process with the ocid ocds-xxxxxx-award-999999",
        ),
    ],
)
def test_bad_input_is_answered_in_json(client, marketplace, url, status, message):
    response = client.get(url)

    assert response.status_code == status
    assert response.json() == error_body(status_code=status, message=message)


def test_an_empty_year_is_a_404_with_a_message(client, db):
    # OCDS packages hold at least one release, so an empty one is never served.
    empty_year = client.get("/api/v1/ocds/releases/2019-20.json")
    nothing_yet = client.get("/api/v1/ocds/releases/")

    assert empty_year.status_code == 404
    assert empty_year.json() == error_body(
        status_code=404, message="There are no releases for the financial year 2019-20"
    )
    assert nothing_yet.status_code == 404
    assert nothing_yet.json() == error_body(status_code=404, message="There are no releases yet")


def test_the_index_links_each_years_bulk_file(client, marketplace):
    index = client.get("/api/v1/ocds/").json()

    assert [f["financial_year"] for f in index["bulk_files"]] == ["2026-27", "2025-26"]
    assert index["bulk_files"][0]["url"] == "http://testserver/api/v1/ocds/releases/2026-27.json"


def test_the_publication_policy_page_links_the_files(client, marketplace):
    response = client.get("/api/v1/ocds/publication-policy/")

    body = response.content.decode()
    assert response.status_code == 200
    assert 'href="/api/v1/ocds/releases/2026-27.json"' in body
    assert "ocds-xxxxxx" in body


def test_the_ocid_prefix_is_a_setting(client, marketplace, settings):
    settings.OCDS_OCID_PREFIX = "ocds-abc123"

    package = client.get("/api/v1/ocds/releases/").json()

    assert {r["ocid"].rsplit("-", 2)[0] for r in package["releases"]} == {"ocds-abc123"}


def test_every_view_appears_in_the_openapi_document():
    from django.urls import include, path
    from drf_spectacular.generators import SchemaGenerator

    patterns = [path("api/v1/ocds/", include("ocds.urls"))]
    schema = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)

    assert {
        "/api/v1/ocds/",
        "/api/v1/ocds/releases/",
        "/api/v1/ocds/releases/{year}.json",
        "/api/v1/ocds/records/{ocid}/",
    } <= set(schema["paths"])
    operation = schema["paths"]["/api/v1/ocds/releases/"]["get"]
    assert operation["summary"] == "OCDS release package, page by page"
    assert [p["name"] for p in operation["parameters"]] == ["page"]


@pytest.mark.parametrize("url", ["/strategies/data/", "/frameworks/data/"])
def test_the_open_data_pages_link_the_ocds_files(client, db, url):
    body = client.get(url).content.decode()

    assert 'href="/api/v1/ocds/releases/">all OCDS releases</a>' in body
    assert 'href="/api/v1/ocds/publication-policy/">OCDS publication policy</a>' in body
