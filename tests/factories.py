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


def partnership_make(
    *, supplier_user, partner, role="subcontractor", statement="", confirmed=True, ended=False
):
    """A supply-chain partnership proposed by ``supplier_user``'s organisation and, unless
    ``confirmed`` is False, confirmed by a user of the partner, via the services."""
    from suppliers import services

    partnership = services.partnership_propose(
        actor=supplier_user,
        supplier=supplier_user.supplier_organisation,
        partner=partner,
        role=role,
        statement=statement or f"We work with {partner} on public-sector contracts.",
    )
    if confirmed or ended:
        partner_user = partner.users.first() or SupplierUserFactory(supplier_organisation=partner)
        services.partnership_confirm(actor=partner_user, partnership=partnership)
    if ended:
        services.partnership_end(actor=supplier_user, partnership=partnership)
    partnership.refresh_from_db()
    return partnership


def supplier_showcase_make() -> dict:
    """A realistic supplier profile: an SME social enterprise serving two regions, with
    accreditations, social-value commitments, partners both ways (and one ended
    partnership), and two published listings on one framework's lots."""
    from marketplace.core.models import Region
    from suppliers.models import Accreditation, VcseType

    supplier_user = SupplierUserFactory(
        supplier_organisation__name="Acorn Digital Co-operative Limited",
        supplier_organisation__trading_name="Acorn Digital",
        supplier_organisation__companies_house_number="01234567",
        supplier_organisation__description="A worker co-operative building services for councils.",
        supplier_organisation__website="https://acorn.example.coop/",
        supplier_organisation__vcse_type=VcseType.COOPERATIVE,
        supplier_organisation__head_office_region=Region.objects.get(code="TLE"),
        supplier_organisation__real_living_wage_employer=True,
        supplier_organisation__offers_apprenticeships=True,
        supplier_organisation__carbon_reduction_plan_url="https://acorn.example.coop/carbon",
        supplier_organisation__code_of_conduct_url="https://acorn.example.coop/conduct",
        supplier_organisation__verified=True,
    )
    supplier = supplier_user.supplier_organisation
    supplier.regions_served.set(Region.objects.filter(code__in=["TLE", "TLC"]))
    supplier.accreditations.set(
        Accreditation.objects.filter(slug__in=["cyber-essentials", "iso-9001"])
    )

    subcontractor = SupplierOrganisationFactory(name="Birch Hosting Ltd", size_band=SizeBand.MICRO)
    prime_user = SupplierUserFactory(
        supplier_organisation__name="Cedar Systems plc",
        supplier_organisation__size_band=SizeBand.LARGE,
    )
    former = SupplierOrganisationFactory(name="Damson Data Ltd")
    partnership_make(
        supplier_user=supplier_user,
        partner=subcontractor,
        statement="Birch Hosting runs the servers for our case management service.",
    )
    partnership_make(
        supplier_user=prime_user,
        partner=supplier,
        statement="Acorn Digital designs the citizen-facing forms on our council contracts.",
    )
    partnership_make(
        supplier_user=supplier_user,
        partner=former,
        statement="Damson Data migrated our records until 2023.",
        ended=True,
    )

    framework = FrameworkFactory(name="Digital Outcomes 7", slug="digital-outcomes-7")
    software, support = LotFactory(framework=framework), LotFactory(framework=framework)
    reviewer = CcsReviewerFactory()
    case_management = listing_make(
        supplier_user=supplier_user,
        lot=software,
        reviewer=reviewer,
        publish=True,
        name="Case management for housing teams",
        summary="Track housing repairs and complaints from report to resolution.",
        description="Tenants report repairs online; officers see every case on one screen.",
        features=["Online repair reporting", "Complaint deadlines tracked"],
        benefits=["Fewer missed repair appointments"],
        open_standards=["openapi", "wcag-22"],
        integrations=["govuk-notify"],
        serves_whole_uk=False,
        regions=list(Region.objects.filter(code__in=["TLE", "TLC"])),
        buy_online=True,
        unit_price=Decimal("25.00"),
    )
    user_research = listing_make(
        supplier_user=supplier_user,
        lot=support,
        reviewer=reviewer,
        publish=True,
        name="User research with residents",
        summary="Interviews and usability testing with the people your service is for.",
        description="Researchers recruit residents, run sessions and report what to change.",
        features=["Recruitment of participants", "Accessible usability testing"],
        benefits=["Services that residents can use first time"],
        price=Decimal("650.00"),
        price_unit="day",
        pricing_model="fixed",
    )
    return {
        "supplier": supplier,
        "supplier_user": supplier_user,
        "subcontractor": subcontractor,
        "prime": prime_user.supplier_organisation,
        "former": former,
        "framework": framework,
        "lots": (software, support),
        "listings": (case_management, user_research),
        "reviewer": reviewer,
    }
