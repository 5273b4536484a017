"""Factories for the tests: real model instances with plausible values."""

import factory
from django.utils import timezone

from frameworks.models import BuyingOrganisation, Framework
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
