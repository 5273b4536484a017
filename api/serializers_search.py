"""A search answer: the same hits, total and facets the /search/ page shows."""

from rest_framework import serializers

from search.filters import PAGE_MAX
from search.request import PAGE_SIZE


class SearchHitSerializer(serializers.Serializer):
    """One result, from the search document of the listing's live version."""

    id = serializers.IntegerField()
    version = serializers.IntegerField()
    name = serializers.CharField()
    summary = serializers.CharField()
    supplier = serializers.SerializerMethodField()
    size = serializers.CharField()
    is_sme = serializers.BooleanField()
    vcse = serializers.BooleanField()
    based_in = serializers.CharField()
    framework = serializers.CharField()
    framework_name = serializers.CharField()
    lot = serializers.CharField()
    lot_name = serializers.CharField()
    categories = serializers.ListField(child=serializers.CharField(), source="category_slugs")
    regions = serializers.ListField(child=serializers.CharField())
    whole_uk = serializers.BooleanField()
    accreditations = serializers.ListField(child=serializers.CharField())
    integrations = serializers.ListField(child=serializers.CharField())
    buy_online = serializers.BooleanField()
    price = serializers.FloatField()
    price_unit = serializers.CharField()

    def get_supplier(self, document) -> dict[str, str]:
        return {"slug": document["supplier_slug"], "name": document["supplier_name"]}


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class SearchResultSerializer(serializers.Serializer):
    licence = serializers.URLField()
    total = serializers.IntegerField(help_text="Every matching listing, not only this page.")
    page = serializers.IntegerField(min_value=1, max_value=PAGE_MAX)
    page_size = serializers.IntegerField(default=PAGE_SIZE)
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    executor = serializers.CharField(help_text='"engine" or "database".')
    fell_back = serializers.BooleanField(
        help_text="The search engine could not answer, so the database did."
    )
    did_you_mean = serializers.CharField(
        allow_null=True,
        help_text="The search words spelt as the catalogue spells them when one looked "
        'misspelt ("payrol" gives "payroll"), to search again with; null otherwise.',
    )
    results = SearchHitSerializer(many=True)
    facets = serializers.DictField(child=FacetValueSerializer(many=True))
