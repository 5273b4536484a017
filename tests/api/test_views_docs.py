"""The documentation page, in the site's design, and the links to it from the open-data pages."""

import pytest
from django.urls import reverse, reverse_lazy

pytestmark = pytest.mark.django_db


def test_the_documentation_page_explains_every_endpoint_with_examples(client):
    response = client.get(reverse("api:documentation"))
    page = response.content.decode()

    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">Open data API</h1>' in page
    for path in (
        "/api/v1/frameworks/",
        "/api/v1/categories/",
        "/api/v1/suppliers/",
        "/api/v1/listings/",
        "/api/v1/search/",
        "/api/v1/feedback/",
        "/api/v1/strategies/",
        "/api/v1/pipeline/",
        "/api/v1/awards/",
    ):
        assert f"<code>GET {path}" in page, path
    assert "curl http://testserver/api/v1/awards/" in page
    assert "&quot;buyer_organisation&quot;" in page  # the sample answer, escaped as text
    assert f'href="{reverse("api:openapi")}"' in page
    assert "Each address may send up to 120 requests a minute." in page
    assert "Open Government Licence v3.0" in page


@pytest.mark.parametrize(
    "address",
    [
        reverse_lazy("frameworks:open-data"),
        reverse_lazy("feedback:open-data"),
        "/strategies/data/",  # a route of the strategies index page, not in the URLconf
    ],
)
def test_each_open_data_page_links_to_the_api(client, address):
    page = client.get(address).content.decode()

    assert f'href="{reverse("api:documentation")}">open data API</a>' in page
