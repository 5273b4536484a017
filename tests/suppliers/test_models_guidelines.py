"""The supply-chain guidelines: a published page, versioned by Wagtail, that only CCS edits."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import dateformat, timezone

from marketplace.accounts.roles import CCS_ADMINS_GROUP, CCS_REVIEWERS_GROUP
from suppliers.models import SupplyChainGuidelinesPage
from tests.factories import BuyerFactory, SupplierUserFactory
from tests.public_pages import text
from tests.wagtail_admin import member_of, refused

pytestmark = pytest.mark.django_db

PATH = "/supply-chain-guidelines/"


def edit_url(page) -> str:
    return f"/admin/pages/{page.pk}/edit/"


def test_the_guidelines_are_published_in_plain_english_with_their_version(client):
    page = SupplyChainGuidelinesPage.objects.get()

    response = client.get(PATH)

    words = text(response)
    updated = dateformat.format(timezone.localtime(page.last_published_at), "j F Y")
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">Supply-chain guidelines</h1>' in response.content.decode()
    assert f"Last updated {updated}. This is version 1." in words
    for heading in (
        "Pay your subcontractors within 30 days",
        "Be open about who delivers the work",
        "Keep the market open to small suppliers",
        "Settle disputes fairly and quickly",
        "Pass social value down the chain",
        "Raise a concern with CCS",
    ):
        assert heading in words
    assert (
        "Under the Procurement Act 2023, a public body must pay a valid invoice within 30" in words
    )
    assert "marketplace-supply-chain@example.gov.uk" in words


def test_each_publication_is_a_new_version(client):
    page = SupplyChainGuidelinesPage.objects.get()
    first = page.last_published_at

    page.summary = "Updated after the annual review."
    page.save_revision().publish()

    page.refresh_from_db()
    assert page.last_published_at > first
    assert "This is version 2." in text(client.get(PATH))
    assert "Updated after the annual review." in text(client.get(PATH))


def test_a_signed_in_supplier_is_offered_the_declaration(client):
    client.force_login(SupplierUserFactory())

    html = client.get(PATH).content.decode()

    assert 'href="/supplier/supply-chain-guidelines/"' in html
    assert "Declare that your organisation follows these guidelines" in html


def test_ccs_admins_edit_the_guidelines_and_nobody_else_can(client):
    page = SupplyChainGuidelinesPage.objects.get()
    client.force_login(member_of(CCS_ADMINS_GROUP))
    assert client.get(edit_url(page)).status_code == 200

    for outsider in (member_of(CCS_REVIEWERS_GROUP), SupplierUserFactory(), BuyerFactory()):
        client.force_login(outsider)
        assert refused(client.get(edit_url(page))), outsider
        assert refused(client.post(edit_url(page), {"title": "Hijacked"})), outsider

    page.refresh_from_db()
    assert page.title == "Supply-chain guidelines"
    assert page.revisions.count() == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_removes_and_recreates_the_page():
    executor = MigrationExecutor(connection)
    executor.migrate([("suppliers", "0004_supply_chain")])
    assert not SupplyChainGuidelinesPage.objects.exists()

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    page = SupplyChainGuidelinesPage.objects.get()
    assert page.url == PATH
    assert page.get_parent().numchild == page.get_parent().get_children().count()
