"""Published feedback, strategies, pipeline entries and awards as the API shows them.

Feedback comes from ``feedback.selectors.public_feedback`` (``PublicFeedback``),
which never carries an author or the organisation behind a pseudonym. Awards never
carry who recorded them, card orders never the person who ordered or the Stripe ids,
and no buyer contact is read at all.
"""

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .serializers_catalogue import OrganisationRefSerializer, SupplierRefSerializer


class RatingsSerializer(serializers.Serializer):
    """Each rating from 5 (exceptional) to 1 (unsatisfactory); null means not applicable."""

    overall = serializers.IntegerField(allow_null=True)
    quality = serializers.IntegerField(allow_null=True)
    timeliness = serializers.IntegerField(allow_null=True)
    value = serializers.IntegerField(allow_null=True)
    communication = serializers.IntegerField(allow_null=True)
    social_value = serializers.IntegerField(allow_null=True)


class FeedbackVersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    published_at = serializers.DateTimeField(allow_null=True)
    ratings = RatingsSerializer()
    would_use_again = serializers.BooleanField(allow_null=True)
    went_well = serializers.CharField()
    could_be_better = serializers.CharField()
    redacted = serializers.BooleanField()
    redaction_reason = serializers.CharField()
    dispute_outcome = serializers.CharField(help_text="Empty when never disputed.")
    dispute_decision = serializers.CharField()


class FeedbackSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    supplier = serializers.SerializerMethodField()
    listing_id = serializers.IntegerField(allow_null=True)
    from_name = serializers.CharField(
        help_text='The buyer organisation, or how it chose to be described, such as "A council '
        'in the North West".'
    )
    sector = serializers.CharField()
    relationship = serializers.CharField()
    current = FeedbackVersionSerializer()
    history = FeedbackVersionSerializer(many=True)
    response = serializers.CharField(help_text="The supplier's published reply, or empty.")
    is_illustrative = serializers.BooleanField()

    @extend_schema_field(OrganisationRefSerializer)
    def get_supplier(self, item):
        return {"slug": item.supplier_slug, "name": item.supplier_name}


class StrategySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    organisation = OrganisationRefSerializer()
    financial_year = serializers.IntegerField(help_text="2026 means April 2026 to March 2027.")
    financial_year_label = serializers.CharField()
    illustrative = serializers.BooleanField()
    url = serializers.SerializerMethodField()
    pipeline_entries = serializers.IntegerField(source="entry_count")

    def get_url(self, strategy) -> str:
        return self.context["request"].build_absolute_uri(strategy.url)


class PipelineEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    organisation = OrganisationRefSerializer(source="page.organisation")
    strategy = serializers.IntegerField(source="page_id")
    financial_year = serializers.IntegerField(source="page.financial_year")
    categories = serializers.SerializerMethodField()
    cpv_codes = serializers.ListField(child=serializers.CharField())
    value_amount = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    value_band = serializers.CharField()
    procurement_start = serializers.DateField(allow_null=True)
    contract_start = serializers.DateField(allow_null=True)
    route_to_market = serializers.CharField()
    framework = serializers.CharField(source="framework.slug", allow_null=True, default=None)
    regions = serializers.SerializerMethodField()
    suitable_for_sme = serializers.BooleanField()
    suitable_for_vcse = serializers.BooleanField()
    confidence = serializers.CharField()
    status = serializers.CharField()

    def get_categories(self, entry) -> list[str]:
        return sorted(category.slug for category in entry.categories.all())

    def get_regions(self, entry) -> list[str]:
        return sorted(region.code for region in entry.regions.all())


class BuyerRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    sector = serializers.CharField()


class AwardSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    supplier = SupplierRefSerializer(source="awarded_entry.listing.supplier")
    buyer_organisation = BuyerRefSerializer(source="saved_search.project.buyer_organisation")
    listing_id = serializers.IntegerField(source="awarded_entry.listing_id")
    listing_version = serializers.IntegerField(source="awarded_entry.listing_version.number")
    value = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    recorded_at = serializers.DateTimeField()


def _pounds(pence: int) -> Decimal:
    return Decimal(pence) / 100


class OrderSerializer(serializers.Serializer):
    """A paid card order: the fields are named one by one, so the person who ordered,
    the Stripe ids and the platform fee can never slip in."""

    id = serializers.IntegerField()
    supplier = SupplierRefSerializer()
    buyer_organisation = BuyerRefSerializer()
    listing_id = serializers.IntegerField()
    listing_version = serializers.IntegerField(source="listing_version.number")
    service_name = serializers.CharField()
    unit = serializers.CharField(source="unit_name")
    quantity = serializers.IntegerField()
    unit_price = serializers.SerializerMethodField(help_text="Before VAT.")
    total_before_vat = serializers.SerializerMethodField()
    vat = serializers.SerializerMethodField()
    total = serializers.SerializerMethodField(help_text="Including VAT: what the buyer paid.")
    currency = serializers.SerializerMethodField()
    paid_at = serializers.DateTimeField()

    @extend_schema_field(serializers.DecimalField(max_digits=12, decimal_places=2))
    def get_unit_price(self, order) -> str:
        return f"{_pounds(order.unit_price_pence):.2f}"

    @extend_schema_field(serializers.DecimalField(max_digits=14, decimal_places=2))
    def get_total_before_vat(self, order) -> str:
        return f"{_pounds(order.subtotal_pence):.2f}"

    @extend_schema_field(serializers.DecimalField(max_digits=14, decimal_places=2))
    def get_vat(self, order) -> str:
        return f"{_pounds(order.vat_pence):.2f}"

    @extend_schema_field(serializers.DecimalField(max_digits=14, decimal_places=2))
    def get_total(self, order) -> str:
        return f"{_pounds(order.total_pence):.2f}"

    @extend_schema_field(serializers.ChoiceField(choices=["GBP"]))
    def get_currency(self, order) -> str:
        return "GBP"
