"""A small public world with private things beside it, built through the services.

Public: a framework with a lot in a two-level category tree, a supplier with a
published listing (whose newer draft is private), an award, published feedback
from a named buyer and from one who chose a pseudonym, and a published strategy
with a pipeline. Private: the draft version's words, a withdrawn listing, a
pending and a withdrawn feedback, the authors' names and e-mail addresses, and
the buyer organisation behind the pseudonym.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group

from feedback import services as feedback_services
from listings import services as listing_services
from marketplace.accounts.roles import CCS_REVIEWERS_GROUP
from marketplace.core.models import Region
from tests.factories import (
    BuyerFactory,
    BuyingOrganisationFactory,
    LotFactory,
    SupplierUserFactory,
    UserFactory,
    category_make,
    listing_content,
    listing_make,
)
from tests.feedback.conftest import award_make, content
from tests.strategies.conftest import entry, make_strategy

DRAFT_NAME = "Secret draft name never approved"
PRIVATE_WORDS = "Only the moderator may read this pending feedback"
WITHDRAWN_WORDS = "Withdrawn words the author took back"
HIDDEN_BUYER = "Hidden Valley District Council"


@dataclass
class World:
    lot: object
    parent: object
    child: object
    supplier_user: object
    listing: object
    withdrawn: object
    buyer: object
    award: object
    published: object
    pseudonymous: object
    pending: object
    strategy: object


@pytest.fixture
def moderator(db):
    user = UserFactory(email="moderator@ccs.example.gov.uk", full_name="Morag Moderator")
    user.groups.add(Group.objects.get(name=CCS_REVIEWERS_GROUP))
    return user


@pytest.fixture
def world(db, moderator) -> World:
    parent = category_make("Software")
    child = category_make("Backup software", parent=parent)
    lot = LotFactory(categories=[child])
    supplier_user = SupplierUserFactory(
        full_name="Sam Supplier",
        supplier_organisation__companies_house_number="01234567",
        supplier_organisation__charity_number="1123456",
        supplier_organisation__vcse_type="charity",
        supplier_organisation__contact_email="contact@supplier.example.co.uk",
        supplier_organisation__contact_phone="0113 496 0000",
        supplier_organisation__head_office_region_id="TLE",
    )
    supplier = supplier_user.supplier_organisation
    supplier.regions_served.set(Region.objects.filter(code__in=["TLE", "TLC"]))
    listing = listing_make(supplier_user=supplier_user, lot=lot, publish=True, categories=[child])
    listing_services.listing_draft_save(
        actor=supplier_user,
        listing=listing,
        content=listing_content(lot, name=DRAFT_NAME, categories=[child]),
    )
    withdrawn = listing_make(supplier_user=supplier_user, lot=lot, publish=True, name="Old thing")
    listing_services.listing_withdraw(actor=supplier_user, listing=withdrawn, reason="Retired")

    buyer = BuyerFactory(full_name="Bea Buyer", buyer_organisation__name="Leeds City Council")
    award = award_make(buyer=buyer, listing=listing)
    published = feedback_services.feedback_create(actor=buyer, content=content(), award=award)
    feedback_services.feedback_publish(actor=moderator, version=published.versions.get())

    hidden = BuyerFactory(full_name="Harriet Hidden", buyer_organisation__name=HIDDEN_BUYER)
    hidden_award = award_make(buyer=hidden, listing=listing)
    pseudonymous = feedback_services.feedback_create(
        actor=hidden,
        content=content(overall=2),
        award=hidden_award,
        display_mode="pseudonym",
        pseudonym_region=Region.objects.get(code="TLE"),
    )
    feedback_services.feedback_publish(actor=moderator, version=pseudonymous.versions.get())

    other = BuyerFactory(full_name="Olive Other", buyer_organisation__name="York Council")
    pending = feedback_services.feedback_create(
        actor=other,
        content=content(went_well=PRIVATE_WORDS),
        award=award_make(buyer=other, listing=listing),
    )
    withdrawer = BuyerFactory(buyer_organisation__name="Bradford Council")
    taken_back = feedback_services.feedback_create(
        actor=withdrawer,
        content=content(went_well=WITHDRAWN_WORDS),
        award=award_make(buyer=withdrawer, listing=listing),
    )
    feedback_services.feedback_publish(actor=moderator, version=taken_back.versions.get())
    feedback_services.feedback_withdraw(actor=withdrawer, version=taken_back.versions.get())

    organisation = BuyingOrganisationFactory(name="Leeds Purchasing", slug="leeds-purchasing")
    from strategies.services import organisation_strategy_index_ensure

    organisation_strategy_index_ensure(organisation=organisation)
    strategy = make_strategy(
        organisation,
        2026,
        [
            entry(
                "Hosting move",
                "1500000",
                reference="L-1",
                regions=["TLE"],
                categories=[child],
                suitable_for_sme=True,
            ),
            entry("Helpdesk", "90000", reference="L-2"),
        ],
    )
    return World(
        lot=lot,
        parent=parent,
        child=child,
        supplier_user=supplier_user,
        listing=listing,
        withdrawn=withdrawn,
        buyer=buyer,
        award=award,
        published=published,
        pseudonymous=pseudonymous,
        pending=pending,
        strategy=strategy,
    )


@pytest.fixture
def card_orders(client, settings, stripe_mock):
    """Two paid card orders and one never paid (tests/ocds/data.py)."""
    from tests.ocds.data import card_orders_make

    return card_orders_make(client, settings)
