"""The buyer's filter form: the SearchRequest it builds and every message it gives."""

from decimal import Decimal

import pytest
from django.http import QueryDict

from search.filters import PAGE_MAX, ListingSearchFilterSet
from search.request import SearchRequest
from search.services import search_entries_rebuild
from tests.factories import LotFactory, category_make
from tests.search.catalogue import catalogue_make

pytestmark = pytest.mark.django_db


def filterset(query: str) -> ListingSearchFilterSet:
    return ListingSearchFilterSet(QueryDict(query))


def errors(query: str) -> dict[str, list[str]]:
    form = filterset(query).form
    form.is_valid()
    return {field: list(messages) for field, messages in form.errors.items()}


@pytest.mark.smoke
def test_a_full_query_string_becomes_a_search_request():
    parent = category_make("Software")
    child = category_make("Backup", parent=parent)
    lot = LotFactory(categories=[child])
    framework = lot.framework.slug
    query = (
        f"q=++cloud+++backup+&framework={framework}&lot={framework}/{lot.slug}"
        f"&category={parent.slug}&region=TLC&region=TLD&based_in=TLI&size=sme&size=large"
        "&vcse=on&accreditation=cyber-essentials&accreditation=iso-27001&open_standards=1"
        "&apprenticeships=on&integration=govuk-pay&buy_online=on"
        "&price_min=%C2%A31%2C000&price_max=2500.50&sort=price&page=3"
    )
    search = filterset(query)

    assert search.is_valid(), search.form.errors
    assert search.search_request() == SearchRequest(
        keywords="cloud backup",
        framework=framework,
        lot=f"{framework}/{lot.slug}",
        categories=(parent.slug,),
        regions=("TLC", "TLD"),
        based_in=("TLI",),
        sizes=("sme", "large"),
        vcse=True,
        accreditations=("cyber-essentials", "iso-27001"),
        open_standards=True,
        apprenticeships=True,
        integrations=("govuk-pay",),
        buy_online=True,
        price_min=Decimal("1000"),
        price_max=Decimal("2500.50"),
        sort="price",
        page=3,
    )


def test_an_empty_query_string_is_the_default_request():
    search = filterset("")

    assert search.is_valid()
    assert search.search_request() == SearchRequest()


def test_choices_come_from_the_catalogue():
    parent = category_make("Software")
    child = category_make("Backup", parent=parent)
    lot = LotFactory(categories=[child], framework__name="G-Cloud 99", number="2", name="Backup")
    form = filterset("").form

    assert (child.slug, "Software: Backup") in list(form.fields["category"].choices)
    assert (lot.framework.slug, "G-Cloud 99") in list(form.fields["framework"].choices)
    lot_value = f"{lot.framework.slug}/{lot.slug}"
    assert (lot_value, "G-Cloud 99: Lot 2 Backup") in list(form.fields["lot"].choices)
    regions = dict(form.fields["region"].choices)
    assert regions["TLC"] == "North East"
    assert len(regions) == 12
    assert dict(form.fields["based_in"].choices) == regions
    assert "cyber-essentials" in dict(form.fields["accreditation"].choices)
    assert list(dict(form.fields["size"].choices)) == ["sme", "micro", "small", "medium", "large"]


def test_the_form_renders_region_checkboxes_and_keeps_answers():
    html = filterset("region=TLC&q=backup").form.as_div()

    assert 'type="checkbox" name="region" value="TLC"' in html
    assert 'value="TLC" id="id_region_0" checked' in html
    assert 'value="backup"' in html


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("price_min=cheap", "price_min", "Minimum price must be a number, like 10 or 12.50"),
        ("price_max=ten", "price_max", "Maximum price must be a number, like 10 or 12.50"),
        ("price_min=-1", "price_min", "Minimum price must be £0 or more"),
        ("price_max=-0.01", "price_max", "Maximum price must be £0 or more"),
        ("price_min=NaN", "price_min", "Minimum price must be a number, like 10 or 12.50"),
        ("price_max=1e20", "price_max", "Maximum price must be less than £10 billion"),
        (
            "price_min=100&price_max=10",
            "price_max",
            "Maximum price must be the same as or more than the minimum price",
        ),
        ("page=two", "page", "Page must be a whole number, like 2"),
        ("page=0", "page", "Page must be 1 or more"),
        (
            f"page={PAGE_MAX + 1}",
            "page",
            f"There are no more than {PAGE_MAX} pages. Narrow your search to see more",
        ),
        ("sort=cheapest", "sort", "Choose an order from the list"),
        ("region=XYZ", "region", "Choose regions from the list"),
        ("based_in=XYZ", "based_in", "Choose regions from the list"),
        ("size=tiny", "size", "Choose supplier sizes from the list"),
        ("accreditation=made-up", "accreditation", "Choose accreditations from the list"),
        ("integration=made-up", "integration", "Choose government platforms from the list"),
        ("category=made-up", "category", "Choose categories from the list"),
        ("framework=made-up", "framework", "Choose a framework from the list"),
        ("lot=made-up/lot", "lot", "Choose a lot from the list"),
        ("q=" + "a" * 201, "q", "Search words must be 200 characters or fewer"),
    ],
)
def test_each_invalid_answer_has_a_plain_english_message(query, field, message):
    assert errors(query) == {field: [message]}


def test_a_lot_must_belong_to_the_chosen_framework():
    lot = LotFactory()
    other = LotFactory()
    query = f"framework={other.framework.slug}&lot={lot.framework.slug}/{lot.slug}"

    assert errors(query) == {
        "lot": ["Choose a lot from the framework you chose, or choose any framework"]
    }


def test_an_invalid_form_still_builds_a_request_from_its_valid_answers():
    search = filterset("q=backup&price_min=abc&region=TLC&page=-3")

    assert not search.is_valid()
    assert search.search_request() == SearchRequest(keywords="backup", regions=("TLC",))


@pytest.mark.smoke
def test_the_filtersets_queryset_uses_the_executors_filters():
    catalogue_make()
    search_entries_rebuild()

    search = filterset("region=TLI&size=sme&sort=name")

    assert [entry.document["name"] for entry in search.qs.order_by("name_sort")] == [
        "Charlie hosting"
    ]
