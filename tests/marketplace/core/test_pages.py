import pytest
from django.db import connection
from django.test import Client, override_settings

from tests.factories import BuyerFactory

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


def test_the_health_check_touches_the_database(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == {"status": "ok", "detail": connection.vendor}


def test_the_database_check_can_be_asked_alone_and_an_unknown_check_is_404(client):
    alone = client.get("/health/database/").json()
    assert list(alone["checks"]) == ["database"]
    assert alone["status"] == "ok"
    assert client.get("/health/nonsense/").status_code == 404


def test_a_broken_database_makes_the_site_report_down_with_503(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def refuse(self, sql, params=None):
        raise OSError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    response = client.get("/health/database/")
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["status"] == "down"
    assert "connection refused" in response.json()["checks"]["database"]["detail"]


def test_the_home_page_offers_search_the_guides_and_supplier_registration(client):
    html = client.get("/").content.decode()

    assert '<form method="get" action="/search/" role="search" novalidate>' in html
    assert 'class="govuk-input" id="id_q" name="q" type="search"' in html
    assert 'href="/search/guides/">Answer a few questions to find services</a>' in html
    assert '<h2 class="govuk-heading-m">Sell to the public sector</h2>' in html
    assert 'href="/supplier/register/">Register as a supplier</a>' in html
    assert "Your next steps" not in html


def test_a_buyer_sees_their_projects_and_the_feedback_they_can_give(client):
    from tests.factories import SupplierUserFactory, listing_make
    from tests.feedback.conftest import award_make

    supplier_user = SupplierUserFactory(supplier_organisation__name="Acme Backup Ltd")
    buyer = BuyerFactory()
    award_make(buyer=buyer, listing=listing_make(supplier_user=supplier_user, publish=True))
    slug = supplier_user.supplier_organisation.slug
    client.force_login(buyer)

    html = client.get("/").content.decode()

    assert '<h2 class="govuk-heading-l" id="next-steps">Your next steps</h2>' in html
    assert ">Backup 2027</a>" in html
    assert 'href="/buyer/projects/">All your organisation\'s projects</a>' in html
    link = f'href="/feedback/suppliers/{slug}/write/">Give feedback about Acme Backup Ltd</a>'
    assert link in html
    assert "Register as a supplier" not in html


def test_a_buyer_with_nothing_to_do_yet_is_told_how_to_start(client):
    client.force_login(BuyerFactory())

    html = client.get("/").content.decode()

    assert "Your organisation has no projects yet." in html
    assert "You have no feedback to give." in html


def test_a_member_is_told_on_the_home_page_that_people_wait_to_join(client):
    from marketplace.accounts.models import BuyerOrganisationJoinRequest
    from tests.factories import UserFactory

    member = BuyerFactory(buyer_organisation__name="Department for Education")
    for email in ("ana@education.gov.uk", "ben@education.gov.uk"):
        BuyerOrganisationJoinRequest.objects.create(
            user=UserFactory(email=email), organisation=member.buyer_organisation
        )
    client.force_login(member)

    html = client.get("/").content.decode()

    assert "2 people are waiting to join Department for Education." in html
    assert 'href="/account/join-requests/">Decide on requests to join</a>' in html
