import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_the_home_page_names_the_service_and_links_the_guidance(client):
    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "<title>Open Procurement Marketplace \N{EN DASH} Open Procurement Marketplace</title>"
        in html
    )
    assert "govuk-service-navigation" in html
    assert "govuk-phase-banner" in html
    assert 'href="#main-content"' in html  # skip link
    assert "Open Government Licence v3.0" in html
    assert 'href="/accessibility-statement/"' in html


@pytest.mark.smoke
@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/accessibility-statement/", "Accessibility statement"),
        ("/privacy-notice/", "Privacy notice"),
        ("/cookies/", "Cookies"),
    ],
)
def test_the_statements_every_service_needs_are_published(client, path, heading):
    response = client.get(path)

    assert response.status_code == 200
    assert f'<h1 class="govuk-heading-xl">{heading}</h1>' in response.content.decode()


def test_the_site_sets_no_cookie_for_an_anonymous_visitor(client):
    response = client.get("/")

    assert response.cookies == {}


def test_the_header_does_not_claim_to_be_gov_uk(client):
    html = client.get("/").content.decode()

    assert "govuk-header__logotype" not in html
    assert "GOV.UK" not in html


@pytest.mark.smoke
def test_a_missing_page_gets_the_service_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "govuk-footer" in response.content.decode()


@override_settings(DEBUG=False)
def test_an_unexpected_error_gets_the_service_500_page(monkeypatch):
    import marketplace.accounts.views as views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "render", broken)
    client = Client(raise_request_exception=False)

    response = client.get("/account/register/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "govuk-footer" in html


def test_the_home_page_offers_search_the_guides_and_supplier_registration(client):
    html = client.get("/").content.decode()

    assert '<form method="get" action="/search/" role="search" novalidate>' in html
    assert 'class="govuk-input" id="id_q" name="q" type="search"' in html
    assert 'href="/search/guides/">Answer a few questions to find services</a>' in html
    assert '<h2 class="govuk-heading-m">Sell to the public sector</h2>' in html
    assert 'href="/supplier/register/">Register as a supplier</a>' in html
    assert "Your next steps" not in html
