"""What every endpoint shares: cursor pages, conditional GET, CORS, throttling,
JSON errors and the licence."""

import pytest
from django.urls import reverse

from tests.factories import SupplierOrganisationFactory

pytestmark = pytest.mark.django_db

OGL_LINK = (
    '<https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/>; rel="license"'
)


def test_cursor_pages_walk_every_supplier_once_in_a_stable_order(client):
    made = [SupplierOrganisationFactory().slug for _ in range(5)]

    seen, url, pages = [], reverse("api:suppliers") + "?page_size=2", 0
    while url:
        body = client.get(url).json()
        seen += [item["slug"] for item in body["results"]]
        url, pages = body["next"], pages + 1
        if pages == 1:
            SupplierOrganisationFactory()  # added mid-walk: after the cursor, so seen at the end

    assert pages == 3
    assert seen[:5] == made
    assert len(seen) == len(set(seen)) == 6


def test_a_cursor_that_is_not_valid_is_a_json_404(client):
    response = client.get(reverse("api:suppliers") + "?cursor=not-a-cursor")

    assert response.status_code == 404
    assert response.json()["message"] == (
        "The cursor is not valid. Follow the next or previous link you were given."
    )


def test_conditional_get_answers_304_until_the_data_changes(client):
    SupplierOrganisationFactory()
    first = client.get(reverse("api:suppliers"))
    etag = first["ETag"]

    again = client.get(reverse("api:suppliers"), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Link"] == OGL_LINK

    SupplierOrganisationFactory()
    changed = client.get(reverse("api:suppliers"), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_a_supplier_has_last_modified_and_honours_if_modified_since(client):
    supplier = SupplierOrganisationFactory()
    url = reverse("api:supplier", args=[supplier.slug])
    first = client.get(url)

    assert first["Last-Modified"]
    response = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert response.status_code == 304
    stale = client.get(url, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT")
    assert stale.status_code == 200


def test_any_site_may_read_the_api_from_a_browser(client):
    response = client.get(reverse("api:frameworks"), HTTP_ORIGIN="https://data.example.org")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_preflight_allows_reading_only(client):
    response = client.options(
        reverse("api:frameworks"),
        HTTP_ORIGIN="https://data.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_cors_is_only_for_the_api(client):
    response = client.get(reverse("search:results"), HTTP_ORIGIN="https://data.example.org")

    assert "Access-Control-Allow-Origin" not in response


def test_too_many_requests_from_one_address_get_a_json_429(client, settings):
    settings.API_THROTTLE_RATE = "3/minute"
    url = reverse("api:categories")
    statuses = [client.get(url, REMOTE_ADDR="192.0.2.1").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    refused = client.get(url, REMOTE_ADDR="192.0.2.1")
    body = refused.json()
    assert body["status"] == 429
    assert body["message"].startswith(
        "Too many requests from your address (the limit is 3/minute). Try again in "
    )
    assert int(refused["Retry-After"]) == body["retry_after"] > 0
    # Another client is not held back.
    assert client.get(url, REMOTE_ADDR="192.0.2.2").status_code == 200


def test_an_unknown_address_under_api_is_a_json_404(client):
    response = client.get("/api/v1/nothing-here/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"] == "Nothing was found at this address."
    assert response["Link"] == OGL_LINK


def test_an_address_with_an_encoded_line_break_is_a_json_404_too(client):
    response = client.get("/api/v1/suppliers/x%0D%0A/")

    assert response.status_code == 404
    assert response.json()["message"] == "Nothing was found at this address."


def test_an_unknown_record_is_a_json_404(client):
    response = client.get(reverse("api:supplier", args=["no-such-supplier"]))

    assert response.status_code == 404
    assert response.json()["message"] == "Nothing was found at this address."


def test_an_address_without_its_final_slash_is_redirected(client):
    response = client.get("/api/v1/frameworks?page_size=2")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/frameworks/?page_size=2"


def test_writing_is_refused_with_a_json_405(client):
    response = client.post(reverse("api:frameworks"), data={}, content_type="application/json")

    assert response.status_code == 405
    assert response.json()["message"] == "This API is read-only: use GET, HEAD or OPTIONS."


def test_a_bad_search_parameter_is_a_json_400_naming_it(client):
    response = client.get(reverse("api:search") + "?page=0&size=enormous")

    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "Some of the parameters are not valid: see errors."
    assert body["errors"] == {
        "size": ["Choose supplier sizes from the list"],
        "page": ["Page must be 1 or more"],
    }


def test_an_unexpected_failure_is_a_json_500_never_a_page(client, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the database fell over")

    monkeypatch.setattr("api.views.framework_list", broken)
    response = client.get(reverse("api:frameworks"))

    assert response.status_code == 500
    assert response.json()["message"] == "Something went wrong on our side. Try again later."
    assert "fell over" not in response.content.decode()


def test_every_answer_states_the_licence(client):
    for path in (reverse("api:frameworks"), reverse("api:openapi"), "/api/v1/x/"):
        assert client.get(path)["Link"] == OGL_LINK
