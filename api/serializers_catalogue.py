"""Frameworks, lots, categories, suppliers and live listings as the API shows them.

Every field is named here on purpose: a new model field never reaches the public
until someone adds it below. Supplier contact details, listing documents and every
version other than the live one are left out.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from suppliers.identifiers import organisation_identifier


class OrganisationRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class SupplierRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField(source="display_name")


class LotSerializer(serializers.Serializer):
    slug = serializers.CharField()
    number = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    categories = serializers.SerializerMethodField()

    def get_categories(self, lot) -> list[str]:
        return sorted(category.slug for category in lot.categories.all())


class FrameworkSerializer(serializers.Serializer):
    slug = serializers.CharField()
    reference = serializers.CharField()
    name = serializers.CharField()
    owner = OrganisationRefSerializer()
    description = serializers.CharField()
    how_to_buy = serializers.CharField()
    route_to_market = serializers.CharField()
    status = serializers.CharField(source="current_status.value")
    status_label = serializers.CharField(source="current_status_label")
    planned = serializers.BooleanField()
    sectors = serializers.ListField(child=serializers.CharField())
    applications_open = serializers.DateField(allow_null=True)
    applications_close = serializers.DateField(allow_null=True)
    live_from = serializers.DateField(allow_null=True)
    expires = serializers.DateField(allow_null=True)
    lots = LotSerializer(many=True)


class CategorySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    cpv_codes = serializers.ListField(child=serializers.CharField())
    children = serializers.SerializerMethodField()

    @extend_schema_field({"type": "array", "items": {"$ref": "#/components/schemas/Category"}})
    def get_children(self, category):
        return [CategorySerializer(child).data for child in category.tree_children]


class IdentifierSerializer(serializers.Serializer):
    scheme = serializers.CharField()
    id = serializers.CharField()


class DimensionSerializer(serializers.Serializer):
    dimension = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    not_applicable = serializers.IntegerField()
    mean = serializers.FloatField(allow_null=True)


class FeedbackSummarySerializer(serializers.Serializer):
    reviews = serializers.IntegerField(help_text="Published feedback that counts in the figures.")
    left_out = serializers.IntegerField(help_text="Published feedback left out (dispute upheld).")
    would_use_again = serializers.IntegerField(help_text="How many said they would use it again.")
    would_use_again_answered = serializers.IntegerField()
    dimensions = DimensionSerializer(many=True)


def supplier_identifiers(supplier) -> list[dict]:
    """Every org-id.guide identifier the supplier has: its company and its charity."""
    identifiers = []
    for company, charity in (
        (supplier.companies_house_number, ""),
        ("", supplier.charity_number),
    ):
        identifier = organisation_identifier(company_number=company, charity_number=charity)
        if identifier:
            scheme, _, number = identifier.rpartition("-")
            identifiers.append({"scheme": scheme, "id": number})
    return identifiers


class SupplierSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField(help_text="The legal name.")
    trading_name = serializers.CharField()
    display_name = serializers.CharField()
    identifier = serializers.CharField(help_text="The main org-id.guide identifier, or empty.")
    identifiers = serializers.SerializerMethodField()
    description = serializers.CharField()
    website = serializers.CharField()
    size = serializers.CharField(source="size_band")
    is_sme = serializers.BooleanField()
    vcse = serializers.BooleanField(source="is_vcse")
    vcse_type = serializers.CharField()
    head_office_region = serializers.CharField(source="head_office_region_id", allow_null=True)
    serves_whole_uk = serializers.BooleanField()
    regions_served = serializers.SerializerMethodField()
    accreditations = serializers.SerializerMethodField()
    real_living_wage_employer = serializers.BooleanField()
    offers_apprenticeships = serializers.BooleanField()
    carbon_reduction_plan_url = serializers.CharField()
    verified = serializers.BooleanField()
    feedback = serializers.SerializerMethodField()

    @extend_schema_field(IdentifierSerializer(many=True))
    def get_identifiers(self, supplier):
        return supplier_identifiers(supplier)

    def get_regions_served(self, supplier) -> list[str]:
        return sorted(region.code for region in supplier.regions_served.all())

    def get_accreditations(self, supplier) -> list[str]:
        return [accreditation.slug for accreditation in supplier.accreditations.all()]

    @extend_schema_field(FeedbackSummarySerializer)
    def get_feedback(self, supplier):
        summary = self.context["feedback"][supplier.slug]
        return FeedbackSummarySerializer(summary).data


class ListingSerializer(serializers.Serializer):
    """A published listing and its live version: what buyers see on the service page."""

    id = serializers.IntegerField(source="pk")
    version = serializers.IntegerField(source="live_version.number")
    supplier = SupplierRefSerializer()
    framework = serializers.CharField(source="lot.framework.slug")
    lot = serializers.SerializerMethodField()
    name = serializers.CharField(source="live_version.name")
    summary = serializers.CharField(source="live_version.summary")
    description = serializers.CharField(source="live_version.description")
    features = serializers.ListField(child=serializers.CharField(), source="live_version.features")
    benefits = serializers.ListField(child=serializers.CharField(), source="live_version.benefits")
    categories = serializers.SerializerMethodField()
    serves_whole_uk = serializers.BooleanField(source="live_version.serves_whole_uk")
    regions = serializers.SerializerMethodField()
    open_standards = serializers.ListField(
        child=serializers.CharField(), source="live_version.open_standards"
    )
    integrations = serializers.ListField(
        child=serializers.CharField(), source="live_version.integrations"
    )
    price = serializers.DecimalField(max_digits=12, decimal_places=2, source="live_version.price")
    price_unit = serializers.CharField(source="live_version.price_unit")
    pricing_model = serializers.CharField(source="live_version.pricing_model")
    free_trial = serializers.BooleanField(source="live_version.free_trial")
    education_pricing = serializers.BooleanField(source="live_version.education_pricing")
    buy_online = serializers.BooleanField(source="live_version.buy_online")
    published_at = serializers.DateTimeField(allow_null=True)

    def get_lot(self, listing) -> str:
        return f"{listing.lot.framework.slug}/{listing.lot.slug}"

    def get_categories(self, listing) -> list[str]:
        return sorted(category.slug for category in listing.live_version.categories.all())

    def get_regions(self, listing) -> list[str]:
        return sorted(region.code for region in listing.live_version.regions.all())
