"""Factories for the tests: real model instances with plausible values."""

from decimal import Decimal

import factory
from django.utils import timezone
from django.utils.text import slugify

from frameworks.models import BuyingOrganisation, Category, Framework, Lot
from listings.models import Listing
from marketplace.accounts.models import BuyerOrganisation, BuyerSector, User
from suppliers.models import SizeBand, SupplierOrganisation

PASSWORD = "correct horse battery staple"


class BuyerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BuyerOrganisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Test Borough Council {n}")
    sector = BuyerSector.LOCAL_AUTHORITY


class SupplierOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupplierOrganisation

    name = factory.Sequence(lambda n: f"Test Supplier {n} Ltd")
    size_band = SizeBand.SMALL


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.gov.uk")
    full_name = factory.Faker("name", locale="en_GB")
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class BuyerFactory(UserFactory):
    buyer_organisation = factory.SubFactory(BuyerOrganisationFactory)


class SupplierUserFactory(UserFactory):
    email = factory.Sequence(lambda n: f"person{n}@supplier.example.co.uk")
    supplier_organisation = factory.SubFactory(SupplierOrganisationFactory)


class BuyingOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BuyingOrganisation

    name = factory.Sequence(lambda n: f"Purchasing Consortium {n}")
    organisation_type = "central"


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    name = factory.Sequence(lambda n: f"Framework {n}")
    slug = factory.Sequence(lambda n: f"framework-{n}")
    owner = factory.SubFactory(BuyingOrganisationFactory)


class CcsReviewerFactory(UserFactory):
    """A CCS reviewer: may approve, reject and suspend listings in the Wagtail admin."""

    email = factory.Sequence(lambda n: f"reviewer{n}@ccs.example.gov.uk")

    @factory.post_generation
    def _group(obj, create, extracted, **kwargs):
        from django.contrib.auth.models import Group

        from marketplace.accounts.roles import CCS_REVIEWERS_GROUP

        if create:
            obj.groups.add(Group.objects.get(name=CCS_REVIEWERS_GROUP))


class LotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lot
        skip_postgeneration_save = True

    framework = factory.SubFactory(FrameworkFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    slug = factory.Sequence(lambda n: f"lot-{n}")
    name = factory.Sequence(lambda n: f"Cloud software {n}")
    max_categories = 3

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        """Three leaf categories of its own unless given some."""
        if not create:
            return
        chosen = extracted if extracted is not None else [category_make() for _ in range(3)]
        obj.categories.set(chosen)
        obj.save()  # a ParentalManyToManyField is written when its lot is saved


_category_numbers = iter(range(1, 1_000_000))


def category_make(name: str = "", parent: Category | None = None) -> Category:
    number = next(_category_numbers)
    name = name or f"Test category {number}"
    fields = {"name": name, "slug": f"{slugify(name)}-{number}"}
    return parent.add_child(**fields) if parent else Category.add_root(**fields)


def listing_content(lot: Lot, **overrides) -> dict:
    """A valid, honest listing's content for ``lot``."""
    content = {
        "name": "Cloud backup for schools",
        "summary": "Automatic nightly backup of school files and e-mail, kept in the UK.",
        "description": (
            "We copy your files and mailboxes every night to two UK data centres. "
            "Staff can restore a lost file themselves from a web page."
        ),
        "features": ["Nightly automatic backup", "Self-service restore"],
        "benefits": ["Recover lost coursework in minutes"],
        "categories": list(lot.categories.all()[:1]),
        "serves_whole_uk": True,
        "regions": [],
        "open_standards": ["openapi"],
        "integrations": [],
        "price": Decimal("1.50"),
        "price_unit": "user",
        "pricing_model": "per-unit",
        "free_trial": False,
        "education_pricing": True,
        "buy_online": False,
        "unit_price": None,
    }
    content.update(overrides)
    return content


def listing_make(
    *, supplier_user=None, lot=None, reviewer=None, publish: bool = False, **overrides
) -> Listing:
    """A listing created through the services, optionally submitted and approved."""
    from listings import services

    supplier_user = supplier_user or SupplierUserFactory()
    lot = lot or LotFactory()
    listing = services.listing_create(
        actor=supplier_user,
        supplier=supplier_user.supplier_organisation,
        lot=lot,
        content=listing_content(lot, **overrides),
    )
    if publish:
        services.listing_submit(actor=supplier_user, listing=listing)
        services.listing_approve(actor=reviewer or CcsReviewerFactory(), listing=listing)
        listing.refresh_from_db()
    return listing
