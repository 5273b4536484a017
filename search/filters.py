"""The buyer's filter form, and the ``SearchRequest`` it builds from the query string.

One FilterSet renders the filter form (a GET, so every search is a link that
works without JavaScript) and validates the answers; ``search_request()`` turns
the valid answers into the request both executors take. Nothing here reads the
HTTP request, so the Wagtail admin can reuse it on its own views.

Invalid answers become form errors in plain English (the page answers 400 and
keeps the form); ``search_request()`` then uses only the valid answers, so it
never raises.
"""

from decimal import Decimal

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from marketplace.core.money import PoundsField

from .database import entries_matching
from .facet_vocabulary import TRUE
from .facets import Facet, Match, facets_all
from .models import SearchEntry
from .request import PAGE_SIZE, SearchRequest

KEYWORDS_MAX = 200
PRICE_MAX = Decimal("9999999999.99")
# Engines page no further than 10,000 results (from + size), so neither do we.
PAGE_MAX = 10_000 // PAGE_SIZE

SORT_CHOICES = [
    ("relevance", _("Best match")),
    ("price", _("Lowest price")),
    ("name", _("Name (A to Z)")),
]


def _choose_from_list(what: str) -> dict[str, str]:
    message = _("Choose %(what)s from the list") % {"what": what}
    return {"invalid_choice": message, "invalid_list": message}


def _checkboxes(label, choices, what) -> django_filters.MultipleChoiceFilter:
    return django_filters.MultipleChoiceFilter(
        label=label,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_choose_from_list(what),
    )


class PriceFilter(django_filters.NumberFilter):
    field_class = PoundsField

    @classmethod
    def bound(cls, which) -> "PriceFilter":
        """The minimum or maximum price filter, with its messages."""
        return cls(
            label=_("%(which)s price (£)") % {"which": which},
            what=_("price"),
            decimal_places=None,  # a bound to compare with, not an amount to store
            min_value=0,
            max_value=PRICE_MAX,
            error_messages={
                "invalid": _("%(which)s price must be a number, like 10 or 12.50")
                % {"which": which},
                "min_value": _("%(which)s price must be £0 or more") % {"which": which},
                "max_value": _("%(which)s price must be less than £10 billion") % {"which": which},
            },
        )


class CheckboxFilter(django_filters.BooleanFilter):
    """A single tick box: ticked narrows the search, unticked does not filter."""

    field_class = forms.BooleanField


class PageFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


def _facet_filter(facet: Facet) -> django_filters.Filter:
    """The form filter of one facet of the table (search/facets.py)."""
    if facet.match is Match.YES:
        return CheckboxFilter(label=facet.label)
    if facet.match is Match.ONE:
        return django_filters.ChoiceFilter(
            label=facet.label,
            choices=facet.choices,
            empty_label=facet.empty_label,
            error_messages=_choose_from_list(facet.what),
        )
    return _checkboxes(facet.label, facet.choices, facet.what)


def _chosen(value) -> tuple[str, ...]:
    """A facet's cleaned answer (a string, a list or a tick) as the values chosen."""
    if isinstance(value, bool):
        return (TRUE,) if value else ()
    if isinstance(value, str):
        return (value,) if value else ()
    return tuple(value or ())


class ListingSearchForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("price_min"), cleaned.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "price_max",
                ValidationError(
                    _("Maximum price must be the same as or more than the minimum price"),
                    code="price_order",
                ),
            )
        framework, lot = cleaned.get("framework"), cleaned.get("lot")
        if framework and lot and not lot.startswith(f"{framework}/"):
            self.add_error(
                "lot",
                ValidationError(
                    _("Choose a lot from the framework you chose, or choose any framework"),
                    code="lot_framework",
                ),
            )
        return cleaned


class _KeywordsFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search for services"),
        max_length=KEYWORDS_MAX,
        error_messages={
            "max_length": _("Search words must be %(max)s characters or fewer")
            % {"max": KEYWORDS_MAX}
        },
    )


# One filter per facet, in the facet table's order, after the keywords: a FilterSet
# lists its parents' filters first, so the form's fields (and the error summary)
# follow the page.
_FacetsFilterSet = type(_KeywordsFilterSet)(
    "_FacetsFilterSet",
    (_KeywordsFilterSet,),
    {"__module__": __name__, **{facet.name: _facet_filter(facet) for facet in facets_all()}},
)


class ListingSearchFilterSet(_FacetsFilterSet):
    open_standards = CheckboxFilter(label=_("Supports open standards"))
    apprenticeships = CheckboxFilter(label=_("Supplier offers apprenticeships"))
    price_min = PriceFilter.bound(_("Minimum"))
    price_max = PriceFilter.bound(_("Maximum"))
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        empty_label=None,
        error_messages=_choose_from_list(_("an order")),
    )
    page = PageFilter(
        label=_("Page"),
        min_value=1,
        max_value=PAGE_MAX,
        error_messages={
            "invalid": _("Page must be a whole number, like 2"),
            "min_value": _("Page must be 1 or more"),
            "max_value": _("There are no more than %(max)s pages. Narrow your search to see more")
            % {"max": PAGE_MAX},
        },
    )

    class Meta:
        model = SearchEntry
        fields: list[str] = []
        form = ListingSearchForm

    def search_request(self) -> SearchRequest:
        """The buyer's request, from the answers that are valid (all of them, if the form is)."""
        self.is_valid()
        data = self.form.cleaned_data
        chosen = {}
        for facet in facets_all():
            chosen |= facet.ask(_chosen(data.get(facet.name)))
        return SearchRequest(
            keywords=" ".join((data.get("q") or "").split()),
            **chosen,
            open_standards=bool(data.get("open_standards")),
            apprenticeships=bool(data.get("apprenticeships")),
            price_min=data.get("price_min"),
            price_max=data.get("price_max"),
            sort=data.get("sort") or "relevance",
            page=data.get("page") or 1,
        )

    def filter_queryset(self, queryset):
        """The entries the request allows, through the database executor's own filters."""
        return entries_matching(self.search_request(), queryset)
